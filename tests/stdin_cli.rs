//! `-` for standard input, and the errors of a `read` argument that is neither a work nor a
//! file, through the built binary.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;
use std::process::{Output, Stdio};

use common::{assert_one_line_error, command, stdout};

/// Runs diglot with `input` on standard input.
fn with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = command()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that fails before reading closes the pipe: that is no test failure.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    child.wait_with_output().unwrap()
}

#[test]
fn paragraphs_reads_standard_input() {
    let out = with_stdin(&["paragraphs", "-"], common::EN);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let text = stdout(&out);
    let head = text.lines().next().unwrap();
    assert!(head.starts_with("# <stdin> · UTF-8 · en · 4 paragraphs"), "{head}");
    assert!(text.contains("The workers of the oil town went on strike"), "{text}");
    let out = with_stdin(&["paragraphs", "--format", "jsonl", "-"], common::ZH);
    assert_eq!(stdout(&out).lines().count(), 4);
}

#[test]
fn standard_input_is_read_once() {
    let out = with_stdin(&["read", "-", "-"], common::EN);
    assert_one_line_error(&out, "standard input can be read only once");
}

/// Empty or binary standard input was named `'-'` in the error, as if it were a file.
#[test]
fn errors_on_standard_input_name_it_stdin() {
    for (cmd, input, what) in [
        (&["paragraphs", "-"][..], " \n\n ", "the file is empty"),
        (&["read", "-"], "", "the file is empty"),
        (&["paragraphs", "-"], "a\u{0}b", "looks like a binary file"),
    ] {
        let out = with_stdin(cmd, input);
        assert_one_line_error(&out, &format!("'<stdin>': {what}"));
    }
}

#[test]
fn a_missing_path_is_no_such_file_and_a_bare_name_no_known_work() {
    let dir = common::scratch("read-missing");
    for path in ["missing.txt", "notes/today", "./x"] {
        let out = common::diglot(&dir, &["read", path]);
        assert_one_line_error(&out, &format!("'{path}': no such file"));
    }
    let out = common::diglot(&dir, &["read", "uprisin"]);
    assert_one_line_error(&out, "'uprisin' is not a known work");
}

#[test]
fn one_paragraph_is_singular() {
    let out = with_stdin(&["paragraphs", "-"], "Just the one paragraph here.\n");
    let text = stdout(&out);
    assert!(text.lines().next().unwrap().ends_with("· en · 1 paragraph"), "{text}");
}
