//! The alignment file: a human-readable, diff-friendly TOML record of which paragraphs of a
//! text pair with which paragraphs of its translation.
//!
//! ```toml
//! format = 1
//! work = "uprising"
//!
//! [left]
//! lang = "en"
//! source = "uprising-in-kazakhstan.en.txt"
//! hash = "fnv1a64:0123456789abcdef"
//! paragraphs = 120
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
//! The excerpts are for people reading the file; the ids are what counts.

use serde::{Deserialize, Serialize};

use crate::document::{Document, Lang};

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
}

/// Which text one side of an alignment was made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    pub lang: Lang,
    /// The source file name (a seed's name, or the path the user gave).
    pub source: String,
    /// [`Document::content_hash`] of the text when it was aligned.
    pub hash: String,
    pub paragraphs: usize,
}

impl Side {
    pub fn of(doc: &Document, source: impl Into<String>) -> Side {
        Side { lang: doc.lang, source: source.into(), hash: doc.content_hash(), paragraphs: doc.len() }
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
}

/// The file as TOML sees it.
#[derive(Debug, Serialize, Deserialize)]
struct FileRecord {
    format: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    work: Option<String>,
    left: Side,
    right: Side,
    #[serde(default)]
    group: Vec<GroupRecord>,
}

#[derive(Debug, Serialize, Deserialize)]
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

/// Longest excerpt written beside each side of a group, in characters.
const EXCERPT_CHARS: usize = 60;

fn excerpt(doc: Option<&Document>, ids: &[usize]) -> String {
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

impl Alignment {
    /// Parses an alignment file. `path` is only used in messages.
    pub fn from_toml_str(path: &str, text: &str) -> crate::Result<Alignment> {
        let rec: FileRecord = toml::from_str(text).map_err(|e| crate::Error::BadAlignment {
            path: path.to_string(),
            message: e.message().to_string(),
        })?;
        if rec.format != FORMAT_VERSION {
            return Err(crate::Error::BadAlignment {
                path: path.to_string(),
                message: format!("format {} is not supported (expected {FORMAT_VERSION})", rec.format),
            });
        }
        Ok(Alignment {
            work: rec.work,
            left: rec.left,
            right: rec.right,
            groups: rec
                .group
                .into_iter()
                .map(|g| Group { left: g.left, right: g.right, confidence: g.confidence, status: g.status })
                .collect(),
        })
    }

    /// Writes the file, with excerpts of each side when the documents are given.
    pub fn to_toml_string(&self, left: Option<&Document>, right: Option<&Document>) -> String {
        let rec = FileRecord {
            format: FORMAT_VERSION,
            work: self.work.clone(),
            left: self.left.clone(),
            right: self.right.clone(),
            group: self
                .groups
                .iter()
                .map(|g| GroupRecord {
                    left: g.left.clone(),
                    right: g.right.clone(),
                    confidence: (g.confidence * 100.0).round() / 100.0,
                    status: g.status,
                    left_text: excerpt(left, &g.left),
                    right_text: excerpt(right, &g.right),
                })
                .collect(),
        };
        let body = toml::to_string(&rec).unwrap_or_default();
        format!("# diglot alignment: edit freely; the ids count, the excerpts are for reading.\n{body}")
    }
}
