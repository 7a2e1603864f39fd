//! The store: alignment files where a user keeps them, read and written so that nothing a
//! person put there is lost unseen.
//!
//! The file format and its checks are in [`crate::alignment`], below this layer; the atomic
//! write is [`atomic`]'s. This layer decides what happens to the file already at a path before a save replaces it. A file that
//! cannot be loaded (a hand edit gone wrong, a file of another version) is kept as
//! `{file}.broken`, and a stale one the reader did not use as `{file}.stale`, before anything
//! is written over it.
//!
//! A save also notices a file changed on disk since it was read (another reader saved it, or
//! someone edited it by hand): what was read is remembered as a [`Stamp`] (length and SHA-256
//! of the bytes). Then the edits are applied on top of the file as it is now when they touch
//! other groups than the change on disk did (a three-way merge of the group lists, see
//! [`merge`]), and refused otherwise, leaving the other's work in place.
//!
//! The TUI and the commands call this layer and show its messages; it knows nothing of
//! terminals.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::alignment::{Alignment, AlignmentFile, Group};
use crate::document::Document;
use crate::error::{Error, Result};

mod atomic;

pub use atomic::{DirLock, temp_path_for, write_atomic, write_atomic_via};

/// Saves an alignment so that whatever happens during the save (a crash, a kill, a full disk)
/// the file at `path` is either the old one or the new one (see [`write_atomic`]), with
/// excerpts of each side when the documents are given. An invalid alignment is refused
/// (nothing is written).
pub fn save_atomic(
    al: &Alignment,
    path: &Path,
    left: Option<&Document>,
    right: Option<&Document>,
) -> Result<()> {
    if let Some(p) = al.problems().first() {
        return Err(Error::BadAlignment {
            path: path.display().to_string(),
            message: format!("not saved: {}", p.describe(al, None)),
        });
    }
    write_atomic(path, al.to_toml_string(left, right).as_bytes())
}

/// What is at a path where an alignment may be stored.
#[derive(Debug)]
pub enum Found {
    /// Nothing: the path does not exist.
    Missing,
    /// An alignment, and the stamp of the bytes it was read from.
    Loaded(Box<AlignmentFile>, Stamp),
    /// Something that cannot be loaded as an alignment, and why.
    Broken(Error),
}

/// Looks at the alignment file at `path`.
pub fn find(path: &Path) -> Found {
    if std::fs::symlink_metadata(path).is_err() {
        return Found::Missing;
    }
    let loaded = crate::source::read_bytes(path, crate::alignment::MAX_FILE_BYTES).and_then(|bytes| {
        let stamp = Stamp::of(&bytes);
        let text = crate::source::decode(path, bytes)?;
        Ok((AlignmentFile::parse(&path.display().to_string(), &text)?, stamp))
    });
    match loaded {
        Ok((file, stamp)) => Found::Loaded(Box::new(file), stamp),
        Err(e) => Found::Broken(e),
    }
}

/// What a file held when it was read: enough to tell that it changed since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    digest: [u8; 32],
}

