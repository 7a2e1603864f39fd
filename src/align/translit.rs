//! Names across scripts: folds any script into lowercase ASCII (Cyrillic, Greek and Latin
//! with accents letter by letter; Han to pinyin and Hangul and kana to their romanisation
//! syllable by syllable, through `deunicode`) and compares the results fuzzily, so that
//! Zhanaozen, Janaozen, Жанаозен, 자나오젠 and 扎纳奥津 can be recognised as one name.

/// Full-width ASCII forms (`０`-`９`, `Ａ`-`Ｚ`, `？`...) as their ASCII letters, so that
/// digits and acronyms in CJK text read like everywhere else.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xff01 + 0x21).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }
}

/// How a character takes part in names and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Letters of alphabets with case (Latin, Cyrillic, Greek...): words are split by spaces.
    Alphabet,
    /// Han, Hangul and kana: one character is (about) one syllable.
    Syllabic,
    Digit,
    Other,
}

pub fn script(c: char) -> Script {
    if c.is_ascii_digit() {
        return Script::Digit;
    }
    match c as u32 {
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff => {
            Script::Syllabic
        }
        _ if c.is_alphabetic() => Script::Alphabet,
        _ => Script::Other,
    }
}

/// Whether the letter belongs to the Latin alphabet (the script names are borrowed in).
pub fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c as u32, 0xc0..=0x24f | 0x1e00..=0x1eff)
}

/// A word or syllable as lowercase ASCII letters and digits: `Kazajistán` → `kazajistan`,
/// `Жанаозен` → `zhanaozen`, `清` → `qing`.
pub fn latin_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(t) = deunicode::deunicode_char(c) {
            out.extend(t.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()));
        }
    }
    out
}

/// A rough sound skeleton of a romanised name, so that the usual ways of writing one sound
/// compare equal: `zh`/`j`/`dzh`, `kh`/`h`, `y`/`i`, doubled letters.
pub fn skeleton(key: &str) -> String {
    let b = key.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let (c, n) = if rest.starts_with(b"dzh") {
            (b'j', 3)
        } else if rest.starts_with(b"zh") || rest.starts_with(b"dj") {
            (b'j', 2)
        } else if rest.starts_with(b"kh") || rest.starts_with(b"gh") {
            (b'h', 2)
        } else if rest.starts_with(b"sh") || rest.starts_with(b"sch") {
            (b's', if rest.starts_with(b"sch") { 3 } else { 2 })
        } else if rest.starts_with(b"ch") || rest.starts_with(b"ts") || rest.starts_with(b"tch") {
            (b'c', if rest.starts_with(b"tch") { 3 } else { 2 })
        } else if rest.starts_with(b"ph") {
            (b'f', 2)
        } else {
            let c = match rest[0] {
                b'y' => b'i',
                b'w' | b'v' => b'u',
                b'k' | b'q' => b'c',
                b'z' => b's',
                c => c,
            };
            (c, 1)
        };
        if out.last() != Some(&c) {
            out.push(c);
        }
        i += n;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Shortest skeleton compared fuzzily: shorter names are compared exactly, or too many
/// unrelated short words would look alike.
pub const FUZZY_MIN: usize = 5;

/// How alike two skeletons are, as the certainty that they write the same name: 1 when
/// equal, less when close, `None` when unrelated.
pub fn name_match(a: &str, b: &str) -> Option<f32> {
    if a == b {
        return Some(1.0);
    }
    let (la, lb) = (a.len(), b.len());
    if la < FUZZY_MIN || lb < FUZZY_MIN || la * 4 < lb * 3 || lb * 4 < la * 3 {
        return None;
    }
    let s = strsim::jaro_winkler(a, b);
    if s >= 0.9 {
        Some(0.8)
    } else if s >= 0.86 {
        Some(0.6)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_five_scripts_meet() {
        let en = skeleton(&latin_key("Zhanaozen"));
        for other in ["Janaozen", "Жанаозен", "자나오젠", "扎纳奥津"] {
            let k = skeleton(&latin_key(other));
            assert!(name_match(&en, &k).is_some(), "{other} → {k} vs {en}");
        }
        assert_eq!(name_match(&skeleton("almaty"), &skeleton("moscow")), None);
        assert_eq!(latin_key("Kazajistán"), "kazajistan");
        assert_eq!(latin_key("陈清扬"), "chenqingyang");
    }

    #[test]
    fn full_width_folds() {
        let s: String = "２０２２年ＣＳＴＯ？".chars().map(fold_width).collect();
        assert_eq!(s, "2022年CSTO?");
        assert_eq!(script('2'), Script::Digit);
        assert_eq!(script('清'), Script::Syllabic);
        assert_eq!(script('자'), Script::Syllabic);
        assert_eq!(script('Ж'), Script::Alphabet);
    }
}
