"""Exports of stored events: JSONL, GeoJSON, ACLED-layout CSV."""
