//! Turns text files of many shapes into paragraphs tagged with language, kind and source lines.
//!
//! The pipeline, one module a step:
//! 1. [`shape`]: what the file is: hard-wrapped text, blank-line paragraphs, one paragraph a
//!    line, or front matter + HTML.
//! 2. [`reflow`] / [`html`]: lines (or markup) into paragraph blocks with their source lines.
//! 3. [`lang`]: each paragraph's language, among the languages learned from the whole file.
//! 4. [`kind`]: heading, body, question, caption, verse, footnote or noise.
//! 5. [`bundle`]: one document per language for a bundle, one mixed document otherwise.
//!
//! Paragraph text is the source text with only the line breaks inside the paragraph (and the
//! indentation at line starts) removed, so a tool can find it in the file; HTML text is
//! shown as a browser would (entities decoded, tags and whitespace runs gone).

pub mod bundle;
pub mod html;
pub mod kind;
pub mod lang;
pub mod reflow;
pub mod shape;

use std::collections::HashMap;
use std::path::Path;

use encoding_rs::Encoding;

use crate::document::{Document, Kind, Lang, Paragraph};
use crate::error::{Error, Result};
use reflow::Block;
use shape::Shape;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Every non-empty line is one paragraph; nothing is joined.
    pub one_per_line: bool,
    /// Keep only the section in this language (for multi-language files).
    pub lang: Option<Lang>,
    /// Read the file in this encoding; by default its BOM's, UTF-8 if it is valid UTF-8, else
    /// the one detected (see [`crate::source::read_document`]).
    pub encoding: Option<&'static Encoding>,
}

/// The documents of one file and the encoding it was read in.
#[derive(Debug, Clone)]
pub struct Imported {
    pub documents: Vec<Document>,
    pub encoding: &'static Encoding,
}

/// Imports a file: one document per language for a multi-language bundle, one otherwise.
pub fn import_file(path: &Path, opts: &ImportOptions) -> Result<Vec<Document>> {
    import_file_decoded(path, opts).map(|i| i.documents)
}

/// [`import_file`], saying which encoding the file was read in.
pub fn import_file_decoded(path: &Path, opts: &ImportOptions) -> Result<Imported> {
    let decoded = crate::source::read_document(path, opts.encoding)?;
    let documents = import_str(&crate::source::display(path), &decoded.text, opts)?;
    Ok(Imported { documents, encoding: decoded.encoding })
}

/// Imports a file and expects exactly one document (the one in `opts.lang` if given).
pub fn import_one(path: &Path, opts: &ImportOptions) -> Result<Document> {
    let mut docs = import_file(path, opts)?;
    if docs.len() == 1 {
        return Ok(docs.remove(0));
    }
    let found = docs.iter().map(|d| d.lang.to_string()).collect::<Vec<_>>().join(", ");
    Err(Error::Usage(format!(
        "'{}': holds several languages ({found}); pick one with --lang",
        crate::source::display(path)
    )))
}

/// How many short paragraph texts keep their language verdict for the rest of the file, and
/// how long such a text may be: enough for a book's repeated lines, little memory.
const MEMO_ENTRIES: usize = 4096;
const MEMO_TEXT_BYTES: usize = 200;

/// Imports text already in memory. `name` is used in messages and as the document name.
pub fn import_str(name: &str, text: &str, opts: &ImportOptions) -> Result<Vec<Document>> {
    // Files come through `source`, which already strips it; text from elsewhere may not.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Whatever prints paragraphs later (a terminal, jsonl, tsv), none may carry a control.
    let clean = crate::source::strip_controls(text);
    let text: &str = &clean;
    let lines: Vec<&str> = text.split('\n').collect();
    let blocks = read_blocks(text, &lines, opts);
    // Each step hands its memory on: on a file of many short paragraphs, keeping the lines,
    // the blocks and their texts all alive at once cost some 18 times the file's size.
    drop(lines);
    let paragraphs: Vec<Paragraph> = blocks
        .into_iter()
        .map(|mut b| {
            let text = b.text();
            let kind = kind::local(&b, &text);
            // Only verse keeps its line breaks; lines grouped like verse but judged otherwise
            // (a download label over two lines) are joined like prose.
            let text = if b.verse && kind != Kind::Verse {
                b.verse = false;
                b.text()
            } else {
                text
            };
            Paragraph { kind, text, lang: Lang::UND, lines: (b.first, b.last) }
        })
        .collect();
    let model = lang::learn(&paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>());
    // Identifying a language costs some 90 µs a paragraph when the file taught the model none
    // for its script; the same short lines (running heads, page labels, a refrain) come back
    // again and again, and their verdict is the same each time.
    let mut seen: HashMap<&str, Option<lang::Verdict>> = HashMap::new();
    let verdicts: Vec<Option<lang::Verdict>> = paragraphs
        .iter()
        .map(|p| match seen.get(p.text.as_str()) {
            Some(v) => *v,
            None => {
                let v = model.detect(&p.text);
                if seen.len() < MEMO_ENTRIES && p.text.len() <= MEMO_TEXT_BYTES {
                    seen.insert(&p.text, v);
                }
                v
            }
        })
        .collect();
    drop(seen);
    if paragraphs.is_empty() {
        return select(
            name,
            vec![Document { name: name.to_string(), lang: Lang::UND, paragraphs }],
            opts.lang,
        );
    }
    let mut docs = bundle::assemble(name, paragraphs, &verdicts);
    for d in &mut docs {
        kind::refine(&mut d.paragraphs);
    }
    select(name, docs, opts.lang)
}

