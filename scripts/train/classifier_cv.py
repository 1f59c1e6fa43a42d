#!/usr/bin/env python3
"""Cross-validates and trains rasad's fastText event classifiers (see train_classifier.sh).

Input: a gold JSON Lines file and the lines `rasad classify --prep` made of it (one per record, same
order, "__label__X features"). Records with the same text always fall in the same fold, so a
sentence is never scored by a model that saw it. Only the fasttext CLI is used, the same library the
C++ coder links, so CV probabilities are what the coder will compute.

usage:
  classifier_cv.py arabic GOLD PREP WORKDIR [--configs base,char,...] [--modes binary,joint]
                                           [--vectors VEC] [--out DIR]
  classifier_cv.py plover GOLD PREP WORKDIR [--configs ...]
The best setting by CV macro-F1 (at per-type best thresholds) is the one written with --out.
"""
import argparse, collections, json, os, random, subprocess, sys, time

SEED = 1
FOLDS = 5
THRESHOLDS = [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]

# Candidate settings, compared by CV; the chosen one is named in data/models/README.md.
CONFIGS = {
    "base": dict(epoch=25, lr=0.5, dim=50, wordNgrams=1, minn=0, maxn=0, minCount=1, bucket=0, oversample=1),
    # base, quantized as shipped (CV of the exact artefact): without and with a vocabulary cutoff.
    "base_q": dict(epoch=25, lr=0.5, dim=50, wordNgrams=1, minn=0, maxn=0, minCount=1, bucket=0, oversample=1, quantize=True),
    "base_q10k": dict(epoch=25, lr=0.5, dim=50, wordNgrams=1, minn=0, maxn=0, minCount=1, bucket=0, oversample=1, quantize=True, cutoff=10000),
    "bigram": dict(epoch=25, lr=0.5, dim=50, wordNgrams=2, minn=0, maxn=0, minCount=1, bucket=100000, oversample=1),
    "char": dict(epoch=25, lr=0.5, dim=50, wordNgrams=1, minn=3, maxn=5, minCount=1, bucket=100000, oversample=1),
    "char_bigram": dict(epoch=25, lr=0.5, dim=50, wordNgrams=2, minn=3, maxn=5, minCount=1, bucket=100000, oversample=1),
    "base_os": dict(epoch=25, lr=0.5, dim=50, wordNgrams=1, minn=0, maxn=0, minCount=1, bucket=100000, oversample=3),
    "char_os": dict(epoch=25, lr=0.5, dim=50, wordNgrams=1, minn=3, maxn=5, minCount=1, bucket=100000, oversample=3),
}


def read_data(gold_path, prep_path):
    gold = [json.loads(l) for l in open(gold_path, encoding="utf-8") if l.strip()]
    prep = [l.rstrip("\n") for l in open(prep_path, encoding="utf-8")]
    if len(gold) != len(prep):
        sys.exit(f"{gold_path} has {len(gold)} records but {prep_path} {len(prep)} lines")
    recs = []
    for g, p in zip(gold, prep):
        feats = p.split(" ", 1)[1] if " " in p else ""
        recs.append(dict(id=g["id"], text=g["text"], type=g.get("event_type", "NONE"), gold=g.get("gold", True), feats=feats))
    return recs


def folds_of(recs, strat):
    """Fold number per record: groups of equal text, dealt round-robin within each stratum."""
    groups = collections.OrderedDict()
    for i, r in enumerate(recs):
        groups.setdefault(r["text"], []).append(i)
    by_stratum = collections.defaultdict(list)
    for members in groups.values():
        by_stratum[strat(recs[members[0]])].append(members)
    rng = random.Random(SEED)
    fold = [0] * len(recs)
    k = 0
    for s in sorted(by_stratum):
        gs = by_stratum[s]
        rng.shuffle(gs)
        for members in gs:
            for i in members:
                fold[i] = k % FOLDS
            k += 1
    return fold


def ft_args(cfg, vectors):
    a = ["-epoch", cfg["epoch"], "-lr", cfg["lr"], "-dim", cfg["dim"], "-wordNgrams", cfg["wordNgrams"],
         "-minn", cfg["minn"], "-maxn", cfg["maxn"], "-minCount", cfg["minCount"], "-bucket", cfg["bucket"],
         "-thread", 1, "-seed", SEED, "-verbose", 0]
    if vectors:
        a += ["-pretrainedVectors", vectors]
    return [str(x) for x in a]


