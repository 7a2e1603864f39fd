//! Pairs the paragraphs of a text with those of its translation, for any two languages.
//!
//! The steps, one module each:
//! 1. [`anchors`] (with [`translit`] and an optional [`glossary`]): numbers, dates, numbered
//!    points and names each paragraph shares with paragraphs of the other text, weighted by
//!    rarity, plus kind and punctuation flags.
//! 2. [`length`]: the length ratio and its variance, estimated from the pair.
//! 3. [`search`]: dynamic programming over group shapes in a band around the path the
//!    lengths suggest, widened when the best path runs along its edge.
//! 4. Searches with the length model, shape priors and the weight of paragraph endings
//!    (quotation, '!', '?') re-estimated from the last path, in a narrow band around it;
//!    between them, [`lexicon`] learns word pairs from the groups found so far, and
//!    [`dictionary`] learns how far to trust a bilingual dictionary's word pairs (where there
//!    is one for the two languages) and [`cognates`] (words alike in two alphabetic
//!    languages); all join the anchors. The last search runs forward and
//!    backward.
//! 5. [`confidence`]: each group's confidence from the margins of its boundaries.
//! 6. [`omission`]: paragraphs nothing on the other side translates, told by their words, are
//!    left out of the groups they were glued to (or moved to the group that translates them).
//!
//! [`keep`] re-aligns after a text changed while keeping the groups a person verified.

pub mod anchors;
pub mod cognates;
pub mod confidence;
pub mod corridor;
pub mod dictionary;
pub mod glossary;
pub mod keep;
pub mod length;
pub mod lexicon;
pub mod omission;
pub mod search;
pub mod translit;

use crate::alignment::Group;
use crate::document::Document;
use anchors::Features;
use corridor::FULL_SEARCH_NODES;
use length::LengthModel;
use rayon::prelude::*;
use search::{Band, DEFAULT_PRIORS, Params, SHAPES};

pub use glossary::Glossary;
pub use keep::{KeepReport, align_keeping};

#[derive(Debug, Clone, Default)]
pub struct AlignOptions {
    /// Term pairs known to translate each other: extra anchors.
    pub glossary: Glossary,
    /// A user's word list (`align --dictionary`): read as the dictionary diglot carries is,
    /// beside it, each entry trusted as far as the pair itself shows.
    pub dictionary: Option<std::sync::Arc<dictionary::Dictionary>>,
    /// Leaves out the cognates ([`cognates`]), to see what they bring.
    pub skip_cognates: bool,
    /// Leaves out the dictionary diglot carries for the two languages (a user's `dictionary`
    /// still counts), to see what it brings.
    pub skip_builtin_dictionary: bool,
}

/// Half-width of the second band, around the first path.
const SECOND_BAND: usize = 12;
/// Weight of the default priors when re-estimating them from a first path, in groups.
const PRIOR_STRENGTH: f32 = 30.0;

/// Rounds of learning word pairs from the alignment so far and aligning again.
const LEXICON_ROUNDS: usize = 2;
/// How much the length spread measured on a best path underestimates the real one.
const PATH_SPREAD_BIAS: f32 = 3.0;

/// What an alignment found besides its groups, for messages.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub groups: Vec<Group>,
    /// Anchors (numbers, names...) found in both texts.
    pub shared_anchors: usize,
    /// Paragraphs of each text with anchors of their own.
    pub candidates: (usize, usize),
    pub length: LengthModel,
}

impl Outcome {
    /// A warning when the two texts look like no translation of each other: both have
    /// numbers or names but share none, or one is many times as long as the other.
    pub fn warning(&self, left: &Document, right: &Document) -> Option<String> {
        let big = left.len().min(right.len()) >= 8;
        if big && self.shared_anchors == 0 && self.candidates.0 >= 3 && self.candidates.1 >= 3 {
            return Some(format!(
                "'{}' and '{}' share no number or name: they may not be translations of each other (aligned by length only)",
                left.name, right.name
            ));
        }
        if big && (self.length.ratio > 8.0 || self.length.ratio < 0.125) {
            return Some(format!(
                "'{}' is {:.1} times as long as '{}': they may not be translations of each other",
                right.name, self.length.ratio, left.name
            ));
        }
        None
    }

