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


def test_a_model_cue_with_no_content_takes_the_clause_it_reports_when_asked(parsed):
    text = "The senator warned that the bridge would close in May. Residents called the police.\nThe paper reports:\n\n“The road is shut.”"
    doc, rules, mentions, cues = parsed(text)
    found = {"cue": [_at(text, "warned"), _at(text, "called"), _at(text, "reports:")], "source": [], "content": []}
    dropped = combine(doc, text, found, [], mentions, cues, clause_fallback=False)
    assert not any(c.cue and c.cue.text in {"warned", "reports:"} for c in dropped)  # no content, no claim
    claims = combine(doc, text, found, [], mentions, cues, clause_fallback=True)
    by_cue = {c.cue.text: c for c in claims if c.cue}
    assert by_cue["warned"].content.text == "that the bridge would close in May"
    assert by_cue["reports:"].content.text == "“The road is shut.”"
    assert "called" not in by_cue  # "called the police": an object, no clause reported
    assert all(c.method == "model" for c in claims)


def test_a_confident_run_viterbi_left_out_becomes_a_cue():
    from sucesos.claims.spans import _confident_runs

    offsets = [(0, 3), (4, 9), (10, 15), (16, 20)]
    labels = ["O", "O", "B", "O"]
    # token 1 is likely inside a cue though Viterbi said O; token 2 is Viterbi's own cue (not repeated)
    assert _confident_runs(offsets, labels, [0.1, 0.6, 0.9, 0.2], 0.5) == [(4, 9)]
    assert _confident_runs(offsets, labels, [0.1, 0.6, 0.9, 0.2], 0.7) == []


def test_a_sourceless_rule_claim_stands_alone_only_as_the_writers_statement(parsed):
    text = "It was reported that the bridge collapsed. The rebels appear to have left the town."
    doc, rules, mentions, cues = parsed(text)
    reported = [c for c in rules if c.cue and c.cue.text == "was reported"]
    hedge = [c for c in rules if c.content and c.content.text.startswith("The rebels")]
    assert reported and reported[0].source is None and not reported[0].hedged
    assert hedge and hedge[0].hedged and hedge[0].source is None
    nothing = {"cue": [], "source": [], "content": []}
    kept = combine(doc, text, nothing, rules, mentions, cues, own="unattributed")
    assert any(c.cue and c.cue.text == "was reported" for c in kept)
    claims = combine(doc, text, nothing, rules, mentions, cues, own="statements")
    # the cue verb with no subject is an attribution like any other: the model saw no cue there
    assert not any(c.cue and c.cue.text == "was reported" for c in claims)
    # the writer's hedge stays whatever the model saw
    assert any(c.hedged and c.content and c.content.text.startswith("The rebels") for c in claims)
    seen = combine(doc, text, {"cue": [_at(text, "was reported")], "source": [], "content": []}, rules, mentions, cues,
                   own="statements")
    matched = [c for c in seen if c.cue and c.cue.text == "was reported"]
    assert matched and matched[0].method == "rules+model" and matched[0].content.text == "that the bridge collapsed"


def test_a_model_content_joining_two_claims_gives_way_to_each_claims_own(parsed):
    text = "State security officials said the attack began at noon. The suspect fired first, police said."
    doc, rules, mentions, cues = parsed(text)
    assert {c.content.text for c in rules if c.content} >= {"the attack began at noon", "The suspect fired first"}
    found = {"cue": [_at(text, "said"), _at(text, "said", 60)], "source": [_at(text, "State security officials"), _at(text, "police")],
             "content": [_at(text, "the attack began at noon. The suspect fired first")]}
    merged = combine(doc, text, found, rules, mentions, cues, split_merged=False)
    assert any(c.content and c.content.text.endswith("fired first") and c.content.text.startswith("the attack") for c in merged)
    claims = combine(doc, text, found, rules, mentions, cues, split_merged=True)
    contents = sorted(c.content.text for c in claims if c.content)
    assert contents == ["The suspect fired first", "the attack began at noon"]
