//! Sentence counterparts: `)` and `(` move a sentence cursor through the sentences of a group,
//! in the focused pane, and the sentence under it and its counterparts in the other pane are
//! highlighted.
//!
//! The sentences come from [`crate::segment`]; which of them translate each other is found by
//! aligning the group's sentences with diglot's own aligner, each sentence a paragraph of a
//! small document. That is done once per group and cached until the groups change.
//!
//! This file holds the state and its pure update; `app/sentence.rs` ties it to the reader's
//! scrolling and the view draws [`Sentences::highlights`] in [`style`].

use std::collections::HashMap;
use std::ops::Range;

use ratatui::style::{Color, Style};

use crate::align::{self, AlignOptions};
use crate::alignment::Group;
use crate::document::{Document, Kind, Paragraph};

use super::layout::{Side, Texts};

/// One sentence: bytes `range` of paragraph `para` of its side's document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub para: usize,
    pub range: Range<usize>,
}

/// The sentences of one group on both sides, and which go together.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSentences {
    pub left: Vec<Sentence>,
    pub right: Vec<Sentence>,
    /// Indices into `left` and `right` of sentences that translate each other, in order.
    beads: Vec<Group>,
    /// With three panes: the third pane's sentences, and the beads pairing them (`right`)
    /// with the shared pane's (`left`).
    pub third: Vec<Sentence>,
    third_beads: Vec<Group>,
    /// The pane the third text is aligned with.
    shared: Side,
}

/// The beads of two sides' sentences: one sentence is the counterpart of all of the other's;
/// more are aligned with diglot's own aligner.
fn pair_sentences(a: (&Document, &[Sentence]), b: (&Document, &[Sentence])) -> Vec<Group> {
    match (a.1.len(), b.1.len()) {
        (0, _) | (_, 0) => Vec::new(),
        (1, _) | (_, 1) => vec![Group::new((0..a.1.len()).collect(), (0..b.1.len()).collect(), 1.0)],
        _ => align::align(&as_document(a.0, a.1), &as_document(b.0, b.1), &AlignOptions::default()),
    }
}

fn side_sentences(doc: Option<&Document>, ids: &[usize]) -> Vec<Sentence> {
    let Some(doc) = doc else { return Vec::new() };
    ids.iter()
        .filter_map(|&i| Some((i, doc.paragraphs.get(i)?)))
        .flat_map(|(i, p)| {
            crate::segment::sentences(&p.text).into_iter().map(move |range| Sentence { para: i, range })
        })
        .collect()
}

/// The sentences of one side as a document of their own, one paragraph each.
fn as_document(doc: &Document, sentences: &[Sentence]) -> Document {
    let paragraphs = sentences
        .iter()
        .filter_map(|s| {
            let p = doc.paragraphs.get(s.para)?;
            Some(Paragraph {
                text: p.text.get(s.range.clone())?.to_string(),
                lang: p.lang,
                kind: Kind::Body,
                lines: p.lines,
            })
        })
        .collect();
    Document { name: doc.name.clone(), lang: doc.lang, paragraphs }
}

impl GroupSentences {
    /// Splits group `g` of `texts` into sentences and pairs them.
    pub fn of(texts: &Texts<'_>, g: usize) -> GroupSentences {
        let empty = GroupSentences {
            left: Vec::new(),
            right: Vec::new(),
            beads: Vec::new(),
            third: Vec::new(),
            third_beads: Vec::new(),
            shared: Side::Left,
        };
        let Some(group) = texts.groups.get(g) else { return empty };
        let left = side_sentences(Some(texts.left), &group.left);
        let right = side_sentences(texts.right, &group.right);
        let beads = match texts.right {
            Some(rdoc) => pair_sentences((texts.left, &left), (rdoc, &right)),
            None => Vec::new(),
        };
        let (mut third, mut third_beads, mut shared) = (Vec::new(), Vec::new(), Side::Left);
        if let Some(t) = texts.third {
            third = side_sentences(Some(t.doc), texts.third_ids(g));
            shared = t.shared;
            let shared_doc = if shared == Side::Left { Some(texts.left) } else { texts.right };
            let shared_sentences = if shared == Side::Left { &left } else { &right };
            if let Some(sdoc) = shared_doc {
                third_beads = pair_sentences((sdoc, shared_sentences), (t.doc, &third));
            }
        }
        GroupSentences { left, right, beads, third, third_beads, shared }
    }

