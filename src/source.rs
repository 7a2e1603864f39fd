//! Reading a user's file safely: every way a file can fail to be text becomes a one-line error
//! naming the file, and the harmless variants (BOM, CRLF, lone CR, a legacy encoding) simply
//! work.
//!
//! Every file a user names goes through [`read_bytes`]: only regular files are read (a FIFO
//! would block, a device never ends), and the size limit holds on the bytes actually read,
//! since a device or a growing file reports a size that means nothing.

use std::borrow::Cow;
use std::fs;
use std::io::Read;
use std::path::Path;

use encoding_rs::{DecoderResult, Encoding, UTF_8};

use crate::error::{Error, Result};

/// Larger files are refused rather than read: a text and its translation are never this big,
/// and the limit keeps a mistaken path (a disk image, a log) from eating memory.
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// How much of a file the encoding detector looks at: enough for its guess to settle, and a
/// big file is not scanned twice.
const DETECT_BYTES: usize = 1024 * 1024;

/// A text file's contents, decoded, and the encoding they were read in.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

/// The bytes of a regular file, at most `limit` of them; anything else is an error naming
/// the file. A FIFO is refused before it is opened, so no open ever blocks.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound { path: path.to_path_buf() },
        _ => Error::io(path, e),
    })?;
    check_regular(path, &meta)?;
    let file = open_nonblocking(path).map_err(|e| Error::io(path, e))?;
    // The path may have been swapped for something else between the two looks.
    check_regular(path, &file.metadata().map_err(|e| Error::io(path, e))?)?;
    let expected = meta.len().min(limit) as usize;
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge { path: path.to_path_buf(), limit });
    }
    Ok(bytes)
}

fn check_regular(path: &Path, meta: &fs::Metadata) -> Result<()> {
    if meta.is_dir() {
        return Err(Error::IsDirectory { path: path.to_path_buf() });
    }
    if !meta.is_file() {
        return Err(Error::NotRegular { path: path.to_path_buf(), kind: kind_of(meta) });
    }
    Ok(())
}

/// What a file that is no regular file or directory is, for messages.
pub fn kind_of(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        } else if t.is_char_device() {
            return "a character device";
        } else if t.is_block_device() {
            return "a block device";
        } else if t.is_socket() {
            return "a socket";
        }
    }
    if meta.file_type().is_symlink() { "a symbolic link" } else { "not a regular file" }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Reads of a regular file ignore O_NONBLOCK; it only matters if a FIFO slipped past the
    // check, whose open would otherwise wait for a writer.
    fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

/// Reads a UTF-8 data file (an alignment, a glossary, a ladder): strips a BOM and turns CRLF
/// and lone CR line ends into LF, so that line numbers count as an editor counts them.
pub fn read_text(path: &Path) -> Result<String> {
    read_text_within(path, MAX_BYTES)
}

/// [`read_text`] of a file that may be at most `limit` bytes.
pub fn read_text_within(path: &Path, limit: u64) -> Result<String> {
    decode(path, read_bytes(path, limit)?)
}

/// The checks of [`read_text`] on bytes already in memory (embedded seeds, tests).
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    decode_as(path, bytes, Some(UTF_8)).map(|d| d.text)
}

/// Reads a text in `encoding`, or in the one its BOM names, or (neither given) as UTF-8 when
/// it is valid UTF-8 and in the encoding detected from its bytes otherwise. The path `-` is
/// standard input (see [`is_stdin`]), under the same size limit as a file.
pub fn read_document(path: &Path, encoding: Option<&'static Encoding>) -> Result<Decoded> {
    let bytes = if is_stdin(path) {
        read_stdin(&mut std::io::stdin().lock(), MAX_BYTES)?
    } else {
        read_bytes(path, MAX_BYTES)?
    };
    decode_as(path, bytes, encoding)
}

/// Whether a text's path is `-`, which stands for standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// What messages call standard input.
pub const STDIN_NAME: &str = "<stdin>";

/// Standard input can be read once: a second `-` in one command would read nothing.
static STDIN_TAKEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// All of `input` (standard input), at most `limit` bytes; a second call is refused.
pub fn read_stdin(input: &mut dyn Read, limit: u64) -> Result<Vec<u8>> {
    let path = Path::new(STDIN_NAME);
    if STDIN_TAKEN.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return Err(Error::Usage("'-': standard input can be read only once".into()));
    }
    read_within(input, path, limit)
}

/// All of `input`, at most `limit` bytes, or [`Error::TooLarge`] naming `path`.
fn read_within(input: &mut dyn Read, path: &Path, limit: u64) -> Result<Vec<u8>> {
    let path = if is_stdin(path) { Path::new(STDIN_NAME) } else { path };
    let mut bytes = Vec::new();
    input.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge { path: path.to_path_buf(), limit });
    }
    Ok(bytes)
}

