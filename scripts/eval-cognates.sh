#!/usr/bin/env bash
# What cognates bring where there is no gold alignment: the RCIT statement among the seeds in
# English, Spanish, Russian, Portuguese and Korean, aligned sentence by sentence with and
# without cognates on harder variants (a tenth of one side's sentences dropped; digits
# stripped too). Prints, per pair, the share of reference sentence pairs still grouped
# together (see examples/cognate_eval.rs for how the reference is made).
#
# Usage: scripts/eval-cognates.sh [BUNDLE] [DRAWS]
#   BUNDLE  default seeds/rcit-kazakhstan-statement.en-es-ru-pt-ko.txt
#   DRAWS   random cuts per pair and variant, default 20
set -euo pipefail

cd "$(dirname "$0")/.."
bundle=${1:-seeds/rcit-kazakhstan-statement.en-es-ru-pt-ko.txt}
draws=${2:-20}
cargo build --release --quiet --example cognate_eval
target/release/examples/cognate_eval "$bundle" "$draws"
