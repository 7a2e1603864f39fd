//! Cognates and transliterations as word pairs, for two languages without a dictionary:
//! `revolution`, `revolución`, `революция` and `revolução` look alike once folded to Latin
//! letters ([`translit::latin_key`]) and to a rough sound skeleton ([`translit::skeleton`]).
//! Korean words are romanised as the loanwords they may write are spelt (시스테마 ~ `sistema`).
//!
//! Candidate pairs are words of both texts whose stems (the first few letters of the
//! skeleton) are within a small edit distance of each other, each word paired with its
//! nearest words only. Capitalised words are left to the name anchors, and frequent words to
//! the learned lexicon ([`super::lexicon`]), which pairs them from the groups themselves.
//!
//! Nothing here says how far a match is trusted. Candidates go into one pool per edit
//! distance, and [`dictionary::trusted`] lets the pair decide: a pool whose words fall in the
//! same groups of a first alignment more often than chance earns weight, each candidate as
//! far as its own meetings show; a pool that does not (false friends, look-alikes of
//! unrelated words, languages that share no vocabulary) earns none.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::dictionary::{self, Candidates};
use super::translit::{self, Script};
use crate::document::Document;

/// Fewest letters of a word compared: shorter words look alike by chance.
const MIN_LETTERS: usize = 5;
/// Stems are the first this many letters of the skeleton: inflections fall past them.
const STEM_LETTERS: usize = 7;
/// Fewest letters of a stem: the skeleton may be shorter than the word.
const MIN_STEM: usize = 4;
/// Largest edit distance between stems paired; each distance is a pool of its own.
const MAX_DISTANCE: usize = 3;
/// Letters a bucket's stems share at their start: pairs are sought within a bucket only, so
/// the cost grows with the texts, not with their product.
const BUCKET_LETTERS: usize = 2;
/// A stem in more than this share of a text's paragraphs (and more than `MIN_FREQUENT`) is
/// a function word or the text's topic word: the learned lexicon pairs those from the groups
/// themselves, and as candidates they would only swell every list.
const MAX_SHARE: f32 = 0.05;
const MIN_FREQUENT: usize = 3;

/// The stems of one text: each stem's id in the order first seen, and the stems of each
/// paragraph (sorted, deduplicated).
struct Stems {
    keys: Vec<String>,
    paragraphs: Vec<Vec<u32>>,
}

/// Particles and endings that Korean writes onto a word (longest first): a loanword is
/// compared without them.
const KOREAN_PARTICLES: &[&str] = &[
    "에서는",
    "으로는",
    "적으로",
    "에서",
    "으로",
    "에게",
    "까지",
    "부터",
    "들은",
    "들이",
    "들을",
    "들의",
    "들과",
    "적인",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "도",
    "와",
    "과",
    "로",
    "들",
];

/// Fewest Hangul syllables of a word compared (after its particles).
const MIN_SYLLABLES: usize = 3;

/// Whether a word is written in Hangul syllables.
fn is_hangul(word: &str) -> bool {
    word.chars().all(|c| matches!(c as u32, 0xac00..=0xd7af))
}

/// A Hangul word romanised the way the loanword it writes is spelt, or `None` when it is too
/// short: particles off, the vowel Korean puts between the consonants a Latin word clusters
/// (`eu`: 시스테마 `siseutema` → `sistema`) dropped, and the romanisation's two-letter vowels
/// as one.
fn korean_key(word: &str) -> Option<String> {
    let w = KOREAN_PARTICLES
        .iter()
        .find_map(|p| word.strip_suffix(p).filter(|rest| rest.chars().count() >= MIN_SYLLABLES))
        .unwrap_or(word);
    if w.chars().count() < MIN_SYLLABLES {
        return None;
    }
    let key = translit::latin_key(w);
    Some(key.replace("eu", "").replace("eo", "o").replace("ae", "e").replace("lr", "l"))
}

/// The stem of a lowercase word, or `None` when it is too short to compare.
fn stem_of(word: &str) -> Option<String> {
    let key = if is_hangul(word) {
        korean_key(word)?
    } else if word.chars().count() >= MIN_LETTERS {
        translit::latin_key(word)
    } else {
        return None;
    };
    let skel = translit::skeleton(&key);
    let stem: String = skel.chars().take(STEM_LETTERS).collect();
    (stem.len() >= MIN_STEM && stem.bytes().all(|b| b.is_ascii_lowercase())).then_some(stem)
}

/// A word without the `e` that Spanish, Portuguese and Catalan put before an `s` and a
/// consonant (`estado` ~ state, `espontáneo` ~ spontaneous, `escola` ~ school), so that it
/// also meets the words of languages without it; `None` for other words.
fn without_prothesis(word: &str) -> Option<&str> {
    let rest = word.strip_prefix("es")?;
    rest.starts_with(|c: char| c.is_ascii_alphabetic() && !"aeiou".contains(c)).then(|| &word[1..])
}

