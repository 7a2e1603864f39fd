//! The third pane (`--panes en,ru,ko`, `p`): a third text, aligned with the text of one of
//! the two panes (the shared one), shown beside them when the screen is wide enough.
//!
//! While three panes show, the reader's groups are the bands [`crate::compose`] makes of the
//! pair's alignment and the third text's, projected on the two panes, and the third pane's
//! paragraphs of each band are kept beside them; the pair's own groups wait to come back.
//! Everything that walks the groups (scrolling, `i/N`, sections, go-to, search) so works on
//! the bands unchanged. Review mode edits the pair's own alignment, so it shows two panes;
//! so do narrow screens, stacked panes and a pair still being aligned, the third text's pair
//! with the shared one included (it is aligned in the background like the first pair, and
//! the third pane shows once it is done).

use crate::alignment::Group;
use crate::compose::compose;
use crate::document::{Document, Lang};

use super::super::aligning::Pending;
use super::super::layout::{MIN_THREE_PANES, Side};
use super::super::shown::Shown;
use super::{Reader, Request, toc};

/// The third pane: its text, its alignment with the shared text, and its bands' paragraphs.
#[derive(Debug)]
pub struct ThirdPane {
    pub doc: Document,
    pub(super) shown: Shown,
    /// Its alignment with the shared text: each group's `left` are the shared text's
    /// paragraphs, its `right` the third text's.
    with_shared: Vec<Group>,
    /// The pane that shows the shared text.
    shared: Side,
    /// Shown when there is room (`p` hides it, and shows it again).
    pub on: bool,
    /// Where its alignment with the shared text came from, for the message line.
    pub origin: String,
    /// The third text's paragraphs in each of the reader's groups, while three panes show.
    pub(super) ids: Vec<Vec<usize>>,
    /// The pair's own groups, while the bands of three show in their place.
    pair: Option<Vec<Group>>,
    /// The alignment with the shared text being made (shared text left, third text right),
    /// while `with_shared` is only a provisional pairing.
    pub(super) pending: Option<Pending>,
}

impl ThirdPane {
    /// A third text and its alignment with the text of pane `shared` (each group's `left`
    /// on the shared text).
    pub fn new(doc: Document, with_shared: Vec<Group>, shared: Side, origin: impl Into<String>) -> ThirdPane {
        ThirdPane {
            shown: Shown::of(&doc),
            doc,
            with_shared,
            shared,
            on: true,
            origin: origin.into(),
            ids: Vec::new(),
            pair: None,
            pending: None,
        }
    }

    /// The same, its alignment with the shared text still being made (`with_shared` being
    /// a provisional pairing until then).
    pub fn aligning(mut self, pending: Pending) -> ThirdPane {
        self.pending = Some(pending);
        self
    }

    /// The alignment with the shared text being made, if it is.
    pub fn pending(&self) -> Option<&Pending> {
        self.pending.as_ref()
    }

    pub fn lang(&self) -> Lang {
        self.doc.lang
    }

    pub fn shared(&self) -> Side {
        self.shared
    }

    /// Whether it shows now (its bands in place of the pair's groups).
    pub(super) fn showing(&self) -> bool {
        self.pair.is_some()
    }
}

impl Reader {
    /// Adds a third pane, shown at once when there is room.
    pub fn attach_third(&mut self, third: ThirdPane) {
        self.show_two();
        self.third = Some(third);
        self.sync_panes();
    }

    pub fn third(&self) -> Option<&ThirdPane> {
        self.third.as_ref()
    }

    /// The pair's own groups (those of the two panes), whether three panes show or two.
    pub fn pair_groups(&self) -> &[Group] {
        self.third.as_ref().and_then(|t| t.pair.as_deref()).unwrap_or(&self.groups)
    }

    /// Whether three panes show now.
    pub fn three_panes(&self) -> bool {
        self.third.as_ref().is_some_and(ThirdPane::showing)
    }

    /// The languages of the panes, left to right, the third one included when it is loaded
    /// (shown or not).
    pub fn pane_langs(&self) -> Vec<Lang> {
        let (l, r) = self.langs();
        [Some(l), r, self.third.as_ref().map(ThirdPane::lang)].into_iter().flatten().collect()
    }

