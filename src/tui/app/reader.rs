//! The reader's state: the open text or pair, its groups laid out in bands, and the scroll
//! model (the group on top, rows skipped of it, the page). Review mode, jumps, sentences and
//! the third pane extend it in their own files; the app drives it with keys.

use std::ops::Range;

use crate::alignment::{Alignment, Group, Reading, SourceText, Status};
use crate::document::{Document, Lang};
use crate::tui::aligning::{self, Pending};
use crate::tui::layout::{Band, Geometry, Layout, Mode, Side, Texts, ThirdText};
use crate::tui::search::Search;
use crate::tui::sentences::Sentences;
use crate::tui::shown::Shown;
use crate::tui::toc::{self, Section};

use super::*;

/// What the reader shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A work of the library, with the languages it has (for `l`/`L`).
    Work { id: String, title: String, langs: Vec<Lang> },
    /// Files given on the command line; `langs`: the languages of a multi-language file read
    /// alone (for `l`/`L`; empty for two files, one language, or standard input).
    Files { left: String, right: Option<String>, langs: Vec<Lang> },
}

/// One open text (or pair of texts) and the position in it.
#[derive(Debug)]
pub struct Reader {
    pub source: Source,
    pub left: Document,
    pub right: Option<Document>,
    /// The two texts as the panes show them (whitespace runs made one space; see
    /// [`super::shown`]): what is laid out, searched and drawn.
    pub(super) shown_left: Shown,
    pub(super) shown_right: Option<Shown>,
    /// Where the alignment came from, for the status line ("stored", "aligned now").
    pub alignment_origin: String,
    pub(super) groups: Vec<Group>,
    pub(super) sections: Vec<Section>,
    pub(super) layout: Layout,
    /// The group at the top of the pane.
    pub(super) top: usize,
    /// Rows of the top group scrolled past (only when it is taller than the screen).
    pub(super) skip: usize,
    pub focus: Side,
    /// Stacked by choice (`v`); narrow screens stack whatever this says.
    pub stacked: bool,
    pub(super) search: Option<Search>,
    /// The groups with a match of `search`, in order (found once, when the search is set).
    pub(super) hits: Vec<usize>,
    /// Rows of text on screen.
    pub(super) rows: usize,
    pub(super) width: u16,
    /// Review mode, when it is on.
    pub(super) review: Option<ReviewMode>,
    /// Where review mode saves the alignment.
    pub save_target: SaveTarget,
    /// Why the stored alignment was not used (the texts changed since it was made), if so.
    pub stale: Option<String>,
    /// What the status line must say about the stored file besides where the pairing came
    /// from: a file that could not be loaded, and what a save will do with it.
    pub notice: Option<String>,
    /// Unsaved edits of this pair kept when an earlier reader was killed, offered back.
    pub recovery: Option<crate::store::Recovery>,
    /// The alignment being made while the reader shows a provisional one, if so.
    pub(super) pending: Option<Pending>,
    /// The sentence cursor (`)` and `(`) and the groups' sentences, paired.
    pub(super) sentences: Sentences,
    /// How each text was read from its file, for a save to record (`None`: not known).
    pub readings: (Option<Reading>, Option<Reading>),
    /// A third pane (see `app/panes.rs`).
    pub(super) third: Option<ThirdPane>,
    /// The third pane has the focus (`focus` then says which of the two had it before).
    pub third_focus: bool,
}

impl Reader {
    /// A reader on an aligned pair (`right` is `None` for a one-pane work, whose groups each
    /// hold one left paragraph).
    pub fn new(
        source: Source,
        left: Document,
        right: Option<Document>,
        groups: Vec<Group>,
        alignment_origin: impl Into<String>,
    ) -> Reader {
        let sections = toc::sections(&left, right.as_ref(), &groups);
        let geom = Geometry::new(80, right.is_some(), false);
        let layout = Layout::new(geom, groups.len());
        Reader {
            source,
            shown_left: Shown::of(&left),
            shown_right: right.as_ref().map(Shown::of),
            left,
            right,
            alignment_origin: alignment_origin.into(),
            groups,
            sections,
            layout,
            top: 0,
            skip: 0,
            focus: Side::Left,
            stacked: false,
            search: None,
            hits: Vec::new(),
            rows: 20,
            width: 80,
            review: None,
            save_target: SaveTarget::default(),
            stale: None,
            notice: None,
            recovery: None,
            pending: None,
            sentences: Sentences::default(),
            readings: (None, None),
            third: None,
            third_focus: false,
        }
        .with_default_target()
    }

