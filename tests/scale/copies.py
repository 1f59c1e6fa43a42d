#!/usr/bin/env python3
# Near-duplicates for the scale tests: the first 40 documents of a JSON Lines file and seeds 000
# and 001 republished by other (fictional) outlets under new ids, with the outlet's name added as
# a first line and, in every second copy, the first sentence dropped; then a copy of each of the
# first 10 copies (a copy of a copy links to the original). Stored after their originals, they
# must be linked to them (duplicate_of) and change num_articles and num_sources: the counts the
# stores' comparison checks. Usage: copies.py DOCS.jsonl SEEDS_DIR > copies.jsonl
import glob, json, os, sys

outlets = ["خبرگزاری نمونه", "وكالة الأنباء المثال"]
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")][:40]
for path in sorted(glob.glob(os.path.join(sys.argv[2], "00[01]_*.txt"))):
    docs.append({"id": os.path.basename(path)[:-4], "text": open(path, encoding="utf-8").read()})

def copy(doc, k, suffix):
    text = doc.get("text") or ""
    if k % 2 == 1 and ". " in text:
        text = text.split(". ", 1)[1]
    outlet = outlets[k % len(outlets)]
    c = dict(doc, id=f"{doc['id']}#{suffix}", text=outlet + "\n" + text, source=outlet)
    print(json.dumps(c, ensure_ascii=False))
    return c

first = [copy(d, k, "copy") for k, d in enumerate(docs)]
for k, d in enumerate(first[:10]):
    copy(d, k + 1, "copy2")
