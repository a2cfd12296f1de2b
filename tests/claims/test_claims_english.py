"""English claims: the founding article's claims, short sentences, and bad quotes."""

from __future__ import annotations

import time

import pytest


def _by_content(claims, phrase):
    found = [c for c in claims if c.content is not None and phrase in c.content.text]
    assert found, f"no claim whose content holds {phrase!r}"
    return found[0]


def test_founding_article_technical_advisors_claim(claims_of, seed_text):
    claim = _by_content(claims_of(seed_text), "jihadist “technical advisors”")
    assert claim.cue.text == "according to"
    assert claim.source.text == "sources from Mexican security and law enforcement agencies"
    assert claim.source_type == "anonymous"
    assert [(v["name"], v["type"]) for v in claim.via] == [("New York Post", "outlet")]
    assert claim.hedged and not claim.opinion
    assert "cited by" not in claim.content.text


def test_founding_article_almonte_claims(claims_of, seed_text):
    claims = claims_of(seed_text)
    philosophy = _by_content(claims, "adopted a philosophy")
    assert philosophy.source.text.startswith("Robert Almonte")
    assert philosophy.source_type == "named_person"
    assert philosophy.cue.text == "told"
    # "told the newspaper": the newspaper is the New York Post named earlier
    assert [(v["name"], v["type"]) for v in philosophy.via] == [("New York Post", "outlet")]
    terrorism = _by_content(claims, "consult with terrorists")
    assert terrorism.source.text == "Almonte" and terrorism.source_type == "named_person"
    assert "are acts of terrorism" in terrorism.content.text


def test_founding_article_hedge_and_opinions(claims_of, seed_text):
    claims = claims_of(seed_text)
    copying = _by_content(claims, "widely copying")
    assert copying.source is None and copying.source_type == "unattributed"
    assert copying.hedged and not copying.opinion and copying.cue.text == "appears"
    for phrase in ("could potentially escalate", "might be dreadful"):
        opinion = _by_content(claims, phrase)
        assert opinion.opinion and opinion.source_type == "unattributed"
    # the description of the devices is not a claim of anyone, nor an opinion
    assert not [c for c in claims if c.content and "metal pipes" in c.content.text]


@pytest.mark.parametrize(
    "sentence,source,cue,source_type,hedged",
    [
        ("The attack was planned for weeks, sources said.", "sources", "said", "anonymous", False),
        ("State security officials said the gunmen fled.", "State security officials", "said", "anonymous", False),
        ("Officials reportedly said the convoy was ambushed.", "Officials", "said", "anonymous", True),
        ("The attackers allegedly belonged to the cartel, police said.", "police", "said", "named_org", True),
        ("Police said the gunmen fled toward the mountains.", "Police", "said", "named_org", False),
        ("The governor told reporters that the army would stay in the town.", "The governor", "told", "named_person", False),
        ("According to Reuters, the group allegedly controls the port.", "Reuters", "According to", "outlet", True),
        ("The Post has learned that the mayor resigned.", "The Post", "has learned", "outlet", False),
        ("Officials told the Associated Press that the convoy might have been ambushed.", "Officials", "told", "anonymous", True),
        ("Maria Lopez, a local teacher, said she heard explosions all night.", "Maria Lopez, a local teacher", "said", "named_person", False),
    ],
)
def test_english_attribution(claims_of, sentence, source, cue, source_type, hedged):
    # the span model takes PolNeAR's cue convention, adverbs included ("reportedly said")
    claim = next(c for c in claims_of(sentence) if c.cue is not None and (c.cue.text == cue or c.cue.text.endswith(" " + cue)))
    # PolNeAR's sources keep an appositive's closing comma ("Maria Lopez, a local teacher,")
    assert claim.source.text.rstrip(",") == source
    assert claim.source_type == source_type
    assert claim.hedged is hedged


def test_quote_split_by_its_cue_is_one_claim(claims_of):
    text = "“We will not stop,” he said. “They will leave this town.”"
    claims = claims_of(text)
    assert len(claims) == 1
    assert claims[0].content.text == text.replace(" he said. ", " he said. ")[0 : len(text)]
    assert claims[0].source.text == "he" and claims[0].source_type == "named_person"


def test_dash_signature_and_transcript_lines(claims_of):
    claims = claims_of("“The town is afraid.” ― Ana Torres\n\nWALLACE: Will you accept the result?")
    signed = next(c for c in claims if c.cue.text == "―")
    assert signed.source.text == "Ana Torres" and signed.content.text == "“The town is afraid.”"
    spoken = next(c for c in claims if c.cue.text == ":")
    assert spoken.source.text == "WALLACE" and spoken.content.text == "Will you accept the result?"


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said “the town is safe and " + "nothing happened here. " * 40 + "\n\nSoldiers arrived in the town on Monday.",
        "He said “it is “nested” and ‘mixed\" quotes” today. Police said nothing.",
        "Officials said: “" + "word " * 2500 + "”. Soldiers arrived on Monday.",
        "“" * 50 + "said" + "”" * 50,
    ],
)
def test_bad_quotes_never_swallow_the_article(claims_of, text):
    started = time.perf_counter()
    claims = claims_of(text)
    assert time.perf_counter() - started < 10  # parse included; the claims stage alone takes ~1 s (test_bad_input)
    for claim in claims:
        for span in (claim.source, claim.cue, claim.content):
            if span is not None:
                assert text[span.start : span.end] == span.text
        if claim.content is not None:
            assert "Soldiers arrived" not in claim.content.text
            assert len(claim.content.text) <= 3100


@pytest.mark.parametrize(
    "text,lang,cue,outlet",
    [
        ("The governor said in an interview with CNN that the army would stay.", "en", "said", "CNN"),
        ("Officials told Reuters the convoy was ambushed.", "en", "told", "Reuters"),
        ("El alcalde dijo en entrevista con Milenio que la situación está controlada.", "es", "dijo", "Milenio"),
    ],
)
def test_outlet_that_carried_the_words_is_in_via(claims_of, text, lang, cue, outlet):
    claim = next(c for c in claims_of(text, lang) if c.cue and c.cue.text == cue)
    assert [(v["name"], v["type"]) for v in claim.via] == [(outlet, "outlet")]


def test_typewriter_quotes_continue_after_the_cue(claims_of):
    text = "''There is no evidence,'' Mr. Burman said. ''The real issue is governance.''"
    claims = claims_of(text)
    assert len(claims) == 1
    assert claims[0].content.text == text
    assert claims[0].source.text == "Mr. Burman"


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Residents called the police after the shooting.", "en"),
        ("Soldiers found the bodies of four men near the highway on Tuesday.", "en"),
        ("Un comando armado irrumpió en un bar y mató a seis personas.", "es"),
        ("Los soldados patrullaron la zona durante la noche y no hubo más enfrentamientos.", "es"),
    ],
)
def test_reported_events_are_not_claims(claims_of, text, lang):
    assert claims_of(text, lang) == []


def test_title_case_headline_attribution(claims_of):
    claims = claims_of("Mexican Army Says Cartel Used Drones in Attack on Town\n\nThe army gave no details.")
    claim = next(c for c in claims if c.cue is not None and c.cue.text == "Says")
    assert claim.source.text == "Mexican Army"
    assert claim.content.text == "Cartel Used Drones in Attack on Town"
