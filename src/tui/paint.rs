//! The drawing primitives the screens and overlays share: the accent colour, the styles of
//! paragraph kinds, a clipped string, and the rounded box a popup is drawn in.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use crate::document::Kind;

use super::wrap;

pub const ACCENT: Color = Color::Magenta;

pub fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

pub fn kind_style(kind: Kind) -> Style {
    match kind {
        Kind::Heading => Style::new().fg(ACCENT).add_modifier(Modifier::BOLD),
        Kind::Question => Style::new().add_modifier(Modifier::BOLD | Modifier::ITALIC),
        Kind::Caption => Style::new().add_modifier(Modifier::ITALIC | Modifier::DIM),
        Kind::Footnote | Kind::Noise => dim(),
        Kind::Verse => Style::new().add_modifier(Modifier::ITALIC),
        Kind::Body => Style::new(),
    }
}

pub fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, max: usize, style: Style) -> u16 {
    if max == 0 || y >= buf.area.bottom() || x >= buf.area.right() {
        return x;
    }
    buf.set_stringn(x, y, s, max, style).0
}

/// `s` cut to `w` cells, with an ellipsis when cut.
pub fn fit(s: &str, w: usize) -> String {
    if wrap::width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = wrap::width(c.encode_utf8(&mut [0; 4]));
        if used + cw + 1 > w {
            break;
        }
        used += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// A box centred in `area`, at most `w` × `h`.
pub fn popup(area: Rect, w: u16, h: u16) -> Rect {
    // The status line stays visible under a popup.
    let avail_h = area.height.saturating_sub(1).max(1);
    let (w, h) = (w.min(area.width), h.min(avail_h));
    // A margin of a column or three looks like a mistake (the text beside it shows through):
    // such a box takes the whole width.
    let w = if area.width - w < 4 { area.width } else { w };
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (avail_h - h) / 2, width: w, height: h }
}

pub fn boxed(area: Rect, title: &str, buf: &mut Buffer) -> Rect {
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(ACCENT))
        .title(Span::styled(format!(" {title} "), Style::new().add_modifier(Modifier::BOLD)));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}
