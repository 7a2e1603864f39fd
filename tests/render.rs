//! The reader drawn to ratatui's `TestBackend`: properties that hold whatever the importer and
//! aligner produce (on the real works), and snapshots of fixed pairs (made here, so they change
//! only when the drawing does).
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::screen::{cells, draw, screen};
use diglot::alignment::Group;
use diglot::tui::app::{Action, App, Reader, Source};
use diglot::tui::layout::{Mode, Row, Side};
use diglot::tui::{aligning, library, open, view, wrap};
use diglot::works::Library;
use diglot::{Document, Kind, Lang, Paragraph};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

fn uprising() -> Reader {
    let lib = Library::load_from(None).unwrap();
    open::open_work(&lib, "uprising", Some(Lang::EN), Some(Lang::ZH)).unwrap()
}

fn rcit() -> Reader {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let lib = Library::load_from(None).unwrap();
    let mut r =
        open::open_files(&lib, &d.join("rcit.en.txt"), Some(&d.join("rcit.ko.txt")), &Default::default())
            .unwrap();
    r.align_now();
    r
}

/// Checks what must hold on any screen of a two-pane reader.
fn check_properties(app: &App, buf: &Buffer) {
    let r = app.reader.as_ref().unwrap();
    let g = *r.layout().geometry();
    let body_y = if buf.area.height >= 4 { 1 } else { 0 };
    let rows = buf.area.height - 1 - body_y;
    // What the panes show: whitespace runs are one space there.
    let left = &r.shown(Side::Left).unwrap().doc;
    let right = &r.shown(Side::Right).unwrap().doc;
    let in_doc = |doc: &Document, s: &str| s.is_empty() || doc.paragraphs.iter().any(|p| p.text.contains(s));
    for y in body_y..body_y + rows {
        match g.mode {
            Mode::SideBySide => {
                let l = cells(buf, y, g.left_x, g.left_x + g.left_w);
                let rt = cells(buf, y, g.right_x, g.right_x + g.right_w);
                // Each pane holds only its own text (or the end/empty markers).
                let l = l.trim_end();
                let rt = rt.trim_end();
                assert!(in_doc(left, l) || l.starts_with("╌╌╌") || l == "(end)", "left row {y}: {l:?}");
                assert!(in_doc(right, rt) || rt.starts_with("╌╌╌"), "right row {y}: {rt:?}");
                // Nothing is written into the gaps around the divider.
                assert_eq!(buf[(g.left_x + g.left_w, y)].symbol(), " ", "gap left of divider, row {y}");
                assert_eq!(buf[(g.divider_x + 1, y)].symbol(), " ", "gap right of divider, row {y}");
                assert!(["│", "▌", "▎"].contains(&buf[(g.divider_x, y)].symbol()));
                // A wide character never hangs over a pane's last column.
                for edge in [g.left_x + g.left_w - 1, g.right_x + g.right_w - 1] {
                    assert!(
                        wrap::width(buf[(edge, y)].symbol()) <= 1,
                        "wide char cut at column {edge}, row {y}"
                    );
                }
            }
            Mode::Stacked | Mode::Single => {
                let t = cells(buf, y, g.left_x, g.left_x + g.left_w);
                let t = t.trim_end();
                assert!(
                    in_doc(left, t) || in_doc(right, t) || t.starts_with("╌╌╌") || t == "(end)",
                    "row {y}: {t:?}"
                );
                let edge = g.left_x + g.left_w - 1;
                assert!(wrap::width(buf[(edge, y)].symbol()) <= 1);
            }
        }
    }
    // Paired paragraphs start on the same row: find each visible group's first lines on screen.
    if g.mode == Mode::SideBySide {
        for (gi, y0) in r.visible() {
            if y0 < 0 || y0 as u16 >= rows {
                continue;
            }
            let band = r.band(gi).unwrap();
            let y = body_y + y0 as u16;
            for (side, row, x0, w, doc) in [
                (Side::Left, &band.left[0], g.left_x, g.left_w, left),
                (Side::Right, &band.right[0], g.right_x, g.right_w, right),
            ] {
                let shown = cells(buf, y, x0, x0 + w);
                match row {
                    Row::Text { para, .. } => {
                        let text = doc.paragraphs[*para].text.trim_start();
                        let first: String = text.chars().take(3).collect();
                        assert!(
                            shown.starts_with(&first),
                            "group {gi} {side:?} should start at row {y}: {shown:?}"
                        );
                    }
                    Row::Empty => assert!(shown.starts_with("╌╌╌")),
                    Row::Blank => panic!("a band starts with a blank row"),
                }
            }
        }
    }
}

