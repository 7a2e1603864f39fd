//! `diglot read`: the reader, on a work of the library, on one or two files, or (with nothing)
//! on the library itself.

use std::io::Write;
use std::path::Path;

use crate::document::Lang;
use crate::error::{Error, Result};
use crate::tui::open::FilesOptions;
use crate::tui::{self, Start, open, three};
use crate::works::Library;

#[derive(Debug, Clone, Default, clap::Args)]
pub struct Args {
    /// A work (see `diglot works`), or one or two text files (`-`: standard input). Nothing:
    /// the list of works.
    #[arg(value_name = "WORK|FILE", num_args = 0..=2)]
    pub targets: Vec<String>,
    /// The language of the left pane (default: English, when the work has it); picks it from
    /// a multi-language file.
    #[arg(long, visible_alias = "left-lang", value_name = "LANG")]
    pub left: Option<Lang>,
    /// The language of the right pane (default: the work's other language).
    #[arg(long, visible_alias = "right-lang", value_name = "LANG")]
    pub right: Option<Lang>,
    /// The languages of the panes, left to right: two, or three (`en,ru,ko`: the first is
    /// the text the other two are aligned with). For a work or a multi-language file.
    #[arg(long, value_name = "LANGS", value_delimiter = ',', conflicts_with_all = ["left", "right"])]
    pub panes: Vec<Lang>,
    /// Files: every non-empty line is one paragraph (for sentence-a-line files), as with
    /// `align --one-per-line` [default: as the pair's stored alignment records, else not].
    #[arg(long)]
    pub one_per_line: bool,
    /// Files: read them in this encoding (a WHATWG label: gbk, big5, shift_jis, windows-1251,
    /// ...) [default: each file's BOM's, UTF-8 if valid, else detected].
    #[arg(long, value_name = "LABEL", value_parser = crate::source::parse_encoding)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// What the arguments ask to open, loaded (no terminal needed).
pub fn start(lib: &Library, args: &Args) -> Result<Start> {
    let files = FilesOptions {
        left: args.left,
        right: args.right,
        one_per_line: args.one_per_line.then_some(true),
        encoding: args.encoding,
    };
    if !args.panes.is_empty() {
        return panes(lib, args).map(|r| Start::Reader(Box::new(r)));
    }
    let reader = match args.targets.as_slice() {
        [] => return Ok(Start::Library),
        [one] if lib.work(one).is_ok() && (args.one_per_line || args.encoding.is_some()) => {
            let flag = if args.one_per_line { "--one-per-line" } else { "--encoding" };
            return Err(Error::Usage(format!("'{one}' is a work: {flag} is for files")));
        }
        [one] if lib.work(one).is_ok() => open::open_work(lib, one, args.left, args.right)?,
        [one] if is_alignment_file(one) => {
            if args.left.is_some() || args.right.is_some() || args.one_per_line || args.encoding.is_some() {
                return Err(Error::Usage(format!(
                    "'{one}' is an alignment file: it records its languages and how its texts are read"
                )));
            }
            open::open_alignment(lib, Path::new(one))?
        }
        [one] if Path::new(one).exists() || one == "-" => {
            open::open_files(lib, Path::new(one), None, &files)?
        }
        [one] if looks_like_path(one) => return Err(Error::NotFound { path: one.into() }),
        [one] => return Err(Error::UnknownWork(one.clone())),
        [a, b] => open::open_files(lib, Path::new(a), Some(Path::new(b)), &files)?,
        _ => return Err(Error::Usage("read takes a work, or one or two files".into())),
    };
    Ok(Start::Reader(Box::new(reader)))
}

/// `--panes`: a work, or one multi-language file, in the panes' languages.
fn panes(lib: &Library, args: &Args) -> Result<crate::tui::app::Reader> {
    let one_per_line = args.one_per_line.then_some(true);
    let texts = match args.targets.as_slice() {
        [one] if lib.work(one).is_ok() && args.one_per_line => {
            return Err(Error::Usage(format!("'{one}' is a work: --one-per-line is for files")));
        }
        [one] if lib.work(one).is_ok() => three::Texts::Work(one),
        [one] if is_alignment_file(one) => {
            return Err(Error::Usage(format!("'{one}' is an alignment file: it records its two languages")));
        }
        [one] if Path::new(one).exists() => {
            three::Texts::File { path: Path::new(one), one_per_line, encoding: args.encoding }
        }
        [one] if one == "-" => {
            return Err(Error::Usage(
                "--panes reads a file more than once: standard input is read once".into(),
            ));
        }
        [one] if looks_like_path(one) => return Err(Error::NotFound { path: one.into() }),
        [one] => return Err(Error::UnknownWork(one.clone())),
        _ => return Err(Error::Usage("--panes takes a work, or one multi-language file".into())),
    };
    three::open(lib, texts, &args.panes)
}

/// Whether a file given alone is an alignment file (`diglot align -o x.toml`, or one of
/// `alignments/`), to be read as the pair it aligns rather than as prose.
fn is_alignment_file(name: &str) -> bool {
    let path = Path::new(name);
    path.is_file() && path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// Whether a name that is no work and no file was meant as a file: it has a directory part or
/// an extension (works are named like `uprising`, `rcit`).
fn looks_like_path(name: &str) -> bool {
    name.contains('/') || name.contains(std::path::MAIN_SEPARATOR) || name.contains('.')
}

pub fn run(args: &Args, _out: &mut dyn Write) -> Result<()> {
    let lib = Library::load()?;
    let start = start(&lib, args)?;
    tui::run(&lib, start)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn args(targets: &[&str]) -> Args {
        Args { targets: targets.iter().map(|s| s.to_string()).collect(), ..Args::default() }
    }

    #[test]
    fn arguments_pick_what_to_open() {
        let lib = Library::load_from(None).unwrap();
        assert!(matches!(start(&lib, &args(&[])), Ok(Start::Library)));
        let Ok(Start::Reader(r)) = start(&lib, &args(&["uprising"])) else { panic!("uprising did not open") };
        assert_eq!(r.langs(), (Lang::EN, Some(Lang::ZH)));
        let err = start(&lib, &args(&["no-such-work"])).err().unwrap().to_string();
        assert!(err.contains("'no-such-work'"), "{err}");
        for path in ["missing.txt", "some/dir", "./x", "notes.en"] {
            let err = start(&lib, &args(&[path])).err().unwrap().to_string();
            assert_eq!(err, format!("'{path}': no such file"));
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
        let (en, ko) = (format!("{dir}rcit.en.txt"), format!("{dir}rcit.ko.txt"));
        let Ok(Start::Reader(r)) = start(&lib, &args(&[&en, &ko])) else { panic!("two files did not open") };
        assert!(!r.is_single());
        let Ok(Start::Reader(r)) = start(&lib, &args(&[&en])) else { panic!("one file did not open") };
        assert!(r.is_single() || r.right.is_some());
        let err = start(&lib, &args(&[&en, "missing.txt"])).err().unwrap().to_string();
        assert!(err.contains("missing.txt"), "{err}");
    }

    #[test]
    fn panes_open_three_languages_of_a_work_or_a_bundle() {
        let lib = Library::load_from(None).unwrap();
        let panes = |targets: &[&str], langs: &[Lang]| Args { panes: langs.to_vec(), ..args(targets) };
        let three = [Lang::EN, Lang::RU, Lang::KO];
        let Ok(Start::Reader(r)) = start(&lib, &panes(&["rcit"], &three)) else {
            panic!("rcit did not open")
        };
        assert_eq!(r.pane_langs(), three.to_vec());
        let bundle =
            concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/rcit-kazakhstan-statement.en-es-ru-pt-ko.txt");
        let Ok(Start::Reader(r)) = start(&lib, &panes(&[bundle], &three)) else {
            panic!("the bundle did not open")
        };
        assert_eq!(r.pane_langs(), three.to_vec());
        for (targets, want) in [
            (vec!["rcit", "uprising"], "a work, or one multi-language file"),
            (vec!["nope"], "'nope'"),
            (vec!["missing.txt"], "no such file"),
            (vec!["-"], "standard input"),
            (vec!["alignments/rcit.en-ko.toml"], "alignment file"),
        ] {
            let err = start(&lib, &panes(&targets, &three)).err().unwrap().to_string();
            assert!(err.contains(want), "{targets:?}: {err}");
        }
    }

    #[test]
    fn one_per_line_reads_files_a_sentence_a_line() {
        let lib = Library::load_from(None).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.en.txt"), dir.path().join("b.zh.txt"));
        // A hard-wrapped paragraph, twice: two paragraphs without the flag, twelve with it.
        let para = "The strike began in the oil town of Zhanaozen in\nthe first days of January, when the price of\n\
                    liquefied gas doubled overnight and the workers\nwalked out of the fields and into the squares of\n\
                    every city in the country, where they stayed for\ndays.\n";
        std::fs::write(&a, format!("{para}\n{para}")).unwrap();
        std::fs::write(&b, "罢工始于石油小镇扎纳奥津。\n几天内蔓延到阿拉木图。\n").unwrap();
        let files = |opl| Args { one_per_line: opl, ..args(&[a.to_str().unwrap(), b.to_str().unwrap()]) };
        let Ok(Start::Reader(r)) = start(&lib, &files(true)) else { panic!("did not open") };
        assert_eq!((r.left.len(), r.right.as_ref().map(|d| d.len())), (12, Some(2)));
        assert!(r.pending().is_some(), "no cache here: aligned in the background");
        let Ok(Start::Reader(r)) = start(&lib, &files(false)) else { panic!("did not open") };
        assert_eq!(r.left.len(), 2);
        let work = Args { one_per_line: true, ..args(&["uprising"]) };
        let err = start(&lib, &work).err().unwrap().to_string();
        assert!(err.contains("--one-per-line is for files"), "{err}");
    }
}
