#!/usr/bin/env python3
"""Fit the learned argument attacher (data/models/attach_LANG.tsv; src/code/attach.h).

usage: train_attacher.py [--rasad build/rasad] [--langs ar fa en] [--fraction F] [--no-ship]

Rows come from `rasad code --attach-rows` on the annotated training sentences (the Persian test
fifth left out): one per (trigger, actor group) pair, with the features the coder computes. A row
whose trigger overlaps an annotated event's trigger is labelled source / target / none by overlap
of the group with that event's source and target spans; rows of triggers no annotator marked are
not used. A multi-class averaged perceptron (10 epochs, fixed order) is fitted; 5-fold
cross-validation by sentence compares its decoded choices with the positional rules' own choices
(the features rule_source / rule_target) as the gold scorers count (a role the gold leaves empty
accepts any choice), and the model is shipped only when it is better. ../shared/eval/plover_gsr/
train.jsonl adds English instances labelled by the gold's country codes.
"""
import collections, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../annotate"))
import common  # noqa: E402
import perceptron  # noqa: E402
from train_models import coder_rows, take_fraction, training_arguments  # noqa: E402

EPOCHS = 10
FOLDS = 5
SEED = 1


def rows_of(rasad, lang, fraction):
    recs, _, printed = coder_rows(rasad, lang, fraction, ["--attach-rows", "--no-tagger", "--no-factuality"])
    gold = {r["key"]: r for r in recs}
    overlap = lambda a, b: a is not None and b is not None and a[0] < b[1] and b[0] < a[1]
    instances = collections.OrderedDict()  # (doc, trigger) -> [(features, label)]
    for row in printed:
        r = gold[row["doc"]]
        shift = lambda sp: None if sp is None else [sp[0] - r["start"], sp[1] - r["start"]]
        event = next((e for e in r["events"] if overlap(shift(e["trigger"]), row["trigger"])), None)
        if event is None:
            continue
        label = 1 if overlap(shift(event["source"]), row["group"]) else \
            2 if overlap(shift(event["target"]), row["group"]) else 0
        instances.setdefault((row["doc"], tuple(row["trigger"])), []).append((row["features"], label, tuple(sorted(row["codes"]))))
    return list(instances.items())


