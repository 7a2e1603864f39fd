//! Pairing translations that have no numbers to go by (novels, poems): the lexical score,
//! on made-up texts whose "translation" maps every word to another.
#![allow(clippy::unwrap_used)]

mod common;

use common::synthetic::{self, Rates};
use diglot::Document;
use diglot::pair::{self, lexical_score};

/// A synthetic text without its numbers, so that only words can tell a translation.
fn without_numbers(mut d: Document) -> Document {
    for p in &mut d.paragraphs {
        p.text = p
            .text
            .split(' ')
            .filter(|w| !w.starts_with(|c: char| c.is_ascii_digit()))
            .collect::<Vec<_>>()
            .join(" ");
    }
    d
}

#[test]
fn translations_without_numbers_are_paired_by_their_words() {
    let rates = Rates { split: 0.05, join: 0.05, drop: 0.02, insert: 0.02 };
    let a = synthetic::pair(200, rates, 21);
    let b = synthetic::pair(200, rates, 22);
    let docs: Vec<Document> = [a.left, a.right, b.left, b.right].into_iter().map(without_numbers).collect();
    assert!(docs.iter().all(|d| d.paragraphs.iter().all(|p| !p.text.contains(|c: char| c.is_ascii_digit()))));

    let real = lexical_score(&docs[0], &docs[1]);
    let unrelated = lexical_score(&docs[0], &docs[3]);
    assert!(real >= 0.6, "a translation scores {real}");
    assert!(unrelated < 0.3, "an unrelated text scores {unrelated}");
    // Same language: never a translation.
    assert_eq!(lexical_score(&docs[0], &docs[2]), 0.0);

    let p = pair::pair(&docs, pair::DEFAULT_THRESHOLD);
    assert_eq!(p.sets, vec![vec![0, 1], vec![2, 3]]);
}

#[test]
fn short_texts_teach_nothing() {
    let a = synthetic::pair(10, Rates { split: 0.0, join: 0.0, drop: 0.0, insert: 0.0 }, 5);
    assert_eq!(lexical_score(&a.left, &a.right), 0.0);
}
