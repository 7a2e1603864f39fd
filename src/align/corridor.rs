//! Where on the grid to search, so that time and memory grow linearly with the texts.
//!
//! The first path is searched in a band around a guess: where the right text has come as far
//! as the left, in bytes at the length ratio, bent through anchors found once in each text
//! (see [`Band::guided`]). Later searches run in a corridor around the path found before.
//!
//! Every search then checks where its best path runs along the band's edge, or leaves out a
//! long run of paragraphs (what a path does when the true one lies outside its band and
//! pairing is dearer than skipping): there the band is widened, and only there, and
//! searched again. A wrong guess is corrected where it is wrong, at the cost of that
//! stretch; the rest of the text costs nothing more.

use super::anchors::Features;
use super::search::{Backward, Band, Forward, Lattice, Params, SHAPES, Scorer};
use rayon::prelude::*;
use std::sync::Arc;

/// Grids up to this many nodes are searched whole.
pub const FULL_SEARCH_NODES: usize = 300_000;
/// Half-width of the first band, around the guess.
const FIRST_BAND: usize = 16;
/// Most nodes a band may grow to (about 9 bytes each while searching).
const MAX_NODES: usize = 40_000_000;
/// Most rounds of widening a band where the path touches its edge.
const MAX_ROUNDS: usize = 10;
/// Paragraphs left out in a row, in the middle of the texts, that make a stretch suspect.
const SUSPECT_SKIPS: usize = 6;

/// A best path: its nodes from (0, 0) to (n, m) and the shape of each step, and the band it
/// was found in.
pub struct Found {
    pub nodes: Vec<(usize, usize)>,
    pub shapes: Vec<usize>,
    pub band: Band,
}

/// The first path: on the whole grid when it is small, else in a band around the guess
/// that lengths and `pins` (nodes believed to be on the path) make, widened where needed.
pub fn first(f: &Features, p: &Params, pins: &[(usize, usize)]) -> Found {
    let (n, m) = (f.left.len.len(), f.right.len.len());
    if (n + 1).saturating_mul(m + 1) <= FULL_SEARCH_NODES {
        return search(f, p, Band::full(n, m));
    }
    // A rough path first, by lengths alone (cheap enough for a wide band), then the real one
    // around it: the rough path follows the true one far closer than any guess does.
    let rough = Params { lengths_only: true, shapes: GUIDE_SHAPES, ..p.clone() };
    let guide = search(f, &rough, Band::guided(&f.left.len, &f.right.len, p.length.ratio, pins, GUIDE_BAND));
    search(f, p, Band::around(&guide.nodes, n, m, FIRST_BAND))
}

/// Half-width of the band the rough path is searched in.
const GUIDE_BAND: usize = 64;
/// Shapes the rough path is made of (1-1, 1-0, 0-1, 2-1, 1-2).
const GUIDE_SHAPES: usize = 5;

/// The best path in `band`, the band widened where the path runs along its edge or leaves
/// out a long run of paragraphs. Each widening is searched again in the
/// stretch it changed only, between nodes of the path on either side: the rest of the path
/// stands, so a wrong guess costs the time of the stretch where it is wrong.
pub fn search(f: &Features, p: &Params, band: Band) -> Found {
    let scorer = Scorer::new(f, p);
    let lattice = Lattice::with(&scorer, band);
    let (nodes, shapes) = lattice.best_path();
    widen(&scorer, lattice.band, nodes, shapes, true)
}

/// [`search`], with the lattice of the band it ends with and its forward and backward
/// passes, for confidences. The band rarely needs widening by now: both passes run at once.
pub fn search_scored<'a>(
    f: &'a Features,
    p: &'a Params,
    band: Band,
) -> (Found, Lattice<'a>, Forward, Backward) {
    let scorer = Scorer::new(f, p);
    let mut lattice = Lattice::with(&scorer, band);
    // Long runs of left-out paragraphs are suspect the first time only: a text may really
    // lack a long passage, and widening around it again and again would grow the band to
    // the whole grid.
    let mut suspect = true;
    // The last band and its backward pass: most of it holds in a band widened here and there.
    let mut known: Option<(Band, Backward)> = None;
    loop {
        let backward = || match known.take() {
            Some((band, old)) => lattice.backward_after(&band, old),
            None => lattice.backward(),
        };
        let (forward, backward) = rayon::join(|| lattice.forward(), backward);
        let (nodes, shapes) = lattice.path(&forward);
        let width = lattice.band.cells();
        let found = widen(&scorer, lattice.band.clone(), nodes, shapes, suspect);
        suspect = false;
        if found.band.cells() == width {
            return (found, lattice, forward, backward);
        }
        drop(forward);
        let wider = Lattice::with_known(&scorer, found.band, Some(&lattice));
        known = Some((std::mem::replace(&mut lattice, wider).band, backward));
    }
}

