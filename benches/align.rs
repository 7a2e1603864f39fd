//! `cargo bench --bench align`: the aligner at book scale.
//!
//! 1. Real sentences: `../shared/data/mac-dev/make-long.py` concatenates the six MAC-Dev
//!    chapters 1, 4 and 16 times (up to 23,104 × 31,152 sentences) with their gold. Each size
//!    runs once in a child process of its own, so that its peak memory (VmHWM) is its own,
//!    and prints time, peak memory and strict F1. Skipped, with a message, when `../shared`
//!    or python3 is missing.
//! 2. A generated pair of about 30,000 × 37,000 sentences (no data outside the repository),
//!    timed by divan; generated text hid slowdowns and collapses that real text shows, so it
//!    is the second case, not the figure to trust.

#[path = "../tests/common/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Instant;

use diglot::align::{AlignOptions, align};
use diglot::eval::{Bead, score};
use diglot::import::{ImportOptions, import_one};

const CASE_VAR: &str = "DIGLOT_BENCH_CASE";
const REPEATS: [usize; 4] = [1, 4, 16, 21];

fn big_pair() -> &'static synthetic::Pair {
    static PAIR: OnceLock<synthetic::Pair> = OnceLock::new();
    PAIR.get_or_init(|| {
        let rates = synthetic::Rates { split: 0.3, join: 0.03, drop: 0.01, insert: 0.01 };
        synthetic::pair(30_000, rates, 7)
    })
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn generated_30k_by_37k(bencher: divan::Bencher) {
    let p = big_pair();
    bencher.bench(|| align(black_box(&p.left), black_box(&p.right), &AlignOptions::default()));
}

fn peak_memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        .unwrap_or_else(|| "?".into())
}

/// In the child: aligns one long pair and prints `sentences time memory f1`.
fn run_case(dir: &Path) -> Result<(), String> {
    let opts = ImportOptions { one_per_line: true, ..ImportOptions::default() };
    let zh = import_one(&dir.join("long.zh"), &opts).map_err(|e| e.to_string())?;
    let en = import_one(&dir.join("long.en"), &opts).map_err(|e| e.to_string())?;
    let gold = diglot::eval::read_beads(&dir.join("long.align")).map_err(|e| e.to_string())?;
    let start = Instant::now();
    let groups = align(&zh, &en, &AlignOptions::default());
    let secs = start.elapsed().as_secs_f64();
    let system: Vec<Bead> = groups.iter().map(|g| (g.left.clone(), g.right.clone())).collect();
    let f1 = score(&gold, &system).strict().f1;
    println!("{} × {}\t{secs:.2} s\t{}\t{f1:.3}", zh.len(), en.len(), peak_memory());
    Ok(())
}

/// In the parent: builds the long pairs and runs each in a child.
fn real_cases() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/mac-dev/make-long.py");
    if !script.is_file() {
        println!("real text: skipped ({} not found)", script.display());
        return;
    }
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mac-dev-long");
    let Ok(exe) = std::env::current_exe() else {
        println!("real text: skipped (cannot find the bench binary)");
        return;
    };
    println!("real text (MAC-Dev chapters repeated), one child process each:");
    println!("repeats\tsentences (zh × en)\ttime\tpeak memory\tstrict F1");
    for r in REPEATS {
        let dir = out.join(format!("x{r}"));
        if !dir.join("long.align").is_file() {
            let built = Command::new("python3").arg(&script).arg(r.to_string()).arg(&dir).output();
            if !built.as_ref().is_ok_and(|o| o.status.success()) {
                println!("{r}\tskipped (make-long.py failed; is python3 installed?)");
                continue;
            }
        }
        match Command::new(&exe).env(CASE_VAR, &dir).output() {
            Ok(o) if o.status.success() => print!("{r}\t{}", String::from_utf8_lossy(&o.stdout)),
            Ok(o) => println!("{r}\tfailed: {}", String::from_utf8_lossy(&o.stderr).trim()),
            Err(e) => println!("{r}\tfailed: {e}"),
        }
    }
}

fn main() {
    // As the binary does, so that the peak memory printed is the one a user sees.
    diglot::allocator::one_arena();
    if let Some(dir) = std::env::var_os(CASE_VAR) {
        if let Err(e) = run_case(Path::new(&dir)) {
            eprintln!("{e}");
            std::process::exit(1);
        }
        return;
    }
    real_cases();
    let p = big_pair();
    println!("generated pair: {} × {} sentences", p.left.len(), p.right.len());
    divan::main();
    println!("peak memory of the generated pair (and what ran before it): {}", peak_memory());
}
