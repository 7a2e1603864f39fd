//! `diglot check` through the binary: ok, stale and broken files, named as such, with the
//! exit status scripts rely on.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use diglot::alignment::{Alignment, SourceText};
use diglot::document::Lang;

/// A user pair in `dir` (en.txt, zh.txt) with its alignment saved at `dir/rel`, whose sources
/// are recorded relative to that file.
fn save_user_alignment(dir: &std::path::Path, rel: &str) {
    let (a, b) = write_texts(dir);
    let depth = rel.matches('/').count();
    let up = "../".repeat(depth);
    let (al, l, r) = align_files(&a, &b, &format!("{up}en.txt"), &format!("{up}zh.txt"));
    diglot::store::save_atomic(&al, &dir.join(rel), Some(&l), Some(&r)).unwrap();
}

#[test]
fn a_sound_file_is_ok() {
    let dir = scratch("check-ok");
    save_user_alignment(&dir, "al.toml");
    let o = diglot(&dir, &["check", "al.toml"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("ok     'al.toml': en.txt / zh.txt, 4 groups over 4 + 4 paragraphs, 0 verified"),
        "{out}"
    );
    assert!(out.contains("1 checked: 1 ok, 0 stale, 0 broken"), "{out}");
}

#[test]
fn a_changed_source_makes_the_file_stale_and_says_what_changed() {
    let dir = scratch("check-stale");
    save_user_alignment(&dir, "al.toml");
    std::fs::write(dir.join("zh.txt"), ZH.replace("一月初，", "一月二日，")).unwrap();
    let o = diglot(&dir, &["check", "al.toml"]);
    assert_one_line_error(&o, "check failed: 1 stale, 0 broken (of 1 checked)");
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "STALE  'al.toml': the right text (zh, zh.txt) changed since it was aligned: same 4 paragraphs"
        ),
        "{out}"
    );
    assert!(
        out.contains("1 of 4 groups no longer matches its excerpt, first group 1 (right [0]): was \"一月初"),
        "{out}"
    );
    assert!(out.contains("now \"一月二日"), "{out}");

    // A paragraph added at the top: the count changes, and the rest is found one later.
    std::fs::write(dir.join("zh.txt"), format!("前言。\n\n{ZH}")).unwrap();
    let out = stdout(&diglot(&dir, &["check", "al.toml"]));
    assert!(out.contains("4 → 5 paragraphs"), "{out}");
}

#[test]
fn broken_and_missing_files_are_named_with_why() {
    let dir = scratch("check-broken");
    save_user_alignment(&dir, "al.toml");
    let good = std::fs::read_to_string(dir.join("al.toml")).unwrap();
    std::fs::write(dir.join("syntax.toml"), good.replace("[[group]]\nleft = [2]", "[[group]\nleft = [2]"))
        .unwrap();
    std::fs::write(dir.join("gap.toml"), good.replace("left = [2]", "left = [3]")).unwrap();
    std::fs::write(dir.join("version.toml"), good.replace("format = 1", "format = 7")).unwrap();
    std::fs::write(dir.join("binary.toml"), b"format = 1\0\x01\x02").unwrap();
    let o = diglot(
        &dir,
        &["check", "al.toml", "syntax.toml", "gap.toml", "version.toml", "binary.toml", "nope.toml"],
    );
    assert_one_line_error(&o, "check failed: 0 stale, 5 broken (of 6 checked)");
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 7, "{out}");
    assert!(lines[0].starts_with("ok     'al.toml'"), "{out}");
    assert!(
        lines[1].starts_with("BROKEN 'syntax.toml': line ") && lines[1].contains("invalid TOML"),
        "{out}"
    );
    assert!(
        lines[2].contains("'gap.toml': line ") && lines[2].contains("group 3 (left [3], right [2])"),
        "{out}"
    );
    assert!(lines[2].contains("left paragraph 2 is in no group"), "{out}");
    assert!(lines[3].contains("format 7 is not supported"), "{out}");
    assert!(lines[4].contains("binary"), "{out}");
    assert!(lines[5].starts_with("BROKEN 'nope.toml': no such file"), "{out}");
    assert!(lines[6].contains("6 checked: 1 ok, 0 stale, 5 broken"), "{out}");

    // The texts themselves missing.
    std::fs::remove_file(dir.join("en.txt")).unwrap();
    let o = diglot(&dir, &["check", "al.toml"]);
    assert!(!o.status.success());
    assert!(stdout(&o).contains("BROKEN 'al.toml': cannot read the texts it aligns:"), "{}", stdout(&o));
    assert!(stdout(&o).contains("en.txt': no such file"), "{}", stdout(&o));
}

