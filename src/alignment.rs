//! The alignment file: a human-readable, diff-friendly TOML record of which paragraphs of a
//! text pair with which paragraphs of its translation; loading it with clear errors, checking
//! it against the texts it was made from, and saving it atomically.
//!
//! ```toml
//! # diglot alignment: edit freely; the ids count, the excerpts are for reading.
//! format = 1
//! work = "uprising"
//!
//! [left]
//! lang = "en"
//! source = "uprising-in-kazakhstan.en.txt"
//! hash = "fnv1a64:0123456789abcdef"
//! paragraphs = 120
//! one_per_line = false
//! pick_lang = true
//!
//! [right]
//! lang = "zh"
//! source = "uprising-in-kazakhstan.zh.txt"
//! hash = "fnv1a64:fedcba9876543210"
//! paragraphs = 118
//!
//! [[group]]
//! left = [0]
//! right = [0, 1]
//! confidence = 0.93
//! status = "verified"
//! left_text = "A full-scale uprising has broken out…"
//! right_text = "哈萨克斯坦爆发了一场全面的起义…"
//! ```
//!
//! - `format` is the version of this layout (1); a file of another version is refused.
//! - `work` names the work of the catalogue the texts come from; it is absent for texts a user
//!   aligned from their own files, whose `source` is then a path (relative paths are looked up
//!   beside the alignment file first, then in the current directory).
//! - `hash` is [`Document::content_hash`] of the text when it was aligned and `paragraphs` its
//!   paragraph count: when either differs from the text now, the file is *stale*.
//! - `one_per_line`, `encoding` (when not UTF-8) and `pick_lang` (when true) say how the text
//!   was read from its file ([`Reading`]); they are read back exactly. A side without them
//!   (a file written before they existed) is read by trying the readings it may have had.
//! - Each `[[group]]` pairs 0-based paragraph ids of the left text with ids of the right one.
//!   Every paragraph of both sides is in exactly one group, in order; one side may be empty (a
//!   paragraph with no counterpart), never both. `confidence` is in [0, 1]; `status` is `auto`
//!   (proposed by the aligner) or `verified` (checked by a person).
//! - `left_text`/`right_text` are excerpts for people reading the file (and for `diglot check`
//!   to say what changed in a stale source); the ids are what counts.

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use encoding_rs::Encoding;

use crate::document::{Document, Lang};
use crate::error::{Error, Result};
use crate::import::ImportOptions;

pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Proposed by the aligner, not yet checked by a person.
    #[default]
    Auto,
    /// Checked by a person: kept as it is when the text is re-aligned.
    Verified,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Auto => "auto",
            Status::Verified => "verified",
        }
    }
}

/// One aligned group: paragraphs of the left text paired with paragraphs of the right.
/// Either side may be empty (a paragraph with no counterpart), never both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub left: Vec<usize>,
    pub right: Vec<usize>,
    /// How sure the aligner was, in [0, 1].
    pub confidence: f32,
    #[serde(default)]
    pub status: Status,
}

impl Group {
    pub fn new(left: Vec<usize>, right: Vec<usize>, confidence: f32) -> Group {
        Group { left, right, confidence, status: Status::Auto }
    }

    /// The shape of the group, as `1-1`, `2-1`, `0-1`...
    pub fn shape(&self) -> (usize, usize) {
        (self.left.len(), self.right.len())
    }

    /// `left [3, 4], right [5]`: how messages name a group besides its number.
    pub fn ids_label(&self) -> String {
        format!("left {:?}, right {:?}", self.left, self.right)
    }
}

/// Which text one side of an alignment was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub lang: Lang,
    /// The source file name (a seed's name, or the path the user gave).
    pub source: String,
    /// [`Document::content_hash`] of the text when it was aligned.
    pub hash: String,
    pub paragraphs: usize,
    /// How the text was read from its file. `None` in a file written before diglot recorded
    /// it (or for a text that came from no file): such a side is read by guessing.
    pub reading: Option<Reading>,
}

impl Side {
    /// The side of a text whose reading is not known (see [`Side::read_as`]).
    pub fn of(doc: &Document, source: impl Into<String>) -> Side {
        Side {
            lang: doc.lang,
            source: source.into(),
            hash: doc.content_hash(),
            paragraphs: doc.len(),
            reading: None,
        }
    }

    /// The side of a text read from its file as `reading` says (see [`import_side`]).
    pub fn read_as(doc: &Document, source: impl Into<String>, reading: Reading) -> Side {
        Side { reading: Some(reading), ..Side::of(doc, source) }
    }
}

/// How one side's text was read from its file: everything besides the file's bytes that
/// decides its paragraphs. Recorded per side in the alignment file (`one_per_line`,
/// `encoding`, `pick_lang`) so that `read`, `check` and `export` read a text exactly as
/// `align` (or the reader that saved the file) did, and agree on whether it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reading {
    /// Every non-empty line is one paragraph (`--one-per-line`).
    pub one_per_line: bool,
    /// The encoding the file was read in, when it is not UTF-8.
    pub encoding: Option<&'static Encoding>,
    /// The text is the part of its file in the side's language, picked as `--left-lang` /
    /// `--right-lang` pick it (one language of a multi-language bundle, or a mixed text's
    /// paragraphs in that language).
    pub pick_lang: bool,
}

impl Reading {
    /// The importer's options that read the text of a side in `lang` as recorded.
    pub fn options(&self, lang: Lang) -> ImportOptions {
        ImportOptions {
            one_per_line: self.one_per_line,
            lang: self.pick_lang.then_some(lang),
            encoding: self.encoding,
        }
    }
}

