//! Alignments made on the fly, kept so that the same pair opens at once the next time.
//!
//! An entry is `alignments/<key>.json` in the cache directory ([`crate::dirs::cache_dir`]).
//! The key is a SHA-256 of everything the aligner's result depends on: both texts as imported
//! (each paragraph's text, kind and language, so the import settings count through what they
//! produced), the glossary, and [`align::ALIGNER_VERSION`]. A changed text, glossary or aligner
//! makes a new key, so an entry is never stale, only unused. Entries are written atomically;
//! one that cannot be read or does not fit the texts is ignored (and replaced by the next
//! write), never an error: the cache only ever saves time.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::align::{self, AlignOptions};
use crate::alignment::Group;
use crate::document::Document;
use crate::error::{Error, Result};

/// Bumped when the entry format changes (old entries then simply miss).
const FORMAT: u32 = 1;

/// The key of a pair of texts aligned with some options: hex SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key(String);

impl Key {
    pub fn of(left: &Document, right: &Document, opts: &AlignOptions) -> Key {
        let mut h = Sha256::new();
        // Every field is length-prefixed, so no two different inputs hash the same bytes.
        let mut field = |bytes: &[u8]| {
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        field(b"diglot alignment cache");
        field(&FORMAT.to_le_bytes());
        field(align::ALIGNER_VERSION.as_bytes());
        for doc in [left, right] {
            field(doc.lang.as_str().as_bytes());
            field(&(doc.paragraphs.len() as u64).to_le_bytes());
            for p in &doc.paragraphs {
                field(p.text.as_bytes());
                field(p.kind.as_str().as_bytes());
                field(p.lang.as_str().as_bytes());
            }
        }
        field(opts.dictionary.as_ref().map_or("", |d| d.digest.as_str()).as_bytes());
        // Only when set, so that keys made without the option stay as they were.
        if opts.skip_cognates {
            field(b"skip cognates");
        }
        if opts.skip_builtin_dictionary {
            field(b"skip built-in dictionary");
        }
        field(&(opts.glossary.pairs.len() as u64).to_le_bytes());
        for (l, r) in &opts.glossary.pairs {
            field(l.as_bytes());
            field(r.as_bytes());
        }
        let digest = h.finalize();
        let mut hex = String::with_capacity(64);
        for b in digest {
            let _ = write!(hex, "{b:02x}");
        }
        Key(hex)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a cached alignment holds: the groups, and the warnings the aligner gave with them
/// (so a cache hit says what the first run said).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub groups: Vec<Group>,
    #[serde(default)]
    pub warnings: Vec<String>,
}

impl Entry {
    /// What an alignment gives: its groups, and its warnings, a collapse first, then texts
    /// that look like no translation of each other.
    pub fn of(outcome: align::Outcome, left: &Document, right: &Document) -> Entry {
        let warnings = outcome.collapse_warning().into_iter().chain(outcome.warning(left, right)).collect();
        Entry { groups: outcome.groups, warnings }
    }
}

/// The alignment of two texts: from `cache` when it holds one (`true`), else made now,
/// reporting to `progress` (see [`align::align_outcome_progress`]), and stored. A cache that
/// cannot be written only costs time the next time, so that is no error.
pub fn align(
    cache: &Cache,
    left: &Document,
    right: &Document,
    opts: &AlignOptions,
    progress: &(dyn Fn(f32) + Sync),
) -> (Entry, bool) {
    let key = Key::of(left, right, opts);
    if let Some(entry) = cache.get(&key, left, right) {
        return (entry, true);
    }
    let entry = Entry::of(align::align_outcome_progress(left, right, opts, progress), left, right);
    let _ = cache.put(&key, left, right, &entry);
    (entry, false)
}

#[derive(Serialize, Deserialize)]
struct File {
    format: u32,
    aligner: String,
    key: String,
    left_paragraphs: usize,
    right_paragraphs: usize,
    #[serde(flatten)]
    entry: Entry,
}

/// The alignment cache: a directory, or none (nothing is read or written).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cache {
    dir: Option<PathBuf>,
}

impl Cache {
    /// The user's cache: `alignments/` in [`crate::dirs::cache_dir`].
    pub fn user() -> Cache {
        Cache { dir: crate::dirs::cache_dir().map(|d| d.join("alignments")) }
    }