    /// Why three panes cannot show now, when a third pane is loaded and on; `None` when they
    /// can (or when there is no third pane to show).
    pub fn three_panes_blocked(&self) -> Option<String> {
        let third = self.third.as_ref().filter(|t| t.on)?;
        let two = match self.langs() {
            (l, Some(r)) => format!("{l}│{r}"),
            (l, None) => l.to_string(),
        };
        if self.width < MIN_THREE_PANES {
            Some(format!(
                "three panes need {MIN_THREE_PANES} columns, this screen has {}: showing {two} ({} hidden)",
                self.width,
                third.lang()
            ))
        } else if self.stacked {
            Some(format!("stacked: showing {two} (v for side by side and three panes)"))
        } else if self.review.is_some() {
            Some(format!("review mode shows two panes: {two}"))
        } else if self.pending.is_some() {
            Some(format!("three panes once {two} is aligned"))
        } else if let Some(p) = &third.pending {
            let shared = match third.shared {
                Side::Left => self.langs().0,
                Side::Right => self.langs().1.unwrap_or(Lang::UND),
            };
            let pct = p.progress * 100.0;
            Some(format!("three panes once {shared}│{} is aligned ({pct:.0} %)", third.lang()))
        } else {
            None
        }
    }

    /// Shows three panes or two, as the screen, the mode and `p` allow; keeps the focused
    /// pane's paragraph on top. Returns what to say when it changed.
    pub(super) fn sync_panes(&mut self) -> Option<String> {
        let want = self.third.as_ref().is_some_and(|t| t.on) && self.three_panes_blocked().is_none();
        if want == self.three_panes() {
            return None;
        }
        if want {
            self.show_three();
            Some(self.three_panes_shown())
        } else {
            self.show_two();
            Some(self.three_panes_blocked().unwrap_or_else(|| "two panes".into()))
        }
    }

    /// The third pane's alignment with the shared text, made in the background (job `job`):
    /// it replaces the provisional one, and three panes show when they can. `None` when the
    /// job is not the third pane's; else what to say.
    pub(super) fn finish_third(
        &mut self,
        job: u64,
        groups: Vec<Group>,
        warnings: &[String],
    ) -> Option<String> {
        let third = self.third.as_mut().filter(|t| t.pending.as_ref().is_some_and(|p| p.job == job))?;
        third.pending = None;
        third.with_shared = groups;
        third.origin = "aligned now".into();
        for w in warnings {
            third.origin = format!("{}; warning: {w}", third.origin);
        }
        let lang = third.lang();
        let said = self.sync_panes();
        let mut m = format!("{lang} aligned");
        if let Some(s) = said {
            m = format!("{m}; {s}");
        }
        for w in warnings {
            m = format!("{m}; warning: {w}");
        }
        Some(m)
    }

    /// Progress of the third pane's alignment (job `job`); true when the whole percent
    /// changed (the status line shows it).
    pub(super) fn third_progress(&mut self, job: u64, fraction: f32) -> bool {
        let third = self.third.as_mut().and_then(|t| t.pending.as_mut()).filter(|p| p.job == job);
        third.is_some_and(|p| p.advance(fraction))
    }

    /// What the message line says when three panes come up: `three panes: en│ru│ko`.
    pub(super) fn three_panes_shown(&self) -> String {
        let langs: Vec<String> = self.pane_langs().iter().map(Lang::to_string).collect();
        format!("three panes: {}", langs.join("│"))
    }

    /// `p`: hides the third pane, or shows it again. `None` when there is none loaded.
    pub(super) fn toggle_third(&mut self) -> Option<String> {
        let third = self.third.as_mut()?;
        third.on = !third.on;
        let on = third.on;
        let lang = third.lang();
        let changed = self.sync_panes();
        Some(match (on, changed) {
            (false, _) => format!("{lang} hidden: p shows it again"),
            (true, Some(m)) => m,
            (true, None) => self.three_panes_blocked().unwrap_or_default(),
        })
    }

    /// `l` (or `L`, `backward`) with a third pane: the next language in the focused pane,
    /// the other two kept. `None` when the work has no other language.
    pub(super) fn cycle_focused(&self, backward: bool) -> Option<Request> {
        let mut langs = self.pane_langs();
        let i = match (self.third_focus, self.focus) {
            (true, _) => 2,
            (false, Side::Left) => 0,
            (false, Side::Right) => 1,
        };
        let next = self.lang_after(*langs.get(i)?, backward)?;
        langs[i] = next;
        let [left, right, third] = langs[..] else { return None };
        // The text that stays on the left (or, when the left one changes, on the right) keeps
        // its place; the shared text stays in its pane.
        let keep = if i == 0 { Side::Right } else { Side::Left };
        let shared = self.third.as_ref().map_or(Side::Left, |t| t.shared);
        Some(Request::ChangeLangs { left, right, third: Some((third, shared)), keep })
    }

