"""Alert outputs: the terminal, a JSONL log, a webhook and daily digest files.

JSONL, webhook and digest deliveries go through an outbox
(`alert_deliveries`): each is marked done once it worked, so a restart
delivers what was pending and repeats nothing (a crash between writing a
JSONL line and marking it may repeat that one line; readers can drop
duplicate `alert_id`s). The terminal shows alerts as they are raised.

Webhook: one JSON POST per alert (`Content-Type: application/json`, the
alert payload as body), a timeout per attempt; a failed attempt (network
error, timeout, any non-2xx answer) is retried later with exponential
back-off (`backoff * 2**(attempt-1)`, at most an hour) up to `attempts`
times, then marked failed and reported.

Digest: one Markdown and one HTML file per saved search and UTC day,
`<dir>/<search>-<YYYY-MM-DD>.md|.html`, rewritten (atomically) from the
alerts table whenever that day gets a new alert, so it is always whole.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from sucesos.ingest.fetch import USER_AGENT, deadline_at, deadline_client

log = logging.getLogger(__name__)

MAX_WEBHOOK_BACKOFF = 3600.0


@dataclass
class DeliveryReport:
    delivered: dict[str, int] = field(default_factory=dict)
    retrying: list[tuple[int, str]] = field(default_factory=list)  # (alert id, error)
    failed: list[tuple[int, str]] = field(default_factory=list)  # gave up: (alert id, error)


def slug(name: str) -> str:
    cleaned = re.sub(r"[^\w.-]+", "-", name.strip(), flags=re.UNICODE).strip("-.")
    return cleaned[:80] or "search"


# -- text for people -----------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md_escape(text) -> str:
    """Article-derived text inside Markdown: no markup, no raw HTML, one line."""
    if text is None:
        return ""
    flat = " ".join(str(text).split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def safe_link(url) -> str | None:
    """Only http(s) URLs become links (never javascript: or data:)."""
    if not url or urlsplit(str(url)).scheme not in ("http", "https"):
        return None
    return str(url)


def terminal_line(payload: dict) -> str:
    """One line for the terminal (plain text; the caller escapes markup)."""
    text = " ".join(str(payload.get("summary") or "").split())
    return f"[{payload['search']['name']}] {payload['kind'].upper()} {text} -> {payload['event_url']}"


def _event_title(payload: dict) -> str:
    event = payload.get("event") or {}
    return event.get("sub_event_type") or event.get("event_type") or "Event"


def digest_markdown(search_name: str, day: str, payloads: list[dict]) -> str:
    lines = [f"# sucesos digest: {md_escape(search_name)}, {day}", "", f"{len(payloads)} alert{'s' if len(payloads) != 1 else ''}.", ""]
    for payload in payloads:
        url = safe_link(payload.get("event_url"))
        title = md_escape(f"{payload['kind'].upper()}: {_event_title(payload)}")
        lines.append(f"## [{title}]({url})" if url else f"## {title}")
        lines.append("")
        lines.append(md_escape(payload.get("summary")))
        if payload.get("sentence"):
            lines.append("")
            lines.append(f"> {md_escape(payload['sentence'])}")
        lines.append("")
        for source in payload.get("sources") or ():
            label = md_escape(source.get("title") or source.get("url") or source.get("article_id"))
            outlet = md_escape(source.get("outlet")) if source.get("outlet") else ""
            link = safe_link(source.get("url"))
            item = f"[{label}]({link})" if link else label
            mark = " (new)" if source.get("article_id") in (payload.get("new_sources") or ()) else ""
            lines.append(f"- {item}{', ' + outlet if outlet else ''}{mark}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def digest_html(search_name: str, day: str, payloads: list[dict]) -> str:
    esc = html.escape
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>sucesos digest: {esc(search_name)}, {esc(day)}</title>",
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em}"
        "blockquote{color:#444;border-left:3px solid #ccc;margin-left:0;padding-left:1em}</style>",
        "</head><body>",
        f"<h1>sucesos digest: {esc(search_name)}, {esc(day)}</h1>",
        f"<p>{len(payloads)} alert{'s' if len(payloads) != 1 else ''}.</p>",
    ]
    for payload in payloads:
        title = esc(f"{payload['kind'].upper()}: {_event_title(payload)}")
        url = safe_link(payload.get("event_url"))
        parts.append("<section>")
        parts.append(f'<h2><a href="{esc(url)}">{title}</a></h2>' if url else f"<h2>{title}</h2>")
        parts.append(f"<p>{esc(str(payload.get('summary') or ''))}</p>")
        if payload.get("sentence"):
            parts.append(f"<blockquote>{esc(str(payload['sentence']))}</blockquote>")
        parts.append("<ul>")
        for source in payload.get("sources") or ():
            label = esc(str(source.get("title") or source.get("url") or source.get("article_id")))
            link = safe_link(source.get("url"))
            item = f'<a href="{esc(link)}" rel="noopener noreferrer">{label}</a>' if link else label
            outlet = f", {esc(str(source['outlet']))}" if source.get("outlet") else ""
            mark = " (new)" if source.get("article_id") in (payload.get("new_sources") or ()) else ""
            parts.append(f"<li>{item}{outlet}{mark}</li>")
        parts.append("</ul></section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# -- the outbox ----------------------------------------------------------
class Outputs:
    """The configured outputs, and delivery of what the outbox holds for them."""

    def __init__(
        self,
        *,
        jsonl: str | Path | None = None,
        webhook: str | None = None,
        digest_dir: str | Path | None = None,
        webhook_timeout: float = 10.0,
        webhook_attempts: int = 8,
        webhook_backoff: float = 5.0,
        clock: Callable[[], float] = time.time,
    ):
        if webhook is not None and urlsplit(webhook).scheme not in ("http", "https"):
            from sucesos.errors import ConfigError

            raise ConfigError(f"--webhook must be an http(s) URL (got {webhook!r})")
        self.jsonl = Path(jsonl) if jsonl else None
        self.webhook = webhook
        self.digest_dir = Path(digest_dir) if digest_dir else None
        self.webhook_timeout, self.webhook_attempts, self.webhook_backoff = webhook_timeout, webhook_attempts, webhook_backoff
        self.clock = clock
        self._client = None
        if self.digest_dir is not None and not self.digest_dir.is_dir() and self.digest_dir.parent.is_dir():
            self.digest_dir.mkdir()
        for folder in (self.jsonl.parent if self.jsonl else None, self.digest_dir):
            if folder is not None and not folder.is_dir():
                from sucesos.errors import ConfigError

                raise ConfigError(f"folder {folder} does not exist; create it or pick another path for the alert output")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, on in (("jsonl", self.jsonl), ("webhook", self.webhook), ("digest", self.digest_dir)) if on)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def next_retry(self, store) -> float | None:
        """When the earliest pending delivery is due (epoch seconds), or None."""
        if not self.names:
            return None
        marks = ",".join("?" * len(self.names))
        row = store.conn.execute(f"SELECT MIN(next_try) FROM alert_deliveries WHERE status = 'pending' AND output IN ({marks})", self.names).fetchone()  # noqa: S608
        return row[0]

    def deliver_pending(self, store) -> DeliveryReport:
        report = DeliveryReport()
        if not self.names:
            return report
        now = self.clock()
        marks = ",".join("?" * len(self.names))
        rows = store.conn.execute(
            "SELECT d.alert_id, d.output, d.attempts, a.search_id, a.day, a.payload FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id"
            f" WHERE d.status = 'pending' AND d.next_try <= ? AND d.output IN ({marks}) ORDER BY d.alert_id",  # noqa: S608
            (now, *self.names),
        ).fetchall()
        jsonl_rows = [row for row in rows if row["output"] == "jsonl"]
        if jsonl_rows:
            self._deliver_jsonl(store, jsonl_rows, report)
        digest_rows = [row for row in rows if row["output"] == "digest"]
        if digest_rows:
            self._deliver_digests(store, digest_rows, report)
        webhook_rows = [row for row in rows if row["output"] == "webhook"]
        for row in webhook_rows:
            if not self._deliver_webhook(store, row, report, now):
                break  # the receiver is down: the rest waits for the next try instead of each timing out now
        return report

    def _mark_done(self, store, alert_ids: list[int], output: str, report: DeliveryReport) -> None:
        with store.transaction() as conn:
            conn.executemany(
                "UPDATE alert_deliveries SET status = 'done', attempts = attempts + 1, last_error = NULL WHERE alert_id = ? AND output = ?",
                [(alert_id, output) for alert_id in alert_ids],
            )
        report.delivered[output] = report.delivered.get(output, 0) + len(alert_ids)

    def _deliver_jsonl(self, store, rows, report: DeliveryReport) -> None:
        with self.jsonl.open("a", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(json.loads(row["payload"]), ensure_ascii=False) + "\n")
            out.flush()
            os.fsync(out.fileno())
        self._mark_done(store, [row["alert_id"] for row in rows], "jsonl", report)

    def _deliver_digests(self, store, rows, report: DeliveryReport) -> None:
        for search_id, day in sorted({(row["search_id"], row["day"]) for row in rows}):
            name_row = store.conn.execute("SELECT name FROM saved_searches WHERE id = ?", (search_id,)).fetchone()
            name = name_row[0] if name_row else f"search-{search_id}"
            payloads = [json.loads(r[0]) for r in store.conn.execute("SELECT payload FROM alerts WHERE search_id = ? AND day = ? ORDER BY id", (search_id, day))]
            base = self.digest_dir / f"{slug(name)}-{day}"
            _write_atomically(base.with_suffix(".md"), digest_markdown(name, day, payloads))
            _write_atomically(base.with_suffix(".html"), digest_html(name, day, payloads))
        self._mark_done(store, [row["alert_id"] for row in rows], "digest", report)

    def _deliver_webhook(self, store, row, report: DeliveryReport, now: float) -> bool:
        import httpx

        if self._client is None:
            self._client = deadline_client(headers={"User-Agent": USER_AGENT})
        error = None
        try:
            # --webhook-timeout is one deadline for the attempt: a webhook answering a byte at a time cannot hold the watcher.
            with deadline_at(time.monotonic() + self.webhook_timeout):
                response = self._client.post(
                    self.webhook, content=row["payload"].encode("utf-8"), headers={"Content-Type": "application/json"}, timeout=self.webhook_timeout
                )
            if not 200 <= response.status_code < 300:
                error = f"webhook answered HTTP {response.status_code}"
        except httpx.HTTPError as exc:
            error = f"webhook unreachable: {type(exc).__name__}: {exc}" if str(exc) else f"webhook unreachable: {type(exc).__name__}"
        if error is None:
            self._mark_done(store, [row["alert_id"]], "webhook", report)
            return True
        attempts = row["attempts"] + 1
        status = "failed" if attempts >= self.webhook_attempts else "pending"
        wait = min(self.webhook_backoff * 2 ** (attempts - 1), MAX_WEBHOOK_BACKOFF)
        with store.transaction() as conn:
            conn.execute(
                "UPDATE alert_deliveries SET status = ?, attempts = ?, next_try = ?, last_error = ? WHERE alert_id = ? AND output = 'webhook'",
                (status, attempts, now + wait, error, row["alert_id"]),
            )
        (report.failed if status == "failed" else report.retrying).append((row["alert_id"], error))
        log.warning("alert %s: %s (%s)", row["alert_id"], error, "gave up" if status == "failed" else f"retry in {wait:g}s")
        return False