    /// A warning when the alignment itself looks like a collapse: most paragraphs left
    /// unpaired, or most groups of low confidence. Such a result is of no use as it stands,
    /// and a person must be told rather than handed it silently.
    pub fn collapse_warning(&self) -> Option<String> {
        collapse_warning(&self.groups)
    }
}

/// Share of paragraphs left unpaired above which an alignment is taken for a collapse.
const COLLAPSE_UNPAIRED: f32 = 0.5;
/// Mean confidence below which an alignment is taken for a collapse. Sound alignments of hard
/// literary text average 0.5 and more (MAC-Dev's weakest chapter: 0.54); one that has lost
/// the path for most of a book (a translation lacking a long stretch in mid-text, which
/// lengths alone cannot place) averages about 0.27.
const COLLAPSE_CONFIDENCE: f32 = 0.4;

/// See [`Outcome::collapse_warning`].
pub fn collapse_warning(groups: &[Group]) -> Option<String> {
    let (mut total, mut unpaired) = (0usize, 0usize);
    for g in groups {
        let n = g.left.len() + g.right.len();
        total += n;
        if g.left.is_empty() || g.right.is_empty() {
            unpaired += n;
        }
    }
    if total < 8 {
        return None;
    }
    let share = unpaired as f32 / total as f32;
    if share > COLLAPSE_UNPAIRED {
        return Some(format!(
            "the alignment failed: {:.0} % of the paragraphs are left unpaired (the texts may not be translations of each other)",
            share * 100.0
        ));
    }
    let mean = groups.iter().map(|g| g.confidence).sum::<f32>() / groups.len().max(1) as f32;
    if mean < COLLAPSE_CONFIDENCE {
        return Some(format!(
            "the alignment is unreliable: mean confidence {mean:.2}, most groups doubtful (one text may lack a long stretch of the other)"
        ));
    }
    let (mut run, mut longest) = (0..0, 0..0);
    for (k, g) in groups.iter().enumerate() {
        if g.confidence < DOUBTFUL {
            run = if run.is_empty() { k..k + 1 } else { run.start..k + 1 };
            if run.len() > longest.len() {
                longest = run.clone();
            }
        } else {
            run = 0..0;
        }
    }
    if longest.len() >= LOST_RUN {
        return Some(format!(
            "groups {}–{} are all doubtful: the alignment may have lost the path there (one text may lack or add a long stretch)",
            longest.start + 1,
            longest.end
        ));
    }
    None
}

/// Confidence below which a group is doubtful (review mode flags it).
const DOUBTFUL: f32 = 0.5;
/// Doubtful groups in a row that say the path was lost there: sound alignments of hard
/// literary text have runs of up to a dozen (MAC-Dev ×16: 12); one that lost the path for a
/// stretch, around a passage one text lacks, has runs of a hundred and more.
const LOST_RUN: usize = 40;

/// Aligns two documents: every paragraph of each side lands in exactly one group, in order.
pub fn align(left: &Document, right: &Document, opts: &AlignOptions) -> Vec<Group> {
    align_outcome(left, right, opts).groups
}

/// [`align`], with what it found on the way.
pub fn align_outcome(left: &Document, right: &Document, opts: &AlignOptions) -> Outcome {
    align_outcome_progress(left, right, opts, &|_| {})
}

/// Changes whenever the aligner may give different groups for the same texts: alignments
/// cached on disk are keyed by it.
pub const ALIGNER_VERSION: &str = "2026-12-marks-cognates-omission-de-fr-3";

/// [`align_outcome`], reporting how far it has come (from 0 to 1, never going back) to
/// `progress`, which may be called from several threads.
pub fn align_outcome_progress(
    left: &Document,
    right: &Document,
    opts: &AlignOptions,
    progress: &(dyn Fn(f32) + Sync),
) -> Outcome {
    let base = anchors::features(left, right, &opts.glossary.pairs);
    progress(0.1);
    let texts = Texts::new(left, right, opts);
    let out = align_with(&base, Some(texts), &|x| progress(0.1 + 0.9 * x)).0;
    progress(1.0);
    out
}

