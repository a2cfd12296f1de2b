"""Relations of the actor network, each with the sentence it rests on.

A relation is read from one sentence: a cue phrase from
`sucesos/data/relations_cues.yaml` between two actor mentions ("the Jalisco
cartel is at war with the United Cartels"), or after a group and before its
members ("the United Cartels, an alliance of Los Viagras, Cartel de
Tepalcatepec ..."). It is never inferred from the lexicon's background
knowledge: each one carries its evidence.

What the sentence is, decides how sure it is: a relation inside a claim's
content points at that claim (`claim`), and is hedged when the claim is
(hedged wording or an anonymous source); a hedge in the sentence itself
("presuntamente", "allegedly") hedges it too; a sentence that is the
writer's opinion gives no relation; a negated cue ("is not allied with")
gives none.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from sucesos.claims.cues import CueLexicon
from sucesos.claims.hedges import hedge_tokens
from sucesos.claims.sentences import sentences
from sucesos.errors import ConfigError
from sucesos.model import Claim, Mention, Relation, Span
from sucesos.words import words

ROLES = ("forward", "backward", "members", "between")
NEGATIONS = words("claims", "any", "negations")
# generic actors ("gunmen", "civilians") are not nodes of the network
MAX_GAP_TOKENS = 8  # words between a cue and the actor before it that is its subject (parse failing)
MAX_OBJECT_GAP = 4  # words between a cue and its object ("at war with the powerful United Cartels")
LIST_JOINERS = words("claims", "any", "list_joiners")


@dataclass(frozen=True)
class RelationCue:
    predicate: str
    role: str
    words: tuple[str, ...]


def load_relation_cues(path: Path | str | None = None) -> dict[str, list[RelationCue]]:
    """Relation cues by language, longest phrases first."""
    if path is None:
        text = resources.files("sucesos.data").joinpath("relations_cues.yaml").read_text(encoding="utf-8")
        origin = "sucesos/data/relations_cues.yaml"
    else:
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"relation cue file not found: {path}")
        text, origin = path.read_text(encoding="utf-8"), str(path)
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"relation cues {origin} are not valid YAML: {exc}") from exc
    by_lang: dict[str, list[RelationCue]] = {}
    for lang, predicates in data.items():
        cues: list[RelationCue] = []
        for predicate, roles in (predicates or {}).items():
            for role, phrases in (roles or {}).items():
                if role not in ROLES:
                    raise ConfigError(f"relation cues {origin}: {lang}.{predicate}: unknown role {role!r}; one of {ROLES}")
                for phrase in phrases or []:
                    cues.append(RelationCue(predicate, role, tuple(phrase.lower().split())))
        by_lang[lang] = sorted(cues, key=lambda c: len(c.words), reverse=True)
    return by_lang


# Spanish contracts a+el and de+el: a cue written with "a"/"de" also matches "al"/"del"
CONTRACTIONS = {"a": {"a", "al"}, "de": {"de", "del"}}


def _word_matches(token, word: str) -> bool:
    if word.endswith("*"):
        return token.lower_.startswith(word[:-1])
    return token.lower_ in CONTRACTIONS.get(word, {word})


def _index_cues(cues: list[RelationCue]) -> tuple[dict[str, list[RelationCue]], list[RelationCue]]:
    """Cues by first word (contractions included), and the cues whose first word is a prefix ("employ*")."""
    by_word: dict[str, list[RelationCue]] = {}
    prefixed: list[RelationCue] = []
    for cue in cues:
        head = cue.words[0]
        if head.endswith("*"):
            prefixed.append(cue)
            continue
        for form in CONTRACTIONS.get(head, {head}):
            by_word.setdefault(form, []).append(cue)
    return by_word, prefixed


def _cue_at(tokens, index: int, indexed) -> RelationCue | None:
    by_word, prefixed = indexed
    first = tokens[index].lower_
    candidates = by_word.get(first, []) + [c for c in prefixed if first.startswith(c.words[0][:-1])]
    for cue in sorted(candidates, key=lambda c: len(c.words), reverse=True):
        end = index + len(cue.words)
        if end <= len(tokens) and all(_word_matches(tokens[index + k], w) for k, w in enumerate(cue.words)):
            return cue
    return None


def _actor_name(mention: Mention) -> str:
    return mention.canonical or mention.text


def _network_mentions(mentions: list[Mention], lexicon) -> list[Mention]:
    """Mentions that can be nodes: named actors, not generic ones ('gunmen') nor bare NER noise."""
    keep = []
    for mention in mentions:
        actor = lexicon.get(mention.actor_id) if lexicon is not None else None
        if actor is not None and actor.generic:
            continue
        if mention.actor_id is None and mention.label not in {"PERSON", "ARMED_GROUP", "STATE_FORCE", "ORG"}:
            continue
        if not any(c.isupper() for c in mention.text):
            continue  # "soldiers", "policías": a common noun, which force it is depends on the story
        keep.append(mention)
    return keep


def _is_known(mention: Mention) -> bool:
    """An actor of the network's domain: in the lexicon, or labelled an armed group or state force."""
    return mention.actor_id is not None or mention.label in {"ARMED_GROUP", "STATE_FORCE"}


