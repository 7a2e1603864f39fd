//! Opening a work of the library, two files, or an alignment file in a reader.
//!
//! This module finds a pair's texts, its stored alignment file and where review mode saves;
//! which groups the pair gets from them is the [`crate::pairing`] service's decision, as it is
//! for `align` and `export`. When the pair must be aligned, the reader opens on a provisional
//! pairing while the pair is aligned in the background.

use std::path::{Path, PathBuf};

use crate::align::AlignOptions;
use crate::alignment::{self, AlignmentFile, Reading};
use crate::cache::Cache;
use crate::document::{Document, Lang};
use crate::error::{Error, Result};
use crate::import::ImportOptions;
use crate::pairing;
use crate::store::Found;
use crate::works::{Library, Origin, Work};

use super::aligning::Pending;
use super::app::{Reader, SaveTarget, Source, files_save_path};
use super::library::default_langs;

fn check_lang(work: &Work, lang: Lang) -> Result<()> {
    if work.text(lang).is_some() {
        return Ok(());
    }
    let found = work.langs().iter().map(Lang::to_string).collect::<Vec<_>>().join(", ");
    Err(Error::LangMissing { path: work.id.clone(), lang: lang.to_string(), found })
}

/// A reader on two texts, with the alignment the [`pairing`] service gives them; when the
/// pair must be aligned, on a provisional pairing while a thread aligns it (the reader opens
/// at once, whatever the length: see [`super::aligning`]).
fn pair_reader(
    source: Source,
    left: Document,
    right: Document,
    stored: Option<(AlignmentFile, Origin)>,
    cache: &Cache,
) -> Reader {
    let opts = AlignOptions::default();
    let paired = match stored {
        // What a save does with a stale file is said once the save target is known.
        Some((file, origin)) => pairing::from_stored(&file, &origin, &left, &right),
        None => match pairing::at_hand(&left, &right, &opts, cache) {
            Some(p) => p,
            None => return Reader::aligning(source, left, right, Pending::new(opts, cache.clone())),
        },
    };
    let (origin, stale) = (paired.origin(), paired.stale());
    let mut reader = Reader::new(source, left, Some(right), paired.groups, origin);
    reader.stale = stale;
    reader
}

/// Where review mode saves a work's pair: in the user's alignments directory (see
/// [`Library::alignments_dir`]), over the file it was read from when it is there, else a new
/// file with the orientation of the one read (or of the reader, when there is none).
fn work_target(lib: &Library, id: &str, l: Lang, r: Lang, origin: Option<&Origin>) -> SaveTarget {
    let name = match origin {
        Some(Origin::File(p)) => p.file_name().map(|n| n.to_string_lossy().into_owned()),
        Some(Origin::BuiltIn(n)) => Some(n.clone()),
        None => None,
    };
    let file_left = if name.as_deref() == Some(&Library::alignment_file_name(id, r, l)) { r } else { l };
    let file_right = if file_left == l { r } else { l };
    let path = match origin {
        Some(Origin::File(p)) if p.parent() == Some(lib.alignments_dir().as_path()) => p.clone(),
        _ => lib.alignment_save_path(id, file_left, file_right),
    };
    SaveTarget { path, left: file_left, ..SaveTarget::default() }
}

/// Opens a work of the library in the languages asked for (defaults: [`default_langs`]).
pub fn open_work(lib: &Library, id: &str, left: Option<Lang>, right: Option<Lang>) -> Result<Reader> {
    let work = lib.work(id)?;
    let source = Source::Work { id: work.id.clone(), title: work.title.clone(), langs: work.langs() };
    let Some((dl, dr)) = default_langs(work) else {
        let lang = left.or(right).or_else(|| work.langs().first().copied()).unwrap_or(Lang::UND);
        if !work.mixed {
            check_lang(work, lang)?;
        }
        return Ok(Reader::single(source, lib.document(id, lang)?));
    };
    let (l, r) = match (left, right) {
        (Some(l), Some(r)) => (l, r),
        (Some(l), None) => (l, if l == dl { dr } else { dl }),
        (None, Some(r)) => (if r == dl { dr } else { dl }, r),
        (None, None) => (dl, dr),
    };
    check_lang(work, l)?;
    check_lang(work, r)?;
    if l == r {
        return Err(Error::Usage(format!("'{id}': the left and right languages are both '{l}'")));
    }
    let left_doc = lib.document(id, l)?;
    let right_doc = lib.document(id, r)?;
    let crate::works::Lookup { file: stored, stamp, broken } = lib.stored_alignment(id, l, r)?;
    let user = stored.as_ref().map(|(_, o)| o).filter(|o| matches!(o, Origin::File(_)));
    // With no file of the user's to save over, a save goes over the broken one (kept aside).
    let broken_origin = broken.as_ref().map(|(p, _)| Origin::File(p.clone()));
    let target =
        work_target(lib, id, l, r, user.or(broken_origin.as_ref()).or(stored.as_ref().map(|(_, o)| o)));
    let read_from = user.and_then(|o| if let Origin::File(p) = o { Some(p.clone()) } else { None });
    let mut target = target;
    if read_from.as_ref() == Some(&target.path) {
        target.seen = stamp;
    }
    let mut reader = pair_reader(source, left_doc, right_doc, stored, lib.cache());
    let reading = lib.reading(id)?;
    reader.readings = (Some(reading), Some(reading));
    reader.notice = broken.map(|(p, e)| broken_notice(&p, &e, &target.path));
    reader.save_target = target;
    say_stale_is_kept(&mut reader, read_from.as_deref());
    Ok(reader)
}

