#!/usr/bin/env python3
"""Quick linter for data/kb: malformed lines (file:line), unknown codes, duplicate rows, bad or
overlapping role dates. Prints counts per file and language; exits 1 on errors.
The C++ `rasad dict check` is the authoritative checker; this one guards the import scripts."""

import collections
import glob
import os
import re
import sys

from kbio import KB

LANGS = {"ar", "fa", "en"}
COUNTRY_KINDS = {"name", "short", "adjective", "demonym", "demonym_plural", "capital", "metonym", "place"}
DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
SINGLE_HOLDER = {"head_of_state", "head_of_government", "foreign_minister", "defense_minister",
                 "supreme_leader", "speaker", "head_of_judiciary", "crown_prince", "un_secretary_general",
                 "igo_head", "eu_foreign_policy_chief", "group_leader", "leader",
                 # cabinet and other national offices (docs/DATA.md); mayor: the capital's
                 "vice_president", "interior_minister", "intelligence_minister", "oil_minister",
                 "economy_minister", "justice_minister", "health_minister", "education_minister",
                 "culture_minister", "roads_minister", "energy_minister", "agriculture_minister",
                 "labour_minister", "industry_minister", "communications_minister", "science_minister",
                 "sport_minister", "government_spokesperson", "foreign_ministry_spokesperson",
                 "security_council_secretary", "nuclear_negotiator", "chief_of_staff", "army_commander",
                 "irgc_commander", "quds_force_commander", "police_chief", "atomic_energy_head",
                 "central_bank_governor", "mayor"}
ROLES = SINGLE_HOLDER | {"office"}  # office: a dated affiliation (PETRARCH imports), several holders

# file pattern -> column names
SCHEMAS = {
    "ontology/cameo.tsv": ["code", "name", "root", "quad_class", "goldstein", "plover_type", "plover_mode",
                           "plover_context", "origin"],
    "ontology/plover.tsv": ["type", "modes", "quad", "definition", "origin"],
    "ontology/sectors.tsv": ["code", "kind", "description", "origin"],
    "ontology/iso_fips.tsv": ["iso3", "fips", "name", "origin"],
    "actors/countries*.tsv": ["code", "lang", "kind", "form", "origin"],
    "actors/organizations*.tsv": ["code", "lang", "kind", "form", "origin"],
    "actors/people*.tsv": ["person_id", "lang", "form", "origin"],
    "actors/roles*.tsv": ["person_id", "actor_code", "role", "country", "start", "end", "origin"],
    "agents/*.tsv": ["form", "sector", "role", "origin"],
    "places.names.tsv": ["geonames_name", "country", "kind", "lang", "form", "origin"],
    "places.tsv": ["name", "lang", "country", "lat", "lon", "kind", "origin"],
    "issues.tsv": ["issue_id", "lang", "form", "origin"],
    "patterns/*.tsv": ["cameo", "pattern", "target", "flags", "origin"],
}
OPTIONAL = {"plover_type", "plover_mode", "plover_context", "modes", "role", "end", "country", "lat", "lon",
            "name"}


class Linter:
    def __init__(self):
        self.errors = 0
        self.warnings = 0

    def error(self, where, msg):
        self.errors += 1
        print(f"error: {where}: {msg}")

    def warn(self, where, msg):
        self.warnings += 1
        print(f"warning: {where}: {msg}")


