//! Writing alignments for other tools: jsonl (one object per group), tsv (one bitext line per
//! group) and TMX.

use std::io::Write;

use crate::alignment::Alignment;
use crate::document::Document;
use crate::error::{Error, Result};

/// The texts of the paragraphs `ids` of `doc`; ids out of range are skipped (a validated
/// alignment has none).
pub fn texts<'a>(doc: &'a Document, ids: &[usize]) -> Vec<&'a str> {
    ids.iter().filter_map(|&i| doc.paragraphs.get(i)).map(|p| p.text.as_str()).collect()
}

fn io(e: std::io::Error) -> Error {
    Error::io("<output>", e)
}

/// One JSON object per group, in order:
/// `{"left_ids": [3], "right_ids": [3, 4], "left": ["…"], "right": ["…", "…"], "confidence": 0.93}`.
pub fn write_jsonl(al: &Alignment, left: &Document, right: &Document, out: &mut dyn Write) -> Result<()> {
    for g in &al.groups {
        let v = serde_json::json!({
            "left_ids": g.left,
            "right_ids": g.right,
            "left": texts(left, &g.left),
            "right": texts(right, &g.right),
            "confidence": (f64::from(g.confidence) * 1000.0).round() / 1000.0,
            "status": g.status,
        });
        writeln!(out, "{v}").map_err(io)?;
    }
    Ok(())
}

/// One line per group: the left text, a tab, the right text. Paragraphs of a side are joined
/// with a space; tabs and line breaks inside a text become spaces so every group stays one line.
pub fn write_tsv(al: &Alignment, left: &Document, right: &Document, out: &mut dyn Write) -> Result<()> {
    let clean = |v: Vec<&str>| v.join(" ").replace(['\t', '\n', '\r'], " ");
    for g in &al.groups {
        writeln!(out, "{}\t{}", clean(texts(left, &g.left)), clean(texts(right, &g.right))).map_err(io)?;
    }
    Ok(())
}

pub mod tmx;

pub use tmx::{TmxOptions, write_tmx};

/// The formats `diglot export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object a group: ids, texts, confidence, status.
    Jsonl,
    /// Left and right text, one group a line.
    Tsv,
    /// TMX 1.4, one translation unit a group.
    Tmx,
}

impl Format {
    pub const NAMES: &'static str = "jsonl, tsv, tmx";

    /// Parses a format name; an unknown one is a one-line error listing the known ones.
    pub fn parse(name: &str) -> Result<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "jsonl" => Ok(Format::Jsonl),
            "tsv" => Ok(Format::Tsv),
            "tmx" => Ok(Format::Tmx),
            _ => Err(Error::UnknownFormat(name.to_string(), Format::NAMES.into())),
        }
    }
}

/// Writes the alignment in one of the export formats.
pub fn write(
    format: Format,
    al: &Alignment,
    left: &Document,
    right: &Document,
    tmx: &TmxOptions,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        Format::Jsonl => write_jsonl(al, left, right, out),
        Format::Tsv => write_tsv(al, left, right, out),
        Format::Tmx => write_tmx(al, left, right, tmx, out),
    }
}