/// The one way a text is read from a file for an alignment: `align`, the reader, `check` and
/// `export` all import through here, so the same settings give the same paragraphs, and each
/// gets back the [`Reading`] to record beside the side (the encoding actually used, which
/// `opts` may leave to detection).
pub fn import_sides(path: &Path, opts: &ImportOptions) -> Result<(Vec<Document>, Reading)> {
    let imported = crate::import::import_file_decoded(path, opts)?;
    let encoding = (imported.encoding != encoding_rs::UTF_8).then_some(imported.encoding);
    let reading = Reading { one_per_line: opts.one_per_line, encoding, pick_lang: opts.lang.is_some() };
    Ok((imported.documents, reading))
}

/// [`import_sides`] of a file that must hold one text (the one in `opts.lang`, when given);
/// `flag` is the option that picks a language of a multi-language file, for the error.
pub fn import_side(path: &Path, opts: &ImportOptions, flag: &str) -> Result<(Document, Reading)> {
    let (mut docs, reading) = import_sides(path, opts)?;
    if docs.len() == 1 {
        return Ok((docs.remove(0), reading));
    }
    let found = docs.iter().map(|d| d.lang.to_string()).collect::<Vec<_>>().join(", ");
    Err(Error::Usage(format!(
        "'{}': holds several languages ({found}); pick one with {flag}",
        crate::source::display(path)
    )))
}

/// A side as the file writes it: [`Side`] with its [`Reading`] as plain keys.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SideRecord {
    lang: Lang,
    source: String,
    hash: String,
    paragraphs: usize,
    /// Absent in files written before readings were recorded.
    #[serde(default)]
    one_per_line: Option<bool>,
    #[serde(default)]
    encoding: Option<String>,
    #[serde(default)]
    pick_lang: Option<bool>,
}

impl SideRecord {
    /// The side, or why its reading keys make no sense.
    fn into_side(self) -> std::result::Result<Side, String> {
        let encoding = match &self.encoding {
            None => None,
            Some(label) => Some(crate::source::parse_encoding(label)?),
        };
        // `one_per_line` is written in every file that records a reading; the other two only
        // when they say something, so its presence is what marks a recorded reading.
        let reading = match self.one_per_line {
            Some(one_per_line) => {
                Some(Reading { one_per_line, encoding, pick_lang: self.pick_lang.unwrap_or(false) })
            }
            None if encoding.is_some() || self.pick_lang.is_some() => {
                return Err(
                    "`encoding` and `pick_lang` need `one_per_line = true` or `false` beside them".into()
                );
            }
            None => None,
        };
        Ok(Side {
            lang: self.lang,
            source: self.source,
            hash: self.hash,
            paragraphs: self.paragraphs,
            reading,
        })
    }
}

/// A whole alignment of two texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    pub work: Option<String>,
    pub left: Side,
    pub right: Side,
    pub groups: Vec<Group>,
}

impl Alignment {
    /// The same alignment seen from the other side.
    pub fn flipped(&self) -> Alignment {
        Alignment {
            work: self.work.clone(),
            left: self.right.clone(),
            right: self.left.clone(),
            groups: self
                .groups
                .iter()
                .map(|g| Group { left: g.right.clone(), right: g.left.clone(), ..g.clone() })
                .collect(),
        }
    }

    /// How messages name the alignment when no file is involved: `uprising en-zh`.
    pub fn label(&self) -> String {
        match &self.work {
            Some(w) => format!("{w} {}-{}", self.left.lang, self.right.lang),
            None => format!("{} / {}", self.left.source, self.right.source),
        }
    }

    /// How many groups a person has checked.
    pub fn verified_count(&self) -> usize {
        self.groups.iter().filter(|g| g.status == Status::Verified).count()
    }
}

// ---------------------------------------------------------------------------------------------
// Validation

/// One thing wrong with an alignment, tied to the group where it shows when there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// 0-based index of the group, if the problem belongs to one.
    pub group: Option<usize>,
    pub message: String,
}

impl Problem {
    /// `group 5 (left [4], right [5, 6]): …`; `line` is where the group starts in its file.
    pub(crate) fn describe(&self, al: &Alignment, line: Option<usize>) -> String {
        let at = line.map(|l| format!("line {l}, ")).unwrap_or_default();
        match self.group.and_then(|i| al.groups.get(i).map(|g| (i, g))) {
            Some((i, g)) => format!("{at}group {} ({}): {}", i + 1, g.ids_label(), self.message),
            None => format!("{at}{}", self.message),
        }
    }
}

/// More paragraphs than any text could have: the largest text diglot reads is far smaller.
const MAX_PARAGRAPHS: usize = 50_000_000;

/// "3" or "3-7": a run of paragraph ids.
fn id_range(from: usize, to: usize) -> String {
    if from == to { format!("paragraph {from}") } else { format!("paragraphs {from}-{to}") }
}