def load(lint):
    tables = {}
    for pattern, cols in SCHEMAS.items():
        for path in sorted(glob.glob(os.path.join(KB, pattern))):
            rel = os.path.relpath(path, KB)
            rows = []
            seen = set()
            with open(path, encoding="utf-8") as f:
                first = f.readline()
                if not first.startswith("#"):
                    lint.error(f"{rel}:1", "file must start with '#' comment lines describing the format")
                f.seek(0)
                for n, line in enumerate(f, 1):
                    if not line.endswith("\n"):
                        lint.error(f"{rel}:{n}", "missing final newline")
                    line = line.rstrip("\n")
                    if line.startswith("#") or not line:
                        continue
                    where = f"{rel}:{n}"
                    if "\r" in line:
                        lint.error(where, "carriage return")
                    fields = line.split("\t")
                    if len(fields) != len(cols):
                        lint.error(where, f"{len(fields)} columns, expected {len(cols)} ({' '.join(cols)})")
                        continue
                    row = dict(zip(cols, fields))
                    for c, v in row.items():
                        if v != v.strip() or "  " in v:
                            lint.error(where, f"stray spaces in {c}: {v!r}")
                        if not v and c not in OPTIONAL:
                            lint.error(where, f"empty {c}")
                    if line in seen:
                        lint.error(where, "duplicate row")
                    seen.add(line)
                    if "lang" in row and row["lang"] not in LANGS:
                        lint.error(where, f"unknown lang {row['lang']!r}")
                    row["_where"] = where
                    rows.append(row)
            tables[rel] = rows
    return tables


PATTERN_TARGETS = {"-", "none", "after", "before"}
PATTERN_FLAGS = {"sym", "passive", "reported"}


def pattern_errors(pattern):
    """Syntax problems of an event pattern (docs/DATA.md, "Event patterns"); empty when valid."""
    errs = []
    toks = pattern.split(" ")
    if any(not t for t in toks):
        errs.append("empty token (stray spaces)")
    if toks[0] == "_" or toks[-1] == "_":
        errs.append("gap '_' first or last")
    for a, b in zip(toks, toks[1:]):
        if a == b == "_":
            errs.append("two gaps in a row")
    for t in toks:
        if t == "_" or not t:
            continue
        for alt in t.split("|"):
            word = alt[:-1] if alt.endswith("*") else alt
            if not word:
                errs.append(f"empty alternative in {t!r}")
            elif "*" in word or "_" in word or "\t" in word:
                errs.append(f"misplaced '*' or '_' in {t!r}")
            elif alt.endswith("*") and len(word) < 3:
                errs.append(f"prefix {alt!r} shorter than 3 letters over-matches")
    return errs


def check_patterns(lint, tables, cameo):
    """Event pattern files: syntax, codes, target/flag values, duplicates; counts per language/root."""
    per_lang = collections.defaultdict(collections.Counter)
    codes_of = collections.defaultdict(lambda: collections.defaultdict(set))
    for f, rows in sorted(tables.items()):
        if not f.startswith("patterns/"):
            continue
        lang = f.split("/")[-1].split(".")[0]
        if lang not in LANGS:
            lint.error(f, f"pattern file for unknown language {lang!r}")
        expected_origin = "manual" if f.endswith(".manual.tsv") else "upetrarch"
        seen = set()
        for r in rows:
            w = r["_where"]
            if r["cameo"] not in cameo:
                lint.error(w, f"CAMEO code {r['cameo']!r} not in ontology/cameo.tsv")
            for e in pattern_errors(r["pattern"]):
                lint.error(w, f"pattern {r['pattern']!r}: {e}")
            t = r["target"]
            if t not in PATTERN_TARGETS and not (t.startswith("prep:") and all(t[5:].split(","))):
                lint.error(w, f"bad target {t!r} (-, none, after, before, prep:X,Y)")
            flags = set() if r["flags"] == "-" else set(r["flags"].split(","))
            if flags - PATTERN_FLAGS or "" in flags:
                lint.error(w, f"bad flags {r['flags']!r} (-, sym, passive, reported)")
            if "passive" in flags and lang != "en":
                lint.error(w, "flag passive is for English only")
            if r["origin"] != expected_origin and not (f.endswith(".learned.tsv") and r["origin"].startswith("learned:")):
                lint.error(w, f"origin {r['origin']!r}, expected {expected_origin}")
            key = (r["cameo"], r["pattern"])
            if key in seen:
                lint.error(w, f"duplicate pattern {r['pattern']!r} for {r['cameo']}")
            seen.add(key)
            codes_of[lang][r["pattern"]].add(r["cameo"])
            per_lang[f.split("/")[-1][:-4]][r["cameo"][:2]] += 1
    for lang, pats in sorted(codes_of.items()):
        clash = sum(1 for c in pats.values() if len(c) > 1)
        if clash:
            lint.warn(f"patterns/{lang}*.tsv", f"{clash} patterns carry more than one CAMEO code")
    if per_lang:
        roots = [f"{i:02d}" for i in range(1, 21)]
        print("\npatterns per file and CAMEO root:")
        print("  file       " + " ".join(f"{r:>4}" for r in roots) + "  total")
        for lang in sorted(per_lang):
            c = per_lang[lang]
            print(f"  {lang:10} " + " ".join(f"{c[r]:4}" for r in roots) + f"  {sum(c.values()):5}")
            missing = [r for r in roots if not c[r]]
            if missing:
                lint.warn(f"patterns/{lang}.tsv", "no pattern for CAMEO roots " + " ".join(missing))


