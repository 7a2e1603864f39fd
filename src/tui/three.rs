//! Opening three panes (`--panes en,ru,ko`, `p`, `l`/`L` with three panes): the first
//! language is the shared text; its pairs with the second and with the third are each loaded
//! the way the two-pane reader loads a pair ([`open::open_work`], [`open::open_files`]:
//! stored alignment, built-in verified one, cached, else aligned), and the second pair's
//! alignment becomes the third pane's.
//!
//! Either pair may still be aligning when the reader opens: both are aligned in the
//! background (and cached for next time), two panes showing until both are done.

use std::path::Path;

use crate::document::Lang;
use crate::error::{Error, Result};
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
            // A pair with nothing stored or cached is aligned in the background, as the first
            // one is: the reader opens at once, and the third pane shows when it is done.
            let pending = other.take_pending();
            let origin = other.alignment_origin.clone();
            let groups = other.groups().to_vec();
            let Some(doc) = other.right.take() else {
                return Err(Error::Usage(format!("'{c}': no such text to show in a third pane")));
            };
            let third = ThirdPane::new(doc, groups, Side::Left, origin);
            reader.attach_third(match pending {
                Some(p) => third.aligning(p),
                None => third,
            });
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
    fn a_pair_with_nothing_stored_is_aligned_in_the_background_for_the_third_pane() {
        let dir = tempfile::tempdir().unwrap();
        let cache = crate::cache::Cache::at(dir.path().join("cache"));
        let lib = Library::load_from(Some(dir.path())).unwrap().with_cache(cache);
        // ru-ko has no stored alignment: like the first pair (ru-es), it waits for a thread,
        // and the reader opens at once on two panes.
        let mut r = open(&lib, Texts::Work("rcit"), &[Lang::RU, Lang::ES, Lang::KO]).unwrap();
        assert!(r.pending().is_some());
        let t = r.third().unwrap();
        assert!(t.pending().is_some() && t.origin.starts_with("provisional"), "{}", t.origin);
        r.resize(200, 30);
        assert!(!r.three_panes());
        r.align_now();
        // Both done, three panes show.
        let t = r.third().unwrap();
        assert!(t.pending().is_none() && t.origin.starts_with("aligned now"), "{}", t.origin);
        assert!(r.three_panes(), "{:?}", r.three_panes_blocked());
    }

    #[test]
    fn the_loop_routes_each_job_to_its_pair() {
        let dir = tempfile::tempdir().unwrap();
        let cache = crate::cache::Cache::at(dir.path().join("cache"));
        let lib = Library::load_from(Some(dir.path())).unwrap().with_cache(cache);
        let r = open(&lib, Texts::Work("rcit"), &[Lang::RU, Lang::ES, Lang::KO]).unwrap();
        let (first, third) = (r.pending().unwrap().job, r.third().unwrap().pending().unwrap().job);
        assert_ne!(first, third);
        let (ru, ko) = (r.left.clone(), r.third().unwrap().doc.clone());
        let es = r.right.clone().unwrap();
        let mut app = crate::tui::App::with_reader(r);
        app.update(crate::tui::Action::Resize(200, 30));
        let status = |app: &crate::tui::App| {
            let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 30)).unwrap();
            t.draw(|f| crate::tui::view::draw(app, f)).unwrap();
            let buf = t.backend().buffer().clone();
            (0..200).map(|x| buf[(x, 29)].symbol().to_string()).collect::<String>()
        };
        use crate::tui::aligning::Event;
        // The third pane's progress goes to it, not to the first pair.
        assert!(app.alignment_event(Event::Progress { job: third, fraction: 0.5 }));
        let r = app.reader.as_ref().unwrap();
        assert_eq!(r.pending().unwrap().progress, 0.0);
        assert!(r.three_panes_blocked().unwrap().contains("ru│es is aligned"), "the first pair first");
        let groups = crate::align::align(&ru, &es, &Default::default());
        assert!(app.alignment_event(Event::Done { job: first, groups, warnings: vec![] }));
        let r = app.reader.as_ref().unwrap();
        assert!(!r.three_panes(), "the third pair is still aligning");
        assert!(r.three_panes_blocked().unwrap().contains("ru│ko is aligned (50 %)"));
        assert!(status(&app).contains("aligning ko 50 %"), "{}", status(&app));
        let groups = crate::align::align(&ru, &ko, &Default::default());
        assert!(app.alignment_event(Event::Done { job: third, groups, warnings: vec![] }));
        assert!(app.reader.as_ref().unwrap().three_panes(), "{:?}", app.message);
        assert_eq!(app.message.as_deref(), Some("ko aligned; three panes: ru│es│ko"));
        assert!(!status(&app).contains("aligning"), "{}", status(&app));
        // A job of a reader closed since is ignored.
        assert!(!app.alignment_event(Event::Done { job: third, groups: vec![], warnings: vec![] }));
    }
}
