//! The review-edit model: what a translator can do to an alignment while checking it, with
//! undo and redo, independent of any screen. The reader's review mode drives it; the tests
//! drive it directly.
//!
//! Rules every edit keeps:
//! - No edit can drop a paragraph, repeat one, put them out of order or leave an empty group:
//!   each edit replaces a few neighbouring groups, and it is refused (with a message saying
//!   why) unless the paragraphs of each side read the same, in the same order, before and after.
//! - A person's edit is a verification of what they made: every group an edit creates or
//!   changes is marked verified, with confidence 1, so it is kept when the text is re-aligned
//!   and no longer flagged. `unverify` takes the mark back.
//! - A group that loses its last paragraph to a neighbour disappears (it is not left empty).
//! - Every accepted edit can be undone and redone; an edit after an undo drops the redo stack.
//! - [`Review::is_dirty`] says whether the alignment differs from the one last saved (or
//!   opened): undoing back to the saved state makes it clean again.
//! - Groups are flagged when a person has not verified them and they are not 1-1 or their
//!   confidence is below the threshold: those are the ones worth looking at first.
//!
//! Group numbers in messages are 1-based, as in `diglot check`; indices in the API are 0-based.

use std::fmt;
use std::path::Path;

use crate::alignment::{Alignment, Group, Side, Status};
use crate::document::Document;

/// Confidence below which an unverified group is flagged, unless told otherwise.
pub const DEFAULT_FLAG_THRESHOLD: f32 = 0.5;

/// Why an edit was not made: a sentence for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refusal {}

fn refuse<T>(msg: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal(msg.into()))
}

/// What the last edit, undo or redo changed: the groups `start..start + removed` of the
/// alignment before it are now the groups `start..start + added`. A view that keeps its own
/// copy of the groups (and their layout) replaces just that range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Splice {
    pub start: usize,
    pub removed: usize,
    pub added: usize,
}

impl Splice {
    /// The range of groups that was replaced, in the alignment before the change.
    pub fn removed_range(&self) -> std::ops::Range<usize> {
        self.start..self.start + self.removed
    }

    /// The range of groups that replaced it, in the alignment now.
    pub fn added_range(&self) -> std::ops::Range<usize> {
        self.start..self.start + self.added
    }
}

/// One accepted edit: the groups `start..start + before.len()` became `after`.
#[derive(Debug, Clone)]
struct Change {
    start: usize,
    before: Vec<Group>,
    after: Vec<Group>,
    /// Tells states apart for [`Review::is_dirty`]; never reused.
    id: u64,
    label: String,
}

/// An alignment under review.
#[derive(Debug, Clone)]
pub struct Review {
    alignment: Alignment,
    undo: Vec<Change>,
    redo: Vec<Change>,
    next_id: u64,
    /// The id of the change on top of the undo stack when the alignment was last saved (0:
    /// none, the alignment as opened).
    saved: u64,
    threshold: f32,
    focus: Option<usize>,
    splice: Option<Splice>,
}

/// A group made by a person.
fn made(left: Vec<usize>, right: Vec<usize>) -> Group {
    Group { left, right, confidence: 1.0, status: Status::Verified }
}

impl Review {
    /// Starts reviewing an alignment; a broken one (see [`Alignment::validate`]) is refused.
    pub fn new(alignment: Alignment) -> crate::Result<Review> {
        alignment.validate()?;
        Ok(Review {
            alignment,
            undo: Vec::new(),
            redo: Vec::new(),
            next_id: 0,
            saved: 0,
            threshold: DEFAULT_FLAG_THRESHOLD,
            focus: None,
            splice: None,
        })
    }

    pub fn alignment(&self) -> &Alignment {
        &self.alignment
    }

    pub fn into_alignment(self) -> Alignment {
        self.alignment
    }

    pub fn groups(&self) -> &[Group] {
        &self.alignment.groups
    }

    pub fn group(&self, i: usize) -> Option<&Group> {
        self.alignment.groups.get(i)
    }

    /// The number of groups.
    pub fn len(&self) -> usize {
        self.alignment.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.alignment.groups.is_empty()
    }

    /// The paragraph count of the left text.
    pub fn left_len(&self) -> usize {
        self.alignment.left.paragraphs
    }

    /// The paragraph count of the right text.
    pub fn right_len(&self) -> usize {
        self.alignment.right.paragraphs
    }

