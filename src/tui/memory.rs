//! Where the reader left each work: the paragraph on top, per work and language pair.
//!
//! Stored as a paragraph index (not a screen row, which changes with the terminal's size) in
//! `positions.json` in the state directory ([`crate::dirs::state_dir`]), written atomically: a
//! temporary file in the same directory, flushed, then renamed over the old one, so a crash
//! leaves the old positions or the new ones, never a broken file. Several readers may run at
//! once: a save reads the file again and updates only the keys this reader set, so another
//! reader's positions saved meanwhile are kept.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::document::Lang;
use crate::error::{Error, Result};

const FILE: &str = "positions.json";

/// Far more than any reader's positions take; a bigger file is not ours.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Whether `path` is a regular file itself, not a link to one (nor a FIFO, which would block).
fn is_regular(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

/// The positions in the file at `path`; a missing or unreadable file means none.
fn read(path: &Path) -> BTreeMap<String, usize> {
    Some(path)
        .filter(|p| is_regular(p))
        .and_then(|p| crate::source::read_bytes(p, MAX_BYTES).ok())
        .and_then(|t| serde_json::from_slice(&t).ok())
        .unwrap_or_default()
}

/// The key of a work (or a pair of files) read in a language pair.
pub fn key(what: &str, left: Lang, right: Option<Lang>) -> String {
    match right {
        Some(r) => format!("{what} {left}-{r}"),
        None => format!("{what} {left}"),
    }
}

/// The remembered positions, loaded from and saved to one file.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    path: Option<PathBuf>,
    positions: BTreeMap<String, usize>,
    /// The keys this reader set: the only ones a save changes in the file.
    mine: BTreeSet<String>,
}

impl Memory {
    /// Reads the positions from the state directory. A missing or unreadable file means
    /// nothing is remembered yet: losing a reading position must never stop the reader.
    pub fn load() -> Memory {
        Memory::load_from(crate::dirs::state_dir())
    }

    pub fn load_from(dir: Option<PathBuf>) -> Memory {
        let path = dir.map(|d| d.join(FILE));
        let positions = path.as_deref().map(read).unwrap_or_default();
        Memory { path, positions, mine: BTreeSet::new() }
    }

    pub fn get(&self, key: &str) -> Option<usize> {
        self.positions.get(key).copied()
    }

    /// Remembers a position and writes the file.
    pub fn set(&mut self, key: &str, paragraph: usize) -> Result<()> {
        if self.positions.get(key) == Some(&paragraph) {
            return Ok(());
        }
        self.positions.insert(key.to_string(), paragraph);
        self.mine.insert(key.to_string());
        self.save()
    }

    /// Writes this reader's positions into the file as it is now: the other keys are the
    /// file's, which another reader may have saved since this one loaded it.
    fn save(&mut self) -> Result<()> {
        let Some(path) = &self.path else { return Ok(()) };
        // A link or FIFO in our own state directory was put there by someone else: saving
        // through it would write wherever it points.
        if let Ok(m) = std::fs::symlink_metadata(path)
            && !m.is_file()
        {
            return Err(Error::NotRegular { path: path.clone(), kind: crate::source::kind_of(&m) });
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        // Another reader's save between this read and the rename would be lost without it.
        let _lock = crate::store::DirLock::take(dir)?;
        let mut on_disk = read(path);
        for k in &self.mine {
            if let Some(&p) = self.positions.get(k) {
                on_disk.insert(k.clone(), p);
            }
        }
        self.positions = on_disk;
        let text = serde_json::to_string_pretty(&self.positions).unwrap_or_default() + "\n";
        crate::store::write_atomic(path, text.as_bytes())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn remembers_across_loads_and_survives_junk() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("diglot");
        let mut m = Memory::load_from(Some(d.clone()));
        assert_eq!(m.get("uprising en-zh"), None);
        m.set(&key("uprising", Lang::EN, Some(Lang::ZH)), 42).unwrap();
        m.set(&key("zhihu", Lang::ZH, None), 3).unwrap();
        let m2 = Memory::load_from(Some(d.clone()));
        assert_eq!(m2.get("uprising en-zh"), Some(42));
        assert_eq!(m2.get("zhihu zh"), Some(3));
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from(FILE)]);
        std::fs::write(d.join(FILE), "{not json").unwrap();
        assert_eq!(Memory::load_from(Some(d)).get("uprising en-zh"), None);
    }
}
