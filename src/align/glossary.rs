//! A user's glossary: pairs of terms that translate each other (names the aligner cannot
//! match by itself, such as 阿拉木图 and Almaty), read from `alignments/glossary.toml` or a file
//! given with `--glossary`. Each pair becomes an anchor in whichever direction the texts are:
//!
//! ```toml
//! [[pair]]
//! left = "Almaty"
//! right = "阿拉木图"
//! ```

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

    pub fn load(path: &Path) -> Result<Glossary> {
        let text = crate::source::read_text(path)?;
        Glossary::parse(&path.display().to_string(), &text)
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
}
