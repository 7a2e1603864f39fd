//! Draws the app: the library, or the reader's panes with their header and status line, then
//! the overlay on top (each overlay draws itself: [`super::overlay`]).
//!
//! Only the rows on screen are drawn, straight into the buffer, so a frame costs the same for
//! a short text and a 30,000-group one. Colours are the terminal's own (default foreground,
//! the 16 named colours, bold/italic/dim), which themes keep readable on dark and light
//! backgrounds; the explicit pairs are black on yellow for search matches and black on cyan
//! for the sentence cursor's sentence and its counterparts.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::alignment::Status;
use crate::document::{Document, Lang};

use super::app::{App, GUTTER, Overlay, Reader, Source, text_rows};
use super::layout::{Mode, Row, Side};
use super::overlay;
use super::paint::{ACCENT, dim, fit, kind_style, put};
use super::prompt;
use super::search::Search;
use super::sentences::{self, Highlight};
use super::wrap;

const BAR_FOCUS: &str = "▌";
const BAR_PARTNER: &str = "▎";
const DIVIDER: &str = "│";
const EMPTY_MARK: &str = "╌╌╌";

fn match_style() -> Style {
    Style::new().fg(Color::Black).bg(Color::Yellow)
}

/// The name of a language in itself, for the pane headers.
pub fn lang_name(lang: Lang) -> &'static str {
    match lang.as_str() {
        "en" => "English",
        "zh" => "中文",
        "ja" => "日本語",
        "ko" => "한국어",
        "es" => "Español",
        "ru" => "Русский",
        "pt" => "Português",
        "fr" => "Français",
        "de" => "Deutsch",
        "it" => "Italiano",
        "uk" => "Українська",
        "kk" => "Қазақша",
        "ar" => "العربية",
        _ => "",
    }
}

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let cursor = render(app, area, frame.buffer_mut());
    if let Some(p) = cursor {
        frame.set_cursor_position(p);
    }
}

/// Draws into a buffer (what [`draw`] does, without a terminal); returns where the cursor
/// goes when the search prompt is open.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let mut cursor = None;
    match &app.reader {
        Some(r) => {
            // While a search is typed, its matches are highlighted already (as vim's incsearch).
            let typed = match &app.overlay {
                Overlay::Prompt(p) if p.kind == prompt::Kind::Search && !p.input.is_empty() => {
                    Some(Search::new(&p.input))
                }
                _ => None,
            };
            draw_reader(r, typed.as_ref().or(r.search()), area, buf);
            let status = Rect { y: area.bottom() - 1, height: 1, ..area };
            cursor = draw_status(app, r, status, buf);
        }
        None => draw_library(app, area, buf),
    }
    match &app.overlay {
        Overlay::Help { scroll } => overlay::help::draw(app.reader.is_some(), *scroll, area, buf),
        Overlay::Toc { selected } => {
            if let Some(r) = &app.reader {
                let current = r.current_section().map(|s| s.group);
                overlay::contents::draw(r.sections(), current, *selected, area, buf);
            }
        }
        Overlay::Prompt(_) | Overlay::Confirm { .. } | Overlay::None => {}
    }
    cursor
}

