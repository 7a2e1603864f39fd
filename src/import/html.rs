//! Front matter and HTML: web pages saved with a YAML header, as blog engines and scrapers
//! write them. html5ever tokenizes (entities decoded, comments, scripts and odd markup handled
//! as browsers do); block tags make paragraphs, `<h1>`–`<h6>` headings, `<figcaption>` captions.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use crate::document::Kind;
use crate::import::lang::is_cjk_char;
use crate::import::reflow::Block;

/// The `title:` of front matter, as a heading block. `range` holds 0-based line indexes.
pub fn front_matter_title(lines: &[&str], range: std::ops::Range<usize>) -> Option<Block> {
    for i in range {
        let l = lines.get(i)?;
        if let Some(v) = l.trim_start().strip_prefix("title:") {
            let v = v.trim();
            let v = ['\'', '"']
                .iter()
                .find_map(|q| v.strip_prefix(*q).and_then(|s| s.strip_suffix(*q)))
                .unwrap_or(v)
                .trim();
            if v.is_empty() {
                return None;
            }
            let mut b = Block::new(i + 1, vec![v.to_string()]);
            b.hint = Some(Kind::Heading);
            return Some(b);
        }
    }
    None
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
    "pre",
    "address",
    "title",
    "body",
    "head",
    "html",
    "img",
];
const SKIPPED: &[&str] = &["script", "style", "template", "noscript", "svg", "math"];

#[derive(Default)]
struct State {
    blocks: Vec<Block>,
    /// The text of the block being read, with whitespace collapsed as a browser shows it.
    text: String,
    first: usize,
    last: usize,
    /// A space is owed before the next text (whitespace was seen), and whether that
    /// whitespace held a line break (which vanishes between CJK characters).
    pending_space: Option<bool>,
    hint: Option<Kind>,
    skip_depth: usize,
}

impl State {
    fn flush(&mut self) {
        let t = std::mem::take(&mut self.text);
        if !t.trim().is_empty() {
            let mut b = Block::new(self.first, vec![t.trim().to_string()]);
            b.last = self.last.max(self.first);
            b.hint = self.hint;
            self.blocks.push(b);
        }
        self.pending_space = None;
    }

    fn push_text(&mut self, s: &str, mut line: usize) {
        for ch in s.chars() {
            // HTML collapses ASCII whitespace only; a no-break space is text.
            if ch.is_ascii_whitespace() {
                let newline = ch == '\n';
                self.pending_space = Some(self.pending_space.unwrap_or(false) || newline);
                if newline {
                    line += 1;
                }
                continue;
            }
            if let Some(had_newline) = self.pending_space.take() {
                let prev = self.text.chars().next_back();
                let cjk_join = had_newline && (prev.is_some_and(is_cjk_char) || is_cjk_char(ch));
                if prev.is_some() && !cjk_join {
                    self.text.push(' ');
                }
            }
            if self.text.is_empty() {
                self.first = line;
            }
            self.text.push(ch);
            self.last = line;
        }
    }
}

struct Sink {
    state: RefCell<State>,
    base: usize,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let mut st = self.state.borrow_mut();
        let line = self.base + line_number as usize;
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                if SKIPPED.contains(&name) {
                    match tag.kind {
                        TagKind::StartTag if !tag.self_closing => {
                            st.skip_depth += 1;
                            let raw = if name == "script" { RawKind::ScriptData } else { RawKind::Rawtext };
                            if matches!(name, "script" | "style" | "template" | "noscript") {
                                return TokenSinkResult::RawData(raw);
                            }
                        }
                        TagKind::EndTag => st.skip_depth = st.skip_depth.saturating_sub(1),
                        TagKind::StartTag => {}
                    }
                    return TokenSinkResult::Continue;
                }
                if BLOCK_TAGS.contains(&name) {
                    st.flush();
                    st.hint = match (tag.kind, name) {
                        (TagKind::StartTag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "title") => {
                            Some(Kind::Heading)
                        }
                        (TagKind::StartTag, "figcaption" | "caption") => Some(Kind::Caption),
                        // A list item is text to read, however short.
                        (TagKind::StartTag, "li" | "dd") => Some(Kind::Body),
                        _ => None,
                    };
                }
            }
            // The tokenizer reports the line it has reached, i.e. the end of the text.
            Token::CharacterTokens(t) if st.skip_depth == 0 => {
                let newlines = t.matches('\n').count();
                st.push_text(&t, line.saturating_sub(newlines));
            }
            Token::EOFToken => st.flush(),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Paragraph blocks of an HTML body that starts at source line `base + 1`.
pub fn blocks(body: &str, base: usize) -> Vec<Block> {
    let sink = Sink { state: RefCell::new(State::default()), base };
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(body));
    let _ = tok.feed(&input);
    tok.end();
    let mut st = tok.sink.state.borrow_mut();
    st.flush();
    join_broken_sentences(std::mem::take(&mut st.blocks))
}

/// Web authors often break one sentence over several `<p>`s for rhythm; a `<p>` that ends
/// in a comma continues in the next one, so the two make one paragraph.
fn join_broken_sentences(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let Some(prev) = out.last_mut() {
            let open = prev.parts().next_back().is_some_and(|t| t.ends_with(['，', ',', '、', '；', ';']));
            if open && prev.hint.is_none() && b.hint.is_none() {
                prev.append(b);
                continue;
            }
        }
        out.push(b);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(String, usize, usize, Option<Kind>)> {
        blocks(html, 0).into_iter().map(|b| (b.text(), b.first, b.last, b.hint)).collect()
    }

    #[test]
    fn paragraphs_entities_and_skipped_markup() {
        let got = texts(
            "<h2>Caf&eacute; &amp; Co</h2>\n<p>Un <b>bon</b> caf&#233;.</p><!-- x --><script>var a='<p>';</script>\n\
             <figure><img src=x><figcaption>Le bar</figcaption></figure><p>Fin&nbsp;!</p>",
        );
        assert_eq!(got.len(), 4, "{got:#?}");
        assert_eq!(got[0].0, "Café & Co");
        assert_eq!(got[0].3, Some(Kind::Heading));
        assert_eq!(got[1].0, "Un bon café.");
        assert_eq!(got[2].0, "Le bar");
        assert_eq!(got[2].3, Some(Kind::Caption));
        assert_eq!(got[3].0, "Fin\u{a0}!");
    }

    #[test]
    fn line_numbers_follow_the_source() {
        let got = texts("<p>one</p>\n\n<p>two\nlines</p>\n<p>四</p>");
        assert_eq!((got[0].1, got[0].2), (1, 1));
        assert_eq!((got[1].1, got[1].2), (3, 4));
        assert_eq!(got[1].0, "two lines");
        assert_eq!((got[2].1, got[2].2), (5, 5));
    }

    #[test]
    fn sentences_broken_over_paragraphs_are_joined() {
        let got = texts("<p>这不是电影，</p><p>这里是政府大楼，</p><p>太魔幻了。</p><p>另一段。</p><br><br>");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "这不是电影，这里是政府大楼，太魔幻了。");
    }

    #[test]
    fn front_matter_title_loses_its_quotes() {
        let lines = ["---", "title: '标题？'", "date: x", "---"];
        let b = front_matter_title(&lines, 1..3).map(|b| (b.text(), b.first));
        assert_eq!(b, Some(("标题？".to_string(), 2)));
    }
}
