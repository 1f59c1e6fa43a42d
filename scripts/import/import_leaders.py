#!/usr/bin/env python3
"""Import dated roles into data/kb/actors/people.tsv and roles.tsv from:
  countryinfo  countryinfo_people_leaders.csv (presidents, kings, prime ministers to 2012) and
               countryinfo_people_gov.csv (foreign and defence ministers to 2012)
  reign        reign_leaderlist_3_21.csv (each state's effective leader, to March 2021)
Only tenures that reach 2000 or later are kept. Hand-curated people and roles
(people.manual.tsv, roles.manual.tsv) take precedence: an imported role that overlaps a manual role
of the same actor_code and role is dropped. Not imported: UniversalPetrarch's actor_dict_ar_v4.txt
dated entries, whose date ranges are inverted (end before start), open-ended (18000101) or copied
from the entry above (Hamas "20140908-20161010" equals Nouri al-Maliki's); see docs/DATA.md."""

import calendar
import csv
import os
import re
import sys
import unicodedata

from kbio import REF, read_tsv, write_tsv

LEAD = os.path.join(REF, "leaders")
FROM = "2000-01-01"

HEAD_OF_STATE = {"president", "king", "head of state", "ruler", "paramount ruler", "emir", "amir",
                 "sultan", "queen", "grand duke", "prince", "chairman of the council of state",
                 "president of the presidency", "supreme leader"}
HEAD_OF_GOV = {"prime minister", "premier", "head of government", "chairman of the council of minister",
               "chairman of the council of ministers", "chief executive"}
FOREIGN = re.compile(r"^(minister|secretary) (of|for) (state for )?(foreign affairs|foreign relations|external affairs)"
                     r"( and [a-z ,]*)?$")
DEFENCE = re.compile(r"^(minister|secretary) (of|for) (state for )?(national )?(defen[cs]e)( and [a-z ,]*)?$")


