//! Re-aligning after a source text changed, keeping what a person verified: the verified
//! groups of the previous alignment stay as they are and only the stretches between them are
//! aligned again.
//!
//! A side whose hash still matches keeps its ids. On a side that changed, each verified
//! group's paragraphs are found again by their text: the excerpt the file stores for the
//! group (see [`crate::alignment::excerpt`]) is compared with the excerpt the same number of
//! paragraphs gives at each position of the new text, exactly first, then fuzzily, nearest to
//! where the group used to be. Groups found in an order that still runs forward on both sides
//! are kept; the others are dropped and reported.

use std::collections::HashMap;
use std::ops::Range;

use super::anchors::{Features, SideFeatures};
use super::{AlignOptions, align_features};
use crate::alignment::{AlignmentFile, Group, Status, excerpt};
use crate::document::Document;

/// Least similarity (normalised Levenshtein over the excerpts) at which a changed paragraph
/// still counts as the verified one.
const FUZZY_FLOOR: f64 = 0.8;

/// What happened to the verified groups.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeepReport {
    /// Verified groups kept.
    pub kept: usize,
    /// Verified groups that could not be kept, each described for a message.
    pub dropped: Vec<String>,
    /// Verified groups found again only approximately (their text changed a little).
    pub fuzzy: usize,
}

/// Paragraphs searched either side of where a group is expected when only a fuzzy match
/// can find it (exact matches are looked up in the whole text).
const FUZZY_WINDOW: usize = 200;

/// The excerpt at each start position, and the start positions of each excerpt.
type Spans = (Vec<String>, HashMap<String, Vec<usize>>);

/// The excerpts of one side of the new text, by the number of paragraphs they span, made
/// when first needed, so that finding many groups in a long text stays linear.
struct Excerpts<'a> {
    doc: &'a Document,
    by_len: HashMap<usize, Spans>,
}

