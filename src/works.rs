//! The catalogue of works and the texts built into the binary.
//!
//! The seeds and `alignments/` are embedded at build time so that `diglot` works from any
//! directory. A user's alignments live in the data directory (`alignments/` under
//! [`crate::dirs::data_dir`]), where review mode saves them, whatever directory the reader runs
//! in. Alignments are looked for there first, then (for files saved by earlier versions) in
//! `./alignments` of the current directory, then among the built-in ones. A user's own `./seeds`
//! and `./alignments/works.toml`, when present, override the built-in ones of the same name.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use serde::Deserialize;

use crate::alignment::{Alignment, AlignmentFile};
use crate::document::{Document, Lang};
use crate::error::{Error, Result};
use crate::import::{self, ImportOptions};

static SEEDS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/seeds");
static ALIGNMENTS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/alignments");

#[derive(Debug, Clone, Deserialize)]
pub struct Catalogue {
    #[serde(rename = "work", default)]
    pub works: Vec<Work>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Work {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub source: String,
    /// One document whose paragraphs carry their own languages (it is read in one pane).
    #[serde(default)]
    pub mixed: bool,
    #[serde(rename = "text", default)]
    pub texts: Vec<Text>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Text {
    pub lang: Lang,
    pub file: String,
}

impl Work {
    pub fn langs(&self) -> Vec<Lang> {
        self.texts.iter().map(|t| t.lang).collect()
    }

    pub fn text(&self, lang: Lang) -> Option<&Text> {
        self.texts.iter().find(|t| t.lang == lang)
    }
}

/// Where an alignment was read from: a file the user can write, or the built-in copy.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    File(PathBuf),
    BuiltIn(String),
}

/// One stored alignment file, as [`Library::stored_alignments`] lists it.
#[derive(Debug)]
pub struct StoredAlignment {
    /// The file name in `alignments/`.
    pub name: String,
    pub origin: Origin,
    /// Its text, or why it could not be read.
    pub text: Result<String>,
}

impl Origin {
    /// How messages name the file: its path (see [`crate::store::shown`]), or
    /// `(built-in) alignments/NAME`.
    pub fn display(&self) -> String {
        match self {
            Origin::File(p) => crate::store::shown(p),
            Origin::BuiltIn(name) => format!("(built-in) alignments/{name}"),
        }
    }
}

/// What [`Library::stored_alignment`] found.
#[derive(Debug)]
pub struct Lookup {
    /// The alignment to use, if any, flipped to the order asked for.
    pub file: Option<(AlignmentFile, Origin)>,
    /// For a user's file, what it held when read (see [`crate::store::Stamp`]).
    pub stamp: Option<crate::store::Stamp>,
    /// A user's file that could not be loaded, and why.
    pub broken: Option<(PathBuf, Error)>,
}

/// The works, and where their texts and alignments are read from.
#[derive(Debug, Clone)]
pub struct Library {
    pub catalogue: Catalogue,
    /// The directory whose `seeds/` and `alignments/` override the built-in ones, if any.
    root: Option<PathBuf>,
    /// The user's own alignments (`alignments/` in the data directory): read first, and where
    /// saves go. Without it, `root/alignments` is.
    data: Option<PathBuf>,
    /// Where pairs aligned on the fly are kept ([`Cache::none`] unless set).
    cache: crate::cache::Cache,
}

impl Library {
    /// The built-in works, with the user's alignments in the data directory, overridden by
    /// `./seeds` and `./alignments` where they exist. The user's alignment cache is used.
    pub fn load() -> Result<Library> {
        let data = crate::dirs::data_dir().map(|d| d.join("alignments"));
        Ok(Library::load_from(Some(Path::new(".")))?.with_cache(crate::cache::Cache::user()).with_data(data))
    }

    /// The built-in works, overridden by `root/seeds` and `root/alignments` (none when `None`).
    /// No cache is used: see [`Library::with_cache`].
    pub fn load_from(root: Option<&Path>) -> Result<Library> {
        let mut lib = Library {
            catalogue: Catalogue { works: Vec::new() },
            root: root.map(Path::to_path_buf),
            data: None,
            cache: crate::cache::Cache::none(),
        };
        let text = lib.read("alignments", "works.toml")?.unwrap_or_default();
        let name = lib.display_path("alignments", "works.toml");
        lib.catalogue = toml::from_str(&text)
            .map_err(|e| Error::BadAlignment { path: name, message: e.message().to_string() })?;
        Ok(lib)
    }

    /// Keeps the user's alignments in `dir` (read first, and where saves go).
    pub fn with_data(mut self, dir: Option<PathBuf>) -> Library {
        self.data = dir;
        self
    }

    /// Where the user's alignments are saved: the data directory's `alignments/`, else
    /// `alignments/` under the library's root (or the current directory).
    pub fn alignments_dir(&self) -> PathBuf {
        match (&self.data, &self.root) {
            (Some(d), _) => d.clone(),
            (None, Some(r)) => r.join("alignments"),
            (None, None) => PathBuf::from("alignments"),
        }
    }

