#!/usr/bin/env python3
"""Check rasad's annotation files (docs/ANNOTATION.md); errors name file and line. Exit 1 on any.

usage: lint.py [FILE...]   (default: data/annotations/{ar,fa,en}{,.double}.jsonl and the samples)
Checks: every record's key is sampled with the same doc/offsets/checksum; the checksum equals the
corpus bytes (when ../shared is present); spans lie inside the sentence on UTF-8 boundaries;
type, mode, CAMEO code, factuality exist; actor codes start with a known country or kind.
"""
import glob, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common


def main():
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(common.REPO, "data/annotations/*.jsonl")))
    cameo, modes, prefixes = common.cameo_codes(), common.plover_modes(), common.actor_prefixes()
    errors = 0
    samples = {}
    for lang in common.LANGS:
        for r in common.samples(lang):
            samples[r["key"]] = r
    have_corpus = os.path.isdir(os.path.join(common.SHARED, "corpus"))
    texts = common.sentence_bytes(list(samples.values())) if have_corpus else {}

    def err(path, n, msg):
        nonlocal errors
        errors += 1
        print(f"{os.path.relpath(path, common.REPO)}:{n}: error: {msg}")

    for path in files:
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                err(path, n, f"not JSON: {e}")
                continue
            s = samples.get(r.get("key"))
            if not s:
                err(path, n, f"key {r.get('key')!r} is not in data/annotations/samples")
                continue
            for k in ("corpus", "doc", "start", "end", "sha1"):
                if r.get(k) != s[k]:
                    err(path, n, f"{k} differs from the sample ({r.get(k)!r} vs {s[k]!r})")
            raw = texts.get(r["key"])
            for i, e in enumerate(r.get("events", [])):
                where = f"{r['key']} event {i}"
                if e.get("type") not in common.TYPES:
                    err(path, n, f"{where}: unknown PLOVER type {e.get('type')!r}")
                elif e.get("mode") and e["mode"] not in modes.get(e["type"], ()):
                    err(path, n, f"{where}: mode {e['mode']!r} is not a mode of {e['type']}")
                if e.get("cameo") not in cameo and not (len(str(e.get("cameo"))) == 2 and str(e["cameo"]).isdigit()):
                    err(path, n, f"{where}: unknown CAMEO code {e.get('cameo')!r}")
                if e.get("factuality") not in common.FACTUALITY:
                    err(path, n, f"{where}: unknown factuality {e.get('factuality')!r}")
                if not e.get("trigger"):
                    err(path, n, f"{where}: no trigger span")
                for f in ("trigger", "source", "target"):
                    sp = e.get(f)
                    if sp is None:
                        continue
                    if not (isinstance(sp, list) and len(sp) == 2 and s["start"] <= sp[0] < sp[1] <= s["end"]):
                        err(path, n, f"{where}: {f} span {sp} is not inside the sentence {s['start']}-{s['end']}")
                    elif raw is not None:
                        for b in sp:
                            off = b - s["start"]
                            if off < len(raw) and (raw[off] & 0xC0) == 0x80:
                                err(path, n, f"{where}: {f} span {sp} cuts a UTF-8 sequence")
                for f in ("source_code", "target_code"):
                    c = e.get(f, "")
                    if c and (not re.fullmatch(r"[A-Z]{3}[A-Z]{0,9}", c) or c[:3] not in prefixes):
                        err(path, n, f"{where}: {f} {c!r} does not start with a known country or kind")
    print(f"lint: {len(files)} files, {errors} errors", file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