fn draw_reader(r: &Reader, search: Option<&Search>, area: Rect, buf: &mut Buffer) {
    let layout = r.layout();
    let geom = *layout.geometry();
    let has_header = area.height >= 4;
    let rows = text_rows(area.height).min(usize::from(area.height.saturating_sub(1)).max(1));
    let body_y = area.y + u16::from(has_header);
    if has_header {
        draw_header(r, area, buf);
    }
    let current = r.cursor();
    let search = search.filter(|s| !s.is_empty());
    if geom.mode == Mode::SideBySide {
        for y in 0..rows as u16 {
            put(buf, geom.divider_x, body_y + y, DIVIDER, 1, dim());
            if geom.has_third() {
                put(buf, geom.divider2_x, body_y + y, DIVIDER, 1, dim());
            }
        }
    }
    let (left, right) = (r.shown(Side::Left).map(|s| &s.doc), r.shown(Side::Right).map(|s| &s.doc));
    let third = r.shown_third().map(|s| &s.doc).filter(|_| geom.has_third());
    // Which pane has the focus: the left, the right, or (neither) the third.
    let focused = |side: Side| !r.third_focus && r.focus == side;
    let mut last_drawn = None;
    let lit = r.sentences().highlights();
    for (g, y0) in r.visible() {
        let Some(band) = r.band(g) else { continue };
        let lit = lit.as_ref().filter(|h| h.group == g);
        let is_current = g == current;
        let content = band.height() - super::layout::GAP;
        if y0 + content as isize > 0 && y0 < rows as isize {
            draw_gutter(r, g, is_current, geom.left_x, body_y + y0.max(0) as u16, buf);
        }
        for row in 0..band.height() {
            let y = y0 + row as isize;
            if y < 0 {
                continue;
            }
            if y >= rows as isize {
                break;
            }
            let sy = body_y + y as u16;
            match geom.mode {
                Mode::SideBySide => {
                    let divider = |focus: bool| {
                        if is_current && row < content {
                            let bar = if focus { BAR_FOCUS } else { BAR_PARTNER };
                            (bar, Style::new().fg(ACCENT))
                        } else {
                            (DIVIDER, dim())
                        }
                    };
                    let (bar, style) = divider(focused(Side::Right));
                    put(buf, geom.divider_x, sy, bar, 1, style);
                    if is_current && row < content {
                        let bar = if focused(Side::Left) { BAR_FOCUS } else { BAR_PARTNER };
                        put(buf, area.x, sy, bar, 1, Style::new().fg(ACCENT));
                    }
                    if let Some(doc) = third {
                        let (bar, style) = divider(r.third_focus);
                        put(buf, geom.divider2_x, sy, bar, 1, style);
                        if let Some(row) = band.third.get(row) {
                            // The sentence cursor's counterparts there, through the shared pane.
                            let marks = Marks { search, lit, side: Side::Right, third: true };
                            draw_row(buf, geom.third_x, sy, geom.third_w, doc, row, marks);
                        }
                    }
                    if let (Some(row), Some(doc)) = (band.left.get(row), left) {
                        let marks = Marks { search, lit, side: Side::Left, third: false };
                        draw_row(buf, geom.left_x, sy, geom.left_w, doc, row, marks);
                    }
                    if let (Some(row), Some(doc)) = (band.right.get(row), right) {
                        let marks = Marks { search, lit, side: Side::Right, third: false };
                        draw_row(buf, geom.right_x, sy, geom.right_w, doc, row, marks);
                    }
                }
                Mode::Stacked | Mode::Single => {
                    let Some((side, row)) = band.stacked_row(row) else { continue };
                    let doc = if side == Side::Left { left } else { right };
                    if is_current && geom.mode == Mode::Stacked {
                        let bar = if side == r.focus { BAR_FOCUS } else { BAR_PARTNER };
                        put(buf, area.x, sy, bar, 1, Style::new().fg(ACCENT));
                    } else if is_current {
                        put(buf, area.x, sy, BAR_FOCUS, 1, Style::new().fg(ACCENT));
                    } else if side == Side::Right {
                        put(buf, area.x, sy, DIVIDER, 1, dim());
                    }
                    if let Some(doc) = doc {
                        draw_row(
                            buf,
                            geom.left_x,
                            sy,
                            geom.left_w,
                            doc,
                            row,
                            Marks { search, lit, side, third: false },
                        );
                    }
                }
            }
        }
        last_drawn = Some((g, y0 + band.height() as isize));
    }
    // Mark the end of the text, so a short last screen does not look cut off.
    if let Some((g, y)) = last_drawn
        && g + 1 == r.groups().len()
        && y >= 1
        && y <= rows as isize
    {
        put(buf, geom.left_x, body_y + (y - 1) as u16, "(end)", usize::from(geom.left_w), dim());
    }
}

