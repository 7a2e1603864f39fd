//! Export: TMX read back by an XML parser (and by translate-toolkit when it is installed),
//! jsonl/tsv, and the `export` command's errors through the binary.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;

use common::*;
use diglot::alignment::{Alignment, Group, SourceText, Status};
use diglot::document::{Document, Kind, Lang, Paragraph};
use diglot::export::{TmxOptions, write_tmx};

#[derive(Debug, Default)]
struct Tu {
    tuid: String,
    props: BTreeMap<String, String>,
    /// (xml:lang, segment text)
    tuvs: Vec<(String, String)>,
}

#[derive(Debug, Default)]
struct Tmx {
    version: String,
    header: BTreeMap<String, String>,
    tus: Vec<Tu>,
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name(name))
}

/// Reads a TMX document with a real XML parser, failing on any malformed XML.
fn parse_tmx(xml: &str) -> Tmx {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "tmx");
    let attrs = |n: roxmltree::Node| -> BTreeMap<String, String> {
        n.attributes().map(|a| (a.name().to_string(), a.value().to_string())).collect()
    };
    let mut tmx =
        Tmx { version: root.attribute("version").unwrap_or_default().to_string(), ..Tmx::default() };
    tmx.header = attrs(child(root, "header").expect("a <header>"));
    let body = child(root, "body").expect("a <body>");
    for tu in body.children().filter(|c| c.is_element()) {
        assert_eq!(tu.tag_name().name(), "tu");
        let mut unit = Tu { tuid: tu.attribute("tuid").unwrap_or_default().to_string(), ..Tu::default() };
        for c in tu.children().filter(|c| c.is_element()) {
            match c.tag_name().name() {
                "prop" => {
                    unit.props
                        .insert(c.attribute("type").unwrap().to_string(), c.text().unwrap_or("").to_string());
                }
                "tuv" => {
                    let lang = c.attribute((roxmltree::NS_XML_URI, "lang")).expect("xml:lang").to_string();
                    let seg = child(c, "seg").expect("a <seg>");
                    unit.tuvs.push((lang, seg.text().unwrap_or("").to_string()));
                }
                other => panic!("unexpected <{other}> in <tu>"),
            }
        }
        tmx.tus.push(unit);
    }
    tmx
}

fn para(text: &str, lang: Lang, kind: Kind) -> Paragraph {
    Paragraph { text: text.into(), lang, kind, lines: (1, 1) }
}

/// Two small documents with everything that needs care in XML and in joining.
fn tricky() -> (Alignment, Document, Document) {
    let en = Document {
        name: "en".into(),
        lang: Lang::EN,
        paragraphs: vec![
            para("Fish & chips <cost> \"5\" 'pounds'.", Lang::EN, Kind::Body),
            para("Second one,", Lang::EN, Kind::Body),
            para("joined to this.", Lang::EN, Kind::Body),
            para("A note only in English\u{c} with a form feed.", Lang::EN, Kind::Footnote),
            para("Roses are red\nviolets are blue", Lang::EN, Kind::Verse),
        ],
    };
    let zh = Document {
        name: "zh".into(),
        lang: Lang::ZH,
        paragraphs: vec![
            para("炸鱼薯条要“5”英镑。", Lang::ZH, Kind::Body),
            para("第二段，", Lang::ZH, Kind::Body),
            para("接着这一段。", Lang::ZH, Kind::Body),
            para("玫瑰是红的\n紫罗兰是蓝的", Lang::ZH, Kind::Verse),
        ],
    };
    let al = Alignment {
        work: Some("demo & co".into()),
        left: SourceText::of(&en, "en.txt"),
        right: SourceText::of(&zh, "zh.txt"),
        groups: vec![
            Group { status: Status::Verified, ..Group::new(vec![0], vec![0], 0.93) },
            Group::new(vec![1, 2], vec![1, 2], 0.61),
            Group::new(vec![3], vec![], 0.2),
            Group::new(vec![4], vec![3], 0.8),
        ],
    };
    al.validate().unwrap();
    (al, en, zh)
}

