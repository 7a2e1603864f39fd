//! `diglot paragraphs FILE`: shows how the importer reads a file.

use std::io::Write;
use std::path::PathBuf;

use encoding_rs::Encoding;

use crate::document::{Document, Lang};
use crate::error::{Error, Result};
use crate::import::{self, ImportOptions};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The text file to read (`-`: standard input).
    pub file: PathBuf,
    /// Keep only this language's section of a multi-language file (ISO 639-1 code).
    #[arg(long)]
    pub lang: Option<Lang>,
    /// Every non-empty line is one paragraph; nothing is joined.
    #[arg(long)]
    pub one_per_line: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Read the file in this encoding (a WHATWG label: gbk, big5, shift_jis, windows-1251,
    /// ...) [default: its BOM's, UTF-8 if valid, else detected].
    #[arg(long, value_name = "LABEL", value_parser = crate::source::parse_encoding)]
    pub encoding: Option<&'static Encoding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One paragraph a line under a header per document.
    Text,
    /// One JSON object a paragraph.
    Jsonl,
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<()> {
    let opts = ImportOptions { one_per_line: args.one_per_line, lang: args.lang, encoding: args.encoding };
    let imported = import::import_file_decoded(&args.file, &opts)?;
    let docs = imported.documents;
    let io = |e| Error::io("<stdout>", e);
    match args.format {
        Format::Jsonl => {
            for d in &docs {
                for (index, p) in d.paragraphs.iter().enumerate() {
                    // Written by hand to keep the documented key order and spacing.
                    let text = serde_json::to_string(&p.text).map_err(|e| Error::Usage(e.to_string()))?;
                    let v = format!(
                        "{{\"index\": {index}, \"text\": {text}, \"lang\": \"{}\", \"kind\": \"{}\", \"lines\": [{}, {}]}}",
                        p.lang, p.kind, p.lines.0, p.lines.1
                    );
                    writeln!(out, "{v}").map_err(io)?;
                }
            }
        }
        Format::Text => {
            let langs = docs.iter().map(|d| d.lang.to_string()).collect::<Vec<_>>().join(", ");
            for (k, d) in docs.iter().enumerate() {
                if k > 0 {
                    writeln!(out).map_err(io)?;
                }
                write_text(d, imported.encoding, &langs, docs.len(), out).map_err(io)?;
            }
        }
    }
    Ok(())
}

/// One paragraph a line under a header, columns aligned, verse lines indented under the
/// text column, so the output reads well and still greps one paragraph per line.
fn write_text(
    d: &Document,
    encoding: &'static Encoding,
    langs: &str,
    n_docs: usize,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut mixed: Vec<(Lang, usize)> = Vec::new();
    for p in &d.paragraphs {
        match mixed.iter_mut().find(|(l, _)| *l == p.lang) {
            Some((_, n)) => *n += 1,
            None => mixed.push((p.lang, 1)),
        }
    }
    let of = if n_docs > 1 {
        format!(" (one of {n_docs} languages: {langs})")
    } else if mixed.len() > 1 {
        let each = mixed.iter().map(|(l, n)| format!("{l} {n}")).collect::<Vec<_>>().join(", ");
        format!(" (mixed: {each})")
    } else {
        String::new()
    };
    let count = crate::document::counted(d.len(), "paragraph");
    writeln!(out, "# {} · {} · {} · {count}{of}", d.name, encoding.name(), d.lang)?;
    let iw = d.len().saturating_sub(1).to_string().len().max(1);
    let lw = d.paragraphs.iter().map(|p| lines_label(p.lines).len()).max().unwrap_or(1);
    for (i, p) in d.paragraphs.iter().enumerate() {
        let head = format!(
            "{i:>iw$}  {:<8}  {:<3}  {:<lw$}  ",
            p.kind.as_str(),
            p.lang.as_str(),
            lines_label(p.lines)
        );
        let mut parts = p.text.split('\n');
        writeln!(out, "{head}{}", parts.next().unwrap_or(""))?;
        for rest in parts {
            writeln!(out, "{:w$}{rest}", "", w = head.len())?;
        }
    }
    Ok(())
}

fn lines_label((a, b): (usize, usize)) -> String {
    if a == b { a.to_string() } else { format!("{a}-{b}") }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn run_on(file: &str, format: Format, lang: Option<&str>) -> String {
        let args = Args {
            file: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds").join(file),
            lang: lang.map(|l| l.parse().unwrap()),
            one_per_line: false,
            format,
            encoding: None,
        };
        let mut out = Vec::new();
        run(&args, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_lists_paragraphs_in_columns_with_verse_indented() {
        let out = run_on("uprising-in-kazakhstan.en.txt", Format::Text, None);
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines[0].ends_with("uprising-in-kazakhstan.en.txt · UTF-8 · en · 78 paragraphs"),
            "{}",
            lines[0]
        );
        assert_eq!(lines[1], " 0  noise     en   1        /");
        let verse = lines.iter().position(|l| l.contains("verse")).unwrap();
        assert!(lines[verse].ends_with("“No matter how much they shoot, the bullets won‘t be enough."));
        let col = lines[verse].find('“').unwrap();
        assert_eq!(&lines[verse + 1][..col].trim(), &"");
        assert!(lines[verse + 1][col..].starts_with("No matter how much they crush"));
    }

    #[test]
    fn every_document_of_a_bundle_is_printed() {
        let out = run_on("rcit-kazakhstan-statement.en-es-ru-pt-ko.txt", Format::Jsonl, None);
        assert_eq!(out.lines().count(), 14 + 12 + 13 + 13 + 9);
        let out = run_on("rcit-kazakhstan-statement.en-es-ru-pt-ko.txt", Format::Text, Some("es"));
        assert_eq!(out.lines().filter(|l| l.starts_with('#')).count(), 1);
        assert!(out.lines().nth(1).unwrap().contains("Viva el levantamiento obrero"));
    }
}