    /// A cache in `dir`.
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: Some(dir.into()) }
    }

    /// No cache: every lookup misses, every store is skipped.
    pub fn none() -> Cache {
        Cache { dir: None }
    }

    /// Where the entry for `key` lives.
    pub fn path(&self, key: &Key) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(format!("{}.json", key.as_str())))
    }

    /// The cached alignment of two texts, if there is one that fits them.
    pub fn get(&self, key: &Key, left: &Document, right: &Document) -> Option<Entry> {
        load(&self.path(key)?, key, left, right)
    }

    /// Stores an alignment of two texts.
    pub fn put(&self, key: &Key, left: &Document, right: &Document, entry: &Entry) -> Result<()> {
        let Some(path) = self.path(key) else { return Ok(()) };
        store(&path, key, left, right, entry)
    }
}

/// Reads an entry; `None` for anything short of an entry made for exactly these texts.
pub fn load(path: &Path, key: &Key, left: &Document, right: &Document) -> Option<Entry> {
    let bytes = std::fs::read(path).ok()?;
    let file: File = serde_json::from_slice(&bytes).ok()?;
    let fits = file.format == FORMAT
        && file.aligner == align::ALIGNER_VERSION
        && file.key == key.as_str()
        && file.left_paragraphs == left.len()
        && file.right_paragraphs == right.len()
        && covers(&file.entry.groups, left.len(), right.len());
    fits.then_some(file.entry)
}

