//! One test per reported bug, named for it, each with a line on what broke (ripgrep style).
//! Each failed before its fix. Bad input must end in one clear line, never a hang.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Read;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::scratch;
use diglot::import::{ImportOptions, import_file};

/// Runs the built binary in `dir` (with `DIGLOT_HOME` set: see [`common::command`]) with a
/// deadline, so a hang fails the test; `max_memory` caps its address space (see
/// [`common::run_bounded`]).
fn run(dir: &Path, args: &[&str], max_memory: Option<u64>) -> Output {
    common::run_bounded(common::command().args(args).current_dir(dir), Duration::from_secs(60), max_memory)
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

/// A failed run's stderr: a non-zero exit that is no panic, and one line containing `needle`.
fn one_line_error(out: &Output, needle: &str) -> String {
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success(), "expected a failure: {err}");
    assert!(out.status.code().is_some_and(|c| c != 101), "no panic or abort: {out:?}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    assert!(err.contains(needle), "expected {needle:?} in {err:?}");
    err
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const EN_FILE: &str = "en.txt";
const ZH_FILE: &str = "zh.txt";

fn texts(dir: &Path) -> (PathBuf, PathBuf) {
    let (en, zh) = common::write_texts(dir);
    assert!(en.ends_with(EN_FILE) && zh.ends_with(ZH_FILE));
    (en, zh)
}

// ---------------------------------------------------------------------------------------------
// 1. FIFOs and devices

/// `diglot paragraphs FIFO` blocked forever on the open, with no message.
#[test]
fn paragraphs_on_a_fifo_does_not_block() {
    let dir = scratch("reg-fifo");
    let fifo = dir.join("pipe.txt");
    mkfifo(&fifo);
    let out = run(&dir, &["paragraphs", s(&fifo)], None);
    let err = one_line_error(&out, "is a FIFO");
    assert!(err.contains("pipe.txt"), "{err}");
}

/// `/dev/zero` was read until memory ran out (its size reads as 0, so the size check passed).
#[test]
fn paragraphs_on_a_device_is_refused() {
    let dir = scratch("reg-dev");
    for dev in ["/dev/zero", "/dev/urandom"] {
        let out = run(&dir, &["paragraphs", dev], Some(1 << 30));
        let err = one_line_error(&out, "is a character device");
        assert!(err.contains(dev), "{err}");
    }
}

/// `--glossary` and `--keep-verified` went through the same unchecked read.
#[test]
fn align_side_files_that_are_fifos_or_devices_are_refused() {
    let dir = scratch("reg-side-fifo");
    let (en, zh) = texts(&dir);
    let fifo = dir.join("g.toml");
    mkfifo(&fifo);
    let out = run(&dir, &["align", s(&en), s(&zh), "--glossary", s(&fifo)], None);
    one_line_error(&out, "is a FIFO");
    let out = run(&dir, &["align", s(&en), s(&zh), "--keep-verified", s(&fifo)], None);
    one_line_error(&out, "is a FIFO");
    let out = run(&dir, &["align", s(&en), s(&zh), "--keep-verified", "/dev/zero"], Some(1 << 30));
    one_line_error(&out, "is a character device");
}

/// A file that grows while it is read (a log) was read past the size limit: the limit is
/// now enforced on the bytes read, not on the size the file had when it was opened.
#[test]
fn the_size_limit_holds_while_reading() {
    let dir = scratch("reg-limit");
    let f = dir.join("big.toml");
    std::fs::write(&f, "x = 1\n".repeat(2000)).unwrap();
    let err = diglot::source::read_bytes(&f, 100).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("too large") && err.contains("big.toml"), "{err}");
}

/// A positions file that was a FIFO hung the reader before its first frame; one that was a
/// symlink was followed, to /dev/zero (memory ran out) or to any file (overwritten on save).
#[test]
fn a_positions_file_that_is_a_fifo_or_symlink_is_not_followed() {
    use diglot::tui::memory::Memory;
    let dir = scratch("reg-positions");
    let state = dir.join("state");
    std::fs::create_dir_all(&state).unwrap();
    let positions = state.join("positions.json");
    mkfifo(&positions);
    let loaded = {
        let state = state.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(Memory::load_from(Some(state)).get("x"));
        });
        rx.recv_timeout(Duration::from_secs(20))
    };
    assert_eq!(loaded, Ok(None), "loading a FIFO of positions must not block");

    std::fs::remove_file(&positions).unwrap();
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "precious\n").unwrap();
    std::os::unix::fs::symlink(&victim, &positions).unwrap();
    let mut m = Memory::load_from(Some(state.clone()));
    assert!(m.set("uprising en-zh", 3).is_err(), "saving through a symlink must be refused");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    assert!(std::fs::symlink_metadata(&positions).unwrap().file_type().is_symlink());
}

// ---------------------------------------------------------------------------------------------
// 2. Writing onto something that is no regular file

/// `-o FIFO` renamed a regular file over the FIFO (and as root, `-o /dev/null` would have
/// replaced /dev/null): anything but a regular file is now written in place.
#[test]
fn output_onto_a_fifo_writes_into_it() {
    let dir = scratch("reg-out-fifo");
    let (en, zh) = texts(&dir);
    let fifo = dir.join("out.jsonl");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap_or_default())
    };
    let out = run(&dir, &["align", s(&en), s(&zh), "-o", s(&fifo)], None);
    let ty = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(ty.is_fifo(), "the FIFO was replaced: {ty:?}");
    // Unblock the reader if the run never opened the FIFO.
    if !out.status.success() {
        let _ = std::fs::write(&fifo, "");
    }
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = reader.join().unwrap();
    assert_eq!(got.lines().count(), 4, "{got}");
}

