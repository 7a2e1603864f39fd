//! The one-line prompt on the status line: `/` (search) and `:` (go to a group or a percent).
//!
//! Its own state, update and draw, as gitui's popups: the app only opens it, hands it the
//! keys while it is open, and acts on what it returns when it closes. Editing is at a cursor
//! (←/→, Home/End, Backspace/Delete), and ↑/↓ walk back through what was entered before, as
//! in a shell, keeping what was being typed to come back to.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};

use super::action::Action;
pub use super::action::Target;
use super::wrap;

/// What the prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `/`: search both panes.
    Search,
    /// `:`: go to group N, or to N %.
    Goto,
}

impl Kind {
    /// The character shown before the input.
    pub fn sigil(self) -> char {
        match self {
            Kind::Search => '/',
            Kind::Goto => ':',
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Kind::Search => "  Enter: find · ↑↓: history · Esc: cancel",
            Kind::Goto => "  group number, or 50% · Enter: go · Esc: cancel",
        }
    }
}

/// Most entries kept per history.
const HISTORY: usize = 100;

/// What was entered before, most recent last (one list per kind of prompt).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    search: Vec<String>,
    goto: Vec<String>,
}

impl History {
    pub fn of(&self, kind: Kind) -> &[String] {
        match kind {
            Kind::Search => &self.search,
            Kind::Goto => &self.goto,
        }
    }

    /// Remembers `entry`, moving a repeat to the end.
    pub fn push(&mut self, kind: Kind, entry: &str) {
        if entry.is_empty() {
            return;
        }
        let list = match kind {
            Kind::Search => &mut self.search,
            Kind::Goto => &mut self.goto,
        };
        list.retain(|e| e != entry);
        list.push(entry.to_string());
        if list.len() > HISTORY {
            list.remove(0);
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub kind: Kind,
    pub input: String,
    /// Byte offset of the cursor in `input`, always on a character boundary.
    pub cursor: usize,
    /// Which history entry is shown (an index into it), while ↑/↓ browse it.
    browsing: Option<usize>,
    /// What was typed before ↑ was first pressed, for ↓ to come back to.
    draft: String,
}

/// What a key did to the prompt.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Still open.
    Editing,
    /// Closed without anything to do (Esc, or Backspace on an empty prompt).
    Cancelled,
    /// Enter, with what was typed.
    Submitted(String),
}

impl Prompt {
    pub fn new(kind: Kind) -> Prompt {
        Prompt { kind, input: String::new(), cursor: 0, browsing: None, draft: String::new() }
    }

    fn prev_boundary(&self) -> usize {
        self.input[..self.cursor].char_indices().next_back().map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.input[self.cursor..].chars().next().map_or(self.cursor, |c| self.cursor + c.len_utf8())
    }

    fn show(&mut self, text: String) {
        self.input = text;
        self.cursor = self.input.len();
    }

