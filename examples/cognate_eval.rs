//! What cognates bring to pairs without gold alignments: the RCIT statement among the seeds
//! exists in English, Spanish, Russian, Portuguese and Korean. Each pair of versions is cut
//! into sentences and aligned whole, with and without cognates; the sentence pairs both
//! alignments agree on, inside paragraphs the paragraph alignment pairs, are the reference.
//! Then a harder variant is aligned with and without cognates: a tenth of the sentences of
//! one side dropped (left and right in turn, several draws), optionally digits stripped
//! from both sides (so numbers no longer anchor). The score is the share of reference pairs
//! (with both sentences kept) that still fall in one group.
//!
//! `cargo run --release --example cognate_eval [BUNDLE] [DRAWS]` (see scripts/eval-cognates.sh).

use std::path::Path;
use std::process::ExitCode;

use diglot::align::{AlignOptions, align};
use diglot::import::{ImportOptions, import_file};
use diglot::{Document, Lang, Paragraph, segment};

/// Share of one side's sentences dropped in the harder variant.
const DROP: f64 = 0.1;

/// A document cut into sentences, one paragraph each, and the paragraph each came from.
fn sentences(doc: &Document) -> (Document, Vec<usize>) {
    let mut paragraphs = Vec::new();
    let mut from = Vec::new();
    for (k, p) in doc.paragraphs.iter().enumerate() {
        for r in segment::sentences(&p.text) {
            paragraphs.push(Paragraph { text: p.text[r].to_string(), ..p.clone() });
            from.push(k);
        }
    }
    (Document { paragraphs, ..doc.clone() }, from)
}

/// Pairs (left, right) that share a group.
fn pairs(groups: &[diglot::alignment::Group]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = groups
        .iter()
        .flat_map(|g| g.left.iter().flat_map(|&i| g.right.iter().map(move |&j| (i, j))))
        .collect();
    out.sort_unstable();
    out
}

/// A small deterministic generator: the same draws on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `doc` without the sentences whose `keep` is false, and digits stripped when asked; also
/// the new index of each old sentence.
fn variant(doc: &Document, keep: &[bool], digits: bool) -> (Document, Vec<Option<usize>>) {
    let mut paragraphs = Vec::new();
    let mut index = Vec::new();
    for (p, &k) in doc.paragraphs.iter().zip(keep) {
        if !k {
            index.push(None);
            continue;
        }
        index.push(Some(paragraphs.len()));
        let text = if digits { p.text.chars().filter(|c| !c.is_numeric()).collect() } else { p.text.clone() };
        paragraphs.push(Paragraph { text, ..p.clone() });
    }
    (Document { paragraphs, ..doc.clone() }, index)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let bundle = args.get(1).map_or("seeds/rcit-kazakhstan-statement.en-es-ru-pt-ko.txt", String::as_str);
    let draws: u64 = args.get(2).and_then(|d| d.parse().ok()).unwrap_or(10);
    let docs = match import_file(Path::new(bundle), &ImportOptions::default()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cognate_eval: {e}");
            return ExitCode::FAILURE;
        }
    };
    let find = |l: Lang| docs.iter().find(|d| d.lang == l);
    let langs = [Lang::EN, Lang::ES, Lang::RU, Lang::PT, Lang::KO];
    let with = AlignOptions::default();
    let without = AlignOptions { skip_cognates: true, ..Default::default() };
    println!("{:<6} {:>5} {:<10} {:>8} {:>8}", "pair", "refs", "variant", "without", "with");
    // Over all pairs, per variant: (without, with) as (hits, pairs).
    let mut totals = [[(0usize, 0usize); 2]; 2];
    for (a, b) in [(0, 1), (0, 2), (0, 3), (0, 4), (1, 3), (1, 2), (2, 3)] {
        let (Some(l), Some(r)) = (find(langs[a]), find(langs[b])) else {
            eprintln!(
                "cognate_eval: no {} or {} version in {bundle:?}",
                langs[a].as_str(),
                langs[b].as_str()
            );
            return ExitCode::FAILURE;
        };
        let (ls, lp) = sentences(l);
        let (rs, rp) = sentences(r);
        let para = pairs(&align(l, r, &with));
        let full_with = pairs(&align(&ls, &rs, &with));
        let full_without = pairs(&align(&ls, &rs, &without));
        let reference: Vec<(usize, usize)> = full_with
            .iter()
            .filter(|p| {
                full_without.binary_search(p).is_ok() && para.binary_search(&(lp[p.0], rp[p.1])).is_ok()
            })
            .copied()
            .collect();
        for digits in [false, true] {
            let mut score = [(0usize, 0usize); 2];
            for draw in 0..draws {
                let mut rng = Lcg(draw * 7919 + 17);
                let drop_left = draw % 2 == 1;
                let n = if drop_left { ls.len() } else { rs.len() };
                let cut: Vec<bool> = (0..n).map(|_| rng.next() >= DROP).collect();
                let all_l = vec![true; ls.len()];
                let all_r = vec![true; rs.len()];
                let (lk, rk) = if drop_left { (&cut, &all_r) } else { (&all_l, &cut) };
                let (lv, li) = variant(&ls, lk, digits);
                let (rv, ri) = variant(&rs, rk, digits);
                for (k, opts) in [&without, &with].into_iter().enumerate() {
                    let found = pairs(&align(&lv, &rv, opts));
                    for &(i, j) in &reference {
                        if let (Some(i2), Some(j2)) = (li[i], ri[j]) {
                            score[k].1 += 1;
                            score[k].0 += usize::from(found.binary_search(&(i2, j2)).is_ok());
                        }
                    }
                }
            }
            for (t, s) in totals[usize::from(digits)].iter_mut().zip(score) {
                *t = (t.0 + s.0, t.1 + s.1);
            }
            println!(
                "{:<6} {:>5} {:<10} {:>7.1}% {:>7.1}%",
                format!("{}-{}", langs[a].as_str(), langs[b].as_str()),
                reference.len(),
                if digits { "cut,digits" } else { "cut" },
                pct(score[0]),
                pct(score[1])
            );
        }
    }
    for (digits, t) in totals.into_iter().enumerate() {
        let variant = if digits == 1 { "cut,digits" } else { "cut" };
        println!("{:<6} {:>5} {:<10} {:>7.1}% {:>7.1}%", "all", "", variant, pct(t[0]), pct(t[1]));
    }
    ExitCode::SUCCESS
}

fn pct((hit, all): (usize, usize)) -> f64 {
    100.0 * hit as f64 / all.max(1) as f64
}
