//! Terminal events to actions: one table of key bindings, Ctrl keys included, which the `?`
//! overlay also shows, so the help can never disagree with what the keys do; a test
//! (`tests/readme_keys.rs`) checks that the README's key tables list every key in it.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

use super::app::{Action, Context};

/// Rows the mouse wheel scrolls per notch.
pub const WHEEL_ROWS: i32 = 3;

/// One binding: in `context`, any of `keys`, or Ctrl with any of `ctrl`, does `action`.
/// `label` and `help` are what the help overlay shows; bindings with an empty `help` are
/// folded into the one before them.
pub struct Binding {
    pub context: Context,
    pub keys: &'static [KeyCode],
    /// Letters that do the same with Ctrl (`^Z`).
    pub ctrl: &'static [char],
    pub action: Action,
    pub label: &'static str,
    pub help: &'static str,
}

const fn bind(
    context: Context,
    keys: &'static [KeyCode],
    action: Action,
    label: &'static str,
    help: &'static str,
) -> Binding {
    Binding { context, keys, ctrl: &[], action, label, help }
}

/// `b`, also on Ctrl with the letters `keys`.
const fn ctrl(b: Binding, keys: &'static [char]) -> Binding {
    Binding { ctrl: keys, ..b }
}

/// How the help and the README write a key: `j`, `↓`, `Space`, `PgDn`, `Ctrl-Z`.
pub fn key_name(code: KeyCode) -> String {
    match code {
        Char(' ') => "Space".into(),
        Char(c) => c.to_string(),
        Down => "↓".into(),
        Up => "↑".into(),
        Left => "←".into(),
        Right => "→".into(),
        PageDown => "PgDn".into(),
        PageUp => "PgUp".into(),
        BackTab => "⇧Tab".into(),
        Delete => "Delete".into(),
        other => other.to_string(),
    }
}

/// Every key of a binding by name, the Ctrl ones as `Ctrl-Z`.
pub fn key_names(b: &Binding) -> Vec<String> {
    let plain = b.keys.iter().map(|&k| key_name(k));
    plain.chain(b.ctrl.iter().map(|c| format!("Ctrl-{}", c.to_ascii_uppercase()))).collect()
}

use Context::{Confirm, Help, Library, Prompt, Reader, Review, Toc};
use KeyCode::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

