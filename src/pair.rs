//! Finding which of several documents are translations of each other.
//!
//! Two documents in different languages score high when
//! - the numbers in them (years, dates, counts: two digits or more, since stray digits say
//!   little) and their numbered points come in much the same order: twice the longest common
//!   subsequence over the two counts, damped for documents with few numbers, and
//! - their lengths agree once a double-width character (Chinese, Japanese, Korean) is counted
//!   as about three narrow ones; the factor is the square root of the shorter over the longer,
//!   so an abridged translation is still found but a text twice as long is not its match.
//!
//! Texts with too few numbers for that (novels, poems) get a second chance from their words:
//! [`lexical_score`] aligns them and asks whether word pairs come out of the alignment far
//! more often than by chance.
//!
//! Documents are then grouped into translation sets by average-linkage clustering: the two
//! sets with the highest mean pair score merge, as long as that mean reaches the threshold and
//! no language would appear twice in the set (documents in the same language are never
//! translations of each other). A document left alone has no counterpart.

use unicode_width::UnicodeWidthChar;

use crate::align::{self, anchors, lexicon};
use crate::document::{Document, Kind, Lang};

/// Below this mean score two sets are not joined.
pub const DEFAULT_THRESHOLD: f64 = 0.4;

/// Added to the anchor count in the denominator: two documents sharing their only two
/// numbers prove less than two sharing forty.
const ANCHOR_DAMPING: f64 = 4.0;

/// Longer anchor lists are cut, to keep the quadratic subsequence search cheap.
const MAX_ANCHORS: usize = 4000;

/// Fewer aligned groups than this teach no word pairs (see `align::lexicon`).
const LEXICAL_MIN_GROUPS: usize = 30;
/// Added to the chance count: a handful of pairs learned either way proves nothing.
const LEXICAL_DAMPING: f64 = 5.0;
/// The ratio of pairs learned from the alignment to pairs learned by chance that scores 0,
/// and how far above it a ratio scores 1. Measured on MAC-Dev's six zh-en chapters crossed
/// with each other: translations 1.85-3.8, unrelated chapters 1.06-1.68.
const LEXICAL_CHANCE: f64 = 1.2;
const LEXICAL_SPAN: f64 = 1.6;

/// What the pair score looks at in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub lang: Lang,
    /// Content length in narrow-character units (see the module doc).
    pub length: f64,
    /// The numbers and point numbers of the text, in order.
    pub anchors: Vec<u64>,
}

impl Profile {
    pub fn of(doc: &Document) -> Profile {
        let mut length = 0.0;
        let mut anchors = Vec::new();
        for p in doc.paragraphs.iter().filter(|p| p.kind != Kind::Noise) {
            length += text_length(&p.text) + 1.0;
            // A numbered point is an anchor of its own, even a one-digit one; numbers of
            // 18 digits at most stay far below these.
            if let Some(n) = p.point_number() {
                anchors.push(u64::MAX - u64::from(n));
            }
            numbers(&p.text, &mut anchors);
        }
        anchors.truncate(MAX_ANCHORS);
        Profile { lang: doc.lang, length, anchors }
    }
}

/// Narrow-character units: runs of whitespace count once, double-width characters three times.
fn text_length(text: &str) -> f64 {
    let mut n = 0.0;
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                n += 1.0;
            }
            in_space = true;
            continue;
        }
        in_space = false;
        n += if c.width() == Some(2) { 3.0 } else { 1.0 };
    }
    n
}

/// Appends the numbers of two or more significant digits in `text` (ASCII or full-width).
fn numbers(text: &str, out: &mut Vec<u64>) {
    let mut digits = String::new();
    let mut flush = |digits: &mut String| {
        let significant = digits.trim_start_matches('0');
        if (2..=18).contains(&significant.len())
            && let Ok(n) = significant.parse()
        {
            out.push(n);
        }
        digits.clear();
    };
    for c in text.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '０'..='９' => digits.push(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            _ if !digits.is_empty() => flush(&mut digits),
            _ => {}
        }
    }
    flush(&mut digits);
}

/// The longest common subsequence of `a` and `b`, and the shortest prefix of `b` that holds
/// one as long.
fn lcs(a: &[u64], b: &[u64]) -> (usize, usize) {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { prev[j + 1].max(cur[j]) };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let best = prev[b.len()];
    (best, prev.iter().position(|&l| l == best).unwrap_or(b.len()))
}

