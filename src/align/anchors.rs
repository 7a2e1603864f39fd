//! Anchors: things a paragraph and its translation both contain whatever the languages —
//! numbers and dates in any script, numbered points, names (in Latin letters inside CJK or
//! Cyrillic text, or across scripts through [`translit`]), glossary pairs — found once per
//! paragraph, matched across the two texts once, and interned as small sorted id lists so
//! that the search only merges integer lists.
//!
//! Each shared anchor (a *concept*) is weighted by its rarity (IDF over both texts) and by how
//! sure the match is (an exact number is surer than a fuzzily matched name). Anchors found on
//! only one side of the pair are dropped: they say nothing about where a paragraph goes.

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::translit::{self, Script};
use crate::document::{Document, Kind, Paragraph};

/// Longest run of syllables (Han, Hangul, kana) tried as one name.
const MAX_SYLLABLES: usize = 5;

/// Unit flags: what kind of paragraph it is, and whether it asks a question (the rest of
/// its punctuation is in the `MARK_*` bits).
pub const HEADING: u8 = 1;
pub const QUESTION: u8 = 2;
pub const NOISE: u8 = 4;
pub const FOOTNOTE: u8 = 8;
/// Opens a numbered point (`5. The ...`).
pub const POINT: u8 = 64;
pub const CAPTION: u8 = 128;

/// How a paragraph ends: inside a quotation (`'Come.'`, `“来。”`, `«Viens».`), or with an
/// exclamation or a question mark (closing quotes skipped).
pub const END_QUOTE: u8 = 1;
pub const END_EXCLAIM: u8 = 2;
pub const END_QUESTION: u8 = 4;
/// How many `END_*` bits there are.
pub const END_KINDS: usize = 3;

/// Punctuation anywhere in a paragraph, which a translation tends to keep in the same
/// sentence: a quotation, an exclamation, brackets, a colon or semicolon, a dash or an
/// ellipsis. How much each says is learned from each pair (see `mark_costs` in the aligner).
pub const MARK_QUOTE: u8 = 1;
pub const MARK_EXCLAIM: u8 = 2;
pub const MARK_BRACKET: u8 = 4;
pub const MARK_COLON: u8 = 8;
pub const MARK_DASH: u8 = 16;
/// How many `MARK_*` bits there are.
pub const MARK_KINDS: usize = 5;

/// What the search needs to know about both texts, computed once.
#[derive(Debug, Clone, Default)]
pub struct Features {
    pub left: SideFeatures,
    pub right: SideFeatures,
    /// Weight of each concept.
    pub weight: Vec<f32>,
    /// Numbers, names and glossary terms found in both texts.
    pub shared: usize,
    /// Paragraphs of each text with a number, name or glossary term of their own, shared
    /// or not.
    pub candidates: (usize, usize),
}

#[derive(Debug, Clone, Default)]
pub struct SideFeatures {
    /// UTF-8 length of each paragraph.
    pub len: Vec<f32>,
    /// Sorted, deduplicated concept ids of each paragraph.
    pub concepts: Vec<Vec<u32>>,
    /// Sum of the weights of each paragraph's concepts.
    pub anchor_weight: Vec<f32>,
    /// The part of `anchor_weight` that dictionary words make (empty when there are none):
    /// they say a paragraph has words a dictionary knows, not that its translation is there,
    /// so they do not make leaving it out cost more.
    pub dictionary_weight: Vec<f32>,
    pub flags: Vec<u8>,
    /// How each paragraph ends: [`END_QUOTE`], [`END_EXCLAIM`], [`END_QUESTION`] bits.
    pub ends: Vec<u8>,
    /// The punctuation inside each paragraph: `MARK_*` bits.
    pub marks: Vec<u8>,
}

/// Anchors of one paragraph before matching across the texts.
#[derive(Debug, Default)]
struct Raw {
    /// Matched exactly: `n:2022`, `m:1` (a month), `p:5` (a numbered point), `g:3` (glossary).
    exact: Vec<String>,
    /// Name-like words, romanised.
    names: Vec<String>,
    /// Runs of syllabic script, one romanised syllable each.
    runs: Vec<Vec<String>>,
}

