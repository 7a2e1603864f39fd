//! Scoring a sentence alignment against a gold one: strict and lax precision, recall and F1
//! (Sennrich & Volk 2011).
//!
//! The counting follows Vecalign's `score.py`, so that figures compare with published ones:
//! - beads are compared as sets (a repeated bead counts once; a bead empty on both sides is
//!   dropped);
//! - precision runs over the system's beads, insertions and deletions included: a bead is a
//!   strict hit when the gold has exactly it, a lax hit when some gold bead shares a left id
//!   and, through the gold, a right id with it (so a system deletion is never a lax hit);
//! - recall runs over the gold's beads with the roles swapped, and leaves out 1-0 and 0-1
//!   beads on both sides;
//! - F1 is the harmonic mean of precision and recall, and every ratio with nothing to count
//!   is 0.
//!
//! Several documents are scored by adding their [`Tally`]s (micro-average), as `score.py` does.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::error::{Error, Result};

/// One bead: the left (source) ids and the right (target) ids, 0-based.
pub type Bead = (Vec<usize>, Vec<usize>);

/// Reads beads from a file, either a ladder (`[0, 1]:[0]` a line) or diglot jsonl
/// (`{"left_ids": [..], "right_ids": [..], ...}` a line); the first non-blank character decides.
pub fn read_beads(path: &Path) -> Result<Vec<Bead>> {
    let text = crate::source::read_text(path)?;
    parse_beads(&path.display().to_string(), &text)
}

/// [`read_beads`] on text in memory; `name` names it in messages.
pub fn parse_beads(name: &str, text: &str) -> Result<Vec<Bead>> {
    if text.trim_start().starts_with('{') { parse_jsonl(name, text) } else { parse_ladder(name, text) }
}

fn bad(name: &str, line: usize, message: String) -> Error {
    Error::BadAlignment { path: name.to_string(), message: format!("line {line}: {message}") }
}

/// Parses a ladder: one bead a line, `[ids]:[ids]`, blank lines skipped.
pub fn parse_ladder(name: &str, text: &str) -> Result<Vec<Bead>> {
    let mut beads = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let shown: String = line.chars().take(40).collect();
        let expected = || bad(name, i + 1, format!("expected a bead like '[0, 1]:[0]', found \"{shown}\""));
        let (l, r) = line.split_once(':').ok_or_else(expected)?;
        let side = |s: &str| -> Result<Vec<usize>> {
            let inner = s.trim().strip_prefix('[').and_then(|s| s.strip_suffix(']')).ok_or_else(expected)?;
            if inner.trim().is_empty() {
                return Ok(Vec::new());
            }
            inner
                .split(',')
                .map(|id| {
                    id.trim().parse::<usize>().map_err(|_| {
                        bad(name, i + 1, format!("'{}' is not a 0-based sentence id", id.trim()))
                    })
                })
                .collect()
        };
        beads.push((side(l)?, side(r)?));
    }
    Ok(beads)
}

/// Parses diglot jsonl: one JSON object a line with `left_ids` and `right_ids`.
pub fn parse_jsonl(name: &str, text: &str) -> Result<Vec<Bead>> {
    let mut beads = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| bad(name, i + 1, format!("not JSON ({e})")))?;
        let ids = |key: &str| -> Result<Vec<usize>> {
            let wrong = || bad(name, i + 1, format!("'{key}' must be a list of 0-based ids"));
            let list = v.get(key).and_then(|x| x.as_array()).ok_or_else(wrong)?;
            list.iter().map(|x| x.as_u64().and_then(|n| usize::try_from(n).ok()).ok_or_else(wrong)).collect()
        };
        beads.push((ids("left_ids")?, ids("right_ids")?));
    }
    Ok(beads)
}

/// Hits and misses in one direction: for precision, system beads found or not in the gold;
/// for recall, gold beads found or not in the system.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub strict_hits: usize,
    pub strict_misses: usize,
    pub lax_hits: usize,
    pub lax_misses: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.strict_hits += o.strict_hits;
        self.strict_misses += o.strict_misses;
        self.lax_hits += o.lax_hits;
        self.lax_misses += o.lax_misses;
    }
}

/// The counts behind precision and recall; add tallies to score several documents together.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub precision: Counts,
    pub recall: Counts,
}

impl Tally {
    pub fn add(&mut self, o: Tally) {
        self.precision.add(o.precision);
        self.recall.add(o.recall);
    }

    pub fn strict(&self) -> Prf {
        Prf::new(
            ratio(self.precision.strict_hits, self.precision.strict_misses),
            ratio(self.recall.strict_hits, self.recall.strict_misses),
        )
    }

