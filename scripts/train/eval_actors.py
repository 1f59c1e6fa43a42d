#!/usr/bin/env python3
"""Count the gold actors the knowledge base does not recognise (issue 11's "actor not recognised"):
for every actual event of the English plover_gsr validation split and of the Persian test fifth of
the annotations, each non-empty source or target code whose first three letters no actor that
`rasad actors resolve` finds in the sentence starts with (country, IGO, organization or agent code),
nor an agent found without a country whose sector is the gold code's (IRNCOP and "the police").
The slot filler is not involved: this measures recognition only.

usage: eval_actors.py [--rasad build/rasad] [--list | --by-code] [--split test|train]
--split train scores the Persian training rows instead (key number not divisible by 5; no English):
use it with --list to see which actors are missed without reading the held-out data.
Run it with two builds (or two data directories, RASAD_DATA) to compare before and after.
"""
import argparse, collections, json, os, subprocess, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../annotate"))
import common  # noqa: E402


def persian_rows(split="test"):
    rows = [r for r in common.read_jsonl(os.path.join(common.REPO, "data/annotations/fa.jsonl"))
            if (int(r["key"][3:]) % 5 == 0) == (split == "test")]
    texts = common.sentence_bytes(rows)
    for r in rows:
        codes = [(e["source_code"], e["target_code"]) for e in r["events"] if e["factuality"] == "actual"]
        yield "fa", r["key"], texts[r["key"]].decode("utf-8"), "2015-01-01", codes


def english_rows():
    for g in common.read_jsonl(os.path.join(common.SHARED, "eval/plover_gsr/validation.jsonl")):
        codes = [(s, "") for s in g.get("source", []) if s] + [("", t) for t in g.get("target", []) if t]
        yield "en", g["id"], g["text"], g.get("date") or "2000-01-01", codes


def resolved(rasad, lang, text, date):
    out = subprocess.run([rasad, "actors", "resolve", "--lang", lang, "--date", date, "--format", "json", "--", text],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return []
    return [a.get("code", "") for a in json.loads(out.stdout).get("actors", [])]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rasad", default=os.path.join(common.REPO, "build/rasad"))
    ap.add_argument("--list", action="store_true", help="print every actor not recognised")
    ap.add_argument("--by-code", action="store_true",
                    help="print how many gold actors of each code are not recognised (no sentence text)")
    ap.add_argument("--split", choices=("test", "train"), default="test",
                    help="test: plover_gsr validation and the Persian test fifth; train: the Persian training rows")
    a = ap.parse_args()
    sets = ((("Persian training rows (fa)", persian_rows("train")),) if a.split == "train" else
            (("plover_gsr validation (en)", english_rows()), ("Persian test fifth (fa)", persian_rows())))
    for name, rows in sets:
        wanted = missed = 0
        by_code = collections.Counter()
        for lang, key, text, date, pairs in rows:
            if not pairs:
                continue
            found = resolved(a.rasad, lang, text, date)
            for pair in pairs:
                for code in pair:
                    if not code:
                        continue
                    wanted += 1
                    # An agent found without its country ("the police" for IRNCOP) is recognised: the
                    # country is the coder's to infer (docs/CODING.md rule 11), not the dictionary's.
                    if not any(f.startswith(code[:3]) or (len(code) >= 6 and f[:3] == code[3:6]) for f in found):
                        missed += 1
                        by_code[code] += 1
                        if a.list:
                            print(f"  {key} {code}: {text[:100]}")
        print(f"{name}: {missed} of {wanted} gold actors not recognised")
        if a.by_code:
            print("  " + " ".join(f"{c}:{n}" for c, n in sorted(by_code.items(), key=lambda x: (-x[1], x[0]))))


if __name__ == "__main__":
    main()
