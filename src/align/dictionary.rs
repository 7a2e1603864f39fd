//! Bilingual dictionaries as anchors: a word of one text and a word of the other that a
//! dictionary pairs say that their sentences translate each other, where lengths and
//! positions cannot tell.
//!
//! A dictionary is a plain table, `term<TAB>translation words[<TAB>count]`, one entry a line
//! (see `data/dict/zh-en.tsv`, derived from CC-CEDICT by `scripts/build-cedict.py`); one for
//! another pair is read the same way ([`Dictionary::parse`], [`Dictionary::load`]) and named in
//! [`Dictionary::builtin`]. A user's own pairs come in through a glossary (a `.tsv` one has the
//! same form: see [`super::glossary`]) as exact anchors. Every word of the source text with
//! an entry is a candidate anchor, found on the other side in any sentence holding one of its
//! translations (stemmed). The count, when given, weights the segmenter that cuts text written
//! without spaces (Chinese, Japanese) into the dictionary's terms.
//!
//! How far each candidate is trusted is learned from the pair, as the word pairs of
//! [`super::lexicon`] are: after a first alignment, each candidate's certainty is how much more
//! often its two sides fall in the same group than chance would put them there. A dictionary
//! sense that this translation does not use, or a word that translates everything, comes out
//! near zero; IDF over both texts does the rest (see
//! [`Features::add_concepts`](super::anchors::Features::add_concepts)).

use std::sync::OnceLock;

use jieba_rs::Jieba;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::anchors::NewConcepts;
use super::translit::{self, Script};
use crate::document::{Document, Lang};
use crate::error::{Error, Result};

include_flate::flate!(static ZH_EN: str from "data/dict/zh-en.tsv" with deflate);
include_flate::flate!(static DE_FR: str from "data/dict/de-fr.tsv" with deflate);

/// A dictionary diglot carries: its file under `data/dict/`, its two languages and its text.
struct Builtin {
    file: &'static str,
    source: Lang,
    target: Lang,
    text: fn() -> &'static str,
    read: OnceLock<Option<Dictionary>>,
}

/// The dictionaries diglot carries (see the README for their sources and licences).
static BUILTIN: [Builtin; 2] = [
    Builtin { file: "zh-en.tsv", source: Lang::ZH, target: Lang::EN, text: || &ZH_EN, read: OnceLock::new() },
    Builtin { file: "de-fr.tsv", source: Lang::DE, target: Lang::FR, text: || &DE_FR, read: OnceLock::new() },
];

/// Stems are cut to this many characters: enough to tell words apart, short enough that
/// inflections the suffix rules miss still meet.
const STEM_CHARS: usize = 7;

/// A word list from one language to another.
pub struct Dictionary {
    pub source: Lang,
    pub target: Lang,
    /// Source term (as [`Dictionary::source_key`] gives it) → ids of its translations' stems.
    entries: HashMap<String, Vec<u32>>,
    /// Stem of a target word → its id.
    stems: HashMap<String, u32>,
    /// Cuts source text written without spaces into the dictionary's terms.
    segmenter: Option<Jieba>,
    /// SHA-256 of the text it was read from (hex), so that alignments cached with one word
    /// list are not taken for alignments with another.
    pub digest: String,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary")
            .field("source", &self.source)
            .field("target", &self.target)
            .field("entries", &self.entries.len())
            .field("digest", &self.digest)
            .finish()
    }
}

impl Dictionary {
    /// Reads a dictionary from `source` to `target` in the form the module describes; `name`
    /// is only used in messages. Lines starting with `#` and blank lines are skipped.
    pub fn parse(name: &str, text: &str, source: Lang, target: Lang) -> Result<Dictionary> {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        Dictionary::read(name, text, source, target, digest)
    }

