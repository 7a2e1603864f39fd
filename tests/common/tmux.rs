//! The built binary in a real terminal: a detached tmux session on a socket of its own.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub const W: u16 = 120;
pub const H: u16 = 40;

pub fn have_tmux() -> bool {
    Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success())
}

/// Whether a real-terminal test must be skipped for want of tmux (and says so).
pub fn tmux_missing() -> bool {
    let missing = !have_tmux();
    if missing {
        eprintln!("note: tmux is not installed; skipping this real-terminal test");
    }
    missing
}

pub struct Tmux {
    pub socket: String,
    /// `DIGLOT_HOME` of the session (its state, where the reading position is remembered, and
    /// its cache).
    pub state: tempfile::TempDir,
}

/// A shell word.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

impl Tmux {
    /// Starts `diglot ARGS` in the crate's directory, with a fresh state directory.
    pub fn start(name: &str, args: &[&str]) -> Tmux {
        Tmux::start_in(name, Path::new(env!("CARGO_MANIFEST_DIR")), tempfile::tempdir().unwrap(), args)
    }

    /// Starts `diglot ARGS` in a detached W×H session, in directory `cwd`, with `state` as its
    /// `DIGLOT_HOME` and its `HOME` (so that messages show the user's files as `~/data/…`).
    pub fn start_in(name: &str, cwd: &Path, state: tempfile::TempDir, args: &[&str]) -> Tmux {
        let socket = format!("diglot-test-{}-{name}", std::process::id());
        let mut cmd = format!(
            "cd {} && env DIGLOT_HOME={} HOME={} TERM=xterm-256color {}",
            quote(&cwd.display().to_string()),
            quote(&state.path().display().to_string()),
            quote(&state.path().display().to_string()),
            quote(env!("CARGO_BIN_EXE_diglot"))
        );
        for a in args {
            cmd += &format!(" {}", quote(a));
        }
        let t = Tmux { socket, state };
        let ok = t.tmux(&["new-session", "-d", "-x", &W.to_string(), "-y", &H.to_string(), &cmd]);
        assert!(ok, "tmux new-session failed");
        t.wait_for(|s| s.lines().count() >= 2 && s.lines().last().is_some_and(|l| !l.trim().is_empty()));
        t
    }

    /// Starts a shell command line in the crate's directory, with a fresh state directory;
    /// `{diglot}` in it stands for the binary (for pipes: `cat f | {diglot} read -`).
    pub fn start_shell(name: &str, line: &str) -> Tmux {
        let state = tempfile::tempdir().unwrap();
        let socket = format!("diglot-test-{}-{name}", std::process::id());
        let cmd = format!(
            "cd {} && export DIGLOT_HOME={} TERM=xterm-256color && {}",
            quote(env!("CARGO_MANIFEST_DIR")),
            quote(&state.path().display().to_string()),
            line.replace("{diglot}", &quote(env!("CARGO_BIN_EXE_diglot")))
        );
        let t = Tmux { socket, state };
        let ok = t.tmux(&["new-session", "-d", "-x", &W.to_string(), "-y", &H.to_string(), &cmd]);
        assert!(ok, "tmux new-session failed");
        t
    }

    /// Starts the shell script `script` (which finds the binary in `$DIGLOT`) in a detached
    /// W×H session, in directory `cwd`, with `home` as its `DIGLOT_HOME` and `HOME`; `script` may outlive
    /// the binary, to show what it left behind.
    pub fn start_script(name: &str, cwd: &Path, home: &Path, script: &str) -> Tmux {
        let socket = format!("diglot-test-{}-{name}", std::process::id());
        let cmd = format!(
            "cd {} && env DIGLOT_HOME={} HOME={} TERM=xterm-256color DIGLOT={} sh -c {}",
            quote(&cwd.display().to_string()),
            quote(&home.display().to_string()),
            quote(&home.display().to_string()),
            quote(env!("CARGO_BIN_EXE_diglot")),
            quote(script)
        );
        let t = Tmux { socket, state: tempfile::tempdir().unwrap() };
        let ok = t.tmux(&["new-session", "-d", "-x", &W.to_string(), "-y", &H.to_string(), &cmd]);
        assert!(ok, "tmux new-session failed");
        t
    }

    /// Starts `diglot ARGS` as [`Tmux::start_in`] does, with `home` (which outlives the
    /// session: several runs may share it) as its `DIGLOT_HOME` and `HOME`.
    pub fn start_in_home(name: &str, cwd: &Path, home: &Path, args: &[&str]) -> Tmux {
        let mut script = "exec \"$DIGLOT\"".to_string();
        for a in args {
            script += &format!(" {}", quote(a));
        }
        let t = Tmux::start_script(name, cwd, home, &script);
        t.wait_for(|s| s.lines().count() >= 2 && s.lines().last().is_some_and(|l| !l.trim().is_empty()));
        t
    }

    /// A tmux format of the pane, such as `#{alternate_on}`.
    pub fn format(&self, f: &str) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(["display-message", "-p", f])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn tmux(&self, args: &[&str]) -> bool {
        Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().is_ok_and(|o| o.status.success())
    }

    pub fn capture(&self) -> String {
        let out =
            Command::new("tmux").arg("-L").arg(&self.socket).args(["capture-pane", "-p"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            assert!(self.tmux(&["send-keys", k]), "send-keys {k}");
        }
    }

    /// Types text literally (so `/` or Chinese are not read as key names).
    pub fn type_text(&self, text: &str) {
        assert!(self.tmux(&["send-keys", "-l", text]));
    }

    pub fn wait_for(&self, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.capture();
            if pred(&s) {
                return s;
            }
            assert!(start.elapsed() < Duration::from_secs(15), "timed out; screen:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the status line (the last row) contains `needle`.
    pub fn wait_status(&self, needle: &str) -> String {
        self.wait_for(|s| s.lines().last().unwrap_or("").contains(needle))
    }

    pub fn alive(&self) -> bool {
        self.tmux(&["has-session"])
    }

    /// Waits for the program to exit (the session ends with it).
    pub fn wait_exit(&self, what: &str) {
        let start = Instant::now();
        while self.alive() {
            assert!(start.elapsed() < Duration::from_secs(10), "{what} did not exit:\n{}", self.capture());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}
