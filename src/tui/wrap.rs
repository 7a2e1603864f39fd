//! Display-width line wrapping with Unicode line breaking (UAX #14).
//!
//! Lines are returned as byte ranges into the text, so that the reader can draw them (and
//! highlight search matches inside them) without copying. Widths are counted per grapheme
//! cluster exactly as ratatui's buffer counts them, so a wrapped line never takes more cells
//! than the pane has:
//! - Chinese and Japanese break between characters, but never before closing punctuation
//!   (`。，、」`) nor after opening punctuation (`「`), as UAX #14 says;
//! - Korean is spaced, so it breaks at spaces (CSS `word-break: keep-all`), not inside words;
//! - a word wider than the line is cut between grapheme clusters, never inside one;
//! - `\n` is a hard break, which is how verse keeps its lines.

use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The number of terminal cells `s` takes, as ratatui draws it.
pub fn width(s: &str) -> usize {
    let mut w = 0;
    let mut ascii = s.len();
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if b >= 0x80 {
            ascii = i;
            break;
        }
        w += usize::from(b >= 0x20 && b != 0x7f);
    }
    if ascii == s.len() {
        return w;
    }
    // Most text (CJK, Hangul syllables, Cyrillic, Latin) is made of characters that are each a
    // grapheme of their own: their widths add up without segmenting (several times faster).
    for c in s[ascii..].chars() {
        w += match c {
            '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' => 2,
            c if c.is_ascii() => usize::from(!c.is_ascii_control()),
            c if stands_alone(c) => {
                if c.is_control() {
                    0
                } else {
                    UnicodeWidthChar::width(c).unwrap_or(0)
                }
            }
            _ => {
                return s
                    .graphemes(true)
                    .filter(|g| !g.contains(char::is_control))
                    .map(UnicodeWidthStr::width)
                    .sum();
            }
        };
    }
    w
}

/// Characters that never join a neighbour into one grapheme cluster (no combining marks,
/// joiners, variation selectors, Hangul jamo, emoji modifiers or regional indicators).
fn stands_alone(c: char) -> bool {
    matches!(c,
        ' '..='\u{2FF}'
        | '\u{370}'..='\u{482}'
        | '\u{48A}'..='\u{58F}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205F}'
        | '\u{3000}'..='\u{3029}'
        | '\u{3030}'..='\u{3098}'
        | '\u{309B}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF01}'..='\u{FF9D}'
        | '\u{FFA0}'..='\u{FFEF}')
}

/// Wraps `text` into lines at most `width` cells wide (at least one line, even for empty text).
///
/// Each line is a byte range into `text` without its trailing spaces. Only a single grapheme
/// wider than `width` (a wide character in a one-cell pane) can exceed it; the caller clips it.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    wrap_into(text, width, &mut out);
    out
}

/// [`wrap`], appending to `out` (which lets the layout reuse one vector).
pub fn wrap_into(text: &str, width: usize, out: &mut Vec<Range<usize>>) {
    let first = out.len();
    let width = width.max(1);
    let mut w = Wrapper { out, width, line_start: 0, content_end: 0, line_w: 0 };
    let mut seg_start = 0;
    for (pos, opportunity) in linebreaks(text) {
        let mandatory = opportunity == BreakOpportunity::Mandatory;
        if !mandatory && pos < text.len() && keeps_together(text, pos) {
            continue;
        }
        w.push_segment(text, seg_start, pos);
        if mandatory {
            w.end_line(pos);
        }
        seg_start = pos;
    }
    if seg_start < text.len() {
        w.push_segment(text, seg_start, text.len());
        w.end_line(text.len());
    }
    if out.len() == first {
        out.push(0..0);
    }
}

struct Wrapper<'a> {
    out: &'a mut Vec<Range<usize>>,
    width: usize,
    line_start: usize,
    /// End of the line's text without trailing spaces.
    content_end: usize,
    /// Width of the line so far, trailing spaces included (they count when more text follows).
    line_w: usize,
}

