//! The alignment file: save/reload roundtrips, clear errors for broken files, interrupted
//! saves, and checking against changed texts.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;

use common::*;
use diglot::alignment::{Alignment, AlignmentFile, Group, SourceText, Status};
use diglot::document::Lang;
use diglot::store::{save_atomic, temp_path_for, write_atomic_via};
use diglot::works::Library;

fn sample() -> Alignment {
    let side = |lang, source: &str, n| SourceText {
        lang,
        source: source.into(),
        hash: "fnv1a64:00ff".into(),
        paragraphs: n,
        reading: None,
    };
    Alignment {
        work: Some("demo".into()),
        left: side(Lang::EN, "dir with \"quotes\"\\and\tbackslash.txt", 3),
        right: side(Lang::ZH, "中文/文件.txt", 3),
        groups: vec![
            Group::new(vec![0], vec![0, 1], 0.873_452_1),
            Group { status: Status::Verified, ..Group::new(vec![1], vec![], 1.0) },
            Group::new(vec![2], vec![2], 0.0),
        ],
    }
}

#[test]
fn save_and_reload_give_the_same_alignment() {
    let dir = scratch("roundtrip");
    let (al, l, r) = align_work("uprising", Lang::EN, Lang::ZH);
    al.validate().unwrap();
    let path = dir.join("uprising.en-zh.toml");
    save_atomic(&al, &path, Some(&l), Some(&r)).unwrap();
    let back = Alignment::load(&path).unwrap();
    assert_eq!(back, al);
    // Saving what was read gives the same bytes: diffs show only real edits.
    let first = std::fs::read(&path).unwrap();
    save_atomic(&back, &path, Some(&l), Some(&r)).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first);
    // The excerpts are there for people, and the file reads like the documented layout.
    let text = String::from_utf8(first).unwrap();
    assert!(text.starts_with("# diglot alignment"));
    assert!(text.contains("format = 1\nwork = \"uprising\"\n\n[left]\nlang = \"en\"\n"), "{text}");
    assert!(text.contains("\n[[group]]\nleft = [0]\n"), "{text}");
    assert!(text.contains("left_text = \""), "{text}");
}

#[test]
fn odd_values_survive_the_roundtrip_exactly() {
    let dir = scratch("odd");
    let al = sample();
    let path = dir.join("a.toml");
    save_atomic(&al, &path, None, None).unwrap();
    assert_eq!(Alignment::load(&path).unwrap(), al);
    assert_eq!(Alignment::load(&path).unwrap().flipped().flipped(), al);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("confidence = 0.8734521\n") && text.contains("confidence = 1.0\n"), "{text}");
}

fn parse_err(text: &str) -> String {
    Alignment::from_toml_str("x.toml", text).unwrap_err().to_string()
}

fn good_text() -> String {
    sample().to_toml_string(None, None)
}

#[test]
fn broken_files_get_one_line_naming_file_and_line() {
    let text = good_text().replace("paragraphs = 3\n\n[right]", "paragraphs = 3\n\n[right");
    let e = parse_err(&text);
    assert!(e.starts_with("'x.toml': line 11: invalid TOML"), "{e}");
    assert_eq!(e.lines().count(), 1, "{e}");

    let e = parse_err(&good_text().replace("confidence = 0.0\n", ""));
    assert!(e.starts_with("'x.toml': line ") && e.contains("missing field `confidence`"), "{e}");

    let e = parse_err("format = 1\n[left]\nlang = \"en\"\nsource = \"a\"\nhash = \"h\"\nparagraphs = 0\n");
    assert_eq!(e, "'x.toml': missing field `right`");
    let e = parse_err(&good_text().replace("[right]", "[other]"));
    assert!(e.starts_with("'x.toml': line 11: unknown field `other`"), "{e}");

    let e = parse_err(&good_text().replace("format = 1", "format = 2"));
    assert_eq!(e, "'x.toml': format 2 is not supported by this diglot (it reads format 1)");
    let e = parse_err(&good_text().replace("format = 1\n", ""));
    assert!(e.contains("not a diglot alignment file"), "{e}");
    let e = parse_err("[work]\nid = 1\n");
    assert!(e.contains("not a diglot alignment file"), "{e}");

    // A typo in a hand edit must not silently drop a verified mark.
    let e = parse_err(&good_text().replace("status = \"verified\"", "stauts = \"verified\""));
    assert!(e.contains("unknown field `stauts`"), "{e}");
    let e = parse_err(&good_text().replace("status = \"verified\"", "status = \"checked\""));
    assert!(e.contains("line") && e.contains("checked"), "{e}");
    let e = parse_err(&good_text().replace("lang = \"zh\"", "lang = \"chinese\""));
    assert!(e.contains("'chinese' is not a language code"), "{e}");
}

