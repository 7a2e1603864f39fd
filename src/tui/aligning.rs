//! Aligning off the UI thread: the reader opens on a provisional pairing at once, a worker
//! thread aligns, and the event loop drains its progress and result from a channel between
//! keys (as bottom's collector and gitui's async jobs do).
//!
//! The state the reader keeps about it ([`Pending`]) is plain data, and [`Event`]s are applied
//! by `App::alignment_event`, so all of it is testable without a thread or a terminal. Only
//! [`spawn`] starts a thread; `q` never waits for it (the process exit ends it).

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::mpsc::Sender;

use crate::align::{self, AlignOptions};
use crate::alignment::Group;
use crate::cache::{Cache, Entry, Key};
use crate::document::Document;

/// The confidence of a provisional group: none (the aligner has not seen it).
pub const PROVISIONAL_CONFIDENCE: f32 = 0.0;

/// An alignment being made for the open reader.
#[derive(Debug, Clone)]
pub struct Pending {
    /// Tells this job's events from those of a reader closed since.
    pub job: u64,
    /// How far the aligner has come, 0 to 1.
    pub progress: f32,
    /// Whether the sides were swapped since the job started (its groups then come the other
    /// way round).
    pub swapped: bool,
    pub options: AlignOptions,
    /// Where the result is stored for next time.
    pub cache: Cache,
}

impl Pending {
    pub fn new(options: AlignOptions, cache: Cache) -> Pending {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Pending { job: NEXT.fetch_add(1, Ordering::Relaxed), progress: 0.0, swapped: false, options, cache }
    }

    /// Takes in a progress report (never going back); true when the whole percent shown
    /// changed.
    pub fn advance(&mut self, fraction: f32) -> bool {
        let before = self.progress;
        self.progress = self.progress.max(fraction.clamp(0.0, 1.0));
        (self.progress * 100.0) as u32 != (before * 100.0) as u32
    }
}

/// What the worker reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Progress {
        job: u64,
        fraction: f32,
    },
    /// The alignment, with the aligner's warnings (collapse first).
    Done {
        job: u64,
        groups: Vec<Group>,
        warnings: Vec<String>,
    },
}

/// Aligns `left` and `right` on a thread of its own, sending progress (each whole percent
/// once) and then the result on `tx`, and storing the result in `cache` first, so that
/// quitting as soon as it shows loses nothing. A closed channel (the reader went away) is
/// no error: the work is still cached.
pub fn spawn(
    job: u64,
    left: Document,
    right: Document,
    options: AlignOptions,
    cache: Cache,
    tx: Sender<Event>,
) {
    std::thread::spawn(move || {
        let sent = AtomicU32::new(0);
        let progress = |f: f32| {
            let pct = (f.clamp(0.0, 1.0) * 100.0) as u32;
            // The aligner may report from several threads: send each percent once, in order.
            if sent.fetch_max(pct, Ordering::Relaxed) < pct {
                let _ = tx.send(Event::Progress { job, fraction: pct as f32 / 100.0 });
            }
        };
        let outcome = align::align_outcome_progress(&left, &right, &options, &progress);
        let entry = Entry::of(outcome, &left, &right);
        let key = Key::of(&left, &right, &options);
        // A cache that cannot be written costs only time next time.
        let _ = cache.put(&key, &left, &right, &entry);
        let _ = tx.send(Event::Done { job, groups: entry.groups, warnings: entry.warnings });
    });
}

