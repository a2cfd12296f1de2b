"""`sucesos places`: geoparsing alone (CONTRACT.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from sucesos.cli.common import console, report_failures, resources_for


def geoparse_articles(articles, resources, *, batch_size: int = 32):
    """(article, places or None, error or None) per article, in order.

    Records with `spans` are resolved directly (no language model needed, any
    language); the others go through the pipeline's `places` component, which
    detects toponyms first.
    """
    from sucesos.pipeline import Pipeline
    from sucesos.places.component import geoparse_with_focus

    detect = [a for a in articles if a.spans is None]
    pipeline = Pipeline(resources, components=("places",)) if detect else None
    extractions = iter(pipeline.extract_many(detect, batch_size=batch_size)) if pipeline else iter(())
    for article in articles:
        if article.spans is not None:
            if not article.text.strip():
                yield article, None, "empty text: nothing to geoparse"
                continue
            try:
                # resolved against the article's focus, as in the pipeline (no language model needed)
                yield article, geoparse_with_focus(article, article.text, None, resources.gazetteer, article.lang)[0], None
            except (ValueError, KeyError, TypeError) as exc:  # a malformed span list: report it, go on
                yield article, None, f"spans: {exc}"
            continue
        extraction = next(extractions)
        yield article, (extraction.places if extraction.error is None else None), extraction.error


def register(app: typer.Typer) -> None:
    @app.command("places")
    def places_command(
        inputs: list[str] = typer.Argument(..., help="JSONL article records (or .txt/.html files, folders). Records may carry `spans`."),
        out: str = typer.Option("-", "--out", "-o", help="Output JSONL: one {id, places} line per input, in order; '-' for stdout."),
        max_bytes: int = typer.Option(10 * 1024 * 1024, "--max-bytes", help="Refuse input records or files larger than this many bytes."),
        lexicon: list[Path] = typer.Option(None, "--lexicon", help="Extra actor/place lexicon YAML merged over the bundled one (repeatable)."),
    ) -> None:
        """Find and resolve place names (geoparsing), offline, with GeoNames data.

        With `spans` ({start, end} offsets) in a record, exactly those toponyms
        are resolved in context, one Place per span with the same offsets;
        otherwise toponyms are detected first. Each Place has name, GeoNames id,
        latitude/longitude, country, ISO3, admin1, admin2, feature and a score.
        Place data: GeoNames (geonames.org, CC BY 4.0).
        """
        from sucesos.ingest.sources import Failure, read_sources

        resources = resources_for(lexicon)
        failures: list[tuple[str, str]] = []
        items = list(read_sources(inputs, max_bytes=max_bytes))
        articles = [item for item in items if not isinstance(item, Failure)]
        results = iter(geoparse_articles(articles, resources))
        stream = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")  # noqa: SIM115
        count = 0
        try:
            from sucesos.cli.progress import progress_bar
            from sucesos.model import to_dict

            with progress_bar("geoparsing", total=len(items)) as advance:
                for item in items:
                    if isinstance(item, Failure):
                        line = {"id": item.input_id, "places": [], "error": item.reason}
                        failures.append((item.input_id, item.reason))
                    else:
                        article, places, error = next(results)
                        line = {"id": article.id, "places": to_dict(places or []), "error": error}
                        if error:
                            failures.append((article.source or article.id, error))
                    stream.write(json.dumps(line, ensure_ascii=False) + "\n")
                    count += 1
                    advance()
        finally:
            if stream is not sys.stdout:
                stream.close()
        report_failures(failures)
        console.print(f"{count} record(s) written to {'stdout' if out == '-' else out}; {len(failures)} failed", highlight=False)
        if failures:
            raise typer.Exit(1)