/// How to read files given on the command line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FilesOptions {
    /// The language of the left pane (picks it from a multi-language file).
    pub left: Option<Lang>,
    /// The language of the right pane.
    pub right: Option<Lang>,
    /// Every non-empty line is one paragraph (sentence-a-line files), as `align
    /// --one-per-line`. `None`: as the stored alignment of the pair records, else not.
    pub one_per_line: Option<bool>,
    /// The encoding both files are read in (`--encoding`). `None`: each file's BOM's, UTF-8
    /// when valid, else detected.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// The texts of the files, each with how it was read: two files, or the two languages of one
/// multi-language file (`Err` with the one document of a file that has one language); and
/// the languages of that one file (empty for two files).
type Texts = ((Document, Reading), (Document, Reading), Vec<Lang>);

/// Reads the files given to `read`, the languages picked by `--left` and `--right`.
fn read_files(
    a: &Path,
    b: Option<&Path>,
    (left, right): (Option<Lang>, Option<Lang>),
    files: &FilesOptions,
) -> Result<std::result::Result<Texts, Document>> {
    let one_per_line = files.one_per_line.unwrap_or(false);
    let opts = |lang| ImportOptions { one_per_line, lang, encoding: files.encoding };
    let (lo, ro) = (opts(left), opts(right));
    match b {
        Some(b) => {
            // A book takes a few tenths of a second to import: both at once halve the wait.
            let (la, lb) = std::thread::scope(|s| {
                let other = s.spawn(|| alignment::import_side(b, &ro, "--right"));
                let la = alignment::import_side(a, &lo, "--left");
                (la, other.join())
            });
            Ok(Ok((la?, lb.unwrap_or_else(|e| std::panic::resume_unwind(e))?, Vec::new())))
        }
        None => {
            let all = ImportOptions { lang: None, ..lo };
            let (mut docs, reading) = alignment::import_sides(a, &all)?;
            if docs.len() < 2 {
                return docs.pop().map(Err).ok_or_else(|| Error::Empty { path: a.to_path_buf() });
            }
            let name = crate::source::display(a);
            let pick = |want: Option<Lang>, docs: &mut Vec<Document>, fallback: usize| -> Result<Document> {
                let i = match want {
                    Some(l) => docs.iter().position(|d| d.lang == l).ok_or_else(|| Error::LangMissing {
                        path: name.clone(),
                        lang: l.to_string(),
                        found: docs.iter().map(|d| d.lang.to_string()).collect::<Vec<_>>().join(", "),
                    })?,
                    None => fallback.min(docs.len() - 1),
                };
                Ok(docs.remove(i))
            };
            let langs = docs.iter().map(|d| d.lang).collect();
            let en = docs.iter().position(|d| d.lang == Lang::EN).unwrap_or(0);
            let l = pick(left, &mut docs, en)?;
            let r = pick(right, &mut docs, 0)?;
            // Each side is one language picked from the file.
            let picked = Reading { pick_lang: true, ..reading };
            Ok(Ok(((l, picked), (r, picked), langs)))
        }
    }
}

