"""`sucesos eval dedup GOLD`: one incident, one event, across articles and outlets.

GOLD is JSONL of article records (the input format) with a `group` id: the
incident the article reports. A `gold` object on the records (the same on
every record of a group) codes the incident: `sub_event_type`, `admin1`,
`admin2` (municipality), `event_date`, `fatalities` (ACLED's conservative
figure). The articles are run through the whole pipeline and stored in a
fresh, temporary store, linked article by article as `sucesos ingest` does;
then each article's main event (its first, most salient event) is looked up
in the de-duplicated events.

Figures:
- pairwise precision/recall/F1 over pairs of articles: gold says "same
  incident", the store says "main events in the same event";
- B-cubed precision/recall/F1 over articles (same clustering);
- share_in_main_event: per incident, the share of its articles whose main
  event is the incident's main event (the event holding most of them),
  averaged over incidents; incidents_90pct_in_main: incidents with at least
  90% in it;
- mixed_events: de-duplicated events holding main events of two incidents;
- events_per_incident (mean, max): distinct events that any event of the
  incident's articles is in, recalled background incidents included;
- main event's sub_event_type, admin2, event_date and conservative
  fatalities against the group's coding (share of coded incidents right).

`--retell` adds, for every record, a copy "by another outlet": the same
headline, the dateline dropped, the body sentences in another (seeded)
order, one a paragraph. Each pair must end in one event.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from sucesos.errors import ConfigError

CODED_FIELDS = ("sub_event_type", "admin2", "event_date", "fatalities")
RETELL_SEED = 21
# "CIUDAD DE MÉXICO, 3 de julio (NNN) -", "MEXICO CITY (Reuters) -", "Irapuato, Gto.-": another outlet does not copy it
_DATELINE = re.compile(r"^[A-ZÁÉÍÓÚÑ][\w.' ]{1,40}(?:,[^\n,()]{1,30}){0,2}\s*(?:\([^()\n]{2,40}\))?\s*(?:\.-|-|—|–)\s+")
_ABBREVIATION = re.compile(r"\b(?:Gov|Gen|Gral|Sr|Sra|Dr|Mr|Mrs|Lic|Ing|Cd|Gto|Mich|Tam|Gro|Edo|Mex|No|St|Lt|Col|Sgt)\.$")
_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-ZÁÉÍÓÚÑ¿¡\"“])")


def fold(text) -> str | None:
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text))
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().split()) or None


def read_dedup_gold(path: Path, *, limit: int | None = None, own_groups: bool = False) -> list[dict]:
    """Records with `text` and `group`; a ConfigError names the line and the fix.

    `own_groups`: a record without a group is an incident of its own (for
    --retell on a set of single reports, such as the El Gráfico articles).
    """
    from sucesos.eval.gold import GoldError, Problems, json_object_lines

    if not path.is_file():
        raise ConfigError(f"{path}: gold file not found (give the path of a JSONL file of articles with a 'group' id)")
    problems = Problems(path)
    records = []
    for line, record in json_object_lines(path, problems, "an article record with a 'group' id"):
        if own_groups and record.get("group") in (None, ""):
            record = {**record, "group": str(record.get("id") or f"{path.stem}-{line}")}
        if not isinstance(record.get("group"), (str, int)) or record.get("group") == "":
            raise ConfigError(f"{path}: line {line}: no 'group' id (the incident the article reports); add one to every record, or use --retell to treat each record as its own incident")
        if not isinstance(record.get("text"), str) or not record["text"].strip():
            raise ConfigError(f"{path}: line {line}: no 'text'; dedup gold needs each article's plain text")
        record = dict(record)
        record["group"] = str(record["group"])
        record.setdefault("id", f"{path.stem}-{line}")
        records.append(record)
        if limit is not None and len(records) >= limit:
            break
    problems.raise_if_any()
    if not records:
        raise GoldError([f"{path}: no records"])
    ids = Counter(r["id"] for r in records)
    doubled = [i for i, n in ids.items() if n > 1]
    if doubled:
        raise ConfigError(f"{path}: ids used twice: {', '.join(map(str, doubled[:5]))}; give every record its own id")
    return records


def retold(record: dict, seed: int = RETELL_SEED) -> dict:
    """The same report retold by another outlet: headline kept, body sentences in another order."""
    text = record["text"]
    head, _, body = text.partition("\n") if "\n" in text.strip() else ("", "", text)  # the first line is the headline
    head, body = head.strip(), body.strip()
    body = "\n".join(_DATELINE.sub("", line.strip(), count=1) for line in body.splitlines())
    sentences = [s.strip() for s in _SENTENCE_END.split(" ".join(body.split()))]
    sentences = [s for s in sentences if s]
    joined: list[str] = []
    for sentence in sentences:  # "Gov. Francisco", "Cd. Victoria": an abbreviation, not a sentence end
        if joined and _ABBREVIATION.search(joined[-1]):
            joined[-1] += " " + sentence
        else:
            joined.append(sentence)
    sentences = joined
    rng = random.Random(f"{seed}:{record['id']}")
    order = list(range(len(sentences)))
    if len(order) > 1:
        while order == sorted(order):
            rng.shuffle(order)
    new_body = "\n".join(sentences[i] for i in order)
    copy = {k: v for k, v in record.items() if k not in ("url", "html")}
    copy.update(
        id=f"{record['id']}~retold",
        text=(head + "\n\n" + new_body) if head else new_body,
        outlet=f"{record.get('outlet') or 'unknown'} (retold)",
        retold_from=record["id"],
    )
    return copy


def run_store(records: list[dict], *, resources=None, db_path: Path | None = None, on_progress: Callable[[int], None] | None = None):
    """Ingest the records into a fresh store (linking as ingest does); returns (store, seconds)."""
    from sucesos.ingest.batch import ingest_articles
    from sucesos.ingest.records import article_from_record
    from sucesos.pipeline import Pipeline, Resources
    from sucesos.store import open_store

    if db_path is None:
        db_path = Path(tempfile.mkdtemp(prefix="sucesos-dedup-")) / "dedup.db"
    elif db_path.exists():
        raise ConfigError(f"{db_path}: already exists; --db must name a new file (the evaluation starts from an empty store)")
    store = open_store(db_path)
    pipeline = Pipeline(resources or Resources())
    fields = ("id", "text", "title", "outlet", "url", "published", "lang")
    articles = [article_from_record({k: r[k] for k in fields if r.get(k) is not None}, line=n) for n, r in enumerate(records, 1)]
    started = time.perf_counter()
    ingest_articles(articles, store, pipeline, batch_size=8, on_progress=on_progress)
    return store, time.perf_counter() - started


def store_assignment(store) -> dict[str, list[tuple[int, int]]]:
    """Article id -> [(event idx, de-duplicated event id)] in salience order."""
    rows = store.conn.execute(
        "SELECT e.article_id, e.idx, l.event_id FROM reports e JOIN report_links l ON l.report_id = e.id ORDER BY e.article_id, e.idx"
    )
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for article_id, idx, event_id in rows:
        found[article_id].append((idx, event_id))
    return dict(found)


def _pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    by_label: dict[str, list[str]] = defaultdict(list)
    for item, label in labels.items():
        by_label[label].append(item)
    return {(a, b) for items in by_label.values() for i, a in enumerate(sorted(items)) for b in sorted(items)[i + 1 :]}


def _prf(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def clustering_scores(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float | None]:
    """Pairwise and B-cubed precision/recall/F1 of `pred` clusters against `gold` (same items)."""
    gold_pairs, pred_pairs = _pairs(gold), _pairs(pred)
    both = gold_pairs & pred_pairs
    pp = len(both) / len(pred_pairs) if pred_pairs else 1.0
    pr = len(both) / len(gold_pairs) if gold_pairs else 1.0
    gold_members: dict[str, set] = defaultdict(set)
    pred_members: dict[str, set] = defaultdict(set)
    for item in gold:
        gold_members[gold[item]].add(item)
        pred_members[pred[item]].add(item)
    bp = br = 0.0
    for item in gold:
        shared = len(gold_members[gold[item]] & pred_members[pred[item]])
        bp += shared / len(pred_members[pred[item]])
        br += shared / len(gold_members[gold[item]])
    n = len(gold) or 1
    return {
        "pairwise_precision": pp, "pairwise_recall": pr, "pairwise_f1": _prf(pp, pr),
        "bcubed_precision": bp / n, "bcubed_recall": br / n, "bcubed_f1": _prf(bp / n, br / n),
        "gold_pairs": len(gold_pairs), "predicted_pairs": len(pred_pairs),
    }  # fmt: skip


def _field_right(field: str, predicted, coded) -> bool:
    if field == "fatalities":
        # ACLED writes 0 where no death is stated; the store leaves it null
        return int(predicted or 0) == int(coded)
    if field == "event_date":
        return predicted is not None and str(predicted)[:10] == str(coded)[:10]
    return fold(predicted) == fold(coded)


def score_dedup(records: list[dict], assignment: dict[str, list[tuple[int, int]]], event_of: Callable[[int], dict]) -> dict:
    """The report (see the module docstring); `event_of(id)` gives a de-duplicated event record."""
    group_of = {r["id"]: r["group"] for r in records}
    coding: dict[str, dict] = {}
    warnings = []
    for r in records:
        code = r.get("gold")
        if isinstance(code, dict) and any(code.get(f) is not None for f in CODED_FIELDS):
            if r["group"] in coding and any(coding[r["group"]].get(f) != code.get(f) for f in CODED_FIELDS):
                warnings.append(f"{r['id']}: its group's coding differs from an earlier record's; the first is used")
            coding.setdefault(r["group"], code)
    # Each article's main event (an article with no event is an event of its own: nothing linked it)
    main_of = {aid: (assignment[aid][0][1] if assignment.get(aid) else f"none:{aid}") for aid in group_of}
    figures = clustering_scores(group_of, {aid: str(main_of[aid]) for aid in group_of})
    members: dict[str, list[str]] = defaultdict(list)
    for aid, group in group_of.items():
        members[group].append(aid)
    shares, per_group = [], {}
    field_right: dict[str, list[bool]] = {f: [] for f in CODED_FIELDS}
    events_touched = []
    for group, aids in sorted(members.items()):
        counted = Counter(main_of[a] for a in aids if not str(main_of[a]).startswith("none:"))
        main_event = counted.most_common(1)[0][0] if counted else None
        share = (counted[main_event] / len(aids)) if main_event is not None else 0.0
        shares.append(share)
        touched = {cid for a in aids for _idx, cid in assignment.get(a, [])}
        events_touched.append(len(touched))
        entry = {"articles": len(aids), "in_main_event": counted.get(main_event, 0), "events": len(touched), "main_event": main_event}
        if group in coding:
            record = event_of(main_event) if main_event is not None else {}
            entry["main"] = {f: record.get(f) for f in CODED_FIELDS}
            entry["main"]["fatalities_range"] = record.get("fatalities_range")
            entry["main"]["independent_sources"] = record.get("independent_sources")
            entry["coded"] = {f: coding[group].get(f) for f in CODED_FIELDS}
            for f in CODED_FIELDS:
                if coding[group].get(f) is not None:
                    right = _field_right(f, record.get(f), coding[group][f])
                    field_right[f].append(right)
                    entry.setdefault("wrong", []).extend([] if right else [f])
        per_group[group] = entry
    groups_of_event: dict[str, set] = defaultdict(set)
    for aid, cid in main_of.items():
        groups_of_event[str(cid)].add(group_of[aid])
    mixed = sorted(cid for cid, groups in groups_of_event.items() if len(groups) > 1)
    figures.update(
        {
            "share_in_main_event": sum(shares) / len(shares),
            "incidents_90pct_in_main": sum(s >= 0.9 for s in shares) / len(shares),
            "mixed_events": len(mixed),
            "mixed_event_share": len(mixed) / len(groups_of_event),
            "events_per_incident": sum(events_touched) / len(events_touched),
            "max_events_per_incident": max(events_touched),
            "articles_without_event": sum(1 for a in group_of if not assignment.get(a)) / len(group_of),
        }
    )
    for f, rights in field_right.items():
        figures[f"main_{f}_accuracy"] = (sum(rights) / len(rights)) if rights else None
    # retold pairs where the pipeline finds no event in the original have nothing to merge: counted apart
    retold = [r for r in records if r.get("retold_from") in group_of and assignment.get(r["retold_from"])]
    if retold:
        merged = [main_of[r["id"]] == main_of[r["retold_from"]] for r in retold]
        figures["retold_pairs_merged"] = sum(merged) / len(merged)
        figures["retold_pairs"] = len(retold)
    return {
        "task": "dedup",
        "records": len(records),
        "incidents": len(members),
        "coded_incidents": len(coding),
        "figures": figures,
        "incidents_detail": per_group,
        "mixed": {cid: sorted(groups_of_event[cid]) for cid in mixed},
        "gold_warnings": warnings,
        "definitions": {
            "pairwise": "pairs of articles: gold same group vs. main events in the same de-duplicated event",
            "bcubed": "per article: overlap of its gold group and its predicted event, averaged",
            "share_in_main_event": "per incident, share of its articles whose main event is the incident's most common event; mean",
            "mixed_events": "de-duplicated events holding main events of two or more incidents",
            "events_per_incident": "distinct de-duplicated events holding any event of the incident's articles (background included)",
            "main_*_accuracy": "the incident's main event (after merging: majority type, most precise date, lowest toll) against the coding",
        },
    }


def evaluate_dedup(
    gold_path: Path,
    *,
    limit: int | None = None,
    retell: bool = False,
    resources=None,
    db_path: Path | None = None,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> dict:
    from sucesos.link.corroboration import deduplicated_events

    if limit is not None and limit < 1:
        raise ConfigError("--limit must be a positive number of records")
    records = read_dedup_gold(Path(gold_path), limit=limit, own_groups=retell)
    if retell:
        records = records + [retold(r) for r in records]
    if on_start is not None:
        on_start(len(records))
    store, seconds = run_store(records, resources=resources, db_path=db_path, on_progress=on_progress)
    try:
        assignment = store_assignment(store)
        cache: dict[int, dict] = {}

        def event_of(event_id: int) -> dict:
            if event_id not in cache:
                found = deduplicated_events(store, ids=[event_id])
                cache[event_id] = found[0] if found else {}
            return cache[event_id]

        report = score_dedup(records, assignment, event_of)
    finally:
        store.close()
    report.update({"gold": str(gold_path), "limit": limit, "retell": retell, "seconds": round(seconds, 2)})
    return report


def render_dedup(report: dict, console) -> None:
    from rich.table import Table

    table = Table(title=f"dedup: {report['records']} articles, {report['incidents']} incidents ({report['coded_incidents']} coded)")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for name, value in report["figures"].items():
        shown = "—" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))
        table.add_row(name, shown)
    console.print(table)
    for group, entry in report["incidents_detail"].items():
        if entry.get("wrong") or entry["in_main_event"] < entry["articles"]:
            console.print(
                f"  {group}: {entry['in_main_event']}/{entry['articles']} in main event, {entry['events']} events"
                + (f"; wrong: {', '.join(entry['wrong'])} (got {json.dumps(entry.get('main'), ensure_ascii=False)})" if entry.get("wrong") else ""),
                highlight=False,
                markup=False,
            )
