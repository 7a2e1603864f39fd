//! Three panes drawn to ratatui's `TestBackend`: the RCIT statement in English, Russian and
//! Korean, row-synced at every width from 150 columns, the Korean never over its pane's edge,
//! and two panes below that.
#![allow(clippy::unwrap_used)]

mod common;

use common::screen::{cells, draw, screen};
use diglot::tui::app::{Action, App, Reader};
use diglot::tui::layout::{Row, Side};
use diglot::tui::{three, wrap};
use diglot::works::Library;
use diglot::{Document, Lang};
use ratatui::buffer::Buffer;

fn rcit(langs: &[Lang]) -> Reader {
    let lib = Library::load_from(None).unwrap();
    let mut r = three::open(&lib, three::Texts::Work("rcit"), langs).unwrap();
    // A first pair with nothing stored is aligned in the background in the reader.
    r.align_now();
    r
}

/// What must hold on any screen of three panes: each pane shows only its own text, the
/// columns around the dividers stay blank, no wide character hangs over a pane's last
/// column, and the three sides of every band start on the same row.
fn check_three(app: &App, buf: &Buffer) {
    let r = app.reader.as_ref().unwrap();
    let g = *r.layout().geometry();
    assert!(r.three_panes() && g.has_third());
    let rows = buf.area.height - 2;
    let docs: [&Document; 3] = [
        &r.shown(Side::Left).unwrap().doc,
        &r.shown(Side::Right).unwrap().doc,
        &r.shown_third().unwrap().doc,
    ];
    let panes = [(g.left_x, g.left_w), (g.right_x, g.right_w), (g.third_x, g.third_w)];
    let in_doc = |doc: &Document, s: &str| s.is_empty() || doc.paragraphs.iter().any(|p| p.text.contains(s));
    for y in 1..1 + rows {
        for (k, &(x0, w)) in panes.iter().enumerate() {
            let t = cells(buf, y, x0, x0 + w);
            let t = t.trim_end();
            assert!(in_doc(docs[k], t) || t.starts_with("╌╌╌") || t == "(end)", "pane {k} row {y}: {t:?}");
            assert!(wrap::width(buf[(x0 + w - 1, y)].symbol()) <= 1, "wide char cut, pane {k} row {y}");
        }
        for d in [g.divider_x, g.divider2_x] {
            assert_eq!(buf[(d - 1, y)].symbol(), " ", "gap left of divider {d}, row {y}");
            assert_eq!(buf[(d + 1, y)].symbol(), " ", "gap right of divider {d}, row {y}");
            assert!(["│", "▌", "▎"].contains(&buf[(d, y)].symbol()), "divider {d} row {y}");
        }
    }
    for (gi, y0) in r.visible() {
        if y0 < 0 || y0 as u16 >= rows {
            continue;
        }
        let band = r.band(gi).unwrap();
        let y = 1 + y0 as u16;
        for (k, row) in [&band.left[0], &band.right[0], &band.third[0]].into_iter().enumerate() {
            let (x0, w) = panes[k];
            let shown = cells(buf, y, x0, x0 + w);
            match row {
                Row::Text { para, .. } => {
                    let first: String = docs[k].paragraphs[*para].text.trim_start().chars().take(3).collect();
                    assert!(
                        shown.starts_with(&first),
                        "band {gi} pane {k} should start at row {y}: {shown:?}"
                    );
                }
                Row::Empty => assert!(shown.starts_with("╌╌╌")),
                Row::Blank => panic!("a band starts with a blank row"),
            }
        }
    }
}

#[test]
fn three_panes_and_the_fallback_to_two() {
    let mut app = App::with_reader(rcit(&[Lang::EN, Lang::RU, Lang::KO]));
    let buf = draw(&mut app, 180, 30);
    check_three(&app, &buf);
    insta::assert_snapshot!("rcit_three_panes_180x30", screen(&buf));
    app.update(Action::Down);
    app.update(Action::Down);
    let buf = draw(&mut app, 120, 30);
    let r = app.reader.as_ref().unwrap();
    assert!(!r.three_panes());
    insta::assert_snapshot!("rcit_three_panes_fallback_120x30", screen(&buf));
    let status = cells(&buf, 29, 0, 120);
    assert!(status.contains("three panes need 150 columns, this screen has 120"), "{status}");
    // Wide again: three panes, the same paragraph on top.
    let top = app.reader.as_ref().unwrap().position(Side::Left);
    let buf = draw(&mut app, 160, 30);
    check_three(&app, &buf);
    assert_eq!(app.reader.as_ref().unwrap().position(Side::Left), top);
    assert!(cells(&buf, 29, 0, 160).contains("en│ru│ko"));
}

#[test]
fn korean_never_overflows_at_any_width() {
    // Korean in each position, and a pair aligned now (ko–ru) beside a stored one (ko–en).
    for langs in
        [[Lang::EN, Lang::RU, Lang::KO], [Lang::KO, Lang::EN, Lang::RU], [Lang::RU, Lang::KO, Lang::EN]]
    {
        let mut app = App::with_reader(rcit(&langs));
        for w in [150, 151, 157, 163, 180, 199, 241] {
            for h in [12, 30, 60] {
                app.update(Action::Top);
                for _ in 0..3 {
                    let buf = draw(&mut app, w, h);
                    check_three(&app, &buf);
                    app.update(Action::PageDown);
                }
            }
        }
    }
}

#[test]
fn focus_search_and_sections_with_three_panes() {
    let mut app = App::with_reader(rcit(&[Lang::EN, Lang::RU, Lang::KO]));
    draw(&mut app, 180, 30);
    // Tab goes round the three; the focused pane's divider shows the bar.
    app.update(Action::Focus);
    app.update(Action::Focus);
    let buf = draw(&mut app, 180, 30);
    let g = *app.reader.as_ref().unwrap().layout().geometry();
    assert_eq!(buf[(g.divider2_x, 1)].symbol(), "▌", "{}", screen(&buf));
    assert_eq!(buf[(0, 1)].symbol(), "▎");
    // A click on a pane focuses it.
    app.update(Action::Click(g.right_x + 2, 1));
    assert!(!app.reader.as_ref().unwrap().third_focus);
    app.update(Action::Click(g.third_x + 2, 1));
    assert!(app.reader.as_ref().unwrap().third_focus);
    // Search finds Korean in the third pane, and highlights it there.
    app.update(Action::Search);
    for c in "카자흐스탄".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
    assert!(app.message.as_deref().is_some_and(|m| m.contains(": match ")), "{:?}", app.message);
    let buf = draw(&mut app, 180, 30);
    let lit = (1..29)
        .any(|y| (g.third_x..g.third_x + g.third_w).any(|x| buf[(x, y)].bg == ratatui::style::Color::Yellow));
    assert!(lit, "{}", screen(&buf));
    // Sections (the statement's numbered points) and go-to still work.
    app.update(Action::Section(3));
    let r = app.reader.as_ref().unwrap();
    assert!(r.current_section().is_some_and(|s| s.number == Some(3)), "{:?}", r.current_section());
    app.update(Action::GoTo(diglot::tui::prompt::Target::Group(4)));
    assert_eq!(app.reader.as_ref().unwrap().current(), 3);
    let status = cells(&draw(&mut app, 180, 30), 29, 0, 180);
    let n = app.reader.as_ref().unwrap().groups().len();
    assert!(status.contains(&format!("4/{n}")), "{status}");
}
