//! Turns text files of many shapes into paragraphs tagged with language, kind and source lines.
//!
//! PLACEHOLDER: blank-line paragraphs only; the real importer replaces this (issue: Import).

use std::path::Path;

use crate::document::{Document, Kind, Lang, Paragraph};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Every non-empty line is one paragraph; nothing is joined.
    pub one_per_line: bool,
    /// Keep only the section in this language (for multi-language files).
    pub lang: Option<Lang>,
}

/// Imports a file: one document per language for a multi-language bundle, one otherwise.
pub fn import_file(path: &Path, opts: &ImportOptions) -> Result<Vec<Document>> {
    let text = crate::source::read_text(path)?;
    import_str(&path.display().to_string(), &text, opts)
}

/// Imports a file and expects exactly one document (the one in `opts.lang` if given).
pub fn import_one(path: &Path, opts: &ImportOptions) -> Result<Document> {
    let mut docs = import_file(path, opts)?;
    if docs.len() == 1 {
        return Ok(docs.remove(0));
    }
    let found = docs.iter().map(|d| d.lang.to_string()).collect::<Vec<_>>().join(", ");
    Err(Error::Usage(format!(
        "'{}': holds several languages ({found}); pick one with --lang",
        path.display()
    )))
}

/// Imports text already in memory. `name` is used in messages and as the document name.
pub fn import_str(name: &str, text: &str, opts: &ImportOptions) -> Result<Vec<Document>> {
    let mut paragraphs = Vec::new();
    let mut cur: Vec<(usize, &str)> = Vec::new();
    let flush = |cur: &mut Vec<(usize, &str)>, out: &mut Vec<Paragraph>| {
        if let (Some(first), Some(last)) = (cur.first(), cur.last()) {
            let text = cur.iter().map(|(_, l)| l.trim()).collect::<Vec<_>>().join(" ");
            out.push(Paragraph { text, lang: detect(cur[0].1), kind: Kind::Body, lines: (first.0, last.0) });
        }
        cur.clear();
    };
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || opts.one_per_line {
            flush(&mut cur, &mut paragraphs);
        }
        if !line.trim().is_empty() {
            cur.push((i + 1, line));
        }
    }
    flush(&mut cur, &mut paragraphs);
    let lang = paragraphs.first().map(|p| p.lang).unwrap_or(Lang::UND);
    if let Some(want) = opts.lang
        && want != lang
    {
        return Err(Error::LangMissing {
            path: name.to_string(),
            lang: want.to_string(),
            found: lang.to_string(),
        });
    }
    Ok(vec![Document { name: name.to_string(), lang, paragraphs }])
}

fn detect(s: &str) -> Lang {
    if s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) { Lang::ZH } else { Lang::EN }
}
