"""Find attributions in a parsed article: who said what, with which cue.

Three kinds, all from the dependency parse plus the cue lexicon:

- verb cues: a speech or belief verb ("said", "told", "dijo", "afirmó") whose
  subject is the source and whose clausal complement, adjacent quote, or (for
  some verbs) direct object is the content. A cue with no complement of its
  own ("X happened, sources said" parsed as parataxis, "según informó la
  Fiscalía") takes the clause it hangs from as content.
- preposition cues: "according to X", "según X", "de acuerdo con X": X is the
  source, the rest of the clause is the content.
- unattributed statements are not found here (see `hedges`).

Works on UD (Spanish model) and ClearNLP (English model) labels alike: the
label sets below hold both spellings. Every span is a pair of character
offsets into the article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sucesos.claims.cues import CueLexicon
from sucesos.claims.sentences import sentences
from sucesos.words import words

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "nsubj:pass", "csubjpass", "csubj:pass"}
AGENT_DEPS = {"agent", "obl:agent"}
CLAUSE_DEPS = {"ccomp", "xcomp", "parataxis:obj"}
OBJECT_DEPS = {"dobj", "obj"}
# a cue that hangs from another clause with these relations reports *that* clause
HANGING_DEPS = {"parataxis", "advcl", "ccomp", "conj", "dep", "ROOT", "root"}
QUOTE_CHARS = set("“”\"«»‘’„")
# a clause before an inverted cue ("X happened, sources said") parsed as one of these
INVERTED_CONTENT_DEPS = {"ccomp", "dep", "parataxis", "advcl", "xcomp", "csubj", "nsubj"}
# content never runs past this many characters from its cue's sentence
MAX_CONTENT_CHARS = 1500
REFLEXIVE_CLITICS = words("claims", "es", "reflexive_clitics")


@dataclass
class RawAttribution:
    """One attribution before its source is typed: character spans only."""

    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int] | None
    kind: str  # "verb" or "preposition"
    cue_lemma: str
    source_head: object = None  # spaCy Token: the source's head word
    hearer_head: object = None  # "told the newspaper": the newspaper
    relay_heads: list = field(default_factory=list)  # "cited by X": X
    sentence: tuple[int, int] | None = None
    cue_head: object = None  # the cue verb (spaCy Token), for verb cues


def _edges(tokens) -> tuple[int, int] | None:
    """Character span of tokens, trimmed of commas/dashes/periods at the edges (quotes kept)."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and tokens[0].is_punct and tokens[0].text not in QUOTE_CHARS:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in QUOTE_CHARS:
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _longest_run(tokens) -> list:
    """The longest run of consecutive token indexes (a contiguous span)."""
    ordered = sorted(tokens, key=lambda t: t.i)
    best: list = []
    run: list = []
    for token in ordered:
        if run and token.i != run[-1].i + 1:
            if len(run) > len(best):
                best = run
            run = []
        run.append(token)
    return run if len(run) > len(best) else best


def _cue_tokens(verb) -> list:
    """The cue: the verb with its auxiliaries, negation and particle ("has said", "pointed out")."""
    parts = [verb]
    for child in verb.children:
        if child.dep_ in {"aux", "auxpass", "aux:pass", "neg", "prt", "compound:prt"} and abs(child.i - verb.i) <= 3:
            parts.append(child)
    return parts


def _subject(verb):
    for child in verb.children:
        # a dash or quote mark parsed as a subject ("—dijo el gobernador—") is not one
        if child.dep_ in SUBJECT_DEPS and any(c.isalnum() for c in child.text):
            return child
    return None


def _agent(verb):
    for child in verb.children:
        if child.dep_ in AGENT_DEPS:
            objects = [c for c in child.children if c.dep_ in {"pobj", "obj"}]
            return objects[0] if objects else (child if child.pos_ != "ADP" else None)
        if child.dep_ == "obl" and any(c.dep_ == "case" and c.lower_ == "por" for c in child.children):
            if any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "aux:pass" for c in verb.children):
                return child
    return None


