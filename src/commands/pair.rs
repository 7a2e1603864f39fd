//! `diglot pair FILE...`: says which of the given documents are translations of each other
//! (see [`crate::pair`] for the score). A multi-language file counts as one document per
//! language, a mixed file as one.

use std::io::Write;
use std::path::PathBuf;

use crate::document::Document;
use crate::error::{Error, Result};
use crate::import::{self, ImportOptions};
use crate::pair::{self, Pairing};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The text files to compare.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The lowest mean score at which documents count as translations of each other (0 to 1).
    #[arg(long, default_value_t = pair::DEFAULT_THRESHOLD)]
    pub threshold: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Read every file in this encoding (a WHATWG label: gbk, big5, shift_jis, ...)
    /// [default: each file's BOM's, UTF-8 if valid, else detected].
    #[arg(long, value_name = "LABEL", value_parser = crate::source::parse_encoding)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// The output formats of `pair` and `eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for people.
    Text,
    /// One JSON object.
    Json,
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<()> {
    if !(0.0..=1.0).contains(&args.threshold) {
        return Err(Error::Usage(format!("--threshold {}: expected a number from 0 to 1", args.threshold)));
    }
    let mut docs: Vec<Document> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    for f in &args.files {
        let found = import::import_file(f, &ImportOptions { encoding: args.encoding, ..Default::default() })?;
        let several = found.len() > 1;
        for d in found {
            labels.push(if several {
                format!("{} [{}]", crate::source::display(f), d.lang)
            } else {
                crate::source::display(f)
            });
            docs.push(d);
        }
    }
    let p = pair::pair(&docs, args.threshold);
    let io = |e| Error::io("<stdout>", e);
    if args.format == Format::Json {
        writeln!(out, "{}", json(&p, &docs, &labels)).map_err(io)
    } else {
        write_text(&p, &docs, &labels, args.threshold, out).map_err(io)
    }
}

/// Set names as letters: A, B, ... Z, AA, AB, ...
fn set_name(k: usize) -> String {
    let letter = |i: usize| char::from(b'A' + (i % 26) as u8);
    if k < 26 { letter(k).to_string() } else { format!("{}{}", letter(k / 26 - 1), letter(k)) }
}

fn json(p: &Pairing, docs: &[Document], labels: &[String]) -> serde_json::Value {
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    let documents: Vec<serde_json::Value> = docs
        .iter()
        .zip(labels)
        .enumerate()
        .map(|(i, (d, label))| {
            serde_json::json!({
                "index": i + 1,
                "name": label,
                "lang": d.lang.to_string(),
                "paragraphs": d.len(),
                "set": p.set_of(i).map(set_name),
                "best": p.best[i].map(|(j, _)| j + 1),
                "best_score": p.best[i].map(|(_, s)| round(s)),
            })
        })
        .collect();
    let sets: Vec<serde_json::Value> = p
        .sets
        .iter()
        .enumerate()
        .map(|(k, s)| {
            serde_json::json!({
                "set": set_name(k),
                "documents": s.iter().map(|i| i + 1).collect::<Vec<_>>(),
                "score": round(p.cohesion(s)),
            })
        })
        .collect();
    let alone: Vec<usize> = (0..docs.len()).filter(|&i| p.set_of(i).is_none()).map(|i| i + 1).collect();
    serde_json::json!({"documents": documents, "sets": sets, "no_counterpart": alone})
}

fn write_text(
    p: &Pairing,
    docs: &[Document],
    labels: &[String],
    threshold: f64,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let nw = docs.len().to_string().len().max(1);
    writeln!(out, "{:>nw$}  lang  paras  set  best  score  document", "#")?;
    for (i, (d, label)) in docs.iter().zip(labels).enumerate() {
        let set = p.set_of(i).map(set_name).unwrap_or_else(|| "-".into());
        let (best, score) = match p.best[i] {
            Some((j, s)) => ((j + 1).to_string(), format!("{s:.2}")),
            None => ("-".into(), "-".into()),
        };
        writeln!(
            out,
            "{:>nw$}  {:<4}  {:>5}  {set:<3}  {best:>4}  {score:>5}  {label}",
            i + 1,
            d.lang,
            d.len()
        )?;
    }
    writeln!(out)?;
    if p.sets.is_empty() {
        writeln!(out, "No translations found (threshold {threshold:.2}).")?;
    }
    for (k, s) in p.sets.iter().enumerate() {
        let members = s.iter().map(|&i| format!("{} {}", i + 1, docs[i].lang)).collect::<Vec<_>>().join(", ");
        writeln!(
            out,
            "Set {}: translations of each other: {members} (mean score {:.2})",
            set_name(k),
            p.cohesion(s)
        )?;
    }
    let alone: Vec<String> = (0..docs.len())
        .filter(|&i| p.set_of(i).is_none())
        .map(|i| format!("{} {}", i + 1, labels[i]))
        .collect();
    if !alone.is_empty() {
        writeln!(out, "No counterpart: {}", alone.join(", "))?;
    }
    Ok(())
}
