//! `diglot pair` through the binary on the seeds: which documents are translations of each
//! other, and which have none.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use std::path::PathBuf;

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

const FILES: [&str; 5] = [
    "uprising-in-kazakhstan.en.txt",
    "kazakhstan-anarchists-report.en-zh.txt",
    "rcit-kazakhstan-statement.en-es-ru-pt-ko.txt",
    "zhihu-kazakhstan-answer.zh.md",
    "uprising-in-kazakhstan.zh.txt",
];

fn pair_json() -> serde_json::Value {
    let mut args = vec!["pair", "--format", "json"];
    args.extend(FILES);
    let o = diglot(&seeds(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

/// The 1-based index of the document whose name ends with `suffix`.
fn index(v: &serde_json::Value, suffix: &str) -> u64 {
    let docs = v["documents"].as_array().unwrap();
    let d = docs.iter().find(|d| d["name"].as_str().unwrap().ends_with(suffix)).unwrap();
    d["index"].as_u64().unwrap()
}

fn sets(v: &serde_json::Value) -> Vec<Vec<u64>> {
    let sets = v["sets"].as_array().unwrap();
    sets.iter()
        .map(|s| s["documents"].as_array().unwrap().iter().map(|i| i.as_u64().unwrap()).collect())
        .collect()
}

#[test]
fn the_seeds_pair_as_their_translations_do() {
    let v = pair_json();
    // Nine documents: the bundle is one per language, the interleaved report one mixed text.
    assert_eq!(v["documents"].as_array().unwrap().len(), 9);
    let up = vec![index(&v, "uprising-in-kazakhstan.en.txt"), index(&v, "uprising-in-kazakhstan.zh.txt")];
    let mut rcit: Vec<u64> = ["[en]", "[es]", "[ru]", "[pt]", "[ko]"].iter().map(|l| index(&v, l)).collect();
    rcit.sort();
    let mut up_sorted = up.clone();
    up_sorted.sort();
    let mut got = sets(&v);
    got.sort();
    let mut want = vec![up_sorted, rcit.clone()];
    want.sort();
    assert_eq!(got, want);

    let mut alone: Vec<u64> =
        v["no_counterpart"].as_array().unwrap().iter().map(|i| i.as_u64().unwrap()).collect();
    alone.sort();
    let mut want_alone =
        vec![index(&v, "kazakhstan-anarchists-report.en-zh.txt"), index(&v, "zhihu-kazakhstan-answer.zh.md")];
    want_alone.sort();
    assert_eq!(alone, want_alone);

    // Each RCIT section's best counterpart is another section of the statement; the two
    // uprising texts are each other's best.
    for &i in &rcit {
        let best = v["documents"][(i - 1) as usize]["best"].as_u64().unwrap();
        assert!(rcit.contains(&best) && best != i, "section {i}: best {best}");
    }
    assert_eq!(v["documents"][(up[0] - 1) as usize]["best"].as_u64(), Some(up[1]));
    assert_eq!(v["documents"][(up[1] - 1) as usize]["best"].as_u64(), Some(up[0]));
}

#[test]
fn the_text_table_names_sets_and_strangers() {
    let mut args = vec!["pair"];
    args.extend(FILES);
    let o = diglot(&seeds(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.lines().next().unwrap().starts_with("#  lang  paras  set  best  score  document"), "{out}");
    let row = out.lines().find(|l| l.ends_with("zhihu-kazakhstan-answer.zh.md")).unwrap();
    assert!(row.contains(" zh ") && row.contains(" -  "), "{row}");
    // Documents are numbered in argument order, the bundle's sections in file order.
    assert!(out.contains("\nSet A: translations of each other: 1 en, 9 zh (mean score "), "{out}");
    assert!(
        out.contains("\nSet B: translations of each other: 3 en, 4 es, 5 ru, 6 pt, 7 ko (mean score "),
        "{out}"
    );
    let last = out.lines().last().unwrap();
    assert!(last.starts_with("No counterpart: 2 kazakhstan-anarchists-report.en-zh.txt, 8 zhihu"), "{last}");
}

#[test]
fn two_texts_in_one_language_are_not_translations() {
    let o = diglot(&seeds(), &["pair", "uprising-in-kazakhstan.zh.txt", "zhihu-kazakhstan-answer.zh.md"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("No translations found"), "{out}");
    assert!(out.contains("No counterpart: 1 uprising-in-kazakhstan.zh.txt, 2 zhihu"), "{out}");
}

#[test]
fn bad_input_is_one_line() {
    let dir = scratch("pair-bad");
    assert_one_line_error(&diglot(&dir, &["pair", "missing.txt"]), "'missing.txt': no such file");
    std::fs::write(dir.join("a.txt"), "text").unwrap();
    assert_one_line_error(
        &diglot(&dir, &["pair", "a.txt", "--format", "xml"]),
        "'xml' is not a known format",
    );
    assert_one_line_error(&diglot(&dir, &["pair", "a.txt", "--threshold", "2"]), "--threshold 2");
}
