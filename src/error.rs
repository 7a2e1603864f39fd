//! The one error type users see. Every message is one line that says what went wrong and
//! where: the path in quotes, then the line or byte where that helps.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("'{path}': {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("'{path}': no such file")]
    NotFound { path: PathBuf },
    #[error("'{path}': is a directory, expected a text file")]
    IsDirectory { path: PathBuf },
    #[error("'{path}': the file is empty")]
    Empty { path: PathBuf },
    #[error("'{path}': is {kind}, expected a regular file")]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("'{path}': is {kind}; write to a regular file, a FIFO or a character device")]
    NotWritable { path: PathBuf, kind: &'static str },
    #[error("'{path}': not valid {encoding} at line {line}, byte {byte}")]
    NotDecodable { path: PathBuf, encoding: &'static str, line: usize, byte: usize },
    #[error("'{path}': looks like a binary file (byte {value:#04x} at byte {byte}), expected text")]
    Binary { path: PathBuf, byte: usize, value: u8 },
    #[error("'{path}': too large (more than {limit} bytes)")]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("'{0}' is not a language code (expected ISO 639-1, such as en, zh, ko)")]
    UnknownLang(String),
    #[error("'{path}': has no text in language '{lang}' (it has: {found})")]
    LangMissing { path: String, lang: String, found: String },
    #[error("'{0}' is not a known work (see `diglot works`)")]
    UnknownWork(String),
    #[error("'{0}' is not a known format (expected one of: {1})")]
    UnknownFormat(String, String),
    #[error("'{path}': {message}")]
    BadAlignment { path: String, message: String },
    #[error("'{path}': stale: {message}")]
    StaleAlignment { path: String, message: String },
    #[error("'{path}' changed on disk since it was read, and {message}")]
    ChangedOnDisk { path: String, message: String },
    #[error("check failed: {stale} stale, {broken} broken (of {total} checked)")]
    CheckFailed { stale: usize, broken: usize, total: usize },
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Terminal(String),
}

impl Error {
    /// Whether the command line itself is at fault (exit status 2, as for clap's errors): a
    /// value no option takes, a work that does not exist, a language the text does not have.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            Error::Usage(_)
                | Error::UnknownFormat(..)
                | Error::UnknownLang(_)
                | Error::UnknownWork(_)
                | Error::LangMissing { .. }
        )
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }
}