/// Month names of a few languages (romanised, or Cyrillic stems), to meet `1月`/`1월`.
fn month(word_lower: &str, key: &str) -> Option<u32> {
    const LATIN: [&[&str]; 12] = [
        &["january", "enero", "janeiro", "janvier", "januar", "gennaio"],
        &["february", "febrero", "fevereiro", "fevrier", "februar", "febbraio"],
        &["march", "marzo", "marco", "mars", "marz"],
        &["april", "abril", "avril", "aprile"],
        &["may", "mayo", "maio", "mai", "maggio"],
        &["june", "junio", "junho", "juin", "juni", "giugno"],
        &["july", "julio", "julho", "juillet", "juli", "luglio"],
        &["august", "agosto", "aout"],
        &["september", "septiembre", "setiembre", "setembro", "septembre", "settembre"],
        &["october", "octubre", "outubro", "octobre", "oktober", "ottobre"],
        &["november", "noviembre", "novembro", "novembre"],
        &["december", "diciembre", "dezembro", "decembre", "dezember", "dicembre"],
    ];
    const CYRILLIC: [&str; 12] = [
        "январ",
        "феврал",
        "март",
        "апрел",
        "ма",
        "июн",
        "июл",
        "август",
        "сентябр",
        "октябр",
        "ноябр",
        "декабр",
    ];
    if let Some(m) = LATIN.iter().position(|names| names.contains(&key)) {
        return Some(m as u32 + 1);
    }
    if word_lower == "май" || word_lower == "мая" {
        return Some(5);
    }
    CYRILLIC
        .iter()
        .enumerate()
        .find(|(i, stem)| *i != 4 && word_lower.starts_with(**stem))
        .map(|(i, _)| i as u32 + 1)
}

/// Words of a text that are written in lowercase somewhere: a capitalised word that also
/// occurs in lowercase is an ordinary word at a sentence start, not a name.
fn lowercase_words(doc: &Document) -> HashSet<String> {
    let mut set = HashSet::default();
    for p in &doc.paragraphs {
        for w in p.text.split(|c: char| !c.is_alphabetic()) {
            // Most words come again and again: a copy only for the first.
            if w.chars().next().is_some_and(char::is_lowercase) && !set.contains(w) {
                set.insert(w.to_string());
            }
        }
    }
    set
}

/// Whether most letters of the text are of a cased alphabet: in such text only capitalised
/// words are names, while in CJK text any Latin word stands out.
fn mostly_alphabetic(doc: &Document) -> bool {
    let (mut alpha, mut syll) = (0usize, 0usize);
    for p in doc.paragraphs.iter().take(400) {
        for c in p.text.chars() {
            match translit::script(c) {
                Script::Alphabet => alpha += 1,
                Script::Syllabic => syll += 1,
                _ => {}
            }
        }
    }
    alpha >= syll
}

fn extract(p: &Paragraph, lowercase: &HashSet<String>, alphabetic_doc: bool, glossary: &[String]) -> Raw {
    let mut raw = Raw::default();
    if let Some(n) = p.point_number() {
        raw.exact.push(format!("p:{n}"));
    }
    let chars: Vec<char> = p.text.chars().map(translit::fold_width).collect();
    let mut i = 0;
    // A sentence starts at the start of the paragraph and after a full stop.
    let mut sentence_start = true;
    while i < chars.len() {
        let c = chars[i];
        match translit::script(c) {
            Script::Digit => {
                let mut digits = String::new();
                while i < chars.len() {
                    let c = chars[i];
                    if c.is_ascii_digit() {
                        digits.push(c);
                    } else if matches!(c, ',' | '.' | '\u{202f}' | '\'')
                        && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                        && !digits.is_empty()
                    {
                        // Thousands and decimal separators differ between languages.
                    } else {
                        break;
                    }
                    i += 1;
                }
                let trimmed = digits.trim_start_matches('0');
                let n = if trimmed.is_empty() { "0" } else { trimmed };
                let mut k = i;
                while k < chars.len() && chars[k] == ' ' {
                    k += 1;
                }
                if matches!(chars.get(k), Some('月' | '월')) {
                    raw.exact.push(format!("m:{n}"));
                } else {
                    raw.exact.push(format!("n:{n}"));
                }
                sentence_start = false;
            }
            Script::Alphabet => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_alphabetic()
                        || is_combining(chars[i])
                        || (matches!(chars[i], '\'' | '’' | '-')
                            && chars.get(i + 1).is_some_and(|c| c.is_alphabetic())))
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let key = translit::latin_key(&word);
                let lower = word.to_lowercase();
                if let Some(m) = month(&lower, &key) {
                    // "may" is also a verb: only the capitalised one is the month.
                    if key != "may" || word.starts_with('M') {
                        raw.exact.push(format!("m:{m}"));
                    }
                }
                let first_upper = word.chars().next().is_some_and(char::is_uppercase);
                let n_chars = i - start;
                let name = if !alphabetic_doc {
                    n_chars >= 2 && translit::is_latin(chars[start])
                } else {
                    n_chars >= 2 && first_upper && (!sentence_start || !lowercase.contains(&lower))
                };
                if name && key.len() >= 2 {
                    raw.names.push(key);
                }
                sentence_start = false;
            }
            Script::Syllabic => {
                let mut run = Vec::new();
                while i < chars.len() && translit::script(chars[i]) == Script::Syllabic {
                    let s = translit::latin_key(&chars[i].to_string());
                    if !s.is_empty() {
                        run.push(s);
                    }
                    i += 1;
                }
                raw.runs.push(run);
                sentence_start = false;
            }
            Script::Other => {
                if matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | ':' | '"' | '“' | '«' | '„' | '¿' | '¡')
                {
                    sentence_start = true;
                }
                i += 1;
            }
        }
    }
    if !glossary.is_empty() {
        let lower = p.text.to_lowercase();
        for (g, term) in glossary.iter().enumerate() {
            if !term.is_empty() && lower.contains(term.as_str()) {
                raw.exact.push(format!("g:{g}"));
            }
        }
    }
    raw
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36f)
}

