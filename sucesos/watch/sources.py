"""The sources file: which feeds and pages to watch, and how often.

```yaml
defaults:            # optional; each key may be overridden per source
  interval: 15m      # seconds, or 90s / 15m / 2h / 1d
  timeout: 20s       # per request
  min_delay: 2s      # between two requests to the same host (politeness)
sources:
  - url: https://example.org/feed.xml
    name: Example feed        # optional, shown in --status
    interval: 10m
  - https://example.org/other.rss   # a bare URL takes the defaults
  - url: https://example.org/page.html
    kind: page                # feed | page; detected when left out
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sucesos.errors import ConfigError

DEFAULT_INTERVAL = 15 * 60.0
DEFAULT_TIMEOUT = 20.0
DEFAULT_MIN_DELAY = 2.0
MIN_INTERVAL = 1.0  # below this a source is hammered, whatever the file says
KINDS = ("feed", "page")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNITS = {None: 1.0, "ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


@dataclass(frozen=True)
class Source:
    url: str
    name: str | None = None
    kind: str | None = None  # feed | page | None (detected)
    interval: float = DEFAULT_INTERVAL
    timeout: float = DEFAULT_TIMEOUT
    min_delay: float = DEFAULT_MIN_DELAY

    @property
    def label(self) -> str:
        return self.name or self.url

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()


def parse_duration(value, *, what: str) -> float:
    """Seconds from 90, "90s", "15m", "2h", "1d"."""
    if isinstance(value, bool):
        raise ConfigError(f"{what}: {value!r} is not a duration; write seconds or e.g. 90s, 15m, 2h")
    if isinstance(value, (int, float)):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value))
        if not match:
            raise ConfigError(f"{what}: {value!r} is not a duration; write seconds or e.g. 90s, 15m, 2h")
        seconds = float(match.group(1)) * _UNITS[match.group(2)]
    if seconds < 0:
        raise ConfigError(f"{what}: a duration cannot be negative ({value!r})")
    return seconds


def _source(entry, defaults: dict, position: int) -> Source:
    where = f"sources[{position}]"
    if isinstance(entry, str):
        entry = {"url": entry}
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: write a URL or a mapping with 'url' (got {type(entry).__name__})")
    unknown = set(entry) - {"url", "name", "kind", "interval", "timeout", "min_delay"}
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; known: url, name, kind, interval, timeout, min_delay")
    url = entry.get("url")
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise ConfigError(f"{where}: 'url' must be an http(s) URL (got {url!r})")
    kind = entry.get("kind")
    if kind is not None and kind not in KINDS:
        raise ConfigError(f"{where}: 'kind' must be one of {', '.join(KINDS)} or left out (got {kind!r})")
    merged = {**defaults, **{k: v for k, v in entry.items() if v is not None}}
    interval = parse_duration(merged.get("interval", DEFAULT_INTERVAL), what=f"{where}.interval")
    if interval < MIN_INTERVAL:
        raise ConfigError(f"{where}.interval: at least {MIN_INTERVAL:g}s between polls of one source (got {interval:g}s)")
    timeout = parse_duration(merged.get("timeout", DEFAULT_TIMEOUT), what=f"{where}.timeout")
    if timeout <= 0:
        raise ConfigError(f"{where}.timeout: must be more than 0")
    name = entry.get("name")
    return Source(
        url=url,
        name=str(name) if name is not None else None,
        kind=kind,
        interval=interval,
        timeout=timeout,
        min_delay=parse_duration(merged.get("min_delay", DEFAULT_MIN_DELAY), what=f"{where}.min_delay"),
    )


def parse_sources(data) -> list[Source]:
    """Sources from the parsed YAML (a mapping with `sources`, or a bare list)."""
    if isinstance(data, list):
        data = {"sources": data}
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise ConfigError("the sources file needs a 'sources:' list of feed or page URLs (see docs/watch.md)")
    unknown = set(data) - {"sources", "defaults"}
    if unknown:
        raise ConfigError(f"unknown top-level key(s) {', '.join(sorted(unknown))} in the sources file; known: defaults, sources")
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise ConfigError("'defaults' must be a mapping (interval, timeout, min_delay)")
    sources, seen = [], set()
    for position, entry in enumerate(data["sources"]):
        source = _source(entry, defaults, position)
        if source.url in seen:
            raise ConfigError(f"sources[{position}]: {source.url} is listed twice")
        seen.add(source.url)
        sources.append(source)
    if not sources:
        raise ConfigError("the sources file lists no sources")
    return sources


def load_sources(path: str | Path) -> list[Source]:
    import yaml

    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"sources file not found: {path} (write one as in docs/watch.md)")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"sources file {path} is not valid YAML: {exc}") from exc
    return parse_sources(data)
