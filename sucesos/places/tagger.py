"""A learned toponym tagger for Spanish news: a CRF over spaCy tokens.

The rule detector (`sucesos.places.detect`) knows the gazetteer and Spanish
feature words, but not the conventions by which Mexican news names places:
"Universidad de Sonora" and "diputados de Cajeme" name an institution, not
a place; "Hospital General de Ciudad Obregón" and "calle Guerrero entre
Quintana Roo y California" are one place each; "NAVOJOA.-" opens a
dateline; "la Miguel Alemán" is a street. A linear-chain CRF
(python-crfsuite) learns them from CEGEOMEX's hand-marked places, over one
token's evidence and its neighbours': the word and its shape, spaCy's
part of speech and entity label, the rule detector's reading (in a
toponym, which source, which kind, dropped as a common word), what the
gazetteer knows of the word (a place? which feature class, in Mexico, how
populous), the Spanish feature word it is ("colonia", "municipio"), and
how common the word is in Spanish (wordfreq).

Its spans replace the rule detector's in Spanish articles (measured on
CEGEOMEX with cross-validation: `sucesos/places/train_tagger.py`); each span
keeps the reading of the rule toponym inside it (what to look up, the kind,
the state qualifier), so resolution is unchanged for names both agree on.
The weights ship gzipped as `tagger.crfsuite.gz`; without them the rule
detector stands alone. Beside them, `tagger_oof.json.gz` holds the spans
that held-out folds gave each training article, keyed by a hash of its
text: an article the model was fitted on is answered with those (as the
event model answers its own training rows), so no figure on the training
set is in-sample; any other text never matches and is tagged by the model.
"""

from __future__ import annotations

import bisect
import dataclasses
import gzip
import hashlib
import json
import math
import re
from functools import lru_cache
from importlib import resources

from sucesos.nlp.bio import bio_spans
from sucesos.places.detect import is_bare_country_code, name_goes_on
from sucesos.places.gazetteer import Gazetteer
from sucesos.places.local import _KIND_OF, feature_names
from sucesos.places.resolve import Toponym, clean_lookup
from sucesos.places.words import is_common_word, zipf

MODEL_FILE = "tagger.crfsuite.gz"
REPORT_FILE = "tagger.json"  # how it was trained, its cross-validated figures, `keep_rule_at`
OOF_FILE = "tagger_oof.json.gz"  # out-of-fold spans of the training articles, by text hash
OOF_FORMAT = 1
LANGS = ("es",)
MAX_SENTENCE_TOKENS = 400  # a sentence longer than this (a list article) is tagged in pieces


# what a token tells its neighbours
_CONTEXT = ("low=", "shape=", "rule=", "feat=", "pos=", "ent=", "fw=", "gzf=", "run=")


def _shape(text: str) -> str:
    out = []
    for ch in text[:6]:
        code = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != code:
            out.append(code)
    return "".join(out)


def _gazetteer_evidence(name: str, gazetteer: Gazetteer, cache: dict) -> tuple[str, ...]:
    if name in cache:
        return cache[name]
    found: tuple[str, ...] = ()
    if gazetteer.knows(name):
        candidates = gazetteer.lookup(name, limit=30)
        if candidates:
            top = max(candidates, key=lambda c: c.population)
            mexican = [c for c in candidates if c.country_code == "MX"]
            found = (
                "gz",
                "gzf=" + str(top.feature),
                "gzpop=" + str(int(math.log10(top.population + 1))),
                "gzmx=" + ("1" if mexican else "0"),
                "gzmxf=" + (str(max(mexican, key=lambda c: c.population).feature) if mexican else "-"),
                "gzmain=" + ("1" if any(c.matched_main_name for c in candidates) else "0"),
            )
    cache[name] = found
    return found


def _run_tags(tokens, text: str, gazetteer: Gazetteer, cache: dict) -> list[str]:
    """B/I for the longest capitalised run (with connectors) the gazetteer knows."""
    tags = ["O"] * len(tokens)
    i = 0
    while i < len(tokens):
        if not tokens[i].text[:1].isupper():
            i += 1
            continue
        taken = 0
        for size in range(min(5, len(tokens) - i), 1, -1):
            run = tokens[i : i + size]
            if not run[-1].text[:1].isupper():
                continue
            if any(not t.text[:1].isupper() and t.lower_ not in ("de", "del", "la", "las", "los", "el", "y") for t in run):
                continue
            name = text[run[0].idx : run[-1].idx + len(run[-1].text)]
            key = ("run", name)
            if key not in cache:
                cache[key] = gazetteer.knows(name)
            if cache[key]:
                taken = size
                break
        if taken:
            tags[i] = "B"
            for k in range(i + 1, i + taken):
                tags[k] = "I"
            i += taken
        else:
            i += 1
    return tags


