"""`sucesos eval events|places|claims GOLD`: score the pipeline (or a prediction file) against gold."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console

from sucesos.cli.common import console as err_console
from sucesos.cli.common import escape, lexicon_option, model_option, resources_for

GOLD_HELP = (
    "Gold file: JSONL article records with a 'gold' object (the format of the shared dev sets), "
    "or for events an ACLED CSV export (.csv; 'notes' is the text)."
)
PRED_HELP = (
    "Score this prediction JSONL (the `sucesos extract` output shape, one line per gold id) "
    "instead of running the pipeline."
)
LIMIT_HELP = "Evaluate only the first N gold records (in file order)."
JSON_HELP = "Write the full JSON report (figures, counts, per-class scores, definitions) to this file ('-' for stdout)."
FLOOR_HELP = (
    "Check the figures against the floors pinned for this dev set in sucesos/eval/floors.json "
    "(e.g. case2021-task2-dev); exit 1 when one is below."
)
WRITE_PRED_HELP = "Also write the pipeline's predictions as JSONL (rescore them later with --pred)."
COUNTRIES_HELP = (
    "Detect mode: a country coding of gold's place spans (JSONL {id, start, end, text, country}, ISO alpha-3; "
    "e.g. bench/data/cegeomex-dev-countries.jsonl): also report the share of places resolved in the right country."
)
COMPARE_HELP = "An earlier --json report of the same set: show each figure's change since then."


def register(app: typer.Typer) -> None:
    eval_app = typer.Typer(
        help=(
            "Measure extraction quality against annotated gold data: events (ACLED types, places, dates, "
            "fatalities, actor types), places (km error, within 161 km), claims (source/cue/content span overlap). "
            "Prints a table and optionally writes a JSON report. Exit 0 scored, 1 some articles failed or a "
            "figure is below its floor, 2 unusable gold/prediction file or bad options."
        ),
        no_args_is_help=True,
    )

    @eval_app.command("events")
    def eval_events(
        gold: Path = typer.Argument(..., help=GOLD_HELP),
        pred: Path | None = typer.Option(None, "--pred", help=PRED_HELP),
        limit: int | None = typer.Option(None, "--limit", help=LIMIT_HELP),
        json_out: str | None = typer.Option(None, "--json", help=JSON_HELP),
        fmt: str = typer.Option("auto", "--format", help="Gold format: auto (by extension), jsonl or acled-csv."),
        confusion: bool = typer.Option(False, "--confusion", help="Also print the full sub-event-type confusion matrix."),
        floor: str | None = typer.Option(None, "--floor", help=FLOOR_HELP),
        write_pred: Path | None = typer.Option(None, "--write-pred", help=WRITE_PRED_HELP),
        compare: Path | None = typer.Option(None, "--compare", help=COMPARE_HELP),
        lexicon: list[Path] | None = lexicon_option(),
        model: str | None = model_option(),
    ) -> None:
        """Event extraction: per-field accuracy, sub-event-type macro-F1 and confusion (CASE 2021, ACLED CSV)."""
        _run("events", gold, pred=pred, limit=limit, json_out=json_out, fmt=fmt, confusion=confusion,
             floor=floor, write_pred=write_pred, compare=compare, lexicon=lexicon, model=model)

    @eval_app.command("places")
    def eval_places(
        gold: Path = typer.Argument(..., help=GOLD_HELP),
        pred: Path | None = typer.Option(None, "--pred", help=PRED_HELP),
        limit: int | None = typer.Option(None, "--limit", help=LIMIT_HELP),
        json_out: str | None = typer.Option(None, "--json", help=JSON_HELP),
        mode: str = typer.Option(
            "spans", "--mode",
            help="spans: hand the pipeline gold's toponym offsets and score resolution only; "
                 "detect: let it find toponyms too, and also score detection precision/recall.",
        ),
        floor: str | None = typer.Option(None, "--floor", help=FLOOR_HELP),
        write_pred: Path | None = typer.Option(None, "--write-pred", help=WRITE_PRED_HELP),
        compare: Path | None = typer.Option(None, "--compare", help=COMPARE_HELP),
        countries: Path | None = typer.Option(None, "--countries", help=COUNTRIES_HELP),
        lexicon: list[Path] | None = lexicon_option(),
    ) -> None:
        """Geoparsing: share of toponyms within 161 km, median error km; toponym P/R/F1 in detect mode (TR-News, GeoVirus)."""
        _run("places", gold, pred=pred, limit=limit, json_out=json_out, mode=mode, floor=floor,
             write_pred=write_pred, compare=compare, lexicon=lexicon, countries=countries)

    @eval_app.command("claims")
    def eval_claims(
        gold: Path = typer.Argument(..., help=GOLD_HELP),
        pred: Path | None = typer.Option(None, "--pred", help=PRED_HELP),
        limit: int | None = typer.Option(None, "--limit", help=LIMIT_HELP),
        json_out: str | None = typer.Option(None, "--json", help=JSON_HELP),
        floor: str | None = typer.Option(None, "--floor", help=FLOOR_HELP),
        write_pred: Path | None = typer.Option(None, "--write-pred", help=WRITE_PRED_HELP),
        compare: Path | None = typer.Option(None, "--compare", help=COMPARE_HELP),
        lexicon: list[Path] | None = lexicon_option(),
    ) -> None:
        """Attribution: exact-match, 50%-overlap and any-overlap F1 for claim source, cue and content (PolNeAR)."""
        _run("claims", gold, pred=pred, limit=limit, json_out=json_out, floor=floor,
             write_pred=write_pred, compare=compare, lexicon=lexicon)

    @eval_app.command("dedup")
    def eval_dedup(
        gold: Path = typer.Argument(..., help="JSONL of article records, each with a 'group' id (its incident) and optionally a 'gold' coding of the incident."),
        limit: int | None = typer.Option(None, "--limit", help=LIMIT_HELP),
        json_out: str | None = typer.Option(None, "--json", help=JSON_HELP),
        retell: bool = typer.Option(False, "--retell", help="Also ingest every article retold by another outlet (body sentences reordered, seeded) and score whether each pair ends in one event."),
        db: Path | None = typer.Option(None, "--db", help="Keep the store the evaluation builds at this new SQLite file (default: a temporary one)."),
        floor: str | None = typer.Option(None, "--floor", help=FLOOR_HELP),
        lexicon: list[Path] | None = lexicon_option(),
    ) -> None:
        """De-duplication: pairwise and B-cubed P/R/F1, events per incident, the main event's sub-type, municipality, date and conservative toll."""
        _run_dedup(gold, limit=limit, json_out=json_out, retell=retell, db=db, floor=floor, lexicon=lexicon)

    app.add_typer(eval_app, name="eval")


