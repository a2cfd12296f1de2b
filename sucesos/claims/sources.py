"""Type a claim's source and find who relayed it (`via`).

source_type is one of CONTRACT's: named_person, named_org, anonymous,
outlet, unattributed. The decision reads the source's head word: an
anonymous head ("sources", "officials", "fuentes") names nobody even when an
organisation is attached ("sources from Mexican security agencies"); an
outlet is a known outlet name or an outlet noun ("the newspaper"); names go
by the entity label of the head (lexicon actors first, then the model's NER).
"""

from __future__ import annotations

from sucesos.claims.cues import CueLexicon
from sucesos.words import word_entries, words

PERSON_LABELS = {"PERSON", "PER"}
ORG_LABELS = {"ORG", "ARMED_GROUP", "STATE_FORCE", "GPE", "NORP", "MISC", "LOC", "FAC"}
PERSON_PRONOUNS = words("claims", "any", "person_pronouns")
ORG_PRONOUNS = words("claims", "any", "org_pronouns")
QUANTIFIERS = words("claims", "any", "quantifiers")
RELATIVE_PRONOUNS = words("claims", "any", "relative_pronouns")
ARTICLES = word_entries("claims", "any", "articles")


def _strip_article(name: str) -> str:
    lowered = name.lower().strip()
    for article in ARTICLES:
        if lowered.startswith(article):
            return lowered[len(article) :]
    return lowered


def _name_tokens(head) -> list:
    parts, stack = [head], [head]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ in {"compound", "flat", "flat:name"}:
                parts.append(child)
                stack.append(child)
    return parts


