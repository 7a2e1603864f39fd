//! Sentences of a paragraph, as byte ranges of its text.
//!
//! The Unicode sentence boundaries (UAX #29, from `unicode-segmentation`) do most of the work,
//! CJK full stops and closing brackets included (`。」` ends a sentence with its bracket). Three
//! things are added on top of them:
//!
//! - `…` (and `……`) after CJK text ends a sentence, as Chinese and Japanese write it; UAX #29
//!   does not count it as a terminator.
//! - A boundary after an abbreviation (`Mr.`, `Dr.`, `e.g.`, `U.S.`, `Sra.`) or an initial
//!   (`J. R. R. Tolkien`, `А. С. Пушкин`) is dropped: UAX #29 breaks there whenever a capital
//!   follows.
//! - A boundary followed by a lowercase letter is dropped (`“Stop!” he said.`).
//!
//! Numbers (`3.5`) are never split: UAX #29 already keeps a full stop between digits.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Words written with a full stop that rarely end a sentence (compared without case).
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    // English
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "gen", "sen", "rep", "gov", "lt", "col",
    "capt", "sgt", "mt", "inc", "ltd", "co", "corp", "dept", "approx", "ed", "eds", "cf", "ca", "rev",
    "hon", "messrs", "mme", "mlle",
    // Spanish
    "sra", "srta", "dra", "ud", "uds", "lic", "ing", "av", "avda",
    // Russian
    "ул", "им", "проф", "см", "др", "тов", "акад",
];

/// Abbreviations that are also words or end a date (`I said no.`, `в 1799 г.`): they hold a
/// sentence together only before a number (`No. 5`, `pág. 12`).
#[rustfmt::skip]
const BEFORE_NUMBERS: &[&str] = &[
    "no", "nos", "art", "vol", "vols", "fig", "figs", "pp", "p", "núm", "pág", "г", "гг", "стр", "с",
];

/// Characters that end a sentence in CJK text without being a UAX #29 terminator.
fn is_cjk_ender(c: char) -> bool {
    c == '…'
}

/// Closing quotes and brackets that stay with the sentence they close.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '"' | '\'' | '」' | '』' | '）' | ')' | ']' | '》' | '〉' | '»' | '】')
}

/// Opening quotes and brackets, which are not part of the word they open.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '"' | '\'' | '「' | '『' | '（' | '(' | '[' | '《' | '〈' | '«' | '【' | '¿' | '¡'
    )
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // kana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x2FFFF) // CJK extensions B and on
}

/// The byte ranges of the sentences of `text`, in order, each without the white space around
/// it. Text between sentences is only white space; an empty or blank text has none.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut cuts: Vec<usize> =
        text.split_sentence_bound_indices().map(|(i, _)| i).filter(|&i| i > 0).collect();
    cuts.extend(ellipsis_cuts(text));
    // UAX #29 counts opening brackets as closers too (`。」『`): an opener goes with the
    // sentence after it.
    for c in &mut cuts {
        let kept = text[..*c].trim_end_matches(|ch: char| is_opener(ch) && !is_closer(ch));
        if !kept.trim().is_empty() {
            *c = kept.len();
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.retain(|&c| keeps(text, c));
    let mut out = Vec::new();
    let mut start = 0;
    for end in cuts.into_iter().chain([text.len()]) {
        if let Some(r) = trimmed(text, start..end) {
            out.push(r);
        }
        start = end;
    }
    out
}

/// Where `…` runs end sentences of CJK text: after the run and any closing brackets, when a
/// CJK character comes before it.
fn ellipsis_cuts(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_cjk_ender(chars[i].1) {
            i += 1;
            continue;
        }
        let after_cjk = i > 0 && is_cjk(chars[i - 1].1);
        while i < chars.len() && is_cjk_ender(chars[i].1) {
            i += 1;
        }
        while i < chars.len() && is_closer(chars[i].1) {
            i += 1;
        }
        if after_cjk && i < chars.len() {
            out.push(chars[i].0);
        }
    }
    out
}

/// Whether a boundary at byte `cut` is a real sentence end.
fn keeps(text: &str, cut: usize) -> bool {
    let (before, after) = text.split_at(cut);
    // A lowercase start is the same sentence going on (`“Stop!” he said`, `e.g. the`).
    if after.trim_start().chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    let before = before.trim_end().trim_end_matches(is_closer);
    let Some(word) = before.strip_suffix('.') else { return true };
    let word = word.rsplit(|c: char| c.is_whitespace() || is_opener(c)).next().unwrap_or("");
    let numbered = || {
        BEFORE_NUMBERS.contains(&word.to_lowercase().as_str())
            && after.trim_start().chars().next().is_some_and(|c| c.is_ascii_digit())
    };
    // A point's number at the start of the paragraph (`1. The uprising…`) is no sentence.
    let point = word.chars().all(|c| c.is_ascii_digit()) && before.trim_start().len() == word.len() + 1;
    !(is_abbreviation(word) || numbered() || point)
}

