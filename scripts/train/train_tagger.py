#!/usr/bin/env python3
"""Fit the learned trigger tagger (data/models/tagger_LANG.tsv; src/code/tagger.h).

usage: train_tagger.py [--rasad build/rasad] [--langs ar fa en] [--fraction F] [--no-ship]

Rows come from `rasad code --tagger-rows --no-tagger` on the annotated training sentences (the
Persian test fifth left out): one per word outside actor mentions and pattern matches, with the
features the coder computes, and a featureless row per word a pattern took. A word is labelled
with its event's PLOVER type when it is the first content word (not a light verb or particle) of
an annotated trigger of an *actual* event that no pattern touched; the other words of such a
trigger, and the triggers of negated, future, hypothetical and background events, are left out
(the coder's modality rules decide those). Every other word is "O". Types with fewer than
MIN_POSITIVES such words are left out too.

A multi-class averaged perceptron (EPOCHS, fixed order) is fitted. Five folds by sentence give
each row an out-of-fold margin (best type's score minus O's); the shipped margin is the one whose
proposals, out of fold, gain most true triggers over false ones (precision at least a half, as a
learned pattern needs), and the model ships only when that gains at least MIN_GAIN triggers. Each
type gets the CAMEO code its annotated triggers most often have. Deterministic: sorted inputs,
seeded order.
"""
import collections, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../annotate"))
import common  # noqa: E402
import perceptron  # noqa: E402
from train_models import coder_rows, training_arguments  # noqa: E402
from learn_patterns import LIGHT, flags_of  # noqa: E402

EPOCHS = 8
FOLDS = 5
SEED = 1
MIN_POSITIVES = 8
MIN_GAIN = 5  # out of fold, true proposals minus false ones: below this the tagger is noise
MARGINS = [0.5 * k for k in range(0, 41)]


def rows_of(rasad, lang, fraction):
    """[(key, features, label)] and, per type, the CAMEO codes of its annotated triggers."""
    recs, texts, printed = coder_rows(rasad, lang, fraction, ["--tagger-rows", "--no-tagger"])
    by_doc = collections.defaultdict(list)
    for row in printed:
        by_doc[row["doc"]].append(row)
    cameos = collections.defaultdict(collections.Counter)
    rows = []
    ids = {}
    for r in recs:
        units = by_doc.get(r["key"], [])
        label = ["O"] * len(units)
        text = texts[r["key"]]
        for e in r["events"]:
            if not e.get("trigger"):
                continue
            a, b = e["trigger"][0] - r["start"], e["trigger"][1] - r["start"]
            inside = [i for i, u in enumerate(units) if u["unit"][0] < b and a < u["unit"][1]]
            for i in inside:
                label[i] = None  # left out unless chosen below
            if e["factuality"] != "actual" or any(not units[i]["features"] for i in inside):
                continue  # modality decides it, or a pattern found it
            head = [i for i in inside if text[units[i]["unit"][0]:units[i]["unit"][1]].decode("utf-8") not in LIGHT]
            if head:
                label[head[0]] = e["type"]
                cameos[e["type"]][e["cameo"][:3]] += 1
        for u, l in zip(units, label):
            if l is not None and u["features"]:
                rows.append((r["key"], [ids.setdefault(f, len(ids)) for f in u["features"]], l))
    return rows, cameos, sorted(ids, key=ids.get)


def train(rows, labels):
    """Averaged perceptron over (key, feature ids, label) rows; {feature id: [weight per label]}."""
    index = {l: k for k, l in enumerate(labels)}
    return perceptron.train([(feats, index[l]) for _, feats, l in rows], len(labels), EPOCHS, SEED)


def decide(model, feats, n, words):
    """(margin of the best type over O, its label index): TriggerTagger::propose's test. A word the
    model has no weights for (neither its form nor a stem: `words` are those features' ids) is not
    scored: out of fold no proposal at the shipped margin came from one, and most words of a text
    are such words, so the coder skips them unscored."""
    if not any(f in model for f in feats if f in words):
        return float("-inf"), 0
    s = perceptron.scores(model, feats, n)
    top = max(s[1:])
    return top - s[0], s.index(top, 1)


def written(model):
    """The model as its file holds it: features with a weight that is not zero."""
    return {f: ws for f, ws in model.items() if any(abs(x) > 1e-9 for x in ws)}


def choose_margin(outcomes):
    """outcomes: (margin, right type?, a trigger?) per row; the margin with the most true minus
    false proposals, and its counts."""
    best = (0, None, 0, 0)
    for m in MARGINS:
        tp = sum(1 for x, right, _ in outcomes if x >= m and right)
        fp = sum(1 for x, right, _ in outcomes if x >= m and not right)
        if tp - fp > best[0]:
            best = (tp - fp, m, tp, fp)
    return best


def main():
    a = training_arguments().parse_args()
    for lang in a.langs:
        rows, cameos, names = rows_of(a.rasad, lang, a.fraction)
        words = {i for i, name in enumerate(names) if name.startswith(("w=", "s="))}
        counts = collections.Counter(l for _, _, l in rows if l != "O")
        known = sorted(t for t in counts if counts[t] >= MIN_POSITIVES)
        rows = [(k, f, l if l in known or l == "O" else None) for k, f, l in rows]
        rows = [r for r in rows if r[2] is not None]
        labels = ["O"] + known
        n = len(labels)
        fold = perceptron.folds((k for k, _, _ in rows), FOLDS, SEED)
        outcomes = []
        for f in range(FOLDS):
            model = written(train([r for r in rows if fold[r[0]] != f], labels))
            for k, feats, l in rows:
                if fold[k] == f:
                    margin, best = decide(model, feats, n, words)
                    outcomes.append((margin, labels[best] == l, l != "O"))
        positives = sum(1 for _, _, t in outcomes if t)
        gain, margin, tp, fp = choose_margin(outcomes)
        path = os.path.join(common.DATA, "models", f"tagger_{lang}.tsv")
        summary = (f"{lang}: {len(rows)} words, {positives} trigger words no pattern found ({', '.join(f'{t} {counts[t]}' for t in known)}); "
                   f"out of fold at margin {margin}: {tp} right proposals, {fp} wrong (of {positives})")
        print(summary)
        if margin is None or gain < MIN_GAIN or a.no_ship:
            if not a.no_ship and os.path.exists(path):
                os.unlink(path)  # no tagger for the language: the patterns alone
            print(f"{lang}: tagger not shipped (gain {gain} < {MIN_GAIN})" if not a.no_ship else "")
            continue
        model = written(train(rows, labels))
        with open(path, "w", encoding="utf-8") as out:
            out.write("# The learned trigger tagger (src/code/tagger.h). Generated by scripts/train/train_tagger.py;\n"
                      "# do not edit by hand. Format: data/models/README.md.\n"
                      f"# {summary}\n")
            for l in labels:
                cameo = cameos[l].most_common(1)[0][0] if l != "O" else "-"
                out.write(f"@label\t{l}\t{cameo}\t{flags_of(cameo) if l != 'O' else '-'}\n")
            out.write(f"@margin\t{margin:g}\n")
            for f in sorted(model, key=lambda i: names[i]):
                out.write(names[f] + "\t" + "\t".join(f"{x:.4g}" for x in model[f]) + "\n")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