/// Review mode's marks for group `g` at row `y`: `✓` verified, `!` flagged (not 1-1, or less
/// confident than the threshold, and not verified), then the confidence (`.93`).
fn draw_gutter(r: &Reader, g: usize, is_current: bool, left_x: u16, y: u16, buf: &mut Buffer) {
    let Some(rm) = r.review() else { return };
    let Some(group) = r.groups().get(g) else { return };
    let x = left_x.saturating_sub(GUTTER);
    let (mark, style) = if group.status == Status::Verified {
        ("✓", Style::new().fg(Color::Green))
    } else if rm.review.is_flagged(g) {
        ("!", Style::new().fg(Color::Red).add_modifier(Modifier::BOLD))
    } else {
        (" ", dim())
    };
    let conf_style =
        if is_current { style.remove_modifier(Modifier::DIM).add_modifier(Modifier::BOLD) } else { style };
    put(buf, x, y, mark, 1, style.remove_modifier(Modifier::DIM));
    put(buf, x + 1, y, &confidence(group.confidence), 3, conf_style);
}

/// A confidence in three columns: `.93`, `1.0`.
pub fn confidence(c: f32) -> String {
    let pct = (c.clamp(0.0, 1.0) * 100.0).round() as u32;
    if pct >= 100 { "1.0".into() } else { format!(".{pct:02}") }
}

fn draw_header(r: &Reader, area: Rect, buf: &mut Buffer) {
    let geom = *r.layout().geometry();
    let head = |side: Option<Side>, focused: bool| {
        let shown = match side {
            Some(side) => r.shown(side),
            None => r.shown_third(),
        };
        let Some(shown) = shown else { return Vec::new() };
        // A mixed document names its languages (`en+zh English+中文`).
        let names: Vec<&str> = shown.langs.iter().map(|l| lang_name(*l)).collect();
        let name = if names.iter().any(|n| n.is_empty()) { String::new() } else { names.join("+") };
        let style = if focused {
            Style::new().fg(ACCENT).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        };
        let mut spans = vec![Span::styled(shown.label(), style)];
        if !name.is_empty() {
            spans.push(Span::styled(format!(" {name}"), dim()));
        }
        spans
    };
    let y = area.y;
    match (geom.mode, &r.right) {
        (Mode::SideBySide, Some(_)) => {
            let focused = |side: Side| !r.third_focus && r.focus == side;
            buf.set_line(
                geom.left_x,
                y,
                &Line::from(head(Some(Side::Left), focused(Side::Left))),
                geom.left_w,
            );
            put(buf, geom.divider_x, y, DIVIDER, 1, dim());
            buf.set_line(
                geom.right_x,
                y,
                &Line::from(head(Some(Side::Right), focused(Side::Right))),
                geom.right_w,
            );
            if geom.has_third() {
                put(buf, geom.divider2_x, y, DIVIDER, 1, dim());
                buf.set_line(geom.third_x, y, &Line::from(head(None, r.third_focus)), geom.third_w);
            }
        }
        (_, Some(_)) => {
            let mut spans = head(Some(Side::Left), r.focus == Side::Left);
            spans.push(Span::styled(" over ", dim()));
            spans.extend(head(Some(Side::Right), r.focus == Side::Right));
            if area.width < 40 {
                // Codes only: the names would not fit.
                spans.retain(|s| !s.content.starts_with(' ') || s.content == " over ");
            }
            buf.set_line(geom.left_x, y, &Line::from(spans), geom.left_w);
        }
        (_, None) => {
            let title = match &r.source {
                Source::Work { title, .. } => title.clone(),
                Source::Files { left, .. } => left.clone(),
            };
            let mut spans = head(Some(Side::Left), true);
            spans.push(Span::styled(format!("  {title}"), dim()));
            buf.set_line(geom.left_x, y, &Line::from(spans), geom.left_w);
        }
    }
}

/// What a row draws highlighted: search matches, and the sentence cursor's sentence and its
/// counterparts when the row's group has them.
#[derive(Clone, Copy)]
struct Marks<'a> {
    search: Option<&'a Search>,
    lit: Option<&'a Highlight>,
    side: Side,
    /// The row is the third pane's (whose counterparts `lit` holds apart).
    third: bool,
}

