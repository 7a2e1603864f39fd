//! Detecting a file's shape: how its paragraphs are laid out in lines.
//!
//! Every file is judged by itself from its own line statistics, never by name, so a user's
//! own texts of the same shapes import the same way.

use unicode_width::UnicodeWidthStr;

/// How paragraphs are laid out in a plain-text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Paragraphs wrapped at a fixed width (`width` display columns), as extracted from a PDF
    /// or typed for email: a paragraph ends where a line ends a sentence or falls short.
    HardWrapped { width: usize },
    /// Paragraphs separated by blank lines, each usually one long line.
    BlankLine,
    /// One paragraph per line, no blank lines between them.
    LinePerParagraph,
}

/// Display width of a line without its surrounding whitespace.
pub fn width(line: &str) -> usize {
    line.trim().width()
}

/// Whether the text is mostly HTML markup (block tags), after any front matter.
pub fn looks_like_html(body: &str) -> bool {
    // Only look at the start: markup shows itself early, and a 10 MB line must stay cheap.
    let head: String = body.chars().take(20_000).collect::<String>().to_ascii_lowercase();
    let tags = ["<p>", "<p ", "</p>", "<br", "<div", "</div>", "<html", "<body", "</h1>", "</h2>", "</li>"];
    let hits: usize = tags.iter().map(|t| head.matches(t).count()).sum();
    hits >= 3
}

/// Splits off YAML-style front matter (`---` lines around `key: value` lines at the very top).
/// Returns the front matter lines' range (0-based line indexes, the `---` lines excluded) and
/// the index of the first line after it.
pub fn front_matter(lines: &[&str]) -> Option<(std::ops::Range<usize>, usize)> {
    let start = lines.iter().position(|l| !l.trim().is_empty())?;
    if lines[start].trim() != "---" {
        return None;
    }
    let end = lines.iter().skip(start + 1).take(200).position(|l| l.trim() == "---")? + start + 1;
    let inside = &lines[start + 1..end];
    // Front matter is keys and list items; a horizontal rule in prose is not.
    let keyed = inside.iter().filter(|l| l.contains(':') || l.trim_start().starts_with('-')).count();
    (keyed * 2 >= inside.iter().filter(|l| !l.trim().is_empty()).count()).then_some((start + 1..end, end + 1))
}

/// Detects the shape of plain text (HTML is recognised first, by [`looks_like_html`]).
pub fn detect(lines: &[&str]) -> Shape {
    let mut widths: Vec<(usize, bool)> = Vec::new();
    let mut adjacent = 0;
    let mut prev_blank = true;
    for l in lines {
        let w = width(l);
        if w == 0 {
            prev_blank = true;
            continue;
        }
        if !prev_blank {
            adjacent += 1;
        }
        prev_blank = false;
        widths.push((w, crate::import::reflow::ends_sentence(l)));
    }
    let n = widths.len();
    if n == 0 {
        return Shape::LinePerParagraph;
    }
    if let Some(width) = wrap_width(&widths) {
        return Shape::HardWrapped { width };
    }
    let blocks = n - adjacent;
    if adjacent * 3 < n {
        return Shape::BlankLine;
    }
    // Runs of lines between blank lines: sentences written one a line inside blank-line
    // paragraphs (as in much Markdown) are joined, but lines as long as paragraphs are
    // paragraphs, blank lines or not.
    let mut sorted: Vec<usize> = widths.iter().map(|w| w.0).collect();
    sorted.sort_unstable();
    let median = sorted[sorted.len() / 2];
    if blocks >= 3 && median <= 160 { Shape::BlankLine } else { Shape::LinePerParagraph }
}

/// The width a text is wrapped at, if it is hard-wrapped: most lines sit just under one
/// common width, that width is a line's, not a paragraph's (at most 200 columns), and the
/// lines that fill it mostly break off mid-sentence. Each line comes as (display width,
/// whether it ends a sentence).
pub fn wrap_width(lines: &[(usize, bool)]) -> Option<usize> {
    if lines.len() < 4 {
        return None;
    }
    let mut sorted: Vec<usize> = lines.iter().map(|l| l.0).collect();
    sorted.sort_unstable();
    let full = sorted[(sorted.len() * 9 / 10).min(sorted.len() - 1)];
    if !(30..=200).contains(&full) {
        return None;
    }
    let near: Vec<bool> =
        lines.iter().filter(|(w, _)| w * 4 >= full * 3 && *w <= full + full / 8 + 2).map(|l| l.1).collect();
    let mid_sentence = near.iter().filter(|ends| !**ends).count();
    (near.len() * 2 >= lines.len() && near.len() >= 3 && mid_sentence * 2 >= near.len()).then_some(full)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Shape {
        detect(&text.lines().collect::<Vec<_>>())
    }

    #[test]
    fn hard_wrapped_french() {
        let t = "Il était une fois, dans un petit village au bord de la mer, un pêcheur\n\
                 qui partait chaque matin avant l'aube pour jeter ses filets dans les\n\
                 eaux froides de la baie. Sa femme l'attendait sur la plage le soir.\n\
                 Un jour, il ne revint pas.\n\
                 Les voisins cherchèrent longtemps le long des côtes rocheuses sans\n\
                 jamais trouver la moindre trace de sa barque ni de ses filets perdus.\n";
        assert!(matches!(shape(t), Shape::HardWrapped { .. }));
    }

    #[test]
    fn blank_line_german_and_line_per_paragraph() {
        let long = "Die Arbeiter versammelten sich am Morgen vor dem Rathaus und forderten lautstark, \
                    dass die Regierung die Preiserhöhungen sofort zurücknimmt und mit ihnen spricht.";
        let t =
            format!("Überschrift\n\n{long}\n\n{long} Noch ein Satz, der die Zeile länger macht.\n\n{long}\n");
        assert_eq!(shape(&t), Shape::BlankLine);
        let t = format!("{long}\n{long} Und mehr.\nKurz.\n{long}\n");
        assert_eq!(shape(&t), Shape::LinePerParagraph);
        // Semantic line breaks: one sentence a line, blank lines between paragraphs.
        let t = "Erster Satz.\nZweiter Satz.\n\nDritter Satz.\nVierter Satz.\n\nFünfter.\nSechster.\n";
        assert_eq!(shape(t), Shape::BlankLine);
    }

    #[test]
    fn front_matter_is_found_and_prose_rules_are_not() {
        let lines = ["", "---", "title: 'x'", "tags:", " - a", "---", "<p>x</p>"];
        assert_eq!(front_matter(&lines), Some((2..5, 6)));
        let prose = ["---", "Once upon a time there was a rule", "and more prose here", "---"];
        assert_eq!(front_matter(&prose), None);
        assert!(looks_like_html("<div><p>a</p><p>b</p></div>"));
        assert!(!looks_like_html("a < b and c > d"));
    }
}
