//! The search: dynamic programming over group shapes (1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1,
//! 1-3, 4-1, 1-4, 3-2, 2-3, 5-1, 1-5) within a band of the (left, right) grid, forward for the best
//! path and backward for the best completion of every node, whose sum says how much worse the
//! best alternative through any node is (see [`super::confidence`]).
//!
//! A node `(i, j)` is the point where `i` left and `j` right paragraphs have been grouped. A
//! group's cost is the prior of its shape, the length term, a bounded anchor term (the share
//! of its anchors that meet a partner lowers it; a left-out paragraph's anchors raise the cost
//! of leaving it out), small kind/punctuation terms and an ending term (learned weights for
//! the two sides' last paragraphs ending alike or not). Leaving out a paragraph is cheap at
//! either end of the other text, for noise and for notes.
//! All per-paragraph features are precomputed; the inner loop only adds prefix sums and reads
//! the pairwise anchor table, so time and memory grow with the band's area.

use super::anchors::{
    self, CAPTION, FOOTNOTE, Features, HEADING, MARK_EXCLAIM, MARK_QUOTE, NOISE, POINT, QUESTION,
};
use super::length::{self, LengthModel};
use std::sync::Arc;
use std::sync::OnceLock;

/// Group shapes: (left paragraphs, right paragraphs).
pub const SHAPES: [(usize, usize); NSHAPES] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
    (4, 1),
    (1, 4),
    (3, 2),
    (2, 3),
    (5, 1),
    (1, 5),
];
pub const NSHAPES: usize = 14;

/// Default shape probabilities, roughly Gale & Church's, with room for sentence splits.
pub const DEFAULT_PRIORS: [f32; NSHAPES] =
    [0.85, 0.01, 0.01, 0.05, 0.05, 0.01, 0.005, 0.005, 0.002, 0.002, 0.002, 0.002, 0.001, 0.001];

/// How likely a left-out paragraph is to follow another of its side, before a path says.
pub const DEFAULT_GAP_EXT: f32 = 0.35;

/// Everything the cost of a group depends on besides the features.
#[derive(Debug, Clone)]
pub struct Params {
    pub length: LengthModel,
    /// Cost (negative log prior) of each shape of [`SHAPES`].
    pub prior: [f32; NSHAPES],
    /// Largest reduction shared anchors give a group (when all its anchors meet a partner).
    pub anchor_bonus: f32,
    /// Largest increase a left-out paragraph's anchors give it.
    pub anchor_penalty: f32,
    /// Anchor weight at which bonus and penalty reach half their size.
    pub anchor_half: f32,
    /// Cost of a heading paired with something else, or of a group joining numbered points
    /// on one side to fewer on the other (half of it for a question); only for kinds both
    /// texts have.
    pub kind_mismatch: f32,
    /// Flags present in both texts (the others say nothing).
    pub flag_mask: u8,
    /// Cost of a group whose two sides end alike / differently, for each `END_*` bit
    /// ([`anchors::END_QUOTE`]...): learned from a path (see `ending_costs`), zero before.
    pub end_cost: [[f32; 2]; anchors::END_KINDS],
    /// Cost of a group whose two sides carry a kind of punctuation alike / not alike, for
    /// each `MARK_*` bit, counted only for the kinds both texts use: learned from a path (see
    /// `mark_costs`); before that, a quotation or an exclamation on one side only costs
    /// [`PUNCTUATION_MISMATCH`].
    pub mark_cost: [[f32; 2]; anchors::MARK_KINDS],
    /// Cost of leaving out a paragraph at either end of the other text.
    pub end_skip: f32,
    /// How much a left-out paragraph's length adds to its cost, per length-model deviation.
    pub skip_length: f32,
    /// Cost of a left-out paragraph's shape when the paragraph before it on the same side was
    /// left out too (instead of the 1-0 or 0-1 prior): a passage one text lacks is left out
    /// as a run, at the price of one unlikely event and a likelier one a paragraph, not as
    /// many unlikely events. For the left side, then the right.
    pub gap_ext: [f32; 2],
    /// How many of [`SHAPES`] the search tries (the first ones).
    pub shapes: usize,
    /// Lengths and shape priors only: a rough path, fast, to search around.
    pub lengths_only: bool,
}

impl Params {
    pub fn new(length: LengthModel, priors: &[f32; NSHAPES], flag_mask: u8) -> Params {
        Params {
            length,
            prior: priors.map(|p| -p.max(1e-6).ln()),
            anchor_bonus: 8.0,
            anchor_penalty: 2.0,
            anchor_half: 3.0,
            kind_mismatch: 1.5,
            flag_mask,
            end_cost: [[0.0; 2]; anchors::END_KINDS],
            mark_cost: std::array::from_fn(|b| {
                let bit = 1 << b;
                [0.0, if bit & (MARK_QUOTE | MARK_EXCLAIM) != 0 { PUNCTUATION_MISMATCH } else { 0.0 }]
            }),
            skip_length: 0.5,
            end_skip: 2.0,
            shapes: NSHAPES,
            gap_ext: [-DEFAULT_GAP_EXT.ln(); 2],
            lengths_only: false,
        }
    }
}

/// The nodes searched: for each row `i` from `first`, the columns `lo[i]..=hi[i]`. A whole
/// band runs from (0, 0) to (n, m); a part of one (see [`Band::part`]) between two nodes.
#[derive(Debug, Clone)]
pub struct Band {
    first: usize,
    lo: Vec<u32>,
    hi: Vec<u32>,
    start: Vec<usize>,
    m: usize,
}

impl Band {
    fn from_bounds(lo: Vec<u32>, hi: Vec<u32>, m: usize) -> Band {
        Band::between(0, lo, hi, 0, m)
    }

    /// Rows `first..first + lo.len()`, from column `from` in the first row to column `to` in
    /// the last.
    fn between(first: usize, mut lo: Vec<u32>, mut hi: Vec<u32>, from: usize, to: usize) -> Band {
        let n1 = lo.len();
        // Non-decreasing bounds keep every node's predecessors in reach.
        for i in (0..n1.saturating_sub(1)).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        for i in 1..n1 {
            hi[i] = hi[i].max(hi[i - 1]);
        }
        if let Some(l) = lo.first_mut() {
            *l = from as u32;
        }
        if let Some(h) = hi.last_mut() {
            *h = to as u32;
        }
        // Each row must reach the next one's first column, or the band could be cut in two.
        for i in 0..n1.saturating_sub(1) {
            hi[i] = hi[i].max(lo[i + 1]);
        }
        let mut start = Vec::with_capacity(n1 + 1);
        let mut s = 0;
        for i in 0..n1 {
            start.push(s);
            s += (hi[i] - lo[i] + 1) as usize;
        }
        start.push(s);
        Band { first, lo, hi, start, m: to }
    }

