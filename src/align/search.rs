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

use super::anchors::{self, CAPTION, EXCLAIM, FOOTNOTE, Features, HEADING, NOISE, POINT, QUESTION, QUOTE};
use super::length::{self, LengthModel};

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
    /// Cost of leaving out a paragraph at either end of the other text.
    pub end_skip: f32,
    /// How much a left-out paragraph's length adds to its cost, per length-model deviation.
    pub skip_length: f32,
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
            skip_length: 0.5,
            end_skip: 2.0,
        }
    }
}

/// The nodes searched: for each row `i`, the columns `lo[i]..=hi[i]`.
#[derive(Debug, Clone)]
pub struct Band {
    lo: Vec<u32>,
    hi: Vec<u32>,
    start: Vec<usize>,
    m: usize,
}

impl Band {
    fn from_bounds(mut lo: Vec<u32>, mut hi: Vec<u32>, m: usize) -> Band {
        let n1 = lo.len();
        // Non-decreasing bounds keep every node's predecessors in reach.
        for i in (0..n1.saturating_sub(1)).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        for i in 1..n1 {
            hi[i] = hi[i].max(hi[i - 1]);
        }
        lo[0] = 0;
        if let Some(h) = hi.last_mut() {
            *h = m as u32;
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
        Band { lo, hi, start, m }
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
        let (lo, hi) = (self.lo[i] as usize, self.hi[i] as usize);
        (j >= lo && j <= hi).then(|| self.start[i] + j - lo)
    }

    #[inline]
    pub fn row(&self, i: usize) -> (usize, usize) {
        (self.lo[i] as usize, self.hi[i] as usize)
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
        let k = x as usize;
        let f = x - k as f32;
        self.table[k] * (1.0 - f) + self.table[k + 1] * f
    }
}

/// The grid with everything precomputed for one search.
pub struct Lattice<'a> {
    f: &'a Features,
    p: &'a Params,
    pub band: Band,
    n: usize,
    m: usize,
    len_l: Vec<f32>,
    len_r: Vec<f32>,
    w_l: Vec<f32>,
    w_r: Vec<f32>,
    /// Numbered points up to each paragraph.
    points_l: Vec<f32>,
    points_r: Vec<f32>,
    /// Anchor weight shared by left paragraph i-1 and right paragraph j-1, at node (i, j).
    sim: Vec<f32>,
    /// The ending term of a group by which `END_*` bits its two sides differ in.
    end_cost: [f32; 1 << anchors::END_KINDS],
    tail: TailTable,
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

/// The result of a forward pass.
pub struct Forward {
    pub cost: Vec<f32>,
    back: Vec<u8>,
}

const NONE: u8 = u8::MAX;

impl<'a> Lattice<'a> {
    pub fn new(f: &'a Features, p: &'a Params, band: Band) -> Lattice<'a> {
        let mut lat = Lattice::shell(f, p, band);
        lat.sim = vec![0f32; lat.band.cells()];
        for i in 1..=lat.n {
            lat.fill_sim_row(i);
        }
        lat
    }

