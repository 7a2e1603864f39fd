//! What each paragraph is: heading, body, interview question, photo caption, verse, footnote,
//! or noise (page numbers, separators, link junk).
//!
//! [`local`] judges a paragraph by itself (length, punctuation, markers); [`refine`] then
//! looks at its neighbours, because a caption is only told from a short sentence by where it
//! stands (just before a heading or question, where layouts put photos), and page junk only
//! by standing above the text.

use crate::document::{Kind, Paragraph};
use crate::import::lang::{Script, ScriptCounts};
use crate::import::reflow::{Block, ends_sentence};

/// Roughly how many words a text has: words between spaces, or two Han/kana characters
/// for a word in Chinese and Japanese, which do not use spaces.
///
/// Only the first 2 KB are counted: every rule here compares with a few dozen words, and a
/// 10 MB line must not be walked again and again.
pub fn units(text: &str) -> usize {
    let text = crate::import::lang::prefix(text, 2048);
    if text.is_ascii() {
        return text.split_ascii_whitespace().count();
    }
    let c = ScriptCounts::of(text);
    match c.dominant() {
        Some(Script::Han | Script::Kana) => (c.han + c.kana).div_ceil(2),
        _ => text.split_whitespace().count(),
    }
}

fn is_url(tok: &str) -> bool {
    let t = tok.trim_matches(|c: char| matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | '"'));
    t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")
}

fn has_url(text: &str) -> bool {
    text.split_whitespace().any(is_url) || text.contains("://")
}

/// A separator or ornament: no letters and no digits at all ("* * *", "-", "/").
pub fn is_separator(text: &str) -> bool {
    !text.chars().any(char::is_alphanumeric)
}

fn is_page_number(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 9
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || c.is_whitespace() || "-–—/|.()[]·".contains(c))
}

/// "Adobe Acrobat Document 80.0 KB": the label of a download link left behind by a web page.
fn is_file_size_junk(text: &str, units: usize) -> bool {
    if units > 16 || !["KB", "kB", "MB", "GB", "KiB", "MiB", "bytes"].iter().any(|u| text.contains(u)) {
        return false;
    }
    let toks: Vec<&str> = text.split_whitespace().collect();
    toks.windows(2).any(|w| {
        let num = w[0].replace(',', ".");
        num.parse::<f64>().is_ok()
            && matches!(
                w[1].trim_end_matches(['.', ')']),
                "KB" | "kB" | "MB" | "GB" | "KiB" | "MiB" | "bytes"
            )
    }) || toks.iter().any(|t| {
        let t = t.trim_end_matches(['.', ')']);
        ["KB", "kB", "MB", "GB"].iter().any(|u| {
            t.strip_suffix(u).is_some_and(|n| !n.is_empty() && n.replace(',', ".").parse::<f64>().is_ok())
        })
    })
}

const NOTE_MARKS: &[&str] = &[
    "[*]",
    "(*)",
    "†",
    "‡",
    "¹",
    "²",
    "³",
    "⁴",
    "⁵",
    "⁶",
    "⁷",
    "⁸",
    "⁹",
    "注：",
    "注:",
    "译注",
    "译者注",
    "原注",
    "編注",
    "注釈",
    "Note:",
    "Notes:",
    "NOTE:",
    "N.B.",
    "NB:",
    "Nota:",
    "Notas:",
    "Anm.",
    "Anmerkung:",
    "Примечание",
    "Прим.",
    "Примеч.",
    "참고:",
    "주:",
    "역주",
];

fn is_footnote(text: &str) -> bool {
    if text.trim_end().ends_with('↩') {
        return true;
    }
    let opens_like_a_note = text.chars().next().is_some_and(|c| NOTE_MARKS.iter().any(|m| m.starts_with(c)));
    if opens_like_a_note && NOTE_MARKS.iter().any(|m| text.starts_with(m)) {
        return true;
    }
    // "[3] Source ..." and "* A note": a marker, then the note.
    let bracketed = text
        .strip_prefix('[')
        .and_then(|r| r.split_once(']'))
        .is_some_and(|(n, _)| !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit()));
    bracketed || (text.starts_with("* ") && !is_separator(text))
}

fn is_bullet(text: &str) -> bool {
    ["- ", "• ", "* ", "· ", "– ", "— "].iter().any(|b| text.starts_with(b))
}

const ASKING: &[&str] = &[
    "Describe ",
    "Present ",
    "Tell us",
    "Tell me",
    "Explain ",
    "Introduce ",
    "Please ",
    "Share ",
    "Give us ",
    "Talk about ",
    "请",
    "介绍",
    "描述",
    "谈谈",
    "说说",
    "讲讲",
    "讲一下",
    "Cuéntanos",
    "Cuéntenos",
    "Describa",
    "Explica",
    "Háblanos",
    "Descreva",
    "Conte-nos",
    "Fale ",
    "Расскажите",
    "Опишите",
    "Объясните",
    "Beschreiben Sie",
    "Erzählen Sie",
    "Erklären Sie",
    "Décrivez",
    "Racontez",
    "Expliquez",
    "Présentez",
    "설명해",
    "소개해",
    "말씀해",
];

