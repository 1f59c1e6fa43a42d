#!/usr/bin/env bash
# The learning curve of docs/ACCURACY.md: every learned part retrained on 25%, 50% and 100% of the
# training data (annotations and train.jsonl, the same fixed subsets in every step), each in a copy
# of data/, then scored on the validation splits, the Persian test fifth and the parallel set.
# Usage: scripts/train/learning_curve.sh [FRACTION...]   (default 0.25 0.5 1)
set -euo pipefail
cd "$(dirname "$0")/../.."
RASAD=${RASAD:-build/rasad}
eval_dir=${RASAD_EVAL:-../shared/eval}
fractions=("$@"); ((${#fractions[@]})) || fractions=(0.25 0.5 1)
for f in "${fractions[@]}"; do
  tmp=$(mktemp -d); cp -r data "$tmp/data"
  RASAD_DATA=$tmp/data scripts/train/train --fraction "$f" > "$tmp/train.log" 2>&1
  ar=$(RASAD_DATA=$tmp/data "$RASAD" -q code "$eval_dir/arabic_gsr/validation.jsonl" --format jsonl |
       python3 "$eval_dir/score.py" detect "$eval_dir/arabic_gsr/validation.jsonl" /dev/stdin | tail -1)
  en=$(RASAD_DATA=$tmp/data "$RASAD" -q code "$eval_dir/plover_gsr/validation.jsonl" --format jsonl |
       python3 "$eval_dir/score.py" plover "$eval_dir/plover_gsr/validation.jsonl" /dev/stdin | grep -E "type\+actors|type-F1" | tr '\n' ' ')
  fa=$(RASAD_DATA=$tmp/data python3 scripts/train/eval_persian.py --rasad "$RASAD" --out "$tmp/eval" | grep -E "micro-F1|type\+actors" | tr '\n' ' ')
  par=$(RASAD_DATA=$tmp/data python3 scripts/train/eval_parallel.py --rasad "$RASAD" --out "$tmp/eval" | tail -1)
  echo "fraction $f | arabic_gsr $ar | plover_gsr $en | persian $fa | parallel $par"
  rm -rf "$tmp"
done
