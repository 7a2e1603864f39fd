//! Three panes in a real terminal (tmux): `diglot read rcit --panes en,ru,ko` on a wide screen,
//! the fallback to two panes on a narrow one and back, `p`, `l` on the focused pane, and `q`.
//! Skipped, with a note, without tmux.
#![allow(clippy::unwrap_used)]

mod common;

use common::tmux::{Tmux, tmux_missing};

use diglot::tui::layout::Geometry;
use diglot::tui::wrap;

/// The text of columns `x0..x1` of a captured row, by display column.
fn columns(line: &str, x0: u16, x1: u16) -> String {
    let mut out = String::new();
    let mut col = 0u16;
    for c in line.chars() {
        if col >= x0 && col < x1 {
            out.push(c);
        }
        col += (wrap::width(c.encode_utf8(&mut [0; 4])) as u16).max(1);
    }
    out.trim_end().to_string()
}

#[test]
fn read_rcit_in_three_panes() {
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("panes", &["read", "rcit", "--panes", "en,ru,ko"]);
    // 120 columns: two panes, and the message says why.
    let s = t.wait_status("three panes need 150 columns");
    assert!(s.lines().last().unwrap().contains("en│ru"), "{s}");
    assert!(!s.contains("한국어"), "{s}");
    t.tmux(&["resize-window", "-x", "180", "-y", "40"]);
    let s = t.wait_status("three panes: en│ru│ko");
    let g = Geometry::three(180);
    let header = s.lines().next().unwrap();
    assert!(columns(header, g.left_x, g.left_x + g.left_w).starts_with("en English"), "{s}");
    assert!(columns(header, g.right_x, g.right_x + g.right_w).starts_with("ru Русский"), "{s}");
    assert!(columns(header, g.third_x, g.third_x + g.third_w).starts_with("ko 한국어"), "{s}");
    // The three panes of numbered point 1 start on the same row.
    t.keys(&["1"]);
    let s = t.wait_status("§ 1.");
    let row = s.lines().nth(1).unwrap();
    for (x, w) in [(g.left_x, g.left_w), (g.right_x, g.right_w), (g.third_x, g.third_w)] {
        assert!(columns(row, x, x + w).starts_with("1."), "{row}\n{s}");
    }
    // No row holds more than 180 columns (the Korean pane does not overflow).
    for l in s.lines() {
        assert!(wrap::width(l) <= 180, "{l}");
    }
    // `l` on the focused pane (Tab twice: the third): ko goes, es comes, en and ru stay.
    t.keys(&["Tab", "Tab", "l"]);
    let s = t.wait_status("en│ru│es");
    assert!(columns(s.lines().next().unwrap(), g.third_x, 180).starts_with("es Español"), "{s}");
    // `p` hides the third pane and shows it again.
    t.keys(&["p"]);
    t.wait_status("es hidden: p shows it again");
    t.keys(&["p"]);
    t.wait_status("three panes: en│ru│es");
    t.keys(&["q"]);
    t.wait_exit("q with three panes");
}

/// Three languages none of whose pairs is stored (ru–es, ru–ko): the reader opens at once on
/// two panes while both pairs are aligned in the background, then shows the third pane.
#[test]
fn three_panes_with_nothing_stored_open_at_once_and_align_behind() {
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("panes-aligning", &["read", "rcit", "--panes", "ru,es,ko"]);
    t.tmux(&["resize-window", "-x", "180", "-y", "40"]);
    let s = t.wait_status("three panes: ru│es│ko");
    let g = Geometry::three(180);
    let header = s.lines().next().unwrap();
    assert!(columns(header, g.third_x, g.third_x + g.third_w).starts_with("ko 한국어"), "{s}");
    t.keys(&["q"]);
    t.wait_exit("q");
}
