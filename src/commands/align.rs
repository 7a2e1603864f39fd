//! `diglot align LEFT RIGHT`: aligns two texts from scratch (never from a stored alignment)
//! and prints or writes the alignment as TOML (the alignment file), jsonl or tsv. The result
//! is cached by the texts' content (see [`crate::cache`]; `--no-cache` bypasses it), and a run
//! that takes a while shows a progress bar on stderr when that is a terminal.
//!
//! LEFT and RIGHT may be the same multi-language file with different `--left-lang` and
//! `--right-lang`. Without `--format`, the format follows the extension of `-o` (`.toml`,
//! `.jsonl`, `.tsv`), else jsonl. When the two texts look like no translation of each other
//! (no shared number or name and few sure groups, or wildly different lengths) the alignment
//! is still written, with a warning on stderr.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use encoding_rs::Encoding;

use crate::align::dictionary::Dictionary;
use crate::align::{AlignOptions, Glossary};
use crate::alignment::{Alignment, AlignmentFile, Reading, SourceText};
use crate::cache::Cache;
use crate::document::{Document, Lang};
use crate::error::{Error, Result};
use crate::export;
use crate::import::ImportOptions;
use crate::pairing::{self, How};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The text on the left.
    pub left: PathBuf,
    /// Its translation, on the right (may be the same multi-language file as LEFT).
    pub right: PathBuf,
    /// The language of the left text (ISO 639-1; needed to pick it from a multi-language file).
    #[arg(long, value_name = "LANG")]
    pub left_lang: Option<Lang>,
    /// The language of the right text.
    #[arg(long, value_name = "LANG")]
    pub right_lang: Option<Lang>,
    /// Every non-empty line is one paragraph (for sentence-a-line files).
    #[arg(long)]
    pub one_per_line: bool,
    /// Output format: toml (an alignment file), jsonl or tsv [default: from -o's extension,
    /// else jsonl].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Keep the verified groups of this alignment file and re-align only between them.
    #[arg(long, value_name = "FILE")]
    pub keep_verified: Option<PathBuf>,
    /// Term pairs to use as anchors (default: alignments/glossary.toml when present).
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// A word list for the two languages (`left-language term<TAB>right-language words` a
    /// line), read as diglot's own dictionaries are: each entry trusted as far as the texts
    /// show it (unlike --glossary, whose pairs are taken as sure).
    #[arg(long, value_name = "FILE")]
    pub dictionary: Option<PathBuf>,
    /// Leave out cognates (words alike in both languages, such as `revolution` and
    /// `revolución`), to see what they bring.
    #[arg(long)]
    pub no_cognates: bool,
    /// Leave out the dictionary diglot carries for the two languages (Chinese-English,
    /// German-French, ...), to see what it brings; a --dictionary of your own still counts.
    #[arg(long)]
    pub no_dictionary: bool,
    /// Record the texts as this work of the catalogue (sources become the file names), so the
    /// file can be stored in alignments/.
    #[arg(long, value_name = "ID")]
    pub work: Option<String>,
    /// Align even when the cache holds an alignment of these texts, and store none.
    #[arg(long)]
    pub no_cache: bool,
    /// Read both texts in this encoding (a WHATWG label: gbk, big5, shift_jis, windows-1251,
    /// ...) [default: each file's BOM's, UTF-8 if valid, else detected].
    #[arg(long, value_name = "LABEL", value_parser = crate::source::parse_encoding)]
    pub encoding: Option<&'static Encoding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The alignment file.
    Toml,
    /// One JSON object a group.
    Jsonl,
    /// Left and right text, one group a line.
    Tsv,
}

fn format_of(args: &Args) -> Format {
    if let Some(f) = args.format {
        return f;
    }
    let ext =
        args.output.as_ref().and_then(|o| o.extension()).map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("toml") => Format::Toml,
        Some("tsv") => Format::Tsv,
        _ => Format::Jsonl,
    }
}

/// One document of a file (the one in `lang` when given, the only one otherwise) and how it
/// was read, for the file to record.
fn read_side(path: &Path, lang: Option<Lang>, args: &Args, flag: &str) -> Result<(Document, Reading)> {
    let opts = ImportOptions { one_per_line: args.one_per_line, lang, encoding: args.encoding };
    crate::alignment::import_side(path, &opts, flag)
}

fn glossary(args: &Args) -> Result<Glossary> {
    match &args.glossary {
        Some(p) => Glossary::load(p),
        None => {
            let default = Path::new("alignments").join("glossary.toml");
            if default.is_file() { Glossary::load(&default) } else { Ok(Glossary::default()) }
        }
    }
}

/// How the alignment file names a source: the file name for a work, the path otherwise.
fn source_name(path: &Path, work: bool) -> String {
    if work {
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    } else {
        path.display().to_string()
    }
}