#[test]
fn real_works_keep_pairs_level_and_panes_apart() {
    for (name, reader) in [("uprising", uprising()), ("rcit", rcit())] {
        let mut app = App::with_reader(reader);
        for (w, h) in [(120, 40), (60, 20), (80, 24), (200, 50), (20, 5)] {
            for action in [Action::Top, Action::PageDown, Action::PageDown, Action::Down, Action::Bottom] {
                app.update(action);
                let buf = draw(&mut app, w, h);
                let mode = app.reader.as_ref().unwrap().mode();
                assert_eq!(mode == Mode::SideBySide, w >= 80, "{name} at {w}×{h}");
                check_properties(&app, &buf);
            }
        }
    }
}

#[test]
fn resizing_keeps_the_top_paragraph() {
    let mut app = App::with_reader(uprising());
    draw(&mut app, 120, 40);
    for _ in 0..7 {
        app.update(Action::Down);
    }
    let before = app.reader.as_ref().unwrap().position(Side::Left);
    for (w, h) in [(60, 20), (20, 5), (200, 60), (120, 40)] {
        draw(&mut app, w, h);
        assert_eq!(app.reader.as_ref().unwrap().position(Side::Left), before);
        assert_eq!(app.reader.as_ref().unwrap().current(), 7);
    }
}

fn para(text: &str, lang: Lang, kind: Kind) -> Paragraph {
    Paragraph { text: text.to_string(), lang, kind, lines: (1, 1) }
}

/// A fixed pair: the first paragraphs of the uprising seeds, split here at blank lines.
fn fixed_pair() -> Reader {
    let split = |text: &str, lang: Lang, join: &str| -> Vec<Paragraph> {
        text.split("\n\n")
            .map(|b| b.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(join))
            .filter(|t| !t.is_empty())
            .take(8)
            .map(|t| para(&t, lang, Kind::Body))
            .collect()
    };
    let en = include_str!("../seeds/uprising-in-kazakhstan.en.txt");
    let zh = include_str!("../seeds/uprising-in-kazakhstan.zh.txt");
    let mut l = split(en, Lang::EN, " ");
    let mut r = split(zh, Lang::ZH, "");
    l[1].kind = Kind::Heading;
    r[1].kind = Kind::Heading;
    l[4].kind = Kind::Question;
    let left = Document { name: "en".into(), lang: Lang::EN, paragraphs: l };
    let right = Document { name: "zh".into(), lang: Lang::ZH, paragraphs: r };
    let groups = vec![
        Group::new(vec![0], vec![], 0.2),
        Group::new(vec![1], vec![0], 0.4),
        Group::new(vec![2, 3], vec![1], 0.8),
        Group::new(vec![4], vec![2, 3], 0.9),
        Group::new(vec![5], vec![4], 0.95),
        Group::new(vec![6], vec![5], 0.9),
        Group::new(vec![7], vec![6, 7], 0.7),
    ];
    let source =
        Source::Work { id: "uprising".into(), title: "The Uprising".into(), langs: vec![Lang::EN, Lang::ZH] };
    Reader::new(source, left, Some(right), groups, "test")
}

#[test]
fn snapshots_of_a_fixed_pair() {
    let mut app = App::with_reader(fixed_pair());
    for (w, h) in [(120, 40), (60, 20), (20, 5)] {
        app.update(Action::Top);
        let buf = draw(&mut app, w, h);
        check_properties(&app, &buf);
        insta::assert_snapshot!(format!("fixed_pair_{w}x{h}"), screen(&buf));
    }
    app.update(Action::Resize(120, 40));
    app.update(Action::Search);
    for c in "kazakh".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
    app.update(Action::Focus);
    let buf = draw(&mut app, 120, 40);
    insta::assert_snapshot!("fixed_pair_search_focus_right", screen(&buf));
    // The match is highlighted in the buffer, not only found.
    let hit = (0..40).flat_map(|y| (0..120).map(move |x| (x, y))).any(|(x, y)| {
        buf[(x, y)].bg == ratatui::style::Color::Yellow && buf[(x, y)].symbol().eq_ignore_ascii_case("k")
    });
    assert!(hit, "no highlighted match");
    app.update(Action::Help);
    insta::assert_snapshot!("help_overlay", screen(&draw(&mut app, 120, 40)));
}

