//! The alignment: which paragraphs of a text pair with which paragraphs of its translation.
//!
//! This module is the model (an [`Alignment`] of [`Group`]s, each side's [`SourceText`] record and
//! [`Reading`]); [`check`] validates it and compares it with the texts as they are now,
//! [`file`] reads and writes the alignment file, and [`sources`] reads the texts a side
//! names. Saving (atomically, noticing changes on disk) is the [`crate::store`]'s, and which
//! alignment a pair gets is the [`crate::pairing`] service's: this module imports neither.
//!
//! The alignment file is a human-readable, diff-friendly TOML record:
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

mod check;
mod file;
mod sources;
#[cfg(test)]
mod testing;

pub use check::{Change, Problem, Report};
pub use file::{AlignmentFile, Excerpt, FORMAT_VERSION, MAX_FILE_BYTES, excerpt};
pub use sources::{import_side, import_sides, read_as_recorded, source_path};

use serde::{Deserialize, Serialize};

use encoding_rs::Encoding;

use crate::document::{Document, Lang};
use crate::import::ImportOptions;
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

/// One of the two sides of an alignment: the left text or the right one (its translation).
/// The reader's panes, review edits and the file all name a side with this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }

    /// `left` or `right`, as messages and the file name a side.
    pub fn name(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }

    /// The paragraph ids of a group on this side.
    pub fn ids(self, g: &Group) -> &Vec<usize> {
        match self {
            Side::Left => &g.left,
            Side::Right => &g.right,
        }
    }

    pub fn ids_mut(self, g: &mut Group) -> &mut Vec<usize> {
        match self {
            Side::Left => &mut g.left,
            Side::Right => &mut g.right,
        }
    }
}

/// Which text one side of an alignment was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceText {
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

impl SourceText {
    /// The side of a text whose reading is not known (see [`SourceText::read_as`]).
    pub fn of(doc: &Document, source: impl Into<String>) -> SourceText {
        SourceText {
            lang: doc.lang,
            source: source.into(),
            hash: doc.content_hash(),
            paragraphs: doc.len(),
            reading: None,
        }
    }

    /// The side of a text read from its file as `reading` says (see [`import_side`]).
    pub fn read_as(doc: &Document, source: impl Into<String>, reading: Reading) -> SourceText {
        SourceText { reading: Some(reading), ..SourceText::of(doc, source) }
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

/// A whole alignment of two texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    pub work: Option<String>,
    pub left: SourceText,
    pub right: SourceText,
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