/// Whether the text is asked: a short paragraph ending in a question mark that is not a
/// statement framing a question ("We can ask ourselves: what ...?"), or a short request.
fn is_question(text: &str, n: usize) -> bool {
    // Quoted speech asks within a story; an interviewer's question stands unquoted.
    let quotes = ['"', '\'', '“', '”', '‘', '’', '«', '»', '「', '」', '『', '』', '„', '‹', '›'];
    if text.starts_with(quotes) || text.trim_end().ends_with(quotes) {
        return false;
    }
    let t = text.trim_end_matches(|c: char| c.is_whitespace() || "”’\"'」』)）".contains(c));
    if t.ends_with(['?', '？']) {
        let framed = t.find([':', '：']).is_some_and(|i| !t[..i].ends_with(['?', '？']));
        return n <= 50 && !framed;
    }
    n <= 30 && !t.ends_with(['!', '！', ':', '：']) && ASKING.iter().any(|a| text.starts_with(a))
}

/// A title or section heading: short, one line, not a sentence (no final punctuation, no
/// trailing colon or comma), and no link in it.
fn is_heading(block: &Block, text: &str, units: usize) -> bool {
    let t = text.trim_end_matches(|c: char| c.is_whitespace() || "”’\"'」』»)）】》".contains(c));
    block.part_count() == 1
        && units <= 15
        && unicode_width::UnicodeWidthStr::width(text) <= 120
        && text.chars().any(char::is_alphabetic)
        && !ends_sentence(text)
        && !t.ends_with([':', '：', ',', '，', ';', '；', '、'])
        && !is_bullet(text)
        && !has_url(text)
}

/// "CHAPTER I.", "PART TWO": a few words in capitals are a heading even with a full stop.
fn is_capitals_heading(text: &str, units: usize) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic());
    units <= 5
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && letters.clone().all(char::is_uppercase)
        && !text.trim_end().ends_with(['?', '!', ':', ','])
}

/// The kind a paragraph shows by itself.
pub fn local(block: &Block, text: &str) -> Kind {
    let t = text.trim();
    let n = units(t);
    let all_urls = n <= 3 && t.split_whitespace().all(is_url);
    if is_separator(t) || is_page_number(t) || all_urls || is_file_size_junk(t, n) {
        return Kind::Noise;
    }
    if let Some(h) = block.hint {
        return h;
    }
    if is_footnote(t) {
        return Kind::Footnote;
    }
    if block.verse {
        return Kind::Verse;
    }
    if is_question(t, n) {
        return Kind::Question;
    }
    if is_heading(block, t, n) || is_capitals_heading(t, n) {
        return Kind::Heading;
    }
    Kind::Body
}

