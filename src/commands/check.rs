//! `diglot check [FILE...]`: checks alignment files and says, one line per file, whether each
//! is ok, stale (a source text changed since it was aligned: which one, and what changed) or
//! broken (why). Without files it checks every stored alignment: the user's (in the data
//! directory's `alignments/`, then `./alignments`) and the built-in ones. Exits non-zero when any file is stale or broken.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::alignment::AlignmentFile;
use crate::error::{Error, Result};
use crate::works::{Library, Origin};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Alignment files to check, or directories whose `.toml` alignments to check (default:
    /// every stored alignment of the works).
    pub files: Vec<PathBuf>,
}

/// The alignment files of a directory: its `.toml` files but the catalogue and the glossary
/// (and hidden files, such as what a killed save leaves), by name.
fn alignment_files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            p.is_file()
                && name.ends_with(".toml")
                && !name.starts_with('.')
                && name != "works.toml"
                && name != "glossary.toml"
        })
        .collect();
    v.sort();
    Ok(v)
}

/// What checking one file found.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Sound and made from the texts as they are: a short summary.
    Ok(String),
    /// Sound, but a source changed since: what changed.
    Stale(String),
    /// Unusable: why.
    Broken(String),
}

/// One checked file.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub name: String,
    pub verdict: Verdict,
}

/// Checks one alignment file's text. `path` is the file on disk when there is one (relative
/// source paths are looked up beside it); `stored_as` the name it is stored under in
/// `alignments/`, whose work and languages it must hold.
pub fn check_text(
    library: &Library,
    name: &str,
    text: &str,
    path: Option<&Path>,
    stored_as: Option<&str>,
) -> Verdict {
    let file = match AlignmentFile::parse(name, text) {
        Ok(f) => f,
        Err(e) => return Verdict::Broken(e.to_string()),
    };
    let al = &file.alignment;
    if let (Some(stored), Some(work)) = (stored_as, &al.work) {
        let expected = Library::alignment_file_name(work, al.left.lang, al.right.lang);
        if stored != expected {
            return Verdict::Broken(format!(
                "'{name}': holds {} but is stored as {stored} (it should be named {expected})",
                al.label()
            ));
        }
    }
    let (left, right) = match crate::pairing::texts_of(al, library, path) {
        Ok(docs) => docs,
        Err(e) => return Verdict::Broken(format!("'{name}': cannot read the texts it aligns: {e}")),
    };
    let report = file.check_against(&left, &right);
    if report.is_broken() {
        Verdict::Broken(format!("'{name}': {}", report.describe()))
    } else if report.is_stale() {
        Verdict::Stale(format!("'{name}': {}", report.describe()))
    } else {
        let (l, r) = (al.left.paragraphs, al.right.paragraphs);
        Verdict::Ok(format!(
            "'{name}': {}, {} over {l} + {r} paragraphs, {} verified",
            al.label(),
            crate::document::counted(al.groups.len(), "group"),
            al.verified_count()
        ))
    }
}

/// Checks a file given on the command line.
pub fn check_file(library: &Library, path: &Path) -> Outcome {
    let name = crate::source::display(path);
    // A file in an `alignments/` directory is found by its name: the name must fit.
    let in_alignments = path.parent().and_then(Path::file_name).is_some_and(|d| d == "alignments");
    let stored_as = path.file_name().map(|n| n.to_string_lossy().into_owned()).filter(|_| in_alignments);
    let verdict = match crate::source::read_text_within(path, crate::alignment::MAX_FILE_BYTES) {
        Ok(text) => check_text(library, &name, &text, Some(path), stored_as.as_deref()),
        Err(e) => Verdict::Broken(e.to_string()),
    };
    Outcome { name, verdict }
}

/// Checks every stored alignment of the library.
pub fn check_stored(library: &Library) -> Vec<Outcome> {
    library
        .stored_alignments()
        .into_iter()
        .map(|s| {
            let name = s.origin.display();
            let path = match &s.origin {
                Origin::File(p) => Some(p.as_path()),
                Origin::BuiltIn(_) => None,
            };
            let verdict = match &s.text {
                Ok(text) => check_text(library, &name, text, path, Some(&s.name)),
                Err(e) => Verdict::Broken(e.to_string()),
            };
            Outcome { name, verdict }
        })
        .collect()
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<()> {
    let library = Library::load()?;
    let outcomes = if args.files.is_empty() {
        check_stored(&library)
    } else {
        let mut files = Vec::new();
        for p in &args.files {
            if p.is_dir() {
                files.extend(alignment_files_in(p)?);
            } else {
                files.push(p.clone());
            }
        }
        files.iter().map(|p| check_file(&library, p)).collect()
    };
    let io = |e| Error::io("<stdout>", e);
    if outcomes.is_empty() {
        writeln!(
            out,
            "no stored alignments to check (alignments/ has none yet; `diglot align … -o FILE` makes one)"
        )
        .map_err(io)?;
        return Ok(());
    }
    let (mut stale, mut broken) = (0, 0);
    for o in &outcomes {
        let (word, text) = match &o.verdict {
            Verdict::Ok(s) => ("ok", s),
            Verdict::Stale(s) => {
                stale += 1;
                ("STALE", s)
            }
            Verdict::Broken(s) => {
                broken += 1;
                ("BROKEN", s)
            }
        };
        writeln!(out, "{word:<7}{text}").map_err(io)?;
    }
    let total = outcomes.len();
    writeln!(out, "{total} checked: {} ok, {stale} stale, {broken} broken", total - stale - broken)
        .map_err(io)?;
    if stale + broken > 0 {
        return Err(Error::CheckFailed { stale, broken, total });
    }
    Ok(())
}
