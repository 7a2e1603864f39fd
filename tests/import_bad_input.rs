//! Bad input to `diglot paragraphs`, through the built binary: a one-line error naming the
//! file and a non-zero exit, or a documented graceful result. Never a panic, never a hang.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

/// A scratch directory of this test's own, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("diglot-bad-input-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `diglot paragraphs` with a generous deadline: a hang fails the test instead of
/// stalling the suite (this guards against hangs; it is no speed measurement).
fn paragraphs(args: &[&str], file: &Path) -> Output {
    let mut cmd = common::command();
    cmd.arg("paragraphs").args(args).arg(file);
    common::run_bounded(&mut cmd, Duration::from_secs(120), None)
}

/// The output of a failed run: exit code not zero, no panic, one line naming the file.
fn one_line_error(out: &Output, file: &Path) -> String {
    assert!(!out.status.success(), "expected failure, got success");
    assert!(out.status.code().is_some_and(|c| c != 101), "a panic exits with 101: {out:?}");
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    assert!(err.contains(&file.display().to_string()), "names the file: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn missing_file() {
    let s = Scratch::new("missing");
    let f = s.0.join("nope.txt");
    let err = one_line_error(&paragraphs(&[], &f), &f);
    assert!(err.contains("no such file"), "{err}");
}

#[test]
fn directory() {
    let s = Scratch::new("dir");
    let err = one_line_error(&paragraphs(&[], &s.0), &s.0);
    assert!(err.contains("is a directory"), "{err}");
}

#[test]
fn invalid_utf8_names_line_and_byte() {
    let s = Scratch::new("utf8");
    let f = s.file("latin1.txt", b"first line\ncaf\xe9 au lait\n");
    // Without --encoding, this is detected as windows-1252 and read.
    let err = one_line_error(&paragraphs(&["--encoding", "utf-8"], &f), &f);
    assert!(err.contains("not valid UTF-8 at line 2, byte 14"), "{err}");
    let out = paragraphs(&[], &f);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("café au lait"));
}

#[test]
fn empty_and_blank_files() {
    let s = Scratch::new("empty");
    for (name, bytes) in [("empty.txt", &b""[..]), ("blank.txt", &b"\n  \n\t\n"[..])] {
        let f = s.file(name, bytes);
        let err = one_line_error(&paragraphs(&[], &f), &f);
        assert!(err.contains("empty"), "{err}");
    }
}

#[test]
fn binary_junk() {
    let s = Scratch::new("binary");
    let junk: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let f = s.file("junk.bin", &junk);
    let err = one_line_error(&paragraphs(&[], &f), &f);
    assert!(err.contains("binary") || err.contains("UTF-8"), "{err}");
    let f = s.file("nul.txt", b"text\0more");
    let err = one_line_error(&paragraphs(&[], &f), &f);
    assert!(err.contains("binary"), "{err}");
}

#[test]
fn ten_megabyte_single_line_is_one_paragraph() {
    let s = Scratch::new("long");
    let line = "Lorem ipsum dolor sit amet, ".repeat(10 * 1024 * 1024 / 28);
    let f = s.file("long.txt", line.as_bytes());
    let out = paragraphs(&["--format", "jsonl"], &f);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["lines"], serde_json::json!([1, 1]));
    assert_eq!(v["text"].as_str().map(str::len), Some(line.trim_end().len()));
    let cjk = "哈萨克斯坦".repeat(10 * 1024 * 1024 / 15);
    let f = s.file("long-zh.txt", cjk.as_bytes());
    let out = paragraphs(&["--format", "jsonl"], &f);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"lang\": \"zh\""));
}

#[test]
fn bom_and_crlf_simply_work() {
    let s = Scratch::new("bom");
    let f = s.file(
        "bom-crlf.txt",
        "\u{feff}Ein Titel\r\n\r\nDer erste Absatz steht hier und ist lang genug, um als Absatz zu gelten.\r\n\r\nDer zweite Absatz.\r\n"
            .as_bytes(),
    );
    let out = paragraphs(&["--format", "jsonl"], &f);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["text"], "Ein Titel");
    assert_eq!(rows[0]["kind"], "heading");
    assert_eq!(rows[2]["lines"], serde_json::json!([5, 5]));
    assert!(!stdout.contains('\r') && !stdout.contains('\u{feff}'));
}

#[test]
fn jsonl_has_the_documented_shape() {
    let s = Scratch::new("jsonl");
    let f = s.file("zh.txt", "第一段。\n\n第二段，“引号”和\\反斜杠。\n".as_bytes());
    let out = paragraphs(&["--format", "jsonl"], &f);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first = stdout.lines().next().unwrap();
    assert_eq!(first, r#"{"index": 0, "text": "第一段。", "lang": "zh", "kind": "body", "lines": [1, 1]}"#);
    let second: serde_json::Value = serde_json::from_str(stdout.lines().nth(1).unwrap()).unwrap();
    assert_eq!(second["text"], "第二段，“引号”和\\反斜杠。");
}

#[test]
fn a_language_the_file_lacks_and_a_bad_format() {
    let s = Scratch::new("lang");
    let f =
        s.file("en.txt", b"An English paragraph, long enough to tell its language with some confidence.\n");
    let err = one_line_error(&paragraphs(&["--lang", "ko"], &f), &f);
    assert!(err.contains("'ko'") && err.contains("(it has: en)"), "{err}");
    let out = paragraphs(&["--format", "xml"], &f);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("'xml'"));
    let out = paragraphs(&["--lang", "english"], &f);
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}