/// The band widened where `nodes` (its best path) runs along its edge or leaves out a long
/// run of paragraphs, and the path searched again there, until it keeps inside.
fn widen(
    scorer: &Arc<Scorer<'_>>,
    mut band: Band,
    mut nodes: Vec<(usize, usize)>,
    mut shapes: Vec<usize>,
    suspect_skips: bool,
) -> Found {
    let (n, m) = scorer.size();
    if nodes.first() != Some(&(0, 0)) {
        // Cannot happen (1-0 and 0-1 steps reach every node of a connected band), but a bug
        // must show as a poor alignment, not a panic.
        return fallback(n, m, band);
    }
    for round in 1..MAX_ROUNDS {
        // Long runs of left-out paragraphs only in the first round: a text may really lack
        // a long stretch of the other, and widening there again and again would not help.
        let suspect =
            if round == 1 && suspect_skips { suspect_runs(&nodes, &shapes, n, m) } else { Vec::new() };
        let Some(wider) = band.widened_where_touched(&nodes, &suspect) else { break };
        if wider.cells() > MAX_NODES {
            break;
        }
        (nodes, shapes) = repair(scorer, &band, &wider, &nodes, &shapes);
        band = wider;
    }
    Found { nodes, shapes, band }
}

/// Rows searched again beyond those a widening changed, each side: the path there is taken
/// as it was, so it must be far enough from the change to be unaffected by it.
const REPAIR_MARGIN: usize = 48;

/// The path searched again in `wider` where it differs from `band`: each stretch of changed
/// rows, with a margin, between the path's nodes there.
fn repair(
    scorer: &Arc<Scorer<'_>>,
    band: &Band,
    wider: &Band,
    nodes: &[(usize, usize)],
    shapes: &[usize],
) -> (Vec<(usize, usize)>, Vec<usize>) {
    let (_, last) = band.rows();
    let mut stretches: Vec<(usize, usize)> = Vec::new();
    for i in 0..=last {
        if band.row(i) == wider.row(i) {
            continue;
        }
        let (from, to) = (i.saturating_sub(REPAIR_MARGIN), (i + REPAIR_MARGIN).min(last));
        match stretches.last_mut() {
            Some(s) if s.1 >= from => s.1 = to,
            _ => stretches.push((from, to)),
        }
    }
    // Where each stretch is searched: between the last node of the path at or before its
    // start and the first at or after its end, never before where the last one ended.
    let between = |(from, to): (usize, usize), done: usize| {
        let s0 = nodes.partition_point(|&(i, _)| i <= from).saturating_sub(1).max(done);
        let s1 = nodes.partition_point(|&(i, _)| i < to).min(nodes.len() - 1);
        (s1 > s0).then_some((s0, s1))
    };
    // The stretches are apart, so they are searched at once (on several threads), each as
    // if those before it had been searched as they should.
    let mut planned = Vec::new();
    let mut done = 0;
    for &stretch in &stretches {
        if let Some((s0, s1)) = between(stretch, done) {
            planned.push((s0, s1));
            done = s1;
        }
    }
    let search =
        |(s0, s1): (usize, usize)| Lattice::with(scorer, wider.part(nodes[s0], nodes[s1])).best_path();
    let mut found: Vec<_> = planned.par_iter().map(|&s| Some(search(s))).collect();
    // Then joined in order. A search that cannot start where it should (which a sound band
    // never makes) leaves the path as it was there, and those after it are searched again
    // where that puts them.
    let (mut out_nodes, mut out_shapes) = (Vec::with_capacity(nodes.len()), Vec::with_capacity(shapes.len()));
    let mut done = 0; // nodes[..done] are in the output, nodes[done] is next
    for stretch in stretches {
        let Some((s0, s1)) = between(stretch, done) else { continue };
        // `planned` runs forward, so it is sorted.
        let ready = planned.binary_search(&(s0, s1)).ok().and_then(|k| found[k].take());
        let (sub_nodes, sub_shapes) = ready.unwrap_or_else(|| search((s0, s1)));
        if sub_nodes.first() != Some(&nodes[s0]) {
            continue;
        }
        out_nodes.extend_from_slice(&nodes[done..s0]);
        out_shapes.extend_from_slice(&shapes[done..s0]);
        out_nodes.extend_from_slice(&sub_nodes[..sub_nodes.len() - 1]);
        out_shapes.extend_from_slice(&sub_shapes);
        done = s1;
    }
    out_nodes.extend_from_slice(&nodes[done..]);
    out_shapes.extend_from_slice(&shapes[done..]);
    (out_nodes, out_shapes)
}

