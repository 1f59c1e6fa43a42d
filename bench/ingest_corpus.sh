#!/usr/bin/env bash
# Timed ingest of a large corpus built from ../shared/corpus: SaudiNewsNet and Fars News as they are,
# plus copies of every article republished by other (fictional) outlets under new ids, with an
# outlet line added and the first sentence dropped in every second copy -- the near-duplicates a
# news crawl is full of. Reports documents/s, store size per document, peak memory, near-duplicates
# found and the latency of a dyad timeline query. Figures go in docs/STORE.md and docs/PERFORMANCE.md.
# Usage: bench/ingest_corpus.sh [build-dir] [copies (default 2: 32.5k originals + 65k copies)]
set -euo pipefail
cd "$(dirname "$0")/.."
rasad=$(realpath "${1:-build}/rasad")
copies=${2:-2}
work=${RASAD_BENCH_DIR:-$(mktemp -d)}
corpus=$work/corpus.jsonl
python3 - "$copies" > "$corpus" <<'PY'
import json, lzma, sys
copies = int(sys.argv[1])
outlets = ["وكالة الأنباء المثال", "صحيفة النموذج", "خبرگزاری نمونه", "شبكة الاختبار"]
for path in ("../shared/corpus/saudinewsnet.jsonl.xz", "../shared/corpus/farsnews.jsonl.xz"):
    rows = [json.loads(l) for l in lzma.open(path, "rt", encoding="utf-8")]
    for r in rows:
        print(json.dumps(r, ensure_ascii=False))
    for k in range(copies):
        for r in rows:
            c = dict(r)
            c["id"] = f"{r.get('id')}#copy{k + 1}"
            text = r.get("text") or ""
            if k % 2 == 1 and ". " in text:
                text = text.split(". ", 1)[1]
            c["text"] = outlets[k % len(outlets)] + "\n" + text
            c["source"] = outlets[k % len(outlets)]
            print(json.dumps(c, ensure_ascii=False))
PY
echo "corpus: $(wc -l < "$corpus") documents, $(du -h "$corpus" | cut -f1)"
db=$work/bench.db
rm -f "$db" "$db"-wal "$db"-shm
/usr/bin/time -f "peak_rss_kb %M wall_s %e" "$rasad" -q ingest --threads 2 --db "$db" "$corpus"
echo "store size: $(du -b "$db" | cut -f1) bytes"
for run in 1 2 3; do
  /usr/bin/time -f "timeline_query_wall_s %e" "$rasad" timeline --db "$db" --dyad SAU-USA --by month > /dev/null
done
echo "work dir: $work (delete when done)"
