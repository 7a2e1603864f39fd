//! Cognates as anchors: words alike in two languages (`revolution`, `revolución`) tell where
//! sentences go when lengths cannot, as far as the pair itself bears them out.

mod common;

use common::synthetic::{self, Rates, Rng};
use diglot::align::{AlignOptions, align, cognates};
use diglot::document::{Document, Kind, Lang, Paragraph};
use diglot::import::{ImportOptions, import_one};

const COGNATES: &[(&str, &str)] = &[
    ("revolution", "revolución"),
    ("government", "gobierno"),
    ("president", "presidente"),
    ("situation", "situación"),
    ("important", "importante"),
    ("necessary", "necesario"),
    ("industrial", "industriales"),
    ("political", "político"),
    ("economic", "económico"),
    ("national", "nacional"),
    ("international", "internacional"),
    ("organization", "organización"),
    ("production", "producción"),
    ("infrastructure", "infraestructura"),
    ("population", "población"),
    ("consequence", "consecuencia"),
    ("tradition", "tradición"),
    ("violence", "violencia"),
    ("democracy", "democracia"),
    ("military", "militares"),
    ("character", "carácter"),
    ("capitalism", "capitalismo"),
    ("socialism", "socialismo"),
    ("movement", "movimiento"),
    ("minister", "ministro"),
    ("declaration", "declaración"),
    ("decision", "decisión"),
    ("restoration", "restauración"),
    ("integration", "integración"),
    ("history", "historia"),
    ("problem", "problema"),
    ("system", "sistema"),
    ("million", "millones"),
    ("energy", "energía"),
    ("different", "diferente"),
    ("possible", "posible"),
    ("difficult", "difícil"),
    ("community", "comunidad"),
    ("opposition", "oposición"),
    ("corruption", "corrupción"),
    ("insurrection", "insurrección"),
    ("territory", "territorio"),
    ("resistance", "resistencia"),
    ("solidarity", "solidaridad"),
    ("independence", "independencia"),
    ("authority", "autoridad"),
    ("physical", "física"),
    ("absolute", "absoluto"),
];

/// A true group: left ids, right ids.
type Truth = (Vec<usize>, Vec<usize>);

fn doc(lang: Lang, texts: &[String]) -> Document {
    let paragraphs = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Paragraph { text: t.clone(), lang, kind: Kind::Body, lines: (i + 1, i + 1) })
        .collect();
    Document { name: lang.as_str().into(), lang, paragraphs }
}

/// Short filler words (too short to be compared), `least` to `least + spread - 1` of them.
fn filler(rng: &mut Rng, words: &[&str], least: usize, spread: usize) -> String {
    let n = least + rng.below(spread);
    (0..n).map(|_| words[rng.below(words.len())]).collect::<Vec<_>>().join(" ")
}

/// An English-Spanish pair whose sentences share nothing but one cognate each, with lengths
/// that differ by up to a factor of two either way, and a third of the Spanish sentences
/// split in two. Returns the pair and its true groups.
fn cognate_pair(seed: u64) -> (Document, Document, Vec<Truth>) {
    const EN: &[&str] = &["the", "was", "and", "of", "it", "for", "had", "not", "but", "all", "they"];
    const ES: &[&str] = &["el", "la", "que", "de", "y", "en", "por", "con", "no", "una", "los"];
    let mut rng = Rng::new(seed);
    let (mut en, mut es, mut gold) = (Vec::new(), Vec::new(), Vec::new());
    let mut words = COGNATES.iter();
    while let Some(&(e, s)) = words.next() {
        // The Spanish length is the English one times anything from a half to twice.
        let n = 2 + rng.below(16);
        let m = (n * (2 + rng.below(7)) / 4).max(1);
        let mut left = format!("{} {e}", filler(&mut rng, EN, n, 1));
        let mut right = vec![format!("{} {s}.", filler(&mut rng, ES, m, 1))];
        // A third of the Spanish sentences are split in two, a cognate in each half.
        if rng.chance(0.3)
            && let Some(&(e2, s2)) = words.next()
        {
            left += &format!(" {} {e2}", filler(&mut rng, EN, 1, 4));
            right.push(format!("{} {s2}.", filler(&mut rng, ES, 1, 6)));
        }
        gold.push((vec![en.len()], (es.len()..es.len() + right.len()).collect()));
        en.push(left + ".");
        es.extend(right);
    }
    (doc(Lang::EN, &en), doc(Lang::ES, &es), gold)
}

/// The share of true groups an alignment found exactly.
fn exact(got: &[diglot::alignment::Group], gold: &[Truth]) -> f64 {
    let hit = gold.iter().filter(|(l, r)| got.iter().any(|g| &g.left == l && &g.right == r)).count();
    hit as f64 / gold.len() as f64
}

#[test]
fn cognates_align_a_pair_that_lengths_cannot() {
    let without = AlignOptions { skip_cognates: true, ..Default::default() };
    let (mut sum_with, mut sum_without) = (0.0, 0.0);
    for seed in 1..=4 {
        let (en, es, gold) = cognate_pair(seed);
        let with = exact(&align(&en, &es, &AlignOptions::default()), &gold);
        let wo = exact(&align(&en, &es, &without), &gold);
        assert!(with >= wo, "seed {seed}: cognates made it worse: {with:.2} against {wo:.2}");
        sum_with += with;
        sum_without += wo;
    }
    let (with, wo) = (sum_with / 4.0, sum_without / 4.0);
    assert!(with >= 0.9, "with cognates {with:.2} of the groups found");
    assert!(with >= wo + 0.1, "cognates should help: {with:.2} against {wo:.2}");
}

#[test]
fn look_alike_words_that_do_not_translate_each_other_earn_no_weight() {
    // Generated words whose translations are shifted letters: some look alike by chance,
    // but their pools do not follow the groups, so the alignment is the same without them.
    let p = synthetic::pair(400, Rates { split: 0.2, join: 0.03, drop: 0.01, insert: 0.01 }, 9);
    assert!(cognates::candidates(&p.left, &p.right).is_some_and(|c| c.count() > 0), "look-alikes exist");
    let with = align(&p.left, &p.right, &AlignOptions::default());
    let without = align(&p.left, &p.right, &AlignOptions { skip_cognates: true, ..Default::default() });
    assert_eq!(with, without);
}

#[test]
fn chinese_english_pairs_are_left_as_they_were() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let opts = ImportOptions::default();
    let en = import_one(&seeds.join("uprising-in-kazakhstan.en.txt"), &opts).expect("the English seed");
    let zh = import_one(&seeds.join("uprising-in-kazakhstan.zh.txt"), &opts).expect("the Chinese seed");
    assert!(cognates::candidates(&zh, &en).is_none());
    let with = align(&zh, &en, &AlignOptions::default());
    let without = align(&zh, &en, &AlignOptions { skip_cognates: true, ..Default::default() });
    assert_eq!(with, without);
}
