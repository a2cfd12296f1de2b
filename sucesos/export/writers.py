"""Write stored events in the formats analysts load elsewhere.

`sucesos export` writes de-duplicated events (`sucesos.link.corroboration`):
one record per event, however many articles reported it, each carrying its
sources (article id, url, outlet, title, published) and its reports, so a
row can always be traced back. A per-report row (as `Store.events` returns
it) is also accepted and exported with its one source.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterable
from urllib.parse import urlsplit
from typing import BinaryIO, TextIO

from sucesos.model import link_url

FORMATS = ("jsonl", "geojson", "acled-csv", "parquet")
BINARY_FORMATS = ("parquet",)

# ACLED's export columns we can fill, in ACLED's order, plus our provenance.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    "injuries", "tactics", "modality", "confidence", "source_urls", "article_ids",
    "n_reports", "n_sources", "independent_sources", "first_reported", "fatalities_range", "injuries_range", "report_ids",
    "fatalities_stated",
)  # fmt: skip

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

PUBLIC_FIELDS = (
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "country", "iso3", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "event_date",
    "time_precision", "date_phrase", "fatalities", "injuries", "tactics", "modality", "confidence",
)  # fmt: skip


def event_record(event: dict) -> dict:
    """The exported shape of one event (CONTRACT Event + sources).

    A de-duplicated event (it has `reports`) is already in that shape; a
    single stored report is given its one source.
    """
    if "reports" in event:
        return event
    record = {"id": event["id"], **{key: event.get(key) for key in PUBLIC_FIELDS}}
    record["evidence"] = event.get("evidence", [])
    record["sources"] = event.get("sources") or [
        {
            "article_id": event["article_id"],
            "url": event.get("article_url"),
            "outlet": event.get("article_outlet"),
            "title": event.get("article_title"),
            "published": event.get("article_published"),
        }
    ]
    return record


def write_jsonl(events: Iterable[dict], stream: TextIO) -> int:
    count = 0
    for event in events:
        stream.write(json.dumps(event_record(event), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_geojson(events: Iterable[dict], stream: TextIO) -> int:
    """A FeatureCollection; events without coordinates are left out (they cannot be mapped)."""
    features = []
    for event in events:
        if event.get("latitude") is None or event.get("longitude") is None:
            continue
        properties = event_record(event)
        features.append(
            {
                "type": "Feature",
                "id": event["id"],
                "geometry": {"type": "Point", "coordinates": [event["longitude"], event["latitude"]]},
                "properties": properties,
            }
        )
    json.dump({"type": "FeatureCollection", "features": features}, stream, ensure_ascii=False)
    return len(features)


@functools.cache
def _acled_countries() -> tuple[dict[str, str], dict[str, str]]:
    """ISO3 -> ACLED region, and ISO2 -> ISO3, from `sucesos/data/acled_regions.yaml`."""
    from importlib.resources import files

    import yaml

    regions, iso3_of = {}, {}
    for region, pairs in yaml.safe_load(files("sucesos.data").joinpath("acled_regions.yaml").read_text(encoding="utf-8")).items():
        for pair in pairs:
            iso3, iso2 = pair.split()
            regions[iso3] = region
            iso3_of[iso2] = iso3
    return regions, iso3_of


def source_name(source: dict) -> str | None:
    """How ACLED names a source: the outlet, else the site's host; never an article id."""
    if source.get("outlet"):
        return source["outlet"]
    host = urlsplit(source.get("url") or "").hostname if link_url(source.get("url")) else None
    return host.removeprefix("www.") if host else None


def _outlet_country(source: dict) -> str | None:
    """ISO3 of the country a site's country-code domain names (elgrafico.mx -> MEX); None for .com and the like."""
    host = urlsplit(source.get("url") or "").hostname if link_url(source.get("url")) else None
    if not host:
        return None
    tld = host.rsplit(".", 1)[-1].upper()
    return _acled_countries()[1].get("GB" if tld == "UK" else tld)


def source_scale(sources: list[dict], iso3: str | None) -> str | None:
    """ACLED's source_scale, as far as the sources' addresses tell: an outlet of
    the event's own country counts National (a local paper is not told apart
    from a national one), of another country International; unknown: None."""
    scales = set()
    for source in sources:
        country = _outlet_country(source)
        if country and iso3:
            scales.add("National" if country == iso3 else "International")
    return "-".join(sorted(scales, key=["National", "International"].index)) or None


def interaction(inter1: str | None, inter2: str | None) -> str | None:
    """ACLED's interaction: the two actor types, the lower-numbered first ("State forces-Civilians"), or "X only"."""
    from sucesos.taxonomy import INTER_CODES

    code = {label: number for number, label in INTER_CODES.items()}
    if inter1 not in code:
        return None  # an unknown first actor: "only" would claim there was no other
    if inter2 not in code:
        return f"{inter1} only"
    return "-".join(sorted((inter1, inter2), key=code.get))


