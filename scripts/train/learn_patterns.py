#!/usr/bin/env python3
"""Learn event trigger patterns from the annotated corpus (data/kb/patterns/LANG.learned.tsv).

usage: learn_patterns.py [--rasad build/rasad] [--langs ar fa en] [--fraction F] [--dry-run]

Every annotated trigger (training part only: the Persian test fifth is left out) is read as the
sequence of its tokens' stems (or normalized forms) as rasad's text layer makes them. A sequence
becomes a pattern of the type's most frequent CAMEO code when, over all training sentences, it
occurs as a trigger of that type in at least MIN_SUPPORT sentences and at least MIN_PRECISION of
its occurrences are such triggers (MIN_PRECISION, chosen per language out of fold from a small
grid), and no hand-written or imported pattern already has its words.
The coder then treats it like any imported pattern (manual ones win ties); modality, actors and the
learned gates apply as usual. Deterministic: sorted inputs, no randomness.
"""
import argparse, collections, hashlib, json, os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../annotate"))
import common  # noqa: E402
from train_models import is_fa_test, take_fraction  # noqa: E402

MIN_SUPPORT = 2
MIN_PRECISION_GRID = (0.5, 0.6, 0.67, 0.75)  # chosen per language out of fold (choose_min_precision)
FOLDS = 5
MIN_GAIN = 0.005  # out-of-fold micro-F1 a stricter threshold must gain to be chosen
# Words that take part in many triggers but carry none alone (light verbs, auxiliaries, particles).
LIGHT = {"كرد", "کرد", "كردند", "کردند", "داد", "دادند", "شد", "شدند", "است", "قرار", "گرفت", "مي", "می",
         "خود", "اين", "این", "با", "به", "در", "از", "را", "و", "على", "في", "من", "الى", "إلى", "عن", "مع",
         "the", "to", "of", "and", "in", "on", "a", "an", "for", "with", "by", "was", "were", "has", "have",
         "had", "been", "be", "is", "are", "against", "from", "at", "that", "its", "their", "his", "her"}
MAX_TOKENS = 3


def flags_of(cameo):
    """Meetings, calls, talks and mediation are between their parties (coded both ways), as the
    hand-written patterns mark them; visits (042, 043) and mediation requests (045) have a direction."""
    return "sym" if cameo[:3] in ("040", "041", "044", "046") else "-"


def tokens_of(rasad, lang, rows, texts):
    """key -> [(start, end, word)] with byte offsets relative to the sentence."""
    out = common.run_rasad(rasad, [{"id": r["key"], "lang": lang, "text": texts[r["key"]].decode("utf-8")}
                                   for r in rows], ["doc", "--format", "json", "--lang", lang])
    toks = {}
    for line in out.splitlines():
        d = json.loads(line)
        seq = []
        for s in d["sentences"]:
            for t in s.get("tokens", []):
                if t["kind"] == "word":
                    seq.append((t["start"], t["end"], t.get("stem") or t["norm"]))
        toks[d["id"]] = seq
    return toks


def existing_patterns(lang):
    words = set()
    folder = os.path.join(common.DATA, "kb/patterns")
    for name in sorted(os.listdir(folder)):
        if name.startswith(lang + ".") and name.endswith(".tsv") and ".learned." not in name:
            for line in open(os.path.join(folder, name), encoding="utf-8"):
                if line.strip() and not line.startswith("#"):
                    words.add(line.split("\t")[1])
    return words


def load_rows(lang, rasad, fraction):
    path = os.path.join(common.DATA, "annotations", f"{lang}.jsonl")
    # Sentences drawn because the rules code a type there (sample.py --focus) over-represent that
    # type's words: "مسيرة" is a protest in half of them and in far fewer elsewhere.
    focused = common.focused_keys(lang)
    rows = take_fraction([dict(r, id=r["key"]) for r in common.read_jsonl(path)
                          if not is_fa_test(r["key"]) and r["key"] not in focused], fraction)
    texts = common.sentence_bytes(rows)
    return rows, texts, tokens_of(rasad, lang, rows, texts)


def learn_from(lang, rows, toks, min_precision):
    trig = collections.Counter()          # (seq, type) -> sentences where seq is a trigger of type
    cameo = collections.defaultdict(collections.Counter)
    for r in rows:
        seen = set()
        for e in r["events"]:
            s, t = e["trigger"][0] - r["start"], e["trigger"][1] - r["start"]
            full = tuple(w for a, b, w in toks.get(r["key"], []) if a < t and s < b)
            # The whole trigger, and each of its words alone: a light verb's noun ("انتقاد کرد") or a
            # verbal noun carries the event in other sentences too.
            for seq in {full} | ({(w,) for w in full} if len(full) > 1 else set()):
                if not seq or len(seq) > MAX_TOKENS or (seq, e["type"]) in seen:
                    continue
                seen.add((seq, e["type"]))
                trig[(seq, e["type"])] += 1
                cameo[(seq, e["type"])][e["cameo"]] += 1
    occurs = collections.Counter()        # seq -> sentences containing it
    wanted = {seq for seq, _ in trig}
    for r in rows:
        words = [w for _, _, w in toks.get(r["key"], [])]
        found = {tuple(words[i:i + n]) for n in range(1, MAX_TOKENS + 1) for i in range(len(words) - n + 1)}
        for seq in found & wanted:
            occurs[seq] += 1
    have = existing_patterns(lang)
    codes = common.cameo_codes()
    out = []
    for (seq, typ), n in sorted(trig.items()):
        precision = n / occurs[seq] if occurs[seq] else 0.0
        if n < MIN_SUPPORT or precision < min_precision or " ".join(seq) in have:
            continue
        if len(seq) == 1 and (len(seq[0]) < 3 or seq[0] in LIGHT):
            continue  # a clitic, particle or light verb alone is never a trigger
        code = next((c for c, _ in cameo[(seq, typ)].most_common() if c in codes and len(c) >= 3), None)
        if code is None:
            continue
        out.append((code, " ".join(seq), typ, n, occurs[seq]))
    return out


