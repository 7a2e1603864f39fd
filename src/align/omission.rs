//! Sentences nothing on the other side translates (1-0 and 0-1 groups), found after the search.
//!
//! The search can leave a paragraph out, but its prior for doing so is learned from its own
//! path, which never leaves one out, so an untranslated sentence ends up glued to its
//! neighbour. Lengths cannot tell such a sentence apart; words can. For each paragraph, its
//! concepts (anchors, learned word pairs, dictionary words: see [`super::anchors`]) are found
//! or not found on the other side of its group. How often a concept is found next to a
//! translation and next to a sentence that is not one is measured on the text's own 1-1
//! groups (each against its partner, and against the neighbouring group's sentence), which
//! gives a log-likelihood ratio per paragraph; a logistic fit on the same samples turns it
//! into calibrated log-odds that the paragraph is untranslated.
//!
//! Then, group by group: a 1-1 whose two sides do not translate each other becomes a 1-0 and
//! a 0-1; in an N-1 or 1-N group, an edge paragraph that its group does not translate is left
//! out, or moved to the neighbouring group when that group translates it. The lexical gain
//! of an edit is the paragraph's log-odds of being untranslated where it was (less where it
//! goes), less the support the other side of its old group loses with it (plus what the new
//! one gains). An edit is kept only when that gain exceeds what the search says it costs: the
//! best path through the node the edit makes, against the best path, with the search's prior
//! for leaving a paragraph out (learned from its path) replaced by the share of untranslated
//! paragraphs the words show, per side (a two-class mixture fitted from the search's rate).
//! Edits that win by little, and those that lose by little, lower the confidence of the
//! groups they touch.

use super::anchors::Features;
use super::confidence;
use super::search::{Backward, Forward, Lattice, SHAPES};
use crate::alignment::Group;

/// What the final search says of the paths through a node, in its cost units (nats).
pub trait PathCosts {
    /// The cost of the best path.
    fn best(&self) -> f32;
    /// The cost of the best path through node (i, j), `None` outside the search.
    fn through(&self, i: usize, j: usize) -> Option<f32>;
    /// The cost of the best path whose step into node (i, j) leaves out a paragraph of the
    /// left text (`left`) or of the right.
    fn left_out(&self, i: usize, j: usize, left: bool) -> Option<f32>;
    /// What the search charged for the shape of a step that leaves out a paragraph of the
    /// left text (`left`) or the right: its prior, learned from its own path.
    fn skip_prior(&self, left: bool) -> f32;
}

/// [`PathCosts`] of a finished search: its lattice, both passes, and the best cost through
/// each node ([`Lattice::through`]).
pub struct Search<'s, 'a> {
    pub lattice: &'s Lattice<'a>,
    pub forward: &'s Forward,
    pub backward: &'s Backward,
    pub through: &'s [f32],
    /// The costs of the 1-0 and 0-1 shapes in the search.
    pub skip_prior: [f32; 2],
}

impl PathCosts for Search<'_, '_> {
    fn best(&self) -> f32 {
        self.through.first().copied().unwrap_or(0.0)
    }

    fn through(&self, i: usize, j: usize) -> Option<f32> {
        self.lattice.band.index(i, j).and_then(|k| self.through.get(k).copied())
    }

    fn left_out(&self, i: usize, j: usize, left: bool) -> Option<f32> {
        self.lattice.through_left_out(self.forward, self.backward, i, j, left)
    }

    fn skip_prior(&self, left: bool) -> f32 {
        self.skip_prior[usize::from(!left)]
    }
}

/// Fewest 1-1 groups with concepts to learn the rates from: fewer say too little, and then
/// nothing is edited.
const MIN_SAMPLES: usize = 30;
/// Rounds of expectation-maximisation for the share of untranslated paragraphs, at most.
const EM_ROUNDS: usize = 200;
/// Rounds of Newton's method for the logistic fit (it converges in a handful).
const NEWTON_ROUNDS: usize = 25;

