#!/usr/bin/env python3
"""Cross-language consistency on the parallel set (data/parallel/parallel.jsonl): the same news
sentence in English, Arabic and Persian should give the same events.

usage: eval_parallel.py [--rasad build/rasad] [--out DIR] [--min-consistency X] [--min-recall X]

Prints, per language, the share of expected events coded with their type and countries, and the
consistency: among sentences with an expected event, the share where the three languages give the
same non-empty set of (PLOVER type, source country, target country). Exits 1 when a figure is
below its --min (the ctest `parallel_consistency` sets the floors: a regression guard).
"""
import argparse, json, os, subprocess, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../annotate"))
import common  # noqa: E402

LANGS = ("en", "ar", "fa")


def country(a):
    return str((a or {}).get("country") or (a or {}).get("code") or "")[:3]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rasad", default=os.path.join(common.REPO, "build/rasad"))
    ap.add_argument("--out", default=os.path.join(common.REPO, "build/eval"))
    ap.add_argument("--min-consistency", type=float, default=0.0)
    ap.add_argument("--min-recall", type=float, default=0.0)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rows = common.read_jsonl(os.path.join(common.DATA, "parallel/parallel.jsonl"))
    got = {}
    for lang in LANGS:
        src = os.path.join(a.out, f"parallel.{lang}.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({"id": r["id"], "lang": lang, "date": r["date"], "text": r[lang]},
                                   ensure_ascii=False) + "\n")
        out = subprocess.run([a.rasad, "-q", "code", src, "--format", "jsonl"], check=True,
                             capture_output=True, text=True).stdout
        triples = {}
        for line in out.splitlines():
            e = json.loads(line)
            if e.get("plover"):
                triples.setdefault(e["doc"], set()).add((e["plover"], country(e.get("source")), country(e.get("target"))))
        got[lang] = triples
    with_events = [r for r in rows if r["events"]]
    failed = False
    for lang in LANGS:
        hit = total = 0
        for r in with_events:
            for ge in r["events"]:
                total += 1
                pair = {c for c in (ge["source"], ge["target"]) if c}
                hit += any(t == ge["plover"] and pair <= {s, g} for t, s, g in got[lang].get(r["id"], ()))
        clean = sum(1 for r in rows if not r["events"] and not got[lang].get(r["id"]))
        recall = hit / total if total else 0.0
        print(f"{lang}: type+actors recall {recall:.3f} ({hit}/{total}); event-less sentences with no event "
              f"{clean}/{len(rows) - len(with_events)}")
        if recall < a.min_recall:
            print(f"{lang}: recall below the floor {a.min_recall}")
            failed = True
    same = sum(1 for r in with_events
               if got["en"].get(r["id"]) and got["en"].get(r["id"]) == got["ar"].get(r["id"]) == got["fa"].get(r["id"]))
    same_types = sum(1 for r in with_events
                     if got["en"].get(r["id"]) and
                     {t for t, _, _ in got["en"].get(r["id"], ())} == {t for t, _, _ in got["ar"].get(r["id"], ())}
                     == {t for t, _, _ in got["fa"].get(r["id"], ())})
    consistency = same / len(with_events)
    print(f"consistency (same type, source and target in all three) {consistency:.3f} ({same}/{len(with_events)}); "
          f"same types {same_types / len(with_events):.3f}")
    if consistency < a.min_consistency:
        print(f"consistency below the floor {a.min_consistency}")
        failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