/// The anchors of two texts with the word pairs an alignment of them learns: for aligning
/// parts of them later ([`keep`]).
pub fn learned_features(left: &Document, right: &Document, opts: &AlignOptions) -> Features {
    let base = anchors::features(left, right, &opts.glossary.pairs);
    align_with(&base, Some(Texts::new(left, right, opts)), &|_| {}).1
}

/// Aligns two texts given their features (without learning word pairs: that needs the texts).
pub fn align_features(feats: &Features) -> Outcome {
    align_with(feats, None, &|_| {}).0
}

/// The groups a path makes: (left ids, right ids) of each step.
fn path_groups(nodes: &[(usize, usize)], shapes: &[usize]) -> Vec<(Vec<usize>, Vec<usize>)> {
    shapes
        .iter()
        .zip(nodes)
        .map(|(&k, &(i, j))| {
            let (a, b) = SHAPES[k];
            ((i..i + a).collect(), (j..j + b).collect())
        })
        .collect()
}

/// The length model and shape priors re-estimated from a path.
fn estimate(
    feats: &Features,
    lm0: LengthModel,
    mask: u8,
    nodes: &[(usize, usize)],
    shapes: &[usize],
) -> Params {
    let mut counts = [0f32; search::NSHAPES];
    let mut pairs = Vec::new();
    for (s, &k) in shapes.iter().enumerate() {
        counts[k] += 1.0;
        let (a, b) = SHAPES[k];
        if a > 0 && b > 0 {
            let (i, j) = nodes[s];
            pairs.push((feats.left.len[i..i + a].iter().sum(), feats.right.len[j..j + b].iter().sum()));
        }
    }
    let total: f32 = counts.iter().sum();
    let priors: [f32; search::NSHAPES] =
        std::array::from_fn(|k| (counts[k] + PRIOR_STRENGTH * DEFAULT_PRIORS[k]) / (total + PRIOR_STRENGTH));
    let mut lm = lm0.refit(&pairs);
    // The best path picks the groupings whose lengths fit best, so the spread measured on it
    // is smaller than the real one.
    lm.var *= PATH_SPREAD_BIAS;
    let mut p = Params::new(lm, &priors, mask);
    p.end_cost = ending_costs(feats, nodes, shapes);
    p.mark_cost = mark_costs(feats, nodes, shapes);
    p.gap_ext = run_costs(shapes);
    p
}

/// The cost of leaving out a paragraph right after one of the same side was left out, for
/// the left and the right side: −log of how often, on the path, a 1-0 step follows a 1-0 step
/// (a 0-1 a 0-1), with the default as `PRIOR_STRENGTH` steps' worth of evidence.
fn run_costs(shapes: &[usize]) -> [f32; 2] {
    [1, 2].map(|gap| {
        let after = shapes.windows(2).filter(|w| w[0] == gap);
        let (runs, all) = after.fold((0.0f32, 0.0f32), |(r, a), w| (r + f32::from(w[1] == gap), a + 1.0));
        -((runs + PRIOR_STRENGTH * search::DEFAULT_GAP_EXT) / (all + PRIOR_STRENGTH)).ln()
    })
}

