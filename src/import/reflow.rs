//! Turning lines into paragraph blocks: reflowing hard-wrapped text (line width, sentence-final
//! punctuation, page breaks that fall mid-sentence, stray indentation), grouping blank-line
//! paragraphs, and one paragraph per line.

use crate::document::Kind;
use crate::import::lang::is_cjk_char;
use crate::import::shape::width;

/// Source lines that make one paragraph, before its language and kind are known.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The lines' text without indentation and trailing spaces, joined by `\n`: one string,
    /// not one a line, since a big file has a block for every paragraph.
    lines: String,
    /// First and last source line, 1-based.
    pub first: usize,
    pub last: usize,
    /// Keep the line breaks (a lyric, a poem): joined with `\n`.
    pub verse: bool,
    /// A kind the markup already says (an HTML heading, a front matter title).
    pub hint: Option<Kind>,
}

impl Block {
    pub fn new(first: usize, parts: Vec<String>) -> Block {
        let last = first + parts.len().saturating_sub(1);
        let lines =
            if parts.len() == 1 { parts.into_iter().next().unwrap_or_default() } else { parts.join("\n") };
        Block { lines, first, last, verse: false, hint: None }
    }

    /// The lines of the block, as the source had them (without indentation).
    pub fn parts(&self) -> std::str::Split<'_, char> {
        self.lines.split('\n')
    }

    /// How many lines the block has.
    pub fn part_count(&self) -> usize {
        1 + self.lines.bytes().filter(|&b| b == b'\n').count()
    }

    /// Appends the lines of `other` (a paragraph broken over two by its markup).
    pub fn append(&mut self, other: Block) {
        self.lines.push('\n');
        self.lines.push_str(&other.lines);
        self.last = other.last;
    }

    /// The paragraph text: only the line breaks are removed (none for verse), with one space
    /// where a break fell between words and none where it fell inside CJK text.
    pub fn text(&self) -> String {
        if self.verse {
            return self.lines.clone();
        }
        let mut out = String::with_capacity(self.lines.len());
        for p in self.parts() {
            if p.is_empty() {
                continue;
            }
            if let (Some(a), Some(b)) = (out.chars().next_back(), p.chars().next())
                && needs_space(&out, a, b)
            {
                out.push(' ');
            }
            out.push_str(p);
        }
        out
    }
}

/// Whether a removed line break between `a` (end of `before`) and `b` stood for a space.
fn needs_space(before: &str, a: char, b: char) -> bool {
    if is_cjk_char(a) || is_cjk_char(b) {
        return false;
    }
    // A word broken at a hyphen or dash: the dash stays, and nothing is inserted after it.
    if matches!(a, '-' | '‐' | '—' | '\u{00AD}') {
        let mut it = before.chars().rev();
        it.next();
        return !it.next().is_some_and(char::is_alphabetic);
    }
    true
}

/// Whether a line ends a sentence: its last character, past closing quotes and brackets,
/// is sentence-final punctuation in any of the scripts diglot reads.
pub fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(c, '”' | '’' | '"' | '\'' | '」' | '』' | '）' | ')' | '】' | '》' | ']' | '»')
    });
    t.ends_with(['.', '!', '?', '。', '！', '？', '…', '‥', '．', '↩'])
}

/// One non-blank line of a hard-wrapped text.
struct Line<'a> {
    no: usize,
    text: &'a str,
    width: usize,
    indent: usize,
    blank_before: bool,
    blank_after: bool,
}

