//! Case-insensitive search through both panes.
//!
//! Matching folds case character by character (so byte offsets stay those of the original
//! text, which the view highlights) and needs no word boundaries, so Chinese works.

use std::ops::Range;

use super::layout::Texts;

#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    pub query: String,
    needle: Vec<char>,
}

fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

impl Search {
    pub fn new(query: &str) -> Search {
        Search { query: query.to_string(), needle: query.chars().map(fold).collect() }
    }

    pub fn is_empty(&self) -> bool {
        self.needle.is_empty()
    }

    /// Byte ranges of the matches in `text`, not overlapping.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        if self.needle.is_empty() {
            return out;
        }
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let n = self.needle.len();
        let mut i = 0;
        while i + n <= chars.len() {
            if chars[i..i + n].iter().zip(&self.needle).all(|((_, c), w)| fold(*c) == *w) {
                let end = chars.get(i + n).map_or(text.len(), |(b, _)| *b);
                out.push(chars[i].0..end);
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }

    fn hits(&self, text: &str) -> bool {
        if self.needle.is_empty() {
            return false;
        }
        // A cheap pre-check before the exact scan: the first needle character must occur.
        let first = self.needle[0];
        text.chars().any(|c| fold(c) == first) && !self.find(text).is_empty()
    }

    /// Whether group `g` has a match in any pane.
    pub fn matches_group(&self, texts: &Texts<'_>, g: usize) -> bool {
        let side = |doc: Option<&crate::Document>, ids: &[usize]| {
            doc.is_some_and(|d| ids.iter().any(|&i| d.paragraphs.get(i).is_some_and(|p| self.hits(&p.text))))
        };
        let Some(group) = texts.groups.get(g) else { return false };
        side(Some(texts.left), &group.left)
            || side(texts.right, &group.right)
            || side(texts.third.map(|t| t.doc), texts.third_ids(g))
    }

    /// The next group after `from` (or before it, going back) with a match, wrapping around the
    /// end. The flag says whether it wrapped.
    pub fn next_group(&self, texts: &Texts<'_>, from: usize, forward: bool) -> Option<(usize, bool)> {
        let n = texts.groups.len();
        if n == 0 || self.is_empty() {
            return None;
        }
        (1..=n).find_map(|step| {
            let (g, wrapped) = if forward {
                ((from + step) % n, from + step >= n)
            } else {
                ((from + n - step % n) % n, step > from)
            };
            self.matches_group(texts, g).then_some((g, wrapped))
        })
    }

    /// Number of groups with a match.
    pub fn count_groups(&self, texts: &Texts<'_>) -> usize {
        (0..texts.groups.len()).filter(|&g| self.matches_group(texts, g)).count()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::alignment::Group;
    use crate::document::{Document, Kind, Lang, Paragraph};

    #[test]
    fn case_insensitive_and_chinese() {
        let s = Search::new("kazakh");
        let t = "KAZAKHSTAN and Kazakh people";
        assert_eq!(s.find(t), vec![0..6, 15..21]);
        let z = Search::new("哈萨克");
        let t = "在哈萨克斯坦，哈萨克人";
        assert_eq!(z.find(t).len(), 2);
        assert_eq!(&t[z.find(t)[0].clone()], "哈萨克");
        assert_eq!(Search::new("казах").find("Казахстан").len(), 1);
        assert!(Search::new("").find("x").is_empty());
    }

    #[test]
    fn next_group_wraps() {
        let p = |t: &str| Paragraph { text: t.into(), lang: Lang::EN, kind: Kind::Body, lines: (1, 1) };
        let d = Document { name: "d".into(), lang: Lang::EN, paragraphs: vec![p("a x"), p("b"), p("X c")] };
        let groups: Vec<Group> = (0..3).map(|i| Group::new(vec![i], vec![], 1.0)).collect();
        let texts = Texts::pair(&d, None, &groups);
        let s = Search::new("x");
        assert_eq!(s.next_group(&texts, 0, true), Some((2, false)));
        assert_eq!(s.next_group(&texts, 2, true), Some((0, true)));
        assert_eq!(s.next_group(&texts, 2, false), Some((0, false)));
        assert_eq!(s.next_group(&texts, 0, false), Some((2, true)));
        assert_eq!(s.count_groups(&texts), 2);
        assert_eq!(Search::new("zzz").next_group(&texts, 0, true), None);
    }
}
