//! `diglot paragraphs FILE`: shows how the importer reads a file.

use std::io::Write;
use std::path::PathBuf;

use crate::document::Lang;
use crate::error::{Error, Result};
use crate::import::{self, ImportOptions};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The text file to read.
    pub file: PathBuf,
    /// Keep only this language's section of a multi-language file (ISO 639-1 code).
    #[arg(long)]
    pub lang: Option<Lang>,
    /// Every non-empty line is one paragraph; nothing is joined.
    #[arg(long)]
    pub one_per_line: bool,
    /// Output format: text or jsonl.
    #[arg(long, default_value = "text")]
    pub format: String,
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<()> {
    let docs =
        import::import_file(&args.file, &ImportOptions { one_per_line: args.one_per_line, lang: args.lang })?;
    let io = |e| Error::io("<stdout>", e);
    match args.format.as_str() {
        "jsonl" => {
            for d in &docs {
                for (index, p) in d.paragraphs.iter().enumerate() {
                    let v = serde_json::json!({
                        "index": index, "text": p.text, "lang": p.lang, "kind": p.kind,
                        "lines": [p.lines.0, p.lines.1],
                    });
                    writeln!(out, "{v}").map_err(io)?;
                }
            }
        }
        "text" => {
            for d in &docs {
                writeln!(out, "# {} ({}, {} paragraphs)", d.name, d.lang, d.len()).map_err(io)?;
                for (i, p) in d.paragraphs.iter().enumerate() {
                    writeln!(
                        out,
                        "{i:>4} {:<8} {} {:>4}-{:<4} {}",
                        p.kind, p.lang, p.lines.0, p.lines.1, p.text
                    )
                    .map_err(io)?;
                }
            }
        }
        other => return Err(Error::UnknownFormat(other.to_string(), "text, jsonl".into())),
    }
    Ok(())
}
