//! Helpers shared by the integration tests: scratch directories, small texts, alignments.
#![allow(dead_code, clippy::unwrap_used)]

pub mod synthetic;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use diglot::align::{AlignOptions, align};
use diglot::alignment::{Alignment, SourceText};
use diglot::document::{Document, Lang};
use diglot::import::{ImportOptions, import_one};
use diglot::works::Library;

pub mod screen;
pub mod tmux;

/// A fresh, empty scratch directory for one test, removed when the test ends.
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("diglot-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

pub const EN: &str = "The workers of the oil town went on strike in the first days of January.\n\n\
The price of liquefied gas had doubled overnight, and the protest spread to every city.\n\n\
The government resigned, but the crowds stayed in the squares & demanded more: <freedom>.\n\n\
Troops from abroad arrived within a week, and the internet was cut across the country.\n";

pub const ZH: &str = "一月初，石油小镇的工人们举行了罢工。\n\n\
液化气的价格一夜之间翻了一番，抗议蔓延到了每一座城市。\n\n\
政府辞职了，但人群仍然留在广场上，要求更多：“自由”。\n\n\
外国军队在一周内抵达，全国的互联网被切断。\n";

/// Writes the two small texts into `dir` as `en.txt` and `zh.txt`.
pub fn write_texts(dir: &Path) -> (PathBuf, PathBuf) {
    let (a, b) = (dir.join("en.txt"), dir.join("zh.txt"));
    std::fs::write(&a, EN).unwrap();
    std::fs::write(&b, ZH).unwrap();
    (a, b)
}

pub fn import(path: &Path, lang: Lang) -> Document {
    #[allow(clippy::needless_update)]
    let opts = ImportOptions { lang: Some(lang), ..Default::default() };
    import_one(path, &opts).unwrap()
}

/// An alignment of two user files, made by the aligner, with `source` as recorded.
pub fn align_files(
    left: &Path,
    right: &Path,
    lsource: &str,
    rsource: &str,
) -> (Alignment, Document, Document) {
    let (l, r) = (import(left, Lang::EN), import(right, Lang::ZH));
    let groups = align(&l, &r, &AlignOptions::default());
    let al = Alignment {
        work: None,
        left: SourceText::of(&l, lsource),
        right: SourceText::of(&r, rsource),
        groups,
    };
    (al, l, r)
}

/// The built-in library (no user directory).
pub fn library() -> Library {
    Library::load_from(None).unwrap()
}

/// An alignment of a built-in work, made by the aligner on the library's documents.
pub fn align_work(work: &str, left: Lang, right: Lang) -> (Alignment, Document, Document) {
    let lib = library();
    let (l, r) = (lib.document(work, left).unwrap(), lib.document(work, right).unwrap());
    let groups = align(&l, &r, &AlignOptions::default());
    let w = lib.work(work).unwrap();
    let file = |lang| w.text(lang).unwrap().file.clone();
    let al = Alignment {
        work: Some(work.to_string()),
        left: SourceText::of(&l, file(left)),
        right: SourceText::of(&r, file(right)),
        groups,
    };
    (al, l, r)
}

/// The `DIGLOT_HOME` every test run of the binary gets, so that no test reads or writes the
/// real home's data, state or cache. Shared by the tests: cache entries are keyed by content,
/// so a hit gives what a miss would.
pub fn test_home() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("diglot-home")
}

/// The diglot binary, with `DIGLOT_HOME` set to [`test_home`].
pub fn command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_diglot"));
    c.env(diglot::dirs::HOME_VAR, test_home());
    c
}

/// Runs `cmd` (usually [`command`]) to its end with a deadline, so a hang fails the test
/// instead of stalling the suite (a guard, not a speed measurement). Both pipes are read while
/// waiting (a child writing megabytes would block on a full pipe otherwise); stdin is empty.
/// `max_memory` caps the child's address space: a run that needs more aborts, which fails the
/// test.
pub fn run_bounded(cmd: &mut Command, deadline: std::time::Duration, max_memory: Option<u64>) -> Output {
    use std::io::Read;
    use std::process::Stdio;
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    if let Some(limit) = max_memory {
        use std::os::unix::process::CommandExt;
        // SAFETY: setrlimit is async-signal-safe, and nothing else runs between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                let rl = libc::rlimit { rlim_cur: limit, rlim_max: limit };
                if libc::setrlimit(libc::RLIMIT_AS, &rl) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let mut child = cmd.spawn().unwrap();
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let end = std::time::Instant::now() + deadline;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > end {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} did not finish");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    Output { status, stdout: stdout.join().unwrap(), stderr: stderr.join().unwrap() }
}

/// Runs the diglot binary in `dir`.
pub fn diglot(dir: &Path, args: &[&str]) -> Output {
    command().args(args).current_dir(dir).output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A failure the way users should see it: non-zero exit, one line on stderr, no panic.
pub fn assert_one_line_error(o: &Output, needle: &str) {
    let err = stderr(o);
    assert!(!o.status.success(), "expected failure, got success; stderr: {err}");
    assert!(!err.contains("panicked"), "panic: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "expected one line, got: {err}");
    assert!(err.contains(needle), "expected {needle:?} in: {err}");
}
