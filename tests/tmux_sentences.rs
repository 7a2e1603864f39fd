//! The sentence cursor in a real terminal (tmux): `)` and `(` move it, the status line says
//! `sentence k/N`, the lit cells are there, and Esc drops it. Skipped, with a note, without tmux.
#![allow(clippy::unwrap_used)]

mod common;

use std::process::Command;

use common::tmux::{Tmux, tmux_missing};

use diglot::tui::open;
use diglot::works::Library;

/// The screen with its colours (tmux's escape sequences).
fn capture_styled(t: &Tmux) -> String {
    let out =
        Command::new("tmux").arg("-L").arg(&t.socket).args(["capture-pane", "-p", "-e"]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn parens_move_the_sentence_cursor_and_esc_drops_it() {
    if tmux_missing() {
        return;
    }
    // The first group with at least three sentences on the left.
    let lib = Library::load_from(None).unwrap();
    let reader = open::open_work(&lib, "uprising", None, None).unwrap();
    let count = |ids: &[usize]| -> usize {
        ids.iter().map(|&i| diglot::segment::sentences(&reader.left.paragraphs[i].text).len()).sum()
    };
    let g = (0..reader.groups().len()).find(|&g| count(&reader.groups()[g].left) >= 3).unwrap();
    let n = count(&reader.groups()[g].left);

    let t = Tmux::start("sentences", &["read", "uprising"]);
    t.wait_status("uprising");
    t.type_text(&format!(":{}", g + 1));
    t.keys(&["Enter"]);
    t.wait_status(&format!(" {}/", g + 1));
    t.type_text(")");
    t.wait_status(&format!("sentence 1/{n}"));
    t.type_text("))");
    let s = t.wait_status(&format!("sentence 3/{n}"));
    assert!(s.lines().last().unwrap().contains(&format!(" {}/", g + 1)), "{s}");
    // The sentence and its counterpart are drawn black on cyan.
    let styled = capture_styled(&t);
    assert!(styled.contains("46m") || styled.contains("48;5;6m"), "no cyan background:\n{styled}");
    t.type_text("(");
    t.wait_status(&format!("sentence 2/{n}"));
    // On past the group's last sentence into the next group.
    for _ in 0..n - 1 {
        t.type_text(")");
    }
    let s = t.wait_status("sentence 1/");
    assert!(s.lines().last().unwrap().contains(&format!(" {}/", g + 2)), "{s}");
    // Back into the group before, at its last sentence.
    t.type_text("(");
    t.wait_status(&format!("sentence {n}/{n}"));
    // Esc drops the cursor and does not quit; a group motion would too.
    t.keys(&["Escape"]);
    let s = t.wait_for(|s| !s.lines().last().unwrap_or("").contains("sentence"));
    assert!(t.alive(), "{s}");
    t.keys(&["q"]);
    t.wait_exit("q");
}
