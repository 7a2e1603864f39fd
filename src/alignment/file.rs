//! The alignment file (the layout is in [`super`]'s documentation): parsing it with errors
//! that name the line, and writing it in a fixed layout that gives small diffs.

use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Alignment, Group, Reading, Report, SourceText, Status};
use crate::document::{Document, Lang};
use crate::error::{Error, Result};

pub const FORMAT_VERSION: u32 = 1;

/// A side as the file writes it: [`SourceText`] with its [`Reading`] as plain keys.
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
    fn into_side(self) -> std::result::Result<SourceText, String> {
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
        Ok(SourceText {
            lang: self.lang,
            source: self.source,
            hash: self.hash,
            paragraphs: self.paragraphs,
            reading,
        })
    }
}

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
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::alignment::testing::al;
    use crate::alignment::{Alignment, Group, Reading};

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