    /// The lattice with no anchor table yet.
    fn shell(f: &'a Features, p: &'a Params, band: Band) -> Lattice<'a> {
        let (n, m) = (f.left.len.len(), f.right.len.len());
        Lattice {
            f,
            p,
            n,
            m,
            len_l: prefix(&f.left.len),
            len_r: prefix(&f.right.len),
            w_l: prefix(&f.left.anchor_weight),
            w_r: prefix(&f.right.anchor_weight),
            points_l: prefix(&f.left.flags.iter().map(|&x| f32::from(x & POINT != 0)).collect::<Vec<_>>()),
            points_r: prefix(&f.right.flags.iter().map(|&x| f32::from(x & POINT != 0)).collect::<Vec<_>>()),
            sim: Vec::new(),
            band,
            end_cost: std::array::from_fn(|x| {
                p.end_cost.iter().enumerate().map(|(b, c)| c[(x >> b) & 1]).sum()
            }),
            tail: TailTable::new(),
        }
    }

    /// Fills row `i` of the anchor table (which must already have room for it).
    fn fill_sim_row(&mut self, i: usize) {
        let f = self.f;
        if i == 0 {
            return;
        }
        let a = &f.left.concepts[i - 1];
        if a.is_empty() {
            return;
        }
        let (lo, hi) = self.band.row(i);
        for j in lo.max(1)..=hi {
            let b = &f.right.concepts[j - 1];
            if !b.is_empty() {
                self.sim[self.band.start[i] + j - lo] = anchors::shared_weight(a, b, &f.weight);
            }
        }
    }

    #[inline]
    fn sim_at(&self, i: usize, j: usize) -> f32 {
        match self.band.index(i, j) {
            Some(k) => self.sim[k],
            None => 0.0,
        }
    }

    fn flags(v: &[u8], from: usize, to: usize) -> u8 {
        v[from..to].iter().fold(0, |a, &b| a | b)
    }

    /// The cost of the group of shape `k` that ends at node (i, j), or some cost of at least
    /// `limit` when it is known to be at least `limit`.
    #[inline]
    pub fn cost(&self, i: usize, j: usize, k: usize, limit: f32) -> f32 {
        let (a, b) = SHAPES[k];
        let p = self.p;
        let wl = self.w_l[i] - self.w_l[i - a];
        let wr = self.w_r[j] - self.w_r[j - b];
        let fl = Self::flags(&self.f.left.flags, i - a, i);
        let fr = Self::flags(&self.f.right.flags, j - b, j);
        if a == 0 || b == 0 {
            let (len, flags) = if a == 0 {
                (self.len_r[j] - self.len_r[j - 1], fr)
            } else {
                (self.len_l[i] - self.len_l[i - 1], fl)
            };
            if flags & NOISE != 0 {
                return 0.5;
            }
            if flags & FOOTNOTE != 0 {
                return 1.0;
            }
            // Before both texts start or after one has ended, a paragraph is material the
            // other text lacks (front matter, notes, a translation that stops early): cheap
            // to leave out, whatever its length.
            let at_end = if a == 0 { i == self.n || i == 0 } else { j == self.m || j == 0 };
            if at_end {
                return p.end_skip;
            }
            let len = if a == 0 { len } else { len * p.length.ratio };
            let z2 = 2.0 * len / p.length.var.max(0.1);
            let u = wl + wr;
            return p.prior[k]
                + (p.skip_length * self.tail.get(z2)).min(SKIP_LENGTH_MAX)
                + p.anchor_penalty * u / (u + p.anchor_half);
        }
        let ll = self.len_l[i] - self.len_l[i - a];
        let rl = self.len_r[j] - self.len_r[j - b];
        let lm = &p.length;
        let mean = (lm.ratio * ll + rl) * 0.5;
        let d = rl - lm.ratio * ll;
        let z2 = d * d / (lm.var * mean.max(1.0));
        let mut c = p.prior[k] + self.tail.get(z2);
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
            let points =
                (self.points_l[i] - self.points_l[i - a]) - (self.points_r[j] - self.points_r[j - b]);
            c += p.kind_mismatch * points.abs();
        }
        c += self.end_cost[usize::from(self.f.left.ends[i - 1] ^ self.f.right.ends[j - 1])];
        if differ & EXCLAIM != 0 {
            c += PUNCTUATION_MISMATCH;
        }
        if differ & QUOTE != 0 {
            c += PUNCTUATION_MISMATCH;
        }
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
        if (wl > 0.0 || wr > 0.0) && c - p.anchor_bonus < limit {
            let mut shared = 0.0;
            for x in 0..a {
                for y in 0..b {
                    shared += self.sim_at(i - x, j - y);
                }
            }
            // The share of the group's anchors that meet a partner (a Dice coefficient),
            // trusted more the more anchor weight there is.
            let tot = wl + wr;
            let dice = (2.0 * shared / tot).min(1.0);
            c -= p.anchor_bonus * dice * tot / (tot + p.anchor_half);
        }
        c
    }

    pub fn forward(&self) -> Forward {
        let cells = self.band.cells();
        let mut cost = vec![f32::INFINITY; cells];
        let mut back = vec![NONE; cells];
        if cells > 0 {
            cost[0] = 0.0;
        }
        for i in 0..=self.n {
            self.forward_row(i, &mut cost, &mut back);
        }
        Forward { cost, back }
    }

    fn forward_row(&self, i: usize, cost: &mut [f32], back: &mut [u8]) {
        let (lo, hi) = self.band.row(i);
        for j in lo..=hi {
            let here = self.band.start[i] + j - lo;
            let mut best = cost[here];
            let mut arg = back[here];
            for (k, &(a, b)) in SHAPES.iter().enumerate() {
                if a > i || b > j {
                    continue;
                }
                let Some(prev) = self.band.index(i - a, j - b) else { continue };
                let base = cost[prev];
                if base == f32::INFINITY {
                    continue;
                }
                let c = base + self.cost(i, j, k, best - base);
                if c < best {
                    best = c;
                    arg = k as u8;
                }
            }
            cost[here] = best;
            back[here] = arg;
        }
    }

    /// Best cost from every node to the end.
    pub fn backward(&self) -> Vec<f32> {
        let cells = self.band.cells();
        let mut cost = vec![f32::INFINITY; cells];
        if cells > 0 {
            cost[cells - 1] = 0.0;
        }
        for i in (0..=self.n).rev() {
            let (lo, hi) = self.band.row(i);
            for j in (lo..=hi).rev() {
                let here = self.band.start[i] + j - lo;
                let mut best = cost[here];
                for (k, &(a, b)) in SHAPES.iter().enumerate() {
                    let (ni, nj) = (i + a, j + b);
                    if ni > self.n || nj > self.m {
                        continue;
                    }
                    let Some(next) = self.band.index(ni, nj) else { continue };
                    let tail = cost[next];
                    if tail == f32::INFINITY {
                        continue;
                    }
                    let c = tail + self.cost(ni, nj, k, best - tail);
                    if c < best {
                        best = c;
                    }
                }
                cost[here] = best;
            }
        }
        cost
    }

    /// The best path as its nodes from (0, 0) to (n, m) and the shape of each step.
    pub fn path(&self, fw: &Forward) -> (Vec<(usize, usize)>, Vec<usize>) {
        let mut nodes = vec![(self.n, self.m)];
        let mut shapes = Vec::new();
        let (mut i, mut j) = (self.n, self.m);
        while i > 0 || j > 0 {
            let Some(k) = self.band.index(i, j).map(|x| fw.back[x]).filter(|&k| k != NONE) else {
                break;
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
