"""Bad input for the claims stage: huge quotes, unbalanced and deeply nested quotation marks.

No crash, bounded time (the claims stage alone, parse excluded), and every
span inside the text, with the text it claims to hold.
"""

from __future__ import annotations

import time

import pytest

WORDS = " ".join(f"palabra{n % 97}" if n % 13 else "tiroteo." for n in range(20_000))
PAIRS = [("«", "»"), ("“", "”"), ("‘", "’"), ("„", "“"), ('"', '"'), ("'", "'")]


def _unbalanced() -> list[str]:
    texts = []
    for opening, closing in PAIRS:
        texts.append(f"The mayor said {opening}the town is safe. Police said nothing. Soldiers arrived on Monday.")
        texts.append(f"The mayor said the town is safe{closing}. Police said {closing}nothing{closing}{closing}.")
        texts.append(f"El alcalde dijo {opening}{opening}que todo está en calma{closing}, informó la Fiscalía {opening}.")
    return texts


SLOW = pytest.mark.slow  # parsing 20,000 words takes the parser ~20 s here; the claims stage ~1 s
CASES = [
    pytest.param("en", f"Officials said: “{WORDS}”", marks=SLOW),
    pytest.param("es", f"La Fiscalía dijo: «{WORDS}", marks=SLOW),  # a quote that never closes
    ("en", "“" * 50 + "said" + "”" * 50),
    ("es", "".join(f"{o}dijo " for o, _c in PAIRS * 9) + "nada" + "".join(c for _o, c in PAIRS * 9)),
    ("en", "He said " + "“she said ‘they said " * 25 + "nothing" + "’”" * 25 + "."),
    *[(lang, text) for text in _unbalanced() for lang in ("en", "es")],
]


@pytest.fixture(scope="module")
def run_claims(resources):
    from sucesos.actors.component import find_mentions
    from sucesos.claims.component import find_claims
    from sucesos.pipeline import Analysis

    def run(text: str, lang: str):
        doc = resources.nlp(lang)(text)
        values = {"doc": doc, "text": text, "lang": lang}
        values.update(find_mentions(Analysis(values), resources))
        started = time.perf_counter()
        claims = find_claims(Analysis(values), resources)["claims"]
        return claims, time.perf_counter() - started

    return run


@pytest.mark.parametrize("lang,text", CASES, ids=range(len(CASES)))
def test_bad_quotes_no_crash_bounded_time_spans_inside(run_claims, lang, text):
    claims, seconds = run_claims(text, lang)
    assert seconds < 20, f"claims stage took {seconds:.1f}s"
    for claim in claims:
        for span in (claim.source, claim.cue, claim.content):
            if span is not None:
                assert 0 <= span.start < span.end <= len(text)
                assert text[span.start:span.end] == span.text
