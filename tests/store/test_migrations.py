"""Schema migrations (rectification/store/migrations, run by rectification.store.migrate).

A store made by the previous release (0.1) is kept as a fixture: a SQLite file and the same store
as SQL for PostgreSQL, with what 0.1's own code read from it (tests/fixtures/make_store_fixture.py
made all three, with that release's code). Upgraded, it must read the same with this program.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import inspect, text

from rectification.errors import StoreTooNew
from rectification.store import Store, connect, metadata
from rectification.store.closure import verification_states, verify
from rectification.store.migrate import current_revision, head_revision, upgrade
from rectification.store.roles import members, set_member
from tests.fixtures.make_store_fixture import load_postgresql, reads

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
RELEASE = "0_1"
RELEASE_0_1_SCHEMA = 2  # the schema_info number release 0.1 writes, and the highest it opens


@pytest.fixture
def previous_store(store_url):
    """The URL of a store made by release 0.1, not yet opened by this program."""
    if store_url.startswith("sqlite"):
        shutil.copyfile(FIXTURES / f"store_release_{RELEASE}.sqlite", store_url.removeprefix("sqlite:///"))
    else:
        load_postgresql(store_url, (FIXTURES / f"store_release_{RELEASE}.postgresql.sql").read_text("utf-8"))
    return store_url


@pytest.fixture
def previous_reads():
    """What release 0.1's code read from its store, and the names those reads took."""
    recorded = json.loads((FIXTURES / f"store_release_{RELEASE}.json").read_text("utf-8"))
    return recorded.pop("names"), recorded


@pytest.fixture
def opened():
    """Store.open, with every store it opened closed after the test."""
    engines = []

    def open_(url):
        store = Store.open(url)
        engines.append(store.engine)
        return store

    yield open_
    for engine in engines:
        engine.dispose()


def _differences(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), metadata)


# Fields added to findings since release 0.1: empty in every row that release wrote.
ADDED_FIELDS = (
    "supporting",
    "tasks",
    "deadline_written",
    "milestones",
    "amount",
    "amount_rectified",
)  # 0003, 0004


def _as_release_read_them(found):
    """The reads with the added fields taken out, once each is seen to be empty in every row."""
    for version in found["versions"]:
        # Revision 0005 says how a version's as-of date was decided; older versions cannot.
        assert version.pop("as_of_source") is None
    for frame in found["findings"].values():
        for name in ADDED_FIELDS:
            at = frame["columns"].index(name)
            assert {row[at] for row in frame["rows"]} <= {""}, name
            del frame["columns"][at], frame["dtypes"][at]
            for row in frame["rows"]:
                del row[at]
    return found


def _snapshot(engine):
    """The store's revision, tables and every table's row count."""
    with engine.connect() as conn:
        tables = sorted(inspect(conn).get_table_names())
        counts = {name: conn.execute(text(f"SELECT count(*) FROM {name}")).scalar() for name in tables}
        return current_revision(conn), counts


def test_a_store_made_by_the_previous_release_upgrades_and_reads_the_same(
    previous_store, previous_reads, opened
):
    names, expected = previous_reads
    store = opened(previous_store)
    assert current_revision(store) == head_revision()

    found = _as_release_read_them(reads(store, members, verification_states, **names))
    for what in expected:
        assert found[what] == expected[what], what
    assert _differences(store.engine) == []


def test_the_next_save_after_upgrading_works(previous_store, opened):
    store = opened(previous_store)
    current = store.findings(2)
    changed = current[current["status"] == "in_progress"].head(1).copy()
    changed["status"] = "done"
    changed["completed_on"] = pd.Timestamp(date(2023, 7, 1))
    saved = store.save(
        changed, author="李四", source_file="7月.xlsx", sha256="0" * 64, mode="merge", as_of=date(2023, 7, 31)
    )
    assert (saved.id, saved.parent_id) == (3, 2)
    after = store.findings(3)
    assert after.set_index("id").loc[changed["id"].iloc[0], "status"] == "done"
    assert len(after) == len(current)

    # The append-only logs go on numbering where release 0.1 stopped.
    set_member(store, "viewer@example.org", "viewer", (), by="admin")
    assert [m.identity for m in members(store)] == ["inspector@example.org", "viewer@example.org"]
    assert verify(store, changed["id"].iloc[0], by="inspector@example.org", note="", evidence="").valid


