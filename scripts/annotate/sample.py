#!/usr/bin/env python3
"""Draw the sentences to annotate from the shared corpora (docs/ANNOTATION.md, "Sample").

usage: sample.py --lang ar|fa|en --rasad build/rasad --out data/annotations/samples [--n 1200]
                 [--work DIR] [--round R]

--focus TYPE draws the "fired" half among sentences where the rules alone (no classifier) code an
event of that PLOVER type, from the whole corpus: a round for a type the earlier rounds held too
few of (round 5: PROTEST, 5 in the 1,200 sentences of round 4).

--round R (R >= 2) adds a further round to an existing OUT/LANG.jsonl: N more sentences, keys
continuing after the last one, none already sampled, drawn the same way with the seed of round R
from the next slice of the corpus (all of it when the corpus is smaller); the first round is
unchanged, so its labels stay valid.

Half of the sentences are drawn where the coder as built finds an event ("fired"), half at random
among the other sentences that name a country in the knowledge base ("actor"), at most two per
document, so the negatives are realistic. Deterministic: fixed seed, sorted inputs.

Writes OUT/LANG.jsonl, one line per sentence: key, corpus, doc, start, end (byte offsets into the
corpus record's "text"), sha1 (of those bytes), pool, double (true for the tenth annotated twice),
and "text" only where the corpus licence allows redistribution (Wikinews, CC BY 2.5). With --work,
also writes WORK/LANG.text.jsonl with the text of every sentence, for the annotators.
"""
import argparse, hashlib, json, lzma, os, random, re, subprocess, sys, tempfile

CORPORA = {
    "ar": ("saudinewsnet", "saudinewsnet.jsonl.xz", 2500),
    "fa": ("farsnews", "farsnews.jsonl.xz", 1500),
    "en": ("wikinews_politics", "wikinews_politics.jsonl.xz", 1500),
}
REDISTRIBUTABLE = {"wikinews_politics"}
SEED = 20261201


