"""The watch loop: poll what is due, ingest, link, alert, deliver; repeat.

Sources are polled one after another (pacing per host is in http.py); the
alerts of an article are raised as soon as it is stored, not at the end of
the cycle, so a new item reaches its alert in the time its extraction takes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sucesos.watch.alerts import Alert, process_changes
from sucesos.watch.http import PoliteFetcher
from sucesos.watch.outputs import DeliveryReport, Outputs
from sucesos.watch.poll import PollResult, poll_source
from sucesos.watch.sources import Source
from sucesos.watch.state import MIN_BACKOFF, ensure_sources, iso, record_failure, source_states

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
IDLE_TICK = 1.0  # seconds between checks for due sources and pending deliveries
EARLY = 0.1  # a source due within this fraction of its interval (at most 30 s) is polled now


@dataclass
class CycleReport:
    polls: list[PollResult] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    deliveries: DeliveryReport = field(default_factory=DeliveryReport)

    @property
    def failed(self) -> list[PollResult]:
        return [poll for poll in self.polls if poll.status == "failed"]


class Watcher:
    def __init__(
        self,
        store,
        sources: list[Source],
        pipeline,
        *,
        outputs: Outputs | None = None,
        base_url: str = DEFAULT_BASE_URL,
        allow_private: bool = False,
        min_backoff: float = MIN_BACKOFF,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        on_alert: Callable[[Alert], None] | None = None,
        on_poll: Callable[[PollResult], None] | None = None,
        vectors=None,
        fetcher: PoliteFetcher | None = None,
    ):
        self.store, self.sources, self.pipeline = store, list(sources), pipeline
        self.outputs = outputs or Outputs()
        self.base_url = base_url
        self.min_backoff = min_backoff
        self.clock, self.sleep = clock, sleep
        self.on_alert, self.on_poll = on_alert, on_poll
        self.vectors = vectors
        self.fetcher = fetcher or PoliteFetcher(allow_private=allow_private)
        ensure_sources(store, self.sources)

    def close(self) -> None:
        self.fetcher.close()
        self.outputs.close()

    # -- one step at a time ----------------------------------------------
    def due_sources(self, now: float) -> list[Source]:
        states = {state.url: state for state in source_states(self.store)}
        due = []
        for source in self.sources:
            state = states.get(source.url)
            early = min(30.0, EARLY * source.interval)
            if state is None or state.next_due is None or state.next_due <= now + early:
                due.append(source)
        return due

    def raise_alerts(self) -> list[Alert]:
        alerts = process_changes(self.store, base_url=self.base_url, outputs=self.outputs.names, vectors=self.vectors)
        for alert in alerts:
            if self.on_alert:
                self.on_alert(alert)
        return alerts

    def cycle(self, *, should_stop: Callable[[], bool] = lambda: False) -> CycleReport:
        """Poll every due source once, raising alerts as articles arrive; deliver what is pending.

        `should_stop` is checked between sources: a stop request waits for one source, not a whole cycle.
        """
        report = CycleReport()
        # Reports stored before a crash, or by another process, alert first.
        report.alerts.extend(self.raise_alerts())
        for source in self.due_sources(self.clock()):
            if should_stop():
                break
            try:
                poll = poll_source(
                    source, self.store, self.pipeline, self.fetcher, now=self.clock(), min_backoff=self.min_backoff,
                    on_stored=lambda _ids: report.alerts.extend(self.raise_alerts()),
                )  # fmt: skip
            except Exception as exc:  # noqa: BLE001 - one source's trouble (even a bug) must not stop the others
                log.exception("%s: unexpected error while polling", source.label)
                error = f"unexpected error: {type(exc).__name__}: {exc}"
                wait = record_failure(self.store, source, self.clock(), error, min_backoff=self.min_backoff)
                poll = PollResult(source, "failed", error=error, retry_in=wait)
            report.polls.append(poll)
            if self.on_poll:
                self.on_poll(poll)
        report.alerts.extend(self.raise_alerts())
        report.deliveries = self.outputs.deliver_pending(self.store)
        return report

    def next_wake(self) -> float:
        """When something is next due: a source's poll or a delivery retry (epoch seconds)."""
        now = self.clock()
        times = [state.next_due or now for state in source_states(self.store, [s.url for s in self.sources])]
        retry = self.outputs.next_retry(self.store)
        if retry is not None:
            times.append(retry)
        return min(times) if times else now + IDLE_TICK

    def run(self, *, should_stop: Callable[[], bool] = lambda: False) -> None:
        """Cycle until `should_stop()` (checked at least every second)."""
        while not should_stop():
            self.cycle(should_stop=should_stop)
            wake = self.next_wake()
            while not should_stop() and self.clock() < wake:
                self.sleep(min(IDLE_TICK, max(0.0, wake - self.clock())))


WARM_UP = (
    ("warmup-en", "en", "Gunmen killed two police officers in Apatzingan, Michoacan, on Monday."),
    ("warmup-es", "es", "Hombres armados mataron a dos policías en Apatzingán, Michoacán, el lunes."),
)


def warm_up(pipeline) -> None:
    """Load both languages' models and the linker's sentence encoder now, not on the first new item.

    (Each loads lazily and costs 1-2 s on first use: that would land on the
    first alert's latency.)
    """
    from sucesos.errors import InputError
    from sucesos.ingest.html import html_to_text
    from sucesos.model import Article

    texts = [text for _id, _lang, text in WARM_UP]
    for article_id, lang, text in WARM_UP:
        pipeline.extract(Article(id=article_id, text=text, lang=lang))
    try:  # imports trafilatura
        html_to_text(f"<html><body><article><p>{texts[0]}</p><p>{texts[1]}</p></article></body></html>")
    except InputError:
        pass
    try:
        from sucesos.link.cluster import default_vectors
        from sucesos.link.text import article_minhash
    except ImportError:
        return
    article_minhash(" ".join(texts))  # imports datasketch (and scipy): most of a second
    vectors = default_vectors()
    if vectors.encoder is not None:
        vectors.encoder.encode(texts)


def status_rows(store, sources: list[Source] | None = None, *, now: float | None = None) -> list[dict]:
    """Each source's state for `sucesos watch --status` (and the web UI)."""
    now = time.time() if now is None else now
    states = {state.url: state for state in source_states(store)}
    urls = [s.url for s in sources] if sources is not None else sorted(states)
    names = {s.url: s.name for s in sources or ()}
    rows = []
    for url in urls:
        state = states.get(url)
        if state is None or state.last_checked is None:
            condition = "never polled"
        elif state.failures:
            condition = "backing off"
        else:
            condition = "ok"
        rows.append(
            {
                "url": url,
                "name": names.get(url) or (state.name if state else None),
                "state": condition,
                "kind": state.kind if state else None,
                "last_checked": state.last_checked if state else None,
                "last_success": state.last_success if state else None,
                "last_result": state.last_status if state else None,
                "items": state.items_total if state else 0,
                "failures": state.failures if state else 0,
                "last_error": state.last_error if state else None,
                "next_poll": iso(state.next_due) if state and state.next_due else None,
                "next_poll_in_s": round(max(0.0, state.next_due - now)) if state and state.next_due else 0,
            }
        )
    return rows
