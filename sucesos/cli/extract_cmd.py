"""`sucesos extract`: the per-article pipeline, no database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from sucesos.cli.common import console, report_failures, resources_for


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_command(
        inputs: list[str] = typer.Argument(..., help="JSONL article records, .txt/.md/.html files, or folders of them."),
        out: str = typer.Option("-", "--out", "-o", help="Output JSONL file (one line per input article, in input order); '-' for stdout."),
        lexicon: list[Path] = typer.Option(None, "--lexicon", help="Extra actor lexicon YAML merged over the bundled one (repeatable)."),
        max_bytes: int = typer.Option(10 * 1024 * 1024, "--max-bytes", help="Refuse input files larger than this many bytes."),
        batch_size: int = typer.Option(32, "--batch-size", help="Articles parsed together (spaCy nlp.pipe batch)."),
    ) -> None:
        """Extract events, places, claims, relations and statistics from articles, without a database.

        URLs in records are never fetched here (use `sucesos ingest`). A failed
        article still gets its output line, with `error` set.
        """
        from sucesos.ingest.sources import Failure, read_sources
        from sucesos.pipeline import Pipeline

        pipeline = Pipeline(resources_for(lexicon))
        failures: list[tuple[str, str]] = []
        stream = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")  # noqa: SIM115
        count = 0
        try:
            items = list(read_sources(inputs, max_bytes=max_bytes))
            articles = [item for item in items if not isinstance(item, Failure)]
            extractions = iter(pipeline.extract_many(articles, batch_size=batch_size))
            from sucesos.cli.progress import progress_bar

            with progress_bar("extracting", total=len(items)) as advance:
                for item in items:
                    if isinstance(item, Failure):
                        line = {"id": item.input_id, "lang": None, "events": [], "places": [], "claims": [], "relations": [], "statistics": [], "error": item.reason}
                        failures.append((item.input_id, item.reason))
                    else:
                        extraction = next(extractions)
                        line = extraction.to_dict()
                        if extraction.error:
                            failures.append((item.source or item.id, extraction.error))
                    stream.write(json.dumps(line, ensure_ascii=False) + "\n")
                    count += 1
                    advance()
        finally:
            if stream is not sys.stdout:
                stream.close()
        report_failures(failures)
        console.print(f"{count} article(s) written to {'stdout' if out == '-' else out}; {len(failures)} failed", highlight=False)
        if failures:
            raise typer.Exit(1)
