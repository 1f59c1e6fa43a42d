#!/usr/bin/env python3
"""Turn the annotators' label files into data/annotations/LANG.jsonl (+ .double.jsonl) and report
agreement on the doubly annotated tenth (docs/ANNOTATION.md).

usage: build.py --labels DIR [--lang ar fa en] [--add]
DIR holds LANG-A/*.jsonl and LANG-B/*.jsonl: one line per sentence, {"key", "events": [...]} with
trigger/source/target as words copied from the sentence. For a doubly annotated sentence the A
annotation is the primary one and B's goes to LANG.double.jsonl. Writes data/annotations/agreement.md
(under $RASAD_DATA when set, as the other scripts).
With --add, the records already in LANG.jsonl and LANG.double.jsonl are kept as they are and DIR
only adds sentences not yet annotated (a new round); agreement is reported over all doubles.
"""
import argparse, glob, json, os, re, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common


MARKS = "[\u064B-\u0652\u0670\u0640\u200c\u200d]*"


def locate(sentence, words, nth):
    """Byte span of the nth occurrence of words in sentence (bytes), relative to the sentence.
    Falls back to a match that ignores Arabic diacritics, tatweel and joiners (annotators retype)."""
    if not words:
        return None
    w = words.encode("utf-8")
    at = -1
    for _ in range(max(1, int(nth or 1))):
        at = sentence.find(w, at + 1)
        if at < 0:
            break
    if at >= 0:
        return [at, at + len(w)]
    text = sentence.decode("utf-8")
    bare = re.sub(MARKS, "", words)
    if not bare:
        return None
    pattern = MARKS.join(re.escape(c) for c in bare)
    found = list(re.finditer(pattern, text))
    k = max(1, int(nth or 1))
    if len(found) < k:
        return None
    m = found[k - 1]
    return [len(text[:m.start()].encode("utf-8")), len(text[:m.end()].encode("utf-8"))]


def convert(raw, sample, sentence, warn, modes):
    events = []
    for e in raw.get("events", []):
        mode = e.get("mode", "") or ""
        if mode and mode not in modes.get(e.get("type"), ()):
            warn(f"{sample['key']}: mode {mode!r} is not a PLOVER mode of {e.get('type')}; dropped")
            mode = ""
        out = {"type": e.get("type", ""), "mode": mode, "cameo": str(e.get("cameo", "")),
               "factuality": e.get("factuality", "actual")}
        for f in ("trigger", "source", "target"):
            span = locate(sentence, e.get(f, ""), e.get(f + "_nth"))
            if e.get(f) and span is None:
                warn(f"{sample['key']}: {f} {e.get(f)!r} not in the sentence; span dropped")
            out[f] = [sample["start"] + span[0], sample["start"] + span[1]] if span else None
        out["source_code"] = e.get("source_code", "") or ""
        out["target_code"] = e.get("target_code", "") or ""
        if out["trigger"] is None:
            warn(f"{sample['key']}: event without a trigger span dropped")
            continue
        events.append(out)
    return {k: sample[k] for k in ("key", "corpus", "doc", "start", "end", "sha1")} | {"events": events}


def kappa(pairs):
    n = len(pairs)
    if not n:
        return float("nan")
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def agreement(first, second):
    """Sentence type kappa (label = the set of actual types, or NONE), per-type presence kappa
    averaged over types seen, trigger span F1 (overlap, same type), source/target country agreement."""
    actual = lambda r: sorted({e["type"] for e in r["events"] if e["factuality"] == "actual"})
    pairs = [("+".join(actual(a)) or "NONE", "+".join(actual(b)) or "NONE") for a, b in zip(first, second)]
    tp = fp = fn = 0
    actor_same = actor_all = 0
    for a, b in zip(first, second):
        used = set()
        for ea in a["events"]:
            hit = None
            for j, eb in enumerate(b["events"]):
                if j in used or eb["type"] != ea["type"] or not ea["trigger"] or not eb["trigger"]:
                    continue
                if ea["trigger"][0] < eb["trigger"][1] and eb["trigger"][0] < ea["trigger"][1]:
                    hit = j
                    break
            if hit is None:
                fp += 1
                continue
            used.add(hit)
            tp += 1
            eb = b["events"][hit]
            for side in ("source_code", "target_code"):
                actor_all += 1
                actor_same += ea[side][:3] == eb[side][:3]
        fn += len(b["events"]) - len(used)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return dict(n=len(pairs), kappa=kappa(pairs), observed=sum(x == y for x, y in pairs) / max(1, len(pairs)),
                trigger_f1=f1, actor_agreement=actor_same / actor_all if actor_all else float("nan"))


