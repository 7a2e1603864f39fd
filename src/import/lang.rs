//! Language identification for paragraphs and short lines.
//!
//! Scripts decide first, because they are certain where statistics are not: Han without kana is
//! Chinese, kana is Japanese, Hangul is Korean. Within a script shared by several languages
//! (Latin, Cyrillic, ...) whatlang decides, but short lines fool it (a Spanish title reads as
//! Portuguese, an English heading as Dutch). So the importer first [`learn`]s which languages a
//! file holds from its long, reliable passages, and then identifies every paragraph only among
//! those, which also makes sentence-per-line corpora fast: a script with one learned language
//! needs no statistics at all.

use std::collections::HashMap;

use crate::document::Lang;

/// The writing systems the importer tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Han,
    Kana,
    Hangul,
    Latin,
    Cyrillic,
    /// Any other script whatlang knows (Arabic, Greek, Devanagari, ...).
    Other,
}

/// Letter counts per script. CJK characters weigh more than letters of alphabets: one Han
/// character carries about as much as a short word, so a Chinese footnote with an English
/// name in it stays Chinese and an English footnote quoting four Chinese characters stays English.
#[derive(Debug, Default, Clone, Copy)]
pub struct ScriptCounts {
    pub han: usize,
    pub kana: usize,
    pub hangul: usize,
    pub latin: usize,
    pub cyrillic: usize,
    pub other: usize,
}

const CJK_WEIGHT: usize = 3;

impl ScriptCounts {
    pub fn of(text: &str) -> ScriptCounts {
        let mut c = ScriptCounts::default();
        if text.is_ascii() {
            c.latin = text.bytes().filter(u8::is_ascii_alphabetic).count();
            return c;
        }
        for ch in text.chars() {
            match script_of(ch) {
                Some(Script::Han) => c.han += 1,
                Some(Script::Kana) => c.kana += 1,
                Some(Script::Hangul) => c.hangul += 1,
                Some(Script::Latin) => c.latin += 1,
                Some(Script::Cyrillic) => c.cyrillic += 1,
                Some(Script::Other) => c.other += 1,
                None => {}
            }
        }
        c
    }

    /// The script most of the text is written in, or `None` when it has no letters at all.
    pub fn dominant(&self) -> Option<Script> {
        let cjk = (self.han + self.kana) * CJK_WEIGHT;
        let candidates = [
            (cjk, if self.kana * 20 > self.han + self.kana { Script::Kana } else { Script::Han }),
            (self.hangul * CJK_WEIGHT, Script::Hangul),
            (self.latin, Script::Latin),
            (self.cyrillic, Script::Cyrillic),
            (self.other, Script::Other),
        ];
        let (n, s) = candidates.iter().copied().max_by_key(|(n, _)| *n)?;
        (n > 0).then_some(s)
    }

    pub fn letters(&self) -> usize {
        self.han + self.kana + self.hangul + self.latin + self.cyrillic + self.other
    }
}

/// The script of one character, `None` for digits, punctuation, spaces and symbols.
pub fn script_of(ch: char) -> Option<Script> {
    let c = ch as u32;
    if ch.is_ascii() {
        return ch.is_ascii_alphabetic().then_some(Script::Latin);
    }
    match c {
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Some(Script::Kana),
        // The prolonged sound mark and iteration marks live among kana but are shared.
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F => Some(Script::Han),
        0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => Some(Script::Hangul),
        0x0400..=0x052F => Some(Script::Cyrillic),
        0x00C0..=0x024F | 0x1E00..=0x1EFF => ch.is_alphabetic().then_some(Script::Latin),
        _ if ch.is_alphabetic() => Some(Script::Other),
        _ => None,
    }
}

/// Han characters and the punctuation of CJK text: where these meet at a removed line
/// break, no space is inserted.
pub fn is_cjk_char(ch: char) -> bool {
    let c = ch as u32;
    matches!(script_of(ch), Some(Script::Han | Script::Kana))
        || (0x3000..=0x303F).contains(&c)
        || (0xFF00..=0xFFEF).contains(&c)
}

/// What a file is learned to hold: for each script, its languages, most frequent first.
#[derive(Debug, Default, Clone)]
pub struct LangModel {
    by_script: HashMap<Script, Vec<whatlang::Lang>>,
}

/// How much Latin or Cyrillic text a sample needs before whatlang's verdict counts.
const SAMPLE_CHARS: usize = 240;
/// Enough samples to find every language of a bundle, few enough to stay fast on big files.
const MAX_SAMPLES: usize = 100;

