//! The built binary driven in a real terminal (tmux): pairs start on the same row, search and
//! the section keys land where they should, `q` exits. Skipped, with a note, without tmux.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::{H, Tmux, W, tmux_missing};

use diglot::tui::app::Reader;
use diglot::tui::layout::Geometry;
use diglot::tui::{open, wrap};
use diglot::works::Library;

/// Splits a captured row into the left and right pane text, by display column.
fn panes(line: &str, g: &Geometry) -> (String, String) {
    let (mut l, mut r) = (String::new(), String::new());
    let mut col = 0u16;
    for c in line.chars() {
        let w = wrap::width(c.encode_utf8(&mut [0; 4])) as u16;
        if col >= g.left_x && col < g.left_x + g.left_w {
            l.push(c);
        } else if col >= g.right_x {
            r.push(c);
        }
        col += w.max(1);
    }
    (l.trim_end().to_string(), r.trim_end().to_string())
}

/// The group on top, from the status line's `i/N`.
fn top_group(screen: &str) -> usize {
    let status = screen.lines().last().unwrap_or("");
    let tok = status.split_whitespace().find(|t| {
        let mut p = t.split('/');
        let (a, b) = (p.next().unwrap_or(""), p.next().unwrap_or(""));
        !a.is_empty() && !b.is_empty() && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())
    });
    tok.and_then(|t| t.split('/').next()?.parse::<usize>().ok()).map_or(0, |i| i - 1)
}

fn prefix(text: &str) -> String {
    text.trim_start().chars().take(6).collect()
}

/// For every group whose first rows are on screen, both sides start on the same row.
/// Returns how many groups were checked.
fn check_level(screen: &str, reader: &Reader) -> usize {
    let from_group = top_group(screen);
    let g = Geometry::new(W, true, false);
    let rows: Vec<(String, String)> =
        screen.lines().skip(1).take(usize::from(H) - 2).map(|l| panes(l, &g)).collect();
    let right = reader.right.as_ref().unwrap();
    let mut at = 0;
    let mut checked = 0;
    for gi in from_group..reader.groups().len() {
        let grp = &reader.groups()[gi];
        let (Some(&lp), Some(&rp)) = (grp.left.first(), grp.right.first()) else { continue };
        let lpre = prefix(&reader.left.paragraphs[lp].text);
        let rpre = prefix(&right.paragraphs[rp].text);
        let Some(y) = (at..rows.len()).find(|&y| rows[y].0.starts_with(&lpre)) else { break };
        assert!(
            rows[y].1.starts_with(&rpre),
            "group {gi}: left starts on row {y} but right shows {:?}\n{screen}",
            rows[y].1
        );
        at = y + 1;
        checked += 1;
    }
    checked
}

fn uprising() -> Reader {
    let lib = Library::load_from(None).unwrap();
    open::open_work(&lib, "uprising", None, None).unwrap()
}

