//! A made-up text and its made-up "translation" with a known alignment, for the aligner's
//! tests and benchmark: sentences of pseudo-words with numbers and names; the translation
//! maps every word to another word of about the same length, keeps numbers and names, and
//! splits, joins, drops and inserts sentences at given rates.
#![allow(dead_code)]

use diglot::document::{Document, Kind, Lang, Paragraph};

/// A small deterministic generator (xorshift), so runs are repeatable without a crate.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() % 1_000_000) as f64 / 1e6 < p
    }
}

/// How the translation differs from the original.
#[derive(Debug, Clone, Copy)]
pub struct Rates {
    /// A sentence translated as two.
    pub split: f64,
    /// Two sentences translated as one.
    pub join: f64,
    /// A sentence left untranslated.
    pub drop: f64,
    /// A sentence the translator added.
    pub insert: f64,
}

pub struct Pair {
    pub left: Document,
    pub right: Document,
    /// The true groups: (left ids, right ids).
    pub gold: Vec<(Vec<usize>, Vec<usize>)>,
}

fn word(rng: &mut Rng, syllables: usize) -> String {
    const ON: [&str; 12] = ["k", "t", "m", "s", "r", "l", "v", "d", "p", "n", "b", "g"];
    const NU: [&str; 6] = ["a", "e", "i", "o", "u", "ai"];
    (0..syllables).map(|_| format!("{}{}", ON[rng.below(ON.len())], NU[rng.below(NU.len())])).collect()
}

/// The translation of a word: the same word with its letters shifted, so it has the same
/// length but shares nothing with the original.
fn translate(w: &str) -> String {
    w.chars()
        .map(|c| if c.is_ascii_lowercase() { (b'a' + (c as u8 - b'a' + 7) % 26) as char } else { c })
        .collect()
}

fn sentence(rng: &mut Rng, vocab: &[String], names: &[String]) -> Vec<String> {
    let n = 4 + rng.below(24);
    (0..n)
        .map(|_| {
            if rng.chance(0.02) {
                format!("{}", 1 + rng.below(3000))
            } else if rng.chance(0.03) {
                names[rng.below(names.len())].clone()
            } else {
                // Skewed towards frequent words, as in real text.
                let k = rng.below(vocab.len());
                vocab[rng.below(k + 1)].clone()
            }
        })
        .collect()
}

fn doc(name: &str, lang: Lang, texts: Vec<String>) -> Document {
    let paragraphs = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| Paragraph { text, lang, kind: Kind::Body, lines: (i + 1, i + 1) })
        .collect();
    Document { name: name.into(), lang, paragraphs }
}

/// A pair of about `n` sentences on the left.
pub fn pair(n: usize, rates: Rates, seed: u64) -> Pair {
    let mut rng = Rng::new(seed);
    let vocab: Vec<String> = (0..3000)
        .map(|_| {
            let s = 1 + rng.below(4);
            word(&mut rng, s)
        })
        .collect();
    let names: Vec<String> = (0..300)
        .map(|_| {
            let w = word(&mut rng, 3);
            w[..1].to_uppercase() + &w[1..]
        })
        .collect();
    let (mut left, mut right, mut gold) = (Vec::new(), Vec::new(), Vec::new());
    let render = |words: &[String]| words.join(" ") + ".";
    let render_t = |words: &[String]| words.iter().map(|w| translate(w)).collect::<Vec<_>>().join(" ") + ".";
    while left.len() < n {
        let s = sentence(&mut rng, &vocab, &names);
        if rng.chance(rates.insert) {
            gold.push((vec![], vec![right.len()]));
            right.push(render_t(&sentence(&mut rng, &vocab, &names)));
        }
        if rng.chance(rates.drop) {
            gold.push((vec![left.len()], vec![]));
            left.push(render(&s));
        } else if rng.chance(rates.split) && s.len() >= 6 {
            let cut = s.len() / 2;
            gold.push((vec![left.len()], vec![right.len(), right.len() + 1]));
            left.push(render(&s));
            right.push(render_t(&s[..cut]));
            right.push(render_t(&s[cut..]));
        } else if rng.chance(rates.join) {
            let t = sentence(&mut rng, &vocab, &names);
            gold.push((vec![left.len(), left.len() + 1], vec![right.len()]));
            left.push(render(&s));
            left.push(render(&t));
            right.push(render_t(&[s, t].concat()));
        } else {
            gold.push((vec![left.len()], vec![right.len()]));
            left.push(render(&s));
            right.push(render_t(&s));
        }
    }
    Pair { left: doc("left", Lang::EN, left), right: doc("right", Lang::ES, right), gold }
}
