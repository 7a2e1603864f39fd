//! The reader: two (or three) row-synced panes, section jumps, search, and review mode.
//!
//! Modelled on the ratatui templates: [`app`] holds the state and its pure `update`,
//! [`keys`] turns terminal events into actions (one table, which also feeds the help overlay),
//! [`layout`] wraps each aligned group into a band of rows (pure, cached per width), and
//! [`view`] draws the visible part of it. [`run`] is the loop that ties them to a terminal.

pub mod action;
pub mod aligning;
pub mod app;
pub mod keys;
pub mod layout;
pub mod library;
pub mod memory;
pub mod open;
pub mod overlay;
pub mod paint;
pub mod prompt;
pub mod search;
pub mod sentences;
pub mod shown;
pub mod signals;
pub mod terminal;
pub mod three;
pub mod toc;
pub mod view;
pub mod wrap;

use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use crossterm::event;
use ratatui::DefaultTerminal;

use crate::document::Lang;
use crate::error::{Error, Result};
use crate::works::Library;

use app::{Action, App, Reader, Request, Source};
use layout::Side;
use memory::Memory;

/// What the reader opens on.
pub enum Start {
    /// The list of works.
    Library,
    /// A text pair already loaded.
    Reader(Box<Reader>),
}

/// The key under which a reader's position is remembered.
pub fn memory_key(r: &Reader) -> String {
    let what = match &r.source {
        Source::Work { id, .. } => id.clone(),
        Source::Files { left, right, .. } => {
            let abs = |p: &str| std::fs::canonicalize(p).map_or(p.to_string(), |a| a.display().to_string());
            match right {
                Some(rt) if rt != left => format!("{} + {}", abs(left), abs(rt)),
                _ => abs(left),
            }
        }
    };
    let (l, rt) = r.langs();
    memory::key(&what, l, rt)
}

/// The key of a pair's recovery file: the pair whichever way round it is shown (a reader
/// swapped with `s` before it was killed is offered back its edits however it is reopened).
pub fn recovery_key(r: &Reader) -> String {
    let abs = |p: &str| std::fs::canonicalize(p).map_or(p.to_string(), |a| a.display().to_string());
    let (l, rt) = r.langs();
    let rt = rt.unwrap_or(Lang::UND);
    let mut sides = match &r.source {
        Source::Work { id, .. } => vec![(l, id.clone()), (rt, id.clone())],
        Source::Files { left, right, .. } => {
            vec![(l, abs(left)), (rt, abs(right.as_deref().unwrap_or(left)))]
        }
    };
    sides.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
    let what = if sides[0].1 == sides[1].1 {
        sides[0].1.clone()
    } else {
        format!("{} + {}", sides[0].1, sides[1].1)
    };
    memory::key(&what, sides[0].0, Some(sides[1].0))
}

/// Puts the reader where it was left, and finds the unsaved edits of a reader of the same
/// pair that was killed, to offer them back.
pub fn restore_position(memory: &Memory, r: &mut Reader) {
    if let Some(p) = memory.get(&memory_key(r)) {
        r.goto_paragraph(Side::Left, p);
    }
    if r.right.is_some() {
        r.recovery = crate::dirs::state_dir().and_then(|d| crate::store::read_recovery(&d, &recovery_key(r)));
    }
}

/// What the loop keeps ready for a signal: the recovery file of the open reader's unsaved
/// edits, remade when they change (`last`: the pair and review version it was made for).
fn keep_recovery(app: &App, guard: &signals::Guard, last: &mut Option<(String, u64)>) {
    let dirty = app.reader.as_ref().filter(|r| r.is_dirty());
    let (Some(r), Some(dir)) = (dirty, crate::dirs::state_dir()) else {
        if last.take().is_some() {
            guard.keep(None);
        }
        return;
    };
    let Some(rm) = r.review() else { return };
    let now = (recovery_key(r), rm.review.version());
    if last.as_ref() == Some(&now) {
        return;
    }
    let bytes = crate::store::recovery_bytes(&now.0, rm.review.alignment(), crate::store::now());
    guard.keep(Some((crate::store::recovery_path(&dir, &now.0), bytes)));
    *last = Some(now);
}