    /// The part of this band between nodes `from` and `to` (which must be in it, in order),
    /// for searching again there only.
    pub fn part(&self, from: (usize, usize), to: (usize, usize)) -> Band {
        let rows = from.0 - self.first..=to.0 - self.first;
        let (j0, j1) = (from.1 as u32, to.1 as u32);
        let lo = self.lo[rows.clone()].iter().map(|&l| l.clamp(j0, j1)).collect();
        let hi = self.hi[rows].iter().map(|&h| h.clamp(j0, j1)).collect();
        let mut band = Band::between(from.0, lo, hi, from.1, to.1);
        band.m = self.m;
        band
    }

    /// The first and last row.
    pub fn rows(&self) -> (usize, usize) {
        (self.first, self.first + self.lo.len().saturating_sub(1))
    }

    pub fn full(n: usize, m: usize) -> Band {
        Band::from_bounds(vec![0; n + 1], vec![m as u32; n + 1], m)
    }

    /// Around the path that lengths and pinned points suggest, `w` columns each side.
    /// `points` are nodes believed to be on the path (paragraphs sharing an anchor found once
    /// in each text), increasing in both coordinates. Between two points, row `i` is centred
    /// on the column where the right text has come as far (in bytes, at the ratio of that
    /// stretch) as the left after `i` paragraphs; before the first and after the last point,
    /// at `ratio`. This follows the real path much closer than the straight diagonal.
    pub fn guided(left: &[f32], right: &[f32], ratio: f32, points: &[(usize, usize)], w: usize) -> Band {
        let (n, m) = (left.len(), right.len());
        let cum_l = prefix64(left);
        let cum_r = prefix64(right);
        let (mut lo, mut hi) = (Vec::with_capacity(n + 1), Vec::with_capacity(n + 1));
        let mut next = 0; // the first point at or after the current row
        let mut j = 0usize;
        for i in 0..=n {
            while next < points.len() && points[next].0 < i {
                next += 1;
            }
            let (from, to) = (next.checked_sub(1).map(|k| points[k]), points.get(next).copied());
            let (i0, j0) = from.unwrap_or((0, 0));
            let q = match to {
                Some((i1, j1)) if cum_l[i1] > cum_l[i0] => (cum_r[j1] - cum_r[j0]) / (cum_l[i1] - cum_l[i0]),
                _ => f64::from(ratio),
            };
            let target = cum_r[j0] + q * (cum_l[i] - cum_l[i0]);
            while j < m && cum_r[j] + f64::from(right[j]) * 0.5 <= target {
                j += 1;
            }
            lo.push(j.saturating_sub(w) as u32);
            hi.push((j + w).min(m) as u32);
        }
        Band::from_bounds(lo, hi, m)
    }

    /// Around a path of nodes, `w` columns each side.
    pub fn around(path: &[(usize, usize)], n: usize, m: usize, w: usize) -> Band {
        let mut lo = vec![u32::MAX; n + 1];
        let mut hi = vec![0u32; n + 1];
        for &(i, j) in path {
            lo[i] = lo[i].min(j.saturating_sub(w) as u32);
            hi[i] = hi[i].max((j + w).min(m) as u32);
        }
        // Rows inside a 2-1 or 3-1 group have no node of their own: borrow the next row's.
        for i in (0..n).rev() {
            if lo[i] == u32::MAX {
                lo[i] = lo[i + 1];
                hi[i] = hi[i + 1];
            }
        }
        Band::from_bounds(lo, hi, m)
    }

    /// The band widened where `path` runs along an edge that could move: around each such
    /// node, for as many rows each side as the row is wide, the edge moves out by the row's
    /// width, so repeated widening doubles the band there and nowhere else. `None` when the
    /// path keeps to the inside.
    /// `suspect` marks more nodes of `path` to widen around, at both edges.
    pub fn widened_where_touched(&self, path: &[(usize, usize)], suspect: &[bool]) -> Option<Band> {
        let last = self.lo.len().checked_sub(1)?;
        let (mut lo, mut hi) = (self.lo.clone(), self.hi.clone());
        let mut touched = false;
        for (s, &(i, j)) in path.iter().enumerate() {
            let (l, h) = self.row(i);
            let odd = suspect.get(s).copied().unwrap_or(false);
            let low = l > 0 && (j <= l + 1 || odd);
            let high = h < self.m && (j + 1 >= h || odd);
            if !(low || high) {
                continue;
            }
            touched = true;
            let width = 2 * (h - l).max(8);
            for r in i.saturating_sub(width)..=(i + width).min(last) {
                if low {
                    lo[r] = lo[r].min(j.saturating_sub(width) as u32);
                }
                if high {
                    hi[r] = hi[r].max((j + width).min(self.m) as u32);
                }
            }
        }
        touched.then(|| Band::from_bounds(lo, hi, self.m))
    }

    pub fn cells(&self) -> usize {
        self.start.last().copied().unwrap_or(0)
    }

    #[inline]
    pub fn index(&self, i: usize, j: usize) -> Option<usize> {
        let r = i.checked_sub(self.first)?;
        let (lo, hi) = (*self.lo.get(r)? as usize, self.hi[r] as usize);
        (j >= lo && j <= hi).then(|| self.start[r] + j - lo)
    }

    #[inline]
    pub fn row(&self, i: usize) -> (usize, usize) {
        (self.lo[i - self.first] as usize, self.hi[i - self.first] as usize)
    }

    /// Where row `i`'s nodes start in the band's arrays.
    #[inline]
    fn row_start(&self, i: usize) -> usize {
        self.start[i - self.first]
    }

    /// Whether a path comes within one column of the band's edge where the band could grow.
    pub fn touches_edge(&self, path: &[(usize, usize)]) -> bool {
        path.iter().any(|&(i, j)| {
            let (lo, hi) = self.row(i);
            (lo > 0 && j <= lo + 1) || (hi < self.m && j + 1 >= hi)
        })
    }
}

/// Cost of exclamation marks or quotation marks on one side of a group only: translations
/// mostly keep them, so they help place boundaries in dialogue.
const PUNCTUATION_MISMATCH: f32 = 0.3;

/// Most a left-out paragraph's length adds to its cost: a translator's note or a missing
/// paragraph can be long, and a length model fitted to a few pairs can be very narrow.
const SKIP_LENGTH_MAX: f32 = 3.0;

/// Tail costs of the length model tabulated by z², so the inner loop needs no `exp`/`ln`.
struct TailTable {
    table: Vec<f32>,
    step: f32,
}

const TAIL_MAX_Z2: f32 = 256.0;

impl TailTable {
    fn new() -> TailTable {
        let n = 4096;
        let step = TAIL_MAX_Z2 / n as f32;
        let table = (0..=n + 1).map(|k| length::tail_cost((k as f32 * step).sqrt())).collect();
        TailTable { table, step: 1.0 / step }
    }

    #[inline]
    fn get(&self, z2: f32) -> f32 {
        if z2 >= TAIL_MAX_Z2 {
            // Far out the cost is about z²/2 + ln(z²)/2 - 0.226; ln(z²) barely moves there.
            return 0.5 * z2 + 2.547;
        }
        let x = z2 * self.step;
        // A NaN z² (a degenerate length model) becomes 0; 32 bits convert faster than 64.
        let k = (x as u32 as usize).min(self.table.len() - 2);
        let f = x - k as f32;
        self.table[k] * (1.0 - f) + self.table[k + 1] * f
    }
}

