"""Shared helpers for the knowledge-base importers: paths and deterministic TSV writing."""

import os
import sys
import unicodedata

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
KB = os.path.join(ROOT, "data", "kb")
REF = os.environ.get("RASAD_REFERENCE",
                     os.path.normpath(os.path.join(ROOT, "..", "shared", "reference")))


def clean(field):
    """Collapse whitespace so a value can never break the tab-separated layout."""
    field = unicodedata.normalize("NFC", str(field))
    return " ".join(field.replace("\t", " ").split())


def write_tsv(relpath, header_lines, rows):
    """Write rows sorted and deduplicated under a '#' header; returns the number of rows."""
    path = os.path.join(KB, relpath)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    unique = sorted({tuple(clean(c) for c in r) for r in rows})
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for h in header_lines:
            out.write("# " + h + "\n" if h else "#\n")
        for r in unique:
            out.write("\t".join(r) + "\n")
    print(f"wrote {relpath}: {len(unique)} rows", file=sys.stderr)
    return len(unique)


def read_tsv(relpath):
    """Rows of a kb TSV file (comments and blank lines skipped)."""
    path = os.path.join(KB, relpath)
    if not os.path.exists(path):
        return []
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows
