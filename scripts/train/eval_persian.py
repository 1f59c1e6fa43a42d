#!/usr/bin/env python3
"""Score the coder on the Persian annotations kept aside from training (keys divisible by 5, see
train_models.py) with ../shared/eval/score.py multi: several events or none per sentence.
`--lang en` scores the same fifth of the English annotations (note: train_models.py keeps only the
Persian fifth out of training, so the English figure is not a held-out one).

usage: eval_persian.py [--rasad build/rasad] [--out DIR] [--lang fa|en|ar]
"""
import argparse, json, os, subprocess, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../annotate"))
import common  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rasad", default=os.path.join(common.REPO, "build/rasad"))
    ap.add_argument("--out", default=os.path.join(common.REPO, "build/eval"))
    ap.add_argument("--lang", default="fa", choices=("fa", "en", "ar"))
    a = ap.parse_args()
    name = {"fa": "persian", "en": "english", "ar": "arabic"}[a.lang]
    os.makedirs(a.out, exist_ok=True)
    rows = [r for r in common.read_jsonl(os.path.join(common.DATA, f"annotations/{a.lang}.jsonl"))
            if int(r["key"][3:]) % 5 == 0]
    texts = common.sentence_bytes(rows)
    gold = os.path.join(a.out, f"{name}_heldout.gold.jsonl")
    with open(gold, "w", encoding="utf-8") as f:
        for r in rows:
            events = [{"plover": e["type"], "source": e["source_code"][:3], "target": e["target_code"][:3]}
                      for e in r["events"] if e["factuality"] == "actual"]
            f.write(json.dumps({"id": r["key"], "lang": a.lang, "text": texts[r["key"]].decode("utf-8"),
                                "events": events}, ensure_ascii=False) + "\n")
    pred = os.path.join(a.out, f"{name}_heldout.pred.jsonl")
    with open(pred, "w", encoding="utf-8") as f:
        subprocess.run([a.rasad, "-q", "code", gold, "--format", "jsonl"], check=True, stdout=f)
    print(f"== {name.capitalize()} held-out annotations ({len(rows)} sentences)")
    sys.stdout.flush()
    subprocess.run([sys.executable, os.path.join(common.SHARED, "eval/score.py"), "multi", gold, pred], check=True)


if __name__ == "__main__":
    main()
