#!/usr/bin/env python3
"""What a built-in dictionary brings where there is no gold alignment, measured as
scripts/eval-cognates.sh measures cognates: two translations cut into sentences (one a line) are
aligned whole with and without the dictionary (`diglot align --no-dictionary`); the sentence
pairs both alignments agree on are the reference. Then a tenth of one side's sentences is
dropped (left and right in turn, several draws), optionally with the digits stripped from both
sides, and each variant is aligned with and without the dictionary. The score is the share of
reference pairs (both sentences kept) that still fall in one group.

Usage: scripts/eval-dictionary.py LEFT RIGHT LEFT_LANG RIGHT_LANG [DRAWS] [DIGLOT]
  LEFT, RIGHT  plain texts, paragraphs separated by blank lines
  DRAWS        random cuts per variant, default 6
  DIGLOT       default target/release/diglot

The German and French GNU manuals the README quotes were made from Debian's manpages-de and
manpages-fr packages (`apt-get download manpages-de manpages-fr`, `dpkg-deb -x`), for each of
find, grep, tar, gzip, bzip2 and ls in turn, concatenated:
  zcat usr/share/man/de/man1/find.1.gz | groff -k -man -Tutf8 -rLL=2000n -rHY=0 -dAD=l -P-cbou \\
      | sed -E 's/^ +//; s/ +/ /g' | cat -s >> de.txt
"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile


def sentences(path):
    out = []
    for para in open(path, encoding="utf-8").read().split("\n\n"):
        text = " ".join(para.split())
        for s in re.split(r"(?<=[.!?;:])\s+(?=[A-ZÄÖÜÉÈÀ«»\"(])", text):
            if s.strip():
                out.append(s.strip())
    return out


def align(diglot, left, right, langs, options):
    d = tempfile.mkdtemp()
    for name, lines in (("l", left), ("r", right)):
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    args = [diglot, "align", os.path.join(d, "l"), os.path.join(d, "r"), "--one-per-line", "--no-cache"]
    args += ["--format", "jsonl", "--left-lang", langs[0], "--right-lang", langs[1]] + options
    run = subprocess.run(args, capture_output=True, text=True, env=dict(os.environ, DIGLOT_HOME=d), check=True)
    pairs = set()
    for line in run.stdout.splitlines():
        g = json.loads(line)
        pairs.update((i, j) for i in g["left_ids"] for j in g["right_ids"])
    return pairs


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    left, right = sentences(sys.argv[1]), sentences(sys.argv[2])
    langs = (sys.argv[3], sys.argv[4])
    draws = int(sys.argv[5]) if len(sys.argv) > 5 else 6
    diglot = sys.argv[6] if len(sys.argv) > 6 else "target/release/diglot"
    variants = [["--no-dictionary"], []]
    reference = align(diglot, left, right, langs, variants[0]) & align(diglot, left, right, langs, variants[1])
    print(f"{len(left)} x {len(right)} sentences, {len(reference)} reference pairs")
    for digits in (False, True):
        score = [[0, 0], [0, 0]]
        for draw in range(draws):
            rng = random.Random(draw)
            keep = [[True] * len(left), [True] * len(right)]
            side = keep[draw % 2 == 0]
            for k in range(len(side)):
                side[k] = rng.random() >= 0.1

            def variant(texts, kept):
                index, out = {}, []
                for k, (s, ok) in enumerate(zip(texts, kept)):
                    if ok:
                        index[k] = len(out)
                        out.append(re.sub(r"\d", "", s) if digits else s)
                return out, index

            (lv, li), (rv, ri) = variant(left, keep[0]), variant(right, keep[1])
            for k, options in enumerate(variants):
                found = align(diglot, lv, rv, langs, options)
                for i, j in reference:
                    if i in li and j in ri:
                        score[k][1] += 1
                        score[k][0] += (li[i], ri[j]) in found
        pct = [100 * h / max(1, n) for h, n in score]
        print(f"{'cut, digits' if digits else 'cut':<12} without {pct[0]:.1f} %   with {pct[1]:.1f} %")


main()
