//! Drawing the app into ratatui's `TestBackend` and reading the screen back as text.

use diglot::tui::app::{Action, App};
use diglot::tui::{view, wrap};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// The app drawn on a `w`×`h` screen (after a resize to it).
pub fn draw(app: &mut App, w: u16, h: u16) -> Buffer {
    app.update(Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::draw(app, f)).unwrap();
    t.backend().buffer().clone()
}

/// The text in columns `x0..x1` of row `y`, wide characters counted once.
pub fn cells(buf: &Buffer, y: u16, x0: u16, x1: u16) -> String {
    let mut s = String::new();
    let mut x = x0;
    while x < x1 {
        let sym = buf[(x, y)].symbol();
        s.push_str(sym);
        x += (wrap::width(sym) as u16).max(1);
    }
    s
}

/// The whole screen as text, one line a row, trailing spaces cut.
pub fn screen(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| cells(buf, y, 0, buf.area.width).trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}
