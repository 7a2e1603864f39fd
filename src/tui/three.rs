//! Opening three panes (`--panes en,ru,ko`, `p`, `l`/`L` with three panes): the first
//! language is the shared text; its pairs with the second and with the third are each loaded
//! the way the two-pane reader loads a pair ([`open::open_work`], [`open::open_files`]:
//! stored alignment, built-in verified one, cached, else aligned), and the second pair's
//! alignment becomes the third pane's.
//!
//! The first pair may still be aligning when the reader opens (it shows two panes until it is
//! done, as any pair does). The third pane's pair, when nothing is stored or cached, is
//! aligned before the reader opens, and cached for next time.

use std::path::Path;

use crate::document::Lang;
use crate::error::{Error, Result};
use crate::pairing;
use crate::works::Library;

use super::app::{Reader, ThirdPane};
use super::layout::Side;
use super::open::{self, FilesOptions};

/// What three panes are opened on.
#[derive(Debug, Clone, Copy)]
pub enum Texts<'a> {
    /// A work of the library.
    Work(&'a str),
    /// A multi-language file, read a paragraph a line when `one_per_line` says so (`None`:
    /// as its stored alignments record), in `encoding` when given.
    File { path: &'a Path, one_per_line: Option<bool>, encoding: Option<&'static encoding_rs::Encoding> },
}

/// A reader on the languages `langs` of `texts`: two of them (the usual pair) or three (the
/// first shared by the other two).
pub fn open(lib: &Library, texts: Texts<'_>, langs: &[Lang]) -> Result<Reader> {
    open_shared(lib, texts, langs, Side::Left)
}

/// [`open`], the shared text in pane `shared` (the right one after `s`): the pairs are the
/// shared text's with each of the others whichever pane it is in.
pub fn open_shared(lib: &Library, texts: Texts<'_>, langs: &[Lang], shared: Side) -> Result<Reader> {
    if let ([a, b, c], Side::Right) = (langs, shared) {
        let mut r = open_shared(lib, texts, &[*b, *a, *c], Side::Left)?;
        r.swap();
        return Ok(r);
    }
    for (i, l) in langs.iter().enumerate() {
        if langs[..i].contains(l) {
            return Err(Error::Usage(format!("--panes: '{l}' is given twice")));
        }
    }
    match *langs {
        [a, b] => pair(lib, texts, a, b),
        [a, b, c] => {
            let mut reader = pair(lib, texts, a, b)?;
            let mut other = pair(lib, texts, a, c)?;
            if other.left.content_hash() != reader.left.content_hash() {
                // Each pair's stored file may say how to read the shared text; here they differ.
                return Err(Error::Usage(format!(
                    "the {a} text reads differently beside {b} and beside {c}: three panes need it the same"
                )));
            }
            let origin = align_pending(&mut other);
            let groups = other.groups().to_vec();
            let Some(doc) = other.right.take() else {
                return Err(Error::Usage(format!("'{c}': no such text to show in a third pane")));
            };
            reader.attach_third(ThirdPane::new(doc, groups, Side::Left, origin));
            Ok(reader)
        }
        _ => Err(Error::Usage(format!(
            "--panes takes two or three languages (such as en,ru,ko), not {}",
            langs.len()
        ))),
    }
}

fn pair(lib: &Library, texts: Texts<'_>, a: Lang, b: Lang) -> Result<Reader> {
    match texts {
        Texts::Work(id) => open::open_work(lib, id, Some(a), Some(b)),
        Texts::File { path, one_per_line, encoding } => {
            let files = FilesOptions { left: Some(a), right: Some(b), one_per_line, encoding };
            let r = open::open_files(lib, path, None, &files)?;
            if r.is_single() {
                return Err(Error::Usage(format!(
                    "'{}' has one language: --panes needs a work or a multi-language file",
                    path.display()
                )));
            }
            Ok(r)
        }
    }
}