/// Every key binding, in the order the help overlay lists them.
pub const BINDINGS: &[Binding] = &[
    bind(Reader, &[Char('j'), Down], Action::Down, "j ↓", "next group"),
    bind(Reader, &[Char('k'), Up], Action::Up, "k ↑", "previous group"),
    bind(Reader, &[Char(' '), PageDown], Action::PageDown, "Space PgDn", "next page"),
    bind(Reader, &[Char('b'), PageUp], Action::PageUp, "b PgUp", "previous page"),
    bind(Reader, &[Char('g'), Home], Action::Top, "g Home", "start of the text"),
    bind(Reader, &[Char('G'), End], Action::Bottom, "G End", "end of the text; NG: group N (25G)"),
    bind(Reader, &[Char(']')], Action::NextSection, "]", "next section"),
    bind(Reader, &[Char('[')], Action::PrevSection, "[", "previous section"),
    bind(Reader, &[Char('1')], Action::Digit(1), "1–9 0", "section (or numbered point) 1–9, 10"),
    bind(Reader, &[Char('2')], Action::Digit(2), "", ""),
    bind(Reader, &[Char('3')], Action::Digit(3), "", ""),
    bind(Reader, &[Char('4')], Action::Digit(4), "", ""),
    bind(Reader, &[Char('5')], Action::Digit(5), "", ""),
    bind(Reader, &[Char('6')], Action::Digit(6), "", ""),
    bind(Reader, &[Char('7')], Action::Digit(7), "", ""),
    bind(Reader, &[Char('8')], Action::Digit(8), "", ""),
    bind(Reader, &[Char('9')], Action::Digit(9), "", ""),
    bind(Reader, &[Char('0')], Action::Digit(0), "", ""),
    bind(Reader, &[Char('%')], Action::Percent, "%", "after a count: N % into the text (50%)"),
    bind(Reader, &[Char(':')], Action::GotoPrompt, ":", "go to a group (:25) or a percent (:50%)"),
    bind(Reader, &[Char('t')], Action::Toc, "t", "table of contents"),
    bind(Reader, &[Char('/')], Action::Search, "/", "search both panes (Enter: next match)"),
    bind(Reader, &[Char('n')], Action::NextMatch, "n", "next match"),
    bind(Reader, &[Char('N')], Action::PrevMatch, "N", "previous match"),
    bind(Reader, &[Char(')')], Action::NextSentence, ")", "next sentence, lit with its counterpart"),
    bind(Reader, &[Char('(')], Action::PrevSentence, "(", "previous sentence"),
    bind(Reader, &[Tab, BackTab], Action::Focus, "Tab ⇧Tab", "focus the next pane"),
    bind(Reader, &[Char('s')], Action::Swap, "s", "swap the sides"),
    bind(Reader, &[Char('l')], Action::CycleRight, "l", "next language: right pane (3 panes: focused)"),
    bind(Reader, &[Char('L')], Action::CycleLeft, "L", "next language: left (3 panes: focused, back)"),
    bind(Reader, &[Char('p')], Action::ThirdPane, "p", "add a third pane, or hide / show it"),
    bind(Reader, &[Char('v')], Action::ToggleStacked, "v", "side by side / stacked"),
    bind(Reader, &[Char('r')], Action::Review, "r", "review mode on / off (two panes)"),
    bind(Reader, &[Char('R')], Action::Recover, "R", "restore edits a killed reader left unsaved"),
    bind(Reader, &[Char('X')], Action::DiscardRecovery, "X", "discard them"),
    bind(Reader, &[Char('?')], Action::Help, "?", "this help"),
    bind(Reader, &[Char('q')], Action::Quit, "q", "quit (back to the library if opened there)"),
    bind(Reader, &[Esc], Action::Cancel, "Esc", "drop a count or the sentence cursor, else q"),
    // Ctrl-C works everywhere (see `key_action`); it is listed once, here.
    ctrl(bind(Reader, &[], Action::ForceQuit, "^C", "quit from anywhere (asks first if unsaved)"), &['c']),
    bind(Review, &[Char('f')], Action::NextFlagged, "f", "next flagged group"),
    bind(Review, &[Char('F')], Action::PrevFlagged, "F", "previous flagged group"),
    bind(Review, &[Char('u')], Action::NextUnverified, "u", "next unverified group"),
    bind(Review, &[Enter, Char('c')], Action::Verify, "Enter c", "mark verified, go to the next unverified"),
    bind(Review, &[Char('A')], Action::VerifyThrough, "A", "mark every group up to here verified"),
    bind(Review, &[Char('U')], Action::Unverify, "U", "take the verified mark back"),
    bind(Review, &[Char('m')], Action::Merge, "m", "merge the group with the next"),
    bind(Review, &[Char('x')], Action::Split, "x", "split the first paragraph of each side off"),
    bind(Review, &[Char('K')], Action::MoveUp, "K", "move the focused side's first paragraph up"),
    bind(Review, &[Char('J')], Action::MoveDown, "J", "move the focused side's last paragraph down"),
    bind(Review, &[Char('d')], Action::Detach, "d", "detach the focused side's first paragraph"),
    bind(Review, &[Char('D')], Action::DetachLast, "D", "detach the focused side's last paragraph"),
    ctrl(bind(Review, &[Char('z')], Action::Undo, "z ^Z", "undo"), &['z']),
    ctrl(bind(Review, &[Char('Z')], Action::Redo, "Z ^Y", "redo"), &['y']),
    ctrl(bind(Review, &[Char('w')], Action::Save, "w ^S", "save the alignment"), &['s']),
    ctrl(bind(Confirm, &[Char('w')], Action::Save, "w ^S", "save, then quit"), &['s']),
    bind(Confirm, &[Char('q')], Action::Quit, "q", "quit without saving"),
    bind(Confirm, &[Esc], Action::Cancel, "Esc", "stay"),
    bind(Library, &[Char('j'), Down], Action::Down, "j ↓", "next work"),
    bind(Library, &[Char('k'), Up], Action::Up, "k ↑", "previous work"),
    bind(Library, &[Char('g'), Home], Action::Top, "g Home", "first work"),
    bind(Library, &[Char('G'), End], Action::Bottom, "G End", "last work"),
    bind(Library, &[Enter], Action::Submit, "Enter", "open the work"),
    bind(Library, &[Char('?')], Action::Help, "?", "this help"),
    bind(Library, &[Char('q'), Esc], Action::Quit, "q Esc", "quit"),
    bind(Toc, &[Char('j'), Down], Action::Down, "j ↓", "next section"),
    bind(Toc, &[Char('k'), Up], Action::Up, "k ↑", "previous section"),
    bind(Toc, &[PageDown, Char(' ')], Action::PageDown, "PgDn Space", "ten sections down"),
    bind(Toc, &[PageUp, Char('b')], Action::PageUp, "PgUp b", "ten sections up"),
    bind(Toc, &[Char('g'), Home], Action::Top, "g Home", "first section"),
    bind(Toc, &[Char('G'), End], Action::Bottom, "G End", "last section"),
    bind(Toc, &[Enter], Action::Submit, "Enter", "go to the section"),
    bind(Toc, &[Char('t'), Char('q'), Esc], Action::Cancel, "t q Esc", "close"),
    bind(Prompt, &[Enter], Action::Submit, "Enter", "search, or go (empty: repeat the last search)"),
    bind(Prompt, &[Left], Action::Left, "← →", "move the cursor"),
    bind(Prompt, &[Right], Action::Right, "", ""),
    bind(Prompt, &[Home], Action::Top, "Home End", "start / end of the line"),
    bind(Prompt, &[End], Action::Bottom, "", ""),
    bind(Prompt, &[Backspace], Action::Backspace, "Backspace", "delete before the cursor (empty: close)"),
    bind(Prompt, &[Delete], Action::Delete, "Delete", "delete under the cursor"),
    bind(Prompt, &[Up], Action::Up, "↑ ↓", "earlier / later entries"),
    bind(Prompt, &[Down], Action::Down, "", ""),
    bind(Prompt, &[Esc], Action::Cancel, "Esc", "cancel"),
    bind(Help, &[Char('j'), Down], Action::Down, "", ""),
    bind(Help, &[Char('k'), Up], Action::Up, "", ""),
];

