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

/// clap's message for a bad value, in diglot's one-line style: the bad value in quotes, then
/// what was expected (`'xml' is not a known format (expected one of: text, jsonl)`). Other
/// clap errors (help, version, a missing argument) keep clap's own text.
pub fn one_line_usage_error(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let string = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let value = string(ContextKind::InvalidValue)?;
    let arg = string(ContextKind::InvalidArg)?;
    let what = arg.split_whitespace().next().unwrap_or(&arg).trim_start_matches('-').replace('-', " ");
    match e.kind() {
        ErrorKind::InvalidValue => {
            let Some(ContextValue::Strings(valid)) = e.get(ContextKind::ValidValue) else { return None };
            Some(format!("'{value}' is not a known {what} (expected one of: {})", valid.join(", ")))
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)?.to_string();
            // diglot's own parsers already say it in the house style; std's (a number) do not.
            if why.contains(&format!("'{value}'")) {
                Some(why)
            } else {
                Some(format!("'{value}' is not a valid {what} ({why})"))
            }
        }
        _ => None,
    }
}