#[test]
fn pairs_level_search_and_quit() {
    if tmux_missing() {
        return;
    }
    let reader = uprising();
    let t = Tmux::start("uprising", &["read", "uprising"]);
    let s = t.capture();
    assert!(s.lines().last().unwrap().contains("uprising"), "{s}");
    assert!(check_level(&s, &reader) >= 2, "too few groups on the first screen:\n{s}");

    // Page down: still level.
    t.keys(&["Space"]);
    let s = t.wait_for(|s| !s.lines().last().unwrap_or("").contains(" 1/"));
    assert!(check_level(&s, &reader) >= 1, "{s}");

    // Search, in Chinese: the first group after the top with a match comes to the top.
    let query = "集体安全";
    let search = diglot::tui::search::Search::new(query);
    let (want, _) = search.next_group(&reader.texts(), 0, true).unwrap();
    t.keys(&["g"]);
    t.wait_for(|s| s.lines().last().unwrap_or("").contains(" 1/"));
    t.type_text("/");
    t.type_text(query);
    t.keys(&["Enter"]);
    let s = t.wait_for(|s| s.lines().last().unwrap_or("").contains("match 1 of"));
    assert!(s.lines().last().unwrap().contains(&format!(" {}/", want + 1)), "{s}");
    let band = reader.groups()[want].clone();
    let g = Geometry::new(W, true, false);
    let first = panes(s.lines().nth(1).unwrap(), &g);
    if let Some(&lp) = band.left.first() {
        assert!(first.0.starts_with(&prefix(&reader.left.paragraphs[lp].text)), "{s}");
    }
    // `n` goes on to the next match.
    if let Some((next, _)) = search.next_group(&reader.texts(), want, true) {
        t.keys(&["n"]);
        let s = t.wait_for(|s| s.lines().last().unwrap_or("").contains(&format!(" {}/", next + 1)));
        assert!(check_level(&s, &reader) >= 1, "{s}");
    }

    t.keys(&["q"]);
    let start = Instant::now();
    while t.alive() {
        assert!(start.elapsed() < Duration::from_secs(10), "q did not exit");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

#[test]
fn section_keys_land_on_numbered_points() {
    if tmux_missing() {
        return;
    }
    let (en, ko) = (data("rcit.en.txt"), data("rcit.ko.txt"));
    let t = Tmux::start("rcit", &["read", en.to_str().unwrap(), ko.to_str().unwrap()]);
    let g = Geometry::new(W, true, false);
    let top_left = |s: &str| panes(s.lines().nth(1).unwrap_or(""), &g).0;
    // Wait for the status line too: a capture may catch a frame half drawn.
    let at = |n: &'static str| {
        move |s: &str| {
            top_left(s).starts_with(&format!("{n}."))
                && s.lines().last().unwrap_or("").contains(&format!("§ {n}."))
        }
    };
    // These files are no work's texts and have no alignment of their own: aligned now.
    t.wait_status("aligned: ");
    t.keys(&["5"]);
    t.wait_for(at("5"));
    t.keys(&["]"]);
    t.wait_for(at("6"));
    t.keys(&["["]);
    t.wait_for(at("5"));
    t.keys(&["0"]);
    t.wait_for(at("10"));
    // The table of contents: open it, go up one, jump.
    t.keys(&["t"]);
    t.wait_for(|s| s.contains("contents"));
    t.keys(&["k", "Enter"]);
    let nine = at("9");
    t.wait_for(|s| nine(s) && !s.contains("contents"));
    t.keys(&["Escape"]);
    let start = Instant::now();
    while t.alive() {
        assert!(start.elapsed() < Duration::from_secs(10), "Esc did not exit");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn position_is_remembered_and_narrow_screens_stack() {
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("memory", &["read", "uprising"]);
    t.keys(&["j", "j", "j"]);
    t.wait_for(|s| s.lines().last().unwrap_or("").contains(" 4/"));
    t.tmux(&["resize-window", "-x", "60", "-y", "20"]);
    t.wait_for(|s| {
        s.lines().next().is_some_and(|l| l.contains("over")) && s.lines().last().unwrap_or("").contains(" 4/")
    });
    t.tmux(&["resize-window", "-x", "20", "-y", "5"]);
    t.wait_for(|s| s.lines().count() <= 5 && s.lines().last().unwrap_or("").contains("4/"));
    t.keys(&["q"]);
    while t.alive() {
        std::thread::sleep(Duration::from_millis(50));
    }
    // Reopened with the same state directory: back at group 4.
    let state = t.state.path().to_path_buf();
    let socket2 = format!("{}-again", t.socket);
    let cmd =
        format!("env DIGLOT_HOME='{}' '{}' read uprising", state.display(), env!("CARGO_BIN_EXE_diglot"));
    let run = |args: &[&str]| Command::new("tmux").arg("-L").arg(&socket2).args(args).output().unwrap();
    assert!(run(&["new-session", "-d", "-x", "120", "-y", "40", &cmd]).status.success());
    let start = Instant::now();
    loop {
        let s = String::from_utf8_lossy(&run(&["capture-pane", "-p"]).stdout).into_owned();
        if s.lines().last().unwrap_or("").contains(" 4/") {
            break;
        }
        if start.elapsed() > Duration::from_secs(15) {
            run(&["kill-server"]);
            panic!("position not restored:\n{s}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    run(&["kill-server"]);
}

#[test]
fn not_a_terminal_is_a_clear_error() {
    let out = common::command().args(["read", "uprising"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(out.stdout.is_empty(), "escape codes written to a pipe");
    let out = common::command().args(["read", "no-such-work"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("'no-such-work'"));
}

#[test]
fn counts_and_the_goto_prompt_go_to_a_group() {
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("goto", &["read", "uprising"]);
    let n = uprising().groups().len();
    t.type_text("25");
    t.wait_status("25  G: group 25");
    t.keys(&["G"]);
    t.wait_status(" 25/");
    // `:` with history: ↑ brings back `30`, edited to `31`.
    t.type_text(":30");
    t.keys(&["Enter"]);
    t.wait_status(" 30/");
    t.type_text(":");
    t.keys(&["Up", "BSpace"]);
    t.type_text("1");
    t.keys(&["Enter"]);
    t.wait_status(" 31/");
    t.type_text("50%");
    let half = (50 * n).div_ceil(100);
    t.wait_status(&format!(" {half}/{n} {}%", half * 100 / n));
    // The end of the text: `end`, and 100 % only on the last group (review mode's cursor).
    t.keys(&["G"]);
    let s = t.wait_status(" end");
    assert!(!s.lines().last().unwrap().contains("100%"), "{s}");
    t.keys(&["r"]);
    t.wait_status("REVIEW");
    t.keys(&["G"]);
    t.wait_status(&format!(" {n}/{n} 100% end"));
    t.keys(&["r"]);
    t.wait_status("review mode off");
    // Esc cancels a count, and does not quit.
    t.type_text("7");
    t.wait_status("7  G: group 7");
    t.keys(&["Escape"]);
    t.wait_status("count 7 cancelled");
    assert!(t.alive());
    t.keys(&["q"]);
    t.wait_exit("q");
}

#[test]
fn a_search_shows_the_matched_line_and_the_prompt_edits_at_the_cursor() {
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("search-scroll", &["read", "uprising"]);
    t.tmux(&["resize-window", "-x", "100", "-y", "12"]);
    t.wait_for(|s| s.lines().count() <= 12 && s.lines().last().unwrap_or("").contains(" 1/"));
    // Typed with a letter missing at the start, mended with Home, and a stray one at the end
    // removed with Left and Delete.
    t.type_text("/mplicationsx");
    t.keys(&["Home"]);
    t.type_text("i");
    t.keys(&["End", "Left", "DC"]);
    t.wait_status("/implications ");
    t.keys(&["Enter"]);
    let s = t.wait_status("/implications: match 1 of 2");
    let body: Vec<&str> = s.lines().skip(1).take(10).collect();
    assert!(body.iter().any(|l| l.contains("implications")), "the matched line is not on screen:\n{s}");
    t.keys(&["q"]);
    t.wait_exit("q");
}

#[test]
fn read_dash_reads_standard_input() {
    if tmux_missing() {
        return;
    }
    // The keys still come from the terminal while the text comes down a pipe.
    let text = data("rcit.en.txt");
    let t = Tmux::start_shell("stdin", &format!("cat '{}' | {{diglot}} read -", text.display()));
    let s = t.wait_status("<stdin>");
    assert!(s.contains("Popular Uprisings"), "{s}");
    t.keys(&["j"]);
    t.wait_status(" 2/");
    t.keys(&["q"]);
    t.wait_exit("q");
}

#[test]
fn runs_of_spaces_show_as_one_and_a_mixed_text_is_labelled() {
    if tmux_missing() {
        return;
    }
    let (en, ko) = (data("rcit.en.txt"), data("rcit.ko.txt"));
    let t = Tmux::start("spaces", &["read", en.to_str().unwrap(), ko.to_str().unwrap()]);
    t.keys(&["1"]);
    let s = t.wait_for(|s| s.lines().nth(1).is_some_and(|l| l.contains("1. Kazakhstan")));
    assert!(!s.contains('\u{a0}'), "{s}");
    t.keys(&["q"]);
    t.wait_exit("q");
    let t = Tmux::start("mixed", &["read", "anarchists"]);
    let s = t.wait_for(|s| s.lines().next().is_some_and(|l| l.contains("en+zh")));
    assert!(s.lines().next().unwrap().contains("English+中文"), "{s}");
    t.keys(&["q"]);
    t.wait_exit("q");
}

/// `l`/`L` on a multi-language file cycle its languages; the RCIT bundle, the text of the work
/// `rcit`, opens with the work's built-in alignment (issue 11, rough edge 4).
#[test]
fn l_cycles_the_languages_of_a_bundle_file() {
    if tmux_missing() {
        return;
    }
    let bundle = "seeds/rcit-kazakhstan-statement.en-es-ru-pt-ko.txt";
    let t = Tmux::start("bundle-langs", &["read", bundle]);
    let s = t.wait_status("rcit.en-es.toml; the text of the work 'rcit'");
    assert!(s.lines().last().unwrap().trim_start().starts_with("rcit  en│es"), "read as the work: {s}");
    t.keys(&["l"]);
    t.wait_status("en│ru");
    t.keys(&["L"]);
    t.wait_status("es│ru");
    t.keys(&["q"]);
    t.wait_exit("q");

    // A bundle that is no work's text: aligned now, and its own languages cycled.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(bundle)).unwrap();
    std::fs::write(dir.path().join("s.en-es-ru-pt-ko.txt"), text.replacen("Kazakhstan", "Qazaqstan", 1))
        .unwrap();
    let t = Tmux::start_in(
        "bundle-copy",
        dir.path(),
        tempfile::tempdir().unwrap(),
        &["read", "s.en-es-ru-pt-ko.txt"],
    );
    t.wait_status("aligned: ");
    t.keys(&["l"]);
    t.wait_status("en│ru");
    t.keys(&["q"]);
    t.wait_exit("q");
}
