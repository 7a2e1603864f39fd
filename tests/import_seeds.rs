//! The seed texts, held to what a careful reader sees in them. Every expectation here was
//! written down from reading the seed files line by line (and, for the Chinese uprising text,
//! from matching it paragraph by paragraph against its English original), not from the
//! importer's output.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use diglot::import::{self, ImportOptions};
use diglot::{Document, Kind, Lang};

fn seed(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")).join(name)
}

fn docs(name: &str) -> Vec<Document> {
    import::import_file(&seed(name), &ImportOptions::default()).unwrap()
}

fn one(name: &str) -> Document {
    let mut d = docs(name);
    assert_eq!(d.len(), 1, "{name} should import as one document");
    d.remove(0)
}

fn source_lines(name: &str) -> Vec<String> {
    std::fs::read_to_string(seed(name)).unwrap().split('\n').map(str::to_string).collect()
}

/// The paragraph that starts at source line `first`.
fn at(d: &Document, first: usize) -> &diglot::Paragraph {
    d.paragraphs
        .iter()
        .find(|p| p.lines.0 == first)
        .unwrap_or_else(|| panic!("no paragraph starts at {first}"))
}

fn ranges(d: &Document) -> Vec<(usize, usize)> {
    d.paragraphs.iter().map(|p| p.lines).collect()
}

const ZH: &str = "uprising-in-kazakhstan.zh.txt";
const EN: &str = "uprising-in-kazakhstan.en.txt";
const RCIT: &str = "rcit-kazakhstan-statement.en-es-ru-pt-ko.txt";
const ANARCHISTS: &str = "kazakhstan-anarchists-report.en-zh.txt";
const ZHIHU: &str = "zhihu-kazakhstan-answer.zh.md";

/// Every paragraph of the hard-wrapped Chinese text, as first and last source line. Page
/// breaks (blank lines) fall mid-sentence after 20, 23, 29, 37, ... and are joined over.
const ZH_PARAGRAPHS: &[(usize, usize)] = &[
    (1, 7),
    (9, 9),
    (10, 12),
    (13, 14),
    (16, 19),
    (20, 22),
    (23, 28),
    (29, 36),
    (37, 41),
    (42, 48),
    (49, 52),
    (53, 56),
    (57, 62),
    (63, 69),
    (70, 70),
    (71, 71),
    (72, 74),
    (76, 76),
    (78, 83),
    (84, 87),
    (88, 92),
    (94, 94),
    (96, 98),
    (99, 104),
    (105, 107),
    (108, 116),
    (117, 117),
    (119, 119),
    (121, 127),
    (128, 134),
    (135, 142),
    (143, 153),
    (154, 158),
    (159, 162),
    (163, 167),
    (168, 170),
    (172, 172),
    (174, 177),
    (178, 182),
    (183, 186),
    (187, 192),
    (193, 196),
    (197, 199),
    (200, 200),
    (202, 202),
    (206, 206),
    (208, 209),
    (210, 213),
    (214, 218),
    (219, 222),
    (223, 226),
    (227, 229),
    (230, 234),
    (236, 237),
    (239, 244),
    (245, 245),
    (247, 249),
    (250, 254),
    (255, 257),
    (259, 259),
    (261, 262),
    (263, 263),
    (264, 264),
    (265, 267),
    (268, 272),
    (273, 275),
    (277, 280),
    (282, 285),
    (286, 291),
    (292, 299),
    (300, 301),
    (302, 306),
    (307, 309),
    (310, 313),
];

#[test]
fn zh_uprising_paragraphs_begin_and_end_where_the_reader_sees_them() {
    let d = one(ZH);
    assert_eq!(d.lang, Lang::ZH);
    assert_eq!(ranges(&d), ZH_PARAGRAPHS);
    assert!(d.paragraphs.iter().all(|p| p.lang == Lang::ZH));
}

#[test]
fn zh_uprising_text_is_the_source_without_its_line_breaks() {
    let d = one(ZH);
    let src = source_lines(ZH);
    for p in d.paragraphs.iter().filter(|p| p.kind != Kind::Verse) {
        let joined: String = src[p.lines.0 - 1..p.lines.1].iter().map(|l| l.trim()).collect();
        assert_eq!(p.text, joined, "paragraph at {:?}", p.lines);
    }
    // Joined across a page break in mid-sentence, with no space between Chinese characters.
    assert!(at(&d, 20).text.ends_with("其它地方的人所面临的同样的挑战。"));
    assert!(at(&d, 23).text.contains("由俄罗斯、亚美尼亚"));
    // A stray space at a line start inside a paragraph is indentation, not text.
    assert!(at(&d, 29).text.contains("方式之一，就是召集俄罗斯爱国者"));
    // A full line that happens to end a sentence does not end its paragraph (135-142, 292-299).
    assert!(at(&d, 135).text.contains("来获得眼球。政治抗议和活动"));
    assert!(at(&d, 292).text.ends_with("发展，生存。"));
}