fn tmx_string(al: &Alignment, l: &Document, r: &Document, opts: TmxOptions) -> String {
    let mut out = Vec::new();
    write_tmx(al, l, r, &opts, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn tmx_header_units_languages_and_escaping() {
    let (al, en, zh) = tricky();
    let xml = tmx_string(&al, &en, &zh, TmxOptions::default());
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), "{xml}");
    let tmx = parse_tmx(&xml);
    assert_eq!(tmx.version, "1.4");
    for (k, v) in [
        ("srclang", "en"),
        ("creationtool", "diglot"),
        ("segtype", "paragraph"),
        ("datatype", "plaintext"),
        ("adminlang", "en"),
        ("creationtoolversion", env!("CARGO_PKG_VERSION")),
    ] {
        assert_eq!(tmx.header.get(k).map(String::as_str), Some(v), "header {k}: {:?}", tmx.header);
    }
    assert!(tmx.header.contains_key("o-tmf"));
    // The 1-0 group is left out by default.
    assert_eq!(tmx.tus.len(), 3);
    assert_eq!(tmx.tus.iter().map(|t| t.tuid.as_str()).collect::<Vec<_>>(), ["1", "2", "4"]);
    for tu in &tmx.tus {
        let langs: Vec<_> = tu.tuvs.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, ["en", "zh"]);
    }
    assert_eq!(tmx.tus[0].tuvs[0].1, "Fish & chips <cost> \"5\" 'pounds'.");
    assert_eq!(tmx.tus[0].tuvs[1].1, "炸鱼薯条要“5”英镑。");
    // Paragraphs of one side are joined with a space, without one in Chinese, and with a
    // line break in verse, which keeps its own.
    assert_eq!(tmx.tus[1].tuvs[0].1, "Second one, joined to this.");
    assert_eq!(tmx.tus[1].tuvs[1].1, "第二段，接着这一段。");
    assert_eq!(tmx.tus[2].tuvs[0].1, "Roses are red\nviolets are blue");
    assert_eq!(tmx.tus[0].props["x-diglot-status"], "verified");
    assert_eq!(tmx.tus[0].props["x-diglot-confidence"], "0.930");
    assert_eq!(tmx.tus[1].props["x-diglot-left-ids"], "1 2");
    assert!(!xml.contains('\u{c}'));
}

#[test]
fn tmx_keeps_empty_sides_when_asked_and_props_can_go() {
    let (al, en, zh) = tricky();
    let xml = tmx_string(&al, &en, &zh, TmxOptions { keep_empty: true, props: false });
    let tmx = parse_tmx(&xml);
    assert_eq!(tmx.tus.len(), 4);
    let note = &tmx.tus[2];
    assert_eq!(
        note.tuvs,
        [("en".into(), "A note only in English  with a form feed.".into()), ("zh".into(), String::new())]
    );
    assert!(tmx.tus.iter().all(|t| t.props.is_empty()));
    assert!(!xml.contains("<prop type=\"x-diglot-status\""));
}

#[test]
fn tmx_of_a_whole_work_has_one_unit_per_group_with_both_sides() {
    let (al, l, r) = align_work("uprising", Lang::EN, Lang::ZH);
    let xml = tmx_string(&al, &l, &r, TmxOptions::default());
    let tmx = parse_tmx(&xml);
    let both = al.groups.iter().filter(|g| !g.left.is_empty() && !g.right.is_empty()).count();
    assert_eq!(tmx.tus.len(), both);
    assert!(tmx.tus.iter().all(|t| t.tuvs.len() == 2 && t.tuvs[0].0 == "en" && t.tuvs[1].0 == "zh"));
    assert_eq!(tmx.header["srclang"], "en");
    // Flipped, the source language follows.
    let xml = tmx_string(&al.flipped(), &r, &l, TmxOptions::default());
    assert_eq!(parse_tmx(&xml).header["srclang"], "zh");
}