/// The bits set in any of `bits`: the flags or marks of a group from its paragraphs'.
#[inline]
pub fn union(bits: &[u8]) -> u8 {
    bits.iter().fold(0, |a, &b| a | b)
}

fn flags(p: &Paragraph) -> u8 {
    let mut f = match p.kind {
        Kind::Heading => HEADING,
        Kind::Question => QUESTION,
        Kind::Noise => NOISE,
        Kind::Footnote => FOOTNOTE,
        Kind::Caption => CAPTION,
        _ => 0,
    };
    if p.point_number().is_some() {
        f |= POINT;
    }
    if p.text.contains(['?', '？']) {
        f |= QUESTION;
    }
    f
}

/// The punctuation `text` carries (the `MARK_*` bits). A colon between digits (`10:30`) and a
/// single dot are not marks; `--`, `...`, `—` and `…` are dashes.
fn marks(text: &str) -> u8 {
    let mut m = 0;
    let mut prev = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '"' | '“' | '”' | '「' | '」' | '『' | '』' | '«' | '»' | '‘' => m |= MARK_QUOTE,
            '\'' | '’' if single_quote(prev) => m |= MARK_QUOTE,
            '!' | '！' => m |= MARK_EXCLAIM,
            '(' | '（' | '[' | '【' | '〔' => m |= MARK_BRACKET,
            ';' | '；' | '：' => m |= MARK_COLON,
            ':' if !(prev.is_some_and(|p: char| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit())) =>
            {
                m |= MARK_COLON
            }
            '—' | '…' | '―' => m |= MARK_DASH,
            '-' | '.' if next == Some(c) => m |= MARK_DASH,
            _ => {}
        }
        prev = Some(c);
    }
    m
}

/// How `text` ends (the `END_*` bits).
fn ending(text: &str) -> u8 {
    const CLOSING: &[char] = &['"', '\'', '”', '’', '」', '』', '»', ')', '）'];
    let t = text.trim_end();
    // A sentence mark after the closing quote (`“来”。`, `«Viens».`) still ends a quotation.
    let inner = t.strip_suffix(['.', '。', '!', '！', '?', '？']).unwrap_or(t).trim_end();
    let mut e = 0;
    if inner.ends_with(['"', '”', '’', '」', '』', '»'])
        || inner.ends_with('\'') && single_quote_closes(inner)
    {
        e |= END_QUOTE;
    }
    match t.trim_end_matches(CLOSING).chars().next_back() {
        Some('!' | '！') => e |= END_EXCLAIM,
        Some('?' | '？') => e |= END_QUESTION,
        _ => {}
    }
    e
}

/// Whether the `'` that ends `text` closes a quotation: it follows a sentence's mark or comma
/// (`well!'`); after a letter it is more likely an apostrophe (`the boys'`).
fn single_quote_closes(text: &str) -> bool {
    let mut cs = text.chars().rev();
    cs.next();
    matches!(cs.next(), Some('.' | ',' | '!' | '?' | ';' | ':' | '—' | '…'))
}

/// Whether a `'` or `’` after `prev` is a quotation mark (in texts quoting with single marks)
/// rather than an apostrophe: it opens a quote at the start or after a space or bracket, and
/// closes one after a sentence's mark ("well!'"); an apostrophe stands inside or after a word.
fn single_quote(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '.' | ',' | '!' | '?' | ';' | ':')
        }
    }
}

/// Interns strings as consecutive ids.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.ids.insert(s.to_string(), i);
        self.names.push(s.to_string());
        i
    }
}

/// Names of one side, for matching the other side's names and syllable runs against.
struct NameIndex {
    /// Skeleton of each name id.
    skel: Vec<String>,
    exact: HashMap<String, Vec<u32>>,
    /// Names long enough to compare fuzzily, by the first letter and the length of their
    /// skeleton, so that a name is only compared with names that could match it.
    buckets: HashMap<(u8, usize), Vec<u32>>,
}

