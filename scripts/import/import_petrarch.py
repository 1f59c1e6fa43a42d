#!/usr/bin/env python3
"""Import PETRARCH2's Phoenix dictionaries (../shared/reference/petrarch2, MIT) into data/kb:
  Phoenix.International.actors.txt  IGOs, NGOs, multinationals, UN officials   -> organizations, people
  Phoenix.MilNonState.actors.txt    non-state armed groups (START TOPS)         -> organizations
  Phoenix.Countries.actors.txt      country names, cities, institutions, people with dated codes
                                    (CountryInfo 2014)                          -> countries, people, roles
  Phoenix.agents.txt                generic agents (farmer, cabinet minister)   -> agents/en.petrarch.tsv

The actor files are parsed by rasad itself (`rasad dict import --format petrarch`, src/kb/
petrarch_import.cpp), so the import and user dictionaries read PETRARCH the same way: this script
only maps the converted rows onto the data/kb tables and checks them. The agents file has its own
syntax (substitution sets !PERSON!, plurals in braces, [~SECTOR]) that the C++ converter does not
read, so it is parsed here.

Checks, all reported on standard error:
- codes: unknown country heads (PETRARCH region codes such as MEA, SAS, WEU, INT) are left out;
  sector parts rasad does not have are cut off (IGOUNODEVWBK as a role code -> IGOUNODEV);
- against data/kb: a form that data/kb already holds with an agreeing code (one a prefix of the
  other, or the same first six letters) is a duplicate and left out; with a different code it is a
  conflict, left out and listed (the curated or earlier import wins);
- within PETRARCH: a form given two codes keeps the first, the other is listed;
- precision: an English one-word form that is a common word in the English corpus
  (../shared/corpus/wikinews_politics.jsonl.xz, lower case at least 5 times and at least 30% as often
  as capitalized), a month or weekday, a common first name (the first word of 3+ people's names) as a
  person form, or a word of at most two letters is left out: the longer forms still match.
- people: a PETRARCH person whose full name data/kb already holds joins that person (new name forms
  only; dated codes only where they do not overlap that person's roles).
Country synonyms that look like the country's own names (misspellings, adjectives) or contain another
country's name (Northern Ireland, which must not resolve to Ireland) become `name`; a capital becomes a
`metonym` of the government (Kampala -> UGAGOV); other synonyms (cities, provinces, landmarks) are
left out: they have no coordinates and are often ambiguous (TAHRIR_SQUARE is in Cairo and Baghdad).

Needs a built rasad: RASAD_BIN (default build/rasad)."""

import collections
import difflib
import json
import lzma
import os
import re
import subprocess
import sys
import tempfile

from kbio import KB, REF, ROOT, read_tsv, write_tsv

PETRARCH = os.path.join(REF, "petrarch2")
CORPUS = os.environ.get("RASAD_EN_CORPUS", os.path.join(REF, "..", "corpus", "wikinews_politics.jsonl.xz"))
RASAD = os.environ.get("RASAD_BIN", os.path.join(ROOT, "build", "rasad"))
ORIGIN = "petrarch"
INTERNATIONAL_HEADS = ("IGO", "NGO", "IMG", "MNC", "NGM")
# PETRARCH country codes that are not ISO 3166 (old CAMEO Angola, a typo for France, East Germany,
# Serbia and Montenegro); others (SUN Soviet Union, KNT, region codes) have no rasad country.
PETRARCH_HEADS = {"ANG": "AGO", "FRN": "FRA", "DDR": "DEU", "SCG": "SRB"}
CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

report = collections.Counter()

# PETRARCH people data/kb names under another id with other spellings (Manuchehr Motaki =
# mottaki_manouchehr), and PETRARCH entries of one person under several ids (Rafsanjani): the
# PETRARCH id -> the id the person keeps. Hand-curated (checked by name, office and dates); their
# name forms and dated codes keep origin `petrarch` under the kept id.
SAME_PERSON = {
    "ali_ardeshir_larijani": "larijani_ali",
    "hojatolislam_ali_akbar_hashemi": "hojatolislam_ali_akbar_hashemi_rafsanjani",
    "hosein_dehqan": "dehghan_hossein",
    "kamal_kharazi": "kharrazi_kamal",
    "manuchehr_motaki": "mottaki_manouchehr",
    "masud_pezeshkian": "pezeshkian_masoud",
    "mohammad_ali_yunesi": "hojjat_ol_eslam_ali_yunesi",
    "mohammad_shariat_madari": "shariatmadari_mohammad",
    "mostafa_mohammad_najar": "najjar_mostafa",
    "qolam_ali_hadad_adel": "haddadadel_gholamali",
    "qolam_hosein_mohseni_ejei": "mohseniejei_gholamhossein",
    "rafsanjani": "hojatolislam_ali_akbar_hashemi_rafsanjani",
    "vali_shamkani": "shamkhani_ali",
}


