"""Bringing a store's schema up to this program's: the Alembic revisions under migrations/.

`upgrade` runs on every start (`Store.open`). It takes the store's writer lock first (SQLite BEGIN
IMMEDIATE, PostgreSQL an advisory lock), so two app servers starting at once take turns: the
second finds the store at head and does nothing. All revisions run in that one transaction.

Three kinds of store arrive here:
- empty: every revision runs, 0001 creates the tables;
- made by release 0.1 (no alembic_version, `schema_info` 1 or 2): 0001 keeps its tables, creates
  the ones a version-1 store lacks, and the later revisions run as for any store;
- made by this program or an older one (alembic_version known here): the revisions it lacks run.
A store whose alembic_version this program does not know was written by a newer release: refused
with StoreTooNew, untouched.

Alembic is driven from code (no alembic.ini): `script_location` is this package's migrations/
folder, so an installed wheel migrates just as the source tree does. A new revision:
`python -c "from alembic import command; from rectification.store.migrate import alembic_config;
command.revision(alembic_config(), 'what changes', rev_id='0003')"`, then write its upgrade().
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from ..errors import StoreTooNew

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from .versions import Store

MIGRATIONS = Path(__file__).resolve().with_name("migrations")
_RELEASE_0_1_SCHEMAS = (1, 2)  # the schema_info numbers release 0.1 wrote
# Alembic's `op` and `context` are module-wide proxies, so one upgrade at a time in a process (the
# pages' sessions run in threads); the writer lock then serialises the processes. Always this lock
# first, then the writer lock: never the other way round.
_ONE_UPGRADE_PER_PROCESS = threading.Lock()


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for the store, with `connection` for env.py to migrate."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest revision this program knows."""
    head = _scripts().get_current_head()
    assert head is not None, "migrations/versions holds no revision"
    return head


def current_revision(target: Engine | Store | Connection) -> str | None:
    """The store's revision; None for an empty store or one made by release 0.1."""
    if isinstance(target, Connection):
        return _current(target)
    with _engine(target).connect() as conn:
        return _current(conn)


def upgrade(target: Engine | Store) -> str:
    """Bring the store to the head revision under its writer lock; returns that revision.
    Raises StoreTooNew, changing nothing, for a store written by a newer release."""
    from .versions import Store

    store = target if isinstance(target, Store) else Store(target)
    head = head_revision()
    if current_revision(store) == head:
        return head  # the usual start: no lock taken, so no wait behind a long import
    with _ONE_UPGRADE_PER_PROCESS, store._writing() as conn:
        # Read again under the lock: another server may have upgraded the store meanwhile.
        _refuse_newer(conn, _current(conn))
        from alembic import command

        command.upgrade(alembic_config(conn), "head")
    return head


def _refuse_newer(conn: Connection, current: str | None) -> None:
    if current is not None:
        if current not in {script.revision for script in _scripts().walk_revisions()}:
            raise StoreTooNew("store.too_new", found=current)
        return
    if "schema_info" in inspect(conn).get_table_names():
        found = conn.execute(text("SELECT max(version) FROM schema_info")).scalar()
        if found is not None and found not in _RELEASE_0_1_SCHEMAS:
            raise StoreTooNew("store.too_new", found=found)


def _current(conn: Connection) -> str | None:
    from alembic.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _engine(target: Engine | Store) -> Engine:
    return target if isinstance(target, Engine) else target.engine