fn save_position(memory: &mut Memory, r: &Reader) -> Option<String> {
    let p = r.position(Side::Left)?;
    memory.set(&memory_key(r), p).err().map(|e| format!("could not remember the position: {e}"))
}

/// Runs the reader until the user quits. The terminal is always given back.
pub fn run(lib: &Library, start: Start) -> Result<()> {
    let mut memory = Memory::load();
    let mut app = match start {
        Start::Library => App::with_library(library::entries(lib)),
        Start::Reader(mut r) => {
            restore_position(&memory, &mut r);
            App::with_reader(*r)
        }
    };
    let mut terminal = terminal::init()?;
    // Only once the terminal is ours: its watchdog takes a missing terminal for a hangup.
    let guard = signals::Guard::install().map_err(|e| {
        terminal::restore();
        Error::Terminal(format!("cannot catch signals: {e}"))
    })?;
    let result = event_loop(&mut terminal, &mut app, lib, &mut memory, &guard);
    // A signal also ends the loop when it broke the terminal (SIGHUP): the read then fails.
    if let Some(sig) = guard.caught() {
        let kept = guard.write_pending();
        if let Some(r) = &app.reader {
            let _ = save_position(&mut memory, r);
        }
        terminal::restore();
        if let Some(p) = kept {
            eprintln!("diglot: stopped by signal {sig}; the unsaved edits are kept in {}", p.display());
        }
        std::process::exit(128 + sig);
    }
    terminal::restore();
    let warning = result?;
    if let Some(w) = warning {
        eprintln!("diglot: {w}");
    }
    Ok(())
}

fn io(e: std::io::Error) -> Error {
    Error::Terminal(format!("terminal: {e}"))
}

/// How often the loop looks at the aligning thread's messages while one runs.
const TICK: Duration = Duration::from_millis(100);

/// Starts aligning the open reader's texts, and its third pane's with the shared one, when
/// it waits for an alignment no thread makes yet; `started` are the jobs started.
fn start_aligning(app: &App, started: &mut Vec<u64>, tx: &Sender<aligning::Event>) {
    let Some(r) = &app.reader else { return };
    for (p, left, right) in r.jobs() {
        if !started.contains(&p.job) {
            started.push(p.job);
            aligning::spawn(
                p.job,
                left.clone(),
                right.clone(),
                p.options.clone(),
                p.cache.clone(),
                tx.clone(),
            );
        }
    }
}

/// Returns a warning to print once the terminal is back.
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    lib: &Library,
    memory: &mut Memory,
    guard: &signals::Guard,
) -> Result<Option<String>> {
    let size = terminal.size().map_err(io)?;
    app.update(Action::Resize(size.width, size.height));
    let mut warning = None;
    let (tx, rx) = mpsc::channel();
    let mut started = Vec::new();
    let mut redraw = true;
    let mut kept = None;
    loop {
        if guard.caught().is_some() {
            return Ok(warning);
        }
        keep_recovery(app, guard, &mut kept);
        start_aligning(app, &mut started, &tx);
        for ev in rx.try_iter() {
            redraw |= app.alignment_event(ev);
        }
        if redraw {
            // Terminals that support it show the frame at once, never half drawn.
            let _ = crossterm::execute!(std::io::stdout(), crossterm::terminal::BeginSynchronizedUpdate);
            let drawn = terminal.draw(|f| view::draw(app, f)).map(drop);
            let _ = crossterm::execute!(std::io::stdout(), crossterm::terminal::EndSynchronizedUpdate);
            drawn.map_err(io)?;
        }
        // Wake up now and then for the aligning thread's messages and for signals.
        if !event::poll(TICK).map_err(io)? {
            redraw = false;
            continue;
        }
        redraw = true;
        let mut events = vec![event::read().map_err(io)?];
        // Handle a burst (a held key, a resize drag, the wheel) before drawing again.
        while events.len() < 64 && event::poll(Duration::ZERO).map_err(io)? {
            events.push(event::read().map_err(io)?);
        }
        for ev in events {
            let Some(action) = keys::event_action(app.context(), &ev) else { continue };
            let Some(request) = app.update(action) else { continue };
            if carry_out(request, app, lib, memory, &mut warning) {
                return Ok(warning);
            }
        }
    }
}