def sentences(doc) -> list[list]:
    """Token lists to tag: the doc's sentences, long ones cut in pieces."""
    try:
        spans = list(doc.sents)
    except ValueError:
        spans = [doc[:]]
    pieces = []
    for span in spans:
        tokens = [t for t in span]
        for k in range(0, len(tokens), MAX_SENTENCE_TOKENS):
            piece = tokens[k : k + MAX_SENTENCE_TOKENS]
            if piece:
                pieces.append(piece)
    return pieces


def article_features(doc, rule: list[Toponym], dropped: list[Toponym], gazetteer: Gazetteer, lang: str | None) -> list[tuple[list, list[list[str]]]]:
    """(token offsets, one feature list a token) per sentence."""
    text = doc.text
    starts = [token.idx for token in doc]
    ends = [token.idx + len(token) for token in doc]

    def covered(start: int, end: int) -> range:
        """Indexes of the tokens a character span touches (spaCy's "expand" alignment)."""
        return range(bisect.bisect_right(ends, start), bisect.bisect_left(starts, end))

    rule_tag: dict[int, tuple] = {}
    for toponym in rule:
        for k, i in enumerate(covered(toponym.start, toponym.end)):
            rule_tag[i] = ("B" if k == 0 else "I", toponym.source, toponym.kind or "-", "q" if toponym.qualifier else "-")
    dropped_tokens = {i for toponym in dropped for i in covered(toponym.start, toponym.end)}
    feature_tokens: dict[int, str] = {}
    for start, end, kind, _name, _name_start in feature_names(text):
        for k, i in enumerate(covered(start, end)):
            feature_tokens[i] = ("B-" if k == 0 else "I-") + kind
    cache: dict = {}
    lang = lang or "es"
    result = []
    for tokens in sentences(doc):
        runs = _run_tags(tokens, text, gazetteer, cache)
        basic = []
        for k, token in enumerate(tokens):
            word = token.text
            low = token.lower_
            tag = rule_tag.get(token.i)
            own = [
                "low=" + low,
                "suf3=" + low[-3:],
                "shape=" + _shape(word),
                "pos=" + token.pos_,
                "ent=" + token.ent_iob_ + "-" + (token.ent_type_ or "-"),
                "rule=" + (tag[0] if tag else "O"),
                "run=" + runs[k],
                "feat=" + feature_tokens.get(token.i, "O"),
            ]
            if tag:
                own += ["rsrc=" + tag[1], "rkind=" + tag[2], "rq=" + tag[3]]
            if token.i in dropped_tokens:
                own.append("dropped")
            if low in _KIND_OF:
                own.append("fw=" + _KIND_OF[low])
            if word.isalpha():
                own.append("zipf=" + str(int(zipf(word, lang))))
            if word[:1].isupper():
                own += _gazetteer_evidence(word, gazetteer, cache)
            basic.append(own)
        context = [[f for f in own if f.startswith(_CONTEXT)] for own in basic]
        shifted = {offset: [[f"{offset}:{f}" for f in own] for own in context] for offset in (-2, -1, 1, 2)}
        sentence_features = []
        for k, token in enumerate(tokens):
            features = ["bias", *basic[k]]
            if k == 0:
                features.append("BOS")
            if token.idx == 0 or text[token.idx - 1] == "\n":
                features.append("line_start")
            if text.startswith(".-", token.idx + len(token.text)) or text.startswith(".–", token.idx + len(token.text)):
                features.append("dateline")
            for offset in (-2, -1, 1, 2):
                j = k + offset
                if 0 <= j < len(tokens):
                    features += shifted[offset][j]
            if k > 0:
                features.append("bi=" + tokens[k - 1].lower_ + "|" + token.lower_)
            if k + 1 < len(tokens):
                features.append("bi+=" + token.lower_ + "|" + tokens[k + 1].lower_)
            sentence_features.append(features)
        result.append(([(t.idx, t.idx + len(t.text)) for t in tokens], sentence_features))
    return result


