//! Review mode: the reader's keys for checking and fixing an alignment, on top of the pure
//! edit model in [`crate::review`].
//!
//! A review cursor (a group, highlighted) moves with `j`/`k` and the flag keys and is kept on
//! screen; the edits act on it and on the focused side. Every accepted edit is mirrored into
//! the reader's groups through [`Reader::replace_groups`], so only the groups that changed are
//! laid out again. Nothing here touches the disk: saving is a [`Request::Save`] that the loop
//! carries out with [`save_review`], which a test can call on its own.
//!
//! Unsaved edits are never lost without asking: leaving (`q`, Esc, Ctrl-C) asks first, and
//! what would replace the groups (other languages, leaving review mode) waits for a save.

use std::path::{Path, PathBuf};

use crate::alignment::Status;
use crate::document::Lang;
use crate::error::{Error, Result};
use crate::review::{Refusal, Review};
use crate::store::{self, Stamp};
use crate::tui::layout::GAP;

use super::{Action, App, Overlay, Reader, Request, Source};

/// Columns review mode's gutter takes left of the text: a status mark, the confidence, a space.
pub const GUTTER: u16 = 5;

/// What the status line says while leaving with unsaved edits is being confirmed.
pub const CONFIRM_PROMPT: &str = "unsaved edits: w save and quit, q quit without saving, Esc stay";

pub(super) const UNSAVED_LANGS: &str = "unsaved edits: w to save them first (or z to undo them)";

/// Where review mode saves, and which way round the file is.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveTarget {
    pub path: PathBuf,
    /// The language of the file's left side: when the reader shows the pair the other way
    /// round, the alignment is flipped before it is written, so a file keeps its orientation.
    pub left: Lang,
    /// What the file held when it was read or last saved (`None`: nothing, or a file that
    /// could not be loaded): a save compares the file with it to notice another's save.
    pub seen: Option<Stamp>,
    /// The last save was refused because the file changed on disk in a way the edits conflict
    /// with: the next `w` writes them beside it, to `{file}.changed`.
    pub refused: bool,
}

impl Default for SaveTarget {
    fn default() -> SaveTarget {
        SaveTarget { path: PathBuf::new(), left: Lang::UND, seen: None, refused: false }
    }
}

/// Where the alignment of two files read from the command line is kept:
/// `<dir>/<stem>.<l>-<r>.toml`, `dir` being the user's alignments directory and `<stem>` the
/// left file's name without its extension and without a trailing `.<l>` (`rcit.en.txt` →
/// `rcit`; standard input is `stdin`).
pub fn files_save_path(dir: &Path, left_file: &str, l: Lang, r: Lang) -> PathBuf {
    let stem = match left_file {
        crate::source::STDIN_NAME => "stdin".to_string(),
        _ => Path::new(left_file).file_stem().map_or("text".into(), |s| s.to_string_lossy().into_owned()),
    };
    let suffix = format!(".{l}");
    let stem = stem.strip_suffix(&suffix).filter(|s| !s.is_empty()).unwrap_or(&stem);
    dir.join(format!("{stem}.{l}-{r}.toml"))
}

/// The state of review mode.
#[derive(Debug)]
pub struct ReviewMode {
    pub review: Review,
    /// The alignment the edits started from (as read, or as last saved): the base a save
    /// merges on when the file changed on disk meanwhile.
    base: crate::alignment::Alignment,
    /// The group the edits act on (0-based), kept on screen.
    pub cursor: usize,
}

impl Reader {
    /// Where a reader made by [`Reader::new`] saves until told otherwise (the library tells
    /// it): the pair's file in the user's alignments directory ([`crate::dirs::data_dir`]).
    pub(super) fn with_default_target(mut self) -> Reader {
        let (l, r) = (self.left.lang, self.right.as_ref().map_or(Lang::UND, |d| d.lang));
        let dir =
            crate::dirs::data_dir().map_or_else(|| PathBuf::from("alignments"), |d| d.join("alignments"));
        let path = match &self.source {
            Source::Work { id, .. } => dir.join(crate::works::Library::alignment_file_name(id, l, r)),
            Source::Files { left, .. } => files_save_path(&dir, left, l, r),
        };
        self.save_target = SaveTarget { path, left: l, ..SaveTarget::default() };
        self
    }

    pub fn review(&self) -> Option<&ReviewMode> {
        self.review.as_ref()
    }

