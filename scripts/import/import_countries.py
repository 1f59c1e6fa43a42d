#!/usr/bin/env python3
"""Import country names into data/kb/actors/countries.tsv from:
  iso-codes     Debian's iso-codes (ISO 3166-1 JSON + Arabic/Persian gettext catalogs)
  cldr          the npm package i18n-iso-countries (CLDR-derived names in ar/fa/en); found in
                $I18N_ISO_COUNTRIES or /tmp/i18nc/node_modules/i18n-iso-countries
                (npm install --prefix /tmp/i18nc i18n-iso-countries)
  countryinfo   CountryInfo.120116.txt (English nationality adjectives and capitals)
  upetrarch     single-word entries of UniversalPetrarch's actor_dict_ar_v4.txt coded with a bare
                country code (their dates are ignored: a country does not expire)
Hand-curated forms live in countries.manual.tsv, which this script never touches."""

import gettext
import json
import os
import re
import sys

from kbio import REF, write_tsv

ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
LOCALE_DIR = "/usr/share/locale"
I18N = os.environ.get("I18N_ISO_COUNTRIES", "/tmp/i18nc/node_modules/i18n-iso-countries")

HARAKAT = re.compile("[\u064B-\u0652\u0640]")  # short vowels, shadda, sukun, tatweel

# CAMEO departs from ISO 3166 alpha-3 only for Kosovo, which ISO does not list.
EXTRA = {"KSV": ("XK", "Kosovo")}

# Translations in the iso-codes catalogs that are plainly wrong (checked by hand).
BAD_FORMS = {
    ("MDA", "ar", "المالديف"),  # the Arabic common_name of Moldova is Maldives
    ("GMB", "fa", "جمهوری زامبیا"),  # Gambia's Persian official name says Zambia
    ("ERI", "fa", "فلسطین"),  # Eritrea's Persian name says Palestine
}


# Entries of actor_dict_ar_v4.txt that are wrong (checked by hand).
UPETRARCH_WRONG = {
    ("USA", "ورق"),      # "paper"
    ("IRN", "الظهران"),  # Dhahran is in Saudi Arabia
}


def clean_ar(form):
    return HARAKAT.sub("", form).strip()


