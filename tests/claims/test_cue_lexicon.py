"""The learned cue lexicon the span model reads: how often each word is a cue in the annotated articles."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def nlp(resources):
    return resources.nlp("en")


def _span(text, words):
    start = text.index(words)
    return {"start": start, "end": start + len(words)}


def test_a_word_annotated_as_a_cue_gets_a_rate_and_a_plain_word_none(nlp):
    from sucesos.claims.spans import cue_counts, cue_rates, rate_key

    text = "The senator asserted that taxes rose. The senator asserted it again. Taxes rose."
    doc = nlp(text)
    first = text.index("asserted")
    second = text.index("asserted", first + 1)
    seen, inside = cue_counts(doc, [{"start": first, "end": first + 8}, {"start": second, "end": second + 8}])
    rates = cue_rates(seen, inside)
    assert rates[rate_key("assert", "VERB")] == pytest.approx(2 / 4)
    assert not any(key.startswith("tax|") for key in rates)  # never inside a cue: no rate
    # a gold span outside the text (the scorer skips it) counts nothing
    assert cue_counts(doc, [{"start": 5, "end": 10_000}])[1] == {}


def test_training_articles_see_a_lexicon_counted_without_their_own_fold(nlp):
    from sucesos.claims.spans import rate_key
    from sucesos.claims.train_spans import FOLDS, fold_lexicons, lexicon

    # one article per fold; only article 0 uses "opined" as a cue, twice
    texts = ["Ann opined that it rained. Bob opined that it snowed."] + ["Carl opined that it was fine."] * (FOLDS - 1)
    docs = [nlp(t) for t in texts]
    gold = [[{"cue": _span(texts[0], "opined")},
             {"cue": {"start": texts[0].rindex("opined"), "end": texts[0].rindex("opined") + 6}}]]
    gold += [[] for _ in range(FOLDS - 1)]
    meta = {"gold": gold}
    key = rate_key("opine", "VERB")
    assert lexicon(docs, meta)[key] > 0  # the shipped lexicon, counted on every article
    folds = fold_lexicons(docs, meta)
    assert key not in folds[0]  # article 0 does not see its own annotations
    assert key in folds[1]


def test_without_a_lexicon_no_lexicon_feature_is_built_and_with_one_it_is(nlp):
    from sucesos.claims.cues import load_cues
    from sucesos.claims.spans import article_features, rate_key

    cues = load_cues()["en"]
    doc = nlp("The senator asserted that taxes rose.")

    def names(rates):
        return {name for _tokens, features in article_features(doc, cues, [], rates=rates) for f in features for name in f}

    plain = names(None)
    assert plain and not any(name.split(":")[-1].startswith(("cr=", "hcr=", "cr_pos=")) for name in plain)
    learned = names({rate_key("assert", "VERB"): 0.5})
    assert "cr=e" in learned and "cr_pos=e|VERB" in learned