    /// The group the last edit, undo or redo touched first (where a cursor should go).
    pub fn focus(&self) -> Option<usize> {
        self.focus
    }

    /// The groups the last accepted edit, undo or redo replaced (`None` before the first).
    pub fn last_splice(&self) -> Option<Splice> {
        self.splice
    }

    // -----------------------------------------------------------------------------------------
    // Flags and navigation

    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    pub fn set_threshold(&mut self, threshold: f32) {
        self.threshold = threshold;
    }

    /// Worth a look: not verified, and not 1-1 or less confident than the threshold.
    pub fn is_flagged(&self, i: usize) -> bool {
        self.group(i).is_some_and(|g| {
            g.status == Status::Auto && (g.shape() != (1, 1) || g.confidence < self.threshold)
        })
    }

    pub fn flagged_count(&self) -> usize {
        (0..self.len()).filter(|&i| self.is_flagged(i)).count()
    }

    pub fn verified_count(&self) -> usize {
        self.alignment.verified_count()
    }

    /// The first flagged group after `i`.
    pub fn next_flagged(&self, i: usize) -> Option<usize> {
        (i.saturating_add(1)..self.len()).find(|&j| self.is_flagged(j))
    }

    /// The last flagged group before `i`.
    pub fn prev_flagged(&self, i: usize) -> Option<usize> {
        (0..i.min(self.len())).rev().find(|&j| self.is_flagged(j))
    }

    /// The first flagged group, if any.
    pub fn first_flagged(&self) -> Option<usize> {
        (0..self.len()).find(|&j| self.is_flagged(j))
    }

    /// The first group after `i` that no person has verified.
    pub fn next_unverified(&self, i: usize) -> Option<usize> {
        (i.saturating_add(1)..self.len()).find(|&j| self.groups()[j].status == Status::Auto)
    }

    /// The first group that no person has verified, if any.
    pub fn first_unverified(&self) -> Option<usize> {
        self.groups().iter().position(|g| g.status == Status::Auto)
    }

    /// The group holding paragraph `id` of one side.
    pub fn group_of(&self, pane: Side, id: usize) -> Option<usize> {
        self.groups().iter().position(|g| pane.ids(g).contains(&id))
    }

    // -----------------------------------------------------------------------------------------
    // Edits

    fn get(&self, i: usize) -> Result<&Group, Refusal> {
        match self.group(i) {
            Some(g) => Ok(g),
            None => refuse(format!("there is no group {} (the alignment has {})", i + 1, self.len())),
        }
    }

    /// Replaces groups `start..start + remove` by `after`, after checking that no paragraph is
    /// lost, repeated or moved out of order and that no group is empty.
    fn apply(
        &mut self,
        start: usize,
        remove: usize,
        after: Vec<Group>,
        label: String,
    ) -> Result<(), Refusal> {
        let before = self.alignment.groups[start..start + remove].to_vec();
        for pane in [Side::Left, Side::Right] {
            let seq = |v: &[Group]| v.iter().flat_map(|g| pane.ids(g).iter().copied()).collect::<Vec<_>>();
            if seq(&before) != seq(&after) {
                return refuse(format!(
                    "{label}: refused, it would break the order of the {} text",
                    pane.name()
                ));
            }
        }
        if after.iter().any(|g| g.left.is_empty() && g.right.is_empty()) {
            return refuse(format!("{label}: refused, it would leave an empty group"));
        }
        if before == after {
            return refuse(format!("{label}: nothing would change"));
        }
        self.alignment.groups.splice(start..start + remove, after.iter().cloned());
        self.splice = Some(Splice { start, removed: remove, added: after.len() });
        self.next_id += 1;
        self.undo.push(Change { start, before, after, id: self.next_id, label });
        self.redo.clear();
        self.focus = Some(start);
        Ok(())
    }

    /// Merges group `i` with the one below it.
    pub fn merge_with_next(&mut self, i: usize) -> Result<(), Refusal> {
        let a = self.get(i)?.clone();
        let Some(b) = self.group(i + 1).cloned() else {
            return refuse(format!("group {} is the last: there is nothing below to merge with", i + 1));
        };
        let merged = made([a.left, b.left].concat(), [a.right, b.right].concat());
        self.apply(i, 2, vec![merged], format!("merge groups {} and {}", i + 1, i + 2))
    }

