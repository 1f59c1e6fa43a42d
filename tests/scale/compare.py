#!/usr/bin/env python3
# Documents, mentions and events of a PostgreSQL store against an SQLite reference, as sorted
# multisets (the order of concurrent workers differs from a sequential ingest): the scale tests'
# comparison. Usage: compare.py REF_DB REF_JSONL PG_HOST PG_DB PG_JSONL
# Events are compared with their num_articles (a near-duplicate counts as its original, whichever
# of two copies a worker stored first), not num_sources (the outlet of that first one).
import collections, json, sqlite3, subprocess, sys

def events(path):
    out = collections.Counter()
    mentions = collections.Counter()
    for line in open(path, encoding="utf-8"):
        e = json.loads(line)
        etype = e["plover"] or "CAMEO" + e["cameo"][:2]
        out[(etype, e["source"]["code"], e["target"]["code"], e["date"], e["num_mentions"], e["num_articles"])] += 1
        for m in e["mentions"]:
            mentions[(m["doc"], m["sentence"], m["cameo"], m["source_code"], m["target_code"], m["trigger"][0])] += 1
    return out, mentions

def pg_docs(host, db):
    rows = subprocess.run(["psql", "-X", "-A", "-t", "-h", host, "-U", "rasad", "-d", db, "-c",
                           "SELECT id, content_hash FROM documents"], capture_output=True, text=True, check=True)
    return sorted(tuple(l.split("|")) for l in rows.stdout.splitlines() if l)

ref_db, ref_jsonl, host, db, got_jsonl = sys.argv[1:6]
ref_docs = sorted(sqlite3.connect(ref_db).execute("SELECT id, content_hash FROM documents").fetchall())
got_docs = pg_docs(host, db)
ok = True
def check(name, a, b):
    global ok
    if a == b:
        print(f"ok: {name}")
        return
    ok = False
    print(f"DIFFERENT: {name}")
    if isinstance(a, collections.Counter):
        print("  only in SQLite:", list((a - b).items())[:10])
        print("  only in PostgreSQL:", list((b - a).items())[:10])
ref_events, ref_mentions = events(ref_jsonl)
got_events, got_mentions = events(got_jsonl)
check(f"{len(ref_docs)} documents (id, content hash), PostgreSQL has {len(got_docs)}", [tuple(d) for d in ref_docs], got_docs)
check(f"{sum(ref_mentions.values())} mentions, PostgreSQL has {sum(got_mentions.values())}", ref_mentions, got_mentions)
check(f"{sum(ref_events.values())} events (type, source, target, date, mentions, articles), PostgreSQL has {sum(got_events.values())}",
      ref_events, got_events)
sys.exit(0 if ok else 1)