impl Alignment {
    /// Every way in which the alignment fails to cover both texts exactly once and in order.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        for (i, g) in self.groups.iter().enumerate() {
            if g.left.is_empty() && g.right.is_empty() {
                out.push(Problem {
                    group: Some(i),
                    message: "empty group: no paragraph on either side".into(),
                });
            }
            if !g.confidence.is_finite() || !(0.0..=1.0).contains(&g.confidence) {
                out.push(Problem {
                    group: Some(i),
                    message: format!("confidence {} is outside [0, 1]", g.confidence),
                });
            }
        }
        for (name, side) in [("left", &self.left), ("right", &self.right)] {
            // A count no text has (a typo, a corrupt file) must not make the check below
            // allocate for it.
            if side.paragraphs > MAX_PARAGRAPHS {
                out.push(Problem {
                    group: None,
                    message: format!(
                        "the {name} text is said to have {} paragraphs, more than any text diglot reads ({MAX_PARAGRAPHS})",
                        side.paragraphs
                    ),
                });
                continue;
            }
            let ids = |g: &Group| if name == "left" { g.left.clone() } else { g.right.clone() };
            // Where each id was first seen, to tell a repeated paragraph from a misplaced one.
            let mut seen_in: Vec<Option<usize>> = vec![None; side.paragraphs];
            let mut next = 0usize;
            let mut anywhere: Vec<Option<usize>> = vec![None; side.paragraphs];
            for (i, g) in self.groups.iter().enumerate() {
                for id in ids(g) {
                    if let Some(slot) = anywhere.get_mut(id) {
                        slot.get_or_insert(i);
                    }
                }
            }
            for (i, g) in self.groups.iter().enumerate() {
                for id in ids(g) {
                    if id >= side.paragraphs {
                        let range = match side.paragraphs {
                            0 => "it has none".to_string(),
                            n => format!("ids 0-{}", n - 1),
                        };
                        out.push(Problem {
                            group: Some(i),
                            message: format!(
                                "{name} id {id} is out of range (the {name} text has {} paragraphs, {range})",
                                side.paragraphs
                            ),
                        });
                        continue;
                    }
                    if let Some(first) = seen_in[id] {
                        let also = if first == i {
                            "in this group".to_string()
                        } else {
                            format!("group {}", first + 1)
                        };
                        out.push(Problem {
                            group: Some(i),
                            message: format!("{name} paragraph {id} appears twice (also {also})"),
                        });
                        continue;
                    }
                    seen_in[id] = Some(i);
                    if id > next
                        && let Some((k, g)) = (next..id).find_map(|k| anywhere[k].map(|g| (k, g)))
                    {
                        out.push(Problem {
                            group: Some(i),
                            message: format!(
                                "{name} paragraphs out of order: {id} comes before {k} (which is in group {})",
                                g + 1
                            ),
                        });
                    } else if id > next {
                        out.push(Problem {
                            group: Some(i),
                            message: format!(
                                "{name} {} {} in no group (expected {next} next, found {id})",
                                id_range(next, id - 1),
                                if id - 1 == next { "is" } else { "are" }
                            ),
                        });
                    } else if id < next {
                        out.push(Problem {
                            group: Some(i),
                            message: format!(
                                "{name} paragraph {id} is out of order (expected {next} or later)"
                            ),
                        });
                        continue;
                    }
                    next = id + 1;
                }
            }
            if next < side.paragraphs {
                let missing = (next..side.paragraphs).filter(|&id| seen_in[id].is_none()).collect::<Vec<_>>();
                if let (Some(&a), Some(&b)) = (missing.first(), missing.last()) {
                    let verb = if a == b { "is" } else { "are" };
                    let detail = if missing.len() == b - a + 1 {
                        id_range(a, b)
                    } else {
                        format!(
                            "{} between {a} and {b}",
                            crate::document::counted(missing.len(), "paragraph")
                        )
                    };
                    out.push(Problem {
                        group: None,
                        message: format!(
                            "{name} {detail} {verb} in no group (the {name} text has {} paragraphs)",
                            side.paragraphs
                        ),
                    });
                }
            }
        }
        out.sort_by_key(|p| p.group.unwrap_or(usize::MAX));
        out
    }

    /// Checks that every paragraph of both sides is covered exactly once and in order, that no
    /// group is empty, that ids are in range of each side's paragraph count and that every
    /// confidence is in [0, 1]. The error names the first group that is wrong, with its ids.
    pub fn validate(&self) -> Result<()> {
        match self.problems().first() {
            None => Ok(()),
            Some(p) => Err(Error::BadAlignment { path: self.label(), message: p.describe(self, None) }),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// The file as TOML sees it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRecord {
    format: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    work: Option<String>,
    left: SideRecord,
    right: SideRecord,
    #[serde(default)]
    group: Vec<GroupRecord>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupRecord {
    left: Vec<usize>,
    right: Vec<usize>,
    confidence: f32,
    #[serde(default)]
    status: Status,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    left_text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    right_text: String,
}

/// The excerpts written beside one group (empty when the file was written without the texts).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Excerpt {
    pub left: String,
    pub right: String,
}

/// An alignment as read from its file, with what only the file knows: where it is, the
/// excerpts beside each group (used to say what changed in a stale source), and the line each
/// group starts on (used in messages).
#[derive(Debug, Clone)]
pub struct AlignmentFile {
    /// The path as given, for messages.
    pub path: String,
    pub alignment: Alignment,
    pub excerpts: Vec<Excerpt>,
    pub group_lines: Vec<usize>,
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

fn toml_error(path: &str, text: &str, e: &toml::de::Error, what: &str) -> Error {
    // A span over the whole file (a missing top-level key) has no line worth naming.
    let at = e
        .span()
        .filter(|s| !what.is_empty() || !(s.start == 0 && (s.end == 0 || s.end >= text.trim_end().len())))
        .map(|s| format!("line {}: ", line_of(text, s.start)))
        .unwrap_or_default();
    let message = e.message().trim().replace('\n', " ");
    Error::BadAlignment { path: path.to_string(), message: format!("{at}{what}{message}") }
}

/// The largest alignment file read: some 250,000 groups with their excerpts. The TOML parser
/// takes many times a file's size, so a bigger one (no alignment, surely) is refused unread.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The first line of `text` that is not blank or a comment, with its number, when it cannot
/// start a TOML file. The TOML parser would take many times the size of a big text (a book
/// passed to `check` by mistake) in memory only to say the same.
fn not_toml_at_a_glance(text: &str) -> Option<(usize, String)> {
    let (n, line) = text.lines().enumerate().find(|(_, l)| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    })?;
    let t = line.trim();
    let key_ok = |k: &str| {
        let k = k.trim();
        let quoted = k.len() >= 2
            && (k.starts_with('"') && k.ends_with('"') || k.starts_with('\'') && k.ends_with('\''));
        quoted || (!k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    };
    let looks_like_toml =
        t.starts_with('[') || t.split_once('=').is_some_and(|(k, _)| k.split('.').all(key_ok));
    if looks_like_toml {
        return None;
    }
    let mut found: String = t.chars().take(40).collect();
    if found.len() < t.len() {
        found.push('…');
    }
    Some((n + 1, crate::source::escape_controls(&found).into_owned()))
}

impl AlignmentFile {
    /// Parses and validates an alignment file. `path` is only used in messages.
    pub fn parse(path: &str, text: &str) -> Result<AlignmentFile> {
        let bad = |message: String| Error::BadAlignment { path: path.to_string(), message };
        if let Some((line, found)) = not_toml_at_a_glance(text) {
            return Err(bad(format!(
                "line {line}: not TOML (expected `key = value` or a `[table]`, found '{found}'): not a diglot alignment file"
            )));
        }
        // Syntax first, then the version, so that a file of another version is named as such
        // rather than reported as missing some field this version expects.
        let table: toml::Table =
            toml::from_str(text).map_err(|e| toml_error(path, text, &e, "invalid TOML: "))?;
        match table.get("format") {
            None => {
                return Err(bad(format!(
                    "no `format = {FORMAT_VERSION}` line: not a diglot alignment file (see `diglot check --help`)"
                )));
            }
            Some(toml::Value::Integer(n)) if *n == i64::from(FORMAT_VERSION) => {}
            Some(toml::Value::Integer(n)) => {
                return Err(bad(format!(
                    "format {n} is not supported by this diglot (it reads format {FORMAT_VERSION})"
                )));
            }
            Some(v) => return Err(bad(format!("`format` should be the number {FORMAT_VERSION}, not {v}"))),
        }
        let rec: FileRecord = toml::from_str(text).map_err(|e| toml_error(path, text, &e, ""))?;
        let group_lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with("[[group]]"))
            .map(|(n, _)| n + 1)
            .collect::<Vec<_>>();
        let mut excerpts = Vec::with_capacity(rec.group.len());
        let mut groups = Vec::with_capacity(rec.group.len());
        for g in rec.group {
            excerpts.push(Excerpt { left: g.left_text, right: g.right_text });
            groups.push(Group { left: g.left, right: g.right, confidence: g.confidence, status: g.status });
        }
        let side = |name: &str, r: SideRecord| {
            let line = text.lines().position(|l| l.trim() == format!("[{name}]")).map(|n| n + 1);
            r.into_side().map_err(|m| {
                let at = line.map(|l| format!("line {l}, ")).unwrap_or_default();
                bad(format!("{at}[{name}]: {m}"))
            })
        };
        let (left, right) = (side("left", rec.left)?, side("right", rec.right)?);
        let alignment = Alignment { work: rec.work, left, right, groups };
        let file = AlignmentFile { path: path.to_string(), alignment, excerpts, group_lines };
        if let Some(p) = file.alignment.problems().first() {
            let line = p.group.and_then(|i| file.group_lines.get(i).copied());
            return Err(bad(p.describe(&file.alignment, line)));
        }
        Ok(file)
    }

    /// Reads, parses and validates an alignment file.
    pub fn load(path: &Path) -> Result<AlignmentFile> {
        let text = crate::source::read_text_within(path, MAX_FILE_BYTES)?;
        AlignmentFile::parse(&path.display().to_string(), &text)
    }

    /// The same file seen from the other side.
    pub fn flipped(&self) -> AlignmentFile {
        AlignmentFile {
            path: self.path.clone(),
            alignment: self.alignment.flipped(),
            excerpts: self
                .excerpts
                .iter()
                .map(|e| Excerpt { left: e.right.clone(), right: e.left.clone() })
                .collect(),
            group_lines: self.group_lines.clone(),
        }
    }

    /// Compares the file with the texts as they are now, using the stored excerpts to say
    /// what changed.
    pub fn check_against(&self, left: &Document, right: &Document) -> Report {
        self.alignment.check_with(Some(&self.excerpts), left, right)
    }
}

impl Alignment {
    /// Parses and validates an alignment file. `path` is only used in messages.
    pub fn from_toml_str(path: &str, text: &str) -> Result<Alignment> {
        AlignmentFile::parse(path, text).map(|f| f.alignment)
    }

    /// Reads, parses and validates an alignment file: a broken file, a missing field or a
    /// file of another format version is one line naming the file and the line.
    pub fn load(path: &Path) -> Result<Alignment> {
        AlignmentFile::load(path).map(|f| f.alignment)
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Longest excerpt written beside each side of a group, in characters.
const EXCERPT_CHARS: usize = 60;

/// The excerpt of paragraphs `ids` of `doc` as the file stores it (empty without a document).
pub fn excerpt(doc: Option<&Document>, ids: &[usize]) -> String {
    let Some(doc) = doc else { return String::new() };
    let mut s = String::new();
    for (n, &i) in ids.iter().enumerate() {
        let Some(p) = doc.paragraphs.get(i) else { continue };
        if n > 0 {
            s.push_str(" ¶ ");
        }
        s.push_str(&p.text.replace('\n', " / "));
    }
    if s.chars().count() > EXCERPT_CHARS {
        s = s.chars().take(EXCERPT_CHARS).collect::<String>() + "…";
    }
    s
}

/// A TOML basic string: quoted, with backslash, quote and control characters escaped.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The shortest text that reads back as the same `f32`, always with a decimal point so that
/// TOML sees a float.
fn float(x: f32) -> String {
    let s = format!("{x}");
    if s.contains(['.', 'e', 'E', 'N', 'n']) { s } else { s + ".0" }
}

fn ids(v: &[usize]) -> String {
    let parts = v.iter().map(usize::to_string).collect::<Vec<_>>();
    format!("[{}]", parts.join(", "))
}

impl Alignment {
    /// Writes the file, with excerpts of each side when the documents are given. The layout is
    /// fixed (one key a line, a blank line between groups, confidences written exactly) so that
    /// saving an unchanged alignment gives the same bytes and a reviewed edit a small diff.
    pub fn to_toml_string(&self, left: Option<&Document>, right: Option<&Document>) -> String {
        let mut s = String::with_capacity(160 * self.groups.len() + 400);
        s.push_str("# diglot alignment: edit freely; the ids count, the excerpts are for reading.\n");
        let _ = writeln!(s, "format = {FORMAT_VERSION}");
        if let Some(w) = &self.work {
            let _ = writeln!(s, "work = {}", quoted(w));
        }
        for (name, side) in [("left", &self.left), ("right", &self.right)] {
            let _ = write!(
                s,
                "\n[{name}]\nlang = {}\nsource = {}\nhash = {}\nparagraphs = {}\n",
                quoted(side.lang.as_str()),
                quoted(&side.source),
                quoted(&side.hash),
                side.paragraphs
            );
            if let Some(r) = &side.reading {
                let _ = writeln!(s, "one_per_line = {}", r.one_per_line);
                if let Some(e) = r.encoding {
                    let _ = writeln!(s, "encoding = {}", quoted(e.name()));
                }
                if r.pick_lang {
                    s.push_str("pick_lang = true\n");
                }
            }
        }
        for g in &self.groups {
            let _ = write!(
                s,
                "\n[[group]]\nleft = {}\nright = {}\nconfidence = {}\nstatus = {}\n",
                ids(&g.left),
                ids(&g.right),
                float(g.confidence),
                quoted(g.status.as_str())
            );
            for (key, doc, v) in [("left_text", left, &g.left), ("right_text", right, &g.right)] {
                let e = excerpt(doc, v);
                if !e.is_empty() {
                    let _ = writeln!(s, "{key} = {}", quoted(&e));
                }
            }
        }
        s
    }

    /// Saves the file so that whatever happens during the save (a crash, a kill, a full disk)
    /// the file at `path` is either the old one or the new one: the text is written to a
    /// temporary file in the same directory, flushed and synced, then renamed over `path`, and
    /// the directory is synced so the rename itself survives a power cut. An invalid alignment
    /// is refused (nothing is written).
    pub fn save_atomic(&self, path: &Path, left: Option<&Document>, right: Option<&Document>) -> Result<()> {
        if let Some(p) = self.problems().first() {
            return Err(Error::BadAlignment {
                path: path.display().to_string(),
                message: format!("not saved: {}", p.describe(self, None)),
            });
        }
        write_atomic(path, self.to_toml_string(left, right).as_bytes())
    }
}

/// The temporary file a save of `target` writes first: hidden, in the same directory (a
/// rename is only atomic within one file system), and not ending in `.toml`, so that a file
/// left behind by a killed save is never taken for an alignment.
pub fn temp_path_for(target: &Path) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    target.with_file_name(format!(".{name}.{}.diglot-tmp", std::process::id()))
}

/// How old a temporary file of another save must be before it is taken for the leftover of
/// a save that was killed, rather than a save still running in another process.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes what killed saves of `target` left behind.
fn remove_stale_temp_files(target: &Path) {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else { return };
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if !(n.starts_with(&prefix) && n.ends_with(".diglot-tmp")) {
            continue;
        }
        let old = e.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
        if old.is_some_and(|age| age > STALE_TEMP_AGE) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Writes `contents` to `path` atomically (see [`Alignment::save_atomic`]).
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    write_atomic_via(path, contents, |f, bytes| f.write_all(bytes))
}

/// [`write_atomic`] with the writing step given, so that tests can make it fail half-way.
/// On any failure the temporary file is removed and the target is left untouched.
pub fn write_atomic_via(
    path: &Path,
    contents: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> std::io::Result<()>,
) -> Result<()> {
    // Only a regular file may be replaced by a rename: one over a FIFO or a device (`-o
    // /dev/null` as root) would put a regular file in its place. Those are written in place.
    if let Ok(m) = fs::metadata(path)
        && !m.is_file()
        && !m.is_dir()
    {
        return write_in_place(path, &m, contents, write);
    }
    // Save through a symlink to the file it points to, rather than replacing the link.
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).map_err(|e| Error::io(path, e))?,
        Ok(m) if m.is_dir() => return Err(Error::IsDirectory { path: path.to_path_buf() }),
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::NotFound, format!("no directory '{}'", dir.display())),
        ));
    }
    let tmp = temp_path_for(&target);
    let result = (|| -> std::io::Result<()> {
        let mut f = fs::OpenOptions::new().write(true).create(true).truncate(true).open(&tmp)?;
        // Keep the permissions of the file being replaced.
        if let Ok(m) = fs::metadata(&target) {
            f.set_permissions(m.permissions())?;
        }
        write(&mut f, contents)?;
        f.flush()?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, &target)?;
        // Make the rename durable. Opening a directory fails on some platforms; the file itself
        // is complete either way, so that failure is not worth refusing the save for.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        remove_stale_temp_files(&target);
        Ok(())
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Writes to a FIFO or a character device (`/dev/stdout`, `/dev/null`, a terminal) as a shell
/// redirection would. A block device (a disk) or a socket is refused: nothing diglot writes
/// belongs there.
fn write_in_place(
    path: &Path,
    meta: &fs::Metadata,
    contents: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> std::io::Result<()>,
) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if !(t.is_fifo() || t.is_char_device()) {
            let kind = crate::source::kind_of(meta);
            return Err(Error::NotWritable { path: path.to_path_buf(), kind });
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    let mut f = fs::OpenOptions::new().write(true).open(path).map_err(|e| Error::io(path, e))?;
    write(&mut f, contents).and_then(|()| f.flush()).map_err(|e| Error::io(path, e))
}

// ---------------------------------------------------------------------------------------------
// Checking against the texts

/// What changed in one side's text since the alignment was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// `left` or `right`.
    pub side: &'static str,
    pub lang: Lang,
    pub source: String,
    pub paragraphs_then: usize,
    pub paragraphs_now: usize,
    /// How many groups' stored excerpts no longer match the text at their ids, out of those
    /// that have an excerpt (`None` when the file stores none).
    pub groups_changed: Option<(usize, usize)>,
    /// The first such group: its index, its ids on this side, the excerpt then and now.
    pub first_changed: Option<(usize, Vec<usize>, String, String)>,
    /// When paragraphs were inserted or removed: the first group from which every stored
    /// excerpt matches the text again once its ids are shifted by the difference in count.
    pub matches_again_from: Option<usize>,
}