    /// Splits group `i` in two: its first `left_at` left and `right_at` right paragraphs, then
    /// the rest.
    pub fn split(&mut self, i: usize, left_at: usize, right_at: usize) -> Result<(), Refusal> {
        let g = self.get(i)?.clone();
        let label = format!("split group {}", i + 1);
        for (pane, at) in [(Side::Left, left_at), (Side::Right, right_at)] {
            let n = pane.ids(&g).len();
            if at > n {
                return refuse(format!(
                    "{label}: it has {n} {} paragraph{}, it cannot be split after {at}",
                    pane.name(),
                    if n == 1 { "" } else { "s" }
                ));
            }
        }
        let first = made(g.left[..left_at].to_vec(), g.right[..right_at].to_vec());
        let rest = made(g.left[left_at..].to_vec(), g.right[right_at..].to_vec());
        if first.left.is_empty() && first.right.is_empty() || rest.left.is_empty() && rest.right.is_empty() {
            let (l, r) = g.shape();
            return refuse(format!(
                "{label} ({l}-{r}) after {left_at} left and {right_at} right paragraphs: one part would be empty"
            ));
        }
        self.apply(i, 1, vec![first, rest], label)
    }

    /// Splits off the first paragraph of each side of group `i` (the first of its only side
    /// for a group with one side): a 2-2 becomes 1-1 + 1-1, a 1-2 becomes 1-1 + 0-1.
    pub fn split_first(&mut self, i: usize) -> Result<(), Refusal> {
        let (l, r) = self.get(i)?.shape();
        let (la, ra) = (l.min(1), r.min(1));
        if la == l && ra == r {
            return refuse(format!("group {} is {l}-{r}: there is nothing to split", i + 1));
        }
        self.split(i, la, ra)
    }

    /// Moves the first paragraph of one side of group `i` up to the end of group `i - 1`. A
    /// group left with no paragraph disappears.
    pub fn move_first_up(&mut self, i: usize, pane: Side) -> Result<(), Refusal> {
        let g = self.get(i)?.clone();
        let label = format!("move the first {} paragraph of group {} up", pane.name(), i + 1);
        if i == 0 {
            return refuse(format!("{label}: it is the first group, there is none above"));
        }
        let Some(&id) = pane.ids(&g).first() else {
            return refuse(format!("{label}: it has no {} paragraph", pane.name()));
        };
        let mut above = self.alignment.groups[i - 1].clone();
        let mut here = g;
        pane.ids_mut(&mut above).push(id);
        pane.ids_mut(&mut here).remove(0);
        let mut after = vec![made(above.left, above.right)];
        if !(here.left.is_empty() && here.right.is_empty()) {
            after.push(made(here.left, here.right));
        }
        self.apply(i - 1, 2, after, label)
    }

    /// Moves the last paragraph of one side of group `i` down to the start of group `i + 1`. A
    /// group left with no paragraph disappears.
    pub fn move_last_down(&mut self, i: usize, pane: Side) -> Result<(), Refusal> {
        let g = self.get(i)?.clone();
        let label = format!("move the last {} paragraph of group {} down", pane.name(), i + 1);
        let Some(below) = self.group(i + 1).cloned() else {
            return refuse(format!("{label}: it is the last group, there is none below"));
        };
        let Some(&id) = pane.ids(&g).last() else {
            return refuse(format!("{label}: it has no {} paragraph", pane.name()));
        };
        let (mut here, mut below) = (g, below);
        pane.ids_mut(&mut here).pop();
        pane.ids_mut(&mut below).insert(0, id);
        let mut after = Vec::with_capacity(2);
        if !(here.left.is_empty() && here.right.is_empty()) {
            after.push(made(here.left, here.right));
        }
        after.push(made(below.left, below.right));
        self.apply(i, 2, after, label)
    }

