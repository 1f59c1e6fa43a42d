#!/usr/bin/env python3
"""Convert UniversalPetrarch's Arabic verb dictionary (CAMEO.ar.0.5.txt) into rasad event patterns
(data/kb/patterns/ar.tsv; format in docs/DATA.md, "Event patterns").

The source is a machine translation of PETRARCH's English verb dictionary: blocks
`--- HEAD [code] ---`, verb lines `lemma(+particle)* [code]? # english`, and pattern lines
`- pre * post [code] # verbs` whose trailing comment names the block verbs the pattern applies to.
Objects are `word`, `{compound words}`, `(prep object)` and `&SYNSET`; `$`/`+` are actor slots.
Only what maps cleanly is kept; everything dropped is counted by reason on stderr.

Why the choices:
- Words are lemmas; text has inflected verbs, so each verb becomes an explicit alternation of its
  common perfective/imperfective forms (not `lemma*`: three-letter stems prefix-match nouns).
- Verbs alone are not converted: their codes were inherited from English synonyms and are wrong in
  Arabic (أكد [163], بدأ [190], اعلن [111], وجه [163], عاد [051]); even block headwords with the
  block's code are mostly wrong (اصدر 085, تراجع 195), and the block code applied to every verb of the
  block would make قرر, ملك, خرج 120. Verb alone triggers live in ar.manual.tsv.
- Verb and object are separated by `_` (Arabic puts the subject between them: نظمت الجماعة مظاهرة).
- Single-letter prepositions (ب ل ك ف و) are clitics the morphology strips, so they are dropped.
- The same pattern mapped to several codes keeps the first one in source order.
"""

import collections
import os
import re
import sys

from kbio import KB, REF, read_tsv, write_tsv

SRC = os.path.join(REF, "upetrarch-arabic", "CAMEO.ar.0.5.txt")
SYNSETS = os.path.join(REF, "upetrarch-arabic", "synsets.ar.txt")
MAX_SYNSET = 20          # larger synsets (&WEAPON, &CURRENCY) would make unreadable alternations
CLITICS = set("بلكفو")
SYM = {"041", "043", "046"}   # phone calls, meetings, negotiations: coded in both directions
ARABIC = re.compile(r"^[\u0621-\u064A]+$")


def akey(w):
    """Spelling-insensitive key for comparing verb names across lines of the source."""
    w = re.sub(r"[\u064B-\u0652]", "", w)
    w = re.sub("[أإآا]", "ا", w).replace("ى", "ي").replace("ة", "ه")
    w = w.replace("ء", "").replace("ئ", "ي").replace("ؤ", "و")
    return " ".join(w.replace("_", " ").replace("+", " ").split())


def verb_forms(v):
    """Common surface forms of a verb lemma (perfective 3rd person, imperfective 1st/2nd/3rd)."""
    if v[-1] in "اى":              # defective: دعا دعت دعوا يدعو / ألقى ألقت يلقي
        s = v[:-1]
        if s[0] in "اأإآ" and len(s) > 2:
            s2 = s[1:]
            return "|".join(dict.fromkeys([v, s + "ت", s + "وا", "ي" + s2 + "ي", "ت" + s2 + "ي", "ي" + s2 + "ون"]))
        forms = [v, s + "ت", s + "وا", s + "يا", "ي" + s + "و", "ت" + s + "و", "ي" + s + "ي",
                 "ت" + s + "ي", "ي" + s + "ون", "ن" + s + "و"]
    elif v[0] in "اأإآ" and len(v) > 3:  # forms IV, VII, VIII, X: أعلن يعلن, اعتقل يعتقل
        s = v[1:]
        forms = [v, v + "ت", v + "وا", v + "ا", "ي" + s, "ت" + s, "ي" + s + "ون", "ن" + s]
    elif v[0] in "اأإآ":                 # hamzated root: أكد يؤكد, أخذ يأخذ
        s = v[1:]
        forms = [v, v + "ت", v + "وا", v + "ا", "يؤ" + s, "تؤ" + s, "يأ" + s, "تأ" + s]
    else:
        forms = [v, v + "ت", v + "وا", v + "ا", v + "تا", "ي" + v, "ت" + v, "ي" + v + "ون", "ي" + v + "ان",
                 "ن" + v]
    return "|".join(dict.fromkeys(forms))


