//! `diglot export WORK --left L --right R --format jsonl|tsv|tmx` prints the stored alignment
//! of a work; `diglot export FILE.toml --format …` prints an alignment file.
//!
//! The argument is taken as a file when it names an existing path or ends in `.toml`, as a
//! work otherwise. An alignment whose source texts changed since it was made (a stale one) is
//! refused, because its paragraph ids may now point at other paragraphs and the export would
//! pair the wrong texts without a word; `--allow-stale` exports it anyway with a warning,
//! as long as its ids still fall inside the texts.

use std::io::Write;
use std::path::Path;

use crate::alignment::{Alignment, AlignmentFile, Report, SourceText};
use crate::document::{Document, Lang};
use crate::error::{Error, Result};
use crate::export::{self, Format, TmxOptions};
use crate::works::Library;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// A work (see `diglot works`) or an alignment file (`.toml`).
    pub target: String,
    /// The language on the left (the TMX source language).
    #[arg(long, value_name = "LANG")]
    pub left: Option<Lang>,
    /// The language on the right.
    #[arg(long, value_name = "LANG")]
    pub right: Option<Lang>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// TMX: keep groups where one side has no paragraph (written with an empty segment);
    /// by default they are left out.
    #[arg(long)]
    pub keep_empty: bool,
    /// TMX: leave out the confidence, status and paragraph-id properties of each unit.
    #[arg(long)]
    pub no_props: bool,
    /// Export even if a source text changed since the alignment was made (warns on stderr).
    #[arg(long)]
    pub allow_stale: bool,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<std::path::PathBuf>,
}

