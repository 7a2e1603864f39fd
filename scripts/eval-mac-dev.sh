#!/usr/bin/env bash
# Scores aligners on MAC-Dev with `diglot eval`: the Gale-Church baseline (nltk, see
# gale_church_baseline.py) and diglot itself (`diglot align NNN.zh NNN.en --one-per-line
# --format jsonl`, plus a length-only run when `diglot align` offers --length-only). Prints strict
# and lax precision, recall and F1 per chapter and micro-averaged over all chapters (counts
# summed, as Vecalign's score.py does).
#
# Usage: scripts/eval-mac-dev.sh [MAC_DEV_DIR] [DIGLOT]
#   MAC_DEV_DIR  default ../shared/data/mac-dev
#   DIGLOT       default target/release/diglot (build it with `cargo build --release`)
# Ladders, jsonl and the raw results go to $WORK_DIR (default target/mac-dev).
# A system that fails on a chapter is reported as failed with its first error line; the other
# rows still print.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
mac=${1:-../shared/data/mac-dev}
diglot=${2:-target/release/diglot}
work=${WORK_DIR:-target/mac-dev}

[ -d "$mac" ] || { echo "eval-mac-dev.sh: no MAC-Dev directory at '$mac'" >&2; exit 2; }
[ -x "$diglot" ] || { echo "eval-mac-dev.sh: no diglot binary at '$diglot' (cargo build --release)" >&2; exit 2; }
chapters=$(cd "$mac" && ls [0-9][0-9][0-9].align 2>/dev/null | sed 's/\.align$//')
[ -n "$chapters" ] || { echo "eval-mac-dev.sh: no NNN.align files in '$mac'" >&2; exit 2; }
mkdir -p "$work"
results="$work/results.tsv"
: > "$results"

# score SYSTEM CHAPTER FILE: appends "system chapter json" (or "system chapter FAILED: why").
score() {
    local out
    if out=$("$diglot" eval "$mac/$2.align" "$3" --format json 2>&1); then
        printf '%s\t%s\t%s\n' "$1" "$2" "$out" >> "$results"
    else
        printf '%s\t%s\tFAILED: %s\n' "$1" "$2" "$(head -n1 <<<"$out")" >> "$results"
    fi
}

# The two Gale-Church variants: nltk's defaults, and c, s2 scaled to each chapter's length ratio.
for ratio in 1 auto; do
    name="gale-church c=$ratio"
    dir="$work/gale-church-$ratio"
    if python3 "$here/gale_church_baseline.py" "$mac" --out "$dir" --ratio "$ratio" 2>"$work/gc.err"; then
        for ch in $chapters; do score "$name" "$ch" "$dir/$ch.align"; done
    else
        for ch in $chapters; do printf '%s\t%s\tFAILED: %s\n' "$name" "$ch" "$(tail -n1 "$work/gc.err")" >> "$results"; done
    fi
done

# diglot align, and its length-only mode when the binary has one.
variants=("diglot|")
if "$diglot" align --help 2>/dev/null | grep -q -- '--length-only'; then
    variants+=("diglot length-only|--length-only")
fi
for v in "${variants[@]}"; do
    name=${v%%|*}
    extra=${v#*|}
    dir="$work/${name// /-}"
    mkdir -p "$dir"
    for ch in $chapters; do
        # --no-cache: a cached alignment is the aligner that made it, not the one measured
        # (one keyed by an unchanged ALIGNER_VERSION would hide every change).
        # shellcheck disable=SC2086
        if "$diglot" align "$mac/$ch.zh" "$mac/$ch.en" --one-per-line --no-cache --format jsonl $extra \
            > "$dir/$ch.jsonl" 2> "$dir/$ch.err"; then
            score "$name" "$ch" "$dir/$ch.jsonl"
        else
            printf '%s\t%s\tFAILED: diglot align: %s\n' "$name" "$ch" "$(head -n1 "$dir/$ch.err")" >> "$results"
        fi
    done
done

python3 - "$results" <<'PY'
import json, sys

rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    system, chapter, result = line.rstrip("\n").split("\t", 2)
    rows.setdefault(system, []).append((chapter, result))

def prf(hits, misses):
    return hits / (hits + misses) if hits + misses else 0.0

def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0

def cells(pc, rc):
    out = []
    for kind in ("strict", "lax"):
        p = prf(pc[kind + "_hits"], pc[kind + "_misses"])
        r = prf(rc[kind + "_hits"], rc[kind + "_misses"])
        out += [p, r, f1(p, r)]
    return "  ".join(f"{x:.3f}" for x in out)

keys = ("strict_hits", "strict_misses", "lax_hits", "lax_misses")
print(f"{'system':<22} {'chapter':<7}  strict P      R     F1    lax P      R     F1")
for system, results in rows.items():
    total_p = dict.fromkeys(keys, 0)
    total_r = dict.fromkeys(keys, 0)
    failed = 0
    for chapter, result in results:
        if result.startswith("FAILED"):
            failed += 1
            print(f"{system:<22} {chapter:<7}  {result}")
            continue
        v = json.loads(result)
        pc, rc = v["precision_counts"], v["recall_counts"]
        for k in keys:
            total_p[k] += pc[k]
            total_r[k] += rc[k]
        print(f"{system:<22} {chapter:<7}     {cells(pc, rc)}")
    if failed == len(results):
        print(f"{system:<22} {'all':<7}  no chapter scored")
    elif failed:
        print(f"{system:<22} {'all':<7}     {cells(total_p, total_r)}  ({failed} chapters failed, left out)")
    else:
        print(f"{system:<22} {'all':<7}     {cells(total_p, total_r)}")
PY
