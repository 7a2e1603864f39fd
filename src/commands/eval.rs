//! `diglot eval GOLD SYSTEM`: scores an alignment against a gold ladder with strict and lax
//! precision, recall and F1 (see [`crate::eval`] for how beads are counted).

use std::io::Write;
use std::path::PathBuf;

pub use crate::commands::pair::Format;
use crate::error::{Error, Result};
use crate::eval::{self, Prf, Tally};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The gold alignment: a ladder (`[0, 1]:[0]` a line, 0-based ids) or diglot jsonl.
    pub gold: PathBuf,
    /// The alignment to score: a ladder or diglot jsonl (`diglot align --format jsonl`).
    pub system: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<()> {
    let gold = eval::read_beads(&args.gold)?;
    let system = eval::read_beads(&args.system)?;
    let tally = eval::score(&gold, &system);
    let io = |e| Error::io("<stdout>", e);
    if args.format == Format::Json {
        writeln!(out, "{}", json(&tally)).map_err(io)?;
    } else {
        write_text(&tally, out).map_err(io)?;
    }
    Ok(())
}

fn json(t: &Tally) -> serde_json::Value {
    let prf = |p: Prf| serde_json::json!({"precision": p.precision, "recall": p.recall, "f1": p.f1});
    let counts = |c: eval::Counts| {
        serde_json::json!({
            "strict_hits": c.strict_hits, "strict_misses": c.strict_misses,
            "lax_hits": c.lax_hits, "lax_misses": c.lax_misses,
        })
    };
    serde_json::json!({
        "strict": prf(t.strict()),
        "lax": prf(t.lax()),
        "precision_counts": counts(t.precision),
        "recall_counts": counts(t.recall),
    })
}

fn write_text(t: &Tally, out: &mut dyn Write) -> std::io::Result<()> {
    let (p, r) = (t.precision, t.recall);
    let line = |out: &mut dyn Write, name: &str, s: Prf, ph: usize, rh: usize| {
        writeln!(
            out,
            "{name:<6}  precision {:.3}  recall {:.3}  F1 {:.3}   ({ph}/{} system beads, {rh}/{} gold beads)",
            s.precision,
            s.recall,
            s.f1,
            p.strict_hits + p.strict_misses,
            r.strict_hits + r.strict_misses,
        )
    };
    line(out, "strict", t.strict(), p.strict_hits, r.strict_hits)?;
    line(out, "lax", t.lax(), p.lax_hits, r.lax_hits)
}
