//! Review mode in a real terminal (tmux), driving the built binary in a scratch directory with
//! a scratch `DIGLOT_HOME` (where saves go, in `data/alignments/`): walk the flagged groups, edit, undo, verify, be
//! asked before quitting with unsaved edits, save, and find it all again when reopened.
//! Skipped, with a note, without tmux.
#![allow(clippy::unwrap_used)]

mod common;

use common::tmux::{Tmux, tmux_missing};
use diglot::alignment::{Alignment, Status};

#[test]
fn review_walk_edit_save_and_reopen() {
    if tmux_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    // The built-in en-ko alignment is reviewed through; this pair has none, so it is aligned
    // now (in the background: review mode waits for it) and every group waits for review.
    let file = home.path().join("data/alignments/rcit.es-ko.toml");
    let args = ["read", "rcit", "--left", "es", "--right", "ko"];
    let t = Tmux::start_in_home("review", dir.path(), home.path(), &args);
    t.wait_status("rcit");
    t.wait_status("aligned: ");

    t.keys(&["r"]);
    let s = t.wait_status("REVIEW");
    assert!(s.lines().last().unwrap().contains("✓ 0/"), "{s}");
    // Walk the flagged groups (when the aligner flags any).
    let flagged: usize = s
        .lines()
        .last()
        .unwrap()
        .split("REVIEW")
        .nth(1)
        .and_then(|r| r.split_whitespace().next()?.parse().ok())
        .unwrap();
    if flagged > 0 {
        t.keys(&["f"]);
        t.wait_status("flagged 1 of");
        if flagged > 1 {
            t.keys(&["f"]);
            t.wait_status("flagged 2 of");
        }
    }
    // Back to the first group: merge it with the next, undo that, verify it.
    t.keys(&["g"]);
    t.wait_status(" 1/");
    t.keys(&["m"]);
    t.wait_status("merge groups 1 and 2");
    t.wait_status("[+] unsaved");
    t.keys(&["z"]);
    t.wait_status("undone: merge groups 1 and 2");
    t.keys(&["c"]);
    let s = t.wait_status("verify group 1");
    assert!(s.lines().last().unwrap().contains("✓ 1/"), "{s}");
    // q with unsaved edits asks; Esc stays.
    t.keys(&["q"]);
    t.wait_status("unsaved edits: w save and quit, q quit without saving, Esc stay");
    t.keys(&["Escape"]);
    t.wait_status("not quitting");
    assert!(t.alive());
    // w saves where it says.
    t.keys(&["w"]);
    t.wait_status("saved ~/data/alignments/rcit.es-ko.toml");
    let saved = Alignment::load(&file).unwrap();
    assert_eq!(saved.groups[0].status, Status::Verified);
    assert_eq!(saved.verified_count(), 1);
    assert_eq!(saved.work.as_deref(), Some("rcit"));
    // Saved: q quits at once.
    t.keys(&["q"]);
    t.wait_exit("q after saving");

    // Reopened: the stored file is used and group 1 shows as verified in the gutter.
    let t = Tmux::start_in_home("review-again", dir.path(), home.path(), &args);
    t.wait_status("alignment: stored: ~/data/alignments/rcit.es-ko.toml");
    t.keys(&["r"]);
    let s = t.wait_status("✓ 1/");
    let first_row = s.lines().nth(1).unwrap();
    // The cursor's bar, then the gutter.
    assert!(
        first_row.trim_start_matches(['▌', ' ']).starts_with("✓."),
        "gutter of group 1: {first_row:?}\n{s}"
    );
    // Ctrl-C with unsaved edits asks too; q then leaves without saving.
    t.keys(&["U"]);
    t.wait_status("unverify group 1");
    t.keys(&["C-c"]);
    t.wait_status("unsaved edits: w save");
    t.keys(&["q"]);
    t.wait_exit("q at the question");
    assert_eq!(Alignment::load(&file).unwrap(), saved, "quitting without saving changed the file");
}