def note(kind, message):
    report[kind] += 1
    print(f"{kind}: {message}", file=sys.stderr)


def tokens(form):
    """English match tokens as rasad splits them (kb::split_match_tokens), case-folded."""
    return re.findall(r"[^\W_]+|[^\w\s]", form.lower())


def key(form):
    return " ".join(tokens(form))


def convert(name):
    """Rows of `rasad dict import --format petrarch` for one actor file, and its error count."""
    path = os.path.join(PETRARCH, name)
    with tempfile.NamedTemporaryFile("r", suffix=".tsv", encoding="utf-8") as out:
        run = subprocess.run([RASAD, "-q", "dict", "import", "--format", "petrarch", path, "--out", out.name],
                             capture_output=True, text=True)
        if run.returncode not in (0, 1):
            sys.exit(f"import_petrarch: {RASAD} failed on {name}: {run.stderr.strip()}")
        for line in run.stderr.splitlines():
            if ": error: " in line:
                note("source error", line.replace(REF + "/", ""))
        return [line.rstrip("\n").split("\t") for line in out if line.strip() and not line.startswith("#")]


class Corpus:
    """How often each English word is written lower case, Capitalized and in CAPITALS; and the texts,
    with their lower-case copies (for Importer.attested)."""

    def __init__(self, path):
        self.lower, self.cap, self.upper = collections.Counter(), collections.Counter(), collections.Counter()
        self.docs = []
        with lzma.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("text", "")
                self.docs.append((text, text.lower()))
                for w in re.findall(r"[A-Za-z]+", text):
                    k = w.lower()
                    if w.islower():
                        self.lower[k] += 1
                    elif w.isupper() and len(w) > 1:
                        self.upper[k] += 1
                    elif w[0].isupper():
                        self.cap[k] += 1

    def common(self, word):
        k = word.lower()
        return self.lower[k] >= 5 and self.lower[k] >= 0.3 * (self.cap[k] + self.upper[k])

    def acronym(self, word):
        k = word.lower()
        return self.upper[k] > self.cap[k] + self.lower[k] or (self.upper[k] + self.cap[k] + self.lower[k] == 0)


class Codes:
    """Country and sector codes as `rasad dict check` knows them (kb/check.cpp)."""

    def __init__(self):
        self.sectors = {r[0]: r[1] for r in read_tsv("ontology/sectors.tsv")}
        self.countries = {r[0] for f in ("actors/countries.tsv", "actors/countries.manual.tsv")
                          for r in read_tsv(f) if len(r[0]) == 3 and r[2] in ("name", "short")}
        self.aliases = {r[0]: r[1] for r in read_tsv("actors/code_aliases.tsv")}

    def head(self, code):
        h = self.aliases.get(code[:3], code[:3])
        h = PETRARCH_HEADS.get(h, h)
        if h in self.countries or self.sectors.get(h) == "international":
            return h + code[3:]
        return None

    def actor(self, code):
        """A country/sector code cut to the parts rasad knows (IGOUNODEVWBK -> IGOUNODEV), or None."""
        code = self.head(code)
        if code is None:
            return None
        keep = 3
        while keep + 3 <= len(code) and code[keep:keep + 3] in self.sectors:
            keep += 3
        return code[:keep]

    def organization(self, code):
        """Organization codes: an international head and anything after it, or country + sector + id.
        A group PETRARCH places in a region or a religion (MEAREB, SASREB, BUDREB) or "international"
        (INTREB) is a transnational armed group: IMG + the rest (IMGMEAREB, IMGREB)."""
        fixed = self.head(code)
        if fixed is None and re.fullmatch(r"[A-Z]{3}", code[:3]):
            fixed = "IMG" + (code[3:] if code.startswith("INT") else code)
        code = fixed
        if code is None:
            return None
        if code[:3] in self.countries:
            code = code if code[3:6] in self.sectors else self.actor(code)
        return code[:len(code) - len(code) % 3]


