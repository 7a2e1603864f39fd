//! Writes the reviewed alignments of the built-in works into `alignments/`.
//!
//! The groups come from the hand alignments in `tests/data/reference/` (made by reading every
//! paragraph of both sides), so every group is stored as verified. Where the aligner found
//! the same group, its confidence is kept, so the file still says how sure the machine was;
//! a group the aligner got wrong is stored with confidence 1, as review mode stores a group a
//! person made. Run it again after the importer changes the paragraphs of a seed (and check
//! the reference files first): `cargo run --release --example store_reviewed`.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

use diglot::align::{AlignOptions, align};
use diglot::alignment::{Alignment, Group, SourceText, Status};
use diglot::works::Library;
use diglot::{Lang, eval};

/// The reviewed pairs: one hand alignment `{work}.{left}-{right}.align` each.
fn reference_pairs(dir: &Path) -> diglot::Result<Vec<(String, String, String)>> {
    let entries = std::fs::read_dir(dir).map_err(|e| diglot::Error::io(dir, e))?;
    let mut pairs: Vec<(String, String, String)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (work, langs) = name.strip_suffix(".align")?.split_once('.')?;
            let (l, r) = langs.split_once('-')?;
            Some((work.to_string(), l.to_string(), r.to_string()))
        })
        .collect();
    pairs.sort();
    Ok(pairs)
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("store_reviewed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> diglot::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The built-in seeds only: a stray ./seeds must not end up in the stored files.
    let lib = Library::load_from(None)?;
    let reference = root.join("tests/data/reference");
    for (work, l, r) in reference_pairs(&reference)? {
        let work = work.as_str();
        let (l, r): (Lang, Lang) = (l.parse()?, r.parse()?);
        let left = lib.document(work, l)?;
        let right = lib.document(work, r)?;
        let ladder = reference.join(format!("{work}.{l}-{r}.align"));
        let reference = eval::read_beads(&ladder)?;
        let found: HashMap<(Vec<usize>, Vec<usize>), f32> = align(&left, &right, &AlignOptions::default())
            .into_iter()
            .map(|g| ((g.left, g.right), g.confidence))
            .collect();
        let mut agreed = 0;
        let groups: Vec<Group> = reference
            .into_iter()
            .map(|bead| {
                let confidence = found.get(&bead).copied();
                agreed += usize::from(confidence.is_some());
                let mut g = Group::new(bead.0, bead.1, confidence.unwrap_or(1.0));
                g.status = Status::Verified;
                g
            })
            .collect();
        let file = |lang: Lang| lib.work(work).ok().and_then(|w| w.text(lang)).map(|t| t.file.clone());
        let reading = lib.reading(work)?;
        let al = Alignment {
            work: Some(work.to_string()),
            left: SourceText::read_as(&left, file(l).unwrap_or_default(), reading),
            right: SourceText::read_as(&right, file(r).unwrap_or_default(), reading),
            groups,
        };
        let out = root.join("alignments").join(Library::alignment_file_name(work, l, r));
        diglot::store::save_atomic(&al, &out, Some(&left), Some(&right))?;
        println!("{}: {} groups, the aligner found {agreed} of them", out.display(), al.groups.len());
    }
    Ok(())
}