# Leaders data/kb curates under another id (people.manual.tsv, roles.manual.tsv): REIGN names most
# leaders by surname alone (Rouhani, Putin) and CountryInfo spells names its own way (Ilhma Aliyev,
# Qabus Ibn Said), so the slug of the source's name is a second id for a curated person. (slug of the
# source's name, country of the role) -> the curated id. Hand-checked: same country, same person by
# name and by dated office (their tenures overlap or the source lists an earlier office of theirs:
# Haniya's premiership, Qureshi's first term as foreign minister). The rows keep their origin
# (reign, countryinfo) under the curated id. Not merged, because the source gives the tenure under
# another person's name: REIGN's "Jabir Ahmad Al Sabah" (KWT 2006-2020 is Sabah al-Ahmad) and
# "Khalifah Al Thani" (QAT from 2013 is Tamim bin Hamad); and "Salam" (Tammam Salam, 2014-2016) is
# not salam_nawaf.
SAME_PERSON = {
    ("abdelrahman_burhan", "SDN"): "burhan_abdelfattah",
    ("abdul_mahdi", "IRQ"): "abdulmahdi_adil",
    ("abdullah", "SAU"): "abdullah_saudi",
    ("abdullah_gul", "TUR"): "gul_abdullah",
    ("abdullah_ibn_hussein_el_hashimi", "JOR"): "abdullah_ii",
    ("ahmadinejad", "IRN"): "ahmadinejad_mahmoud",
    ("al_abadi", "IRQ"): "abadi_haider",
    ("al_bashir", "SDN"): "bashir_omar",
    ("al_jaafari", "IRQ"): "jaafari_ibrahim",
    ("al_kadhimi", "IRQ"): "kadhimi_mustafa",
    ("al_maliki", "IRQ"): "maliki_nouri",
    ("al_sisi", "EGY"): "sisi_abdelfattah",
    ("almazbek_atambayev", "KGZ"): "atambayev_almazbek",
    ("amad_al_thani", "QAT"): "hamad_bin_khalifa",
    ("antonio_guterres", "PRT"): "guterres_antonio",
    ("ariel_sharon", "ISR"): "sharon_ariel",
    ("ashraf_ghani", "AFG"): "ghani_ashraf",
    ("atambayev", "KGZ"): "atambayev_almazbek",
    ("barak", "ISR"): "barak_ehud",
    ("bashar_al_assad", "SYR"): "assad_bashar",
    ("biden", "USA"): "biden_joe",
    ("blair", "GBR"): "blair_tony",
    ("bolsonaro", "BRA"): "bolsonaro_jair",
    ("bouteflika", "DZA"): "bouteflika_abdelaziz",
    ("brown", "GBR"): "brown_gordon",
    ("cameron", "GBR"): "cameron_david",
    ("chirac", "FRA"): "chirac_jacques",
    ("emile_lahoud", "LBN"): "lahoud_emile",
    ("erdogan", "TUR"): "erdogan_recep",
    ("g_w_bush", "USA"): "bush_georgew",
    ("geir_h_haarde", "ISL"): "geir_haarde",
    ("h_aliyev", "AZE"): "aliyev_heydar",
    ("hadi", "YEM"): "hadi_abdrabbuh",
    ("haitham_ibn_tariq", "OMN"): "haitham_bin_tariq",
    ("hamad_bin_khalifa_al_thani", "QAT"): "hamad_bin_khalifa",
    ("hamad_isa_ibn_al_khalifah", "BHR"): "hamad_bin_isa",
    ("hamid_karzai", "AFG"): "karzai_hamid",
    ("helen_elizabeth_clark", "NZL"): "helen_clark",
    ("hollande", "FRA"): "hollande_francois",
    ("ilham_aliyev", "AZE"): "aliyev_ilham",
    ("ilhma_aliyev", "AZE"): "aliyev_ilham",
    ("imran_khan", "PAK"): "khan_imran",
    ("ismail_haniya", "PSE"): "haniyeh_ismail",
    ("jakaya_mrisho_kikwete", "TZA"): "jakaya_kikwete",
    ("jens_stoltenberg", "NOR"): "stoltenberg_jens",
    ("johnson", "GBR"): "johnson_boris",
    ("kaja_kallas", "EST"): "kallas_kaja",
    ("karimov", "UZB"): "karimov_islam",
    ("khalifa_al_nahayan", "ARE"): "khalifa_bin_zayed",
    ("khatami", "IRN"): "khatami_mohammad",
    ("levy_patrick_mwanawasa", "ZMB"): "levy_mwanawasa",
    ("lukashenko", "BLR"): "lukashenko_alexander",
    ("macron", "FRA"): "macron_emmanuel",
    ("mahmoud_abbas", "PSE"): "abbas_mahmoud",
    ("makhdoom_shah_mehmood_qureshi", "PAK"): "qureshi_shahmehmood",
    ("manmohan_singh", "IND"): "singh_manmohan",
    ("mansour", "EGY"): "mansour_adly",
    ("may", "GBR"): "may_theresa",
    ("mehmet_vecdi_gonul", "TUR"): "gonul_vecdi",
    ("merkel", "DEU"): "merkel_angela",
    ("michel_aoun", "LBN"): "aoun_michel",
    ("morsi", "EGY"): "morsi_mohamed",
    ("mubarak", "EGY"): "mubarak_hosni",
    ("muhammad_bin_rashid_al_maktum", "ARE"): "mbr_mohammed",
    ("muhammad_vi", "MAR"): "mohammed_vi",
    ("musharraf", "PAK"): "musharraf_pervez",
    ("nader_dahabi", "JOR"): "nader_dhahabi",
    ("najib_mikati", "LBN"): "mikati_najib",
    ("narendra_modi", "IND"): "modi_narendra",
    ("nawaf_al_sabah", "KWT"): "nawaf_alahmad",
    ("netanyahu", "ISR"): "netanyahu_benjamin",
    ("niyazov", "TKM"): "niyazov_saparmurat",
    ("obama", "USA"): "obama_barack",
    ("olmert", "ISR"): "olmert_ehud",
    ("pashinyan", "ARM"): "pashinyan_nikol",
    ("pervez_musharraf", "PAK"): "musharraf_pervez",
    ("putin", "RUS"): "putin_vladimir",
    ("qabus_bin_said", "OMN"): "qaboos_bin_said",
    ("qabus_ibn_said", "OMN"): "qaboos_bin_said",
    ("qaddafi", "LBY"): "gaddafi_muammar",
    ("rouhani", "IRN"): "rouhani_hassan",
    ("saad_hariri", "LBN"): "hariri_saad",
    ("saakashvili", "GEO"): "saakashvili_mikheil",
    ("sadyr_japarov", "KGZ"): "japarov_sadyr",
    ("saied", "TUN"): "saied_kais",
    ("saleh_al_hashidi", "YEM"): "saleh_aliabdullah",
    ("salman", "SAU"): "salman_saudi",
    ("sargsyan", "ARM"): "sargsyan_serzh",
    ("sarkozy", "FRA"): "sarkozy_nicolas",
    ("schroder", "DEU"): "schroeder_gerhard",
    ("sharif", "PAK"): "sharif_nawaz",
    ("shavkat_mirziyayev", "UZB"): "mirziyoyev_shavkat",
    ("shavkat_mirziyoyev", "UZB"): "mirziyoyev_shavkat",
    ("sheikh_sabah_al_ahmad_al_jabir_al_sabah", "KWT"): "sabah_alahmad",
    ("shinzo_abe", "JPN"): "abe_shinzo",
    ("sooronbay_jeenbekov", "KGZ"): "jeenbekov_sooronbay",
    ("suleiman", "LBN"): "sleiman_michel",
    ("sultan_bin_abd_al_aziz_al_saud", "SAU"): "sultan_bin_abdulaziz",
    ("tantawi", "EGY"): "tantawi_mohamed",
    ("tebboune", "DZA"): "tebboune_abdelmadjid",
    ("tokayev", "KAZ"): "tokayev_kassymjomart",
    ("trump", "USA"): "trump_donald",
    ("vecdi_gonul", "TUR"): "gonul_vecdi",
    ("zardari", "PAK"): "zardari_asifali",
    ("zelensky", "UKR"): "zelensky_volodymyr",
    ("zine_al_abidine_ben_ali", "TUN"): "benali_zine",
}