/// Reflows a hard-wrapped text. `base` is the source line number of `lines[0]`.
pub fn hard_wrapped(lines: &[&str], base: usize, wrap: usize) -> Vec<Block> {
    let mut ls: Vec<Line> = Vec::new();
    let mut blank = false;
    for (i, raw) in lines.iter().enumerate() {
        let text = raw.trim();
        if text.is_empty() {
            blank = true;
            if let Some(l) = ls.last_mut() {
                l.blank_after = true;
            }
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        ls.push(Line {
            no: base + i,
            text,
            width: width(text),
            indent,
            blank_before: blank,
            blank_after: false,
        });
        blank = false;
    }
    if ls.is_empty() {
        return Vec::new();
    }
    let tol = (wrap / 20).max(2);
    let full = |l: &Line| l.width + tol >= wrap;
    let short = |l: &Line| l.width * 10 < wrap * 7;
    let base_indent = ls.iter().map(|l| l.indent).min().unwrap_or(0);

    // A break is certain after a short line that ends a sentence, and a continuation certain
    // after a full line that does not. What the lines after certain breaks have in common
    // (an indent, or, in PDF extractions, a blank line split off after the first line)
    // and the continuation lines lack, settles the uncertain case: a full line that happens
    // to end a sentence.
    let (mut starts, mut conts) = ([0usize; 2], [0usize; 2]);
    let (mut n_starts, mut n_conts) = (0usize, 0usize);
    for w in ls.windows(2) {
        let (l, n) = (&w[0], &w[1]);
        let marks = [n.blank_after, n.indent > base_indent];
        if ends_sentence(l.text) && !full(l) && !l.blank_after {
            n_starts += 1;
            for (k, m) in marks.iter().enumerate() {
                starts[k] += usize::from(*m);
            }
        } else if !ends_sentence(l.text) && full(l) {
            n_conts += 1;
            for (k, m) in marks.iter().enumerate() {
                conts[k] += usize::from(*m);
            }
        }
    }
    let usable = |k: usize| n_starts >= 3 && starts[k] * 2 >= n_starts && conts[k] * 6 <= n_conts.max(1);
    let markers: Vec<usize> = (0..2).filter(|&k| usable(k)).collect();
    let marked = |n: &Line| markers.iter().any(|&k| [n.blank_after, n.indent > base_indent][k]);

    // Blank lines either separate paragraphs (nearly always after a sentence end) or are page
    // and column breaks that fall anywhere, mid-sentence included.
    let blanks: Vec<&Line> = ls.iter().filter(|l| l.blank_after).collect();
    let mid = blanks.iter().filter(|l| !ends_sentence(l.text) && !short(l)).count();
    let blank_separates = mid * 10 <= blanks.len();

    // Verse: a run between blank lines of three or more short lines, not all of them
    // sentences, that starts a paragraph.
    let mut verse = vec![false; ls.len()];
    let mut i = 0;
    while i < ls.len() {
        let mut j = i + 1;
        while j < ls.len() && !ls[j].blank_before {
            j += 1;
        }
        let seg = &ls[i..j];
        let starts_para = i == 0 || ends_sentence(ls[i - 1].text) || short(&ls[i - 1]);
        if seg.len() >= 3
            && starts_para
            && ls[i].blank_before | (i == 0)
            && seg.iter().all(short)
            && seg.iter().any(|l| !ends_sentence(l.text))
        {
            verse[i..j].iter_mut().for_each(|v| *v = true);
        }
        i = j;
    }

    let mut blocks = Vec::new();
    let mut cur: Vec<&Line> = Vec::new();
    let flush = |cur: &mut Vec<&Line>, blocks: &mut Vec<Block>, is_verse: bool| {
        if let Some(first) = cur.first() {
            let mut b = Block::new(first.no, cur.iter().map(|l| l.text.to_string()).collect());
            b.last = cur.last().map_or(first.no, |l| l.no);
            b.verse = is_verse;
            blocks.push(b);
        }
        cur.clear();
    };
    for k in 0..ls.len() {
        let l = &ls[k];
        cur.push(l);
        let Some(n) = ls.get(k + 1) else { break };
        let brk = if verse[k] || verse[k + 1] {
            verse[k] != verse[k + 1] || n.blank_before
        } else if n.blank_before && blank_separates {
            // Even where blank lines separate paragraphs, one after a full line that stops
            // mid-sentence, before a lowercase word, is a page break.
            !(full(l) && !ends_sentence(l.text) && n.text.chars().next().is_some_and(char::is_lowercase))
        } else if ends_sentence(l.text) {
            n.blank_before || !full(l) || markers.is_empty() || marked(n)
        } else {
            short(l)
        };
        if brk {
            flush(&mut cur, &mut blocks, verse[k]);
        }
    }
    let last_verse = verse.last().copied().unwrap_or(false);
    flush(&mut cur, &mut blocks, last_verse);
    blocks
}

/// Paragraphs separated by blank lines. When most paragraphs are one line, a paragraph of
/// several lines is verse (a lyric quoted in prose) and keeps its breaks.
pub fn blank_line(lines: &[&str], base: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut first = 0;
    for (i, raw) in lines.iter().enumerate() {
        let t = raw.trim();
        if t.is_empty() {
            if !cur.is_empty() {
                blocks.push(Block::new(first, std::mem::take(&mut cur)));
            }
            continue;
        }
        if cur.is_empty() {
            first = base + i;
        }
        cur.push(t.to_string());
    }
    if !cur.is_empty() {
        blocks.push(Block::new(first, cur));
    }
    let single = blocks.iter().filter(|b| b.part_count() == 1).count();
    if single * 10 >= blocks.len() * 7 {
        for b in blocks.iter_mut().filter(|b| b.part_count() > 1) {
            b.verse = true;
        }
    }
    blocks.into_iter().flat_map(split_caps_title).collect()
}

/// A block whose first line is a title in capitals, split into that title and the rest: man
/// pages and plain-text documents put such a heading (`OPTIONS`, `BESCHREIBUNG`) right above
/// its section, with no blank line between.
fn split_caps_title(b: Block) -> Vec<Block> {
    let mut parts = b.parts();
    let (Some(head), true) = (parts.next(), b.part_count() > 1) else { return vec![b] };
    if !caps_title(head) {
        return vec![b];
    }
    let title = Block::new(b.first, vec![head.to_string()]);
    let mut rest = Block::new(b.first + 1, parts.map(str::to_string).collect());
    rest.verse = b.verse;
    rest.hint = b.hint;
    vec![title, rest]
}

/// A short line of at least two letters, all of the cased ones capitals, that ends no sentence.
fn caps_title(line: &str) -> bool {
    let letters = || line.chars().filter(|c| c.is_alphabetic());
    letters().nth(1).is_some()
        && letters().all(|c| !c.is_lowercase())
        && letters().any(char::is_uppercase)
        && width(line) <= CAPS_TITLE_WIDTH
        && !ends_sentence(line)
}

/// Widest line taken for a title in capitals.
const CAPS_TITLE_WIDTH: usize = 60;

/// Every non-blank line is one paragraph.
pub fn line_per_paragraph(lines: &[&str], base: usize) -> Vec<Block> {
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, raw)| {
            let t = raw.trim();
            (!t.is_empty()).then(|| Block::new(base + i, vec![t.to_string()]))
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn reflow(text: &str) -> Vec<(String, usize, usize, bool)> {
        let lines: Vec<&str> = text.lines().collect();
        let widths: Vec<(usize, bool)> =
            lines.iter().filter(|l| width(l) > 0).map(|l| (width(l), ends_sentence(l))).collect();
        let wrap = crate::import::shape::wrap_width(&widths).expect("hard-wrapped");
        hard_wrapped(&lines, 1, wrap).into_iter().map(|b| (b.text(), b.first, b.last, b.verse)).collect()
    }

    #[test]
    fn french_hard_wrapped_text_is_reflowed() {
        let t = "Il était une fois, dans un petit village au bord de la mer, un pêcheur\n\
                 qui partait chaque matin avant l'aube pour jeter ses filets dans les\n\
                 eaux froides de la baie. Sa femme l'attendait sur la plage le soir.\n\
                 Un jour, il ne revint pas.\n\
                 Les voisins cherchèrent longtemps le long des côtes rocheuses sans\n\
                 \n\
                 jamais trouver la moindre trace de sa barque ni de ses filets perdus.\n\
                 Le village entier porta le deuil pendant un an, et la mer se tut.\n";
        let got = reflow(t);
        assert_eq!(got.len(), 4, "{got:#?}");
        assert_eq!(got[0].1, 1);
        assert_eq!(got[0].2, 3);
        assert!(
            got[0]
                .0
                .starts_with("Il était une fois, dans un petit village au bord de la mer, un pêcheur qui")
        );
        assert_eq!(got[1].0, "Un jour, il ne revint pas.");
        // The blank line fell mid-sentence: a page break, joined over.
        assert_eq!((got[2].1, got[2].2), (5, 7));
        assert!(got[2].0.contains("rocheuses sans jamais trouver"));
    }

    #[test]
    fn chinese_lines_join_without_spaces_and_stray_indent_goes() {
        let t = "我们应该在全球背景下理解哈萨克斯坦的起义。它不仅仅是对一个独裁政权的反应。哈萨克\n\
                 斯坦的抗议者对多年来世界各地的人们一直在抗议的生活成本上升做出回应。哈萨克斯坦并不\n\
                 \u{20}是第一个因天然气成本增加而引发抗议浪潮的地方——在法国、厄瓜多尔和世界其他地方，在\n\
                 各种各样的政府和政府形式下，都发生过同样的事情。\n\
                 \u{20}起义的背景\n\
                 那么，这场起义的意义不在于它是前所未有的，而在于它涉及到人们直面世界所有其它地方\n\
                 \n\
                 的人所面临的同样的挑战。\n";
        let got = reflow(t);
        assert_eq!(got.len(), 3, "{got:#?}");
        assert!(got[0].0.contains("哈萨克斯坦并不是第一个"));
        assert_eq!(got[1].0, "起义的背景");
        assert_eq!((got[2].1, got[2].2), (6, 8));
        assert!(got[2].0.ends_with("其它地方的人所面临的同样的挑战。"));
    }

    #[test]
    fn a_lyric_keeps_its_lines() {
        let t = "Wir können einige Antworten in den Zeilen eines Liedes finden, das ein Musiker\n\
                 aus Almaty geschrieben hat, der in einer Band mit dem Namen Anpassung spielt.\n\
                 \n\
                 Egal wie viel sie schießen,\n\
                 die Kugeln werden nicht reichen\n\
                 Egal wie sehr sie drücken\n\
                 \n\
                 Wenn wir auf die Ereignisse der letzten Jahrzehnte zurückblicken, müssen wir\n\
                 fragen, was die Zusammenarbeit zwischen den Bewegungen erreichen könnte.\n";
        let got = reflow(t);
        assert_eq!(got.len(), 3, "{got:#?}");
        assert!(got[1].3);
        assert_eq!(got[1].0.lines().count(), 3);
    }

    #[test]
    fn blank_line_paragraphs_and_verse() {
        let lines = ["Title", "", "A long paragraph.", "", "Line one,", "line two.", "", "End."];
        let b = blank_line(&lines, 1);
        assert_eq!(b.len(), 4);
        assert!(b[2].verse);
        assert_eq!(b[2].text(), "Line one,\nline two.");
        assert_eq!((b[2].first, b[2].last), (5, 6));
    }

    #[test]
    fn joins_keep_hyphens_and_add_spaces_between_words() {
        let b = Block::new(1, vec!["self-".into(), "seeking and".into(), "more".into()]);
        assert_eq!(b.text(), "self-seeking and more");
        let b = Block::new(1, vec!["한국어".into(), "문장".into()]);
        assert_eq!(b.text(), "한국어 문장");
        assert!(ends_sentence("事情」。"));
        assert!(ends_sentence("before.”"));
        assert!(!ends_sentence("From Anarchist Fighter:"));
    }

    #[test]
    fn a_title_in_capitals_right_above_its_text_is_a_paragraph_of_its_own() {
        let lines = [
            "OPTIONEN",
            "Allgemeine Programminformationen",
            "--help zeigt die Hilfe.",
            "",
            "SEE ALSO",
            "ls(1)",
        ];
        let blocks = blank_line(&lines, 1);
        let texts: Vec<Vec<&str>> = blocks.iter().map(|b| b.parts().collect()).collect();
        assert_eq!(
            texts,
            vec![
                vec!["OPTIONEN"],
                vec!["Allgemeine Programminformationen", "--help zeigt die Hilfe."],
                vec!["SEE ALSO"],
                vec!["ls(1)"],
            ]
        );
        assert_eq!((blocks[1].first, blocks[1].last), (2, 3));
        // A sentence in capitals, mixed case, a title alone and Chinese stay as they are.
        for block in [["STOP THAT NOW.", "He said."], ["The Title", "Text."], ["第一章", "他来了。"]] {
            assert_eq!(blank_line(&block, 1).len(), 1, "{block:?}");
        }
        assert_eq!(blank_line(&["ONLY A TITLE"], 1).len(), 1);
    }
}