/// The same for a character device: `-o /dev/null` leaves /dev/null a device.
#[test]
fn output_onto_dev_null_keeps_it_a_device() {
    let dir = scratch("reg-out-null");
    let (en, zh) = texts(&dir);
    if !std::fs::symlink_metadata("/dev/null").is_ok_and(|m| m.file_type().is_char_device()) {
        // Something else on this machine replaced it already: nothing to learn here.
        eprintln!("note: /dev/null is not a character device before the test; skipped");
        return;
    }
    let out = run(&dir, &["align", s(&en), s(&zh), "-o", "/dev/null"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ty = std::fs::symlink_metadata("/dev/null").unwrap().file_type();
    assert!(ty.is_char_device(), "/dev/null is no longer a device: {ty:?}");
}

// ---------------------------------------------------------------------------------------------
// 3. Memory on large inputs

/// `diglot check big.txt` parsed a 200 MB text as TOML, at 18× its size, only to call it
/// broken: a file that is no TOML is now refused from its first lines.
#[test]
fn check_refuses_a_big_text_cheaply() {
    let dir = scratch("reg-check-big");
    let f = dir.join("big.txt");
    let line = "The workers gathered in the square and demanded that the prices come down.\n\n";
    std::fs::write(&f, line.repeat(32 * 1024 * 1024 / line.len())).unwrap();
    let out = run(&dir, &["check", s(&f)], Some(320 << 20));
    let got = String::from_utf8_lossy(&out.stdout);
    assert!(got.starts_with("BROKEN") && got.contains("not TOML"), "{got} {out:?}");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}

/// Runs the binary to its end and returns whether it succeeded, its stdout's line count and
/// its peak resident memory in bytes (from `wait4`, for this child alone).
// The child is reaped by `wait4`, which clippy does not see.
#[allow(clippy::zombie_processes)]
fn peak_memory(dir: &Path, args: &[&str]) -> (bool, usize, u64) {
    let mut child = common::command()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let lines = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf.iter().filter(|&&b| b == b'\n').count()
    });
    let pid = child.id() as libc::pid_t;
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let mut status = 0;
        // SAFETY: plain out-parameters; the child is ours and not waited for elsewhere.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let got = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if got == pid {
            let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
            return (ok, lines.join().unwrap(), usage.ru_maxrss as u64 * 1024);
        }
        assert!(got == 0, "wait4 failed");
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("diglot {args:?} did not finish");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Importing took 18–23 times a file's size in memory: 1M short paragraphs, 18 MB, peaked at
/// 355 MB; 250,000 of them, 4.2 MB, at 92 MB over what the binary takes on a tiny file. They
/// now take about 8 times their size (a paragraph's own record is a good part of that).
#[test]
fn import_memory_is_a_small_multiple_of_the_file() {
    let dir = scratch("reg-import-mem");
    let tiny = dir.join("tiny.txt");
    std::fs::write(&tiny, "A short text.\n").unwrap();
    let (ok, _, base) = peak_memory(&dir, &["paragraphs", s(&tiny)]);
    assert!(ok);
    let f = dir.join("short.txt");
    let words = ["the workers", "gathered in", "the square", "before the", "town hall and"];
    let n = 250_000;
    let text: String = (0..n).map(|i| format!("{} now\n\n", words[i % words.len()])).collect();
    std::fs::write(&f, &text).unwrap();
    let (ok, lines, peak) = peak_memory(&dir, &["paragraphs", s(&f), "--format", "jsonl"]);
    assert!(ok && lines == n, "{ok} {lines}");
    let times = peak.saturating_sub(base) as f64 / text.len() as f64;
    assert!(times < 12.0, "{times:.1} times the file's size");
}

// ---------------------------------------------------------------------------------------------
// 4. Encodings

/// The seeds' texts, as the UTF-8 import reads them.
fn utf8_paragraphs(path: &Path) -> Vec<Vec<String>> {
    let docs = import_file(path, &ImportOptions::default()).unwrap();
    docs.iter().map(|d| d.texts().iter().map(|t| t.to_string()).collect()).collect()
}

/// Writes `text` encoded as `enc` (with a BOM for UTF-16) and imports it with detection.
fn round_trip(dir: &Path, name: &str, text: &str, enc: &'static encoding_rs::Encoding) -> Vec<Vec<String>> {
    round_trip_as(dir, name, text, enc, enc)
}

/// [`round_trip`] where detection names another encoding that reads the same bytes.
fn round_trip_as(
    dir: &Path,
    name: &str,
    text: &str,
    enc: &'static encoding_rs::Encoding,
    detected: &'static encoding_rs::Encoding,
) -> Vec<Vec<String>> {
    let bytes: Vec<u8> = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        let units = text.encode_utf16();
        let mut b: Vec<u8> = Vec::new();
        let le = enc == encoding_rs::UTF_16LE;
        for u in std::iter::once(0xFEFF).chain(units) {
            b.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        b
    } else {
        let (b, _, unmappable) = enc.encode(text);
        assert!(!unmappable, "{name}: the text has characters {} lacks", enc.name());
        b.into_owned()
    };
    let path = dir.join(name);
    std::fs::write(&path, &bytes).unwrap();
    let imported = diglot::import::import_file_decoded(&path, &ImportOptions::default()).unwrap();
    assert_eq!(imported.encoding, detected, "{name}: detected {}", imported.encoding.name());
    imported.documents.iter().map(|d| d.texts().iter().map(|t| t.to_string()).collect()).collect()
}

fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").join(name)
}