impl Wrapper<'_> {
    fn push_segment(&mut self, text: &str, start: usize, end: usize) {
        let seg = &text[start..end];
        let content = trim_end(seg);
        let cw = width(content);
        let sw = end - start - content.len();
        if self.line_w + cw > self.width {
            if self.content_end > self.line_start {
                self.out.push(self.line_start..self.content_end);
            }
            // Spaces left over from the previous line are not carried to the next.
            self.line_start = start;
            self.content_end = start;
            self.line_w = 0;
        }
        if cw > self.width {
            for (off, g) in content.grapheme_indices(true) {
                let gw = width(g);
                if self.line_w + gw > self.width && self.line_w > 0 {
                    self.out.push(self.line_start..start + off);
                    self.line_start = start + off;
                    self.line_w = 0;
                }
                self.line_w += gw;
            }
        } else {
            self.line_w += cw;
        }
        if !content.is_empty() {
            self.content_end = start + content.len();
        }
        self.line_w += sw;
    }

    fn end_line(&mut self, pos: usize) {
        self.out.push(self.line_start..self.content_end.max(self.line_start));
        self.line_start = pos;
        self.content_end = pos;
        self.line_w = 0;
    }
}

/// `s` without its trailing spaces and line ends (other white space, such as the ideographic
/// space, is text that takes room).
fn trim_end(s: &str) -> &str {
    // Byte by byte: this runs once per break opportunity, so once per Chinese character.
    let b = s.as_bytes();
    let mut end = b.len();
    loop {
        match b[..end] {
            [.., b' ' | b'\n' | b'\r' | b'\t' | 0x0B | 0x0C] => end -= 1,
            [.., 0xC2, 0xA0] => end -= 2,
            [.., 0xE2, 0x80, 0xA8 | 0xA9] => end -= 3,
            _ => return &s[..end],
        }
    }
}