impl NameIndex {
    fn new(names: &Interner) -> NameIndex {
        let skel: Vec<String> = names.names.iter().map(|n| translit::skeleton(n)).collect();
        let mut exact: HashMap<String, Vec<u32>> = HashMap::default();
        let mut buckets: HashMap<(u8, usize), Vec<u32>> = HashMap::default();
        for (i, s) in skel.iter().enumerate() {
            exact.entry(s.clone()).or_default().push(i as u32);
            if s.len() >= translit::FUZZY_MIN {
                buckets.entry((s.as_bytes()[0], s.len())).or_default().push(i as u32);
            }
        }
        NameIndex { skel, exact, buckets }
    }

    /// Names matching a skeleton, each with the certainty of the match.
    fn matches(&self, skel: &str, fuzzy: bool, out: &mut Vec<(u32, f32)>) {
        if let Some(ids) = self.exact.get(skel) {
            out.extend(ids.iter().map(|&i| (i, 1.0)));
            return;
        }
        if !fuzzy || skel.len() < translit::FUZZY_MIN {
            return;
        }
        let (first, len) = (skel.as_bytes()[0], skel.len());
        // name_match compares lengths within 3:4 of each other.
        for l in (len * 3).div_ceil(4)..=(len * 4) / 3 {
            let Some(bucket) = self.buckets.get(&(first, l)) else { continue };
            for &i in bucket {
                if let Some(c) = translit::name_match(skel, &self.skel[i as usize]) {
                    out.push((i, c));
                }
            }
        }
    }
}

/// Per-side state while matching.
struct SideRaw {
    raws: Vec<Raw>,
    names: Interner,
}

impl SideRaw {
    fn new(doc: &Document, glossary: &[String]) -> SideRaw {
        let lowercase = lowercase_words(doc);
        let alphabetic = mostly_alphabetic(doc);
        let raws: Vec<Raw> =
            doc.paragraphs.par_iter().map(|p| extract(p, &lowercase, alphabetic, glossary)).collect();
        let mut names = Interner::default();
        for r in &raws {
            for n in &r.names {
                names.id(n);
            }
        }
        SideRaw { raws, names }
    }
}

/// Concept ids, each keyed by what it stands for.
#[derive(Default)]
struct Concepts {
    exact: HashMap<String, u32>,
    left_name: HashMap<u32, u32>,
    right_name: HashMap<u32, u32>,
    certainty: Vec<f32>,
}

impl Concepts {
    fn fresh(&mut self, certainty: f32) -> u32 {
        self.certainty.push(certainty);
        (self.certainty.len() - 1) as u32
    }

    /// The concept of one side's name, made when it has none yet.
    fn name_concept(&mut self, left: bool, name: u32, certainty: f32) -> u32 {
        let existing = if left { self.left_name.get(&name) } else { self.right_name.get(&name) };
        let c = match existing {
            Some(&c) => c,
            None => {
                let c = self.fresh(certainty);
                if left {
                    self.left_name.insert(name, c)
                } else {
                    self.right_name.insert(name, c)
                };
                c
            }
        };
        let slot = &mut self.certainty[c as usize];
        *slot = slot.max(certainty);
        c
    }

    /// The concept joining left name `l` and right name `r`.
    fn join(&mut self, l: u32, r: u32, certainty: f32) -> u32 {
        let c = match (self.left_name.get(&l), self.right_name.get(&r)) {
            (Some(&c), _) | (None, Some(&c)) => c,
            (None, None) => self.fresh(certainty),
        };
        self.left_name.entry(l).or_insert(c);
        self.right_name.entry(r).or_insert(c);
        let slot = &mut self.certainty[c as usize];
        *slot = slot.max(certainty);
        c
    }
}