/// The shape of the file decides how its lines become paragraph blocks.
fn read_blocks(text: &str, lines: &[&str], opts: &ImportOptions) -> Vec<Block> {
    if opts.one_per_line {
        return reflow::line_per_paragraph(lines, 1);
    }
    let mut blocks = Vec::new();
    let mut body_start = 0;
    if let Some((range, after)) = shape::front_matter(lines) {
        blocks.extend(html::front_matter_title(lines, range));
        body_start = after.min(lines.len());
    }
    let body_lines = &lines[body_start..];
    let offset: usize = lines[..body_start].iter().map(|l| l.len() + 1).sum();
    let body = text.get(offset.min(text.len())..).unwrap_or("");
    if shape::looks_like_html(body) {
        blocks.extend(html::blocks(body, body_start));
        return blocks;
    }
    let base = body_start + 1;
    let body = match shape::detect(body_lines) {
        Shape::HardWrapped { width } => reflow::hard_wrapped(body_lines, base, width),
        Shape::BlankLine => reflow::blank_line(body_lines, base),
        Shape::LinePerParagraph => reflow::line_per_paragraph(body_lines, base),
    };
    // Without front matter there is nothing to put before the body: no copy of it either.
    if blocks.is_empty() {
        return body;
    }
    blocks.extend(body);
    blocks
}