#[test]
fn matches_are_highlighted_while_the_search_is_typed() {
    let mut app = App::with_reader(fixed_pair());
    app.update(Action::Search);
    for c in "KAZAKH".chars() {
        app.update(Action::Input(c));
    }
    let buf = draw(&mut app, 120, 40);
    let lit = buf.content().iter().filter(|c| c.bg == ratatui::style::Color::Yellow).count();
    assert!(lit >= 6, "{lit} cells highlighted");
    assert!(screen(&buf).lines().last().unwrap().starts_with("/KAZAKH"));
    app.update(Action::Cancel);
    let buf = draw(&mut app, 120, 40);
    assert!(buf.content().iter().all(|c| c.bg != ratatui::style::Color::Yellow));
}

#[test]
fn a_wide_character_at_the_pane_edge_moves_down_whole() {
    // At 120 columns the left pane is 57 wide: 56 ASCII cells then a wide character must wrap.
    let w = diglot::tui::layout::Geometry::new(120, true, false).left_w as usize;
    let text = format!("{}中文字", "a".repeat(w - 1));
    let left =
        Document { name: "l".into(), lang: Lang::ZH, paragraphs: vec![para(&text, Lang::ZH, Kind::Body)] };
    let rtext = format!("{}한국어", "b".repeat(w));
    let right =
        Document { name: "r".into(), lang: Lang::KO, paragraphs: vec![para(&rtext, Lang::KO, Kind::Body)] };
    let src = Source::Files { left: "l".into(), right: Some("r".into()), langs: vec![] };
    let mut app =
        App::with_reader(Reader::new(src, left, Some(right), vec![Group::new(vec![0], vec![0], 1.0)], "t"));
    let buf = draw(&mut app, 120, 40);
    check_properties(&app, &buf);
    let g = *app.reader.as_ref().unwrap().layout().geometry();
    assert_eq!(cells(&buf, 1, g.left_x, g.left_x + g.left_w).trim_end(), "a".repeat(w - 1));
    assert_eq!(cells(&buf, 2, g.left_x, g.left_x + g.left_w).trim_end(), "中文字");
    assert_eq!(cells(&buf, 2, g.right_x, g.right_x + g.right_w).trim_end(), "한국어");
}

#[test]
fn the_library_and_tiny_screens_draw() {
    let lib = Library::load_from(None).unwrap();
    let mut app = App::with_library(library::entries(&lib));
    let buf = draw(&mut app, 100, 30);
    let s = screen(&buf);
    assert!(s.contains("The Uprising in Kazakhstan"), "{s}");
    assert!(s.contains("uprising"));
    assert!(s.contains("zhihu"));
    for (w, h) in [(20, 5), (1, 1), (5, 2)] {
        draw(&mut app, w, h);
    }
    let mut app = App::with_reader(uprising());
    // With matches highlighted, on every small size.
    app.update(Action::Search);
    for c in "the".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
    for w in 0..24 {
        for h in 0..8 {
            draw(&mut app, w, h);
        }
    }
    for (w, h) in [(20, 5), (1, 1), (2, 2), (3, 3), (79, 4)] {
        for a in [Action::Help, Action::Cancel, Action::Toc, Action::Down, Action::Cancel, Action::Search] {
            app.update(a);
            draw(&mut app, w, h);
        }
        app.update(Action::Cancel);
    }
}

/// rcit en/ko (the test copies of the seed) with a fixed alignment made here: 1-1 by position,
/// the second and third English paragraphs together, the Korean text's extra paragraphs alone.
fn rcit_fixed() -> Reader {
    use diglot::import::{ImportOptions, import_one};
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let opts = ImportOptions::default();
    let en = import_one(&d.join("rcit.en.txt"), &opts).unwrap();
    let ko = import_one(&d.join("rcit.ko.txt"), &opts).unwrap();
    let (n, m) = (en.len(), ko.len());
    let mut groups = vec![Group::new(vec![0], vec![0], 0.97), Group::new(vec![1, 2], vec![1], 0.45)];
    let (mut i, mut j) = (3, 2);
    while i < n || j < m {
        let conf = [0.91, 0.62, 0.88, 0.35, 0.99][(i + j) % 5];
        let l = if i < n { vec![i] } else { vec![] };
        let r = if j < m { vec![j] } else { vec![] };
        groups.push(Group::new(l, r, conf));
        i += 1;
        j += 1;
    }
    let src = Source::Files { left: "rcit.en.txt".into(), right: Some("rcit.ko.txt".into()), langs: vec![] };
    Reader::new(src, en, Some(ko), groups, "test")
}