/// At most `n` characters of an excerpt, for a one-line report.
fn short(s: &str, n: usize) -> String {
    if s.chars().count() > n { s.chars().take(n).collect::<String>() + "…" } else { s.to_string() }
}

/// Short views of two excerpts that show where they differ: a long common beginning is cut
/// down to its last few characters.
fn diff_views(was: &str, now: &str) -> (String, String) {
    let common = was.chars().zip(now.chars()).take_while(|(a, b)| a == b).count();
    let skip = common.saturating_sub(12);
    let view = |s: &str| {
        let rest: String = s.chars().skip(skip).collect();
        let v = short(&rest, 40);
        if skip > 0 { format!("…{v}") } else { v }
    };
    (view(was), view(now))
}

impl Change {
    /// One phrase: `the zh text (uprising-in-kazakhstan.zh.txt) changed: 120 → 118 paragraphs; …`.
    pub fn describe(&self) -> String {
        let mut s =
            format!("the {} text ({}, {}) changed since it was aligned", self.side, self.lang, self.source);
        if self.paragraphs_then == self.paragraphs_now {
            let _ = write!(s, ": same {} paragraphs", self.paragraphs_now);
        } else {
            let _ = write!(s, ": {} → {} paragraphs", self.paragraphs_then, self.paragraphs_now);
        }
        let plural = |n: u64| if n == 1 { "" } else { "s" };
        match (self.groups_changed, &self.first_changed, self.matches_again_from) {
            (Some(_), Some((i, ids, was, now)), Some(j)) => {
                let delta = self.paragraphs_now as i64 - self.paragraphs_then as i64;
                let n = delta.unsigned_abs();
                let (how, when) = if delta > 0 { ("inserted", "later") } else { ("removed", "earlier") };
                let range = if j == i + 1 {
                    format!("group {j} no longer matches its excerpt")
                } else {
                    format!("groups {}-{j} no longer match their excerpts", i + 1)
                };
                let _ = write!(
                    s,
                    ", {range} (first, {} {ids:?}: was \"{}\", now \"{}\"), \
                     and from group {} on it matches again {n} paragraph{} {when} ({n} paragraph{} {how} before it)",
                    self.side,
                    diff_views(was, now).0,
                    diff_views(was, now).1,
                    j + 1,
                    plural(n),
                    plural(n),
                );
            }
            (Some((n, of)), Some((i, ids, was, now)), None) if n > 0 => {
                let _ = write!(
                    s,
                    ", {n} of {of} groups no longer {}, first group {} ({} {ids:?}): was \"{}\", now \"{}\"",
                    if n == 1 { "matches its excerpt" } else { "match their excerpts" },
                    i + 1,
                    self.side,
                    diff_views(was, now).0,
                    diff_views(was, now).1
                );
            }
            (Some(_), ..) => {
                s.push_str(", but not within the excerpts stored in the file (the content hash differs)")
            }
            (None, ..) => s.push_str(" (the content hash differs)"),
        }
        s
    }
}