/// Syllable runs of one side matched against the names of the other: `(unit, name, certainty)`.
/// Runs are matched by their sound skeleton, which many runs share: each skeleton is matched
/// once (in parallel), fuzzily or not as its first run in the text decides (runs of three
/// syllables or more may match fuzzily).
fn match_runs(raws: &[Raw], index: &NameIndex) -> Vec<(usize, u32, f32)> {
    // The runs of each half of the text are read on a thread of their own, then numbered
    // together: a skeleton keeps the number (and whether it may match fuzzily) of its first
    // run in the text, as if the text had been read in one go.
    let (head, tail) = raws.split_at(raws.len() / 2);
    let (all, more) = rayon::join(|| RunKeys::new(head), || RunKeys::new(tail));
    let mut numbers: HashMap<&str, u32> =
        all.distinct.iter().enumerate().map(|(k, (skel, _))| (skel.as_str(), k as u32)).collect();
    let mut added: Vec<&(String, bool)> = Vec::new();
    let renumber: Vec<u32> = more
        .distinct
        .iter()
        .map(|entry| {
            *numbers.entry(entry.0.as_str()).or_insert_with(|| {
                added.push(entry);
                (all.distinct.len() + added.len() - 1) as u32
            })
        })
        .collect();
    let distinct: Vec<&(String, bool)> = all.distinct.iter().chain(added).collect();
    let spelled = all.spelled.iter().chain(&more.spelled).collect::<HashSet<_>>().len();
    if spelled >= 1 << SYLLABLE_BITS || distinct.len() >= ONE_SYLLABLE as usize {
        // More distinct syllables than a key holds (no script has that many): keys could
        // collide, so match nothing rather than the wrong names.
        return Vec::new();
    }
    let hits: Vec<Vec<(u32, f32)>> = distinct
        .par_iter()
        .map(|(skel, fuzzy)| {
            let mut found = Vec::new();
            index.matches(skel, *fuzzy, &mut found);
            found
        })
        .collect();
    let mut out = Vec::new();
    let halves = [(&all, 0, None), (&more, head.len(), Some(&renumber))];
    for (keys, first, renumber) in halves {
        for (u, span) in keys.starts.windows(2).enumerate() {
            for &key in &keys.seen[span[0] as usize..span[1] as usize] {
                // One syllable is a weak witness: many characters sound alike.
                let scale = if key & ONE_SYLLABLE != 0 { 0.5 } else { 1.0 };
                let id = key & !ONE_SYLLABLE;
                let id = renumber.map_or(id, |r| r[id as usize]);
                out.extend(hits[id as usize].iter().map(|&(i, c)| (first + u, i, c * scale)));
            }
        }
    }
    out
}

/// The syllable runs of some paragraphs by skeleton (see [`match_runs`]).
struct RunKeys<'a> {
    /// Each distinct syllable.
    spelled: Vec<&'a str>,
    /// Each distinct skeleton, numbered in the order first seen, and whether its first run
    /// may match fuzzily.
    distinct: Vec<(String, bool)>,
    /// The skeleton number of every run seen, unit after unit (`starts[u]..starts[u + 1]`),
    /// with ONE_SYLLABLE set for runs of one syllable. Flat and four bytes an entry: a book of
    /// Chinese makes millions of runs, nearly all matching nothing, and a list of tuples of
    /// them was the largest allocation of an alignment.
    seen: Vec<u32>,
    starts: Vec<u32>,
}

