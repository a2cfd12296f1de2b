"""Shared fixtures. Models and the gazetteer load once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_ARTICLE = SHARED / "seeds" / "000_15070e05a1ecf802.txt"


@pytest.fixture(scope="session")
def resources():
    from sucesos.pipeline import Resources

    return Resources()


@pytest.fixture(scope="session")
def pipeline(resources):
    from sucesos.pipeline import Pipeline

    return Pipeline(resources)


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The founding article. Bundled with the demo too, so it is always here."""
    from importlib import resources as res

    return res.files("sucesos.data.demo").joinpath("000_15070e05a1ecf802.txt").read_text(encoding="utf-8")


@pytest.fixture
def extract(pipeline):
    """extract(text, **article_fields) -> Extraction"""
    from sucesos.model import Article

    def run(text: str, **fields):
        fields.setdefault("id", "t")
        return pipeline.extract(Article(text=text, **fields))

    return run


# -- PostgreSQL -------------------------------------------------------------
# `.ci/run` starts PostgreSQL on 127.0.0.1 and sets SUCESOS_TEST_PG to a URL
# whose role may create databases; each test gets a fresh database of its own.


@pytest.fixture
def pg_url():
    import os
    import uuid

    base = os.environ.get("SUCESOS_TEST_PG")
    if not base:
        if os.environ.get("CI"):
            raise RuntimeError("SUCESOS_TEST_PG is not set: .ci/run must start PostgreSQL")
        pytest.skip("PostgreSQL not configured (set SUCESOS_TEST_PG=postgresql://user:pass@127.0.0.1/db)")
    import psycopg

    name = f"sucesos_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    url = base.rsplit("/", 1)[0] + "/" + name
    yield url
    import time

    # FORCE may not end a backend of another role (an autovacuum worker that
    # happens to be on the new database): wait for it and try again.
    for attempt in range(10):
        try:
            with psycopg.connect(base, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            return
        except psycopg.errors.InsufficientPrivilege:
            if attempt == 9:
                raise
            time.sleep(0.5)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request, tmp_path):
    """A fresh database of each backend: the same test runs on both."""
    if request.param == "sqlite":
        return str(tmp_path / "s.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def site():
    """A web site on 127.0.0.1 (see tests/loopback.py)."""
    from tests.loopback import serve_site

    with serve_site() as state:
        yield state
