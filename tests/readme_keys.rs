//! The README's key tables list every key of the table the help overlay draws
//! (`diglot::tui::keys::BINDINGS`), Ctrl keys included, so the two cannot drift apart.
//!
//! Each table follows a `<!-- keys: NAME -->` marker naming the context its keys work in; a
//! key counts as listed when it is one of the backticked names in the first column of a row
//! (`j`, `↓`, `Ctrl-Z`), or falls in a range written `` `1`–`9` ``.
#![allow(clippy::unwrap_used)]

use diglot::tui::app::Context;
use diglot::tui::keys::{BINDINGS, key_names};

fn marker(context: Context) -> &'static str {
    match context {
        Context::Library => "library",
        Context::Reader => "reader",
        Context::Help => "help",
        Context::Toc => "toc",
        Context::Prompt => "prompt",
        Context::Review => "review",
        Context::Confirm => "confirm",
    }
}

/// The first cells of the rows of the table after `<!-- keys: NAME -->`.
fn key_cells(readme: &str, name: &str) -> Vec<String> {
    let tag = format!("<!-- keys: {name} -->");
    let at = readme.find(&tag).unwrap_or_else(|| panic!("README has no {tag}"));
    readme[at + tag.len()..]
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .filter_map(|l| l.split('|').nth(1).map(str::to_string))
        .collect()
}

/// The backticked names in a cell.
fn names(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

/// Whether the cell lists key `name`, alone or in a range `a`–`b`.
fn lists(cell: &str, name: &str) -> bool {
    if names(cell).contains(&name) {
        return true;
    }
    let mut chars = name.chars();
    let (Some(n), None) = (chars.next(), chars.next()) else { return false };
    let parts: Vec<&str> = cell.split('`').collect();
    parts.windows(3).any(|w| {
        let one = |s: &str| {
            let mut c = s.chars();
            c.next().filter(|_| c.next().is_none())
        };
        matches!((one(w[0]), w[1], one(w[2])), (Some(a), "–", Some(b)) if a <= n && n <= b)
    })
}

#[test]
fn the_readme_lists_every_key_of_the_help_table() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut missing = Vec::new();
    for b in BINDINGS {
        let cells = key_cells(&readme, marker(b.context));
        for name in key_names(b) {
            if !cells.iter().any(|c| lists(c, &name)) {
                missing.push(format!("{name} ({:?}: {})", b.context, b.help));
            }
        }
    }
    assert!(missing.is_empty(), "keys missing from the README's key tables:\n{}", missing.join("\n"));
}

#[test]
fn the_check_itself_reads_ranges_and_cells() {
    assert!(lists("`1`–`9`, `0`", "5"));
    assert!(lists("`1`–`9`, `0`", "0"));
    assert!(!lists("`1`–`9`", "a"));
    assert!(lists("`z` `Ctrl-Z` / `Z` `Ctrl-Y`", "Ctrl-Y"));
    assert!(!lists("`z`", "Z"));
    let table = "<!-- keys: x -->\n| keys | what |\n| --- | --- |\n| `a` / `b` | ab |\n| `c` | c |\n\nafter";
    assert_eq!(key_cells(table, "x"), [" `a` / `b` ", " `c` "]);
}