/// Opens one file (one pane, or its first two languages for a multi-language file) or two
/// files aligned on the fly. A text that does not fit the pair's stored alignment as read is
/// read again as that file records ([`alignment::read_as_recorded`], as `check` and `export`
/// read it; `files.one_per_line`, when given, still decides that one setting), so they all
/// agree on whether it fits.
pub fn open_files(lib: &Library, a: &Path, b: Option<&Path>, files: &FilesOptions) -> Result<Reader> {
    let langs = (files.left, files.right);
    // `-` is standard input, shown as `<stdin>`.
    let name = |p: &Path| {
        if crate::source::is_stdin(p) { crate::source::display(p) } else { p.display().to_string() }
    };
    let ((mut ld, mut lr), (mut rd, mut rr), mut langs) = match read_files(a, b, langs, files)? {
        Ok(texts) => texts,
        Err(doc) => {
            return Ok(Reader::single(Source::Files { left: name(a), right: None, langs: vec![] }, doc));
        }
    };
    if crate::source::is_stdin(a) {
        // Standard input is read once: another pair of its languages cannot be read again.
        langs.clear();
    } else if b.is_none()
        && let Some(id) = same_work(lib, &ld, &rd)
    {
        // The file is a work's seed: read as that work, with its stored alignment and where
        // review mode saves it, and `l`/`L` cycling the work's languages.
        let mut reader = open_work(lib, &id, Some(ld.lang), Some(rd.lang))?;
        let same = format!("the text of the work '{id}': read as it");
        reader.notice = Some(match reader.notice.take() {
            Some(n) => format!("{same}; {n}"),
            None => same,
        });
        return Ok(reader);
    }
    let source = Source::Files { left: name(a), right: Some(name(b.unwrap_or(a))), langs };
    let langs = (ld.lang, rd.lang);
    let base = files_save_path(&lib.alignments_dir(), &name(a), ld.lang, rd.lang);
    let paths = (a, b.unwrap_or(a));
    let Lookup { stored, broken, free } =
        stored_for_files(&lib.user_alignment_dirs(), &base, langs, paths, (&ld, &rd));
    // The pair's own file, or the one of its number in the data directory; else a free one.
    let n = stored.as_ref().map_or(free, |(.., n)| *n);
    let path = nth_name(&base, ld.lang, rd.lang, n);
    let target = SaveTarget { path, left: ld.lang, ..SaveTarget::default() };
    let stored = stored.map(|(f, o, s, _)| (f, o, s));
    // A text that does not read as the stored file says it was read is read again the way it
    // says, as `check` reads it (standard input is read once: never again).
    if let Some((f, ..)) = &stored
        && !crate::source::is_stdin(a)
        && !b.is_some_and(crate::source::is_stdin)
    {
        let again =
            |side: &alignment::SourceText, path: &Path, doc: &Document| -> Option<(Document, Reading)> {
                if doc.content_hash() == side.hash {
                    return None;
                }
                let read = match (side.reading, files.one_per_line) {
                    // `--one-per-line` given decides that much; the rest is as recorded.
                    (Some(rec), Some(one_per_line)) => {
                        let opts = Reading { one_per_line, ..rec }.options(side.lang);
                        alignment::import_side(path, &opts, "--lang")
                    }
                    (None, Some(_)) => return None,
                    (_, None) => alignment::read_as_recorded(side, path),
                };
                read.ok().filter(|(d, _)| d.lang == doc.lang)
            };
        let (l, r) = (&f.alignment.left, &f.alignment.right);
        if let Some(read) = again(l, a, &ld) {
            (ld, lr) = read;
        }
        if let Some(read) = again(r, b.unwrap_or(a), &rd) {
            (rd, rr) = read;
        }
    }
    // A save records where the texts are (as read last), wherever the reader was started
    // from: the file is kept in the data directory, not beside them.
    for (doc, p) in [(&mut ld, a), (&mut rd, b.unwrap_or(a))] {
        if let Ok(abs) = std::fs::canonicalize(p) {
            doc.name = abs.display().to_string();
        }
    }
    let seen = stored.as_ref().map(|(_, o, s)| (o.clone(), s.clone()));
    let read_from = match &seen {
        Some((Origin::File(p), _)) => Some(p.clone()),
        _ => None,
    };
    let stored = stored.map(|(f, o, _)| (f, o));
    let other = rd.lang;
    let mut reader = pair_reader(source, ld, rd, stored, lib.cache());
    reader.readings = (Some(lr), Some(rr));
    reader.save_target = match &broken {
        // The broken file is the flipped one and there is no other: a save goes over it (kept
        // aside first), in its orientation, rather than beside it.
        Some((p, _)) if *p != target.path && p.parent() == target.path.parent() && !target.path.exists() => {
            SaveTarget { path: p.clone(), left: other, ..SaveTarget::default() }
        }
        _ => target,
    };
    if let Some((Origin::File(p), stamp)) = seen
        && p == reader.save_target.path
    {
        reader.save_target.seen = Some(stamp);
    }
    reader.notice = broken.map(|(p, e)| broken_notice(&p, &e, &reader.save_target.path));
    say_stale_is_kept(&mut reader, read_from.as_deref());
    Ok(reader)
}

