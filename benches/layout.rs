//! The reader's speed figures (issue: Read). Targets: laying out a 30,000-group work at 200
//! columns under 200 ms; one frame of it under 1 ms (only the visible rows are drawn); the
//! first frame of each built-in work under 50 ms (loading, aligning and drawing included).
//!
//! Run with `cargo bench --bench layout`.
#![allow(clippy::unwrap_used)]

use diglot::alignment::Group;
use diglot::tui::app::{Action, App, Reader, Source};
use diglot::tui::layout::{Geometry, Layout};
use diglot::tui::{library, open, view};
use diglot::works::Library;
use diglot::{Document, Lang};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

const GROUPS: usize = 30_000;

/// A 30,000-group work made of the uprising texts' paragraphs, repeated.
fn big_reader() -> Reader {
    let lib = Library::load_from(None).unwrap();
    let en = lib.document("uprising", Lang::EN).unwrap();
    let zh = lib.document("uprising", Lang::ZH).unwrap();
    let grow = |d: &Document| Document {
        name: d.name.clone(),
        lang: d.lang,
        paragraphs: d.paragraphs.iter().cycle().take(GROUPS).cloned().collect(),
    };
    let (en, zh) = (grow(&en), grow(&zh));
    let groups = (0..GROUPS).map(|i| Group::new(vec![i], vec![i], 0.9)).collect();
    let source = Source::Work { id: "big".into(), title: "big".into(), langs: vec![Lang::EN, Lang::ZH] };
    Reader::new(source, en, Some(zh), groups, "bench")
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn layout_30k_groups_200_columns(b: Bencher) {
    let r = big_reader();
    let texts = r.texts();
    b.bench_local(|| {
        let layout = Layout::new(Geometry::new(200, true, false), GROUPS);
        layout.compute_all(&texts)
    });
}

fn big_app(w: u16, h: u16) -> (App, Terminal<TestBackend>) {
    let mut app = App::with_reader(big_reader());
    app.update(Action::Resize(w, h));
    (app, Terminal::new(TestBackend::new(w, h)).unwrap())
}

/// A frame of the 30,000-group work, its visible groups already laid out.
#[divan::bench]
fn frame_30k_groups_200x50(b: Bencher) {
    let (mut app, mut t) = big_app(200, 50);
    if let Some(r) = &mut app.reader {
        r.goto(GROUPS / 2);
    }
    t.draw(|f| view::draw(&app, f)).unwrap();
    b.bench_local(|| t.draw(|f| view::draw(&app, f)).unwrap().area);
}

/// A frame right after a jump to a part of the work not yet laid out.
#[divan::bench]
fn frame_after_a_jump_30k_groups_200x50(b: Bencher) {
    let (mut app, mut t) = big_app(200, 50);
    let mut at = 0;
    b.bench_local(|| {
        at = (at + 7_919) % GROUPS;
        if let Some(r) = &mut app.reader {
            r.goto(at);
        }
        t.draw(|f| view::draw(&app, f)).unwrap().area
    });
}

/// From nothing to the first frame of a built-in work: import, align (or load the stored
/// alignment), lay out and draw, at 120×40.
#[divan::bench(args = ["uprising", "rcit", "anarchists", "zhihu"], sample_count = 20)]
fn first_frame(b: Bencher, work: &str) {
    let lib = Library::load_from(None).unwrap();
    if let Err(e) = open::open_work(&lib, work, None, None) {
        eprintln!("note: {work} does not open yet ({e}); measuring nothing");
        return;
    }
    b.bench_local(|| {
        let r = open::open_work(&lib, work, None, None).unwrap();
        let mut app = App::with_reader(r);
        app.update(Action::Resize(120, 40));
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        t.draw(|f| view::draw(&app, f)).unwrap().area
    });
}

/// The library screen, every work's texts imported to count their paragraphs.
#[divan::bench(sample_count = 20)]
fn first_frame_library(b: Bencher) {
    b.bench_local(|| {
        let lib = Library::load_from(None).unwrap();
        let mut app = App::with_library(library::entries(&lib));
        app.update(Action::Resize(120, 40));
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        t.draw(|f| view::draw(&app, f)).unwrap().area
    });
}

/// For reference: the UAX #14 pass alone over the same text (the floor of any layout that
/// breaks lines by the Unicode rules).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn reference_uax14_pass_over_30k_groups(b: Bencher) {
    let r = big_reader();
    b.bench_local(|| {
        let mut n = 0;
        for d in [&r.left, r.right.as_ref().unwrap()] {
            for p in &d.paragraphs {
                n += unicode_linebreak::linebreaks(&p.text).count();
            }
        }
        n
    });
}

/// The same layout on one thread, as the reader does it lazily, group by group.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn layout_30k_groups_200_columns_one_thread(b: Bencher) {
    let r = big_reader();
    let texts = r.texts();
    b.bench_local(|| {
        let layout = Layout::new(Geometry::new(200, true, false), GROUPS);
        (0..GROUPS).map(|i| layout.height(&texts, i)).sum::<usize>()
    });
}