impl Stamp {
    pub fn of(bytes: &[u8]) -> Stamp {
        Stamp { len: bytes.len() as u64, digest: Sha256::digest(bytes).into() }
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
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// Copies made of the file that was there, with why: (`"broken"` or `"stale"`, the copy).
    pub kept: Vec<(&'static str, PathBuf)>,
    /// The stamp of what was written: the next save compares the file with it.
    pub stamp: Stamp,
    /// When the file had changed on disk and the edits were applied on top of it: the
    /// alignment written (the reader shows it from now on).
    pub merged: Option<Alignment>,
}

impl Saved {
    /// For the message line: `; the broken one is kept beside it as X.broken`, or nothing.
    pub fn describe(&self) -> String {
        // The copy is beside the file saved: its name says where.
        let name = |p: &PathBuf| p.file_name().map_or_else(|| shown(p), |n| n.to_string_lossy().into_owned());
        let mut m: String = self
            .kept
            .iter()
            .map(|(why, p)| format!("; the {why} one is kept beside it as {}", name(p)))
            .collect();
        if self.merged.is_some() {
            m += "; it had changed on disk since it was read (another reader or a hand edit): those changes are kept, and your edits applied on top";
        }
        m
    }
}

/// A path as messages show it: `alignments/x.toml`, not `./alignments/x.toml`, and
/// `~/.local/share/…` for a path in the home directory.
pub fn shown(path: &Path) -> String {
    let path = path.strip_prefix(".").unwrap_or(path);
    let home = std::env::var_os("HOME").map(PathBuf::from).filter(|h| h.is_absolute() && h != Path::new("/"));
    match home.as_deref().and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    }
}

/// What a save writes, and what it knows of the file it replaces. Alignments are in the
/// file's orientation.
#[derive(Debug, Clone, Copy)]
pub struct Save<'a> {
    /// The alignment to write.
    pub mine: &'a Alignment,
    /// The alignment the edits started from (the file as read, or as last saved, or what the
    /// aligner made when there was none): the base of the merge when the file changed.
    pub base: &'a Alignment,
    /// What was at the path when it was read or last saved (`None`: nothing, or a file that
    /// could not be loaded).
    pub seen: Option<&'a Stamp>,
    /// The file there was not used (its texts changed since): keep a copy as `.stale`.
    pub stale: bool,
}

/// Saves `save.mine` to `path` atomically, with excerpts of the documents when given, creating
/// the directory, holding its [`DirLock`]. A file there that cannot be loaded is first copied to `{file}.broken`; when
/// `stale` is set, a loadable one is copied to `{file}.stale`. When the file changed on disk
/// since `seen`, the edits are merged on top of it ([`merge`]), or, when both touch the same
/// groups, nothing is written and the error says so.
pub fn save(path: &Path, save: Save, left: Option<&Document>, right: Option<&Document>) -> Result<Saved> {
    let dir = path.parent().unwrap_or(Path::new(""));
    if !dir.as_os_str().is_empty() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    // From the look at what is on disk to the rename, no other diglot saves here.
    let _lock = DirLock::take(dir)?;
    let mut kept = Vec::new();
    let mut merged = None;
    match find(path) {
        Found::Missing => {}
        // A directory, a FIFO or a device is not kept: the write refuses or writes into it.
        Found::Broken(_) if !path.is_file() => {}
        Found::Broken(_) => kept.push(("broken", keep_aside(path, "broken")?)),
        Found::Loaded(file, stamp) if Some(&stamp) != save.seen => {
            let theirs = file.alignment;
            if theirs != *save.mine {
                let m = merge(save.base, save.mine, &theirs)
                    .map_err(|why| Error::ChangedOnDisk { path: shown(path), message: why })?;
                merged = Some(m);
            }
        }
        Found::Loaded(..) if save.stale => kept.push(("stale", keep_aside(path, "stale")?)),
        Found::Loaded(..) => {}
    }
    let al = merged.as_ref().unwrap_or(save.mine);
    let text = al.to_toml_string(left, right);
    if let Some(p) = al.problems().first() {
        return Err(Error::BadAlignment {
            path: path.display().to_string(),
            message: format!("not saved: {}", p.describe(al, None)),
        });
    }
    write_atomic(path, text.as_bytes())?;
    Ok(Saved { kept, stamp: Stamp::of(text.as_bytes()), merged })
}

/// Writes `al` beside `path`, to the first free `{file}.changed` (`.changed.2`, ...), for when
/// the file changed on disk in a way the edits conflict with: both are kept, for a person to
/// merge.
pub fn save_beside(
    path: &Path,
    al: &Alignment,
    left: Option<&Document>,
    right: Option<&Document>,
) -> Result<PathBuf> {
    let beside = free_beside(path, "changed");
    save_atomic(al, &beside, left, right)?;
    Ok(beside)
}

// ---------------------------------------------------------------------------------------------
// Recovery: unsaved review edits kept when the reader is killed (as vim's swap file)

/// Unsaved edits of a pair, written when the reader was stopped by a signal.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    /// When they were written, in seconds since the Unix epoch.
    pub time: u64,
    /// The alignment with the edits, in the reader's orientation then.
    pub alignment: Alignment,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct RecoveryRecord {
    key: String,
    time: u64,
    /// The alignment, as its file would hold it (without excerpts).
    alignment: String,
}

