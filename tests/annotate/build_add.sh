#!/usr/bin/env bash
# build.py --add keeps every record of the earlier rounds as it is and adds only the sentences not
# yet annotated: here the last Arabic sentence, taken out of a copy of the files and labelled anew,
# beside a label for an already annotated sentence that must be ignored.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
[[ -d $repo/../shared/corpus ]] || { echo "SKIPPED: ../shared/corpus not found"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/data/kb" "$tmp/labels/ar-A"
cp -r "$repo/data/annotations" "$tmp/data/"
cp -r "$repo/data/kb/ontology" "$repo/data/kb/actors" "$tmp/data/kb/"
ann=$tmp/data/annotations
last=$(tail -n 1 "$ann/ar.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
first=$(head -n 1 "$ann/ar.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
head -n -1 "$ann/ar.jsonl" > "$tmp/kept.jsonl" && cp "$tmp/kept.jsonl" "$ann/ar.jsonl"
cat > "$tmp/labels/ar-A/round.jsonl" <<JSON
{"key": "$first", "events": [{"type": "ASSAULT", "cameo": "190", "factuality": "actual", "trigger": "x"}]}
{"key": "$last", "events": []}
JSON
RASAD_DATA=$tmp/data python3 "$repo/scripts/annotate/build.py" --add --labels "$tmp/labels" > "$tmp/out" 2>&1 ||
  { cat "$tmp/out"; exit 1; }
n_before=$(wc -l < "$tmp/kept.jsonl")
[[ $(wc -l < "$ann/ar.jsonl") == $((n_before + 1)) ]] || { echo "expected one record more"; exit 1; }
head -n "$n_before" "$ann/ar.jsonl" | cmp -s - "$tmp/kept.jsonl" || { echo "earlier records changed"; exit 1; }
tail -n 1 "$ann/ar.jsonl" | python3 -c "
import json, sys
r = json.load(sys.stdin)
assert r['key'] == '$last' and r['events'] == [] and r['annotator'] == 'helper-ar-A', r
"
cmp -s "$ann/fa.jsonl" "$repo/data/annotations/fa.jsonl" || { echo "fa.jsonl changed"; exit 1; }
grep -q "^| ar | $((n_before + 1)) |" "$ann/agreement.md" || { echo "agreement.md does not count the new record"; exit 1; }
python3 "$repo/scripts/annotate/lint.py" "$ann/ar.jsonl" > /dev/null
echo "build.py --add kept $n_before records and added $last"
