//! Reading the texts an alignment's sides were made from, exactly as each side records.

use std::path::{Path, PathBuf};

use super::{Reading, SourceText};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::import::ImportOptions;

/// The one way a text is read from a file for an alignment: `align`, the reader, `check` and
/// `export` all import through here, so the same settings give the same paragraphs, and each
/// gets back the [`Reading`] to record beside the side (the encoding actually used, which
/// `opts` may leave to detection).
pub fn import_sides(path: &Path, opts: &ImportOptions) -> Result<(Vec<Document>, Reading)> {
    let imported = crate::import::import_file_decoded(path, opts)?;
    let encoding = (imported.encoding != encoding_rs::UTF_8).then_some(imported.encoding);
    let reading = Reading { one_per_line: opts.one_per_line, encoding, pick_lang: opts.lang.is_some() };
    Ok((imported.documents, reading))
}

/// [`import_sides`] of a file that must hold one text (the one in `opts.lang`, when given);
/// `flag` is the option that picks a language of a multi-language file, for the error.
pub fn import_side(path: &Path, opts: &ImportOptions, flag: &str) -> Result<(Document, Reading)> {
    let (mut docs, reading) = import_sides(path, opts)?;
    if docs.len() == 1 {
        return Ok((docs.remove(0), reading));
    }
    let found = docs.iter().map(|d| d.lang.to_string()).collect::<Vec<_>>().join(", ");
    Err(Error::Usage(format!(
        "'{}': holds several languages ({found}); pick one with {flag}",
        crate::source::display(path)
    )))
}

/// Where to look for a source named by a relative path: beside the alignment file, then in
/// the current directory.
fn candidate_paths(source: &str, file: Option<&Path>) -> Vec<PathBuf> {
    let p = PathBuf::from(source);
    if p.is_absolute() {
        return vec![p];
    }
    let mut v = Vec::new();
    if let Some(dir) = file.and_then(Path::parent) {
        v.push(dir.join(&p));
    }
    v.push(p);
    v
}

/// The file one side of an alignment was made from, found by the side's `source` (relative
/// to the alignment file `file`, then to the current directory).
pub fn source_path(side: &SourceText, file: Option<&Path>) -> Result<PathBuf> {
    let candidates = candidate_paths(&side.source, file);
    match candidates.iter().find(|p| p.is_file()) {
        Some(path) => Ok(path.clone()),
        None => Err(Error::NotFound { path: candidates.last().cloned().unwrap_or_default() }),
    }
}

/// The text of `side` read from `path` as the side records ([`SourceText::reading`]): exactly so,
/// with no guessing, when it records a reading. When the text changed since, it is this
/// reading that is compared with what was aligned. `check`, `export` and the reader (for a
/// pair whose alignment is stored) all read a side through here.
pub fn read_as_recorded(side: &SourceText, path: &Path) -> Result<(Document, Reading)> {
    match &side.reading {
        Some(reading) => import_side(path, &reading.options(side.lang), "--lang"),
        None => guess_old_reading(side, path),
    }
}

/// FALLBACK FOR OLD FILES ONLY: a file written before the reading was recorded does not say
/// how its texts were read (one paragraph a line or not, the language picked or detected), so
/// those readings are tried and the one matching the recorded hash wins; when none does, the
/// text changed, and the first reading is what it is compared with. A side that records its
/// reading never comes here.
fn guess_old_reading(side: &SourceText, path: &Path) -> Result<(Document, Reading)> {
    let (mut first_doc, mut first_err) = (None, None);
    let readings = [(false, Some(side.lang)), (true, Some(side.lang)), (false, None), (true, None)];
    for (one_per_line, lang) in readings {
        let opts = ImportOptions { one_per_line, lang, encoding: None };
        match import_side(path, &opts, "--lang") {
            Ok((doc, reading)) if doc.content_hash() == side.hash => return Ok((doc, reading)),
            Ok(read) => {
                first_doc.get_or_insert(read);
            }
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    match (first_doc, first_err) {
        (Some(read), _) => Ok(read),
        (None, Some(e)) => Err(e),
        (None, None) => Err(Error::NotFound { path: path.to_path_buf() }),
    }
}