fn draw_row(buf: &mut Buffer, x: u16, y: u16, w: u16, doc: &Document, row: &Row, marks: Marks<'_>) {
    match row {
        Row::Blank => {}
        Row::Empty => {
            let mut end = put(buf, x, y, EMPTY_MARK, usize::from(w), dim());
            if w >= 20 {
                end = put(buf, end, y, " no counterpart", usize::from(w) - wrap::width(EMPTY_MARK), dim());
            }
            let _ = end;
        }
        Row::Text { para, start, end } => {
            let Some(p) = doc.paragraphs.get(*para) else { return };
            let (start, end) = (*start as usize, *end as usize);
            let Some(line) = p.text.get(start..end) else { return };
            let base = kind_style(p.kind);
            let on_row = |r: &std::ops::Range<usize>| r.end > start && r.start < end;
            let matches: Vec<_> = marks
                .search
                .map(|s| s.find(&p.text))
                .unwrap_or_default()
                .into_iter()
                .filter(on_row)
                .collect();
            let lit: Vec<_> = match (marks.lit, marks.third) {
                (Some(h), false) => h.of(marks.side, *para).filter(on_row).collect(),
                (Some(h), true) => h.of_third(*para).filter(on_row).collect(),
                (None, _) => Vec::new(),
            };
            if matches.is_empty() && lit.is_empty() {
                put(buf, x, y, line, usize::from(w), base);
                return;
            }
            // Cut the line where any highlight starts or ends (all on character boundaries, so
            // no wide character is split); a match shows over a lit sentence.
            let mut cuts = vec![start, end];
            cuts.extend(
                matches.iter().chain(&lit).flat_map(|r| [r.start, r.end]).filter(|&b| b > start && b < end),
            );
            cuts.sort_unstable();
            cuts.dedup();
            let inside =
                |rs: &[std::ops::Range<usize>], a: usize| rs.iter().any(|r| r.start <= a && a < r.end);
            let spans: Vec<Span> = cuts
                .windows(2)
                .map(|c| {
                    let mut style = base;
                    if inside(&lit, c[0]) {
                        style = style.patch(sentences::style());
                    }
                    if inside(&matches, c[0]) {
                        style = style.patch(match_style());
                    }
                    Span::styled(&p.text[c[0]..c[1]], style)
                })
                .collect();
            buf.set_line(x, y, &Line::from(spans), w);
        }
    }
}

/// The status line's parts, most important first: position, work and languages, the
/// group's confidence, the section.
struct StatusParts {
    position: String,
    work: String,
    confidence: String,
    section: String,
    /// Review mode's counts (flagged, verified, unsaved), or how far the alignment is.
    review: String,
    /// What stays on the status line whatever else goes: `REVIEW` and `[+] unsaved`, or
    /// how far the alignment is.
    markers: String,
}

/// Where the reader is, as the status line says it: the group the keys act on (`i` of `i/N`,
/// 1-based), the percent of the text up to and including it (`i * 100 / N`, so 100 % is the
/// last group and nothing else), and whether the end of the text is on screen (` end`).
pub fn position(r: &Reader) -> (usize, usize, bool) {
    let n = r.groups().len();
    let i = (r.cursor() + 1).min(n);
    (i, i * 100 / n.max(1), r.at_end())
}

/// `aligning ko 42 %` while the third pane's pair is being aligned (and the pane is wanted).
fn third_aligning(r: &Reader) -> String {
    match r.third().filter(|t| t.on).and_then(|t| t.pending().map(|p| (t.lang(), p.progress))) {
        Some((lang, progress)) => format!("aligning {lang} {:.0} %", progress * 100.0),
        None => String::new(),
    }
}