/// How much telling a group's ending (in a quotation, '!', '?') on both sides says about its
/// boundary, learned from a path: for each kind of ending, −log of how much likelier the
/// two sides' last paragraphs end alike (or differently) in the path's groups than when one
/// side's end is moved by a paragraph. A kind a text pair does not keep costs about nothing.
fn ending_costs(f: &Features, nodes: &[(usize, usize)], shapes: &[usize]) -> [[f32; 2]; anchors::END_KINDS] {
    let (n, m) = (f.left.ends.len(), f.right.ends.len());
    // [kind][differ] counts, on the path and moved by one.
    let mut on = [[0f32; 2]; anchors::END_KINDS];
    let mut off = [[1f32; 2]; anchors::END_KINDS];
    for (s, &k) in shapes.iter().enumerate() {
        let (a, b) = SHAPES[k];
        if a == 0 || b == 0 {
            continue;
        }
        let (i, j) = (nodes[s].0 + a - 1, nodes[s].1 + b - 1);
        let (l, r) = (&f.left.ends, &f.right.ends);
        count_bits(&mut on, l[i] ^ r[j]);
        for (i2, j2) in [
            (Some(i), j.checked_sub(1)),
            (Some(i), Some(j + 1)),
            (i.checked_sub(1), Some(j)),
            (Some(i + 1), Some(j)),
        ] {
            if let (Some(i2), Some(j2)) = (i2, j2)
                && i2 < n
                && j2 < m
            {
                count_bits(&mut off, l[i2] ^ r[j2]);
            }
        }
    }
    bit_costs(&on, &off)
}

/// Adds one group to counts `t` of each bit: whether its two sides differ in it (bit set in
/// `differ`) or not.
fn count_bits<const K: usize>(t: &mut [[f32; 2]; K], differ: u8) {
    for (b, c) in t.iter_mut().enumerate() {
        c[usize::from((differ >> b) & 1)] += 1.0;
    }
}

/// For each bit, the cost of a group whose sides are alike / differ in it: −log of how much
/// likelier that is among the path's groups (`on`) than among the groups one paragraph off
/// them (`off`), both counted by [`count_bits`].
fn bit_costs<const K: usize>(on: &[[f32; 2]; K], off: &[[f32; 2]; K]) -> [[f32; 2]; K] {
    std::array::from_fn(|b| {
        // One made-up group on the path, like the moved ones: few groups say little.
        let t_off = off[b][0] + off[b][1];
        let q = off[b].map(|c| c / t_off);
        let t_on = on[b][0] + on[b][1] + 1.0;
        [0, 1].map(|d| -(((on[b][d] + q[d]) / t_on) / q[d]).ln())
    })
}

/// How much a group's two sides carrying a kind of punctuation alike or not (a quotation, an
/// exclamation, brackets, a colon, a dash: anywhere in them, not only at the end) says about
/// its boundaries, learned from a path as [`ending_costs`] learns endings: for each kind, −log
/// of how much likelier the path's groups have it on both sides or neither (or on one side
/// only) than the groups one paragraph off them. A translator who keeps a kind of mark in the
/// same sentence makes it count; one who moves marks about makes it cost about nothing.
fn mark_costs(f: &Features, nodes: &[(usize, usize)], shapes: &[usize]) -> [[f32; 2]; anchors::MARK_KINDS] {
    let (l, r) = (&f.left.marks, &f.right.marks);
    let (n, m) = (l.len(), r.len());
    let mut on = [[0f32; 2]; anchors::MARK_KINDS];
    let mut off = [[1f32; 2]; anchors::MARK_KINDS];
    let any = |v: &[u8], from: usize, to: usize| anchors::union(&v[from..to]);
    for (s, &k) in shapes.iter().enumerate() {
        let (a, b) = SHAPES[k];
        if a == 0 || b == 0 {
            continue;
        }
        let (i, j) = nodes[s];
        if i + a > n || j + b > m {
            continue;
        }
        count_bits(&mut on, any(l, i, i + a) ^ any(r, j, j + b));
        // The groups next to it: one side a paragraph longer at its end, or a paragraph
        // shorter (a paragraph longer at its start when it has only one).
        let near = |start: usize, len: usize, total: usize| {
            let longer = (start + len < total).then_some((start, start + len + 1));
            let shorter = if len > 1 {
                Some((start, start + len - 1))
            } else {
                start.checked_sub(1).map(|x| (x, start + len))
            };
            [longer, shorter]
        };
        for (x, y) in near(i, a, n).into_iter().flatten() {
            count_bits(&mut off, any(l, x, y) ^ any(r, j, j + b));
        }
        for (x, y) in near(j, b, m).into_iter().flatten() {
            count_bits(&mut off, any(l, i, i + a) ^ any(r, x, y));
        }
    }
    bit_costs(&on, &off)
}

