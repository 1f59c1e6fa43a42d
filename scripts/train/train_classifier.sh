#!/usr/bin/env bash
# Rebuilds rasad's sentence classifiers (data/models/arabic_{protest,assault}.ftz + thresholds.tsv)
# from ../shared/eval/arabic_gsr/dev.jsonl, with 5-fold cross-validation printed on the way, and
# prints the CV accuracy of an English PLOVER type classifier (not shipped: too little data).
# Deterministic: fixed seed, one fastText thread. About a minute on 2 cores.
# Needs: a built rasad (default build/rasad, or $RASAD), the `fasttext` CLI (Debian package).
# Usage: scripts/train/train_classifier.sh [--vectors] [--compare] [--no-ship]
#   --vectors  also try skipgram vectors (dim 50) from ../shared/corpus/saudinewsnet.jsonl.xz
#              (first 8000 articles, cached in $WORK; ~5 minutes to build once)
#   --compare  cross-validate all settings in classifier_cv.py (several minutes), not just `base`
#   --no-ship  cross-validate only; leave data/models alone
set -euo pipefail
cd "$(dirname "$0")/../.."
RASAD=${RASAD:-build/rasad}
WORK=${WORK:-/tmp/rasad-train-classifier}
SHARED=${SHARED:-../shared}
vectors="" configs=base modes=binary out=data/models
for a in "$@"; do
  case $a in
    --vectors) vectors=1 ;;
    --compare) configs=base,bigram,char,char_bigram,base_os,char_os; modes=binary,joint ;;
    --no-ship) out="" ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done
command -v fasttext >/dev/null || { echo "fasttext CLI missing: apt-get install fasttext" >&2; exit 2; }
[[ -x $RASAD ]] || { echo "$RASAD not built (scripts/setup, or set RASAD=)" >&2; exit 2; }
mkdir -p "$WORK"
start=$(date +%s)

# Training lines come from `rasad classify --prep`: the same features() the coder computes at run time.
"$RASAD" classify --prep "$SHARED/eval/arabic_gsr/dev.jsonl" > "$WORK/arabic.txt"
"$RASAD" classify --prep "$SHARED/eval/plover_gsr/dev.jsonl" > "$WORK/plover.txt"

vec_args=()
if [[ -n $vectors ]]; then
  if [[ ! -s $WORK/snn50.vec ]]; then
    xz -dc "$SHARED/corpus/saudinewsnet.jsonl.xz" | head -8000 > "$WORK/snn.jsonl"
    "$RASAD" classify --prep "$WORK/snn.jsonl" | cut -d' ' -f2- > "$WORK/snn.txt"
    fasttext skipgram -input "$WORK/snn.txt" -output "$WORK/snn50" -dim 50 -epoch 5 -minCount 3 \
      -minn 0 -maxn 0 -thread 1 -seed 1 -verbose 0
  fi
  vec_args=(--vectors "$WORK/snn50.vec")
fi

out_args=()
[[ -n $out ]] && out_args=(--out "$out")
python3 scripts/train/classifier_cv.py arabic "$SHARED/eval/arabic_gsr/dev.jsonl" "$WORK/arabic.txt" "$WORK/ar" \
  --configs "$configs" --modes "$modes" "${vec_args[@]}" "${out_args[@]}"
python3 scripts/train/classifier_cv.py plover "$SHARED/eval/plover_gsr/dev.jsonl" "$WORK/plover.txt" "$WORK/en" \
  --configs base
echo "train_classifier: done in $(( $(date +%s) - start ))s"
