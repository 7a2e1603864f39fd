//! Small alignments for the model's unit tests.

use super::{Alignment, Group, SourceText};
use crate::document::Lang;

/// A side of `n` paragraphs of an English text no file holds.
pub fn side(n: usize) -> SourceText {
    SourceText {
        lang: Lang::EN,
        source: "a.txt".into(),
        hash: "fnv1a64:0".into(),
        paragraphs: n,
        reading: None,
    }
}

/// `groups` over an English text of `l` paragraphs and a Chinese one of `r`.
pub fn al(groups: Vec<Group>, l: usize, r: usize) -> Alignment {
    Alignment { work: None, left: side(l), right: SourceText { lang: Lang::ZH, ..side(r) }, groups }
}