#[test]
fn without_files_every_stored_alignment_is_checked() {
    let dir = scratch("check-stored");
    std::fs::create_dir_all(dir.join("alignments")).unwrap();
    // A work's alignment, sound.
    let (al, l, r) = align_work("uprising", Lang::EN, Lang::ZH);
    diglot::store::save_atomic(&al, &dir.join("alignments/uprising.en-zh.toml"), Some(&l), Some(&r)).unwrap();
    // A user's own pair, whose English text changed since.
    save_user_alignment(&dir, "alignments/mine.en-zh.toml");
    std::fs::write(dir.join("en.txt"), EN.replace("oil town", "oil city")).unwrap();
    // A file stored under the wrong name.
    diglot::store::save_atomic(
        &al.flipped(),
        &dir.join("alignments/uprising.en-ja.toml"),
        Some(&r),
        Some(&l),
    )
    .unwrap();
    // What a killed save leaves behind, and the catalogue: neither is an alignment.
    std::fs::write(dir.join("alignments/.uprising.en-zh.toml.123.diglot-tmp"), "format = 1\n[left").unwrap();

    let o = diglot(&dir, &["check"]);
    let out = stdout(&o);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("1 stale, 1 broken (of 7 checked)"), "{}", stderr(&o));
    assert!(
        out.contains("STALE  'alignments/mine.en-zh.toml': the left text (en, ../en.txt) changed"),
        "{out}"
    );
    assert!(out.contains("was \"… of the oil town went on"), "{out}");
    assert!(
        out.contains("uprising.en-ja.toml': holds uprising zh-en but is stored as uprising.en-ja.toml"),
        "{out}"
    );
    let ok_line = out.lines().find(|l| l.contains("uprising.en-zh.toml")).unwrap();
    assert!(ok_line.starts_with("ok "), "{out}");
    assert!(!out.contains("diglot-tmp"), "{out}");

    // A directory given checks the alignments in it.
    let o = diglot(&dir, &["check", "alignments"]);
    assert!(stdout(&o).contains("3 checked: 1 ok, 1 stale, 1 broken"), "{}", stdout(&o));

    // Fix the stale pair by re-saving it against the text as it is now: all ok.
    std::fs::remove_file(dir.join("alignments/uprising.en-ja.toml")).unwrap();
    save_user_alignment(&dir, "alignments/mine.en-zh.toml");
    let o = diglot(&dir, &["check"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn a_stale_work_alignment_names_the_side_and_the_change() {
    let dir = scratch("check-work-stale");
    std::fs::create_dir_all(dir.join("alignments")).unwrap();
    let (al, l, r) = align_work("uprising", Lang::EN, Lang::ZH);
    // Made from an older Chinese text with one more paragraph at the end.
    let mut old_zh = r.clone();
    old_zh.paragraphs.push(old_zh.paragraphs[0].clone());
    let mut old = Alignment { right: SourceText::of(&old_zh, al.right.source.clone()), ..al.clone() };
    old.groups.push(diglot::alignment::Group::new(vec![], vec![r.len()], 0.5));
    diglot::store::save_atomic(&old, &dir.join("alignments/uprising.en-zh.toml"), Some(&l), Some(&old_zh))
        .unwrap();
    let o = diglot(&dir, &["check", "alignments/uprising.en-zh.toml"]);
    assert_one_line_error(&o, "check failed: 1 stale");
    let out = stdout(&o);
    let expect = format!(
        "the right text (zh, uprising-in-kazakhstan.zh.txt) changed since it was aligned: {} → {} paragraphs",
        r.len() + 1,
        r.len()
    );
    assert!(out.contains(&expect), "{out}");
    // Export refuses it too, naming the file.
    let o = diglot(&dir, &["export", "uprising", "--format", "tmx"]);
    assert_one_line_error(&o, "uprising.en-zh.toml': stale:");
    assert!(stderr(&o).contains(&expect), "{}", stderr(&o));
    assert!(stderr(&o).contains("no longer matches its excerpt"), "{}", stderr(&o));
    // Asked the other way round, the right text is the one on the left.
    let o = diglot(&dir, &["export", "uprising", "--left", "zh", "--right", "en"]);
    assert_one_line_error(&o, "the left text (zh, uprising-in-kazakhstan.zh.txt) changed");
    assert!(stderr(&o).contains("see `diglot check alignments/uprising.en-zh.toml`"), "{}", stderr(&o));
}

#[test]
fn an_empty_directory_checks_the_built_in_alignments() {
    let dir = scratch("check-empty");
    let o = diglot(&dir, &["check"]);
    let built_in = library().stored_alignments();
    if built_in.is_empty() {
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).starts_with("no stored alignments to check"), "{}", stdout(&o));
    } else {
        for s in &built_in {
            assert!(stdout(&o).contains(&s.name), "{} not checked: {}", s.name, stdout(&o));
        }
    }
}