/// How much two documents look like translations of each other, from 0 to 1; 0 for two
/// documents in the same language.
pub fn score(a: &Profile, b: &Profile) -> f64 {
    if a.lang == b.lang {
        return 0.0;
    }
    // A translation that stops early (a cut-off text, an unfinished one) lacks the numbers of
    // the rest: those are not counted against it when it is the shorter text and at least
    // half of its own numbers are found, in order, in the other's beginning. The length
    // factor below still counts what it lacks, once.
    let (s, l) = if a.length <= b.length { (a, b) } else { (b, a) };
    let (common, prefix) = lcs(&s.anchors, &l.anchors);
    let dice = |other: usize| 2.0 * common as f64 / ((s.anchors.len() + other) as f64 + ANCHOR_DAMPING);
    let stopped_early = 2 * common >= s.anchors.len() && common > 0;
    let anchors = if stopped_early { dice(prefix) } else { dice(l.anchors.len()) };
    let lengths = if l.length > 0.0 { (s.length / l.length).sqrt() } else { 0.0 };
    anchors * lengths
}

/// The outcome for a list of documents (indices into it throughout).
#[derive(Debug, Clone, PartialEq)]
pub struct Pairing {
    /// `scores[i][j]`: the pair score of documents i and j.
    pub scores: Vec<Vec<f64>>,
    /// Each document's highest-scoring document in another language, with the score.
    pub best: Vec<Option<(usize, f64)>>,
    /// Translation sets of two or more documents, each sorted, in order of their first member.
    pub sets: Vec<Vec<usize>>,
}

impl Pairing {
    /// The translation set a document belongs to, if any.
    pub fn set_of(&self, doc: usize) -> Option<usize> {
        self.sets.iter().position(|s| s.contains(&doc))
    }

    /// The mean pair score inside a set.
    pub fn cohesion(&self, set: &[usize]) -> f64 {
        mean_between(&self.scores, set, set)
    }
}

fn mean_between(scores: &[Vec<f64>], a: &[usize], b: &[usize]) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for &i in a {
        for &j in b {
            if i != j {
                sum += scores[i][j];
                n += 1;
            }
        }
    }
    if n == 0 { 0.0 } else { sum / n as f64 }
}

/// How much better the words of two texts pair up when the texts are aligned than by chance,
/// from 0 to 1: for texts with few or no numbers (novels, poems), where [`score`] sees
/// nothing. The texts are aligned and word pairs are learned from the groups (as the aligner
/// does, after Moore 2002); then they are learned again from the same groups with one side
/// shifted by half the text, which keeps every word's frequency but breaks any real
/// correspondence. Translations learn two to four times as many pairs from their alignment as
/// from the shifted one; unrelated texts about as many from both.
pub fn lexical_score(a: &Document, b: &Document) -> f64 {
    if a.lang == b.lang {
        return 0.0;
    }
    let base = anchors::features(a, b, &[]);
    let groups: Vec<(Vec<usize>, Vec<usize>)> = align::align_features(&base)
        .groups
        .into_iter()
        .filter(|g| !g.left.is_empty() && !g.right.is_empty())
        .map(|g| (g.left, g.right))
        .collect();
    let k = groups.len();
    if k < LEXICAL_MIN_GROUPS {
        return 0.0;
    }
    let words = lexicon::Words::new(a, b);
    let real = lexicon::learn_words(&words, &groups, &mut base.clone()) as f64;
    // Chance is averaged over three shifts, so that one unlucky shift does not decide.
    let chance = [k / 3, k / 2, 2 * k / 3]
        .iter()
        .map(|&by| {
            let shifted: Vec<(Vec<usize>, Vec<usize>)> =
                (0..k).map(|i| (groups[i].0.clone(), groups[(i + by) % k].1.clone())).collect();
            lexicon::learn_words(&words, &shifted, &mut base.clone()) as f64
        })
        .sum::<f64>()
        / 3.0;
    let ratio = real / (chance + LEXICAL_DAMPING);
    ((ratio - LEXICAL_CHANCE) / LEXICAL_SPAN).clamp(0.0, 1.0)
}