/// [`read_document`] on bytes already in memory.
pub fn decode_as(path: &Path, bytes: Vec<u8>, encoding: Option<&'static Encoding>) -> Result<Decoded> {
    // Messages name standard input as `<stdin>`, not `-`.
    let path = if is_stdin(path) { Path::new(STDIN_NAME) } else { path };
    let bom = Encoding::for_bom(&bytes);
    let (encoding, skip, detected) = match (encoding, bom) {
        (Some(e), Some((b, len))) if b == e => (e, len, false),
        (Some(e), _) => (e, 0, false),
        (None, Some((b, len))) => (b, len, false),
        (None, None) => match std::str::from_utf8(&bytes) {
            Ok(_) => (UTF_8, 0, false),
            Err(_) => {
                // A NUL is binary in every encoding detection picks from (not in UTF-16, whose
                // files carry a BOM).
                if let Some(byte) = bytes.iter().position(|&b| b == 0) {
                    return Err(Error::Binary { path: path.to_path_buf(), byte, value: 0 });
                }
                (detect(&bytes), 0, true)
            }
        },
    };
    let text = decode_strict(path, bytes, skip, encoding)?;
    if let Some(byte) = text.bytes().position(|b| b == 0) {
        return Err(Error::Binary { path: path.to_path_buf(), byte, value: 0 });
    }
    // A guess can read any junk as windows-1252: junk shows as control characters.
    if detected && let Some((byte, value)) = mostly_controls(&text) {
        return Err(Error::Binary { path: path.to_path_buf(), byte, value });
    }
    let text = normalize_line_ends(text);
    if text.trim().is_empty() {
        return Err(Error::Empty { path: path.to_path_buf() });
    }
    Ok(Decoded { text, encoding })
}

/// The encoding of bytes that are not UTF-8, as a browser would guess it.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let n = bytes.len().min(DETECT_BYTES);
    det.feed(&bytes[..n], n == bytes.len());
    det.guess(None, chardetng::Utf8Detection::Deny)
}

/// Decodes `bytes[skip..]`, refusing malformed input with its line and byte.
fn decode_strict(path: &Path, bytes: Vec<u8>, skip: usize, encoding: &'static Encoding) -> Result<String> {
    let invalid =
        |line, byte| Error::NotDecodable { path: path.to_path_buf(), encoding: encoding.name(), line, byte };
    if encoding == UTF_8 {
        let mut bytes = bytes;
        bytes.drain(..skip);
        return String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
            invalid(line, at + skip)
        });
    }
    let src = &bytes[skip..];
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let room = decoder.max_utf8_buffer_length_without_replacement(src.len()).unwrap_or(src.len());
    let mut out = String::with_capacity(room);
    let mut read = 0;
    loop {
        let (result, n) = decoder.decode_to_string_without_replacement(&src[read..], &mut out, true);
        read += n;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => out.reserve(src.len() - read + 16),
            DecoderResult::Malformed(bad, after) => {
                let at = read.saturating_sub(usize::from(bad) + usize::from(after));
                return Err(invalid(1 + out.matches('\n').count(), at + skip));
            }
        }
    }
    out.shrink_to_fit();
    Ok(out)
}

/// The first control character of a text that holds more than a few of them (tabs, line ends
/// and form feeds aside), with its byte offset and value: such a text is binary.
fn mostly_controls(text: &str) -> Option<(usize, u8)> {
    let is_junk = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1b');
    let junk = text.chars().filter(|&c| is_junk(c)).count();
    if junk * 100 <= text.chars().count() {
        return None;
    }
    text.char_indices().find(|&(_, c)| is_junk(c)).map(|(i, c)| (i, c as u32 as u8))
}

/// CRLF and lone CR become LF, in place.
fn normalize_line_ends(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    let mut w = 0;
    for r in 0..bytes.len() {
        let b = bytes[r];
        if b == b'\r' {
            if bytes.get(r + 1) != Some(&b'\n') {
                bytes[w] = b'\n';
                w += 1;
            }
        } else {
            bytes[w] = b;
            w += 1;
        }
    }
    bytes.truncate(w);
    // Only ASCII bytes were dropped or changed, so the text is still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// The encoding a WHATWG label names (`gbk`, `shift_jis`, `latin1`, `utf-16le`, ...), for
/// `--encoding`.
pub fn parse_encoding(label: &str) -> std::result::Result<&'static Encoding, String> {
    match Encoding::for_label(label.trim().as_bytes()) {
        // The replacement encoding decodes every text to one U+FFFD: never what is meant.
        Some(e) if e != encoding_rs::REPLACEMENT => Ok(e),
        _ => Err(format!(
            "'{label}' is not a known encoding (expected a WHATWG label, such as utf-8, gbk, gb18030, \
             big5, shift_jis, euc-kr, windows-1251, windows-1252, utf-16le)"
        )),
    }
}