/// Does what the update asked for; true when it is time to quit.
fn carry_out(
    request: Request,
    app: &mut App,
    lib: &Library,
    memory: &mut Memory,
    warning: &mut Option<String>,
) -> bool {
    if let Some(r) = &app.reader
        && matches!(request, Request::Quit | Request::CloseReader | Request::ChangeLangs { .. })
    {
        *warning = save_position(memory, r).or(warning.take());
    }
    match request {
        Request::Quit => return true,
        Request::CloseReader => {
            // The library's verified shares may have changed with a save.
            let saved = app.reader.as_ref().is_some_and(|r| r.review().is_some());
            app.reader = None;
            if app.library.is_empty() || saved {
                app.library = library::entries(lib);
            }
        }
        Request::Open(id) => match open::open_work(lib, &id, None, None) {
            Ok(mut r) => {
                restore_position(memory, &mut r);
                app.open(r);
            }
            Err(e) => app.set_message(e.to_string()),
        },
        Request::ChangeLangs { left, right, third, keep } => {
            change_langs(app, lib, [left, right], third, keep)
        }
        Request::DropRecovery => {
            if let (Some(r), Some(dir)) = (&app.reader, crate::dirs::state_dir()) {
                crate::store::discard_recovery(&dir, &recovery_key(r));
            }
        }
        Request::Save { then } => {
            let Some(r) = &mut app.reader else { return false };
            match app::save_review(r) {
                Ok(m) => {
                    app.set_message(m);
                    if let Some(then) = then {
                        return carry_out(*then, app, lib, memory, warning);
                    }
                }
                Err(e) => app.set_message(format!("not saved: {e}")),
            }
        }
    }
    false
}

fn change_langs(
    app: &mut App,
    lib: &Library,
    [left, right]: [Lang; 2],
    third: Option<(Lang, Side)>,
    keep: Side,
) {
    let Some(old) = &app.reader else { return };
    let at = old.position(keep);
    let search = old.search().cloned();
    let reviewing = old.review().is_some();
    let langs: Vec<Lang> = [Some(left), Some(right), third.map(|t| t.0)].into_iter().flatten().collect();
    let shared = third.map_or(Side::Left, |t| t.1);
    let opened = match &old.source {
        Source::Work { id, .. } => three::open_shared(lib, three::Texts::Work(id), &langs, shared),
        // A multi-language file: the same file, read the same way, in the other languages.
        Source::Files { left: file, .. } => {
            let one_per_line = old.readings.0.map(|r| r.one_per_line);
            let encoding = old.readings.0.and_then(|r| r.encoding);
            let path = std::path::Path::new(file);
            three::open_shared(lib, three::Texts::File { path, one_per_line, encoding }, &langs, shared)
        }
    };
    match opened {
        Ok(mut r) => {
            if let Some(p) = at {
                r.goto_paragraph(keep, p);
            }
            r.set_search(search);
            app.open(r);
            let mut m = langs.iter().map(Lang::to_string).collect::<Vec<_>>().join("│");
            // Review mode carries over to the new pair (its edits were saved: see `l`).
            if reviewing && let Some(r) = &mut app.reader {
                m = format!("{m}  {}", r.toggle_review());
            }
            if let Some(why) = app.reader.as_ref().and_then(Reader::three_panes_blocked) {
                m = format!("{m}  {why}");
            }
            app.set_message(m);
        }
        Err(e) => app.set_message(e.to_string()),
    }
}