/// What the gutter shows on row `y` (`✓.93`, `!.45`, ` .91`, or blanks).
fn gutter(buf: &Buffer, app: &App, y: u16) -> String {
    let x = app.reader.as_ref().unwrap().layout().geometry().left_x - diglot::tui::app::GUTTER;
    cells(buf, y, x, x + 4)
}

#[test]
fn review_mode_gutter_snapshots() {
    for (name, reader) in [("uprising", fixed_pair()), ("rcit", rcit_fixed())] {
        let mut app = App::with_reader(reader);
        app.update(Action::Resize(120, 40));
        app.update(Action::Review);
        app.update(Action::Down);
        app.update(Action::Down);
        app.update(Action::Verify);
        let buf = draw(&mut app, 120, 40);
        check_properties(&app, &buf);
        let r = app.reader.as_ref().unwrap();
        let rm = r.review().unwrap();
        // Each group's first row on screen carries its mark and confidence; the other rows none.
        let mut marked = 0;
        for (g, y0) in r.visible() {
            let group = &r.groups()[g];
            let want_mark = if group.status == diglot::alignment::Status::Verified {
                "✓"
            } else if rm.review.is_flagged(g) {
                "!"
            } else {
                " "
            };
            let y = 1 + y0.max(0) as u16;
            if y >= 39 {
                continue;
            }
            let shown = gutter(&buf, &app, y);
            assert_eq!(
                shown,
                format!("{want_mark}{}", view::confidence(group.confidence)),
                "{name} group {g}"
            );
            for row in 1..r.band(g).unwrap().height() as u16 {
                if y + row < 39 {
                    assert_eq!(gutter(&buf, &app, y + row).trim(), "", "{name} group {g} row {row}");
                }
            }
            marked += 1;
        }
        assert!(marked >= 2, "{name}: {marked} groups on screen");
        // The cursor's group has the focus bar; flagged marks are red, verified green.
        let cur = r.cursor();
        let y = 1 + r.visible().iter().find(|(g, _)| *g == cur).unwrap().1 as u16;
        assert_eq!(buf[(0, y)].symbol(), "▌");
        let status = screen(&buf).lines().last().unwrap().to_string();
        assert!(
            status.contains("REVIEW") && status.contains("flagged") && status.contains("[+] unsaved"),
            "{status}"
        );
        insta::assert_snapshot!(format!("review_{name}_120x40"), screen(&buf));
    }
}

#[test]
fn review_mode_confirm_prompt_and_small_screens() {
    let mut app = App::with_reader(fixed_pair());
    app.update(Action::Review);
    app.update(Action::Merge);
    app.update(Action::Quit);
    let buf = draw(&mut app, 120, 40);
    let status = screen(&buf).lines().last().unwrap().to_string();
    assert!(status.contains(diglot::tui::app::CONFIRM_PROMPT), "{status}");
    app.update(Action::Cancel);
    for w in 0..30 {
        for h in 0..8 {
            draw(&mut app, w, h);
        }
    }
    for (w, h) in [(60, 20), (80, 24), (200, 50)] {
        for a in [Action::NextFlagged, Action::Split, Action::Bottom, Action::Undo, Action::Top] {
            app.update(a);
            let buf = draw(&mut app, w, h);
            check_properties(&app, &buf);
        }
    }
}