/// UTF-16 with a BOM was rejected as binary (its NUL bytes), every legacy encoding as
/// "not valid UTF-8": they are now decoded, found by BOM or detected.
#[test]
fn legacy_encodings_read_as_the_utf8_text_does() {
    use encoding_rs::*;
    let dir = scratch("reg-enc");
    let zh_path = seed("uprising-in-kazakhstan.zh.txt");
    let zh = std::fs::read_to_string(&zh_path).unwrap();
    let want = utf8_paragraphs(&zh_path);
    for enc in [UTF_16LE, UTF_16BE] {
        assert_eq!(round_trip(&dir, &format!("zh.{}.txt", enc.name()), &zh, enc), want, "{}", enc.name());
    }
    // The seed has characters beyond GBK; GB18030 holds them all, and the GBK decoder (the
    // WHATWG one) reads GB18030.
    assert_eq!(round_trip_as(&dir, "zh.gb18030.txt", &zh, GB18030, GBK), want);
    let gbk_part: String = zh.split('\n').take(12).collect::<Vec<_>>().join("\n");
    let gbk_utf8 = dir.join("zh-part.utf8.txt");
    std::fs::write(&gbk_utf8, &gbk_part).unwrap();
    assert_eq!(round_trip(&dir, "zh.gbk.txt", &gbk_part, GBK), utf8_paragraphs(&gbk_utf8));
    let bundle = std::fs::read_to_string(seed("rcit-kazakhstan-statement.en-es-ru-pt-ko.txt")).unwrap();
    // One language of the bundle at a time: no legacy encoding holds Korean and Russian.
    let section = |lang: &str| -> String {
        let docs = diglot::import::import_str("b", &bundle, &ImportOptions::default()).unwrap();
        let d = docs.iter().find(|d| d.lang.as_str() == lang).unwrap();
        let (a, b) = (d.paragraphs[0].lines.0, d.paragraphs.last().unwrap().lines.1);
        bundle.split('\n').skip(a - 1).take(b - a + 1).collect::<Vec<_>>().join("\n") + "\n"
    };
    for (lang, enc) in [("ru", WINDOWS_1251), ("ko", EUC_KR), ("es", WINDOWS_1252)] {
        let text = section(lang);
        let utf8 = dir.join(format!("{lang}.utf8.txt"));
        std::fs::write(&utf8, &text).unwrap();
        let want = utf8_paragraphs(&utf8);
        assert_eq!(round_trip(&dir, &format!("{lang}.{}.txt", enc.name()), &text, enc), want, "{lang}");
    }
    let ja = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。\n\n\
              何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。\n\n\
              吾輩はここで始めて人間というものを見た。しかもあとで聞くとそれは書生という人間中で一番獰悪な種族であったそうだ。\n";
    let ja_utf8 = dir.join("ja.utf8.txt");
    std::fs::write(&ja_utf8, ja).unwrap();
    assert_eq!(round_trip(&dir, "ja.sjis.txt", ja, SHIFT_JIS), utf8_paragraphs(&ja_utf8));
    let tw = "臺灣的工人在廣場上集會，要求政府立即撤銷漲價的決定。\n\n\
              警察在晚上趕到，清場之後，群眾第二天又回來了。他們說，這場運動不會結束。\n\n\
              許多城市的居民也走上街頭，聲援罷工的礦工與石油工人。\n";
    let tw_utf8 = dir.join("tw.utf8.txt");
    std::fs::write(&tw_utf8, tw).unwrap();
    assert_eq!(round_trip(&dir, "tw.big5.txt", tw, BIG5), utf8_paragraphs(&tw_utf8));
}

/// `paragraphs` says which encoding it read, `--encoding` overrides detection, and bytes
/// the chosen encoding cannot decode are one clear error.
#[test]
fn paragraphs_names_the_encoding_and_takes_encoding() {
    let dir = scratch("reg-enc-cli");
    let f = dir.join("zh.gbk.txt");
    let (gbk, _, _) = encoding_rs::GBK.encode(common::ZH);
    std::fs::write(&f, &gbk).unwrap();
    let out = run(&dir, &["paragraphs", s(&f)], None);
    let got = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(got.lines().next().unwrap_or("").contains("GBK"), "{got}");
    assert!(got.contains("一月初，石油小镇的工人们举行了罢工。"), "{got}");
    let out = run(&dir, &["paragraphs", s(&f), "--encoding", "utf-8"], None);
    one_line_error(&out, "not valid UTF-8 at line 1");
    let out = run(&dir, &["paragraphs", s(&f), "--encoding", "no-such"], None);
    assert_eq!(out.status.code(), Some(2), "a bad label is a usage error: {out:?}");
}

/// `read` had no `--encoding`: a pair the detector reads wrongly could not be read at all.
/// Given, it decides how both files are read, and the reader records it for a save.
#[test]
fn read_takes_encoding_for_its_files() {
    use clap::Parser;
    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        read: diglot::commands::read::Args,
    }
    let dir = scratch("reg-read-encoding");
    let (en, zh) = (dir.join("t.en.txt"), dir.join("t.zh.txt"));
    std::fs::write(&en, common::EN).unwrap();
    std::fs::write(&zh, encoding_rs::GBK.encode(common::ZH).0).unwrap();
    let lib = diglot::works::Library::load_from(Some(&dir)).unwrap();
    // Read as windows-1252, the Chinese is mojibake; as GBK, it is the text.
    for (label, readable) in [("windows-1252", false), ("gbk", true)] {
        let cli = Cli::try_parse_from(["read", s(&en), s(&zh), "--encoding", label]).unwrap();
        let Ok(diglot::tui::Start::Reader(r)) = diglot::commands::read::start(&lib, &cli.read) else {
            panic!("{label}: the pair did not open")
        };
        let right = r.right.as_ref().unwrap();
        let text = right.paragraphs.iter().map(|p| p.text.as_str()).collect::<String>();
        assert_eq!(text.contains("石油小镇的工人们"), readable, "{label}: {text}");
        let enc = r.readings.1.and_then(|x| x.encoding).map(|e| e.name());
        assert_eq!(enc, Some(if readable { "GBK" } else { "windows-1252" }), "{label}");
    }
    let out = run(&dir, &["read", "uprising", "--encoding", "gbk"], None);
    one_line_error(&out, "'uprising' is a work: --encoding is for files");
    let out = run(&dir, &["read", s(&en), "--encoding", "no-such"], None);
    assert_eq!(out.status.code(), Some(2), "a bad label is a usage error: {out:?}");
}

// ---------------------------------------------------------------------------------------------
// 5. Terminal injection

const EVIL: &str = "A title\u{1b}]0;pwned\u{7} here\n\n\
                    The workers \u{1b}[2Jwent on strike\u{9b}31m in January.\u{1b}P1$r\u{1b}\\ Done\u{85}.\n";

fn has_controls(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
}