/// The grid with everything precomputed for one search.
pub struct Lattice<'a> {
    s: Arc<Scorer<'a>>,
    pub band: Band,
    /// Anchor weight shared by left paragraph i-1 and right paragraph j-1, at node (i, j).
    sim: Vec<f32>,
}

/// What the cost of a group needs besides the band, for one search: computed once for the
/// whole texts and shared by every lattice the search makes.
pub struct Scorer<'a> {
    f: &'a Features,
    p: &'a Params,
    n: usize,
    m: usize,
    len_l: Vec<f32>,
    len_r: Vec<f32>,
    w_l: Vec<f32>,
    w_r: Vec<f32>,
    /// Numbered points up to each paragraph.
    points_l: Vec<f32>,
    points_r: Vec<f32>,
    /// The ending term of a group by which `END_*` bits its two sides differ in.
    end_cost: [f32; 1 << anchors::END_KINDS],
    /// The punctuation term of a group by which `MARK_*` bits its two sides differ in.
    mark_cost: [f32; 1 << anchors::MARK_KINDS],
    /// Each paragraph's `MARK_*` bits, none where the features have none.
    marks_l: Vec<u8>,
    marks_r: Vec<u8>,
    /// The least the terms after the length term can add (the ending term can be negative).
    min_extra: f32,
    /// The cost of leaving out each paragraph, away from and at the other text's ends.
    skip_l: Vec<[f32; 3]>,
    skip_r: Vec<[f32; 3]>,
    tail: &'static TailTable,
}

static TAIL: OnceLock<TailTable> = OnceLock::new();

impl<'a> Scorer<'a> {
    /// Paragraphs of the left and right text.
    pub fn size(&self) -> (usize, usize) {
        (self.n, self.m)
    }

    pub fn new(f: &'a Features, p: &'a Params) -> Arc<Scorer<'a>> {
        let (n, m) = (f.left.len.len(), f.right.len.len());
        let end_cost: [f32; 1 << anchors::END_KINDS] = by_differing_bits(&p.end_cost, u8::MAX);
        let marks = |side: &anchors::SideFeatures| {
            let mut v = side.marks.clone();
            v.resize(side.len.len(), 0);
            v
        };
        let (marks_l, marks_r) = (marks(&f.left), marks(&f.right));
        // A kind of punctuation one text never uses says nothing about the other's.
        let both = anchors::union(&marks_l) & anchors::union(&marks_r);
        let mark_cost: [f32; 1 << anchors::MARK_KINDS] = by_differing_bits(&p.mark_cost, both);
        let tail = TAIL.get_or_init(TailTable::new);
        let skips = |side: &anchors::SideFeatures, scale: f32, k: usize| -> Vec<[f32; 3]> {
            (0..side.len.len())
                .map(|u| {
                    let w = side.anchor_weight[u] - side.dictionary_weight.get(u).copied().unwrap_or(0.0);
                    Lattice::skip_cost(p, tail, side.len[u] * scale, side.flags[u], w, k)
                })
                .collect()
        };
        let points = |side: &anchors::SideFeatures| {
            prefix(&side.flags.iter().map(|&x| f32::from(x & POINT != 0)).collect::<Vec<_>>())
        };
        Arc::new(Scorer {
            f,
            p,
            n,
            m,
            skip_l: skips(&f.left, p.length.ratio, 1),
            skip_r: skips(&f.right, 1.0, ZERO_ONE),
            len_l: prefix(&f.left.len),
            len_r: prefix(&f.right.len),
            w_l: prefix(&f.left.anchor_weight),
            w_r: prefix(&f.right.anchor_weight),
            points_l: points(&f.left),
            points_r: points(&f.right),
            end_cost,
            mark_cost,
            marks_l,
            marks_r,
            min_extra: end_cost.iter().copied().fold(0.0, f32::min)
                + mark_cost.iter().copied().fold(0.0, f32::min),
            tail,
        })
    }
}

impl Scorer<'_> {
    /// One shape's groups ending along part of a row, by lengths and shape priors only (see
    /// [`Params::lengths_only`]): for each node `t` of `cur`, the group whose left side is
    /// `left` and whose right paragraphs have the lengths `right` gives, reached at cost
    /// `from[t]`, lowers `cur[t]` when it costs less, and says so in `steps`. The same
    /// arithmetic as [`Lattice::pair_cost`], in a loop with nothing else in it: the rough
    /// path searches the widest band.
    #[inline]
    fn lengths_only_row<S: Steps + ?Sized>(
        &self,
        left: &LeftPart,
        k: usize,
        from: &[f32],
        right: RightLengths<'_>,
        cur: &mut [f32],
        steps: &mut S,
    ) {
        let prior = self.p.prior[k];
        let lm = &self.p.length;
        let scaled = lm.ratio * left.len;
        let (ends, starts) = right;
        let it = from.iter().zip(ends).zip(starts).zip(cur.iter_mut());
        for (t, (((&base, &end), &begin), here)) in it.enumerate() {
            let best = *here;
            // The prior is the least a group costs.
            if base + prior >= best {
                continue;
            }
            let z2 = length_z2(lm, scaled, end - begin);
            let c = base + (prior + self.tail.get(z2));
            if c < best {
                *here = c;
                steps.set(t, k as u8);
            }
        }
    }
}

/// The squared deviation of a right length `rl` from the left one scaled to it, in units of the
/// length model's spread (Gale & Church's z²).
#[inline(always)]
fn length_z2(lm: &LengthModel, scaled: f32, rl: f32) -> f32 {
    let mean = (scaled + rl) * 0.5;
    let d = rl - scaled;
    d * d / (lm.var * mean.max(1.0))
}

/// The prefix sums of the right lengths at the ends and at the starts of a run of groups.
type RightLengths<'a> = (&'a [f32], &'a [f32]);

/// Where a pass records the shape that gave each node its cost.
trait Steps {
    fn set(&mut self, t: usize, k: u8);
}

impl Steps for [u8] {
    #[inline]
    fn set(&mut self, t: usize, k: u8) {
        self[t] = k;
    }
}

/// Steps not kept (a backward pass for costs only).
struct Discard;

impl Steps for Discard {
    #[inline]
    fn set(&mut self, _: usize, _: u8) {}
}

/// A term of a group for each set of bits its two sides differ in (the index): the sum, over
/// the bits in `used`, of each bit's cost when alike or differing (`costs[bit]`).
fn by_differing_bits<const K: usize, const N: usize>(costs: &[[f32; 2]; K], used: u8) -> [f32; N] {
    std::array::from_fn(|x| {
        costs.iter().enumerate().filter(|&(b, _)| used >> b & 1 != 0).map(|(b, c)| c[(x >> b) & 1]).sum()
    })
}

fn prefix64(v: &[f32]) -> Vec<f64> {
    let mut out = Vec::with_capacity(v.len() + 1);
    let mut s = 0.0;
    out.push(0.0);
    for &x in v {
        s += f64::from(x);
        out.push(s);
    }
    out
}