/// A short single sentence with no clause in it: the shape of a photo caption.
fn caption_like(text: &str) -> bool {
    let t = text.trim_end_matches(['.', '。']);
    units(text) <= 12
        && !t.contains(['.', '!', '?', '。', '！', '？', ',', '，', '、', ';', '；', ':', '：'])
        && !is_bullet(text)
        && text.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// Kinds that need the neighbours: captions, junk above the title, notes after a final
/// separator. Runs on one document's paragraphs, in order.
pub fn refine(ps: &mut [Paragraph]) {
    // Questions one after another are an exchange in a story, not an interviewer's question
    // answered by the paragraph after it.
    let mut i = 0;
    while i < ps.len() {
        let run = ps[i..].iter().take_while(|p| p.kind == Kind::Question).count();
        if run >= 2 {
            ps[i..i + run].iter_mut().for_each(|p| p.kind = Kind::Body);
        }
        i += run.max(1);
    }
    // A download link left by a web page: its label on the line right above the file size.
    for i in 1..ps.len() {
        let size = &ps[i].text;
        if is_file_size_junk(size, units(size))
            && ps[i - 1].lines.1 + 1 == ps[i].lines.0
            && units(&ps[i - 1].text) <= 10
            && matches!(ps[i - 1].kind, Kind::Heading | Kind::Body)
        {
            ps[i - 1].kind = Kind::Noise;
        }
    }
    let content: Vec<usize> = (0..ps.len()).filter(|&i| ps[i].kind != Kind::Noise).collect();
    // Captions stand just before a heading or question, not right after a heading.
    for (k, &i) in content.iter().enumerate() {
        // Checked by length first: this runs over every line of a big corpus.
        if ps[i].kind != Kind::Body || ps[i].text.len() > 300 || !caption_like(&ps[i].text) {
            continue;
        }
        let next = content.get(k + 1).map(|&j| ps[j].kind);
        let prev = k.checked_sub(1).map(|p| ps[content[p]].kind);
        if next.is_some_and(|n| n.starts_section()) && prev.is_some_and(|p| p != Kind::Heading) {
            ps[i].kind = Kind::Caption;
        }
    }
    // Above the first body paragraph of a saved web page: a breadcrumb or tag that only
    // repeats words of the title, and a "via ..." credit.
    if let Some(first_body) = ps.iter().position(|p| p.kind == Kind::Body) {
        let words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
        };
        let title = ps[..first_body].iter().position(|p| p.kind == Kind::Heading);
        if let Some(ti) = title {
            let title_words = words(&ps[ti].text);
            for p in ps[ti + 1..first_body].iter_mut() {
                let w = words(&p.text);
                let echo =
                    p.kind == Kind::Heading && w.len() <= 3 && w.iter().all(|x| title_words.contains(x));
                let credit = p.text.to_lowercase().starts_with("via ") && w.len() <= 4;
                if echo || credit {
                    p.kind = Kind::Noise;
                }
            }
        }
    }
    // A few paragraphs after the last separator, with no heading among them and a reference
    // (a link) in them, are end notes; a story's last scene after "* * *" is not.
    if let Some(s) = ps.iter().rposition(|p| p.kind == Kind::Noise && is_separator(&p.text)) {
        let after: Vec<usize> = (s + 1..ps.len()).filter(|&i| ps[i].kind != Kind::Noise).collect();
        let plain = after.iter().all(|&i| matches!(ps[i].kind, Kind::Body | Kind::Footnote))
            && after.iter().any(|&i| has_url(&ps[i].text) || ps[i].kind == Kind::Footnote);
        if (1..=5).contains(&after.len()) && plain && s > 0 {
            for i in after {
                ps[i].kind = Kind::Footnote;
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::document::Lang;

    fn kind(text: &str) -> Kind {
        local(&Block::new(1, vec![text.to_string()]), text)
    }

    fn para(text: &str) -> Paragraph {
        Paragraph { text: text.into(), lang: Lang::EN, kind: kind(text), lines: (1, 1) }
    }

    #[test]
    fn noise() {
        for t in
            ["8", "- 12 -", "* * * * *", "-", "/", "https://example.org/a", "Adobe Acrobat Document 80.0 KB"]
        {
            assert_eq!(kind(t), Kind::Noise, "{t}");
        }
    }

    #[test]
    fn headings_questions_and_notes_in_several_languages() {
        assert_eq!(kind("La révolte des campagnes"), Kind::Heading);
        assert_eq!(kind("Восстание в Казахстане"), Kind::Heading);
        assert_eq!(kind("起义的背景"), Kind::Heading);
        assert_eq!(kind("From Anarchist Fighter:"), Kind::Body);
        assert_eq!(kind("Was ist in den letzten Tagen geschehen?"), Kind::Question);
        assert_eq!(kind("在哈萨克斯坦有反对党吗？"), Kind::Question);
        assert_eq!(kind("Décrivez la chronologie des événements."), Kind::Question);
        assert_eq!(kind("We can ask ourselves: what do we need to change?"), Kind::Body);
        assert_eq!(kind("[*] Organização supranacional envolvendo 11 repúblicas"), Kind::Footnote);
        assert_eq!(kind("注：视频是BBC的报道"), Kind::Footnote);
        assert_eq!(kind("This news article explores this issue. ↩"), Kind::Footnote);
        assert_eq!(kind("- A list item that is not a heading"), Kind::Body);
        assert_eq!(kind("CHAPTER II."), Kind::Heading);
        assert_eq!(kind("\"Have you heard that Netherfield Park is let at last?\""), Kind::Body);
        assert_eq!(kind("“这不会影响您的正常工作吧？”"), Kind::Body);
        let mut verse = Block::new(1, vec!["a".into(), "b".into()]);
        verse.verse = true;
        assert_eq!(local(&verse, "a\nb"), Kind::Verse);
    }

    #[test]
    fn captions_stand_before_sections() {
        let mut ps = vec![
            para("Die Arbeiter gingen auf die Straße, und die Polizei kam."),
            para("Ein geplündertes Geschäft in Almaty."),
            para("Was geschah danach?"),
            para("Niemand weiß es, sagen sie."),
            para("Und so weiter."),
            para("Das ist alles, was wir wissen, und es ist nicht viel."),
        ];
        refine(&mut ps);
        assert_eq!(ps[1].kind, Kind::Caption);
        assert_eq!(ps[4].kind, Kind::Body);
    }

    #[test]
    fn a_download_label_goes_with_its_file_size() {
        let mut ps =
            vec![para("Der vollständige Bericht"), para("PDF Document 1.2 MB"), para("Weiter im Text.")];
        ps[1].lines = (2, 2);
        ps[2].lines = (3, 3);
        refine(&mut ps);
        assert_eq!([ps[0].kind, ps[1].kind], [Kind::Noise, Kind::Noise]);
    }

    #[test]
    fn page_junk_above_the_title_and_end_notes() {
        let mut ps = vec![
            para("/"),
            para("The Uprising in Kazakhstan"),
            para("Kazakhstan uprising"),
            para("Via Somewhere"),
            para("A long first paragraph of the article, which tells what happened and why."),
            para("* * *"),
            para("We refer readers to another statement, 8 October 2020, https://example.org/a"),
        ];
        refine(&mut ps);
        let kinds: Vec<Kind> = ps.iter().map(|p| p.kind).collect();
        use Kind::*;
        assert_eq!(kinds, vec![Noise, Heading, Noise, Noise, Body, Noise, Footnote]);
    }
}
