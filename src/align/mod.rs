//! Pairs the paragraphs of a text with those of its translation.
//!
//! PLACEHOLDER: pairs by position; the real aligner replaces this (issue: Align).

use crate::alignment::Group;
use crate::document::Document;

#[derive(Debug, Clone, Default)]
pub struct AlignOptions {}

/// Aligns two documents: every paragraph of each side lands in exactly one group, in order.
pub fn align(left: &Document, right: &Document, _opts: &AlignOptions) -> Vec<Group> {
    let n = left.len().max(right.len());
    (0..n)
        .map(|i| {
            let l = if i < left.len() { vec![i] } else { vec![] };
            let r = if i < right.len() { vec![i] } else { vec![] };
            Group::new(l, r, 0.5)
        })
        .collect()
}
