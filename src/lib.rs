//! diglot: read a text and its translation side by side in the terminal.
//!
//! The library holds everything; the binary only parses arguments and dispatches.
//!
//! - [`document`]: the paragraph model every other part shares.
//! - [`source`]: reading a text file safely (encoding, BOM, line ends, junk).
//! - [`import`]: turns messy text files into tagged paragraphs.
//! - [`align`]: pairs the paragraphs of a text and its translation.
//! - [`alignment`]: the alignment model, its checks, and the human-readable TOML file.
//! - [`store`]: alignment files where the user keeps them: atomic saves, changes on disk,
//!   broken files kept, recovery of unsaved edits.
//! - [`dirs`]: where user data, state and cache live (`DIGLOT_HOME` overrides).
//! - [`cache`]: alignments made on the fly, keyed by the texts' content and the aligner.
//! - [`compose`]: three texts aligned through a shared one (the reader's three panes).
//! - [`works`]: the catalogue of works and the seeds built into the binary.
//! - [`pairing`]: the one service that says which alignment a pair of texts gets (stored,
//!   re-aligned keeping verified groups, cached, or aligned now).
//! - [`export`]: jsonl, tsv and TMX output.
//! - [`eval`]: scoring an alignment against a gold one (strict and lax precision, recall, F1).
//! - [`pair`]: finding which of several documents are translations of each other.
//! - [`review`]: the review-edit model (merge, split, move, detach, verify, undo) review mode drives.
//! - [`segment`]: the sentences of a paragraph (for the reader's sentence counterparts).
//! - [`tui`]: the reader and review mode (state, layout and drawing).
//! - [`commands`]: one module per subcommand, called by `main.rs`.
//! - [`allocator`]: how the process asks malloc to behave (one arena: a book's peak memory).

pub mod align;
pub mod alignment;
pub mod allocator;
pub mod cache;
pub mod commands;
pub mod compose;
pub mod dirs;
pub mod document;
pub mod error;
pub mod eval;
pub mod export;
pub mod import;
pub mod pair;
pub mod pairing;
pub mod review;
pub mod segment;
pub mod source;
pub mod store;
pub mod tui;
pub mod works;

pub use document::{Document, Kind, Lang, Paragraph};
pub use error::{Error, Result};