#[test]
fn the_status_line_says_how_far_the_alignment_is() {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let lib = Library::load_from(None).unwrap();
    let (en, ko) = (d.join("rcit.en.txt"), d.join("rcit.ko.txt"));
    // Another left stem, so that no stored alignment of the pair is found.
    let dir = tempfile::tempdir().unwrap();
    let left = dir.path().join("statement.en.txt");
    std::fs::copy(&en, &left).unwrap();
    let r = open::open_files(&lib, &left, Some(&ko), &Default::default()).unwrap();
    let job = r.pending().map(|p| p.job).unwrap();
    let mut app = App::with_reader(r);
    app.update(Action::Down);
    app.alignment_event(aligning::Event::Progress { job, fraction: 0.42 });
    for w in [120, 60, 30] {
        let buf = draw(&mut app, w, 12);
        let status = cells(&buf, 11, 0, w);
        assert!(status.starts_with(" aligning 42 %"), "{w}: {status:?}");
        check_properties(&app, &buf);
    }
    let status = cells(&draw(&mut app, 120, 12), 11, 0, 120);
    assert!(status.starts_with(" aligning 42 %  provisional"), "{status:?}");
    assert!(status.contains("statement.en.txt + rcit.ko.txt  en│ko  2/"), "{status:?}");
    assert!(!status.contains("conf"), "a provisional group has no confidence: {status:?}");
    app.update(Action::Review);
    let status = cells(&draw(&mut app, 120, 12), 11, 0, 120);
    assert!(status.contains("review mode waits for the alignment (42 % done)"), "{status:?}");
    app.alignment_event(aligning::Event::Done {
        job,
        groups: aligning::provisional(
            &app.reader.as_ref().unwrap().left,
            app.reader.as_ref().unwrap().right.as_ref().unwrap(),
        ),
        warnings: vec!["the alignment failed: 70 % of the paragraphs are left unpaired".into()],
    });
    let status = cells(&draw(&mut app, 120, 12), 11, 0, 120);
    assert!(!status.contains("aligning"), "{status:?}");
    assert!(status.contains("warning: the alignment failed"), "{status:?}");
}

#[test]
fn a_count_and_the_goto_prompt_show_on_the_status_line() {
    let mut app = App::with_reader(fixed_pair());
    app.update(Action::Digit(5));
    let status = |app: &mut App| screen(&draw(app, 100, 12)).lines().last().unwrap().to_string();
    insta::assert_snapshot!("count_pending_status", status(&mut app));
    app.update(Action::Bottom);
    assert!(status(&mut app).contains(" 5/7"), "{}", status(&mut app));
    app.update(Action::GotoPrompt);
    for c in "30%".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Left);
    let buf = draw(&mut app, 100, 12);
    insta::assert_snapshot!("goto_prompt_status", screen(&buf).lines().last().unwrap());
    // The terminal cursor sits on the `%`, after `:30`.
    let mut t = Terminal::new(TestBackend::new(100, 12)).unwrap();
    t.draw(|f| view::draw(&app, f)).unwrap();
    assert_eq!(t.get_cursor_position().unwrap(), ratatui::layout::Position { x: 3, y: 11 });
    app.update(Action::Submit);
    assert!(status(&mut app).contains(" 3/7"), "{}", status(&mut app));
}

#[test]
fn a_search_match_below_the_screen_is_scrolled_into_view() {
    // The issue's case: at 100×12, the first match of "implications" is deep in a paragraph
    // taller than the screen.
    let mut app = App::with_reader(uprising());
    draw(&mut app, 100, 12);
    app.update(Action::Top);
    app.update(Action::Search);
    for c in "implications".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
    assert!(app.message.as_deref().is_some_and(|m| m.contains("match 1 of")), "{:?}", app.message);
    let r = app.reader.as_ref().unwrap();
    assert!(r.skip() > 0, "the matched paragraph fits: the test needs one taller than the screen");
    let buf = draw(&mut app, 100, 12);
    let lit: String =
        buf.content().iter().filter(|c| c.bg == ratatui::style::Color::Yellow).map(|c| c.symbol()).collect();
    assert!(lit.to_lowercase().contains("implications"), "no match on screen:\n{}", screen(&buf));
    check_properties(&app, &buf);
    insta::assert_snapshot!("search_match_scrolled_100x12", screen(&buf));
}