    /// Whether review mode has edits not saved yet.
    pub fn is_dirty(&self) -> bool {
        self.review.as_ref().is_some_and(|r| r.review.is_dirty())
    }

    /// The group the keys act on and the highlight marks: the review cursor, else the top one.
    pub fn cursor(&self) -> usize {
        self.review.as_ref().map_or(self.top, |r| r.cursor)
    }

    /// Turns review mode on or off; says how it went.
    pub fn toggle_review(&mut self) -> String {
        if self.review.is_some() {
            if self.is_dirty() {
                return "unsaved edits: w to save them before leaving review mode (or z to undo them)".into();
            }
            self.review = None;
            self.relayout();
            return match self.sync_panes() {
                Some(three) => format!("review mode off; {three}"),
                None => "review mode off".into(),
            };
        }
        if self.is_single() {
            return "review mode needs two panes: this text is in one language".into();
        }
        if let Some(p) = self.pending() {
            // Edits to provisional groups would be lost when the alignment replaces them.
            return format!("review mode waits for the alignment ({:.0} % done)", p.progress * 100.0);
        }
        let had_three = self.three_panes();
        if let Err(e) = self.start_review(self.top) {
            self.sync_panes();
            return e;
        }
        let mut m = match &self.review {
            Some(rm) => format!(
                "review: {} flagged, {} of {} verified; w saves to {}",
                rm.review.flagged_count(),
                rm.review.verified_count(),
                rm.review.len(),
                shown(&self.save_target.path)
            ),
            None => String::new(),
        };
        if let Some(s) = &self.stale {
            m = format!("{m}; {s}");
        }
        if had_three && let Some(two) = self.three_panes_blocked() {
            m = format!("{m}; {two}, the third comes back when review ends");
        }
        m
    }

    /// `R`: puts the edits of the recovery file back, in review mode, as one edit (undone by
    /// `z`, still to be saved). Refused while the pair is being aligned, and for edits made
    /// on the texts as they were before a change.
    pub(super) fn restore_recovery(&mut self) -> Result<String, String> {
        let Some(rec) = self.recovery.clone() else {
            return Err("no unsaved edits from an earlier reader to restore".into());
        };
        let when = crate::store::utc(rec.time);
        if let Some(p) = self.pending() {
            return Err(format!("restoring waits for the alignment ({:.0} % done)", p.progress * 100.0));
        }
        let now = self.alignment().ok_or("restoring needs two panes")?;
        let al =
            if rec.alignment.left.lang == now.left.lang { rec.alignment } else { rec.alignment.flipped() };
        let same = |a: &crate::alignment::SourceText, b: &crate::alignment::SourceText| {
            a.lang == b.lang && a.hash == b.hash && a.paragraphs == b.paragraphs
        };
        if !same(&al.left, &now.left) || !same(&al.right, &now.right) {
            return Err(format!(
                "the unsaved edits from {when} are of the texts as they were then, which changed since: not restored (X discards them)"
            ));
        }
        if self.review.is_none()
            && let Err(e) = self.start_review(self.top)
        {
            self.sync_panes();
            return Err(e);
        }
        let rm = self.review.as_mut().ok_or("review mode needs two panes")?;
        rm.review
            .replace_all(al.groups.clone(), format!("restore the unsaved edits from {when}"))
            .map_err(|r| r.0)?;
        let n = self.groups.len();
        self.replace_groups(0..n, al.groups);
        let c = self.cursor();
        self.show_group(c);
        self.recovery = None;
        Ok(format!("restored the unsaved edits from {when} (w saves)"))
    }

    /// (Re)starts review mode on the groups as they are, the cursor on group `at`.
    fn start_review(&mut self, at: usize) -> Result<(), String> {
        // Review edits the pair's own alignment: the bands of three panes give way to it.
        let at = if self.three_panes() {
            self.show_two();
            self.top
        } else {
            at
        };
        let al = self.alignment().ok_or("review mode needs two panes")?;
        let review = Review::new(al.clone()).map_err(|e| format!("cannot review this alignment: {e}"))?;
        let cursor = at.min(review.len().saturating_sub(1));
        self.review = Some(ReviewMode { review, cursor, base: al });
        self.relayout();
        self.show_group(cursor);
        Ok(())
    }