def title_en(token):
    words = token.strip("_").replace("_", " ").lower().split()
    small = {"of", "the", "and", "de", "da", "du", "la", "le", "des"}
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def main():
    iso = json.load(open(ISO_JSON, encoding="utf-8"))["3166-1"]
    a2_to_a3 = {c["alpha_2"]: c["alpha_3"] for c in iso}
    for code, (a2, _) in EXTRA.items():
        a2_to_a3[a2] = code
    codes = set(a2_to_a3.values())
    rows = []

    def add(code, lang, kind, form, origin):
        form = clean_ar(form) if lang in ("ar", "fa") else form.strip()
        if not form or (code, lang, form) in BAD_FORMS:
            return
        # Inverted catalogue names ("Korea, Republic of") never occur in running text.
        if "," in form or "،" in form:
            return
        rows.append((code, lang, kind, form, origin))

    # iso-codes: English from the JSON, Arabic and Persian through gettext.
    catalogs = {lang: gettext.translation("iso_3166-1", LOCALE_DIR, [lang]) for lang in ("ar", "fa")}
    for c in iso:
        code = c["alpha_3"]
        for field, kind in (("name", "name"), ("official_name", "name"), ("common_name", "short")):
            msgid = c.get(field)
            if not msgid:
                continue
            add(code, "en", kind, msgid, "iso-codes")
            for lang, cat in catalogs.items():
                text = cat.gettext(msgid)
                if text != msgid:  # untranslated entries fall back to English
                    add(code, lang, kind, text, "iso-codes")

    # i18n-iso-countries (CLDR): first value is the name, further values are alternatives.
    if not os.path.isdir(I18N):
        sys.exit(f"missing {I18N}: npm install --prefix /tmp/i18nc i18n-iso-countries")
    version = json.load(open(os.path.join(I18N, "package.json")))["version"]
    for lang in ("ar", "fa", "en"):
        names = json.load(open(os.path.join(I18N, "langs", lang + ".json"), encoding="utf-8"))["countries"]
        for a2, value in names.items():
            code = a2_to_a3.get(a2)
            if not code:
                print(f"i18n-iso-countries: unknown alpha-2 {a2}", file=sys.stderr)
                continue
            values = value if isinstance(value, list) else [value]
            for i, v in enumerate(values):
                kind = "name" if i == 0 else ("short" if len(v) <= 4 or v.isupper() else "name")
                add(code, lang, kind, v, "cldr")

    # CountryInfo: English nationalities and capitals.
    text = open(os.path.join(REF, "leaders", "CountryInfo.120116.txt"), encoding="utf-8", errors="replace").read()
    adjective = re.compile(r"(AN|ANS|ESE|ISH|I|IS|IC|CH|ER|ERS|OT|OTS|IAN|IANS|INE|INES|ESQUE)$")
    for block in text.split("<Country>")[1:]:
        m = re.search(r"<CountryCode>(\w+)</CountryCode>", block)
        if not m:
            continue
        code = m.group(1)
        if code == "TMP":
            code = "TLS"
        if code not in codes:
            continue  # CountryInfo's 6-letter territory codes (USAPRI ...) are covered by ISO rows
        for tag, kind_of in (("Nationality", None), ("Capital", "capital")):
            t = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
            if not t:
                continue
            for line in t.group(1).splitlines():
                token = line.split("#")[0].strip()
                if not token or not re.fullmatch(r"[A-Z][A-Z_'\-.]*", token):
                    continue
                form = title_en(token)
                if kind_of:
                    kind = kind_of
                elif " " not in form and adjective.search(token.strip("_")):
                    kind = "adjective"
                else:
                    # Its other names mix misspellings, foreign languages and all-caps acronyms
                    # ("US" -> "Us") that would match ordinary words; ISO and CLDR cover names.
                    continue
                add(code, "en", kind, form, "countryinfo")

    # UniversalPetrarch: single-word forms with a bare country code.
    entry = None
    pending = []
    kept = skipped = 0
    for line in open(os.path.join(REF, "upetrarch-arabic", "actor_dict_ar_v4.txt"), encoding="utf-8"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] in " \t" and line.strip().startswith("["):
            if entry:
                entry[1].extend(re.findall(r"\[([A-Z]+)", line))
            continue
        m = re.match(r"^\s*(\S+)\s*(.*)$", line)
        entry = [m.group(1), re.findall(r"\[([A-Z]+)", m.group(2))]
        pending.append(entry)  # continuation lines may still add codes
    candidates = []
    for form, found in pending:
        found = set(found)
        if len(found) != 1:
            continue
        code = found.pop()
        if code not in codes:
            continue
        if "_" in form.strip("_"):
            skipped += 1  # lemmatised phrases ("سفينة_أمريكي_") are not names
            continue
        form = clean_ar(form.strip("_"))
        if len(form) <= 3 or (code, form) in UPETRARCH_WRONG:
            skipped += 1
            continue
        candidates.append((code, form))
    ar_forms = {}
    for r in rows + [(c, "ar", "", f, "") for c, f in candidates]:
        if r[1] == "ar":
            ar_forms.setdefault(r[0], set()).add(r[3])
    for code, form in candidates:
        # An adjective is a known name of the same country plus the nisba ending.
        stem = form[:-1] if form.endswith("ي") else None
        is_adj = stem and any(n.startswith(stem) or n.startswith("ال" + stem) for n in ar_forms[code] if n != form)
        add(code, "ar", "adjective" if is_adj else "place", form, "upetrarch")
        kept += 1
    print(f"upetrarch: {kept} single-word country entries kept, {skipped} phrases skipped", file=sys.stderr)

    seen_codes = {r[0] for r in rows}
    for lang in ("ar", "fa", "en"):
        missing = sorted(c for c in codes if not any(r[0] == c and r[1] == lang for r in rows))
        print(f"{lang}: codes without any form: {' '.join(missing) or '-'}", file=sys.stderr)
    print(f"{len(seen_codes)} codes", file=sys.stderr)

    write_tsv("actors/countries.tsv", [
        "Country and territory names (imported). Generated by scripts/import/import_countries.py;",
        "do not edit: add forms to countries.manual.tsv (same columns).",
        "Columns: code lang kind form origin",
        "  code: CAMEO country code = ISO 3166-1 alpha-3 (KSV for Kosovo); aliases in code_aliases.tsv",
        "  lang: ar | fa | en",
        "  kind: name | short | adjective | demonym | demonym_plural | capital | metonym | place",
        "    (place: a city or region the source maps to the whole country; weak evidence)",
        f"  origin: iso-codes | cldr (npm i18n-iso-countries {version}) | countryinfo | upetrarch",
    ], rows)


if __name__ == "__main__":
    main()
