//! The pairing service: the one answer to "give me the alignment of these two texts", for the
//! reader, `align` and `export` alike.
//!
//! The layers import downwards only: the model ([`crate::alignment`]) knows no file system
//! policy; the store ([`crate::store`]) and the library ([`crate::works`]) find and keep
//! alignment files; this module decides, from what they found, which groups a pair gets:
//!
//! - a stored alignment that fits the texts as they are now is used as it is;
//! - a stored one whose texts changed since (a stale one) is re-aligned keeping its verified
//!   groups, found again by their excerpts, so a translator's review survives an edit of the
//!   source;
//! - with none, the alignment made earlier comes from the cache, or the pair is aligned now
//!   (the reader does that part in the background: [`at_hand`] says whether it must).
//!
//! The commands and the TUI only present what this module returns.

use std::path::Path;

use crate::align::{self, AlignOptions, KeepReport};
use crate::alignment::{self, Alignment, AlignmentFile, Group};
use crate::cache::{self, Cache, Key};
use crate::document::Document;
use crate::error::Result;
use crate::works::{Library, Origin};

/// Where the groups of a pair come from.
#[derive(Debug, Clone, PartialEq)]
pub enum How {
    /// The stored alignment `from` (a path, or `built-in NAME`), which fits the texts.
    Stored { from: String },
    /// The stored alignment `from` was stale (`why`): the pair was re-aligned keeping the
    /// verified groups the report counts, out of `verified`.
    Realigned { from: String, why: String, verified: usize, report: KeepReport },
    /// Aligned earlier, from the cache.
    Cached,
    /// Aligned now.
    Aligned,
}

/// The groups of a pair, where they come from, and what the aligner warned of.
#[derive(Debug, Clone)]
pub struct Paired {
    pub groups: Vec<Group>,
    pub how: How,
    pub warnings: Vec<String>,
}

impl Paired {
    /// For the reader's message line: `stored: PATH`, `aligned earlier (cached)`, ...
    pub fn origin(&self) -> String {
        let mut origin = match &self.how {
            How::Stored { from } => format!("stored: {from}"),
            How::Realigned { .. } => format!("re-aligned, {} (the stored one is stale)", self.kept()),
            How::Cached => "aligned earlier (cached)".to_string(),
            How::Aligned => "aligned now".to_string(),
        };
        for w in &self.warnings {
            origin = format!("{origin}; warning: {w}");
        }
        origin
    }

    /// Why the stored alignment was not used as it is, when it was stale.
    pub fn stale(&self) -> Option<String> {
        match &self.how {
            How::Realigned { from, why, .. } => {
                Some(format!("{from} is stale ({why}); re-aligned with {}", self.kept()))
            }
            _ => None,
        }
    }

    fn kept(&self) -> String {
        match &self.how {
            How::Realigned { verified, report, .. } => {
                format!("{} of its {verified} verified groups kept", report.kept)
            }
            _ => String::new(),
        }
    }
}

/// The groups of a pair with a stored alignment, found at `origin`: the stored groups if the
/// file fits the texts; when the texts changed since, a new alignment that keeps the stored
/// verified groups and aligns only between them.
pub fn from_stored(file: &AlignmentFile, origin: &Origin, left: &Document, right: &Document) -> Paired {
    if file.alignment.fits(left, right) {
        let from = match origin {
            Origin::BuiltIn(name) => format!("built-in {name}"),
            Origin::File(_) => origin.display(),
        };
        return Paired { groups: file.alignment.groups.clone(), how: How::Stored { from }, warnings: vec![] };
    }
    keeping_verified(file, origin.display(), left, right, &AlignOptions::default())
}

/// A new alignment of the pair that keeps the verified groups of `file` (an alignment of an
/// earlier version of these texts) and aligns only between them.
pub fn keeping_verified(
    file: &AlignmentFile,
    from: String,
    left: &Document,
    right: &Document,
    opts: &AlignOptions,
) -> Paired {
    let why = file.check_against(left, right).describe();
    let why = if why.is_empty() { "the texts changed".to_string() } else { why };
    let verified = file.alignment.verified_count();
    let (groups, report) = align::align_keeping(left, right, file, opts);
    Paired { groups, how: How::Realigned { from, why, verified, report }, warnings: vec![] }
}