/// The verified groups' file, seen with `left` on the left.
fn previous(path: &Path, left: &Document, right: &Document) -> Result<AlignmentFile> {
    let file = AlignmentFile::load(path)?;
    let (l, r) = (file.alignment.left.lang, file.alignment.right.lang);
    if (l, r) == (left.lang, right.lang) || left.lang == right.lang {
        return Ok(file);
    }
    if (r, l) == (left.lang, right.lang) {
        return Ok(file.flipped());
    }
    Err(Error::BadAlignment {
        path: path.display().to_string(),
        message: format!("aligns {l}-{r}, not {}-{} (the texts given)", left.lang, right.lang),
    })
}

/// How long a run goes before it gets a progress bar: a quick one stays quiet.
const BAR_AFTER: Duration = Duration::from_millis(500);

/// Runs `work` with a progress bar on stderr, shown only when stderr is a terminal and only
/// once the work has taken [`BAR_AFTER`]; cleared when it ends. Never on a pipe or a file
/// (scripts and tests read stderr).
fn with_progress<T>(work: impl FnOnce(&(dyn Fn(f32) + Sync)) -> T) -> T {
    if !std::io::stderr().is_terminal() {
        return work(&|_| {});
    }
    let bar = ProgressBar::with_draw_target(Some(100), ProgressDrawTarget::hidden());
    if let Ok(style) = ProgressStyle::with_template("{spinner} aligning [{bar:30}] {pos:>3} %  {elapsed}") {
        bar.set_style(style.progress_chars("=> "));
    }
    let (done, finished) = mpsc::channel::<()>();
    std::thread::scope(|s| {
        let bar = &bar;
        let reveal = s.spawn(move || {
            if finished.recv_timeout(BAR_AFTER) == Err(RecvTimeoutError::Timeout) {
                bar.set_draw_target(ProgressDrawTarget::stderr());
                // Ticks keep the spinner and the time going between the aligner's reports.
                bar.enable_steady_tick(Duration::from_millis(100));
            }
        });
        let out = work(&|f: f32| bar.set_position((f.clamp(0.0, 1.0) * 100.0) as u64));
        drop(done);
        let _ = reveal.join();
        bar.finish_and_clear();
        out
    })
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<()> {
    let format = format_of(args);
    // The two files are read at once; the left one's error, if both fail.
    let (left, right) = rayon::join(
        || read_side(&args.left, args.left_lang, args, "--left-lang"),
        || read_side(&args.right, args.right_lang, args, "--right-lang"),
    );
    let ((left, left_reading), (right, right_reading)) = (left?, right?);
    let dictionary = match &args.dictionary {
        Some(p) => Some(std::sync::Arc::new(Dictionary::load(p, left.lang, right.lang)?)),
        None => None,
    };
    let opts = AlignOptions {
        glossary: glossary(args)?,
        dictionary,
        skip_cognates: args.no_cognates,
        skip_builtin_dictionary: args.no_dictionary,
    };

    let paired = match &args.keep_verified {
        None => {
            let cache = if args.no_cache { Cache::none() } else { Cache::user() };
            with_progress(|progress| pairing::fresh(&left, &right, &opts, &cache, progress))
        }
        Some(path) => {
            let prev = previous(path, &left, &right)?;
            pairing::keeping_verified(&prev, crate::source::display(path), &left, &right, &opts)
        }
    };
    for w in &paired.warnings {
        eprintln!("diglot: warning: {}", crate::source::escape_controls(w));
    }
    if let How::Realigned { from, verified, report, .. } = &paired.how {
        if *verified > 0 && report.kept == 0 {
            return Err(Error::StaleAlignment {
                path: from.clone(),
                message: format!(
                    "none of its {verified} verified groups is found in the texts now (is it an alignment of these texts?)"
                ),
            });
        }
        for d in &report.dropped {
            let d = crate::source::escape_controls(d);
            eprintln!("diglot: warning: '{from}': verified group {d}; dropped");
        }
    }
    let groups = paired.groups;

    let work = args.work.is_some();
    let al = Alignment {
        work: args.work.clone(),
        left: SourceText::read_as(&left, source_name(&args.left, work), left_reading),
        right: SourceText::read_as(&right, source_name(&args.right, work), right_reading),
        groups,
    };
    al.validate()?;
    let mut buf = Vec::new();
    match format {
        Format::Toml => buf.extend_from_slice(al.to_toml_string(Some(&left), Some(&right)).as_bytes()),
        Format::Jsonl => export::write_jsonl(&al, &left, &right, &mut buf)?,
        Format::Tsv => export::write_tsv(&al, &left, &right, &mut buf)?,
    }
    match &args.output {
        Some(path) => crate::store::write_atomic(path, &buf),
        None => out.write_all(&buf).map_err(|e| Error::io("<stdout>", e)),
    }
}