/// The work of the library whose texts in the languages of `l` and `r` are these two texts
/// (by content hash, as a stored alignment is matched to its texts).
fn same_work(lib: &Library, l: &Document, r: &Document) -> Option<String> {
    let (lh, rh) = (l.content_hash(), r.content_hash());
    lib.works().iter().filter(|w| w.text(l.lang).is_some() && w.text(r.lang).is_some()).find_map(|w| {
        let same = |d: &Document, h: &str| lib.document(&w.id, d.lang).is_ok_and(|x| x.content_hash() == h);
        (same(l, &lh) && same(r, &rh)).then(|| w.id.clone())
    })
}

/// Opens an alignment file (`diglot read x.en-zh.toml`): its two texts, read exactly as the
/// file records (through the library for a work it names), with that alignment, and review
/// mode saving back to that same file. Texts changed since are re-aligned keeping the
/// verified groups, as for any stored alignment that is stale.
pub fn open_alignment(lib: &Library, path: &Path) -> Result<Reader> {
    let (file, stamp) = match crate::store::find(path) {
        Found::Loaded(file, stamp) => (*file, stamp),
        Found::Broken(e) => return Err(e),
        Found::Missing => return Err(Error::NotFound { path: path.to_path_buf() }),
    };
    let al = &file.alignment;
    let (source, (ld, lr), (rd, rr)) = match al.work.as_deref().and_then(|id| lib.work(id).ok()) {
        Some(work) => {
            let reading = lib.reading(&work.id)?;
            let source = Source::Work { id: work.id.clone(), title: work.title.clone(), langs: work.langs() };
            let (l, r) = (lib.document(&work.id, al.left.lang)?, lib.document(&work.id, al.right.lang)?);
            (source, (l, reading), (r, reading))
        }
        None => {
            let (lp, rp) = (
                alignment::source_path(&al.left, Some(path))?,
                alignment::source_path(&al.right, Some(path))?,
            );
            let (mut l, mut r) =
                (alignment::read_as_recorded(&al.left, &lp)?, alignment::read_as_recorded(&al.right, &rp)?);
            // A save writes each source as the file names it (relative to the file), not as
            // found from where the reader was started.
            (l.0.name, r.0.name) = (al.left.source.clone(), al.right.source.clone());
            let source = Source::Files {
                left: lp.display().to_string(),
                right: Some(rp.display().to_string()),
                langs: vec![],
            };
            (source, l, r)
        }
    };
    let left = al.left.lang;
    let mut reader = pair_reader(source, ld, rd, Some((file, Origin::File(path.to_path_buf()))), lib.cache());
    reader.readings = (Some(lr), Some(rr));
    reader.save_target = SaveTarget { path: path.to_path_buf(), left, seen: Some(stamp), refused: false };
    say_stale_is_kept(&mut reader, Some(path));
    Ok(reader)
}

/// Adds to the stale message that a save keeps the stale file as `.stale`, when the save
/// goes over it (a file read from `./alignments` is not written: saves go to the data dir).
fn say_stale_is_kept(reader: &mut Reader, read_from: Option<&Path>) {
    let target = reader.save_target.path.clone();
    if let Some(s) = &mut reader.stale
        && read_from == Some(target.as_path())
    {
        let shown = crate::store::shown(&target);
        s.push_str(&format!(": review mode keeps the old file as {shown}.stale when it saves"));
    }
}

/// What the reader says of a stored file it could not load (and that a save to `target`
/// keeps it, when it would write over it).
fn broken_notice(path: &Path, e: &Error, target: &Path) -> String {
    let shown = crate::store::shown(path);
    if path == target {
        format!("not used: {e} (a save keeps it as {shown}.broken)")
    } else {
        format!("not used: {e}")
    }
}

/// How many pairs of files with the same names (in different directories) keep their own
/// alignment file, as `stem.l-r.toml`, `stem-2.l-r.toml`, ...
const SAME_NAMES: usize = 100;

