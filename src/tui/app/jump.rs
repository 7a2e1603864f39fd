//! Going somewhere: a count before `G` or `%` (vim, less), the `:` prompt's targets, the
//! line of a search match, and the group and pane under a mouse click.

use super::{Action, App, Context, Mode, Reader, Row, Side, Target};

impl Reader {
    /// The first row of group `g`'s band that shows a match of the search.
    pub(super) fn match_row(&self, g: usize) -> Option<usize> {
        let search = self.search.as_ref()?;
        let band = self.band(g)?;
        let texts = self.texts();
        let hit = |side: Side, row: &Row| {
            let Row::Text { para, start, end } = row else { return false };
            let doc = if side == Side::Left { Some(texts.left) } else { texts.right };
            let Some(p) = doc.and_then(|d| d.paragraphs.get(*para)) else { return false };
            search.find(&p.text).iter().any(|m| m.start < *end as usize && m.end > *start as usize)
        };
        let third = texts.third.map(|t| t.doc);
        let hit_third = |row: &Row| {
            let Row::Text { para, start, end } = row else { return false };
            let Some(p) = third.and_then(|d| d.paragraphs.get(*para)) else { return false };
            search.find(&p.text).iter().any(|m| m.start < *end as usize && m.end > *start as usize)
        };
        match band.mode {
            Mode::SideBySide => (0..band.height() - super::super::layout::GAP).find(|&r| {
                band.left.get(r).is_some_and(|row| hit(Side::Left, row))
                    || band.right.get(r).is_some_and(|row| hit(Side::Right, row))
                    || band.third.get(r).is_some_and(hit_third)
            }),
            Mode::Stacked | Mode::Single => (0..band.left.len() + band.right.len())
                .find(|&r| band.stacked_row(r).is_some_and(|(side, row)| hit(side, row))),
        }
    }

    /// Scrolls the top group, when its first match is below the screen, so that the matched
    /// line shows, a third of the way down (a paragraph taller than the screen would else say
    /// "match 1 of 2" with the match out of sight).
    pub(super) fn reveal_match(&mut self) {
        let Some(row) = self.match_row(self.top) else { return };
        if row < self.rows {
            return;
        }
        self.skip = (row - self.rows / 3).min(self.height(self.top).saturating_sub(1));
    }

    /// The group on text row `row` (0 is the first row under the header) and the pane at
    /// column `x`, if the click was on one of the two (a one-pane text has none to focus; the
    /// divider is neither).
    pub fn at_cell(&self, x: u16, row: usize) -> Option<(usize, Option<Side>)> {
        if row >= self.rows {
            return None;
        }
        let row = row as isize;
        let (g, y0) =
            self.visible().into_iter().find(|&(g, y0)| row >= y0 && row < y0 + self.height(g) as isize)?;
        let geom = *self.layout.geometry();
        let side = match geom.mode {
            Mode::Single => None,
            Mode::SideBySide if x < geom.divider_x => Some(Side::Left),
            // The third pane is neither of the two (see `clicked_third`).
            Mode::SideBySide if geom.has_third() && x >= geom.divider2_x => None,
            Mode::SideBySide if x > geom.divider_x => Some(Side::Right),
            Mode::SideBySide => None,
            Mode::Stacked => {
                let band = self.band(g)?;
                let r = (row - y0) as usize;
                // The separator row below the band belongs to the side above it.
                Some(band.stacked_row(r).map_or(Side::Right, |(side, _)| side))
            }
        };
        Some((g, side))
    }

    /// Whether column `x` is in the third pane (while three panes show).
    pub fn clicked_third(&self, x: u16) -> bool {
        let geom = self.layout.geometry();
        self.three_panes() && geom.has_third() && x > geom.divider2_x
    }

    /// Goes to group N (1-based) or N % into the text, where N % is the first group whose
    /// `i/N` is at least that share (the status line's percent, so `50%` shows `50%`).
    /// Says so when the number is past the end.
    pub fn go_to(&mut self, target: Target) -> Option<String> {
        let n = self.groups.len();
        if n == 0 {
            return None;
        }
        match target {
            Target::Group(k) => {
                self.goto(k.clamp(1, n) - 1);
                (k > n).then(|| format!("{} in all: at the last", crate::document::counted(n, "group")))
            }
            Target::Percent(p) => {
                let p = p.min(100);
                self.goto((p * n).div_ceil(100).saturating_sub(1));
                None
            }
        }
    }
}

impl App {
    /// A count typed before `G` or `%` (as in vim and less): digits build it, `G` and `%` use
    /// it, Esc cancels it, any other key drops it and does what it does. The first digit also
    /// goes to its section at once, as it always has. `None` when the key was all count.
    pub(super) fn count_action(&mut self, action: Action) -> Option<Action> {
        if !matches!(self.context(), Context::Reader | Context::Review) {
            self.count = None;
            return Some(action);
        }
        let Some(n) = self.count.take() else {
            if let Action::Digit(d) = action {
                self.count = Some(usize::from(d));
                return Some(Action::Section(if d == 0 { 10 } else { u32::from(d) }));
            }
            return Some(action);
        };
        match action {
            Action::Digit(d) => {
                self.count = Some(n.saturating_mul(10).saturating_add(usize::from(d)));
                None
            }
            Action::Bottom => Some(Action::GoTo(Target::Group(n))),
            Action::Percent => Some(Action::GoTo(Target::Percent(n))),
            Action::Cancel => {
                self.message = Some(format!("count {n} cancelled"));
                None
            }
            other => Some(other),
        }
    }
}