/// The result of checking an alignment against its texts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Why the alignment is unusable in itself (see [`Alignment::validate`]); empty when sound.
    pub problems: Vec<String>,
    /// What changed in each text; `None` when the text is the one that was aligned.
    pub left: Option<Change>,
    pub right: Option<Change>,
}

impl Report {
    pub fn is_broken(&self) -> bool {
        !self.problems.is_empty()
    }

    pub fn is_stale(&self) -> bool {
        self.left.is_some() || self.right.is_some()
    }

    pub fn is_ok(&self) -> bool {
        !self.is_broken() && !self.is_stale()
    }

    /// One line saying what is wrong (empty when nothing is).
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(first) = self.problems.first() {
            let more = match self.problems.len() {
                1 => String::new(),
                n => format!(" (and {} more problems)", n - 1),
            };
            parts.push(format!("{first}{more}"));
        }
        parts.extend(self.left.iter().chain(self.right.iter()).map(Change::describe));
        parts.join("; ")
    }
}

impl Alignment {
    /// Compares the alignment with the texts as they are now: it is stale when a text's
    /// content hash or paragraph count differs from the one recorded. Without the file's
    /// excerpts only that much can be said; [`AlignmentFile::check_against`] says more.
    pub fn check_against(&self, left: &Document, right: &Document) -> Report {
        self.check_with(None, left, right)
    }