    /// [`Dictionary::parse`] with the digest given: the built-in dictionaries are never part of
    /// a cache key (the aligner's version stands for them), so theirs is not worth hashing
    /// megabytes for on every run.
    fn read(name: &str, text: &str, source: Lang, target: Lang, digest: String) -> Result<Dictionary> {
        let mut dict = Dictionary {
            source,
            target,
            entries: HashMap::default(),
            stems: HashMap::default(),
            segmenter: None,
            digest,
        };
        let mut jieba = source.joins_without_space().then(Jieba::empty);
        // Each distinct word is stemmed once: the same few thousand words recur in glosses.
        let mut word_ids: HashMap<&str, u32> = HashMap::default();
        for (k, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |why: &str| Error::Usage(format!("'{name}' line {}: {why}", k + 1));
            let mut fields = line.split('\t');
            let term = fields.next().unwrap_or("").trim();
            let words = fields.next().ok_or_else(|| bad("expected `term<TAB>translation`"))?;
            let count = match fields.next().map(str::trim) {
                Some(c) => Some(c.parse::<usize>().map_err(|_| bad("the third field is no count"))?),
                None => None,
            };
            if term.is_empty() {
                return Err(bad("empty term"));
            }
            let key = dict.source_key(term);
            let mut ids: Vec<u32> = words
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .filter(|w| !w.is_empty())
                .map(|w| {
                    *word_ids.entry(w).or_insert_with(|| {
                        let s = stem(&w.to_lowercase(), target);
                        let n = dict.stems.len() as u32;
                        *dict.stems.entry(s).or_insert(n)
                    })
                })
                .collect();
            if ids.is_empty() {
                continue;
            }
            if let Some(j) = jieba.as_mut() {
                j.add_word(term, Some(count.unwrap_or(1).max(1)), None);
            }
            let slot = dict.entries.entry(key).or_default();
            slot.append(&mut ids);
            slot.sort_unstable();
            slot.dedup();
        }
        dict.segmenter = jieba;
        Ok(dict)
    }

    /// Reads a word list from a file (see [`Dictionary::parse`]).
    pub fn load(path: &std::path::Path, source: Lang, target: Lang) -> Result<Dictionary> {
        let text = crate::source::read_text(path)?;
        Dictionary::parse(&path.display().to_string(), &text, source, target)
    }

    /// The dictionary diglot carries for two languages, in either order: CC-CEDICT for
    /// Chinese and English, WikDict's for German and French.
    pub fn builtin(a: Lang, b: Lang) -> Option<&'static Dictionary> {
        let d = BUILTIN.iter().find(|d| (d.source, d.target) == (a, b) || (d.source, d.target) == (b, a))?;
        d.read
            .get_or_init(|| {
                let name = format!("built-in {}-{}", d.source, d.target);
                Dictionary::read(d.file, (d.text)(), d.source, d.target, name).ok()
            })
            .as_ref()
    }

    /// How a source term is looked up: as written in scripts without spaces, else lowercased
    /// and stemmed word by word.
    fn source_key(&self, term: &str) -> String {
        if self.source.joins_without_space() {
            return term.to_string();
        }
        let words: Vec<String> =
            term.split_whitespace().map(|w| stem(&w.to_lowercase(), self.source)).collect();
        words.join(" ")
    }

    /// The terms of a source paragraph that have an entry.
    fn source_terms<'d>(&'d self, text: &str) -> Vec<&'d str> {
        let mut out = Vec::new();
        let mut push = |key: &str| {
            if let Some((k, _)) = self.entries.get_key_value(key) {
                out.push(k.as_str());
            }
        };
        if let Some(j) = &self.segmenter {
            for piece in text.split(|c: char| !is_word_char(c)).filter(|p| !p.is_empty()) {
                for t in j.cut(piece, false) {
                    push(t.word);
                }
            }
        } else {
            let words: Vec<String> = words_of(text).map(|w| stem(&w, self.source)).collect();
            for (k, w) in words.iter().enumerate() {
                push(w);
                if let Some(next) = words.get(k + 1) {
                    push(&format!("{w} {next}"));
                }
            }
        }
        out
    }

    /// The stem ids of a target paragraph's words that some entry names; `cache` keeps the
    /// answer for each word form already seen.
    fn target_stems(&self, text: &str, cache: &mut HashMap<String, Option<u32>>) -> Vec<u32> {
        let mut out = Vec::new();
        for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '\'')).filter(|w| !w.is_empty()) {
            let found = match cache.get(raw) {
                Some(&x) => x,
                None => {
                    let w: String = raw.chars().map(translit::fold_width).collect::<String>().to_lowercase();
                    let alphabetic = w.chars().all(|c| translit::script(c) == Script::Alphabet || c == '\'');
                    let x = if alphabetic { self.stems.get(&stem(&w, self.target)).copied() } else { None };
                    cache.insert(raw.to_string(), x);
                    x
                }
            };
            out.extend(found);
        }
        out
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The lowercased words of a text in alphabetic scripts (full-width letters folded).
fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().map(translit::fold_width).collect::<String>().to_lowercase())
        .filter(|w| w.chars().all(|c| translit::script(c) == Script::Alphabet || c == '\''))
}

