#!/usr/bin/env python3
"""Fit the learned factuality model (data/models/factuality_LANG.tsv; src/code/factuality.h).

usage: train_factuality.py [--rasad build/rasad] [--langs ar fa en] [--fraction F] [--no-ship]

Rows come from `rasad code --factuality-rows --no-tagger`: one per trigger the word rules call
actual or background, with the features the coder computes, among them the rules' verdict.
- Annotated training sentences (the Persian test fifth left out): a row whose trigger overlaps an
  annotated event's trigger is "actual" when that event is actual, else "background" (the coder
  drops it: background, and the few negated, future or hypothetical events the rules missed);
  triggers no annotator marked are not used (whether a word is an event at all is the gates' and
  the tagger's question).
- For Arabic, ../shared/eval/arabic_gsr/train.jsonl: a trigger of the record's type (PROTEST or
  ASSAULT) is "actual" in a sentence the gold calls an event of that type, else "background"
  (its "no" holds attacks and protests named as background or as a kind).

A two-label averaged perceptron (EPOCHS, seeded order) is fitted. Five folds by sentence give each
row an out-of-fold score for every bias added to "actual" (BIASES); the bias kept is the one with
the most value kept: actual rows kept less FALSE_COST per background row kept (the true and false
events the coder writes),
and the model ships only when that beats the word rules' own verdicts by MIN_GAIN on the annotated
rows and does not lose on the arabic_gsr rows. Deterministic: sorted inputs, seeded order.
"""
import collections, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../annotate"))
import common  # noqa: E402
import perceptron  # noqa: E402
from train_models import coder_rows, take_fraction, training_arguments  # noqa: E402
from train_attacher import plover_of  # noqa: E402

LABELS = ["actual", "background"]
EPOCHS = 10
FOLDS = 5
SEED = 1
MIN_GAIN = 5  # out of fold, the value of the kept rows (below) over the rules': below, noise
# A kept background row costs this much of what a kept actual row gains: at the coder's event F1
# near 0.5, one more true event raises F1 by (2 - F1) / D and one more false event lowers it by
# F1 / D (D = 2 TP + FP + FN), so a true event is worth three false ones.
FALSE_COST = 1 / 3
BIASES = [0.5 * k for k in range(-20, 61)]


def printed_rows(printed, label_of, source, ids):
    """[(key, feature ids, label, the rules' label, source)] from `--factuality-rows` output;
    label_of(row) gives the row's label index or None (row not used)."""
    out = []
    for row in printed:
        label = label_of(row)
        if label is not None:
            rule = LABELS.index(next(f[5:] for f in row["features"] if f.startswith("rule=")))
            out.append((row["doc"], [ids.setdefault(f, len(ids)) for f in row["features"]], label, rule, source))
    return out


def annotated_rows(rasad, lang, fraction, ids):
    recs, _, printed = coder_rows(rasad, lang, fraction, ["--factuality-rows", "--no-tagger"])
    gold = {r["key"]: r for r in recs}
    overlap = lambda a, b: a[0] < b[1] and b[0] < a[1]

    def label_of(row):
        r = gold[row["doc"]]
        spans = [([e["trigger"][0] - r["start"], e["trigger"][1] - r["start"]], e) for e in r["events"] if e.get("trigger")]
        event = next((e for span, e in spans if overlap(span, row["trigger"])), None)
        return None if event is None else int(event["factuality"] != "actual")
    return printed_rows(printed, label_of, "annotations", ids)


def gsr_rows(rasad, fraction, ids):
    recs = take_fraction(common.read_jsonl(os.path.join(common.SHARED, "eval/arabic_gsr/train.jsonl")), fraction)
    out = common.run_rasad(rasad, [{"id": g["id"], "lang": "ar", "text": g["text"]} for g in recs],
                           ["code", "-q", "--factuality-rows", "--no-tagger"])
    gold, plover = {g["id"]: g for g in recs}, plover_of()

    def label_of(row):
        g = gold[row["doc"]]
        return None if plover.get(row["cameo"]) != g["event_type"] else int(not g["gold"])
    return printed_rows([json.loads(line) for line in out.splitlines()], label_of, "arabic_gsr", ids)


def decide(model, feats, bias):
    s = perceptron.scores(model, feats, len(LABELS))
    return int(s[1] > s[0] + bias)  # FactualityModel::background