def read_corpus(path):
    with lzma.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def country_names(kb_dir, lang):
    names = set()
    for name in ("countries.tsv", "countries.manual.tsv"):
        with open(os.path.join(kb_dir, "actors", name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 4 and cols[1] == lang and cols[2] in ("name", "adjective", "capital") \
                        and len(cols[3]) >= 4:
                    names.add(cols[3])
    return re.compile("|".join(sorted((re.escape(n) for n in names), key=len, reverse=True)))


def run_rasad(rasad, docs, lang, focus=None):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"id": d["id"], "text": d["text"], "lang": lang,
                                "date": d.get("date", "")}, ensure_ascii=False) + "\n")
        path = f.name
    try:
        out = subprocess.run([rasad, "doc", path, "--format", "json", "--no-tokens", "--lang", lang],
                             check=True, capture_output=True, text=True).stdout
        sentences = {}
        for line in out.splitlines():
            d = json.loads(line)
            sentences[d["id"]] = [(s["start"], s["end"]) for s in d["sentences"]]
        extra = ["--no-classifier"] if focus else []
        out = subprocess.run([rasad, "code", path, "--format", "jsonl"] + extra,
                             check=True, capture_output=True, text=True).stdout
        fired = set()
        for line in out.splitlines():
            e = json.loads(line)
            if focus and e.get("plover") != focus:
                continue
            fired.add((e["doc"], e["sentence_span"][0], e["sentence_span"][1]))
        return sentences, fired
    finally:
        os.unlink(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", required=True, choices=sorted(CORPORA))
    ap.add_argument("--rasad", default="build/rasad")
    ap.add_argument("--out", default="data/annotations/samples")
    ap.add_argument("--work")
    ap.add_argument("--n", type=int, default=1200)
    ap.add_argument("--round", type=int, default=1)
    ap.add_argument("--focus", help="PLOVER type the fired half is drawn for, from the whole corpus")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "../../../shared"))
    a = ap.parse_args()

    corpus, fname, ndocs = CORPORA[a.lang]
    docs = read_corpus(os.path.join(a.shared, "corpus", fname))
    rng = random.Random(SEED)
    rng.shuffle(docs)
    existing, taken_before = [], set()
    if a.round > 1:
        with open(os.path.join(a.out, f"{a.lang}.jsonl"), encoding="utf-8") as f:
            existing = [json.loads(line) for line in f if line.strip()]
        taken_before = {(r["doc"], r["start"], r["end"]) for r in existing}
        rng = random.Random(SEED + a.round)
        lo = ndocs * (a.round - 1)
        docs = docs[lo:lo + ndocs] if lo + ndocs <= len(docs) and not a.focus else docs[:]
    if a.focus:
        ndocs = len(docs)
    # The parallel set (data/parallel) is evaluation data: its documents are never annotated.
    parallel = os.path.join(os.path.dirname(__file__), "../../data/parallel/parallel.jsonl")
    held_out = set()
    if os.path.exists(parallel):
        with open(parallel, encoding="utf-8") as f:
            held_out = {json.loads(line)["doc"] for line in f if line.strip()}
    docs = [d for d in docs[:ndocs] if d.get("text") and d["id"] not in held_out]
    by_id = {d["id"]: d for d in docs}
    sentences, fired = run_rasad(a.rasad, docs, a.lang, a.focus)
    names = country_names(os.path.join(os.path.dirname(__file__), "../../data/kb"), a.lang)

    pools = {"fired": [], "actor": []}
    for doc_id in sorted(sentences):
        raw = by_id[doc_id]["text"].encode("utf-8")
        for start, end in sentences[doc_id]:
            text = raw[start:end].decode("utf-8", "replace")
            if not 40 <= len(text) <= 400 or "\n" in text.strip():
                continue
            if (doc_id, start, end) in taken_before:
                continue
            if (doc_id, start, end) in fired:
                pools["fired"].append((doc_id, start, end))
            elif names.search(text):
                pools["actor"].append((doc_id, start, end))
    chosen, per_doc = [], {}
    for pool in ("fired", "actor"):
        cand = pools[pool][:]
        rng.shuffle(cand)
        want = a.n // 2 if pool == "fired" else a.n - len(chosen)
        taken = 0
        for doc_id, start, end in cand:
            if taken >= want:
                break
            if per_doc.get(doc_id, 0) >= 2:
                continue
            per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
            chosen.append((pool, doc_id, start, end))
            taken += 1
    rng.shuffle(chosen)

    os.makedirs(a.out, exist_ok=True)
    rows, texts = [], []
    for i, (pool, doc_id, start, end) in enumerate(chosen, len(existing) + 1):
        raw = by_id[doc_id]["text"].encode("utf-8")[start:end]
        # A focused draw is not a sample of the corpus: learn_patterns.py leaves it out of the
        # precision of a word as a trigger.
        row = {"key": f"{a.lang}-{i:04d}", "corpus": corpus, "doc": doc_id, "start": start, "end": end,
               "sha1": hashlib.sha1(raw).hexdigest(), "pool": f"focus:{a.focus}" if a.focus and pool == "fired" else pool,
               "double": i % 10 == 0}
        if corpus in REDISTRIBUTABLE:
            row["text"] = raw.decode("utf-8")
        rows.append(row)
        texts.append({"key": row["key"], "doc": doc_id, "text": raw.decode("utf-8"),
                      "title": by_id[doc_id].get("title", ""), "date": by_id[doc_id].get("date", "")})
    with open(os.path.join(a.out, f"{a.lang}.jsonl"), "w", encoding="utf-8") as f:
        for r in existing + rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if a.work:
        os.makedirs(a.work, exist_ok=True)
        suffix = "" if a.round == 1 else f".round{a.round}"
        with open(os.path.join(a.work, f"{a.lang}{suffix}.text.jsonl"), "w", encoding="utf-8") as f:
            for t in texts:
                f.write(json.dumps(t, ensure_ascii=False) + "\n")
    print(f"{a.lang}: {len(rows)} sentences ({sum(r['pool'] != 'actor' for r in rows)} fired, "
          f"{sum(r['pool'] == 'actor' for r in rows)} actor; pools {len(pools['fired'])}/"
          f"{len(pools['actor'])}), {sum(r['double'] for r in rows)} double", file=sys.stderr)


if __name__ == "__main__":
    main()
