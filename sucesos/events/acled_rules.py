"""ACLED's coding rules as checks on every event: re-code what breaks one, and say which rule.

The rules themselves (who may be a victim of which sub-type, the actors
ACLED writes when a report leaves a role unnamed, where protesters may
appear) are data in `sucesos/data/acled_rules.yaml`; this module reads them
and applies them to `Event`s. Each change adds an evidence item whose
`rule` names the rule, on the span of the event's trigger (or of the actor
that met the rule), so a re-coded value can be traced.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from importlib import resources as importlib_resources

import yaml

from sucesos.errors import ConfigError
from sucesos.events.toll import DEATH_TYPES  # the types whose events carry a toll: one list
from sucesos import taxonomy
from sucesos.taxonomy import SUB_EVENT_TYPES
from sucesos.model import Event, Evidence

ARMED_INTERS = taxonomy.ARMED_INTERS


@dataclass(frozen=True)
class ActorTemplate:
    name: str
    inter: str

    def named(self, country: str | None) -> str:
        if country:
            return self.name.replace("{country}", country)
        return self.name.replace(" of {country}", "").replace(" ({country})", "").replace("{country}", "").strip()


@dataclass(frozen=True)
class AcledRules:
    actors: dict[str, ActorTemplate]
    civilian_victims_only: frozenset[str]
    armed_sides_only: frozenset[str]
    default_actors: dict[str, dict[str, str]]
    no_civilian_perpetrator: frozenset[str]
    protesters_only_in: frozenset[str]
    named_victims_are_civilians: frozenset[str] = frozenset()
    arrested_civilians_are_suspects: frozenset[str] = frozenset()
    named_perpetrators_are_unidentified: frozenset[str] = frozenset()
    no_civilian_target: frozenset[str] = frozenset()


def load_acled_rules() -> AcledRules:
    text = importlib_resources.files("sucesos.data").joinpath("acled_rules.yaml").read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"sucesos/data/acled_rules.yaml is not valid YAML: {exc}; fix the file or reinstall sucesos") from exc
    actors = {key: ActorTemplate(value["name"], value["inter"]) for key, value in (data.get("actors") or {}).items()}
    defaults = {sub: dict(roles) for sub, roles in (data.get("default_actors") or {}).items()}
    for sub, roles in defaults.items():
        if sub not in SUB_EVENT_TYPES:
            raise ConfigError(f"acled_rules.yaml: default_actors names unknown sub-event type {sub!r}")
        unknown = [key for key in roles.values() if key not in actors]
        if unknown:
            raise ConfigError(f"acled_rules.yaml: default_actors {sub!r} uses undefined actors {unknown}")
    return AcledRules(
        actors=actors,
        civilian_victims_only=frozenset(data.get("civilian_victims_only") or ()),
        armed_sides_only=frozenset(data.get("armed_sides_only") or ()),
        default_actors=defaults,
        no_civilian_perpetrator=frozenset(data.get("no_civilian_perpetrator") or ()),
        protesters_only_in=frozenset(data.get("protesters_only_in") or ()),
        named_victims_are_civilians=frozenset(data.get("named_victims_are_civilians") or ()),
        arrested_civilians_are_suspects=frozenset(data.get("arrested_civilians_are_suspects") or ()),
        named_perpetrators_are_unidentified=frozenset(data.get("named_perpetrators_are_unidentified") or ()),
        no_civilian_target=frozenset(data.get("no_civilian_target") or ()),
    )


def acled_rules(resources) -> AcledRules:
    return resources.cached("events.acled_rules", load_acled_rules)


def _trigger_span(event: Event) -> tuple[int, int, str] | None:
    for item in event.evidence:
        if item.field == "sub_event_type":
            return item.start, item.end, item.text
    if event.sentence is not None:
        return event.sentence.start, event.sentence.end, event.sentence.text
    return None


def _actor_span(event: Event, role: str) -> tuple[int, int, str] | None:
    for item in event.evidence:
        if item.field == role:
            return item.start, item.end, item.text
    return _trigger_span(event)


def _note(event: Event, fields: tuple[str, ...], span, rule: str) -> None:
    if span is None:
        return
    start, end, text = span
    for name in fields:
        event.evidence.append(Evidence(field=name, start=start, end=end, text=text, rule=rule))


def _drop_evidence(event: Event, fields: set[str]) -> None:
    event.evidence = [item for item in event.evidence if item.field not in fields or item.rule]


def apply_acled_rules(event: Event, rules: AcledRules, country: str | None) -> Event:
    """A copy of `event` re-coded to meet ACLED's rules, each change with its rule in the evidence."""
    event = dataclasses.replace(event, evidence=list(event.evidence), tactics=list(event.tactics))
    sub = event.sub_event_type
    if sub is None:
        return event

    # 1. a perpetrator is never "civilians": an armed man who shoots is an unidentified armed group
    if event.event_type in rules.no_civilian_perpetrator and event.inter1 == "Civilians":
        span = _actor_span(event, "actor1")
        actor = rules.actors["unidentified"]
        event.actor1, event.inter1 = actor.named(country), actor.inter
        _drop_evidence(event, {"actor1", "inter1"})
        _note(event, ("actor1", "inter1"), span, "ACLED: civilians are victims, never perpetrators; an unnamed armed attacker is an Unidentified Armed Group")

    # 1b. people who riot are rioters: civilians are never the perpetrators of a riot either
    if event.event_type == "Riots" and event.inter1 == "Civilians":
        span = _actor_span(event, "actor1")
        actor = rules.actors["rioters"]
        event.actor1, event.inter1 = actor.named(country), actor.inter
        _drop_evidence(event, {"actor1", "inter1"})
        _note(event, ("actor1", "inter1"), span, "ACLED: those who riot or form a mob are coded Rioters, not Civilians")

    # 2. one-sided violence against armed actors is a battle
    if sub in rules.civilian_victims_only and event.inter2 in ARMED_INTERS:
        span = _actor_span(event, "actor2")
        event.event_type, event.sub_event_type = "Battles", "Armed clash"
        _drop_evidence(event, {"event_type", "sub_event_type"})
        _note(event, ("event_type", "sub_event_type"), span, f"ACLED: {sub} needs civilian victims; an attack on {event.inter2} (e.g. on-duty police) is Battles/Armed clash")
    # 3. a battle needs two armed sides
    elif sub in rules.armed_sides_only and event.inter2 == "Civilians" and (event.inter1 is None or event.inter1 in ARMED_INTERS):
        span = _actor_span(event, "actor2")
        event.event_type, event.sub_event_type = "Violence against civilians", "Attack"
        _drop_evidence(event, {"event_type", "sub_event_type"})
        _note(event, ("event_type", "sub_event_type"), span, "ACLED: an armed clash needs two armed sides; violence by an armed actor on civilians is Violence against civilians/Attack")

    # 4. protesters (inter 6) only in Protests
    if event.event_type not in rules.protesters_only_in:
        for role in ("1", "2"):
            if getattr(event, f"inter{role}") == "Protesters":
                key = "rioters" if event.event_type == "Riots" else "civilians"
                actor = rules.actors[key]
                span = _actor_span(event, f"actor{role}")
                setattr(event, f"actor{role}", actor.named(country))
                setattr(event, f"inter{role}", actor.inter)
                _drop_evidence(event, {f"actor{role}", f"inter{role}"})
                _note(event, (f"actor{role}", f"inter{role}"), span, f"ACLED: protesters are coded as such only in Protests; in {event.event_type} they are {actor.inter}")

    # 4b. a peaceful protest has no civilian victim: the road, bus or office it blocks is no actor
    if event.sub_event_type in rules.no_civilian_target and event.inter2 == "Civilians":
        span = _actor_span(event, "actor2")
        event.actor2 = event.inter2 = None
        _drop_evidence(event, {"actor2", "inter2"})
        _note(event, ("actor2", "inter2"), span, f"ACLED: a {event.sub_event_type.lower()} has no civilian actor2; what the protesters block or occupy is not a victim")

    # 5. a victim known only by name is a civilian; 5b. a perpetrator known
    # only by name is an unidentified armed group (ACLED codes groups, not persons)
    for role, sub_types, key, reason in (
        (2, rules.named_victims_are_civilians, "civilians", "ACLED: a victim named only as a person is coded Civilians"),
        (1, rules.named_perpetrators_are_unidentified, "unidentified", "ACLED: a perpetrator named only as a person is coded Unidentified Armed Group"),
    ):
        if event.sub_event_type in sub_types and getattr(event, f"actor{role}") and getattr(event, f"inter{role}") is None:
            span = _actor_span(event, f"actor{role}")
            actor = rules.actors[key]
            setattr(event, f"assoc_actor_{role}", getattr(event, f"assoc_actor_{role}") or getattr(event, f"actor{role}"))
            setattr(event, f"actor{role}", actor.named(country))
            setattr(event, f"inter{role}", actor.inter)
            _drop_evidence(event, {f"actor{role}", f"inter{role}"})
            _note(event, (f"actor{role}", f"inter{role}", f"assoc_actor_{role}"), span, reason)
    # 6. arrested civilians are suspects of an armed group (Mexico methodology)
    civilians = rules.actors["civilians"].named(country)
    # (one known only by a person's name too: ACLED codes groups, the person is kept as assoc_actor_2)
    named_only = bool(event.actor2) and event.inter2 is None
    if event.sub_event_type in rules.arrested_civilians_are_suspects and (event.actor2 == civilians or named_only):
        span = _actor_span(event, "actor2")
        actor = rules.actors["unidentified"]
        if named_only:
            event.assoc_actor_2 = event.assoc_actor_2 or event.actor2
        event.actor2, event.inter2 = actor.named(country), actor.inter
        _drop_evidence(event, {"actor2", "inter2"})
        fields = ("actor2", "inter2", "assoc_actor_2") if named_only else ("actor2", "inter2")
        _note(event, fields, span, "ACLED Mexico: the arrested suspects of violence are coded as an Unidentified Armed Group")

    # 7. roles the report leaves unnamed, as ACLED writes them
    defaults = rules.default_actors.get(event.sub_event_type) or {}
    for role in ("actor1", "actor2"):
        key = defaults.get(role)
        if key is None or getattr(event, role):
            continue
        actor = rules.actors[key]
        if role == "actor2" and event.inter1 == actor.inter and key == "police":
            continue
        setattr(event, role, actor.named(country))
        inter_field = "inter1" if role == "actor1" else "inter2"
        setattr(event, inter_field, actor.inter)
        _note(event, (role, inter_field), _trigger_span(event), f"ACLED: an unnamed {role} of {event.sub_event_type} is coded {actor.name.replace(' ({country})', '').replace(' of {country}', '')}")
    return event