def _inherited_subject(verb):
    """'He smiled and said ...', 'X called for a ban, saying ...': the head verb's subject."""
    node = verb
    for _ in range(3):
        if node.dep_ not in {"conj", "advcl", "xcomp"} or node.head.i == node.i:
            return None
        node = node.head
        subject = _subject(node)
        if subject is not None:
            return subject
    return None


def _source_tokens(head, relays: set) -> list:
    """The source's words: its subtree, less any relay clause ("cited by X")."""
    excluded = set()
    for relay in relays:
        excluded.update(t.i for t in relay.subtree)
    return [t for t in head.subtree if t.i not in excluded]


def _relayer(participle):
    """'cited by X' / 'citadas por X': X."""
    agent = _agent(participle)
    if agent is not None:
        return agent
    for child in participle.children:
        if child.i > participle.i and any(c.dep_ == "case" and c.lower_ in {"por", "by"} for c in child.children):
            return child
    return None


def _relay_clauses(head, cues: CueLexicon) -> tuple[set, list]:
    """Clauses inside a source that relay it ("sources ... cited by the Post"): (clause tokens, relayer heads)."""
    clauses, relayers = set(), []
    for token in head.subtree:
        if (token.lemma_.lower() in cues.relay_verbs or token.lower_ in cues.relay_verbs) and token.dep_ in {"acl", "relcl", "amod"} and token.i > head.i:
            agent = _relayer(token)
            if agent is None:
                continue
            clauses.add(token)
            relayers.append(agent)
    return clauses, relayers


def _is_verbal(token) -> bool:
    if token.pos_ in {"VERB", "AUX"} or (token.pos_ == "ADJ" and token.dep_ in CLAUSE_DEPS):
        return True
    # "aseguró que la situación está bajo control": a copular clause headed by its predicate noun
    return token.dep_ in CLAUSE_DEPS and any(c.dep_ == "cop" for c in token.children)


def _quote_near(quotes, start: int, end: int, text: str, index=None) -> tuple[int, int] | None:
    """A quote that ends just before `start` (preferred: "“...,” he said") or begins just after `end`.

    `index`: the quotes' `Stab` index (the same answer, without reading every quote of the article).
    """
    if index is not None:
        for i in index.ending_in(start - 4, start):
            q_start, q_end = index.span(i)
            if all(not c.isalnum() for c in text[q_end:start]):
                return q_start, q_end
        for i in index.starting_in(end, end + 4):
            q_start, q_end = index.span(i)
            if all(not c.isalnum() and c != "\n" for c in text[end:q_start]):
                return q_start, q_end
        return None
    for q_start, q_end in quotes:
        if 0 <= start - q_end <= 4 and all(not c.isalnum() for c in text[q_end:start]):
            return q_start, q_end
    for q_start, q_end in quotes:
        if 0 <= q_start - end <= 4 and all(not c.isalnum() and c != "\n" for c in text[end:q_start]):
            return q_start, q_end
    return None


def _extend_with_quotes(span: tuple[int, int], quotes, cue: tuple[int, int]) -> tuple[int, int]:
    """Content that starts or ends inside a quote takes the whole quote (multi-sentence quotes)."""
    start, end = span
    for q_start, q_end in quotes:
        if q_start <= cue[0] < q_end:
            continue  # the cue itself is quoted: that quote is not this content
        if q_start < end and start < q_end:
            start, end = min(start, q_start), max(end, q_end)
    return start, end


def _clause_without(head, removed: set):
    """The head's clause minus the removed tokens, as its longest contiguous run."""
    tokens = [t for t in head.subtree if t.i not in removed]
    return _longest_run(tokens)


def _clip(span: tuple[int, int] | None, sentence: tuple[int, int]) -> tuple[int, int] | None:
    """The part of a span inside its sentence (parse subtrees can cross a line break)."""
    if span is None:
        return None
    start, end = max(span[0], sentence[0]), min(span[1], sentence[1])
    return (start, end) if end > start else None


def _cap(span: tuple[int, int] | None, sentence: tuple[int, int]) -> tuple[int, int] | None:
    """No content runs far beyond its own sentence: a bad quote must not swallow the article."""
    if span is None:
        return None
    start, end = span
    start = max(start, sentence[0] - MAX_CONTENT_CHARS)
    end = min(end, sentence[1] + MAX_CONTENT_CHARS)
    return (start, end) if end > start else None