/// The action of a key in a context.
pub fn key_action(context: Context, key: &KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        let Char(c) = key.code else { return None };
        let c = c.to_ascii_lowercase();
        let find = |ctx: Context| BINDINGS.iter().find(|b| b.context == ctx && b.ctrl.contains(&c));
        let found = match context {
            Review => find(Review).or_else(|| find(Reader)),
            _ => find(context),
        };
        // Quitting works from anywhere: a prompt, an overlay, the library.
        let anywhere = || BINDINGS.iter().find(|b| b.action == Action::ForceQuit && b.ctrl.contains(&c));
        return found.or_else(anywhere).map(|b| b.action);
    }
    let find = |ctx: Context| {
        BINDINGS.iter().find(|b| b.context == ctx && b.keys.contains(&key.code)).map(|b| b.action)
    };
    // Review mode is the reader plus its own keys.
    let found = match context {
        Review => find(Review).or_else(|| find(Reader)),
        _ => find(context),
    };
    match (found, context, key.code) {
        (Some(a), _, _) => Some(a),
        (None, Prompt, Char(c)) => Some(Action::Input(c)),
        // Any other key closes the help.
        (None, Help, _) => Some(Action::Cancel),
        _ => None,
    }
}

/// The action of any terminal event in a context.
pub fn event_action(context: Context, event: &Event) -> Option<Action> {
    match event {
        Event::Key(k) => key_action(context, k),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll(WHEEL_ROWS)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(-WHEEL_ROWS)),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// The help overlay's lines for a context: (keys, what they do).
pub fn help(context: Context) -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.context == context && !b.help.is_empty())
        .map(|b| (b.label, b.help))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn press(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn the_issue_keys_map_to_their_actions() {
        let r = |c| key_action(Reader, &press(c));
        assert_eq!(r(Char('j')), Some(Action::Down));
        assert_eq!(r(Down), Some(Action::Down));
        assert_eq!(r(Char(' ')), Some(Action::PageDown));
        assert_eq!(r(Char('G')), Some(Action::Bottom));
        assert_eq!(r(Char('5')), Some(Action::Digit(5)));
        assert_eq!(r(Char('0')), Some(Action::Digit(0)));
        assert_eq!(r(Char('%')), Some(Action::Percent));
        assert_eq!(r(Char(':')), Some(Action::GotoPrompt));
        assert_eq!(r(Tab), Some(Action::Focus));
        assert_eq!(r(Char(')')), Some(Action::NextSentence));
        assert_eq!(r(Char('(')), Some(Action::PrevSentence));
        assert_eq!(r(Esc), Some(Action::Cancel));
        assert_eq!(r(Char('q')), Some(Action::Quit));
        assert_eq!(key_action(Prompt, &press(Left)), Some(Action::Left));
        assert_eq!(key_action(Prompt, &press(Up)), Some(Action::Up));
        assert_eq!(r(Char('x')), None);
        assert_eq!(key_action(Prompt, &press(Char('j'))), Some(Action::Input('j')));
        assert_eq!(key_action(Prompt, &press(Char('哈'))), Some(Action::Input('哈')));
        assert_eq!(key_action(Toc, &press(Enter)), Some(Action::Submit));
        assert_eq!(key_action(Help, &press(Char('x'))), Some(Action::Cancel));
        let ctrl_c = KeyEvent::new(Char('c'), KeyModifiers::CONTROL);
        assert_eq!(key_action(Prompt, &ctrl_c), Some(Action::ForceQuit));
        let resize = Event::Resize(100, 30);
        assert_eq!(event_action(Reader, &resize), Some(Action::Resize(100, 30)));
    }

    #[test]
    fn every_reader_action_is_in_the_help() {
        let h = help(Reader);
        for label in [
            "j ↓",
            "]",
            "1–9 0",
            "%",
            ":",
            "t",
            "/",
            "n",
            "N",
            ")",
            "(",
            "Tab ⇧Tab",
            "s",
            "l",
            "L",
            "v",
            "?",
            "q",
            "Esc",
        ] {
            assert!(h.iter().any(|(l, _)| *l == label), "{label} missing from help");
        }
        // No key is bound twice in one context, nor in review mode and the reader it adds to.
        let same = |a: Context, b: Context| a == b || matches!((a, b), (Review, Reader) | (Reader, Review));
        for b in BINDINGS {
            for k in b.keys {
                let n = BINDINGS.iter().filter(|o| same(o.context, b.context) && o.keys.contains(k)).count();
                assert_eq!(n, 1, "{k:?} bound {n} times");
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod label_tests {
    use super::*;

    /// Whether a label such as `1–9 0` or `z ^Z` shows the key named `name`.
    fn shows(label: &str, name: &str) -> bool {
        let name = name.replace("Ctrl-", "^");
        label.split_whitespace().any(|tok| {
            tok == name
                || tok.split_once('–').is_some_and(|(a, b)| {
                    let one = |s: &str| s.chars().next().filter(|_| s.chars().count() == 1);
                    matches!((one(a), one(b), one(&name)), (Some(a), Some(b), Some(n)) if a <= n && n <= b)
                })
        })
    }

    #[test]
    fn the_help_shows_every_key_of_the_table() {
        let mut label = "";
        for b in BINDINGS.iter().filter(|b| b.context != Help) {
            // A binding without help text is folded into the one before it.
            if !b.help.is_empty() {
                label = b.label;
            }
            for name in key_names(b) {
                assert!(shows(label, &name), "{:?}: {name} is not in the help's {label:?}", b.context);
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod review_tests {
    use super::*;

    #[test]
    fn review_mode_adds_its_keys_to_the_reader() {
        let press = |ctx, c| key_action(ctx, &KeyEvent::new(c, KeyModifiers::NONE));
        let ctrl = |ctx, c| key_action(ctx, &KeyEvent::new(Char(c), KeyModifiers::CONTROL));
        assert_eq!(press(Reader, Char('r')), Some(Action::Review));
        assert_eq!(press(Reader, Char('m')), None);
        assert_eq!(press(Reader, Char('p')), Some(Action::ThirdPane));
        assert_eq!(press(Review, Char('m')), Some(Action::Merge));
        assert_eq!(press(Review, Char('j')), Some(Action::Down));
        assert_eq!(press(Review, Char('r')), Some(Action::Review));
        assert_eq!(press(Review, Enter), Some(Action::Verify));
        assert_eq!(ctrl(Review, 'z'), Some(Action::Undo));
        assert_eq!(ctrl(Review, 'y'), Some(Action::Redo));
        assert_eq!(ctrl(Review, 's'), Some(Action::Save));
        assert_eq!(ctrl(Reader, 's'), None);
        assert_eq!(press(Confirm, Char('q')), Some(Action::Quit));
        assert_eq!(press(Confirm, Char('j')), None);
        let h = help(Review);
        for label in
            ["f", "F", "u", "Enter c", "A", "U", "m", "x", "K", "J", "d", "D", "z ^Z", "Z ^Y", "w ^S"]
        {
            assert!(h.iter().any(|(l, _)| *l == label), "{label} missing from help");
        }
    }
}
