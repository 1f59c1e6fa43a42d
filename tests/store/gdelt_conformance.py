#!/usr/bin/env python3
"""Issue 12: `rasad export --format gdelt` loads as GDELT 2.0 tables.

Builds a store with `rasad ingest` from ../shared/seeds, examples/ and two small documents made
here (one undated, both with URLs), exports both GDELT tables and reads them with GDELT 2.0's
published column names and types (the GDELT 2.0 Event and Mentions codebooks; the types of
GDELT's BigQuery tables gdelt-bq.gdeltv2.events and eventmentions): every events row has 61
tab-separated columns and every mentions row 16, dates parse as dates, numbers as numbers,
required columns are filled, and each event has as many mentions rows as its NumMentions.

Usage: gdelt_conformance.py RASAD_BINARY SOURCE_DIR
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile

EVENT_COLUMNS = [
    ("GLOBALEVENTID", "int"), ("SQLDATE", "date"), ("MonthYear", "yyyymm"), ("Year", "yyyy"),
    ("FractionDate", "float"),
] + [(f"Actor{n}{c}", "str") for n in (1, 2) for c in (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code")] + [
    ("IsRootEvent", "int"), ("EventCode", "str"), ("EventBaseCode", "str"), ("EventRootCode", "str"),
    ("QuadClass", "int"), ("GoldsteinScale", "float"), ("NumMentions", "int"), ("NumSources", "int"),
    ("NumArticles", "int"), ("AvgTone", "float"),
] + [(f"{g}_{c}", t) for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c, t in (
    ("Type", "int"), ("FullName", "str"), ("CountryCode", "str"), ("ADM1Code", "str"), ("ADM2Code", "str"),
    ("Lat", "float"), ("Long", "float"), ("FeatureID", "str"))] + [
    ("DATEADDED", "datetime"), ("SOURCEURL", "str"),
]

MENTION_COLUMNS = [
    ("GLOBALEVENTID", "int"), ("EventTimeDate", "datetime"), ("MentionTimeDate", "datetime"),
    ("MentionType", "int"), ("MentionSourceName", "str"), ("MentionIdentifier", "str"),
    ("SentenceID", "int"), ("Actor1CharOffset", "int"), ("Actor2CharOffset", "int"),
    ("ActionCharOffset", "int"), ("InRawText", "int"), ("Confidence", "int"), ("MentionDocLen", "int"),
    ("MentionDocTone", "float"), ("MentionDocTranslationInfo", "str"), ("Extras", "str"),
]

# Columns GDELT always fills.
EVENT_REQUIRED = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "IsRootEvent", "EventCode",
                  "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
                  "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED", "SOURCEURL"}
# MentionSourceName: required for web mentions (type 1), checked below; a file without a URL or an
# outlet has none.
MENTION_REQUIRED = {"GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
                    "InRawText", "Confidence", "MentionDocLen"}

failures = []


def fail(msg):
    failures.append(msg)
    if len(failures) <= 30:
        print("FAIL:", msg)


def parse(value, kind):
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "date":
        assert len(value) == 8
        return datetime.datetime.strptime(value, "%Y%m%d")
    if kind == "yyyymm":
        assert len(value) == 6
        return datetime.datetime.strptime(value, "%Y%m")
    if kind == "yyyy":
        assert len(value) == 4
        return int(value)
    if kind == "datetime":
        assert len(value) == 14
        return datetime.datetime.strptime(value, "%Y%m%d%H%M%S")
    return value


def load(text, columns, required, table):
    rows = []
    for n, line in enumerate(text.split("\n")[:-1], 1):
        cells = line.split("\t")
        if len(cells) != len(columns):
            fail(f"{table} line {n}: {len(cells)} columns, GDELT 2.0 has {len(columns)}")
            continue
        row = {}
        for (name, kind), cell in zip(columns, cells):
            if cell == "":
                if name in required:
                    fail(f"{table} line {n}: {name} is empty")
                row[name] = None
                continue
            try:
                row[name] = parse(cell, kind)
            except (ValueError, AssertionError):
                fail(f"{table} line {n}: {name}={cell!r} is not a {kind}")
        rows.append(row)
    return rows


def main():
    rasad, source = sys.argv[1], sys.argv[2]
    shared_seeds = os.path.join(source, "..", "shared", "seeds")
    with tempfile.TemporaryDirectory() as tmp:
        extra = os.path.join(tmp, "issue12.jsonl")
        with open(extra, "w", encoding="utf-8") as f:
            for doc in (
                {"id": "issue12-undated", "lang": "en", "url": "https://www.Example-News.com/world/1",
                 "title": "Iran and Russia talks",
                 "text": "Iranian President Hassan Rouhani met Russian President Vladimir Putin in Moscow. "
                         "The two leaders discussed cooperation between Tehran and Moscow."},
                {"id": "issue12-dated", "lang": "en", "date": "2024-03-19",
                 "url": "http://news.example.org:8080/a?b=c",
                 "title": "Saudi Arabia condemns attack",
                 "text": "Saudi Arabia condemned the Houthi rebels on Tuesday. "
                         "The United Nations called on Iran and Saudi Arabia to negotiate."},
            ):
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")
        db = os.path.join(tmp, "g.db")
        inputs = [os.path.join(source, "examples"), extra]
        if os.path.isdir(shared_seeds):
            inputs.insert(0, shared_seeds)
        env = dict(os.environ, RASAD_DATA=os.path.join(source, "data"))
        subprocess.run([rasad, "-q", "ingest", *inputs, "--db", db], check=True, env=env, stdout=subprocess.DEVNULL)
        out = lambda *a: subprocess.run([rasad, "export", "--db", db, "--format", "gdelt", *a], check=True, env=env,
                                        capture_output=True, text=True).stdout
        events = load(out(), EVENT_COLUMNS, EVENT_REQUIRED, "events")
        mentions = load(out("--table", "mentions"), MENTION_COLUMNS, MENTION_REQUIRED, "mentions")

    if len(events) < 5:
        fail(f"only {len(events)} events: the store was not built")
    per_event = {}
    for m in mentions:
        per_event[m["GLOBALEVENTID"]] = per_event.get(m["GLOBALEVENTID"], 0) + 1
        if m["MentionType"] == 1 and not m["MentionSourceName"]:
            fail(f"web mention of event {m['GLOBALEVENTID']} without MentionSourceName")
        if m["MentionType"] == 1 and ("/" in (m["MentionSourceName"] or "") or ":" in (m["MentionSourceName"] or "")):
            fail(f"MentionSourceName {m['MentionSourceName']!r} is not a domain")
        if m["MentionDocTranslationInfo"] is not None:
            fail("MentionDocTranslationInfo is not empty")
    domains = {m["MentionSourceName"] for m in mentions}
    for d in ("example-news.com", "news.example.org"):
        if d not in domains:
            fail(f"no mention from {d} (MentionSourceName is the URL's domain)")
    fips = set()
    with open(os.path.join(source, "data", "kb", "ontology", "iso_fips.tsv"), encoding="utf-8") as f:
        fips = {line.split("\t")[1] for line in f if line.strip() and not line.startswith("#")}
    names = 0
    for e in events:
        if per_event.get(e["GLOBALEVENTID"], 0) != e["NumMentions"]:
            fail(f"event {e['GLOBALEVENTID']}: {per_event.get(e['GLOBALEVENTID'], 0)} mentions rows, "
                 f"NumMentions {e['NumMentions']}")
        for a in ("Actor1", "Actor2"):
            name, code = e[a + "Name"], e[a + "Code"]
            if name and (name == code or name != name.upper()):
                fail(f"event {e['GLOBALEVENTID']}: {a}Name {name!r} is not an upper-case name")
            names += bool(name)
        for g in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
            cc = e[g + "_CountryCode"]
            if cc is not None and cc not in fips:
                fail(f"event {e['GLOBALEVENTID']}: {g}_CountryCode {cc!r} is not a FIPS 10-4 code")
            if (e[g + "_Type"] == 0) != (e[g + "_FullName"] is None):
                fail(f"event {e['GLOBALEVENTID']}: {g}_Type {e[g + '_Type']} with FullName {e[g + '_FullName']!r}")
        if e["SQLDATE"] and e["Year"] != e["SQLDATE"].year:
            fail(f"event {e['GLOBALEVENTID']}: Year and SQLDATE disagree")
    if names == 0:
        fail("no actor has a name")
    print(f"{len(events)} events, {len(mentions)} mentions checked; {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
