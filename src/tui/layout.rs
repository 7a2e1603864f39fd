//! Pure layout: each aligned group becomes a band of screen rows.
//!
//! Both sides of a group are wrapped with the same width-aware function ([`wrap`]) and the
//! shorter side is padded with blank rows, so the two sides of a pair always start on the same
//! row however they wrap (delta's `wrap_minusplus_block`, vim's diff filler lines). A band is as
//! tall as its taller side plus one blank separator row. In stacked mode a band is the left side
//! above the right one.
//!
//! Bands are computed lazily and cached per geometry: the reader only ever wraps the groups it
//! shows, so opening a long work costs a screenful of wrapping, not the whole text. When the
//! alignment changes, [`Layout::splice`] drops the bands of the groups that changed.

use std::cell::OnceCell;
use std::ops::Range;

use crate::alignment::Group;
use crate::document::Document;

use super::wrap::wrap_into;

/// Below this width two panes would be too narrow to read: the reader stacks them.
pub const MIN_SIDE_BY_SIDE: u16 = 80;
/// Below this width three panes would be too narrow to read (under 48 columns each): the
/// reader shows two.
pub const MIN_THREE_PANES: u16 = 150;
/// Blank rows after each band.
pub const GAP: usize = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Left and right panes next to each other.
    SideBySide,
    /// Each left paragraph above its counterpart, in one column.
    Stacked,
    /// A work in one language: one column, no counterpart.
    Single,
}

/// Where the panes are, in columns of the screen. Every column belongs to exactly one of: the
/// left gutter (the focus bar, and review mode's marks), the left text, the divider, the right
/// text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub mode: Mode,
    pub width: u16,
    /// First column of the left (or only) text.
    pub left_x: u16,
    pub left_w: u16,
    /// The divider column between the panes (side by side only); it doubles as the right
    /// pane's focus bar.
    pub divider_x: u16,
    pub right_x: u16,
    pub right_w: u16,
    /// The second divider and the third pane, when there are three (side by side only);
    /// `third_w` is 0 otherwise.
    pub divider2_x: u16,
    pub third_x: u16,
    pub third_w: u16,
}

impl Geometry {
    /// The geometry for a screen `width` columns wide.
    pub fn new(width: u16, two_panes: bool, want_stacked: bool) -> Geometry {
        Geometry::build(width, two_panes, want_stacked || width < MIN_SIDE_BY_SIDE)
    }

    fn build(width: u16, two_panes: bool, stacked: bool) -> Geometry {
        // Column 0 is the focus bar, column 1 a space.
        let text_w = width.saturating_sub(2).max(1);
        if !two_panes || stacked {
            let mode = if two_panes { Mode::Stacked } else { Mode::Single };
            return Geometry {
                mode,
                width,
                left_x: 2,
                left_w: text_w,
                divider_x: 0,
                right_x: 2,
                right_w: if two_panes { text_w } else { 0 },
                divider2_x: 0,
                third_x: 0,
                third_w: 0,
            };
        }
        // bar, space, LEFT, space, divider, space, RIGHT
        let inner = width.saturating_sub(5).max(2);
        let left_w = inner / 2;
        let right_w = inner - left_w;
        Geometry {
            mode: Mode::SideBySide,
            width,
            left_x: 2,
            left_w,
            divider_x: 2 + left_w + 1,
            right_x: 2 + left_w + 3,
            right_w,
            divider2_x: 0,
            third_x: 0,
            third_w: 0,
        }
    }

    /// Three panes side by side on a screen `width` wide (whatever the width: the reader asks
    /// for them only from [`MIN_THREE_PANES`] columns).
    pub fn three(width: u16) -> Geometry {
        // bar, space, LEFT, space, divider, space, RIGHT, space, divider, space, THIRD
        let inner = width.saturating_sub(8).max(3);
        let left_w = inner / 3;
        let right_w = (inner - left_w) / 2;
        let third_w = inner - left_w - right_w;
        let divider_x = 2 + left_w + 1;
        let right_x = divider_x + 2;
        let divider2_x = right_x + right_w + 1;
        Geometry {
            mode: Mode::SideBySide,
            width,
            left_x: 2,
            left_w,
            divider_x,
            right_x,
            right_w,
            divider2_x,
            third_x: divider2_x + 2,
            third_w,
        }
    }

    pub fn has_third(&self) -> bool {
        self.third_w > 0
    }
}

