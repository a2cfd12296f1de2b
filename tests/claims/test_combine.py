"""How the rules' claims and the span model's spans are combined (precedence measured on PolNeAR dev)."""

from __future__ import annotations

import pytest

from sucesos.claims.combine import combine


@pytest.fixture(scope="module")
def parsed(resources):
    from sucesos.actors.component import find_mentions
    from sucesos.claims.cues import load_cues
    from sucesos.claims.extract import find_claims
    from sucesos.pipeline import Analysis

    def run(text):
        doc = resources.nlp("en")(text)
        values = {"doc": doc, "text": text, "lang": "en"}
        values.update(find_mentions(Analysis(values), resources))
        cues = load_cues()["en"]
        return doc, find_claims(doc, values["mentions"], cues, text), values["mentions"], cues

    return run


def _at(text, words, after=0):
    start = text.index(words, after)
    return (start, start + len(words))


TEXT = "The mayor said the town was safe. “We will win,” Ana Torres said. Police believe the gang left the city."


def test_unmatched_rule_claims_survive_only_as_direct_quotes(parsed):
    doc, rules, mentions, cues = parsed(TEXT)
    assert {c.cue.text for c in rules if c.cue} >= {"said", "believe"}
    found = {"cue": [_at(TEXT, "said")], "source": [_at(TEXT, "The mayor")], "content": [_at(TEXT, "the town was safe")]}
    claims = combine(doc, TEXT, found, rules, mentions, cues)
    by_cue = {(c.cue.start, c.cue.end): c for c in claims if c.cue}
    first = by_cue[_at(TEXT, "said")]
    assert first.method == "rules+model" and first.content.text == "the town was safe"
    quoted = [c for c in claims if c.content and c.content.text.startswith("“We will win")]
    assert quoted and quoted[0].method == "rules" and quoted[0].source.text == "Ana Torres"
    # a paraphrase the model saw no cue for is dropped (under a quarter of those are right on dev)
    assert not any(c.cue and c.cue.text == "believe" for c in claims)
    kept_all = combine(doc, TEXT, found, rules, mentions, cues, keep_unmatched_rules=True)
    assert any(c.cue and c.cue.text == "believe" for c in kept_all)


def test_a_matched_claim_takes_the_models_source_beside_its_cue(parsed):
    text = "In a statement on Monday, the state prosecutor said the bodies were found near the road."
    doc, rules, mentions, cues = parsed(text)
    found = {"cue": [_at(text, "said")], "source": [_at(text, "the state prosecutor")],
             "content": [_at(text, "the bodies were found near the road")]}
    claims = combine(doc, text, found, rules, mentions, cues)
    claim = next(c for c in claims if c.cue and c.cue.text == "said")
    assert claim.source.text == "the state prosecutor"
    assert claim.source_type != "unattributed"
    assert all(0 <= s.start < s.end <= len(text) for c in claims for s in (c.source, c.cue, c.content) if s)


def test_a_piece_of_the_rules_span_gives_way_to_the_whole(parsed):
    text = "Maria Lopez, a local teacher, said she heard explosions all night near the market."
    doc, rules, mentions, cues = parsed(text)
    rule = next(c for c in rules if c.cue and c.cue.text == "said")
    found = {"cue": [_at(text, "said")], "source": [_at(text, "Maria")],
             "content": [_at(text, "she heard explosions")]}
    claim = next(c for c in combine(doc, text, found, rules, mentions, cues) if c.cue and c.cue.text == "said")
    assert claim.source == rule.source and claim.source.text.startswith("Maria Lopez")
    assert claim.content == rule.content and claim.content.text.endswith("near the market")
    # the model's whole span, where it is not a piece of the rules', is the model's
    found["content"] = [_at(text, "she heard explosions all night near the market.")]
    claim = next(c for c in combine(doc, text, found, rules, mentions, cues) if c.cue and c.cue.text == "said")
    assert claim.content.text == "she heard explosions all night near the market."


def test_span_window_never_loses_a_span_within_reach():
    """The look-up window that keeps combining linear on long articles is a
    superset of every span the brute-force scan could pick."""
    import random

    from sucesos.claims.combine import _gap, _Spans

    rng = random.Random(7)
    for _ in range(200):
        pairs = [(a, a + rng.randint(1, 300)) for a in (rng.randint(0, 5000) for _ in range(rng.randint(0, 40)))]
        spans = _Spans(pairs)
        target = (t := rng.randint(0, 5000), t + rng.randint(0, 200))
        reach = rng.choice([0, 50, 400])
        window = spans.near(target, reach)
        assert window == sorted(window)
        assert {s for s in set(pairs) if _gap(s, target) <= reach} <= set(window)


def test_a_rule_claim_whose_cue_the_model_missed_stays_when_the_model_tagged_its_source_and_content(parsed):
    doc, rules, mentions, cues = parsed(TEXT)
    believe = next(c for c in rules if c.cue and c.cue.text == "believe")
    # the model saw the attribution (its source and content) but not its cue
    found = {"cue": [_at(TEXT, "said")], "source": [_at(TEXT, "The mayor"), (believe.source.start, believe.source.end)],
             "content": [_at(TEXT, "the town was safe"), (believe.content.start, believe.content.end)]}
    claims = combine(doc, TEXT, found, rules, mentions, cues)
    kept = [c for c in claims if c.cue and c.cue.text == "believe"]
    assert kept and kept[0].method == "rules" and kept[0].source.text == "Police"
    # with only its source tagged it is still dropped (the shipped rule wants both)
    found["content"] = found["content"][:1]
    assert not any(c.cue and c.cue.text == "believe" for c in combine(doc, TEXT, found, rules, mentions, cues))