fn status_parts(r: &Reader) -> StatusParts {
    let n = r.groups().len();
    let g = r.cursor();
    let work = match &r.source {
        Source::Work { id, .. } => id.clone(),
        Source::Files { left, right, .. } => {
            let base = |p: &str| {
                std::path::Path::new(p)
                    .file_name()
                    .map_or(p.to_string(), |f| f.to_string_lossy().into_owned())
            };
            match right {
                Some(rt) if rt != left => format!("{} + {}", base(left), base(rt)),
                _ => base(left),
            }
        }
    };
    let langs = match (r.langs(), r.shown_third()) {
        ((l, Some(rt)), Some(t)) => format!("{l}│{rt}│{}", t.doc.lang),
        ((l, Some(rt)), None) => format!("{l}│{rt}"),
        ((l, None), _) => l.to_string(),
    };
    let (i, pct, end) = position(r);
    let confidence = match r.groups().get(g) {
        _ if r.pending().is_some() => String::new(),
        Some(gr) if !r.is_single() => {
            let status = if gr.status == Status::Verified { "verified" } else { "auto" };
            format!("conf {:.2} {status}", gr.confidence)
        }
        _ => String::new(),
    };
    let section = match r.current_section() {
        Some(s) => format!("§ {}{}", s.number.map(|k| format!("{k}. ")).unwrap_or_default(), s.title),
        None => String::new(),
    };
    let review = match (r.review(), r.pending()) {
        // Said first and kept longest: until it is done, what shows is no alignment.
        (_, Some(p)) => format!("aligning {:.0} %  provisional", p.progress * 100.0),
        (Some(rm), _) => format!(
            "REVIEW  {} flagged  ✓ {}/{n}{}",
            rm.review.flagged_count(),
            rm.review.verified_count(),
            if rm.review.is_dirty() { "  [+] unsaved" } else { "" }
        ),
        (None, None) => third_aligning(r),
    };
    let markers = match (r.review(), r.pending()) {
        (_, Some(p)) => format!("aligning {:.0} %", p.progress * 100.0),
        (Some(rm), _) if rm.review.is_dirty() => "REVIEW  [+] unsaved".to_string(),
        (Some(_), _) => "REVIEW".to_string(),
        (None, None) => third_aligning(r),
    };
    StatusParts {
        review,
        markers,
        position: format!(
            "{i}/{n} {pct}%{}{}",
            if end { " end" } else { "" },
            r.sentences().position().map(|(k, n)| format!("  sentence {k}/{n}")).unwrap_or_default()
        ),
        work: format!("{work}  {langs}"),
        confidence,
        section,
    }
}

/// The status line; returns the cursor position when the search prompt is open.
fn draw_status(app: &App, r: &Reader, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let bar = Style::new().add_modifier(Modifier::REVERSED);
    buf.set_style(area, bar);
    let w = usize::from(area.width);
    if let Overlay::Prompt(p) = &app.overlay {
        return Some(p.draw(area, buf));
    }
    if let Overlay::Confirm { .. } = &app.overlay {
        put(
            buf,
            area.x,
            area.y,
            &format!(" {}", super::app::CONFIRM_PROMPT),
            w,
            bar.add_modifier(Modifier::BOLD),
        );
        return None;
    }
    let p = status_parts(r);
    let message = match (&app.message, app.count) {
        // A count being typed says what it will do, as vim's showcmd does.
        (_, Some(n)) => Some(format!("{n}  G: group {n} · %: {n} % · Esc: cancel")),
        (Some(m), None) => Some(m.clone()),
        (None, None) => None,
    };
    let full_left = if p.review.is_empty() {
        format!(" {}  {}", p.work, p.position)
    } else {
        format!(" {}  {}  {}", p.review, p.work, p.position)
    };
    // The left part, fullest first. The markers (REVIEW, [+] unsaved, how far the alignment
    // is) are in every one but the last: they go only when they alone do not fit.
    let mut variants = vec![full_left.clone()];
    if !p.review.is_empty() {
        variants.push(format!(" {}  {}", p.review, p.position));
    }
    if p.markers.is_empty() {
        variants.push(format!(" {}", p.position));
    } else {
        variants.push(format!(" {}  {}", p.markers, p.position));
        variants.push(format!(" {}", p.markers));
    }
    variants.push(String::new());
    let room = |l: &str| w.saturating_sub(wrap::width(l) + 2);
    let (left, right) = match message {
        Some(m) => {
            let mw = wrap::width(&m) + 1;
            // The fullest left part that leaves the whole message room; else the markers and
            // the position, or the markers alone, and the message cut to what is left.
            let n = variants.len();
            let essential = if p.markers.is_empty() { n - 2..n } else { n - 3..n - 1 };
            let left = variants
                .iter()
                .find(|l| room(l) >= mw)
                .or_else(|| variants[essential].iter().find(|l| room(l) >= mw.min(12)))
                .or_else(|| variants.iter().rev().nth(1).filter(|l| wrap::width(l) <= w))
                .cloned()
                .unwrap_or_default();
            let right = match room(&left) {
                0..=1 => String::new(),
                r => format!("{} ", fit(&m, r - 1)),
            };
            (left, right)
        }
        None => {
            // Drop what matters least until the rest fits: help hint and confidence, then the
            // work.
            let hint =
                if w >= 100 { format!("{}  ? help ", p.confidence) } else { format!("{} ", p.confidence) };
            let fits = |l: &str, r: &str| wrap::width(l) + wrap::width(r) + 2 <= w;
            if fits(&full_left, &hint) {
                (full_left.clone(), hint)
            } else {
                let left = variants.iter().find(|l| fits(l, "")).cloned().unwrap_or_default();
                (left, String::new())
            }
        }
    };
    let mut left = left;
    let rw = wrap::width(&right).min(w);
    let room = w.saturating_sub(rw + 2);
    if !p.section.is_empty() && left == full_left && p.review.is_empty() {
        let lw = wrap::width(&left) + 2;
        if room > lw + 4 {
            left = format!("{left}  {}", fit(&p.section, room - lw));
        }
    }
    put(buf, area.x, area.y, &left, room.max(wrap::width(&left).min(w)), bar);
    put(buf, area.x + (w - rw) as u16, area.y, &right, rw, bar);
    None
}

