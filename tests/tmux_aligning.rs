//! `diglot read A B` on a long pair in a real terminal (tmux): text on the first screen at
//! once while the pair is aligned in the background, the aligned view later, `q` at once
//! while aligning, and the same pair again straight from the cache. Skipped, with a note,
//! without tmux.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::tmux::{Tmux, tmux_missing};

/// The built-in uprising pair repeated `times` times: a long real text made from the
/// repository alone (the aligner takes seconds on it in release, far longer in debug).
fn long_pair(dir: &Path, times: usize) -> (PathBuf, PathBuf) {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut out = Vec::new();
    for (name, file) in
        [("long.en.txt", "uprising-in-kazakhstan.en.txt"), ("long.zh.txt", "uprising-in-kazakhstan.zh.txt")]
    {
        let text = std::fs::read_to_string(seeds.join(file)).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, vec![text.trim(); times].join("\n\n") + "\n").unwrap();
        out.push(path);
    }
    (out[0].clone(), out[1].clone())
}

fn status(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

/// Unoptimised builds (CI's `cargo test`) import and align many times slower.
fn slow() -> bool {
    cfg!(debug_assertions)
}

/// Waits up to `limit` for `pred` on the screen.
#[track_caller]
fn wait(t: &Tmux, limit: Duration, pred: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let s = t.capture();
        if pred(&s) {
            return s;
        }
        assert!(start.elapsed() < limit, "timed out after {limit:?}; screen:\n{s}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_long_pair_shows_at_once_aligns_in_the_background_and_quits_at_once() {
    if tmux_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (en, zh) = long_pair(dir.path(), if slow() { 4 } else { 40 });
    let args = ["read", en.to_str().unwrap(), zh.to_str().unwrap()];

    // The first screen has text (and the status line) well within a second of starting.
    let start = Instant::now();
    let t = Tmux::start_in("aligning", dir.path(), tempfile::tempdir().unwrap(), &args);
    let first = start.elapsed();
    let s = t.capture();
    // Generous for a loaded machine: measured about 0.3 s (release) with tmux's own start.
    let limit = Duration::from_millis(if slow() { 10_000 } else { 1500 });
    assert!(first < limit, "first screen after {first:?}:\n{s}");
    assert!(s.contains("Kazakhstan uprising") && s.contains("哈萨克斯坦"), "{s}");
    // On a terminal this fast machine, it is normally still aligning; a faster aligner may
    // have finished already, which is fine too.
    let aligning = status(&s).contains("aligning");
    if aligning {
        assert!(status(&s).contains("provisional"), "{s}");
        // Keys work meanwhile: scroll, help, and review mode says it waits.
        t.keys(&["Space"]);
        wait(&t, Duration::from_secs(5), |s| !status(s).contains(" 1/"));
        t.keys(&["?"]);
        wait(&t, Duration::from_secs(5), |s| s.contains("next group") && s.contains("keys"));
        t.keys(&["Escape"]);
        // Apart, or the terminal reads Esc r as Alt-r.
        wait(&t, Duration::from_secs(5), |s| !s.contains("next group"));
        t.keys(&["r"]);
        let s = wait(&t, Duration::from_secs(5), |s| {
            status(s).contains("waits for the alignment") || !status(s).contains("aligning")
        });
        assert!(!status(&s).contains("REVIEW"), "{s}");
    }

    // `q` quits at once, aligning or not.
    let start = Instant::now();
    t.keys(&["q"]);
    while t.alive() {
        assert!(start.elapsed() < Duration::from_secs(2), "q did not quit at once:\n{}", t.capture());
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_aligned_view_replaces_the_provisional_one_and_comes_from_the_cache_next_time() {
    if tmux_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (en, zh) = long_pair(dir.path(), if slow() { 2 } else { 10 });
    let args = ["read", en.to_str().unwrap(), zh.to_str().unwrap()];
    let home = tempfile::tempdir().unwrap();
    let home_path = home.path().to_path_buf();
    let t = Tmux::start_in("aligned", dir.path(), home, &args);
    let s = wait(&t, Duration::from_secs(if slow() { 240 } else { 60 }), |s| {
        !status(s).contains("aligning") && status(s).contains(" 1/")
    });
    assert!(s.contains("Kazakhstan uprising"), "{s}");
    let entries = std::fs::read_dir(home_path.join("cache/alignments")).unwrap().count();
    assert_eq!(entries, 1);
    t.keys(&["q"]);
    t.wait_exit("q");

    // Again: from the cache, no thread, aligned on the first screen.
    let again = tempfile::tempdir().unwrap();
    let copy = |from: &Path, to: &Path| {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    };
    copy(&home_path.join("cache/alignments"), &again.path().join("cache/alignments"));
    drop(t);
    let t = Tmux::start_in("cached", dir.path(), again, &args);
    let s = t.capture();
    assert!(!status(&s).contains("aligning"), "{s}");
    assert!(status(&s).contains("cached"), "{s}");
    t.keys(&["q"]);
    t.wait_exit("q");
}
