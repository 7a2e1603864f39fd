//! Whether an alignment is sound in itself (every paragraph of both sides in exactly one
//! group, in order), and what changed in its texts since it was made.

use std::fmt::Write as _;

use super::{Alignment, Excerpt, Group, SourceText, excerpt};
use crate::document::{Document, Lang};
use crate::error::{Error, Result};

/// One thing wrong with an alignment, tied to the group where it shows when there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// 0-based index of the group, if the problem belongs to one.
    pub group: Option<usize>,
    pub message: String,
}

impl Problem {
    /// `group 5 (left [4], right [5, 6]): …`; `line` is where the group starts in its file.
    pub(crate) fn describe(&self, al: &Alignment, line: Option<usize>) -> String {
        let at = line.map(|l| format!("line {l}, ")).unwrap_or_default();
        match self.group.and_then(|i| al.groups.get(i).map(|g| (i, g))) {
            Some((i, g)) => format!("{at}group {} ({}): {}", i + 1, g.ids_label(), self.message),
            None => format!("{at}{}", self.message),
        }
    }
}

/// More paragraphs than any text could have: the largest text diglot reads is far smaller.
const MAX_PARAGRAPHS: usize = 50_000_000;

/// "3" or "3-7": a run of paragraph ids.
fn id_range(from: usize, to: usize) -> String {
    if from == to { format!("paragraph {from}") } else { format!("paragraphs {from}-{to}") }
}

impl Alignment {
    /// Every way in which the alignment fails to cover both texts exactly once and in order.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        for (i, g) in self.groups.iter().enumerate() {
            if g.left.is_empty() && g.right.is_empty() {
                out.push(Problem {
                    group: Some(i),
                    message: "empty group: no paragraph on either side".into(),
                });
            }
            if !g.confidence.is_finite() || !(0.0..=1.0).contains(&g.confidence) {
                out.push(Problem {
                    group: Some(i),
                    message: format!("confidence {} is outside [0, 1]", g.confidence),
                });
            }
        }
        for (name, side) in [("left", &self.left), ("right", &self.right)] {
            // A count no text has (a typo, a corrupt file) must not make the check below
            // allocate for it.
            if side.paragraphs > MAX_PARAGRAPHS {
                out.push(Problem {
                    group: None,
                    message: format!(
                        "the {name} text is said to have {} paragraphs, more than any text diglot reads ({MAX_PARAGRAPHS})",
                        side.paragraphs
                    ),
                });
                continue;
            }
            let ids = |g: &Group| if name == "left" { g.left.clone() } else { g.right.clone() };
            // Where each id was first seen, to tell a repeated paragraph from a misplaced one.
            let mut seen_in: Vec<Option<usize>> = vec![None; side.paragraphs];
            let mut next = 0usize;
            let mut anywhere: Vec<Option<usize>> = vec![None; side.paragraphs];
            for (i, g) in self.groups.iter().enumerate() {
                for id in ids(g) {
                    if let Some(slot) = anywhere.get_mut(id) {
                        slot.get_or_insert(i);
                    }
                }
            }
            for (i, g) in self.groups.iter().enumerate() {
                for id in ids(g) {
                    if id >= side.paragraphs {
                        let range = match side.paragraphs {
                            0 => "it has none".to_string(),
                            n => format!("ids 0-{}", n - 1),
                        };
                        out.push(Problem {
                            group: Some(i),
                            message: format!(
                                "{name} id {id} is out of range (the {name} text has {} paragraphs, {range})",
                                side.paragraphs
                            ),
                        });
                        continue;
                    }
                    if let Some(first) = seen_in[id] {
                        let also = if first == i {
                            "in this group".to_string()
                        } else {
                            format!("group {}", first + 1)
                        };
                        out.push(Problem {
                            group: Some(i),
                            message: format!("{name} paragraph {id} appears twice (also {also})"),
                        });
                        continue;
                    }
                    seen_in[id] = Some(i);
                    if id > next
                        && let Some((k, g)) = (next..id).find_map(|k| anywhere[k].map(|g| (k, g)))
                    {
                        out.push(Problem {
                            group: Some(i),
                            message: format!(
                                "{name} paragraphs out of order: {id} comes before {k} (which is in group {})",
                                g + 1
                            ),
                        });
                    } else if id > next {
                        out.push(Problem {
                            group: Some(i),
                            message: format!(
                                "{name} {} {} in no group (expected {next} next, found {id})",
                                id_range(next, id - 1),
                                if id - 1 == next { "is" } else { "are" }
                            ),
                        });
                    } else if id < next {
                        out.push(Problem {
                            group: Some(i),
                            message: format!(
                                "{name} paragraph {id} is out of order (expected {next} or later)"
                            ),
                        });
                        continue;
                    }
                    next = id + 1;
                }
            }
            if next < side.paragraphs {
                let missing = (next..side.paragraphs).filter(|&id| seen_in[id].is_none()).collect::<Vec<_>>();
                if let (Some(&a), Some(&b)) = (missing.first(), missing.last()) {
                    let verb = if a == b { "is" } else { "are" };
                    let detail = if missing.len() == b - a + 1 {
                        id_range(a, b)
                    } else {
                        format!(
                            "{} between {a} and {b}",
                            crate::document::counted(missing.len(), "paragraph")
                        )
                    };
                    out.push(Problem {
                        group: None,
                        message: format!(
                            "{name} {detail} {verb} in no group (the {name} text has {} paragraphs)",
                            side.paragraphs
                        ),
                    });
                }
            }
        }
        out.sort_by_key(|p| p.group.unwrap_or(usize::MAX));
        out
    }

    /// Checks that every paragraph of both sides is covered exactly once and in order, that no
    /// group is empty, that ids are in range of each side's paragraph count and that every
    /// confidence is in [0, 1]. The error names the first group that is wrong, with its ids.
    pub fn validate(&self) -> Result<()> {
        match self.problems().first() {
            None => Ok(()),
            Some(p) => Err(Error::BadAlignment { path: self.label(), message: p.describe(self, None) }),
        }
    }
}

