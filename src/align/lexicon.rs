//! A word-translation table learned from the pair itself (after Moore 2002): the groups a
//! first alignment found are taken as parallel text, words (or single characters, in scripts
//! written without spaces) that occur in the same groups far more often than chance are
//! paired, and each pair becomes an anchor for the next search. No dictionary is needed, so
//! it works for any two languages; it only needs enough text (a few dozen groups).

use rustc_hash::FxHashMap as HashMap;

use super::anchors::{Features, NewConcepts};
use super::translit::{self, Script};
use crate::document::Document;

/// Groups used for learning at most: more adds time, hardly quality.
const MAX_GROUPS: usize = 3000;
/// Fewest groups worth learning from.
const MIN_GROUPS: usize = 30;
/// Fewest groups a pair must share.
const MIN_SHARED: u32 = 3;
/// Least Dice coefficient of a kept pair.
const MIN_DICE: f32 = 0.3;
/// Word pairs kept per word, at most (one: each word is linked to its best partner only).
const PER_WORD: usize = 1;
/// Words in more than this share of the groups say nothing about where a boundary goes.
const MAX_SHARE: f32 = 0.5;

/// The words of each paragraph as interned ids (sorted, deduplicated).
fn words(doc: &Document, ids: &mut HashMap<String, u32>) -> Vec<Vec<u32>> {
    let intern = |s: &str, ids: &mut HashMap<String, u32>| {
        let n = ids.len() as u32;
        *ids.entry(s.to_string()).or_insert(n)
    };
    doc.paragraphs
        .iter()
        .map(|p| {
            let mut v = Vec::new();
            let mut word = String::new();
            for c in p.text.chars().map(translit::fold_width) {
                match translit::script(c) {
                    Script::Alphabet => word.extend(c.to_lowercase()),
                    Script::Syllabic => {
                        if !word.is_empty() {
                            v.push(intern(&word, ids));
                            word.clear();
                        }
                        let mut b = [0u8; 4];
                        v.push(intern(c.encode_utf8(&mut b), ids));
                    }
                    _ => {
                        if !word.is_empty() {
                            v.push(intern(&word, ids));
                            word.clear();
                        }
                    }
                }
            }
            if !word.is_empty() {
                v.push(intern(&word, ids));
            }
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect()
}

/// The words of two texts, paragraph by paragraph, for learning from several alignments of
/// them.
pub struct Words {
    left: Vec<Vec<u32>>,
    right: Vec<Vec<u32>>,
    /// Distinct words of each text.
    counts: (usize, usize),
}

impl Words {
    pub fn new(left: &Document, right: &Document) -> Words {
        let side = |doc: &Document| {
            let mut ids = HashMap::default();
            let w = words(doc, &mut ids);
            (w, ids.len())
        };
        let ((left, nl), (right, nr)) = rayon::join(|| side(left), || side(right));
        Words { left, right, counts: (nl, nr) }
    }
}

/// Learns word pairs from `groups` (left ids, right ids) of the texts whose words are
/// `words` and adds them to `feats` as anchors. Returns how many pairs were learned.
pub fn learn_words(words: &Words, groups: &[(Vec<usize>, Vec<usize>)], feats: &mut Features) -> usize {
    word_pairs(words, groups).map_or(0, |new| feats.add_concepts(new))
}

/// The word pairs [`learn_words`] learns, as concepts to add; `None` when it learns none.
pub fn word_pairs(words: &Words, groups: &[(Vec<usize>, Vec<usize>)]) -> Option<NewConcepts> {
    let paired: Vec<&(Vec<usize>, Vec<usize>)> =
        groups.iter().filter(|(l, r)| !l.is_empty() && !r.is_empty()).collect();
    if paired.len() < MIN_GROUPS {
        return None;
    }
    let (lw, rw) = (&words.left, &words.right);
    let (nl, nr) = words.counts;
    let step = paired.len().div_ceil(MAX_GROUPS);
    let sample: Vec<_> = paired.iter().step_by(step).collect();
    let ng = sample.len() as f32;
    let mut cl = vec![0u32; nl];
    let mut cr = vec![0u32; nr];
    let mut sets: Vec<(Vec<u32>, Vec<u32>)> = Vec::with_capacity(sample.len());
    for (l, r) in sample.iter().map(|g| (&g.0, &g.1)) {
        let mut a: Vec<u32> = l.iter().flat_map(|&i| lw[i].iter().copied()).collect();
        let mut b: Vec<u32> = r.iter().flat_map(|&j| rw[j].iter().copied()).collect();
        a.sort_unstable();
        a.dedup();
        b.sort_unstable();
        b.dedup();
        a.iter().for_each(|&x| cl[x as usize] += 1);
        b.iter().for_each(|&y| cr[y as usize] += 1);
        sets.push((a, b));
    }
    let useful = |c: u32| c >= MIN_SHARED && (c as f32) <= MAX_SHARE * ng;
    let mut joint: HashMap<(u32, u32), u32> = HashMap::default();
    for (a, b) in &sets {
        for &x in a.iter().filter(|&&x| useful(cl[x as usize])) {
            for &y in b.iter().filter(|&&y| useful(cr[y as usize])) {
                *joint.entry((x, y)).or_insert(0) += 1;
            }
        }
    }
    let mut scored: Vec<((u32, u32), f32)> = joint
        .into_iter()
        .filter(|&(_, c)| c >= MIN_SHARED)
        .map(|((x, y), c)| ((x, y), 2.0 * c as f32 / (cl[x as usize] + cr[y as usize]) as f32))
        .filter(|&(_, d)| d >= MIN_DICE)
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    // Best pairs first, each word in a few pairs at most.
    let (mut used_l, mut used_r) = (vec![0u8; nl], vec![0u8; nr]);
    let mut kept = Vec::new();
    for ((x, y), d) in scored {
        if (used_l[x as usize] as usize) < PER_WORD && (used_r[y as usize] as usize) < PER_WORD {
            used_l[x as usize] += 1;
            used_r[y as usize] += 1;
            kept.push((x, y, d));
        }
    }
    if kept.is_empty() {
        return None;
    }
    // Word → the new concepts it stands for.
    let mut by_l: HashMap<u32, Vec<u32>> = HashMap::default();
    let mut by_r: HashMap<u32, Vec<u32>> = HashMap::default();
    for (k, &(x, y, _)) in kept.iter().enumerate() {
        by_l.entry(x).or_default().push(k as u32);
        by_r.entry(y).or_default().push(k as u32);
    }
    let extra = |w: &[Vec<u32>], by: &HashMap<u32, Vec<u32>>| -> Vec<Vec<u32>> {
        w.iter().map(|v| v.iter().filter_map(|x| by.get(x)).flatten().copied().collect()).collect()
    };
    let certainty: Vec<f32> = kept.iter().map(|k| k.2).collect();
    Some(NewConcepts { left: extra(lw, &by_l), right: extra(rw, &by_r), certainty, dictionary: false })
}
