//! SIGTERM, SIGHUP, SIGINT and SIGQUIT while the reader has the terminal.
//!
//! Their default action would end the process at once, leaving the user's terminal raw, on the
//! alternate screen, with mouse reporting on, and unsaved review edits lost. Instead a thread
//! waits for them and raises a flag that the event loop polls (at least every tick): the loop
//! then writes the unsaved edits to a recovery file, gives the terminal back and exits with
//! 128 + the signal's number, as a shell reports a process killed by it.
//!
//! After SIGHUP the terminal is gone, and reading it may block or spin in ways the loop never
//! sees; so the same thread (which also notices a terminal gone without a SIGHUP: it then acts
//! as for one), 2 s after a signal, does the loop's work itself if the process is still
//! running: it gives the terminal back, writes the recovery file if no one has yet, and
//! `_exit`s. That is why the recovery file's bytes are made ahead of time ([`Guard::keep`]):
//! the backstop only writes them.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::{Handle, Signals};

/// The signals that end the reader cleanly.
pub const SIGNALS: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// How long the event loop has to exit on its own after a signal.
pub const BACKSTOP: Duration = Duration::from_secs(2);

/// How often the watchdog looks for a signal and for the terminal.
const WATCH: Duration = Duration::from_millis(200);

/// A recovery file to write: where, and its bytes.
type Pending = Option<(PathBuf, Vec<u8>)>;

/// Catches the signals while it lives.
pub struct Guard {
    caught: Arc<AtomicI32>,
    pending: Arc<Mutex<Pending>>,
    handle: Handle,
}

impl Guard {
    pub fn install() -> std::io::Result<Guard> {
        let mut signals = Signals::new(SIGNALS)?;
        let handle = signals.handle();
        let caught = Arc::new(AtomicI32::new(0));
        let pending: Arc<Mutex<Pending>> = Arc::new(Mutex::new(None));
        let (c, p) = (caught.clone(), pending.clone());
        std::thread::spawn(move || {
            let sig = loop {
                // Ends when the guard is dropped (the handle closes the iterator).
                if signals.is_closed() {
                    return;
                }
                if let Some(sig) = signals.pending().next() {
                    break sig;
                }
                // A terminal can go away without a SIGHUP reaching the reader (its shell
                // ignored it, as `nohup` does); then reading it spins, and only this sees it.
                if !terminal_alive() {
                    break SIGHUP;
                }
                std::thread::sleep(WATCH);
            };
            c.store(sig, Ordering::SeqCst);
            std::thread::sleep(BACKSTOP);
            restore_terminal_raw();
            write_pending(&p);
            // SAFETY: _exit ends the process at once; nothing is left half done that matters:
            // the recovery file is written atomically, and the terminal is given back above.
            unsafe { libc::_exit(128 + sig) }
        });
        Ok(Guard { caught, pending, handle })
    }

    /// The signal caught, if any.
    pub fn caught(&self) -> Option<i32> {
        Some(self.caught.load(Ordering::SeqCst)).filter(|&s| s != 0)
    }

    /// What to write if a signal comes now (`None`: no unsaved edits).
    pub fn keep(&self, pending: Pending) {
        if let Ok(mut p) = self.pending.lock() {
            *p = pending;
        }
    }

    /// Writes the recovery file kept, once (the backstop then finds nothing to write).
    pub fn write_pending(&self) -> Option<PathBuf> {
        write_pending(&self.pending)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.handle.close();
    }
}

/// Whether the terminal on stdout is still there: after a hangup every request to it fails.
fn terminal_alive() -> bool {
    // SAFETY: tcgetattr only writes the struct it is given.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    unsafe { libc::tcgetattr(1, &mut t) == 0 }
}

fn write_pending(pending: &Mutex<Pending>) -> Option<PathBuf> {
    let (path, bytes) = pending.lock().ok()?.take()?;
    crate::store::write_recovery(&path, &bytes).ok().map(|()| path)
}

/// Gives the terminal back without taking any lock the stuck loop may hold: raw mode off, and
/// the escape sequences that end mouse reporting and the alternate screen and show the cursor
/// written straight to the file descriptor.
fn restore_terminal_raw() {
    let _ = crossterm::terminal::disable_raw_mode();
    let seq = b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1049l\x1b[?25h";
    let mut out = std::mem::ManuallyDrop::new(unsafe_stdout());
    let _ = out.write_all(seq);
    let _ = out.flush();
}

/// File descriptor 1 as a `File`, bypassing the `Stdout` lock.
fn unsafe_stdout() -> std::fs::File {
    use std::os::fd::FromRawFd;
    // SAFETY: fd 1 stays open for the life of the process; the caller never drops the `File`
    // (it is wrapped in `ManuallyDrop`), so the descriptor is not closed.
    unsafe { std::fs::File::from_raw_fd(1) }
}