/// How the concepts of a paragraph found, or not, on the other side of its group weigh for
/// its being untranslated, estimated on one text pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Model {
    /// Log-likelihood ratio (untranslated against translated) of a unit of concept weight
    /// found on the other side, and of one not found.
    hit: f32,
    miss: f32,
    /// Log-odds of a paragraph being untranslated: `a + b · ratio`, for one paragraph against
    /// a side, and for a 1-1 pair's two sides against each other.
    one: (f32, f32),
    pair: (f32, f32),
}

/// The concept weight of `x` that the paragraphs `other` share, and the weight of the rest.
fn found(f: &Features, x: &[u32], other: &[&[u32]]) -> (f32, f32) {
    let (mut hit, mut miss) = (0.0, 0.0);
    for &c in x {
        let w = f.weight.get(c as usize).copied().unwrap_or(0.0);
        if other.iter().any(|o| o.binary_search(&c).is_ok()) {
            hit += w;
        } else {
            miss += w;
        }
    }
    (hit, miss)
}

/// One sample for a fit: (hit weight, missed weight), whether untranslated, its weight.
type Sample = ((f32, f32), bool, f32);

impl Model {
    /// The model of a text pair from its groups (left ids, right ids) and their confidences:
    /// `None` when there are too few 1-1 groups with concepts, or when finding a concept says
    /// nothing of a translation in this text.
    pub fn fit(f: &Features, groups: &[(Vec<usize>, Vec<usize>)], conf: &[f32]) -> Option<Model> {
        let concepts = |left: bool, u: usize| -> &[u32] {
            let side = if left { &f.left } else { &f.right };
            side.concepts.get(u).map_or(&[], Vec::as_slice)
        };
        // Each 1-1 group against itself (translated) and against the nearest paragraph of
        // each neighbouring group (untranslated: what a glued neighbour looks like), weighted
        // by how sure the search is of the group; each side's sentences from both sides.
        let mut one: Vec<Sample> = Vec::new();
        let mut pair: Vec<(Sample, Sample)> = Vec::new();
        for (s, (l, r)) in groups.iter().enumerate() {
            let (&[x], &[y]) = (l.as_slice(), r.as_slice()) else { continue };
            let c = conf.get(s).copied().unwrap_or(0.0);
            let (cx, cy) = (concepts(true, x), concepts(false, y));
            let own = (found(f, cx, &[cy]), found(f, cy, &[cx]));
            one.push((own.0, false, c));
            one.push((own.1, false, c));
            for (t, near) in [(s.checked_sub(1), true), (Some(s + 1), false)] {
                let Some((nl, nr)) = t.and_then(|t| groups.get(t)) else { continue };
                let (Some(&ny), Some(&nx)) =
                    (if near { (nr.last(), nl.last()) } else { (nr.first(), nl.first()) })
                else {
                    continue;
                };
                let (cny, cnx) = (concepts(false, ny), concepts(true, nx));
                let w = c * 0.5;
                let (a, b) = (found(f, cx, &[cny]), found(f, cny, &[cx]));
                one.push((a, true, w));
                one.push((found(f, cy, &[cnx]), true, w));
                pair.push(((a, true, w), (b, true, w)));
            }
            pair.push(((own.0, false, c), (own.1, false, c)));
        }
        // Rates per unit of concept weight, with half a unit of mean weight found and half
        // not as a prior (a text with few concepts says little).
        let mut sums = [[0f64; 2]; 2]; // [untranslated][found, all]
        for &((hit, miss), untr, w) in &one {
            let t = &mut sums[usize::from(untr)];
            t[0] += f64::from(w * hit);
            t[1] += f64::from(w * (hit + miss));
        }
        let with: Vec<&Sample> = one.iter().filter(|x| x.0.0 + x.0.1 > 0.0).collect();
        let positives = with.iter().filter(|x| !x.1).count();
        if positives < 2 * MIN_SAMPLES || with.len() - positives < 2 * MIN_SAMPLES {
            return None;
        }
        let mean = sums[0][1] / positives as f64;
        let rate = |t: [f64; 2]| ((t[0] + 0.5 * mean) / (t[1] + mean)) as f32;
        let (p_t, p_u) = (rate(sums[0]), rate(sums[1]));
        if p_t.partial_cmp(&p_u) != Some(std::cmp::Ordering::Greater) {
            return None;
        }
        let hit = (p_u / p_t).ln();
        let miss = ((1.0 - p_u) / (1.0 - p_t)).ln();
        let ratio = |(h, m): (f32, f32)| h * hit + m * miss;
        let xs: Vec<(f32, bool, f32)> = with.iter().map(|&&(e, u, w)| (ratio(e), u, w)).collect();
        let one_fit = logistic(&xs)?;
        let xs: Vec<(f32, bool, f32)> = pair
            .iter()
            .filter(|(a, b)| a.0.0 + a.0.1 + b.0.0 + b.0.1 > 0.0)
            .map(|(a, b)| (ratio(a.0) + ratio(b.0), a.1, a.2))
            .collect();
        let pair_fit = logistic(&xs)?;
        Some(Model { hit, miss, one: one_fit, pair: pair_fit })
    }