/// What changed in one side's text since the alignment was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// `left` or `right`.
    pub side: &'static str,
    pub lang: Lang,
    pub source: String,
    pub paragraphs_then: usize,
    pub paragraphs_now: usize,
    /// How many groups' stored excerpts no longer match the text at their ids, out of those
    /// that have an excerpt (`None` when the file stores none).
    pub groups_changed: Option<(usize, usize)>,
    /// The first such group: its index, its ids on this side, the excerpt then and now.
    pub first_changed: Option<(usize, Vec<usize>, String, String)>,
    /// When paragraphs were inserted or removed: the first group from which every stored
    /// excerpt matches the text again once its ids are shifted by the difference in count.
    pub matches_again_from: Option<usize>,
}

/// At most `n` characters of an excerpt, for a one-line report.
fn short(s: &str, n: usize) -> String {
    if s.chars().count() > n { s.chars().take(n).collect::<String>() + "…" } else { s.to_string() }
}

/// Short views of two excerpts that show where they differ: a long common beginning is cut
/// down to its last few characters.
fn diff_views(was: &str, now: &str) -> (String, String) {
    let common = was.chars().zip(now.chars()).take_while(|(a, b)| a == b).count();
    let skip = common.saturating_sub(12);
    let view = |s: &str| {
        let rest: String = s.chars().skip(skip).collect();
        let v = short(&rest, 40);
        if skip > 0 { format!("…{v}") } else { v }
    };
    (view(was), view(now))
}