    /// A reader on one document: one group per paragraph.
    pub fn single(source: Source, doc: Document) -> Reader {
        let groups = (0..doc.len()).map(|i| Group::new(vec![i], vec![], 1.0)).collect();
        Reader::new(source, doc, None, groups, "one language")
    }

    /// A reader on a provisional pairing of two texts ([`aligning::provisional`]) while
    /// `pending` makes the real one.
    pub fn aligning(source: Source, left: Document, right: Document, pending: Pending) -> Reader {
        let groups = aligning::provisional(&left, &right);
        let mut r = Reader::new(source, left, Some(right), groups, PROVISIONAL);
        r.pending = Some(pending);
        r
    }

    /// Where the pairing came from, with what must be said about the stored file.
    pub fn origin_line(&self) -> String {
        match &self.notice {
            Some(n) => format!("{}; {n}", self.alignment_origin),
            None => self.alignment_origin.clone(),
        }
    }

    /// The alignment being made, while the groups are provisional.
    /// The alignment this reader waits for, taken away (for a reader whose text becomes
    /// another reader's third pane, which then waits for it).
    pub(crate) fn take_pending(&mut self) -> Option<Pending> {
        self.pending.take()
    }

    pub fn pending(&self) -> Option<&Pending> {
        self.pending.as_ref()
    }

    /// Makes the alignments the reader waits for on this thread (its pair's, its third
    /// pane's), and shows them (as the event loop does when the workers are done); returns the
    /// aligner's warnings. For tests, benches and callers with no loop. Nothing is cached.
    pub fn align_now(&mut self) -> Vec<String> {
        let done: Vec<(u64, crate::cache::Entry)> = self
            .jobs()
            .into_iter()
            .map(|(p, l, r)| {
                (p.job, crate::cache::Entry::of(crate::align::align_outcome(l, r, &p.options), l, r))
            })
            .collect();
        let mut warnings = Vec::new();
        for (job, entry) in done {
            if self.pending.as_ref().is_some_and(|p| p.job == job) {
                self.finish_alignment(entry.groups, "aligned now");
            } else {
                self.finish_third(job, entry.groups, &entry.warnings);
            }
            warnings.extend(entry.warnings);
        }
        warnings
    }

    /// The alignments this reader waits for: each job with the two texts it aligns, in the
    /// orientation the job has them (the pair's as when the reader opened; the third pane's
    /// pair with the shared text first).
    pub fn jobs(&self) -> Vec<(&Pending, &Document, &Document)> {
        let mut out = Vec::new();
        if let (Some(p), Some(right)) = (&self.pending, &self.right) {
            let (l, r) = if p.swapped { (right, &self.left) } else { (&self.left, right) };
            out.push((p, l, r));
        }
        if let Some(t) = &self.third
            && let Some(p) = t.pending()
        {
            let shared = if t.shared() == Side::Left { Some(&self.left) } else { self.right.as_ref() };
            if let Some(shared) = shared {
                out.push((p, shared, &t.doc));
            }
        }
        out
    }

    /// Replaces the provisional groups with the alignment, keeping the paragraph of the
    /// focused side that was on top on top.
    pub fn finish_alignment(&mut self, mut groups: Vec<Group>, origin: impl Into<String>) {
        let Some(pending) = self.pending.take() else { return };
        if pending.swapped {
            for g in &mut groups {
                std::mem::swap(&mut g.left, &mut g.right);
            }
        }
        let at = self.position(self.focus);
        self.groups = groups;
        self.sentences.invalidate();
        self.alignment_origin = origin.into();
        self.sections = toc::sections(&self.left, self.right.as_ref(), &self.groups);
        self.find_hits();
        self.relayout();
        match at {
            Some(p) => self.goto_paragraph(self.focus, p),
            None => self.goto(0),
        }
        // The pair is aligned: the third pane can show.
        self.sync_panes();
    }

