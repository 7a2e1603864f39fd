//! The app's state and its update: pure, so every key can be tested without a terminal.
//!
//! [`App::update`] applies an [`Action`] and may hand back a [`Request`] for what it cannot do
//! itself (load another work or language, quit); the loop in `tui::run` carries it out. It
//! sends each key to what is live: an overlay ([`super::overlay`]), the library list, or the
//! reader.
//!
//! The reader's state and scroll model are in `app/reader.rs`: the reading position is the
//! group at the top of the pane (`top`, plus `skip` rows of it already scrolled past when a
//! band is taller than the screen). Everything the status line reports, the focus highlight,
//! section jumps and the saved position follow from it.
//!
//! Counts, `:` targets, search-match lines and mouse clicks are in `app/jump.rs`; the `/` and `:`
//! prompt is [`super::prompt`].
//!
//! Review mode (`app/review.rs`) hooks in through [`Reader::groups`], [`Reader::replace_groups`]
//! (which re-lays out only the groups that changed), [`Reader::current`], [`Reader::goto`] and
//! [`App::message`]; saving is a [`Request::Save`] carried out by [`save_review`].

use super::aligning;
use super::layout::{Mode, Row, Side};
use super::library::Entry;
use super::overlay;
use super::prompt::{self, Outcome, Prompt, Target};
use super::search::Search;
use super::toc;

mod jump;
mod panes;
mod reader;
mod review;
mod sentence;

pub use panes::ThirdPane;
pub use reader::{Reader, Source};

pub use review::{CONFIRM_PROMPT, GUTTER, ReviewMode, SaveTarget, files_save_path, save_review};
// What the keys ask for and what overlays the reader live beside it; these paths keep working.
pub use super::action::{Action, Context, Request};
pub use super::overlay::Overlay;

/// What the status line says when a recovery file is offered back.
pub fn recovery_offer(rec: &crate::store::Recovery) -> String {
    format!("R restore the unsaved edits from {}, X discard", crate::store::utc(rec.time))
}

/// Where the groups come from while the alignment is being made, for the message line.
pub const PROVISIONAL: &str = "provisional, paired by length until the texts are aligned";

/// The whole application: the library, the open reader, what overlays it, the last message.
#[derive(Debug)]
pub struct App {
    pub library: Vec<Entry>,
    pub selected: usize,
    pub reader: Option<Reader>,
    pub overlay: Overlay,
    /// A one-line message for the status line (errors, "search wrapped"...); cleared by the
    /// next key.
    pub message: Option<String>,
    pub size: (u16, u16),
    /// Whether `q` in the reader goes back to the library rather than quitting.
    pub from_library: bool,
    /// A count being typed (`25` of `25G`), shown on the status line until used or cancelled.
    pub count: Option<usize>,
    /// What was entered at the prompts before.
    pub history: prompt::History,
}

/// Rows of text under the header and above the status line, for a screen `height` rows tall.
pub fn text_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(if height >= 4 { 2 } else { 1 })).max(1)
}

impl App {
    /// The start screen, listing the works.
    pub fn with_library(library: Vec<Entry>) -> App {
        App {
            library,
            selected: 0,
            reader: None,
            overlay: Overlay::None,
            message: None,
            size: (80, 24),
            from_library: true,
            count: None,
            history: prompt::History::default(),
        }
    }

    /// Straight into a reader (`diglot read WORK`).
    pub fn with_reader(reader: Reader) -> App {
        let mut app = App::with_library(Vec::new());
        app.from_library = false;
        app.open(reader);
        app
    }

    /// Shows `reader` (a work picked in the library, or the same work in other languages).
    pub fn open(&mut self, mut reader: Reader) {
        let third_focus = self.reader.as_ref().is_some_and(|old| old.third_focus);
        if let Some(old) = &self.reader {
            reader.stacked = old.stacked;
            if reader.right.is_some() {
                reader.focus = old.focus;
            }
        }
        reader.resize(self.size.0, text_rows(self.size.1));
        // The third pane keeps the focus when there still is one on screen.
        reader.third_focus = third_focus && reader.three_panes();
        // Say once where the pairing comes from: a stored (maybe verified) file, or the aligner.
        if reader.right.is_some() {
            let mut m = format!("alignment: {}", reader.origin_line());
            if let Some(t) = reader.third() {
                m = format!("{m}; {}: {}", t.lang(), t.origin);
            }
            // Why the third pane does not show.
            if let Some(why) = reader.three_panes_blocked() {
                m = format!("{why}; {m}");
            }
            self.message = Some(m);
        }
        if let Some(rec) = &reader.recovery {
            self.message = Some(recovery_offer(rec));
        }
        self.reader = Some(reader);
        self.overlay = Overlay::None;
    }