/// Nodes (indices into the path) inside long runs of left-out paragraphs away from the
/// texts' ends: where a path skips rather than pairs, the pairs may lie outside the band.
fn suspect_runs(nodes: &[(usize, usize)], shapes: &[usize], n: usize, m: usize) -> Vec<bool> {
    let mut out = vec![false; nodes.len()];
    let mut run_start = None;
    for (s, &k) in shapes.iter().enumerate() {
        let (a, b) = SHAPES[k];
        let (i, j) = nodes[s];
        let skip = (a == 0 || b == 0) && i > 0 && j > 0 && i < n && j < m;
        match (skip, run_start) {
            (true, None) => run_start = Some(s),
            (false, Some(r)) => {
                if s - r >= SUSPECT_SKIPS {
                    out[r..=s].iter_mut().for_each(|x| *x = true);
                }
                run_start = None;
            }
            _ => {}
        }
    }
    if let Some(r) = run_start
        && shapes.len() - r >= SUSPECT_SKIPS
    {
        out[r..].iter_mut().for_each(|x| *x = true);
    }
    out
}

fn fallback(n: usize, m: usize, band: Band) -> Found {
    let mut nodes = vec![(0, 0)];
    let mut shapes = Vec::new();
    for i in 0..n {
        nodes.push((i + 1, 0));
        shapes.push(1);
    }
    for j in 0..m {
        nodes.push((n, j + 1));
        shapes.push(2);
    }
    Found { nodes, shapes, band }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A path of 1-1 steps, then `skips` 0-1 steps, then 1-1 steps again.
    fn path_with_skips(at: usize, skips: usize, len: usize) -> (Vec<(usize, usize)>, Vec<usize>) {
        let (mut nodes, mut shapes) = (vec![(0, 0)], Vec::new());
        let (mut i, mut j) = (0, 0);
        for s in 0..len {
            let k = if (at..at + skips).contains(&s) { 2 } else { 0 };
            let (a, b) = SHAPES[k];
            (i, j) = (i + a, j + b);
            nodes.push((i, j));
            shapes.push(k);
        }
        (nodes, shapes)
    }

    #[test]
    fn a_passage_one_text_lacks_widens_the_band_around_it_once_not_to_the_whole_grid() {
        use super::super::anchors;
        use super::super::length::LengthModel;
        use super::super::search::DEFAULT_PRIORS;
        use crate::document::{Document, Lang};
        // Paragraphs of irregular lengths; the right text lacks 100 of them in the middle.
        let texts: Vec<String> =
            (0..1000usize).map(|i| "word ".repeat(3 + (i * 7919 + i / 7) % 31)).collect();
        let all: Vec<&str> = texts.iter().map(String::as_str).collect();
        let lacking: Vec<&str> = all[..450].iter().chain(&all[550..]).copied().collect();
        let (left, right) =
            (Document::of_texts("l", Lang::EN, &all), Document::of_texts("r", Lang::EN, &lacking));
        let f = anchors::features(&left, &right, &[]);
        let p = Params::new(LengthModel::from_totals(&f.left.len, &f.right.len), &DEFAULT_PRIORS, 0);
        let band = Band::guided(&f.left.len, &f.right.len, p.length.ratio, &[], FIRST_BAND);
        let (found, ..) = search_scored(&f, &p, band);
        let grid = 1001 * 901;
        assert!(found.band.cells() < grid / 3, "{} of {grid} nodes searched", found.band.cells());
    }

    /// The path found on two threads (a forward pass holding the first half of the rows, a
    /// backward pass holding the second) is a best path of the whole pass.
    #[test]
    fn the_path_found_in_halves_is_the_path_of_the_whole_pass() {
        use super::super::anchors;
        use super::super::length::LengthModel;
        use super::super::search::DEFAULT_PRIORS;
        use crate::document::{Document, Lang};
        let words = ["alpha ", "beta 12 ", "Gamma ", "delta, ", "epsilon? "];
        let text = |i: usize| words[i % 5].repeat(2 + (i * 7919 + i / 3) % 23);
        let left: Vec<String> = (0..3000).map(text).collect();
        // The right text joins some paragraphs and drops others, so the path has every shape.
        let mut right = Vec::new();
        for (i, t) in left.iter().enumerate() {
            match i % 41 {
                7 => {}
                13 => right.push(format!("{t}{}", left[(i + 1) % left.len()])),
                _ => right.push(t.clone()),
            }
        }
        let l: Vec<&str> = left.iter().map(String::as_str).collect();
        let r: Vec<&str> = right.iter().map(String::as_str).collect();
        let (left, right) = (Document::of_texts("l", Lang::EN, &l), Document::of_texts("r", Lang::EN, &r));
        let f = anchors::features(&left, &right, &[]);
        let p = Params::new(LengthModel::from_totals(&f.left.len, &f.right.len), &DEFAULT_PRIORS, 0);
        let band = Band::guided(&f.left.len, &f.right.len, p.length.ratio, &[], 40);
        assert!(band.cells() > 200_000, "the band must be large enough to be searched in halves");
        let scorer = Scorer::new(&f, &p);
        let lattice = Lattice::with(&scorer, band);
        let halves = rayon::ThreadPoolBuilder::new().num_threads(2).build().expect("a pool of two threads");
        let (nodes, _) = halves.install(|| lattice.best_path());
        // Equal-cost paths may differ where the halves meet, so the test is that every node
        // of the path found lies on a path as cheap as the best one.
        let (fw, bw) = (lattice.forward(), lattice.backward());
        let through = lattice.through(&fw, &bw);
        let best = through.iter().copied().fold(f32::INFINITY, f32::min);
        assert!(best.is_finite() && nodes.len() > 2000, "{} nodes, best {best}", nodes.len());
        for &(i, j) in &nodes {
            let k = lattice.band.index(i, j).expect("the path stays in its band");
            assert!(
                through[k] <= best + best.abs() * 1e-5 + 1e-3,
                "({i}, {j}) costs {} > {best}",
                through[k]
            );
        }
    }

    #[test]
    fn long_runs_of_left_out_paragraphs_are_suspect_inside_the_texts_only() {
        let (nodes, shapes) = path_with_skips(20, 8, 60);
        let (n, m) = *nodes.last().unwrap_or(&(0, 0));
        let suspect = suspect_runs(&nodes, &shapes, n, m);
        assert!(suspect[20..=28].iter().all(|&x| x) && !suspect[10] && !suspect[40]);
        let (nodes, shapes) = path_with_skips(20, 3, 60);
        assert!(!suspect_runs(&nodes, &shapes, n, m).contains(&true), "a short run is ordinary");
        // Leaving out the first paragraphs of a text is front matter, not a lost path.
        let (nodes, shapes) = path_with_skips(0, 8, 60);
        let (n, m) = *nodes.last().unwrap_or(&(0, 0));
        assert!(!suspect_runs(&nodes, &shapes, n, m).contains(&true));
    }

    #[test]
    fn a_band_widens_where_the_path_touches_its_edge_and_nowhere_else() {
        let diagonal: Vec<(usize, usize)> = (0..=200).map(|i| (i, i)).collect();
        let band = Band::around(&diagonal, 200, 200, 4);
        let inside = vec![false; diagonal.len()];
        assert!(band.widened_where_touched(&diagonal, &inside).is_none());
        // The same path but for a bulge at row 100, three columns right: on the edge.
        let mut bulged = diagonal.clone();
        bulged[100] = (100, 103);
        let wider = band.widened_where_touched(&bulged, &inside).expect("the bulge touches the edge");
        assert!(wider.row(100).1 > band.row(100).1 + 8, "{:?} -> {:?}", band.row(100), wider.row(100));
        assert_eq!(wider.row(10), band.row(10));
        assert_eq!(wider.row(190), band.row(190));
        assert!(wider.cells() < 2 * band.cells());
    }
}