/// The `n`-th name (1-based) a pair saved as `path` (`<dir>/<stem>.<l>-<r>.toml`, see
/// [`files_save_path`]) may have: `<stem>-<n>.<l>-<r>.toml` from the second on.
fn nth_name(path: &Path, l: Lang, r: Lang, n: usize) -> PathBuf {
    let suffix = format!(".{l}-{r}.toml");
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match name.strip_suffix(&suffix) {
        Some(stem) if n > 1 => path.with_file_name(format!("{stem}-{n}{suffix}")),
        _ => path.to_path_buf(),
    }
}

/// Whether a stored file is the alignment of these two texts (`paths`, as read now into
/// `docs`): each side records the same content, or the same file (its source path, resolved
/// as `check` resolves it, is this one; a relative path found nowhere, the same file name).
/// Another pair of files with the same names, whose recorded paths exist, is not.
fn belongs(file: &AlignmentFile, at: &Path, paths: (&Path, &Path), docs: (&Document, &Document)) -> bool {
    let same = |side: &alignment::SourceText, now: &Path, doc: &Document| {
        if side.hash == doc.content_hash() {
            return true;
        }
        if crate::source::is_stdin(now) {
            return side.source == crate::source::STDIN_NAME;
        }
        match alignment::source_path(side, Some(at)).ok().and_then(|p| std::fs::canonicalize(p).ok()) {
            Some(recorded) => std::fs::canonicalize(now).is_ok_and(|now| now == recorded),
            // A relative path recorded from wherever `align` ran, found from nowhere now: the
            // file name is all there is to go by.
            None if Path::new(&side.source).is_relative() => {
                Path::new(&side.source).file_name() == now.file_name()
            }
            None => false,
        }
    };
    let al = &file.alignment;
    same(&al.left, paths.0, docs.0) && same(&al.right, paths.1, docs.1)
}

/// What [`stored_for_files`] found: the pair's file (seen with the pair's left on the left),
/// where, and its stamp; which of the same-named files it is (1-based, see [`nth_name`]).
type StoredFile = (AlignmentFile, Origin, crate::store::Stamp, usize);

/// What [`stored_for_files`] answers.
struct Lookup {
    /// The pair's own file, when there is one.
    stored: Option<StoredFile>,
    /// The first same-named file that cannot be loaded, with why.
    broken: Option<(PathBuf, Error)>,
    /// The first of the same-named files in the first directory (where saves go) that no
    /// other pair has taken: where a pair with no file of its own saves. A file that cannot
    /// be loaded is no one's known pair: a save goes over it (kept aside first).
    free: usize,
}

/// The `n`-th same-named file of a pair saved as `base`, in the pair's orientation and in
/// the other one (`true`: flipped).
fn nth_names(base: &Path, (l, r): (Lang, Lang), n: usize) -> [(PathBuf, bool); 2] {
    let name = base.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let flipped = base.with_file_name(name.replace(&format!(".{l}-{r}.toml"), &format!(".{r}-{l}.toml")));
    [(nth_name(base, l, r, n), false), (nth_name(&flipped, r, l, n), true)]
}