/// Learns which languages of shared scripts a file holds, from runs of its text long enough
/// for whatlang to be reliable. Short neighbouring texts of one script are pooled so that a
/// sentence-per-line file is learned as well as a paragraph file.
pub fn learn<T: AsRef<str>>(texts: &[T]) -> LangModel {
    let mut counts: HashMap<(Script, whatlang::Lang), usize> = HashMap::new();
    let mut pool = String::new();
    let mut pool_script = None;
    let mut samples = 0;
    let mut judge = |sample: &str, script: Script, samples: &mut usize| {
        *samples += 1;
        if let Some(info) = whatlang::detect(sample)
            && info.is_reliable()
        {
            *counts.entry((script, info.lang())).or_default() += 1;
        }
    };
    // Spread over the whole file, so that a language that only starts near the end is found.
    let step = (texts.len() / MAX_SAMPLES).max(1);
    for t in texts.iter().step_by(step) {
        let t = t.as_ref();
        if samples >= MAX_SAMPLES {
            break;
        }
        let script = match ScriptCounts::of(prefix(t, 4096)).dominant() {
            Some(s @ (Script::Latin | Script::Cyrillic | Script::Other)) => s,
            _ => continue,
        };
        // A long text is judged alone: pooled with a neighbour in another language of the
        // same script, it would hide one of the two.
        if t.len() >= SAMPLE_CHARS / 2 {
            judge(prefix(t, 600), script, &mut samples);
            continue;
        }
        if pool_script != Some(script) {
            pool.clear();
            pool_script = Some(script);
        }
        if !pool.is_empty() {
            pool.push(' ');
        }
        pool.push_str(t);
        if pool.len() >= SAMPLE_CHARS {
            judge(&pool, script, &mut samples);
            pool.clear();
        }
    }
    if let (Some(script), false) = (pool_script, pool.is_empty()) {
        judge(&pool, script, &mut samples);
    }
    let mut by_script: HashMap<Script, Vec<(whatlang::Lang, usize)>> = HashMap::new();
    for ((s, l), n) in counts {
        by_script.entry(s).or_default().push((l, n));
    }
    let by_script = by_script
        .into_iter()
        .map(|(s, mut v)| {
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code().cmp(b.0.code())));
            let total: usize = v.iter().map(|x| x.1).sum();
            // A single stray verdict among many is more likely whatlang's mistake than a
            // language the file holds.
            let keep = v.iter().filter(|x| x.1 * 20 >= total || x.1 >= 2).map(|x| x.0).collect();
            (s, keep)
        })
        .collect();
    LangModel { by_script }
}

/// A language verdict and whether it rests on enough evidence to override a section's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub lang: Lang,
    pub sure: bool,
}

impl LangModel {
    /// The languages learned for a script, most frequent first.
    pub fn languages(&self, script: Script) -> Vec<Lang> {
        self.by_script.get(&script).map(|v| v.iter().map(|l| to_iso(*l)).collect()).unwrap_or_default()
    }

    /// Identifies the language of one text; `None` when it has no letters (page numbers,
    /// separators), which then take the language of their surroundings.
    pub fn detect(&self, text: &str) -> Option<Verdict> {
        // The start of a paragraph tells its language; a 10 MB line need not be read whole.
        let text = prefix(text, 4096);
        let counts = ScriptCounts::of(text);
        let script = counts.dominant()?;
        let sure = |lang| Some(Verdict { lang, sure: true });
        match script {
            Script::Han => return sure(Lang::ZH),
            Script::Kana => return sure(Lang::JA),
            Script::Hangul => return sure(Lang::KO),
            _ => {}
        }
        let known = self.by_script.get(&script).map(Vec::as_slice).unwrap_or(&[]);
        let long = counts.letters() >= 60;
        match known {
            [only] => Some(Verdict { lang: to_iso(*only), sure: long }),
            [] => {
                let fallback = match script {
                    Script::Cyrillic => Lang::RU,
                    _ => Lang::EN,
                };
                match whatlang::detect(text) {
                    Some(info) if info.is_reliable() || long => {
                        Some(Verdict { lang: to_iso(info.lang()), sure: info.is_reliable() })
                    }
                    Some(info) if script == Script::Other => {
                        Some(Verdict { lang: to_iso(info.lang()), sure: false })
                    }
                    _ => Some(Verdict { lang: fallback, sure: false }),
                }
            }
            many => {
                let det = whatlang::Detector::with_allowlist(many.to_vec());
                match det.detect(text) {
                    Some(info) => {
                        Some(Verdict { lang: to_iso(info.lang()), sure: long && info.confidence() > 0.5 })
                    }
                    None => Some(Verdict { lang: to_iso(many[0]), sure: false }),
                }
            }
        }
    }
}

