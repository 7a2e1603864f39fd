//! The start screen's list of built-in works: one line a work, with its languages and how
//! much of it a person has verified. Opening one is [`super::open`]'s.

use crate::alignment::Status;
use crate::document::Lang;
use crate::works::{Library, Work};

/// One line of the library screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub title: String,
    /// The languages, and how many paragraphs the importer finds in each (`None`: the text
    /// could not be read).
    pub langs: Vec<(Lang, Option<usize>)>,
    /// Share of the default pair's groups a person has verified (`None`: no stored alignment,
    /// or a one-pane work).
    pub verified: Option<f32>,
    /// Read in one pane.
    pub single: bool,
}

/// The default pair: English on the left when the work has it, the next language on the right.
pub fn default_langs(work: &Work) -> Option<(Lang, Lang)> {
    let langs = work.langs();
    if work.mixed || langs.len() < 2 {
        return None;
    }
    let left = if langs.contains(&Lang::EN) { Lang::EN } else { langs[0] };
    let right = langs.iter().copied().find(|l| *l != left)?;
    Some((left, right))
}

/// The library screen's lines, one per work. A text that fails to load is shown, not fatal.
pub fn entries(lib: &Library) -> Vec<Entry> {
    lib.works()
        .iter()
        .map(|w| {
            let single = default_langs(w).is_none();
            let langs = if w.mixed {
                match w.texts.first().map(|t| lib.document(&w.id, t.lang)) {
                    Some(Ok(doc)) => {
                        let mut ls: Vec<Lang> = Vec::new();
                        for p in &doc.paragraphs {
                            if !ls.contains(&p.lang) && p.lang != Lang::UND {
                                ls.push(p.lang);
                            }
                        }
                        let n = doc.len();
                        ls.into_iter().enumerate().map(|(i, l)| (l, (i == 0).then_some(n))).collect()
                    }
                    _ => w.langs().into_iter().map(|l| (l, None)).collect(),
                }
            } else {
                lib.paragraph_counts(w)
            };
            let verified = default_langs(w).and_then(|(l, r)| {
                let (al, _) = lib.alignment(&w.id, l, r).ok()??;
                let n = al.groups.len();
                let v = al.groups.iter().filter(|g| g.status == Status::Verified).count();
                (n > 0).then(|| v as f32 / n as f32)
            });
            Entry { id: w.id.clone(), title: w.title.clone(), langs, verified, single }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn lists_the_built_in_works() {
        let lib = Library::load_from(None).unwrap();
        let es = entries(&lib);
        let up = es.iter().find(|e| e.id == "uprising").unwrap();
        assert!(!up.single);
        assert!(up.langs.iter().all(|(_, n)| n.is_some_and(|n| n > 10)));
        assert!(es.iter().find(|e| e.id == "zhihu").is_some_and(|e| e.single));
        // Counted with each file imported once, the same as each language's document.
        for w in lib.works().iter().filter(|w| !w.mixed) {
            for (l, n) in lib.paragraph_counts(w) {
                assert_eq!(n, Some(lib.document(&w.id, l).unwrap().len()), "{} {l}", w.id);
            }
        }
        let rcit = es.iter().find(|e| e.id == "rcit").unwrap();
        let counts: Vec<usize> = rcit.langs.iter().map(|(_, n)| n.unwrap()).collect();
        assert_eq!(counts, vec![14, 12, 13, 13, 9]);
    }
}