/// The stems of a text's words that are written in lowercase somewhere in it (a word only
/// ever capitalised is a name, or starts sentences only), without the frequent ones.
fn stems(doc: &Document) -> Stems {
    // Word forms as written are interned first: there are far fewer of them than words, and
    // only they are lowercased and stemmed.
    let mut form_ids: HashMap<&str, u32> = HashMap::default();
    let mut forms: Vec<&str> = Vec::new();
    let words: Vec<Vec<u32>> = doc
        .paragraphs
        .iter()
        .map(|p| {
            p.text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| {
                    w.len() >= MIN_LETTERS
                        && (is_hangul(w) || w.chars().all(|c| translit::script(c) == Script::Alphabet))
                })
                .map(|w| {
                    *form_ids.entry(w).or_insert_with(|| {
                        forms.push(w);
                        forms.len() as u32 - 1
                    })
                })
                .collect()
        })
        .collect();
    let lower: Vec<String> = forms.iter().map(|w| w.to_lowercase()).collect();
    let mut seen_lowercase: HashMap<&str, bool> = HashMap::default();
    for (w, l) in forms.iter().zip(&lower) {
        // Hangul has no capitals: its names meet nothing, the other side's being left out.
        let lowercase = is_hangul(w) || w.chars().next().is_some_and(char::is_lowercase);
        *seen_lowercase.entry(l.as_str()).or_insert(false) |= lowercase;
    }
    let mut ids: HashMap<String, u32> = HashMap::default();
    let mut keys = Vec::new();
    let mut id_of = |s: String| {
        *ids.entry(s.clone()).or_insert_with(|| {
            keys.push(s);
            keys.len() as u32 - 1
        })
    };
    let form_stem: Vec<[Option<u32>; 2]> = lower
        .iter()
        .map(|l| {
            if !seen_lowercase.get(l.as_str()).copied().unwrap_or(false) {
                return [None, None];
            }
            [stem_of(l).map(&mut id_of), without_prothesis(l).and_then(stem_of).map(&mut id_of)]
        })
        .collect();
    let mut paragraphs: Vec<Vec<u32>> = words
        .iter()
        .map(|ws| {
            let mut v: Vec<u32> = ws.iter().flat_map(|&f| form_stem[f as usize]).flatten().collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let mut df = vec![0usize; keys.len()];
    paragraphs.iter().flatten().for_each(|&k| df[k as usize] += 1);
    let limit = ((MAX_SHARE * paragraphs.len() as f32) as usize).max(MIN_FREQUENT);
    for v in &mut paragraphs {
        v.retain(|&k| df[k as usize] <= limit);
    }
    Stems { keys, paragraphs }
}

/// Levenshtein distance of two short ASCII stems, or `None` beyond `MAX_DISTANCE`.
fn distance(a: &[u8], b: &[u8]) -> Option<usize> {
    if a.len().abs_diff(b.len()) > MAX_DISTANCE {
        return None;
    }
    let mut row: [usize; STEM_LETTERS + 1] = std::array::from_fn(|k| k);
    for (i, &x) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            let next = (diag + usize::from(x != y)).min(row[j] + 1).min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    let d = row[b.len()];
    (d <= MAX_DISTANCE).then_some(d)
}

/// Whether cognates are looked for between two texts: both written with spaces between
/// words (not Chinese or Japanese, whose words are not cut here).
pub fn applies(left: &Document, right: &Document) -> bool {
    !left.lang.joins_without_space() && !right.lang.joins_without_space()
}

/// The cognate candidates of two texts, pooled by edit distance; `None` when cognates do not
/// apply to their languages or none were found.
pub fn candidates(left: &Document, right: &Document) -> Option<Candidates> {
    if !applies(left, right) {
        return None;
    }
    let (ls, rs) = rayon::join(|| stems(left), || stems(right));
    // Stems by their first letters, for each side.
    fn bucket(keys: &[String]) -> HashMap<&[u8], Vec<u32>> {
        let mut b: HashMap<&[u8], Vec<u32>> = HashMap::default();
        for (k, s) in keys.iter().enumerate() {
            b.entry(&s.as_bytes()[..BUCKET_LETTERS.min(s.len())]).or_default().push(k as u32);
        }
        b
    }
    let (lb, rb) = (bucket(&ls.keys), bucket(&rs.keys));
    let mut shared: Vec<(&[u8], &Vec<u32>)> = lb.iter().map(|(k, v)| (*k, v)).collect();
    shared.sort_unstable();
    // Within each bucket, each stem's nearest stems of the other side; a pair is kept when
    // each is among the other's nearest.
    let mut pairs: Vec<(u32, u32, u8)> = shared
        .par_iter()
        .flat_map_iter(|&(start, ls_ids)| {
            let rs_ids = rb.get(start).map(Vec::as_slice).unwrap_or(&[]);
            let d: Vec<Option<usize>> = ls_ids
                .iter()
                .flat_map(|&a| rs_ids.iter().map(move |&b| (a, b)))
                .map(|(a, b)| distance(ls.keys[a as usize].as_bytes(), rs.keys[b as usize].as_bytes()))
                .collect();
            let w = rs_ids.len();
            let row_min: Vec<usize> = (0..ls_ids.len())
                .map(|i| d[i * w..(i + 1) * w].iter().flatten().copied().min().unwrap_or(usize::MAX))
                .collect();
            let col_min: Vec<usize> = (0..w)
                .map(|j| (0..ls_ids.len()).filter_map(|i| d[i * w + j]).min().unwrap_or(usize::MAX))
                .collect();
            let mut out = Vec::new();
            for (i, &a) in ls_ids.iter().enumerate() {
                for (j, &b) in rs_ids.iter().enumerate() {
                    if let Some(x) = d[i * w + j]
                        && x == row_min[i]
                        && x == col_min[j]
                    {
                        out.push((a, b, x as u8));
                    }
                }
            }
            out
        })
        .collect();
    if pairs.is_empty() {
        return None;
    }
    pairs.sort_unstable();
    let mut by_l: Vec<Vec<u32>> = vec![Vec::new(); ls.keys.len()];
    let mut by_r: Vec<Vec<u32>> = vec![Vec::new(); rs.keys.len()];
    let mut pools = Vec::with_capacity(pairs.len());
    for (k, &(a, b, d)) in pairs.iter().enumerate() {
        by_l[a as usize].push(k as u32);
        by_r[b as usize].push(k as u32);
        pools.push(d);
    }
    let lists = |paras: &[Vec<u32>], by: &[Vec<u32>]| -> Vec<Vec<u32>> {
        paras
            .iter()
            .map(|v| {
                let mut c: Vec<u32> = v.iter().flat_map(|&s| by[s as usize].iter().copied()).collect();
                c.sort_unstable();
                c
            })
            .collect()
    };
    let (l, r) = (lists(&ls.paragraphs, &by_l), lists(&rs.paragraphs, &by_r));
    Some(dictionary::Candidates::pooled(l, r, pools))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Lang;

    fn doc(lang: Lang, texts: &[&str]) -> Document {
        Document::of_texts("t", lang, texts)
    }

    #[test]
    fn stems_of_cognates_across_scripts_are_close() {
        let d = |a: &str, b: &str| {
            let (x, y) = (stem_of(a).unwrap_or_default(), stem_of(b).unwrap_or_default());
            distance(x.as_bytes(), y.as_bytes())
        };
        assert_eq!(d("revolution", "revolución"), Some(1));
        assert!(d("revolution", "революция").is_some_and(|x| x <= 2), "{:?}", stem_of("революция"));
        assert!(d("government", "gobierno").is_some());
        assert_eq!(d("country", "pueblo"), None, "unrelated words are far apart");
        assert_eq!(stem_of("gas"), None, "too short to compare");
    }

    #[test]
    fn korean_loanwords_meet_their_latin_spelling() {
        let d = |a: &str, b: &str| {
            let (x, y) = (stem_of(a).unwrap_or_default(), stem_of(b).unwrap_or_default());
            distance(x.as_bytes(), y.as_bytes())
        };
        assert_eq!(d("sistema", "시스테마를"), Some(0), "{:?}", stem_of("시스테마를"));
        assert_eq!(d("proletariat", "프롤레타리아"), Some(0), "{:?}", stem_of("프롤레타리아"));
        assert!(d("computer", "컴퓨터").is_some_and(|x| x <= 2), "{:?}", stem_of("컴퓨터"));
        assert_eq!(stem_of("나라"), None, "two syllables are too short to compare");
    }

    #[test]
    fn words_with_a_prothetic_e_meet_their_english_cognates() {
        assert_eq!(without_prothesis("espontáneo"), Some("spontáneo"));
        assert_eq!(without_prothesis("escola"), Some("scola"));
        assert_eq!(without_prothesis("esencia"), None, "a vowel after es: no prothesis");
        assert_eq!(without_prothesis("revolución"), None);
        let en = doc(Lang::EN, &["The state fell.", "A spontaneous strike.", "Nothing here."]);
        let es = doc(Lang::ES, &["El estado cayó.", "Una huelga espontánea.", "Nada aquí."]);
        let c = candidates(&en, &es).expect("state ~ estado and spontaneous ~ espontánea meet");
        assert_eq!(c.count(), 2, "one candidate each");
    }

    #[test]
    fn capitalised_and_frequent_words_are_left_out_and_chinese_is_not_compared() {
        let en = doc(Lang::EN, &["The regime fell.", "Almaty burned.", "Almaty again."]);
        let es = doc(Lang::ES, &["El régimen cayó.", "Almaty ardió.", "Almaty otra vez."]);
        let c = candidates(&en, &es).expect("regime and régimen meet");
        assert_eq!(c.count(), 1, "only the lowercase word is a candidate");
        assert!(
            candidates(&en, &doc(Lang::ZH, &["政权倒台了。", "阿拉木图燃烧。", "又是阿拉木图。"])).is_none()
        );
    }
}