    fn check_with(&self, excerpts: Option<&[Excerpt]>, left: &Document, right: &Document) -> Report {
        let problems = self.problems().iter().map(|p| p.describe(self, None)).collect();
        let side_change = |name: &'static str, side: &Side, doc: &Document| -> Option<Change> {
            if side.hash == doc.content_hash() && side.paragraphs == doc.len() {
                return None;
            }
            let mut change = Change {
                side: name,
                lang: side.lang,
                source: side.source.clone(),
                paragraphs_then: side.paragraphs,
                paragraphs_now: doc.len(),
                groups_changed: None,
                first_changed: None,
                matches_again_from: None,
            };
            if let Some(ex) = excerpts {
                let (mut changed, mut total) = (0, 0);
                for (i, (g, e)) in self.groups.iter().zip(ex).enumerate() {
                    let (ids, stored) =
                        if name == "left" { (&g.left, &e.left) } else { (&g.right, &e.right) };
                    if stored.is_empty() {
                        continue;
                    }
                    total += 1;
                    let now = excerpt(Some(doc), ids);
                    if &now != stored {
                        changed += 1;
                        if change.first_changed.is_none() {
                            change.first_changed = Some((i, ids.clone(), stored.clone(), now));
                        }
                    }
                }
                if total > 0 {
                    change.groups_changed = Some((changed, total));
                }
                let delta = doc.len() as i64 - side.paragraphs as i64;
                if let (Some((first, ..)), true) = (&change.first_changed, delta != 0) {
                    change.matches_again_from = self.shifted_match_start(ex, name, doc, delta, *first);
                }
            }
            Some(change)
        };
        Report {
            problems,
            left: side_change("left", &self.left, left),
            right: side_change("right", &self.right, right),
        }
    }
}