def _run_dedup(gold: Path, *, limit, json_out, retell, db, floor, lexicon) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from sucesos.errors import ConfigError
    from sucesos.eval.floors import check_floors, load_floors
    from sucesos.eval.score_dedup import evaluate_dedup, render_dedup

    out = err_console if json_out == "-" else Console(highlight=False)
    try:
        limits = None
        if floor is not None:
            sets = load_floors()
            if floor not in sets or sets[floor].task != "dedup":
                raise ConfigError(f"no dedup floors pinned for {floor!r}; known: {', '.join(n for n, s in sorted(sets.items()) if s.task == 'dedup')}")
            eval_set = sets[floor]
            variant = ("retell" if retell else "full") if limit is None else "quick"
            if limit is not None and limit != eval_set.quick_limit:
                raise ConfigError(f"floors for {floor} are pinned for the whole file and for --limit {eval_set.quick_limit}")
            limits = eval_set.limits.get(variant) or {}
        with Progress(TextColumn("eval dedup"), BarColumn(), MofNCompleteColumn(), console=err_console, transient=True) as progress:
            bar = progress.add_task("articles", total=None)
            report = evaluate_dedup(
                gold, limit=limit, retell=retell, resources=resources_for(lexicon), db_path=db,
                on_start=lambda total: progress.update(bar, total=total), on_progress=lambda n: progress.advance(bar, n),
            )
    except ConfigError as exc:
        err_console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from None
    failures = check_floors(report["figures"], limits) if limits is not None else []
    report["floor_failures"] = failures
    render_dedup(report, out)
    for failure in failures:
        out.print(f"[red]floor:[/red] {escape(failure)}", highlight=False)
    try:
        if json_out == "-":
            typer.echo(json.dumps(report, ensure_ascii=False, indent=1))
        elif json_out:
            Path(json_out).write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        err_console.print(f"[red]error:[/red] cannot write the report: {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from None
    if failures:
        raise typer.Exit(1)


def _run(
    task: str,
    gold: Path,
    *,
    pred: Path | None,
    limit: int | None,
    json_out: str | None,
    fmt: str = "auto",
    mode: str = "spans",
    confusion: bool = False,
    floor: str | None = None,
    write_pred: Path | None = None,
    compare: Path | None = None,
    lexicon: list[Path] | None = None,
    model: str | None = None,
    countries: Path | None = None,
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from sucesos.errors import ConfigError
    from sucesos.eval.evaluate import evaluate
    from sucesos.eval.floors import check_floors, load_floors, variant_for
    from sucesos.eval.render import render_report

    # With --json - the JSON owns stdout, so the table goes to stderr.
    out = err_console if json_out == "-" else Console(highlight=False)
    try:
        before = _earlier_figures(compare, task) if compare is not None else None
        limits = None
        if floor is not None:
            sets = load_floors()
            if floor not in sets:
                raise ConfigError(f"no floors pinned for {floor!r}; known sets: {', '.join(sorted(sets))}")
            eval_set = sets[floor]
            if eval_set.task != task or (task == "places" and eval_set.mode != mode):
                raise ConfigError(
                    f"floors {floor!r} are for `sucesos eval {eval_set.task}`"
                    + (f" --mode {eval_set.mode}" if eval_set.task == "places" else "")
                )
            limits = eval_set.limits[variant_for(eval_set, limit)]
        with Progress(
            TextColumn(f"eval {task}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=err_console, transient=True,
        ) as progress:
            bar = progress.add_task("articles", total=None)
            report, predictions = evaluate(
                task, gold, pred_path=pred, limit=limit, mode=mode, fmt=fmt,
                resources=resources_for(lexicon, model) if pred is None else None,
                on_start=lambda total: progress.update(bar, total=total),
                on_progress=lambda n: progress.advance(bar, n),
                countries_path=countries,
            )
    except ConfigError as exc:
        err_console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from None
    failures = check_floors(report["figures"], limits) if limits is not None else []
    report["floor_failures"] = failures
    render_report(report, out, confusion=confusion, before=before)
    try:
        if json_out == "-":
            typer.echo(json.dumps(report, ensure_ascii=False, indent=1))
        elif json_out:
            Path(json_out).write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if write_pred is not None and pred is None:
            with Path(write_pred).open("w", encoding="utf-8") as handle:
                for prediction in predictions.values():
                    handle.write(json.dumps(prediction, ensure_ascii=False) + "\n")
    except OSError as exc:
        err_console.print(f"[red]error:[/red] cannot write the report: {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from None
    if failures or report.get("failed"):
        raise typer.Exit(1)


def _earlier_figures(path: Path, task: str) -> dict:
    from sucesos.errors import ConfigError

    try:
        earlier = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read an earlier report to compare with ({exc})") from exc
    if not isinstance(earlier, dict) or earlier.get("task") != task or not isinstance(earlier.get("figures"), dict):
        raise ConfigError(f"{path}: not a `sucesos eval {task} --json` report")
    return earlier["figures"]