    /// Gives paragraph `id` of one side no counterpart: it becomes a group of its own (1-0 or
    /// 0-1), before the rest of its group if it was first there, after it if it was last. A
    /// paragraph in the middle of a group that has a counterpart is refused: which of the
    /// other side's paragraphs go with the part before it would be a guess (split first).
    pub fn detach(&mut self, pane: Side, id: usize) -> Result<(), Refusal> {
        let label = format!("detach {} paragraph {id}", pane.name());
        let Some(i) = self.group_of(pane, id) else {
            let n = if pane == Side::Left { self.left_len() } else { self.right_len() };
            return refuse(format!("{label}: there is no such paragraph (the {} text has {n})", pane.name()));
        };
        let g = self.groups()[i].clone();
        let other = if pane == Side::Left { Side::Right } else { Side::Left };
        let (mine, theirs) = (pane.ids(&g).clone(), other.ids(&g).clone());
        if theirs.is_empty() && mine.len() == 1 {
            return refuse(format!("{label}: it already has no counterpart"));
        }
        let pos = mine.iter().position(|&x| x == id).unwrap_or(0);
        let build = |m: Vec<usize>, t: Vec<usize>| match pane {
            Side::Left => made(m, t),
            Side::Right => made(t, m),
        };
        let alone = build(vec![id], Vec::new());
        let after = if pos == 0 {
            vec![alone, build(mine[1..].to_vec(), theirs)]
        } else if pos + 1 == mine.len() {
            vec![build(mine[..pos].to_vec(), theirs), alone]
        } else if theirs.is_empty() {
            vec![build(mine[..pos].to_vec(), Vec::new()), alone, build(mine[pos + 1..].to_vec(), Vec::new())]
        } else {
            return refuse(format!(
                "{label}: it is in the middle of group {} ({}); split the group first",
                i + 1,
                g.ids_label()
            ));
        };
        self.apply(i, 1, after, label)
    }

    /// Marks group `i` as checked by a person.
    pub fn verify(&mut self, i: usize) -> Result<(), Refusal> {
        let g = self.get(i)?;
        if g.status == Status::Verified {
            return refuse(format!("group {} is already verified", i + 1));
        }
        let after = Group { status: Status::Verified, ..g.clone() };
        self.apply(i, 1, vec![after], format!("verify group {}", i + 1))
    }

    /// Marks every group from the first through `i` as checked (one undoable edit).
    pub fn verify_through(&mut self, i: usize) -> Result<(), Refusal> {
        self.get(i)?;
        let Some(start) = self.groups()[..=i].iter().position(|g| g.status == Status::Auto) else {
            let what = if i == 0 { "group 1 is".to_string() } else { format!("groups 1-{} are all", i + 1) };
            return refuse(format!("{what} verified already"));
        };
        let after = self.groups()[start..=i]
            .iter()
            .map(|g| Group { status: Status::Verified, ..g.clone() })
            .collect::<Vec<_>>();
        let label = if i == 0 { "verify group 1".to_string() } else { format!("verify groups 1-{}", i + 1) };
        self.apply(start, after.len(), after, label)
    }

    /// Takes back the verified mark of group `i`.
    pub fn unverify(&mut self, i: usize) -> Result<(), Refusal> {
        let g = self.get(i)?;
        if g.status == Status::Auto {
            return refuse(format!("group {} is not verified", i + 1));
        }
        let after = Group { status: Status::Auto, ..g.clone() };
        self.apply(i, 1, vec![after], format!("unverify group {}", i + 1))
    }

