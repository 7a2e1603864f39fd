//! Sections and the table of contents.
//!
//! A group opens a section when one of its paragraphs does: a heading or an interview question
//! (`Kind::starts_section`), or, in a document of numbered points (the RCIT statement), a
//! numbered point. Numbered points keep their number, so the `5` key can show point 5.

use std::collections::HashSet;

use crate::alignment::Group;
use crate::document::{Document, Kind, point_number};

use super::layout::Side;

/// Longest section title kept, in characters.
const TITLE_CHARS: usize = 100;
/// A document needs this many points numbered 1, 2, 3… for them to count as sections.
const MIN_POINTS: u32 = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The group that opens the section.
    pub group: usize,
    pub title: String,
    /// The number of a numbered point.
    pub number: Option<u32>,
    pub kind: Kind,
}

/// Paragraphs of `doc` that are its numbered points: the run 1, 2, 3… in document order.
fn points(doc: &Document) -> HashSet<usize> {
    let mut want = 1;
    let mut found = HashSet::new();
    for (i, p) in doc.paragraphs.iter().enumerate() {
        let numbered = matches!(p.kind, Kind::Body | Kind::Heading).then(|| point_number(&p.text)).flatten();
        if numbered.is_some_and(|(n, _)| n == want) {
            found.insert(i);
            want += 1;
        }
    }
    if want > MIN_POINTS { found } else { HashSet::new() }
}

fn title_of(text: &str, numbered: bool) -> String {
    let t = if numbered { point_number(text).map_or(text, |(_, rest)| rest) } else { text };
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() > TITLE_CHARS {
        t.chars().take(TITLE_CHARS - 1).collect::<String>() + "…"
    } else {
        t
    }
}

/// The sections of an aligned pair (or of one document when `right` is `None`).
pub fn sections(left: &Document, right: Option<&Document>, groups: &[Group]) -> Vec<Section> {
    let left_points = points(left);
    let right_points = right.map(points).unwrap_or_default();
    let mut out = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let candidates = [
            (Side::Left, Some(left), &group.left, &left_points),
            (Side::Right, right, &group.right, &right_points),
        ];
        let found = candidates.iter().find_map(|(_, doc, ids, pts)| {
            let doc = (*doc)?;
            ids.iter().find_map(|&i| {
                let p = doc.paragraphs.get(i)?;
                let numbered = pts.contains(&i);
                (numbered || p.kind.starts_section()).then(|| Section {
                    group: g,
                    title: title_of(&p.text, numbered),
                    number: if numbered { point_number(&p.text).map(|(n, _)| n) } else { None },
                    kind: p.kind,
                })
            })
        });
        out.extend(found);
    }
    out
}

/// The section the `n` key (1–10) goes to: point `n` in a numbered document, else the n-th.
pub fn by_key(sections: &[Section], n: u32) -> Option<&Section> {
    if sections.iter().any(|s| s.number.is_some()) {
        sections.iter().find(|s| s.number == Some(n))
    } else {
        sections.get((n as usize).checked_sub(1)?)
    }
}

/// Index of the section `group` is in (the last one opening at or before it).
pub fn current(sections: &[Section], group: usize) -> Option<usize> {
    sections.partition_point(|s| s.group <= group).checked_sub(1)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::document::{Lang, Paragraph};

    fn doc(paras: &[(Kind, &str)]) -> Document {
        Document {
            name: "t".into(),
            lang: Lang::EN,
            paragraphs: paras
                .iter()
                .map(|(k, t)| Paragraph { text: t.to_string(), lang: Lang::EN, kind: *k, lines: (1, 1) })
                .collect(),
        }
    }

    #[test]
    fn point_numbers() {
        assert_eq!(point_number("5.            The RCIT"), Some((5, "The RCIT")));
        assert_eq!(point_number("10) x"), Some((10, "x")));
        assert_eq!(point_number("2022. was a year"), None);
        assert_eq!(point_number("3.5 percent"), None);
        assert_eq!(point_number("In 1991."), None);
    }

    #[test]
    fn numbered_points_are_sections_and_keys_find_them() {
        let d = doc(&[
            (Kind::Heading, "Title"),
            (Kind::Body, "1. one"),
            (Kind::Body, "2. two"),
            (Kind::Body, "In 2011. a year"),
            (Kind::Body, "3. three"),
            (Kind::Body, "7. stray"),
        ]);
        let groups: Vec<Group> = (0..d.len()).map(|i| Group::new(vec![i], vec![], 1.0)).collect();
        let s = sections(&d, None, &groups);
        assert_eq!(s.iter().map(|s| s.group).collect::<Vec<_>>(), vec![0, 1, 2, 4]);
        assert_eq!(by_key(&s, 3).map(|s| s.group), Some(4));
        assert_eq!(by_key(&s, 3).map(|s| s.title.as_str()), Some("three"));
        assert_eq!(by_key(&s, 9), None);
        assert_eq!(current(&s, 3), Some(2));
        assert_eq!(current(&[], 3), None);
    }

    #[test]
    fn headings_and_questions_without_numbers() {
        let d = doc(&[
            (Kind::Body, "intro"),
            (Kind::Heading, "A"),
            (Kind::Question, "Why?"),
            (Kind::Body, "1. x"),
        ]);
        let groups = vec![
            Group::new(vec![0], vec![], 1.0),
            Group::new(vec![1, 2], vec![], 1.0),
            Group::new(vec![3], vec![], 1.0),
        ];
        let s = sections(&d, None, &groups);
        assert_eq!(s.len(), 1);
        assert_eq!(by_key(&s, 1).map(|s| s.title.as_str()), Some("A"));
        assert_eq!(current(&s, 0), None);
    }
}