def _reports_a_clause(verb) -> bool:
    """A verb outside the lexicon that still reports: a subject and a 'that'/'que' clause ('X warned that ...')."""
    if _subject(verb) is None or verb.pos_ != "VERB" or verb.lemma_.lower() in {"be", "ser", "estar", "have", "haber"}:
        return False
    for child in verb.children:
        if child.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ in {"that", "que"} for m in child.children):
            return True
    return False


ASIDE_DEPS = {"advcl", "relcl", "acl", "acl:relcl", "npadvmod", "appos"}


def _without_trailing_aside(tokens: list) -> list:
    """A content clause less a trailing aside after a comma (', contradicting ...', ', which ...',
    ', although ...'): the writer's addition, not the reported words. Quoted text is kept whole."""
    if not tokens or any(t.text in QUOTE_CHARS for t in tokens):
        return tokens
    ids = {t.i for t in tokens}
    ordered = sorted(tokens, key=lambda t: t.i)
    for token in ordered:
        if token.dep_ in ASIDE_DEPS and token.head.i in ids:
            aside = sorted(token.subtree, key=lambda t: t.i)
            start = aside[0].i
            if aside[-1].i == ordered[-1].i and start - 1 in ids and token.doc[start - 1].text == ",":
                cut = [t for t in ordered if t.i < start - 1]
                if len(cut) >= 3:
                    return cut
    return tokens


def _clause_in_oblique(verb) -> list | None:
    """'informó en un comunicado que aseguró ...': the that-clause the parse hung on the oblique noun."""
    for child in verb.children:
        if child.dep_ not in {"obl", "prep", "nmod"} or child.i < verb.i:
            continue
        nouns = [child] + [c for c in child.children if c.dep_ == "pobj"]
        for noun in nouns:
            for clause in noun.children:
                if clause.dep_ in {"acl", "relcl", "acl:relcl", "ccomp"} and clause.i > noun.i:
                    first = min(clause.subtree, key=lambda t: t.i)
                    if first.lower_ in {"que", "that"}:
                        return list(clause.subtree)
    return None


def _to_sentence_end(span: tuple[int, int], sent, cues: CueLexicon) -> tuple[int, int]:
    """'Almonte said it isn't a surprise ... since what they are committing “are acts of terrorism”.':
    words the parse hung elsewhere still belong to a content that runs to the sentence's end,
    unless another cue starts there ("..., adding that ...")."""
    rest = [t for t in sent if t.idx >= span[1]]
    words = [t for t in rest if not t.is_punct]
    if not words or len(words) > 25:
        return span
    if any(t.lemma_.lower() in cues.cue_verbs and t.pos_ in {"VERB", "AUX"} for t in words):
        return span
    if rest[0].text in {",", ";", ":", "—", "–", "(", "-"}:
        return span  # a separate phrase after a pause, not a cut-off complement
    tail = _edges(rest)
    return (span[0], tail[1]) if tail else span


TOPIC_PREPOSITIONS = words("claims", "any", "topic_prepositions")


def _has_topic(verb) -> bool:
    """'called for a ban', 'llamó a la calma': a naming verb used for speech."""
    return any(c.dep_ in {"prep", "obl"} and c.i == verb.i + 1 and c.lower_ in {"for", "on"} for c in verb.children) or any(
        c.dep_ in {"obl", "obj"} and any(g.dep_ == "case" and g.lower_ == "a" for g in c.children) for c in verb.children
    )