#[test]
fn zh_uprising_kinds() {
    let d = one(ZH);
    let kind = |line| at(&d, line).kind;
    assert_eq!(kind(202), Kind::Noise, "the stray page number");
    assert_eq!(at(&d, 202).text, "8");
    for q in [76, 94, 119, 172, 206, 236, 245, 259] {
        assert_eq!(kind(q), Kind::Question, "question at line {q}");
    }
    assert_eq!(at(&d, 236).lines, (236, 237));
    for h in [71, 264] {
        assert_eq!(kind(h), Kind::Heading, "heading at line {h}");
    }
    assert_eq!(at(&d, 71).text, "起义的背景");
    for c in [200, 263] {
        assert_eq!(kind(c), Kind::Caption, "caption at line {c}");
    }
    let lyric = at(&d, 277);
    assert_eq!(lyric.kind, Kind::Verse);
    assert_eq!(lyric.lines, (277, 280));
    assert_eq!(lyric.text.lines().count(), 4);
    assert!(lyric.text.starts_with("「无论他们如何射击，子弹都是不够的。\n无论他们如何碾压"));
    let others = [202, 76, 94, 119, 172, 206, 236, 245, 259, 71, 264, 200, 263, 277];
    for p in d.paragraphs.iter().filter(|p| !others.contains(&p.lines.0)) {
        assert_eq!(p.kind, Kind::Body, "{:?}", p.lines);
    }
}

#[test]
fn en_uprising_kinds_and_page_junk() {
    let d = one(EN);
    assert_eq!(d.lang, Lang::EN);
    assert_eq!(d.len(), 78);
    assert!(
        d.paragraphs.iter().all(|p| p.lang == Lang::EN && p.lines.0 == p.lines.1 || p.kind == Kind::Verse)
    );
    let kind = |line| at(&d, line).kind;
    for n in [1, 5, 7] {
        assert_eq!(kind(n), Kind::Noise, "page junk at line {n}");
    }
    for h in [3, 44, 137] {
        assert_eq!(kind(h), Kind::Heading, "heading at line {h}");
    }
    for c in [41, 100, 134] {
        assert_eq!(kind(c), Kind::Caption, "caption at line {c}");
    }
    for q in [48, 56, 68, 86, 102, 118, 122, 130] {
        assert_eq!(kind(q), Kind::Question, "question at line {q}");
    }
    let lyric = at(&d, 145);
    assert_eq!((lyric.kind, lyric.lines), (Kind::Verse, (145, 148)));
    assert_eq!(lyric.text.split('\n').count(), 4);
    // Rhetorical questions in the prose are body text.
    assert_eq!(kind(141), Kind::Body);
    assert_eq!(kind(156), Kind::Body);
    assert_eq!(d.paragraphs.last().map(|p| p.lines), Some((162, 162)));
}

#[test]
fn rcit_is_one_document_per_language_section() {
    let d = docs(RCIT);
    let langs: Vec<String> = d.iter().map(|d| d.lang.to_string()).collect();
    assert_eq!(langs, ["en", "es", "ru", "pt", "ko"]);
    // Title, "Statement by" line, ten points, plus each section's extras.
    let counts: Vec<usize> = d.iter().map(Document::len).collect();
    assert_eq!(counts, [14, 12, 13, 13, 9]);
    let spans: Vec<(usize, usize)> =
        d.iter().map(|d| (d.paragraphs[0].lines.0, d.paragraphs.last().unwrap().lines.1)).collect();
    assert_eq!(spans, [(1, 46), (51, 86), (89, 127), (132, 172), (177, 203)]);
    for doc in &d {
        assert_eq!(doc.paragraphs[0].kind, Kind::Heading, "{} title", doc.lang);
        let points: Vec<u32> = doc.paragraphs.iter().filter_map(|p| p.point_number()).collect();
        let want: Vec<u32> = if doc.lang == Lang::KO { (1..=6).collect() } else { (1..=10).collect() };
        assert_eq!(points, want, "{} points", doc.lang);
        // Every paragraph stays in its section's language except the stray English label.
        for p in &doc.paragraphs {
            if p.lines != (182, 183) {
                assert_eq!(p.lang, doc.lang, "{:?}", p.lines);
            }
        }
    }
}