def split_acronyms(rows):
    """Country and organization rows, a trailing "(ACRONYM)" made a form of its own:
    LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_ -> "Liberation Tigers Of Tamil Eelam" and "LTTE"."""
    for r in rows:
        if r[0] not in ("country", "organization"):
            continue
        m = re.fullmatch(r"(.+?)\s*\(([A-Za-z][A-Za-z.\-]{1,9})\)", r[4])
        if not m:
            yield r
            continue
        yield (*r[:4], m.group(1), r[5])
        yield (*r[:4], m.group(2).upper(), r[5])


NAME_PARTICLES = {"al", "el", "bin", "ibn", "abu", "of", "the", "and", "de", "da", "van", "von"}


def agree(a, b):
    return a.startswith(b) or b.startswith(a) or a[:6] == b[:6]


class Existing:
    """English forms data/kb holds outside this import: key -> {(category, code)}."""

    def __init__(self):
        self.forms = collections.defaultdict(set)
        self.metonyms = collections.defaultdict(set)
        for f in ("actors/countries.tsv", "actors/countries.manual.tsv"):
            for code, lang, kind, form, _ in read_tsv(f):
                if lang == "en":
                    self.forms[key(form)].add((kind if kind in ("capital", "place") else "country", code))
                    if kind == "metonym":
                        self.metonyms[key(form)].add(code)
        self.org_codes = {r[0] for r in read_tsv("actors/organizations.tsv")}
        for code, lang, _, form, _ in read_tsv("actors/organizations.tsv"):
            if lang == "en":
                self.forms[key(form)].add(("organization", code))
        self.person_forms = collections.defaultdict(set)
        for f in ("actors/people.tsv", "actors/people.manual.tsv"):
            for pid, lang, form, _ in read_tsv(f):
                if lang == "en":
                    self.person_forms[key(form)].add(pid)
        self.people = {pid for ids in self.person_forms.values() for pid in ids}
        self.roles = collections.defaultdict(list)
        for f in ("actors/roles.tsv", "actors/roles.manual.tsv"):
            for pid, code, role, country, start, end, _ in read_tsv(f):
                self.roles[pid].append((start, end.lstrip(">") or "9999"))
        self.agents = {}
        for f in ("agents/en.tsv", "agents/en.manual.tsv"):
            for form, sector, *_ in read_tsv(f):
                self.agents.setdefault(key(form), sector)
        self.all_country_keys = {k for k, held in self.forms.items()
                                 if any(cat == "country" and len(c) == 3 for cat, c in held)}
        self.country_names = collections.defaultdict(set)  # code -> keys of its names/adjectives
        for f in ("actors/countries.tsv", "actors/countries.manual.tsv"):
            for code, lang, kind, form, _ in read_tsv(f):
                if lang == "en" and len(code) == 3 and kind in ("name", "short", "adjective", "demonym"):
                    self.country_names[code].add(key(form))


def first_names(person_rows, existing):
    """Words that begin the full names of three or more people: first names, not surnames."""
    firsts = collections.defaultdict(set)
    for pid, form in person_rows:
        t = tokens(form)
        if len(t) >= 2:
            firsts[t[0]].add(pid)
    for k, ids in existing.person_forms.items():
        t = k.split()
        if len(t) >= 2:
            firsts[t[0]].update(ids)
    return {w for w, ids in firsts.items() if len(ids) >= 3}


