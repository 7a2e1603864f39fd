//! `diglot align`. PLACEHOLDER: filled in by its issue.

use std::io::Write;

use crate::error::{Error, Result};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args, _out: &mut dyn Write) -> Result<()> {
    Err(Error::Usage("'align' is not implemented yet".into()))
}