#[test]
fn invalid_groups_are_named_by_number_ids_and_line() {
    let text = good_text();
    let line_of_group3 = text.lines().position(|l| l == "[[group]]").unwrap() + 1;
    let _ = line_of_group3;
    let e = parse_err(&text.replace("left = [2]", "left = [7]"));
    assert!(e.contains("group 3 (left [7], right [2]): left id 7 is out of range"), "{e}");
    assert!(e.contains("'x.toml': line "), "{e}");
    let e = parse_err(&text.replace("left = [1]\nright = []", "left = []\nright = []"));
    assert!(e.contains("group 2 (left [], right []): empty group"), "{e}");
    let e = parse_err(&text.replace("confidence = 0.0", "confidence = 1.5"));
    assert!(e.contains("group 3") && e.contains("confidence 1.5 is outside [0, 1]"), "{e}");
    let e = parse_err(&text.replace("right = [0, 1]", "right = [0]"));
    assert!(e.contains("group 3 (left [2], right [2]): right paragraph 1 is in no group"), "{e}");
    let e = parse_err(&text.replace("right = [2]", "right = [1, 2]"));
    assert!(e.contains("right paragraph 1 appears twice (also group 1)"), "{e}");
    let e = parse_err(&text.replace("paragraphs = 3\n\n[right]", "paragraphs = 999999999999\n\n[right]"));
    assert!(e.contains("the left text is said to have 999999999999 paragraphs"), "{e}");
    let e = parse_err(&text.replace("paragraphs = 3\n\n[right]", "paragraphs = -3\n\n[right]"));
    assert!(e.contains("line 9") && e.contains("-3"), "{e}");
    let e = parse_err(&text.replace("paragraphs = 3\n\n[right]", "paragraphs = 5\n\n[right]"));
    assert!(e.contains("left paragraphs 3-4 are in no group"), "{e}");
    // The line is the group's own.
    let e = parse_err(&text.replace("left = [2]", "left = [7]"));
    let group3 = text.match_indices("[[group]]").nth(2).unwrap().0;
    let line = text[..group3].lines().count() + 1;
    assert!(e.contains(&format!("line {line}, group 3")), "{e} (group 3 is on line {line})");
}

#[test]
fn missing_and_wrong_kinds_of_files() {
    let dir = scratch("missing");
    let e = Alignment::load(&dir.join("nope.toml")).unwrap_err().to_string();
    assert!(e.contains("nope.toml': no such file"), "{e}");
    let e = Alignment::load(&dir).unwrap_err().to_string();
    assert!(e.contains("is a directory"), "{e}");
    std::fs::write(dir.join("empty.toml"), "").unwrap();
    let e = Alignment::load(&dir.join("empty.toml")).unwrap_err().to_string();
    assert!(e.contains("empty"), "{e}");
}

#[test]
fn an_interrupted_save_leaves_the_old_file() {
    let dir = scratch("interrupted");
    let path = dir.join("a.toml");
    let old = sample();
    save_atomic(&old, &path, None, None).unwrap();
    let old_bytes = std::fs::read(&path).unwrap();

    let mut new = old.clone();
    new.groups[0].status = Status::Verified;
    let text = new.to_toml_string(None, None);
    for cut in [0, 1, text.len() / 2, text.len() - 1] {
        let r = write_atomic_via(&path, text.as_bytes(), |f, bytes| {
            f.write_all(&bytes[..cut])?;
            Err(std::io::Error::other("disk full (simulated)"))
        });
        let e = r.unwrap_err().to_string();
        assert!(e.contains("a.toml") && e.contains("disk full"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), old_bytes, "cut at {cut}");
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, vec![std::ffi::OsString::from("a.toml")], "temp file left behind");
    }
    // The save that is not interrupted replaces it whole.
    save_atomic(&new, &path, None, None).unwrap();
    assert_eq!(Alignment::load(&path).unwrap(), new);
}