    /// Applies one key; `history` is this kind's list, oldest first.
    pub fn update(&mut self, action: Action, history: &[String]) -> Outcome {
        match action {
            Action::Input(c) => {
                self.input.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
            // Backspace on an empty prompt closes it, as in less and vim.
            Action::Backspace if self.input.is_empty() => return Outcome::Cancelled,
            Action::Backspace => {
                let at = self.prev_boundary();
                self.input.replace_range(at..self.cursor, "");
                self.cursor = at;
            }
            Action::Delete => {
                let end = self.next_boundary();
                self.input.replace_range(self.cursor..end, "");
            }
            Action::Left => self.cursor = self.prev_boundary(),
            Action::Right => self.cursor = self.next_boundary(),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = self.input.len(),
            Action::Up => {
                let at = match self.browsing {
                    Some(i) => i.saturating_sub(1),
                    None => {
                        self.draft = self.input.clone();
                        history.len().saturating_sub(1)
                    }
                };
                if let Some(entry) = history.get(at) {
                    self.browsing = Some(at);
                    self.show(entry.clone());
                }
            }
            Action::Down => match self.browsing {
                Some(i) if i + 1 < history.len() => {
                    self.browsing = Some(i + 1);
                    self.show(history[i + 1].clone());
                }
                Some(_) => {
                    self.browsing = None;
                    let draft = std::mem::take(&mut self.draft);
                    self.show(draft);
                }
                None => {}
            },
            Action::Cancel => return Outcome::Cancelled,
            Action::Submit => return Outcome::Submitted(self.input.clone()),
            _ => {}
        }
        Outcome::Editing
    }

    /// Draws the prompt over the status line `area`; returns where the terminal cursor goes.
    pub fn draw(&self, area: Rect, buf: &mut Buffer) -> Position {
        let bar = Style::new().add_modifier(Modifier::REVERSED);
        buf.set_style(area, bar);
        let w = usize::from(area.width);
        let sigil = self.kind.sigil().to_string();
        let before = format!("{sigil}{}", &self.input[..self.cursor]);
        let after = &self.input[self.cursor..];
        // Keep the cursor in view: drop characters from the left until what is before it fits
        // with one cell to spare.
        let mut shown_before = before.as_str();
        while wrap::width(shown_before) + 1 > w && !shown_before.is_empty() {
            let next = shown_before.chars().next().map_or(0, char::len_utf8);
            shown_before = &shown_before[next..];
        }
        let end = put(buf, area.x, area.y, shown_before, w, bar);
        let cursor = Position { x: end.min(area.right().saturating_sub(1)), y: area.y };
        let rest = w.saturating_sub(usize::from(end - area.x));
        let end = put(buf, end, area.y, after, rest, bar);
        let hint = self.kind.hint();
        let used = usize::from(end - area.x);
        if used + wrap::width(hint) < w {
            put(buf, end, area.y, hint, w - used, bar.add_modifier(Modifier::DIM));
        }
        cursor
    }
}

fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, max: usize, style: Style) -> u16 {
    if max == 0 || y >= buf.area.bottom() || x >= buf.area.right() {
        return x;
    }
    buf.set_stringn(x, y, s, max, style).0
}

/// Reads what was typed after `:`: `25`, `50%`.
pub fn parse_goto(input: &str) -> Option<Target> {
    let t = input.trim();
    match t.strip_suffix('%') {
        Some(p) => p.trim().parse().ok().map(Target::Percent),
        None => t.parse().ok().map(Target::Group),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn typed(p: &mut Prompt, s: &str) {
        for c in s.chars() {
            p.update(Action::Input(c), &[]);
        }
    }

    #[test]
    fn edits_at_the_cursor() {
        let mut p = Prompt::new(Kind::Search);
        typed(&mut p, "哈萨克ab");
        p.update(Action::Left, &[]);
        p.update(Action::Left, &[]);
        p.update(Action::Backspace, &[]);
        assert_eq!(p.input, "哈萨ab");
        p.update(Action::Top, &[]);
        p.update(Action::Delete, &[]);
        typed(&mut p, "x");
        assert_eq!(p.input, "x萨ab");
        p.update(Action::Bottom, &[]);
        p.update(Action::Delete, &[]);
        typed(&mut p, "!");
        assert_eq!(p.input, "x萨ab!");
        p.update(Action::Right, &[]);
        assert_eq!(p.cursor, p.input.len());
        assert_eq!(p.update(Action::Submit, &[]), Outcome::Submitted("x萨ab!".into()));
        let mut empty = Prompt::new(Kind::Goto);
        assert_eq!(empty.update(Action::Backspace, &[]), Outcome::Cancelled);
    }

    #[test]
    fn history_goes_back_and_returns_to_the_draft() {
        let mut h = History::default();
        for e in ["one", "two", "one", ""] {
            h.push(Kind::Search, e);
        }
        assert_eq!(h.of(Kind::Search), ["two", "one"]);
        assert!(h.of(Kind::Goto).is_empty());
        let mut p = Prompt::new(Kind::Search);
        typed(&mut p, "dr");
        let list = h.of(Kind::Search);
        p.update(Action::Up, list);
        assert_eq!(p.input, "one");
        p.update(Action::Up, list);
        p.update(Action::Up, list);
        assert_eq!(p.input, "two");
        p.update(Action::Down, list);
        assert_eq!(p.input, "one");
        p.update(Action::Down, list);
        assert_eq!((p.input.as_str(), p.cursor), ("dr", 2));
    }

    #[test]
    fn goto_targets() {
        assert_eq!(parse_goto("25"), Some(Target::Group(25)));
        assert_eq!(parse_goto(" 50% "), Some(Target::Percent(50)));
        assert_eq!(parse_goto("x"), None);
        assert_eq!(parse_goto("-3"), None);
    }
}
