//! The sentence cursor in the reader (`)` and `(`): moving it, keeping its sentence on screen,
//! and when it goes. The state and the pairing of sentences are in [`crate::tui::sentences`].

use super::{Action, App, Context, Mode, Reader, Row, Side};
use crate::tui::sentences::Sentences;

impl Reader {
    /// The sentence cursor and the sentences found so far.
    pub fn sentences(&self) -> &Sentences {
        &self.sentences
    }

    /// Moves the sentence cursor forward (or back) in the focused pane, from the group the
    /// keys act on; the group it lands in becomes that group and its sentence shows. Returns
    /// a message when there is no sentence further that way.
    pub(super) fn step_sentence(&mut self, forward: bool) -> Option<String> {
        if self.third_focus {
            return Some("the sentence cursor moves in the first two panes (Tab to one): the third lights up their counterparts".into());
        }
        let from = self.cursor();
        let side = if self.is_single() { Side::Left } else { self.focus };
        let texts = super::reader::texts_of(
            &self.shown_left,
            self.shown_right.as_ref(),
            &self.groups,
            self.third.as_ref(),
        );
        let Some(c) = self.sentences.step(&texts, from, side, forward) else {
            let m = if forward { "no sentence after this one" } else { "no sentence before this one" };
            return Some(m.into());
        };
        if c.group != self.cursor() {
            match self.review.as_mut() {
                Some(rm) => {
                    rm.cursor = c.group;
                    self.show_group(c.group);
                }
                None => self.goto(c.group),
            }
        }
        self.reveal_sentence();
        None
    }

    /// Tab: the cursor follows the focus to the counterpart of its sentence.
    pub(super) fn sentence_follow_focus(&mut self) {
        let texts = super::reader::texts_of(
            &self.shown_left,
            self.shown_right.as_ref(),
            &self.groups,
            self.third.as_ref(),
        );
        self.sentences.switch_side(&texts, self.focus);
        self.reveal_sentence();
    }

    /// The first and last row in the band of group `g` of bytes `range` of paragraph `para`
    /// of `side`.
    fn rows_of(
        &self,
        g: usize,
        side: Side,
        para: usize,
        range: &std::ops::Range<usize>,
    ) -> Option<(usize, usize)> {
        let band = self.band(g)?;
        let rows = match (band.mode, side) {
            (Mode::SideBySide | Mode::Stacked, Side::Right) => &band.right,
            _ => &band.left,
        };
        let inside = |row: &Row| {
            matches!(row, Row::Text { para: p, start, end }
                if *p == para && (*start as usize) < range.end && (*end as usize) > range.start)
        };
        let offset = band.side_start(side);
        Some((offset + rows.iter().position(inside)?, offset + rows.iter().rposition(inside)?))
    }

    /// The first and last row of the cursor's sentence in its group's band.
    fn sentence_rows(&self) -> Option<(usize, usize)> {
        let c = self.sentences.cursor()?;
        let s = self.sentences.sentence()?;
        self.rows_of(c.group, c.side, s.para, &s.range)
    }

    /// Scrolls so that the cursor's sentence shows, with its counterparts when the screen can
    /// hold them all (stacked, they are rows apart).
    fn reveal_sentence(&mut self) {
        let (Some(c), Some(own)) = (self.sentences.cursor(), self.sentence_rows()) else { return };
        let all = self.sentences.highlights().map_or(own, |h| {
            h.spans
                .iter()
                .filter_map(|(side, p, r)| self.rows_of(c.group, *side, *p, r))
                .fold(own, |a, b| (a.0.min(b.0), a.1.max(b.1)))
        });
        let (first, last) = if all.1 - all.0 < self.rows { all } else { own };
        let Some(&(_, y0)) = self.visible().iter().find(|(g, _)| *g == c.group) else { return };
        let (a, b) = (y0 + first as isize, y0 + last as isize);
        let rows = self.rows as isize;
        if a < 0 {
            self.scroll_up(a.unsigned_abs());
        } else if b >= rows {
            self.scroll_down((b - rows + 1).min(a) as usize);
        }
    }
}

/// Whether the sentence cursor stays through `action`: its own keys, Tab, `v`, the wheel and
/// the help. Anything else (a move by groups, an edit, a search) drops it.
fn keeps_sentence(action: Action) -> bool {
    matches!(
        action,
        Action::NextSentence
            | Action::PrevSentence
            | Action::Focus
            | Action::ToggleStacked
            | Action::Scroll(_)
            | Action::Resize(..)
            | Action::Help
    )
}

