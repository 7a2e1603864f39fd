//! Reading a text file safely: every way a file can fail to be text becomes a one-line error
//! naming the file, and the harmless variants (BOM, CRLF, lone CR) simply work.

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// Larger files are refused rather than read: a text and its translation are never this big,
/// and the limit keeps a mistaken path (a disk image, a log) from eating memory.
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a UTF-8 text file, strips a BOM and turns CRLF and lone CR line ends into LF, so
/// that line numbers count as an editor counts them.
pub fn read_text(path: &Path) -> Result<String> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound { path: path.to_path_buf() },
        _ => Error::io(path, e),
    })?;
    if meta.is_dir() {
        return Err(Error::IsDirectory { path: path.to_path_buf() });
    }
    if meta.len() > MAX_BYTES {
        return Err(Error::TooLarge { path: path.to_path_buf(), size: meta.len(), limit: MAX_BYTES });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)).map_err(|e| Error::io(path, e))?;
    decode(path, bytes)
}

/// The checks of [`read_text`] on bytes already in memory (embedded seeds, tests).
pub fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if let Some(byte) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary { path: path.to_path_buf(), byte });
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
            return Err(Error::NotUtf8 { path: path.to_path_buf(), line, byte: at });
        }
    };
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    if text.trim().is_empty() {
        return Err(Error::Empty { path: path.to_path_buf() });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