    /// The third pane's sentences that translate sentence `i` of `side`: through the shared
    /// pane's sentences when `side` is the other pane.
    pub fn third_counterparts(&self, side: Side, i: usize) -> Vec<usize> {
        let through = |k: usize| {
            self.third_beads.iter().find(|b| b.left.contains(&k)).map(|b| b.right.clone()).unwrap_or_default()
        };
        let shared = if side == self.shared { vec![i] } else { self.counterparts(side, i) };
        let mut out: Vec<usize> = shared.into_iter().flat_map(through).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    pub fn side(&self, side: Side) -> &[Sentence] {
        match side {
            Side::Left => &self.left,
            Side::Right => &self.right,
        }
    }

    /// The sentences of the other side that translate sentence `i` of `side` (none when the
    /// aligner left it without a counterpart).
    pub fn counterparts(&self, side: Side, i: usize) -> Vec<usize> {
        let ids = |g: &Group, s: Side| if s == Side::Left { g.left.clone() } else { g.right.clone() };
        self.beads
            .iter()
            .find(|b| ids(b, side).contains(&i))
            .map(|b| ids(b, side.other()))
            .unwrap_or_default()
    }
}

/// Where the sentence cursor is: sentence `index` of `side` in group `group`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub group: usize,
    pub side: Side,
    pub index: usize,
}

/// What to highlight: the cursor's sentence and its counterparts, as paragraph byte ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub group: usize,
    /// `(side, paragraph, bytes)` of each highlighted stretch.
    pub spans: Vec<(Side, usize, Range<usize>)>,
    /// `(paragraph, bytes)` of the third pane's counterparts, when three panes show.
    pub third: Vec<(usize, Range<usize>)>,
}

impl Highlight {
    /// The highlighted byte ranges of paragraph `para` of `side`.
    pub fn of(&self, side: Side, para: usize) -> impl Iterator<Item = Range<usize>> + '_ {
        self.spans.iter().filter(move |(s, p, _)| *s == side && *p == para).map(|(_, _, r)| r.clone())
    }

    /// The highlighted byte ranges of paragraph `para` of the third pane.
    pub fn of_third(&self, para: usize) -> impl Iterator<Item = Range<usize>> + '_ {
        self.third.iter().filter(move |(p, _)| *p == para).map(|(_, r)| r.clone())
    }
}

/// How the cursor's sentence and its counterparts are drawn: unlike search matches (black on
/// yellow) and the review cursor (the accent bars).
pub fn style() -> Style {
    Style::new().fg(Color::Black).bg(Color::Cyan)
}

/// The sentence cursor and the groups' sentences found so far.
#[derive(Debug, Default)]
pub struct Sentences {
    cursor: Option<Cursor>,
    cache: HashMap<usize, GroupSentences>,
}

impl Sentences {
    pub fn cursor(&self) -> Option<Cursor> {
        self.cursor
    }

    /// Drops the cursor (Esc, or a move by groups); the sentences found stay cached.
    pub fn clear(&mut self) {
        self.cursor = None;
    }

    /// Drops the cursor and the cache: the groups changed (a review edit, a swap, the
    /// alignment arriving).
    pub fn invalidate(&mut self) {
        self.cursor = None;
        self.cache.clear();
    }

    fn group(&mut self, texts: &Texts<'_>, g: usize) -> &GroupSentences {
        self.cache.entry(g).or_insert_with(|| GroupSentences::of(texts, g))
    }