    pub fn context(&self) -> Context {
        match (&self.overlay, &self.reader) {
            (Overlay::Help { .. }, _) => Context::Help,
            (Overlay::Toc { .. }, _) => Context::Toc,
            (Overlay::Prompt { .. }, _) => Context::Prompt,
            (Overlay::Confirm { .. }, _) => Context::Confirm,
            (Overlay::None, Some(r)) if r.review.is_some() => Context::Review,
            (Overlay::None, Some(_)) => Context::Reader,
            (Overlay::None, None) => Context::Library,
        }
    }

    pub fn set_message(&mut self, m: impl Into<String>) {
        self.message = Some(m.into());
    }

    /// Applies what the aligning thread reported; true when the screen changed. Events of a
    /// job whose reader was closed since are dropped.
    pub fn alignment_event(&mut self, event: aligning::Event) -> bool {
        let Some(reader) = &mut self.reader else { return false };
        let own = reader.pending.as_ref().map(|p| p.job);
        match event {
            aligning::Event::Progress { job, fraction } if Some(job) == own => {
                reader.pending.as_mut().is_some_and(|p| p.advance(fraction))
            }
            aligning::Event::Done { job, groups, warnings } if Some(job) == own => {
                let n = groups.len();
                let before = reader.three_panes();
                reader.finish_alignment(groups, "aligned now");
                // A collapse or an unlikely pair must be seen, not just the aligned view.
                let mut m = if warnings.is_empty() {
                    format!("aligned: {}", crate::document::counted(n, "group"))
                } else {
                    format!("warning: {}", warnings.join("; "))
                };
                if let Some(n) = &reader.notice {
                    m = format!("{m}; {n}");
                }
                // The third pane, aligned first, shows now.
                if !before && reader.three_panes() {
                    m = format!("{m}; {}", reader.three_panes_shown());
                }
                self.message = Some(m);
                true
            }
            // The third pane's pair (see `app/panes.rs`).
            aligning::Event::Progress { job, fraction } => reader.third_progress(job, fraction),
            aligning::Event::Done { job, groups, warnings } => {
                match reader.finish_third(job, groups, &warnings) {
                    Some(m) => {
                        self.message = Some(m);
                        true
                    }
                    None => false,
                }
            }
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) -> Option<Request> {
        if let Action::Resize(w, h) = action {
            self.size = (w, h);
            if let Some(r) = &mut self.reader {
                let before = r.three_panes_blocked();
                let said = r.resize(w, text_rows(h));
                let after = r.three_panes_blocked();
                match (said, &mut self.message, before, after) {
                    (Some(m), ..) => self.message = Some(m),
                    // Still two panes: a message that says why says it for the new width.
                    (None, Some(m), Some(before), Some(after)) if m.contains(&before) => {
                        *m = m.replace(&before, &after)
                    }
                    _ => {}
                }
                r.follow_scroll(action, None);
            }
            return None;
        }
        if action == Action::ForceQuit {
            // With unsaved edits Ctrl-C asks like q does; a second Ctrl-C quits anyway.
            if self.is_dirty() && self.context() != Context::Confirm {
                return self.confirm_leave(Request::Quit);
            }
            return Some(Request::Quit);
        }
        if !matches!(action, Action::Scroll(_)) {
            self.message = None;
        }
        let action = self.count_action(action)?;
        if self.sentence_action(action) {
            return None;
        }
        let top = self.reader.as_ref().map(Reader::current);
        let request = match self.context() {
            Context::Help => self.update_help(action),
            Context::Toc => self.update_toc(action),
            Context::Prompt => self.update_prompt(action),
            Context::Library => self.update_library(action),
            Context::Reader => self.update_reader(action),
            Context::Review => self.update_review(action),
            Context::Confirm => self.update_confirm(action),
        };
        if let Some(r) = &mut self.reader {
            r.follow_scroll(action, top);
        }
        request
    }

    fn update_help(&mut self, action: Action) -> Option<Request> {
        let Overlay::Help { scroll } = &mut self.overlay else { return None };
        if !overlay::help::update(scroll, action) {
            self.overlay = Overlay::None;
        }
        None
    }

    fn update_toc(&mut self, action: Action) -> Option<Request> {
        let Some(reader) = &mut self.reader else { return None };
        let Overlay::Toc { selected } = &mut self.overlay else { return None };
        match overlay::contents::update(selected, reader.sections.len(), action) {
            overlay::contents::Outcome::Open => return None,
            overlay::contents::Outcome::Go(i) => {
                if let Some(g) = reader.sections.get(i).map(|s| s.group) {
                    reader.goto(g);
                }
            }
            overlay::contents::Outcome::Closed => {}
        }
        self.overlay = Overlay::None;
        None
    }

    fn update_prompt(&mut self, action: Action) -> Option<Request> {
        let Overlay::Prompt(p) = &mut self.overlay else { return None };
        let kind = p.kind;
        let text = match p.update(action, self.history.of(kind)) {
            Outcome::Editing => return None,
            Outcome::Cancelled => {
                self.overlay = Overlay::None;
                return None;
            }
            Outcome::Submitted(text) => text,
        };
        self.overlay = Overlay::None;
        self.history.push(kind, &text);
        let reader = self.reader.as_mut()?;
        match kind {
            prompt::Kind::Search => {
                if !text.is_empty() {
                    reader.set_search(Some(Search::new(&text)));
                } else if reader.search.is_none() {
                    return None;
                }
                self.find(true);
            }
            prompt::Kind::Goto if text.trim().is_empty() => {}
            prompt::Kind::Goto => match prompt::parse_goto(&text) {
                Some(t) => self.message = reader.go_to(t),
                None => {
                    self.message = Some(format!(
                        "':{text}' is not a group number (1–{}) or a percent (such as 50%)",
                        reader.groups.len()
                    ))
                }
            },
        }
        None
    }

    fn update_library(&mut self, action: Action) -> Option<Request> {
        let n = self.library.len();
        match action {
            Action::Down | Action::Scroll(1..) => {
                self.selected = (self.selected + 1).min(n.saturating_sub(1))
            }
            Action::Up | Action::Scroll(..=-1) => self.selected = self.selected.saturating_sub(1),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = n.saturating_sub(1),
            Action::Submit => return self.library.get(self.selected).map(|e| Request::Open(e.id.clone())),
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Quit | Action::Cancel => return Some(Request::Quit),
            _ => {}
        }
        None
    }

    /// Moves to the next (or previous) group with a match and says how it went.
    fn find(&mut self, forward: bool) {
        let Some(reader) = &mut self.reader else { return };
        let Some(search) = &reader.search else {
            self.message = Some("no search yet: press / to search".into());
            return;
        };
        let hits = &reader.hits;
        let top = reader.top;
        let found = if forward {
            hits.get(hits.partition_point(|&g| g <= top))
                .map(|&g| (g, false))
                .or(hits.first().map(|&g| (g, true)))
        } else {
            hits.partition_point(|&g| g < top)
                .checked_sub(1)
                .map(|i| (hits[i], false))
                .or(hits.last().map(|&g| (g, true)))
        };
        match found {
            Some((g, wrapped)) => {
                let nth = hits.partition_point(|&h| h < g) + 1;
                let mut m = format!("/{}: match {nth} of {}", search.query, hits.len());
                if wrapped {
                    m += if forward { " (wrapped to the top)" } else { " (wrapped to the end)" };
                }
                reader.goto(g);
                reader.reveal_match();
                self.message = Some(m);
            }
            None => self.message = Some(format!("/{}: no match", search.query)),
        }
    }

    fn update_reader(&mut self, action: Action) -> Option<Request> {
        let Some(reader) = &mut self.reader else { return None };
        let n = reader.groups.len();
        match action {
            Action::Quit | Action::Cancel => {
                let then = if self.from_library { Request::CloseReader } else { Request::Quit };
                if self.is_dirty() {
                    return self.confirm_leave(then);
                }
                return Some(then);
            }
            Action::Down => {
                if reader.top + 1 < n {
                    reader.goto(reader.top + 1);
                }
            }
            Action::Up => {
                if reader.skip > 0 {
                    reader.skip = 0;
                } else {
                    reader.goto(reader.top.saturating_sub(1));
                }
            }
            Action::PageDown => {
                if !reader.page_down() {
                    self.message = Some("end of the text".into());
                }
            }
            Action::PageUp => reader.page_up(),
            Action::Top => reader.goto(0),
            Action::Bottom => reader.bottom(),
            Action::Click(x, y) => {
                let header = u16::from(self.size.1 >= 4);
                if let Some((g, side)) =
                    y.checked_sub(header).and_then(|row| reader.at_cell(x, usize::from(row)))
                {
                    if let Some(side) = side {
                        reader.focus = side;
                        reader.third_focus = false;
                    } else if reader.clicked_third(x) {
                        reader.third_focus = true;
                    }
                    if let Some(rm) = reader.review.as_mut() {
                        rm.cursor = g;
                    }
                }
            }
            Action::Scroll(d) if d > 0 => reader.scroll_down(d as usize),
            Action::Scroll(d) => reader.scroll_up(d.unsigned_abs() as usize),
            Action::NextSection => {
                let top = reader.top;
                match reader.sections.iter().find(|s| s.group > top) {
                    Some(s) => {
                        let g = s.group;
                        reader.goto(g);
                    }
                    None => self.message = Some(no_section(reader, "no next section")),
                }
            }
            Action::PrevSection => {
                let (top, skip) = (reader.top, reader.skip);
                match reader.sections.iter().rev().find(|s| s.group < top || (s.group == top && skip > 0)) {
                    Some(s) => {
                        let g = s.group;
                        reader.goto(g);
                    }
                    None => reader.goto(0),
                }
            }
            Action::Section(k) => match toc::by_key(&reader.sections, k) {
                Some(s) => {
                    let g = s.group;
                    reader.goto(g);
                }
                None => self.message = Some(no_section(reader, &format!("no section {k}"))),
            },
            Action::Toc => {
                if reader.sections.is_empty() {
                    self.message = Some(no_section(reader, ""));
                } else {
                    let selected = toc::current(&reader.sections, reader.top).unwrap_or(0);
                    self.overlay = Overlay::Toc { selected };
                }
            }
            Action::Search => self.overlay = Overlay::Prompt(Prompt::new(prompt::Kind::Search)),
            Action::GotoPrompt => self.overlay = Overlay::Prompt(Prompt::new(prompt::Kind::Goto)),
            Action::GoTo(t) => self.message = reader.go_to(t),
            Action::Percent => {
                self.message = Some("type the percent first: 50% goes half way into the text".into())
            }
            Action::NextMatch => self.find(true),
            Action::PrevMatch => self.find(false),
            Action::NextSentence | Action::PrevSentence => {
                self.message = reader.step_sentence(action == Action::NextSentence)
            }
            Action::Focus => {
                if reader.is_single() {
                    self.message = Some("one pane only".into());
                } else if reader.three_panes() {
                    // Left, right, third, and round (⇧Tab too: three are few).
                    match (reader.third_focus, reader.focus) {
                        (true, _) => (reader.third_focus, reader.focus) = (false, Side::Left),
                        (false, Side::Right) => reader.third_focus = true,
                        (false, Side::Left) => reader.focus = Side::Right,
                    }
                    if !reader.third_focus {
                        reader.sentence_follow_focus();
                    }
                } else {
                    reader.focus = reader.focus.other();
                    reader.sentence_follow_focus();
                }
            }
            Action::Swap => {
                if reader.is_single() {
                    self.message = Some("one pane only: nothing to swap".into());
                } else {
                    reader.swap();
                }
            }
            Action::CycleRight | Action::CycleLeft if reader.is_dirty() => {
                self.message = Some(review::UNSAVED_LANGS.into());
            }
            Action::CycleRight | Action::CycleLeft if reader.third().is_some() => {
                return reader.cycle_focused(action == Action::CycleLeft).or_else(|| {
                    self.message = Some("no other language to show".into());
                    None
                });
            }
            Action::ThirdPane => {
                if let Some(m) = reader.toggle_third() {
                    self.message = Some(m);
                    return None;
                }
                let (l, r) = reader.langs();
                match (r, reader.next_lang(Side::Right, false)) {
                    (None, _) => self.message = Some("one pane only".into()),
                    _ if reader.is_dirty() => self.message = Some(review::UNSAVED_LANGS.into()),
                    (Some(r), Some(third)) => {
                        let keep = reader.focus;
                        let third = Some((third, Side::Left));
                        return Some(Request::ChangeLangs { left: l, right: r, third, keep });
                    }
                    (Some(_), None) => self.message = Some("no third language to show".into()),
                }
            }
            Action::CycleRight | Action::CycleLeft => {
                let side = if action == Action::CycleRight { Side::Right } else { Side::Left };
                let (l, r) = reader.langs();
                match (reader.next_lang(side, false), r) {
                    (Some(next), Some(r)) => {
                        let (left, right) = if side == Side::Right { (l, next) } else { (next, r) };
                        return Some(Request::ChangeLangs { left, right, third: None, keep: side.other() });
                    }
                    _ => self.message = Some("no other language to show".into()),
                }
            }
            Action::ToggleStacked => {
                let min = super::layout::MIN_SIDE_BY_SIDE;
                if reader.is_single() {
                    self.message = Some("one pane only".into());
                } else if reader.width < min {
                    // Nothing on screen would change: say why rather than toggle unseen.
                    self.message = Some(format!(
                        "side by side needs {min} columns, this screen has {}: the panes stay stacked",
                        reader.width
                    ));
                } else {
                    reader.stacked = !reader.stacked;
                    let (w, rows) = (reader.width, reader.rows);
                    self.message = reader.resize(w, rows);
                }
            }
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Review => self.message = Some(reader.toggle_review()),
            Action::Recover => match reader.restore_recovery() {
                Ok(m) => {
                    self.message = Some(m);
                    return Some(Request::DropRecovery);
                }
                Err(m) => self.message = Some(m),
            },
            Action::DiscardRecovery => match reader.recovery.take() {
                Some(rec) => {
                    let when = crate::store::utc(rec.time);
                    self.message = Some(format!("discarded the unsaved edits from {when}"));
                    return Some(Request::DropRecovery);
                }
                None => self.message = Some("no unsaved edits from an earlier reader to discard".into()),
            },
            Action::Input(_)
            | Action::Backspace
            | Action::Delete
            | Action::Left
            | Action::Right
            | Action::Digit(_)
            | Action::Submit
            | Action::Resize(..)
            | Action::ForceQuit
            | Action::NextFlagged
            | Action::PrevFlagged
            | Action::NextUnverified
            | Action::Merge
            | Action::Split
            | Action::MoveUp
            | Action::MoveDown
            | Action::Detach
            | Action::DetachLast
            | Action::Verify
            | Action::VerifyThrough
            | Action::Unverify
            | Action::Undo
            | Action::Redo
            | Action::Save => {}
        }
        None
    }
}

fn no_section(reader: &Reader, what: &str) -> String {
    if reader.sections.is_empty() {
        "this text has no headings or numbered points".into()
    } else {
        what.to_string()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::alignment::{Group, Status};
    use crate::document::{Document, Kind, Lang, Paragraph};
    use crate::tui::aligning::Pending;

    fn para(t: &str, lang: Lang, kind: Kind) -> Paragraph {
        Paragraph { text: t.into(), lang, kind, lines: (1, 1) }
    }

    /// 30 groups; every 5th a heading "Part n"; the left paragraph of group 17 says "needle".
    pub(crate) fn sample() -> Reader {
        let mut l = Vec::new();
        let mut r = Vec::new();
        for i in 0..30 {
            let kind = if i % 5 == 0 { Kind::Heading } else { Kind::Body };
            let lt = if i % 5 == 0 {
                format!("Part {}", i / 5 + 1)
            } else if i == 17 {
                "A Needle in the text.".to_string()
            } else {
                format!("Paragraph {i} of the English text, long enough to wrap on a narrow screen.")
            };
            l.push(para(&lt, Lang::EN, kind));
            r.push(para(&format!("第{i}段中文。"), Lang::ZH, kind));
        }
        let left = Document { name: "l".into(), lang: Lang::EN, paragraphs: l };
        let right = Document { name: "r".into(), lang: Lang::ZH, paragraphs: r };
        let groups = (0..30).map(|i| Group::new(vec![i], vec![i], 0.9)).collect();
        let src =
            Source::Work { id: "t".into(), title: "T".into(), langs: vec![Lang::EN, Lang::ZH, Lang::KO] };
        Reader::new(src, left, Some(right), groups, "test")
    }

    fn app() -> App {
        let mut app = App::with_reader(sample());
        app.update(Action::Resize(120, 20));
        app
    }

    fn top(app: &App) -> usize {
        app.reader.as_ref().map_or(usize::MAX, Reader::current)
    }

    #[test]
    fn moves_by_group_page_and_ends() {
        let mut a = app();
        a.update(Action::Down);
        a.update(Action::Down);
        assert_eq!(top(&a), 2);
        a.update(Action::Up);
        assert_eq!(top(&a), 1);
        a.update(Action::PageDown);
        let t = top(&a);
        assert!(t > 2, "page down moved to {t}");
        // The group that was cut at the bottom is now on top; paging back returns.
        a.update(Action::PageUp);
        assert_eq!(top(&a), 1);
        a.update(Action::Bottom);
        assert!(a.reader.as_ref().is_some_and(Reader::at_end));
        assert!(top(&a) < 29);
        a.update(Action::Top);
        assert_eq!(top(&a), 0);
        a.update(Action::Scroll(3));
        a.update(Action::Scroll(-3));
        assert_eq!(top(&a), 0);
        for _ in 0..40 {
            a.update(Action::Down);
        }
        assert_eq!(top(&a), 29);
    }

    #[test]
    fn sections_by_key_and_brackets() {
        let mut a = app();
        a.update(Action::Section(3));
        assert_eq!(top(&a), 10);
        a.update(Action::NextSection);
        assert_eq!(top(&a), 15);
        a.update(Action::Down);
        a.update(Action::PrevSection);
        assert_eq!(top(&a), 15);
        a.update(Action::PrevSection);
        assert_eq!(top(&a), 10);
        a.update(Action::Section(9));
        assert_eq!(top(&a), 10);
        assert_eq!(a.message.as_deref(), Some("no section 9"));
        a.update(Action::Toc);
        assert_eq!(a.context(), Context::Toc);
        a.update(Action::Down);
        a.update(Action::Submit);
        assert_eq!(top(&a), 15);
        assert_eq!(a.context(), Context::Reader);
    }

    #[test]
    fn a_count_before_g_or_percent_goes_there() {
        let mut a = app();
        a.update(Action::Digit(2));
        // The first digit goes to its section at once and starts a count.
        assert_eq!((top(&a), a.count), (5, Some(2)));
        a.update(Action::Digit(5));
        assert_eq!((top(&a), a.count), (5, Some(25)));
        a.update(Action::Bottom);
        assert_eq!((top(&a), a.count), (24, None));
        for d in [9, 9] {
            a.update(Action::Digit(d));
        }
        a.update(Action::Bottom);
        assert_eq!(top(&a), 29);
        assert_eq!(a.message.as_deref(), Some("30 groups in all: at the last"));
        for d in [5, 0] {
            a.update(Action::Digit(d));
        }
        a.update(Action::Percent);
        // 15/30 is 50 %.
        assert_eq!(top(&a), 14);
        a.update(Action::Percent);
        assert!(a.message.as_deref().is_some_and(|m| m.contains("type the percent first")));
        // Esc cancels a count and does not quit; another key drops it and does its own thing.
        a.update(Action::Digit(7));
        assert_eq!(a.update(Action::Cancel), None);
        assert_eq!(a.count, None);
        a.update(Action::Digit(1));
        a.update(Action::Down);
        assert_eq!((top(&a), a.count), (1, None));
        assert_eq!(a.update(Action::Cancel), Some(Request::Quit));
    }

    #[test]
    fn the_goto_prompt_takes_a_group_or_a_percent() {
        let mut a = app();
        let goto = |a: &mut App, s: &str| {
            a.update(Action::GotoPrompt);
            assert_eq!(a.context(), Context::Prompt);
            for c in s.chars() {
                a.update(Action::Input(c));
            }
            a.update(Action::Submit);
        };
        goto(&mut a, "12");
        assert_eq!(top(&a), 11);
        goto(&mut a, "100%");
        assert_eq!(top(&a), 29);
        goto(&mut a, "x1");
        assert_eq!(top(&a), 29);
        assert!(a.message.as_deref().is_some_and(|m| m.starts_with("':x1' is not a group number (1–30)")));
        // History: ↑ brings back the last one, edited at the cursor.
        a.update(Action::GotoPrompt);
        for _ in 0..3 {
            a.update(Action::Up);
        }
        a.update(Action::Left);
        a.update(Action::Delete);
        a.update(Action::Input('9'));
        a.update(Action::Submit);
        assert_eq!(top(&a), 18, "{:?}", a.message);
        // In review mode the cursor goes along.
        a.update(Action::Review);
        a.update(Action::Digit(3));
        a.update(Action::Bottom);
        assert_eq!(a.reader.as_ref().map(Reader::cursor), Some(2));
    }

    #[test]
    fn search_finds_and_wraps() {
        let mut a = app();
        a.update(Action::Search);
        assert_eq!(a.context(), Context::Prompt);
        for c in "NEEDLE".chars() {
            a.update(Action::Input(c));
        }
        a.update(Action::Submit);
        assert_eq!(top(&a), 17);
        assert_eq!(a.message.as_deref(), Some("/NEEDLE: match 1 of 1"));
        a.update(Action::NextMatch);
        assert_eq!(top(&a), 17);
        assert!(a.message.as_deref().is_some_and(|m| m.contains("wrapped")));
        a.update(Action::Search);
        for c in "第2".chars() {
            a.update(Action::Input(c));
        }
        a.update(Action::Submit);
        assert_eq!(top(&a), 20);
        a.update(Action::PrevMatch);
        assert_eq!(top(&a), 2);
        a.update(Action::Search);
        a.update(Action::Input('x'));
        a.update(Action::Cancel);
        a.update(Action::Search);
        assert_eq!(a.update(Action::ForceQuit), Some(Request::Quit));
        a.update(Action::Cancel);
        assert_eq!(a.context(), Context::Reader);
        assert_eq!(a.reader.as_ref().and_then(|r| r.search()).map(|s| s.query.as_str()), Some("第2"));
        assert_eq!(
            a.reader.as_ref().map(|r| r.hits().to_vec()),
            Some(vec![2, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29])
        );
    }

    #[test]
    fn swap_focus_stack_and_languages() {
        let mut a = app();
        a.update(Action::Down);
        a.update(Action::Swap);
        let r = a.reader.as_ref().unwrap();
        assert_eq!(r.langs(), (Lang::ZH, Some(Lang::EN)));
        assert_eq!(r.focus, Side::Right);
        assert_eq!(r.current(), 1);
        a.update(Action::Focus);
        assert_eq!(a.reader.as_ref().unwrap().focus, Side::Left);
        a.update(Action::ToggleStacked);
        assert_eq!(a.reader.as_ref().unwrap().mode(), Mode::Stacked);
        a.update(Action::ToggleStacked);
        assert_eq!(a.reader.as_ref().unwrap().mode(), Mode::SideBySide);
        a.update(Action::Resize(60, 20));
        assert_eq!(a.reader.as_ref().unwrap().mode(), Mode::Stacked);
        assert_eq!(top(&a), 1);
        assert_eq!(
            a.update(Action::CycleRight),
            Some(Request::ChangeLangs { left: Lang::ZH, right: Lang::KO, third: None, keep: Side::Left })
        );
        assert_eq!(a.update(Action::Quit), Some(Request::Quit));
    }

    #[test]
    fn review_hooks_keep_position() {
        let mut r = sample();
        r.resize(120, 20);
        r.goto(10);
        let merged = Group::new(vec![2, 3], vec![2, 3], 0.5);
        r.replace_groups(2..4, vec![merged.clone()]);
        assert_eq!(r.groups().len(), 29);
        assert_eq!(r.current(), 9);
        assert_eq!(r.groups()[2], merged);
        assert_eq!(r.sections()[2].group, 9);
        assert!(r.band(2).is_some_and(|b| b.left.len() >= 3));
        assert_eq!(r.position(Side::Left), Some(10));
        r.goto_paragraph(Side::Right, 3);
        assert_eq!(r.current(), 2);
        r.set_status(2, Status::Verified);
        let al = r.alignment().unwrap();
        assert_eq!(al.groups.len(), 29);
        assert_eq!(al.groups[2].status, Status::Verified);
        assert_eq!(al.left.hash, r.left.content_hash());
        assert_eq!(al.work.as_deref(), Some("t"));
    }

    /// The sample's texts on a provisional pairing, the left side's paragraphs each split in
    /// two so that the provisional groups differ from the alignment (group i = 1-1 on i).
    fn pending_app() -> (App, u64) {
        let s = sample();
        let mut left = s.left.clone();
        left.paragraphs = s
            .left
            .paragraphs
            .iter()
            .flat_map(|p| {
                let mut a = p.clone();
                a.text = format!("{} (a)", p.text);
                let mut b = p.clone();
                b.text = format!("{} (b)", p.text);
                [a, b]
            })
            .collect();
        let pending = Pending::new(Default::default(), crate::cache::Cache::none());
        let job = pending.job;
        let r = Reader::aligning(s.source.clone(), left, s.right.clone().unwrap(), pending);
        let mut app = App::with_reader(r);
        app.update(Action::Resize(120, 20));
        (app, job)
    }

    /// What the aligner would say for [`pending_app`]: left 2i and 2i+1 with right i.
    fn aligned() -> Vec<Group> {
        (0..30).map(|i| Group::new(vec![2 * i, 2 * i + 1], vec![i], 0.8)).collect()
    }

    #[test]
    fn progress_updates_the_state_and_stale_jobs_are_ignored() {
        let (mut a, job) = pending_app();
        let r = a.reader.as_ref().unwrap();
        assert_eq!(r.pending().map(|p| p.progress), Some(0.0));
        assert!(r.groups().iter().all(|g| g.confidence == aligning::PROVISIONAL_CONFIDENCE));
        assert!(a.message.as_deref().is_some_and(|m| m.contains("provisional")));
        assert!(a.alignment_event(aligning::Event::Progress { job, fraction: 0.42 }));
        // The same percent again, or going back, changes nothing on screen.
        assert!(!a.alignment_event(aligning::Event::Progress { job, fraction: 0.421 }));
        assert!(!a.alignment_event(aligning::Event::Progress { job, fraction: 0.1 }));
        assert_eq!(a.reader.as_ref().unwrap().pending().map(|p| p.progress), Some(0.421));
        // Another reader's job.
        assert!(!a.alignment_event(aligning::Event::Progress { job: job + 1000, fraction: 0.9 }));
        assert!(!a.alignment_event(aligning::Event::Done {
            job: job + 1000,
            groups: vec![],
            warnings: vec![]
        }));
        assert!(a.reader.as_ref().unwrap().pending().is_some());
        // Every key works meanwhile; review mode waits.
        a.update(Action::PageDown);
        a.update(Action::Search);
        for c in "needle".chars() {
            a.update(Action::Input(c));
        }
        a.update(Action::Submit);
        assert!(a.message.as_deref().is_some_and(|m| m.contains("match 1 of")), "{:?}", a.message);
        a.update(Action::Review);
        assert!(
            a.message.as_deref().is_some_and(|m| m.contains("waits for the alignment (42 %")),
            "{:?}",
            a.message
        );
        assert_eq!(a.context(), Context::Reader);
        a.update(Action::Help);
        assert_eq!(a.context(), Context::Help);
        a.update(Action::Cancel);
        assert_eq!(a.update(Action::Quit), Some(Request::Quit));
    }

    #[test]
    fn the_alignment_replaces_the_provisional_pairing_at_the_same_place() {
        let (mut a, job) = pending_app();
        let r = a.reader.as_mut().unwrap();
        r.goto_paragraph(Side::Left, 41);
        let before = r.position(Side::Left).unwrap();
        assert!((38..=41).contains(&before), "{before}");
        assert!(a.alignment_event(aligning::Event::Done { job, groups: aligned(), warnings: vec![] }));
        let r = a.reader.as_ref().unwrap();
        assert!(r.pending().is_none());
        assert_eq!(r.groups(), aligned().as_slice());
        assert_eq!(r.current(), before / 2);
        assert_eq!(r.alignment_origin, "aligned now");
        assert_eq!(a.message.as_deref(), Some("aligned: 30 groups"));
        a.update(Action::Review);
        assert_eq!(a.context(), Context::Review);

        // Swapped and focused on the other side meanwhile: the groups come the right way
        // round and the focused side's paragraph stays on top.
        let (mut a, job) = pending_app();
        a.update(Action::Swap);
        let r = a.reader.as_mut().unwrap();
        assert_eq!(r.focus, Side::Right);
        r.goto_paragraph(Side::Right, 21);
        let p = r.position(Side::Right).unwrap();
        let warnings = vec!["the alignment failed: 60 % of the paragraphs are left unpaired".to_string()];
        a.alignment_event(aligning::Event::Done { job, groups: aligned(), warnings });
        let r = a.reader.as_ref().unwrap();
        assert_eq!(r.groups()[3].left, vec![3]);
        assert_eq!(r.groups()[3].right, vec![6, 7]);
        assert_eq!(r.current(), p / 2);
        assert!(a.message.as_deref().is_some_and(|m| m.starts_with("warning: the alignment failed")));
    }

    #[test]
    fn tiny_screens_do_not_panic() {
        let mut a = app();
        for (w, h) in [(20, 5), (1, 1), (0, 0), (3, 2)] {
            a.update(Action::Resize(w, h));
            for act in
                [Action::PageDown, Action::Scroll(5), Action::Bottom, Action::PageUp, Action::Scroll(-9)]
            {
                a.update(act);
            }
        }
    }
}