impl Geometry {
    /// The panes moved right by `gutter` columns (review mode's column of marks), on a screen
    /// `width` wide: side by side or stacked as without the gutter, in `width - gutter`.
    pub fn with_gutter(width: u16, two_panes: bool, want_stacked: bool, gutter: u16) -> Geometry {
        let stacked = want_stacked || width < MIN_SIDE_BY_SIDE;
        let mut g = Geometry::build(width.saturating_sub(gutter), two_panes, stacked);
        if gutter > 0 {
            g.width = width;
            g.left_x += gutter;
            g.right_x += gutter;
            if g.mode == Mode::SideBySide {
                g.divider_x += gutter;
            }
        }
        g
    }
}

/// One screen row of one side of a band.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A wrapped line: bytes `start..end` of paragraph `para` of this side's document.
    Text { para: usize, start: u32, end: u32 },
    /// Padding, or the space between two paragraphs of the same side.
    Blank,
    /// This side of the group has no paragraph: drawn as a dim marker.
    Empty,
}

/// Which side of a group a row belongs to: the model's two sides.
pub use crate::alignment::Side;

/// The rows of one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub left: Vec<Row>,
    pub right: Vec<Row>,
    /// The third pane's rows (three panes only; else empty).
    pub third: Vec<Row>,
    pub mode: Mode,
}

impl Band {
    /// Rows on screen, separator included.
    pub fn height(&self) -> usize {
        match self.mode {
            Mode::SideBySide => self.left.len().max(self.right.len()).max(self.third.len()) + GAP,
            Mode::Stacked | Mode::Single => self.left.len() + self.right.len() + GAP,
        }
    }

    /// What row `r` of a one-column band shows. `None` for the separator.
    pub fn stacked_row(&self, r: usize) -> Option<(Side, &Row)> {
        if r < self.left.len() {
            Some((Side::Left, &self.left[r]))
        } else {
            self.right.get(r - self.left.len()).map(|row| (Side::Right, row))
        }
    }

    /// First row of `side` in the band.
    pub fn side_start(&self, side: Side) -> usize {
        match (self.mode, side) {
            (Mode::SideBySide, _) | (_, Side::Left) => 0,
            (_, Side::Right) => self.left.len(),
        }
    }
}

/// The texts a layout is made of.
#[derive(Clone, Copy)]
pub struct Texts<'a> {
    pub left: &'a Document,
    pub right: Option<&'a Document>,
    pub groups: &'a [Group],
    /// The third pane's text and its paragraphs in each group, when three panes show.
    pub third: Option<ThirdText<'a>>,
}

/// The third pane of [`Texts`]: `ids[g]` are its paragraphs in group `g`.
#[derive(Clone, Copy)]
pub struct ThirdText<'a> {
    pub doc: &'a Document,
    pub ids: &'a [Vec<usize>],
    /// The pane whose text the third one is aligned with.
    pub shared: Side,
}

impl<'a> Texts<'a> {
    /// Two panes (or one, with `right` `None`).
    pub fn pair(left: &'a Document, right: Option<&'a Document>, groups: &'a [Group]) -> Texts<'a> {
        Texts { left, right, groups, third: None }
    }

    /// The third pane's paragraphs in group `g` (none without a third pane).
    pub fn third_ids(&self, g: usize) -> &'a [usize] {
        match self.third {
            Some(t) => t.ids.get(g).map_or(&[], Vec::as_slice),
            None => &[],
        }
    }
}

/// Lays out group `g` (the pure core of the reader); `None` past the last group.
pub fn layout_group(texts: &Texts<'_>, g: usize, geom: &Geometry) -> Option<Band> {
    let group = texts.groups.get(g)?;
    let mut left = Vec::new();
    side_rows(Some(texts.left), &group.left, geom.left_w, &mut left);
    let mut right = Vec::new();
    if geom.mode != Mode::Single {
        side_rows(texts.right, &group.right, geom.right_w, &mut right);
    }
    let mut third = Vec::new();
    if let Some(t) = texts.third.filter(|_| geom.has_third() && geom.mode == Mode::SideBySide) {
        side_rows(Some(t.doc), texts.third_ids(g), geom.third_w, &mut third);
    }
    if geom.mode == Mode::SideBySide {
        let h = left.len().max(right.len()).max(third.len());
        left.resize(h, Row::Blank);
        right.resize(h, Row::Blank);
        if !third.is_empty() {
            third.resize(h, Row::Blank);
        }
    }
    Some(Band { left, right, third, mode: geom.mode })
}

fn side_rows(doc: Option<&Document>, ids: &[usize], width: u16, rows: &mut Vec<Row>) {
    let mut lines: Vec<Range<usize>> = Vec::new();
    for (n, p) in ids.iter().filter_map(|&i| Some((i, doc?.paragraphs.get(i)?))).enumerate() {
        if n > 0 {
            rows.push(Row::Blank);
        }
        lines.clear();
        wrap_into(&p.1.text, usize::from(width), &mut lines);
        rows.extend(lines.drain(..).map(|r| Row::Text {
            para: p.0,
            start: r.start as u32,
            end: r.end as u32,
        }));
    }
    if rows.is_empty() {
        rows.push(Row::Empty);
    }
}

