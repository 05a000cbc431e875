"""Faults of the machine, made for the tests: a read-only store, a full disk, a PostgreSQL server
nobody listens on, a value PostgreSQL will not take. Each is made as it happens where it can be
(SQLite really refusing to write, really running out of pages), and mocked only at the driver's
boundary where it cannot.

Tests may run as root, whom file permissions do not stop: there a read-only store is opened with
SQLite's own read-only mode (`?mode=ro`) instead of by chmod, and says so in its name; nothing is
skipped for it.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event

from rectification.service import open_store
from rectification.settings import load_settings
from rectification.store import tables

PASSWORD = "Pa55-w0rd-never-shown"  # in every URL of these tests; no output may hold it
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
# A sheet that changes the sample's ZZ-01, so importing it must write a new version.
CHANGED_CSV = (
    "编号,问题类别,问题描述,责任部门,整改时限,整改进展,整改状态\n"
    "ZZ-01,政治建设,学习方式相对单一，氛围不够浓厚,党政办公室,2024-06-30,已完成专题学习,已完成\n"
).encode()


def store_with_sample(path: Path) -> str:
    """A new SQLite store at `path` holding the sample as version 1; its URL."""
    url = f"sqlite:///{path}"
    store = open_store(replace(load_settings(), database_url=url))
    store.engine.dispose()
    return url


@contextmanager
def read_only_store(folder: Path, prepare: Callable[[str], None] | None = None) -> Iterator[tuple[str, Path]]:
    """A store holding the sample (and what `prepare` adds, given its URL) that this process can
    read but not write, and its file. Its file and folder are made read-only; for root, it is
    opened with SQLite's read-only mode instead."""
    folder.mkdir()
    path = folder / "store.sqlite"
    url = store_with_sample(path)
    if prepare is not None:
        prepare(url)
    if AS_ROOT:
        yield f"sqlite:///file:{path}?mode=ro&uri=true", path
        return
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        yield url, path
    finally:  # pytest must be able to remove it
        folder.chmod(0o755)
        path.chmod(0o644)


def fill_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on every SQLite store this process opens is on a full disk: it may not grow by a
    page (PRAGMA max_page_count), so SQLite itself refuses a write with "database or disk is
    full" (SQLITE_FULL), as it does when the disk has no room."""

    def capped(*args: object, **kwargs: object):
        engine = create_engine(*args, **kwargs)
        if engine.dialect.name == "sqlite":

            @event.listens_for(engine, "connect")
            def _full(dbapi_connection, _record) -> None:
                pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
                dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

        return engine

    monkeypatch.setattr(tables, "create_engine", capped)


def unreachable_url() -> str:
    """A PostgreSQL URL, with a password, on a local port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"postgresql+psycopg://rectifier:{PASSWORD}@127.0.0.1:{port}/ledger"


def postgresql_url() -> str:
    """The test server's URL (TEST_DATABASE_URL) with an empty store; skipped loudly without one,
    and failed in CI, as tests/store/conftest.py does."""
    from tests.store.conftest import _drop_store

    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        reason = (
            "PostgreSQL fault tests need TEST_DATABASE_URL "
            "(run: export TEST_DATABASE_URL=$(.ci/start-postgres))"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(f"SKIPPED LOUDLY: {reason}")
    engine = create_engine(url)
    _drop_store(engine)
    engine.dispose()
    return url


def postgresql_url_with_password() -> str:
    """The test server's database (TEST_DATABASE_URL), empty, reached as a role whose password is
    PASSWORD: what every page must then never show."""
    from sqlalchemy.engine import make_url

    url = postgresql_url()
    engine = create_engine(url)
    with engine.begin() as conn:
        if conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = 'rectifier'").first() is None:
            conn.exec_driver_sql(f"CREATE ROLE rectifier LOGIN PASSWORD '{PASSWORD}'")
        conn.exec_driver_sql("GRANT USAGE, CREATE ON SCHEMA public TO rectifier")
    engine.dispose()
    return make_url(url).set(username="rectifier", password=PASSWORD).render_as_string(hide_password=False)


def wrong_password(url: str) -> str:
    """`url` with PASSWORD in place of its password: the server refuses the sign-in."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(password=PASSWORD).render_as_string(hide_password=False)