/// Applies `--lang`: the document in that language, or, in a mixed document, its paragraphs
/// in that language.
/// The documents of `docs` (one file's) in language `want`, as `ImportOptions::lang` picks them;
/// all of them without `want`.
pub fn select(name: &str, mut docs: Vec<Document>, want: Option<Lang>) -> Result<Vec<Document>> {
    let Some(want) = want else { return Ok(docs) };
    if let Some(i) = docs.iter().position(|d| d.lang == want) {
        return Ok(vec![docs.swap_remove(i)]);
    }
    if let [doc] = docs.as_slice() {
        let picked: Vec<Paragraph> = doc.paragraphs.iter().filter(|p| p.lang == want).cloned().collect();
        if picked.iter().any(|p| p.kind != Kind::Noise) {
            return Ok(vec![Document { name: doc.name.clone(), lang: want, paragraphs: picked }]);
        }
    }
    let mut found: Vec<Lang> = docs.iter().map(|d| d.lang).collect();
    if let [doc] = docs.as_slice() {
        for p in doc.paragraphs.iter().filter(|p| p.kind != Kind::Noise) {
            if !found.contains(&p.lang) {
                found.push(p.lang);
            }
        }
    }
    let found = found.iter().map(Lang::to_string).collect::<Vec<_>>().join(", ");
    Err(Error::LangMissing { path: name.to_string(), lang: want.to_string(), found })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn import(text: &str) -> Vec<Document> {
        import_str("t", text, &ImportOptions::default()).unwrap()
    }

    #[test]
    fn one_per_line_japanese_keeps_every_line() {
        let t = "吾輩は猫である。\n名前はまだ無い。\n\nどこで生れたかとんと見当がつかぬ。\n";
        let docs = import_str("t", t, &ImportOptions { one_per_line: true, ..Default::default() }).unwrap();
        let d = &docs[0];
        assert_eq!(d.lang, Lang::JA);
        assert_eq!(
            d.texts(),
            vec!["吾輩は猫である。", "名前はまだ無い。", "どこで生れたかとんと見当がつかぬ。"]
        );
        assert_eq!(d.paragraphs[2].lines, (4, 4));
    }

    #[test]
    fn blank_line_german_text() {
        let t = "Der Aufstand\n\nDie Arbeiter versammelten sich am Morgen vor dem Rathaus und forderten, dass die \
                 Regierung die Preiserhöhungen sofort zurücknimmt.\n\nWas geschah dann?\n\nDie Polizei kam \
                 am Abend und räumte den Platz, doch die Menschen kehrten am nächsten Tag zurück.\n";
        let d = &import(t)[0];
        assert_eq!(d.lang.as_str(), "de");
        let kinds: Vec<Kind> = d.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, vec![Kind::Heading, Kind::Body, Kind::Question, Kind::Body]);
        assert_eq!(d.paragraphs[3].lines, (7, 7));
    }

    #[test]
    fn lang_picks_and_reports_what_is_missing() {
        let t = "Just one English paragraph that is long enough to be recognised with confidence.\n";
        let err = import_str("x.txt", t, &ImportOptions { lang: Some(Lang::KO), ..Default::default() });
        let msg = err.err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(msg, "'x.txt': has no text in language 'ko' (it has: en)");
    }

    #[test]
    fn a_bundle_without_numbered_points_splits_by_titles() {
        let fr = "Les mineurs du nord ont cessé le travail lundi matin pour protester contre la fermeture \
                  annoncée de trois puits et la suppression de plusieurs centaines d'emplois.";
        let de = "Die Bergleute im Norden haben am Montagmorgen die Arbeit niedergelegt, um gegen die \
                  angekündigte Schließung von drei Schächten und den Abbau vieler Arbeitsplätze zu protestieren.";
        let t = format!("La grève des mineurs\n\n{fr}\n\n{fr}\n\nDer Streik der Bergleute\n\n{de}\n\n{de}\n");
        let docs = import(&t);
        let got: Vec<(String, usize, usize)> =
            docs.iter().map(|d| (d.lang.to_string(), d.len(), d.paragraphs[0].lines.0)).collect();
        assert_eq!(got, vec![("fr".to_string(), 3, 1), ("de".to_string(), 3, 7)]);
        let de_only =
            import_str("t", &t, &ImportOptions { lang: "de".parse().ok(), ..Default::default() }).unwrap();
        assert_eq!(de_only.len(), 1);
        assert_eq!(de_only[0].paragraphs[0].text, "Der Streik der Bergleute");
    }

    #[test]
    fn an_interleaved_text_is_one_mixed_document() {
        let en = "I did not leave that night, because she caught me and asked me to stay in the name of friendship.";
        let zh = "那天晚上我没走掉。陈清扬把我拽住，以伟大友谊的名义叫我留下来。";
        let t = format!("{en}\n{zh}\n{en}\n{zh}\n{en}\n{zh}\n");
        let docs = import(&t);
        assert_eq!(docs.len(), 1);
        let langs: Vec<&str> = docs[0].paragraphs.iter().map(|p| p.lang.as_str()).collect();
        assert_eq!(langs, ["en", "zh", "en", "zh", "en", "zh"]);
        let zh_only =
            import_str("t", &t, &ImportOptions { lang: Some(Lang::ZH), ..Default::default() }).unwrap();
        assert_eq!(zh_only[0].len(), 3);
        assert_eq!(zh_only[0].paragraphs[1].lines, (4, 4));
    }

    #[test]
    fn html_without_front_matter() {
        let t = "<html><head><title>Un article</title><style>p{}</style></head><body>\n<h1>La grève</h1>\n\
                 <p>Les mineurs ont cessé le travail\nlundi matin.</p><ul><li>Premier point</li></ul>\n\
                 <p>Fin de l&rsquo;article &mdash; merci.</p></body></html>";
        let d = &import(t)[0];
        let got: Vec<(&str, Kind, (usize, usize))> =
            d.paragraphs.iter().map(|p| (p.text.as_str(), p.kind, p.lines)).collect();
        assert_eq!(
            got,
            vec![
                ("Un article", Kind::Heading, (1, 1)),
                ("La grève", Kind::Heading, (2, 2)),
                ("Les mineurs ont cessé le travail lundi matin.", Kind::Body, (3, 4)),
                ("Premier point", Kind::Body, (4, 4)),
                ("Fin de l’article — merci.", Kind::Body, (5, 5)),
            ]
        );
    }

    /// Random texts built from the pieces real files are made of never panic, and every
    /// paragraph keeps its lines in range and in order.
    #[test]
    fn random_texts_never_panic() {
        let pieces = [
            "\n",
            "\n\n",
            " ",
            "   ",
            "\t",
            "。",
            "，",
            "？",
            ".",
            "?",
            "!",
            ":",
            "-",
            "* * *",
            "8",
            "12.",
            "5.\u{a0}\u{a0} ",
            "哈萨克斯坦的起义",
            "Kazakhstan uprising",
            "Восстание",
            "민중봉기",
            "です",
            "<p>",
            "</p>",
            "<br>",
            "&amp;",
            "&#x41;",
            "<h1>",
            "---",
            "title: x",
            "https://x.org/a",
            "「",
            "」",
            "“",
            "”",
            "↩",
            "[*] ",
            "1.  ",
            "A",
            "é",
            "\u{feff}",
            "\u{200b}",
            "KB",
            "80.0 KB",
            "注：",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..400 {
            let len = (next() % 120) as usize;
            let text: String = (0..len).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
            let n_lines = text.split('\n').count();
            for one_per_line in [false, true] {
                let docs =
                    import_str("r", &text, &ImportOptions { one_per_line, ..Default::default() }).unwrap();
                for d in &docs {
                    let mut prev = 0;
                    for p in &d.paragraphs {
                        assert!(
                            p.lines.0 >= 1 && p.lines.0 <= p.lines.1 && p.lines.1 <= n_lines,
                            "{round}: {text:?}"
                        );
                        assert!(p.lines.0 >= prev, "{round}: {text:?}");
                        prev = p.lines.1;
                    }
                }
            }
        }
    }

    #[test]
    fn empty_text_gives_an_empty_document() {
        let docs = import("\n\n");
        assert_eq!(docs.len(), 1);
        assert!(docs[0].is_empty());
    }
}