def noun_forms(n):
    """A noun lemma with its sound feminine plural or accusative -an spelling."""
    if n.endswith("ة"):
        return n + "|" + n[:-1] + "ات"
    if n[-1] not in "اىي" and len(n) > 2:
        return n + "|" + n + "ا"
    return n


def load_synsets(stats):
    sets = {}
    for path in (SRC, SYNSETS):
        name = None
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line.startswith("#######") and "VERB" in line:
                    break
                if line.startswith("&"):
                    name = line[1:].split()[0]
                    if name in sets and path == SYNSETS:
                        name = None        # the dictionary's own copy wins
                    else:
                        sets.setdefault(name, [])
                elif line and name and line[0] in "+_":
                    words = [w for w in line.strip("+_").split("_") if w]
                    if words and words not in sets[name]:
                        sets[name].append(words)
    return sets


class Dropped(Exception):
    pass


def tokenize_pattern(text):
    """Split the object part into elements: ('group', [words]) in source order."""
    elems = []
    i = 0
    text = text.replace("(", " ( ").replace(")", " ) ").replace("{", " { ").replace("}", " } ")
    toks = text.split()
    while i < len(toks):
        t = toks[i]
        if t in ("(", "{"):
            close = ")" if t == "(" else "}"
            depth, j, inner = 1, i + 1, []
            while j < len(toks):
                if toks[j] in ("(", "{"):
                    depth += 1
                elif toks[j] in (")", "}"):
                    depth -= 1
                    if depth == 0:
                        break
                if toks[j] not in ("(", "{", ")", "}"):
                    inner.append(toks[j])
                j += 1
            if depth:
                raise Dropped("unbalanced brackets")
            del close
            elems.append(inner)
            i = j + 1
        elif t in (")", "}"):
            raise Dropped("unbalanced brackets")
        else:
            elems.append([t])
            i += 1
    return elems


def element_tokens(words, synsets):
    """Pattern tokens for one element (consecutive words), or raise Dropped."""
    out = []
    for w in words:
        if w.startswith("&"):
            members = synsets.get(w[1:])
            if members is None:
                raise Dropped("unknown synset")
            single = sorted({m[0] for m in members if len(m) == 1 and ARABIC.match(m[0])})
            if not single or len(single) > MAX_SYNSET:
                raise Dropped("synset too large or multi-word")
            out.append("|".join(single))
            continue
        if w in ("$", "+", "-", "%", "^", "=") or w.startswith(("$", "+", "-")):
            raise Dropped("actor slot or negation in pattern")
        if w == "هوو":
            raise Dropped("pronoun placeholder هوو")
        if not ARABIC.match(w):
            raise Dropped("non-Arabic token")
        if w in CLITICS:
            continue
        out.append(noun_forms(w))
    return out


