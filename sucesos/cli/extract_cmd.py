"""`sucesos extract`: the per-article pipeline, no database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from sucesos.cli.common import (
    article_memory_option, article_seconds_option, console, escape, model_option, report_failures, resources_for, task_size, workers_option,
)  # fmt: skip
from sucesos.distributed.partitions import DEFAULT_FILES_PER_PARTITION


EMPTY_LINE = {"id": None, "lang": None, "events": [], "places": [], "claims": [], "relations": [], "statistics": [], "error": None}


def lexicon_contents(lexicon: list[Path] | None) -> tuple[tuple[str, bytes], ...]:
    """Extra lexicons as (name, bytes), shipped to workers that may not see this disk."""
    from sucesos.errors import ConfigError

    contents = []
    for path in lexicon or []:
        try:
            contents.append((path.name, path.read_bytes()))
        except OSError as exc:
            raise ConfigError(f"cannot read lexicon {path}: {exc.strerror or exc}") from exc
    return tuple(contents)


def run_distributed_extract(inputs, out, *, lexicon, max_bytes, batch_size, scheduler, local_cluster, files_per_partition) -> None:
    from sucesos.cli.progress import progress_bar
    from sucesos.distributed.cluster import dask_client
    from sucesos.distributed.extract import check_output, distributed_extract
    from sucesos.distributed.partitions import find_partitions
    from sucesos.distributed.worker import RunOptions

    check_output(out)
    options = RunOptions(lexicons=lexicon_contents(lexicon), max_bytes=max_bytes, batch_size=batch_size, extract=True, fetch=False)
    total = len(find_partitions(inputs, files_per_partition=files_per_partition))
    with dask_client(scheduler=scheduler, local_cluster=local_cluster) as client, progress_bar("partitions", total=total) as advance:
        summary = distributed_extract(
            client, list(inputs), out, options, files_per_partition=files_per_partition, on_partition=lambda _p: advance()
        )
    for name, reason in summary.failed:
        console.print(f"[red]partition failed[/red] {escape(name)}: {escape(reason)}", highlight=False)
    report_failures(summary.failures)
    console.print(
        f"{summary.partitions} partition(s): {summary.done_now} done now, {summary.done_before} done by an earlier run, "
        f"{len(summary.failed)} failed",
        highlight=False,
    )
    if not summary.complete:
        console.print(f"{out} not written: run the same command again to retry the failed partitions", highlight=False)
        raise typer.Exit(1)
    console.print(f"{summary.articles} article(s) written to {out}; {len(summary.failures)} failed", highlight=False)
    if summary.failures:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_command(
        inputs: list[str] = typer.Argument(..., help="JSONL article records, .txt/.md/.html files, or folders of them."),
        out: str = typer.Option("-", "--out", "-o", help="Output JSONL file (one line per input article, in input order); '-' for stdout."),
        lexicon: list[Path] = typer.Option(None, "--lexicon", help="Extra actor lexicon YAML merged over the bundled one (repeatable)."),
        model: str = model_option(),
        max_bytes: int = typer.Option(10 * 1024 * 1024, "--max-bytes", help="Refuse input files larger than this many bytes."),
        batch_size: int = typer.Option(32, "--batch-size", help="Articles parsed together (spaCy nlp.pipe batch)."),
        workers: int = workers_option(),
        article_seconds: float = article_seconds_option(),
        article_memory: float = article_memory_option(),
        scheduler: str = typer.Option(
            None, "--scheduler", help="Run on an existing Dask cluster at this scheduler address (tcp://host:8786); needs --out FILE."
        ),
        local_cluster: int = typer.Option(
            None, "--local-cluster", help="Run on N local Dask worker processes (one thread each); needs --out FILE. Re-running resumes."
        ),
        files_per_partition: int = typer.Option(
            DEFAULT_FILES_PER_PARTITION,
            "--files-per-partition",
            help="With --scheduler/--local-cluster: loose .txt/.md/.html files per partition (each JSONL or Parquet file is one).",
        ),
    ) -> None:
        """Extract events, places, claims, relations and statistics from articles, without a database.

        URLs in records are never fetched here (use `sucesos ingest`). A failed
        article still gets its output line, with `error` set.

        With --scheduler or --local-cluster, each partition of the archive (a
        JSONL or Parquet file, local or fsspec) is extracted on a Dask worker;
        the output is the same, and a re-run after a crash skips the
        partitions already done.
        """
        if model:
            resources_for(lexicon, model)  # checks the model (exit 2) and hands it to workers
        if scheduler is not None or local_cluster is not None:
            run_distributed_extract(
                inputs, out, lexicon=lexicon, max_bytes=max_bytes, batch_size=batch_size,
                scheduler=scheduler, local_cluster=local_cluster, files_per_partition=files_per_partition,
            )  # fmt: skip
            return
        from sucesos.budget import Budget
        from sucesos.ingest.sources import Failure, read_sources
        from sucesos.pipeline import Pipeline

        pipeline = Pipeline(resources_for(lexicon, model), budget=Budget.from_env(article_seconds, article_memory))
        failures: list[tuple[str, str]] = []
        stream = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")  # noqa: SIM115
        count = 0
        try:
            items = list(read_sources(inputs, max_bytes=max_bytes))
            articles = [item for item in items if not isinstance(item, Failure)]
            from sucesos.parallel import default_workers, extract_parallel

            n_workers, per_task = task_size(len(articles), workers or default_workers(), batch_size)
            extractions = iter(extract_parallel(pipeline, articles, workers=n_workers, batch_size=per_task))
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
                    try:
                        encoded = json.dumps(line, ensure_ascii=False, allow_nan=False)
                        encoded.encode("utf-8")
                    except (ValueError, TypeError, UnicodeError) as exc:
                        # One line that cannot be written is that record's error line, never a half-written file.
                        reason = f"extraction could not be written as JSON ({type(exc).__name__}: {exc})"
                        failures.append((str(line.get("id")), reason))
                        encoded = json.dumps({**EMPTY_LINE, "id": line.get("id"), "error": reason}, ensure_ascii=True, default=str)
                    stream.write(encoded + "\n")
                    count += 1
                    advance()
        finally:
            if stream is not sys.stdout:
                stream.close()
        report_failures(failures)
        console.print(f"{count} article(s) written to {'stdout' if out == '-' else out}; {len(failures)} failed", highlight=False)
        if failures:
            raise typer.Exit(1)
