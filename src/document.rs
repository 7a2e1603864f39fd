//! The paragraph model: what the importer produces and everything else reads.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// `1 paragraph`, `2 paragraphs`: a count and its noun, which takes an `s` unless it is one.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// A language, as an ISO 639-1 code (`en`, `zh`, ...). `und` stands for "undetermined".
///
/// Stored inline so that paragraphs can carry it by value.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang {
    code: [u8; 3],
    len: u8,
}

impl Lang {
    pub const UND: Lang = Lang::from_static("und");
    pub const EN: Lang = Lang::from_static("en");
    pub const ZH: Lang = Lang::from_static("zh");
    pub const KO: Lang = Lang::from_static("ko");
    pub const JA: Lang = Lang::from_static("ja");
    pub const ES: Lang = Lang::from_static("es");
    pub const RU: Lang = Lang::from_static("ru");
    pub const PT: Lang = Lang::from_static("pt");
    pub const DE: Lang = Lang::from_static("de");
    pub const FR: Lang = Lang::from_static("fr");

    const fn from_static(s: &str) -> Lang {
        let b = s.as_bytes();
        let mut code = [0u8; 3];
        let mut i = 0;
        while i < b.len() {
            code[i] = b[i];
            i += 1;
        }
        Lang { code, len: b.len() as u8 }
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII lowercase letters are ever stored (see `FromStr`).
        std::str::from_utf8(&self.code[..self.len as usize]).unwrap_or("und")
    }

    /// Languages whose script is written without spaces and in double-width characters.
    pub fn is_cjk(&self) -> bool {
        matches!(self.as_str(), "zh" | "ja" | "ko")
    }

    /// Languages whose text is joined without spaces when a line break is removed.
    pub fn joins_without_space(&self) -> bool {
        matches!(self.as_str(), "zh" | "ja")
    }
}

impl FromStr for Lang {
    type Err = Error;

    fn from_str(s: &str) -> Result<Lang, Error> {
        let t = s.trim().to_ascii_lowercase();
        let ok = (t.len() == 2 || t == "und") && t.bytes().all(|b| b.is_ascii_lowercase());
        if !ok {
            return Err(Error::UnknownLang(s.to_string()));
        }
        Ok(Lang::from_static(&t))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.as_str())
    }
}

impl Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// What a paragraph is, as a reader would see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Heading,
    Body,
    Question,
    Caption,
    Verse,
    Footnote,
    /// Page numbers, link junk, separators: kept so nothing is lost, but not content.
    Noise,
}

impl Kind {
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Heading => "heading",
            Kind::Body => "body",
            Kind::Question => "question",
            Kind::Caption => "caption",
            Kind::Verse => "verse",
            Kind::Footnote => "footnote",
            Kind::Noise => "noise",
        }
    }

    /// Headings and interview questions open the sections the reader jumps between.
    pub fn starts_section(&self) -> bool {
        matches!(self, Kind::Heading | Kind::Question)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One paragraph of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The source text with only the line breaks inside the paragraph removed.
    /// Verse keeps its line breaks as `\n`.
    pub text: String,
    pub lang: Lang,
    pub kind: Kind,
    /// First and last source line, 1-based and inclusive.
    pub lines: (usize, usize),
}

impl Paragraph {
    /// The number of a numbered point, for readers that treat numbered points as sections and
    /// for the aligner, which pairs them. See [`point_number`].
    pub fn point_number(&self) -> Option<u32> {
        point_number(&self.text).map(|(n, _)| n)
    }
}

/// The number a numbered point starts with, and the text after it: `5. text`, `10) text`,
/// `5            . text` (some texts pad the number), `3． 抗议`, `2、罢工`. A year (`2022.`)
/// or a decimal (`3.5`) is no point number. The text itself keeps its spacing.
pub fn point_number(text: &str) -> Option<(u32, &str)> {
    let t = text.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = t[digits..].trim_start_matches([' ', '\u{a0}']);
    let mut chars = rest.chars();
    let after = match chars.next()? {
        '.' | '．' | ')' => {
            Some(chars.as_str()).filter(|a| a.is_empty() || a.starts_with(char::is_whitespace))
        }
        '、' => Some(chars.as_str()),
        _ => None,
    }?;
    Some((t[..digits].parse().ok()?, after.trim_start()))
}

/// A text in one language (or a mixed text), as a list of paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Where it came from, for messages: a file path or a seed name.
    pub name: String,
    /// The main language: the one most of its text is in.
    pub lang: Lang,
    pub paragraphs: Vec<Paragraph>,
}

impl Document {
    /// A document of body paragraphs with these texts, all on line 1: for texts that come
    /// from no file (sentences split out of a paragraph, tests).
    pub fn of_texts(name: &str, lang: Lang, texts: &[&str]) -> Document {
        let paragraphs = texts
            .iter()
            .map(|t| Paragraph { text: t.to_string(), lang, kind: Kind::Body, lines: (1, 1) })
            .collect();
        Document { name: name.to_string(), lang, paragraphs }
    }

    /// A hash of the paragraph texts, recorded in alignment files so that a file aligned
    /// against another version of a text is recognised as stale.
    pub fn content_hash(&self) -> String {
        let mut h = Fnv64::new();
        for p in &self.paragraphs {
            h.write(p.text.as_bytes());
            // A separator no text contains, so that moving a boundary changes the hash.
            h.write(&[0xff]);
        }
        format!("fnv1a64:{:016x}", h.finish())
    }

    pub fn len(&self) -> usize {
        self.paragraphs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    pub fn texts(&self) -> Vec<&str> {
        self.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }
}

/// FNV-1a, 64 bit: stable across platforms and Rust versions, unlike `DefaultHasher`.
struct Fnv64(u64);

impl Fnv64 {
    fn new() -> Self {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_parses_and_rejects() {
        assert_eq!("ZH".parse::<Lang>().ok(), Some(Lang::ZH));
        assert_eq!("und".parse::<Lang>().ok(), Some(Lang::UND));
        assert!("english".parse::<Lang>().is_err());
        assert!("z1".parse::<Lang>().is_err());
        assert!("".parse::<Lang>().is_err());
    }

    #[test]
    fn point_numbers() {
        let p = |t: &str| Paragraph { text: t.into(), lang: Lang::EN, kind: Kind::Body, lines: (1, 1) };
        assert_eq!(p("5.            The Revolutionary").point_number(), Some(5));
        assert_eq!(p("10. Es de suma").point_number(), Some(10));
        assert_eq!(p("3．抗议").point_number(), None);
        assert_eq!(p("3． 抗议").point_number(), Some(3));
        assert_eq!(p("2、罢工").point_number(), Some(2));
        assert_eq!(p("2022. A year").point_number(), None);
        assert_eq!(p("1) CSTO").point_number(), Some(1));
        assert_eq!(point_number("5 .   The RCIT"), Some((5, "The RCIT")));
        assert_eq!(point_number("5 .The RCIT"), None);
        assert_eq!(p("3.5 percent").point_number(), None);
        assert_eq!(p("Kazakhstan").point_number(), None);
    }

    #[test]
    fn hash_sees_moved_boundaries() {
        let p = |t: &str| Paragraph { text: t.into(), lang: Lang::EN, kind: Kind::Body, lines: (1, 1) };
        let a = Document { name: "a".into(), lang: Lang::EN, paragraphs: vec![p("ab"), p("c")] };
        let b = Document { name: "b".into(), lang: Lang::EN, paragraphs: vec![p("a"), p("bc")] };
        assert_ne!(a.content_hash(), b.content_hash());
        assert_eq!(a.content_hash(), a.clone().content_hash());
    }
}