fn prefix(v: &[f32]) -> Vec<f32> {
    let mut out = Vec::with_capacity(v.len() + 1);
    let mut s = 0.0;
    out.push(0.0);
    for x in v {
        s += x;
        out.push(s);
    }
    out
}

/// Bands with fewer nodes are searched on one thread.
const PARALLEL_CELLS: usize = 200_000;
/// Most rows a step of [`SHAPES`] spans (5-1).
const MAX_ROWS_A_STEP: usize = 5;

/// Index of the 0-1 shape in [`SHAPES`].
const ZERO_ONE: usize = 2;

/// What a group's cost needs of its left paragraphs (see [`Lattice::left_part`]).
struct LeftPart {
    w: f32,
    flags: u8,
    len: f32,
    points: f32,
    end: u8,
    marks: u8,
}

/// The result of a forward pass: the best cost into each node and the shape of its last
/// step, and the best cost into it by a step that leaves out a left (then right) paragraph,
/// with whether that step continued a run (bit 1 left, bit 2 right).
pub struct Forward {
    pub cost: Vec<f32>,
    back: Vec<u8>,
    run: [Vec<f32>; 2],
    extends: Vec<u8>,
}

/// The best cost from each node to the end: after any step into it ([`ANY`]), after a 1-0
/// step ([`IN_LEFT_RUN`]: one more 1-0 continues the run), after a 0-1 step; and the shape
/// each starts with.
pub struct Backward {
    /// Indexed from `offset`: a pass from a middle row on holds only the rows it reaches.
    cost: [Vec<f32>; 3],
    next: [Vec<u8>; 3],
    offset: usize,
}

impl Forward {
    /// The step into node `here` from `prev` that leaves out a paragraph of `side`, costing
    /// `open` when it starts a run of them and `more` when it continues the run into `prev`.
    fn leave_out(&mut self, side: usize, prev: usize, here: usize, open: f32, more: f32) {
        let (c, continues) = gap_step(self.cost[prev] + open, self.run[side][prev] + more);
        if continues {
            self.extends[here] |= 1 << side;
        }
        self.run[side][here] = c;
        let k = [ONE_ZERO, ZERO_ONE][side];
        if replaces(c, self.cost[here], self.back[here], k) {
            self.cost[here] = c;
            self.back[here] = k as u8;
        }
    }
}

/// The cost of a left-out step: starting a run of them (`begin`) or continuing the one before
/// (`go_on`), whichever is cheaper, and whether it continues it.
#[inline(always)]
fn gap_step(begin: f32, go_on: f32) -> (f32, bool) {
    if go_on < begin { (go_on, true) } else { (begin, false) }
}

/// Whether a step of shape `k` costing `c` replaces the best step into a node so far (costing
/// `was`, of shape `by`). On a tie the shape first in SHAPES wins, as if all were tried in
/// order.
#[inline(always)]
fn replaces(c: f32, was: f32, by: u8, k: usize) -> bool {
    c < was || (c == was && by != NONE && usize::from(by) > k)
}

/// The sides, as indices of [`Forward::run`].
const LEFT: usize = 0;
const RIGHT: usize = 1;

const ANY: usize = 0;
const IN_LEFT_RUN: usize = 1;
const IN_RIGHT_RUN: usize = 2;
/// Index of the 1-0 shape in [`SHAPES`].
const ONE_ZERO: usize = 1;

/// The state a step of shape `k` arrives in.
fn state_after(k: usize) -> usize {
    match k {
        ONE_ZERO => IN_LEFT_RUN,
        ZERO_ONE => IN_RIGHT_RUN,
        _ => ANY,
    }
}

const NONE: u8 = u8::MAX;

/// A set of concept ids as bits, for [`Lattice::fill_sim_row`].
#[derive(Default)]
struct ConceptSet {
    bits: Vec<u64>,
}

impl ConceptSet {
    fn insert(&mut self, concepts: &[u32]) {
        for &c in concepts {
            let w = c as usize >> 6;
            if w >= self.bits.len() {
                self.bits.resize(w + 1, 0);
            }
            self.bits[w] |= 1 << (c & 63);
        }
    }

    fn remove(&mut self, concepts: &[u32]) {
        for &c in concepts {
            if let Some(w) = self.bits.get_mut(c as usize >> 6) {
                *w = 0;
            }
        }
    }

    /// [`anchors::shared_weight`] of the concepts in the set and `b` (sorted, without
    /// repeats, as every paragraph's are): the weights of those in both, added in the same
    /// order, so the sum is the same to the bit.
    #[inline]
    fn shared_weight(&self, b: &[u32], weight: &[f32]) -> f32 {
        let mut s = 0.0;
        for &c in b {
            if self.bits.get(c as usize >> 6).is_some_and(|w| w >> (c & 63) & 1 != 0) {
                s += weight[c as usize];
            }
        }
        s
    }
}

impl<'a> Lattice<'a> {
    /// A lattice over `band` with the costs of `scorer`.
    pub fn with(scorer: &Arc<Scorer<'a>>, band: Band) -> Lattice<'a> {
        Lattice::with_known(scorer, band, None)
    }

    /// [`Lattice::with`], taking the anchor table's rows that `old` (a lattice of the same
    /// texts and features) has with the same columns from it.
    pub fn with_known(scorer: &Arc<Scorer<'a>>, band: Band, old: Option<&Lattice<'_>>) -> Lattice<'a> {
        if scorer.p.lengths_only {
            // Lengths alone read no anchors.
            return Lattice { s: Arc::clone(scorer), sim: Vec::new(), band };
        }
        let mut lat = Lattice { s: Arc::clone(scorer), sim: vec![0f32; band.cells()], band };
        let (first, last) = lat.band.rows();
        let rows = first.max(1)..last + 1;
        if lat.band.cells() < PARALLEL_CELLS || rows.len() < 2 {
            let mut sim = std::mem::take(&mut lat.sim);
            let mut row = ConceptSet::default();
            for i in rows {
                lat.fill_sim_row(&mut sim, 0, i, &mut row, old);
            }
            lat.sim = sim;
            return lat;
        }
        // Rows are independent: the two halves on two threads.
        let mid = (rows.start + rows.end) / 2;
        let mut sim = std::mem::take(&mut lat.sim);
        let (top, bottom) = sim.split_at_mut(lat.band.row_start(mid));
        let offset = top.len();
        rayon::join(
            || {
                let mut row = ConceptSet::default();
                (rows.start..mid).for_each(|i| lat.fill_sim_row(top, 0, i, &mut row, old));
            },
            || {
                let mut row = ConceptSet::default();
                (mid..rows.end).for_each(|i| lat.fill_sim_row(bottom, offset, i, &mut row, old));
            },
        );
        lat.sim = sim;
        lat
    }