    /// The bands of the three texts in place of the pair's groups.
    fn show_three(&mut self) {
        let (at, side) = self.kept_position();
        let Some(third) = self.third.as_mut() else { return };
        let Some(right) = self.right.as_ref() else { return };
        let shared = third.shared;
        let (shared_len, pair): (usize, Vec<Group>) = match shared {
            Side::Left => (self.left.len(), self.groups.clone()),
            Side::Right => (
                right.len(),
                self.groups
                    .iter()
                    .map(|g| Group { left: g.right.clone(), right: g.left.clone(), ..g.clone() })
                    .collect(),
            ),
        };
        let bands = compose(shared_len, &pair, &third.with_shared);
        let mut groups = Vec::with_capacity(bands.len());
        third.ids = Vec::with_capacity(bands.len());
        for b in bands {
            let (left, right) = match shared {
                Side::Left => (b.shared, b.first),
                Side::Right => (b.first, b.shared),
            };
            groups.push(Group { left, right, confidence: b.confidence, status: b.status });
            third.ids.push(b.second);
        }
        third.pair = Some(std::mem::replace(&mut self.groups, groups));
        self.panes_changed(at, side);
    }

    /// The pair's own groups back in place of the bands of three.
    pub(super) fn show_two(&mut self) {
        let Some(pair) = self.third.as_mut().and_then(|t| t.pair.take()) else { return };
        let (at, side) = self.kept_position();
        self.groups = pair;
        if let Some(t) = self.third.as_mut() {
            t.ids.clear();
        }
        self.third_focus = false;
        self.panes_changed(at, side);
    }

    /// The paragraph to keep on top across a change of the groups: the focused pane's, or
    /// the shared text's when the third pane has the focus.
    fn kept_position(&self) -> (Option<usize>, Side) {
        let side = match (&self.third, self.third_focus) {
            (Some(t), true) => t.shared,
            _ => self.focus,
        };
        (self.position(side), side)
    }

    fn panes_changed(&mut self, at: Option<usize>, side: Side) {
        self.sentences.invalidate();
        self.sections = toc::sections(&self.left, self.right.as_ref(), &self.groups);
        self.find_hits();
        self.relayout();
        match at {
            Some(p) => self.goto_paragraph(side, p),
            None => self.goto(0),
        }
    }