/// The two texts, for learning word pairs from them, and a user's word list.
#[derive(Clone, Copy)]
struct Texts<'a> {
    left: &'a Document,
    right: &'a Document,
    dictionary: Option<&'a dictionary::Dictionary>,
    /// Whether cognates join the dictionaries' candidates.
    cognates: bool,
    /// Whether the dictionary diglot carries for the two languages does.
    builtin: bool,
}

impl<'a> Texts<'a> {
    fn new(left: &'a Document, right: &'a Document, opts: &'a AlignOptions) -> Texts<'a> {
        Texts {
            left,
            right,
            dictionary: opts.dictionary.as_deref(),
            cognates: !opts.skip_cognates,
            builtin: !opts.skip_builtin_dictionary,
        }
    }
}

/// Aligns, learning word pairs when the texts are given; also returns the anchors used last.
fn align_with(
    base: &Features,
    docs: Option<Texts<'_>>,
    progress: &(dyn Fn(f32) + Sync),
) -> (Outcome, Features) {
    let (n, m) = (base.left.len.len(), base.right.len.len());
    let lm0 = LengthModel::from_totals(&base.left.len, &base.right.len);
    if n == 0 || m == 0 {
        let groups = (0..n)
            .map(|i| Group::new(vec![i], vec![], 1.0))
            .chain((0..m).map(|j| Group::new(vec![], vec![j], 1.0)))
            .collect();
        let outcome =
            Outcome { groups, shared_anchors: base.shared, candidates: base.candidates, length: lm0 };
        return (outcome, base.clone());
    }
    let mask = anchors::union(&base.left.flags) & anchors::union(&base.right.flags);
    let rounds = if docs.is_some() { LEXICON_ROUNDS } else { 0 };
    // Searches after the first, each about as costly as the last level of the first.
    let later = rounds as f32 + 2.0;
    let share = |k: f32| FIRST_SHARE + (1.0 - FIRST_SHARE) * k / later;

    // First pass: default priors and the length ratio of the whole texts (or the one anchors
    // found once in each text suggest, when a path with it agrees better with the anchors),
    // around a rough path found by lengths alone (see `corridor::first`).
    // The words to learn from are read meanwhile, on another thread.
    let ((p1, first), (words, dict)) = rayon::join(
        || first_pass(base, lm0, mask, &|x| progress(x * FIRST_SHARE)),
        || {
            let Some(Texts { left, right, dictionary, cognates, builtin }) = docs.filter(|_| rounds > 0)
            else {
                return (None, Vec::new());
            };
            rayon::join(
                || Some(lexicon::Words::new(left, right)),
                || {
                    // The dictionary diglot carries, the user's beside it, and cognates.
                    let builtin =
                        builtin.then(|| dictionary::Dictionary::builtin(left.lang, right.lang)).flatten();
                    let mut found: Vec<_> = builtin
                        .into_iter()
                        .chain(dictionary)
                        .filter_map(|d| dictionary::Candidates::find(d, left, right))
                        .collect();
                    found.extend(cognates.then(|| cognates::candidates(left, right)).flatten());
                    found
                },
            )
        },
    );
    let (mut nodes, mut shapes) = (first.nodes, first.shapes);
    let lm0 = p1.length;

    // Then the model re-estimated from the path so far, around that path; with the texts,
    // word pairs learned from the path join the anchors.
    let mut feats = base.clone();
    let around = |prev: &[(usize, usize)]| {
        if (n + 1).saturating_mul(m + 1) <= FULL_SEARCH_NODES {
            Band::full(n, m)
        } else {
            Band::around(prev, n, m, SECOND_BAND)
        }
    };
    for r in 0..rounds {
        let p = estimate(&feats, lm0, mask, &nodes, &shapes);
        let found = corridor::search(&feats, &p, around(&nodes));
        (nodes, shapes) = (found.nodes, found.shapes);
        progress(share(r as f32 + 1.0));
        let Some(words) = &words else { break };
        // What the words and each dictionary show is found at once, on several threads,
        // then added in a fixed order, which numbers the new concepts.
        let groups = path_groups(&nodes, &shapes);
        let (pairs, (trusted, mut learned)) = rayon::join(
            || lexicon::word_pairs(words, &groups),
            || {
                rayon::join(
                    || dict.par_iter().map(|d| dictionary::trusted(d, &groups)).collect::<Vec<_>>(),
                    || base.clone(),
                )
            },
        );
        let mut learnt = 0;
        for new in std::iter::once(pairs).chain(trusted).flatten() {
            learnt += learned.add_concepts(new);
        }
        if learnt == 0 {
            break;
        }
        feats = learned;
    }
    // The texts' words and the dictionary's candidates are done with: the last searches are
    // the memory peak.
    drop((words, dict));
    if rounds > 0 {
        // The final model is estimated from a path found with the default model and the
        // last anchors: a path found with an estimated model fits its own lengths too well.
        let found = corridor::search(&feats, &p1, around(&nodes));
        (nodes, shapes) = (found.nodes, found.shapes);
    }
    progress(share(later - 1.0));
    let params = estimate(&feats, lm0, mask, &nodes, &shapes);
    let (found, lat, fw, bw) = corridor::search_scored(&feats, &params, around(&nodes));
    let (nodes, shapes) = (found.nodes, found.shapes);
    let through = lat.through(&fw, &bw);
    let margins = confidence::path_margins(&lat.band, &through, n, m, &nodes);
    let conf = (0..shapes.len()).map(|s| confidence::confidence(margins[s], margins[s + 1])).collect();
    let search = omission::Search {
        lattice: &lat,
        forward: &fw,
        backward: &bw,
        through: &through,
        skip_prior: [params.prior[1], params.prior[2]],
    };
    let groups = omission::revise(&feats, path_groups(&nodes, &shapes), conf, &nodes, &search);
    let outcome =
        Outcome { groups, shared_anchors: base.shared, candidates: base.candidates, length: params.length };
    (outcome, feats)
}

/// Share of the work the first pass takes, for progress.
const FIRST_SHARE: f32 = 0.35;

/// The first path, with the parameters it was found with. The length ratio of the whole texts
/// is misled by a translation that stops early or has extra chapters; the ratio at anchors
/// found once in each text is not, but such anchors can be wrong (a name matched by sound to
/// the wrong word). When there are enough such anchors, a first path is found with each ratio
/// (on two threads), and the one that pairs more of the anchors wins.
fn first_pass(
    base: &Features,
    lm0: LengthModel,
    mask: u8,
    progress: &(dyn Fn(f32) + Sync),
) -> (Params, Path) {
    let params = Params::new(lm0, &DEFAULT_PRIORS, mask);
    let path = |p: &Params, pins: &[(usize, usize)]| {
        let found = corridor::first(base, p, pins);
        Path { nodes: found.nodes, shapes: found.shapes }
    };
    let pins = pinned_points(base);
    if pins.len() < MIN_UNIQUE_ANCHORS {
        let plain = path(&params, &[]);
        progress(1.0);
        return (params, plain);
    }
    let ratio = anchored_ratio(base, &pins).unwrap_or(lm0.ratio);
    let pinned_params = Params::new(LengthModel { ratio, ..lm0 }, &DEFAULT_PRIORS, mask);
    // Each search already runs on two threads (forward and backward halves), so running the
    // two at once gains time only where there are four cores, and holds both searches' tables
    // at once: on two cores that was the peak memory of a book.
    let (plain, pinned) = if rayon::current_num_threads() >= 4 {
        rayon::join(|| path(&params, &[]), || path(&pinned_params, &pins))
    } else {
        (path(&params, &[]), path(&pinned_params, &pins))
    };
    progress(1.0);
    let agree = |x: &Path| anchor_agreement(base, &x.nodes, &x.shapes);
    if agree(&pinned) > agree(&plain) { (pinned_params, pinned) } else { (params, plain) }
}

/// Nodes of a path and the shape of each step.
struct Path {
    nodes: Vec<(usize, usize)>,
    shapes: Vec<usize>,
}

/// The share of the anchor weight of both texts that a path pairs: what the anchors say of a
/// path, whatever the length model it was found with.
fn anchor_agreement(f: &Features, nodes: &[(usize, usize)], shapes: &[usize]) -> f32 {
    let mut shared = 0.0;
    for (&(i, j), &k) in nodes.iter().zip(shapes) {
        let (a, b) = SHAPES[k];
        for x in i..i + a {
            for y in j..j + b {
                shared += anchors::shared_weight(&f.left.concepts[x], &f.right.concepts[y], &f.weight);
            }
        }
    }
    let total: f32 = f.left.anchor_weight.iter().chain(&f.right.anchor_weight).sum();
    if total > 0.0 { 2.0 * shared / total } else { 0.0 }
}
/// Fewest anchors found once in each text to trust the ratio they give.
const MIN_UNIQUE_ANCHORS: usize = 3;

/// Pairs of paragraphs that share an anchor found exactly once in each text, as nodes of the
/// grid, keeping the longest chain that runs forward in both texts (the others contradict
/// it).
fn pinned_points(f: &Features) -> Vec<(usize, usize)> {
    let nc = f.weight.len();
    let mut at_l = vec![(0u32, 0usize); nc];
    let mut at_r = vec![(0u32, 0usize); nc];
    for (side, at) in [(&f.left, &mut at_l), (&f.right, &mut at_r)] {
        for (u, cs) in side.concepts.iter().enumerate() {
            for &c in cs {
                let slot = &mut at[c as usize];
                *slot = (slot.0 + 1, u);
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> =
        (0..nc).filter(|&c| at_l[c].0 == 1 && at_r[c].0 == 1).map(|c| (at_l[c].1, at_r[c].1)).collect();
    pairs.sort_unstable();
    pairs.dedup();
    longest_chain(&pairs)
}

/// The longest subsequence of `pairs` (sorted) increasing strictly in both coordinates.
fn longest_chain(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // Patience sorting on the second coordinate; equal first coordinates must not chain, so
    // they are visited with the second coordinate decreasing.
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    order.sort_by(|&a, &b| pairs[a].0.cmp(&pairs[b].0).then(pairs[b].1.cmp(&pairs[a].1)));
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; pairs.len()];
    for &k in &order {
        let pos = tails.partition_point(|&t| pairs[t].1 < pairs[k].1);
        if pos > 0 {
            prev[k] = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        chain.push(pairs[k]);
        k = prev[k];
    }
    chain.reverse();
    chain
}

/// The length ratio where the pinned points tie the two texts together: the median ratio of
/// how far each text has come at those points. Unlike the ratio of the totals, it is not
/// misled by a translation that stops early or a text with extra chapters.
fn anchored_ratio(f: &Features, pins: &[(usize, usize)]) -> Option<f32> {
    if pins.len() < MIN_UNIQUE_ANCHORS {
        return None;
    }
    let cum = |len: &[f32], u: usize| len[..u].iter().sum::<f32>() + len[u] / 2.0;
    let mut ratios: Vec<f32> = pins
        .iter()
        .map(|&(i, j)| cum(&f.right.len, j) / cum(&f.left.len, i).max(1.0))
        .filter(|r| r.is_finite() && *r > 0.0)
        .collect();
    if ratios.len() < MIN_UNIQUE_ANCHORS {
        return None;
    }
    ratios.sort_by(f32::total_cmp);
    Some(ratios[ratios.len() / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_kept_by_a_translation_cost_when_they_differ_and_others_cost_nothing() {
        use anchors::{END_EXCLAIM, END_QUOTE};
        let mut f = Features::default();
        // Every other paragraph ends in a quotation, on both sides, and the path pairs them.
        let ends: Vec<u8> = (0..8).map(|u| if u % 2 == 0 { END_QUOTE } else { 0 }).collect();
        f.left.ends = ends.clone();
        f.right.ends = ends;
        let nodes: Vec<(usize, usize)> = (0..=8).map(|u| (u, u)).collect();
        let shapes = vec![0; 8];
        let cost = ending_costs(&f, &nodes, &shapes);
        let (quote, exclaim) = (cost[0], cost[END_EXCLAIM.trailing_zeros() as usize]);
        assert!(quote[1] > 1.0, "a differing quotation costs: {quote:?}");
        assert!(quote[0] < 0.0, "a shared one helps: {quote:?}");
        assert!(exclaim[0].abs() < 0.1, "no '!' anywhere: ending alike says nothing: {exclaim:?}");
    }

    #[test]
    fn punctuation_kept_in_place_costs_when_it_differs_and_punctuation_moved_about_does_not() {
        use anchors::{MARK_BRACKET, MARK_DASH, MARK_QUOTE};
        let mut f = Features::default();
        // Quotations sit in the same groups on both sides; dashes are put anywhere by the
        // translator (every third paragraph on the left, every other one on the right);
        // brackets are in no paragraph.
        let n = 60;
        f.left.marks = (0..n)
            .map(|u| if u % 2 == 0 { MARK_QUOTE } else { 0 } | if u % 3 == 0 { MARK_DASH } else { 0 })
            .collect();
        f.right.marks = (0..n).map(|u| if u % 2 == 0 { MARK_QUOTE | MARK_DASH } else { 0 }).collect();
        let nodes: Vec<(usize, usize)> = (0..=n).map(|u| (u, u)).collect();
        let cost = mark_costs(&f, &nodes, &vec![0; n]);
        let bit = |m: u8| cost[m.trailing_zeros() as usize];
        let (quote, dash, bracket) = (bit(MARK_QUOTE), bit(MARK_DASH), bit(MARK_BRACKET));
        assert!(quote[1] > 1.0 && quote[0] < 0.0, "quotations kept in place count: {quote:?}");
        assert!(dash[1] < quote[1] - 0.5, "dashes put anywhere count for much less: {dash:?}");
        assert!(bracket[0].abs() < 0.05, "no brackets anywhere: having none alike says nothing: {bracket:?}");
    }

    #[test]
    fn an_alignment_whose_groups_are_mostly_doubtful_is_called_unreliable() {
        let groups = |confidence: f32| -> Vec<Group> {
            (0..100).map(|i| Group::new(vec![i], vec![i], confidence)).collect()
        };
        let warning = collapse_warning(&groups(0.27)).expect("a mean confidence of 0.27 is a collapse");
        assert!(warning.contains("unreliable: mean confidence 0.27"), "{warning}");
        assert!(collapse_warning(&groups(0.54)).is_none(), "MAC-Dev's weakest chapter is no collapse");
    }

    #[test]
    fn a_long_run_of_doubtful_groups_is_named() {
        let mut groups: Vec<Group> = (0..300).map(|i| Group::new(vec![i], vec![i], 0.9)).collect();
        for g in &mut groups[100..160] {
            g.confidence = 0.2;
        }
        let warning = collapse_warning(&groups).expect("60 doubtful groups in a row");
        assert!(warning.starts_with("groups 101–160 are all doubtful"), "{warning}");
        for g in &mut groups[130..131] {
            g.confidence = 0.9;
        }
        assert!(collapse_warning(&groups).is_none(), "two runs of 30 and 29 are ordinary");
    }

    #[test]
    fn runs_of_left_out_paragraphs_cost_what_the_path_shows() {
        // Left side: one run of five 1-0 steps (four continue it); right side: none.
        let mut shapes = vec![0; 40];
        shapes.splice(10..10, [1; 5]);
        let [left, right] = run_costs(&shapes);
        let default = -search::DEFAULT_GAP_EXT.ln();
        assert!(left < default, "runs seen make them cheaper: {left} vs {default}");
        assert!((right - default).abs() < 1e-6, "no 0-1 step: the default stands: {right}");
    }

    #[test]
    fn the_longest_chain_runs_forward_in_both_texts() {
        let pairs = [(0, 0), (1, 5), (2, 2), (3, 3), (3, 4), (5, 1), (6, 7)];
        assert_eq!(longest_chain(&pairs), vec![(0, 0), (2, 2), (3, 3), (6, 7)]);
        assert!(longest_chain(&[]).is_empty());
    }
}