def gold_labels(offsets: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[str]:
    """BIO labels of tokens (their offsets) from gold character spans."""
    labels = []
    previous_span = None
    for start, end in offsets:
        inside = next((s for s in spans if s[0] < end and start < s[1]), None)
        if inside is None:
            labels.append("O")
        else:
            labels.append("I" if inside == previous_span else "B")
        previous_span = inside
    return labels


def decode(offsets: list[tuple[int, int]], labels: list[str]) -> list[tuple[int, int]]:
    """Character spans of B/I runs."""
    return bio_spans(offsets, labels)


def _overlapping(ordered: list[Toponym], ends: list[int], start: int, end: int) -> list[Toponym]:
    """The toponyms of `ordered` (by start, none overlapping another) that overlap [start, end)."""
    found = []
    for i in range(bisect.bisect_right(ends, start), len(ordered)):
        if ordered[i].start >= end:
            break
        found.append(ordered[i])
    return found


def tag_spans(features_by_sentence, tagger, rule: list[Toponym] = (), keep_rule_at: float | None = None) -> list[tuple[int, int]]:
    """Character spans the tagger marks; with `keep_rule_at`, also each rule
    toponym it leaves out whose first token it still gives at least that
    probability of being in a place (the rules' reading as a prior)."""
    ordered = sorted(rule, key=lambda t: t.start)
    starts = [t.start for t in ordered]
    spans = []
    for offsets, features in features_by_sentence:
        found = decode(offsets, tagger.tag(features))
        if keep_rule_at is not None and ordered and offsets:
            low, high = offsets[0][0], offsets[-1][1]
            token_ends = [e for _s, e in offsets]
            found_ends = [e for _s, e in found]
            added = []
            for toponym in ordered[bisect.bisect_left(starts, low) : bisect.bisect_left(starts, high)]:
                j = bisect.bisect_right(found_ends, toponym.start)
                if j < len(found) and found[j][0] < toponym.end:
                    continue  # the tagger marked it (or part of it)
                k = bisect.bisect_right(token_ends, toponym.start)
                if k < len(offsets) and 1.0 - tagger.marginal("O", k) >= keep_rule_at:
                    added.append((toponym.start, toponym.end))
            found = sorted(found + added)
        spans += found
    return spans


def merge(
    spans: list[tuple[int, int]], kept: list[Toponym], dropped: list[Toponym], text: str, gazetteer: Gazetteer,
    lang: str | None = "es", *, split: bool = False,
) -> list[Toponym]:
    """Toponyms at the tagger's spans.

    - a span around one rule toponym keeps that toponym's reading (what to
      look up, the kind, the state qualifier) with the tagger's offsets;
    - a span around several ("calle Sonora entre No Reelección y Guerrero",
      "colonia Centro de Ciudad Obregón, Sonora") is one address, as
      CEGEOMEX's annotators mark it, read as the town, municipality or state
      it names (else its first street or colonia); with `split`, it is those
      toponyms instead, each with its own offsets;
    - an everyday word the rules dropped ("Plaza", "Valle") stays dropped;
    - a new name is looked up as written, or by the place it names
      ("Hospital General de Ciudad Obregón"); a feature-word phrase keeps its kind.
    """
    features = {start: (kind, name_start, end) for start, end, kind, _name, name_start in feature_names(text)}
    dropped_ids = {id(t) for t in dropped}
    ordered = sorted([*kept, *dropped], key=lambda t: t.start)
    ends = [t.end for t in ordered]
    result = []

    def everyday(toponym: Toponym) -> bool:
        return id(toponym) in dropped_ids and (
            is_common_word(toponym.lookup or "", lang) or is_bare_country_code(toponym.lookup, text, toponym.start, gazetteer)
        )

    for start, end in spans:
        inside = _overlapping(ordered, ends, start, end)
        if len(inside) == 1:
            reading = inside[0]
            if everyday(reading):
                continue
            feature = features.get(start)
            if feature is not None and feature[0] == "local" and reading.kind != "local" and reading.start > start and not _town_of_address(text, feature[2], reading.start):
                # "calle 800, entre Fresno y Canal Alto", "bulevar Elías Calles y París": the name
                # inside is a street of the address, not the town Fresno or Paris
                result.append(Toponym(start=start, end=end, lookup=clean_lookup(text, feature[1], min(end, feature[2])) or reading.lookup, source="tagger", kind="local"))
                continue
            whole = clean_lookup(text, start, end)
            if (start, end) != (reading.start, reading.end) and not reading.kind and not reading.qualifier and whole and gazetteer.knows(whole):
                # the longer name is a place of its own: "Miguel Hidalgo" (an alcaldía), not "Hidalgo"
                reading = dataclasses.replace(reading, lookup=whole, source="tagger")
            elif lang == "es" and reading.start == start and name_goes_on(text, reading.end, end, gazetteer) and not reading.kind and not reading.qualifier and whole:
                # "San Juan Chamula" is no "San Juan": a capitalised word after a known start
                # continues the name (Spanish writes adjectives of nationality in lower case)
                reading = dataclasses.replace(reading, lookup=whole, source="tagger")
            result.append(dataclasses.replace(reading, start=start, end=end))
            continue
        if len(inside) > 1:
            named = [t for t in inside if id(t) not in dropped_ids]
            if split:
                result += named
            elif named:
                # one place per part that a locative link joins: "colonia Centro
                # | de Ciudad Obregón, Sonora", "comunidad de El Aguaje | , en
                # Aguililla"; streets crossing ("calle Sonora entre No Reelección
                # y Guerrero") are one address, read as its first street
                parts = [[named[0]]]
                for previous, toponym in zip(named, named[1:]):
                    if _LINK.match(text, previous.end, toponym.start) and _LINK.match(text, previous.end, toponym.start).end() == toponym.start:
                        parts.append([toponym])
                    else:
                        parts[-1].append(toponym)
                for k, part in enumerate(parts):
                    part_start = start if k == 0 else part[0].start
                    part_end = end if k == len(parts) - 1 else part[-1].end
                    result.append(dataclasses.replace(_address_reading(part, text), start=part_start, end=part_end))
            continue
        lookup = clean_lookup(text, start, end)
        if not lookup or is_bare_country_code(lookup, text, start, gazetteer):
            continue
        feature = features.get(start)
        if feature is not None and feature[0] == "local":
            result.append(Toponym(start=start, end=end, lookup=clean_lookup(text, feature[1], min(end, feature[2])) or lookup, source="tagger", kind="local"))
        elif not gazetteer.knows(lookup) and (tail := _known_tail(text, start, end, gazetteer)) is not None:
            # "Hospital General de Ciudad Obregón", "Ayuntamiento de Cajeme": where the place named is
            result.append(Toponym(start=start, end=end, lookup=tail, source="tagger"))
        else:
            result.append(Toponym(start=start, end=end, lookup=lookup, source="tagger"))
    return result


def _address_reading(part: list[Toponym], text: str) -> Toponym:
    """The reading of one tagged address: its first street or colonia, unless a
    town, municipality or state follows a comma in it ("colonia Jardines del
    Pedregal, delegación Coyoacán", "calle Juárez, Hermosillo"): that place.
    A name after "entre", "esquina" or "y" is a cross street, whatever town
    shares it ("calle 800, entre Fresno y Canal Alto")."""
    for previous, toponym in zip(part, part[1:]):
        if toponym.kind != "local" and part[0].kind == "local" and _town_of_address(text, previous.end, toponym.start):
            return toponym
    return part[0]


def _town_of_address(text: str, end: int, start: int) -> bool:
    """Whether a name at `start` after an address part ending at `end` is where
    the address lies: after a comma ("calle Juárez, Hermosillo"), not inside
    the part nor after a word that crosses streets ("entre", "esquina", "y")."""
    if start < end:
        return False
    between = text[end:start]
    return "," in between and not _CROSSING.search(between)


_CROSSING = re.compile(r"\b(?:entre|esquina|y|e|casi)\b", re.IGNORECASE)


# what joins a place to the larger place it lies in: ", de", " en ", ", municipio de"
_LINK = re.compile(r"\s*,?\s*(?:(?:de|del|en)\s+(?:(?:la|el|los|las)\s+)?(?:ciudad\s+de\s+|municipio\s+de\s+)?)?(?:municipio\s+de\s+)?", re.IGNORECASE)
_OF = re.compile(r"\s(?:de\s+la|de\s+los|de\s+las|del|de|en)\s+(?=[A-ZÁÉÍÓÚÑ])")


def _known_tail(text: str, start: int, end: int, gazetteer: Gazetteer) -> str | None:
    """The longest capitalised tail after "de"/"en" the gazetteer knows, or None."""
    for match in _OF.finditer(text, start, end):
        tail = clean_lookup(text, match.end(), end)
        tail = re.sub(r"\s*\([^)]*\)?$", "", tail).strip()  # "... (HGO)"
        if tail and gazetteer.knows(tail):
            return tail
    return None


def focus_toponyms(detected: list[Toponym], tagged: list[Toponym]) -> list[Toponym]:
    """The detector's toponyms and the tagger's new ones beside them: the
    evidence the article's focus is estimated from."""
    ordered = sorted(detected, key=lambda t: t.start)
    ends = [t.end for t in ordered]
    new = [t for t in tagged if t.source == "tagger" and not _overlapping(ordered, ends, t.start, t.end)]
    return sorted(detected + new, key=lambda t: t.start) if new else detected


def text_key(text: str) -> str:
    """A short hash of an article's exact text (the offsets of stored spans are into it)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def tag_toponyms(doc, detected: list[Toponym], kept: list[Toponym], gazetteer: Gazetteer, lang: str | None, tagger) -> list[Toponym]:
    """The toponyms of a Spanish article as the tagger marks them (see the module
    docstring); a training article gets the spans a model that never saw it gave."""
    kept_ids = {id(t) for t in kept}
    dropped = [t for t in detected if id(t) not in kept_ids]
    spans = tagger.out_of_fold.get(text_key(doc.text)) if tagger.out_of_fold else None
    if spans is None:
        spans = tag_spans(article_features(doc, kept, dropped, gazetteer, lang), tagger, kept, tagger.keep_rule_at)
    # "alcaldía Cuauhtémoc": the feature word and one of Mexico City's alcaldías say what the name
    # is; the tagger, trained on Sonora's press (no alcaldías), does not drop it. (Every
    # "municipio de X" kept so cost CEGEOMEX precision 0.006: its annotators leave many out.)
    named = [
        (t.start, t.end) for t in kept
        if t.source == "feature" and t.kind == "admin2" and t.qualifier and not any(s < t.end and t.start < e for s, e in spans)
    ]
    if named:
        spans = sorted([*spans, *named])
    return merge(spans, kept, dropped, doc.text, gazetteer, lang, split=tagger.split)


class _Tagger:
    """A CRF tagger opened on bytes in memory, which it keeps (crfsuite reads them in place)."""

    def __init__(self, data: bytes, keep_rule_at: float | None = None, split: bool = False, out_of_fold: dict | None = None):
        import pycrfsuite

        self.keep_rule_at = keep_rule_at
        self.split = split
        self.out_of_fold: dict[str, list[tuple[int, int]]] = out_of_fold or {}
        self._data = data
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(data)

    def tag(self, features):
        return self._tagger.tag(features)

    def marginal(self, label: str, position: int) -> float:
        """P(label at position) in the sequence tagged last."""
        try:
            return self._tagger.marginal(label, position)
        except ValueError:  # a label the model never saw
            return 0.0


@lru_cache(maxsize=1)
def shipped_tagger():
    """The shipped CRF, or None when the package has no weights."""
    folder = resources.files("sucesos.places")
    path = folder.joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    report = folder.joinpath(REPORT_FILE)
    settings = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else {}
    keep_rule_at = settings.get("keep_rule_at")
    return _Tagger(gzip.decompress(path.read_bytes()), keep_rule_at, bool(settings.get("split")), _out_of_fold(folder.joinpath(OOF_FILE), keep_rule_at))


def _out_of_fold(path, keep_rule_at: float | None) -> dict[str, list[tuple[int, int]]]:
    """The stored out-of-fold spans, or none when the file is missing or was
    written for another model setting (then every text is tagged by the model)."""
    if not path.is_file():
        return {}
    table = json.loads(gzip.decompress(path.read_bytes()))
    if table.get("format") != OOF_FORMAT or table.get("keep_rule_at") != keep_rule_at:
        return {}
    return {key: [(int(s), int(e)) for s, e in spans] for key, spans in table.get("spans", {}).items()}


def load_tagger(data: bytes, keep_rule_at: float | None = None, split: bool = False, out_of_fold: dict | None = None):
    return _Tagger(data, keep_rule_at, split, out_of_fold)