/// A pairing to read by until the alignment is in: each side's paragraphs in order, cut where
/// their running share of the text's length meets the other side's (as if the translation ran
/// evenly along the text). Every paragraph is in exactly one group, in order, and a group has
/// both sides when both texts have paragraphs.
pub fn provisional(left: &Document, right: &Document) -> Vec<Group> {
    let group = |l: Vec<usize>, r: Vec<usize>| Group::new(l, r, PROVISIONAL_CONFIDENCE);
    let (nl, nr) = (left.len(), right.len());
    if nl == 0 || nr == 0 {
        return (0..nl)
            .map(|i| group(vec![i], vec![]))
            .chain((0..nr).map(|j| group(vec![], vec![j])))
            .collect();
    }
    // Lengths in characters, so a Chinese sentence and its English translation weigh alike
    // more or less; an empty paragraph still counts for one.
    let ends = |d: &Document| -> Vec<f64> {
        let mut acc = 0.0;
        let mut v: Vec<f64> = d
            .paragraphs
            .iter()
            .map(|p| {
                acc += p.text.chars().count().max(1) as f64;
                acc
            })
            .collect();
        let total = acc.max(1.0);
        v.iter_mut().for_each(|e| *e /= total);
        v
    };
    let (le, re) = (ends(left), ends(right));
    // Each right paragraph goes with the left paragraph its middle falls in.
    let mut owner = Vec::with_capacity(nr);
    let mut start = 0.0;
    for &end in &re {
        let mid = (start + end) / 2.0;
        owner.push(le.partition_point(|&e| e < mid).min(nl - 1));
        start = end;
    }
    let mut groups = Vec::new();
    let (mut cur_l, mut cur_r) = (Vec::new(), Vec::new());
    let mut j = 0;
    for i in 0..nl {
        cur_l.push(i);
        while j < nr && owner[j] == i {
            cur_r.push(j);
            j += 1;
        }
        // A left paragraph with no right one joins the next, so no row is one-sided.
        if !cur_r.is_empty() {
            groups.push(group(std::mem::take(&mut cur_l), std::mem::take(&mut cur_r)));
        }
    }
    if !cur_l.is_empty() {
        match groups.last_mut() {
            Some(g) => g.left.extend(cur_l),
            None => groups.push(group(cur_l, Vec::new())),
        }
    }
    groups
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::document::{Kind, Lang, Paragraph};

    fn doc(lang: Lang, lens: &[usize]) -> Document {
        let paragraphs = lens
            .iter()
            .map(|&n| Paragraph { text: "x".repeat(n), lang, kind: Kind::Body, lines: (1, 1) })
            .collect();
        Document { name: "d".into(), lang, paragraphs }
    }

    #[test]
    fn provisional_groups_cover_both_sides_in_order() {
        for (l, r) in [
            (vec![10, 10, 10], vec![10, 10, 10]),
            (vec![30], vec![10, 10, 10]),
            (vec![10, 10, 10], vec![30]),
            (vec![1, 1, 1, 1, 50], vec![50, 1]),
            (vec![0, 0], vec![5]),
            (vec![], vec![3, 4]),
            (vec![3], vec![]),
        ] {
            let (ld, rd) = (doc(Lang::EN, &l), doc(Lang::ZH, &r));
            let g = provisional(&ld, &rd);
            assert!(crate::cache::covers(&g, l.len(), r.len()), "{l:?} {r:?}: {g:?}");
            if !l.is_empty() && !r.is_empty() {
                assert!(g.iter().all(|g| !g.left.is_empty() && !g.right.is_empty()), "{l:?} {r:?}: {g:?}");
            }
        }
        let g = provisional(&doc(Lang::EN, &[10, 10, 10]), &doc(Lang::ZH, &[10, 10, 10]));
        assert_eq!(g.iter().map(Group::shape).collect::<Vec<_>>(), vec![(1, 1); 3]);
        let g = provisional(&doc(Lang::EN, &[30, 30]), &doc(Lang::ZH, &[10, 10, 10, 10, 10, 10]));
        assert_eq!(g.iter().map(Group::shape).collect::<Vec<_>>(), vec![(1, 3), (1, 3)]);
    }

    #[test]
    fn the_worker_reports_progress_then_the_result_and_caches_it() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path());
        let para = |t: &str, lang| Paragraph { text: t.into(), lang, kind: Kind::Body, lines: (1, 1) };
        let left = Document {
            name: "l".into(),
            lang: Lang::EN,
            paragraphs: vec![para("In 1986 there were riots.", Lang::EN), para("Then calm.", Lang::EN)],
        };
        let right = Document {
            name: "r".into(),
            lang: Lang::ZH,
            paragraphs: vec![para("1986年发生了骚乱。", Lang::ZH), para("然后平静。", Lang::ZH)],
        };
        let (tx, rx) = std::sync::mpsc::channel();
        spawn(7, left.clone(), right.clone(), AlignOptions::default(), cache.clone(), tx);
        let events: Vec<Event> = rx.iter().collect();
        let Some(Event::Done { job: 7, groups, .. }) = events.last() else { panic!("{events:?}") };
        assert!(crate::cache::covers(groups, 2, 2));
        let fractions: Vec<f32> = events
            .iter()
            .filter_map(|e| match e {
                Event::Progress { job: 7, fraction } => Some(*fraction),
                _ => None,
            })
            .collect();
        assert!(fractions.windows(2).all(|w| w[0] < w[1]), "{fractions:?}");
        assert_eq!(fractions.last(), Some(&1.0));
        let key = Key::of(&left, &right, &AlignOptions::default());
        assert_eq!(cache.get(&key, &left, &right).map(|e| e.groups), Some(groups.clone()));
    }
}
