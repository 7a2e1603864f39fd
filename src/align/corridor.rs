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
use super::search::{Band, Forward, Lattice, Params, SHAPES};

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

/// A best path: its nodes from (0, 0) to (n, m) and the shape of each step, with the
/// lattice and forward pass that found it (for confidences).
pub struct Found<'a> {
    pub nodes: Vec<(usize, usize)>,
    pub shapes: Vec<usize>,
    pub lattice: Lattice<'a>,
    pub forward: Forward,
}

/// The first path: on the whole grid when it is small, else in a band around the guess
/// that lengths and `pins` (nodes believed to be on the path) make, widened where needed.
pub fn first<'a>(f: &'a Features, p: &'a Params, pins: &[(usize, usize)]) -> Found<'a> {
    let (n, m) = (f.left.len.len(), f.right.len.len());
    if (n + 1).saturating_mul(m + 1) <= FULL_SEARCH_NODES {
        return search(f, p, Band::full(n, m), false);
    }
    search(f, p, Band::guided(&f.left.len, &f.right.len, p.length.ratio, pins, FIRST_BAND), true)
}

/// The best path in `band`, the band widened where the path runs along its edge or leaves
/// out a long run of paragraphs, and (with `costs`, for a band around a mere guess) once
/// where it costs much more per step than elsewhere.
pub fn search<'a>(f: &'a Features, p: &'a Params, band: Band, costs: bool) -> Found<'a> {
    let (n, m) = (f.left.len.len(), f.right.len.len());
    let mut lattice = Lattice::new(f, p, band);
    let mut forward = lattice.forward();
    let mut round = 1;
    loop {
        let (nodes, shapes) = lattice.path(&forward);
        let through = nodes.first() == Some(&(0, 0));
        let wider = if round >= MAX_ROUNDS {
            None
        } else {
            // Only around a guess, and only in the first rounds: a stretch that is hard to
            // align costs more on any path, and a text may really lack a long stretch of the
            // other; widening them again and again would not help.
            let mut suspect = vec![false; nodes.len()];
            if round == 1 || (costs && round == 2) {
                suspect = suspect_runs(&nodes, &shapes, n, m);
            }
            if costs && round == 1 {
                for (s, x) in costly(&lattice, &forward, &nodes).into_iter().enumerate() {
                    suspect[s] |= x;
                }
            }
            lattice.band.widened_where_touched(&nodes, &suspect)
        };
        match wider {
            Some(b) if b.cells() <= MAX_NODES => {
                lattice = Lattice::new(f, p, b);
                forward = lattice.forward();
                round += 1;
            }
            _ if through => return Found { nodes, shapes, lattice, forward },
            // A band that cannot grow and does not let the path through: cannot happen (1-0
            // and 0-1 steps reach every node of a connected band), but a bug must show as a
            // poor alignment, not a panic.
            _ => return fallback(n, m, lattice, forward),
        }
    }
}

/// Steps averaged over to tell a stretch of the path that costs too much.
const COST_WINDOW: usize = 16;
/// How many times the path's median cost per step a stretch must cost to be suspect.
const COSTLY: f32 = 1.5;

/// Nodes of the path inside stretches that cost much more per step than the path as a
/// whole: a path that has lost the true one pairs paragraphs of unlike lengths and meaning.
fn costly(lattice: &Lattice<'_>, forward: &Forward, nodes: &[(usize, usize)]) -> Vec<bool> {
    let at: Vec<f32> = nodes
        .iter()
        .map(|&(i, j)| lattice.band.index(i, j).map_or(f32::INFINITY, |k| forward.cost[k]))
        .collect();
    costly_steps(&at)
}

/// [`costly`] given the cost of the path up to each of its nodes.
fn costly_steps(at: &[f32]) -> Vec<bool> {
    let steps: Vec<f32> = at.windows(2).map(|w| w[1] - w[0]).collect();
    let mut out = vec![false; at.len()];
    if steps.len() < 4 * COST_WINDOW || steps.iter().any(|c| !c.is_finite()) {
        return out;
    }
    let mut sorted = steps.clone();
    sorted.sort_by(f32::total_cmp);
    let median = sorted[sorted.len() / 2].max(0.1);
    let mut sum: f32 = steps[..COST_WINDOW].iter().sum();
    for s in COST_WINDOW..=steps.len() {
        if sum / COST_WINDOW as f32 > COSTLY * median {
            out[s - COST_WINDOW..=s].iter_mut().for_each(|x| *x = true);
        }
        if s < steps.len() {
            sum += steps[s] - steps[s - COST_WINDOW];
        }
    }
    out
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

fn fallback(n: usize, m: usize, lattice: Lattice<'_>, forward: Forward) -> Found<'_> {
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
    Found { nodes, shapes, lattice, forward }
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

    #[test]
    fn a_stretch_that_costs_far_more_than_the_rest_is_suspect() {
        // Costs along a path: one a step, ten a step between steps 100 and 130.
        let mut cost = vec![0.0f32];
        for s in 0..200 {
            let step = if (100..130).contains(&s) { 10.0 } else { 1.0 };
            cost.push(cost[s] + step);
        }
        let flagged = costly_steps(&cost);
        assert!(flagged[110] && flagged[120] && !flagged[20] && !flagged[180]);
    }
}