def _mention_of(token, sent_mentions: list[Mention]) -> Mention | None:
    for mention in sent_mentions:
        if mention.start <= token.idx < mention.end:
            return mention
    return None


def _syntactic_subject(cue_tokens, sent_mentions: list[Mention]) -> Mention | None:
    """The cue's subject by the parse: 'Los Viagras, aliados del ..., se enfrentaron al CJNG' -> Los Viagras.

    The cue's head word's subject, or the noun the cue describes ("United
    Cartels, an alliance of ...": the alliance is in apposition to it).
    """
    span_ids = {t.i for t in cue_tokens}
    heads = [t for t in cue_tokens if t.head.i not in span_ids or t.head.i == t.i]
    for head in heads:
        node = head
        for _ in range(3):
            for child in node.children:
                if child.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"}:
                    found = _mention_of(child, sent_mentions)
                    if found is None:
                        found = next((m for t in child.subtree if (m := _mention_of(t, sent_mentions))), None)
                    if found is not None:
                        return found
            if node.dep_ in {"appos", "acl", "amod", "nmod", "relcl", "acl:relcl"}:
                found = _mention_of(node.head, sent_mentions)
                if found is not None:
                    return found
            if node.dep_ in {"xcomp", "conj", "attr", "acomp", "obj", "dobj", "ccomp"} and node.head.i != node.i:
                node = node.head  # "X is the leader of", "X has joined forces": climb to the verb
                continue
            break
    return None


def _negated(tokens, index: int) -> bool:
    return any(t.lower_ in NEGATIONS for t in tokens[max(0, index - 3) : index])


def _list_after(sent_mentions: list[Mention], tokens, start_token: int, text: str) -> list[Mention]:
    """Mentions listed after a cue ("an alliance of A, B, and other gangs"): while only joiners separate them."""
    listed: list[Mention] = []
    cursor = tokens[start_token].idx if start_token < len(tokens) else None
    if cursor is None:
        return listed
    for mention in sent_mentions:
        if mention.start < cursor:
            continue
        between = text[cursor : mention.start]
        words = [w for w in between.replace(",", " , ").replace("(", " ( ").replace(")", " ) ").split()]
        if listed and any(w.lower() not in LIST_JOINERS for w in words):
            break
        if not listed and len(words) > 3:
            break
        listed.append(mention)
        cursor = mention.end
    return listed


def _noun_phrase_after(tokens, index: int):
    """The object noun phrase of a verb cue ('employing jihadist “technical advisors” ...')."""
    verb = tokens[index]
    for child in verb.children:
        if child.dep_ in {"dobj", "obj"}:
            subtree = sorted(child.subtree, key=lambda t: t.i)
            while subtree and (subtree[-1].is_punct and subtree[-1].text not in "”\"»"):
                subtree = subtree[:-1]
            if subtree:
                return subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)
    return None


def _containing_claim(claims: list[Claim], start: int, end: int) -> int | None:
    for index, claim in enumerate(claims):
        if claim.content is not None and claim.content.start <= start and end <= claim.content.end:
            return index
    return None


