"""Shared by the annotation scripts: the corpora, the samples, and the label vocabularies."""
import hashlib, json, lzma, os, subprocess, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "../.."))
# Where the scripts read and write data/: $RASAD_DATA (as rasad itself) or the repository's.
DATA = os.environ.get("RASAD_DATA") or os.path.join(REPO, "data")
SHARED = os.environ.get("RASAD_SHARED", os.path.normpath(os.path.join(REPO, "../shared")))
CORPUS_FILES = {"saudinewsnet": "saudinewsnet.jsonl.xz", "farsnews": "farsnews.jsonl.xz",
                "wikinews_politics": "wikinews_politics.jsonl.xz"}
LANGS = ("ar", "fa", "en")
TYPES = ("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
         "PROTEST SANCTION MOBILIZE COERCE ASSAULT").split()
FACTUALITY = ("actual", "negated", "future", "hypothetical", "background")


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def samples(lang):
    return read_jsonl(os.path.join(DATA, "annotations/samples", f"{lang}.jsonl"))


def focused_keys(lang):
    """Keys drawn where the rules code one type (sample.py --focus): not a sample of the corpus."""
    return {r["key"] for r in samples(lang) if r["pool"].startswith("focus:")}


def corpus_records(corpus, wanted):
    """doc id -> the corpus record (a dict), for the ids in `wanted`."""
    out = {}
    with lzma.open(os.path.join(SHARED, "corpus", CORPUS_FILES[corpus]), "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            if d["id"] in wanted:
                out[d["id"]] = d
    return out


def corpus_texts(corpus, wanted):
    """doc id -> UTF-8 bytes of the record's text, for the ids in `wanted`."""
    return {k: d["text"].encode("utf-8") for k, d in corpus_records(corpus, wanted).items()}


def document_dates(rasad, rows):
    """doc id -> YYYY-MM-DD as `rasad doc` dates the documents of annotation `rows` (metadata, URL,
    dateline, text); a document it finds no date in is left out."""
    by_corpus = {}
    for r in rows:
        by_corpus.setdefault(r["corpus"], set()).add(r["doc"])
    records = [d for corpus, docs in by_corpus.items() for d in corpus_records(corpus, docs).values()]
    dates = {}
    for line in run_rasad(rasad, records, ["doc", "-q", "--format", "json", "--no-tokens"]).splitlines():
        d = json.loads(line)
        value = (d.get("date") or {}).get("value") or ""
        if len(value) == 10:
            dates[d["id"]] = value
    return dates


def sentence_bytes(rows):
    """key -> the sentence's bytes rebuilt from the corpus; raises when a checksum differs."""
    by_corpus = {}
    for r in rows:
        by_corpus.setdefault(r["corpus"], set()).add(r["doc"])
    texts = {}
    for corpus, docs in by_corpus.items():
        texts[corpus] = corpus_texts(corpus, docs)
    out = {}
    for r in rows:
        raw = texts[r["corpus"]].get(r["doc"], b"")[r["start"]:r["end"]]
        if hashlib.sha1(raw).hexdigest() != r["sha1"]:
            raise ValueError(f"{r['key']}: checksum of {r['corpus']}/{r['doc']} bytes "
                             f"{r['start']}-{r['end']} differs from the sample")
        out[r["key"]] = raw
    return out


def cameo_codes():
    codes = set()
    with open(os.path.join(DATA, "kb/ontology/cameo.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                codes.add(line.split("\t", 1)[0])
    return codes


def plover_modes():
    modes = {}
    with open(os.path.join(DATA, "kb/ontology/plover.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                cols = line.rstrip("\n").split("\t")
                modes[cols[0]] = set(filter(None, cols[1].split(",")))
    return modes


def actor_prefixes():
    """Codes an actor code may start with: countries, and the international/transnational kinds."""
    prefixes = {"IGO", "NGO", "IMG", "MNC", "UIS", "REB", "OPP", "CVL"}
    for name in ("countries.tsv", "countries.manual.tsv", "code_aliases.tsv"):
        path = os.path.join(DATA, "kb/actors", name)
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    prefixes.add(line.split("\t", 1)[0][:3])
    return prefixes


def run_rasad(rasad, records, args):
    """Runs `rasad ARGS FILE` on records ({"id", "lang", "text", ...} dicts) written to a temporary
    JSON Lines file; returns standard output."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
        path = f.name
    try:
        return subprocess.run([rasad] + args[:1] + [path] + args[1:], check=True, capture_output=True,
                              text=True).stdout
    finally:
        os.unlink(path)
