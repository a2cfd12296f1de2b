"""`sucesos user`: analysts who may review events in the web UI."""

from __future__ import annotations

import sys

import typer

from sucesos.cli.common import cli_user, console, db_option, shown_db


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


def register(app: typer.Typer) -> None:
    users = typer.Typer(help="Manage analysts who can sign in to the web UI and review events.", no_args_is_help=True)

    @users.command("add")
    def add(
        username: str = typer.Argument(..., help="Login name (letters, digits, '-', '_', '.')."),
        role: str = typer.Option("analyst", "--role", help="analyst (review events) or admin."),
        password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from the first line of standard input instead of prompting."),
        db: str = db_option(),
    ) -> None:
        """Create a user; the password is stored only as a scrypt hash."""
        from sucesos.store import open_store
        from sucesos.store.users import create_user

        password = _read_password(password_stdin)
        with open_store(db) as store:
            user = create_user(store, username, password, role=role, actor=cli_user())
        console.print(f"user {user.username} ({user.role}) created in {shown_db(db)}", highlight=False)

    @users.command("list")
    def list_command(db: str = db_option()) -> None:
        """List users, their role and whether they are disabled."""
        from sucesos.store import open_store
        from sucesos.store.users import list_users

        with open_store(db) as store:
            for user in list_users(store):
                typer.echo(f"{user['username']}\t{user['role']}\t{'disabled' if user['disabled'] else 'active'}\t{user['created_at']}")

    @users.command("disable")
    def disable(
        username: str = typer.Argument(..., help="The user to disable (their sessions end at once)."),
        db: str = db_option(),
    ) -> None:
        """Disable a user and end their sessions."""
        from sucesos.store import open_store
        from sucesos.store.users import set_disabled

        with open_store(db) as store:
            set_disabled(store, username, True, actor=cli_user())
        console.print(f"user {username} disabled", highlight=False)

    @users.command("token")
    def token(
        username: str = typer.Argument(..., help="The user the token acts as."),
        name: str = typer.Option("api", "--name", help="A label to recognise the token by."),
        db: str = db_option(),
    ) -> None:
        """Create an API token (printed once; send it as 'Authorization: Bearer TOKEN')."""
        from sucesos.store import open_store
        from sucesos.store.users import create_token

        with open_store(db) as store:
            value = create_token(store, username, name)
        typer.echo(value)

    app.add_typer(users, name="user")