/// Whether the break UAX #14 allows at `pos` falls inside a Korean word (Hangul on both sides).
fn keeps_together(text: &str, pos: usize) -> bool {
    // Hangul syllables and jamo are three bytes in UTF-8, led by 0xE1..=0xED.
    if !(0xE1..=0xED).contains(&text.as_bytes()[pos]) {
        return false;
    }
    let before = text[..pos].chars().next_back();
    let after = text[pos..].chars().next();
    matches!((before, after), (Some(a), Some(b)) if is_hangul(a) && is_hangul(b))
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn lines(text: &str, w: usize) -> Vec<&str> {
        wrap(text, w).into_iter().map(|r| &text[r]).collect()
    }

    /// The properties every wrap must have, whatever the text and width.
    fn check(text: &str, w: usize) {
        let ls = wrap(text, w);
        assert!(!ls.is_empty());
        let mut last_end = 0;
        for r in &ls {
            let line = &text[r.clone()];
            assert!(width(line) <= w || line.graphemes(true).count() == 1, "{line:?} wider than {w}");
            assert!(r.start >= last_end, "lines overlap or go back");
            // Nothing but whitespace is dropped between lines.
            assert!(text[last_end..r.start].trim().is_empty(), "lost {:?}", &text[last_end..r.start]);
            last_end = r.end;
        }
        assert!(text[last_end..].trim().is_empty());
    }

    const ZH: &str = "哈萨克斯坦爆发了一场全面的起义。起初，人们抗议燃料价格上涨，但很快就演变成了对整个政治制度的反抗：「我们要自由」，他们说。";
    const KO: &str = "중앙아시아에서 정치적으로, 경제적으로 우세한 입지를 차지하고 있는 카자흐스탄에서 민중 대중의 자연발생적 봉기가 일어나고 있다.";
    const RU: &str = "Казахстан - это политически и экономически доминирующая страна Центральной Азии, в которой происходит стихийное восстание народных масс.";
    const EN: &str =
        "A full-scale uprising has broken out in Kazakhstan, the largest country in Central Asia.";

    #[test]
    fn properties_hold_at_many_widths() {
        let mixed = format!("{EN} {ZH} {KO} {RU} emoji 👩‍👩‍👧 e\u{301}t\u{301}e\u{301}");
        for text in [EN, ZH, KO, RU, mixed.as_str(), "", " ", "a\n\nb\n"] {
            for w in 1..=40 {
                check(text, w);
            }
            check(text, 200);
        }
    }

    #[test]
    fn random_mixed_text_keeps_the_properties() {
        let pool: Vec<char> =
            "ab cd  ef-gh.,;:!?()「」。，、中文字한국어Жизнь e\u{301}👩\u{200d}👧\n\u{3000}\u{a0}1234"
                .chars()
                .collect();
        // A small linear congruential generator: the same texts on every run.
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..300 {
            let len = (seed >> 33) as usize % 120;
            let text: String = (0..len)
                .map(|_| {
                    seed =
                        seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    pool[(seed >> 33) as usize % pool.len()]
                })
                .collect();
            for w in [1, 2, 3, 5, 8, 13, 40] {
                check(&text, w);
            }
        }
    }

    #[test]
    fn fast_width_agrees_with_graphemes() {
        let slow = |s: &str| -> usize {
            s.graphemes(true).filter(|g| !g.contains(char::is_control)).map(UnicodeWidthStr::width).sum()
        };
        for s in [
            EN,
            ZH,
            KO,
            RU,
            "e\u{301}",
            "👩‍👩‍👧",
            "ｶﾞ",
            "か\u{3099}",
            "\u{1100}\u{1161}",
            "a\u{200d}b",
            "x\u{85}y",
        ] {
            assert_eq!(width(s), slow(s), "{s:?}");
        }
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_closing_punctuation() {
        // Below 6 cells a character with two closing marks (`由」，`) cannot fit and is cut.
        for w in 6..30 {
            for line in lines(ZH, w) {
                let first = line.chars().next().unwrap_or(' ');
                assert!(!"。，、」：".contains(first), "line starts with {first:?} at width {w}: {line}");
                let last = line.chars().last().unwrap_or(' ');
                assert!(last != '「', "line ends with an opening bracket at width {w}: {line}");
            }
        }
        // Chinese fills the line: no ragged breaks at "words".
        let ls = lines(ZH, 20);
        assert!(ls.iter().take(ls.len() - 1).all(|l| width(l) >= 18), "{ls:?}");
    }

    #[test]
    fn wide_character_at_the_edge_moves_to_the_next_line() {
        // 9 cells: "abcdefg" + one wide char would need 9; at width 8 the wide char must move.
        assert_eq!(lines("abcdefg中文", 8), vec!["abcdefg", "中文"]);
        assert_eq!(lines("中文字", 5), vec!["中文", "字"]);
        assert_eq!(lines("中文字", 1), vec!["中", "文", "字"]);
    }

    #[test]
    fn korean_and_russian_break_at_spaces() {
        let words: Vec<&str> = KO.split(' ').collect();
        for w in 15..60 {
            for line in lines(KO, w) {
                assert!(line.split(' ').all(|word| words.contains(&word)), "{line:?} at width {w}");
            }
        }
        assert_eq!(lines(RU, 30)[0], "Казахстан - это политически и");
        let ls = lines(KO, 20);
        assert_eq!(ls[0], "중앙아시아에서");
    }

    #[test]
    fn verse_keeps_its_lines_and_long_words_are_cut() {
        assert_eq!(lines("one line\ntwo\n\nfour", 40), vec!["one line", "two", "", "four"]);
        assert_eq!(lines("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(lines("the cat sat", 7), vec!["the cat", "sat"]);
        assert_eq!(lines("", 10), vec![""]);
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        let t = "e\u{301}e\u{301}e\u{301}e\u{301}";
        for l in lines(t, 2) {
            assert!(!l.starts_with('\u{301}'));
        }
    }
}