    /// The share of the paragraphs of one side (the left when `left`) that their group does
    /// not translate, as the words tell: the mixing weight of a two-class mixture (translated
    /// or not) over its paragraphs with concepts, by expectation-maximisation on the
    /// likelihood ratios of the fit, starting from `start` (the rate the search learned from
    /// its path, which leaves nothing out): words that say nothing leave it there.
    fn share(&self, f: &Features, groups: &[(Vec<usize>, Vec<usize>)], left: bool, start: f32) -> f32 {
        let mut ratios = Vec::new();
        let mut total = 0usize;
        for (l, r) in groups {
            let (mine, other) = if left { (l, r) } else { (r, l) };
            total += mine.len();
            if other.is_empty() {
                continue;
            }
            for &x in mine {
                if let Some(lo) = self.untranslated(f, left, x, other) {
                    ratios.push(f64::from(lo.clamp(-30.0, 30.0)).exp());
                }
            }
        }
        // Half a paragraph of the side at least: a rate of zero would forbid leaving out.
        mixing_share(&ratios, start, 0.5 / total.max(1) as f32)
    }

    fn ratio(&self, (hit, miss): (f32, f32)) -> f32 {
        hit * self.hit + miss * self.miss
    }

    /// Log-odds that paragraph `x` (of the left text when `left`) is untranslated by the
    /// paragraphs `other` of the other text; `None` when it has no concepts to tell by.
    fn untranslated(&self, f: &Features, left: bool, x: usize, other: &[usize]) -> Option<f32> {
        let (mine, theirs) = if left { (&f.left, &f.right) } else { (&f.right, &f.left) };
        let cx = mine.concepts.get(x)?;
        let others: Vec<&[u32]> =
            other.iter().filter_map(|&o| theirs.concepts.get(o).map(Vec::as_slice)).collect();
        let e = found(f, cx, &others);
        (e.0 + e.1 > 0.0).then(|| self.one.0 + self.one.1 * self.ratio(e))
    }

    /// What the paragraphs `others` (of the side opposite `left`) lose of their support when
    /// the paragraphs of their group on the other side go from `with` to `without`: the rise
    /// of their log-odds of being untranslated.
    fn support(&self, f: &Features, left: bool, others: &[usize], with: &[usize], without: &[usize]) -> f32 {
        others
            .iter()
            .filter_map(|&o| {
                let before = self.untranslated(f, !left, o, with)?;
                let after = self.untranslated(f, !left, o, without)?;
                Some(after - before)
            })
            .sum()
    }

    /// Log-odds that left paragraph `x` and right paragraph `y` do not translate each other.
    fn unpaired(&self, f: &Features, x: usize, y: usize) -> Option<f32> {
        let (cx, cy) = (f.left.concepts.get(x)?, f.right.concepts.get(y)?);
        let (a, b) = (found(f, cx, &[cy]), found(f, cy, &[cx]));
        (a.0 + a.1 + b.0 + b.1 > 0.0).then(|| self.pair.0 + self.pair.1 * (self.ratio(a) + self.ratio(b)))
    }
}

