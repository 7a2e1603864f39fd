//! What can overlay the reader or the library: the help box, the contents, the `/` and `:`
//! prompt, and the question before unsaved edits are left. Each overlay keeps its own state
//! in its variant; [`help`] and [`contents`] hold their update and drawing (the prompt's are
//! in [`super::prompt`], the confirmation's with review mode, whose edits it guards).

use super::action::Request;
use super::prompt::Prompt;

pub mod contents;
pub mod help;

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    Toc {
        selected: usize,
    },
    /// The `/` or `:` prompt on the status line.
    Prompt(Prompt),
    /// Unsaved review edits: asks before carrying out `then` (quit, or back to the library).
    Confirm {
        then: Request,
    },
}