impl Change {
    /// One phrase: `the zh text (uprising-in-kazakhstan.zh.txt) changed: 120 → 118 paragraphs; …`.
    pub fn describe(&self) -> String {
        let mut s =
            format!("the {} text ({}, {}) changed since it was aligned", self.side, self.lang, self.source);
        if self.paragraphs_then == self.paragraphs_now {
            let _ = write!(s, ": same {} paragraphs", self.paragraphs_now);
        } else {
            let _ = write!(s, ": {} → {} paragraphs", self.paragraphs_then, self.paragraphs_now);
        }
        let plural = |n: u64| if n == 1 { "" } else { "s" };
        match (self.groups_changed, &self.first_changed, self.matches_again_from) {
            (Some(_), Some((i, ids, was, now)), Some(j)) => {
                let delta = self.paragraphs_now as i64 - self.paragraphs_then as i64;
                let n = delta.unsigned_abs();
                let (how, when) = if delta > 0 { ("inserted", "later") } else { ("removed", "earlier") };
                let range = if j == i + 1 {
                    format!("group {j} no longer matches its excerpt")
                } else {
                    format!("groups {}-{j} no longer match their excerpts", i + 1)
                };
                let _ = write!(
                    s,
                    ", {range} (first, {} {ids:?}: was \"{}\", now \"{}\"), \
                     and from group {} on it matches again {n} paragraph{} {when} ({n} paragraph{} {how} before it)",
                    self.side,
                    diff_views(was, now).0,
                    diff_views(was, now).1,
                    j + 1,
                    plural(n),
                    plural(n),
                );
            }
            (Some((n, of)), Some((i, ids, was, now)), None) if n > 0 => {
                let _ = write!(
                    s,
                    ", {n} of {of} groups no longer {}, first group {} ({} {ids:?}): was \"{}\", now \"{}\"",
                    if n == 1 { "matches its excerpt" } else { "match their excerpts" },
                    i + 1,
                    self.side,
                    diff_views(was, now).0,
                    diff_views(was, now).1
                );
            }
            (Some(_), ..) => {
                s.push_str(", but not within the excerpts stored in the file (the content hash differs)")
            }
            (None, ..) => s.push_str(" (the content hash differs)"),
        }
        s
    }
}

/// The result of checking an alignment against its texts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Why the alignment is unusable in itself (see [`Alignment::validate`]); empty when sound.
    pub problems: Vec<String>,
    /// What changed in each text; `None` when the text is the one that was aligned.
    pub left: Option<Change>,
    pub right: Option<Change>,
}

impl Report {
    pub fn is_broken(&self) -> bool {
        !self.problems.is_empty()
    }

    pub fn is_stale(&self) -> bool {
        self.left.is_some() || self.right.is_some()
    }

    pub fn is_ok(&self) -> bool {
        !self.is_broken() && !self.is_stale()
    }

    /// One line saying what is wrong (empty when nothing is).
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(first) = self.problems.first() {
            let more = match self.problems.len() {
                1 => String::new(),
                n => format!(" (and {} more problems)", n - 1),
            };
            parts.push(format!("{first}{more}"));
        }
        parts.extend(self.left.iter().chain(self.right.iter()).map(Change::describe));
        parts.join("; ")
    }
}

impl Alignment {
    /// Whether the alignment fits the two documents as they are now: the texts it was made
    /// from, every paragraph of both in exactly one group, in order.
    pub fn fits(&self, left: &Document, right: &Document) -> bool {
        if self.left.hash != left.content_hash() || self.right.hash != right.content_hash() {
            return false;
        }
        let mut next = (0, 0);
        for g in &self.groups {
            for (ids, next, len) in [(&g.left, &mut next.0, left.len()), (&g.right, &mut next.1, right.len())]
            {
                for &i in ids {
                    if i != *next || i >= len {
                        return false;
                    }
                    *next += 1;
                }
            }
        }
        next == (left.len(), right.len())
    }

    /// Compares the alignment with the texts as they are now: it is stale when a text's
    /// content hash or paragraph count differs from the one recorded. Without the file's
    /// excerpts only that much can be said; [`AlignmentFile::check_against`] says more.
    pub fn check_against(&self, left: &Document, right: &Document) -> Report {
        self.check_with(None, left, right)
    }

