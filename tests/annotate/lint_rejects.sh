#!/usr/bin/env bash
# The annotation linter must reject what the guideline forbids: an unknown key, a wrong checksum,
# a span outside its sentence, an unknown type and an unknown actor code, each named by file:line.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 - "$repo" "$tmp/bad.jsonl" <<'PY'
import json, sys
repo, out = sys.argv[1], sys.argv[2]
s = json.loads(open(f"{repo}/data/annotations/samples/en.jsonl").readline())
base = {k: s[k] for k in ("key", "corpus", "doc", "start", "end", "sha1")}
ev = lambda **kw: dict(dict(type="ACCUSE", mode="", cameo="111", factuality="actual",
                            trigger=[s["start"], s["start"] + 1], source=None, target=None,
                            source_code="", target_code=""), **kw)
rows = [dict(base, key="en-9999", events=[]),
        dict(base, sha1="0" * 40, events=[]),
        dict(base, events=[ev(trigger=[s["end"], s["end"] + 5])]),
        dict(base, events=[ev(type="FIGHT")]),
        dict(base, events=[ev(source_code="QQQGOV")])]
with open(out, "w") as f:
    for r in rows:
        f.write(json.dumps(r) + "\n")
PY
if python3 "$repo/scripts/annotate/lint.py" "$tmp/bad.jsonl" > "$tmp/out" 2>&1; then
  echo "lint accepted a bad file"; cat "$tmp/out"; exit 1
fi
for want in "bad.jsonl:1: error: key 'en-9999'" "bad.jsonl:2: error: sha1 differs" "bad.jsonl:3: error: .*not inside the sentence" \
            "bad.jsonl:4: error: .*unknown PLOVER type 'FIGHT'" "bad.jsonl:5: error: .*'QQQGOV' does not start"; do
  grep -q "$want" "$tmp/out" || { echo "missing: $want"; cat "$tmp/out"; exit 1; }
done
echo "lint rejects all 5 bad records"