fn draw_library(app: &App, area: Rect, buf: &mut Buffer) {
    let w = usize::from(area.width);
    let title = Line::from(vec![
        Span::styled(" diglot", Style::new().fg(ACCENT).add_modifier(Modifier::BOLD)),
        Span::styled("  a text and its translation, side by side", dim()),
    ]);
    buf.set_line(area.x, area.y, &title, area.width);
    let status = Rect { y: area.bottom() - 1, height: 1, ..area };
    if area.height >= 2 {
        let bar = Style::new().add_modifier(Modifier::REVERSED);
        buf.set_style(status, bar);
        let text = match &app.message {
            Some(m) => format!(" {m}"),
            None => " Enter open · j/k move · ? help · q quit".to_string(),
        };
        put(buf, status.x, status.y, &text, w, bar);
    }
    let top = area.y + 2;
    let avail = area.height.saturating_sub(3);
    let per = 3u16;
    let fits = usize::from((avail / per).max(1));
    let first = app.selected.saturating_sub(fits - 1);
    for (i, e) in app.library.iter().enumerate().skip(first).take(fits) {
        let y = top + (i - first) as u16 * per;
        if y >= status.y {
            break;
        }
        let sel = i == app.selected;
        if sel {
            put(buf, area.x, y, BAR_FOCUS, 1, Style::new().fg(ACCENT));
            if y + 1 < status.y {
                put(buf, area.x, y + 1, BAR_FOCUS, 1, Style::new().fg(ACCENT));
            }
        }
        let ts = if sel {
            Style::new().fg(ACCENT).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        };
        put(buf, area.x + 2, y, &e.title, w.saturating_sub(3), ts);
        if y + 1 >= status.y {
            break;
        }
        let mut spans =
            vec![Span::styled(e.id.clone(), Style::new().add_modifier(Modifier::BOLD)), Span::raw("  ")];
        for (k, (lang, n)) in e.langs.iter().enumerate() {
            if k > 0 {
                spans.push(Span::styled(" · ", dim()));
            }
            spans.push(Span::raw(lang.to_string()));
            if let Some(n) = n {
                spans.push(Span::styled(format!(" {n}¶"), dim()));
            }
        }
        let note = match (e.single, e.verified) {
            (true, _) => "  one pane".to_string(),
            (false, Some(v)) => format!("  {:.0}% verified", v * 100.0),
            (false, None) => "  not yet aligned: aligned when opened".to_string(),
        };
        spans.push(Span::styled(note, dim()));
        buf.set_line(area.x + 2, y + 1, &Line::from(spans), area.width.saturating_sub(3));
    }
}