def test_a_store_of_the_previous_release_at_its_first_schema_gets_the_roles_and_closure_tables(
    previous_store, previous_reads, opened
):
    names, expected = previous_reads
    engine = connect(previous_store)
    with engine.begin() as conn:  # what release 0.1 wrote before it had roles and closure
        conn.execute(text("DROP TABLE verifications"))
        conn.execute(text("DROP TABLE role_changes"))
        conn.execute(text("UPDATE schema_info SET version = 1"))
    engine.dispose()

    store = opened(previous_store)
    assert _differences(store.engine) == []
    assert members(store) == []
    assert verification_states(store, 2) == {}
    found = _as_release_read_them(reads(store, members, verification_states, **names))
    for what in ("versions", "findings", "members", "trend", "timeline"):
        assert found[what] == expected[what], what


def test_upgrading_twice_changes_nothing(previous_store, opened):
    store = opened(previous_store)
    once = _snapshot(store.engine)
    assert upgrade(store) == head_revision()
    assert upgrade(store.engine) == head_revision()
    assert _snapshot(store.engine) == once


def test_an_empty_database_upgrades_to_exactly_the_tables_of_tables_py(store_url, opened):
    store = opened(store_url)
    assert current_revision(store.engine) == head_revision()
    assert set(inspect(store.engine).get_table_names()) == {*metadata.tables, "alembic_version"}
    # Fails when tables.py changes without a revision under migrations/versions (or the reverse).
    assert _differences(store.engine) == []
    assert store.version() is None


def test_an_upgraded_store_is_one_the_previous_release_refuses_to_open(previous_store, opened):
    # Release 0.1 reads schema_info on start and refuses a number above its own.
    with opened(previous_store).engine.connect() as conn:
        (found,) = conn.execute(text("SELECT version FROM schema_info")).scalars().all()
    assert found > RELEASE_0_1_SCHEMA


def test_a_store_written_by_a_newer_release_is_refused_and_left_as_it_is(store_url, opened):
    store = opened(store_url)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    before = _snapshot(store.engine)

    with pytest.raises(StoreTooNew) as refused:
        opened(store_url)
    assert (refused.value.key, refused.value.params) == ("store.too_new", {"found": "0999"})
    assert "0999" in refused.value.message("zh") and "0999" in refused.value.message("en")
    assert _snapshot(store.engine) == before


def test_a_store_with_a_schema_number_release_0_1_never_wrote_is_refused(previous_store):
    engine = connect(previous_store)
    with engine.begin() as conn:
        conn.execute(text("UPDATE schema_info SET version = 5"))
    try:
        with pytest.raises(StoreTooNew) as refused:
            upgrade(engine)
        assert refused.value.params == {"found": 5}
        assert current_revision(engine) is None
    finally:
        engine.dispose()


# One app server starting: it signals that it is ready, waits for the others, then opens the store.
_SERVER = """
import sys, time
from pathlib import Path

import alembic.command  # imported before the start, so the servers meet at the store, not at imports
from rectification.store import Store

url, ready, go = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
ready.touch()
while not go.exists():
    time.sleep(0.005)
Store.open(url).engine.dispose()
"""


@pytest.mark.slow
def test_servers_starting_at_once_upgrade_an_empty_store_once(store_url, tmp_path, opened):
    go = tmp_path / "go"
    ready = [tmp_path / f"ready-{i}" for i in range(3)]
    servers = [
        subprocess.Popen(
            [sys.executable, "-c", _SERVER, store_url, str(path), str(go)], cwd=ROOT, stderr=subprocess.PIPE
        )
        for path in ready
    ]
    try:
        deadline = time.monotonic() + 60
        while not all(path.exists() for path in ready) and time.monotonic() < deadline:
            time.sleep(0.01)
        go.touch()
        errors = [server.communicate(timeout=120)[1].decode() for server in servers]
    finally:
        for server in servers:
            server.kill()
    assert [server.returncode for server in servers] == [0, 0, 0], "\n".join(errors)
    counts = {**dict.fromkeys(metadata.tables, 0), "alembic_version": 1, "schema_info": 1}
    assert _snapshot(opened(store_url).engine) == (head_revision(), dict(sorted(counts.items())))
