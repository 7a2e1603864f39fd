//! The contents overlay (`t`): the sections of the text, to jump to one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::tui::action::Action;
use crate::tui::paint::{boxed, fit, kind_style, popup, put};
use crate::tui::toc::Section;

/// What a key did to the contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Still open.
    Open,
    /// Closed without a jump.
    Closed,
    /// Closed on Enter: go to this section (an index into the sections).
    Go(usize),
}

/// Applies a key to the contents of `n` sections with `selected` highlighted.
pub fn update(selected: &mut usize, n: usize, action: Action) -> Outcome {
    let last = n.saturating_sub(1);
    match action {
        Action::Down | Action::Scroll(1..) => *selected = (*selected + 1).min(last),
        Action::Up | Action::Scroll(..=-1) => *selected = selected.saturating_sub(1),
        Action::PageDown => *selected = (*selected + 10).min(last),
        Action::PageUp => *selected = selected.saturating_sub(10),
        Action::Top => *selected = 0,
        Action::Bottom => *selected = last,
        Action::Submit => return Outcome::Go(*selected),
        Action::Quit | Action::Cancel | Action::Toc => return Outcome::Closed,
        _ => {}
    }
    Outcome::Open
}

/// Draws the contents over `area`: the sections, `selected` highlighted and kept in view,
/// the one the reader is in (its first group `current`) marked.
pub fn draw(secs: &[Section], current: Option<usize>, selected: usize, area: Rect, buf: &mut Buffer) {
    let rect = popup(area, area.width.saturating_sub(4).clamp(20, 90), secs.len() as u16 + 2);
    let inner = boxed(rect, "contents", buf);
    let h = usize::from(inner.height).max(1);
    let first = selected.saturating_sub(h / 2).min(secs.len().saturating_sub(h));
    for (i, s) in secs.iter().enumerate().skip(first).take(h) {
        let y = inner.y + (i - first) as u16;
        let sel = i == selected;
        let style = if sel {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            kind_style(s.kind).remove_modifier(Modifier::DIM)
        };
        if sel {
            buf.set_style(Rect { x: inner.x, y, width: inner.width, height: 1 }, style);
        }
        let mark = if current == Some(s.group) { "▸" } else { " " };
        let num = match s.number {
            Some(n) => format!("{n:>2}. "),
            None => String::new(),
        };
        let w = usize::from(inner.width);
        put(buf, inner.x, y, &fit(&format!("{mark}{num}{}", s.title), w), w, style);
    }
}
