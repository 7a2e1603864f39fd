//! TMX 1.4 output: the translation-memory exchange format that OmegaT, Trados, memoQ and
//! translate-toolkit read. One `<tu>` per aligned group, one `<tuv xml:lang>` per side.
//!
//! Choices, where the standard leaves them open:
//! - `segtype="paragraph"`: a segment is one aligned group, not a sentence.
//! - The paragraphs of one side of a group are joined with a space, without one for
//!   Chinese and Japanese (which are written without spaces), and with a line break when one of
//!   them is verse, whose lines keep their own line breaks.
//! - Groups with an empty side are left out unless [`TmxOptions::keep_empty`]: a translation
//!   memory entry without a translation is noise to most tools. Kept, the empty side is an
//!   empty `<seg/>`, so that every `<tu>` still has both languages.
//! - Each `<tu>` carries its group number as `tuid` and, unless turned off, the aligner's
//!   confidence, the review status and the paragraph ids as `x-` properties (TMX 1.4 reserves
//!   the `x-` prefix for such tool-defined properties). Tools ignore properties they do not know.
//! - Characters XML 1.0 forbids (control characters from PDF extraction, for instance) become
//!   spaces; everything else is escaped by the XML writer.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::alignment::{Alignment, Group};
use crate::document::{Document, Kind, Lang};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy)]
pub struct TmxOptions {
    /// Keep groups with an empty side (a paragraph with no counterpart), with an empty `<seg/>`.
    pub keep_empty: bool,
    /// Write the confidence, status and paragraph ids of each group as `<prop>`s.
    pub props: bool,
}

impl Default for TmxOptions {
    fn default() -> Self {
        TmxOptions { keep_empty: false, props: true }
    }
}

/// Text that XML 1.0 can hold: the characters it forbids become spaces.
fn xml_safe(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 => ' ',
            '\u{FFFE}' | '\u{FFFF}' => ' ',
            c => c,
        })
        .collect()
}

/// The text of one side of a group, as one segment.
pub fn segment_text(doc: &Document, ids: &[usize], lang: Lang) -> String {
    let paras: Vec<_> = ids.iter().filter_map(|&i| doc.paragraphs.get(i)).collect();
    let sep = if paras.iter().any(|p| p.kind == Kind::Verse) {
        "\n"
    } else if lang.joins_without_space() {
        ""
    } else {
        " "
    };
    xml_safe(&paras.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(sep))
}

fn ids_text(ids: &[usize]) -> String {
    ids.iter().map(usize::to_string).collect::<Vec<_>>().join(" ")
}

/// Writes the alignment as a TMX 1.4 document whose source language is the left text's.
pub fn write_tmx(
    al: &Alignment,
    left: &Document,
    right: &Document,
    opts: &TmxOptions,
    out: &mut dyn Write,
) -> Result<()> {
    let io = |e: std::io::Error| Error::io("<output>", e);
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))).map_err(io)?;
    let (llang, rlang) = (al.left.lang.to_string(), al.right.lang.to_string());
    w.create_element("tmx")
        .with_attribute(("version", "1.4"))
        .write_inner_content(|w| {
            let header = w.create_element("header").with_attributes([
                ("creationtool", "diglot"),
                ("creationtoolversion", env!("CARGO_PKG_VERSION")),
                ("segtype", "paragraph"),
                ("o-tmf", "diglot alignment"),
                ("adminlang", "en"),
                ("srclang", llang.as_str()),
                ("datatype", "plaintext"),
            ]);
            match &al.work {
                Some(work) => {
                    header.write_inner_content(|w| {
                        w.create_element("prop")
                            .with_attribute(("type", "x-diglot-work"))
                            .write_text_content(BytesText::new(&xml_safe(work)))?;
                        Ok(())
                    })?;
                }
                None => {
                    header.write_empty()?;
                }
            }
            w.create_element("body").write_inner_content(|w| {
                for (i, g) in al.groups.iter().enumerate() {
                    if !opts.keep_empty && (g.left.is_empty() || g.right.is_empty()) {
                        continue;
                    }
                    write_tu(w, i, g, [(&llang, left, &g.left), (&rlang, right, &g.right)], opts)?;
                }
                Ok(())
            })?;
            Ok(())
        })
        .map_err(io)?;
    w.get_mut().write_all(b"\n").map_err(io)?;
    Ok(())
}

fn write_tu<W: Write>(
    w: &mut Writer<W>,
    i: usize,
    g: &Group,
    sides: [(&String, &Document, &Vec<usize>); 2],
    opts: &TmxOptions,
) -> std::io::Result<()> {
    let tuid = (i + 1).to_string();
    w.create_element("tu").with_attribute(("tuid", tuid.as_str())).write_inner_content(|w| {
        if opts.props {
            let props = [
                ("x-diglot-confidence", format!("{:.3}", g.confidence)),
                ("x-diglot-status", g.status.as_str().to_string()),
                ("x-diglot-left-ids", ids_text(&g.left)),
                ("x-diglot-right-ids", ids_text(&g.right)),
            ];
            for (kind, value) in props {
                w.create_element("prop")
                    .with_attribute(("type", kind))
                    .write_text_content(BytesText::new(&value))?;
            }
        }
        for (lang, doc, ids) in sides {
            let text = segment_text(doc, ids, doc_lang(doc, lang));
            w.create_element("tuv").with_attribute(("xml:lang", lang.as_str())).write_inner_content(|w| {
                if text.is_empty() {
                    w.create_element("seg").write_empty()?;
                } else {
                    w.create_element("seg").write_text_content(BytesText::new(&text))?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

/// The language used to decide how a side's paragraphs are joined: the alignment's, which is
/// what the `xml:lang` says, falling back to the document's when that one is undetermined.
fn doc_lang(doc: &Document, lang: &str) -> Lang {
    lang.parse().ok().filter(|l| *l != Lang::UND).unwrap_or(doc.lang)
}