def toll_from_retellings(events: list[Event]) -> list[Event]:
    """The main event's toll, when it states none, from the article's retelling of the same event.

    News states the main event in the headline ("Ejecutan a comerciante")
    and its toll in the lead ("dos cadáveres fueron encontrados"). When the
    main event has no stated toll, the first later event of the same
    sub-type whose place does not differ gives it (ACLED's count from the
    report), with that sentence's span as evidence.
    """
    if len(events) < 2 or events[0].fatalities is not None or events[0].event_type not in DEATH_TYPES:
        return events
    main = events[0]
    for other in events[1:]:
        if other.sub_event_type != main.sub_event_type or other.fatalities is None:
            continue
        if main.admin2 and other.admin2 and main.admin2 != other.admin2:
            continue
        if _tells_another(other):
            continue  # "in a separate attack, gunmen killed two women": another incident, not a retelling
        receipt = next((item for item in other.evidence if item.field == "fatalities"), None)
        if receipt is None:
            continue
        main = dataclasses.replace(main, fatalities=other.fatalities, evidence=list(main.evidence))
        main.evidence.append(Evidence(field="fatalities", start=receipt.start, end=receipt.end, text=receipt.text,
                                      rule="toll stated where the article tells the same event again"))
        return [main, *events[1:]]
    return events


def _tells_another(event: Event) -> bool:
    """Whether the event's sentence says it is another incident ('another', 'separate', 'otras dos')."""
    from sucesos.events.toll import ANOTHER_WORDS

    if event.sentence is None:
        return False
    words = re.findall(r"\w+", event.sentence.text.lower())
    for index, word in enumerate(words):
        if word in ANOTHER_WORDS and not any(w in ("uno", "una", "one") for w in words[max(0, index - 6) : index]):
            return True
    return False
