"""Write stored events in the formats analysts load elsewhere.

Each exported event carries its sources (the article it came from: id, url,
outlet, title, published) so a row can always be traced back.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

FORMATS = ("jsonl", "geojson", "acled-csv")

# ACLED's export columns we can fill, in ACLED's order, plus our provenance.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    "injuries", "tactics", "modality", "confidence", "source_urls", "article_ids",
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
    """The exported shape of one stored event (CONTRACT Event + sources)."""
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


def write_acled_csv(events: Iterable[dict], stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for event in events:
        record = event_record(event)
        sources = record["sources"]
        writer.writerow(
            {
                **{key: record.get(key) for key in ACLED_COLUMNS if key in record},
                "event_id_cnty": f"SUC{event['id']}",
                "year": (record["event_date"] or "")[:4] or None,
                "disorder_type": DISORDER.get(record["event_type"] or ""),
                "iso": record["iso3"],
                "source": "; ".join(s["outlet"] or s["url"] or s["article_id"] for s in sources),
                "notes": event.get("sentence_text"),
                "tactics": "; ".join(record["tactics"] or []),
                "source_urls": " ".join(s["url"] for s in sources if s.get("url")),
                "article_ids": " ".join(s["article_id"] for s in sources),
            }
        )
        count += 1
    return count


WRITERS = {"jsonl": write_jsonl, "geojson": write_geojson, "acled-csv": write_acled_csv}