    /// Puts group `g` on screen with as little scrolling as possible; a group far away is put
    /// near the top, with the group before it above for context when both fit.
    pub fn show_group(&mut self, g: usize) {
        let Some(last) = self.groups.len().checked_sub(1) else { return };
        let g = g.min(last);
        let rows = self.rows as isize;
        let visible = self.visible();
        let h = (self.height(g) - GAP.min(self.height(g))) as isize;
        if let Some(&(_, y)) = visible.iter().find(|(x, _)| *x == g)
            && y >= 0
            && y + h <= rows
        {
            return;
        }
        let next_below = visible.last().map_or(self.top, |&(x, _)| x + 1);
        if g > self.top && g <= next_below && h < rows {
            // Just below (or cut at the bottom): scroll until its end shows.
            let mut acc = h as usize;
            let mut t = g;
            while t > 0 && acc + self.height(t - 1) <= self.rows {
                acc += self.height(t - 1);
                t -= 1;
            }
            self.goto(t);
        } else if g > 0 && self.height(g - 1) + self.height(g) <= self.rows {
            self.goto(g - 1);
        } else {
            self.goto(g);
        }
    }

    /// Keeps the cursor with the text when a key other than review mode's own scrolled it, and
    /// on screen whatever happened.
    pub(super) fn follow_scroll(&mut self, action: Action, old_top: Option<usize>) {
        let n = self.groups.len();
        let top = self.top;
        let visible = self.visible();
        let Some(rm) = self.review.as_mut() else { return };
        rm.cursor = rm.cursor.min(n.saturating_sub(1));
        let moved = old_top != Some(top);
        match action {
            Action::Bottom => rm.cursor = n.saturating_sub(1),
            Action::Scroll(_) => {
                // Keep it where it is if it is still on screen, else the nearest group that is.
                let first = visible.iter().find(|(_, y)| *y >= 0).or(visible.first()).map(|&(g, _)| g);
                let last = visible.last().map(|&(g, _)| g);
                if let (Some(first), Some(last)) = (first, last) {
                    rm.cursor = rm.cursor.clamp(first, last.max(first));
                }
            }
            // A jump puts its group on top: the cursor goes with it.
            Action::Top
            | Action::NextSection
            | Action::PrevSection
            | Action::Section(_)
            | Action::GoTo(_)
            | Action::NextMatch
            | Action::PrevMatch => rm.cursor = top,
            Action::PageDown | Action::PageUp | Action::Submit if moved => rm.cursor = top,
            _ => {}
        }
        // Whatever else happened (a resize, `v`), the cursor's group stays in view.
        let c = rm.cursor;
        if !self.visible().iter().any(|&(g, _)| g == c) {
            self.show_group(c);
        }
    }

    /// Moves the cursor one group down (or up).
    fn step(&mut self, down: bool) {
        let n = self.groups.len();
        let Some(rm) = self.review.as_mut() else { return };
        let c = if down { (rm.cursor + 1).min(n.saturating_sub(1)) } else { rm.cursor.saturating_sub(1) };
        rm.cursor = c;
        self.show_group(c);
    }

    /// `f`, `F`, `u`: the next (previous) flagged group, the next unverified one; wraps round.
    fn jump(&mut self, action: Action) -> String {
        let Some(rm) = self.review.as_ref() else { return String::new() };
        let (rv, i) = (&rm.review, rm.cursor);
        let (found, wrapped) = match action {
            Action::NextFlagged => match rv.next_flagged(i) {
                Some(g) => (Some(g), false),
                None => (rv.first_flagged(), true),
            },
            Action::PrevFlagged => match rv.prev_flagged(i) {
                Some(g) => (Some(g), false),
                None => (rv.prev_flagged(rv.len()), true),
            },
            _ => match rv.next_unverified(i) {
                Some(g) => (Some(g), false),
                None => (rv.first_unverified(), true),
            },
        };
        let flagged = action != Action::NextUnverified;
        let Some(g) = found else {
            return if flagged {
                "no flagged group: every group is 1-1 and confident, or verified".into()
            } else {
                "every group is verified".into()
            };
        };
        let mut m = if flagged {
            let nth = (0..g).filter(|&j| rv.is_flagged(j)).count() + 1;
            format!("flagged {nth} of {}: group {}", rv.flagged_count(), g + 1)
        } else {
            let left = rv.len() - rv.verified_count();
            format!("unverified: group {} ({left} left)", g + 1)
        };
        if g == i && wrapped {
            m += " (the only one)";
        } else if wrapped {
            m +=
                if action == Action::PrevFlagged { " (wrapped to the end)" } else { " (wrapped to the top)" };
        }
        if let Some(rm) = self.review.as_mut() {
            rm.cursor = g;
        }
        self.show_group(g);
        m
    }

