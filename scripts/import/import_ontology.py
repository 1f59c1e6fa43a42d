#!/usr/bin/env python3
"""Import the CAMEO event codebook, GDELT's Goldstein scale and the CAMEO->PLOVER 2021 table
into data/kb/ontology/cameo.tsv, and PLOVER's types and modes into data/kb/ontology/plover.tsv.

Codes missing from one of the three tables are reported on stderr."""

import os
import re
import sys

from kbio import REF, write_tsv

ONT = os.path.join(REF, "ontology")

# QuadClass as GDELT defines it from the CAMEO root.
def quad_class(root):
    r = int(root)
    if r <= 5:
        return "1"  # verbal cooperation
    if r <= 8:
        return "2"  # material cooperation
    if r <= 13:
        return "3"  # verbal conflict
    return "4"      # material conflict


# One-line definitions written for rasad after the PLOVER 2021 manual (Schrodt, draft 0.8).
PLOVER_TYPES = [
    ("AGREE", "agree to, promise or express intent to cooperate, meet, settle or yield", "verbal cooperation"),
    ("CONSULT", "meet, visit, phone or negotiate with another actor", "verbal cooperation"),
    ("SUPPORT", "praise, endorse, recognize or sign a formal agreement with another actor", "verbal cooperation"),
    ("CONCEDE", "ease restrictions or accede to demands for reform, rights or policy change", "material cooperation"),
    ("COOPERATE", "engage in economic, military, judicial or intelligence cooperation", "material cooperation"),
    ("AID", "provide economic, military or humanitarian aid, protection or asylum", "material cooperation"),
    ("RETREAT", "release people or property, ease sanctions, allow access, cease fire, withdraw or disarm", "material cooperation"),
    ("REQUEST", "ask or demand that another actor cooperate, aid, change, yield or meet", "verbal conflict"),
    ("ACCUSE", "criticize, accuse, sue, find guilty or investigate another actor", "verbal conflict"),
    ("REJECT", "refuse cooperation, demands, proposals, mediation or norms; veto", "verbal conflict"),
    ("THREATEN", "threaten to cut relations or aid, sanction, restrict, expel or use force", "verbal conflict"),
    ("PROTEST", "demonstrate, strike, boycott, hunger-strike, block passage or riot", "material conflict"),
    ("SANCTION", "reduce or break relations, stop aid or negotiations, expel or withdraw", "material conflict"),
    ("MOBILIZE", "raise the alert status of or mobilize police or armed forces", "material conflict"),
    ("COERCE", "seize property, impose restrictions, bans, curfews, blockades or occupation, arrest or deport", "material conflict"),
    ("ASSAULT", "use violence: attack, bomb, abduct, torture, kill, fight, mass violence, WMD", "material conflict"),
]


def main():
    names = {}
    with open(os.path.join(ONT, "CAMEO.eventcodes.txt"), encoding="utf-8") as f:
        next(f)
        for line in f:
            if line.strip():
                code, name = line.rstrip("\n").split("\t", 1)
                names[code.strip()] = name.strip()
    gold = {}
    with open(os.path.join(ONT, "CAMEO.goldsteinscale.txt"), encoding="utf-8") as f:
        next(f)
        for line in f:
            if line.strip():
                code, score = line.split()
                gold[code] = score
    plover = {}
    headers = {}
    dup = []
    line_re = re.compile(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#.*)?$")
    with open(os.path.join(ONT, "CAMEO2PLOVER-2021.txt"), encoding="utf-8") as f:
        for line in f:
            m = line_re.match(line.strip())
            if not m:
                continue
            if "," not in m.group(2):
                # Root headers such as "03: AGREE"; a root listed under two types (08) stays unmapped.
                headers.setdefault(m.group(1), set()).add(m.group(2).strip())
                continue
            parts = [p.strip() for p in m.group(2).split(",")]
            while len(parts) < 3:
                parts.append("")
            ptype, mode, context = parts[0], parts[1], parts[2]
            context = ";".join(c.strip() for c in context.split(";") if c.strip())
            code = m.group(1)
            if code in plover and plover[code] != (ptype, mode, context):
                dup.append(code)
            plover[code] = (ptype, mode.replace(" ", ""), context)

    for code, types in sorted(headers.items()):
        if len(types) == 1 and code not in plover:
            plover[code] = (next(iter(types)), "", "")
        elif len(types) > 1:
            print(f"root {code} is split between {' '.join(sorted(types))}: left unmapped", file=sys.stderr)
    for label, table in (("goldstein", gold), ("plover", plover)):
        missing = sorted(set(names) - set(table))
        extra = sorted(set(table) - set(names))
        print(f"codes in eventcodes but not in {label}: {' '.join(missing) or '-'}", file=sys.stderr)
        print(f"codes in {label} but not in eventcodes: {' '.join(extra) or '-'}", file=sys.stderr)
    if dup:
        print(f"codes mapped twice with different PLOVER values: {' '.join(dup)}", file=sys.stderr)

    rows = []
    for code in sorted(set(names) | set(gold)):
        root = code[:2]
        ptype, mode, context = plover.get(code, ("", "", ""))
        origin = ["cameo-gdelt"] + (["plover-2021"] if code in plover else [])
        rows.append((code, names.get(code, ""), root, quad_class(root), gold.get(code, ""),
                     ptype, mode, context, "+".join(origin)))
    write_tsv("ontology/cameo.tsv", [
        "CAMEO event codebook with Goldstein scores and the CAMEO->PLOVER 2021 mapping.",
        "Generated by scripts/import/import_ontology.py; do not edit by hand.",
        "Columns: code name root quad_class goldstein plover_type plover_mode plover_context origin",
        "  code: 2-4 digit CAMEO event code; root: its first two digits (01-20)",
        "  quad_class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict",
        "  goldstein: -10.0..10.0 (GDELT's per-code scale)",
        "  plover_type: one of the 16 types in plover.tsv, empty when PLOVER 2021 does not map the code",
        "    (roots 01 MAKE PUBLIC STATEMENT and 02 APPEAL are not in the official table)",
        "  plover_mode, plover_context: as in the table; context values joined with ';'; may be empty",
        "  origin: cameo-gdelt (CAMEO.eventcodes.txt + CAMEO.goldsteinscale.txt), plover-2021 (CAMEO2PLOVER-2021.txt)",
    ], rows)

    modes = {}
    for ptype, mode, _ in plover.values():
        if mode:
            modes.setdefault(ptype, set()).add(mode)
    prow = []
    for ptype, definition, quad in PLOVER_TYPES:
        prow.append((ptype, ",".join(sorted(modes.get(ptype, ()))), quad, definition, "plover-2021"))
    write_tsv("ontology/plover.tsv", [
        "The 16 PLOVER 2021 event types.",
        "Generated by scripts/import/import_ontology.py; do not edit by hand.",
        "Columns: type modes quad definition origin",
        "  modes: comma-separated modes that CAMEO2PLOVER-2021.txt uses for the type (may be empty)",
        "  quad: verbal cooperation | material cooperation | verbal conflict | material conflict",
        "  definition: one line written for rasad after the PLOVER 2021 manual",
        "  origin: plover-2021",
    ], prow)


if __name__ == "__main__":
    main()