def train(lines, path, cfg, vectors):
    """Trains on "__label__X feats" lines (positives repeated cfg['oversample'] times)."""
    with open(path + ".train", "w", encoding="utf-8") as f:
        for l in lines:
            n = cfg["oversample"] if not l.startswith("__label__NONE") else 1
            for _ in range(n):
                f.write(l + "\n")
    subprocess.run(["fasttext", "supervised", "-input", path + ".train", "-output", path] + ft_args(cfg, vectors),
                   check=True, stdout=subprocess.DEVNULL)
    if not cfg.get("quantize"):
        return path + ".bin"
    # Product quantization of the word vectors (norms apart); the classifier matrix stays exact.
    q = ["-qnorm", "-dsub", "2"]
    if cfg.get("cutoff"):
        q += ["-cutoff", str(cfg["cutoff"]), "-retrain"] + ft_args(cfg, vectors)
    subprocess.run(["fasttext", "quantize", "-input", path + ".train", "-output", path, "-verbose", "0"] + q,
                   check=True, stdout=subprocess.DEVNULL)
    return path + ".ftz"


def predict(model, feats_list, path):
    """P(label) for every line: a list of dicts."""
    with open(path + ".test", "w", encoding="utf-8") as f:
        for feats in feats_list:
            f.write(feats + "\n")
    out = subprocess.run(["fasttext", "predict-prob", model, path + ".test", "-1"], check=True,
                         capture_output=True, text=True).stdout.splitlines()
    if len(out) != len(feats_list):
        sys.exit(f"fasttext predicted {len(out)} lines for {len(feats_list)}")
    res = []
    for line in out:
        t = line.split()
        res.append({t[i].replace("__label__", ""): float(t[i + 1]) for i in range(0, len(t), 2)})
    return res


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def label_of(r):
    return r["type"] if r["gold"] else "NONE"


# --- arabic_gsr: PROTEST / ASSAULT detection ---------------------------------------------------

def arabic_training_lines(recs, mode, kind=None):
    """'binary': one model per type, trained on that type's records only (a negative PROTEST record
    says nothing about ASSAULT, so it is not used for the ASSAULT model). 'joint': one 3-label model
    on all records."""
    if mode == "binary":
        return [f"__label__{label_of(r)} {r['feats']}" for r in recs if r["type"] == kind]
    return [f"__label__{label_of(r)} {r['feats']}" for r in recs]


def arabic_cv(recs, cfg, mode, vectors, work):
    """Out-of-fold P(type) for every record (of its own event_type)."""
    types = sorted({r["type"] for r in recs})
    fold = folds_of(recs, lambda r: (r["type"], r["gold"]))
    score = [None] * len(recs)
    for k in range(FOLDS):
        train_recs = [r for r, f in zip(recs, fold) if f != k]
        test_idx = [i for i, f in enumerate(fold) if f == k]
        kinds = types if mode == "binary" else [None]
        for kind in kinds:
            model = train(arabic_training_lines(train_recs, mode, kind), f"{work}/cv{k}_{kind}", cfg, vectors)
            idx = [i for i in test_idx if kind is None or recs[i]["type"] == kind]
            for i, probs in zip(idx, predict(model, [recs[i]["feats"] for i in idx], f"{work}/cv{k}_{kind}")):
                score[i] = probs.get(recs[i]["type"], 0.0)
    return score


def arabic_table(recs, score):
    types = sorted({r["type"] for r in recs})
    rows = {}
    for kind in types:
        for th in THRESHOLDS:
            tp = sum(1 for r, s in zip(recs, score) if r["type"] == kind and s >= th and r["gold"])
            fp = sum(1 for r, s in zip(recs, score) if r["type"] == kind and s >= th and not r["gold"])
            fn = sum(1 for r, s in zip(recs, score) if r["type"] == kind and s < th and r["gold"])
            rows[(kind, th)] = prf(tp, fp, fn) + (tp, fp, fn)
    return types, rows


def best_thresholds(types, rows):
    return {k: max(THRESHOLDS, key=lambda th: (round(rows[(k, th)][2], 6), -abs(th - 0.5))) for k in types}


def print_table(name, types, rows):
    print(f"== {name}: 5-fold CV (out-of-fold predictions), per type P/R/F1 by threshold")
    for th in THRESHOLDS:
        cells = "  ".join(f"{k} P {rows[(k, th)][0]:.3f} R {rows[(k, th)][1]:.3f} F1 {rows[(k, th)][2]:.3f}" for k in types)
        macro = sum(rows[(k, th)][2] for k in types) / len(types)
        print(f"  th {th:.2f}  {cells}  macro-F1 {macro:.3f}")
    best = best_thresholds(types, rows)
    macro = sum(rows[(k, best[k])][2] for k in types) / len(types)
    print("  best per type: " + "  ".join(f"{k} {best[k]:.2f} (F1 {rows[(k, best[k])][2]:.3f})" for k in types)
          + f"  macro-F1 {macro:.3f}")
    return best, macro


