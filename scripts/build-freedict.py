#!/usr/bin/env python3
"""Derives a dictionary the aligner embeds (data/dict/xx-yy.tsv) from FreeDict's WikDict
dictionaries (CC BY-SA 3.0, made from Wiktionary by WikDict, https://www.wikdict.com/), as
Debian packages them (dict-freedict-deu-fra and so on: `FILE.index` and `FILE.dict.dz` in
/usr/share/dictd/).

Each entry of a dictd file is a headword line (`word /ipa/ <pos>`), then for each sense a line of
translations (`1. aller, marcher`) and a line or more of definition in the source language, which
is left out. Output: one line a headword, `headword<TAB>word word ...`: the content words of its
translations, lowercased, each once, the first senses' first. Given the dictionary of the other
direction too (fra-deu beside deu-fra), its entries are turned round: each translation becomes a
headword whose words are the other entry's headword. The aligner stems the words itself.

Only the licences of WikDict dictionaries (CC BY-SA 3.0) are fit for diglot, which is MIT or
Apache-2.0: FreeDict's older dictionaries (eng-deu, eng-fra, eng-spa...) are GPL and are not
used.

Usage: scripts/build-freedict.py SRC_TGT_BASE [TGT_SRC_BASE] > data/dict/xx-yy.tsv
  where BASE is a path without its .index / .dict.dz ending, e.g.
  /usr/share/dictd/freedict-deu-fra
"""
import gzip
import re
import sys

# Function words of the languages WikDict translates into: a translation shares them with any
# sentence. Short words (one letter) are dropped whatever the language.
STOP = set(
    """
le la les l un une des du de d au aux et ou à a en dans sur pour par avec sans se s qu que qui
ne pas être avoir faire quelque chose quelqu quelqu'un qch qn
der die das den dem des ein eine einer einen einem eines und oder zu zum zur in im an am auf
für mit von vom bei aus sich etwas jemand jemanden jemandem jmd jmdn jmdm etw sein haben werden
el los las lo uno una unos unas y o e u del al en con por para sin se algo alguien ser estar
haber hacer
os as um uma uns umas ou do da dos das no na nos nas em com por para sem se algo alguém ser
estar ter fazer
il gli i lo una uno di da del della dei delle nel nella con per su si qualcosa qualcuno essere
avere fare
и или в во на с со к ко по за из от до о об у не что-либо кто-либо что-то кто-то быть себя
the a an to of and or in on at by for with from as be is sb sth something someone
i w we z ze na do od o u za po nie się coś ktoś być
""".split()
)


def b64(s):
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    n = 0
    for c in s:
        n = n * 64 + digits.index(c)
    return n


def entries(base):
    """(headword, [translation, ...]) of each entry of a dictd dictionary, senses in order."""
    data = gzip.open(base + ".dict.dz").read()
    seen = set()
    with open(base + ".index", encoding="utf-8") as index:
        for line in index:
            word, off, size = line.rstrip("\n").split("\t")
            if word.startswith("00database") or (off, size) in seen:
                continue
            seen.add((off, size))
            text = data[b64(off) : b64(off) + b64(size)].decode("utf-8")
            lines = text.split("\n")
            head = re.sub(r"\s*(/[^/]*/\s*)*(<[^>]*>)?\s*$", "", lines[0]).strip()
            translations = []
            expect = True
            for l in lines[1:]:
                if not l.strip():
                    continue
                if re.fullmatch(r"\s*\d+\.\s*", l):
                    # A sense without a translation: its definition follows.
                    expect = False
                    continue
                numbered = re.match(r"\d+\. ", l)
                if expect or numbered:
                    t = re.sub(r"^\d+\.\s*", "", l)
                    t = re.sub(r"\s+\d+\.\s*$", "", t)
                    translations.extend(x.strip() for x in t.split(",") if x.strip())
                    expect = False
                else:
                    expect = True
            if head and translations:
                yield head, translations


def words(text):
    out = []
    for w in re.split(r"[^\w'’-]+", text.lower()):
        w = w.strip("'’-")
        if len(w) > 1 and w not in STOP and not w.isdigit():
            out.append(w)
    return out


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    table = {}

    def add(head, ws):
        slot = table.setdefault(head, [])
        for w in ws:
            if w not in slot:
                slot.append(w)

    for head, translations in entries(sys.argv[1]):
        for t in translations:
            add(head, words(t))
    if len(sys.argv) == 3:
        for head, translations in entries(sys.argv[2]):
            back = words(head)
            for t in translations:
                # A translation of several words is a phrase of the source language: keep it as
                # a headword when it is short, as a dictionary would list it.
                if 0 < len(t.split()) <= 2:
                    add(t, back)
    print("# Derived from FreeDict's WikDict dictionaries (https://www.wikdict.com/, made from")
    print("# Wiktionary; https://freedict.org/), licensed CC BY-SA 3.0; this file is under the same")
    print("# licence. Made by scripts/build-freedict.py: headword, the content words of its translations.")
    for head in sorted(table):
        ws = table[head][:30]
        if ws and "\t" not in head:
            print(f"{head}\t{' '.join(ws)}")


main()