impl Alignment {
    /// The first group after `first_changed` from which every group with an excerpt matches
    /// the text once its ids on side `name` are shifted by `delta`.
    fn shifted_match_start(
        &self,
        excerpts: &[Excerpt],
        name: &str,
        doc: &Document,
        delta: i64,
        first_changed: usize,
    ) -> Option<usize> {
        let mut start = None;
        for (i, (g, e)) in self.groups.iter().zip(excerpts).enumerate().skip(first_changed + 1).rev() {
            let (ids, stored) = if name == "left" { (&g.left, &e.left) } else { (&g.right, &e.right) };
            if stored.is_empty() || ids.is_empty() {
                continue;
            }
            let shifted: Option<Vec<usize>> =
                ids.iter().map(|&id| usize::try_from(id as i64 + delta).ok()).collect();
            match shifted {
                Some(v) if &excerpt(Some(doc), &v) == stored => start = Some(i),
                _ => break,
            }
        }
        start
    }
}

// ---------------------------------------------------------------------------------------------
// Finding the texts an alignment was made from

/// Where to look for a source named by a relative path: beside the alignment file, then in
/// the current directory.
fn candidate_paths(source: &str, file: Option<&Path>) -> Vec<PathBuf> {
    let p = PathBuf::from(source);
    if p.is_absolute() {
        return vec![p];
    }
    let mut v = Vec::new();
    if let Some(dir) = file.and_then(Path::parent) {
        v.push(dir.join(&p));
    }
    v.push(p);
    v
}

/// The file one side of an alignment was made from, found by the side's `source` (relative
/// to the alignment file `file`, then to the current directory).
pub fn source_path(side: &Side, file: Option<&Path>) -> Result<PathBuf> {
    let candidates = candidate_paths(&side.source, file);
    match candidates.iter().find(|p| p.is_file()) {
        Some(path) => Ok(path.clone()),
        None => Err(Error::NotFound { path: candidates.last().cloned().unwrap_or_default() }),
    }
}

/// The document one side of an alignment was made from, read from a user's file (found by
/// the side's `source`) as the side records (see [`read_as_recorded`]).
fn side_document_from_path(side: &Side, file: Option<&Path>) -> Result<Document> {
    read_as_recorded(side, &source_path(side, file)?).map(|(doc, _)| doc)
}

/// The text of `side` read from `path` as the side records ([`Side::reading`]): exactly so,
/// with no guessing, when it records a reading. When the text changed since, it is this
/// reading that is compared with what was aligned. `check`, `export` and the reader (for a
/// pair whose alignment is stored) all read a side through here.
pub fn read_as_recorded(side: &Side, path: &Path) -> Result<(Document, Reading)> {
    match &side.reading {
        Some(reading) => import_side(path, &reading.options(side.lang), "--lang"),
        None => guess_old_reading(side, path),
    }
}