#[test]
fn two_files_are_saved_and_found_again_and_languages_keep_review_mode() {
    if tmux_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for name in ["rcit.en.txt", "rcit.ko.txt"] {
        std::fs::copy(data.join(name), dir.path().join(name)).unwrap();
    }
    let args = ["read", "rcit.en.txt", "rcit.ko.txt"];
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::start_in_home("files", dir.path(), home.path(), &args);
    t.wait_status("aligned: ");
    t.keys(&["r"]);
    t.wait_status("w saves to ~/data/alignments/rcit.en-ko.toml");
    t.keys(&["A"]);
    t.wait_status("verify group 1");
    t.keys(&["C-s"]);
    t.wait_status("saved ~/data/alignments/rcit.en-ko.toml (1 of");
    t.keys(&["q"]);
    t.wait_exit("q after saving");
    let saved = Alignment::load(&home.path().join("data/alignments/rcit.en-ko.toml")).unwrap();
    assert_eq!(saved.work, None);
    assert_eq!(saved.verified_count(), 1);

    // The same two files again: the saved alignment is used.
    let t = Tmux::start_in_home("files-again", dir.path(), home.path(), &args);
    t.wait_status("alignment: stored: ~/data/alignments/rcit.en-ko.toml");
    t.keys(&["q"]);
    t.wait_exit("q");

    // A work in review mode: another language keeps review mode on (nothing unsaved).
    let t =
        Tmux::start_in("langs", dir.path(), tempfile::tempdir().unwrap(), &["read", "rcit", "--right", "es"]);
    t.keys(&["r"]);
    t.wait_status("w saves to");
    t.keys(&["l"]);
    let s = t.wait_status("en│ru");
    assert!(s.lines().last().unwrap().to_lowercase().contains("review"), "{s}");
    // With an unsaved edit, l waits for a save.
    t.keys(&["U"]);
    t.wait_status("unverify group");
    t.keys(&["l"]);
    let s = t.wait_status("unsaved edits: w to save them first");
    assert!(s.lines().last().unwrap().contains("en│ru"), "{s}");
    t.keys(&["z", "q"]);
    t.wait_exit("q after undoing");
}

#[test]
fn a_long_message_leaves_review_and_unsaved_on_the_status_line() {
    if tmux_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // The built-in en-zh alignment is stored: review mode starts at once.
    let t = Tmux::start_in("review-status", dir.path(), tempfile::tempdir().unwrap(), &["read", "uprising"]);
    t.tmux(&["resize-window", "-x", "100", "-y", "20"]);
    t.keys(&["r"]);
    t.wait_status("REVIEW");
    t.keys(&["m"]);
    t.wait_status("[+] unsaved");
    t.keys(&["q"]);
    t.wait_status("unsaved edits: w save");
    t.keys(&["Escape"]);
    let s = t.wait_status("not quitting: the edits are still unsaved");
    let status = s.lines().last().unwrap();
    assert!(status.contains("REVIEW") && status.contains("[+] unsaved"), "{s}");
    t.keys(&["q"]);
    t.wait_status("unsaved edits: w save");
    t.keys(&["q"]);
    t.wait_exit("q q");
}

#[test]
fn a_click_focuses_the_pane_and_moves_the_review_cursor() {
    if tmux_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start_in("review-click", dir.path(), tempfile::tempdir().unwrap(), &["read", "uprising"]);
    t.keys(&["r"]);
    let s = t.wait_status("REVIEW");
    // The third group on screen: the row where its text starts (a row after a blank one).
    let rows: Vec<&str> = s.lines().collect();
    let starts: Vec<usize> = (2..rows.len() - 1)
        .filter(|&y| rows[y - 1].trim_matches(['│', ' ']).is_empty() && rows[y].len() > 80)
        .collect();
    let y = starts[1];
    // An SGR mouse press (what the terminal sends for a left click) on the right pane, at
    // column 100, row y (1-based in the sequence).
    t.type_text(&format!("\x1b[<0;100;{}M\x1b[<0;100;{}m", y + 1, y + 1));
    let s = t.wait_status(" 3/");
    let row = s.lines().nth(y).unwrap();
    // The right pane has the focus: its bar is the full one, on the clicked group's rows.
    assert!(row.contains('▌'), "{s}");
    t.keys(&["q"]);
    t.wait_exit("q");
}

/// `read x.toml` opens the two texts of an alignment file with that alignment, and review mode
/// saves back to the same file (issue 11, rough edge 6).
#[test]
fn an_alignment_file_opens_its_pair_and_saves_back_to_itself() {
    if tmux_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for (from, to) in [("rcit.en.txt", "statement.en.txt"), ("rcit.ko.txt", "statement.ko.txt")] {
        std::fs::copy(data.join(from), dir.path().join(to)).unwrap();
    }
    let out = common::command()
        .args(["align", "statement.en.txt", "statement.ko.txt", "-o", "x.toml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let file = dir.path().join("x.toml");
    let t = Tmux::start_in("toml", dir.path(), tempfile::tempdir().unwrap(), &["read", "x.toml"]);
    let s = t.wait_status("stored: ");
    assert!(s.lines().last().unwrap().contains("x.toml"), "{s}");
    assert!(s.contains("statement.en.txt"), "the header names the text: {s}");
    t.keys(&["r"]);
    let s = t.wait_status("w saves to");
    assert!(s.lines().last().unwrap().contains("x.toml"), "{s}");
    t.keys(&["c"]);
    t.wait_status("verify group 1");
    t.keys(&["w"]);
    t.wait_status("saved ");
    t.keys(&["q"]);
    t.wait_exit("q after saving");
    assert_eq!(Alignment::load(&file).unwrap().verified_count(), 1);
}