def find_relations(
    doc,
    mentions: list[Mention],
    claims: list[Claim],
    relation_cues: list[RelationCue],
    cue_lexicon: CueLexicon | None,
    lexicon=None,
    text: str | None = None,
) -> list[Relation]:
    text = doc.text if text is None else text
    indexed = _index_cues(relation_cues)
    nodes = _network_mentions(mentions, lexicon)
    found: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()

    def add(subject_mention: Mention, predicate: str, obj_mention, sent, cue_start: int, cue_end: int, hedged_here: bool) -> None:
        """obj_mention: a Mention, or the text of a noun phrase (employs)."""
        known_object = isinstance(obj_mention, Mention) and _is_known(obj_mention)
        if not (_is_known(subject_mention) or known_object):
            return  # two people or two organisations outside the domain: not this network
        subject = _actor_name(subject_mention)
        obj = _actor_name(obj_mention) if isinstance(obj_mention, Mention) else obj_mention
        if subject == obj:
            return
        key = (subject, predicate, obj)
        if predicate in {"at_war_with", "allied_with"}:
            key = (min(subject, obj), predicate, max(subject, obj))
        if key in seen:
            return
        claim_index = _containing_claim(claims, cue_start, cue_end)
        claim = claims[claim_index] if claim_index is not None else None
        if claim is not None and claim.opinion:
            return  # the writer's opinion is not evidence of a relation
        seen.add(key)
        hedged = hedged_here or (claim is not None and (claim.hedged or claim.source_type == "anonymous"))
        found.append(
            Relation(
                subject=subject,
                predicate=predicate,
                object=obj,
                evidence=Span.of(text, sent.start_char, sent.end_char),
                claim=claim_index,
                hedged=hedged,
            )
        )

    from sucesos.nlp.intervals import Within

    node_spans = Within(nodes, lambda m: (m.start, m.end))  # sorted once: a scan per sentence was quadratic
    for sent in sentences(doc):
        tokens = list(sent)
        sent_mentions = node_spans.inside(sent.start_char, sent.end_char)
        if not sent_mentions:
            continue
        hedged_here = bool(cue_lexicon and hedge_tokens(tokens, cue_lexicon))
        index = 0
        while index < len(tokens):
            cue = _cue_at(tokens, index, indexed)
            if cue is None:
                index += 1
                continue
            cue_start = tokens[index].idx
            last = tokens[index + len(cue.words) - 1]
            cue_end = last.idx + len(last.text)
            after = index + len(cue.words)
            index = after
            if _negated(tokens, index - len(cue.words)):
                continue
            left = [m for m in sent_mentions if m.end <= cue_start]
            right = [m for m in sent_mentions if m.start >= cue_end]
            near_left = left[-1] if left and _adjacent(text, left[-1].end, cue_start, MAX_GAP_TOKENS) else None
            if cue.role in {"forward", "members"}:
                subject = _syntactic_subject(tokens[after - len(cue.words) : after], sent_mentions)
                if subject is not None and subject.end <= cue_start:
                    near_left = subject
            # the object is the phrase right after the cue, not any actor later in the sentence
            near_right = right[0] if right and _object_follows(doc, cue_end, right[0].start) else None
            if cue.role == "members" and near_left is not None:
                for member in _list_after(sent_mentions, tokens, after, text):
                    add(member, "member_of", near_left, sent, cue_start, cue_end, hedged_here)
            elif cue.role == "between":
                pair = _list_after(sent_mentions, tokens, after, text)[:2]
                if len(pair) == 2:
                    add(pair[0], cue.predicate, pair[1], sent, cue_start, cue_end, hedged_here)
            elif cue.role == "backward" and near_left is not None and near_right is not None:
                add(near_right, cue.predicate, near_left, sent, cue_start, cue_end, hedged_here)
            elif cue.role == "forward" and near_left is not None:
                if near_right is not None:
                    add(near_left, cue.predicate, near_right, sent, cue_start, cue_end, hedged_here)
                elif cue.predicate == "employs":
                    phrase = _noun_phrase_after(tokens, after - len(cue.words))
                    if phrase is not None:
                        add(near_left, "employs", text[phrase[0] : phrase[1]], sent, cue_start, cue_end, hedged_here)
    return found


OBJECT_FILLERS = {"DET", "ADJ", "ADV", "NUM", "AUX", "PART"}


def _object_follows(doc, cue_end: int, mention_start: int) -> bool:
    """Only determiners, adjectives, adverbs or quote marks between a cue and its object
    ("led by “El Mencho”", "at war with the powerful United Cartels"), never another noun
    ("founded by deserters from the Mexican Army")."""
    if mention_start <= cue_end:
        return True
    between = doc.char_span(cue_end, mention_start, alignment_mode="expand")
    if between is None:
        return False
    words = [t for t in between if not t.is_space]
    if len(words) > MAX_OBJECT_GAP:
        return False
    # a partitive before the actor still names it: "officers of the Municipal Police", "elementos de la Marina"
    partitive = [k for k, t in enumerate(words) if t.lower_ in {"of", "de", "del"}]
    if partitive:
        k = partitive[-1]
        if k > 0 and words[k - 1].pos_ == "NOUN":
            words = words[: k - 1] + words[k + 1 :]
    return all(t.pos_ in OBJECT_FILLERS or t.text in "“”\"«»‘’'" for t in words)


def _adjacent(text: str, start: int, end: int, max_words: int) -> bool:
    """At most `max_words` words and no clause punctuation between two offsets."""
    between = text[start:end] if end > start else ""
    # commas allowed: "the United Cartels (Carteles Unidos), an alliance of" is one appositive
    return len(between.split()) <= max_words and not any(mark in between for mark in (";", ".", ":"))


def _gap(text: str, start: int, end: int) -> int:
    """Words between two character offsets."""
    if end <= start:
        return 0
    return len(text[start:end].split())