def civilian_targeting(record: dict) -> str | None:
    """ACLED marks events whose primary target is civilians: all violence against
    civilians, and other political violence with civilians as the second actor."""
    if record.get("event_type") == "Violence against civilians" or (
        record.get("inter2") == "Civilians" and DISORDER.get(record.get("event_type") or "", "").startswith("Political violence")
    ):
        return "Civilian targeting"
    return None


def acled_row(event: dict) -> dict:
    """One event as a row of ACLED's columns (plus our provenance and corroboration columns)."""
    record = event_record(event)
    sources = record["sources"]
    reports = record.get("reports") or []
    return {
        **{key: record.get(key) for key in ACLED_COLUMNS if key in record},
        "event_id_cnty": f"SUC{record['id']}",
        "year": (record["event_date"] or "")[:4] or None,
        "disorder_type": DISORDER.get(record["event_type"] or ""),
        "iso": record["iso3"],
        "region": _acled_countries()[0].get(record["iso3"] or ""),
        "interaction": interaction(record.get("inter1"), record.get("inter2")),
        "civilian_targeting": civilian_targeting(record),
        "source": "; ".join(dict.fromkeys(name for name in map(source_name, sources) if name)) or None,
        "source_scale": source_scale(sources, record["iso3"]),
        "notes": next((r["sentence"]["text"] for r in reports if r.get("sentence")), None) if reports else event.get("sentence_text"),
        "tactics": "; ".join(record["tactics"] or []),
        "source_urls": " ".join(s["url"] for s in sources if link_url(s.get("url"))),
        "article_ids": " ".join(s["article_id"] for s in sources),
        "n_reports": record.get("n_reports", 1),
        "n_sources": record.get("n_sources", len(sources)),
        "independent_sources": record.get("independent_sources", len(sources)),
        "first_reported": record.get("first_reported", sources[0].get("published") if sources else None),
        "fatalities_range": _range_text(record.get("fatalities_range")),
        "injuries_range": _range_text(record.get("injuries_range")),
        "report_ids": " ".join(str(r["report_id"]) for r in reports) if reports else str(event["id"]),
        # ACLED codes an unstated toll as 0; in this layout we do the same, and
        # say whether the number was in the text (JSONL and GeoJSON keep null).
        "fatalities": record.get("fatalities") if record.get("fatalities") is not None else 0,
        "fatalities_stated": "yes" if record.get("fatalities") is not None else "no",
    }


# Cells a spreadsheet would run as a formula start with one of these (OWASP
# "CSV injection"); outlets, names and notes come from untrusted articles.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMERIC_COLUMNS = frozenset({"year", "time_precision", "latitude", "longitude", "geo_precision", "fatalities", "injuries", "confidence", "n_reports", "n_sources", "independent_sources"})


def inert_cell(column: str, value):
    """A text cell that a spreadsheet shows as text: a leading apostrophe
    before a formula character. Numbers (and numeric columns) stay numbers."""
    if isinstance(value, str) and column not in NUMERIC_COLUMNS and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_acled_csv(events: Iterable[dict], stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow({column: inert_cell(column, value) for column, value in acled_row(event).items()})
        count += 1
    return count


def write_parquet(events: Iterable[dict], stream: BinaryIO) -> int:
    """ACLED's columns as a Parquet table; each event's sources and reports as JSON text columns."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        from sucesos.errors import ConfigError

        raise ConfigError("parquet export needs pyarrow: pip install pyarrow, or export --format jsonl / acled-csv") from exc
    rows = []
    for event in events:
        row = acled_row(event)
        record = event_record(event)
        row["sources_json"] = json.dumps(record["sources"], ensure_ascii=False)
        row["reports_json"] = json.dumps(record.get("reports") or [], ensure_ascii=False)
        rows.append(row)
    columns = (*ACLED_COLUMNS, "sources_json", "reports_json")
    numeric = {"latitude": pa.float64(), "longitude": pa.float64(), "confidence": pa.float64()}
    integer = ("time_precision", "geo_precision", "fatalities", "injuries", "n_reports", "n_sources", "independent_sources")
    schema = pa.schema([(c, numeric.get(c, pa.int64() if c in integer else pa.string())) for c in columns])
    table = pa.Table.from_pylist(
        [{c: (str(row[c]) if row.get(c) is not None and schema.field(c).type == pa.string() else row.get(c)) for c in columns} for row in rows],
        schema=schema,
    )
    pq.write_table(table, stream)
    return len(rows)


def _range_text(value: list[int] | None) -> str | None:
    if not value:
        return None
    low, high = value
    return str(low) if low == high else f"{low}-{high}"


WRITERS = {"jsonl": write_jsonl, "geojson": write_geojson, "acled-csv": write_acled_csv, "parquet": write_parquet}
