#!/usr/bin/env bash
# Scores rasad's event coder on the validation splits of the two gold standards in ../shared/eval
# with their own scorer (learned parts are fitted on train.jsonl only), then on the Persian test
# fifth of the annotations and on the parallel set. Usage: bench/eval.sh [--build-dir DIR] [extra `rasad code` arguments...]
# Prints the scorer's figures; record them in docs/ACCURACY.md when they move.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=build
if [[ "${1:-}" == "--build-dir" ]]; then build_dir=$2; shift 2; fi
eval_dir=${RASAD_EVAL:-../shared/eval}
out=${RASAD_EVAL_OUT:-$build_dir/eval}
mkdir -p "$out"
for set in arabic_gsr plover_gsr; do
  gold=$eval_dir/$set/validation.jsonl
  [[ -f $gold ]] || { echo "eval: $gold not found" >&2; exit 1; }
  start=$(date +%s.%N)
  "$build_dir/rasad" -q code "$gold" --format jsonl "$@" > "$out/$set.pred.jsonl"
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  echo "== $set ($(wc -l < "$gold") sentences, $(wc -l < "$out/$set.pred.jsonl") events, ${secs}s)"
  mode=detect; [[ $set == plover_gsr ]] && mode=plover
  python3 "$eval_dir/score.py" $mode "$gold" "$out/$set.pred.jsonl"
done
python3 scripts/train/eval_persian.py --rasad "$build_dir/rasad" --out "$out"
python3 scripts/train/eval_parallel.py --rasad "$build_dir/rasad" --out "$out"