/// Whether `word` (the word before a full stop, without it) is an abbreviation or an initial.
fn is_abbreviation(word: &str) -> bool {
    let letters = word.chars().count();
    if letters == 0 {
        return false;
    }
    // An initial: `J`, `А`.
    if letters == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    // Dotted: `e.g`, `U.S`, `i.e`, `a.m`, each part a letter or two.
    if word.contains('.') {
        return word
            .split('.')
            .all(|p| (1..=2).contains(&p.chars().count()) && p.chars().all(char::is_alphabetic));
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// `range` of `text` without white space at either end; `None` when nothing is left.
fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    (!t.is_empty()).then(|| range.start + lead..range.start + lead + t.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn english_with_abbreviations_initials_and_numbers() {
        assert_eq!(
            split("Mr. Smith met Dr. Jones at 3.5 p.m. in the U.S. Capitol. They talked. Then they left!"),
            vec![
                "Mr. Smith met Dr. Jones at 3.5 p.m. in the U.S. Capitol.",
                "They talked.",
                "Then they left!"
            ]
        );
        assert_eq!(
            split("J. R. R. Tolkien wrote it. Some tools, e.g. Rust, help. Why? Because."),
            vec!["J. R. R. Tolkien wrote it.", "Some tools, e.g. Rust, help.", "Why?", "Because."]
        );
        assert_eq!(
            split("Prices rose 2.5% in 2021. Wages did not."),
            vec!["Prices rose 2.5% in 2021.", "Wages did not."]
        );
        // `No.` holds before a number only: `no` is also a word.
        assert_eq!(
            split("See No. 5 and Fig. 2 here. I said no. Then I left."),
            vec!["See No. 5 and Fig. 2 here.", "I said no.", "Then I left."]
        );
    }

    #[test]
    fn english_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("“Stop!” he said. “Why?” She did not answer. (It was late.) Morning came."),
            vec!["“Stop!” he said.", "“Why?”", "She did not answer.", "(It was late.)", "Morning came."]
        );
    }

    #[test]
    fn chinese_enders_and_closing_brackets() {
        assert_eq!(
            split("他说：“我们走吧。”她没有回答。真的吗？当然！"),
            vec!["他说：“我们走吧。”", "她没有回答。", "真的吗？", "当然！"]
        );
        assert_eq!(
            split("「好。」『是的。』（完。）结束"),
            vec!["「好。」", "『是的。』", "（完。）", "结束"]
        );
        assert_eq!(split("他想了想……然后走了。"), vec!["他想了想……", "然后走了。"]);
        // An English ellipsis goes on.
        assert_eq!(split("Well… maybe."), vec!["Well… maybe."]);
    }

    #[test]
    fn russian_with_initials_and_quotes() {
        assert_eq!(
            split("Это было в 1986 г. Потом всё изменилось."),
            vec!["Это было в 1986 г.", "Потом всё изменилось."]
        );
        assert_eq!(
            split("А. С. Пушкин родился в 1799 г. в Москве. Он писал стихи. «Кто там?» — спросил он."),
            vec!["А. С. Пушкин родился в 1799 г. в Москве.", "Он писал стихи.", "«Кто там?» — спросил он."]
        );
    }

    #[test]
    fn korean_sentences() {
        assert_eq!(
            split("카자흐스탄에서 봉기가 일어났다. 정부는 무엇을 했는가? 아무것도 하지 않았다!"),
            vec!["카자흐스탄에서 봉기가 일어났다.", "정부는 무엇을 했는가?", "아무것도 하지 않았다!"]
        );
    }

    #[test]
    fn spanish_with_inverted_marks_and_abbreviations() {
        assert_eq!(
            split("¿Qué pasó? La Sra. García llegó a las 3.15. ¡Qué sorpresa! «Hola», dijo."),
            vec!["¿Qué pasó?", "La Sra. García llegó a las 3.15.", "¡Qué sorpresa!", "«Hola», dijo."]
        );
    }

    #[test]
    fn blank_and_unterminated_text() {
        assert!(sentences("").is_empty());
        assert!(sentences("  \n ").is_empty());
        assert_eq!(split("  no full stop  "), vec!["no full stop"]);
        assert_eq!(split("1."), vec!["1."]);
        assert_eq!(split("2. The uprising began. It spread."), vec!["2. The uprising began.", "It spread."]);
        // Every range lies on character boundaries and in order.
        let t = "第一句。 第二句！ Третье. 네 번째?";
        let rs = sentences(t);
        assert_eq!(rs.len(), 4);
        assert!(rs.windows(2).all(|w| w[0].end <= w[1].start));
    }
}