class Importer:
    def __init__(self):
        self.codes = Codes()
        self.existing = Existing()
        self.corpus = Corpus(CORPUS)
        self.claimed = {}  # key -> (category, code) taken by this import
        self.countries, self.orgs, self.people, self.roles, self.agents = [], [], [], [], []

    def spell(self, form, category):
        """The form as rasad should store it: one-word acronyms back in capitals (PETRARCH writes
        everything in capitals; rasad matches an all-capitals English form case-sensitively)."""
        t = form.split()
        if len(t) == 1 and form.isalpha() and len(form) <= 5 and category in ("organization", "institution"):
            if self.corpus.acronym(form):
                return form.upper()
        return form

    def precise(self, form, category, firsts=frozenset()):
        """None when the form may go in, else why it stays out."""
        t = tokens(form)
        if not t or all(not re.match(r"\w", x) for x in t):
            return "no words"
        words = [x for x in t if re.match(r"\w", x)]
        if len(words) == 1:
            w = words[0]
            if len(w) <= 2:
                return "one word of at most two letters"
            if w in CALENDAR:
                return "a month or weekday"
            if form.upper() != form and self.corpus.common(w):
                return "a common word"
            if category == "person" and w in firsts:
                return "a first name"
        return None

    def claim(self, form, category, code, where):
        """True when `form` is new; duplicates and conflicts (with data/kb or within PETRARCH) are
        counted and listed. "The European Union" is held when data/kb has "European Union": the
        longer form would win every match and replace the curated code."""
        k = key(form)
        held = self.existing.forms.get(k, set()) or \
            (self.existing.forms.get(k[4:], set()) if k.startswith("the ") else set())
        if category == "agent":
            sector = self.existing.agents.get(k)
            if sector is not None:
                if sector.split("+")[0] != code.split("+")[0]:
                    note("conflict", f"agent '{form}' {code} ({where}): data/kb has it as {sector}")
                else:
                    report["duplicate"] += 1
                return False
            if held:
                note("conflict", f"agent '{form}' ({where}) is a name in data/kb: {sorted(held)}")
                return False
        elif held:
            same = [c for cat, c in held if agree(c, code)]
            if same:
                report["duplicate"] += 1
            else:
                note("conflict", f"{category} '{form}' {code} ({where}): data/kb has {sorted(c for _, c in held)}")
            return False
        if category != "agent" and k in self.existing.person_forms and len(k.split()) > 1:
            note("conflict", f"{category} '{form}' {code} ({where}) is a person's name in data/kb")
            return False
        if k in self.existing.agents and category != "agent":
            # "Security Forces" as a name would shadow the curated agent.
            note("conflict", f"{category} '{form}' {code} ({where}) is an agent in data/kb")
            return False
        previous = self.claimed.get(k)
        if previous:
            if previous[1] != code and not agree(previous[1], code):
                note("petrarch conflict", f"'{form}' {code} ({where}) already {previous[1]}")
            return False
        self.claimed[k] = (category, code)
        return True

    TITLES = {"former", "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "general", "gen", "lt", "col", "colonel",
              "major", "admiral", "ayatollah", "sheikh", "sheik", "shaikh", "king", "queen", "prince", "princess",
              "emir", "president", "premier", "minister", "secretary", "chairman", "senator", "rep", "governor",
              "judge", "justice", "ambassador", "vice", "deputy", "acting", "interim", "opposition", "rebel"}

    def titled(self, form):
        """A person form that starts with a title or with an agent data/kb has (Foreign Minister ...)."""
        t = key(form).split()
        if len(t) < 2:
            return False
        if t[0] in self.TITLES:
            return True
        return any(" ".join(t[:n]) in self.existing.agents for n in range(1, min(4, len(t) - 1) + 1))

    def compositional(self, form):
        """True for a country word and an agent data/kb has ("US President", "Iranian army",
        "President of Russia"): the resolver makes those itself and names the office holder, which
        a fixed name (USAGOV) would hide."""
        t = key(form).split()
        if t and t[0] == "the":
            t = t[1:]
        names = self.existing.all_country_keys
        for i in range(1, len(t)):
            a, b = " ".join(t[:i]), " ".join(t[i:])
            if (a in names and b in self.existing.agents) or (a in self.existing.agents and (
                    b in names or (b.startswith("of ") and b[3:].removeprefix("the ") in names))):
                return True
        return False

    def country_kind(self, form, code):
        if len(code) > 3:
            return "name"
        k = key(form)
        own = self.existing.country_names.get(code, set())
        if any(k in n or n in k or difflib.SequenceMatcher(None, k, n).ratio() >= 0.75 for n in own):
            return "name"
        t = k.split()
        for other, names in self.existing.country_names.items():
            if other == code:
                continue
            for n in names:
                nt = n.split()
                if any(t[i:i + len(nt)] == nt for i in range(len(t) - len(nt) + 1)):
                    return "name"
        return "place"

    def actor_rows(self, rows, where):
        """Country and organization rows of one converted file."""
        for table, code, lang, kind, form, _origin in (r for r in split_acronyms(rows)):
            org = table == "organization" or where == "MilNonState"
            fixed = self.codes.organization(code) if org else self.codes.actor(code)
            if fixed is None:
                note("unknown code", f"{code} '{form}' ({where})")
                continue
            if org and len(fixed) < 6 and fixed[:3] in self.codes.countries:
                org = False  # a bare country code: a country name after all
            category = "organization" if org else ("institution" if len(fixed) > 3 else "country")
            form = self.spell(form, category)
            why = self.precise(form, category)
            if why:
                note("left out", f"'{form}' {fixed} ({where}): {why}")
                continue
            if not org and len(fixed) == 3 and ("capital", fixed) in self.existing.forms.get(key(form), set()) \
                    and (fixed + "GOV") not in self.existing.metonyms.get(key(form), set()):
                # PETRARCH codes a capital as its country ("Kampala said"): rasad's convention is a
                # metonym for the government beside the capital as a place (طهران -> IRNGOV).
                self.countries.append((fixed + "GOV", "en", "metonym", form, ORIGIN))
                self.existing.metonyms[key(form)].add(fixed + "GOV")
                report["capital metonyms"] += 1
                continue
            if category == "institution" and self.compositional(form):
                report["left out: country + agent"] += 1
                continue
            if not self.claim(form, "organization" if org else "country", fixed, where):
                continue
            if org:
                kind = "short" if form.isupper() and len(form.split()) == 1 else "name"
                self.orgs.append((fixed, "en", kind, form, ORIGIN))
            elif self.country_kind(form, fixed) == "place":
                # A city, province or landmark coded as its country (KANDAHAR, TAHRIR_SQUARE under EGY):
                # no coordinates and often ambiguous (Baghdad has a Tahrir Square too); places are the
                # gazetteer's (places.names.tsv).
                report["left out: place"] += 1
            else:
                self.countries.append((fixed, "en", "name", form, ORIGIN))

    def same_person(self, form, head):
        """Whether a form of a PETRARCH entry can join the data/kb person it names. It must share a
        word with the entry's head: ISLAMIC_STATE_OF_IRAQ_AND_THE_LEVANT lists its leaders under the
        group's code. A title and one name must share the head's last word: "King Abdullah" is Saudi
        in data/kb and Jordanian under ABDULLAH_II."""
        t = tokens(form)
        words = [w for w in tokens(head) if w.isalpha() and w not in NAME_PARTICLES]
        if len(t) < 2 or not words:
            return False
        if self.titled(form) and len(t) == 2:
            return agree(t[1], words[-1])
        return any(agree(w, h) for w in t if w in words or len(w) > 2 for h in words)

    def person_rows(self, rows, where):
        by_id = collections.defaultdict(list)
        for r in rows:
            if r[0] == "person":
                by_id[r[1]].append(r[3])
        roles = collections.defaultdict(list)
        for r in rows:
            if r[0] == "role":
                roles[r[1]].append(r[2:7])
        firsts = first_names([(pid, f) for pid, forms in by_id.items() for f in forms], self.existing)
        for pid, forms in by_id.items():
            # A country with dated codes (CROATIA [HRVUNR 911008-920115] [HRV 920115-]) is no person:
            # its names go to the country the latest code names.
            if any(len(r[0]) == 3 and PETRARCH_HEADS.get(r[0], r[0]) in self.codes.countries for r in roles[pid]):
                latest = max(roles[pid], key=lambda r: (r[4] == "", r[4]))
                code = self.codes.actor(latest[0][:3])
                if code is None:
                    note("unknown code", f"{latest[0]} of the dated country '{forms[0]}' ({where})")
                    continue
                self.actor_rows([("country", code, "en", "name", f, ORIGIN) for f in forms], where)
                report["dated countries"] += 1
                continue
            # Join a person data/kb already names with a full name (Hamid Karzai = karzai_hamid).
            known = sorted({p for f in forms if self.same_person(f, forms[0])
                            for p in self.existing.person_forms.get(key(f), ())})
            if pid in SAME_PERSON:
                known = [SAME_PERSON[pid]]
            elif not known and pid in self.existing.people:
                # data/kb's rows under this id are this person's: the curated forms of PETRARCH
                # people keep the ids the import gives them (docs/DATA.md), and an imported leader's
                # id made from the same full name is the same person.
                known = [pid]
            target = known[0] if known else pid
            added = 0
            for form in forms:
                if self.titled(form):
                    # "President Boris Yeltsin": the title is the resolver's (Russian President + the
                    # holder); as one name it would swallow "President" from "Russian President".
                    report["left out: title + name"] += 1
                    continue
                why = self.precise(form, "person", firsts)
                if why and target in self.existing.person_forms.get(key(form), set()):
                    why = None  # data/kb already names the person so: a duplicate, not a loss
                if why:
                    note("left out", f"person '{form}' ({where}): {why}")
                    continue
                k = key(form)
                if target in self.existing.person_forms.get(k, set()):
                    report["duplicate"] += 1
                    continue
                if k in self.existing.forms or k in self.existing.agents or \
                        (k in self.claimed and self.claimed[k][0] != "person"):
                    note("conflict", f"person '{form}' ({where}) is also a country, organization or agent name")
                    continue
                self.claimed.setdefault(k, ("person", target))
                if (target, "en", form, ORIGIN) in self.people:
                    continue
                self.people.append((target, "en", form, ORIGIN))
                added += 1
            if known:
                report["people joined"] += 1
            elif added == 0:
                continue
            for code, role, country, start, end in roles[pid]:
                fixed = self.role_code(code)
                if fixed is None:
                    note("unknown code", f"role {code} of {pid} ({where})")
                    continue
                if known and any(s < (end or "9999") and start < e for s, e in self.existing.roles[target]):
                    report["role overlapping data/kb"] += 1
                    continue
                country = fixed[:3] if fixed[:3] in self.codes.countries else ""
                row = (target, fixed, role, country, start, end, ORIGIN)
                if row not in self.roles:  # two PETRARCH ids of one person (SAME_PERSON)
                    self.roles.append(row)

    # Countries whose names put the family name first (Chen Shui-bian, Roh Moo-hyun) or use the given
    # name (Thaksin) or have no family name (Burmese): the last word of their names is no surname.
    NO_SURNAME_LAST = {"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM", "KHM", "THA", "MMR", "MNG", "ISL", "ETH", "ERI"}
    SURNAME_SECTORS = ("GOV", "LEG", "MIL", "JUD", "OPP", "PTY", "COP", "SPY")
    SURNAME_SINCE = "1995-01-01"

    def surnames(self):
        """News names a politician by surname after the first mention ("Costello said"), which neither
        PETRARCH nor CountryInfo list. A person in data/kb or this import who held a government,
        legislature, military, judiciary, opposition or party office since 1995 also gets the last word
        of their full name as a form, when that word names nobody else: not the last word of another
        person's name (Johnson, Khan, Singh), not a first name, a common word, a month or a word of two
        letters, not a country, organization or agent form, not stoplisted; and not for countries whose
        names put the family name first or have none (NO_SURNAME_LAST). A person data/kb already names
        with one word is left alone. IGO officials count too (IGOUNO: Annan)."""
        names = collections.defaultdict(set)  # person -> full English names
        one_word = set()
        for f in ("actors/people.tsv", "actors/people.manual.tsv"):
            for pid, lang, form, _ in read_tsv(f):
                if lang == "en":
                    (names[pid].add(form) if len(form.split()) > 1 else one_word.add(pid))
        for pid, lang, form, _ in self.people:
            (names[pid].add(form) if len(form.split()) > 1 else one_word.add(pid))
        roles = collections.defaultdict(list)
        for f in ("actors/roles.tsv", "actors/roles.manual.tsv"):
            for pid, code, role, country, start, end, _ in read_tsv(f):
                roles[pid].append((code, country, end.lstrip(">") or "9999"))
        for pid, code, role, country, start, end, _ in self.roles:
            roles[pid].append((code, country, end or "9999"))
        last_of = collections.defaultdict(set)  # surname key -> people whose full names end in it
        firsts = collections.defaultdict(set)
        for pid, forms in names.items():
            for form in forms:
                words = [w for w in tokens(form) if re.match(r"\w", w)]
                last_of[words[-1]].add(pid)
                firsts[words[0]].add(pid)
        firsts = {w for w, ids in firsts.items() if len(ids) >= 3}
        stopped = {key(r[1]) for r in read_tsv("stoplist.tsv") if r[0] == "en" and r[2] in ("actor", "all")}
        taken = set(self.existing.forms) | set(self.existing.agents) | {k for k, v in self.claimed.items() if v[0] != "person"}
        for pid in sorted(names):
            if pid in one_word:
                continue
            held = [(c, cty) for c, cty, end in roles[pid]
                    if end >= self.SURNAME_SINCE and (c[3:6] in self.SURNAME_SECTORS or c.startswith("IGO"))]
            if not held or any(cty in self.NO_SURNAME_LAST or c[:3] in self.NO_SURNAME_LAST for c, cty in held):
                continue
            forms = sorted(names[pid], key=lambda f: (-len(f), f))
            words = forms[0].split()
            last = words[-1]
            if re.fullmatch(r"(?i)(?:de|da|di|do|du|dos|das|del|della|der|den|van|von|la|le|ter|of|bin|ibn|abu|al|el)",
                            words[-2]):
                continue  # the surname has a particle (von der Leyen, de Villepin): not one word
            if not re.fullmatch(r"[^\W\d_][\w'\-]*", last) or last.lower() in ("jr", "jr.", "sr", "ii", "iii", "iv"):
                continue
            candidates = [last]
            m = re.match(r"(?i)(?:al|el|ad|as|ash|at|ar)-(\w+)$", last)
            if m:
                candidates.append(m.group(1)[0].upper() + m.group(1)[1:])
            for form in candidates:
                k = key(form)
                words = [w for w in tokens(form) if re.match(r"\w", w)]
                if len(last_of.get(words[-1], ())) > 1 or (len(words) == 1 and words[0] in firsts):
                    report["surnames: shared"] += 1
                    continue
                if self.precise(form, "person") or k in taken or k in stopped or \
                        any(p != pid for p in self.existing.person_forms.get(k, ())):
                    report["surnames: left out"] += 1
                    continue
                if not self.attested(form, names[pid]):
                    report["surnames: not attested"] += 1
                    continue
                self.people.append((pid, "en", form, ORIGIN))
                report["surnames"] += 1

    ALONE_TITLES = {"Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "President", "Minister", "Premier", "Senator", "Sen",
                    "Governor", "Gov", "General", "Gen", "Secretary", "Chancellor", "Treasurer", "Judge", "Justice",
                    "Ambassador", "Mayor", "Speaker", "Chairman", "Leader", "Rep", "Representative", "Congressman",
                    "Congresswoman", "Commissioner", "Admiral", "Colonel", "Col", "Lt", "Maj", "Sheikh", "King"}

    def attested(self, surname, full_names):
        """The corpus names the person by this surname: it is written alone (no other capitalized name
        word beside it, titles aside) in some article, in most articles where it is written alone one
        of the person's full names appears too, and it is not written in lower case (a word)."""
        if self.corpus.lower[surname.lower()] >= 2 or self.corpus.cap[surname.lower()] == 0:
            return False
        # PETRARCH writes McCain as Mccain: the surname is compared without case, the names too.
        alone = re.compile(r"(?<![\w'\-])(?:(\w+)\s+)?(?=[A-Z])(?i:" + re.escape(surname) + r")(?![\w'\-])(\s+[A-Z])?")
        full_names = [n.lower() for n in full_names]
        low = surname.lower()
        with_name = docs = 0
        for text, lower in self.corpus.docs:
            if low not in lower:
                continue
            hit = any(not m.group(2) and not (m.group(1) and m.group(1)[0].isupper() and m.group(1) not in self.ALONE_TITLES)
                      for m in alone.finditer(text))
            if not hit:
                continue
            docs += 1
            if any(n in lower for n in full_names):
                with_name += 1
        return docs > 0 and with_name * 2 >= docs

    def demonym_plurals(self):
        """PETRARCH makes regular plurals of its nouns itself, so its AFGHAN_ also reads "Afghans":
        the plurals of the one-word English adjectives in -an, -i, -ar (Ugandan, Iraqi) data/kb holds,
        as `demonym_plural` rows."""
        adjectives = {(code, form) for code, lang, kind, form, _ in
                      read_tsv("actors/countries.tsv") + read_tsv("actors/countries.manual.tsv")
                      if lang == "en" and len(code) == 3 and kind in ("adjective", "demonym")}
        for code, form in sorted(adjectives):
            if " " in form or not form.isalpha() or not re.search(r"(an|i|ar)$", form) or len(form) < 5 \
                    or re.search(r"(stan|man)$", form):
                continue
            plural = form + "s"
            if self.precise(plural, "country") or not self.claim(plural, "country", code, "plural"):
                continue
            self.countries.append((code, "en", "demonym_plural", plural, ORIGIN))
            report["demonym plurals"] += 1

    def role_code(self, code):
        """A role's actor code as `rasad dict check` accepts it: the longest prefix that is an
        organization's code (IGOUNOREFHCR -> IGOUNOREF), else the sectors rasad knows."""
        c = self.codes.head(code)
        if c is None:
            return None
        orgs = self.existing.org_codes | {r[0] for r in self.orgs}
        for n in range(len(c), 5, -3):
            if c[:n] in orgs:
                return c[:n]
        return self.codes.actor(c)

    def agents_file(self):
        path = os.path.join(PETRARCH, "Phoenix.agents.txt")
        subst = {}
        line_re = re.compile(r"^(?P<name>[^\[{#]+?)\s*(\{(?P<plural>[^}]*)\})?\s*\[~(?P<code>[A-Z]+)[\]}]\s*(#.*)?$")
        for no, raw in enumerate(open(path, encoding="utf-8", errors="replace"), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
            if m:
                subst[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
                continue
            m = line_re.match(line)
            if not m:
                note("source error", f"petrarch2/Phoenix.agents.txt:{no}: not an agent line")
                continue
            name, plural, code = m.group("name"), m.group("plural"), m.group("code")
            parts = [code[i:i + 3] for i in range(0, len(code), 3)]
            known = [p for p in parts if p in self.codes.sectors]
            if not known or known[0] != parts[0]:
                note("unknown code", f"agent {name} [~{code}] (agents:{no})")
                continue
            sector = "+".join(dict.fromkeys(known))
            for form in self.expand(name, subst):
                forms = [form]
                if plural is None:
                    forms.append(self.pluralize(form))
                elif plural.strip():
                    forms.append(" ".join(plural.replace("_", " ").split()).lower())
                for f in forms:
                    if self.precise_agent(f) and self.claim(f, "agent", sector, f"agents:{no}"):
                        self.agents.append((f, sector, "", ORIGIN))

    @staticmethod
    def expand(name, subst):
        forms = [name]
        for s, words in subst.items():
            forms = [f.replace(s, " " + w + " ") if s in f else f for f in forms for w in (words if s in f else [None])]
        return sorted({" ".join(f.replace("_", " ").split()).lower() for f in forms})

    @staticmethod
    def pluralize(form):
        head, _, last = form.rpartition(" ")
        if re.search(r"(s|x|z|ch|sh)$", last):
            last += "es"
        elif re.search(r"[^aeiou]y$", last):
            last = last[:-1] + "ies"
        elif last.endswith("man"):
            last = last[:-3] + "men"
        else:
            last += "s"
        return (head + " " + last).strip()

    @staticmethod
    def precise_agent(form):
        return len(form) > 2 and not re.search(r"[^a-z0-9 '.&,\-]", form)


def main():
    if not os.path.exists(RASAD):
        sys.exit(f"import_petrarch: no rasad binary at {RASAD} (build first, or set RASAD_BIN)")
    imp = Importer()
    for name, where in (("Phoenix.International.actors.txt", "International"),
                        ("Phoenix.MilNonState.actors.txt", "MilNonState"),
                        ("Phoenix.Countries.actors.txt", "Countries")):
        rows = convert(name)
        imp.actor_rows(rows, where)
        imp.person_rows(rows, where)
    imp.surnames()
    imp.demonym_plurals()
    imp.agents_file()
    common = [
        "Origin: PETRARCH2's Phoenix dictionaries (openeventdata/petrarch2, MIT; ../shared/reference/petrarch2),",
        "converted by `rasad dict import --format petrarch` and mapped and checked by",
        "scripts/import/import_petrarch.py; do not edit: put corrections in the manual files, which win.",
    ]
    write_tsv("actors/countries.petrarch.tsv", [
        "Country names, places and state institutions (imported from PETRARCH2 Phoenix.Countries and",
        "Phoenix.International). " + common[0], *common[1:],
        "Columns: code lang kind form origin (as countries.tsv)",
        "  kind: name (a variant of the country's name, or a state institution: AFGMIL), place (a city,",
        "    province or region PETRARCH codes as its country)",
    ], imp.countries)
    write_tsv("actors/organizations.petrarch.tsv", [
        "Organizations and armed groups (imported from PETRARCH2 Phoenix.International and Phoenix.MilNonState).",
        *common,
        "Columns: code lang kind form origin (as organizations.tsv)",
        "  code: PETRARCH's CAMEO code (IGOUNOREFHCR, NGOUSA, MNCUSA, YEMREB, IMGMUSALQ); several",
        "    organizations may share one; kind: name | short (an acronym, matched case-sensitively)",
    ], imp.orgs)
    write_tsv("actors/people.petrarch.tsv", [
        "People (imported from PETRARCH2 Phoenix.Countries and Phoenix.International). " + common[0],
        *common[1:],
        "Columns: person_id lang form origin (as people.tsv); a person data/kb already names keeps its id",
    ], imp.people)
    write_tsv("actors/roles.petrarch.tsv", [
        "Dated affiliations (imported from PETRARCH2's dated codes, [AFGGOV 011222-041207]). " + common[0],
        *common[1:],
        "Columns: person_id actor_code role country start end origin (as roles.tsv)",
        "  role: office (a dated affiliation with no named office; several people hold one at once)",
    ], imp.roles)
    write_tsv("agents/en.petrarch.tsv", [
        "Generic agents (imported from PETRARCH2 Phoenix.agents.txt: substitution sets expanded, regular",
        "plurals added as PETRARCH does). " + common[0], *common[1:],
        "Columns: form sector role origin (as en.tsv); sector parts rasad lacks (CTH, PRO) are dropped",
    ], imp.agents)
    print("import_petrarch: " + ", ".join(f"{k} {v}" for k, v in sorted(report.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