def main():
    cameo = {r[0] for r in read_tsv("ontology/cameo.tsv")}
    synsets = load_synsets(collections.Counter())
    stats = collections.Counter()
    rows, seen = [], {}
    bad_codes = collections.Counter()

    def emit(code, pattern, what):
        if code not in cameo:
            stats[f"dropped {what}: code not in cameo.tsv"] += 1
            bad_codes[code] += 1
            return
        if pattern in seen:
            if seen[pattern] != code:
                stats[f"dropped {what}: same pattern, other code (first kept)"] += 1
            return
        seen[pattern] = code
        rows.append((code, pattern, "-", "sym" if code in SYM else "-", "upetrarch"))
        stats[f"converted {what}"] += 1

    with open(SRC, encoding="utf-8") as f:
        lines = f.read().split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith("#######") and "VERB" in l)
    block_verbs = []      # [(key, verb lemma, particles, own code)]
    for n, raw in enumerate(lines[start + 1:], start + 2):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"^---\s*(.*?)\s*\[(.*?)\]\s*---", line)
        if m:
            block_verbs = []
            continue
        if line.startswith("-"):
            stats["pattern lines"] += 1
            m = re.match(r"^-(.*?)\[([^\]]*)\]\s*(?:#(.*))?$", line)
            if not m:
                stats["dropped pattern: malformed line"] += 1
                continue
            body, code, comment = m.group(1), m.group(2).strip(), (m.group(3) or "")
            if body.count("*") != 1:
                stats["dropped pattern: no single verb marker *"] += 1
                continue
            pre, post = body.split("*")
            names = {akey(c) for c in comment.split(",") if c.strip()}
            verbs = [v for v in block_verbs if v[0] in names] if names else block_verbs
            if not verbs:
                stats["dropped pattern: its verbs are not in the block"] += 1
                continue
            try:
                pre_t = [element_tokens(e, synsets) for e in tokenize_pattern(pre)]
                post_t = [element_tokens(e, synsets) for e in tokenize_pattern(post)]
            except Dropped as d:
                stats[f"dropped pattern: {d}"] += 1
                continue
            pre_t = [e for e in pre_t if e]
            post_t = [e for e in post_t if e]
            if not pre_t and not post_t:
                stats["dropped pattern: only clitics or nothing after the verb"] += 1
                continue
            for _, lemma, particles, _own in verbs:
                parts = [" ".join(e) for e in pre_t] + [" ".join([verb_forms(lemma)] + particles)]
                parts += [" ".join(e) for e in post_t]
                emit(code, " _ ".join(parts), "verb+object")
            continue
        # Verb line: lemma(+particle)* [code]? # english
        m = re.match(r"^([^\[#]+?)\s*(?:\[([^\]]*)\])?\s*(?:#.*)?$", line)
        if not m:
            stats["dropped verb: malformed line"] += 1
            continue
        stats["verb lines"] += 1
        entry, own = m.group(1).strip(), (m.group(2) or "").strip()
        words = entry.replace("+", " ").split()
        if "هوو" in words:
            stats["dropped verb: pronoun placeholder هوو"] += 1
            continue
        if not all(ARABIC.match(w) for w in words):
            stats["dropped verb: non-Arabic characters"] += 1
            continue
        lemma, particles = words[0], [w for w in words[1:] if w not in CLITICS]
        if len(lemma) < 3:
            stats["dropped verb: lemma shorter than 3 letters"] += 1
            continue
        block_verbs.append((akey(entry), lemma, particles, own))
        # Verbs alone are not converted (see the module comment); they are counted for the report.
        if own and own != "---":
            stats["dropped verb alone: verb-line codes unreliable in the translation"] += 1
        else:
            stats["skipped verb alone: no code of its own"] += 1

    header = [
        "Arabic event trigger patterns converted from UniversalPetrarch's CAMEO.ar.0.5.txt.",
        "Generated by scripts/import/import_patterns_ar.py; do not edit by hand (use ar.manual.tsv).",
        "Columns: cameo pattern target flags origin",
        "  cameo: CAMEO code from ontology/cameo.tsv",
        "  pattern: space-separated tokens; word = exact (normalized form or clitic-stripped stem),",
        "    word* = starts with, a|b = alternatives, _ = gap of 0-3 tokens (never first/last)",
        "  target: - (first actor after the trigger) | none | after | before | prep:X,Y",
        "  flags: - | sym (coded both ways) | passive",
        "  origin: upetrarch (UniversalPetrarch Arabic verb dictionary; lemmas inflected by the importer)",
    ]
    write_tsv("patterns/ar.tsv", header, rows)
    for k in sorted(stats):
        print(f"  {stats[k]:6}  {k}", file=sys.stderr)
    if bad_codes:
        print("  codes not in cameo.tsv: " + " ".join(f"{c or '(empty)'}x{n}" for c, n in sorted(bad_codes.items())),
              file=sys.stderr)


if __name__ == "__main__":
    main()