impl<'a> RunKeys<'a> {
    fn new(raws: &'a [Raw]) -> RunKeys<'a> {
        // Syllables as numbers from 1, so that a run of up to MAX_SYLLABLES of them is one key.
        let mut syllables: HashMap<&str, u32> = HashMap::default();
        let mut spelled: Vec<&str> = Vec::new();
        // Run key → skeleton number; skeleton → its number.
        let mut keys: HashMap<u128, u32> = HashMap::default();
        let mut skeletons: HashMap<String, u32> = HashMap::default();
        let mut distinct: Vec<(String, bool)> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        let mut starts: Vec<u32> = Vec::with_capacity(raws.len() + 1);
        let mut ids: Vec<u32> = Vec::new();
        let mut joined = String::new();
        for r in raws {
            starts.push(seen.len() as u32);
            for run in &r.runs {
                ids.clear();
                for syl in run {
                    let next = spelled.len() as u32 + 1;
                    ids.push(*syllables.entry(syl.as_str()).or_insert_with(|| {
                        spelled.push(syl.as_str());
                        next
                    }));
                }
                for s in 0..ids.len() {
                    let mut key: u128 = 0;
                    joined.clear();
                    for n in 1..=MAX_SYLLABLES.min(ids.len() - s) {
                        key = (key << SYLLABLE_BITS) | u128::from(ids[s + n - 1]);
                        joined.push_str(&run[s + n - 1]);
                        let id = match keys.get(&key) {
                            Some(&id) => id,
                            None => {
                                let skel = translit::skeleton(&joined);
                                let next = distinct.len() as u32;
                                let id = *skeletons.entry(skel).or_insert_with_key(|skel| {
                                    distinct.push((skel.clone(), n >= 3));
                                    next
                                });
                                keys.insert(key, id);
                                id
                            }
                        };
                        seen.push(if n == 1 { id | ONE_SYLLABLE } else { id });
                    }
                }
            }
        }
        starts.push(seen.len() as u32);
        RunKeys { spelled, distinct, seen, starts }
    }
}

/// Marks a run of one syllable in [`match_runs`]'s list of runs seen.
const ONE_SYLLABLE: u32 = 1 << 31;

/// Bits a syllable takes in a key of [`match_runs`]: MAX_SYLLABLES of them fit in 128.
const SYLLABLE_BITS: u32 = 24;

/// Finds the anchors of both texts and matches them. `glossary` holds pairs of terms
/// (lowercased) that translate each other.
pub fn features(left: &Document, right: &Document, glossary: &[(String, String)]) -> Features {
    let gl: Vec<String> = glossary.iter().map(|(l, _)| l.to_lowercase()).collect();
    let gr: Vec<String> = glossary.iter().map(|(_, r)| r.to_lowercase()).collect();
    let (l, r) = rayon::join(|| SideRaw::new(left, &gl), || SideRaw::new(right, &gr));
    let mut concepts = Concepts::default();
    let mut lc: Vec<Vec<(u32, f32)>> = vec![Vec::new(); left.len()];
    let mut rc: Vec<Vec<(u32, f32)>> = vec![Vec::new(); right.len()];

    // Exact keys found on both sides.
    let right_exact: HashSet<&str> = r.raws.iter().flat_map(|x| x.exact.iter().map(String::as_str)).collect();
    for (u, x) in l.raws.iter().enumerate() {
        for k in x.exact.iter().filter(|k| right_exact.contains(k.as_str())) {
            let c = match concepts.exact.get(k) {
                Some(&c) => c,
                None => {
                    let c = concepts.fresh(1.0);
                    concepts.exact.insert(k.clone(), c);
                    c
                }
            };
            lc[u].push((c, 1.0));
        }
    }
    for (u, x) in r.raws.iter().enumerate() {
        for k in &x.exact {
            if let Some(&c) = concepts.exact.get(k) {
                rc[u].push((c, 1.0));
            }
        }
    }

    // Names against names.
    let (li, ri) = rayon::join(|| NameIndex::new(&l.names), || NameIndex::new(&r.names));
    let mut found = Vec::new();
    for (lid, skel) in li.skel.iter().enumerate() {
        found.clear();
        ri.matches(skel, true, &mut found);
        for &(rid, c) in &found {
            concepts.join(lid as u32, rid, c);
        }
    }
    // Syllable runs against the other side's names.
    let (right_runs, left_runs) = rayon::join(|| match_runs(&r.raws, &li), || match_runs(&l.raws, &ri));
    for (u, lid, cert) in right_runs {
        let c = concepts.name_concept(true, lid, cert);
        rc[u].push((c, cert));
    }
    for (u, rid, cert) in left_runs {
        let c = concepts.name_concept(false, rid, cert);
        lc[u].push((c, cert));
    }
    for (u, x) in l.raws.iter().enumerate() {
        for n in &x.names {
            if let Some(&c) = l.names.ids.get(n).and_then(|id| concepts.left_name.get(id)) {
                lc[u].push((c, 1.0));
            }
        }
    }
    for (u, x) in r.raws.iter().enumerate() {
        for n in &x.names {
            if let Some(&c) = r.names.ids.get(n).and_then(|id| concepts.right_name.get(id)) {
                rc[u].push((c, 1.0));
            }
        }
    }

    let mut f = finish(left, right, concepts.certainty.len(), &concepts.certainty, lc, rc);
    let count = |s: &SideRaw| s.raws.iter().filter(|r| !r.exact.is_empty() || !r.names.is_empty()).count();
    f.candidates = (count(&l), count(&r));
    f
}

/// Keeps the concepts seen on both sides, weights them and builds the per-unit lists.
fn finish(
    left: &Document,
    right: &Document,
    n_concepts: usize,
    certainty: &[f32],
    lc: Vec<Vec<(u32, f32)>>,
    rc: Vec<Vec<(u32, f32)>>,
) -> Features {
    let mut df_l = vec![0u32; n_concepts];
    let mut df_r = vec![0u32; n_concepts];
    let lists = |units: Vec<Vec<(u32, f32)>>, df: &mut Vec<u32>| -> Vec<Vec<(u32, f32)>> {
        units
            .into_iter()
            .map(|mut v| {
                v.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
                v.dedup_by_key(|x| x.0);
                for &(c, _) in &v {
                    df[c as usize] += 1;
                }
                v
            })
            .collect()
    };
    let lc = lists(lc, &mut df_l);
    let rc = lists(rc, &mut df_r);
    let total = (left.len() + right.len()).max(1) as f32;
    let mut weight = vec![0f32; n_concepts];
    let mut shared = 0;
    for c in 0..n_concepts {
        if df_l[c] > 0 && df_r[c] > 0 {
            shared += 1;
            let df = (df_l[c] + df_r[c]) as f32;
            weight[c] = (1.0 + total / df).ln() * certainty[c];
        }
    }
    let side = |doc: &Document, units: Vec<Vec<(u32, f32)>>| {
        let mut s = SideFeatures::default();
        for (p, v) in doc.paragraphs.iter().zip(units) {
            let kept: Vec<u32> = v.iter().filter(|(c, _)| weight[*c as usize] > 0.0).map(|x| x.0).collect();
            s.anchor_weight.push(kept.iter().map(|&c| weight[c as usize]).sum());
            s.concepts.push(kept);
            s.len.push(p.text.trim().len().max(1) as f32);
            s.flags.push(flags(p));
            s.ends.push(ending(&p.text));
            s.marks.push(marks(&p.text));
        }
        s
    };
    let l = side(left, lc);
    let r = side(right, rc);
    Features { left: l, right: r, weight, shared, candidates: (0, 0) }
}

/// Weight of the concepts two paragraphs share.
pub fn shared_weight(a: &[u32], b: &[u32], weight: &[f32]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += weight[a[i] as usize];
                i += 1;
                j += 1;
            }
        }
    }
    s
}

