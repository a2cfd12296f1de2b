"""The bundled demo: the founding article plus a few invented example reports."""

from __future__ import annotations

import json
from importlib import resources

from sucesos.ingest.records import article_from_record
from sucesos.model import Article


def demo_articles() -> list[Article]:
    """Articles of `sucesos/data/demo/articles.jsonl` (a `file` key names a bundled text file)."""
    folder = resources.files("sucesos.data.demo")
    articles = []
    for line_number, line in enumerate(folder.joinpath("articles.jsonl").read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        file_name = record.pop("file", None)
        if file_name:
            record["text"] = folder.joinpath(file_name).read_text(encoding="utf-8")
        articles.append(article_from_record(record, line=line_number, source=f"demo:{record.get('id')}"))
    return articles