    /// Moves the cursor to the next (or previous) sentence of `side`, into the next (previous)
    /// group with sentences on that side when the group has no more. With no cursor yet it
    /// starts at the first (last) sentence of group `from`. `None` when there is no sentence
    /// further that way (the cursor stays).
    pub fn step(&mut self, texts: &Texts<'_>, from: usize, side: Side, forward: bool) -> Option<Cursor> {
        let n = texts.groups.len();
        if n == 0 {
            return None;
        }
        let (start, next) = match self.cursor {
            Some(c) => {
                let count = self.group(texts, c.group).side(side).len();
                let index = if forward { c.index + 1 } else { c.index.wrapping_sub(1) };
                if index < count {
                    return self.set(Cursor { group: c.group, side, index });
                }
                (c.group, true)
            }
            None => (from.min(n - 1), false),
        };
        let ids = |g: usize| {
            let gr = &texts.groups[g];
            if side == Side::Left { gr.left.is_empty() } else { gr.right.is_empty() || texts.right.is_none() }
        };
        let mut g = start;
        let mut first = !next;
        loop {
            if !first {
                g = if forward { g + 1 } else { g.checked_sub(1)? };
                if g >= n {
                    return None;
                }
            }
            first = false;
            if ids(g) {
                continue;
            }
            let count = self.group(texts, g).side(side).len();
            if count > 0 {
                return self.set(Cursor { group: g, side, index: if forward { 0 } else { count - 1 } });
            }
        }
    }

    fn set(&mut self, c: Cursor) -> Option<Cursor> {
        self.cursor = Some(c);
        Some(c)
    }

    /// Moves the cursor to `side` (Tab): onto the first counterpart of its sentence there, or
    /// that side's first sentence of the group. The cursor goes when that side has none.
    pub fn switch_side(&mut self, texts: &Texts<'_>, side: Side) {
        let Some(c) = self.cursor else { return };
        if c.side == side {
            return;
        }
        let gs = self.group(texts, c.group);
        let index = gs.counterparts(c.side, c.index).first().copied().unwrap_or(0);
        let has = index < gs.side(side).len();
        self.cursor = has.then_some(Cursor { group: c.group, side, index });
    }

    /// The cursor's sentence (`k` of `n`, 1-based, of its side of the group), for the status
    /// line.
    pub fn position(&self) -> Option<(usize, usize)> {
        let c = self.cursor?;
        let n = self.cache.get(&c.group)?.side(c.side).len();
        Some((c.index + 1, n))
    }

    /// The cursor's sentence itself.
    pub fn sentence(&self) -> Option<&Sentence> {
        let c = self.cursor?;
        self.cache.get(&c.group)?.side(c.side).get(c.index)
    }

