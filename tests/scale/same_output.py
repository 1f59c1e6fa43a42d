#!/usr/bin/env python3
# Compares one command's output on the SQLite and on the PostgreSQL store (pg_store_test.sh).
# Usage: same_output.py NAME SQLITE_OUT PG_OUT
# Left out of the comparison: the time a document was stored (GDELT's DATEADDED and fallback
# dates); search ranks (bm25 against ts_rank), so search hits are compared as a set.
import csv, io, json, re, sys

name, a_path, b_path = sys.argv[1], sys.argv[2], sys.argv[3]
stamp = re.compile(r"\b20\d{12}\b")  # YYYYMMDDHHMMSS: when a row was stored

def clean(v):
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items() if k != "rank"}
    if isinstance(v, list):
        return [clean(x) for x in v]
    return v

def rows(path):
    text = open(path, encoding="utf-8").read()
    lines = text.splitlines()
    if lines and lines[0].startswith("{"):
        out = [clean(json.loads(l)) for l in lines]
        return sorted(out, key=lambda j: json.dumps(j, sort_keys=True)) if name.startswith("search") else out
    if "\t" in text:  # GDELT tables
        return [stamp.sub("T", l).split("\t") for l in lines]
    return list(csv.reader(io.StringIO(text)))

a, b = rows(a_path), rows(b_path)
if a == b:
    print(f"ok: {name}: {len(a)} lines alike")
    sys.exit(0)
print(f"DIFFERENT: {name}: {len(a)} lines from SQLite, {len(b)} from PostgreSQL")
for i, (x, y) in enumerate(zip(a, b)):
    if x != y:
        print(f"  first difference at line {i + 1}:\n  SQLite:     {str(x)[:600]}\n  PostgreSQL: {str(y)[:600]}")
        break
sys.exit(1)