/// The recovery file of a pair (its reading-position key) in the state directory `dir`.
pub fn recovery_path(dir: &Path, key: &str) -> PathBuf {
    let digest = Sha256::digest(key.as_bytes());
    let name: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    dir.join("recovery").join(format!("{name}.json"))
}

/// What [`write_recovery`] writes, made ahead of time: a signal handler's backstop thread
/// must only write bytes, not build them.
pub fn recovery_bytes(key: &str, al: &Alignment, time: u64) -> Vec<u8> {
    let rec = RecoveryRecord { key: key.to_string(), time, alignment: al.to_toml_string(None, None) };
    serde_json::to_vec_pretty(&rec).unwrap_or_default()
}

/// Writes a recovery file (atomically), creating its directory.
pub fn write_recovery(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    write_atomic(path, bytes)
}

/// The recovery file of a pair, if there is one that can be read (one that cannot is no use
/// to anyone, and is left for a person to look at).
pub fn read_recovery(dir: &Path, key: &str) -> Option<Recovery> {
    let path = recovery_path(dir, key);
    let bytes = crate::source::read_bytes(&path, crate::alignment::MAX_FILE_BYTES).ok()?;
    let rec: RecoveryRecord = serde_json::from_slice(&bytes).ok()?;
    if rec.key != key {
        return None;
    }
    let file = AlignmentFile::parse(&path.display().to_string(), &rec.alignment).ok()?;
    Some(Recovery { time: rec.time, alignment: file.alignment })
}

/// Removes the recovery file of a pair (restored or discarded).
pub fn discard_recovery(dir: &Path, key: &str) {
    let _ = std::fs::remove_file(recovery_path(dir, key));
}

/// Seconds since the Unix epoch, now.
pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// A time as `2026-12-02 11:45 UTC`.
pub fn utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let (h, m) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    format!("{y}-{mo:02}-{d:02} {h:02}:{m:02} UTC")
}

/// Where each paragraph boundary falls: entry `i` is how many left and right paragraphs the
/// groups before group `i` hold (so the last entry is the paragraph counts).
fn frontiers(groups: &[Group]) -> Vec<(usize, usize)> {
    let mut f = Vec::with_capacity(groups.len() + 1);
    let (mut l, mut r) = (0, 0);
    f.push((l, r));
    for g in groups {
        l += g.left.len();
        r += g.right.len();
        f.push((l, r));
    }
    f
}

/// One change between two alignments of the same texts: base groups `from..to` became `new`.
#[derive(Debug, Clone, PartialEq)]
struct Hunk {
    from: usize,
    to: usize,
    new: Vec<Group>,
}

/// The changes from `base` to `other`, both partitions of the same paragraphs. Where both
/// put a group boundary after the same paragraphs they are in step; between two such points
/// the groups are the same or form one change (a merge, a split, a move, a verify mark).
fn hunks(base: &[Group], other: &[Group]) -> Vec<Hunk> {
    let at: HashMap<(usize, usize), usize> =
        frontiers(other).into_iter().enumerate().map(|(i, f)| (f, i)).collect();
    let mut out = Vec::new();
    let mut prev = (0, 0);
    for (k, f) in frontiers(base).into_iter().enumerate().skip(1) {
        if let Some(&m) = at.get(&f) {
            if base[prev.0..k] != other[prev.1..m] {
                out.push(Hunk { from: prev.0, to: k, new: other[prev.1..m].to_vec() });
            }
            prev = (k, m);
        }
    }
    out
}