def ship(recs, result, a):
    """Trains the chosen setting on all records, quantized, and writes the models and thresholds."""
    macro, tag, mode, name, vec, best, rows, types = result
    if mode != "binary":
        sys.exit("only per-type (binary) models are shipped")
    cfg = dict(CONFIGS[name], quantize=True)
    os.makedirs(a.out, exist_ok=True)
    lines = ["# Per-type fastText sentence classifiers (scripts/train/train_classifier.sh) and the probability",
             "# threshold that maximised 5-fold cross-validated F1 on ../shared/eval/arabic_gsr/dev.jsonl.",
             f"# setting: {tag}; cv_* are out-of-fold figures of the classifier alone at that threshold.",
             "# columns: model label threshold cv_precision cv_recall cv_f1",
             "# origin: trained (arabic_gsr dev)"]
    for kind in types:
        out = os.path.join(a.out, f"arabic_{kind.lower()}")
        model = train(arabic_training_lines(recs, mode, kind), f"{a.work}/final_{kind}", cfg, vec)
        with open(model, "rb") as src, open(out + ".ftz", "wb") as dst:
            dst.write(src.read())
        p, r, f = rows[(kind, best[kind])][:3]
        lines.append(f"arabic_{kind.lower()}.ftz\t{kind}\t{best[kind]}\t{p:.3f}\t{r:.3f}\t{f:.3f}")
        print(f"wrote {out}.ftz ({os.path.getsize(out + '.ftz')} bytes)")
    with open(os.path.join(a.out, "thresholds.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {a.out}/thresholds.tsv; CV macro-F1 {macro:.3f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("task", choices=["arabic", "plover"])
    ap.add_argument("gold"); ap.add_argument("prep"); ap.add_argument("work")
    ap.add_argument("--vectors", default="")
    ap.add_argument("--configs", default="base")
    ap.add_argument("--modes", default="binary")
    ap.add_argument("--out", default="", help="write the best setting's quantized models and thresholds.tsv here")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    recs = read_data(a.gold, a.prep)
    if a.task == "arabic":
        results = []
        for mode in a.modes.split(","):
            for name in a.configs.split(","):
                for vec in ([""] + ([a.vectors] if a.vectors else [])):
                    cfg = CONFIGS[name]
                    t0 = time.time()
                    score = arabic_cv(recs, cfg, mode, vec, a.work)
                    types, rows = arabic_table(recs, score)
                    tag = f"{mode}/{name}" + ("/vectors" if vec else "")
                    # Out-of-fold P(type) per record: lets a coder+classifier run on dev be scored
                    # without the classifier having seen the sentence it judges.
                    with open(f"{a.work}/oof_{tag.replace('/', '_')}.tsv", "w", encoding="utf-8") as f:
                        f.write("# id\tevent_type\tgold\tfold_probability\n")
                        for r, sc in zip(recs, score):
                            f.write(f"{r['id']}\t{r['type']}\t{str(r['gold']).lower()}\t{sc:.6f}\n")
                    best, macro = print_table(f"{tag} ({time.time() - t0:.0f}s)", types, rows)
                    results.append((macro, tag, mode, name, vec, best, rows, types))
        results.sort(key=lambda x: -x[0])
        print("== ranking by CV macro-F1 at the best per-type thresholds")
        for r in results:
            print(f"  {r[0]:.3f}  {r[1]}")
        if a.out:
            ship(recs, results[0], a)
        json.dump([dict(macro=r[0], tag=r[1], mode=r[2], config=r[3], vectors=bool(r[4]),
                        thresholds=r[5], rows={f"{k}@{th}": v for (k, th), v in r[6].items()}) for r in results],
                  open(f"{a.work}/arabic_cv.json", "w"), indent=1)
    else:
        plover(recs, a)


def plover(recs, a):
    """English PLOVER: one type per sentence; CV accuracy of a 16-way classifier."""
    fold = folds_of(recs, lambda r: r["type"])
    for name in a.configs.split(","):
        cfg = dict(CONFIGS[name], oversample=1)
        right = 0
        for k in range(FOLDS):
            lines = [f"__label__{r['type']} {r['feats']}" for r, f in zip(recs, fold) if f != k]
            model = train(lines, f"{a.work}/pl{k}", cfg, a.vectors)
            idx = [i for i, f in enumerate(fold) if f == k]
            for i, probs in zip(idx, predict(model, [recs[i]["feats"] for i in idx], f"{a.work}/pl{k}")):
                right += max(probs, key=probs.get) == recs[i]["type"]
        majority = collections.Counter(r["type"] for r in recs).most_common(1)[0][1]
        print(f"plover/{name}: CV accuracy {right / len(recs):.3f} ({right}/{len(recs)}); majority class {majority / len(recs):.3f}")


if __name__ == "__main__":
    main()