impl App {
    /// Drops the sentence cursor when `action` moves by groups; true when the action was Esc
    /// and did only that.
    pub(super) fn sentence_action(&mut self, action: Action) -> bool {
        if !matches!(self.context(), Context::Reader | Context::Review) {
            return false;
        }
        let Some(r) = &mut self.reader else { return false };
        if r.sentences.cursor().is_none() || keeps_sentence(action) {
            return false;
        }
        r.sentences.clear();
        action == Action::Cancel
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::{Request, Source};
    use super::*;
    use crate::alignment::Group;
    use crate::document::{Document, Lang};

    fn doc(lang: Lang, texts: &[&str]) -> Document {
        Document::of_texts(&lang.to_string(), lang, texts)
    }

    /// Group 0 is a 3-2 in sentences, group 1 a 1-1, group 2 a long 4-4 that wraps over many
    /// rows on a narrow screen.
    fn app() -> App {
        let long_en = "The first of four sentences is here. The second one follows it closely. \
                       The third sentence is a little longer than the others are. The fourth ends it.";
        let long_zh =
            "四句话中的第一句在这里。第二句紧随其后。第三句比其他几句稍微长一点。第四句结束了这一段。";
        let en = doc(
            Lang::EN,
            &[
                "Kolbin was appointed first secretary on 16 December 1986. Students took to the streets. They marched to the square.",
                "The protest lasted three days.",
                long_en,
            ],
        );
        let zh = doc(
            Lang::ZH,
            &[
                "1986年12月16日，科尔宾被任命为第一书记。学生们走上街头，游行到广场。",
                "抗议持续了三天。",
                long_zh,
            ],
        );
        let groups = (0..3).map(|i| Group::new(vec![i], vec![i], 0.9)).collect();
        let src = Source::Work { id: "t".into(), title: "T".into(), langs: vec![Lang::EN, Lang::ZH] };
        let mut app = App::with_reader(Reader::new(src, en, Some(zh), groups, "test"));
        app.update(Action::Resize(120, 20));
        app
    }

    fn reader(a: &App) -> &Reader {
        a.reader.as_ref().unwrap()
    }

    fn at(a: &App) -> Option<(usize, Side, (usize, usize))> {
        let r = reader(a);
        let c = r.sentences().cursor()?;
        Some((c.group, c.side, r.sentences().position()?))
    }

    #[test]
    fn parens_walk_the_sentences_and_light_the_counterparts() {
        let mut a = app();
        a.update(Action::NextSentence);
        assert_eq!(at(&a), Some((0, Side::Left, (1, 3))));
        a.update(Action::NextSentence);
        a.update(Action::NextSentence);
        assert_eq!(at(&a), Some((0, Side::Left, (3, 3))));
        // The last two English sentences are the second Chinese one.
        let h = reader(&a).sentences().highlights().unwrap();
        let zh = &reader(&a).right.as_ref().unwrap().paragraphs[0].text;
        let right: Vec<&str> = h.of(Side::Right, 0).map(|r| &zh[r]).collect();
        assert_eq!(right, vec!["学生们走上街头，游行到广场。"]);
        // On into the next group, which comes to the top; and back.
        a.update(Action::NextSentence);
        assert_eq!(at(&a), Some((1, Side::Left, (1, 1))));
        assert_eq!(reader(&a).current(), 1);
        a.update(Action::PrevSentence);
        assert_eq!(at(&a), Some((0, Side::Left, (3, 3))));
        assert_eq!(reader(&a).current(), 0);
        // Tab takes it to the counterpart in the other pane.
        a.update(Action::Focus);
        assert_eq!(at(&a), Some((0, Side::Right, (2, 2))));
        a.update(Action::PrevSentence);
        assert_eq!(at(&a), Some((0, Side::Right, (1, 2))));
        assert_eq!(a.update(Action::PrevSentence), None);
        assert_eq!(a.message.as_deref(), Some("no sentence before this one"));
    }

    #[test]
    fn esc_and_group_motions_drop_the_cursor() {
        let mut a = app();
        a.update(Action::NextSentence);
        // Esc drops the cursor and does not quit; the next Esc does.
        assert_eq!(a.update(Action::Cancel), None);
        assert_eq!(at(&a), None);
        assert_eq!(a.update(Action::Cancel), Some(Request::Quit));
        for motion in
            [Action::Down, Action::Up, Action::PageDown, Action::Top, Action::Bottom, Action::Digit(1)]
        {
            let mut a = app();
            a.update(Action::NextSentence);
            a.update(motion);
            assert_eq!(at(&a), None, "{motion:?}");
        }
        // `v` and the wheel keep it.
        let mut a = app();
        a.update(Action::NextSentence);
        a.update(Action::ToggleStacked);
        a.update(Action::Scroll(1));
        assert_eq!(at(&a), Some((0, Side::Left, (1, 3))));
        // Swapping the sides changes what the sentences are: the cursor goes.
        a.update(Action::Swap);
        assert_eq!(at(&a), None);
    }

    #[test]
    fn review_mode_moves_its_cursor_with_the_sentence() {
        let mut a = app();
        a.update(Action::Review);
        assert_eq!(a.context(), Context::Review);
        for _ in 0..4 {
            a.update(Action::NextSentence);
        }
        assert_eq!(at(&a), Some((1, Side::Left, (1, 1))));
        assert_eq!(reader(&a).cursor(), 1);
        a.update(Action::NextSentence);
        assert_eq!(at(&a), Some((2, Side::Left, (1, 4))));
        assert_eq!(reader(&a).cursor(), 2);
        // An edit changes the groups: the cursor goes.
        a.update(Action::Merge);
        assert_eq!(at(&a), None);
    }

    #[test]
    fn a_sentence_below_the_screen_is_scrolled_into_view() {
        let mut a = app();
        // Stacked, 30 columns, 6 rows of text: group 2 is far taller than the screen.
        a.update(Action::Resize(30, 8));
        a.update(Action::Bottom);
        a.update(Action::Top);
        for _ in 0..8 {
            a.update(Action::NextSentence);
            let r = reader(&a);
            let c = r.sentences().cursor().unwrap();
            let (first, last) = r.sentence_rows().unwrap();
            let (_, y0) = r.visible().into_iter().find(|(g, _)| *g == c.group).unwrap();
            let (top, bottom) = (y0 + first as isize, y0 + last as isize);
            assert!(top >= 0 && top < r.rows() as isize, "{c:?}: rows {top}..={bottom} of {}", r.rows());
        }
        assert_eq!(at(&a), Some((2, Side::Left, (4, 4))));
    }
}