/// Scores every pair of documents and groups them into translation sets. A pair's score is
/// the better of [`score`] (numbers and lengths, cheap) and, when that is under the
/// threshold, [`lexical_score`] (an alignment of the two).
pub fn pair(docs: &[Document], threshold: f64) -> Pairing {
    let profiles: Vec<Profile> = docs.iter().map(Profile::of).collect();
    let n = docs.len();
    let mut scores = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let mut s = score(&profiles[i], &profiles[j]);
            if s < threshold && profiles[i].lang != profiles[j].lang {
                s = s.max(lexical_score(&docs[i], &docs[j]));
            }
            scores[i][j] = s;
            scores[j][i] = s;
        }
    }
    let best = (0..n)
        .map(|i| {
            (0..n)
                .filter(|&j| profiles[j].lang != profiles[i].lang)
                .map(|j| (j, scores[i][j]))
                .max_by(|a, b| a.1.total_cmp(&b.1))
        })
        .collect();

    let mut clusters: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    loop {
        let mut top: Option<(usize, usize, f64)> = None;
        for a in 0..clusters.len() {
            for b in a + 1..clusters.len() {
                let clash = clusters[a]
                    .iter()
                    .any(|&i| clusters[b].iter().any(|&j| profiles[i].lang == profiles[j].lang));
                if clash {
                    continue;
                }
                let m = mean_between(&scores, &clusters[a], &clusters[b]);
                if m >= threshold && top.is_none_or(|(_, _, t)| m > t) {
                    top = Some((a, b, m));
                }
            }
        }
        let Some((a, b, _)) = top else { break };
        let merged = clusters.swap_remove(b);
        clusters[a].extend(merged);
    }
    let mut sets: Vec<Vec<usize>> = clusters.into_iter().filter(|c| c.len() > 1).collect();
    for s in &mut sets {
        s.sort_unstable();
    }
    sets.sort();
    Pairing { scores, best, sets }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn doc(lang: Lang, texts: &[&str]) -> Document {
        Document::of_texts("t", lang, texts)
    }

    #[test]
    fn numbers_skip_single_digits_and_read_full_width() {
        let mut v = Vec::new();
        numbers("In 2022, 5 of 16 cities; ２０１９年; 007 and 0.5; 1,000", &mut v);
        assert_eq!(v, vec![2022, 16, 2019]);
    }

    #[test]
    fn profiles_take_numbered_points_and_skip_noise() {
        let mut d = doc(Lang::EN, &["5.  The workers of 2022", "page 17", "3. Then"]);
        d.paragraphs[1].kind = Kind::Noise;
        let p = Profile::of(&d);
        assert_eq!(p.anchors, vec![u64::MAX - 5, 2022, u64::MAX - 3]);
        assert_eq!(p.length, 22.0 + 1.0 + 7.0 + 1.0);
    }

    #[test]
    fn wide_characters_count_three() {
        assert_eq!(text_length("ab  c"), 4.0);
        assert_eq!(text_length("工人a"), 7.0);
    }

    #[test]
    fn score_worked_by_hand() {
        // Same numbers in the same order: anchors 2*3/(3+3+4) = 0.6; lengths equal.
        let a = Profile { lang: Lang::EN, length: 100.0, anchors: vec![10, 20, 30] };
        let b = Profile { lang: Lang::ZH, length: 100.0, anchors: vec![10, 20, 30] };
        assert!((score(&a, &b) - 0.6).abs() < 1e-12);
        // One swapped: the common subsequence is 2; a quarter of the length: factor 1/2.
        let c = Profile { lang: Lang::ZH, length: 25.0, anchors: vec![20, 10, 30] };
        assert!((score(&a, &c) - 0.4 * 0.5).abs() < 1e-12);
        // The same language never pairs.
        assert_eq!(score(&a, &Profile { lang: Lang::EN, ..b.clone() }), 0.0);
    }

    #[test]
    fn a_translation_that_stops_early_is_not_counted_twice_for_what_it_lacks() {
        let whole = Profile { lang: Lang::EN, length: 100.0, anchors: (10..30).collect() };
        // The first half, translated: 10 numbers, all in the other's first half.
        let half = Profile { lang: Lang::KO, length: 50.0, anchors: (10..20).collect() };
        // anchors 2*10/(10+10+4), lengths sqrt(1/2): not 2*10/(10+20+4) as well.
        let expected = 20.0 / 24.0 * 0.5f64.sqrt();
        assert!((score(&whole, &half) - expected).abs() < 1e-12, "{}", score(&whole, &half));
        // The same numbers spread over the whole of the other text are no early stop.
        let spread = Profile { anchors: (11..30).step_by(2).collect(), ..half.clone() };
        assert!((score(&whole, &spread) - 20.0 / 34.0 * 0.5f64.sqrt()).abs() < 1e-12);
        // A short text sharing only a few of its numbers is scored as before.
        let stranger = Profile { anchors: vec![10, 11, 99, 98, 97, 96, 95, 94], ..half };
        assert!((score(&whole, &stranger) - 4.0 / 32.0 * 0.5f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn sets_keep_one_document_per_language_and_leave_strangers_out() {
        let years = "In 1991, 2011, 2019 and 2022 the workers of 16 towns struck for 55 days.";
        let jahre = "1991, 2011, 2019 und 2022 streikten die Arbeiter aus 16 Städten 55 Tage lang.";
        let other = "Im Jahr 1848 gab es 12 Aufstände in 30 Städten, davon 7 im Süden und 99 im Norden.";
        let docs = vec![
            doc(Lang::EN, &[years]),
            doc("de".parse().unwrap(), &[jahre]),
            doc(Lang::ES, &["En 1991, 2011, 2019 y 2022 los obreros de 16 ciudades pararon 55 días."]),
            doc("de".parse().unwrap(), &[other]),
        ];
        let p = pair(&docs, DEFAULT_THRESHOLD);
        assert_eq!(p.sets, vec![vec![0, 1, 2]]);
        assert_eq!(p.set_of(3), None);
        assert!(matches!(p.best[0], Some((1 | 2, _))), "{:?}", p.best);
        assert!(p.cohesion(&p.sets[0]) > DEFAULT_THRESHOLD);
    }
}