/// English words whose inflection no suffix rule undoes, with their dictionary form (sorted,
/// for binary search).
const IRREGULAR_EN: &[(&str, &str)] = &[
    ("ate", "eat"),
    ("became", "become"),
    ("began", "begin"),
    ("begun", "begin"),
    ("best", "good"),
    ("better", "good"),
    ("bit", "bite"),
    ("bought", "buy"),
    ("broke", "break"),
    ("broken", "break"),
    ("brought", "bring"),
    ("built", "build"),
    ("came", "come"),
    ("caught", "catch"),
    ("children", "child"),
    ("chose", "choose"),
    ("drank", "drink"),
    ("drove", "drive"),
    ("dug", "dig"),
    ("eaten", "eat"),
    ("fallen", "fall"),
    ("fed", "feed"),
    ("feet", "foot"),
    ("fell", "fall"),
    ("felt", "feel"),
    ("fled", "flee"),
    ("flew", "fly"),
    ("forgot", "forget"),
    ("fought", "fight"),
    ("found", "find"),
    ("froze", "freeze"),
    ("gave", "give"),
    ("given", "give"),
    ("gone", "go"),
    ("got", "get"),
    ("grew", "grow"),
    ("heard", "hear"),
    ("held", "hold"),
    ("hid", "hide"),
    ("hung", "hang"),
    ("kept", "keep"),
    ("knew", "know"),
    ("known", "know"),
    ("laid", "lay"),
    ("lay", "lie"),
    ("led", "lead"),
    ("left", "leave"),
    ("lost", "lose"),
    ("made", "make"),
    ("meant", "mean"),
    ("men", "man"),
    ("met", "meet"),
    ("paid", "pay"),
    ("ran", "run"),
    ("rode", "ride"),
    ("rose", "rise"),
    ("said", "say"),
    ("sang", "sing"),
    ("sat", "sit"),
    ("saw", "see"),
    ("says", "say"),
    ("seen", "see"),
    ("sent", "send"),
    ("shook", "shake"),
    ("slept", "sleep"),
    ("sold", "sell"),
    ("sought", "seek"),
    ("spent", "spend"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("stole", "steal"),
    ("stood", "stand"),
    ("struck", "strike"),
    ("swore", "swear"),
    ("taken", "take"),
    ("taught", "teach"),
    ("teeth", "tooth"),
    ("thought", "think"),
    ("threw", "throw"),
    ("told", "tell"),
    ("took", "take"),
    ("tore", "tear"),
    ("understood", "understand"),
    ("went", "go"),
    ("woke", "wake"),
    ("women", "woman"),
    ("won", "win"),
    ("wore", "wear"),
    ("worse", "bad"),
    ("worst", "bad"),
    ("written", "write"),
    ("wrote", "write"),
];

/// A word's stem: for English, the dictionary form of irregular words and common suffixes
/// taken off; for the languages Snowball has a stemmer for, its stem (French `marchaient`
/// and `marcher` meet); for other languages, a final -s; for every language, cut to a few
/// characters (`STEM_CHARS`). `word` is lowercase.
pub fn stem(word: &str, lang: Lang) -> String {
    let w = word.trim_matches('\'');
    let mut s = w.strip_suffix("'s").unwrap_or(w).to_string();
    if lang == Lang::EN {
        s = match IRREGULAR_EN.binary_search_by(|(form, _)| (*form).cmp(s.as_str())) {
            Ok(k) => IRREGULAR_EN[k].1.to_string(),
            Err(_) => strip_english_suffix(&s),
        };
    } else if let Some(algorithm) = snowball(lang) {
        s = rust_stemmers::Stemmer::create(algorithm).stem(&s).into_owned();
    } else if s.chars().count() > 3 && s.ends_with('s') && !s.ends_with("ss") {
        // Most languages written in Latin letters make plurals with -s; the cut to
        // STEM_CHARS does the rest, roughly.
        s.pop();
    }
    s.chars().take(STEM_CHARS).collect()
}

/// The Snowball stemmer for a language other than English, where there is one.
fn snowball(lang: Lang) -> Option<rust_stemmers::Algorithm> {
    use rust_stemmers::Algorithm::*;
    Some(match lang.as_str() {
        "ar" => Arabic,
        "da" => Danish,
        "de" => German,
        "el" => Greek,
        "es" => Spanish,
        "fi" => Finnish,
        "fr" => French,
        "hu" => Hungarian,
        "it" => Italian,
        "nl" => Dutch,
        "no" | "nb" | "nn" => Norwegian,
        "pt" => Portuguese,
        "ro" => Romanian,
        "ru" => Russian,
        "sv" => Swedish,
        "tr" => Turkish,
        _ => return None,
    })
}

fn strip_english_suffix(w: &str) -> String {
    let n = w.chars().count();
    let undouble = |s: &str| -> String {
        let b = s.as_bytes();
        let l = b.len();
        if l >= 3 && b[l - 1] == b[l - 2] && !matches!(b[l - 1], b'l' | b's' | b'z' | b'e' | b'o') {
            s[..l - 1].to_string()
        } else {
            s.to_string()
        }
    };
    if n > 4 && (w.ends_with("ies") || w.ends_with("ied")) {
        return format!("{}y", &w[..w.len() - 3]);
    }
    if n > 5 && w.ends_with("ing") {
        return undouble(&w[..w.len() - 3]);
    }
    if n > 4 && w.ends_with("ed") {
        return undouble(&w[..w.len() - 2]);
    }
    if n > 5 && w.ends_with("ly") {
        return w[..w.len() - 2].to_string();
    }
    if n > 4 && ["ches", "shes", "sses", "xes"].iter().any(|s| w.ends_with(s)) {
        return w[..w.len() - 2].to_string();
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// Candidate anchors in two texts, each listed for the paragraphs that hold it on each side:
/// a dictionary's (one per source term found, on the target side wherever one of its
/// translations is) or another matcher's ([`super::cognates`]).
pub struct Candidates {
    left: Vec<Vec<u32>>,
    right: Vec<Vec<u32>>,
    count: usize,
    /// The pool of each candidate (empty: all in one). A pool holds candidates found the same
    /// way (cognates at one edit distance): [`learn`] trusts a pool only as far as its
    /// candidates together follow the groups.
    pools: Vec<u8>,
}

impl Candidates {
    /// Candidates `0..pools.len()` listed per paragraph of each side, with their pools.
    pub fn pooled(left: Vec<Vec<u32>>, right: Vec<Vec<u32>>, pools: Vec<u8>) -> Candidates {
        Candidates { left, right, count: pools.len(), pools }
    }

    /// How many candidates there are.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The candidates of a dictionary in two texts, whichever side is its source; `None`
    /// when the texts are not in its two languages.
    pub fn find(dict: &Dictionary, left: &Document, right: &Document) -> Option<Candidates> {
        let (src, tgt, flipped) = if left.lang == dict.source && right.lang == dict.target {
            (left, right, false)
        } else if right.lang == dict.source && left.lang == dict.target {
            (right, left, true)
        } else {
            return None;
        };
        let (terms, stems): (Vec<Vec<&str>>, Vec<Vec<u32>>) = rayon::join(
            || src.paragraphs.par_iter().map(|p| dict.source_terms(&p.text)).collect(),
            || {
                tgt.paragraphs
                    .par_iter()
                    .map_init(HashMap::default, |cache, p| dict.target_stems(&p.text, cache))
                    .collect()
            },
        );
        let mut ids: HashMap<&str, u32> = HashMap::default();
        let mut by_stem: HashMap<u32, Vec<u32>> = HashMap::default();
        let src_lists: Vec<Vec<u32>> = terms
            .iter()
            .map(|ts| {
                let mut v: Vec<u32> = ts
                    .iter()
                    .map(|&t| {
                        let n = ids.len() as u32;
                        *ids.entry(t).or_insert_with(|| {
                            for &s in dict.entries.get(t).map(Vec::as_slice).unwrap_or(&[]) {
                                by_stem.entry(s).or_default().push(n);
                            }
                            n
                        })
                    })
                    .collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let tgt_lists: Vec<Vec<u32>> = stems
            .iter()
            .map(|ss| {
                let mut v: Vec<u32> = ss.iter().filter_map(|s| by_stem.get(s)).flatten().copied().collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let count = ids.len();
        let (left, right) = if flipped { (tgt_lists, src_lists) } else { (src_lists, tgt_lists) };
        Some(Candidates { left, right, count, pools: Vec::new() })
    }
}

/// Certainty below which a candidate is dropped: it would add list length for nothing.
const MIN_CERTAINTY: f32 = 0.15;

/// Learns how far each candidate is trusted from `groups` (left ids, right ids) of an
/// alignment: those worth keeping, as concepts to add to the anchors
/// ([`Features::add_concepts`](super::anchors::Features::add_concepts)); `None` when none is.
///
/// A candidate's certainty is its Dice coefficient over the groups, with how often chance
/// would pair its two sides taken off: (dice − chance) / (1 − chance). A candidate seen in few
/// groups has its Dice pulled toward that of all candidates together, as one more group's
/// worth of evidence: one meeting is weak evidence for a word, but strong for a dictionary
/// that pairs most words right on this text. With pools, that pull is toward the pool's
/// Dice, and a pool whose candidates together beat chance by less than `MIN_CERTAINTY`
/// (as one candidate must) is dropped whole.
pub fn trusted(c: &Candidates, groups: &[(Vec<usize>, Vec<usize>)]) -> Option<NewConcepts> {
    let paired: Vec<&(Vec<usize>, Vec<usize>)> =
        groups.iter().filter(|(l, r)| !l.is_empty() && !r.is_empty()).collect();
    if paired.is_empty() || c.count == 0 {
        return None;
    }
    let ng = paired.len() as f32;
    let mut cl = vec![0u32; c.count];
    let mut cr = vec![0u32; c.count];
    let mut joint = vec![0u32; c.count];
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for (l, r) in paired {
        a.clear();
        b.clear();
        a.extend(l.iter().flat_map(|&i| c.left[i].iter().copied()));
        b.extend(r.iter().flat_map(|&j| c.right[j].iter().copied()));
        for v in [&mut a, &mut b] {
            v.sort_unstable();
            v.dedup();
        }
        a.iter().for_each(|&x| cl[x as usize] += 1);
        b.iter().for_each(|&y| cr[y as usize] += 1);
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    joint[a[i] as usize] += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
    }
    let both = |k: usize| cl[k] > 0 && cr[k] > 0;
    let pool = |k: usize| c.pools.get(k).map_or(0, |&p| usize::from(p));
    let npools = c.pools.iter().map(|&p| usize::from(p) + 1).max().unwrap_or(1);
    // Per pool: joint meetings, occurrences, and the meetings chance would make.
    let mut sums = vec![(0f32, 0f32, 0f32); npools];
    for k in (0..c.count).filter(|&k| both(k)) {
        let (x, y) = (cl[k] as f32, cr[k] as f32);
        let s = &mut sums[pool(k)];
        *s = (s.0 + joint[k] as f32, s.1 + x + y, s.2 + x * y / ng);
    }
    // The Dice of each pool's candidates together, and whether it beats chance enough for
    // the pool to be trusted at all (a pool of one kind of match the pair does not bear out
    // earns nothing, whatever a few of its candidates met by luck).
    let overall: Vec<Option<f32>> = sums
        .iter()
        .map(|&(j, o, e)| {
            if o == 0.0 {
                return None;
            }
            let (dice, chance) = (2.0 * j / o, (2.0 * e / o).min(0.99));
            let trusted = c.pools.is_empty() || (dice - chance) / (1.0 - chance) >= MIN_CERTAINTY;
            trusted.then_some(dice)
        })
        .collect();
    if overall.iter().all(Option::is_none) {
        return None;
    }
    let mut certainty = Vec::new();
    let mut new_id = vec![u32::MAX; c.count];
    for k in (0..c.count).filter(|&k| both(k)) {
        let Some(overall) = overall[pool(k)] else { continue };
        let (x, y) = (cl[k] as f32, cr[k] as f32);
        let dice = (2.0 * joint[k] as f32 + 2.0 * overall) / (x + y + 2.0);
        let chance = (2.0 * x * y / (ng * (x + y))).min(0.99);
        let sure = (dice - chance) / (1.0 - chance);
        if sure >= MIN_CERTAINTY {
            new_id[k] = certainty.len() as u32;
            certainty.push(sure.min(1.0));
        }
    }
    if certainty.is_empty() {
        return None;
    }
    let map = |lists: &[Vec<u32>]| -> Vec<Vec<u32>> {
        lists
            .iter()
            .map(|v| v.iter().map(|&k| new_id[k as usize]).filter(|&x| x != u32::MAX).collect())
            .collect()
    };
    Some(NewConcepts { left: map(&c.left), right: map(&c.right), certainty, dictionary: true })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn doc(lang: Lang, texts: &[&str]) -> Document {
        Document::of_texts("t", lang, texts)
    }

    #[test]
    fn the_irregular_table_is_sorted_for_binary_search() {
        assert!(IRREGULAR_EN.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn english_stems_meet_their_dictionary_forms() {
        let s = |w: &str| stem(w, Lang::EN);
        assert_eq!(s("walked"), s("walk"));
        assert_eq!(s("running"), s("run"));
        assert_eq!(s("said"), s("say"));
        assert_eq!(s("stories"), s("story"));
        assert_eq!(s("eyes"), s("eye"));
        assert_eq!(s("boxes"), s("box"));
        assert_ne!(s("glass"), s("glas"), "double s is no plural");
        assert_eq!(s("ministers'"), s("minister"));
    }

    #[test]
    fn the_builtin_chinese_dictionary_pairs_common_words() {
        let d = Dictionary::builtin(Lang::EN, Lang::ZH).expect("zh-en is built in");
        let terms = d.source_terms("他突然看见了一只猫。");
        assert!(terms.contains(&"突然") && terms.contains(&"猫"), "{terms:?}");
        let cat = &d.entries["猫"];
        assert!(d.target_stems("Two cats.", &mut HashMap::default()).iter().any(|s| cat.contains(s)));
        assert!(Dictionary::builtin(Lang::EN, Lang::RU).is_none());
    }

    #[test]
    fn the_builtin_german_french_dictionary_meets_inflected_words() {
        let d = Dictionary::builtin(Lang::FR, Lang::DE).expect("de-fr is built in, either way round");
        assert_eq!((d.source, d.target), (Lang::DE, Lang::FR));
        let de = doc(Lang::DE, &["Die Regierungen sind gefallen.", "Er fuhr schnell nach Hause."]);
        let fr = doc(Lang::FR, &["Les gouvernements sont tombés.", "Il est rentré vite à la maison."]);
        let c = Candidates::find(d, &fr, &de).expect("the texts are in its languages");
        let meet = |l: &[u32], r: &[u32]| l.iter().any(|x| r.contains(x));
        assert!(meet(&c.left[0], &c.right[0]), "gouvernements ~ Regierungen: {c:?}", c = (&c.left, &c.right));
        assert!(meet(&c.left[1], &c.right[1]), "vite ~ schnell, maison ~ Hause");
        assert!(Dictionary::builtin(Lang::DE, Lang::EN).is_none());
    }

    #[test]
    fn snowball_stems_meet_the_inflections_of_the_languages_it_knows() {
        assert_eq!(stem("marchaient", Lang::FR), stem("marcher", Lang::FR));
        assert_eq!(stem("tombés", Lang::FR), stem("tombé", Lang::FR));
        assert_eq!(stem("regierungen", Lang::DE), stem("regierung", Lang::DE));
        assert_eq!(stem("hermanas", Lang::ES), stem("hermano", Lang::ES));
        assert_eq!(stem("правительства", Lang::RU), stem("правительство", Lang::RU));
        // Languages without a Snowball stemmer keep the plain rule.
        assert_eq!(stem("kotas", "lt".parse().unwrap()), "kota");
    }

    #[test]
    fn bad_lines_name_the_file_and_line() {
        let e = Dictionary::parse("my.tsv", "# words\n猫\tcat\n狗 dog\n", Lang::ZH, Lang::EN).err().unwrap();
        assert_eq!(e.to_string(), "'my.tsv' line 3: expected `term<TAB>translation`");
        let e = Dictionary::parse("my.tsv", "猫\tcat\tmany\n", Lang::ZH, Lang::EN).err().unwrap();
        assert!(e.to_string().contains("line 1: the third field is no count"), "{e}");
    }

    #[test]
    fn a_word_list_between_alphabetic_languages_matches_stems_and_two_word_terms() {
        let d = Dictionary::parse("w.tsv", "chien\tdog\npomme de\tapple\n", "fr".parse().unwrap(), Lang::EN)
            .unwrap();
        let left = doc(Lang::EN, &["The dogs ran.", "An apple."]);
        let right = doc("fr".parse().unwrap(), &["Les chiens couraient.", "Une pomme de terre."]);
        let c = Candidates::find(&d, &left, &right).unwrap();
        assert_eq!(c.count, 2);
        assert_eq!(c.left[0], c.right[0]);
        assert_eq!(c.left[1], c.right[1]);
        assert_ne!(c.left[0], c.left[1]);
    }

    #[test]
    fn candidates_that_follow_the_groups_are_trusted_and_stray_ones_are_not() {
        // 猫 and "cat" always fall in the same group; 狗 is in half the groups and "dog" in
        // one of them only (the translation says "bird" elsewhere): a sense it does not use.
        let zh: Vec<&str> = (0..20).map(|k| if k % 2 == 0 { "猫。" } else { "狗。" }).collect();
        let mut en: Vec<&str> = (0..20).map(|k| if k % 2 == 0 { "A cat." } else { "A bird." }).collect();
        en[5] = "A dog.";
        let (left, right) = (doc(Lang::ZH, &zh), doc(Lang::EN, &en));
        let d = Dictionary::parse("w.tsv", "猫\tcat\n狗\tdog\n", Lang::ZH, Lang::EN).unwrap();
        let c = Candidates::find(&d, &left, &right).unwrap();
        let groups: Vec<(Vec<usize>, Vec<usize>)> = (0..20).map(|k| (vec![k], vec![k])).collect();
        let mut feats = crate::align::anchors::features(&left, &right, &[]);
        let before = feats.weight.len();
        feats.add_concepts(trusted(&c, &groups).expect("the cat pair is trusted"));
        let learned = |u: usize| feats.left.concepts[u].iter().copied().find(|&x| x as usize >= before);
        let cat = learned(0).expect("the cat pair is kept");
        assert!(feats.right.concepts[0].contains(&cat));
        let dog = learned(5).map_or(0.0, |x| feats.weight[x as usize]);
        assert!(
            feats.weight[cat as usize] > 2.0 * dog,
            "cat {} against dog {dog}",
            feats.weight[cat as usize]
        );
    }

    #[test]
    fn the_dictionary_works_whichever_side_its_source_is_on() {
        let d = Dictionary::parse("w.tsv", "猫\tcat\n", Lang::ZH, Lang::EN).unwrap();
        let (zh, en) = (doc(Lang::ZH, &["一只猫。"]), doc(Lang::EN, &["A cat."]));
        let a = Candidates::find(&d, &zh, &en).unwrap();
        let b = Candidates::find(&d, &en, &zh).unwrap();
        assert_eq!((a.left, a.right), (b.right, b.left));
        assert!(Candidates::find(&d, &en, &en).is_none(), "English twice is not this dictionary's pair");
    }
}
