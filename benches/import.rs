//! `cargo bench --bench import`: how long importing takes, for the shapes that can be big.
//! Uses the mac-dev sentence-per-line corpus when `../shared` is there, made-up text otherwise.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use diglot::import::{ImportOptions, import_str};

fn time(label: &str, text: &str, opts: &ImportOptions) {
    let runs = 10;
    let mut best = Duration::MAX;
    let mut paragraphs = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let docs = import_str("bench", black_box(text), opts).unwrap_or_default();
        best = best.min(t.elapsed());
        paragraphs = docs.iter().map(|d| d.len()).sum();
    }
    println!("{label:<48} {paragraphs:>7} paragraphs  best of {runs}: {:>8.2} ms", best.as_secs_f64() * 1e3);
}

/// About `n` lines of one language: the mac-dev corpus repeated, or a made-up sentence.
fn corpus(ext: &str, n: usize, fallback: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/mac-dev");
    let mut text = String::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == ext)) {
            text.push_str(&std::fs::read_to_string(f).unwrap_or_default());
        }
    }
    if text.lines().count() == 0 {
        text = format!("{fallback}\n");
    }
    let base = text.clone();
    while text.lines().count() < n {
        text.push_str(&base);
    }
    text.lines().take(n).collect::<Vec<_>>().join("\n")
}

fn main() {
    let one = ImportOptions { one_per_line: true, ..Default::default() };
    let zh =
        corpus("zh", 30_000, "他看到二十八面直径为九米的抛物面天线在暮色中一字排开，像一排壮观的钢铁植物。");
    time("30,000 Chinese lines, --one-per-line", &zh, &one);
    let en = corpus(
        "en",
        30_000,
        "He saw twenty-eight parabolic antennas lined up in the dusk like steel plants.",
    );
    time("30,000 English lines, --one-per-line", &en, &one);
    time("30,000 English lines, shape detected", &en, &ImportOptions::default());
    // Short paragraphs whose language the file does not teach: each used to cost a full
    // language identification (about 90 µs), and blocks, lines and texts 18× the file's size.
    let heads = ["the workers", "gathered in", "the square", "before the", "town hall and"];
    let short: String = (0..200_000).map(|i| format!("{} now\n\n", heads[i % heads.len()])).collect();
    time("200,000 short paragraphs, blank lines", &short, &ImportOptions::default());
    let line = "word ".repeat(2_000_000);
    time("one 10 MB line", &line, &ImportOptions::default());
    for seed in ["uprising-in-kazakhstan.zh.txt", "rcit-kazakhstan-statement.en-es-ru-pt-ko.txt"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").join(seed);
        let text = std::fs::read_to_string(path).unwrap_or_default();
        time(seed, &text, &ImportOptions::default());
    }
}
