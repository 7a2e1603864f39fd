//! `diglot works`: lists the works diglot knows.

use std::io::Write;

use crate::error::{Error, Result};
use crate::works::Library;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args, out: &mut dyn Write) -> Result<()> {
    let lib = Library::load()?;
    let io = |e| Error::io("<stdout>", e);
    let rows: Vec<[String; 3]> = lib
        .works()
        .iter()
        .map(|w| {
            let langs = w.langs().iter().map(|l| l.to_string()).collect::<Vec<_>>().join(", ");
            [w.id.clone(), langs, w.title.clone()]
        })
        .collect();
    for line in columns(&rows) {
        writeln!(out, "{line}").map_err(io)?;
    }
    Ok(())
}

/// Rows as lines of columns two spaces apart, each as wide as its widest cell on screen (a
/// Chinese character takes two columns, so padding by characters would misalign them).
fn columns(rows: &[[String; 3]]) -> Vec<String> {
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let mut widths = [0; 3];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    rows.iter()
        .map(|row| {
            let mut line = String::new();
            for (k, cell) in row.iter().enumerate() {
                line.push_str(cell);
                if k + 1 < row.len() {
                    line.push_str(&" ".repeat(widths[k] - width(cell) + 2));
                }
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_by_display_width() {
        let row = |a: &str, b: &str, c: &str| [a.to_string(), b.to_string(), c.to_string()];
        let rows = [row("rcit", "en, es, ru, pt, ko", "K"), row("中文", "zh", "标题"), row("x", "en", "T")];
        assert_eq!(
            columns(&rows),
            ["rcit  en, es, ru, pt, ko  K", "中文  zh                  标题", "x     en                  T"]
        );
    }
}