def main():
    lint = Linter()
    tables = load(lint)
    sectors = {r["code"] for r in tables.get("ontology/sectors.tsv", [])}
    countries = {r["code"] for f, rows in tables.items() if f.startswith("actors/countries") for r in rows
                 if len(r["code"]) == 3}
    plover = {r["type"] for r in tables.get("ontology/plover.tsv", [])}
    fips_seen = {}
    for r in tables.get("ontology/iso_fips.tsv", []):
        where = f"ontology/iso_fips.tsv: {r['iso3']}"
        if r["iso3"] not in countries:
            lint.error(where, "not a country code of actors/countries*.tsv")
        if not re.fullmatch(r"[A-Z]{2}", r["fips"]):
            lint.error(where, f"malformed FIPS 10-4 code {r['fips']!r}")
        if r["fips"] in fips_seen:
            lint.error(where, f"FIPS code {r['fips']} also given to {fips_seen[r['fips']]}")
        fips_seen[r["fips"]] = r["iso3"]

    def check_actor(code, where, org=False):
        if len(code) % 3 or not re.fullmatch(r"[A-Z0-9]+", code):
            lint.error(where, f"malformed actor code {code!r}")
            return
        head = code[:3]
        if head not in countries and head not in sectors:
            lint.error(where, f"unknown country or sector {head!r} in {code}")
        tail = [code[i:i + 3] for i in range(3, len(code), 3)]
        if org:
            # IGO/NGO/IMG codes continue with organization identifiers (IGOUNOSEC); national groups
            # with one sector and then their identifier (PSEREBHMS).
            tail = [] if head in ("IGO", "NGO", "IMG", "MNC", "NGM") else tail[:-1]
        for part in tail:
            if part not in sectors:
                lint.error(where, f"unknown sector {part!r} in {code}")

    for r in tables.get("ontology/cameo.tsv", []):
        if r["plover_type"] and r["plover_type"] not in plover:
            lint.error(r["_where"], f"unknown PLOVER type {r['plover_type']}")
        if r["quad_class"] not in {"1", "2", "3", "4"} or r["root"] != r["code"][:2]:
            lint.error(r["_where"], "bad root or quad_class")
    for f, rows in tables.items():
        if f.startswith("actors/countries"):
            for r in rows:
                if r["kind"] not in COUNTRY_KINDS:
                    lint.error(r["_where"], f"unknown kind {r['kind']!r}")
                check_actor(r["code"], r["_where"])
        elif f.startswith("actors/organizations"):
            for r in rows:
                if r["kind"] not in {"name", "short"}:
                    lint.error(r["_where"], f"unknown kind {r['kind']!r}")
                check_actor(r["code"], r["_where"], org=len(r["code"]) > 3 and r["code"] not in {"PSEGOV"})
        elif f.startswith("agents/"):
            for r in rows:
                for part in r["sector"].split("+"):
                    if part not in sectors:
                        lint.error(r["_where"], f"unknown sector {part!r}")
        elif f in ("places.tsv", "places.names.tsv"):
            for r in rows:
                if r["country"] not in countries:
                    lint.error(r["_where"], f"unknown country {r['country']!r}")
                if r["kind"] not in {"capital", "city", "region"}:
                    lint.error(r["_where"], f"unknown kind {r['kind']!r}")

    check_patterns(lint, tables, {r["code"] for r in tables.get("ontology/cameo.tsv", [])})

    people = {r["person_id"] for f, rows in tables.items() if f.startswith("actors/people") for r in rows}
    orgs = {r["code"] for f, rows in tables.items() if f.startswith("actors/organizations") for r in rows}
    by_key = collections.defaultdict(list)
    for f, rows in tables.items():
        if not f.startswith("actors/roles"):
            continue
        for r in rows:
            w = r["_where"]
            if r["person_id"] not in people:
                lint.error(w, f"person {r['person_id']!r} not in people*.tsv")
            if r["role"] not in ROLES:
                lint.error(w, f"unknown role {r['role']!r}")
            if r["actor_code"] not in orgs:
                check_actor(r["actor_code"], w)
            if r["country"] and r["country"] not in countries:
                lint.error(w, f"unknown country {r['country']!r}")
            end = r["end"][1:] if r["end"].startswith(">") else r["end"]
            if not DATE.match(r["start"]) or (end and not DATE.match(end)):
                lint.error(w, f"bad date {r['start']} / {r['end']}")
                continue
            if end and end < r["start"][:len(end)]:
                lint.error(w, f"end {r['end']} before start {r['start']}")
            by_key[(r["actor_code"], r["role"], f.endswith("manual.tsv"))].append((r["start"], end or "9999", w))
    for (code, role, _), spans in by_key.items():
        if role not in SINGLE_HOLDER:
            continue
        spans.sort()
        for a, b in zip(spans, spans[1:]):
            if b[0] < a[1] and a[1][:len(b[0])] != b[0][:len(a[1])]:
                lint.error(b[2], f"{code} {role} overlaps {a[2]} ({a[0]}..{a[1]} vs {b[0]}..{b[1]})")

    # Same form naming different country codes is legitimate (عمان: Oman, Amman) but worth seeing.
    forms = collections.defaultdict(set)
    for f, rows in tables.items():
        if f.startswith("actors/countries"):
            for r in rows:
                if r["kind"] in ("name", "short") and len(r["code"]) == 3:
                    forms[(r["lang"], r["form"])].add(r["code"])
    for (lang, form), codes in sorted(forms.items()):
        if len(codes) > 1:
            lint.warn("actors/countries*.tsv", f"{lang} name {form!r} used by {' '.join(sorted(codes))}")

    # A full name under two person ids splits one person's roles (two imports listing one leader
    # under two spellings of the id): merge them (import_leaders.py SAME_PERSON, or one curated id).
    # Not across files of the PETRARCH import, whose ids for one person the importer already joins.
    names = collections.defaultdict(set)
    for f, rows in tables.items():
        if f.startswith("actors/people") and "petrarch" not in f:
            for r in rows:
                if len(r["form"].split()) >= 2:
                    names[(r["lang"], r["form"])].add(r["person_id"])
    for (lang, form), ids in sorted(names.items()):
        if len(ids) > 1:
            lint.warn("actors/people*.tsv", f"{lang} name {form!r} names {' '.join(sorted(ids))}: one person?")

    print("\ncounts (rows per file and language):")
    for f in sorted(tables):
        rows = tables[f]
        langs = collections.Counter(r.get("lang", f.split("/")[-1].split(".")[0] if f.startswith("agents/")
                                                 else "-") for r in rows)
        print(f"  {f:36} {len(rows):6}  " + " ".join(f"{k}={v}" for k, v in sorted(langs.items())))
    for lang in sorted(LANGS):
        named = {r["code"] for f, rows in tables.items() if f.startswith("actors/countries") for r in rows
                 if r["lang"] == lang and r["kind"] in ("name", "short") and len(r["code"]) == 3}
        print(f"  countries with a {lang} name: {len(named)} of {len(countries)}")
    print(f"\n{lint.errors} errors, {lint.warnings} warnings")
    return 1 if lint.errors else 0


if __name__ == "__main__":
    sys.exit(main())