/// translate-toolkit's TMX reader (what Pootle and Virtaal use) must read the file, with the
/// same number of units and the texts intact.
#[test]
fn tmx_opens_in_translate_toolkit() {
    let probe =
        std::process::Command::new("python3").args(["-c", "from translate.storage import tmx"]).output();
    if !probe.map(|o| o.status.success()).unwrap_or(false) {
        println!(
            "note: skipped: python3 with translate-toolkit is not installed (pip install translate-toolkit)"
        );
        return;
    }
    let dir = scratch("ttk");
    let (al, en, zh) = tricky();
    let path = dir.join("out.tmx");
    std::fs::write(&path, tmx_string(&al, &en, &zh, TmxOptions::default())).unwrap();
    let script = r#"
import json, sys
from translate.storage import tmx
from translate.misc.xml_helpers import getXMLlang
store = tmx.tmxfile.parsefile(sys.argv[1])
units = [u for u in store.units if not u.isheader()]
print(json.dumps({
    "count": len(units),
    "source": [u.source for u in units],
    "target": [u.target for u in units],
    "srclang": store.getsourcelanguage(),
    "langs": [[getXMLlang(n) for n in u.getlanguageNodes()] for u in units],
}, ensure_ascii=False))
"#;
    let out = std::process::Command::new("python3").arg("-c").arg(script).arg(&path).output().unwrap();
    assert!(out.status.success(), "translate-toolkit failed: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["count"], 3, "{v}");
    assert_eq!(v["srclang"], "en", "{v}");
    assert_eq!(v["langs"], serde_json::json!([["en", "zh"], ["en", "zh"], ["en", "zh"]]), "{v}");
    assert_eq!(v["source"][0], "Fish & chips <cost> \"5\" 'pounds'.", "{v}");
    assert_eq!(v["target"][0], "炸鱼薯条要“5”英镑。", "{v}");
    assert_eq!(v["target"][1], "第二段，接着这一段。", "{v}");

    // Kept, a group with an empty side is a unit with an empty target, not an error.
    std::fs::write(&path, tmx_string(&al, &en, &zh, TmxOptions { keep_empty: true, props: true })).unwrap();
    let out = std::process::Command::new("python3").arg("-c").arg(script).arg(&path).output().unwrap();
    assert!(out.status.success(), "translate-toolkit failed: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["count"], 4, "{v}");
    assert_eq!(v["target"][2], "", "{v}");
}

// ---------------------------------------------------------------------------------------------
// Through the binary

/// A scratch directory with two user texts and their alignment file `al.toml` beside them.
fn user_pair(name: &str) -> Scratch {
    let dir = scratch(name);
    let (a, b) = write_texts(&dir);
    let (al, l, r) = align_files(&a, &b, "en.txt", "zh.txt");
    diglot::store::save_atomic(&al, &dir.join("al.toml"), Some(&l), Some(&r)).unwrap();
    dir
}

#[test]
fn export_file_in_every_format() {
    let dir = user_pair("export-formats");
    let o = diglot(&dir, &["export", "al.toml", "--format", "jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> =
        stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["left_ids"], serde_json::json!([0]));
    assert!(lines[0]["left"][0].as_str().unwrap().starts_with("The workers"));

    let o = diglot(&dir, &["export", "al.toml", "--format", "tsv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 4);
    assert!(stdout(&o).lines().all(|l| l.split('\t').count() == 2));

    let o = diglot(&dir, &["export", "al.toml", "--format", "tmx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tmx = parse_tmx(&stdout(&o));
    assert_eq!(tmx.tus.len(), 4);
    assert_eq!(tmx.header["srclang"], "en");
    assert!(tmx.tus[2].tuvs[0].1.contains("& demanded more: <freedom>."));

    // To a file instead of standard output.
    let o = diglot(&dir, &["export", "al.toml", "--format", "tmx", "-o", "out.tmx"]);
    assert!(o.status.success() && stdout(&o).is_empty(), "{}", stderr(&o));
    assert_eq!(parse_tmx(&std::fs::read_to_string(dir.join("out.tmx")).unwrap()).tus.len(), 4);
    let o = diglot(&dir, &["export", "al.toml", "--format", "tmx", "-o", "no/such/dir/out.tmx"]);
    assert_one_line_error(&o, "no/such/dir/out.tmx");

    // Asked the other way round, the file is flipped.
    let o = diglot(&dir, &["export", "al.toml", "--left", "zh", "--format", "tmx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tmx = parse_tmx(&stdout(&o));
    assert_eq!(tmx.header["srclang"], "zh");
    assert_eq!(tmx.tus[0].tuvs[0].0, "zh");
}

#[test]
fn export_a_stored_alignment_of_a_work() {
    let dir = scratch("export-work");
    std::fs::create_dir_all(dir.join("alignments")).unwrap();
    let (al, l, r) = align_work("uprising", Lang::EN, Lang::ZH);
    diglot::store::save_atomic(&al, &dir.join("alignments/uprising.en-zh.toml"), Some(&l), Some(&r)).unwrap();
    let o = diglot(
        &dir,
        &["export", "uprising", "--left", "en", "--right", "zh", "--format", "tmx", "--keep-empty"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(parse_tmx(&stdout(&o)).tus.len(), al.groups.len());
    // A work in two languages needs no --left/--right.
    let o = diglot(&dir, &["export", "uprising", "--format", "tsv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), al.groups.len());
    // Stored en-zh, asked zh-en: flipped.
    let o = diglot(&dir, &["export", "uprising", "--left", "zh", "--right", "en", "--format", "jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> =
        stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), al.groups.len());
    for (v, g) in lines.iter().zip(&al.groups) {
        assert_eq!(v["left_ids"], serde_json::json!(g.right));
        assert_eq!(v["right_ids"], serde_json::json!(g.left));
        let texts = |ids: &[usize], d: &diglot::Document| {
            ids.iter().map(|&i| d.paragraphs[i].text.clone()).collect::<Vec<_>>()
        };
        assert_eq!(v["left"], serde_json::json!(texts(&g.right, &r)));
        assert_eq!(v["right"], serde_json::json!(texts(&g.left, &l)));
    }

    // No stored alignment for that pair: one line, and what to do.
    let o = diglot(&dir, &["export", "rcit", "--left", "es", "--right", "ko"]);
    assert_one_line_error(&o, "no stored alignment of 'rcit' es-ko");
    assert!(stderr(&o).contains("diglot align"));
}

#[test]
fn export_refuses_a_stale_alignment_unless_allowed() {
    let dir = user_pair("export-stale");
    std::fs::write(dir.join("en.txt"), EN.replace("first days", "very first days")).unwrap();
    let o = diglot(&dir, &["export", "al.toml", "--format", "tmx"]);
    assert_one_line_error(&o, "al.toml': stale: the left text (en, en.txt) changed since it was aligned");
    assert!(stdout(&o).is_empty());
    let o = diglot(&dir, &["export", "al.toml", "--format", "tsv", "--allow-stale"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning") && stderr(&o).contains("stale"));
    assert!(stdout(&o).starts_with("The workers of the oil town went on strike in the very first days"));
}

#[test]
fn export_errors_are_one_clear_line() {
    let dir = user_pair("export-errors");
    assert_one_line_error(
        &diglot(&dir, &["export", "al.toml", "--format", "xml"]),
        "'xml' is not a known format",
    );
    assert_one_line_error(
        &diglot(&dir, &["export", "nowork", "--left", "en", "--right", "zh"]),
        "'nowork' is not a known work",
    );
    assert_one_line_error(
        &diglot(&dir, &["export", "uprising", "--left", "en", "--right", "ko"]),
        "'uprising': has no text in language 'ko'",
    );
    assert_one_line_error(
        &diglot(&dir, &["export", "uprising", "--left", "english"]),
        "'english' is not a language code",
    );
    assert_one_line_error(&diglot(&dir, &["export", "rcit"]), "needs --left and --right");
    assert_one_line_error(&diglot(&dir, &["export", "zhihu"]), "single text");
    assert_one_line_error(&diglot(&dir, &["export", "rcit", "--left", "en", "--right", "en"]), "both 'en'");
    assert_one_line_error(&diglot(&dir, &["export", "missing.toml"]), "missing.toml': no such file");
    assert_one_line_error(&diglot(&dir, &["export", "al.toml", "--left", "ko"]), "aligns en with zh");
    std::fs::write(dir.join("bad.toml"), "format = 1\n[left\n").unwrap();
    assert_one_line_error(&diglot(&dir, &["export", "bad.toml"]), "bad.toml': line 2: invalid TOML");
    std::fs::remove_file(dir.join("zh.txt")).unwrap();
    assert_one_line_error(&diglot(&dir, &["export", "al.toml"]), "cannot read the texts it aligns");
}

/// OmegaT (a desktop translation-memory tool) must take the exported TMX as a translation
/// memory: a project whose source is the English statement and whose `tm/auto/` holds the
/// export is translated by OmegaT's console mode into the Korean of every paired paragraph.
/// Skipped, with a note, when OmegaT is not installed (`apt-get install omegat`).
#[test]
fn tmx_translates_a_project_in_omegat() {
    let have = std::process::Command::new("omegat")
        .arg("--help")
        .stdin(std::process::Stdio::null())
        .output()
        .is_ok();
    if !have {
        println!("note: skipped: OmegaT is not installed (apt-get install omegat)");
        return;
    }
    let dir = scratch("omegat");
    for sub in ["source", "target", "tm/auto", "glossary", "dictionary", "omegat"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let o = diglot(&dir, &["export", "rcit", "--left", "en", "--right", "ko", "--format", "tmx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::write(dir.join("tm/auto/rcit.tmx"), &o.stdout).unwrap();
    let o = diglot(&dir, &["export", "rcit", "--left", "en", "--right", "ko", "--format", "jsonl"]);
    let groups: Vec<serde_json::Value> =
        stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // The English text, one paragraph a segment (blank lines between, as OmegaT's text filter
    // reads paragraphs).
    let para = |v: &serde_json::Value| v.as_str().unwrap().replace('\n', " ");
    let source: Vec<String> =
        groups.iter().flat_map(|g| g["left"].as_array().unwrap().iter().map(para)).collect();
    std::fs::write(dir.join("source/statement.txt"), source.join("\n\n") + "\n").unwrap();
    std::fs::write(
        dir.join("omegat.project"),
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>EN</source_lang>
        <target_lang>KO</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneKoreanTokenizer</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"#,
    )
    .unwrap();
    let out = std::process::Command::new("omegat")
        .arg(&*dir)
        .arg("--mode=console-translate")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "OmegaT failed: {log}");
    assert!(log.contains("Source language: en"), "{log}");
    let target = std::fs::read_to_string(dir.join("target/statement.txt")).unwrap();
    let pairs: Vec<(String, String)> = groups
        .iter()
        .filter(|g| g["left"].as_array().unwrap().len() == 1 && g["right"].as_array().unwrap().len() == 1)
        .map(|g| (para(&g["left"][0]), para(&g["right"][0])))
        .collect();
    assert!(pairs.len() >= 8, "{} pairs", pairs.len());
    for (en, ko) in &pairs {
        assert!(target.contains(ko.as_str()), "OmegaT did not put in the Korean of {en:?}:\n{target}");
        assert!(!target.contains(en.as_str()), "OmegaT left {en:?} untranslated");
    }
}
