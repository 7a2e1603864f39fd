//! What the keys (and the mouse, and a resize) ask of the app, what the app asks of the loop
//! around it, and which set of keys is live. The bottom of the TUI: every screen and overlay
//! speaks these, and this module imports none of them.

use crate::alignment::Side;
use crate::document::Lang;

/// Everything a key (or the mouse, or a resize) can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Ctrl-C: quit from anywhere, prompt and overlays included.
    ForceQuit,
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    /// Scroll by rows (the mouse wheel): positive is down.
    Scroll(i32),
    /// A left click at a column and row of the screen.
    Click(u16, u16),
    NextSection,
    PrevSection,
    /// Jump to section (or numbered point) 1–10.
    Section(u32),
    /// A digit key: a section, or the start of a count for `G` and `%`.
    Digit(u8),
    /// `%`: with a count, go that many percent into the text.
    Percent,
    /// `:`: the prompt that goes to a group or a percent.
    GotoPrompt,
    /// Go to a group or a percent (a count before `G` or `%`, or `:`).
    GoTo(Target),
    Toc,
    Search,
    NextMatch,
    PrevMatch,
    /// `)` and `(`: the next and previous sentence, and its counterparts highlighted.
    NextSentence,
    PrevSentence,
    Focus,
    Swap,
    CycleRight,
    CycleLeft,
    /// `p`: add a third pane, or hide it (and show it again).
    ThirdPane,
    ToggleStacked,
    Help,
    /// A character typed into the prompt.
    Input(char),
    Backspace,
    /// Delete the character under the prompt's cursor.
    Delete,
    /// Move the prompt's cursor.
    Left,
    Right,
    /// Enter: open the selected work or section, or run the search.
    Submit,
    /// Esc in a prompt or an overlay.
    Cancel,
    Resize(u16, u16),
    /// `r`: review mode on or off.
    Review,
    NextFlagged,
    PrevFlagged,
    NextUnverified,
    /// Merge the review cursor's group with the next.
    Merge,
    /// Split the first paragraph of each side off the cursor's group.
    Split,
    /// Move the first paragraph of the focused side up into the previous group.
    MoveUp,
    /// Move the last paragraph of the focused side down into the next group.
    MoveDown,
    /// Give the first (or, `DetachLast`, last) paragraph of the focused side no counterpart.
    Detach,
    DetachLast,
    /// Mark the cursor's group verified and go to the next unverified one.
    Verify,
    /// Mark every group up to the cursor verified.
    VerifyThrough,
    Unverify,
    Undo,
    Redo,
    Save,
    /// `R`: restore the unsaved edits of a recovery file.
    Recover,
    /// `X`: discard them.
    DiscardRecovery,
}

/// What the update could not do itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Quit,
    /// Open a work from the library.
    Open(String),
    /// Leave the reader for the library.
    CloseReader,
    /// Reload the reader with other languages (`third`: a third pane's, and the pane of
    /// the text it is aligned with), keeping the paragraph of side `keep` on top.
    ChangeLangs {
        left: Lang,
        right: Lang,
        third: Option<(Lang, Side)>,
        keep: Side,
    },
    /// Save the reviewed alignment (see [`super::app::save_review`]), then, if it saved, carry out `then`.
    Save {
        then: Option<Box<Request>>,
    },
    /// Remove the open pair's recovery file (its edits were restored, or discarded).
    DropRecovery,
}

/// What the keys currently drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Library,
    Reader,
    Help,
    Toc,
    Prompt,
    /// The reader in review mode: the review keys, then the reader's.
    Review,
    /// Leaving with unsaved edits: save, discard or stay.
    Confirm,
}

/// Where `:` goes: group N (1-based), or N % into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Group(usize),
    Percent(usize),
}