    /// Where a user's alignments are looked for, in order: the data directory's, then
    /// `alignments/` under the root (the current directory, where earlier versions saved).
    pub fn user_alignment_dirs(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = self.data.iter().cloned().collect();
        if let Some(r) = &self.root
            && !dirs.contains(&r.join("alignments"))
        {
            dirs.push(r.join("alignments"));
        }
        dirs
    }

    /// A user's alignment file by name: in the data directory, else in `root/alignments`.
    fn user_alignment(&self, name: &str) -> Option<PathBuf> {
        let in_data = self.data.as_ref().map(|d| d.join(name)).filter(|p| p.is_file());
        in_data.or_else(|| self.user_file("alignments", name))
    }

    /// Keeps pairs aligned on the fly in `cache`.
    pub fn with_cache(mut self, cache: crate::cache::Cache) -> Library {
        self.cache = cache;
        self
    }

    pub fn cache(&self) -> &crate::cache::Cache {
        &self.cache
    }

    pub fn works(&self) -> &[Work] {
        &self.catalogue.works
    }

    pub fn work(&self, id: &str) -> Result<&Work> {
        self.catalogue.works.iter().find(|w| w.id == id).ok_or_else(|| Error::UnknownWork(id.to_string()))
    }

    fn user_file(&self, dir: &str, name: &str) -> Option<PathBuf> {
        let p = self.root.as_ref()?.join(dir).join(name);
        p.is_file().then_some(p)
    }

    fn display_path(&self, dir: &str, name: &str) -> String {
        match self.user_file(dir, name) {
            Some(p) => p.display().to_string(),
            None => format!("(built-in) {dir}/{name}"),
        }
    }

    /// A file of `seeds/` or `alignments/`: the user's copy if there is one, else the built-in.
    fn read(&self, dir: &str, name: &str) -> Result<Option<String>> {
        if let Some(p) = self.user_file(dir, name) {
            return crate::source::read_text(&p).map(Some);
        }
        Library::built_in(dir, name)
    }

    /// The built-in copy of a file of `seeds/` or `alignments/`, if there is one.
    fn built_in(dir: &str, name: &str) -> Result<Option<String>> {
        let embedded = if dir == "seeds" { &SEEDS } else { &ALIGNMENTS };
        match embedded.get_file(name) {
            Some(f) => crate::source::decode(Path::new(name), f.contents().to_vec()).map(Some),
            None => Ok(None),
        }
    }

    /// The text of a seed file, by name.
    pub fn seed_text(&self, file: &str) -> Result<String> {
        self.read("seeds", file)?.ok_or_else(|| Error::NotFound { path: PathBuf::from("seeds").join(file) })
    }

    /// The document of one language of a work. A mixed work has one document, whatever `lang`.
    pub fn document(&self, work: &str, lang: Lang) -> Result<Document> {
        let w = self.work(work)?;
        let text = match w.text(lang) {
            Some(t) => t,
            None if w.mixed && !w.texts.is_empty() => &w.texts[0],
            None => {
                let found = w.langs().iter().map(Lang::to_string).collect::<Vec<_>>().join(", ");
                return Err(Error::LangMissing { path: work.to_string(), lang: lang.to_string(), found });
            }
        };
        let source = self.seed_text(&text.file)?;
        let opts = ImportOptions { lang: (!w.mixed).then_some(text.lang), ..ImportOptions::default() };
        let mut docs = import::import_str(&text.file, &source, &opts)?;
        if docs.len() == 1 {
            return Ok(docs.remove(0));
        }
        let found = docs.iter().map(|d| d.lang.to_string()).collect::<Vec<_>>().join(", ");
        Err(Error::LangMissing { path: text.file.clone(), lang: lang.to_string(), found })
    }

    /// How [`Library::document`] reads the texts of a work from their seeds: what an
    /// alignment of the work records beside each side.
    pub fn reading(&self, work: &str) -> Result<crate::alignment::Reading> {
        let w = self.work(work)?;
        // Seeds are UTF-8 (they are read as such) and never one paragraph a line.
        Ok(crate::alignment::Reading { one_per_line: false, encoding: None, pick_lang: !w.mixed })
    }

    /// How many paragraphs each language of a work has (`None`: its text could not be read),
    /// each source file imported once: the RCIT bundle holds five languages, and the library
    /// screen counts them all before its first frame.
    pub fn paragraph_counts(&self, work: &Work) -> Vec<(Lang, Option<usize>)> {
        let mut imported: Vec<(&str, Option<Vec<Document>>)> = Vec::new();
        work.texts
            .iter()
            .map(|t| {
                let i = match imported.iter().position(|(f, _)| *f == t.file) {
                    Some(i) => i,
                    None => {
                        let docs = self.seed_text(&t.file).ok().and_then(|text| {
                            import::import_str(&t.file, &text, &ImportOptions::default()).ok()
                        });
                        imported.push((&t.file, docs));
                        imported.len() - 1
                    }
                };
                let count = imported[i].1.as_ref().and_then(|docs| {
                    let picked = import::select(&t.file, docs.clone(), Some(t.lang)).ok()?;
                    (picked.len() == 1).then(|| picked[0].len())
                });
                (t.lang, count)
            })
            .collect()
    }

