//! The help overlay: every key of the screen it covers, from the one key table
//! ([`super::super::keys`]) the README is checked against.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::tui::action::{Action, Context};
use crate::tui::keys;
use crate::tui::paint::{ACCENT, boxed, popup, put};

/// Applies a key to the help box scrolled by `scroll`: j/k and the wheel scroll it, any
/// other key closes it (`false`).
pub fn update(scroll: &mut usize, action: Action) -> bool {
    match action {
        Action::Down | Action::Scroll(1..) => *scroll += 1,
        Action::Up | Action::Scroll(..=-1) => *scroll = scroll.saturating_sub(1),
        _ => return false,
    }
    true
}

/// One line of the help overlay: key label, what it does, and whether it heads a section.
type HelpLine = (String, String, bool);

/// Width of one column of the help overlay.
const HELP_COLUMN: u16 = 58;

/// Draws the help box over `area`: the keys of the reader (`in_reader`) or of the library,
/// from the one key table, in one column or, when it does not fit and the screen is wide
/// enough, two.
pub fn draw(in_reader: bool, scroll: usize, area: Rect, buf: &mut Buffer) {
    let names: &[(Context, &str)] = if in_reader {
        &[
            (Context::Reader, "Reading"),
            (Context::Review, "Review mode (r)"),
            (Context::Toc, "Contents (t)"),
            (Context::Prompt, "Prompt (/ and :)"),
        ]
    } else {
        &[(Context::Library, "Library")]
    };
    let mut sections: Vec<Vec<HelpLine>> = names
        .iter()
        .map(|(ctx, name)| {
            let mut lines = vec![(name.to_string(), String::new(), true)];
            lines.extend(keys::help(*ctx).into_iter().map(|(k, h)| (k.to_string(), h.to_string(), false)));
            lines
        })
        .collect();
    // The mouse, under the reading keys (the other column is the taller one).
    if in_reader && let Some(last) = sections.first_mut() {
        last.push((String::new(), String::new(), false));
        last.push(("wheel".into(), "scroll".into(), false));
        last.push(("click".into(), "focus the pane (review: move the cursor)".into(), false));
    }
    let join = |parts: &[Vec<HelpLine>]| -> Vec<HelpLine> {
        let mut out: Vec<HelpLine> = Vec::new();
        for p in parts {
            if !out.is_empty() {
                out.push((String::new(), String::new(), false));
            }
            out.extend(p.iter().cloned());
        }
        out
    };
    let one = join(&sections);
    let avail = usize::from(area.height.saturating_sub(3));
    // Two columns when one does not fit and the screen is wide enough: split between sections
    // where the taller column is shortest.
    let columns: Vec<Vec<HelpLine>> = if one.len() > avail && area.width >= 2 * HELP_COLUMN + 3 {
        let best = (1..sections.len())
            .min_by_key(|&k| join(&sections[..k]).len().max(join(&sections[k..]).len()))
            .unwrap_or(sections.len());
        vec![join(&sections[..best]), join(&sections[best..])].into_iter().filter(|c| !c.is_empty()).collect()
    } else {
        vec![one]
    };
    let tallest = columns.iter().map(Vec::len).max().unwrap_or(0);
    let width = HELP_COLUMN * columns.len() as u16 + 2 + (columns.len() as u16 - 1);
    let rect = popup(area, width, tallest as u16 + 2);
    let title =
        if usize::from(rect.height.saturating_sub(2)) < tallest { "keys · j/k scroll" } else { "keys" };
    let inner = boxed(rect, title, buf);
    let max_scroll = tallest.saturating_sub(usize::from(inner.height));
    for (c, lines) in columns.iter().enumerate() {
        let x0 = inner.x + c as u16 * (HELP_COLUMN + 1);
        let col = Rect { x: x0, width: HELP_COLUMN.min(inner.right().saturating_sub(x0)), ..inner };
        draw_help_column(lines, scroll.min(max_scroll), col, buf);
    }
}

fn draw_help_column(lines: &[HelpLine], scroll: usize, inner: Rect, buf: &mut Buffer) {
    let kw = 12usize;
    for (i, (k, h, head)) in lines.iter().skip(scroll).take(usize::from(inner.height)).enumerate() {
        let y = inner.y + i as u16;
        if *head {
            put(
                buf,
                inner.x + 1,
                y,
                k,
                usize::from(inner.width.saturating_sub(1)),
                Style::new().fg(ACCENT).add_modifier(Modifier::BOLD),
            );
            continue;
        }
        let end = put(
            buf,
            inner.x + 1,
            y,
            k,
            kw.min(usize::from(inner.width.saturating_sub(1))),
            Style::new().add_modifier(Modifier::BOLD),
        );
        let x = (inner.x + 1 + kw as u16).max(end + 1);
        if x < inner.right() {
            put(buf, x, y, h, usize::from(inner.right() - x), Style::new());
        }
    }
}