/// The bands of every group for one geometry, computed on first use.
#[derive(Debug, Clone)]
pub struct Layout {
    geom: Geometry,
    bands: Vec<OnceCell<Band>>,
}

impl Layout {
    pub fn new(geom: Geometry, groups: usize) -> Layout {
        Layout { geom, bands: (0..groups).map(|_| OnceCell::new()).collect() }
    }

    pub fn geometry(&self) -> &Geometry {
        &self.geom
    }

    pub fn len(&self) -> usize {
        self.bands.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bands.is_empty()
    }

    /// The band of group `i` (computed now if it was not yet). `None` past the last group.
    pub fn band(&self, texts: &Texts<'_>, i: usize) -> Option<&Band> {
        let cell = self.bands.get(i)?;
        if let Some(b) = cell.get() {
            return Some(b);
        }
        let band = layout_group(texts, i, &self.geom)?;
        Some(cell.get_or_init(|| band))
    }

    /// Height of the band of group `i` (0 past the last group).
    pub fn height(&self, texts: &Texts<'_>, i: usize) -> usize {
        self.band(texts, i).map_or(0, Band::height)
    }

    /// The groups in `range` were replaced by `new_len` groups: their bands are recomputed when
    /// next shown, the others are kept.
    pub fn splice(&mut self, range: Range<usize>, new_len: usize) {
        let range = range.start.min(self.bands.len())..range.end.min(self.bands.len());
        self.bands.splice(range, (0..new_len).map(|_| OnceCell::new()));
    }