#[test]
fn a_killed_save_leaves_a_temp_file_nobody_reads() {
    // A kill between writing the temporary file and the rename: the target is the old file,
    // and the half-written temporary file is not taken for an alignment.
    let root = scratch("killed");
    let dir = root.join("alignments");
    std::fs::create_dir_all(&dir).unwrap();
    let (al, l, r) = align_work("uprising", Lang::EN, Lang::ZH);
    let path = dir.join("uprising.en-zh.toml");
    save_atomic(&al, &path, Some(&l), Some(&r)).unwrap();
    let text = al.to_toml_string(Some(&l), Some(&r));
    // Cut mid-file, even mid-character: a kill does not wait for a character boundary.
    std::fs::write(temp_path_for(&path), &text.as_bytes()[..text.len() / 2]).unwrap();
    assert_eq!(Alignment::load(&path).unwrap(), al);
    let lib = Library::load_from(Some(root.as_ref())).unwrap();
    let users: Vec<_> = lib
        .stored_alignments()
        .into_iter()
        .filter(|s| matches!(s.origin, diglot::works::Origin::File(_)))
        .map(|s| s.name)
        .collect();
    assert_eq!(users, vec!["uprising.en-zh.toml".to_string()]);
    // A later save clears leftovers old enough not to be another save still running.
    let leftover = dir.join(".uprising.en-zh.toml.99999999.diglot-tmp");
    std::fs::write(&leftover, "half").unwrap();
    save_atomic(&al, &path, Some(&l), Some(&r)).unwrap();
    assert!(leftover.exists(), "a fresh temporary file may be another process's save");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&leftover).unwrap().set_modified(old).unwrap();
    save_atomic(&al, &path, Some(&l), Some(&r)).unwrap();
    assert!(!leftover.exists());
    assert_eq!(Alignment::load(&path).unwrap(), al);
}

#[test]
fn saving_refuses_invalid_alignments_and_bad_places() {
    let dir = scratch("refuse");
    let mut al = sample();
    al.groups.pop();
    let e = save_atomic(&al, &dir.join("a.toml"), None, None).unwrap_err().to_string();
    assert!(e.contains("not saved") && e.contains("in no group"), "{e}");
    assert!(!dir.join("a.toml").exists());
    let e = save_atomic(&sample(), &dir.join("no/such/dir/a.toml"), None, None).unwrap_err().to_string();
    assert!(e.contains("no directory"), "{e}");
    let e = save_atomic(&sample(), &dir, None, None).unwrap_err().to_string();
    assert!(e.contains("is a directory"), "{e}");
}

#[cfg(unix)]
#[test]
fn saving_keeps_permissions_and_writes_through_symlinks() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("perms");
    let real = dir.join("real.toml");
    save_atomic(&sample(), &real, None, None).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.join("link.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let mut new = sample();
    new.groups[0].status = Status::Verified;
    save_atomic(&new, &link, None, None).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(Alignment::load(&real).unwrap(), new);
    assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);
}

#[test]
fn check_against_says_which_side_changed_and_how() {
    let (al, l, r) = align_work("uprising", Lang::EN, Lang::ZH);
    assert!(al.check_against(&l, &r).is_ok());

    // The file was made from an older English text: one paragraph has since been rewritten.
    let mut old_en = l.clone();
    let k = old_en.len() / 2;
    old_en.paragraphs[k].text = format!("An earlier wording. {}", old_en.paragraphs[k].text);
    let old = Alignment { left: SourceText::of(&old_en, al.left.source.clone()), ..al.clone() };
    let text = old.to_toml_string(Some(&old_en), Some(&r));
    let file = AlignmentFile::parse("old.toml", &text).unwrap();
    let report = file.check_against(&l, &r);
    assert!(report.is_stale() && !report.is_broken(), "{report:?}");
    assert!(report.right.is_none());
    let d = report.describe();
    let g = al.groups.iter().position(|g| g.left.contains(&k)).unwrap();
    assert!(
        d.contains("the left text (en, uprising-in-kazakhstan.en.txt) changed since it was aligned"),
        "{d}"
    );
    assert!(d.contains(&format!("same {} paragraphs", l.len())), "{d}");
    let with_left = al.groups.iter().filter(|g| !g.left.is_empty()).count();
    assert!(d.contains(&format!("1 of {with_left} groups no longer match")), "{d}");
    assert!(d.contains(&format!("first group {}", g + 1)) && d.contains("was \"An earlier wording."), "{d}");

    // Without the excerpts, the hash still tells.
    let d = old.check_against(&l, &r).describe();
    assert!(d.contains("content hash differs"), "{d}");

    // A paragraph dropped from the Chinese text: the count changes, and so do the excerpts
    // from there on.
    let mut short = r.clone();
    short.paragraphs.remove(1);
    let report = file.check_against(&l, &short);
    assert!(report.right.is_some(), "{report:?}");
    let d = report.describe();
    assert!(d.contains(&format!("{} → {} paragraphs", r.len(), r.len() - 1)), "{d}");
    let first = al.groups.iter().position(|g| g.right.contains(&1)).unwrap();
    let again = al.groups.iter().position(|g| g.right.first().is_some_and(|&x| x > 1)).unwrap();
    assert!(
        d.contains(&format!(
            "from group {} on it matches again 1 paragraph earlier (1 paragraph removed",
            again + 1
        )),
        "{d} (first changed {first})"
    );
}