impl Features {
    /// Adds concepts found later (learned word pairs, a dictionary's words), numbering them
    /// after those already there; returns how many there were.
    pub fn add_concepts(&mut self, new: NewConcepts) -> usize {
        let NewConcepts { left, right, certainty, dictionary } = new;
        let base = self.weight.len();
        let mut df_l = vec![0u32; certainty.len()];
        let mut df_r = vec![0u32; certainty.len()];
        let norm = |units: Vec<Vec<u32>>, df: &mut Vec<u32>| -> Vec<Vec<u32>> {
            units
                .into_iter()
                .map(|mut v| {
                    v.sort_unstable();
                    v.dedup();
                    v.iter().for_each(|&c| df[c as usize] += 1);
                    v
                })
                .collect()
        };
        let left = norm(left, &mut df_l);
        let right = norm(right, &mut df_r);
        let total = (self.left.len.len() + self.right.len.len()).max(1) as f32;
        for (k, &c) in certainty.iter().enumerate() {
            let w = if df_l[k] > 0 && df_r[k] > 0 {
                (1.0 + total / (df_l[k] + df_r[k]) as f32).ln() * c
            } else {
                0.0
            };
            self.weight.push(w);
        }
        for (side, extra) in [(&mut self.left, left), (&mut self.right, right)] {
            if dictionary && side.dictionary_weight.len() != side.anchor_weight.len() {
                side.dictionary_weight = vec![0.0; side.anchor_weight.len()];
            }
            for (u, v) in extra.into_iter().enumerate() {
                for c in v {
                    let c = base as u32 + c;
                    let w = self.weight[c as usize];
                    if w > 0.0 {
                        side.concepts[u].push(c);
                        side.anchor_weight[u] += w;
                        if dictionary {
                            side.dictionary_weight[u] += w;
                        }
                    }
                }
            }
        }
        certainty.len()
    }
}

/// Concepts found after the anchors (learned word pairs, a dictionary's words), numbered
/// from 0, for [`Features::add_concepts`]: found on several threads at once, they are added
/// one after the other.
pub struct NewConcepts {
    /// The new concepts of each paragraph.
    pub left: Vec<Vec<u32>>,
    pub right: Vec<Vec<u32>>,
    /// How sure each is.
    pub certainty: Vec<f32>,
    /// Whether they are a dictionary's (see [`SideFeatures::dictionary_weight`]).
    pub dictionary: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs read in two halves, each on a thread, match as the runs of the whole text read
    /// in one go: a skeleton keeps the fuzziness of its first run in the text.
    #[test]
    fn runs_read_in_halves_match_as_read_in_one_go() {
        let run = |syllables: &[&str]| syllables.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let raw = |runs: Vec<Vec<String>>| Raw { runs, ..Raw::default() };
        let raws = vec![
            raw(vec![run(&["wang", "xiao"])]),
            raw(vec![run(&["li", "bai"])]),
            raw(vec![]),
            raw(vec![run(&["wa", "ngxi", "ao"]), run(&["li", "bai", "shi"])]),
            raw(vec![run(&["wang", "xiao", "ming"])]),
            raw(vec![run(&["wang", "xiao"]), run(&["zhang", "san", "feng"])]),
        ];
        let mut names = Interner::default();
        for n in ["wangxiao", "wangxiaoming", "libai", "wangxiau", "zhangsanfen"] {
            names.id(n);
        }
        let index = NameIndex::new(&names);
        let whole = RunKeys::new(&raws);
        let mut in_one_go = Vec::new();
        for (u, span) in whole.starts.windows(2).enumerate() {
            for &key in &whole.seen[span[0] as usize..span[1] as usize] {
                let scale = if key & ONE_SYLLABLE != 0 { 0.5 } else { 1.0 };
                let (skel, fuzzy) = &whole.distinct[(key & !ONE_SYLLABLE) as usize];
                let mut found = Vec::new();
                index.matches(skel, *fuzzy, &mut found);
                in_one_go.extend(found.iter().map(|&(i, c)| (u, i, c * scale)));
            }
        }
        assert!(in_one_go.len() >= 4, "{in_one_go:?}");
        assert_eq!(match_runs(&raws, &index), in_one_go);
    }