/// Writes an entry atomically, creating the directory.
pub fn store(path: &Path, key: &Key, left: &Document, right: &Document, entry: &Entry) -> Result<()> {
    let file = File {
        format: FORMAT,
        aligner: align::ALIGNER_VERSION.to_string(),
        key: key.as_str().to_string(),
        left_paragraphs: left.len(),
        right_paragraphs: right.len(),
        entry: entry.clone(),
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let json = serde_json::to_vec(&file).map_err(|e| Error::io(path, std::io::Error::other(e)))?;
    crate::store::write_atomic(path, &json)
}

/// Whether the groups hold every paragraph of both sides once, in order, and no empty group:
/// what a damaged or foreign entry would break, and the reader relies on.
pub fn covers(groups: &[Group], left: usize, right: usize) -> bool {
    let mut next = (0, 0);
    for g in groups {
        if g.left.is_empty() && g.right.is_empty() {
            return false;
        }
        for (ids, next) in [(&g.left, &mut next.0), (&g.right, &mut next.1)] {
            for &i in ids {
                if i != *next {
                    return false;
                }
                *next += 1;
            }
        }
    }
    next == (left, right)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::align::Glossary;
    use crate::document::{Kind, Lang};

    fn doc(lang: Lang, texts: &[&str]) -> Document {
        Document::of_texts(&format!("{lang}.txt"), lang, texts)
    }

    fn pair() -> (Document, Document) {
        (doc(Lang::EN, &["One.", "Two.", "Three."]), doc(Lang::ZH, &["一。", "二。三。"]))
    }

    fn entry() -> Entry {
        Entry {
            groups: vec![Group::new(vec![0], vec![0], 0.9), Group::new(vec![1, 2], vec![1], 0.5)],
            warnings: vec!["a warning".into()],
        }
    }

    #[test]
    fn the_key_changes_with_text_language_order_and_glossary() {
        let (l, r) = pair();
        let opts = AlignOptions::default();
        let k = Key::of(&l, &r, &opts);
        assert_eq!(k, Key::of(&l, &r, &opts));
        assert_eq!(k.as_str().len(), 64);
        let mut l2 = l.clone();
        l2.paragraphs[1].text = "Two!".into();
        assert_ne!(k, Key::of(&l2, &r, &opts));
        // The same text cut elsewhere is another text.
        let l3 = doc(Lang::EN, &["One.Two.", "Three."]);
        assert_ne!(k, Key::of(&l3, &r, &opts));
        let mut l4 = l.clone();
        l4.lang = Lang::ES;
        assert_ne!(k, Key::of(&l4, &r, &opts));
        let mut l5 = l.clone();
        l5.paragraphs[0].kind = Kind::Heading;
        assert_ne!(k, Key::of(&l5, &r, &opts));
        assert_ne!(k, Key::of(&r, &l, &opts));
        let g = AlignOptions {
            glossary: Glossary { pairs: vec![("One".into(), "一".into())] },
            ..Default::default()
        };
        assert_ne!(k, Key::of(&l, &r, &g));
        // A user's word list is part of the key, by its content.
        let words =
            |t: &str| crate::align::dictionary::Dictionary::parse("w.tsv", t, Lang::EN, Lang::ZH).unwrap();
        let d1 =
            AlignOptions { dictionary: Some(std::sync::Arc::new(words("one\t一\n"))), ..Default::default() };
        let d2 =
            AlignOptions { dictionary: Some(std::sync::Arc::new(words("one\t壹\n"))), ..Default::default() };
        assert_ne!(k, Key::of(&l, &r, &d1));
        assert_ne!(Key::of(&l, &r, &d1), Key::of(&l, &r, &d2));
        // Leaving cognates or the built-in dictionary out is another aligner.
        let cognates = Key::of(&l, &r, &AlignOptions { skip_cognates: true, ..Default::default() });
        let dictionary =
            Key::of(&l, &r, &AlignOptions { skip_builtin_dictionary: true, ..Default::default() });
        assert_ne!(k, cognates);
        assert_ne!(k, dictionary);
        assert_ne!(cognates, dictionary);
        assert_eq!(Key::of(&l, &r, &d1), Key::of(&l, &r, &d1.clone()));
    }

    #[test]
    fn a_hit_gives_back_what_was_stored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("alignments"));
        let (l, r) = pair();
        let k = Key::of(&l, &r, &AlignOptions::default());
        assert_eq!(cache.get(&k, &l, &r), None);
        cache.put(&k, &l, &r, &entry()).unwrap();
        assert_eq!(cache.get(&k, &l, &r), Some(entry()));
        // Another key misses, even with the file renamed into its place.
        let mut l2 = l.clone();
        l2.paragraphs[0].text = "Uno.".into();
        let k2 = Key::of(&l2, &r, &AlignOptions::default());
        assert_eq!(cache.get(&k2, &l2, &r), None);
        std::fs::copy(cache.path(&k).unwrap(), cache.path(&k2).unwrap()).unwrap();
        assert_eq!(cache.get(&k2, &l2, &r), None);
        assert_eq!(Cache::none().get(&k, &l, &r), None);
        Cache::none().put(&k, &l, &r, &entry()).unwrap();
    }

    #[test]
    fn a_corrupt_entry_is_ignored_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path());
        let (l, r) = pair();
        let k = Key::of(&l, &r, &AlignOptions::default());
        let path = cache.path(&k).unwrap();
        for junk in [&b"{not json"[..], b"", b"\xff\xfe", br#"{"format": 1}"#] {
            std::fs::write(&path, junk).unwrap();
            assert_eq!(cache.get(&k, &l, &r), None);
        }
        // Valid JSON whose groups do not cover the texts.
        cache.put(&k, &l, &r, &entry()).unwrap();
        let text = std::fs::read_to_string(&path).unwrap().replace("[1,2]", "[2,1]");
        std::fs::write(&path, text).unwrap();
        assert_eq!(cache.get(&k, &l, &r), None);
        cache.put(&k, &l, &r, &entry()).unwrap();
        assert_eq!(cache.get(&k, &l, &r), Some(entry()));
        // A directory where the entry should be: the lookup misses, the store fails cleanly.
        std::fs::remove_file(&path).unwrap();
        std::fs::create_dir(&path).unwrap();
        assert_eq!(cache.get(&k, &l, &r), None);
        assert!(cache.put(&k, &l, &r, &entry()).is_err());
    }

    #[test]
    fn coverage() {
        let g = |l: Vec<usize>, r: Vec<usize>| Group::new(l, r, 1.0);
        assert!(covers(&[g(vec![0], vec![]), g(vec![1], vec![0])], 2, 1));
        assert!(!covers(&[g(vec![0], vec![0])], 2, 1));
        assert!(!covers(&[g(vec![], vec![]), g(vec![0], vec![0])], 1, 1));
        assert!(!covers(&[g(vec![1], vec![0]), g(vec![0], vec![])], 2, 1));
        assert!(covers(&[], 0, 0));
    }
}
