"""The store's tables and how to connect to it (SQLAlchemy Core). Alembic revisions under
migrations/ create and change these tables; this module is what they are checked against."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
)
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DisconnectionError

from ..errors import StoreReadOnly
from ..ledger import STORED_COLUMNS
from ..schema import STATUS_CODES
from .faults import refusal_for

STORED_FIELDS = STORED_COLUMNS
DATE_FIELDS = ("deadline", "completed_on")

metadata = MetaData()
# Release 0.1's schema number, no longer read by this program (alembic_version says which schema a
# store has). Kept at 3 so that release 0.1, which refuses a number above its own 2, never writes into
# a store it does not understand (revision 0002).
schema_info = Table("schema_info", metadata, Column("version", Integer, nullable=False))
versions = Table(
    "versions",
    metadata,
    # Numbered by the writer under its lock, not by a sequence: an aborted import must not
    # leave a gap in the numbers people quote ("第3版").
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("author", Text, nullable=False),
    Column("source_file", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("mode", String(16), nullable=False),
    Column("note", Text, nullable=False),
    Column("as_of", Date),
    # How the as-of date was decided: "sheet" (its 填报时间/截至), "current" (a merge without one
    # keeps the ledger's), "today" (a replacement without one), "set" (by the person saving),
    # "restored"; NULL in versions saved before revision 0005.
    Column("as_of_source", String(16)),
    Column("parent_id", Integer),
    Column("total", Integer, nullable=False),
    *(Column(code, Integer, nullable=False) for code in STATUS_CODES),
    Column("overdue", Integer, nullable=False),
)
finding_contents = Table(
    "finding_contents",
    metadata,
    Column("digest", String(32), primary_key=True),
    *(
        Column(name, Date if name in DATE_FIELDS else Boolean if name == "status_inferred" else Text)
        for name in STORED_FIELDS
    ),
)
version_findings = Table(
    "version_findings",
    metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("finding_id", Text, nullable=False),
    Column("digest", String(32), ForeignKey("finding_contents.digest"), nullable=False),
    # Copies of two fields so trends and scoped counts are one GROUP BY, without the join.
    Column("status", String(16), nullable=False),
    Column("department", Text, nullable=False),
    Index("ix_version_findings_finding", "finding_id", "version_id"),
)


# The role table as an append-only log: the current role of an identity is its latest entry
# (role NULL = removed), so who granted what, and when, is never lost.
role_changes = Table(
    "role_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("changed_by", Text, nullable=False),
    Column("identity", Text, nullable=False, index=True),
    Column("role", String(16)),
    Column("departments", Text, nullable=False),
)
# Closure verifications (销号): an inspector vouches for one finding's content (its digest).
# A later version that changes the finding no longer matches, which clears the verification.
verifications = Table(
    "verifications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("finding_id", Text, nullable=False, index=True),
    Column("digest", String(32), ForeignKey("finding_contents.digest"), nullable=False),
    Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
    Column("verified_at", DateTime(timezone=True), nullable=False),
    Column("verified_by", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("evidence", Text, nullable=False),
)


# Which departments reported in a version, and on which date: a merge's departments (those
# leading its rows or measures), every department of a replacement. A department's last report
# date is its latest row here.
department_reports = Table(
    "department_reports",
    metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), primary_key=True),
    Column("department", Text, primary_key=True),
    Column("reported_on", Date, nullable=False),
)
# Deadline moves (延期申请), one row per measure moved, saved with the version that moved it.
# `needs_approval`: an uploader moved an open measure's deadline later; until an inspector or
# admin approves it, the deadline before it (old_*) stands for warnings and overdue.
extensions = Table(
    "extensions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("finding_id", Text, nullable=False, index=True),
    Column("measure_id", Text, nullable=False),
    Column("department", Text, nullable=False),
    Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
    Column("requested_at", DateTime(timezone=True), nullable=False),
    Column("requested_by", Text, nullable=False),
    Column("old_deadline", Date),
    Column("old_term", Text, nullable=False),
    Column("new_deadline", Date),
    Column("new_term", Text, nullable=False),
    Column("later", Boolean, nullable=False),
    Column("needs_approval", Boolean, nullable=False),
    Column("reason", Text, nullable=False),
)
# Decisions on extensions ("approved", "rejected"), appended: an extension's state is its latest.
extension_decisions = Table(
    "extension_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("extension_id", Integer, ForeignKey("extensions.id"), nullable=False, index=True),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("decided_by", Text, nullable=False),
    Column("decision", String(16), nullable=False),
    Column("note", Text, nullable=False),
)
# Problems reopened after closure (回头看, 问题反弹): the reopening holds for the content it was made
# on, as a verification does; a later report of the problem (a new digest) ends it.
reopenings = Table(
    "reopenings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("finding_id", Text, nullable=False, index=True),
    Column("digest", String(32), ForeignKey("finding_contents.digest"), nullable=False),
    Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
    Column("reopened_at", DateTime(timezone=True), nullable=False),
    Column("reopened_by", Text, nullable=False),
    Column("reason", Text, nullable=False),
)
# What each version changed quietly (变化核查), found when it was saved (quiet_changes.py).
quiet_changes = Table(
    "quiet_changes",
    metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("kind", String(24), nullable=False),
    Column("finding_id", Text, nullable=False),
    Column("measure_id", Text, nullable=False),
    Column("department", Text, nullable=False),
    Column("before", Text, nullable=False),
    Column("after", Text, nullable=False),
)

# Chasing (issue 16, revision 0006). The departments' contacts, a log keyed by (department, role):
# the latest entry holds, one whose `removed` is set takes the contact out.
contact_changes = Table(
    "contact_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("changed_by", Text, nullable=False),
    Column("department", Text, nullable=False, index=True),
    Column("role", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("email", Text, nullable=False),
    Column("robot", String(16), nullable=False),
    Column("webhook", Text, nullable=False),
    Column("secret", Text, nullable=False),
    Column("removed", Boolean, nullable=False),
)
# Every reminder sent or failed: to whom, by which channel, for which measures, and the key that
# keeps one from going twice a day (sent_on, department, level, role, channel, recipient).
reminders = Table(
    "reminders",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sent_on", Date, nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("by", Text, nullable=False),
    Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
    Column("department", Text, nullable=False),
    Column("level", String(8), nullable=False),
    Column("role", String(16), nullable=False),
    Column("channel", String(8), nullable=False),
    Column("recipient", Text, nullable=False),
    Column("status", String(8), nullable=False),  # "sent" or "failed"
    Column("attempts", Integer, nullable=False),
    Column("error_kind", String(16), nullable=False),  # sending.FAILURES, "" when sent
    Column("error", Text, nullable=False),
    Column("measures", Text, nullable=False),  # the measure ids, one a line
    Column("problems", Text, nullable=False),  # their problems' ids, one a line
)
# A copy being sent or sent today, claimed before it is sent: two runs at once (the timer and an
# inspector's click) cannot both send it. A failed copy's claim is given back for the next run.
reminder_claims = Table(
    "reminder_claims",
    metadata,
    Column("sent_on", Date, primary_key=True),
    Column("department", Text, primary_key=True),
    Column("level", String(8), primary_key=True),
    Column("role", String(16), primary_key=True),
    Column("channel", String(8), primary_key=True),
    Column("recipient", Text, primary_key=True),
    Column("claimed_at", DateTime(timezone=True), nullable=False),
)


def connect(url: str) -> Engine:
    """An engine for `url`, with SQLite set up for several readers and one careful writer. Every
    fault of the database it meets is raised as the refusal naming its cause (`faults`)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60, "isolation_level": None})

        @event.listens_for(engine, "do_connect")
        def _open(dialect: Any, record: Any, cargs: list, cparams: dict) -> Any:
            return _open_sqlite(dialect.loaded_dbapi, record, cargs, cparams)

        @event.listens_for(engine, "checkout")
        def _mended(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
            # A connection opened immutable, for a folder nobody could write, is given up once the
            # folder can be written again: the pool opens a usual one, and saving works at once.
            if (folder := record.info.get("immutable")) and os.access(folder, os.W_OK):
                raise DisconnectionError("the data folder can be written again")

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=60000"):
                cursor.execute(f"PRAGMA {pragma}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection: Connection) -> None:
            # A writer takes the write lock at BEGIN, so the current version it merges onto
            # cannot change under it; readers keep deferred transactions and never wait.
            immediate = connection.get_execution_options().get("writer", False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    else:
        if url.startswith(("postgresql://", "postgres://")):
            # SQLAlchemy would pick psycopg2, which is not installed; COPY needs psycopg 3 anyway.
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        engine = create_engine(url, pool_pre_ping=True)

    @event.listens_for(engine, "handle_error")
    def _said(context: ExceptionContext) -> BaseException | None:
        if context.is_pre_ping:
            return None  # the pool opens a new connection itself; only what reaches a caller is said
        refusal = refusal_for(context.original_exception, engine.url)
        if isinstance(refusal, StoreReadOnly) and engine.dialect.name == "sqlite":
            # SQLite decides read-only once per connection: drop the pool, so that once the
            # permissions are mended the next connection can write, without a restart.
            context.is_disconnect = True
        return refusal

    return engine


def read_only(engine: Engine) -> bool:
    """Whether the store can only be read, as far as can be told without writing: a SQLite file
    opened read-only (asked for, or the file or its folder not writable), a PostgreSQL session
    that is read-only (a standby, or default_transaction_read_only). A save still finds out
    for itself; this is for telling people before they try."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            return bool(conn.connection.info.get("read_only"))
        if engine.dialect.name == "postgresql":
            return conn.exec_driver_sql("SHOW transaction_read_only").scalar() == "on"
    return False


def _open_sqlite(dbapi: Any, record: Any, cargs: list, cparams: dict) -> Any:
    """A SQLite connection, and where only reading is possible, one that can read. A WAL
    database in a folder nobody may write cannot even be read as usual (SQLite must create its
    -shm file there: SQLITE_READONLY_DIRECTORY): it is opened immutable instead, which reads the
    file as it stands. That is safe there, since no writer can change it without that folder,
    and done only when no -wal file holds changes not yet in the database file."""
    record.info["immutable"] = None
    connection = dbapi.connect(*cargs, **cparams)
    name = str(cargs[0]) if cargs else ""
    asked_read_only = "mode=ro" in name or "immutable=1" in name
    file = Path(name.removeprefix("file:").split("?", 1)[0])
    try:
        connection.execute("PRAGMA schema_version").fetchone()
    except dbapi.OperationalError as error:
        wal = file.with_name(file.name + "-wal")
        folder_read_only = getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY_DIRECTORY"
        if not folder_read_only or not file.is_file() or (wal.exists() and wal.stat().st_size):
            connection.close()
            raise
        connection.close()
        immutable = f"{file.resolve().as_uri()}?mode=ro&immutable=1"
        connection = dbapi.connect(immutable, **{**cparams, "uri": True})
        record.info["immutable"] = str(file.resolve().parent)
        asked_read_only = True
    record.info["read_only"] = asked_read_only or (file.is_file() and not os.access(file, os.W_OK))
    return connection