def _object_content(verb) -> tuple[int, int] | None:
    """'denied the charges', 'called the senator a liar', 'asked him about his taxes', 'accused X of Y'.

    The object with its predicate, and a topic phrase after it; when the
    object is only the hearer (a pronoun), the topic alone.
    """
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS or c.dep_ == "oprd"]
    # "se ha atribuido el ataque": the reflexive clitic is no content
    clitics = [c for c in objects if c.pos_ == "PRON" and c.lower_ in REFLEXIVE_CLITICS]
    objects = [c for c in objects if c not in clitics]
    if clitics and not objects:
        # the parser reads the object of "se ha adjudicado la agresión" as a second subject
        objects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i > verb.i and c.pos_ in {"NOUN", "PROPN"}]
    topics = [
        c
        for c in verb.children
        if c.dep_ in {"prep", "obl"} and c.i > verb.i and (c.lower_ in TOPIC_PREPOSITIONS or any(g.dep_ == "case" and g.lower_ in TOPIC_PREPOSITIONS for g in c.children))
    ]
    if objects and topics and all(o.pos_ == "PRON" for o in objects):
        objects = []
    parts = objects + [t for t in topics if not objects or t.i > max(o.i for o in objects)]
    if parts:
        return _edges([t for c in parts for t in c.subtree if not (c in topics and t.i == c.i and c.dep_ == "prep")])
    for child in verb.children:
        if child.dep_ == "prep" and child.i == verb.i + 1:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _edges(list(objects[0].subtree))
    return None


def _quote_around(span: tuple[int, int], quotes, cue_start: int, cue_end: int, text: str) -> tuple[int, int]:
    """'“A,” he told the host, “B.”': a quote on the cue's other side joins the one that is the content."""
    start, end = span
    for q_start, q_end in quotes:
        before = 0 <= cue_start - q_end <= 60 and q_end <= cue_start
        after = 0 <= q_start - cue_end <= 4 and q_start >= cue_end
        if before and (start >= cue_end) and not any(c.isalnum() for c in text[q_end:q_end + 3]):
            # "“A,” he said, “B”": only a comma/space between quote and the speaker
            start = min(start, q_start)
        elif after and end <= cue_start and all(not c.isalnum() and c != "\n" for c in text[cue_end:q_start]):
            end = max(end, q_end)
    return start, end