    /// The file name of the stored alignment of a work between two languages.
    pub fn alignment_file_name(work: &str, left: Lang, right: Lang) -> String {
        format!("{work}.{left}-{right}.toml")
    }

    /// Where a user's alignment of a work is saved (see [`Library::alignments_dir`]).
    pub fn alignment_save_path(&self, work: &str, left: Lang, right: Lang) -> PathBuf {
        self.alignments_dir().join(Library::alignment_file_name(work, left, right))
    }

    /// Every stored alignment file, by name: the user's (in the data directory, then
    /// `./alignments/*.toml`) and the built-in ones they do not override (the catalogue and the glossary are not alignments). Files
    /// left behind by an interrupted save do not end in `.toml` and are not listed.
    pub fn stored_alignments(&self) -> Vec<StoredAlignment> {
        let is_alignment = |name: &str| {
            name.ends_with(".toml")
                && !name.starts_with('.')
                && name != "works.toml"
                && name != "glossary.toml"
        };
        let mut out: Vec<StoredAlignment> = Vec::new();
        let dirs = [self.data.clone(), self.root.as_ref().map(|r| r.join("alignments"))];
        for dir in dirs.into_iter().flatten() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            let mut names: Vec<_> = entries.flatten().collect();
            names.sort_by_key(|e| e.file_name());
            for e in names {
                let name = e.file_name().to_string_lossy().into_owned();
                let path = e.path();
                if is_alignment(&name) && path.is_file() && !out.iter().any(|s| s.name == name) {
                    let text = crate::source::read_text(&path);
                    out.push(StoredAlignment { name, origin: Origin::File(path), text });
                }
            }
        }
        for f in ALIGNMENTS.files() {
            let name = f.path().to_string_lossy().into_owned();
            if is_alignment(&name) && !out.iter().any(|s| s.name == name) {
                let text = crate::source::decode(Path::new(&name), f.contents().to_vec());
                out.push(StoredAlignment { name: name.clone(), origin: Origin::BuiltIn(name), text });
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }

    /// The stored alignment of a work between two languages, if there is one, in either
    /// direction (it is flipped to put `left` on the left).
    ///
    /// The user's file wins over the built-in one whichever way round either is stored: a
    /// translator who reviewed `zh-en` must not be shown the built-in `en-zh` instead.
    pub fn alignment(&self, work: &str, left: Lang, right: Lang) -> Result<Option<(Alignment, Origin)>> {
        Ok(self.alignment_file(work, left, right)?.map(|(f, o)| (f.alignment, o)))
    }

    /// [`Library::alignment`] with the file's excerpts, which find the verified groups again
    /// when a text has changed since (see `align::align_keeping`). A user's file that cannot be
    /// loaded is an error.
    pub fn alignment_file(
        &self,
        work: &str,
        left: Lang,
        right: Lang,
    ) -> Result<Option<(AlignmentFile, Origin)>> {
        let found = self.stored_alignment(work, left, right)?;
        match found.broken {
            Some((_, e)) => Err(e),
            None => Ok(found.file),
        }
    }

    /// [`Library::alignment_file`] for the reader: a user's file that cannot be loaded is
    /// passed over (the built-in one, if any, is used) and returned beside, with its error, so
    /// that the reader can say so and a save keeps it (see [`crate::store::save`]).
    pub fn stored_alignment(&self, work: &str, left: Lang, right: Lang) -> Result<Lookup> {
        let orders = [(left, right, false), (right, left, true)];
        let mut broken = None;
        for user in [true, false] {
            for (a, b, flip) in orders {
                let name = Library::alignment_file_name(work, a, b);
                let mut stamp = None;
                let file = if user {
                    let Some(p) = self.user_alignment(&name) else { continue };
                    match crate::store::find(&p) {
                        crate::store::Found::Loaded(f, s) => {
                            stamp = Some(s);
                            (*f, Origin::File(p))
                        }
                        crate::store::Found::Broken(e) => {
                            broken.get_or_insert((p, e));
                            continue;
                        }
                        crate::store::Found::Missing => continue,
                    }
                } else {
                    // Also when the user's file of that name is broken: it is passed over.
                    let Some(text) = Library::built_in("alignments", &name)? else { continue };
                    let shown = format!("(built-in) alignments/{name}");
                    (AlignmentFile::parse(&shown, &text)?, Origin::BuiltIn(name.clone()))
                };
                let (file, origin) = file;
                let file = Some((if flip { file.flipped() } else { file }, origin));
                return Ok(Lookup { file, stamp, broken });
            }
        }
        Ok(Lookup { file: None, stamp: None, broken })
    }
}