def net(decisions):
    """(value of the kept rows, kept actual, kept background) over (decision, gold)."""
    tp = sum(1 for d, g in decisions if d == 0 and g == 0)
    fp = sum(1 for d, g in decisions if d == 0 and g != 0)
    return tp - FALSE_COST * fp, tp, fp


def by_source(src, decisions):
    """net() of the (decision, row) pairs whose row comes from `src`."""
    return net([(d, r[2]) for d, r in decisions if r[4] == src])


def choose_bias(oof, sources):
    """The bias whose out-of-fold decisions keep most value over all sources (of equals, the one
    nearest 0), and its net() per source; oof: (row, the model of the folds without it)."""
    best = None
    for b in BIASES:
        decisions = [(decide(m, r[1], b), r) for r, m in oof]
        figures = {src: by_source(src, decisions) for src in sources}
        total = sum(f[0] for f in figures.values())
        if best is None or (total, -abs(b)) > (best[0], -abs(best[1])):
            best = (total, b, figures)
    return best[1], best[2]


def written(model):
    return {f: ws for f, ws in model.items() if any(abs(x) > 1e-9 for x in ws)}


def train(rows):
    return written(perceptron.train([(r[1], r[2]) for r in rows], len(LABELS), EPOCHS, SEED))


def write(path, model, names, bias, summary):
    with open(path, "w", encoding="utf-8") as out:
        out.write("# The learned factuality model (src/code/factuality.h). Generated by\n"
                  "# scripts/train/train_factuality.py; do not edit by hand. Format: data/models/README.md.\n"
                  f"# {summary}\n")
        for l in LABELS:
            out.write(f"@label\t{l}\n")
        out.write(f"@bias\t{bias:g}\n")
        for f in sorted(model, key=lambda i: names[i]):
            out.write(names[f] + "\t" + "\t".join(f"{x:.4g}" for x in model[f]) + "\n")


def main():
    ap = training_arguments()
    ap.add_argument("--folds-dir", help="also write each fold's model and the sentences' folds here, for "
                                        "train_models.py to code every training sentence with a model that did not see it")
    a = ap.parse_args()
    for lang in a.langs:
        ids = {}
        rows = annotated_rows(a.rasad, lang, a.fraction, ids) + (gsr_rows(a.rasad, a.fraction, ids) if lang == "ar" else [])
        names = sorted(ids, key=ids.get)
        fold = perceptron.folds((r[0] for r in rows), FOLDS, SEED)
        fold_models = [train([r for r in rows if fold[r[0]] != f]) for f in range(FOLDS)]
        sources = sorted({r[4] for r in rows})
        bias, figures = choose_bias([(r, fold_models[fold[r[0]]]) for r in rows], sources)
        rules = {src: by_source(src, [(r[3], r) for r in rows]) for src in sources}
        counts = collections.Counter((r[4], LABELS[r[2]]) for r in rows)
        summary = "; ".join(
            f"{lang} {src}: {sum(counts[(src, l)] for l in LABELS)} triggers (actual {counts[(src, 'actual')]}), "
            f"out of fold at bias {bias:g} {figures[src][1]} actual kept, {figures[src][2]} background kept; "
            f"word rules {rules[src][1]} and {rules[src][2]}" for src in sources)
        print(summary)
        gains = {src: figures[src][0] - rules[src][0] for src in sources}
        ok = gains["annotations"] >= MIN_GAIN and gains.get("arabic_gsr", 0) >= 0
        path = os.path.join(common.DATA, "models", f"factuality_{lang}.tsv")
        if not ok or a.no_ship:
            if not a.no_ship:
                if os.path.exists(path):
                    os.unlink(path)  # the word rules decide alone
                print(f"{lang}: factuality model not shipped (gains {gains})")
            continue
        write(path, train(rows), names, bias, summary)
        if a.folds_dir:
            for f in range(FOLDS):
                write(os.path.join(a.folds_dir, f"factuality_{lang}.fold{f}.tsv"), fold_models[f], names, bias, f"fold {f}")
            with open(os.path.join(a.folds_dir, f"factuality_{lang}.folds.json"), "w", encoding="utf-8") as out:
                json.dump(fold, out, sort_keys=True)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