#[test]
fn rcit_extras_and_the_cut_off_korean_section() {
    let d = docs(RCIT);
    let (en, ru, pt, ko) = (&d[0], &d[2], &d[3], &d[4]);
    assert_eq!((at(en, 41).kind, at(en, 41).text.as_str()), (Kind::Noise, "* * * * *"));
    assert_eq!(at(en, 46).kind, Kind::Footnote, "reference line");
    assert!(at(en, 46).text.starts_with("We refer readers to another statement"));
    assert_eq!(at(ru, 92).kind, Kind::Footnote, "translator's note");
    assert_eq!(at(pt, 172).kind, Kind::Footnote);
    assert!(at(pt, 172).text.starts_with("[*] Organização supranacional"));
    let junk = at(ko, 182);
    assert_eq!((junk.kind, junk.lines, junk.lang), (Kind::Noise, (182, 183), Lang::EN));
    assert_eq!(junk.text, "KOR trans of Kazakhstan Popular Uprising Adobe Acrobat Document 80.0 KB");
    let last = ko.paragraphs.last().unwrap();
    assert_eq!((last.point_number(), last.lines), (Some(6), (203, 203)));
    assert!(last.text.ends_with("조종되는 것을"));
    // The padding after a point number (no-break spaces, then a space) is the source's and
    // stays: each one-line paragraph is its source line exactly.
    let src = source_lines(RCIT);
    assert!(at(en, 21).text.starts_with(
        "5.\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0} The Revolutionary"
    ));
    for doc in &d {
        for p in doc.paragraphs.iter().filter(|p| p.lines.0 == p.lines.1) {
            assert_eq!(p.text, src[p.lines.0 - 1].trim(), "{:?}", p.lines);
        }
    }
    // Besides the numbered points, the only body text is the "Statement by ..." line.
    for doc in &d {
        let plain: Vec<_> =
            doc.paragraphs.iter().filter(|p| p.kind == Kind::Body && p.point_number().is_none()).collect();
        assert_eq!(plain.len(), 1, "{}", doc.lang);
        assert!(plain[0].text.contains("www.thecommunists.net"), "{}", plain[0].text);
    }
}

#[test]
fn rcit_lang_option_picks_a_section_or_names_what_there_is() {
    let opts = |l: &str| ImportOptions { lang: Some(l.parse().unwrap()), ..Default::default() };
    let ko = import::import_one(&seed(RCIT), &opts("ko")).unwrap();
    assert_eq!((ko.lang, ko.len()), (Lang::KO, 9));
    let err = import::import_file(&seed(RCIT), &opts("de")).unwrap_err().to_string();
    assert!(err.contains(RCIT) && err.contains("'de'") && err.contains("en, es, ru, pt, ko"), "{err}");
    assert!(import::import_one(&seed(RCIT), &ImportOptions::default()).is_err());
}

#[test]
fn anarchists_report_is_one_mixed_document_switching_to_chinese_at_the_interview() {
    let d = one(ANARCHISTS);
    assert_eq!(d.lang, Lang::EN, "most of it is English");
    assert_eq!(d.len(), 142, "one paragraph a line");
    let switch = d.paragraphs.iter().position(|p| p.lang == Lang::ZH).unwrap();
    assert_eq!(switch, 65);
    let p = &d.paragraphs[switch];
    assert_eq!((p.lines, p.kind), ((66, 66), Kind::Heading));
    assert_eq!(p.text, "采访:阿拉木图(Almaty)无治主义者的目击证言");
    for (i, p) in d.paragraphs.iter().enumerate() {
        let want = if (65..=125).contains(&i) { Lang::ZH } else { Lang::EN };
        assert_eq!(p.lang, want, "paragraph {i} at line {}", p.lines.0);
    }
    for h in [9, 19, 50, 61, 66, 128] {
        assert_eq!(at(&d, h).kind, Kind::Heading, "heading at line {h}");
    }
    for q in [68, 78, 100, 106, 112, 118, 121, 124] {
        assert_eq!(at(&d, q).kind, Kind::Question, "question at line {q}");
    }
    for n in [127, 135, 137, 139, 141] {
        assert_eq!(at(&d, n).kind, Kind::Noise, "noise at line {n}");
    }
    // The footnotes, two of them opening with a Chinese fragment, are English notes.
    for f in [136, 138, 140, 142] {
        assert_eq!((at(&d, f).kind, at(&d, f).lang), (Kind::Footnote, Lang::EN), "footnote at line {f}");
    }
    for l in [15, 20, 23, 47, 81] {
        assert_eq!(at(&d, l).kind, Kind::Body, "lead-in at line {l}");
    }
}