/// A text with `ESC ]0;…BEL` or `ESC [2J` retitled or cleared the terminal through
/// `paragraphs`, and C1 controls (U+009B) went through JSON: paragraph text now has none.
#[test]
fn paragraphs_carry_no_terminal_escapes() {
    let dir = scratch("reg-escapes");
    let f = dir.join("evil.txt");
    std::fs::write(&f, EVIL).unwrap();
    for format in ["text", "jsonl"] {
        let out = run(&dir, &["paragraphs", s(&f), "--format", format], None);
        let got = String::from_utf8(out.stdout).unwrap();
        assert!(!has_controls(&got), "{format}: {got:?}");
        assert!(!got.contains("\\u001b") && !got.contains("\\u009b"), "{format}: {got:?}");
        assert!(!got.contains("pwned") && !got.contains("31m"), "the whole sequence goes: {got:?}");
        assert!(got.contains("The workers went on strike in January. Done."), "{got:?}");
    }
    let docs = import_file(&f, &ImportOptions::default()).unwrap();
    assert!(docs[0].paragraphs.iter().all(|p| !has_controls(&p.text)));
}

/// The same through `align --format tsv/jsonl`.
#[test]
fn align_output_carries_no_terminal_escapes() {
    let dir = scratch("reg-escapes-align");
    let (en, zh) = texts(&dir);
    std::fs::write(&en, format!("{}\n{EVIL}", common::EN)).unwrap();
    for format in ["tsv", "jsonl"] {
        let out = run(&dir, &["align", s(&en), s(&zh), "--format", format], None);
        let got = String::from_utf8(out.stdout).unwrap();
        assert!(out.status.success() && !got.is_empty());
        assert!(!has_controls(&got) && !got.contains("\\u001b") && !got.contains("\\u009b"), "{got:?}");
    }
}

/// A file name holding an escape sequence reached the terminal raw through error messages.
#[test]
fn error_messages_escape_control_characters_in_paths() {
    let dir = scratch("reg-escapes-path");
    let out = run(&dir, &["paragraphs", "x\u{1b}]0;pwned\u{7}.txt"], None);
    let err = one_line_error(&out, "no such file");
    assert!(!has_controls(&err), "{err:?}");
    assert!(err.contains("\\u{1b}]0;pwned\\u{7}.txt"), "{err:?}");
}

// ---------------------------------------------------------------------------------------------
// 6. Usage

/// A bad `--format` exited 1 like a failed run, while every other usage error exits 2.
#[test]
fn a_bad_format_is_a_usage_error() {
    let dir = scratch("reg-format");
    let (en, zh) = texts(&dir);
    for args in [
        vec!["paragraphs", s(&en), "--format", "xml"],
        vec!["align", s(&en), s(&zh), "--format", "xml"],
        vec!["pair", s(&en), s(&zh), "--format", "xml"],
        vec!["export", "uprising", "--format", "xml"],
        vec!["eval", s(&en), s(&zh), "--format", "xml"],
    ] {
        let out = run(&dir, &args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("xml"), "{args:?}");
    }
}

