"""Each store test runs against SQLite and against a real PostgreSQL server.

PostgreSQL comes from TEST_DATABASE_URL (`.ci/start-postgres` starts Debian's server and prints
it). Without it the PostgreSQL half is skipped on a developer's machine, loudly, and fails in CI.
"""

import os
from dataclasses import replace

import pytest
from sqlalchemy import create_engine

from rectification.access import ALL_DEPARTMENTS, Identity
from rectification.service import open_store
from rectification.settings import load_settings
from rectification.store import Store, metadata
from rectification.store.roles import set_member
from tests.builders import ledger

ADMIN = Identity("管理员", "admin", frozenset({ALL_DEPARTMENTS}))


BASE = ledger(
    ["A1", "党建", "学习不深入", "办公室", "2024-06-30", "已制定计划", "已完成"],
    ["A2", "党建", "制度不完善", "办公室", "2024-04-30", "正在修订", "推进中"],
    ["B1", "作风", "公车管理不规范", "财务科", "长期坚持", "持续加强", "长期坚持"],
)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        reason = (
            "PostgreSQL store tests need TEST_DATABASE_URL "
            "(run: export TEST_DATABASE_URL=$(.ci/start-postgres))"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(f"SKIPPED LOUDLY: {reason}")
    engine = create_engine(url)
    _drop_store(engine)
    yield url
    _drop_store(engine)
    engine.dispose()


def _drop_store(engine):
    """Every table of a store: ours, and Alembic's alembic_version, which `metadata` does not hold
    (left behind, it would tell the next test's store that its tables are there already)."""
    metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


@pytest.fixture
def store(store_url):
    opened = Store.open(store_url)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def signed_in_store(store_url, capsys, monkeypatch):
    """A store in oidc mode with one person per role; the command line acts as --user."""
    monkeypatch.setenv("RECTIFICATION_AUTH", "oidc")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    store = open_store(replace(load_settings(), database_url=store_url))
    for name, role, departments in (
        ("leader", "viewer", ()),
        ("inspector", "inspector", ()),
        ("land", "uploader", ("土地收购储备中心",)),
        ("admin", "admin", ()),
    ):
        set_member(store, name, role, departments, by="setup")
    store.engine.dispose()
    return store_url