#[test]
fn anarchists_lang_option_extracts_the_chinese_part() {
    let opts = ImportOptions { lang: Some(Lang::ZH), ..Default::default() };
    let zh = import::import_one(&seed(ANARCHISTS), &opts).unwrap();
    assert_eq!((zh.lang, zh.len()), (Lang::ZH, 61));
    assert_eq!(zh.paragraphs[0].lines, (66, 66));
}

#[test]
fn zhihu_answer_paragraphs() {
    let d = one(ZHIHU);
    assert_eq!(d.lang, Lang::ZH);
    // The front matter title, the byline, the note, and 37 paragraphs of the answer: 56 <p>s,
    // where a <p> ending in a comma runs on into the next.
    assert_eq!(d.len(), 40);
    let title = &d.paragraphs[0];
    assert_eq!((title.kind, title.lines), (Kind::Heading, (3, 3)));
    assert_eq!(
        title.text,
        "哈萨克斯坦爆发大规模冲突，总统凌晨紧急向集安组织求助，已有军警死亡，全国断网，目前当地情况如何？"
    );
    assert_eq!((d.paragraphs[1].text.as_str(), d.paragraphs[1].kind), ("张艾菲的回答", Kind::Heading));
    assert_eq!(
        (d.paragraphs[2].text.as_str(), d.paragraphs[2].kind),
        ("注：视频是BBC的报道，辩证着看↑", Kind::Footnote)
    );
    assert_eq!(
        d.paragraphs[3].text,
        "这不是《饥饿游戏》电影里的国会区，这里是哈萨克斯坦阿拉木图市的政府大楼，2022开年，太魔幻了......"
    );
    assert_eq!(
        d.paragraphs[5].text,
        "哈萨克斯坦安全部队称，他们已经击毙了数十名反政府的暴徒。这次行动发生在该国最大城市阿拉木图。"
    );
    assert_eq!(
        d.paragraphs[12].text,
        "周三（1月5日）晚些时候，集安组织主席、亚美尼亚总理尼科尔·帕什尼扬（Nikol Pashinyan）在Facebook上的一份声明中确认，该组织将“在有限的时间内”派遣维和部队。"
    );
    assert!(d.paragraphs.last().unwrap().text.starts_with("并补充说，“政府不会倒台"));
    for p in &d.paragraphs[1..] {
        assert_eq!(p.lines, (16, 16));
        assert_eq!(p.lang, Lang::ZH);
        assert!(
            !p.text.contains('<') && !p.text.contains("&quot;") && !p.text.contains("http"),
            "{}",
            p.text
        );
    }
    assert!(d.paragraphs[3..].iter().all(|p| p.kind == Kind::Body));
}

#[test]
fn one_per_line_joins_nothing() {
    let opts = ImportOptions { one_per_line: true, ..Default::default() };
    let d = import::import_one(&seed(ZH), &opts).unwrap();
    let src = source_lines(ZH);
    let nonblank = src.iter().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(d.len(), nonblank);
    assert!(d.paragraphs.iter().all(|p| p.lines.0 == p.lines.1 && p.lang == Lang::ZH));
    assert_eq!(
        at(&d, 34).text,
        "就是召集俄罗斯爱国者支持他在车臣和乌克兰的战争。战争——持续的战争——是俄罗斯帝国"
    );
}

#[test]
fn every_seed_imports_with_lines_in_order() {
    for name in [ZH, EN, RCIT, ANARCHISTS, ZHIHU] {
        let n = source_lines(name).len();
        for d in docs(name) {
            let mut prev = 0;
            for p in &d.paragraphs {
                assert!(p.lines.0 >= 1 && p.lines.0 <= p.lines.1 && p.lines.1 <= n, "{name} {:?}", p.lines);
                assert!(p.lines.0 >= prev, "{name}: paragraphs out of order at {:?}", p.lines);
                assert!(!p.text.trim().is_empty() && p.text == p.text.trim(), "{name} {:?}", p.lines);
                prev = p.lines.1;
            }
        }
    }
}