#[test]
fn the_status_line_keeps_review_and_unsaved_whatever_the_message() {
    let mut app = App::with_reader(fixed_pair());
    app.update(Action::Review);
    app.update(Action::Merge);
    app.update(Action::Quit);
    app.update(Action::Cancel);
    let status = |app: &mut App, w: u16| cells(&draw(app, w, 12), 11, 0, w).trim_end().to_string();
    let s = status(&mut app, 100);
    assert!(s.contains("REVIEW") && s.contains("[+] unsaved"), "{s:?}");
    assert!(s.contains("not quitting: the edits are still unsaved (w saves)"), "{s:?}");
    insta::assert_snapshot!("status_review_unsaved_message_100", s);
    // A message longer than the line is cut with an ellipsis; the markers stay.
    for w in [100, 60, 40, 24] {
        app.set_message(format!("a long message: {}", "every word of it ".repeat(10)));
        let s = status(&mut app, w);
        assert!(s.contains("REVIEW") && s.contains("[+] unsaved"), "{w}: {s:?}");
        if w >= 40 {
            assert!(s.contains("a long") && s.ends_with('…'), "{w}: {s:?}");
        }
    }
    // Outside review mode the message may take the work's room, and keeps the position.
    let mut app = App::with_reader(fixed_pair());
    app.set_message("x".repeat(150));
    let s = status(&mut app, 100);
    assert!(s.starts_with(" 1/7") && s.ends_with("x…"), "{s:?}");
}

/// `i/N p%` and ` end` from a status line.
fn parse_position(status: &str) -> (usize, usize, usize, bool) {
    let words: Vec<&str> = status.split_whitespace().collect();
    let k = words
        .iter()
        .enumerate()
        .position(|(k, w)| {
            let mut p = w.split('/');
            p.next().is_some_and(|a| a.parse::<usize>().is_ok())
                && p.next().is_some_and(|b| b.parse::<usize>().is_ok())
                && words.get(k + 1).is_some_and(|p| p.ends_with('%'))
        })
        .unwrap_or_else(|| panic!("no i/N in {status:?}"));
    let (i, n) = words[k].split_once('/').unwrap();
    let pct = words[k + 1].strip_suffix('%').unwrap().parse().unwrap();
    // ` end` follows with one space; a message ("end of the text") is two or more away.
    let end = status.contains(&format!("{} {} end", words[k], words[k + 1]));
    (i.parse().unwrap(), n.parse().unwrap(), pct, end)
}

#[test]
fn the_position_and_the_percent_agree() {
    for (name, reader) in [("fixed", fixed_pair()), ("uprising", uprising())] {
        let mut app = App::with_reader(reader);
        for review in [false, true] {
            if review {
                app.update(Action::Review);
            }
            for (w, h) in [(120, 40), (100, 12)] {
                for a in
                    [Action::Top, Action::Down, Action::PageDown, Action::Bottom, Action::Up, Action::Bottom]
                {
                    app.update(a);
                    let status = cells(&draw(&mut app, w, h), h - 1, 0, w);
                    let (i, n, pct, end) = parse_position(&status);
                    let r = app.reader.as_ref().unwrap();
                    let what = format!("{name} review {review} {w}x{h} after {a:?}: {status:?}");
                    assert_eq!(n, r.groups().len(), "{what}");
                    assert_eq!(pct, i * 100 / n, "{what}");
                    assert_eq!(pct == 100, i == n, "{what}");
                    assert_eq!(end, r.at_end(), "{what}");
                    if a == Action::Bottom {
                        assert!(end, "{what}");
                    }
                    if review && a == Action::Bottom {
                        assert_eq!((i, pct), (n, 100), "{what}");
                    }
                }
            }
        }
    }
    // The issue's short pair: the whole text on screen, group 2 on top, is not 100 %.
    let mut app = App::with_reader(fixed_pair());
    app.update(Action::Down);
    let status = cells(&draw(&mut app, 200, 60), 59, 0, 200);
    assert!(status.contains(" 2/7 28% end "), "{status:?}");
}

#[test]
fn small_ones_toc_ellipsis_v_when_narrow_and_the_help_box_edge() {
    // Contents: a title too long for the box ends in an ellipsis, inside the box.
    let mut app = App::with_reader(uprising());
    app.update(Action::Toc);
    let buf = draw(&mut app, 60, 20);
    let s = screen(&buf);
    assert!(s.lines().any(|l| l.trim_end().ends_with("…│")), "no title cut with …:\n{s}");
    app.update(Action::Cancel);
    // v below 80 columns says why nothing changes.
    draw(&mut app, 60, 20);
    app.update(Action::ToggleStacked);
    let status = cells(&draw(&mut app, 60, 20), 19, 0, 60);
    assert!(status.contains("side by side needs 80 columns"), "{status:?}");
    assert_eq!(app.reader.as_ref().unwrap().mode(), Mode::Stacked);
    // The help box at 120 columns covers the last column too: every row of it ends in its
    // border.
    app.update(Action::Help);
    let buf = draw(&mut app, 120, 40);
    let rows: Vec<u16> = (0..39).filter(|&y| buf[(0, y)].symbol() == "│").collect();
    assert!(rows.len() > 20, "{}", screen(&buf));
    for y in rows {
        assert_eq!(buf[(119, y)].symbol(), "│", "row {y}:\n{}", screen(&buf));
    }
}

