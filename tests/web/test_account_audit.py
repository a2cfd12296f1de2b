"""Account decisions are audited under who made them: the command-line user for `sucesos user`, the signed-in user for sign-in and sign-out."""

from __future__ import annotations

import getpass

from typer.testing import CliRunner

from sucesos.cli import app
from sucesos.store import open_store
from sucesos.store.audit import audit_entries
from tests.web.conftest import PASSWORD
from tests.web.test_review import csrf_of, sign_in


def _cli_name() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def test_user_commands_audit_the_command_line_user_not_the_account(tmp_path):
    db = str(tmp_path / "accounts.db")
    runner = CliRunner()
    added = runner.invoke(app, ["user", "add", "bea", "--db", db], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert added.exit_code == 0, added.output
    disabled = runner.invoke(app, ["user", "disable", "bea", "--db", db])
    assert disabled.exit_code == 0, disabled.output
    with open_store(db) as store:
        entries = {entry["action"]: entry for entry in audit_entries(store, target="user:bea")}
    assert entries["user.create"]["username"] == _cli_name()
    assert entries["user.disable"]["username"] == _cli_name()


def test_sign_out_is_audited_like_sign_in(web_db):
    from fastapi.testclient import TestClient

    from sucesos.web.app import create_app

    client = TestClient(create_app(web_db))
    sign_in(client)
    answer = client.post("/logout", headers={"x-csrf-token": csrf_of(client)}, follow_redirects=False)
    assert answer.status_code == 303
    with open_store(web_db) as store:
        actions = [(entry["action"], entry["username"]) for entry in audit_entries(store, target="user:ana")]
    assert ("login", "ana") in actions and ("logout", "ana") in actions