/// Aligns a pair that the loader left to a background thread, here and now (and caches it);
/// returns where its alignment came from.
fn align_pending(r: &mut Reader) -> String {
    let (Some(p), Some(right)) = (r.pending(), r.right.as_ref()) else { return r.alignment_origin.clone() };
    let paired = pairing::fresh(&r.left, right, &p.options, &p.cache, &|_| {});
    let origin = paired.origin();
    r.finish_alignment(paired.groups, origin.clone());
    origin
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn three_panes_of_a_work_use_each_pairs_stored_alignment() {
        let lib = Library::load_from(None).unwrap();
        let r = open(&lib, Texts::Work("rcit"), &[Lang::EN, Lang::RU, Lang::KO]).unwrap();
        assert_eq!(r.pane_langs(), vec![Lang::EN, Lang::RU, Lang::KO]);
        assert!(r.alignment_origin.contains("built-in"), "{}", r.alignment_origin);
        let t = r.third().unwrap();
        assert!(t.origin.contains("built-in"), "{}", t.origin);
        assert_eq!(t.shared(), Side::Left);
        // Two languages are the usual pair.
        let r = open(&lib, Texts::Work("rcit"), &[Lang::KO, Lang::EN]).unwrap();
        assert_eq!((r.pane_langs(), r.third().is_none()), (vec![Lang::KO, Lang::EN], true));
    }

    #[test]
    fn the_shared_text_can_be_the_right_pane() {
        let lib = Library::load_from(None).unwrap();
        let r = open_shared(&lib, Texts::Work("rcit"), &[Lang::RU, Lang::EN, Lang::KO], Side::Right).unwrap();
        assert_eq!(r.pane_langs(), vec![Lang::RU, Lang::EN, Lang::KO]);
        let t = r.third().unwrap();
        assert_eq!(t.shared(), Side::Right);
        // Both pairs are the stored en–ru and en–ko, not a ru–ko aligned now.
        assert!(t.origin.contains("built-in"), "{}", t.origin);
        assert!(r.alignment_origin.contains("built-in"), "{}", r.alignment_origin);
    }

    #[test]
    fn bad_pane_lists_are_one_error() {
        let lib = Library::load_from(None).unwrap();
        let err = |langs: &[Lang]| open(&lib, Texts::Work("rcit"), langs).err().unwrap().to_string();
        assert!(err(&[Lang::EN, Lang::EN, Lang::KO]).contains("'en' is given twice"));
        assert!(err(&[Lang::EN]).contains("two or three languages"));
        assert!(err(&[Lang::EN, Lang::RU, Lang::ZH]).contains("'zh'"));
        let one = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/rcit.en.txt");
        let files = Texts::File { path: Path::new(one), one_per_line: None, encoding: None };
        let e = open(&lib, files, &[Lang::EN, Lang::RU, Lang::KO]).err().unwrap().to_string();
        assert!(e.contains("'ru'") || e.contains("one language"), "{e}");
    }

    #[test]
    fn a_pair_with_nothing_stored_is_aligned_for_the_third_pane() {
        let dir = tempfile::tempdir().unwrap();
        let cache = crate::cache::Cache::at(dir.path().join("cache"));
        let lib = Library::load_from(Some(dir.path())).unwrap().with_cache(cache);
        // ru-ko has no stored alignment: the first pair (ru-es) waits for its thread, the
        // third pane's is aligned here.
        let r = open(&lib, Texts::Work("rcit"), &[Lang::RU, Lang::ES, Lang::KO]).unwrap();
        assert!(r.pending().is_some());
        let t = r.third().unwrap();
        assert!(t.origin.starts_with("aligned now"), "{}", t.origin);
        // The next time it comes from the cache.
        let r = open(&lib, Texts::Work("rcit"), &[Lang::RU, Lang::ES, Lang::KO]).unwrap();
        assert!(
            r.third().unwrap().origin.starts_with("aligned earlier (cached)"),
            "{}",
            r.third().unwrap().origin
        );
    }
}
