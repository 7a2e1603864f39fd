//! Where diglot keeps what it writes for a user: data, state (reading positions) and cache
//! (alignments made on the fly).
//!
//! The platform's directories, from the `directories` crate (XDG on Linux:
//! `~/.local/share/diglot`, `~/.local/state/diglot`, `~/.cache/diglot`), with one override:
//! when `DIGLOT_HOME` is set, everything lives under it, in `data/`, `state/` and `cache/`.
//! Tests set it, so no test writes to the real home.

use std::path::PathBuf;

/// The environment variable that moves all of diglot's user files under one directory.
pub const HOME_VAR: &str = "DIGLOT_HOME";

fn home() -> Option<PathBuf> {
    std::env::var_os(HOME_VAR).filter(|v| !v.is_empty()).map(PathBuf::from)
}

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "diglot")
}

/// The user's own files (kept until the user removes them). `None` when there is no home.
pub fn data_dir() -> Option<PathBuf> {
    match home() {
        Some(h) => Some(h.join("data")),
        None => project().map(|p| p.data_dir().to_path_buf()),
    }
}

/// What diglot remembers between runs (reading positions). Platforms without a state
/// directory (macOS, Windows) keep it with the data.
pub fn state_dir() -> Option<PathBuf> {
    match home() {
        Some(h) => Some(h.join("state")),
        None => project().map(|p| p.state_dir().unwrap_or(p.data_local_dir()).to_path_buf()),
    }
}

/// What can be made again at will (alignments made on the fly).
pub fn cache_dir() -> Option<PathBuf> {
    match home() {
        Some(h) => Some(h.join("cache")),
        None => project().map(|p| p.cache_dir().to_path_buf()),
    }
}