/// The alignment of a pair with no stored one that is at hand without aligning: the one made
/// earlier, from the cache. `None`: the pair must be aligned (the reader does it in the
/// background, the commands with [`fresh`]).
pub fn at_hand(left: &Document, right: &Document, opts: &AlignOptions, cache: &Cache) -> Option<Paired> {
    let entry = cache.get(&Key::of(left, right, opts), left, right)?;
    Some(Paired { groups: entry.groups, how: How::Cached, warnings: entry.warnings })
}

/// The alignment of a pair with no stored one: from the cache, else aligned now (and cached),
/// `progress` told how far the aligner got.
pub fn fresh(
    left: &Document,
    right: &Document,
    opts: &AlignOptions,
    cache: &Cache,
    progress: &(dyn Fn(f32) + Sync),
) -> Paired {
    let (entry, cached) = cache::align(cache, left, right, opts, progress);
    let how = if cached { How::Cached } else { How::Aligned };
    Paired { groups: entry.groups, how, warnings: entry.warnings }
}

/// The two texts an alignment was made from, as they are now: through the library for a work
/// it knows (by `work` and each side's language), else from each side's `source` path
/// (relative to the alignment file `file`, then to the current directory), read as the side
/// records.
pub fn texts_of(al: &Alignment, library: &Library, file: Option<&Path>) -> Result<(Document, Document)> {
    if let Some(work) = &al.work
        && library.work(work).is_ok()
    {
        return Ok((library.document(work, al.left.lang)?, library.document(work, al.right.lang)?));
    }
    let read = |side| -> Result<Document> {
        let path = alignment::source_path(side, file)?;
        alignment::read_as_recorded(side, &path).map(|(doc, _)| doc)
    };
    Ok((read(&al.left)?, read(&al.right)?))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::alignment::{SourceText, Status};
    use crate::document::Lang;

    #[test]
    fn a_stored_alignment_is_used_only_when_it_fits() {
        let p = |t: &str| crate::Paragraph {
            text: t.into(),
            lang: Lang::EN,
            kind: crate::Kind::Body,
            lines: (1, 1),
        };
        let l = Document { name: "l".into(), lang: Lang::EN, paragraphs: vec![p("a"), p("b")] };
        let r = Document { name: "r".into(), lang: Lang::ZH, paragraphs: vec![p("甲乙")] };
        let al = Alignment {
            work: None,
            left: SourceText::of(&l, "l"),
            right: SourceText::of(&r, "r"),
            groups: vec![Group::new(vec![0, 1], vec![0], 0.9)],
        };
        assert!(al.fits(&l, &r));
        let file =
            |a: &Alignment| AlignmentFile::parse("x.toml", &a.to_toml_string(Some(&l), Some(&r))).unwrap();
        let p = from_stored(&file(&al), &Origin::BuiltIn("x".into()), &l, &r);
        assert_eq!(p.groups.len(), 1);
        assert_eq!(p.origin(), "stored: built-in x");
        assert_eq!(p.stale(), None);
        let mut bad = al.clone();
        bad.groups[0].left = vec![1, 0];
        assert!(!bad.fits(&l, &r));
        let mut stale = al;
        stale.left.hash = "fnv1a64:0".into();
        stale.groups[0].status = Status::Verified;
        assert!(!stale.fits(&l, &r));
        let p = from_stored(&file(&stale), &Origin::File("alignments/x.en-zh.toml".into()), &l, &r);
        assert!(p.origin().contains("stale"), "{}", p.origin());
        // The verified group is found again by its excerpts and kept as it was.
        assert!(p.origin().contains("1 of its 1 verified groups kept"), "{}", p.origin());
        assert_eq!(p.groups, stale.groups);
        let why = p.stale().unwrap();
        assert!(why.contains("alignments/x.en-zh.toml is stale") && why.contains("changed"), "{why}");
    }
}