    fn doc(lang: crate::document::Lang, texts: &[&str]) -> Document {
        let paragraphs = texts
            .iter()
            .map(|t| Paragraph { text: t.to_string(), lang, kind: Kind::Body, lines: (1, 1) })
            .collect();
        Document { name: "t".into(), lang, paragraphs }
    }

    fn raw(text: &str) -> Raw {
        let p =
            Paragraph { text: text.into(), lang: crate::document::Lang::ZH, kind: Kind::Body, lines: (1, 1) };
        extract(&p, &HashSet::default(), false, &[])
    }

    #[test]
    fn numbers_and_dates_in_any_script() {
        let r = raw("２０２２年１月６日，约 1,500 人");
        assert_eq!(r.exact, vec!["n:2022", "m:1", "n:6", "n:1500"]);
        let en = Paragraph {
            text: "On January 6, 2022, about 1.500 people".into(),
            lang: crate::document::Lang::EN,
            kind: Kind::Body,
            lines: (1, 1),
        };
        let r = extract(&en, &HashSet::default(), true, &[]);
        assert_eq!(r.exact, vec!["m:1", "n:6", "n:2022", "n:1500"]);
    }

    #[test]
    fn latin_words_in_cjk_text_are_names_and_capitals_elsewhere() {
        assert_eq!(raw("集体安全条约组织（CSTO）和 COVID-19").names, vec!["csto", "covid"]);
        let d = doc(
            crate::document::Lang::EN,
            &["The strike spread. Workers in Almaty joined the other workers."],
        );
        let lower = lowercase_words(&d);
        let r = extract(&d.paragraphs[0], &lower, true, &[]);
        assert_eq!(r.names, vec!["almaty"]);
    }

    #[test]
    fn only_anchors_of_both_texts_count_and_glossary_pairs_join() {
        use crate::document::Lang;
        let en =
            doc(Lang::EN, &["Protests in Almaty on 5 January.", "The square in the old capital was full."]);
        let zh = doc(Lang::ZH, &["1月5日，阿拉木图发生抗议。", "旧首都的广场上挤满了人。"]);
        let f = features(&en, &zh, &[]);
        // The month and the day; 阿拉木图 is not a romanisation of Almaty.
        assert_eq!(f.shared, 2);
        assert_eq!(f.left.concepts[0], f.right.concepts[0]);
        assert!(f.left.concepts[1].is_empty() && f.right.concepts[1].is_empty());
        let glossary = vec![("Almaty".to_string(), "阿拉木图".to_string())];
        let f = features(&en, &zh, &glossary);
        assert_eq!(f.shared, 3);
        assert_eq!(
            shared_weight(&f.left.concepts[0], &f.right.concepts[0], &f.weight),
            f.left.anchor_weight[0]
        );
    }

    #[test]
    fn marks_inside_a_paragraph_are_read_in_both_scripts_and_clock_times_are_not_colons() {
        assert_eq!(marks("We met at 10:30, as agreed."), 0);
        assert_eq!(marks("He said: wait... (or so I heard)"), MARK_COLON | MARK_DASH | MARK_BRACKET);
        assert_eq!(marks("他说：“等一等——我来了！”"), MARK_COLON | MARK_QUOTE | MARK_DASH | MARK_EXCLAIM);
        assert_eq!(marks("It's a well-known fact."), 0);
    }

    #[test]
    fn single_quotation_marks_count_as_quotes_and_apostrophes_do_not() {
        use crate::document::Lang;
        let d = doc(
            Lang::EN,
            &[
                "'Very well!' he replied.",
                "He didn't see the boys' hats.",
                "‘Come,’ she said.",
                "They said, 'on guard'.",
                "It’s the Wangs’ house.",
            ],
        );
        let quoted: Vec<bool> = d.paragraphs.iter().map(|p| marks(&p.text) & MARK_QUOTE != 0).collect();
        assert_eq!(quoted, vec![true, false, true, true, false]);
    }

    #[test]
    fn endings_see_through_closing_quotes_and_a_final_mark() {
        let ends: Vec<u8> =
            ["'Very well!'", "“好，你上来！”", "“来”。", "«Viens».", "He said so.", "the boys'", "Why?"]
                .iter()
                .map(|t| ending(t))
                .collect();
        assert_eq!(
            ends,
            vec![END_QUOTE | END_EXCLAIM, END_QUOTE | END_EXCLAIM, END_QUOTE, END_QUOTE, 0, 0, END_QUESTION]
        );
    }
}