def _proper_part(head) -> str:
    """The head with its compound/flat name parts ("the New York Post" -> "New York Post")."""
    parts, stack = [head], [head]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ in {"compound", "flat", "flat:name"}:
                parts.append(child)
                stack.append(child)
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def noun_phrase_tokens(head) -> list:
    """The head's phrase without a leading preposition ('por El Universal' -> 'El Universal')."""
    tokens = sorted(head.subtree, key=lambda t: t.i)
    while tokens and (tokens[0].dep_ == "case" or tokens[0].pos_ == "ADP" or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens or [head]


def noun_phrase_text(head) -> str:
    tokens = noun_phrase_tokens(head)
    # a Span's text, not doc.text: Doc.text rebuilds the whole article on every call
    return head.doc[tokens[0].i : tokens[-1].i + 1].text


def outlet_name(head, cues: CueLexicon) -> str | None:
    """The outlet a noun phrase names, if it is one; the generic noun ("newspaper") returns ''."""
    if head is None:
        return None
    name = _proper_part(head)
    if _strip_article(name) in cues.outlets or name.lower() in cues.outlets:
        return name
    phrase = noun_phrase_text(head)
    if phrase.lower() in cues.outlets or _strip_article(phrase) in cues.outlets:
        return phrase
    for appos in head.children:  # "el diario Reforma", "the newspaper El Universal"
        if appos.dep_ in {"appos", "flat", "compound", "nmod"} and appos.pos_ == "PROPN":
            appos_name = _proper_part(appos)
            if appos_name.lower() in cues.outlets or head.lemma_.lower() in cues.outlet_heads:
                return appos_name
    if head.pos_ == "NOUN" and (head.lower_ in cues.outlet_heads or head.lemma_.lower() in cues.outlet_heads):
        return ""
    return None


_mention_index: tuple | None = None  # (an article's mentions, their Stab index): built once per article


def _mention_at(mentions, position: int):
    """The first mention (list order) holding `position`, looked up near it (a scan per source was quadratic)."""
    global _mention_index
    from sucesos.nlp.intervals import Stab

    cached = _mention_index  # one read: another thread may replace it meanwhile
    if cached is None or cached[0] is not mentions or cached[2] != len(mentions):
        cached = (mentions, Stab(mentions, lambda m: (m.start, m.end)), len(mentions))
        _mention_index = cached
    return cached[1].first_holding(position)


def _mention_label(head, mentions) -> str | None:
    mention = _mention_at(mentions, head.idx)
    if mention is not None:
        return mention.label
    if head.ent_type_:
        return head.ent_type_
    return None


def _has_named_appos(head, mentions) -> bool:
    """'the spokesman, Juan Pérez,': the anonymous-looking head has a name beside it."""
    for child in head.children:
        if child.dep_ == "appos" and _mention_label(child, mentions) in PERSON_LABELS:
            return True
    return False


def _is_known_person_name(head, mentions) -> bool:
    """'Almonte said' after 'Robert Almonte': a surname of a person named earlier."""
    if head.pos_ != "PROPN":
        return False
    for mention in mentions:
        if mention.label in PERSON_LABELS and mention.start < head.idx and head.text in mention.text.split():
            return True
    return False


def classify_source(head, mentions, cues: CueLexicon) -> str:
    """source_type for a source whose head word is `head` (None: unattributed)."""
    if head is None:
        return "unattributed"
    lower = head.lower_
    lemma = head.lemma_.lower()
    if head.pos_ == "PRON" or lower in RELATIVE_PRONOUNS:
        if lower in RELATIVE_PRONOUNS and head.head.i != head.i:
            antecedent = head.head.head if head.head.dep_ in {"relcl", "acl:relcl", "acl"} else None
            if antecedent is not None and antecedent.i != head.i:
                return classify_source(antecedent, mentions, cues)
        if lower in PERSON_PRONOUNS:
            return "named_person"
        if lower in ORG_PRONOUNS:
            return "named_org"
        return "anonymous"
    if outlet_name(head, cues) is not None:
        return "outlet"
    if any(c.dep_ in {"det", "amod", "nummod"} and c.lower_ in QUANTIFIERS for c in head.children):
        return "anonymous"  # "some Democrats", "varios funcionarios": nobody in particular
    label = _mention_label(head, mentions)
    if label not in PERSON_LABELS and any(t.ent_type_ in PERSON_LABELS for t in _name_tokens(head)):
        label = "PERSON"  # "Jean-Marc Ayrault": NER labelled a part of the name, not the head
    # a word like "sources"/"Investigadores" names nobody, whatever NER made of it at a sentence start
    if lower in cues.anonymous_heads or lemma in cues.anonymous_heads:
        if _has_named_appos(head, mentions):
            return "named_person"
        return "anonymous"
    if lower in cues.role_heads or lemma in cues.role_heads:
        plural = "Plur" in head.morph.get("Number")
        return "anonymous" if plural else "named_person"
    if label in PERSON_LABELS or _is_known_person_name(head, mentions):
        return "named_person"
    if label in ORG_LABELS:
        return "named_org"
    if head.pos_ == "PROPN":
        return "named_person" if any(t.ent_type_ in PERSON_LABELS for t in head.subtree) else "named_org"
    # a common noun with no name: "the group", "the study" (an organisation or its work);
    # plural or indefinite ("a witness", "una investigación"): nobody in particular
    indefinite = any(c.dep_ == "det" and c.lower_ in {"a", "an", "un", "una", "unos", "unas", "some", "algunos", "algunas"} for c in head.children)
    return "anonymous" if "Plur" in head.morph.get("Number") or indefinite else "named_org"


def resolve_outlet(name: str, position: int, known: list[tuple[int, str]]) -> str:
    """A generic outlet noun ("the newspaper") is the last named outlet before it."""
    if name:
        return name
    earlier = [outlet for start, outlet in known if start < position and outlet]
    return earlier[-1] if earlier else ""


OWN_OUTLET = words("claims", "any", "own_outlet")


def _interviewers(verb, cues: CueLexicon, taken: set[int]) -> list:
    """'said in an interview with CNN', 'told Fox News', 'dijo en entrevista con Milenio': the outlet that carried it."""
    if verb is None:
        return []
    found = []
    stack = [c for c in verb.children if c.dep_ in {"prep", "obl", "npadvmod", "dative"}]
    depth = 0
    while stack and depth < 6:
        depth += 1
        node = stack.pop()
        candidates = [node] + [c for c in node.children if c.dep_ in {"pobj", "obj", "nmod", "obl"}]
        for candidate in candidates:
            if candidate.i in taken or candidate.pos_ not in {"PROPN", "NOUN"}:
                continue
            if outlet_name(candidate, cues):  # named outlets only: "in a report" says nothing new
                found.append(candidate)
                taken.add(candidate.i)
            else:
                stack.extend(c for c in candidate.children if c.dep_ in {"prep", "nmod", "obl"} and c.i > candidate.i)
    return found


def via_chain(raw, mentions, cues: CueLexicon, known_outlets: list[tuple[int, str]], text: str) -> list[dict]:
    """Who relayed the source's words to the writer: "cited by the Post", "told the newspaper"."""
    chain: list[dict] = []
    relayers = list(raw.relay_heads)
    if raw.hearer_head is not None and outlet_name(raw.hearer_head, cues) is not None:
        relayers.append(raw.hearer_head)
    relayers.extend(_interviewers(raw.cue_head, cues, {h.i for h in relayers}))
    for head in relayers:
        if any(c.dep_ in {"det", "poss"} and c.lower_ in OWN_OUTLET for c in head.children):
            continue  # "told this newspaper", "dijo a este diario": the article's own outlet, the end of every chain
        tokens = noun_phrase_tokens(head)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        kind = classify_source(head, mentions, cues)
        name = outlet_name(head, cues)
        if kind == "outlet":
            name = resolve_outlet(name or "", start, known_outlets) or text[start:end]
        else:
            name = text[start:end]
        name = _strip_leading_article(name)
        if any(link["name"] == name for link in chain):
            continue  # "en entrevista con Milenio": the interview and the outlet are one relay
        chain.append({"name": name, "type": kind, "start": start, "end": end, "text": text[start:end]})
    return chain


def _strip_leading_article(name: str) -> str:
    for article in ("the ", "The "):
        if name.startswith(article):
            return name[len(article) :]
    return name
