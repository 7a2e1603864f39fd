#!/usr/bin/env python3
"""What strict F1 does not show, from the files scripts/eval-mac-dev.sh leaves: how many of the
gold 1-0 and 0-1 groups diglot found (recall of left-out sentences), and whether its confidence
is honest (how often groups under and over the review threshold are wrong, i.e. not a gold
group).

Usage: scripts/mac-dev-details.py [MAC_DEV_DIR] [JSONL_DIR]
  MAC_DEV_DIR  default ../shared/data/mac-dev
  JSONL_DIR    default target/mac-dev/diglot (NNN.jsonl from `diglot align --format jsonl`)
"""
import json
import re
import sys
from pathlib import Path

THRESHOLD = 0.5


def beads(path):
    out = []
    for line in open(path, encoding="utf-8"):
        if ":" not in line:
            continue
        left, right = line.split(":", 1)
        out.append((tuple(int(x) for x in re.findall(r"\d+", left)), tuple(int(x) for x in re.findall(r"\d+", right))))
    return out


def main():
    mac = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/mac-dev")
    got_dir = Path(sys.argv[2] if len(sys.argv) > 2 else "target/mac-dev/diglot")
    gaps_gold = gaps_found = gaps_made = 0
    conf = {"low": [0, 0], "high": [0, 0]}  # [groups, wrong]
    for gold_path in sorted(mac.glob("[0-9][0-9][0-9].align")):
        ch = gold_path.stem
        jsonl = got_dir / f"{ch}.jsonl"
        if not jsonl.is_file():
            sys.exit(f"mac-dev-details.py: no {jsonl} (run scripts/eval-mac-dev.sh first)")
        gold = set(beads(gold_path))
        got = []
        for line in open(jsonl, encoding="utf-8"):
            g = json.loads(line)
            got.append(((tuple(g["left_ids"]), tuple(g["right_ids"])), g["confidence"]))
        gaps = {b for b in gold if not b[0] or not b[1]}
        gaps_gold += len(gaps)
        gaps_found += sum(1 for b, _ in got if b in gaps)
        gaps_made += sum(1 for b, _ in got if not b[0] or not b[1])
        for b, c in got:
            k = "low" if c < THRESHOLD else "high"
            conf[k][0] += 1
            conf[k][1] += b not in gold
    print(f"1-0/0-1: {gaps_found} of {gaps_gold} gold found ({gaps_made} made)")
    for k, label in (("low", f"< {THRESHOLD}"), ("high", f">= {THRESHOLD}")):
        n, wrong = conf[k]
        share = wrong / n if n else 0.0
        print(f"confidence {label}: {n} groups, {wrong} wrong ({share:.0%})")


main()
