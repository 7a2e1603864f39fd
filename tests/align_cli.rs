//! `diglot align` through the binary: the jsonl shape and coverage, a TOML file that `diglot
//! check` accepts, the truncated Korean translation, keep-verified, and bad input.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{assert_one_line_error, diglot, scratch, stderr, stdout};
use serde_json::Value;

fn seed(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").join(name).display().to_string()
}

const RCIT: &str = "rcit-kazakhstan-statement.en-es-ru-pt-ko.txt";

/// The paragraph texts of one language of a file, as `diglot paragraphs` reads them.
fn paragraphs(dir: &Path, file: &str, lang: Option<&str>) -> Vec<String> {
    let mut args = vec!["paragraphs", file, "--format", "jsonl"];
    if let Some(l) = lang {
        args.extend(["--lang", l]);
    }
    let o = diglot(dir, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["text"].as_str().unwrap().to_string())
        .collect()
}

fn jsonl(out: &str) -> Vec<Value> {
    out.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn ids(v: &Value, key: &str) -> Vec<usize> {
    v[key].as_array().unwrap().iter().map(|x| x.as_u64().unwrap() as usize).collect()
}

/// Every paragraph of both sides in exactly one group, in order, texts matching the ids.
fn assert_covers(groups: &[Value], left: &[String], right: &[String]) {
    let (mut nl, mut nr) = (0, 0);
    for g in groups {
        let (l, r) = (ids(g, "left_ids"), ids(g, "right_ids"));
        assert!(!l.is_empty() || !r.is_empty(), "empty group {g}");
        for (k, &i) in l.iter().enumerate() {
            assert_eq!(i, nl, "left out of order in {g}");
            assert_eq!(g["left"][k].as_str().unwrap(), left[i]);
            nl += 1;
        }
        for (k, &j) in r.iter().enumerate() {
            assert_eq!(j, nr, "right out of order in {g}");
            assert_eq!(g["right"][k].as_str().unwrap(), right[j]);
            nr += 1;
        }
        let c = g["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c), "{g}");
    }
    assert_eq!((nl, nr), (left.len(), right.len()));
}

#[test]
fn jsonl_covers_both_texts_in_order() {
    let dir = scratch("align-jsonl");
    let (en, zh) = (seed("uprising-in-kazakhstan.en.txt"), seed("uprising-in-kazakhstan.zh.txt"));
    let o = diglot(&dir, &["align", &en, &zh]);
    assert!(o.status.success(), "{}", stderr(&o));
    let groups = jsonl(&stdout(&o));
    assert_covers(&groups, &paragraphs(&dir, &en, None), &paragraphs(&dir, &zh, None));
    // A translation of a whole text: most groups pair something with something.
    let paired = groups.iter().filter(|g| !ids(g, "left_ids").is_empty() && !ids(g, "right_ids").is_empty());
    assert!(paired.count() * 10 >= groups.len() * 8);
    // The first question of the interview pairs with its translation.
    let q = groups
        .iter()
        .find(|g| {
            g["left"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t.as_str().unwrap() == "Are there any opposition parties in Kazakhstan?")
        })
        .unwrap();
    assert_eq!(q["right"][0].as_str().unwrap(), "在哈萨克斯坦有反对党吗？");
}

#[test]
fn toml_output_is_an_alignment_file_check_accepts() {
    let dir = scratch("align-toml");
    std::fs::create_dir_all(dir.join("alignments")).unwrap();
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    for f in ["uprising-in-kazakhstan.en.txt", "uprising-in-kazakhstan.zh.txt"] {
        std::fs::copy(seed(f), dir.join("seeds").join(f)).unwrap();
    }
    let out = "alignments/uprising.en-zh.toml";
    let o = diglot(
        &dir,
        &[
            "align",
            "seeds/uprising-in-kazakhstan.en.txt",
            "seeds/uprising-in-kazakhstan.zh.txt",
            "--work",
            "uprising",
            "-o",
            out,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let text = std::fs::read_to_string(dir.join(out)).unwrap();
    assert!(
        text.contains("work = \"uprising\"") && text.contains("source = \"uprising-in-kazakhstan.en.txt\""),
        "{text}"
    );
    let o = diglot(&dir, &["check", out]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).starts_with("ok"), "{}", stdout(&o));
}

#[test]
fn truncated_korean_leaves_the_tail_unpaired() {
    let dir = scratch("align-ko");
    let file = seed(RCIT);
    let o = diglot(&dir, &["align", &file, &file, "--left-lang", "en", "--right-lang", "ko"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let groups = jsonl(&stdout(&o));
    let en = paragraphs(&dir, &file, Some("en"));
    let ko = paragraphs(&dir, &file, Some("ko"));
    assert_covers(&groups, &en, &ko);
    let starts = |t: &str, n: &str| t.trim_start().starts_with(&format!("{n}."));
    // Points 1-6 pair with their translations, one to one.
    for n in 1..=6 {
        let g = groups
            .iter()
            .find(|g| {
                g["right"].as_array().unwrap().iter().any(|t| starts(t.as_str().unwrap(), &n.to_string()))
            })
            .unwrap();
        let left = g["left"].as_array().unwrap();
        assert_eq!(left.len(), 1, "point {n}: {g}");
        assert!(starts(left[0].as_str().unwrap(), &n.to_string()), "point {n}: {g}");
    }
    // Points 7-10, which the Korean translation never reached, pair with nothing.
    for n in 7..=10 {
        let g = groups
            .iter()
            .find(|g| {
                g["left"].as_array().unwrap().iter().any(|t| starts(t.as_str().unwrap(), &n.to_string()))
            })
            .unwrap();
        assert!(ids(g, "right_ids").is_empty(), "point {n}: {g}");
    }
}

#[test]
fn tsv_has_one_line_per_group() {
    let dir = scratch("align-tsv");
    let file = seed(RCIT);
    let json = diglot(&dir, &["align", &file, &file, "--left-lang", "en", "--right-lang", "es"]);
    let tsv =
        diglot(&dir, &["align", &file, &file, "--left-lang", "en", "--right-lang", "es", "--format", "tsv"]);
    assert!(tsv.status.success(), "{}", stderr(&tsv));
    assert_eq!(stdout(&tsv).lines().count(), stdout(&json).lines().count());
    assert!(stdout(&tsv).lines().all(|l| l.matches('\t').count() == 1));
}

/// Writes `text` as a file of the scratch directory.
fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn keep_verified_keeps_a_verified_group_after_the_text_changed() {
    let dir = scratch("align-keep");
    let file = seed(RCIT);
    let o = diglot(
        &dir,
        &[
            "align",
            &file,
            &file,
            "--left-lang",
            "en",
            "--right-lang",
            "es",
            "--format",
            "toml",
            "-o",
            "a.toml",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // A person verifies a grouping the aligner would not make: points 3 and 4 of the Spanish
    // together with point 3 of the English.
    let text = std::fs::read_to_string(dir.join("a.toml")).unwrap();
    let en = paragraphs(&dir, &file, Some("en"));
    let es = paragraphs(&dir, &file, Some("es"));
    let p3 = en.iter().position(|t| t.starts_with("3.")).unwrap();
    let q3 = es.iter().position(|t| t.starts_with("3.")).unwrap();
    let mut al = diglot::alignment::AlignmentFile::parse("a.toml", &text).unwrap().alignment;
    let k = al.groups.iter().position(|g| g.left == vec![p3]).unwrap();
    al.groups[k].right = vec![q3, q3 + 1];
    al.groups[k].status = diglot::alignment::Status::Verified;
    assert_eq!(al.groups[k + 1].right, vec![q3 + 1]);
    al.groups[k + 1].right = vec![];
    al.validate().unwrap();
    // The left text changes: a new paragraph at the top.
    let src = std::fs::read_to_string(&file).unwrap();
    let changed = src.replacen(
        "Statement by the RCIT",
        "A note added at the top of the English text.\n\n\nStatement by the RCIT",
        1,
    );
    let changed_path = write(&dir, "changed.txt", &changed);
    let docs = |p: &Path, l: &str| {
        diglot::import::import_file(
            p,
            &diglot::import::ImportOptions { lang: Some(l.parse().unwrap()), ..Default::default() },
        )
        .unwrap()
        .remove(0)
    };
    let (old_en, old_es) = (docs(Path::new(&file), "en"), docs(Path::new(&file), "es"));
    std::fs::write(dir.join("a.toml"), al.to_toml_string(Some(&old_en), Some(&old_es))).unwrap();

    let o = diglot(
        &dir,
        &[
            "align",
            changed_path.to_str().unwrap(),
            &file,
            "--left-lang",
            "en",
            "--right-lang",
            "es",
            "--keep-verified",
            "a.toml",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let groups = jsonl(&stdout(&o));
    let kept: Vec<&Value> = groups.iter().filter(|g| g["status"] == "verified").collect();
    assert_eq!(kept.len(), 1, "{groups:?}");
    // The same paragraphs, one further down on the changed side.
    assert_eq!(ids(kept[0], "left_ids"), vec![p3 + 1]);
    assert_eq!(ids(kept[0], "right_ids"), vec![q3, q3 + 1]);
    let new_en = paragraphs(&dir, changed_path.to_str().unwrap(), Some("en"));
    assert_covers(&groups, &new_en, &es);
}

#[test]
fn bad_input_is_one_clear_line() {
    let dir = scratch("align-bad");
    let file = seed(RCIT);
    let en = seed("uprising-in-kazakhstan.en.txt");
    let o = diglot(&dir, &["align", &file, &file, "--left-lang", "english", "--right-lang", "es"]);
    assert_one_line_error(&o, "'english' is not a language code");
    let o = diglot(&dir, &["align", &file, &file, "--left-lang", "en", "--right-lang", "zh"]);
    assert_one_line_error(&o, "no text in language 'zh'");
    let o = diglot(&dir, &["align", &en, &file, "--right-lang", "es", "--format", "xml"]);
    assert_one_line_error(&o, "'xml' is not a known format");
    let o = diglot(&dir, &["align", &file, &en]);
    assert_one_line_error(&o, "pick one with --left-lang");
    let o = diglot(&dir, &["align", "missing.txt", &en]);
    assert_one_line_error(&o, "missing.txt");
    write(&dir, "broken.toml", "format = 1\n[left]\nlang = \"en\"\n");
    let o = diglot(
        &dir,
        &["align", &en, &seed("uprising-in-kazakhstan.zh.txt"), "--keep-verified", "broken.toml"],
    );
    assert_one_line_error(&o, "broken.toml");
    write(&dir, "g.toml", "[[pair]]\nleft = \"x\"\n");
    let o = diglot(&dir, &["align", &en, &seed("uprising-in-kazakhstan.zh.txt"), "--glossary", "g.toml"]);
    assert_one_line_error(&o, "not a glossary");
}

#[test]
fn a_file_of_another_pair_cannot_keep_groups() {
    let dir = scratch("align-keep-other");
    let file = seed(RCIT);
    let o =
        diglot(&dir, &["align", &file, &file, "--left-lang", "en", "--right-lang", "ru", "-o", "ru.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = diglot(
        &dir,
        &["align", &file, &file, "--left-lang", "en", "--right-lang", "pt", "--keep-verified", "ru.toml"],
    );
    assert_one_line_error(&o, "aligns en-ru, not en-pt");
}

#[test]
fn unrelated_texts_are_aligned_with_a_warning() {
    let dir = scratch("align-unrelated");
    let a: String =
        (0..12).map(|i| format!("The {i}th line of a shopping list has apples and pears.\n\n")).collect();
    let b: String =
        (0..12).map(|_| "Ein Gedicht über den Wind, der durch die Bäume weht.\n\n".to_string()).collect();
    let (pa, pb) = (write(&dir, "a.txt", &a), write(&dir, "b.txt", &b));
    let o = diglot(&dir, &["align", pa.to_str().unwrap(), pb.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("may not be translations of each other"), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1);
}

/// `diglot align A B ARGS` in `dir` with `home` as `DIGLOT_HOME`.
fn align_in(dir: &Path, home: &Path, args: &[&str]) -> std::process::Output {
    common::command()
        .env(diglot::dirs::HOME_VAR, home)
        .args(["align", "en.txt", "zh.txt"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn cache_entries(home: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(home.join("cache/alignments")) {
        Ok(rd) => rd.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn the_cache_gives_the_same_alignment_and_a_changed_text_misses() {
    let dir = scratch("align-cache");
    let home = dir.join("home");
    common::write_texts(&dir);
    let first = align_in(&dir, &home, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    // stderr is no terminal here: no progress bar, nothing at all.
    assert_eq!(stderr(&first), "");
    let entries = cache_entries(&home);
    assert_eq!(entries.len(), 1, "{entries:?}");
    let stamp = std::fs::metadata(&entries[0]).unwrap().modified().unwrap();
    let second = align_in(&dir, &home, &[]);
    assert_eq!(stdout(&second), stdout(&first));
    assert_eq!(std::fs::metadata(&entries[0]).unwrap().modified().unwrap(), stamp, "a hit rewrote the entry");

    // A corrupt entry is ignored, the answer is the same, and the entry is made whole again.
    std::fs::write(&entries[0], "{\"format\": 1, \"groups\": [[[").unwrap();
    let third = align_in(&dir, &home, &[]);
    assert!(third.status.success(), "{}", stderr(&third));
    assert_eq!(stdout(&third), stdout(&first));
    assert_eq!(stderr(&third), "");
    assert!(std::fs::read_to_string(&entries[0]).unwrap().contains("\"aligner\""));

    // --no-cache neither reads nor writes; a changed text makes a second entry.
    let fresh = dir.join("fresh-home");
    let o = align_in(&dir, &fresh, &["--no-cache"]);
    assert_eq!(stdout(&o), stdout(&first));
    assert!(cache_entries(&fresh).is_empty());
    let en = std::fs::read_to_string(dir.join("en.txt")).unwrap();
    std::fs::write(dir.join("en.txt"), en.replace("first days", "early days")).unwrap();
    let o = align_in(&dir, &home, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(cache_entries(&home).len(), 2);
}

#[test]
fn a_collapse_is_said_on_stderr_even_from_the_cache() {
    use diglot::align::AlignOptions;
    use diglot::cache::{Cache, Entry, Key};
    let dir = scratch("align-collapse");
    let home = dir.join("home");
    let (en, zh) = common::write_texts(&dir);
    let (l, r) = (common::import(&en, diglot::Lang::EN), common::import(&zh, diglot::Lang::ZH));
    // What a collapsed alignment looks like: nothing paired.
    let mut groups: Vec<_> =
        (0..l.len()).map(|i| diglot::alignment::Group::new(vec![i], vec![], 0.0)).collect();
    groups.extend((0..r.len()).map(|j| diglot::alignment::Group::new(vec![], vec![j], 0.0)));
    let warning = diglot::align::collapse_warning(&groups).unwrap();
    let entry = Entry { groups, warnings: vec![warning.clone()] };
    let opts = AlignOptions::default();
    Cache::at(home.join("cache/alignments")).put(&Key::of(&l, &r, &opts), &l, &r, &entry).unwrap();
    let o = align_in(&dir, &home, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o).trim_end(), format!("diglot: warning: {warning}"));
    assert_eq!(jsonl(&stdout(&o)).len(), 8);
}

/// A user's word list (`--dictionary`) for a pair diglot carries none for: read as its own
/// dictionaries are, a cache entry of its own, and a broken list is one clear line.
#[test]
fn a_users_word_list_goes_the_dictionary_way() {
    let dir = scratch("align-dictionary");
    let home = dir.join("home");
    let en =
        "The strike began in the oil town.\n\nThe army came at night.\n\nThe workers stayed in the square.\n";
    let es = "La huelga empezó en la ciudad petrolera.\n\nEl ejército llegó de noche.\n\nLos obreros se quedaron en la plaza.\n";
    write(&dir, "en.txt", en);
    write(&dir, "zh.txt", es); // named as align_in expects; Spanish inside
    write(&dir, "words.tsv", "# en → es\nstrike\thuelga\narmy\tejército\nworkers\tobreros\nsquare\tplaza\n");
    let plain = align_in(&dir, &home, &["--format", "jsonl"]);
    assert!(plain.status.success(), "{}", stderr(&plain));
    let with = align_in(&dir, &home, &["--format", "jsonl", "--dictionary", "words.tsv"]);
    assert!(with.status.success(), "{}", stderr(&with));
    let groups = jsonl(&stdout(&with));
    assert_eq!(groups.len(), 3, "{}", stdout(&with));
    assert_eq!(cache_entries(&home).len(), 2, "a word list has its own cache entry");
    write(&dir, "bad.tsv", "strike huelga\n");
    let o = align_in(&dir, &home, &["--dictionary", "bad.tsv"]);
    assert_one_line_error(&o, "bad.tsv");
    let o = align_in(&dir, &home, &["--dictionary", "missing.tsv"]);
    assert_one_line_error(&o, "missing.tsv");
}