    /// An edit, undo or redo on the cursor's group; says what it did or why it was refused.
    fn edit(&mut self, action: Action) -> String {
        let pane = self.focus;
        let Some(rm) = self.review.as_mut() else { return String::new() };
        let (rv, i) = (&mut rm.review, rm.cursor);
        let n = rv.len();
        let result = match action {
            Action::Merge => rv.merge_with_next(i),
            Action::Split => rv.split_first(i),
            Action::MoveUp => rv.move_first_up(i, pane),
            Action::MoveDown => rv.move_last_down(i, pane),
            Action::Detach | Action::DetachLast => {
                let ids = rv.group(i).map(|g| pane.ids(g));
                let id = ids.and_then(|v| if action == Action::Detach { v.first() } else { v.last() });
                match id {
                    Some(&id) => rv.detach(pane, id),
                    None => {
                        Err(Refusal(format!("group {} has no {} paragraph to detach", i + 1, pane.name())))
                    }
                }
            }
            Action::Verify => rv.verify(i),
            Action::VerifyThrough => rv.verify_through(i),
            Action::Unverify => rv.unverify(i),
            Action::Undo => rv.undo(),
            Action::Redo => rv.redo(),
            _ => return String::new(),
        };
        if let Err(refusal) = result {
            // Verifying a verified group still moves on: Enter walks the unverified ones.
            if action == Action::Verify
                && rv.group(i).is_some_and(|g| g.status == Status::Verified)
                && let Some(next) = rv.next_unverified(i)
            {
                rm.cursor = next;
                self.show_group(next);
                return format!("group {} was verified already; next unverified: group {}", i + 1, next + 1);
            }
            return refusal.0;
        }
        let label = match action {
            Action::Undo => format!("undone: {}", rv.redo_label().unwrap_or("")),
            Action::Redo => format!("redone: {}", rv.undo_label().unwrap_or("")),
            _ => rv.undo_label().unwrap_or("").to_string(),
        };
        let last = rv.len().saturating_sub(1);
        let (cursor, note) = match action {
            // The group dissolved into the one above it.
            Action::MoveUp if rv.len() < n => (i - 1, String::new()),
            Action::Undo | Action::Redo => (rv.focus().unwrap_or(i), String::new()),
            Action::Verify => match rv.next_unverified(i) {
                Some(g) => (g, String::new()),
                None => (i, "; every group below is verified".to_string()),
            },
            _ => (i, String::new()),
        };
        let splice = rv.last_splice();
        let groups = rv.groups().to_vec();
        rm.cursor = cursor.min(last);
        let cursor = rm.cursor;
        if let Some(s) = splice {
            self.replace_groups(s.removed_range(), groups[s.added_range()].to_vec());
        }
        self.show_group(cursor);
        format!("{label}{note}")
    }
}

impl App {
    /// Whether there are review edits that leaving would lose.
    pub fn is_dirty(&self) -> bool {
        self.reader.as_ref().is_some_and(Reader::is_dirty)
    }

    /// Asks before carrying out `then` (quit, or back to the library).
    pub(super) fn confirm_leave(&mut self, then: Request) -> Option<Request> {
        self.overlay = Overlay::Confirm { then };
        self.message = None;
        None
    }

    pub(super) fn update_confirm(&mut self, action: Action) -> Option<Request> {
        let Overlay::Confirm { then } = &self.overlay else { return None };
        let then = then.clone();
        match action {
            Action::Save => {
                self.overlay = Overlay::None;
                Some(Request::Save { then: Some(Box::new(then)) })
            }
            Action::Quit => {
                self.overlay = Overlay::None;
                Some(then)
            }
            Action::Cancel => {
                self.overlay = Overlay::None;
                self.message = Some("not quitting: the edits are still unsaved (w saves)".into());
                None
            }
            // Any other key leaves the question on screen.
            _ => None,
        }
    }