/// Six lines, hard-wrapped: one paragraph read the default way, six read one a line.
const WRAPPED_EN: &str = "The strike began in the oil town of Zhanaozen in\nthe first days of January, when the price of\n\
liquefied gas doubled overnight and the workers\nwalked out of the fields and into the squares of\n\
every city in the country, where they stayed for\ndays and nights until the government resigned.\n";
const LINES_ZH: &str = "罢工始于一月初的石油小镇扎纳奥津，\n当时液化气的价格一夜之间翻了一番，\n工人们走出油田，\n\
走进了全国每一座城市的广场，\n他们在那里待了好几天，\n直到政府辞职。\n";

#[test]
fn a_recorded_reading_is_used_exactly_without_guessing() {
    let dir = scratch("check-reading");
    std::fs::write(dir.join("en.txt"), WRAPPED_EN).unwrap();
    std::fs::write(dir.join("zh.txt"), LINES_ZH).unwrap();
    let o = diglot(&dir, &["align", "--one-per-line", "en.txt", "zh.txt", "-o", "al.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.join("al.toml")).unwrap();
    assert_eq!(text.matches("\none_per_line = true\n").count(), 2, "{text}");
    assert!(!text.contains("encoding =") && !text.contains("pick_lang"), "{text}");
    assert!(diglot(&dir, &["check", "al.toml"]).status.success());
    // export reads the texts the same way: the ids point at the same lines.
    let o = diglot(&dir, &["export", "al.toml", "--format", "tsv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 6, "{}", stdout(&o));
    // A file that says the texts were read the default way is read so: its hashes no
    // longer match, and it is stale (no other reading is tried).
    std::fs::write(dir.join("al.toml"), text.replace("one_per_line = true", "one_per_line = false")).unwrap();
    let o = diglot(&dir, &["check", "al.toml"]);
    assert!(stdout(&o).starts_with("STALE  'al.toml': the left text (en, en.txt) changed"), "{}", stdout(&o));
    assert!(stdout(&o).contains("6 → 1 paragraphs"), "{}", stdout(&o));
    // The keys are checked like the others.
    let bad = text.replacen("one_per_line = true\n", "encoding = \"klingon\"\n", 1);
    std::fs::write(dir.join("al.toml"), bad).unwrap();
    let o = diglot(&dir, &["check", "al.toml"]);
    assert!(
        stdout(&o).starts_with("BROKEN 'al.toml': line 4, [left]: 'klingon' is not a known encoding"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_encoding_and_the_language_picked_are_recorded() {
    let dir = scratch("check-encoding");
    let (gbk, _, _) = encoding_rs::GBK.encode(LINES_ZH);
    std::fs::write(dir.join("zh.txt"), &gbk).unwrap();
    // An English and a Chinese part in one file: each side picks its language.
    std::fs::write(dir.join("en.txt"), WRAPPED_EN).unwrap();
    let bundle = format!("{}\n\n{}", common::EN, common::ZH);
    std::fs::write(dir.join("both.txt"), bundle).unwrap();
    let o = diglot(&dir, &["align", "--one-per-line", "en.txt", "zh.txt", "-o", "gbk.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.join("gbk.toml")).unwrap();
    assert!(text.contains("source = \"zh.txt\"\nhash = "), "{text}");
    assert!(text.contains("one_per_line = true\nencoding = \"GBK\"\n"), "{text}");
    assert!(diglot(&dir, &["check", "gbk.toml"]).status.success());
    let file = diglot::alignment::AlignmentFile::load(&dir.join("gbk.toml")).unwrap();
    assert_eq!(file.alignment.right.reading.and_then(|r| r.encoding), Some(encoding_rs::GBK));

    let o = diglot(
        &dir,
        &["align", "both.txt", "both.txt", "--left-lang", "en", "--right-lang", "zh", "-o", "both.toml"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.join("both.toml")).unwrap();
    assert_eq!(text.matches("one_per_line = false\npick_lang = true\n").count(), 2, "{text}");
    let o = diglot(&dir, &["check", "both.toml"]);
    assert!(o.status.success(), "{}", stdout(&o));
}