def slug(name):
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def display(name):
    return " ".join(w[:1].upper() + w[1:] for w in name.replace("_", " ").split())


def ci_end(value):
    """CountryInfo writes 20161201 (after its own last update) for 'still in office'."""
    end = ymd(value)
    return ">2012-01-16" if not end or end > "2012-01-16" else end


def ymd(value):
    """CountryInfo dates are YYYYMMDD with impossible days (20050231): clamp to the month's end."""
    value = value.strip()
    if not re.fullmatch(r"\d{8}", value):
        return None
    y, m, d = int(value[:4]), int(value[4:6]), int(value[6:])
    if not (1 <= m <= 12):
        return None
    d = max(1, min(d, calendar.monthrange(y, m)[1]))
    return f"{y:04d}-{m:02d}-{d:02d}"


def country_tables():
    text = open(os.path.join(LEAD, "CountryInfo.120116.txt"), encoding="utf-8", errors="replace").read()
    by_name, by_cow = {}, {}
    for block in text.split("<Country>")[1:]:
        code = re.search(r"<CountryCode>(\w+)</CountryCode>", block)
        name = re.search(r"<CountryName>([^<]+)</CountryName>", block)
        cow = re.search(r"<COW-Numeric>(\d+)</COW-Numeric>", block)
        if not code:
            continue
        c = {"TMP": "TLS"}.get(code.group(1), code.group(1))
        if len(c) != 3:
            continue
        if name:
            by_name[name.group(1).strip().lower()] = c
        if cow and cow.group(1) != "000":
            by_cow.setdefault(int(cow.group(1)), c)
    # COW numbers CountryInfo lacks or gives to a predecessor state.
    by_cow.update({2: "USA", 345: "SRB", 404: "GNB", 438: "GIN", 484: "COG", 626: "SSD",
                   678: "YEM", 679: "YEM", 835: "BRN"})
    return by_name, by_cow