#[test]
fn spaces_are_normalised_noise_is_dim_and_a_mixed_text_names_its_languages() {
    // rcit's numbered points are followed by runs of no-break spaces in the source.
    let mut app = App::with_reader(rcit_fixed());
    app.update(Action::Section(1));
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("1. Kazakhstan – the politically"), "{s}");
    assert!(!s.contains('\u{a0}'), "{s}");
    let r = app.reader.as_ref().unwrap();
    assert!(r.left.paragraphs.iter().any(|p| p.text.contains("1.\u{a0}")), "the stored text changed");
    // uprising opens on a lone `/`, which the importer calls noise: drawn dim.
    let mut app = App::with_reader(uprising());
    let buf = draw(&mut app, 120, 40);
    let x = app.reader.as_ref().unwrap().layout().geometry().left_x;
    assert_eq!(buf[(x, 1)].symbol(), "/");
    assert!(buf[(x, 1)].modifier.contains(ratatui::style::Modifier::DIM));
    // anarchists is English with 61 of its 142 paragraphs in Chinese.
    let lib = Library::load_from(None).unwrap();
    let mut app = App::with_reader(open::open_work(&lib, "anarchists", None, None).unwrap());
    let head = screen(&draw(&mut app, 120, 40)).lines().next().unwrap().to_string();
    assert!(head.trim_start().starts_with("en+zh English+中文"), "{head:?}");
}

#[test]
fn a_click_focuses_its_pane_and_moves_the_review_cursor() {
    let mut app = App::with_reader(fixed_pair());
    draw(&mut app, 120, 40);
    let g = *app.reader.as_ref().unwrap().layout().geometry();
    // Text row 0 is screen row 1, under the header.
    app.update(Action::Click(g.right_x + 3, 1));
    assert_eq!(app.reader.as_ref().unwrap().focus, Side::Right);
    app.update(Action::Click(g.left_x, 1));
    assert_eq!(app.reader.as_ref().unwrap().focus, Side::Left);
    // In review mode the cursor goes to the group clicked, on whichever row of it.
    app.update(Action::Review);
    let r = app.reader.as_ref().unwrap();
    let (group, y0) = r.visible()[3];
    let y = 1 + y0 as u16 + 1;
    let g = *r.layout().geometry();
    app.update(Action::Click(g.right_x + 1, y));
    let r = app.reader.as_ref().unwrap();
    assert_eq!((r.cursor(), r.focus), (group, Side::Right));
    let buf = draw(&mut app, 120, 40);
    assert_eq!(buf[(g.divider_x, 1 + y0 as u16)].symbol(), "▌", "{}", screen(&buf));
    // The status line and the header are no group.
    app.update(Action::Click(g.left_x, 39));
    app.update(Action::Click(g.left_x, 0));
    assert_eq!(app.reader.as_ref().unwrap().cursor(), group);
    // Stacked: the side is the paragraph's, not the column's.
    let mut app = App::with_reader(fixed_pair());
    draw(&mut app, 60, 20);
    let r = app.reader.as_ref().unwrap();
    let band = r.band(r.current()).unwrap();
    app.update(Action::Click(5, 1 + band.left.len() as u16));
    assert_eq!(app.reader.as_ref().unwrap().focus, Side::Right);
}

/// The text of the cells drawn in the sentence style, row by row: `row y: left | right` (the
/// part before and after the pane divider, or the whole row when stacked).
fn lit(buf: &Buffer, divider: Option<u16>) -> String {
    let is_lit = |x: u16, y: u16| buf[(x, y)].bg == ratatui::style::Color::Cyan;
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        let mut parts = [String::new(), String::new()];
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            if is_lit(x, y) {
                let side = usize::from(divider.is_some_and(|d| x > d));
                parts[side].push_str(sym);
            }
            x += (wrap::width(sym) as u16).max(1);
        }
        if parts.iter().any(|p| !p.is_empty()) {
            out.push(format!("row {y:>2}: {} | {}", parts[0].trim_end(), parts[1].trim_end()));
        }
    }
    out.join("\n")
}

