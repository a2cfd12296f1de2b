"""`sucesos ingest`: sources into the database, extracted."""

from __future__ import annotations

from pathlib import Path

import typer

from sucesos.cli.common import (
    article_memory_option, article_seconds_option, console, db_option, escape, model_option, report_failures, resources_for, shown_db,
    task_size, workers_option,
)  # fmt: skip
from sucesos.distributed.partitions import DEFAULT_FILES_PER_PARTITION


def print_ingest_summary(report, db: str) -> None:
    for input_id, reason in report.warnings:
        console.print(f"[yellow]warning[/yellow] {escape(input_id)}: {escape(reason)}", highlight=False)
    for input_id, reason in report.unsupported:
        console.print(f"[yellow]unsupported[/yellow] {escape(input_id)}: {escape(reason)}", highlight=False)
    report_failures(report.failures)
    console.print(
        f"{len(report.new)} new, {len(report.updated)} updated, {len(report.reextracted)} re-extracted, "
        f"{len(report.unchanged)} unchanged, {len(report.unsupported)} unsupported language, "
        f"{len(report.failures)} failed; {report.events} report(s) of events extracted -> {shown_db(db)}",
        highlight=False,
    )


def run_distributed_ingest(
    sources, db, *, lexicon, no_extract, allow_private, max_bytes, timeout, scheduler, local_cluster, files_per_partition
) -> None:
    from sucesos.cli.extract_cmd import lexicon_contents
    from sucesos.cli.progress import progress_bar
    from sucesos.distributed.cluster import dask_client
    from sucesos.distributed.ingest import distributed_ingest
    from sucesos.distributed.partitions import find_partitions
    from sucesos.distributed.worker import RunOptions
    from sucesos.store import open_store

    options = RunOptions(
        lexicons=lexicon_contents(lexicon), max_bytes=max_bytes, extract=not no_extract, fetch=True,
        allow_private=allow_private, timeout=timeout,
    )  # fmt: skip
    total = len(find_partitions(sources, files_per_partition=files_per_partition))
    with (
        open_store(db) as store,
        dask_client(scheduler=scheduler, local_cluster=local_cluster) as client,
        progress_bar("partitions", total=total) as advance,
    ):
        summary = distributed_ingest(
            client, list(sources), store, options, files_per_partition=files_per_partition, on_partition=lambda _p: advance()
        )
    print_ingest_summary(summary.report, db)
    for name, reason in summary.failed:
        console.print(f"[red]partition failed[/red] {escape(name)}: {escape(reason)}", highlight=False)
    console.print(
        f"{summary.partitions} partition(s): {summary.done_now} done now, {summary.done_before} done by an earlier run, "
        f"{len(summary.failed)} failed",
        highlight=False,
    )
    if not summary.complete:
        console.print("run the same command again to retry the failed partitions", highlight=False)
    if summary.report.failures or not summary.complete:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_command(
        sources: list[str] = typer.Argument(..., help="Files (.txt/.md/.html/.jsonl), folders, page URLs or RSS/Atom feed URLs."),
        db: str = db_option(),
        lexicon: list[Path] = typer.Option(None, "--lexicon", help="Extra actor lexicon YAML merged over the bundled one (repeatable)."),
        no_extract: bool = typer.Option(False, "--no-extract", help="Store articles only; extract later by ingesting again."),
        model: str = model_option(),
        workers: int = workers_option(),
        article_seconds: float = article_seconds_option(),
        article_memory: float = article_memory_option(),
        allow_private: bool = typer.Option(
            False, "--allow-private", help="Allow fetching from loopback, private and link-local addresses (refused by default)."
        ),
        max_bytes: int = typer.Option(10 * 1024 * 1024, "--max-bytes", help="Refuse files and responses larger than this many bytes."),
        timeout: float = typer.Option(15.0, "--timeout", help="Seconds to wait for each URL."),
        scheduler: str = typer.Option(
            None, "--scheduler", help="Extract on an existing Dask cluster at this scheduler address (tcp://host:8786); this process stores."
        ),
        local_cluster: int = typer.Option(
            None, "--local-cluster", help="Extract on N local Dask worker processes (one thread each); this process stores."
        ),
        files_per_partition: int = typer.Option(
            DEFAULT_FILES_PER_PARTITION,
            "--files-per-partition",
            help="With --scheduler/--local-cluster: loose .txt/.md/.html files per partition (each JSONL or Parquet file is one).",
        ),
    ) -> None:
        """Store articles and their extraction in the database. Re-running is safe: stored text is skipped.

        With --scheduler or --local-cluster, the partitions of the archive (JSONL
        or Parquet files, local or fsspec) are read and extracted on Dask workers
        and stored here in input order; a partition done is recorded, so a re-run
        after a crash skips it.
        """
        if model:
            resources_for(lexicon, model)  # checks the model (exit 2) and hands it to workers
        if scheduler is not None or local_cluster is not None:
            run_distributed_ingest(
                sources, db, lexicon=lexicon, no_extract=no_extract, allow_private=allow_private, max_bytes=max_bytes,
                timeout=timeout, scheduler=scheduler, local_cluster=local_cluster, files_per_partition=files_per_partition,
            )  # fmt: skip
            return
        from sucesos.cli.progress import progress_bar
        from sucesos.ingest.batch import ingest_sources
        from sucesos.ingest.sources import count_records
        from sucesos.pipeline import Pipeline
        from sucesos.store import open_store

        from sucesos.parallel import ParallelExtractor, default_workers

        from sucesos.budget import Budget

        pipeline = None if no_extract else Pipeline(resources_for(lexicon, model), budget=Budget.from_env(article_seconds, article_memory))
        total = count_records(sources)
        n_workers, per_task = task_size(total if total is not None else 10**6, workers or default_workers(), 32)
        if pipeline is None:
            n_workers = 1
        with (
            open_store(db) as store,
            ParallelExtractor(pipeline, n_workers, task_size=per_task) as extractor,
            progress_bar("ingesting", total=total) as advance,
        ):
            report = ingest_sources(
                sources, store, extractor if pipeline is not None else None, allow_private=allow_private, max_bytes=max_bytes,
                timeout=timeout, on_progress=advance, batch_size=per_task * n_workers * 2 if n_workers > 1 else 32,
            )  # fmt: skip
        print_ingest_summary(report, db)
        if report.failures:
            raise typer.Exit(1)