/// At most `max` bytes of `text`, cut at a character boundary.
pub fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// whatlang speaks ISO 639-3; diglot speaks ISO 639-1.
pub fn to_iso(l: whatlang::Lang) -> Lang {
    use whatlang::Lang as W;
    let code = match l {
        W::Epo => "eo",
        W::Eng => "en",
        W::Rus => "ru",
        W::Cmn => "zh",
        W::Spa => "es",
        W::Por => "pt",
        W::Ita => "it",
        W::Ben => "bn",
        W::Fra => "fr",
        W::Deu => "de",
        W::Ukr => "uk",
        W::Kat => "ka",
        W::Ara => "ar",
        W::Hin => "hi",
        W::Jpn => "ja",
        W::Heb => "he",
        W::Yid => "yi",
        W::Pol => "pl",
        W::Amh => "am",
        W::Jav => "jv",
        W::Kor => "ko",
        W::Nob => "nb",
        W::Dan => "da",
        W::Swe => "sv",
        W::Fin => "fi",
        W::Tur => "tr",
        W::Nld => "nl",
        W::Hun => "hu",
        W::Ces => "cs",
        W::Ell => "el",
        W::Bul => "bg",
        W::Bel => "be",
        W::Mar => "mr",
        W::Kan => "kn",
        W::Ron => "ro",
        W::Slv => "sl",
        W::Hrv => "hr",
        W::Srp => "sr",
        W::Mkd => "mk",
        W::Lit => "lt",
        W::Lav => "lv",
        W::Est => "et",
        W::Tam => "ta",
        W::Vie => "vi",
        W::Urd => "ur",
        W::Tha => "th",
        W::Guj => "gu",
        W::Uzb => "uz",
        W::Pan => "pa",
        W::Aze => "az",
        W::Ind => "id",
        W::Tel => "te",
        W::Pes => "fa",
        W::Mal => "ml",
        W::Ori => "or",
        W::Mya => "my",
        W::Nep => "ne",
        W::Sin => "si",
        W::Khm => "km",
        W::Tuk => "tk",
        W::Aka => "ak",
        W::Zul => "zu",
        W::Sna => "sn",
        W::Afr => "af",
        W::Lat => "la",
        W::Slk => "sk",
        W::Cat => "ca",
        W::Tgl => "tl",
        W::Hye => "hy",
        W::Cym => "cy",
    };
    code.parse().unwrap_or(Lang::UND)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn model(texts: &[&str]) -> LangModel {
        learn(texts)
    }

    #[test]
    fn scripts_decide_cjk() {
        let m = LangModel::default();
        assert_eq!(m.detect("我们是两个来自哈萨克斯坦的无治主义者").map(|v| v.lang), Some(Lang::ZH));
        assert_eq!(m.detect("吾輩は猫である。名前はまだ無い。").map(|v| v.lang), Some(Lang::JA));
        assert_eq!(m.detect("카자흐스탄 민중봉기").map(|v| v.lang), Some(Lang::KO));
        assert_eq!(m.detect("  8  ").map(|v| v.lang), None);
        assert_eq!(m.detect("* * * * *"), None);
    }

    #[test]
    fn mixed_lines_go_by_weight() {
        let m = LangModel::default();
        // A Chinese sentence with an English name stays Chinese ...
        assert_eq!(
            m.detect("总统托卡耶夫（Kassym-Jomart Tokayev）在1月6日凌晨讲话。").map(|v| v.lang),
            Some(Lang::ZH)
        );
        // ... and an English note quoting a few Chinese characters stays English.
        let en = "自苏联解体后第一个。 Kazfem, arguably the first feminist movement in Kazakhstan since the collapse";
        assert_eq!(m.detect(en).map(|v| v.lang), Some(Lang::EN));
    }

    #[test]
    fn learned_languages_settle_short_lines() {
        let m = model(&[
            "La situación en el país es muy grave y los trabajadores han salido a la calle para exigir \
             la dimisión del gobierno y la bajada de los precios del gas en todas las ciudades.",
            "A situação no país é muito grave e os trabalhadores saíram às ruas para exigir a demissão \
             do governo e a redução dos preços do gás em todas as cidades do país inteiro.",
            "The situation in the country is very serious and the workers have taken to the streets \
             to demand the resignation of the government and lower gas prices in every city.",
        ]);
        let mut langs = m.languages(Script::Latin);
        langs.sort();
        assert_eq!(langs, vec![Lang::EN, Lang::ES, Lang::PT]);
        assert_eq!(m.detect("Declaración de la CCRI, 5 de enero de 2022").map(|v| v.lang), Some(Lang::ES));
        assert_eq!(m.detect("Further Reading").map(|v| v.lang.is_cjk()), Some(false));
    }

    #[test]
    fn one_learned_language_needs_no_statistics() {
        let m = model(&["Die Arbeiter sind auf die Straße gegangen, um den Rücktritt der Regierung und \
                         niedrigere Gaspreise in allen Städten des Landes zu fordern, und sie bleiben."]);
        assert_eq!(m.detect("Ja.").map(|v| v.lang.to_string()), Some("de".to_string()));
    }
}
