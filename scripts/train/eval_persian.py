#!/usr/bin/env python3
"""Score the coder on the Persian annotations kept aside from training (keys divisible by 5, see
train_models.py) with ../shared/eval/score.py multi: several events or none per sentence.
`--lang en` scores the same fifth of the English annotations (note: train_models.py keeps only the
Persian fifth out of training, so the English figure is not a held-out one).

usage: eval_persian.py [--rasad build/rasad] [--out DIR] [--lang fa|en|ar] [--split test|train]

--split train scores the training part instead (keys not divisible by 5), for error analysis of
the rules; its files are <lang>_train.gold.jsonl and <lang>_train.pred.jsonl.
Each sentence is coded on its document's date as `rasad doc` reads it (common.document_dates), so
dated offices name the holder of the day.
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
    ap.add_argument("--split", choices=("test", "train"), default="test",
                    help="test: the held-out fifth (default); train: the rest, for error analysis")
    a = ap.parse_args()
    name = {"fa": "persian", "en": "english", "ar": "arabic"}[a.lang]
    os.makedirs(a.out, exist_ok=True)
    held_out = a.split == "test"
    rows = [r for r in common.read_jsonl(os.path.join(common.DATA, f"annotations/{a.lang}.jsonl"))
            if (int(r["key"][3:]) % 5 == 0) == held_out]
    texts = common.sentence_bytes(rows)
    dates = common.document_dates(a.rasad, rows)
    stem = f"{name}_heldout" if held_out else f"{name}_train"
    gold = os.path.join(a.out, f"{stem}.gold.jsonl")
    with open(gold, "w", encoding="utf-8") as f:
        for r in rows:
            events = [{"plover": e["type"], "source": e["source_code"][:3], "target": e["target_code"][:3]}
                      for e in r["events"] if e["factuality"] == "actual"]
            line = {"id": r["key"], "lang": a.lang, "text": texts[r["key"]].decode("utf-8"), "events": events}
            if r["doc"] in dates:
                line["date"] = dates[r["doc"]]
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    pred = os.path.join(a.out, f"{stem}.pred.jsonl")
    with open(pred, "w", encoding="utf-8") as f:
        subprocess.run([a.rasad, "-q", "code", gold, "--format", "jsonl"], check=True, stdout=f)
    what = "held-out" if held_out else "training"
    print(f"== {name.capitalize()} {what} annotations ({len(rows)} sentences)")
    sys.stdout.flush()
    subprocess.run([sys.executable, os.path.join(common.SHARED, "eval/score.py"), "multi", gold, pred], check=True)


if __name__ == "__main__":
    main()