    pub fn lax(&self) -> Prf {
        Prf::new(
            ratio(self.precision.lax_hits, self.precision.lax_misses),
            ratio(self.recall.lax_hits, self.recall.lax_misses),
        )
    }
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Prf {
        let sum = precision + recall;
        let f1 = if sum == 0.0 { 0.0 } else { 2.0 * precision * recall / sum };
        Prf { precision, recall, f1 }
    }
}

fn ratio(hits: usize, misses: usize) -> f64 {
    if hits + misses == 0 { 0.0 } else { hits as f64 / (hits + misses) as f64 }
}

/// Scores one system alignment against its gold.
pub fn score(gold: &[Bead], system: &[Bead]) -> Tally {
    let both = |b: &&Bead| !b.0.is_empty() && !b.1.is_empty();
    let gold_links: Vec<&Bead> = gold.iter().filter(both).collect();
    let system_links: Vec<&Bead> = system.iter().filter(both).collect();
    Tally {
        precision: count(gold.iter(), system.iter()),
        // Recall is precision with the roles swapped, on beads that link something.
        recall: count(system_links.into_iter(), gold_links.into_iter()),
    }
}

/// How many `test` beads the `reference` has exactly (strict), or overlaps on both sides
/// through one of its beads' left ids (lax).
fn count<'a>(reference: impl Iterator<Item = &'a Bead>, test: impl Iterator<Item = &'a Bead>) -> Counts {
    let nonempty = |b: &&Bead| !b.0.is_empty() || !b.1.is_empty();
    let reference: HashSet<&Bead> = reference.filter(nonempty).collect();
    let test: HashSet<&Bead> = test.filter(nonempty).collect();
    let mut right_of_left: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (l, r) in &reference {
        for &i in l {
            right_of_left.entry(i).or_default().extend(r.iter().copied());
        }
    }
    let mut c = Counts::default();
    for bead in test {
        if reference.contains(bead) {
            c.strict_hits += 1;
            c.lax_hits += 1;
            continue;
        }
        c.strict_misses += 1;
        let overlaps = bead
            .0
            .iter()
            .filter_map(|i| right_of_left.get(i))
            .any(|rs| bead.1.iter().any(|j| rs.contains(j)));
        if overlaps {
            c.lax_hits += 1;
        } else {
            c.lax_misses += 1;
        }
    }
    c
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn ladder(t: &str) -> Vec<Bead> {
        parse_ladder("t", t).unwrap()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn ladder_parses_empty_sides_and_spacing() {
        let b = ladder("[0, 1]:[0]\n\n[]:[1]\n[2]:[]\n[ 3 ,4 ] : [2,3]\n");
        assert_eq!(
            b,
            vec![(vec![0, 1], vec![0]), (vec![], vec![1]), (vec![2], vec![]), (vec![3, 4], vec![2, 3])]
        );
    }

    #[test]
    fn bad_ladder_lines_name_the_line() {
        let e = parse_ladder("g.align", "[0]:[0]\n[1]-[1]\n").unwrap_err().to_string();
        assert_eq!(e, "'g.align': line 2: expected a bead like '[0, 1]:[0]', found \"[1]-[1]\"");
        let e = parse_ladder("g.align", "[0]:[-1]\n").unwrap_err().to_string();
        assert_eq!(e, "'g.align': line 1: '-1' is not a 0-based sentence id");
        let e = parse_ladder("g.align", "[0]:[1.5]").unwrap_err().to_string();
        assert_eq!(e, "'g.align': line 1: '1.5' is not a 0-based sentence id");
        let e = parse_ladder("g.align", "0:1").unwrap_err().to_string();
        assert!(e.contains("line 1: expected a bead"), "{e}");
    }

    #[test]
    fn jsonl_reads_ids_and_rejects_bad_ones() {
        let t = "{\"left_ids\": [0, 1], \"right_ids\": [0], \"confidence\": 0.9}\n{\"left_ids\": [], \"right_ids\": [1]}\n";
        assert_eq!(parse_beads("s", t).unwrap(), vec![(vec![0, 1], vec![0]), (vec![], vec![1])]);
        let e = parse_beads("s.jsonl", "{\"left_ids\": [0], \"right_ids\": [-2]}").unwrap_err().to_string();
        assert_eq!(e, "'s.jsonl': line 1: 'right_ids' must be a list of 0-based ids");
        let e = parse_beads("s.jsonl", "{\"left_ids\": [0]}\n{").unwrap_err().to_string();
        assert!(e.starts_with("'s.jsonl': line 1: 'right_ids' must be"), "{e}");
        let e =
            parse_jsonl("s.jsonl", "{\"left_ids\": [0], \"right_ids\": [0]}\nnope").unwrap_err().to_string();
        assert!(e.starts_with("'s.jsonl': line 2: not JSON"), "{e}");
    }

    #[test]
    fn identical_alignments_score_one() {
        let g = ladder("[0]:[0]\n[1, 2]:[1]\n[]:[2]\n[3]:[3, 4]\n");
        let t = score(&g, &g);
        // Precision counts the insertion (4 beads); recall leaves it out (3 beads).
        assert_eq!(t.precision, Counts { strict_hits: 4, strict_misses: 0, lax_hits: 4, lax_misses: 0 });
        assert_eq!(t.recall, Counts { strict_hits: 3, strict_misses: 0, lax_hits: 3, lax_misses: 0 });
        assert_eq!(t.strict(), Prf { precision: 1.0, recall: 1.0, f1: 1.0 });
        assert_eq!(t.lax(), Prf { precision: 1.0, recall: 1.0, f1: 1.0 });
    }

    #[test]
    fn split_merge_and_deletion_worked_by_hand() {
        // Gold: 0-0, 1+2 to 1, 3 deleted, 4 to 2+3.
        let gold = ladder("[0]:[0]\n[1, 2]:[1]\n[3]:[]\n[4]:[2, 3]\n");
        // System: 0-0 (exact), 1-1 and 2-[] (splits the 2-1), 3-2 (wrong), 4-3 (part of 4-2+3).
        let sys = ladder("[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[2]\n[4]:[3]\n");
        let t = score(&gold, &sys);
        // Precision over the 5 system beads: only 0-0 is exact. Lax: 1-1 overlaps gold 1+2-1,
        // 4-3 overlaps gold 4-2+3; 2-[] has no right id to overlap; 3-2: gold maps 3 to nothing.
        assert_eq!(t.precision, Counts { strict_hits: 1, strict_misses: 4, lax_hits: 3, lax_misses: 2 });
        // Recall over the 3 gold links (3-[] left out), against the 4 system links:
        // 0-0 exact; 1+2-1 overlaps system 1-1; 4-2+3 overlaps system 4-3.
        assert_eq!(t.recall, Counts { strict_hits: 1, strict_misses: 2, lax_hits: 3, lax_misses: 0 });
        let s = t.strict();
        assert!(close(s.precision, 0.2) && close(s.recall, 1.0 / 3.0), "{s:?}");
        // 2 * 0.2 * (1/3) / (0.2 + 1/3) = (2/15) / (8/15) = 0.25
        assert!(close(s.f1, 0.25), "{s:?}");
        let l = t.lax();
        assert!(close(l.precision, 0.6) && close(l.recall, 1.0), "{l:?}");
        // 2 * 0.6 / 1.6 = 0.75
        assert!(close(l.f1, 0.75), "{l:?}");
    }

    #[test]
    fn a_matching_deletion_is_a_strict_hit_but_not_a_recall_bead() {
        let gold = ladder("[0]:[0]\n[1]:[]\n");
        let sys = ladder("[0]:[0]\n[1]:[]\n[1]:[]\n");
        let t = score(&gold, &sys);
        // The repeated bead counts once, as a set.
        assert_eq!(t.precision, Counts { strict_hits: 2, strict_misses: 0, lax_hits: 2, lax_misses: 0 });
        assert_eq!(t.recall, Counts { strict_hits: 1, strict_misses: 0, lax_hits: 1, lax_misses: 0 });
    }

    #[test]
    fn empty_system_scores_zero_without_dividing_by_zero() {
        let gold = ladder("[0]:[0]\n");
        let t = score(&gold, &[]);
        assert_eq!(t.recall, Counts { strict_hits: 0, strict_misses: 1, lax_hits: 0, lax_misses: 1 });
        assert_eq!(t.strict(), Prf { precision: 0.0, recall: 0.0, f1: 0.0 });
        // A bead empty on both sides is no bead.
        assert_eq!(score(&[(vec![], vec![])], &[(vec![], vec![])]), Tally::default());
    }

    #[test]
    fn tallies_add_up_counts_not_scores() {
        let g1 = ladder("[0]:[0]\n[1]:[1]\n[2]:[2]\n");
        let s1 = ladder("[0]:[0]\n[1]:[1]\n[2]:[2]\n");
        let g2 = ladder("[0]:[0]\n");
        let s2 = ladder("[0]:[1]\n");
        let mut t = score(&g1, &s1);
        t.add(score(&g2, &s2));
        // Micro-average: 3 of 4 beads right, not the mean of 1.0 and 0.0.
        assert!(close(t.strict().precision, 0.75) && close(t.strict().recall, 0.75));
    }
}
