//! The `diglot` command line: parses arguments and hands each subcommand to the library.

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use diglot::commands;

/// Read a text and its translation side by side in the terminal.
#[derive(Parser)]
#[command(name = "diglot", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Show the paragraphs the importer reads from a file.
    Paragraphs(commands::paragraphs::Args),
    /// Align two texts from scratch.
    Align(commands::align::Args),
    /// Print a stored alignment of a work (or an alignment file) as jsonl, tsv or TMX.
    Export(commands::export::Args),
    /// Check alignment files: coverage, order, and whether their sources changed.
    Check(commands::check::Args),
    /// Score an alignment against a gold ladder (strict and lax precision, recall, F1).
    Eval(commands::eval::Args),
    /// Say which of the given documents are translations of each other.
    Pair(commands::pair::Args),
    /// Open the reader on a work or on two files.
    Read(commands::read::Args),
    /// List the built-in works.
    Works(commands::works::Args),
}

fn main() -> ExitCode {
    diglot::allocator::one_arena();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => match commands::one_line_usage_error(&e) {
            Some(message) => {
                eprintln!("diglot: {}", diglot::source::escape_controls(&message));
                return ExitCode::from(2);
            }
            None => e.exit(),
        },
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match &cli.command {
        None => commands::read::run(&commands::read::Args::default(), &mut out),
        Some(Command::Paragraphs(a)) => commands::paragraphs::run(a, &mut out),
        Some(Command::Align(a)) => commands::align::run(a, &mut out),
        Some(Command::Export(a)) => commands::export::run(a, &mut out),
        Some(Command::Check(a)) => commands::check::run(a, &mut out),
        Some(Command::Eval(a)) => commands::eval::run(a, &mut out),
        Some(Command::Pair(a)) => commands::pair::run(a, &mut out),
        Some(Command::Read(a)) => commands::read::run(a, &mut out),
        Some(Command::Works(a)) => commands::works::run(a, &mut out),
    };
    let _ = out.flush();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`diglot paragraphs f | head`) is not an error worth a message.
        Err(diglot::Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            // Messages quote paths and file contents: neither may drive the terminal.
            eprintln!("diglot: {}", diglot::source::escape_controls(&e.to_string()));
            // As clap's own: a command line that asks for the impossible exits 2, a run that fails 1.
            if e.is_usage() { ExitCode::from(2) } else { ExitCode::FAILURE }
        }
    }
}
