//! `diglot eval` through the binary: ladder and jsonl systems, text and json output, and bad
//! input named by file and line.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;

const GOLD: &str = "[0]:[0]\n[1, 2]:[1]\n[3]:[]\n[4]:[2, 3]\n";
// 0-0 exact; 1-1 and 2-[] split the 2-1; 3-2 is wrong; 4-3 is part of 4-2+3.
const SYSTEM: &str = "[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[2]\n[4]:[3]\n";

#[test]
fn ladder_against_ladder_worked_by_hand() {
    let dir = scratch("eval-ladder");
    std::fs::write(dir.join("gold.align"), GOLD).unwrap();
    std::fs::write(dir.join("sys.align"), SYSTEM).unwrap();
    let o = diglot(&dir, &["eval", "gold.align", "sys.align"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Strict: 1 of 5 system beads, 1 of 3 gold links; F1 = 2(0.2)(1/3)/(0.2+1/3) = 0.25.
    // Lax: 3 of 5, 3 of 3; F1 = 2(0.6)(1)/1.6 = 0.75.
    assert_eq!(
        stdout(&o),
        "strict  precision 0.200  recall 0.333  F1 0.250   (1/5 system beads, 1/3 gold beads)\n\
         lax     precision 0.600  recall 1.000  F1 0.750   (3/5 system beads, 3/3 gold beads)\n"
    );
}

#[test]
fn jsonl_system_and_json_output() {
    let dir = scratch("eval-jsonl");
    std::fs::write(dir.join("gold.align"), GOLD).unwrap();
    let jsonl: String = SYSTEM
        .lines()
        .map(|l| {
            let (a, b) = l.split_once(':').unwrap();
            format!("{{\"left_ids\": {a}, \"right_ids\": {b}, \"left\": [\"x\"], \"confidence\": 0.5}}\n")
        })
        .collect();
    std::fs::write(dir.join("sys.jsonl"), jsonl).unwrap();
    let o = diglot(&dir, &["eval", "gold.align", "sys.jsonl", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let close = |x: &serde_json::Value, want: f64| (x.as_f64().unwrap() - want).abs() < 1e-9;
    assert!(close(&v["strict"]["precision"], 0.2), "{v}");
    assert!(close(&v["lax"]["f1"], 0.75), "{v}");
    assert_eq!(v["recall_counts"]["strict_misses"], 2);
    assert_eq!(v["precision_counts"]["lax_hits"], 3);
}

#[test]
fn a_perfect_system_scores_one() {
    let dir = scratch("eval-perfect");
    std::fs::write(dir.join("gold.align"), GOLD).unwrap();
    let o = diglot(&dir, &["eval", "gold.align", "gold.align"]);
    let out = stdout(&o);
    assert!(
        out.starts_with("strict  precision 1.000  recall 1.000  F1 1.000   (4/4 system beads, 3/3"),
        "{out}"
    );
}

#[test]
fn bad_input_names_file_and_line() {
    let dir = scratch("eval-bad");
    std::fs::write(dir.join("gold.align"), GOLD).unwrap();
    std::fs::write(dir.join("bad.align"), "[0]:[0]\n\n[1]:[x]\n").unwrap();
    std::fs::write(dir.join("neg.align"), "[0]:[-1]\n").unwrap();
    std::fs::write(dir.join("bad.jsonl"), "{\"left_ids\": [0], \"right_ids\": [0]}\n{\"left_ids\": \"0\"}\n")
        .unwrap();
    assert_one_line_error(&diglot(&dir, &["eval", "gold.align", "none.align"]), "'none.align': no such file");
    assert_one_line_error(
        &diglot(&dir, &["eval", "gold.align", "bad.align"]),
        "'bad.align': line 3: 'x' is not a 0-based sentence id",
    );
    assert_one_line_error(
        &diglot(&dir, &["eval", "neg.align", "gold.align"]),
        "'neg.align': line 1: '-1' is not a 0-based sentence id",
    );
    assert_one_line_error(
        &diglot(&dir, &["eval", "gold.align", "bad.jsonl"]),
        "'bad.jsonl': line 2: 'left_ids' must be a list of 0-based ids",
    );
    assert_one_line_error(
        &diglot(&dir, &["eval", "gold.align", "gold.align", "--format", "csv"]),
        "'csv' is not a known format (expected one of: text, json)",
    );
}
