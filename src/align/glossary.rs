//! A user's glossary: pairs of terms that translate each other (names the aligner cannot
//! match by itself, such as 阿拉木图 and Almaty), read from `alignments/glossary.toml` or a file
//! given with `--glossary`. Each pair becomes an anchor in whichever direction the texts are:
//!
//! ```toml
//! [[pair]]
//! left = "Almaty"
//! right = "阿拉木图"
//! ```
//!
//! A file ending in `.tsv` is a word list instead, one pair a line, `left<TAB>right`, in the
//! form of the dictionaries in `data/dict/` (a third field, a count, is allowed and ignored;
//! `#` starts a comment line).

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glossary {
    /// Term pairs, each also in the other direction.
    pub pairs: Vec<(String, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    pair: Vec<Pair>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    left: String,
    right: String,
}

impl Glossary {
    /// Parses a glossary; `path` is only used in messages.
    pub fn parse(path: &str, text: &str) -> Result<Glossary> {
        let file: File = toml::from_str(text).map_err(|e| {
            Error::Usage(format!(
                "'{path}': not a glossary ({}); expected [[pair]] tables with `left` and `right`",
                e.message().trim().replace('\n', " ")
            ))
        })?;
        let mut pairs = Vec::new();
        for (k, p) in file.pair.into_iter().enumerate() {
            let (l, r) = (p.left.trim().to_string(), p.right.trim().to_string());
            if l.is_empty() || r.is_empty() {
                return Err(Error::Usage(format!("'{path}': pair {} has an empty term", k + 1)));
            }
            pairs.push((r.clone(), l.clone()));
            pairs.push((l, r));
        }
        Ok(Glossary { pairs })
    }

    /// Parses a word list: `left<TAB>right` a line; `path` is only used in messages.
    pub fn parse_tsv(path: &str, text: &str) -> Result<Glossary> {
        let mut pairs = Vec::new();
        for (k, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let (l, r) = (fields.next().unwrap_or("").trim(), fields.next().map(str::trim).unwrap_or(""));
            if l.is_empty() || r.is_empty() {
                return Err(Error::Usage(format!(
                    "'{path}' line {}: expected two terms separated by a tab",
                    k + 1
                )));
            }
            pairs.push((r.to_string(), l.to_string()));
            pairs.push((l.to_string(), r.to_string()));
        }
        Ok(Glossary { pairs })
    }

    /// Reads a glossary, or a word list when the file name ends in `.tsv`.
    pub fn load(path: &Path) -> Result<Glossary> {
        let text = crate::source::read_text(path)?;
        let name = path.display().to_string();
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("tsv")) {
            Glossary::parse_tsv(&name, &text)
        } else {
            Glossary::parse(&name, &text)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn pairs_go_both_ways_and_bad_files_say_so() {
        let g = Glossary::parse("g.toml", "[[pair]]\nleft = \"Almaty\"\nright = \"阿拉木图\"\n").unwrap();
        assert!(g.pairs.contains(&("Almaty".into(), "阿拉木图".into())));
        assert!(g.pairs.contains(&("阿拉木图".into(), "Almaty".into())));
        let e = Glossary::parse("g.toml", "[[pair]]\nleft = \"Almaty\"\n").unwrap_err().to_string();
        assert!(e.starts_with("'g.toml': not a glossary"), "{e}");
        let e = Glossary::parse("g.toml", "[[pair]]\nleft = \"\"\nright = \"x\"\n").unwrap_err().to_string();
        assert!(e.contains("pair 1 has an empty term"), "{e}");
    }

    #[test]
    fn a_word_list_gives_the_same_pairs_and_names_a_bad_line() {
        let g = Glossary::parse_tsv("w.tsv", "# names\nAlmaty\t阿拉木图\t12\n\n").unwrap();
        assert_eq!(
            g,
            Glossary::parse("g.toml", "[[pair]]\nleft = \"Almaty\"\nright = \"阿拉木图\"\n").unwrap()
        );
        let e = Glossary::parse_tsv("w.tsv", "Almaty\t阿拉木图\nAstana 阿斯塔纳\n").unwrap_err().to_string();
        assert_eq!(e, "'w.tsv' line 2: expected two terms separated by a tab");
    }

    #[test]
    fn a_tsv_file_is_read_as_a_word_list() {
        let dir = std::env::temp_dir().join(format!("diglot-glossary-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("names.tsv");
        std::fs::write(&path, "Almaty\t阿拉木图\n").unwrap();
        let g = Glossary::load(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(g.pairs.contains(&("Almaty".into(), "阿拉木图".into())));
    }
}
