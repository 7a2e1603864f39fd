//! Atomic writes: a file is either the old one or the new one, whatever happens during the
//! save (a crash, a kill, a full disk).

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The temporary file a save of `target` writes first: hidden, in the same directory (a
/// rename is only atomic within one file system), and not ending in `.toml`, so that a file
/// left behind by a killed save is never taken for an alignment.
pub fn temp_path_for(target: &Path) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    target.with_file_name(format!(".{name}.{}.diglot-tmp", std::process::id()))
}

/// How old a temporary file of another save must be before it is taken for the leftover of
/// a save that was killed, rather than a save still running in another process.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes what killed saves of `target` left behind.
fn remove_stale_temp_files(target: &Path) {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else { return };
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if !(n.starts_with(&prefix) && n.ends_with(".diglot-tmp")) {
            continue;
        }
        let old = e.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
        if old.is_some_and(|age| age > STALE_TEMP_AGE) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Writes `contents` to `path` atomically (see [`super::save_atomic`]): the bytes go to a temporary file in the
/// same directory, flushed and synced, then renamed over `path`, and the directory is synced
/// so the rename itself survives a power cut.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    write_atomic_via(path, contents, |f, bytes| f.write_all(bytes))
}

/// [`write_atomic`] with the writing step given, so that tests can make it fail half-way.
/// On any failure the temporary file is removed and the target is left untouched.
pub fn write_atomic_via(
    path: &Path,
    contents: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> std::io::Result<()>,
) -> Result<()> {
    // Only a regular file may be replaced by a rename: one over a FIFO or a device (`-o
    // /dev/null` as root) would put a regular file in its place. Those are written in place.
    if let Ok(m) = fs::metadata(path)
        && !m.is_file()
        && !m.is_dir()
    {
        return write_in_place(path, &m, contents, write);
    }
    // Save through a symlink to the file it points to, rather than replacing the link.
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).map_err(|e| Error::io(path, e))?,
        Ok(m) if m.is_dir() => return Err(Error::IsDirectory { path: path.to_path_buf() }),
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::NotFound, format!("no directory '{}'", dir.display())),
        ));
    }
    let tmp = temp_path_for(&target);
    let result = (|| -> std::io::Result<()> {
        let mut f = fs::OpenOptions::new().write(true).create(true).truncate(true).open(&tmp)?;
        // Keep the permissions of the file being replaced.
        if let Ok(m) = fs::metadata(&target) {
            f.set_permissions(m.permissions())?;
        }
        write(&mut f, contents)?;
        f.flush()?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, &target)?;
        // Make the rename durable. Opening a directory fails on some platforms; the file itself
        // is complete either way, so that failure is not worth refusing the save for.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        remove_stale_temp_files(&target);
        Ok(())
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Writes to a FIFO or a character device (`/dev/stdout`, `/dev/null`, a terminal) as a shell
/// redirection would. A block device (a disk) or a socket is refused: nothing diglot writes
/// belongs there.
fn write_in_place(
    path: &Path,
    meta: &fs::Metadata,
    contents: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> std::io::Result<()>,
) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if !(t.is_fifo() || t.is_char_device()) {
            let kind = crate::source::kind_of(meta);
            return Err(Error::NotWritable { path: path.to_path_buf(), kind });
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    let mut f = fs::OpenOptions::new().write(true).open(path).map_err(|e| Error::io(path, e))?;
    write(&mut f, contents).and_then(|()| f.flush()).map_err(|e| Error::io(path, e))
}

/// An exclusive lock on a directory, held while a save reads what is on disk and writes over
/// it: two readers saving the same file at once take turns, so neither writes over what the
/// other wrote between its check and its rename. Released when dropped (or when the process
/// dies, so a killed save never leaves it held).
#[derive(Debug)]
pub struct DirLock {
    /// Held for its lock, which closing it releases.
    _dir: File,
}

/// How long a save waits for another to finish before it gives up with a message.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

impl DirLock {
    /// Locks `dir` (which must exist), waiting up to [`LOCK_WAIT`] for a save in another
    /// process. A file system without locks (some network mounts) is saved to unlocked, as
    /// before: the changed-on-disk check still catches most of what a lock would.
    pub fn take(dir: &Path) -> Result<DirLock> {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        let file = File::open(dir).map_err(|e| Error::io(dir, e))?;
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            let start = std::time::Instant::now();
            loop {
                // SAFETY: flock on a descriptor this function owns; it touches no memory.
                let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
                if r == 0 {
                    break;
                }
                let e = std::io::Error::last_os_error();
                match e.raw_os_error() {
                    Some(libc::EWOULDBLOCK) if start.elapsed() < LOCK_WAIT => {
                        std::thread::sleep(std::time::Duration::from_millis(20));
                    }
                    Some(libc::EWOULDBLOCK) => {
                        let why = "another diglot is saving here and has not finished: try again";
                        return Err(Error::io(dir, std::io::Error::new(std::io::ErrorKind::WouldBlock, why)));
                    }
                    Some(libc::EINTR) => {}
                    _ => break,
                }
            }
        }
        Ok(DirLock { _dir: file })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Saves that read, change and write the same file from many threads at once (each with
    /// its own lock, as separate processes have) lose no update.
    #[test]
    fn locked_read_modify_writes_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("count.txt");
        write_atomic(&path, b"0").unwrap();
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    for _ in 0..25 {
                        let _lock = DirLock::take(dir.path()).unwrap();
                        let n: u32 = fs::read_to_string(&path).unwrap().parse().unwrap();
                        std::thread::yield_now();
                        write_atomic(&path, (n + 1).to_string().as_bytes()).unwrap();
                    }
                });
            }
        });
        assert_eq!(fs::read_to_string(&path).unwrap(), "200");
    }
}