    pub(super) fn check_with(
        &self,
        excerpts: Option<&[Excerpt]>,
        left: &Document,
        right: &Document,
    ) -> Report {
        let problems = self.problems().iter().map(|p| p.describe(self, None)).collect();
        let side_change = |name: &'static str, side: &SourceText, doc: &Document| -> Option<Change> {
            if side.hash == doc.content_hash() && side.paragraphs == doc.len() {
                return None;
            }
            let mut change = Change {
                side: name,
                lang: side.lang,
                source: side.source.clone(),
                paragraphs_then: side.paragraphs,
                paragraphs_now: doc.len(),
                groups_changed: None,
                first_changed: None,
                matches_again_from: None,
            };
            if let Some(ex) = excerpts {
                let (mut changed, mut total) = (0, 0);
                for (i, (g, e)) in self.groups.iter().zip(ex).enumerate() {
                    let (ids, stored) =
                        if name == "left" { (&g.left, &e.left) } else { (&g.right, &e.right) };
                    if stored.is_empty() {
                        continue;
                    }
                    total += 1;
                    let now = excerpt(Some(doc), ids);
                    if &now != stored {
                        changed += 1;
                        if change.first_changed.is_none() {
                            change.first_changed = Some((i, ids.clone(), stored.clone(), now));
                        }
                    }
                }
                if total > 0 {
                    change.groups_changed = Some((changed, total));
                }
                let delta = doc.len() as i64 - side.paragraphs as i64;
                if let (Some((first, ..)), true) = (&change.first_changed, delta != 0) {
                    change.matches_again_from = self.shifted_match_start(ex, name, doc, delta, *first);
                }
            }
            Some(change)
        };
        Report {
            problems,
            left: side_change("left", &self.left, left),
            right: side_change("right", &self.right, right),
        }
    }
}

impl Alignment {
    /// The first group after `first_changed` from which every group with an excerpt matches
    /// the text once its ids on side `name` are shifted by `delta`.
    fn shifted_match_start(
        &self,
        excerpts: &[Excerpt],
        name: &str,
        doc: &Document,
        delta: i64,
        first_changed: usize,
    ) -> Option<usize> {
        let mut start = None;
        for (i, (g, e)) in self.groups.iter().zip(excerpts).enumerate().skip(first_changed + 1).rev() {
            let (ids, stored) = if name == "left" { (&g.left, &e.left) } else { (&g.right, &e.right) };
            if stored.is_empty() || ids.is_empty() {
                continue;
            }
            let shifted: Option<Vec<usize>> =
                ids.iter().map(|&id| usize::try_from(id as i64 + delta).ok()).collect();
            match shifted {
                Some(v) if &excerpt(Some(doc), &v) == stored => start = Some(i),
                _ => break,
            }
        }
        start
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use crate::alignment::Group;
    use crate::alignment::testing::al;

    #[test]
    fn gaps_repeats_and_order_are_named() {
        let a = al(vec![Group::new(vec![0], vec![0], 0.9), Group::new(vec![2], vec![1], 0.9)], 3, 2);
        let e = a.validate().unwrap_err().to_string();
        assert!(
            e.contains("group 2 (left [2], right [1])") && e.contains("left paragraph 1 is in no group"),
            "{e}"
        );
        let a = al(vec![Group::new(vec![0, 1], vec![0], 0.9), Group::new(vec![1], vec![1], 0.9)], 2, 2);
        let e = a.validate().unwrap_err().to_string();
        assert!(e.contains("appears twice (also group 1)"), "{e}");
        let a = al(vec![Group::new(vec![1], vec![0], 0.9), Group::new(vec![0], vec![1], 0.9)], 2, 2);
        let e = a.validate().unwrap_err().to_string();
        assert!(
            e.contains("group 1") && e.contains("out of order: 1 comes before 0 (which is in group 2)"),
            "{e}"
        );
        let a = al(vec![Group::new(vec![0], vec![0], 0.9)], 3, 1);
        let e = a.validate().unwrap_err().to_string();
        assert!(e.contains("left paragraphs 1-2 are in no group"), "{e}");
    }
}
