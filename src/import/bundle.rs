//! Files in several languages: a bundle (the same text in one language after another) becomes
//! one document per language; a mixed text (an article that switches language, notes in
//! both) stays one document whose paragraphs carry their own languages.
//!
//! Sections are found from the paragraphs whose language is certain (long ones); the short
//! lines between two sections (a separator, a note, the next title) go to the section whose
//! language they share, a title always to the section it opens. Bundle or mixed is decided
//! by structure, never by file name: the sections of a bundle repeat one skeleton (numbered
//! points from 1, or a title each and similar lengths) and each language comes once.

use std::collections::HashMap;

use crate::document::{Document, Kind, Lang, Paragraph};
use crate::import::lang::{Script, Verdict};

/// The script a language is written in, to tell a stray line of another script (an English
/// download label in a Korean section) from an unsure verdict within the section's own script.
fn script_of(lang: Lang) -> Script {
    match lang.as_str() {
        "zh" => Script::Han,
        "ja" => Script::Kana,
        "ko" => Script::Hangul,
        "ru" | "uk" | "bg" | "be" | "sr" | "mk" | "kk" | "ky" | "tg" | "mn" => Script::Cyrillic,
        "ar" | "fa" | "ur" | "he" | "yi" | "el" | "hi" | "mr" | "ne" | "bn" | "ta" | "te" | "kn" | "ml"
        | "gu" | "pa" | "or" | "si" | "th" | "km" | "my" | "ka" | "hy" | "am" => Script::Other,
        _ => Script::Latin,
    }
}

/// A run of paragraphs whose certain language is one.
#[derive(Debug)]
struct Run {
    lang: Lang,
    first: usize,
    last: usize,
    anchors: usize,
}

fn runs(ps: &[Paragraph], verdicts: &[Option<Verdict>]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (i, v) in verdicts.iter().enumerate() {
        let Some(v) = v.filter(|v| v.sure && ps[i].kind != Kind::Noise) else { continue };
        match out.last_mut() {
            Some(r) if r.lang == v.lang => {
                r.last = i;
                r.anchors += 1;
            }
            _ => out.push(Run { lang: v.lang, first: i, last: i, anchors: 1 }),
        }
    }
    // One certain paragraph of another language inside a run (a quotation, a note) is not a
    // section of its own.
    let mut i = 1;
    while i + 1 < out.len() {
        if out[i].anchors == 1 && out[i - 1].lang == out[i + 1].lang {
            let next = out.remove(i + 1);
            out.remove(i);
            let prev = &mut out[i - 1];
            prev.last = next.last;
            prev.anchors += next.anchors;
        } else {
            i += 1;
        }
    }
    out
}

/// Builds the documents of one file from its paragraphs (languages not yet set) and the
/// language verdict of each.
pub fn assemble(name: &str, mut ps: Vec<Paragraph>, verdicts: &[Option<Verdict>]) -> Vec<Document> {
    let runs = runs(&ps, verdicts);
    if runs.len() >= 2 {
        let starts = section_starts(&ps, verdicts, &runs);
        let mut langs: Vec<Lang> = runs.iter().map(|r| r.lang).collect();
        langs.sort();
        langs.dedup();
        if langs.len() == runs.len() && is_bundle(&ps, &starts) {
            let mut docs = Vec::new();
            let mut bounds = starts.clone();
            bounds.push(ps.len());
            let mut rest = ps.split_off(0);
            for (k, run) in runs.iter().enumerate().rev() {
                let section = rest.split_off(bounds[k]);
                let first_verdict = bounds[k];
                docs.push(section_document(name, run.lang, section, &verdicts[first_verdict..]));
            }
            docs.reverse();
            // Whatever precedes the first section (nothing, usually) joins it.
            if let Some(d) = docs.first_mut()
                && !rest.is_empty()
            {
                rest.append(&mut d.paragraphs);
                d.paragraphs = rest;
            }
            demote_extra_headings(&mut docs);
            return docs;
        }
    }
    vec![mixed_document(name, ps, verdicts, &runs)]
}