impl<'a> Excerpts<'a> {
    fn new(doc: &'a Document) -> Excerpts<'a> {
        Excerpts { doc, by_len: HashMap::new() }
    }

    fn of(&mut self, k: usize) -> &Spans {
        let doc = self.doc;
        self.by_len.entry(k).or_insert_with(|| {
            let texts: Vec<String> = (0..=doc.len().saturating_sub(k))
                .map(|s| excerpt(Some(doc), &(s..s + k).collect::<Vec<_>>()))
                .collect();
            let mut index: HashMap<String, Vec<usize>> = HashMap::new();
            for (s, t) in texts.iter().enumerate() {
                index.entry(t.clone()).or_default().push(s);
            }
            (texts, index)
        })
    }
}

/// Where one verified group's paragraphs of one side are in the new text, and whether they
/// were found only approximately.
fn locate(
    ex: &mut Excerpts,
    old_ids: &[usize],
    stored: &str,
    unchanged: bool,
    shift: isize,
    end: usize,
) -> Option<(Range<usize>, bool)> {
    let k = old_ids.len();
    let first = *old_ids.first()?;
    if unchanged {
        return Some((first..first + k, false));
    }
    let n = ex.doc.len();
    if stored.is_empty() || n < k {
        return None;
    }
    let expected = (first as isize + shift).clamp(end.min(n - k) as isize, (n - k) as isize) as usize;
    let (texts, index) = ex.of(k);
    // Nearest to the expected position and after the groups kept so far, so repeated
    // paragraphs resolve to the right one.
    let found = index
        .get(stored)
        .and_then(|v| v.iter().filter(|&&s| s >= end).min_by_key(|&&s| s.abs_diff(expected)));
    if let Some(&s) = found {
        return Some((s..s + k, false));
    }
    let lo = expected.saturating_sub(FUZZY_WINDOW).max(end);
    let hi = (expected + FUZZY_WINDOW).min(n - k);
    let mut best: Option<(f64, usize)> = None;
    for (s, text) in texts.iter().enumerate().take(hi + 1).skip(lo) {
        let sim = strsim::normalized_levenshtein(text, stored);
        let closer = |b: usize| s.abs_diff(expected) < b.abs_diff(expected);
        if sim >= FUZZY_FLOOR && best.is_none_or(|(bs, b)| sim > bs || (sim == bs && closer(b))) {
            best = Some((sim, s));
        }
    }
    best.map(|(_, s)| (s..s + k, true))
}

/// Re-aligns `left` and `right`, keeping the verified groups of `previous` (whose left and
/// right must be the same languages as `left` and `right`). The file, not just its
/// alignment, is needed: its excerpts find the verified paragraphs in a changed text.
pub fn align_keeping(
    left: &Document,
    right: &Document,
    previous: &AlignmentFile,
    opts: &AlignOptions,
) -> (Vec<Group>, KeepReport) {
    let al = &previous.alignment;
    let same_l = al.left.hash == left.content_hash() && al.left.paragraphs == left.len();
    let same_r = al.right.hash == right.content_hash() && al.right.paragraphs == right.len();
    let mut report = KeepReport::default();
    let (mut ex_l, mut ex_r) = (Excerpts::new(left), Excerpts::new(right));
    // Kept groups with their new ranges, in order.
    let mut kept: Vec<(Range<usize>, Range<usize>, &Group)> = Vec::new();
    let (mut end_l, mut end_r) = (0usize, 0usize);
    let (mut shift_l, mut shift_r) = (0isize, 0isize);
    for (g, ex) in al.groups.iter().zip(previous.excerpts.iter()) {
        if g.status != Status::Verified {
            continue;
        }
        let side = |ex: &mut Excerpts, ids: &[usize], stored: &str, same: bool, shift: isize, end: usize| {
            if ids.is_empty() {
                // An unpaired verified paragraph's other side takes no room.
                return Some((end..end, false));
            }
            locate(ex, ids, stored, same, shift, end)
        };
        let l = side(&mut ex_l, &g.left, &ex.left, same_l, shift_l, end_l);
        let r = side(&mut ex_r, &g.right, &ex.right, same_r, shift_r, end_r);
        match (l, r) {
            (Some((l, fl)), Some((r, fr))) if l.start >= end_l && r.start >= end_r => {
                if let Some(&f) = g.left.first() {
                    shift_l = l.start as isize - f as isize;
                }
                if let Some(&f) = g.right.first() {
                    shift_r = r.start as isize - f as isize;
                }
                if fl || fr {
                    report.fuzzy += 1;
                }
                (end_l, end_r) = (l.end, r.end);
                kept.push((l, r, g));
            }
            (Some(_), Some(_)) => report.dropped.push(format!("{}: found out of order", g.ids_label())),
            _ => report.dropped.push(format!("{}: its text is no longer there", g.ids_label())),
        }
    }
    report.kept = kept.len();

    // Anchors with the word pairs a whole alignment learns: the gaps may be too short to
    // learn from on their own.
    let feats = super::learned_features(left, right, opts);
    let mut groups = Vec::new();
    let (mut from_l, mut from_r) = (0usize, 0usize);
    for (l, r, g) in kept.iter().map(|(l, r, g)| (Some(l), Some(r), Some(*g))).chain([(None, None, None)]) {
        let to_l = l.map_or(left.len(), |l| l.start);
        let to_r = r.map_or(right.len(), |r| r.start);
        groups.extend(align_gap(&feats, from_l..to_l, from_r..to_r));
        if let (Some(l), Some(r), Some(g)) = (l, r, g) {
            groups.push(Group { left: l.clone().collect(), right: r.clone().collect(), ..g.clone() });
            (from_l, from_r) = (l.end, r.end);
        }
    }
    (groups, report)
}

/// Aligns the paragraphs `l` and `r` of the two texts on their own.
fn align_gap(feats: &Features, l: Range<usize>, r: Range<usize>) -> Vec<Group> {
    if l.is_empty() && r.is_empty() {
        return Vec::new();
    }
    let slice = |s: &SideFeatures, range: &Range<usize>| SideFeatures {
        len: s.len[range.clone()].to_vec(),
        concepts: s.concepts[range.clone()].to_vec(),
        anchor_weight: s.anchor_weight[range.clone()].to_vec(),
        dictionary_weight: s.dictionary_weight.get(range.clone()).map(<[f32]>::to_vec).unwrap_or_default(),
        flags: s.flags[range.clone()].to_vec(),
        ends: s.ends[range.clone()].to_vec(),
        marks: s.marks.get(range.clone()).map(<[u8]>::to_vec).unwrap_or_default(),
    };
    let sub = Features {
        left: slice(&feats.left, &l),
        right: slice(&feats.right, &r),
        weight: feats.weight.clone(),
        shared: feats.shared,
        candidates: feats.candidates,
    };
    align_features(&sub)
        .groups
        .into_iter()
        .map(|g| Group {
            left: g.left.iter().map(|i| i + l.start).collect(),
            right: g.right.iter().map(|j| j + r.start).collect(),
            ..g
        })
        .collect()
}