/// Text with its terminal control sequences and other control characters removed, tab and
/// line feed aside: an `ESC ]…BEL` (title), `ESC [2J` (clear) or C1 `CSI` in a text must not
/// reach the terminal through any output. A whole escape sequence goes, not just its `ESC`,
/// and line feeds are kept so that line numbers still count as in the file. Vertical tabs
/// and form feeds (page breaks in PDF extractions) become spaces.
pub fn strip_controls(text: &str) -> Cow<'_, str> {
    let c0 = |b: u8| (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f;
    // C1 controls are U+0080..U+009F, encoded C2 80..C2 9F; C2 alone starts "«" or a no-break space.
    let c1 = || text.as_bytes().windows(2).any(|w| w[0] == 0xc2 && (0x80..0xa0).contains(&w[1]));
    if !text.bytes().any(c0) && !c1() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' => out.push(c),
            '\x0b' | '\x0c' => out.push(' '),
            '\x1b' => match chars.peek().copied() {
                Some('[') => {
                    chars.next();
                    skip_csi(&mut chars);
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    skip_string(&mut chars);
                }
                Some(' '..='/') => {
                    // Intermediate bytes, then one final byte.
                    while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
                    chars.next_if(|c| ('0'..='~').contains(c));
                }
                Some('0'..='~') => {
                    chars.next();
                }
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// A control sequence's parameters and intermediates, then its final byte.
fn skip_csi(chars: &mut Chars) {
    while chars.next_if(|c| (' '..='?').contains(c)).is_some() {}
    chars.next_if(|c| ('@'..='~').contains(c));
}

/// A control string (OSC, DCS, ...) up to its terminator: BEL, ESC \ or ST. It never eats a
/// line feed, so an unterminated one costs the rest of its line only.
fn skip_string(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        match c {
            '\n' => return,
            '\u{7}' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\x1b' => {
                chars.next();
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {
                chars.next();
            }
        }
    }
}

/// Text for messages with its control characters escaped (`\u{1b}`, `\n`), so that a file
/// name or a quoted line cannot drive the terminal it is shown on.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path as messages and output show it: [`escape_controls`] of its display.
pub fn display(path: &Path) -> String {
    if is_stdin(path) {
        return STDIN_NAME.into();
    }
    escape_controls(&path.display().to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_input_has_the_file_size_limit() {
        let mut small: &[u8] = b"twelve bytes";
        assert_eq!(read_within(&mut small, Path::new(STDIN_NAME), 12).ok(), Some(b"twelve bytes".to_vec()));
        let mut big: &[u8] = b"thirteen byte";
        let err = read_within(&mut big, Path::new(STDIN_NAME), 12).err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("'<stdin>': too large (more than 12 bytes)"));
        assert!(is_stdin(Path::new("-")) && !is_stdin(Path::new("./-")));
        assert_eq!(display(Path::new("-")), STDIN_NAME);
    }

    fn dec(b: &[u8]) -> Result<String> {
        decode(Path::new("t.txt"), b.to_vec())
    }

    #[test]
    fn bom_and_crlf_simply_work() {
        assert_eq!(dec(b"\xEF\xBB\xBFa\r\nb\rc").ok().as_deref(), Some("a\nb\nc"));
    }

    #[test]
    fn bad_input_names_the_place() {
        let e = dec(b"ok\nok\n\xff").err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("'t.txt': not valid UTF-8 at line 3, byte 6"));
        assert!(matches!(dec(b"a\0b"), Err(Error::Binary { byte: 1, .. })));
        assert!(matches!(dec(b" \n\n "), Err(Error::Empty { .. })));
    }

    #[test]
    fn legacy_bytes_are_detected_and_bad_ones_located() {
        let p = Path::new("t.txt");
        let d = decode_as(p, b"caf\xe9 au lait, cr\xe8me br\xfbl\xe9e\n".to_vec(), None).ok();
        assert_eq!(
            d.map(|d| (d.text, d.encoding.name())),
            Some(("café au lait, crème brûlée\n".into(), "windows-1252"))
        );
        let e = decode_as(p, b"\xc4\xe3\xba\xc3\n\xff\xff".to_vec(), Some(encoding_rs::GBK)).err();
        assert_eq!(e.map(|e| e.to_string()).as_deref(), Some("'t.txt': not valid GBK at line 2, byte 5"));
        let utf16: Vec<u8> = b"\xff\xfeh\0i\0\n\0".to_vec();
        assert_eq!(decode_as(p, utf16, None).ok().map(|d| d.text), Some("hi\n".into()));
    }

    #[test]
    fn escape_sequences_go_whole() {
        let t = "a\u{1b}]0;title\u{7}b\u{1b}[2Jc\u{9b}31md\u{1b}P1$r\u{1b}\\e\u{85}f\u{1b}(Bg\u{1b}]2;x\nh\x0ci\r";
        assert_eq!(strip_controls(t), "abcdefg\nh i");
        assert!(matches!(strip_controls("plain «text»\twith tabs\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_in_messages_are_escaped() {
        assert_eq!(escape_controls("a\u{1b}]0;x\u{7}.txt"), "a\\u{1b}]0;x\\u{7}.txt");
        assert_eq!(escape_controls("line\nbreak"), "line\\nbreak");
    }
}