    /// `s` with three panes: the pair's groups waiting to come back swap too, and the shared
    /// text changes pane.
    pub(super) fn swap_third(&mut self) {
        if let Some(t) = self.third.as_mut() {
            t.shared = t.shared.other();
            for g in t.pair.iter_mut().flatten() {
                std::mem::swap(&mut g.left, &mut g.right);
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::tests::sample;
    use super::super::{Action, App};
    use super::*;
    use crate::document::{Kind, Paragraph};

    /// The sample (en│zh, 30 groups) with a Korean third text aligned with the English: its
    /// paragraph i goes with English 2i and 2i+1 (15 paragraphs).
    pub(crate) fn three() -> App {
        let mut r = sample();
        let ko: Vec<Paragraph> = (0..15)
            .map(|i| Paragraph {
                text: format!("한국어 문단 {i}: 두 영어 문단의 번역입니다."),
                lang: Lang::KO,
                kind: if i % 5 == 0 { Kind::Heading } else { Kind::Body },
                lines: (1, 1),
            })
            .collect();
        let doc = Document { name: "ko".into(), lang: Lang::KO, paragraphs: ko };
        let with = (0..15).map(|i| Group::new(vec![2 * i, 2 * i + 1], vec![i], 0.8)).collect();
        r.attach_third(ThirdPane::new(doc, with, Side::Left, "test"));
        let mut app = App::with_reader(r);
        app.update(Action::Resize(180, 30));
        app
    }

    fn reader(a: &App) -> &Reader {
        a.reader.as_ref().unwrap()
    }

    #[test]
    fn three_panes_show_the_composed_bands() {
        let a = three();
        let r = reader(&a);
        assert!(r.three_panes());
        assert_eq!(r.pane_langs(), vec![Lang::EN, Lang::ZH, Lang::KO]);
        assert_eq!(r.groups().len(), 15);
        assert_eq!((r.groups()[3].left.clone(), r.groups()[3].right.clone()), (vec![6, 7], vec![6, 7]));
        assert_eq!(r.texts().third_ids(3), &[3]);
        assert!(r.layout().geometry().has_third());
        let b = r.band(3).unwrap();
        assert_eq!(b.third.len(), b.left.len());
    }

    #[test]
    fn narrow_screens_fall_back_to_two_panes_and_back() {
        let mut a = three();
        a.update(Action::Down);
        a.update(Action::Down);
        assert_eq!(reader(&a).position(Side::Left), Some(4));
        a.update(Action::Resize(120, 30));
        let r = reader(&a);
        assert!(!r.three_panes());
        assert_eq!(r.groups().len(), 30);
        assert_eq!(r.position(Side::Left), Some(4));
        assert!(!r.layout().geometry().has_third());
        let m = a.message.clone().unwrap();
        assert!(m.starts_with("three panes need 150 columns, this screen has 120: showing en│zh"), "{m}");
        // Resizing within the narrow range says nothing new.
        a.message = None;
        a.update(Action::Resize(121, 30));
        assert_eq!(a.message, None);
        a.update(Action::Resize(150, 30));
        assert!(reader(&a).three_panes());
        assert_eq!(reader(&a).position(Side::Left), Some(4));
        assert_eq!(a.message.as_deref(), Some("three panes: en│zh│ko"));
    }

    #[test]
    fn opening_on_a_narrow_screen_says_why_for_the_width_it_has() {
        let mut r = sample();
        let doc = Document { name: "ko".into(), lang: Lang::KO, paragraphs: vec![] };
        r.attach_third(ThirdPane::new(doc, vec![], Side::Left, "stored: x"));
        let mut a = App::with_reader(r);
        let m = a.message.clone().unwrap();
        assert!(m.starts_with("three panes need 150 columns, this screen has 80"), "{m}");
        assert!(m.contains("alignment: test; ko: stored: x"), "{m}");
        a.update(Action::Resize(120, 30));
        let m = a.message.clone().unwrap();
        assert!(m.starts_with("three panes need 150 columns, this screen has 120"), "{m}");
        assert!(m.contains("alignment: test"), "{m}");
        // An empty third text still shows: the two panes' groups, the third pane empty.
        a.update(Action::Resize(150, 30));
        let r = reader(&a);
        assert!(r.three_panes());
        assert_eq!(r.groups().len(), 30);
    }

    #[test]
    fn p_hides_and_shows_the_third_pane() {
        let mut a = three();
        a.update(Action::ThirdPane);
        assert!(!reader(&a).three_panes());
        assert_eq!(a.message.as_deref(), Some("ko hidden: p shows it again"));
        a.update(Action::ThirdPane);
        assert!(reader(&a).three_panes());
        // On a narrow screen `p` says why nothing shows.
        a.update(Action::Resize(100, 30));
        a.update(Action::ThirdPane);
        a.update(Action::ThirdPane);
        assert!(
            a.message.as_deref().is_some_and(|m| m.starts_with("three panes need 150")),
            "{:?}",
            a.message
        );
    }

    #[test]
    fn search_sections_goto_and_status_work_on_the_bands() {
        let mut a = three();
        a.update(Action::Search);
        for c in "문단 9:".chars() {
            a.update(Action::Input(c));
        }
        a.update(Action::Submit);
        assert_eq!(reader(&a).current(), 9);
        assert_eq!(a.message.as_deref(), Some("/문단 9:: match 1 of 1"));
        a.update(Action::Section(3));
        assert_eq!(reader(&a).current(), 5);
        a.update(Action::GoTo(super::super::Target::Group(12)));
        assert_eq!(reader(&a).current(), 11);
        a.update(Action::NextSection);
        // Sections come from the English headings (every 5th paragraph): bands 0, 2/3...
        assert!(reader(&a).current() > 11);
    }

    #[test]
    fn review_mode_shows_two_panes_and_gives_the_third_back() {
        let mut a = three();
        a.update(Action::Review);
        let r = reader(&a);
        assert!(!r.three_panes());
        assert_eq!(r.groups().len(), 30);
        assert!(a.message.as_deref().is_some_and(|m| m.contains("review mode shows two panes: en│zh")));
        a.update(Action::Review);
        assert!(reader(&a).three_panes());
    }

    #[test]
    fn the_alignment_to_save_is_the_pairs_own() {
        let a = three();
        let r = reader(&a);
        assert_eq!(r.groups().len(), 15);
        let al = r.alignment().unwrap();
        assert_eq!(al.groups.len(), 30);
        assert_eq!(al.groups[3], Group::new(vec![3], vec![3], 0.9));
        assert_eq!(r.pair_groups(), al.groups.as_slice());
    }

    #[test]
    fn restoring_unsaved_edits_reviews_in_two_panes() {
        let mut a = three();
        let r = a.reader.as_mut().unwrap();
        let mut al = r.alignment().unwrap();
        al.groups[0].status = crate::alignment::Status::Verified;
        r.recovery = Some(crate::store::Recovery { time: 0, alignment: al });
        a.update(Action::Recover);
        let r = reader(&a);
        assert!(a.message.as_deref().is_some_and(|m| m.starts_with("restored")), "{:?}", a.message);
        assert!(r.review().is_some() && !r.three_panes());
        assert_eq!(r.groups().len(), 30);
        assert_eq!(r.groups()[0].status, crate::alignment::Status::Verified);
    }

    #[test]
    fn tab_focuses_the_third_pane_and_swap_keeps_the_bands() {
        let mut a = three();
        a.update(Action::Focus);
        a.update(Action::Focus);
        assert!(reader(&a).third_focus);
        a.update(Action::Focus);
        assert!(!reader(&a).third_focus && reader(&a).focus == Side::Left);
        a.update(Action::Down);
        a.update(Action::Swap);
        let r = reader(&a);
        assert!(r.three_panes());
        assert_eq!(r.langs(), (Lang::ZH, Some(Lang::EN)));
        assert_eq!(r.groups()[1].right, vec![2, 3]);
        a.update(Action::Resize(100, 30));
        let r = reader(&a);
        assert_eq!(r.groups().len(), 30);
        assert_eq!(r.groups()[2].right, vec![2]);
        a.update(Action::Resize(180, 30));
        assert_eq!(reader(&a).third().map(ThirdPane::shared), Some(Side::Right));
        assert_eq!(reader(&a).groups().len(), 15);
        // Another reader opened in its place (`l`) keeps the focus on the third pane.
        a.update(Action::Focus);
        assert!(reader(&a).third_focus);
        let other = three().reader.take().unwrap();
        a.open(other);
        assert!(reader(&a).third_focus);
    }

    #[test]
    fn the_third_pane_lights_up_the_counterparts_of_the_cursor_sentence() {
        let mut a = three();
        assert!(reader(&a).three_panes());
        for focus_right in [false, true] {
            if focus_right {
                a.update(Action::Focus);
            }
            a.update(Action::NextSentence);
            let r = reader(&a);
            let c = r.sentences().cursor().unwrap();
            assert_eq!(c.side, if focus_right { Side::Right } else { Side::Left });
            let h = r.sentences().highlights().unwrap();
            assert!(!h.third.is_empty(), "focus right {focus_right}: {h:?}");
            let ids = &r.third().unwrap().ids[h.group];
            assert!(h.third.iter().all(|(p, _)| ids.contains(p)), "{h:?} {ids:?}");
        }
        // Drawn lit in the third pane (the sentence style's background), past its divider.
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(180, 30)).unwrap();
        t.draw(|f| crate::tui::view::draw(&a, f)).unwrap();
        let g = *reader(&a).layout().geometry();
        let buf = t.backend().buffer();
        let bg = crate::tui::sentences::style().bg;
        let lit = (1..29).any(|y| (g.third_x..g.third_x + g.third_w).any(|x| buf[(x, y)].style().bg == bg));
        assert!(lit, "no lit cell in the third pane");
        // The third pane focused: the cursor stays in the first two, and says so.
        a.update(Action::Focus);
        assert!(reader(&a).third_focus);
        a.update(Action::NextSentence);
        assert!(a.message.as_deref().unwrap_or("").contains("first two panes"), "{:?}", a.message);
    }
}