/// The first group of `uprising` (en over zh) with at least `l` sentences on the left and
/// `r` on the right.
fn group_with_sentences(reader: &Reader, l: usize, r: usize) -> usize {
    let count = |doc: &Document, ids: &[usize]| -> usize {
        ids.iter().map(|&i| diglot::segment::sentences(&doc.paragraphs[i].text).len()).sum()
    };
    let right = reader.right.as_ref().unwrap();
    (0..reader.groups().len())
        .find(|&g| {
            let gr = &reader.groups()[g];
            count(&reader.left, &gr.left) >= l && count(right, &gr.right) >= r
        })
        .unwrap()
}

#[test]
fn a_sentence_and_its_counterpart_are_highlighted() {
    let reader = uprising();
    let g = group_with_sentences(&reader, 3, 2);
    let mut app = App::with_reader(reader);
    for (w, h, name) in [(120, 40, "120x40"), (60, 20, "60x20_stacked")] {
        app.update(Action::Resize(w, h));
        app.update(Action::GoTo(diglot::tui::prompt::Target::Group(g + 1)));
        for _ in 0..2 {
            app.update(Action::NextSentence);
        }
        let buf = draw(&mut app, w, h);
        let r = app.reader.as_ref().unwrap();
        let geom = *r.layout().geometry();
        assert_eq!(geom.mode, if w >= 80 { Mode::SideBySide } else { Mode::Stacked });
        let status = screen(&buf).lines().last().unwrap().to_string();
        assert!(status.contains("sentence 2/"), "{status}");
        let divider = (geom.mode == Mode::SideBySide).then_some(geom.divider_x);
        let lines = lit(&buf, divider);
        // Something is lit in both panes (the counterpart in the other), never on the divider
        // nor past a pane's edge.
        assert!(!lines.is_empty(), "nothing lit:\n{}", screen(&buf));
        for y in 0..h {
            for x in 0..w {
                if buf[(x, y)].bg != ratatui::style::Color::Cyan {
                    continue;
                }
                let (lo, hi) = match (geom.mode, divider) {
                    (Mode::SideBySide, Some(d)) if x < d => (geom.left_x, geom.left_x + geom.left_w),
                    (Mode::SideBySide, _) => (geom.right_x, geom.right_x + geom.right_w),
                    _ => (geom.left_x, geom.left_x + geom.left_w),
                };
                assert!(x >= lo && x < hi, "lit cell {x},{y} outside its pane {lo}..{hi}");
            }
        }
        insta::assert_snapshot!(format!("sentence_uprising_{name}"), format!("{}\n\n{lines}", screen(&buf)));
        app.update(Action::Cancel);
        assert!(app.reader.as_ref().unwrap().sentences().cursor().is_none());
        let buf = draw(&mut app, w, h);
        assert!(lit(&buf, divider).is_empty());
    }
}

#[test]
fn a_sentence_is_lit_in_review_mode_with_wide_characters() {
    // The Chinese side focused: wide characters lit whole, the English counterpart lit.
    let mut app = App::with_reader(fixed_pair());
    app.update(Action::Resize(120, 40));
    app.update(Action::Review);
    app.update(Action::Focus);
    for _ in 0..3 {
        app.update(Action::NextSentence);
    }
    let buf = draw(&mut app, 120, 40);
    let geom = *app.reader.as_ref().unwrap().layout().geometry();
    let lines = lit(&buf, Some(geom.divider_x));
    assert!(lines.lines().any(|l| !l.ends_with("| ")), "nothing lit on the right:\n{lines}");
    assert!(lines.lines().any(|l| !l.contains(":  |")), "nothing lit on the left:\n{lines}");
    let status = screen(&buf).lines().last().unwrap().to_string();
    assert!(status.contains("REVIEW") && status.contains("sentence "), "{status}");
    // No wide character is cut: a lit lead cell is never followed by a lit cell of another
    // character in its continuation column.
    for y in 0..40 {
        let mut x = geom.right_x;
        while x < geom.right_x + geom.right_w {
            let sym = buf[(x, y)].symbol();
            let cw = (wrap::width(sym) as u16).max(1);
            assert!(x + cw <= geom.right_x + geom.right_w, "{sym:?} at {x},{y} overflows the pane");
            x += cw;
        }
    }
}
