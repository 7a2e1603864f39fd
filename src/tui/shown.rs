//! What the panes show of a document, as against what it stores.
//!
//! Paragraph text keeps the source's characters so that tools (alignment excerpts, export, a
//! search in the file) find it there. On screen, runs of spaces of any kind (no-break, tabs,
//! ideographic) are one space, as a browser shows them: `1.            Kazakhstan` reads
//! `1. Kazakhstan`. Verse keeps its line breaks. The reader lays out, searches and draws this
//! copy; everything that is saved or compared uses the stored text.

use std::borrow::Cow;

use crate::document::{Document, Lang};

/// `text` with every run of whitespace other than a line break made one space.
pub fn normalise(text: &str) -> Cow<'_, str> {
    let plain = |c: char| c.is_whitespace() && c != '\n';
    let needs = text.chars().zip(text.chars().skip(1)).any(|(a, b)| plain(a) && plain(b))
        || text.chars().any(|c| plain(c) && c != ' ');
    if !needs {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_run = false;
    for c in text.chars() {
        if plain(c) {
            if !in_run {
                out.push(' ');
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    Cow::Owned(out)
}

/// A document as shown, and the languages its pane is labelled with.
#[derive(Debug, Clone)]
pub struct Shown {
    pub doc: Document,
    /// The document's language first, then any other that holds a real share of its
    /// paragraphs (a mixed document is labelled `en+zh`).
    pub langs: Vec<Lang>,
}

/// A language names a mixed document's pane when it holds this share of its paragraphs ...
const MIXED_SHARE: f64 = 0.05;
/// ... and at least this many of them (a stray quotation in another language is no mix).
const MIXED_MIN: usize = 3;

impl Shown {
    pub fn of(doc: &Document) -> Shown {
        let mut shown = doc.clone();
        for p in &mut shown.paragraphs {
            if let Cow::Owned(t) = normalise(&p.text) {
                p.text = t;
            }
        }
        Shown { langs: languages(doc), doc: shown }
    }

    /// The pane's label: `en`, or `en+zh` for a mixed document.
    pub fn label(&self) -> String {
        self.langs.iter().map(|l| l.to_string()).collect::<Vec<_>>().join("+")
    }
}

fn languages(doc: &Document) -> Vec<Lang> {
    let mut counts: Vec<(Lang, usize)> = Vec::new();
    for p in &doc.paragraphs {
        if p.lang == Lang::UND || p.lang == doc.lang {
            continue;
        }
        match counts.iter_mut().find(|(l, _)| *l == p.lang) {
            Some((_, n)) => *n += 1,
            None => counts.push((p.lang, 1)),
        }
    }
    counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    let enough = ((doc.len() as f64 * MIXED_SHARE).ceil() as usize).max(MIXED_MIN);
    std::iter::once(doc.lang)
        .chain(counts.into_iter().filter(|&(_, n)| n >= enough).map(|(l, _)| l))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::document::{Kind, Paragraph};

    #[test]
    fn runs_of_any_space_are_one_space_and_line_breaks_stay() {
        assert_eq!(normalise("1.\u{a0}\u{a0}\u{a0} \u{a0}Kazakhstan"), "1. Kazakhstan");
        assert_eq!(normalise("a\tb\u{3000}\u{3000}c"), "a b c");
        assert_eq!(normalise("line one\nline two"), "line one\nline two");
        assert!(matches!(normalise("nothing to do here"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_mixed_document_names_its_languages_and_keeps_its_text() {
        let p = |t: &str, lang| Paragraph { text: t.into(), lang, kind: Kind::Body, lines: (1, 1) };
        let mut paragraphs: Vec<Paragraph> = (0..20).map(|_| p("x\u{a0}\u{a0}y", Lang::EN)).collect();
        paragraphs.extend((0..4).map(|_| p("中文", Lang::ZH)));
        paragraphs.push(p("один", Lang::RU));
        let doc = Document { name: "d".into(), lang: Lang::EN, paragraphs };
        let s = Shown::of(&doc);
        assert_eq!(s.label(), "en+zh");
        assert_eq!(s.doc.paragraphs[0].text, "x y");
        assert_eq!(doc.paragraphs[0].text, "x\u{a0}\u{a0}y");
        let plain = Document { name: "p".into(), lang: Lang::EN, paragraphs: vec![p("a", Lang::EN)] };
        assert_eq!(Shown::of(&plain).label(), "en");
    }
}