    /// Fills row `i` of the anchor table, of which `sim` holds the part from node `offset`;
    /// `row` is scratch space, empty before and after.
    fn fill_sim_row(
        &self,
        sim: &mut [f32],
        offset: usize,
        i: usize,
        row: &mut ConceptSet,
        old: Option<&Lattice<'_>>,
    ) {
        let f = self.s.f;
        if i == 0 {
            return;
        }
        if let Some(o) = old.filter(|o| !o.sim.is_empty() && std::ptr::eq(o.s.f, f)) {
            let (first, last) = o.band.rows();
            if (first..=last).contains(&i) && o.band.row(i) == self.band.row(i) {
                let (lo, hi) = self.band.row(i);
                let from = o.band.row_start(i);
                let start = self.band.row_start(i) - offset;
                sim[start..=start + hi - lo].copy_from_slice(&o.sim[from..=from + hi - lo]);
                return;
            }
        }
        let a = &f.left.concepts[i - 1];
        if a.is_empty() {
            return;
        }
        // The left paragraph's concepts as a set, so that each right paragraph's are looked up
        // in it rather than merged with them: a band row reads the same left list many times.
        row.insert(a);
        let (lo, hi) = self.band.row(i);
        let start = self.band.row_start(i) - offset;
        for j in lo.max(1)..=hi {
            let b = &f.right.concepts[j - 1];
            if !b.is_empty() {
                sim[start + j - lo] = row.shared_weight(b, &f.weight);
            }
        }
        row.remove(a);
    }

    #[inline]
    fn sim_at(&self, i: usize, j: usize) -> f32 {
        match self.band.index(i, j) {
            Some(k) => self.sim[k],
            None => 0.0,
        }
    }

    /// What the cost of a group of `a` left paragraphs ending before row `i` needs of them:
    /// the same for every column, so computed once a row.
    #[inline]
    fn left_part(&self, i: usize, a: usize) -> LeftPart {
        LeftPart {
            w: self.s.w_l[i] - self.s.w_l[i - a],
            flags: anchors::union(&self.s.f.left.flags[i - a..i]),
            len: self.s.len_l[i] - self.s.len_l[i - a],
            points: self.s.points_l[i] - self.s.points_l[i - a],
            end: self.s.f.left.ends[i - 1],
            marks: anchors::union(&self.s.marks_l[i - a..i]),
        }
    }