def main():
    by_name, by_cow = country_tables()
    by_name.update({"cote_divoire": "CIV", "faeroe_islands": "FRO", "british_virgin_islands": "VGB"})
    people, roles = [], []
    unknown = set()
    merged = set()

    def person(name, origin, country):
        # CountryInfo joins spelling variants with '|': the first names the person, all are forms.
        variants = [v for v in name.split("|") if v.strip("_ ")]
        pid = slug(variants[0])
        if (pid, country) in SAME_PERSON:
            merged.add((pid, country))
            pid = SAME_PERSON[(pid, country)]
        for v in variants:
            people.append((pid, "en", display(v), origin))
        return pid

    for r in csv.DictReader(open(os.path.join(LEAD, "countryinfo_people_leaders.csv"), encoding="latin-1")):
        title = r["title"].strip().lower()
        role = "head_of_state" if title in HEAD_OF_STATE else "head_of_government" if title in HEAD_OF_GOV else None
        country = by_name.get(r["country"].strip().lower())
        start, end = ymd(r["startYr"]), ci_end(r["endYr"])
        if not role or not start:
            continue
        if not country:
            unknown.add(r["country"])
            continue
        if end < FROM:
            continue
        pid = person(r["name"], "countryinfo", country)
        roles.append([pid, country + "GOV", role, country, start, end, "countryinfo"])

    for r in csv.DictReader(open(os.path.join(LEAD, "countryinfo_people_gov.csv"), encoding="latin-1")):
        for part in r["description"].split("&"):
            d = part.strip().lower()
            role = "foreign_minister" if FOREIGN.match(d) else "defense_minister" if DEFENCE.match(d) else None
            if not role or "state for" in d:
                continue  # ministers of state are juniors, not the minister
            country = by_name.get(r["country"].strip().lower())
            start, end = ymd(r["startYr"]), ci_end(r["endYr"])
            if not country:
                unknown.add(r["country"])
                continue
            if not start or end < FROM:
                continue
            pid = person(r["name"], "countryinfo", country)
            sector = "GOV" if role == "foreign_minister" else "MIL"
            roles.append([pid, country + sector if sector == "MIL" else country + "GOV", role, country,
                          start, end, "countryinfo"])

    reign = list(csv.DictReader(open(os.path.join(LEAD, "reign_leaderlist_3_21.csv"), encoding="latin-1")))
    for r in reign:
        country = by_cow.get(int(r["ccode"])) if r["ccode"].strip().isdigit() else None
        if not country:
            unknown.add("cow:" + r["ccode"])
            continue
        start = f"{int(r['syear']):04d}-{int(r['smonth']):02d}-{int(r['sdate']):02d}"
        # REIGN gives only the month a tenure ended; an open end means in office in March 2021.
        end = f"{int(r['eyear']):04d}-{int(r['emonth']):02d}" if r["eyear"].strip() else ">2021-03"
        if end[0] != ">" and end < FROM[:7]:
            continue
        pid = person(r["leader"], "reign", country)
        roles.append([pid, country + "GOV", "leader", country, start, end, "reign"])
    for key in sorted(set(SAME_PERSON) - merged):
        print(f"SAME_PERSON entry not used: {key}", file=sys.stderr)
    print(f"people merged into curated ids: {len(merged)} source ids", file=sys.stderr)
    if unknown:
        print("countries not mapped: " + " ".join(sorted(unknown)), file=sys.stderr)

    # Resolve overlaps: manual roles win; inside the import, a later start truncates the earlier end.
    manual = [r for r in read_tsv("actors/roles.manual.tsv") if len(r) >= 7]
    def overlaps(a_start, a_end, b_start, b_end):
        ae = a_end.lstrip(">") or "9999"
        be = b_end.lstrip(">") or "9999"
        return a_start < be and b_start < ae
    kept, dropped = [], 0
    groups = {}
    for r in roles:
        if any(m[1] == r[1] and m[2] == r[2] and overlaps(m[4], m[5], r[4], r[5]) for m in manual):
            dropped += 1
            continue
        groups.setdefault((r[1], r[2], r[6]), []).append(r)
    for key, rs in groups.items():
        rs.sort(key=lambda x: (x[4], x[5]))
        prev = None
        for r in rs:
            if prev and prev[0] == r[0] and overlaps(prev[4], prev[5], r[4], r[5]):
                prev[5] = max(prev[5], r[5]) if prev[5] and r[5] else ""
                continue  # the same person listed twice
            if prev and overlaps(prev[4], prev[5], r[4], r[5]):
                if r[4] > prev[4]:
                    prev[5] = r[4]  # acting or overlapping entries: hand over on the new start
                else:
                    dropped += 1
                    continue
            kept.append(r)
            prev = r
    print(f"roles: {len(kept)} kept, {dropped} dropped (manual overrides or duplicates)", file=sys.stderr)
    used = {r[0] for r in kept}
    people = [p for p in people if p[0] in used]

    write_tsv("actors/people.tsv", [
        "People (imported). Generated by scripts/import/import_leaders.py; do not edit:",
        "add people and name variants to people.manual.tsv (same columns).",
        "Columns: person_id lang form origin",
        "  person_id: lower-case ASCII slug of the English name as the source spells it",
        "  lang: ar | fa | en; form: a name form that refers to the person",
        "  origin: countryinfo | reign",
    ], people)
    write_tsv("actors/roles.tsv", [
        "Dated roles (imported). Generated by scripts/import/import_leaders.py; do not edit:",
        "add roles to roles.manual.tsv, which overrides overlapping imported roles.",
        "Columns: person_id actor_code role country start end origin",
        "  actor_code: the CAMEO code the person acts as (IRNGOV; defence ministers MIL)",
        "  role: head_of_state | head_of_government | foreign_minister | defense_minister | leader",
        "    (leader: REIGN's effective ruler of the state, whichever office they held)",
        "  start, end: YYYY-MM-DD, or YYYY-MM when the source gives only the month;",
        "    end '>DATE': still in office on DATE, the source's last update (CountryInfo 2012-01-16,",
        "    REIGN 2021-03), real end unknown",
        "  origin: countryinfo | reign",
    ], [tuple(r) for r in kept])


if __name__ == "__main__":
    main()