def verb_attributions(doc, cues: CueLexicon, quotes: list[tuple[int, int]], text: str) -> list[RawAttribution]:
    from sucesos.nlp.intervals import Stab

    found: list[RawAttribution] = []
    quote_index = Stab(quotes, lambda q: q)  # per-verb look-ups near the verb, not a scan of every quote
    for sent in sentences(doc):
        sentence = (sent.start_char, sent.end_char)
        for verb in sent:
            lemma = verb.lemma_.lower()
            if not _is_verbal(verb) or (lemma not in cues.cue_verbs and not _reports_a_clause(verb)):
                continue
            if any(q_start < verb.idx < q_end - 1 for q_start, q_end in map(quote_index.span, quote_index.holding(verb.idx))):
                continue  # speech inside a quote is the quoted speaker's, not a report
            if verb.dep_ in {"amod", "acl", "relcl"} and lemma in cues.relay_verbs and _relayer(verb) is not None:
                continue  # "sources cited by the Post": a relay inside a source, handled there
            passive = any(c.dep_ in {"auxpass", "aux:pass"} for c in verb.children)
            source_head = _agent(verb) if passive else _subject(verb)
            if source_head is None and not passive:
                source_head = _inherited_subject(verb)
            cue_tokens = _cue_tokens(verb)
            cue = _edges(cue_tokens)
            if cue is None:
                continue
            # -- content
            content_tokens = None
            hearer = None
            for child in verb.children:
                if child.dep_ in CLAUSE_DEPS and _is_verbal(child):
                    content_tokens = list(child.subtree)
                    break
                if child.dep_ == "xcomp" and lemma in cues.speech_verbs:
                    content_tokens = list(child.subtree)
                    break
            objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS or c.dep_ in {"dative", "iobj"}]
            if content_tokens is not None:
                # "told the newspaper (that) ...": the object is the hearer
                hearer = next((o for o in objects), None)
            if hearer is None:
                for child in verb.children:
                    if child.dep_ in {"obl", "iobj"} and any(c.dep_ == "case" and c.lower_ == "a" for c in child.children):
                        hearer = child
                        break
            if content_tokens is None:
                content_tokens = _clause_in_oblique(verb)
            if source_head is None and content_tokens and content_tokens[0].i < verb.i:
                # "X happened, reveló una investigación": a subject after the verb, parsed as its object
                source_head = next((c for c in verb.children if c.dep_ in OBJECT_DEPS and c.i > verb.i and c.pos_ in {"NOUN", "PROPN"}), None)
            if content_tokens:
                content_tokens = _without_trailing_aside(content_tokens)
            span = _edges(content_tokens) if content_tokens else None
            quoted = False
            if span is not None and content_tokens[0].i > verb.i:
                span = _to_sentence_end(span, sent, cues)
            if span is None:
                clause_start, clause_end = cue
                if source_head is not None:
                    clause_start = min(clause_start, min(t.idx for t in source_head.subtree))
                    clause_end = max(clause_end, max(t.idx + len(t) for t in source_head.subtree))
                quote = _quote_near(quotes, clause_start, clause_end, text, quote_index) or _quote_near(quotes, cue[0], cue[1], text, quote_index)
                if quote is not None:
                    span = quote
                    quoted = True  # the splitter may have cut "“...?” Clinton said." in two
            if span is None and lemma in cues.object_content:
                if lemma not in cues.naming_verbs or any(c.dep_ in {"oprd", "xcomp"} for c in verb.children) or _has_topic(verb):
                    span = _object_content(verb)
            if span is None and verb.dep_ in HANGING_DEPS and verb.head.i != verb.i and verb.dep_ != "ccomp":
                # "X happened, sources said" / "según informó la Fiscalía": the head clause
                removed = {t.i for t in verb.subtree}
                run = _clause_without(verb.head, removed)
                span = _edges(run) if run else None
            if span is None and verb.dep_ in {"ROOT", "root"} and source_head is not None:
                # "X happened, sources said" with the clause parsed as another dependent
                before = [c for c in verb.children if c.i < source_head.i and c.i < verb.i and c.dep_ in INVERTED_CONTENT_DEPS and _is_verbal(c)]
                if before:
                    span = _edges([t for c in before for t in c.subtree])
            if span is None:
                continue
            if source_head is None and span[1] <= verb.idx:
                # "“Llegaron disparando”, contó una vecina": the speaker after the verb, parsed as its object
                source_head = next((c for c in verb.children if c.dep_ in OBJECT_DEPS | {"nsubj"} and c.i > verb.i and c.pos_ in {"NOUN", "PROPN"}), None)
            if lemma in cues.belief_verbs and lemma not in cues.object_content and content_tokens is None:
                continue  # "he knows the area": a belief needs a clause
            if not quoted:
                span = _clip(span, sentence)
            if span is None:
                continue
            span = _extend_with_quotes(span, quotes, cue)
            if quote_index.first_holding(span[0]) is not None:
                clause_start = min([cue[0]] + ([min(t.idx for t in source_head.subtree)] if source_head is not None else []))
                clause_end = max([cue[1]] + ([max(t.idx + len(t) for t in source_head.subtree)] if source_head is not None else []))
                span = _quote_around(span, quotes, clause_start, clause_end, text)
            span = _cap(span, sentence)
            if span is None or (span[0] <= cue[0] and cue[1] <= span[1] and content_tokens is None and verb.dep_ not in HANGING_DEPS):
                continue
            relays: set = set()
            relayers: list = []
            source = None
            if source_head is not None:
                more_relays, relayers = _relay_clauses(source_head, cues)
                for child in source_head.children:
                    if child.i > source_head.i and child.dep_ in {"nmod", "obl"} and any(g.dep_ == "case" and g.lower_ in {"a", "al"} for g in child.children):
                        # "contó una vecina a este diario": the hearer hangs on the post-verbal speaker
                        more_relays = more_relays | {child}
                        hearer = hearer if hearer is not None else child
                source = _clip(_edges(_source_tokens(source_head, relays | more_relays)), sentence)
            found.append(
                RawAttribution(
                    cue=cue,
                    source=source,
                    content=span,
                    kind="verb",
                    cue_lemma=lemma,
                    source_head=source_head,
                    hearer_head=hearer,
                    relay_heads=relayers,
                    sentence=sentence,
                    cue_head=verb,
                )
            )
    return found