    pub(super) fn update_review(&mut self, action: Action) -> Option<Request> {
        let Some(reader) = &mut self.reader else { return None };
        match action {
            Action::Down | Action::Up => reader.step(action == Action::Down),
            Action::NextFlagged | Action::PrevFlagged | Action::NextUnverified => {
                self.message = Some(reader.jump(action));
            }
            Action::Merge
            | Action::Split
            | Action::MoveUp
            | Action::MoveDown
            | Action::Detach
            | Action::DetachLast
            | Action::Verify
            | Action::VerifyThrough
            | Action::Unverify
            | Action::Undo
            | Action::Redo => self.message = Some(reader.edit(action)),
            Action::Save => return Some(Request::Save { then: None }),
            Action::Swap if reader.is_dirty() => {
                self.message =
                    Some("unsaved edits: w to save them before swapping (or z to undo them)".into());
            }
            Action::Swap => {
                let at = reader.cursor();
                reader.swap();
                if let Err(e) = reader.start_review(at) {
                    reader.review = None;
                    reader.relayout();
                    self.message = Some(e);
                }
            }
            _ => return self.update_reader(action),
        }
        None
    }
}

/// Saves the reviewed alignment to the reader's [`SaveTarget`] through the store
/// ([`store::save`]: atomically, keeping a broken or stale file it replaces, merging with a
/// save made meanwhile by another reader), in the file's own orientation, with excerpts of
/// both texts; returns the message to show.
///
/// When the file changed on disk in a way the edits conflict with, nothing is written and the
/// edits stay, unsaved; the next save writes them beside the file, to `{file}.changed`.
pub fn save_review(reader: &mut Reader) -> Result<String> {
    let target = reader.save_target.clone();
    let (left, right) = (&reader.left, reader.right.as_ref());
    let Some(rm) = reader.review.as_mut() else {
        return Err(Error::Usage("not in review mode: nothing to save".into()));
    };
    let flip = rm.review.alignment().left.lang != target.left;
    let in_file = |al: &crate::alignment::Alignment| if flip { al.flipped() } else { al.clone() };
    let (mine, base) = (in_file(rm.review.alignment()), in_file(&rm.base));
    let (fl, fr) = if flip { (right, Some(left)) } else { (Some(left), right) };
    let shown = shown(&target.path);
    if target.refused {
        let beside = store::save_beside(&target.path, &mine, fl, fr)?;
        rm.review.mark_saved();
        reader.save_target.refused = false;
        return Ok(format!(
            "saved your edits beside {shown}, to {} (it was changed on disk meanwhile: compare the two and keep what you want)",
            store::shown(&beside)
        ));
    }
    let save =
        store::Save { mine: &mine, base: &base, seen: target.seen.as_ref(), stale: reader.stale.is_some() };
    let saved = match store::save(&target.path, save, fl, fr) {
        Ok(s) => s,
        Err(e @ Error::ChangedOnDisk { .. }) => {
            reader.save_target.refused = true;
            return Err(Error::ChangedOnDisk {
                path: shown.clone(),
                message: format!(
                    "{}; your edits are kept here: w again writes them beside it, to {shown}.changed",
                    match e {
                        Error::ChangedOnDisk { message, .. } => message,
                        _ => String::new(),
                    }
                ),
            });
        }
        Err(e) => return Err(e),
    };
    reader.save_target.seen = Some(saved.stamp.clone());
    reader.save_target.refused = false;
    reader.stale = None;
    reader.notice = None;
    reader.alignment_origin = format!("stored: {shown}");
    match &saved.merged {
        Some(m) => {
            // Show what the file holds now: the other's changes with these edits on top.
            let m = if flip { m.flipped() } else { m.clone() };
            let cursor = rm.cursor;
            let n = reader.groups.len();
            reader.replace_groups(0..n, m.groups);
            reader.start_review(cursor).map_err(Error::Usage)?;
        }
        None => {
            rm.base = rm.review.alignment().clone();
            rm.review.mark_saved();
        }
    }
    let (v, n) = reader.review.as_ref().map_or((0, 0), |rm| (rm.review.verified_count(), rm.review.len()));
    Ok(format!("saved {shown} ({v} of {n} verified){}", saved.describe()))
}

/// A path as messages show it: `alignments/x.toml`, not `./alignments/x.toml`.
fn shown(path: &Path) -> String {
    store::shown(path)
}
