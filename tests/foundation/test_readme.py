"""Docs as tests: the README's commands exist with the options it shows, its
read-side tour runs on a small store, and its Python snippet runs."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import typer
from typer.testing import CliRunner

from sucesos.cli import app

README = Path(__file__).resolve().parents[2] / "README.md"


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def _commands() -> list[list[str]]:
    """Every `sucesos ...` invocation in the README's bash blocks, as argv (comments and `&&` chains split)."""
    found = []
    for block in _blocks("bash"):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            for part in line.split("&&"):
                words = shlex.split(part.strip().replace("[", "").replace("]", ""))
                if words and words[0].endswith("sucesos"):
                    found.append(words[1:])
    return found


def _resolve(argv: list[str]):
    command = typer.main.get_command(app)
    rest = list(argv)
    while hasattr(command, "commands") and rest and rest[0] in command.commands:
        command = command.commands[rest.pop(0)]
    return command, rest


def test_every_readme_command_and_option_exists():
    commands = _commands()
    assert len(commands) >= 20  # the tour, the eval and train blocks
    wrong = []
    for argv in commands:
        command, rest = _resolve(argv)
        if hasattr(command, "commands") and not command.invoke_without_command:
            wrong.append(f"sucesos {' '.join(argv)}: no such command")
            continue
        options = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
        wrong += [f"sucesos {' '.join(argv)}: no option {word}" for word in rest if word.startswith("--") and word.split("=")[0] not in options]
    assert wrong == []


def test_the_readme_read_tour_runs_on_a_small_store(tmp_path):
    from tests.web.conftest import build_db

    db = build_db(tmp_path / "tour.db")
    runner = CliRunner()
    tour = [argv for argv in _commands() if argv and argv[0] in ("events", "actor", "export") or argv[:2] == ["cluster", "show"]]
    assert {argv[0] for argv in tour} >= {"events", "actor", "export", "cluster"}
    for argv in tour:
        argv = [str(tmp_path / word) if word.endswith((".csv", ".jsonl", ".geojson")) else word for word in argv]
        result = runner.invoke(app, [*argv, "--db", db])
        assert result.exit_code == 0, f"sucesos {' '.join(argv)}: {result.output}"


def test_the_readme_tour_adds_its_user_and_saved_search(tmp_path):
    """The tour's writing commands that need no model or network: `user add` (password typed twice) and `search add`."""
    from sucesos.store.store import open_store
    from sucesos.store.users import list_users

    db = str(tmp_path / "tour.db")
    open_store(db).close()
    runner = CliRunner()
    writes = [argv for argv in _commands() if argv[:2] in (["user", "add"], ["search", "add"])]
    assert {tuple(argv[:2]) for argv in writes} == {("user", "add"), ("search", "add")}
    for argv in writes:
        result = runner.invoke(app, [*argv, "--db", db], input="a long passphrase\na long passphrase\n")
        assert result.exit_code == 0, f"sucesos {' '.join(argv)}: {result.output}"
    (user,) = [argv[2] for argv in writes if argv[0] == "user"]
    (search,) = [argv[2] for argv in writes if argv[0] == "search"]
    with open_store(db) as store:
        assert user in {u["username"] for u in list_users(store)}
        assert store.conn.execute("SELECT 1 FROM saved_searches WHERE name = ?", (search,)).fetchone()


def test_the_readme_python_snippet_runs():
    (snippet,) = [block for block in _blocks("python") if "Pipeline" in block]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(snippet, "README.md", "exec"), {})  # noqa: S102 - our own README
    from sucesos.taxonomy import SUB_EVENT_TYPES

    assert printed.getvalue().split()[0] in {word.split()[0] for word in SUB_EVENT_TYPES}


def test_the_readme_tour_extracts_geoparses_and_ingests_local_files(tmp_path, monkeypatch):
    """The tour's first commands, as written, on files of our own: `extract`, `places` and
    `ingest` (its feed URL left out: no network in tests; the PostgreSQL/Dask line is docs/distributed.md's)."""
    import json

    from sucesos.store.store import open_store

    story = "Gunmen killed two police officers in Uruapan, Michoacán, on Monday, state officials said."
    (tmp_path / "article.txt").write_text(story, encoding="utf-8")
    record = {"id": "r1", "text": "Hombres armados asesinaron a un comerciante en Zamora, Michoacán, este martes.", "lang": "es", "published": "2024-03-12"}
    (tmp_path / "reports.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "uruapan.txt").write_text(story, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    tour = [argv for argv in _commands() if argv and argv[0] in ("extract", "places", "ingest") and "--db" not in argv and "gold.jsonl" not in argv and "--model" not in argv]
    assert [argv[0] for argv in tour] == ["extract", "places", "ingest"]
    runner = CliRunner()
    for argv in tour:
        argv = [word for word in argv if not word.startswith("http")]
        result = runner.invoke(app, argv)
        assert result.exit_code == 0, f"sucesos {' '.join(argv)}: {result.output}"
    found = [json.loads(line) for line in (tmp_path / "found.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(found) == 2 and all(extraction["events"] for extraction in found)
    places = (tmp_path / "places.jsonl").read_text(encoding="utf-8")
    assert "Zamora" in places
    with open_store(str(tmp_path / "sucesos.db")) as store:
        assert store.counts()["reports"] >= 1