/// A work that does not exist or a language a text does not have exited 1, as a failed run,
/// and `align`'s and `export`'s language flags were parsed after the texts were read: each is
/// the command line's fault, and exits 2 as clap's own errors do.
#[test]
fn unknown_works_and_languages_are_usage_errors() {
    let dir = scratch("reg-usage");
    let (en, zh) = texts(&dir);
    for (args, needle) in [
        (vec!["read", "no-such-work"], "'no-such-work' is not a known work"),
        (vec!["export", "no-such-work", "--left", "en", "--right", "zh"], "not a known work"),
        (vec!["export", "uprising", "--left", "en", "--right", "ko"], "has no text in language 'ko'"),
        (vec!["read", "uprising", "--left", "ko"], "has no text in language 'ko'"),
        (vec!["paragraphs", s(&en), "--lang", "ko"], "has no text in language 'ko'"),
        (vec!["export", "uprising", "--left", "english"], "'english' is not a language code"),
        (
            vec!["align", "missing-a.txt", s(&zh), "--left-lang", "english"],
            "'english' is not a language code",
        ),
    ] {
        let out = run(&dir, &args, None);
        one_line_error(&out, needle);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// 7. Nothing a person wrote is lost

/// Two small texts for the reader in `dir`: `t.en.txt` and `t.zh.txt`, three paragraphs each.
fn reader_texts(dir: &Path) {
    std::fs::write(dir.join("t.en.txt"), "The first paragraph.\n\nThe second paragraph.\n\nThe third one.\n")
        .unwrap();
    std::fs::write(dir.join("t.zh.txt"), "第一段。\n\n第二段。\n\n第三段。\n").unwrap();
}

/// A stored alignment that could not be loaded was dropped unsaid (the reader said only
/// "aligned"), and `r m w` then wrote over the hand-edited file with no backup.
#[test]
fn a_broken_stored_alignment_is_reported_and_kept_before_a_save() {
    use common::tmux::{Tmux, tmux_missing};
    if tmux_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    reader_texts(dir.path());
    let home = tempfile::tempdir().unwrap();
    let alignments = home.path().join("data/alignments");
    let file = alignments.join("t.en-zh.toml");
    std::fs::create_dir_all(&alignments).unwrap();
    let broken = "format = 1\n[left\nlang = \"en\"\n# an hour of hand edits\n";
    std::fs::write(&file, broken).unwrap();
    let t = Tmux::start_script("broken", dir.path(), home.path(), "exec \"$DIGLOT\" read t.en.txt t.zh.txt");
    let s = t.wait_status("line 2: invalid TOML");
    assert!(s.lines().last().unwrap().contains("not used: '"), "{s}");
    assert!(s.lines().last().unwrap().contains("/data/alignments/t.en-zh.toml': line 2"), "{s}");
    t.keys(&["r"]);
    t.wait_status("REVIEW");
    t.keys(&["m"]);
    t.wait_status("[+] unsaved");
    t.keys(&["w"]);
    t.wait_status("the broken one is kept beside it as t.en-zh.toml.broken");
    assert_eq!(std::fs::read_to_string(alignments.join("t.en-zh.toml.broken")).unwrap(), broken);
    assert_eq!(diglot::alignment::Alignment::load(&file).unwrap().groups.len(), 2);
    // A second broken edit and save never overwrites the first backup.
    std::fs::write(&file, "not toml at all\n").unwrap();
    t.keys(&["m"]);
    t.wait_status("[+] unsaved");
    t.keys(&["w"]);
    t.wait_status("kept beside it as t.en-zh.toml.broken.2");
    assert_eq!(std::fs::read_to_string(alignments.join("t.en-zh.toml.broken")).unwrap(), broken);
    t.keys(&["q"]);
    t.wait_exit("q after saving");
}

/// Four short paragraphs a side, `t.en.txt` and `t.zh.txt` in `dir`: four 1-1 groups.
fn four_paragraphs(dir: &Path) {
    let en = "The first paragraph.\n\nThe second paragraph.\n\nThe third one.\n\nThe fourth and last.\n";
    std::fs::write(dir.join("t.en.txt"), en).unwrap();
    std::fs::write(dir.join("t.zh.txt"), "第一段。\n\n第二段。\n\n第三段。\n\n第四段，最后一段。\n").unwrap();
}

/// Two readers on one alignment each merged a group and saved: only the second merge
/// survived, and nothing was said. Edits of the same groups were silently overwritten too.
#[test]
fn two_readers_saving_one_alignment_lose_no_edit() {
    use common::tmux::{Tmux, tmux_missing};
    if tmux_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    four_paragraphs(dir.path());
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("data/alignments/t.en-zh.toml");
    let script = "exec \"$DIGLOT\" read t.en.txt t.zh.txt";
    let a = Tmux::start_script("lost-a", dir.path(), home.path(), script);
    let b = Tmux::start_script("lost-b", dir.path(), home.path(), script);
    for t in [&a, &b] {
        t.wait_for(|s| s.lines().last().is_some_and(|l| l.contains("aligned: ") || l.contains("(cached)")));
        t.keys(&["r"]);
        t.wait_status("REVIEW");
    }
    // A merges groups 1 and 2, B groups 3 and 4; A saves first.
    a.keys(&["m"]);
    a.wait_status("[+] unsaved");
    b.keys(&["j", "j", "m"]);
    b.wait_status("[+] unsaved");
    a.keys(&["w"]);
    a.wait_status("saved ~/data/alignments/t.en-zh.toml");
    b.keys(&["w"]);
    b.wait_status("saved ~/data/alignments/t.en-zh.toml");
    let ids =
        |al: &diglot::alignment::Alignment| al.groups.iter().map(|g| g.left.clone()).collect::<Vec<_>>();
    let saved = diglot::alignment::Alignment::load(&file).unwrap();
    assert_eq!(ids(&saved), vec![vec![0, 1], vec![2, 3]], "both merges are in the file");
    // A now verifies group 2 as it saw it (paragraph 2), which B's merge changed: refused.
    a.keys(&["j", "c"]);
    a.wait_status("[+] unsaved");
    a.keys(&["w"]);
    a.wait_status("changed on disk");
    assert_eq!(ids(&diglot::alignment::Alignment::load(&file).unwrap()), vec![vec![0, 1], vec![2, 3]]);
    // A second w writes A's edits beside the file, never over B's work.
    a.keys(&["w"]);
    a.wait_status("saved your edits beside");
    let beside = diglot::alignment::Alignment::load(&file.with_file_name("t.en-zh.toml.changed")).unwrap();
    assert_eq!(ids(&beside), vec![vec![0, 1], vec![2], vec![3]]);
    assert_eq!(diglot::alignment::Alignment::load(&file).unwrap(), saved);
    for t in [&a, &b] {
        t.keys(&["q"]);
        t.wait_exit("q after saving");
    }
}

/// positions.json kept only the last reader's positions: each wrote its whole map.
#[test]
fn two_readers_keep_each_others_positions() {
    use diglot::tui::memory::Memory;
    let dir = tempfile::tempdir().unwrap();
    let mut a = Memory::load_from(Some(dir.path().to_path_buf()));
    let mut b = Memory::load_from(Some(dir.path().to_path_buf()));
    a.set("uprising en-zh", 12).unwrap();
    b.set("rcit en-ko", 7).unwrap();
    a.set("uprising en-zh", 13).unwrap();
    let now = Memory::load_from(Some(dir.path().to_path_buf()));
    assert_eq!((now.get("uprising en-zh"), now.get("rcit en-ko")), (Some(13), Some(7)));
}

/// The pid of the one child of process `parent`, once it has one.
fn child_of(parent: &str) -> String {
    let start = Instant::now();
    loop {
        let out = Command::new("ps").args(["-o", "pid=", "--ppid", parent]).output().unwrap();
        let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if !pid.is_empty() {
            return pid;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "no child of {parent}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT killed the reader at once: the terminal stayed raw, on
/// the alternate screen, with mouse reporting on, and unsaved review edits were lost.
#[test]
fn signals_give_the_terminal_back_and_keep_unsaved_edits() {
    use common::tmux::{Tmux, tmux_missing};
    if tmux_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    four_paragraphs(dir.path());
    let home = tempfile::tempdir().unwrap();
    // The shell stays to say how the reader ended and in which state it left the terminal.
    let script = "\"$DIGLOT\" read t.en.txt t.zh.txt; echo \"exit=$?\"; \
                  stty -a | tr ' ;' '\\n\\n' | grep -x -e -icanon -e icanon -e -echo -e echo | tr '\\n' ' '; \
                  echo; sleep 60";
    for (name, signo) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let t = Tmux::start_script(&format!("sig-{name}"), dir.path(), home.path(), script);
        // Aligned now the first time; from the cache after, with the edits of the first offered.
        t.wait_for(|s| {
            s.lines()
                .last()
                .is_some_and(|l| ["aligned: ", "(cached)", "R restore"].iter().any(|m| l.contains(m)))
        });
        if name == "TERM" {
            t.keys(&["r"]);
            t.wait_status("REVIEW");
            t.keys(&["m"]);
            t.wait_status("[+] unsaved");
        }
        let pid = child_of(&t.format("#{pane_pid}"));
        assert!(Command::new("kill").args([&format!("-{name}"), &pid]).status().unwrap().success());
        let s = t.wait_for(|s| s.contains("exit="));
        assert!(s.contains(&format!("exit={}", 128 + signo)), "SIG{name}: {s}");
        let modes = t.wait_for(|s| s.contains("icanon"));
        assert!(
            !modes.contains("-icanon") && !modes.contains("-echo"),
            "SIG{name} left raw mode on: {modes}"
        );
        assert_eq!(t.format("#{alternate_on}"), "0", "SIG{name} left the alternate screen on");
        assert_eq!(t.format("#{mouse_any_flag}"), "0", "SIG{name} left mouse reporting on");
        if name == "TERM" {
            assert!(s.contains("the unsaved edits are kept in"), "{s}");
        }
    }
    // The next open of the pair offers the edits back; R restores them, unsaved, and w saves.
    let t =
        Tmux::start_script("sig-reopen", dir.path(), home.path(), "exec \"$DIGLOT\" read t.en.txt t.zh.txt");
    t.wait_status("R restore the unsaved edits from");
    t.keys(&["R"]);
    t.wait_status("restored the unsaved edits");
    // They are unsaved: q asks; w saves them and quits.
    t.keys(&["q"]);
    t.wait_status("unsaved edits: w save and quit");
    t.keys(&["w"]);
    t.wait_exit("w and quit");
    let saved =
        diglot::alignment::Alignment::load(&home.path().join("data/alignments/t.en-zh.toml")).unwrap();
    assert_eq!(saved.groups[0].left, vec![0, 1]);
    assert_eq!(std::fs::read_dir(home.path().join("state/recovery")).unwrap().count(), 0, "restored: gone");
}

/// A review was saved to `./alignments` under whatever directory the reader ran in: read
/// from another directory, the work showed the built-in alignment, and the review seemed lost.
#[test]
fn a_saved_review_is_found_from_any_directory() {
    use common::tmux::{Tmux, tmux_missing};
    if tmux_missing() {
        return;
    }
    let (one, other) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let home = tempfile::tempdir().unwrap();
    let script = "exec \"$DIGLOT\" read uprising";
    let t = Tmux::start_script("where-1", one.path(), home.path(), script);
    t.wait_status("alignment: stored: built-in");
    t.keys(&["r"]);
    t.wait_status("w saves to ~/data/alignments/uprising.en-zh.toml");
    t.keys(&["m"]);
    t.wait_status("[+] unsaved");
    t.keys(&["w"]);
    t.wait_status("saved ~/data/alignments/uprising.en-zh.toml");
    t.keys(&["q"]);
    t.wait_exit("q after saving");
    assert!(!one.path().join("alignments").exists(), "nothing is written where the reader ran");
    let t = Tmux::start_script("where-2", other.path(), home.path(), script);
    t.wait_status("alignment: stored: ~/data/alignments/uprising.en-zh.toml");
    t.keys(&["q"]);
    t.wait_exit("q");
}

/// A terminal closed under the reader (here with the hangup ignored, as under `nohup`, so no
/// SIGHUP arrives) left it spinning on the dead terminal for ever, its edits unsaved.
#[test]
fn a_closed_terminal_ends_the_reader_and_keeps_unsaved_edits() {
    use common::tmux::{Tmux, tmux_missing};
    if tmux_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    four_paragraphs(dir.path());
    let home = tempfile::tempdir().unwrap();
    let status = dir.path().join("status");
    let script = format!(
        "trap '' HUP; \"$DIGLOT\" read t.en.txt t.zh.txt; echo $? > {}",
        status.display().to_string().replace(' ', "\\ ")
    );
    let t = Tmux::start_script("closed", dir.path(), home.path(), &script);
    t.wait_status("aligned: ");
    t.keys(&["r"]);
    t.wait_status("REVIEW");
    t.keys(&["m"]);
    t.wait_status("[+] unsaved");
    // The terminal goes away.
    assert!(t.tmux(&["kill-server"]));
    let start = Instant::now();
    while std::fs::read_to_string(&status).map_or(true, |s| s.trim().is_empty()) {
        assert!(start.elapsed() < Duration::from_secs(10), "the reader did not end");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(std::fs::read_to_string(&status).unwrap().trim(), "129", "ended as by SIGHUP");
    let kept = std::fs::read_dir(home.path().join("state/recovery")).unwrap().count();
    assert_eq!(kept, 1, "the unsaved edits are kept");
}

// ---------------------------------------------------------------------------------------------
// 10. `read` and `check` disagree on sentence-a-line files

/// Six sentences a line in each language, hard-wrapped enough that read the default way the
/// English is one paragraph and the Chinese three.
const SENTENCES_EN: &str = "The strike began in the oil town of Zhanaozen in\n\
the first days of January, when the price of\n\
liquefied gas doubled overnight and the workers\n\
walked out of the fields and into the squares of\n\
every city in the country, where they stayed for\n\
days and nights until the government resigned.\n";
const SENTENCES_ZH: &str = "罢工始于一月初的石油小镇扎纳奥津，\n当时液化气的价格一夜之间翻了一番，\n\
工人们走出油田，\n走进了全国每一座城市的广场，\n他们在那里待了好几天，\n直到政府辞职。\n";

/// `a.zh.txt`, `a.en.txt` and `align --one-per-line` of them where the reader looks for the
/// pair's alignment (`alignments/a.zh-en.toml`); the file checks ok.
fn aligned_a_sentence_a_line(dir: &Path) -> PathBuf {
    std::fs::write(dir.join("a.zh.txt"), SENTENCES_ZH).unwrap();
    std::fs::write(dir.join("a.en.txt"), SENTENCES_EN).unwrap();
    std::fs::create_dir_all(dir.join("alignments")).unwrap();
    let file = dir.join("alignments/a.zh-en.toml");
    let out = run(dir, &["align", "--one-per-line", "a.zh.txt", "a.en.txt", "-o", s(&file)], None);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let check = run(dir, &["check", s(&file)], None);
    assert!(check.status.success(), "{}", common::stdout(&check));
    assert!(common::stdout(&check).starts_with("ok "), "{}", common::stdout(&check));
    file
}

/// `align --one-per-line a.zh b.en -o x.toml` wrote a file `check` called ok, while `read a.zh
/// b.en` called it stale, re-aligned, and showed the English as one joined block: the file
/// did not say how its texts were read.
#[test]
fn read_uses_an_alignment_made_a_sentence_a_line_as_check_does() {
    let dir = scratch("reg-one-per-line");
    let file = aligned_a_sentence_a_line(&dir);
    let lib = diglot::works::Library::load_from(Some(&dir)).unwrap();
    // Named through a detour, as a relative path would be: what a save records is resolved.
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let (zh, en) = (dir.join("sub/../a.zh.txt"), dir.join("sub/../a.en.txt"));
    for one_per_line in [false, true] {
        let args = diglot::commands::read::Args {
            targets: vec![s(&zh).into(), s(&en).into()],
            one_per_line,
            ..Default::default()
        };
        let Ok(diglot::tui::Start::Reader(r)) = diglot::commands::read::start(&lib, &args) else {
            panic!("the pair did not open")
        };
        assert_eq!(r.stale, None, "--one-per-line {one_per_line}: called stale");
        assert!(r.alignment_origin.starts_with("stored: "), "{}", r.alignment_origin);
        assert_eq!((r.left.len(), r.right.as_ref().map(|d| d.len())), (6, Some(6)), "a sentence a line");
        assert_eq!(r.groups().len(), 6);
        // Read again as the file records, the texts are still named by where they are
        // (absolute, resolved: a save records them so).
        let al = r.alignment().unwrap();
        let canonical = |p: &Path| std::fs::canonicalize(p).unwrap().display().to_string();
        assert_eq!(
            (al.left.source.as_str(), al.right.source.as_str()),
            (canonical(&zh).as_str(), canonical(&en).as_str())
        );
    }
    assert!(std::fs::read_to_string(&file).unwrap().contains("\none_per_line = true\n"));
}

/// The same through the terminal: the status line says the stored file is used, and the
/// first group is one sentence, not the joined text.
#[test]
fn read_shows_sentence_groups_of_an_alignment_made_a_sentence_a_line() {
    use common::tmux::{Tmux, tmux_missing};
    if tmux_missing() {
        return;
    }
    let dir = scratch("reg-one-per-line-tmux");
    aligned_a_sentence_a_line(&dir);
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::start_in_home("opl", &dir, home.path(), &["read", "a.zh.txt", "a.en.txt"]);
    let screen = t.wait_status("stored: ");
    assert!(!screen.contains("stale"), "{screen}");
    assert!(screen.contains("1/6"), "six groups: {screen}");
    // One line a group: the second starts with the second line of each text.
    t.keys(&["j"]);
    let screen = t.wait_status("2/6");
    let top = screen.lines().nth(1).unwrap_or_default();
    assert!(top.contains("当时液化气") && top.contains("the first days of January"), "{screen}");
    t.keys(&["q"]);
    t.wait_exit("q");
}

/// An alignment file written before the readings were recorded (no `one_per_line` key) still
/// loads, and `check` still finds how its texts were read.
#[test]
fn an_alignment_file_without_reading_keys_still_loads() {
    let dir = scratch("reg-old-file");
    let file = aligned_a_sentence_a_line(&dir);
    let text = std::fs::read_to_string(&file).unwrap();
    let old = text.replace("one_per_line = true\n", "");
    assert_ne!(old, text);
    std::fs::write(&file, &old).unwrap();
    let loaded = diglot::alignment::AlignmentFile::load(&file).unwrap();
    assert_eq!((loaded.alignment.left.reading, loaded.alignment.right.reading), (None, None));
    let check = run(&dir, &["check", s(&file)], None);
    assert!(common::stdout(&check).starts_with("ok "), "{}", common::stdout(&check));
    // The reader finds the texts the same way, and a save would record how.
    let lib = diglot::works::Library::load_from(Some(&dir)).unwrap();
    let targets = vec![s(&dir.join("a.zh.txt")).into(), s(&dir.join("a.en.txt")).into()];
    let args = diglot::commands::read::Args { targets, ..Default::default() };
    let Ok(diglot::tui::Start::Reader(r)) = diglot::commands::read::start(&lib, &args) else {
        panic!("the pair did not open")
    };
    assert_eq!((r.stale.as_deref(), r.groups().len()), (None, 6), "{}", r.alignment_origin);
    assert!(r.alignment().unwrap().to_toml_string(None, None).contains("\none_per_line = true\n"));
    // The built-in alignments, with or without the keys, load and check ok.
    let all = run(&dir, &["check"], None);
    assert!(all.status.success(), "{}", common::stdout(&all));
}

/// `read BUNDLE OTHER --left L` ignored `--left` for two files, and a multi-language file
/// could not be read beside another: "pick one with --lang", which `read` did not have.
#[test]
fn read_picks_a_language_of_a_bundle_beside_another_file() {
    let dir = scratch("reg-read-bundle");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let bundle = seeds.join("rcit-kazakhstan-statement.en-es-ru-pt-ko.txt");
    let ko = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/rcit.ko.txt");
    let lib = diglot::works::Library::load_from(Some(&dir)).unwrap();
    for flag in ["--left", "--left-lang"] {
        use clap::Parser;
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            read: diglot::commands::read::Args,
        }
        let cli = Cli::try_parse_from(["read", s(&bundle), s(&ko), flag, "es"]).unwrap();
        let Ok(diglot::tui::Start::Reader(r)) = diglot::commands::read::start(&lib, &cli.read) else {
            panic!("{flag}: the pair did not open")
        };
        assert_eq!(r.langs(), (diglot::Lang::ES, Some(diglot::Lang::KO)));
        assert_eq!(r.left.len(), 12, "the Spanish part only");
    }
    let out = run(&dir, &["read", s(&bundle), s(&ko)], None);
    one_line_error(&out, "pick one with --left");
}

/// `read x.toml` showed the alignment file as prose, rather than the two texts it aligns.
#[test]
fn read_opens_an_alignment_file_as_the_pair_it_aligns() {
    let dir = scratch("reg-read-toml");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for (from, to) in [("rcit.en.txt", "statement.en.txt"), ("rcit.ko.txt", "statement.ko.txt")] {
        std::fs::copy(data.join(from), dir.join(to)).unwrap();
    }
    let out = run(&dir, &["align", "statement.en.txt", "statement.ko.txt", "-o", "x.toml"], None);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let toml = dir.join("x.toml");
    let file = diglot::alignment::Alignment::load(&toml).unwrap();
    let lib = diglot::works::Library::load_from(Some(&dir)).unwrap();
    let open = |path: &Path| {
        let args = diglot::commands::read::Args { targets: vec![s(path).into()], ..Default::default() };
        diglot::commands::read::start(&lib, &args)
    };
    let Ok(diglot::tui::Start::Reader(r)) = open(&toml) else { panic!("the alignment file did not open") };
    assert_eq!(r.langs(), (diglot::Lang::EN, Some(diglot::Lang::KO)));
    assert_eq!(r.groups(), file.groups.as_slice());
    assert!(r.alignment_origin.starts_with("stored: "), "{}", r.alignment_origin);
    assert_eq!((r.save_target.path.as_path(), r.stale.as_deref()), (toml.as_path(), None));
    assert!(r.save_target.seen.is_some(), "a save notices another's save meanwhile");
    // Review mode saves back to it, naming the texts as it did (opened here from elsewhere).
    let mut r = *r;
    r.toggle_review();
    diglot::tui::app::save_review(&mut r).unwrap();
    let saved = diglot::alignment::Alignment::load(&toml).unwrap();
    assert_eq!((saved.left.source.as_str(), saved.groups), ("statement.en.txt", file.groups.clone()));

    // Stale: re-aligned keeping the verified groups, and said so.
    let en = std::fs::read_to_string(dir.join("statement.en.txt")).unwrap();
    std::fs::write(dir.join("statement.en.txt"), en.replacen("Kazakhstan", "Qazaqstan", 1)).unwrap();
    let Ok(diglot::tui::Start::Reader(r)) = open(&toml) else { panic!("the stale file did not open") };
    let stale = r.stale.as_deref().unwrap_or_default();
    assert!(stale.contains("is stale") && stale.contains("x.toml.stale when it saves"), "{stale}");

    // A built-in one opens its work, saving back to it.
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("alignments/rcit.en-ko.toml");
    let Ok(diglot::tui::Start::Reader(r)) = open(&builtin) else { panic!("the built-in file did not open") };
    assert_eq!(
        (r.langs(), r.save_target.path.as_path()),
        ((diglot::Lang::EN, Some(diglot::Lang::KO)), builtin.as_path())
    );
    assert!(matches!(&r.source, diglot::tui::app::Source::Work { id, .. } if id == "rcit"));
    assert_eq!(r.stale, None, "{}", r.alignment_origin);

    // Not an alignment: one line naming the file.
    std::fs::write(dir.join("bad.toml"), "title = \"notes\"\n").unwrap();
    assert!(open(&dir.join("bad.toml")).is_err());
    one_line_error(&run(&dir, &["read", "bad.toml"], None), "bad.toml");
    // The file records its languages and readings: the flags that pick them are refused.
    one_line_error(&run(&dir, &["read", "x.toml", "--left", "ko"], None), "'x.toml' is an alignment file");
    // A text that is gone is named.
    std::fs::remove_file(dir.join("statement.ko.txt")).unwrap();
    one_line_error(&run(&dir, &["read", "x.toml"], None), "statement.ko.txt': no such file");
}

/// `l`/`L` said "no other language to show" on the RCIT bundle opened as a file, and the file
/// was aligned afresh although it is the text of the work `rcit`, whose alignment is verified.
#[test]
fn a_bundle_file_cycles_its_languages_and_uses_its_works_alignment() {
    use diglot::Lang;
    use diglot::tui::app::{Action, App, Request};
    use diglot::tui::layout::Side;
    let dir = scratch("reg-bundle-langs");
    let bundle =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/rcit-kazakhstan-statement.en-es-ru-pt-ko.txt");
    let lib = diglot::works::Library::load_from(Some(&dir)).unwrap();
    let open = |path: &Path| {
        let args = diglot::commands::read::Args { targets: vec![s(path).into()], ..Default::default() };
        let Ok(diglot::tui::Start::Reader(r)) = diglot::commands::read::start(&lib, &args) else {
            panic!("{} did not open", path.display())
        };
        r
    };
    let r = open(&bundle);
    assert_eq!(r.langs(), (Lang::EN, Some(Lang::ES)));
    assert!(r.alignment_origin.starts_with("stored: built-in rcit.en-es.toml"), "{}", r.alignment_origin);
    assert!(r.pending().is_none(), "not aligned again");
    let mut app = App::with_reader(*r);
    let next = Some(Request::ChangeLangs { left: Lang::EN, right: Lang::RU, third: None, keep: Side::Left });
    assert_eq!(app.update(Action::CycleRight), next);

    // A bundle that is no work's text cycles its own languages.
    let text = std::fs::read_to_string(&bundle).unwrap();
    let copy = dir.join("statement.en-es-ru-pt-ko.txt");
    std::fs::write(&copy, text.replacen("Kazakhstan", "Qazaqstan", 1)).unwrap();
    let r = open(&copy);
    assert!(r.pending().is_some(), "aligned now: {}", r.alignment_origin);
    let mut app = App::with_reader(*r);
    assert_eq!(app.update(Action::CycleRight), next);
    assert_eq!(
        app.update(Action::CycleLeft),
        Some(Request::ChangeLangs { left: Lang::RU, right: Lang::ES, third: None, keep: Side::Right })
    );
    assert_eq!(app.message, None);
}