def kept(lang):
    """The records of an earlier build: (primary, their doubly annotated ones, the second annotations)."""
    base = os.path.join(common.DATA, "annotations", lang)
    primary = common.read_jsonl(base + ".jsonl") if os.path.exists(base + ".jsonl") else []
    second = common.read_jsonl(base + ".double.jsonl") if os.path.exists(base + ".double.jsonl") else []
    by_key = {r["key"]: r for r in primary}
    second = [r for r in second if r["key"] in by_key]
    return primary, [by_key[r["key"]] for r in second], second


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--labels", required=True)
    ap.add_argument("--lang", nargs="*", default=list(common.LANGS))
    ap.add_argument("--add", action="store_true", help="keep the existing records, add new sentences")
    a = ap.parse_args()
    report = ["# Annotation agreement", "",
              "Written by `scripts/annotate/build.py` on the doubly annotated tenth (docs/ANNOTATION.md).", "",
              "| lang | annotated | double | type kappa | observed agreement | trigger span F1 | actor country agreement |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    modes = common.plover_modes()
    for lang in a.lang:
        rows = common.samples(lang)
        by_key = {r["key"]: r for r in rows}
        sentences = common.sentence_bytes(rows)
        labels = {}
        for who in ("A", "B"):
            for path in sorted(glob.glob(os.path.join(a.labels, f"{lang}-{who}", "*.jsonl"))):
                for line in open(path, encoding="utf-8"):
                    if line.strip():
                        r = json.loads(line)
                        if r.get("key") in by_key:
                            labels.setdefault(r["key"], {})[who] = r
        warnings = []
        primary, double_a, double_b = kept(lang) if a.add else ([], [], [])
        done = {r["key"] for r in primary}
        for key in sorted(k for k in labels if k not in done):
            s = by_key[key]
            got = labels[key]
            first = "A" if "A" in got else "B"
            rec = convert(got[first], s, sentences[key], warnings.append, modes)
            rec["annotator"] = f"helper-{lang}-{first}"
            primary.append(rec)
            if s["double"] and "A" in got and "B" in got:
                rec_b = convert(got["B"], s, sentences[key], warnings.append, modes)
                rec_b["annotator"] = f"helper-{lang}-B"
                double_a.append(rec)
                double_b.append(rec_b)
        out = os.path.join(common.DATA, "annotations")
        order = lambda recs: sorted(recs, key=lambda r: (len(r["key"]), r["key"]))  # ar-9999 < ar-10000
        for name, recs in ((f"{lang}.jsonl", order(primary)), (f"{lang}.double.jsonl", order(double_b))):
            with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                for r in recs:
                    f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
        ag = agreement(double_a, double_b)
        report.append(f"| {lang} | {len(primary)} | {ag['n']} | {ag['kappa']:.3f} | {ag['observed']:.3f} | "
                      f"{ag['trigger_f1']:.3f} | {ag['actor_agreement']:.3f} |")
        n_events = Counter(e["type"] for r in primary for e in r["events"] if e["factuality"] == "actual")
        print(f"{lang}: {len(primary)} sentences, {sum(n_events.values())} actual events "
              f"({dict(n_events.most_common())}), {len(double_b)} double; {len(warnings)} warnings", file=sys.stderr)
        for w in warnings[:20]:
            print("  " + w, file=sys.stderr)
    report += ["", "Type kappa: Cohen's kappa over each sentence's set of actual event types (NONE when empty).",
               "Trigger span F1: events of one annotator matched to the other's by type and overlapping trigger.",
               "Actor country agreement: matched events whose source (and target) codes share the first three letters."]
    with open(os.path.join(common.DATA, "annotations/agreement.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(report) + "\n")


if __name__ == "__main__":
    main()