def _match_preposition(sent, start: int, phrase: tuple[str, ...]) -> bool:
    if start + len(phrase) > sent.end:
        return False
    return all(sent.doc[start + k].lower_ == word for k, word in enumerate(phrase))


def _preposition_object(doc, first, last):
    """The noun a multiword preposition introduces: a child of its last word, or the noun it is the case of."""
    for child in last.children:
        if child.dep_ in {"pobj", "obj", "nmod"} and child.i > last.i:
            return child
    for token in (first, last):
        if token.dep_ in {"case", "mark", "fixed"} and token.head.i > last.i:
            return token.head
    # parse gave nothing: the next noun after the phrase
    for token in doc[last.i + 1 : min(len(doc), last.i + 8)]:
        if token.pos_ in {"NOUN", "PROPN", "PRON"}:
            head = token
            while head.head.i > last.i and head.head.i != head.i and head.head.pos_ in {"NOUN", "PROPN"} and head.dep_ in {"compound", "flat", "amod", "nmod"}:
                head = head.head
            return head
    return None


def preposition_attributions(doc, cues: CueLexicon, quotes: list[tuple[int, int]]) -> list[RawAttribution]:
    found: list[RawAttribution] = []
    for sent in sentences(doc):
        sentence = (sent.start_char, sent.end_char)
        index = sent.start
        while index < sent.end:
            first_word = doc[index].lower_
            phrase = next((p for p in cues.prepositions if p[0] == first_word and _match_preposition(sent, index, p)), None)
            if phrase is None:
                index += 1
                continue
            first, last = doc[index], doc[index + len(phrase) - 1]
            index += len(phrase)
            nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ in {"VERB", "AUX"} and nxt.lemma_.lower() in cues.cue_verbs:
                continue  # "según informó la Fiscalía": the verb cue covers it
            source_head = _preposition_object(doc, first, last)
            if source_head is None:
                continue
            relays, relayers = _relay_clauses(source_head, cues)
            source_tokens = [t for t in _source_tokens(source_head, relays) if t.i > last.i]
            source = _edges(source_tokens)
            if source is None:
                continue
            phrase_tokens = {t.i for t in doc[first.i : last.i + 1]}
            removed = phrase_tokens | {t.i for t in source_head.subtree if t.i > last.i}
            rest = [t for t in sent if t.i not in removed]
            run = _longest_run(rest)
            content = _edges(run) if run else None
            if content is None:
                continue
            cue = (first.idx, last.idx + len(last.text))
            content = _clip(content, sentence)
            if content is None:
                continue
            content = _cap(_extend_with_quotes(content, quotes, cue), sentence)
            found.append(
                RawAttribution(
                    cue=cue,
                    source=source,
                    content=content,
                    kind="preposition",
                    cue_lemma=" ".join(phrase),
                    source_head=source_head,
                    relay_heads=relayers,
                    sentence=sentence,
                )
            )
    return found


NAME = r"[A-ZÁÉÍÓÚÑ][\w.'’-]*(?:\s[A-ZÁÉÍÓÚÑ][\w.'’-]*){0,4}"
DASH_SIGNATURE = re.compile(r"[ \t]*(―|—|–|--)[ \t]*(" + NAME + ")")
SPEAKER_LINE = re.compile(r"^[\"“'‘(\s]{0,3}(" + NAME + r"):[ \t]+(\S[^\n]*)$", re.MULTILINE)


