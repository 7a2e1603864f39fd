//! The store: alignment files where a user keeps them, read and written so that nothing a
//! person put there is lost unseen.
//!
//! The file format, its checks and the atomic write are in [`crate::alignment`]; this layer
//! decides what happens to the file already at a path before a save replaces it. A file that
//! cannot be loaded (a hand edit gone wrong, a file of another version) is kept as
//! `{file}.broken`, and a stale one the reader did not use as `{file}.stale`, before anything
//! is written over it. The TUI and the commands call this layer and show its messages; it
//! knows nothing of terminals.

use std::path::{Path, PathBuf};

use crate::alignment::{Alignment, AlignmentFile};
use crate::document::Document;
use crate::error::{Error, Result};

/// What is at a path where an alignment may be stored.
#[derive(Debug)]
pub enum Found {
    /// Nothing: the path does not exist.
    Missing,
    Loaded(AlignmentFile),
    /// Something that cannot be loaded as an alignment, and why.
    Broken(Error),
}

/// Looks at the alignment file at `path`.
pub fn find(path: &Path) -> Found {
    if std::fs::symlink_metadata(path).is_err() {
        return Found::Missing;
    }
    match AlignmentFile::load(path) {
        Ok(file) => Found::Loaded(file),
        Err(e) => Found::Broken(e),
    }
}

/// Copies the file at `path` to the first free `{file}.{what}`, `{file}.{what}.2`, ... (an
/// earlier backup is never overwritten) and returns where.
pub fn keep_aside(path: &Path, what: &str) -> Result<PathBuf> {
    let backup = free_beside(path, what);
    std::fs::copy(path, &backup).map_err(|e| Error::io(&backup, e))?;
    Ok(backup)
}

/// The first of `{file}.{what}`, `{file}.{what}.2`, ... that does not exist.
pub fn free_beside(path: &Path, what: &str) -> PathBuf {
    let name = path.file_name().map_or("alignment".into(), |n| n.to_string_lossy().into_owned());
    let mut k = 1;
    loop {
        let suffix = if k == 1 { String::new() } else { format!(".{k}") };
        let p = path.with_file_name(format!("{name}.{what}{suffix}"));
        if std::fs::symlink_metadata(&p).is_err() {
            return p;
        }
        k += 1;
    }
}

/// What a save did besides writing the file.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Saved {
    /// Copies made of the file that was there, with why: (`"broken"` or `"stale"`, the copy).
    pub kept: Vec<(&'static str, PathBuf)>,
}

impl Saved {
    /// For the message line: `; the broken one is kept as X.broken`, or nothing.
    pub fn describe(&self) -> String {
        self.kept.iter().map(|(why, p)| format!("; the {why} one is kept as {}", shown(p))).collect()
    }
}

/// A path as messages show it: `alignments/x.toml`, not `./alignments/x.toml`.
pub fn shown(path: &Path) -> String {
    path.strip_prefix(".").unwrap_or(path).display().to_string()
}

/// Saves `al` to `path` atomically, with excerpts of the documents when given, creating the
/// directory. A file there that cannot be loaded is first copied to `{file}.broken`; when
/// `stale` is set (the reader did not use the file there: its texts changed since), a loadable
/// one is copied to `{file}.stale`.
pub fn save(
    path: &Path,
    al: &Alignment,
    left: Option<&Document>,
    right: Option<&Document>,
    stale: bool,
) -> Result<Saved> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut saved = Saved::default();
    match find(path) {
        Found::Missing => {}
        // A directory, a FIFO or a device is not kept: the write refuses or writes into it.
        Found::Broken(_) if !path.is_file() => {}
        Found::Broken(_) => saved.kept.push(("broken", keep_aside(path, "broken")?)),
        Found::Loaded(_) if stale => saved.kept.push(("stale", keep_aside(path, "stale")?)),
        Found::Loaded(_) => {}
    }
    al.save_atomic(path, left, right)?;
    Ok(saved)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn backups_never_overwrite_an_earlier_one() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.en-zh.toml");
        std::fs::write(&f, "one").unwrap();
        assert_eq!(keep_aside(&f, "broken").unwrap(), dir.path().join("a.en-zh.toml.broken"));
        std::fs::write(&f, "two").unwrap();
        assert_eq!(keep_aside(&f, "broken").unwrap(), dir.path().join("a.en-zh.toml.broken.2"));
        let read = |n: &str| std::fs::read_to_string(dir.path().join(n)).unwrap();
        assert_eq!(
            (read("a.en-zh.toml.broken"), read("a.en-zh.toml.broken.2")),
            ("one".into(), "two".into())
        );
        assert!(matches!(find(&f), Found::Broken(_)));
        assert!(matches!(find(&dir.path().join("none.toml")), Found::Missing));
    }
}