    /// What to draw highlighted: the cursor's sentence and its counterparts.
    pub fn highlights(&self) -> Option<Highlight> {
        let c = self.cursor?;
        let gs = self.cache.get(&c.group)?;
        let mut spans = Vec::new();
        let s = gs.side(c.side).get(c.index)?;
        spans.push((c.side, s.para, s.range.clone()));
        for k in gs.counterparts(c.side, c.index) {
            if let Some(o) = gs.side(c.side.other()).get(k) {
                spans.push((c.side.other(), o.para, o.range.clone()));
            }
        }
        let third = gs
            .third_counterparts(c.side, c.index)
            .into_iter()
            .filter_map(|k| gs.third.get(k).map(|t| (t.para, t.range.clone())))
            .collect();
        Some(Highlight { group: c.group, spans, third })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::document::Lang;

    fn doc(lang: Lang, texts: &[&str]) -> Document {
        Document::of_texts(&lang.to_string(), lang, texts)
    }

    /// Group 0: three English sentences in one paragraph and two Chinese ones (the second
    /// translating the last two English ones). Group 1: one sentence each side. Group 2: a
    /// heading with no counterpart. Group 3: two and two.
    fn sample() -> (Document, Document, Vec<Group>) {
        let en = doc(
            Lang::EN,
            &[
                "On 16 December 1986 Kolbin was appointed first secretary of the Communist Party of Kazakhstan. Students took to the streets of Alma-Ata. They marched to Brezhnev Square.",
                "The protest lasted three days.",
                "Notes",
                "Mr. Kunaev resigned in 1986. Kolbin came from Ulyanovsk.",
            ],
        );
        let zh = doc(
            Lang::ZH,
            &[
                "1986年12月16日，科尔宾被任命为哈萨克斯坦共产党第一书记。学生们走上阿拉木图街头，游行到勃列日涅夫广场。",
                "抗议持续了三天。",
                "库纳耶夫于1986年辞职。科尔宾来自乌里扬诺夫斯克。",
            ],
        );
        let groups = vec![
            Group::new(vec![0], vec![0], 0.9),
            Group::new(vec![1], vec![1], 0.9),
            Group::new(vec![2], vec![], 0.5),
            Group::new(vec![3], vec![2], 0.9),
        ];
        (en, zh, groups)
    }

    #[test]
    fn a_group_is_split_into_sentences_and_paired_by_the_aligner() {
        let (en, zh, groups) = sample();
        let texts = Texts::pair(&en, Some(&zh), &groups);
        let gs = GroupSentences::of(&texts, 0);
        assert_eq!((gs.left.len(), gs.right.len()), (3, 2));
        assert!(en.paragraphs[0].text[gs.left[1].range.clone()].starts_with("Students"));
        assert_eq!(gs.counterparts(Side::Left, 0), vec![0]);
        assert_eq!(gs.counterparts(Side::Left, 1), vec![1]);
        assert_eq!(gs.counterparts(Side::Left, 2), vec![1]);
        assert_eq!(gs.counterparts(Side::Right, 1), vec![1, 2]);
        let gs = GroupSentences::of(&texts, 3);
        assert_eq!(gs.counterparts(Side::Left, 0), vec![0]);
        assert_eq!(gs.counterparts(Side::Right, 1), vec![1]);
        // A side with no paragraph: no counterparts at all.
        let gs = GroupSentences::of(&texts, 2);
        assert_eq!((gs.left.len(), gs.right.len()), (1, 0));
        assert!(gs.counterparts(Side::Left, 0).is_empty());
    }

    #[test]
    fn the_cursor_walks_through_groups_and_back() {
        let (en, zh, groups) = sample();
        let texts = Texts::pair(&en, Some(&zh), &groups);
        let mut s = Sentences::default();
        let at = |c: Option<Cursor>| c.map(|c| (c.group, c.index));
        assert_eq!(at(s.step(&texts, 0, Side::Left, true)), Some((0, 0)));
        assert_eq!(s.position(), Some((1, 3)));
        assert_eq!(at(s.step(&texts, 0, Side::Left, true)), Some((0, 1)));
        assert_eq!(at(s.step(&texts, 0, Side::Left, true)), Some((0, 2)));
        assert_eq!(s.position(), Some((3, 3)));
        let h = s.highlights().unwrap();
        assert_eq!(h.group, 0);
        assert_eq!(h.of(Side::Right, 0).count(), 1);
        assert_eq!(at(s.step(&texts, 0, Side::Left, true)), Some((1, 0)));
        assert_eq!(at(s.step(&texts, 0, Side::Left, true)), Some((2, 0)));
        assert_eq!(at(s.step(&texts, 0, Side::Left, false)), Some((1, 0)));
        assert_eq!(at(s.step(&texts, 0, Side::Left, false)), Some((0, 2)));
        // At either end the cursor stays.
        s.clear();
        assert_eq!(at(s.step(&texts, 0, Side::Left, false)), Some((0, 2)));
        for _ in 0..3 {
            s.step(&texts, 0, Side::Left, false);
        }
        assert_eq!(at(s.cursor()), Some((0, 0)));
        assert_eq!(s.step(&texts, 0, Side::Left, false), None);
        assert_eq!(at(s.cursor()), Some((0, 0)));
        // The right pane skips the group with nothing on its side.
        s.clear();
        assert_eq!(at(s.step(&texts, 1, Side::Right, true)), Some((1, 0)));
        assert_eq!(at(s.step(&texts, 1, Side::Right, true)), Some((3, 0)));
        assert_eq!(at(s.step(&texts, 1, Side::Right, true)), Some((3, 1)));
        assert_eq!(s.step(&texts, 1, Side::Right, true), None);
        // Tab takes the cursor to the counterpart.
        s.switch_side(&texts, Side::Left);
        assert_eq!(s.cursor(), Some(Cursor { group: 3, side: Side::Left, index: 1 }));
        s.invalidate();
        assert_eq!(s.cursor(), None);
        assert_eq!(s.highlights(), None);
    }

    #[test]
    fn wide_text_ranges_are_character_boundaries() {
        let (en, zh, groups) = sample();
        let texts = Texts::pair(&en, Some(&zh), &groups);
        let gs = GroupSentences::of(&texts, 0);
        for s in &gs.right {
            let t = &zh.paragraphs[s.para].text;
            assert!(t.is_char_boundary(s.range.start) && t.is_char_boundary(s.range.end));
        }
    }
}