/// Whether the argument names an alignment file rather than a work.
pub fn is_file_argument(target: &str) -> bool {
    Path::new(target).exists() || target.to_ascii_lowercase().ends_with(".toml")
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<()> {
    let format = args.format;
    let (want_left, want_right) = (args.left, args.right);
    let library = Library::load()?;
    let (file, left, right, name) = if is_file_argument(&args.target) {
        from_file(&library, Path::new(&args.target), want_left, want_right)?
    } else {
        from_work(&library, &args.target, want_left, want_right)?
    };
    let report = file.check_against(&left, &right);
    let al = file.alignment;
    refuse_if_stale(&al, &report, (&left, &right), &name, args.allow_stale)?;
    let tmx = TmxOptions { keep_empty: args.keep_empty, props: !args.no_props };
    match &args.output {
        None => export::write(format, &al, &left, &right, &tmx, out),
        Some(path) => {
            let mut buf = Vec::new();
            export::write(format, &al, &left, &right, &tmx, &mut buf)?;
            crate::store::write_atomic(path, &buf)
        }
    }
}

/// The alignment file (its excerpts say what changed in a stale source), its two texts, and
/// its name for messages.
type Loaded = (AlignmentFile, Document, Document, String);

fn from_file(
    library: &Library,
    path: &Path,
    want_left: Option<Lang>,
    want_right: Option<Lang>,
) -> Result<Loaded> {
    let file = AlignmentFile::load(path)?;
    let name = file.path.clone();
    let file = orient(file, &name, want_left, want_right)?;
    let (left, right) = crate::pairing::texts_of(&file.alignment, library, Some(path)).map_err(|e| {
        Error::BadAlignment { path: name.clone(), message: format!("cannot read the texts it aligns: {e}") }
    })?;
    Ok((file, left, right, name))
}

/// Puts the languages asked for on the sides asked for, flipping the file if needed.
fn orient(
    file: AlignmentFile,
    name: &str,
    want_left: Option<Lang>,
    want_right: Option<Lang>,
) -> Result<AlignmentFile> {
    let fits = |l: &SourceText, r: &SourceText| {
        want_left.is_none_or(|w| w == l.lang) && want_right.is_none_or(|w| w == r.lang)
    };
    let al = &file.alignment;
    if fits(&al.left, &al.right) {
        Ok(file)
    } else if fits(&al.right, &al.left) {
        Ok(file.flipped())
    } else {
        let asked = [("--left", want_left), ("--right", want_right)]
            .iter()
            .filter_map(|(k, v)| v.map(|v| format!("{k} {v}")))
            .collect::<Vec<_>>()
            .join(" ");
        Err(Error::Usage(format!(
            "'{name}': aligns {} with {}, which does not match {asked}",
            al.left.lang, al.right.lang
        )))
    }
}

fn from_work(
    library: &Library,
    id: &str,
    want_left: Option<Lang>,
    want_right: Option<Lang>,
) -> Result<Loaded> {
    let work = library.work(id)?;
    let langs = work.langs();
    if work.mixed || langs.len() < 2 {
        return Err(Error::Usage(format!(
            "'{id}' is a single text (read in one pane): it has no alignment to export"
        )));
    }
    let list = || langs.iter().map(Lang::to_string).collect::<Vec<_>>().join(", ");
    let (l, r) = match (want_left, want_right) {
        (Some(l), Some(r)) => (l, r),
        // A work in exactly two languages needs no more.
        (None, None) if langs.len() == 2 => (langs[0], langs[1]),
        (Some(l), None) if langs.len() == 2 && langs.contains(&l) => {
            (l, langs.iter().copied().find(|x| *x != l).unwrap_or(l))
        }
        (None, Some(r)) if langs.len() == 2 && langs.contains(&r) => {
            (langs.iter().copied().find(|x| *x != r).unwrap_or(r), r)
        }
        _ => {
            return Err(Error::Usage(format!(
                "export of work '{id}' needs --left and --right (its languages: {})",
                list()
            )));
        }
    };
    if l == r {
        return Err(Error::Usage(format!("--left and --right are both '{l}': pick two languages")));
    }
    for lang in [l, r] {
        if !langs.contains(&lang) {
            return Err(Error::LangMissing { path: id.to_string(), lang: lang.to_string(), found: list() });
        }
    }
    let Some((file, origin)) = library.alignment_file(id, l, r)? else {
        return Err(Error::Usage(format!(
            "no stored alignment of '{id}' {l}-{r} (looked for {} and ./alignments/{}); make one with `diglot align`",
            crate::store::shown(&library.alignment_save_path(id, l, r)),
            Library::alignment_file_name(id, l, r)
        )));
    };
    let (left, right) = (library.document(id, l)?, library.document(id, r)?);
    Ok((file, left, right, origin.display()))
}

fn refuse_if_stale(
    al: &Alignment,
    report: &Report,
    (left, right): (&Document, &Document),
    name: &str,
    allow: bool,
) -> Result<()> {
    if report.is_broken() {
        return Err(Error::BadAlignment { path: name.to_string(), message: report.describe() });
    }
    if !report.is_stale() {
        return Ok(());
    }
    if !allow {
        let check = if name.starts_with("(built-in)") {
            "diglot check".to_string()
        } else {
            format!("diglot check {name}")
        };
        return Err(Error::StaleAlignment {
            path: name.to_string(),
            message: format!(
                "{}; see `{check}`, re-align, or export anyway with --allow-stale",
                report.describe()
            ),
        });
    }
    // Even when asked to, ids past the end of a text would export nothing for those groups.
    let now = Alignment {
        left: SourceText { paragraphs: left.len(), ..al.left.clone() },
        right: SourceText { paragraphs: right.len(), ..al.right.clone() },
        ..al.clone()
    };
    if let Err(e) = now.validate() {
        return Err(Error::StaleAlignment {
            path: name.to_string(),
            message: format!("it no longer fits its texts, even with --allow-stale: {e}"),
        });
    }
    let warning = format!("'{name}': stale: {}", report.describe());
    eprintln!("diglot: warning: {}", crate::source::escape_controls(&warning));
    Ok(())
}