def _token_at(doc, position: int):
    span = doc.char_span(position, position + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _name_head(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def punctuation_attributions(doc, cues: CueLexicon, quotes: list[tuple[int, int]], text: str) -> list[RawAttribution]:
    """Attributions marked by punctuation only: '“...” ― Name' and transcript lines 'NAME: ...'."""
    found: list[RawAttribution] = []
    for q_start, q_end in quotes:
        match = DASH_SIGNATURE.match(text, q_end)
        if match is None:
            continue
        name_start, name_end = match.span(2)
        head = _name_head(doc, name_start, name_end)
        if head is None or head.pos_ not in {"PROPN", "NOUN"}:
            continue
        found.append(
            RawAttribution(
                cue=match.span(1),
                source=(name_start, name_end),
                content=(q_start, q_end),
                kind="punctuation",
                cue_lemma=match.group(1),
                source_head=head,
            )
        )
    for match in SPEAKER_LINE.finditer(text):
        name = match.group(1)
        if name.lower() in cues.not_speakers or len(name) < 2:
            continue
        name_start, name_end = match.span(1)
        head = _name_head(doc, name_start, name_end)
        if head is None:
            continue
        is_named = head.ent_type_ in {"PERSON", "PER", "ORG", "ARMED_GROUP", "STATE_FORCE"} or (name.isupper() and len(name) > 2)
        if not is_named:
            continue
        content_start, content_end = match.span(2)
        found.append(
            RawAttribution(
                cue=(name_end, name_end + 1),
                source=(name_start, name_end),
                content=(content_start, min(content_end, content_start + MAX_CONTENT_CHARS)),
                kind="punctuation",
                cue_lemma=":",
                source_head=head,
            )
        )
    return found


def continue_quotes(raws: list[RawAttribution], quotes: list[tuple[int, int]], text: str) -> None:
    """'“A,” he said. “B.”': the quote after the cue's sentence is the same speaker's.

    Extends (in place) a quoted content with the quotes that follow its cue's
    sentence in the same paragraph, unless another attribution claims them.
    """
    claimed = [r.content for r in raws if r.content] + [r.cue for r in raws]
    for raw in raws:
        if raw.kind != "verb" or raw.content is None or raw.sentence is None:
            continue
        if raw.cue[0] < raw.content[1] - 1:
            continue  # only content the cue follows: "“A,” he said. “B.”", "A, Schiff said. “B.”"
        if raw.sentence[1] - raw.cue[1] > 40:
            continue  # the cue's sentence goes on: what follows is not this speaker's quote
        end = raw.content[1]
        cursor = raw.sentence[1]
        for q_start, q_end in quotes:
            if q_start < cursor:
                continue
            gap = text[cursor:q_start]
            if gap.strip() or "\n" in gap or len(gap) > 3:
                break
            if any(other is not raw.content and other[0] < q_end and q_start < other[1] for other in claimed if other != raw.content and other != raw.cue):
                break
            end, cursor = q_end, q_end
        if end > raw.content[1]:
            raw.content = (raw.content[0], min(end, raw.content[0] + 2 * MAX_CONTENT_CHARS))


def _is_headline(piece) -> bool:
    """A title-case line: most of its words capitalised (the parse of these is unreliable)."""
    words = [t for t in piece if t.is_alpha]
    if len(words) < 4:
        return False
    capitalised = sum(1 for t in words if t.is_title or t.is_upper)
    return capitalised / len(words) >= 0.6


def headline_attributions(doc, cues: CueLexicon, covered: list[tuple[int, int]]) -> list[RawAttribution]:
    """'Mexican Army Says Cartel Used Drones', 'Clinton Hid Illness, Former Doctor Says'."""
    found: list[RawAttribution] = []
    for piece in sentences(doc):
        if not _is_headline(piece) or any(s < piece.end_char and piece.start_char < e for s, e in covered):
            continue
        tokens = [t for t in piece if not t.is_space]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        for k, token in enumerate(tokens):
            if token.lower_ not in cues.headline_verbs or k == 0:
                continue
            if k == len(tokens) - 1:
                commas = [j for j in range(k) if tokens[j].text == ","]
                if not commas:
                    break
                source_tokens, content_tokens = tokens[commas[-1] + 1 : k], tokens[: commas[-1]]
            else:
                source_tokens, content_tokens = tokens[:k], tokens[k + 1 :]
            source, content = _edges(source_tokens), _edges(content_tokens)
            if source is None or content is None or len(source_tokens) > 8:
                break
            found.append(
                RawAttribution(
                    cue=(token.idx, token.idx + len(token.text)),
                    source=source,
                    content=content,
                    kind="headline",
                    cue_lemma=token.lower_,
                    source_head=source_tokens[-1],
                    sentence=(piece.start_char, piece.end_char),
                )
            )
            break
    return found