/// Applies the changes from `base` to `mine` on top of `theirs` (the file as it is now), when
/// the two change different groups of `base`; otherwise says which groups both changed.
pub fn merge(
    base: &Alignment,
    mine: &Alignment,
    theirs: &Alignment,
) -> std::result::Result<Alignment, String> {
    let same_texts = |a: &Alignment, b: &Alignment| {
        let side = |x: &crate::alignment::SourceText, y: &crate::alignment::SourceText| {
            x.lang == y.lang && x.hash == y.hash && x.paragraphs == y.paragraphs
        };
        side(&a.left, &b.left) && side(&a.right, &b.right)
    };
    if !same_texts(base, theirs) || !same_texts(base, mine) {
        return Err(
            "it is now an alignment of other texts (or of the texts as they are changed since)".into()
        );
    }
    let (b, m, t) = (&base.groups, &mine.groups, &theirs.groups);
    let end = frontiers(b).last().copied();
    if frontiers(m).last().copied() != end || frontiers(t).last().copied() != end {
        return Err("it does not cover the same paragraphs".into());
    }
    let ours = hunks(b, m);
    let others = hunks(b, t);
    let mut all: Vec<Hunk> = others.clone();
    for h in ours {
        match others.iter().find(|o| o.from < h.to && h.from < o.to) {
            // The same change made twice is no conflict.
            Some(o) if *o == h => {}
            Some(o) => {
                let (from, to) = (h.from.min(o.from), h.to.max(o.to));
                let groups = if to - from == 1 {
                    format!("group {}", from + 1)
                } else {
                    format!("groups {}-{}", from + 1, to)
                };
                return Err(format!(
                    "your edits and the changes there both touch {groups} (as you opened it)"
                ));
            }
            None => all.push(h),
        }
    }
    all.sort_by_key(|h| h.from);
    let mut groups = Vec::with_capacity(b.len());
    let mut i = 0;
    for h in all {
        groups.extend_from_slice(&b[i..h.from]);
        groups.extend(h.new);
        i = h.to;
    }
    groups.extend_from_slice(&b[i..]);
    let merged = Alignment { groups, ..theirs.clone() };
    match merged.problems().first() {
        Some(p) => Err(format!("the edits cannot be combined: {}", p.describe(&merged, None))),
        None => Ok(merged),
    }
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
        assert_eq!(free_beside(&f, "changed"), dir.path().join("a.en-zh.toml.changed"));
        assert!(matches!(find(&dir.path().join("none.toml")), Found::Missing));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod recovery_tests {
    use super::*;
    use crate::alignment::SourceText;
    use crate::document::Lang;

    #[test]
    fn a_recovery_file_reads_back_for_its_pair_only() {
        let dir = tempfile::tempdir().unwrap();
        let side =
            |lang| SourceText { lang, source: "x".into(), hash: "h".into(), paragraphs: 2, reading: None };
        let groups = vec![Group::new(vec![0, 1], vec![0], 1.0), Group::new(vec![], vec![1], 0.5)];
        let al = Alignment { work: None, left: side(Lang::EN), right: side(Lang::ZH), groups };
        let key = "/a/t.en.txt + /a/t.zh.txt en-zh";
        let path = recovery_path(dir.path(), key);
        write_recovery(&path, &recovery_bytes(key, &al, 1_764_675_900)).unwrap();
        let back = read_recovery(dir.path(), key).unwrap();
        assert_eq!(back, Recovery { time: 1_764_675_900, alignment: al });
        assert_eq!(read_recovery(dir.path(), "other en-zh"), None);
        std::fs::write(&path, "{ not json").unwrap();
        assert_eq!(read_recovery(dir.path(), key), None);
        discard_recovery(dir.path(), key);
        assert!(!path.exists());
        assert_eq!(utc(1_764_675_900), "2025-12-02 11:45 UTC");
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod merge_tests {
    use super::*;
    use crate::alignment::{SourceText, Status};
    use crate::document::Lang;

    fn side(lang: Lang, n: usize) -> SourceText {
        SourceText { lang, source: "x".into(), hash: "h".into(), paragraphs: n, reading: None }
    }

    /// An alignment of 6 + 6 paragraphs from groups given as (left ids, right ids).
    fn al(groups: &[(&[usize], &[usize])]) -> Alignment {
        let groups = groups.iter().map(|(l, r)| Group::new(l.to_vec(), r.to_vec(), 0.9)).collect();
        Alignment { work: None, left: side(Lang::EN, 6), right: side(Lang::ZH, 6), groups }
    }

    fn base() -> Alignment {
        al(&[(&[0], &[0]), (&[1], &[1]), (&[2], &[2]), (&[3], &[3]), (&[4], &[4]), (&[5], &[5])])
    }

    #[test]
    fn edits_of_other_groups_are_applied_on_top() {
        let mine = al(&[(&[0, 1], &[0, 1]), (&[2], &[2]), (&[3], &[3]), (&[4], &[4]), (&[5], &[5])]);
        let mut theirs = al(&[(&[0], &[0]), (&[1], &[1]), (&[2], &[2]), (&[3], &[3]), (&[4, 5], &[4, 5])]);
        theirs.groups[2].status = Status::Verified;
        let m = merge(&base(), &mine, &theirs).unwrap();
        let want = al(&[(&[0, 1], &[0, 1]), (&[2], &[2]), (&[3], &[3]), (&[4, 5], &[4, 5])]);
        assert_eq!(
            m.groups.iter().map(|g| (g.left.clone(), g.right.clone())).collect::<Vec<_>>(),
            want.groups.iter().map(|g| (g.left.clone(), g.right.clone())).collect::<Vec<_>>()
        );
        assert_eq!(m.groups[1].status, Status::Verified);
        // Each side's edits alone give that side's alignment.
        assert_eq!(merge(&base(), &mine, &base()).unwrap(), mine);
        assert_eq!(merge(&base(), &base(), &theirs).unwrap(), theirs);
    }

    #[test]
    fn edits_of_the_same_groups_are_refused() {
        let mine = al(&[(&[0, 1], &[0, 1]), (&[2], &[2]), (&[3], &[3]), (&[4], &[4]), (&[5], &[5])]);
        let mut theirs = base();
        theirs.groups[1].status = Status::Verified;
        let why = merge(&base(), &mine, &theirs).unwrap_err();
        assert!(why.contains("groups 1-2"), "{why}");
        // The same change on both sides is no conflict.
        assert_eq!(merge(&base(), &mine, &mine).unwrap(), mine);
        // Other texts are no base to merge on.
        let mut other = base();
        other.left.hash = "changed".into();
        assert!(merge(&base(), &mine, &other).is_err());
    }

    #[test]
    fn a_save_merges_or_refuses_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.en-zh.toml");
        let b = base();
        let first = save(&f, Save { mine: &b, base: &b, seen: None, stale: false }, None, None).unwrap();
        // Another reader saves a merge of groups 5 and 6.
        let theirs = al(&[(&[0], &[0]), (&[1], &[1]), (&[2], &[2]), (&[3], &[3]), (&[4, 5], &[4, 5])]);
        save(&f, Save { mine: &theirs, base: &b, seen: Some(&first.stamp), stale: false }, None, None)
            .unwrap();
        // This one merged groups 1 and 2 since it read the file: both survive.
        let mine = al(&[(&[0, 1], &[0, 1]), (&[2], &[2]), (&[3], &[3]), (&[4], &[4]), (&[5], &[5])]);
        let s = save(&f, Save { mine: &mine, base: &b, seen: Some(&first.stamp), stale: false }, None, None)
            .unwrap();
        assert!(s.merged.is_some() && s.describe().contains("changed on disk"));
        assert_eq!(Alignment::load(&f).unwrap().groups.len(), 4);
        // An edit of group 5-6 as first read conflicts with what is there now: nothing written.
        let before = std::fs::read(&f).unwrap();
        let clash = al(&[(&[0], &[0]), (&[1], &[1]), (&[2], &[2]), (&[3, 4], &[3, 4]), (&[5], &[5])]);
        let e = save(&f, Save { mine: &clash, base: &b, seen: Some(&first.stamp), stale: false }, None, None)
            .unwrap_err();
        assert!(e.to_string().contains("changed on disk"), "{e}");
        assert_eq!(std::fs::read(&f).unwrap(), before);
        let beside = save_beside(&f, &clash, None, None).unwrap();
        assert_eq!(beside, dir.path().join("a.en-zh.toml.changed"));
        assert_eq!(std::fs::read(&f).unwrap(), before);
    }
}