    // -----------------------------------------------------------------------------------------
    // Undo, redo, saving

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What [`Review::undo`] would take back, as a phrase (`merge groups 3 and 4`).
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|c| c.label.as_str())
    }

    /// What [`Review::redo`] would do again.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|c| c.label.as_str())
    }

    pub fn undo(&mut self) -> Result<(), Refusal> {
        let Some(c) = self.undo.pop() else { return refuse("nothing to undo") };
        self.alignment.groups.splice(c.start..c.start + c.after.len(), c.before.iter().cloned());
        self.splice = Some(Splice { start: c.start, removed: c.after.len(), added: c.before.len() });
        self.focus = Some(c.start.min(self.len().saturating_sub(1)));
        self.redo.push(c);
        Ok(())
    }

    pub fn redo(&mut self) -> Result<(), Refusal> {
        let Some(c) = self.redo.pop() else { return refuse("nothing to redo") };
        self.alignment.groups.splice(c.start..c.start + c.before.len(), c.after.iter().cloned());
        self.splice = Some(Splice { start: c.start, removed: c.before.len(), added: c.after.len() });
        self.focus = Some(c.start.min(self.len().saturating_sub(1)));
        self.undo.push(c);
        Ok(())
    }

    /// Replaces every group at once (restoring edits kept in a recovery file), as one edit
    /// that can be undone; refused like any edit that would lose or reorder a paragraph.
    pub fn replace_all(&mut self, groups: Vec<Group>, label: String) -> Result<(), Refusal> {
        let n = self.len();
        self.apply(0, n, groups, label)
    }

    /// Tells the states of the alignment apart: it changes with every edit, undo and redo.
    pub fn version(&self) -> u64 {
        self.state()
    }

    fn state(&self) -> u64 {
        self.undo.last().map_or(0, |c| c.id)
    }

    /// Whether there are edits not saved yet.
    pub fn is_dirty(&self) -> bool {
        self.state() != self.saved
    }

    /// Records that the alignment as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.saved = self.state();
    }

    /// Saves the alignment atomically (see [`crate::store::save_atomic`]), with excerpts of the
    /// documents when given, and marks it saved. Undo history is kept.
    pub fn save(
        &mut self,
        path: &Path,
        left: Option<&Document>,
        right: Option<&Document>,
    ) -> crate::Result<()> {
        crate::store::save_atomic(&self.alignment, path, left, right)?;
        self.mark_saved();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::alignment::SourceText;
    use crate::document::Lang;
    use proptest::prelude::*;

    fn side(lang: Lang, n: usize) -> SourceText {
        SourceText { lang, source: "t".into(), hash: "fnv1a64:0".into(), paragraphs: n, reading: None }
    }

    fn alignment(shapes: &[(usize, usize)], conf: f32) -> Alignment {
        let (mut l, mut r) = (0, 0);
        let mut groups = Vec::new();
        for &(a, b) in shapes {
            groups.push(Group::new((l..l + a).collect(), (r..r + b).collect(), conf));
            l += a;
            r += b;
        }
        Alignment { work: None, left: side(Lang::EN, l), right: side(Lang::ZH, r), groups }
    }

    fn shapes(r: &Review) -> Vec<(usize, usize)> {
        r.groups().iter().map(Group::shape).collect()
    }

    #[test]
    fn merge_and_undo_redo() {
        let mut r = Review::new(alignment(&[(1, 1), (1, 0), (1, 2)], 0.9)).unwrap();
        assert!(!r.is_dirty());
        r.merge_with_next(0).unwrap();
        assert_eq!(shapes(&r), [(2, 1), (1, 2)]);
        assert_eq!(r.groups()[0].status, Status::Verified);
        assert_eq!(r.groups()[0].confidence, 1.0);
        assert!(r.is_dirty());
        assert_eq!(r.undo_label(), Some("merge groups 1 and 2"));
        assert!(r.merge_with_next(1).unwrap_err().0.contains("group 2 is the last"));
        r.undo().unwrap();
        assert_eq!(shapes(&r), [(1, 1), (1, 0), (1, 2)]);
        assert_eq!(r.groups()[0].status, Status::Auto);
        assert!(!r.is_dirty());
        r.redo().unwrap();
        assert_eq!(shapes(&r), [(2, 1), (1, 2)]);
        assert!(r.redo().is_err());
        r.undo().unwrap();
        r.undo().unwrap_err();
    }

    #[test]
    fn split_variants() {
        let mut r = Review::new(alignment(&[(2, 3), (1, 1)], 0.9)).unwrap();
        r.split(0, 1, 2).unwrap();
        assert_eq!(shapes(&r), [(1, 2), (1, 1), (1, 1)]);
        assert_eq!(r.groups()[0].left, vec![0]);
        assert_eq!(r.groups()[1].right, vec![2]);
        assert!(r.split(0, 0, 0).unwrap_err().0.contains("would be empty"));
        assert!(r.split(0, 2, 0).unwrap_err().0.contains("cannot be split after 2"));
        r.split_first(0).unwrap();
        assert_eq!(shapes(&r), [(1, 1), (0, 1), (1, 1), (1, 1)]);
        assert!(r.split_first(0).unwrap_err().0.contains("1-1"));
        assert!(r.split_first(1).unwrap_err().0.contains("0-1"));
        assert!(r.split(9, 0, 0).unwrap_err().0.contains("no group 10"));
    }

    #[test]
    fn moves_and_dissolving() {
        let mut r = Review::new(alignment(&[(1, 1), (2, 1), (0, 1)], 0.9)).unwrap();
        r.move_first_up(1, Side::Left).unwrap();
        assert_eq!(shapes(&r), [(2, 1), (1, 1), (0, 1)]);
        assert_eq!(r.groups()[0].left, vec![0, 1]);
        assert!(r.move_first_up(0, Side::Left).unwrap_err().0.contains("first group"));
        assert!(r.move_first_up(2, Side::Left).unwrap_err().0.contains("no left paragraph"));
        // The last group's only paragraph moves up: the group goes.
        r.move_first_up(2, Side::Right).unwrap();
        assert_eq!(shapes(&r), [(2, 1), (1, 2)]);
        r.move_last_down(0, Side::Left).unwrap();
        assert_eq!(shapes(&r), [(1, 1), (2, 2)]);
        assert_eq!(r.groups()[1].left, vec![1, 2]);
        assert!(r.move_last_down(1, Side::Right).unwrap_err().0.contains("last group"));
        r.move_last_down(0, Side::Left).unwrap();
        r.move_last_down(0, Side::Right).unwrap();
        assert_eq!(shapes(&r), [(3, 3)]);
        r.alignment().validate().unwrap();
        while r.can_undo() {
            r.undo().unwrap();
        }
        assert_eq!(r.alignment(), &alignment(&[(1, 1), (2, 1), (0, 1)], 0.9));
        assert!(!r.is_dirty());
    }

    #[test]
    fn detach_cases() {
        let mut r = Review::new(alignment(&[(3, 1), (1, 1)], 0.9)).unwrap();
        assert!(r.detach(Side::Left, 1).unwrap_err().0.contains("middle of group 1"));
        r.detach(Side::Left, 0).unwrap();
        assert_eq!(shapes(&r), [(1, 0), (2, 1), (1, 1)]);
        r.detach(Side::Left, 2).unwrap();
        assert_eq!(shapes(&r), [(1, 0), (1, 1), (1, 0), (1, 1)]);
        assert!(r.detach(Side::Left, 0).unwrap_err().0.contains("already has no counterpart"));
        r.detach(Side::Right, 1).unwrap();
        assert_eq!(shapes(&r), [(1, 0), (1, 1), (1, 0), (0, 1), (1, 0)]);
        assert!(r.detach(Side::Right, 7).unwrap_err().0.contains("no such paragraph"));
        let mut r = Review::new(alignment(&[(3, 0)], 0.9)).unwrap();
        r.detach(Side::Left, 1).unwrap();
        assert_eq!(shapes(&r), [(1, 0), (1, 0), (1, 0)]);
        r.alignment().validate().unwrap();
    }

    #[test]
    fn verify_and_flags() {
        let mut r = Review::new(alignment(&[(1, 1), (2, 1), (1, 1), (1, 0), (1, 1)], 0.9)).unwrap();
        r.alignment.groups[2].confidence = 0.2;
        assert_eq!(r.first_flagged(), Some(1));
        assert_eq!(r.next_flagged(1), Some(2));
        assert_eq!(r.next_flagged(3), None);
        assert_eq!(r.prev_flagged(3), Some(2));
        assert_eq!(r.prev_flagged(1), None);
        assert_eq!(r.flagged_count(), 3);
        r.verify(2).unwrap();
        assert!(!r.is_flagged(2));
        assert!(r.verify(2).unwrap_err().0.contains("already verified"));
        r.verify_through(3).unwrap();
        assert_eq!(r.verified_count(), 4);
        assert_eq!(r.next_unverified(0), Some(4));
        assert_eq!(r.first_unverified(), Some(4));
        assert!(r.verify_through(2).unwrap_err().0.contains("all verified"));
        r.unverify(1).unwrap();
        assert!(r.is_flagged(1));
        assert!(r.unverify(1).unwrap_err().0.contains("not verified"));
        r.undo().unwrap();
        r.undo().unwrap();
        assert_eq!(r.verified_count(), 1);
        assert_eq!(r.focus(), Some(0));
        r.set_threshold(0.95);
        assert!(r.is_flagged(0));
    }

    #[test]
    fn dirty_follows_the_saved_state() {
        let mut r = Review::new(alignment(&[(1, 1), (1, 1), (1, 1)], 0.9)).unwrap();
        r.verify(0).unwrap();
        r.mark_saved();
        assert!(!r.is_dirty());
        r.verify(1).unwrap();
        assert!(r.is_dirty());
        r.undo().unwrap();
        assert!(!r.is_dirty());
        r.undo().unwrap();
        assert!(r.is_dirty());
        // A new edit after undoing past the save can never return to it.
        r.verify(2).unwrap();
        assert!(r.is_dirty());
        assert!(!r.can_redo());
    }

    #[test]
    fn broken_alignments_are_refused() {
        let mut a = alignment(&[(1, 1)], 0.9);
        a.left.paragraphs = 2;
        assert!(Review::new(a).is_err());
    }

    /// One edit, by kind, with arguments that may or may not make sense.
    #[derive(Debug, Clone)]
    enum Op {
        Merge(usize),
        Split(usize, usize, usize),
        SplitFirst(usize),
        Up(usize, bool),
        Down(usize, bool),
        Detach(bool, usize),
        Verify(usize),
        VerifyThrough(usize),
        Unverify(usize),
        Undo,
        Redo,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0..12usize).prop_map(Op::Merge),
            (0..12usize, 0..4usize, 0..4usize).prop_map(|(a, b, c)| Op::Split(a, b, c)),
            (0..12usize).prop_map(Op::SplitFirst),
            (0..12usize, any::<bool>()).prop_map(|(a, b)| Op::Up(a, b)),
            (0..12usize, any::<bool>()).prop_map(|(a, b)| Op::Down(a, b)),
            (any::<bool>(), 0..20usize).prop_map(|(a, b)| Op::Detach(a, b)),
            (0..12usize).prop_map(Op::Verify),
            (0..12usize).prop_map(Op::VerifyThrough),
            (0..12usize).prop_map(Op::Unverify),
            Just(Op::Undo),
            Just(Op::Redo),
        ]
    }

    fn pane(left: bool) -> Side {
        if left { Side::Left } else { Side::Right }
    }

    fn run(r: &mut Review, op: &Op) -> Result<(), Refusal> {
        match *op {
            Op::Merge(i) => r.merge_with_next(i),
            Op::Split(i, a, b) => r.split(i, a, b),
            Op::SplitFirst(i) => r.split_first(i),
            Op::Up(i, l) => r.move_first_up(i, pane(l)),
            Op::Down(i, l) => r.move_last_down(i, pane(l)),
            Op::Detach(l, id) => r.detach(pane(l), id),
            Op::Verify(i) => r.verify(i),
            Op::VerifyThrough(i) => r.verify_through(i),
            Op::Unverify(i) => r.unverify(i),
            Op::Undo => r.undo(),
            Op::Redo => r.redo(),
        }
    }

    fn shapes_strategy() -> impl Strategy<Value = Vec<(usize, usize)>> {
        prop::collection::vec(
            prop_oneof![
                Just((1, 1)),
                Just((1, 0)),
                Just((0, 1)),
                Just((2, 1)),
                Just((1, 2)),
                Just((2, 2)),
                Just((3, 1))
            ],
            1..10,
        )
    }

    proptest! {
        #[test]
        fn edits_keep_the_alignment_valid_and_undo_restores_it(
            shapes in shapes_strategy(),
            ops in prop::collection::vec(op(), 0..40),
        ) {
            let original = alignment(&shapes, 0.4);
            let mut r = Review::new(original.clone()).unwrap();
            // A view's copy of the groups, kept in step through the splices alone.
            let mut view = original.groups.clone();
            for op in &ops {
                let before = r.alignment().clone();
                let result = run(&mut r, op);
                if result.is_ok() {
                    let s = r.last_splice().unwrap();
                    view.splice(s.removed_range(), r.groups()[s.added_range()].iter().cloned());
                }
                prop_assert_eq!(&view, &r.alignment().groups);
                prop_assert!(r.alignment().validate().is_ok(), "{op:?} broke it: {:?}", r.alignment().validate());
                if result.is_err() {
                    prop_assert_eq!(&before, r.alignment(), "a refused {:?} changed the alignment", op);
                } else if !matches!(op, Op::Undo | Op::Redo) {
                    prop_assert!(r.is_dirty());
                }
            }
            let done = r.alignment().clone();
            let mut undone = 0;
            while r.can_undo() {
                r.undo().unwrap();
                undone += 1;
            }
            prop_assert_eq!(r.alignment(), &original);
            prop_assert!(!r.is_dirty());
            for _ in 0..undone {
                r.redo().unwrap();
            }
            prop_assert_eq!(r.alignment(), &done);
        }
    }
}
