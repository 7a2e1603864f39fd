//! Taking the terminal over and giving it back.
//!
//! `ratatui::init` enters raw mode and the alternate screen and installs a panic hook that
//! restores them; on top of that the mouse is captured (for the wheel) and released again on
//! exit and on panic, so the user's shell never inherits a broken terminal.

use std::io::IsTerminal;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::error::{Error, Result};

/// Takes the terminal over. Refuses, with a message and before touching anything, when
/// stdout is not a terminal (a pipe or a file would receive escape codes).
pub fn init() -> Result<DefaultTerminal> {
    if !std::io::stdout().is_terminal() {
        return Err(Error::Terminal(
            "the reader needs a terminal, but stdout is not one (to print a text pair, use `diglot export`)"
                .into(),
        ));
    }
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        hook(info);
    }));
    let terminal = ratatui::try_init().map_err(|e| {
        ratatui::restore();
        Error::Terminal(format!("cannot set up the terminal: {e}"))
    })?;
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    Ok(terminal)
}

/// Gives the terminal back: mouse, raw mode, alternate screen, cursor.
pub fn restore() {
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
}