    pub fn texts(&self) -> Texts<'_> {
        texts_of(&self.shown_left, self.shown_right.as_ref(), &self.groups, self.third.as_ref())
    }

    /// The third pane's text as shown, while three panes show.
    pub fn shown_third(&self) -> Option<&Shown> {
        self.third.as_ref().filter(|_| self.three_panes()).map(|t| &t.shown)
    }

    /// A side's text as shown (see [`super::shown`]).
    pub fn shown(&self, side: Side) -> Option<&Shown> {
        match side {
            Side::Left => Some(&self.shown_left),
            Side::Right => self.shown_right.as_ref(),
        }
    }

    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    pub fn band(&self, group: usize) -> Option<&Band> {
        self.layout.band(&self.texts(), group)
    }

    /// The group the reader is at (the one at the top of the pane).
    pub fn current(&self) -> usize {
        self.top
    }

    /// Rows of the current group already scrolled past.
    pub fn skip(&self) -> usize {
        self.skip
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn is_single(&self) -> bool {
        self.right.is_none()
    }

    pub fn langs(&self) -> (Lang, Option<Lang>) {
        (self.left.lang, self.right.as_ref().map(|d| d.lang))
    }

    /// Puts group `g` at the top of the pane.
    pub fn goto(&mut self, g: usize) {
        self.top = g.min(self.groups.len().saturating_sub(1));
        self.skip = 0;
    }

    /// Replaces the groups in `range` with `new` (review edits). Only the bands of the new
    /// groups are laid out again; sections are recomputed; the position stays on the same
    /// group where it still exists.
    pub fn replace_groups(&mut self, range: Range<usize>, new: Vec<Group>) {
        let range = range.start.min(self.groups.len())..range.end.min(self.groups.len());
        let (removed, added) = (range.len(), new.len());
        self.layout.splice(range.clone(), added);
        self.groups.splice(range.clone(), new);
        self.sentences.invalidate();
        self.sections = toc::sections(&self.left, self.right.as_ref(), &self.groups);
        self.find_hits();
        if self.top >= range.end {
            self.top = self.top + added - removed;
        } else if self.top >= range.start {
            self.top = range.start;
            self.skip = 0;
        }
        self.goto_keep_skip();
    }

    pub(super) fn goto_keep_skip(&mut self) {
        let skip = self.skip;
        self.goto(self.top);
        self.skip = skip.min(self.height(self.top).saturating_sub(1));
    }

    /// The search whose matches are highlighted, if any.
    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    /// Sets (or clears) the search and finds the groups it matches.
    pub fn set_search(&mut self, search: Option<Search>) {
        self.search = search;
        self.find_hits();
    }

    pub(super) fn find_hits(&mut self) {
        let texts = self.texts();
        let hits = match &self.search {
            Some(s) => (0..self.groups.len()).filter(|&g| s.matches_group(&texts, g)).collect(),
            None => Vec::new(),
        };
        self.hits = hits;
    }

    /// The groups with a match of the search.
    pub fn hits(&self) -> &[usize] {
        &self.hits
    }

    /// Marks group `g` verified (or not). The layout is untouched: a status draws no rows.
    pub fn set_status(&mut self, g: usize, status: Status) {
        if let Some(group) = self.groups.get_mut(g) {
            group.status = status;
        }
    }

    /// The alignment as it stands now (after any edits), ready to be saved.
    pub fn alignment(&self) -> Option<Alignment> {
        let right = self.right.as_ref()?;
        let work = match &self.source {
            Source::Work { id, .. } => Some(id.clone()),
            Source::Files { .. } => None,
        };
        let side = |doc: &Document, reading: Option<Reading>| match reading {
            Some(r) => SourceText::read_as(doc, doc.name.clone(), r),
            None => SourceText::of(doc, doc.name.clone()),
        };
        Some(Alignment {
            work,
            left: side(&self.left, self.readings.0),
            right: side(right, self.readings.1),
            groups: self.pair_groups().to_vec(),
        })
    }

    /// Lays out again for a screen of `width` × `rows` text rows (a resize, `v`, or a swap).
    /// The same group stays on top. Returns what to say when a third pane came or went.
    pub fn resize(&mut self, width: u16, rows: usize) -> Option<String> {
        self.width = width;
        self.rows = rows.max(1);
        let said = self.sync_panes();
        let geom = self.geometry(width);
        if *self.layout.geometry() != geom || self.layout.len() != self.groups.len() {
            self.layout = Layout::new(geom, self.groups.len());
            self.skip = 0;
        }
        said
    }

    /// Drops every band (the texts changed sides) and lays out again for the same screen.
    pub(super) fn relayout(&mut self) {
        let geom = self.geometry(self.width);
        self.layout = Layout::new(geom, self.groups.len());
        self.skip = 0;
    }

    /// The panes on a screen `width` wide; review mode's gutter takes a few columns.
    pub(super) fn geometry(&self, width: u16) -> Geometry {
        if self.three_panes() {
            return Geometry::three(width);
        }
        let gutter = if self.review.is_some() { GUTTER } else { 0 };
        Geometry::with_gutter(width, self.right.is_some(), self.stacked, gutter)
    }

    pub fn mode(&self) -> Mode {
        self.layout.geometry().mode
    }

    pub(super) fn height(&self, g: usize) -> usize {
        self.layout.height(&self.texts(), g)
    }

    /// The paragraph on top, on `side`: the first paragraph of that side in the current group
    /// or, when that side is empty there, the nearest before it. This is what is remembered.
    pub fn position(&self, side: Side) -> Option<usize> {
        let ids = |g: &Group| if side == Side::Left { g.left.first() } else { g.right.first() }.copied();
        let before = self.groups.get(..=self.top.min(self.groups.len().saturating_sub(1)))?;
        before.iter().rev().find_map(ids).or_else(|| self.groups.iter().find_map(ids))
    }

    /// Puts the group holding paragraph `p` of `side` (or the first after it) on top.
    pub fn goto_paragraph(&mut self, side: Side, p: usize) {
        let found = self.groups.iter().position(|g| {
            let ids = if side == Side::Left { &g.left } else { &g.right };
            ids.iter().any(|&i| i >= p)
        });
        self.goto(found.unwrap_or(self.groups.len().saturating_sub(1)));
    }

    /// The groups on screen and where each starts (a negative start is scrolled past).
    pub fn visible(&self) -> Vec<(usize, isize)> {
        let mut out = Vec::new();
        let mut y = -(self.skip as isize);
        let mut g = self.top;
        while y < self.rows as isize && g < self.groups.len() {
            out.push((g, y));
            y += self.height(g) as isize;
            g += 1;
        }
        out
    }

    pub(super) fn scroll_down(&mut self, mut d: usize) {
        while d > 0 && !self.groups.is_empty() {
            let h = self.height(self.top);
            if self.top + 1 >= self.groups.len() {
                // The last band can be scrolled only until its end reaches the bottom.
                self.skip = (self.skip + d).min(h.saturating_sub(self.rows));
                return;
            }
            let rest = h - self.skip.min(h);
            if d < rest {
                self.skip += d;
                return;
            }
            d -= rest;
            self.top += 1;
            self.skip = 0;
        }
    }

    pub(super) fn scroll_up(&mut self, mut d: usize) {
        while d > 0 {
            if d <= self.skip {
                self.skip -= d;
                return;
            }
            d -= self.skip;
            self.skip = 0;
            if self.top == 0 {
                return;
            }
            self.top -= 1;
            self.skip = self.height(self.top);
        }
    }

    pub(super) fn page_down(&mut self) -> bool {
        let rows = self.rows as isize;
        // The group cut off at the bottom becomes the top, so pairs are seen whole.
        let cut = self.visible().into_iter().find(|&(g, y)| y + self.height(g) as isize > rows);
        match cut {
            Some((g, _)) if g > self.top => {
                self.goto(g);
                true
            }
            Some(_) => {
                self.scroll_down(self.rows.saturating_sub(1).max(1));
                true
            }
            None => false,
        }
    }

    pub(super) fn page_up(&mut self) {
        if self.skip > 0 {
            self.skip = self.skip.saturating_sub(self.rows.saturating_sub(1).max(1));
            return;
        }
        let mut acc = 0;
        let mut g = self.top;
        while g > 0 {
            let h = self.height(g - 1);
            if acc + h > self.rows {
                break;
            }
            acc += h;
            g -= 1;
        }
        if g == self.top && self.top > 0 {
            // The previous band alone is taller than the screen: show its last screenful.
            self.top -= 1;
            self.skip = self.height(self.top).saturating_sub(self.rows);
        } else {
            self.goto(g);
        }
    }

    /// Scrolls so that the end of the text is at the bottom of the screen (the screen full,
    /// the first band cut at the top if need be, as `less` does).
    pub(super) fn bottom(&mut self) {
        let n = self.groups.len();
        let mut acc = 0;
        let mut g = n;
        while g > 0 {
            // The separator after the last band need not show.
            let h = self.height(g - 1) - usize::from(g == n);
            if acc + h >= self.rows {
                self.top = g - 1;
                self.skip = acc + h - self.rows;
                return;
            }
            acc += h;
            g -= 1;
        }
        self.goto(0);
    }

    /// Whether the end of the text is on screen.
    pub fn at_end(&self) -> bool {
        let rows = self.rows as isize;
        match self.visible().last() {
            Some(&(g, y)) => g + 1 == self.groups.len() && y + self.height(g) as isize - 1 <= rows,
            None => true,
        }
    }

    /// The section the reader is in.
    pub fn current_section(&self) -> Option<&Section> {
        toc::current(&self.sections, self.top).map(|i| &self.sections[i])
    }

    /// `s`: the texts change sides.
    pub fn swap(&mut self) {
        let Some(right) = self.right.take() else { return };
        let left = std::mem::replace(&mut self.left, right);
        self.right = Some(left);
        if let Some(shown_right) = self.shown_right.take() {
            self.shown_right = Some(std::mem::replace(&mut self.shown_left, shown_right));
        }
        for g in &mut self.groups {
            std::mem::swap(&mut g.left, &mut g.right);
        }
        self.sentences.invalidate();
        if let Some(p) = &mut self.pending {
            p.swapped = !p.swapped;
        }
        if let Source::Files { left, right: Some(right), .. } = &mut self.source {
            std::mem::swap(left, right);
        }
        self.readings = (self.readings.1, self.readings.0);
        self.swap_third();
        self.focus = self.focus.other();
        self.sections = toc::sections(&self.left, self.right.as_ref(), &self.groups);
        self.relayout();
    }

    /// The next language of the work (or multi-language file) for `side`, other than both
    /// current ones.
    pub(super) fn next_lang(&self, side: Side, backward: bool) -> Option<Lang> {
        let (l, r) = (self.left.lang, self.right.as_ref()?.lang);
        self.lang_after(if side == Side::Left { l } else { r }, backward)
    }

    /// The language of the work (or multi-language file) after `cur` (or before it), other
    /// than those of the panes.
    pub(super) fn lang_after(&self, cur: Lang, backward: bool) -> Option<Lang> {
        let (Source::Work { langs, .. } | Source::Files { langs, .. }) = &self.source;
        let shown = self.pane_langs();
        let i = langs.iter().position(|x| *x == cur)?;
        let n = langs.len();
        (1..n)
            .map(|k| langs[if backward { (i + n - k) % n } else { (i + k) % n }])
            .find(|x| !shown.contains(x))
    }
}

/// The texts as the panes show them, from the reader's fields (so that a caller may borrow
/// another field, the cache of sentences, mutably beside them): the third pane's while three
/// panes show.
pub(super) fn texts_of<'a>(
    left: &'a Shown,
    right: Option<&'a Shown>,
    groups: &'a [Group],
    third: Option<&'a ThirdPane>,
) -> Texts<'a> {
    let third = third.filter(|t| t.showing()).map(|t| ThirdText {
        doc: &t.shown.doc,
        ids: &t.ids,
        shared: t.shared(),
    });
    Texts { left: &left.doc, right: right.map(|s| &s.doc), groups, third }
}