/// Where each run's section begins: at the first paragraph between the two runs that is a
/// heading or in the next run's language.
fn section_starts(ps: &[Paragraph], verdicts: &[Option<Verdict>], runs: &[Run]) -> Vec<usize> {
    let mut starts = vec![0];
    for w in runs.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let start = (a.last + 1..b.first)
            .find(|&i| ps[i].kind == Kind::Heading || verdicts[i].is_some_and(|v| v.lang == b.lang))
            .unwrap_or(b.first);
        starts.push(start);
    }
    starts
}

/// The sections repeat one skeleton: numbered points counted from 1 in each, or a title at
/// the head of each and lengths that do not differ wildly.
fn is_bundle(ps: &[Paragraph], starts: &[usize]) -> bool {
    let mut bounds = starts.to_vec();
    bounds.push(ps.len());
    let sections: Vec<&[Paragraph]> = bounds.windows(2).map(|w| &ps[w[0]..w[1]]).collect();
    let points_ok = sections.iter().all(|s| {
        let pts: Vec<u32> = s.iter().filter_map(Paragraph::point_number).collect();
        pts.len() >= 2 && pts[0] == 1 && pts.windows(2).all(|w| w[1] > w[0])
    });
    if points_ok {
        return true;
    }
    let titled = sections
        .iter()
        .all(|s| s.iter().find(|p| p.kind != Kind::Noise).is_some_and(|p| p.kind == Kind::Heading));
    let sizes: Vec<usize> =
        sections.iter().map(|s| s.iter().filter(|p| p.kind != Kind::Noise).count()).collect();
    let (min, max) = (sizes.iter().min().copied().unwrap_or(0), sizes.iter().max().copied().unwrap_or(0));
    titled && min > 0 && max <= min * 2
}

fn section_document(
    name: &str,
    lang: Lang,
    mut ps: Vec<Paragraph>,
    verdicts: &[Option<Verdict>],
) -> Document {
    for (p, v) in ps.iter_mut().zip(verdicts) {
        p.lang = match v {
            None => lang,
            Some(v) if !v.sure && script_of(v.lang) == script_of(lang) => lang,
            Some(v) => v.lang,
        };
    }
    Document { name: name.to_string(), lang, paragraphs: ps }
}

/// A section that opens with more headings than every other section does carries a note
/// where the others have none (a translator's note under the title): its extra headings are
/// notes, not headings.
fn demote_extra_headings(docs: &mut [Document]) {
    let leading = |d: &Document| d.paragraphs.iter().take_while(|p| p.kind == Kind::Heading).count();
    let counts: Vec<usize> = docs.iter().map(leading).collect();
    if docs.len() < 3 {
        return;
    }
    for (k, d) in docs.iter_mut().enumerate() {
        let others = counts.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, c)| *c).max().unwrap_or(0);
        if counts[k] > others && others >= 1 {
            for p in d.paragraphs.iter_mut().take(counts[k]).skip(others) {
                p.kind = Kind::Footnote;
            }
        }
    }
}