/// Not a test on its own: the child process of `killing_a_save_leaves_old_or_new`, which runs
/// it with `--ignored` and kills it while it saves two alignments in turn, over and over.
#[test]
#[ignore = "helper process for killing_a_save_leaves_old_or_new"]
fn save_loop_child_process() {
    let Some(path) = std::env::var_os("DIGLOT_SAVE_LOOP") else { return };
    let path = std::path::PathBuf::from(path);
    // The parent saved the first alignment; the second is it, verified throughout.
    let a = Alignment::load(&path).unwrap();
    let mut b = a.clone();
    for g in &mut b.groups {
        g.status = Status::Verified;
    }
    std::fs::write(path.with_extension("ready"), "").unwrap();
    loop {
        save_atomic(&a, &path, None, None).unwrap();
        save_atomic(&b, &path, None, None).unwrap();
    }
}

#[test]
fn killing_a_save_leaves_old_or_new() {
    let dir = scratch("kill");
    let path = dir.join("uprising.en-zh.toml");
    let (a, l, r) = align_work("uprising", Lang::EN, Lang::ZH);
    save_atomic(&a, &path, Some(&l), Some(&r)).unwrap();
    let mut b = a.clone();
    for g in &mut b.groups {
        g.status = Status::Verified;
    }
    let exe = std::env::current_exe().unwrap();
    for round in 0..8u64 {
        let _ = std::fs::remove_file(path.with_extension("ready"));
        let mut child = std::process::Command::new(&exe)
            .args(["--ignored", "--exact", "save_loop_child_process", "--test-threads", "1"])
            .env("DIGLOT_SAVE_LOOP", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait until it is saving, then let it run a varying while before the kill.
        while !path.with_extension("ready").exists() {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        std::thread::sleep(std::time::Duration::from_millis(3 + 7 * round));
        child.kill().unwrap();
        child.wait().unwrap();
        let now = Alignment::load(&path).unwrap();
        assert!(now == a || now == b, "round {round}: the file is neither the old nor the new alignment");
    }
}

#[test]
fn a_users_file_wins_over_the_built_in_one_either_way_round() {
    let root = scratch("user-wins");
    std::fs::create_dir_all(root.join("alignments")).unwrap();
    let lib = Library::load_from(Some(root.as_ref())).unwrap();
    let (built_in, origin) = lib.alignment("uprising", Lang::EN, Lang::ZH).unwrap().unwrap();
    assert!(matches!(origin, diglot::works::Origin::BuiltIn(_)));
    // The user reviewed the pair the other way round: that file is the one opened, flipped.
    let (mut al, l, r) = align_work("uprising", Lang::ZH, Lang::EN);
    al.groups[0].status = Status::Verified;
    save_atomic(&al, &root.join("alignments/uprising.zh-en.toml"), Some(&l), Some(&r)).unwrap();
    let (found, origin) = lib.alignment("uprising", Lang::EN, Lang::ZH).unwrap().unwrap();
    assert_eq!(origin, diglot::works::Origin::File(root.join("alignments/uprising.zh-en.toml")));
    assert_eq!(found, al.flipped());
    assert_ne!(found.groups, built_in.groups);
}

#[test]
fn the_data_directory_is_read_before_the_current_one_and_saved_to() {
    let root = scratch("data-first");
    let data = root.join("data/alignments");
    std::fs::create_dir_all(root.join("alignments")).unwrap();
    std::fs::create_dir_all(&data).unwrap();
    let lib = Library::load_from(Some(root.as_ref())).unwrap().with_data(Some(data.clone()));
    assert_eq!(lib.alignment_save_path("uprising", Lang::EN, Lang::ZH), data.join("uprising.en-zh.toml"));
    let (mut old, l, r) = align_work("uprising", Lang::EN, Lang::ZH);
    save_atomic(&old, &root.join("alignments/uprising.en-zh.toml"), Some(&l), Some(&r)).unwrap();
    // Only in ./alignments (an earlier version's save): found there.
    let (_, origin) = lib.alignment("uprising", Lang::EN, Lang::ZH).unwrap().unwrap();
    assert_eq!(origin, diglot::works::Origin::File(root.join("alignments/uprising.en-zh.toml")));
    // In the data directory too: that one wins, and is the one listed.
    old.groups[0].status = Status::Verified;
    save_atomic(&old, &data.join("uprising.en-zh.toml"), Some(&l), Some(&r)).unwrap();
    let (found, origin) = lib.alignment("uprising", Lang::EN, Lang::ZH).unwrap().unwrap();
    assert_eq!(origin, diglot::works::Origin::File(data.join("uprising.en-zh.toml")));
    assert_eq!(found, old);
    let listed: Vec<_> =
        lib.stored_alignments().into_iter().filter(|s| s.name == "uprising.en-zh.toml").collect();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].origin, diglot::works::Origin::File(data.join("uprising.en-zh.toml")));
}