/// FALLBACK FOR OLD FILES ONLY: a file written before the reading was recorded does not say
/// how its texts were read (one paragraph a line or not, the language picked or detected), so
/// those readings are tried and the one matching the recorded hash wins; when none does, the
/// text changed, and the first reading is what it is compared with. A side that records its
/// reading never comes here.
fn guess_old_reading(side: &Side, path: &Path) -> Result<(Document, Reading)> {
    let (mut first_doc, mut first_err) = (None, None);
    let readings = [(false, Some(side.lang)), (true, Some(side.lang)), (false, None), (true, None)];
    for (one_per_line, lang) in readings {
        let opts = ImportOptions { one_per_line, lang, encoding: None };
        match import_side(path, &opts, "--lang") {
            Ok((doc, reading)) if doc.content_hash() == side.hash => return Ok((doc, reading)),
            Ok(read) => {
                first_doc.get_or_insert(read);
            }
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    match (first_doc, first_err) {
        (Some(read), _) => Ok(read),
        (None, Some(e)) => Err(e),
        (None, None) => Err(Error::NotFound { path: path.to_path_buf() }),
    }
}

impl Alignment {
    /// The two texts the alignment was made from, as they are now: through the library for a
    /// work it knows (by `work` and each side's language), else from each side's `source`
    /// path (relative to the alignment file `file`, then to the current directory).
    pub fn sources(
        &self,
        library: &crate::works::Library,
        file: Option<&Path>,
    ) -> Result<(Document, Document)> {
        if let Some(work) = &self.work
            && library.work(work).is_ok()
        {
            return Ok((library.document(work, self.left.lang)?, library.document(work, self.right.lang)?));
        }
        Ok((side_document_from_path(&self.left, file)?, side_document_from_path(&self.right, file)?))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn side(n: usize) -> Side {
        Side {
            lang: Lang::EN,
            source: "a.txt".into(),
            hash: "fnv1a64:0".into(),
            paragraphs: n,
            reading: None,
        }
    }

    fn al(groups: Vec<Group>, l: usize, r: usize) -> Alignment {
        Alignment { work: None, left: side(l), right: Side { lang: Lang::ZH, ..side(r) }, groups }
    }

    #[test]
    fn gaps_repeats_and_order_are_named() {
        let a = al(vec![Group::new(vec![0], vec![0], 0.9), Group::new(vec![2], vec![1], 0.9)], 3, 2);
        let e = a.validate().unwrap_err().to_string();
        assert!(
            e.contains("group 2 (left [2], right [1])") && e.contains("left paragraph 1 is in no group"),
            "{e}"
        );
        let a = al(vec![Group::new(vec![0, 1], vec![0], 0.9), Group::new(vec![1], vec![1], 0.9)], 2, 2);
        let e = a.validate().unwrap_err().to_string();
        assert!(e.contains("appears twice (also group 1)"), "{e}");
        let a = al(vec![Group::new(vec![1], vec![0], 0.9), Group::new(vec![0], vec![1], 0.9)], 2, 2);
        let e = a.validate().unwrap_err().to_string();
        assert!(
            e.contains("group 1") && e.contains("out of order: 1 comes before 0 (which is in group 2)"),
            "{e}"
        );
        let a = al(vec![Group::new(vec![0], vec![0], 0.9)], 3, 1);
        let e = a.validate().unwrap_err().to_string();
        assert!(e.contains("left paragraphs 1-2 are in no group"), "{e}");
    }

    #[test]
    fn readings_round_trip_and_old_files_have_none() {
        let mut a = al(vec![Group::new(vec![0], vec![0], 0.9)], 1, 1);
        let old = a.to_toml_string(None, None);
        assert!(!old.contains("one_per_line"));
        assert_eq!(Alignment::from_toml_str("old.toml", &old).unwrap().left.reading, None);
        a.left.reading =
            Some(Reading { one_per_line: true, encoding: Some(encoding_rs::GBK), pick_lang: true });
        a.right.reading = Some(Reading::default());
        let text = a.to_toml_string(None, None);
        assert!(text.contains("paragraphs = 1\none_per_line = true\nencoding = \"GBK\"\npick_lang = true\n"));
        assert!(text.contains("paragraphs = 1\none_per_line = false\n\n"), "{text}");
        let back = Alignment::from_toml_str("new.toml", &text).unwrap();
        assert_eq!(back, a);
        assert_eq!(back.to_toml_string(None, None), text, "the same bytes again");
        // Half a reading is no reading: refused, with where.
        let half = old.replacen("paragraphs = 1\n", "paragraphs = 1\npick_lang = true\n", 1);
        let e = Alignment::from_toml_str("half.toml", &half).unwrap_err().to_string();
        assert!(e.contains("line 4, [left]: `encoding` and `pick_lang` need `one_per_line"), "{e}");
        let typo = old.replacen("paragraphs = 1\n", "paragraphs = 1\none_per_lines = true\n", 1);
        assert!(Alignment::from_toml_str("typo.toml", &typo).is_err(), "unknown keys are refused");
    }

    #[test]
    fn float_reads_back_as_a_float() {
        assert_eq!(float(1.0), "1.0");
        assert_eq!(float(0.93), "0.93");
        assert_eq!(float(0.0), "0.0");
    }
}