/// The alignment review mode saved for two files (see [`files_save_path`]): the file named as
/// `path` (or `stem-2`, ... when pairs of files with the same names elsewhere took the first
/// names), in either orientation, in the first of `dirs` that has one that [`belongs`] to
/// these texts; the first same-named file that cannot be loaded, with why (it is not used,
/// and the pair is aligned now); and where the pair saves when it has no file of its own.
/// Each file is read once.
fn stored_for_files(
    dirs: &[PathBuf],
    path: &Path,
    langs: (Lang, Lang),
    paths: (&Path, &Path),
    docs: (&Document, &Document),
) -> Lookup {
    let mut places = vec![path.parent().map(Path::to_path_buf).unwrap_or_default()];
    places.extend(dirs.iter().filter(|d| Some(d.as_path()) != path.parent()).cloned());
    let mut found = Lookup { stored: None, broken: None, free: SAME_NAMES + 1 };
    for (k, dir) in places.into_iter().enumerate() {
        let base = dir.join(path.file_name().unwrap_or_default());
        for n in 1..=SAME_NAMES {
            let (mut any, mut taken) = (false, false);
            for (p, flip) in nth_names(&base, langs, n) {
                match crate::store::find(&p) {
                    Found::Loaded(file, stamp) => {
                        any = true;
                        let file = if flip { file.flipped() } else { *file };
                        if belongs(&file, &p, paths, docs) {
                            found.stored = Some((file, Origin::File(p), stamp, n));
                            return found;
                        }
                        taken = true;
                    }
                    Found::Broken(e) => {
                        any = true;
                        found.broken.get_or_insert((p, e));
                    }
                    Found::Missing => {}
                }
            }
            if k == 0 && !taken {
                found.free = found.free.min(n);
            }
            if !any {
                break;
            }
        }
    }
    found
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn opens_a_work_with_defaults_and_refuses_bad_languages() {
        let lib = Library::load_from(None).unwrap();
        let r = open_work(&lib, "uprising", None, None).unwrap();
        assert_eq!(r.langs(), (Lang::EN, Some(Lang::ZH)));
        let r = open_work(&lib, "uprising", Some(Lang::ZH), None).unwrap();
        assert_eq!(r.langs(), (Lang::ZH, Some(Lang::EN)));
        let err = open_work(&lib, "uprising", Some(Lang::KO), None).unwrap_err().to_string();
        assert!(err.contains("'ko'"), "{err}");
        assert!(open_work(&lib, "nope", None, None).is_err());
        let z = open_work(&lib, "anarchists", None, None).unwrap();
        assert!(z.is_single());
    }

    #[test]
    fn two_files_open_at_once_and_from_the_cache_the_second_time() {
        let dir = tempfile::tempdir().unwrap();
        let cache = crate::cache::Cache::at(dir.path().join("cache"));
        let lib = Library::load_from(None).unwrap().with_cache(cache.clone());
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
        // Another stem than the repository's alignments/rcit.*: no stored alignment applies.
        let (en, ko) = (dir.path().join("statement.en.txt"), dir.path().join("statement.ko.txt"));
        std::fs::copy(format!("{data}rcit.en.txt"), &en).unwrap();
        std::fs::copy(format!("{data}rcit.ko.txt"), &ko).unwrap();
        let r = open_files(&lib, &en, Some(&ko), &FilesOptions::default()).unwrap();
        let pending = r.pending().unwrap();
        assert_eq!(r.alignment_origin, super::super::app::PROVISIONAL);
        assert!(crate::cache::covers(r.groups(), r.left.len(), r.right.as_ref().unwrap().len()));

        // What the worker stores when it is done.
        let right = r.right.as_ref().unwrap();
        let key = crate::cache::Key::of(&r.left, right, &pending.options);
        let groups = crate::align::align(&r.left, right, &pending.options);
        let entry = crate::cache::Entry { groups: groups.clone(), warnings: vec!["look".into()] };
        cache.put(&key, &r.left, right, &entry).unwrap();
        let again = open_files(&lib, &en, Some(&ko), &FilesOptions::default()).unwrap();
        assert!(again.pending().is_none());
        assert_eq!(again.groups(), groups.as_slice());
        assert_eq!(again.alignment_origin, "aligned earlier (cached); warning: look");

        // A changed text misses.
        let text = std::fs::read_to_string(&en).unwrap();
        std::fs::write(&en, text.replacen("Kazakhstan", "Qazaqstan", 1)).unwrap();
        let changed = open_files(&lib, &en, Some(&ko), &FilesOptions::default()).unwrap();
        assert!(changed.pending().is_some());
    }

    #[test]
    fn a_save_records_how_the_texts_were_read() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::load_from(Some(dir.path())).unwrap();
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
        let (en, ko) = (format!("{data}rcit.en.txt"), format!("{data}rcit.ko.txt"));
        let files = FilesOptions { one_per_line: Some(true), ..FilesOptions::default() };
        let mut r = open_files(&lib, Path::new(&en), Some(Path::new(&ko)), &files).unwrap();
        let one_a_line = Reading { one_per_line: true, ..Reading::default() };
        let al = r.alignment().unwrap();
        assert_eq!((al.left.reading, al.right.reading), (Some(one_a_line), Some(one_a_line)));
        assert!(al.to_toml_string(None, None).contains("\none_per_line = true\n"));
        // The readings go with their texts when the panes swap.
        r.readings.1 = Some(Reading::default());
        let mut app = super::super::App::with_reader(r);
        app.update(super::super::Action::Swap);
        let al = app.reader.as_ref().unwrap().alignment().unwrap();
        assert_eq!((al.left.reading, al.right.reading), (Some(Reading::default()), Some(one_a_line)));
        // A work records how the library reads its seeds.
        let w = open_work(&lib, "rcit", Some(Lang::EN), Some(Lang::KO)).unwrap();
        let picked = Reading { pick_lang: true, ..Reading::default() };
        assert_eq!(w.alignment().unwrap().left.reading, Some(picked));
    }
}