def write_patterns(target, lang, patterns):
    with open(target, "w", encoding="utf-8") as f:
        f.write(f"# Event trigger patterns learned from data/annotations/{lang}.jsonl by\n"
                "# scripts/train/learn_patterns.py; do not edit by hand (edit the annotations or the\n"
                "# hand-written patterns, then retrain). Format as in docs/DATA.md (\"Event patterns\").\n"
                "# Columns: cameo pattern target flags origin\n"
                "#   origin: learned:TYPE:K/N = a trigger of TYPE in K of the N training sentences holding it\n")
        for code, seq, typ, n, occ in sorted(patterns):
            f.write(f"{code}\t{seq}\t-\t{flags_of(code)}\tlearned:{typ}:{n}/{occ}\n")


def choose_min_precision(lang, rasad, rows, texts, toks):
    """The MIN_PRECISION_GRID value with the best micro-F1 of sentence types out of fold: patterns
    learned on four fifths of the sentences code the fifth (rules only, no learned gates or
    attacher), in a copy of data/."""
    work = tempfile.mkdtemp(prefix="rasad-patterns-")
    data = os.path.join(work, "data")
    shutil.copytree(common.DATA, data)
    target = os.path.join(data, "kb/patterns", f"{lang}.learned.tsv")
    fold = {r["key"]: int(hashlib.sha1(r["key"].encode()).hexdigest(), 16) % FOLDS for r in rows}
    results = []
    for th in MIN_PRECISION_GRID:
        tp = fp = fn = 0
        for k in range(FOLDS):
            train = [r for r in rows if fold[r["key"]] != k]
            test = [r for r in rows if fold[r["key"]] == k]
            write_patterns(target, lang, learn_from(lang, train, toks, th))
            path = os.path.join(work, "test.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                for r in test:
                    f.write(json.dumps({"id": r["key"], "lang": lang, "text": texts[r["key"]].decode("utf-8")},
                                       ensure_ascii=False) + "\n")
            out = subprocess.run([rasad, "--data", data, "-q", "code", path, "--format", "jsonl", "--no-classifier", "--no-tagger",
                                  "--no-attacher", "--no-factuality"], check=True, capture_output=True, text=True).stdout
            got = collections.defaultdict(set)
            for line in out.splitlines():
                e = json.loads(line)
                if e.get("plover"):
                    got[e["doc"]].add(e["plover"])
            for r in test:
                want = {e["type"] for e in r["events"] if e["factuality"] == "actual"}
                tp += len(want & got[r["key"]])
                fp += len(got[r["key"]] - want)
                fn += len(want - got[r["key"]])
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        results.append((f1, th))
    shutil.rmtree(work)
    best = max(results, key=lambda x: (round(x[0], 4), -x[1]))
    if best[0] < results[0][0] + MIN_GAIN:
        best = results[0]  # the grid's first (most patterns) unless another is clearly better
    print(f"{lang}: out-of-fold micro-F1 by MIN_PRECISION: " + ", ".join(f"{th}: {f:.3f}" for f, th in results) +
          f"; chosen {best[1]}", file=sys.stderr)
    return best[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rasad", default=os.path.join(common.REPO, "build/rasad"))
    ap.add_argument("--langs", nargs="*", default=["ar", "fa", "en"])
    ap.add_argument("--fraction", type=float, default=1.0)
    ap.add_argument("--dry-run", action="store_true")
    a = ap.parse_args()
    for lang in a.langs:
        target = os.path.join(common.DATA, "kb/patterns", f"{lang}.learned.tsv")
        if os.path.exists(target) and not a.dry_run:
            os.unlink(target)  # learn from the text layer, not from last run's patterns
        rows, texts, toks = load_rows(lang, a.rasad, a.fraction)
        th = choose_min_precision(lang, a.rasad, rows, texts, toks)
        patterns = learn_from(lang, rows, toks, th)
        print(f"{lang}: {len(patterns)} learned patterns from {len(rows)} annotated sentences", file=sys.stderr)
        if a.dry_run:
            for p in patterns:
                print("\t".join(map(str, p)))
            continue
        write_patterns(target, lang, patterns)


if __name__ == "__main__":
    main()