/// The mixing weight of the "untranslated" class given each paragraph's likelihood ratio
/// (untranslated against translated), by expectation-maximisation from `start`, no lower
/// than `floor`.
fn mixing_share(ratios: &[f64], start: f32, floor: f32) -> f32 {
    if ratios.is_empty() {
        return start;
    }
    let floor = f64::from(floor);
    let mut pi = f64::from(start).clamp(floor, 0.5);
    for _ in 0..EM_ROUNDS {
        let next = ratios.iter().map(|&q| pi * q / (pi * q + 1.0 - pi)).sum::<f64>() / ratios.len() as f64;
        let done = (next - pi).abs() < 1e-7;
        pi = next.max(floor);
        if done {
            break;
        }
    }
    pi as f32
}

/// Weighted logistic regression of `untranslated` on one variable: (intercept, slope), or
/// `None` when the variable does not separate the two (slope not above zero).
fn logistic(xs: &[(f32, bool, f32)]) -> Option<(f32, f32)> {
    let (mut a, mut b) = (0f64, 0f64);
    // A little ridge keeps a perfectly separable sample from running off.
    let ridge = 1e-3 * xs.len() as f64;
    for _ in 0..NEWTON_ROUNDS {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, ridge, 0.0, ridge);
        gb -= ridge * b;
        ga -= ridge * a;
        for &(x, y, w) in xs {
            let (x, w) = (f64::from(x), f64::from(w));
            let p = 1.0 / (1.0 + (-(a + b * x)).exp());
            let d = f64::from(u8::from(y)) - p;
            ga += w * d;
            gb += w * d * x;
            let v = w * p * (1.0 - p);
            haa += v;
            hab += v * x;
            hbb += v * x * x;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let (da, db) = ((hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det);
        a += da;
        b += db;
        if da.abs() + db.abs() < 1e-6 {
            break;
        }
    }
    (b > 0.0 && a.is_finite() && b.is_finite()).then_some((a as f32, b as f32))
}

/// One edit: the groups it replaces (`first..first + count`), what replaces them, and by how
/// much its lexical gain beats its cost in the search.
struct Edit {
    first: usize,
    count: usize,
    groups: Vec<(Vec<usize>, Vec<usize>)>,
    net: f32,
}

/// Whether `(a, b)` is a shape the search makes.
fn is_shape(a: usize, b: usize) -> bool {
    SHAPES.contains(&(a, b))
}

/// The groups of a path (left ids, right ids, from node `nodes[s]`) with their confidences,
/// revised: see the module's comment.
pub fn revise(
    f: &Features,
    groups: Vec<(Vec<usize>, Vec<usize>)>,
    conf: Vec<f32>,
    nodes: &[(usize, usize)],
    costs: &dyn PathCosts,
) -> Vec<Group> {
    let Some(model) = Model::fit(f, &groups, &conf) else {
        return groups.into_iter().zip(conf).map(|((l, r), c)| Group::new(l, r, c)).collect();
    };
    let best = costs.best();
    let loss = |c: Option<f32>| c.map_or(f32::INFINITY, |c| (c - best).max(0.0));
    // What leaving out a paragraph costs beyond what the search charged: the rate the words
    // show in place of the one its path showed.
    let priors = [true, false].map(|left| costs.skip_prior(left));
    let rate = |left: bool, prior: f32| {
        let share = model.share(f, &groups, left, (-prior).exp());
        -share.max(f32::MIN_POSITIVE).ln() - prior
    };
    // Each side's on a thread of its own.
    let rates: [f32; 2] = rayon::join(|| rate(true, priors[0]), || rate(false, priors[1])).into();
    let extra = |left: bool| rates[usize::from(!left)];
    let mut edits: Vec<Edit> = Vec::new();
    // The lexical gain and search loss of each edit considered, by the group it starts from:
    // an edit that loses by little still says the group is unsure.
    let mut close = vec![f32::INFINITY; groups.len()];
    let mut consider = |s: usize, e: Edit, close: &mut Vec<f32>| {
        close[s] = close[s].min(e.net.abs());
        if e.net > 0.0 {
            edits.push(e);
        }
    };
    for (s, (l, r)) in groups.iter().enumerate() {
        let Some(&(i, j)) = nodes.get(s) else { break };
        let (a, b) = (l.len(), r.len());
        if a == 1 && b == 1 {
            let Some(gain) = model.unpaired(f, l[0], r[0]).filter(|&g| g > 0.0) else { continue };
            // Both paragraphs left out, the left one first or the right one: the path must
            // leave out each at its node, and costs at least what the dearer of the two does.
            let out = |x: (usize, usize, bool), y: (usize, usize, bool)| {
                loss(costs.left_out(x.0, x.1, x.2)).max(loss(costs.left_out(y.0, y.1, y.2)))
            };
            let down = out((i + 1, j, true), (i + 1, j + 1, false));
            let across = out((i, j + 1, false), (i + 1, j + 1, true));
            let (down, across) = (down + extra(true) + extra(false), across + extra(true) + extra(false));
            let split = if down <= across {
                vec![(l.clone(), vec![]), (vec![], r.clone())]
            } else {
                vec![(vec![], r.clone()), (l.clone(), vec![])]
            };
            consider(s, Edit { first: s, count: 1, groups: split, net: gain - down.min(across) }, &mut close);
            continue;
        }
        if a == 0 || b == 0 || (a > 1 && b > 1) {
            continue;
        }
        // The side with more than one paragraph, its edges and the other side.
        let left = a > 1;
        let (many, other) = if left { (l, r) } else { (r, l) };
        let (Some(&head), Some(&tail)) = (many.first(), many.last()) else { continue };
        let side = |g: &(Vec<usize>, Vec<usize>)| if left { g.1.clone() } else { g.0.clone() };
        let join = |m: Vec<usize>, o: Vec<usize>| if left { (m, o) } else { (o, m) };
        let (na, nb) = if left { (a - 1, b) } else { (a, b - 1) };
        // Nodes after the first and before the last paragraph of the longer side.
        let after_head = if left { (i + 1, j) } else { (i, j + 1) };
        let before_tail = if left { (i + a - 1, j + b) } else { (i + a, j + b - 1) };
        for (x, at_head) in [(head, true), (tail, false)] {
            let Some(own) = model.untranslated(f, left, x, other) else { continue };
            if own <= 0.0 {
                continue;
            }
            let rest: Vec<usize> = many.iter().copied().filter(|&u| u != x).collect();
            let kept = join(rest.clone(), other.clone());
            let alone = join(vec![x], vec![]);
            // What its group's other side loses with it.
            let lost = model.support(f, left, other, many, &rest);
            // Left out.
            // The step that leaves `x` out ends after it: at the group's end for its last
            // paragraph (the best path merely through the node before could move it instead).
            let cost = if at_head {
                loss(costs.left_out(after_head.0, after_head.1, left))
            } else {
                loss(costs.left_out(i + a, j + b, left))
            } + extra(left);
            let out = if at_head { vec![alone, kept.clone()] } else { vec![kept.clone(), alone] };
            consider(s, Edit { first: s, count: 1, groups: out, net: own - lost - cost }, &mut close);
            // Moved to the neighbouring group, when that group translates it.
            let t = if at_head { s.checked_sub(1) } else { Some(s + 1) };
            let Some((t, g)) = t.and_then(|t| groups.get(t).map(|g| (t, g))) else { continue };
            let (ga, gb) = (g.0.len(), g.1.len());
            let (ma, mb) = if left { (ga + 1, gb) } else { (ga, gb + 1) };
            if ga == 0 || gb == 0 || !is_shape(ma, mb) || !is_shape(na, nb) {
                continue;
            }
            let Some(there) = model.untranslated(f, left, x, &side(g)) else { continue };
            if there >= 0.0 {
                continue;
            }
            let node = if at_head { after_head } else { before_tail };
            let cost = loss(costs.through(node.0, node.1));
            let was = if left { g.0.clone() } else { g.1.clone() };
            let mut grown = was.clone();
            if at_head {
                grown.push(x);
            } else {
                grown.insert(0, x);
            }
            // What the other side of the group it joins gains with it.
            let gained = model.support(f, left, &side(g), &grown, &was);
            let grown = join(grown, side(g));
            let (first, pair) = if at_head { (t, vec![grown, kept]) } else { (s, vec![kept, grown]) };
            let net = own - there - lost + gained - cost;
            consider(s, Edit { first, count: 2, groups: pair, net }, &mut close);
        }
    }
    // The surest edits first; an edit touching a group already edited is dropped.
    edits.sort_by(|x, y| y.net.total_cmp(&x.net));
    let mut taken = vec![false; groups.len()];
    let mut chosen: Vec<Edit> = Vec::new();
    for e in edits {
        let span = e.first..e.first + e.count;
        if taken[span.clone()].iter().any(|&t| t) {
            // The words ask for a change the search does not rule out, but another edit
            // took a group it needs: the groups left as they were are in doubt.
            for s in span {
                close[s] = 0.0;
            }
            continue;
        }
        taken[span].iter_mut().for_each(|t| *t = true);
        chosen.push(e);
    }
    chosen.sort_by_key(|e| e.first);
    let mut out = Vec::with_capacity(groups.len() + chosen.len());
    let mut edits = chosen.into_iter().peekable();
    let mut s = 0;
    while s < groups.len() {
        if let Some(e) = edits.next_if(|e| e.first == s) {
            // The groups an edit makes are as sure as the edit, and no surer than the
            // boundaries they keep.
            let kept = conf[s..s + e.count].iter().copied().fold(1.0, f32::min);
            let sure = confidence::confidence(e.net, e.net).min(kept);
            out.extend(e.groups.into_iter().map(|(l, r)| Group::new(l, r, sure)));
            s += e.count;
            continue;
        }
        let (l, r) = groups[s].clone();
        let c = conf[s].min(confidence::confidence(close[s], close[s]));
        out.push(Group::new(l, r, c));
        s += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Groups as (left ids, right ids).
    type Beads = Vec<(Vec<usize>, Vec<usize>)>;

    /// Every edited path costs this much more than the best one.
    struct Fixed(f32);
    impl PathCosts for Fixed {
        fn best(&self) -> f32 {
            0.0
        }
        fn through(&self, _: usize, _: usize) -> Option<f32> {
            Some(self.0)
        }
        fn left_out(&self, _: usize, _: usize, _: bool) -> Option<f32> {
            Some(self.0)
        }
        fn skip_prior(&self, _: bool) -> f32 {
            0.0
        }
    }

    /// Every path costs about the same: edits are decided by the words alone.
    const FLAT: Fixed = Fixed(0.5);

    /// `n` 1-1 pairs, pair k sharing concepts 2k and 2k + 1 (and each side a concept of its
    /// own that is not found, as real text has), then whatever `extra` adds.
    fn pairs(n: usize) -> (Features, Beads) {
        let mut f = Features::default();
        for k in 0..n as u32 {
            let own = 10_000 + 2 * k;
            f.left.concepts.push(vec![2 * k, 2 * k + 1, own]);
            f.right.concepts.push(vec![2 * k, 2 * k + 1, own + 1]);
        }
        f.weight = vec![1.0; 20_000];
        let groups = (0..n).map(|k| (vec![k], vec![k])).collect();
        (f, groups)
    }

    fn nodes(groups: &[(Vec<usize>, Vec<usize>)]) -> Vec<(usize, usize)> {
        let mut at = vec![(0, 0)];
        for (l, r) in groups {
            let &(i, j) = at.last().unwrap_or(&(0, 0));
            at.push((i + l.len(), j + r.len()));
        }
        at
    }

    #[test]
    fn a_glued_sentence_nothing_translates_is_left_out() {
        let (mut f, mut groups) = pairs(100);
        // Left paragraph 100, with concepts no right paragraph has, glued to pair 99.
        f.left.concepts.push(vec![15_000, 15_001, 15_002]);
        groups[99].0.push(100);
        let conf = vec![0.9; groups.len()];
        let out = revise(&f, groups.clone(), conf, &nodes(&groups), &FLAT);
        let beads: Vec<_> = out.iter().map(|g| (g.left.clone(), g.right.clone())).collect();
        assert!(beads.contains(&(vec![99], vec![99])), "{:?}", &beads[95..]);
        assert!(beads.contains(&(vec![100], vec![])), "{:?}", &beads[95..]);
        let left_out = out.iter().find(|g| g.left == [100]).map(|g| g.confidence);
        assert!(left_out.is_some_and(|c| c < 0.9), "no surer than the groups it came from: {left_out:?}");
    }

    #[test]
    fn a_glued_sentence_that_its_group_translates_stays() {
        let (mut f, mut groups) = pairs(100);
        // Left paragraph 100 shares its concepts with right 99: a real 2-1.
        f.left.concepts.push(vec![198, 199]);
        f.left.concepts[99] = vec![198, 10_198];
        groups[99].0.push(100);
        let conf = vec![0.9; groups.len()];
        let out = revise(&f, groups.clone(), conf, &nodes(&groups), &FLAT);
        assert_eq!(out.len(), groups.len());
        assert!(out.iter().any(|g| g.left == [99, 100] && g.right == [99]));
    }

    #[test]
    fn a_sentence_its_neighbour_translates_moves_there() {
        let (mut f, mut groups) = pairs(100);
        // Right paragraph 100 translates left 50 (with right 50), but was glued to pair 49.
        f.right.concepts.insert(50, vec![100, 101]);
        f.right.concepts[51] = vec![100, 10_101];
        for g in &mut groups[50..] {
            g.1[0] += 1;
        }
        groups[49].1.push(50);
        let conf = vec![0.9; groups.len()];
        let out = revise(&f, groups.clone(), conf, &nodes(&groups), &FLAT);
        assert!(out.iter().any(|g| g.left == [49] && g.right == [49]));
        assert!(out.iter().any(|g| g.left == [50] && g.right == [50, 51]));
    }

    #[test]
    fn an_edit_the_search_finds_too_costly_is_not_made() {
        let (mut f, mut groups) = pairs(100);
        f.left.concepts.push(vec![15_000]);
        groups[99].0.push(100);
        let conf = vec![0.9; groups.len()];
        let out = revise(&f, groups.clone(), conf, &nodes(&groups), &Fixed(100.0));
        assert!(out.iter().any(|g| g.left == [99, 100] && g.right == [99]));
    }

    #[test]
    fn the_share_left_out_moves_only_as_far_as_the_words_say() {
        // Words that say nothing: the search's rate stands.
        assert!((mixing_share(&[1.0; 500], 0.002, 0.001) - 0.002).abs() < 1e-6);
        // One paragraph in ten strongly untranslated, the rest strongly translated.
        let ratios: Vec<f64> = (0..500).map(|k| if k % 10 == 0 { 1e4 } else { 1e-4 }).collect();
        let share = mixing_share(&ratios, 0.002, 0.001);
        assert!((share - 0.1).abs() < 0.01, "{share}");
        // All translated: down to the floor, not to zero.
        assert_eq!(mixing_share(&[1e-6; 500], 0.002, 0.001), 0.001);
    }

    #[test]
    fn too_few_groups_to_learn_from_change_nothing() {
        let (mut f, mut groups) = pairs(10);
        f.left.concepts.push(vec![15_000, 15_001]);
        groups[9].0.push(10);
        let conf = vec![0.9; groups.len()];
        let out = revise(&f, groups.clone(), conf.clone(), &nodes(&groups), &FLAT);
        let beads: Vec<_> = out.into_iter().map(|g| (g.left, g.right)).collect();
        assert_eq!(beads, groups);
    }
}
