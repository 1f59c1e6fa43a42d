#!/usr/bin/env python3
"""Learn event trigger patterns from the annotated corpus (data/kb/patterns/LANG.learned.tsv).

usage: learn_patterns.py [--rasad build/rasad] [--langs ar fa en] [--fraction F] [--dry-run]

Every annotated trigger (training part only: the Persian test fifth is left out) is read as the
sequence of its tokens' stems (or normalized forms) as rasad's text layer makes them. A sequence
becomes a pattern of the type's most frequent CAMEO code when, over all training sentences, it
occurs as a trigger of that type in at least MIN_SUPPORT sentences and at least MIN_PRECISION of
its occurrences are such triggers, and no hand-written or imported pattern already has its words.
The coder then treats it like any imported pattern (manual ones win ties); modality, actors and the
learned gates apply as usual. Deterministic: sorted inputs, no randomness.
"""
import argparse, collections, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../annotate"))
import common  # noqa: E402
from train_models import is_fa_test, take_fraction  # noqa: E402

MIN_SUPPORT = 2
MIN_PRECISION = 0.5
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


def learn(lang, rasad, fraction):
    path = os.path.join(common.DATA, "annotations", f"{lang}.jsonl")
    rows = take_fraction([dict(r, id=r["key"]) for r in common.read_jsonl(path) if not is_fa_test(r["key"])],
                         fraction)
    texts = common.sentence_bytes(rows)
    toks = tokens_of(rasad, lang, rows, texts)
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
        if n < MIN_SUPPORT or precision < MIN_PRECISION or " ".join(seq) in have:
            continue
        if len(seq) == 1 and (len(seq[0]) < 3 or seq[0] in LIGHT):
            continue  # a clitic, particle or light verb alone is never a trigger
        code = next((c for c, _ in cameo[(seq, typ)].most_common() if c in codes and len(c) >= 3), None)
        if code is None:
            continue
        out.append((code, " ".join(seq), typ, n, occurs[seq]))
    return out, len(rows)


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
        patterns, n = learn(lang, a.rasad, a.fraction)
        print(f"{lang}: {len(patterns)} learned patterns from {n} annotated sentences", file=sys.stderr)
        if a.dry_run:
            for p in patterns:
                print("\t".join(map(str, p)))
            continue
        with open(target, "w", encoding="utf-8") as f:
            f.write(f"# Event trigger patterns learned from data/annotations/{lang}.jsonl by\n"
                    "# scripts/train/learn_patterns.py; do not edit by hand (edit the annotations or the\n"
                    "# hand-written patterns, then retrain). Format as in docs/DATA.md (\"Event patterns\").\n"
                    "# Columns: cameo pattern target flags origin\n"
                    "#   origin: learned:TYPE:K/N = a trigger of TYPE in K of the N training sentences holding it\n")
            for code, words, typ, k, n_occ in sorted(patterns):
                f.write(f"{code}\t{words}\t-\t{flags_of(code)}\tlearned:{typ}:{k}/{n_occ}\n")


if __name__ == "__main__":
    main()