    /// The right lengths of `count` groups of `b` paragraphs, the first ending at column `j`
    /// (see [`RightLengths`]).
    #[inline]
    fn right_lengths(&self, j: usize, b: usize, count: usize) -> RightLengths<'_> {
        (&self.s.len_r[j..][..count], &self.s.len_r[j - b..][..count])
    }

    /// A lower bound of the cost of any group of shape `k` with this left side: the prior,
    /// the least of the terms that can be negative, and the largest bonus anchors could give
    /// (a group's shared weight is at most `b` times the left side's, and at most its own).
    #[inline]
    fn least_cost(&self, left: &LeftPart, k: usize) -> f32 {
        let (_, b) = SHAPES[k];
        let p = self.s.p;
        if b == 0 {
            return 0.0;
        }
        if p.lengths_only {
            return p.prior[k];
        }
        let bonus = if left.w > 0.0 {
            p.anchor_bonus * (2.0 * b as f32 * left.w / (left.w + p.anchor_half)).min(1.0)
        } else {
            0.0
        };
        p.prior[k] + self.s.min_extra - bonus
    }

    /// The cost of leaving out one paragraph of length `len` (in its own text's units, scaled
    /// to the right text's by `scale`) with these flags and anchor weight, away from the ends.
    fn skip_cost(p: &Params, tail: &TailTable, len: f32, flags: u8, w: f32, k: usize) -> [f32; 3] {
        if flags & NOISE != 0 {
            return [0.5; 3];
        }
        if flags & FOOTNOTE != 0 {
            return [1.0; 3];
        }
        let z2 = 2.0 * len / p.length.var.max(0.1);
        let rest =
            (p.skip_length * tail.get(z2)).min(SKIP_LENGTH_MAX) + p.anchor_penalty * w / (w + p.anchor_half);
        // Continuing a run never costs more than starting one.
        let ext = p.gap_ext[usize::from(k == ZERO_ONE)].min(p.prior[k]);
        // Before both texts start or after one has ended, a paragraph is material the other
        // text lacks (front matter, notes, a translation that stops early): cheap to leave
        // out, whatever its length.
        [p.prior[k] + rest, p.end_skip, ext + rest]
    }

    /// The cost of the 1-0 step into node (i, j): left paragraph `i - 1` left out; `run` when
    /// the step before was 1-0 too.
    #[inline]
    fn skip_left(&self, i: usize, j: usize) -> f32 {
        self.s.skip_l[i - 1][usize::from(j == 0 || j == self.s.m)]
    }

    #[inline]
    fn skip_left_run(&self, i: usize, j: usize) -> f32 {
        self.s.skip_l[i - 1][if j == 0 || j == self.s.m { 1 } else { 2 }]
    }

    /// The cost of the 0-1 step into node (i, j): right paragraph `j - 1` left out.
    #[inline]
    fn skip_right(&self, i: usize, j: usize) -> f32 {
        self.s.skip_r[j - 1][usize::from(i == 0 || i == self.s.n)]
    }

    #[inline]
    fn skip_right_run(&self, i: usize, j: usize) -> f32 {
        self.s.skip_r[j - 1][if i == 0 || i == self.s.n { 1 } else { 2 }]
    }

    /// The cost of the group of shape `k` (`b` right paragraphs, `left` its left side) that
    /// ends at node (i, j), or some cost of at least `limit` when it is known to be at least
    /// `limit`.
    #[inline(always)]
    fn pair_cost(&self, left: &LeftPart, i: usize, j: usize, k: usize, limit: f32) -> f32 {
        let (a, b) = SHAPES[k];
        let p = self.s.p;
        let wr = self.s.w_r[j] - self.s.w_r[j - b];
        let rl = self.s.len_r[j] - self.s.len_r[j - b];
        let lm = &p.length;
        let z2 = length_z2(lm, lm.ratio * left.len, rl);
        let mut c = p.prior[k] + self.s.tail.get(z2);
        if p.lengths_only {
            return c;
        }
        // The terms below add no less than `min_extra`, and anchors take off at most
        // `bonus`: a group that loses even so need not be costed further. The anchors two
        // paragraphs share weigh no more than either's own, so the group's shared weight is
        // at most `b * left.w` and `a * wr`.
        let tot = left.w + wr;
        let bonus = if left.w > 0.0 && wr > 0.0 {
            let dice = (2.0 * (b as f32 * left.w).min(a as f32 * wr) / tot).min(1.0);
            p.anchor_bonus * dice * tot / (tot + p.anchor_half)
        } else {
            0.0
        };
        let floor = c + self.s.min_extra - bonus;
        if floor >= limit {
            return floor;
        }
        let (fl, fr) = (left.flags, anchors::union(&self.s.f.right.flags[j - b..j]));
        let differ = (fl ^ fr) & p.flag_mask;
        if differ & HEADING != 0 {
            c += p.kind_mismatch;
        }
        if differ & QUESTION != 0 {
            c += p.kind_mismatch * 0.5;
        }
        if p.flag_mask & POINT != 0 {
            // Each numbered point is translated as one: a group joining several points on
            // one side to fewer on the other is unlikely.
            let points = left.points - (self.s.points_r[j] - self.s.points_r[j - b]);
            c += p.kind_mismatch * points.abs();
        }
        c += self.s.end_cost[usize::from(left.end ^ self.s.f.right.ends[j - 1])];
        c += self.s.mark_cost[usize::from(left.marks ^ anchors::union(&self.s.marks_r[j - b..j]))];
        if (fl | fr) & NOISE != 0 {
            c += 3.0;
        }
        // Notes and captions are often left out of a translation (or added to it); paired,
        // they pair with their own kind, and never run into the body text around them.
        if (fl ^ fr) & (FOOTNOTE | CAPTION) != 0 {
            c += 2.0;
        }
        // Anchors can only lower the cost: when even the largest bonus cannot bring it under
        // `limit`, the group loses anyway and the anchors need not be counted.
        if bonus > 0.0 && c - bonus < limit {
            let mut shared = 0.0;
            for x in 0..a {
                for y in 0..b {
                    shared += self.sim_at(i - x, j - y);
                }
            }
            // The share of the group's anchors that meet a partner (a Dice coefficient),
            // trusted more the more anchor weight there is.
            let dice = (2.0 * shared / tot).min(1.0);
            c -= p.anchor_bonus * dice * tot / (tot + p.anchor_half);
        }
        c
    }

    pub fn forward(&self) -> Forward {
        self.forward_until(self.band.rows().1)
    }

    /// The forward pass over the rows up to `until` only, holding only those rows (the
    /// band is stored row after row, so they are a prefix of its arrays).
    fn forward_until(&self, until: usize) -> Forward {
        let (first, last) = self.band.rows();
        let cells = self.band.row_start(until.clamp(first, last) + 1);
        let mut fw = Forward {
            cost: vec![f32::INFINITY; cells],
            back: vec![NONE; cells],
            run: [vec![f32::INFINITY; cells], vec![f32::INFINITY; cells]],
            extends: vec![0; cells],
        };
        if cells > 0 {
            fw.cost[0] = 0.0;
        }
        for i in first..=until.min(last) {
            self.forward_row(i, &mut fw);
        }
        fw
    }

    /// The best path, as [`Lattice::path`] of the forward pass gives it, found in half the
    /// time on two threads: forward over the first half of the rows and backward over the
    /// second, meeting where their sum is least.
    pub fn best_path(&self) -> (Vec<(usize, usize)>, Vec<usize>) {
        let (first, last) = self.band.rows();
        if self.band.cells() < PARALLEL_CELLS || rayon::current_num_threads() < 2 {
            return self.path(&self.forward());
        }
        let mid = (first + last) / 2;
        // Every path has a node in rows mid..=top: no step spans more rows than that.
        let top = (mid + MAX_ROWS_A_STEP - 1).min(last);
        let (fw, bw) = rayon::join(|| self.forward_until(top), || self.backward_from(mid, true));
        let mut meet = None;
        let mut best = f32::INFINITY;
        for i in mid..=top {
            let (lo, hi) = self.band.row(i);
            for j in lo..=hi {
                let k = self.band.row_start(i) + j - lo;
                let (c, state) = Self::through_at(&fw, &bw, k);
                if c < best {
                    best = c;
                    meet = Some((i, j, state));
                }
            }
        }
        let Some((mi, mj, state)) = meet else { return self.path(&self.forward()) };
        let (mut nodes, mut shapes) = self.path_to(&fw, (mi, mj), state);
        let (mut i, mut j, mut state) = (mi, mj, state);
        let end = (last, self.band.row(last).1);
        while (i, j) != end {
            let Some(k) = self.band.index(i, j).map(|x| bw.next[state][x - bw.offset]).filter(|&k| k != NONE)
            else {
                break;
            };
            let (a, b) = SHAPES[k as usize];
            i += a;
            j += b;
            nodes.push((i, j));
            shapes.push(k as usize);
            state = state_after(k as usize);
        }
        (nodes, shapes)
    }

    /// The best cost of a path through node `k` (of the band's arrays), and the state it
    /// arrives in.
    #[inline]
    fn through_at(fw: &Forward, bw: &Backward, k: usize) -> (f32, usize) {
        let b = k - bw.offset;
        let mut best = (fw.cost[k] + bw.cost[ANY][b], ANY);
        for s in [IN_LEFT_RUN, IN_RIGHT_RUN] {
            let c = fw.run[s - 1][k] + bw.cost[s][b];
            if c < best.0 {
                best = (c, s);
            }
        }
        best
    }

    /// The best cost of a path through node (i, j) whose step into it leaves out a paragraph
    /// of the left text (`left`) or of the right: what leaving out that paragraph there
    /// costs the whole alignment. `None` outside the band.
    pub fn through_left_out(
        &self,
        fw: &Forward,
        bw: &Backward,
        i: usize,
        j: usize,
        left: bool,
    ) -> Option<f32> {
        let k = self.band.index(i, j)?;
        let (side, state) = if left { (LEFT, IN_LEFT_RUN) } else { (RIGHT, IN_RIGHT_RUN) };
        let b = k.checked_sub(bw.offset)?;
        Some(fw.run[side].get(k)? + bw.cost[state].get(b)?)
    }

    /// The best cost of a path through each node, for confidences.
    pub fn through(&self, fw: &Forward, bw: &Backward) -> Vec<f32> {
        (0..self.band.cells()).map(|k| Self::through_at(fw, bw, k).0).collect()
    }

    /// Row `i` of the forward pass, one shape at a time so that what a shape needs of the
    /// left text is computed once a row; then the 1-0 step, which may continue a run of
    /// them, and the 0-1 step, which continues the row itself, when the node before is final.
    fn forward_row(&self, i: usize, fw: &mut Forward) {
        let (lo, hi) = self.band.row(i);
        let start = self.band.row_start(i);
        // The rows before this one, read, and this one, written: slices of them let the loops
        // below run without a bounds check a node.
        let (done, rest) = fw.cost.split_at_mut(start);
        let row_cost = &mut rest[..=hi - lo];
        let row_back = &mut fw.back[start..=start + hi - lo];
        for (k, &(a, b)) in SHAPES.iter().enumerate().take(self.s.p.shapes) {
            if a == 0 || b == 0 || i < self.band.first + a {
                continue;
            }
            let (plo, phi) = self.band.row(i - a);
            let pstart = self.band.row_start(i - a);
            let (jlo, jhi) = (lo.max(plo + b), hi.min(phi + b));
            if jlo > jhi {
                continue;
            }
            let count = jhi - jlo + 1;
            let prev = &done[pstart + (jlo - b - plo)..][..count];
            let cur = &mut row_cost[jlo - lo..][..count];
            let back = &mut row_back[jlo - lo..][..count];
            let left = self.left_part(i, a);
            if self.s.p.lengths_only {
                let rl = self.right_lengths(jlo, b, count);
                self.s.lengths_only_row(&left, k, prev, rl, cur, back);
                continue;
            }
            // Whatever the right side, the group costs at least this: cheaper than the length
            // term, it rules out most of the big shapes at once.
            let least = self.least_cost(&left, k);
            for (t, ((&base, here), by)) in prev.iter().zip(cur.iter_mut()).zip(back.iter_mut()).enumerate() {
                let best = *here;
                if base + least >= best {
                    continue;
                }
                let c = base + self.pair_cost(&left, i, jlo + t, k, best - base);
                if c < best {
                    *here = c;
                    *by = k as u8;
                }
            }
        }
        if self.s.p.shapes > ONE_ZERO && i > self.band.first {
            let (plo, phi) = self.band.row(i - 1);
            let pstart = self.band.row_start(i - 1);
            for j in lo.max(plo)..=hi.min(phi) {
                let (prev, here) = (pstart + (j - plo), start + (j - lo));
                fw.leave_out(LEFT, prev, here, self.skip_left(i, j), self.skip_left_run(i, j));
            }
        }
        if self.s.p.shapes > ZERO_ONE && hi > lo {
            // `Forward::leave_out` along the row, over slices of it, the node before's costs
            // carried from one node to the next.
            let w = hi - lo + 1;
            let cost = &mut fw.cost[start..start + w];
            let run = &mut fw.run[RIGHT][start..start + w];
            let back = &mut fw.back[start..start + w];
            let extends = &mut fw.extends[start..start + w];
            let at_end = i == 0 || i == self.s.n;
            let (open_at, more_at) = (usize::from(at_end), if at_end { 1 } else { 2 });
            let skips = &self.s.skip_r[lo..hi];
            let (mut before, mut before_run) = (cost[0], run[0]);
            for t in 1..w {
                let (open, more) = (skips[t - 1][open_at], skips[t - 1][more_at]);
                let (c, continues) = gap_step(before + open, before_run + more);
                if continues {
                    extends[t] |= 1 << RIGHT;
                }
                run[t] = c;
                if replaces(c, cost[t], back[t], ZERO_ONE) {
                    cost[t] = c;
                    back[t] = ZERO_ONE as u8;
                }
                (before, before_run) = (cost[t], c);
            }
        }
    }

    /// Best cost from every node to the end, whatever the step into it.
    pub fn backward(&self) -> Backward {
        self.backward_from(self.band.rows().0, false)
    }

    /// Best cost to the end from every node of the rows from `from` on, for each way of
    /// arriving there, and (`steps`, for following the path) the shape of the step each best
    /// completion starts with.
    fn backward_from(&self, from: usize, steps: bool) -> Backward {
        let (first, last) = self.band.rows();
        let from = from.clamp(first, last);
        // Every index below is the band's, less the rows before `from`, which are not held.
        let offset = self.band.row_start(from);
        let cells = self.band.cells() - offset;
        // Without the steps, a dummy row of them: a write lands in it, out of the way.
        let len = if steps { cells } else { 1 };
        let mut bw = Backward {
            cost: std::array::from_fn(|_| vec![f32::INFINITY; cells]),
            next: std::array::from_fn(|_| vec![NONE; len]),
            offset,
        };
        if cells > 0 {
            for s in 0..3 {
                bw.cost[s][cells - 1] = 0.0;
            }
        }
        self.backward_rows(&mut bw, from, last, steps);
        bw
    }

    /// A backward pass over a band grown from `old`'s (by [`Band::widened_where_touched`]),
    /// from `old`'s pass for costs only: the rows after the last one that grew are taken
    /// from it as they are (a node's costs depend on the rows after it only), the others
    /// searched again.
    pub fn backward_after(&self, old_band: &Band, old: Backward) -> Backward {
        let (first, last) = self.band.rows();
        let cells = self.band.cells();
        let same_shape = old.offset == 0 && old_band.rows() == (first, last) && old.next[ANY].len() == 1;
        let grown = (first..=last).rev().find(|&i| old_band.row(i) != self.band.row(i));
        let Some(r1) = grown.filter(|&r| same_shape && r < last && cells >= old_band.cells()) else {
            return self.backward();
        };
        let (from_old, from_new) = (old_band.row_start(r1 + 1), self.band.row_start(r1 + 1));
        let kept = cells - from_new;
        let mut bw = old;
        for v in &mut bw.cost {
            v.resize(cells, f32::INFINITY);
            v.copy_within(from_old..from_old + kept, from_new);
            v[..from_new].fill(f32::INFINITY);
        }
        self.backward_rows(&mut bw, first, r1, false);
        bw
    }

    /// Rows `from..=to` of a backward pass, the last first; the rows after `to` are done.
    fn backward_rows(&self, bw: &mut Backward, from: usize, to: usize, steps: bool) {
        let last = self.band.rows().1;
        let offset = bw.offset;
        let at = |k: usize| if steps { k } else { 0 };
        for i in (from..=to).rev() {
            let (lo, hi) = self.band.row(i);
            let start = self.band.row_start(i) - offset;
            // Groups: the same whatever the step into this node.
            let Backward { cost, next, .. } = &mut *bw;
            for (k, &(a, b)) in SHAPES.iter().enumerate().take(self.s.p.shapes) {
                let ni = i + a;
                if a == 0 || b == 0 || ni > last {
                    continue;
                }
                let (nlo, nhi) = self.band.row(ni);
                let nstart = self.band.row_start(ni) - offset;
                if nhi < b {
                    continue;
                }
                let (jlo, jhi) = (lo.max(nlo.saturating_sub(b)), hi.min(nhi - b));
                if jlo > jhi {
                    continue;
                }
                // This row, written, and the rows after it, read, as slices (see
                // `forward_row`).
                let count = jhi - jlo + 1;
                let (mine, later) = cost[ANY].split_at_mut(nstart);
                let cur = &mut mine[start + (jlo - lo)..][..count];
                let tails = &later[jlo + b - nlo..][..count];
                let mut none = [NONE; 0];
                let steps_row: &mut [u8] =
                    if steps { &mut next[ANY][start + (jlo - lo)..][..count] } else { &mut none };
                let left = self.left_part(ni, a);
                if self.s.p.lengths_only {
                    let rl = self.right_lengths(jlo + b, b, count);
                    if steps {
                        self.s.lengths_only_row(&left, k, tails, rl, cur, steps_row);
                    } else {
                        self.s.lengths_only_row(&left, k, tails, rl, cur, &mut Discard);
                    }
                    continue;
                }
                let least = self.least_cost(&left, k);
                for (t, (&tail, here)) in tails.iter().zip(cur.iter_mut()).enumerate() {
                    let best = *here;
                    if tail + least >= best {
                        continue;
                    }
                    let c = tail + self.pair_cost(&left, ni, jlo + t + b, k, best - tail);
                    if c < best {
                        *here = c;
                        if steps {
                            steps_row[t] = k as u8;
                        }
                    }
                }
            }
            for j in lo..=hi {
                let here = start + (j - lo);
                for s in [IN_LEFT_RUN, IN_RIGHT_RUN] {
                    bw.cost[s][here] = bw.cost[ANY][here];
                    bw.next[s][at(here)] = bw.next[ANY][at(here)];
                }
            }
            // 1-0 down to the next row.
            if self.s.p.shapes > ONE_ZERO && i < last {
                let (nlo, nhi) = self.band.row(i + 1);
                let nstart = self.band.row_start(i + 1) - offset;
                for j in lo.max(nlo)..=hi.min(nhi) {
                    let (here, down) = (start + (j - lo), nstart + (j - nlo));
                    let tail = bw.cost[IN_LEFT_RUN][down];
                    let open = tail + self.skip_left(i + 1, j);
                    let cont = tail + self.skip_left_run(i + 1, j);
                    for (s, c) in [(ANY, open), (IN_LEFT_RUN, cont), (IN_RIGHT_RUN, open)] {
                        if c < bw.cost[s][here] {
                            bw.cost[s][here] = c;
                            bw.next[s][at(here)] = ONE_ZERO as u8;
                        }
                    }
                }
            }
            // 0-1 along the row, from its end.
            if self.s.p.shapes > ZERO_ONE {
                for j in (lo..hi.min(self.s.m)).rev() {
                    let here = start + (j - lo);
                    let tail = bw.cost[IN_RIGHT_RUN][here + 1];
                    let open = tail + self.skip_right(i, j + 1);
                    let cont = tail + self.skip_right_run(i, j + 1);
                    for (s, c) in [(ANY, open), (IN_LEFT_RUN, open), (IN_RIGHT_RUN, cont)] {
                        if c < bw.cost[s][here] {
                            bw.cost[s][here] = c;
                            bw.next[s][at(here)] = ZERO_ONE as u8;
                        }
                    }
                }
            }
        }
    }

    /// The best path as its nodes from the band's first node to its last, and the shape of
    /// each step.
    pub fn path(&self, fw: &Forward) -> (Vec<(usize, usize)>, Vec<usize>) {
        let last = self.band.rows().1;
        self.path_to(fw, (last, self.band.row(last).1), ANY)
    }

    /// The best path from the band's first node to `to`, arriving there as `state` says, by
    /// the forward pass.
    fn path_to(&self, fw: &Forward, to: (usize, usize), state: usize) -> (Vec<(usize, usize)>, Vec<usize>) {
        let first = self.band.rows().0;
        let origin = (first, self.band.row(first).0);
        let (mut i, mut j) = to;
        let mut state = state;
        let mut nodes = vec![(i, j)];
        let mut shapes = Vec::new();
        while (i, j) != origin {
            let Some(x) = self.band.index(i, j) else { break };
            let k = match state {
                IN_LEFT_RUN => ONE_ZERO as u8,
                IN_RIGHT_RUN => ZERO_ONE as u8,
                _ => fw.back[x],
            };
            if k == NONE {
                break;
            }
            // A left-out paragraph that continued a run came from a node inside the run.
            state = match k as usize {
                ONE_ZERO if fw.extends[x] & (1 << LEFT) != 0 => IN_LEFT_RUN,
                ZERO_ONE if fw.extends[x] & (1 << RIGHT) != 0 => IN_RIGHT_RUN,
                _ => ANY,
            };
            let (a, b) = SHAPES[k as usize];
            i -= a;
            j -= b;
            nodes.push((i, j));
            shapes.push(k as usize);
        }
        nodes.reverse();
        shapes.reverse();
        (nodes, shapes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::length::LengthModel;

    /// A backward pass over a widened band, taken in part from the pass over the band before,
    /// is the pass over the widened band to the bit; so is its anchor table.
    #[test]
    fn a_pass_over_a_widened_band_reuses_the_old_one_to_the_bit() {
        use crate::document::{Document, Lang};
        let words = ["alpha ", "beta 12 ", "Gamma ", "delta, ", "epsilon? "];
        let text = |i: usize| words[i % 5].repeat(2 + (i * 7919 + i / 3) % 23);
        let left: Vec<String> = (0..600).map(text).collect();
        let right: Vec<String> =
            left.iter().enumerate().filter(|(i, _)| i % 37 != 5).map(|(_, t)| t.clone()).collect();
        let l: Vec<&str> = left.iter().map(String::as_str).collect();
        let r: Vec<&str> = right.iter().map(String::as_str).collect();
        let (left, right) = (Document::of_texts("l", Lang::EN, &l), Document::of_texts("r", Lang::EN, &r));
        let f = anchors::features(&left, &right, &[]);
        let p = Params::new(LengthModel::from_totals(&f.left.len, &f.right.len), &DEFAULT_PRIORS, 0);
        let scorer = Scorer::new(&f, &p);
        let band = Band::guided(&f.left.len, &f.right.len, p.length.ratio, &[], 6);
        let lattice = Lattice::with(&scorer, band.clone());
        let (nodes, _) = lattice.path(&lattice.forward());
        // Widened around a stretch of the path in the middle only.
        let suspect: Vec<bool> = (0..nodes.len()).map(|s| (250..260).contains(&s)).collect();
        let wider = band.widened_where_touched(&nodes, &suspect).expect("the band widens");
        assert!(wider.cells() > band.cells() && wider.row(590) == band.row(590));
        let fresh = Lattice::with(&scorer, wider.clone());
        let reusing = Lattice::with_known(&scorer, wider, Some(&lattice));
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&fresh.sim), bits(&reusing.sim));
        let (whole, after) = (fresh.backward(), fresh.backward_after(&band, lattice.backward()));
        for s in 0..3 {
            assert_eq!(bits(&whole.cost[s]), bits(&after.cost[s]), "state {s}");
        }
    }

    /// The anchor table read through a set gives the merge's sums to the bit, whatever the
    /// lists: the searches' results must not move by a rounding.
    #[test]
    fn shared_weight_through_a_set_is_the_merge_to_the_bit() {
        let weight: Vec<f32> = (0..300u32).map(|c| 0.1 + (c * 7919 % 97) as f32 / 13.0).collect();
        // Sorted lists without repeats, as paragraphs' concepts are, of many sizes.
        let list = |seed: u32, step: u32| -> Vec<u32> { (seed % 5..300).step_by(step as usize).collect() };
        let mut set = ConceptSet::default();
        for (sa, ta) in [(0, 1), (3, 7), (4, 13), (1, 64), (2, 150)] {
            let a = list(sa, ta);
            set.insert(&a);
            for (sb, tb) in [(0, 2), (1, 3), (2, 11), (4, 65), (3, 299)] {
                let b = list(sb, tb);
                let (merged, looked_up) =
                    (anchors::shared_weight(&a, &b, &weight), set.shared_weight(&b, &weight));
                assert_eq!(merged.to_bits(), looked_up.to_bits(), "{a:?} {b:?}");
            }
            set.remove(&a);
            assert!(set.bits.iter().all(|&w| w == 0), "the set is empty again");
        }
    }
}
