//! `diglot read`. PLACEHOLDER: filled in by its issue.

use std::io::Write;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Default, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args, _out: &mut dyn Write) -> Result<()> {
    Err(Error::Usage("'read' is not implemented yet".into()))
}