    /// Lays out every group and returns the total height in rows. Long works are laid out on
    /// all cores: each band depends only on its own group.
    pub fn compute_all(&self, texts: &Texts<'_>) -> usize {
        let missing: Vec<usize> = (0..self.bands.len()).filter(|&i| self.bands[i].get().is_none()).collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(16);
        if threads > 1 && missing.len() >= 2048 {
            let (texts, geom) = (*texts, self.geom);
            let done: Vec<Vec<(usize, Band)>> = std::thread::scope(|scope| {
                let handles: Vec<_> = missing
                    .chunks(missing.len().div_ceil(threads))
                    .map(|chunk| {
                        scope.spawn(move || {
                            let band = |&i: &usize| Some((i, layout_group(&texts, i, &geom)?));
                            chunk.iter().filter_map(band).collect::<Vec<_>>()
                        })
                    })
                    .collect();
                // A thread that failed leaves its bands to be laid out below, one by one.
                handles.into_iter().filter_map(|h| h.join().ok()).collect()
            });
            for (i, band) in done.into_iter().flatten() {
                let _ = self.bands[i].set(band);
            }
        }
        (0..self.bands.len()).map(|i| self.height(texts, i)).sum()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::document::{Kind, Lang, Paragraph};

    fn doc(lang: Lang, texts: &[&str]) -> Document {
        Document {
            name: "t".into(),
            lang,
            paragraphs: texts
                .iter()
                .map(|t| Paragraph { text: t.to_string(), lang, kind: Kind::Body, lines: (1, 1) })
                .collect(),
        }
    }

    #[test]
    fn geometry_gives_every_column_one_owner() {
        for w in [0u16, 1, 5, 20, 79, 80, 81, 120, 200] {
            let g = Geometry::new(w, true, false);
            if g.mode == Mode::SideBySide {
                assert_eq!(g.left_x + g.left_w + 1, g.divider_x);
                assert_eq!(g.divider_x + 2, g.right_x);
                assert_eq!(g.right_x + g.right_w, w);
            } else {
                assert!(w < MIN_SIDE_BY_SIDE);
                assert!(g.left_w >= 1);
            }
        }
        assert_eq!(Geometry::new(120, true, true).mode, Mode::Stacked);
        assert_eq!(Geometry::new(120, false, false).mode, Mode::Single);
    }

    #[test]
    fn a_gutter_shifts_the_panes_and_keeps_the_mode() {
        for w in [0u16, 3, 20, 79, 80, 84, 120] {
            for stacked in [false, true] {
                let plain = Geometry::new(w, true, stacked);
                let g = Geometry::with_gutter(w, true, stacked, 5);
                assert_eq!(g.mode, plain.mode, "{w} stacked {stacked}");
                assert_eq!(g.width, w);
                assert_eq!(g.left_x, 7);
                if g.mode == Mode::SideBySide {
                    assert_eq!(g.left_x + g.left_w + 1, g.divider_x);
                    assert_eq!(g.divider_x + 2, g.right_x);
                    assert_eq!(g.right_x + g.right_w, w);
                }
            }
        }
        assert_eq!(Geometry::with_gutter(120, true, false, 0), Geometry::new(120, true, false));
    }

    #[test]
    fn pairs_are_padded_level() {
        let l = doc(Lang::EN, &["one two three four five six seven eight nine ten", "x"]);
        let r = doc(Lang::ZH, &["一二"]);
        let groups = vec![Group::new(vec![0, 1], vec![0], 1.0), Group::new(vec![], vec![0], 0.1)];
        let texts = Texts::pair(&l, Some(&r), &groups);
        let geom = Geometry::new(85, true, false);
        let layout = Layout::new(geom, groups.len());
        let b = layout.band(&texts, 0).unwrap();
        assert_eq!(b.left.len(), b.right.len());
        assert_eq!(b.height(), b.left.len() + GAP);
        assert_eq!(b.right[0], Row::Text { para: 0, start: 0, end: 6 });
        assert!(b.right[1..].iter().all(|r| *r == Row::Blank));
        assert_eq!(layout.band(&texts, 1).unwrap().left, vec![Row::Empty]);
        assert!(layout.band(&texts, 2).is_none());

        let stacked = Layout::new(Geometry::new(85, true, true), 2);
        let b = stacked.band(&texts, 0).unwrap();
        assert_eq!(b.height(), b.left.len() + 1 + GAP);
        assert_eq!(b.stacked_row(b.left.len()).map(|(s, _)| s), Some(Side::Right));
    }

    #[test]
    fn three_panes_give_every_column_one_owner() {
        for w in [0u16, 9, 80, 149, 150, 151, 180, 200, 241] {
            let g = Geometry::three(w);
            assert!(g.has_third() && g.mode == Mode::SideBySide, "{w}");
            assert_eq!(g.left_x + g.left_w + 1, g.divider_x);
            assert_eq!(g.divider_x + 2, g.right_x);
            assert_eq!(g.right_x + g.right_w + 1, g.divider2_x);
            assert_eq!(g.divider2_x + 2, g.third_x);
            if w >= 11 {
                assert_eq!(g.third_x + g.third_w, w);
            }
            // Within a column of each other.
            assert!(g.left_w.abs_diff(g.third_w) <= 1 && g.right_w.abs_diff(g.third_w) <= 1, "{w}");
        }
        assert!(!Geometry::new(200, true, false).has_third());
    }

    #[test]
    fn three_panes_are_padded_level() {
        let l = doc(Lang::EN, &["one two three four five six seven eight nine ten", "x"]);
        let r = doc(Lang::RU, &["один"]);
        let k = doc(
            Lang::KO,
            &["하나 둘 셋 넷 다섯 여섯 일곱 여덟 아홉 열 하나 둘 셋 넷 다섯 여섯 일곱 여덟 아홉 열", "둘"],
        );
        let groups = vec![Group::new(vec![0, 1], vec![0], 1.0), Group::new(vec![], vec![], 0.1)];
        let ids = vec![vec![0], vec![1]];
        let texts = Texts {
            third: Some(ThirdText { doc: &k, ids: &ids, shared: Side::Left }),
            ..Texts::pair(&l, Some(&r), &groups)
        };
        let layout = Layout::new(Geometry::three(56), groups.len());
        let b = layout.band(&texts, 0).unwrap();
        assert!(b.third.len() >= 3, "{b:?}");
        assert_eq!((b.left.len(), b.right.len()), (b.third.len(), b.third.len()));
        assert_eq!(b.height(), b.third.len() + GAP);
        let b = layout.band(&texts, 1).unwrap();
        assert_eq!(
            (b.left[0].clone(), b.third[0].clone()),
            (Row::Empty, Row::Text { para: 1, start: 0, end: 3 })
        );
        // Two panes of the same texts: no third rows.
        let layout = Layout::new(Geometry::new(56, true, false), groups.len());
        assert!(layout.band(&texts, 0).unwrap().third.is_empty());
    }

    #[test]
    fn splice_keeps_other_bands() {
        let l = doc(Lang::EN, &["a", "b", "c"]);
        let groups: Vec<Group> = (0..3).map(|i| Group::new(vec![i], vec![], 1.0)).collect();
        let texts = Texts::pair(&l, None, &groups);
        let mut layout = Layout::new(Geometry::new(40, false, false), 3);
        assert_eq!(layout.compute_all(&texts), 3 * (1 + GAP));
        layout.splice(0..2, 1);
        assert_eq!(layout.len(), 2);
        assert!(layout.bands[1].get().is_some());
        assert!(layout.bands[0].get().is_none());
    }
}
