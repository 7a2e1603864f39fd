#!/usr/bin/env python3
"""Gale-Church baseline on MAC-Dev: aligns each chapter NNN.zh (source) with NNN.en (target)
with nltk's Gale-Church implementation on character lengths, and writes ladders
(`[zh ids]:[en ids]`, 0-based, as the gold NNN.align) for `diglot eval`.

Usage: gale_church_baseline.py [MAC_DEV_DIR] [--out DIR] [--ratio auto|1]

--ratio auto (the default) sets Gale-Church's c, the expected English characters per Chinese
character, to each chapter's total English length over its total Chinese length (Gale & Church
estimate c from the corpus the same way), and scales the variance s2 = 6.8 by c with it, since
it is counted in English characters per Chinese one; --ratio 1 keeps nltk's language-independent
c = 1, s2 = 6.8. The normal tail is computed stably unless
--nltk-as-is is given (see stable_logsf). Needs nltk (pip install nltk).
"""

import argparse
import glob
import os
import sys

import math

try:
    from nltk.translate import gale_church
    from nltk.translate.gale_church import LanguageIndependent, align_blocks
except ImportError:
    sys.exit("gale_church_baseline.py: needs nltk (pip install nltk)")


def stable_logsf(x):
    """log P(Z > x) for a standard normal Z, finite for every x. nltk's fallback computes
    log(1 - cdf(x)), which is -inf past x of about 8; its search then finds every move into a
    cell infinitely costly and resets that cell to cost 0, so the path runs through free cells
    far off the diagonal and most sentences end up unaligned."""
    if x < 5:
        return math.log(0.5 * math.erfc(x / math.sqrt(2)))
    # Asymptotic tail (Mills ratio), accurate to well under 1 % from x = 5 on.
    return -x * x / 2 - math.log(x) - 0.5 * math.log(2 * math.pi) + math.log(1 - 1 / (x * x + 2))


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


def beads(links, n_src, n_tgt):
    """nltk returns sentence links (i, j); a bead is a connected group of links, and a
    sentence with no link is a 1-0 or 0-1 bead. Beads come out in text order."""
    by_src, by_tgt = {}, {}
    for i, j in links:
        by_src.setdefault(i, set()).add(j)
        by_tgt.setdefault(j, set()).add(i)
    out, seen_src, seen_tgt = [], set(), set()
    i = j = 0
    while i < n_src or j < n_tgt:
        if i < n_src and i in seen_src:
            i += 1
            continue
        if j < n_tgt and j in seen_tgt:
            j += 1
            continue
        if i < n_src and i not in by_src:
            out.append(([i], []))
            seen_src.add(i)
            continue
        if j < n_tgt and j not in by_tgt:
            out.append(([], [j]))
            seen_tgt.add(j)
            continue
        # Grow the connected group that holds source sentence i.
        src, tgt = {i}, set()
        frontier = [("s", i)]
        while frontier:
            side, k = frontier.pop()
            if side == "s":
                for t in by_src.get(k, ()):
                    if t not in tgt:
                        tgt.add(t)
                        frontier.append(("t", t))
            else:
                for s in by_tgt.get(k, ()):
                    if s not in src:
                        src.add(s)
                        frontier.append(("s", s))
        out.append((sorted(src), sorted(tgt)))
        seen_src |= src
        seen_tgt |= tgt
    return out


def ladder_line(bead):
    src, tgt = bead
    return "[{}]:[{}]".format(", ".join(map(str, src)), ", ".join(map(str, tgt)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mac_dev", nargs="?", default="../shared/data/mac-dev")
    ap.add_argument("--out", default="target/mac-dev/gale-church", help="where the ladders go")
    ap.add_argument("--ratio", default="auto", choices=["auto", "1"])
    ap.add_argument(
        "--nltk-as-is", action="store_true", help="keep nltk's own log tail (see stable_logsf)"
    )
    args = ap.parse_args()
    if not args.nltk_as_is:
        gale_church.norm_logsf = stable_logsf

    chapters = sorted(glob.glob(os.path.join(args.mac_dev, "[0-9][0-9][0-9].zh")))
    if not chapters:
        sys.exit(f"gale_church_baseline.py: no NNN.zh files in '{args.mac_dev}'")
    os.makedirs(args.out, exist_ok=True)
    for zh_path in chapters:
        stem = zh_path[: -len(".zh")]
        zh, en = read_lines(zh_path), read_lines(stem + ".en")
        zh_lens, en_lens = [len(s) for s in zh], [len(s) for s in en]

        c = sum(en_lens) / max(1, sum(zh_lens)) if args.ratio == "auto" else 1

        class Params(LanguageIndependent):
            AVERAGE_CHARACTERS = c
            VARIANCE_CHARACTERS = LanguageIndependent.VARIANCE_CHARACTERS * c

        links = align_blocks(zh_lens, en_lens, Params)
        out_path = os.path.join(args.out, os.path.basename(stem) + ".align")
        with open(out_path, "w", encoding="utf-8") as f:
            for b in beads(links, len(zh), len(en)):
                f.write(ladder_line(b) + "\n")
        print(f"{out_path}: c = {c:.2f}, s2 = {Params.VARIANCE_CHARACTERS:.2f}", file=sys.stderr)


if __name__ == "__main__":
    main()
