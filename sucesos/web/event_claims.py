"""Claims listed on an event's page: every claim whose content overlaps the event's sentences.

An event's sentences, per report: the sentence the event was read from and
every sentence its evidence spans lie in (fatalities are often told in the
next sentence, "Dos agentes murieron ..., informó la Secretaría"). A claim
of the same article whose content overlaps one of them is listed once, with
`overlaps` naming what it overlapped ("sentence", or the evidence field).
"""

from __future__ import annotations

from sucesos import queries


def _spans(report: dict) -> list[tuple[str, int, int]]:
    spans = []
    sentence = report.get("sentence")
    if sentence and sentence.get("start") is not None:
        spans.append(("sentence", sentence["start"], sentence["end"]))
    for evidence in report.get("evidence") or []:
        if evidence.get("start") is not None and evidence.get("end") is not None:
            spans.append((evidence.get("field") or "evidence", evidence["start"], evidence["end"]))
    return spans


def claims_for_event(store, event: dict) -> list[dict]:
    """The event's claims, in report order then text order, each once."""
    found: list[dict] = []
    seen: set[tuple[str, int]] = set()
    by_article: dict[str, list[dict]] = {}
    for report in event.get("reports", []):
        article_id = report["article_id"]
        spans = _spans(report)
        if not spans:
            continue
        if article_id not in by_article:
            by_article[article_id] = queries.claims_in_article(store, article_id)
        for claim in by_article[article_id]:
            content = claim.get("content") or {}
            if not content or (article_id, claim["idx"]) in seen:
                continue
            hits = sorted({name for name, start, end in spans if content["start"] < end and start < content["end"]})
            if hits:
                seen.add((article_id, claim["idx"]))
                found.append({**claim, "overlaps": hits})
    return found
