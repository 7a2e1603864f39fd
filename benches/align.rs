//! `cargo bench --bench align`: aligning a made-up pair of about 30,000 × 40,000 sentences
//! (generated, so the bench needs no data outside the repository), then the peak memory of
//! the whole run (VmHWM, Linux).

#[path = "../tests/common/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::sync::OnceLock;

use diglot::align::{AlignOptions, align};

fn big_pair() -> &'static synthetic::Pair {
    static PAIR: OnceLock<synthetic::Pair> = OnceLock::new();
    PAIR.get_or_init(|| {
        let rates = synthetic::Rates { split: 0.3, join: 0.03, drop: 0.01, insert: 0.01 };
        synthetic::pair(30_000, rates, 7)
    })
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn align_30k_by_40k(bencher: divan::Bencher) {
    let p = big_pair();
    bencher.bench(|| align(black_box(&p.left), black_box(&p.right), &AlignOptions::default()));
}

fn main() {
    let p = big_pair();
    println!("pair: {} × {} sentences", p.left.len(), p.right.len());
    divan::main();
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM")) {
        println!("peak memory: {}", line.trim_start_matches("VmHWM:").trim());
    }
}