fn mixed_document(
    name: &str,
    mut ps: Vec<Paragraph>,
    verdicts: &[Option<Verdict>],
    runs: &[Run],
) -> Document {
    let fallback = runs.first().map(|r| r.lang);
    // Certain languages carry over to the unsure paragraphs of the same script nearby: the
    // last one before, else the first one after.
    const SCRIPTS: usize = 6;
    let slot = |s: Script| s as usize;
    let mut next_sure: Vec<[Option<Lang>; SCRIPTS]> = vec![[None; SCRIPTS]; ps.len() + 1];
    for i in (0..ps.len()).rev() {
        next_sure[i] = next_sure[i + 1];
        if let Some(v) = verdicts[i].filter(|v| v.sure) {
            next_sure[i][slot(script_of(v.lang))] = Some(v.lang);
        }
    }
    let mut last_sure: [Option<Lang>; SCRIPTS] = [None; SCRIPTS];
    let mut prev: Option<Lang> = None;
    for (i, p) in ps.iter_mut().enumerate() {
        let lang = match verdicts[i] {
            Some(v) if v.sure => {
                last_sure[slot(script_of(v.lang))] = Some(v.lang);
                v.lang
            }
            Some(v) => {
                let s = slot(script_of(v.lang));
                last_sure[s].or(next_sure[i + 1][s]).unwrap_or(v.lang)
            }
            None => prev.or(fallback).unwrap_or(Lang::UND),
        };
        p.lang = lang;
        prev = Some(lang);
    }
    let lang = majority(&ps);
    Document { name: name.to_string(), lang, paragraphs: ps }
}

/// The language most paragraphs (noise aside) are in; ties go to the one with more text.
pub fn majority(ps: &[Paragraph]) -> Lang {
    let mut count: HashMap<Lang, (usize, usize)> = HashMap::new();
    for p in ps.iter().filter(|p| p.kind != Kind::Noise) {
        let e = count.entry(p.lang).or_default();
        e.0 += 1;
        e.1 += p.text.chars().count();
    }
    count
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(l, _)| l)
        .or_else(|| ps.first().map(|p| p.lang))
        .unwrap_or(Lang::UND)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn p(text: &str, kind: Kind) -> Paragraph {
        Paragraph { text: text.into(), lang: Lang::UND, kind, lines: (1, 1) }
    }
    fn sure(l: Lang) -> Option<Verdict> {
        Some(Verdict { lang: l, sure: true })
    }
    fn unsure(l: Lang) -> Option<Verdict> {
        Some(Verdict { lang: l, sure: false })
    }

    #[test]
    fn a_bundle_splits_by_section_and_keeps_strays() {
        let de: Lang = "de".parse().unwrap();
        let fr: Lang = "fr".parse().unwrap();
        let ps = vec![
            p("Titel", Kind::Heading),
            p("1. Erster Punkt", Kind::Body),
            p("2. Zweiter Punkt", Kind::Body),
            p("* * *", Kind::Noise),
            p("Titre", Kind::Heading),
            p("1. Premier point", Kind::Body),
            p("Скачать", Kind::Noise),
            p("2. Deuxième point", Kind::Body),
        ];
        let v = vec![unsure(de), sure(de), sure(de), None, unsure(fr), sure(fr), unsure(Lang::RU), sure(fr)];
        let docs = assemble("f", ps, &v);
        assert_eq!(docs.len(), 2);
        assert_eq!((docs[0].lang, docs[0].len()), (de, 4));
        assert_eq!((docs[1].lang, docs[1].len()), (fr, 4));
        assert_eq!(docs[0].paragraphs[3].lang, de);
        assert_eq!(docs[1].paragraphs[0].lang, fr);
        // A stray line of another language keeps its own language where scripts tell.
        assert_eq!(docs[1].paragraphs[2].lang, Lang::RU);
    }

    #[test]
    fn a_mixed_text_stays_one_document() {
        let ps = vec![
            p("Intro", Kind::Body),
            p("More", Kind::Body),
            p("More still", Kind::Body),
            p("采访", Kind::Heading),
            p("回答", Kind::Body),
            p("Note", Kind::Footnote),
        ];
        let v = vec![
            sure(Lang::EN),
            sure(Lang::EN),
            sure(Lang::EN),
            sure(Lang::ZH),
            sure(Lang::ZH),
            sure(Lang::EN),
        ];
        let docs = assemble("f", ps, &v);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].lang, Lang::EN);
        let langs: Vec<Lang> = docs[0].paragraphs.iter().map(|p| p.lang).collect();
        assert_eq!(langs, vec![Lang::EN, Lang::EN, Lang::EN, Lang::ZH, Lang::ZH, Lang::EN]);
    }
}
