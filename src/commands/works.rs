//! `diglot works`: lists the works diglot knows.

use std::io::Write;

use crate::error::{Error, Result};
use crate::works::Library;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args, out: &mut dyn Write) -> Result<()> {
    let lib = Library::load()?;
    let io = |e| Error::io("<stdout>", e);
    for w in lib.works() {
        let langs = w.langs().iter().map(|l| l.to_string()).collect::<Vec<_>>().join(", ");
        writeln!(out, "{:<12} {:<16} {}", w.id, langs, w.title).map_err(io)?;
    }
    Ok(())
}
