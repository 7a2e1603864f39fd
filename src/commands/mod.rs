//! One module per subcommand. `main.rs` parses the command line into these argument structs
//! and calls `run`; each `run` writes its output to the writer it is given.

pub mod align;
pub mod check;
pub mod eval;
pub mod export;
pub mod pair;
pub mod paragraphs;
pub mod read;
pub mod works;