def plover_of():
    """CAMEO code -> PLOVER type (data/kb/ontology/cameo.tsv)."""
    out = {}
    for line in open(os.path.join(common.DATA, "kb/ontology/cameo.tsv"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            cols = line.rstrip("\n").split("\t")
            out[cols[0]] = cols[5] if len(cols) > 5 else ""
    return out


def aliases():
    out = {}
    for line in open(os.path.join(common.DATA, "kb/actors/code_aliases.tsv"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            out[cols[0]] = cols[1]
    return out


def plover_rows(rasad, fraction):
    """Instances from ../shared/eval/plover_gsr/train.jsonl, whose gold gives the event type and the
    source/target country codes (no spans): triggers of the gold type, groups labelled by code."""
    recs = take_fraction([dict(g) for g in common.read_jsonl(os.path.join(common.SHARED, "eval/plover_gsr/train.jsonl"))],
                         fraction)
    out = common.run_rasad(rasad, [{"id": g["id"], "lang": "en", "date": g.get("date", ""), "text": g["text"]}
                                   for g in recs], ["code", "-q", "--attach-rows", "--no-tagger", "--no-factuality"])
    gold = {g["id"]: g for g in recs}
    types, alias = plover_of(), aliases()
    norm = lambda c: alias.get(c[:3], c[:3])
    instances = collections.OrderedDict()
    for line in out.splitlines():
        row = json.loads(line)
        g = gold[row["doc"]]
        if types.get(row["cameo"]) != g["event_type"]:
            continue
        codes = {norm(c) for c in row["codes"] if c}
        label = 1 if codes & {norm(c) for c in g.get("source", [])} else \
            2 if codes & {norm(c) for c in g.get("target", [])} else 0
        instances.setdefault((row["doc"], tuple(row["trigger"])), []).append((row["features"], label, tuple(sorted(row["codes"]))))
    return list(instances.items())


def train(instances):
    return perceptron.train([row[:2] for _, rs in instances for row in rs], 3, EPOCHS, SEED)


def decode(model, feats_list):
    """Equal to Attacher::choose (src/code/attach.cpp)."""
    s = [[sum(model[f][k] for f in feats if f in model) for k in range(3)] for feats in feats_list]

    def best(role, taken):
        best_i, margin = None, 0.0
        for i, sc in enumerate(s):
            if i == taken:
                continue
            m = sc[role] - max(sc[0], sc[3 - role])
            if m > margin:
                best_i, margin = i, m
        return best_i
    src = best(1, None)
    return src, best(2, src)


def with_rules(learned, ruled, codes):
    """The coder's combination (src/code/coder.cpp learned_arguments): the model's choice where it
    names an actor for a role, but never the same actors (codes) for both roles: then the choice the
    rules share, else the target, is kept; a role left empty takes a group the rules chose (either
    role) that is neither the other role's group nor the same actors."""
    src, tgt = learned
    if src is not None and tgt is not None and codes[src] == codes[tgt]:
        if src == ruled[0]:
            tgt = None
        else:
            src = None
    pick = lambda cands, not_this: next((c for c in cands if c is not None and c != not_this and
                                         (not_this is None or codes[c] != codes[not_this])), None)
    src = src if src is not None else pick((ruled[0], ruled[1]), tgt)
    tgt = tgt if tgt is not None else pick((ruled[1], ruled[0]), src)
    return src, tgt


def truth(rows):
    src = next((i for i, r in enumerate(rows) if r[1] == 1), None)
    tgt = next((i for i, r in enumerate(rows) if r[1] == 2), None)
    return src, tgt


def rules(rows):
    src = next((i for i, r in enumerate(rows) if "rule_source=1" in r[0]), None)
    tgt = next((i for i, r in enumerate(rows) if "rule_target=1" in r[0]), None)
    return src, tgt


def score(pairs):
    """Source right, target right, both right, and both right as the gold scorers count (a role the
    gold leaves empty accepts any choice)."""
    n = len(pairs)
    s = sum(p[0] == g[0] for p, g in pairs) / n
    t = sum(p[1] == g[1] for p, g in pairs) / n
    both = sum(p == g for p, g in pairs) / n
    lenient = sum((g[0] is None or p[0] == g[0]) and (g[1] is None or p[1] == g[1]) for p, g in pairs) / n
    return s, t, both, lenient


def main():
    a = training_arguments().parse_args()
    for lang in a.langs:
        target = os.path.join(common.DATA, "models", f"attach_{lang}.tsv")
        instances = rows_of(a.rasad, lang, a.fraction)
        if lang == "en":
            instances += plover_rows(a.rasad, a.fraction)
        fold = perceptron.folds((d for (d, _), _ in instances), FOLDS, SEED)
        learned, ruled = [], []
        by_set = collections.defaultdict(lambda: ([], []))
        for k in range(FOLDS):
            model = train([x for x in instances if fold[x[0][0]] != k])
            for (d, _), rows in instances:
                if fold[d] == k:
                    learned.append((with_rules(decode(model, [r[0] for r in rows]), rules(rows), [r[2] for r in rows]), truth(rows)))
                    ruled.append((rules(rows), truth(rows)))
                    part = "plover_gsr train" if d.startswith("PLOVER") else "annotations"
                    by_set[part][0].append(learned[-1])
                    by_set[part][1].append(ruled[-1])
        for part, (lp, rp) in sorted(by_set.items()):
            print(f"{lang} {part}: {len(lp)} triggers; both right learned {score(lp)[2]:.3f}, rules {score(rp)[2]:.3f}; "
                  f"as the scorers count: learned {score(lp)[3]:.3f}, rules {score(rp)[3]:.3f}")
        ls, lt, lb, ll = score(learned)
        rs, rt, rb, rl = score(ruled)
        print(f"{lang}: {len(instances)} annotated triggers; out of fold, source/target/both right/as scored: "
              f"learned {ls:.3f}/{lt:.3f}/{lb:.3f}/{ll:.3f}, rules {rs:.3f}/{rt:.3f}/{rb:.3f}/{rl:.3f}")
        if a.no_ship:
            continue
        if ll <= rl:
            if os.path.exists(target):
                os.unlink(target)
            print(f"{lang}: not shipped (no better than the rules)")
            continue
        model = train(instances)
        with open(target, "w", encoding="utf-8") as f:
            f.write(f"# Learned argument attacher for {lang} (src/code/attach.h), written by\n"
                    "# scripts/train/train_attacher.py from data/annotations; do not edit by hand.\n"
                    f"# Out of fold on {len(instances)} annotated triggers, source/target/both right/as the gold\n"
                    f"# scorers count: learned {ls:.3f}/{lt:.3f}/{lb:.3f}/{ll:.3f}, positional rules "
                    f"{rs:.3f}/{rt:.3f}/{rb:.3f}/{rl:.3f}.\n"
                    "# Columns: feature w_none w_source w_target\n")
            for feat in sorted(model):
                ws = model[feat]
                if any(abs(x) >= 5e-5 for x in ws):
                    f.write(feat + "\t" + "\t".join(f"{x:.4f}" for x in ws) + "\n")


if __name__ == "__main__":
    main()
