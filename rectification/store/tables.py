"""The store's tables and how to connect to it (SQLAlchemy Core). Alembic revisions under
migrations/ create and change these tables; this module is what they are checked against."""

from __future__ import annotations

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

from ..ledger import STORED_COLUMNS
from ..schema import STATUS_CODES

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


def connect(url: str) -> Engine:
    """An engine for `url`, with SQLite set up for several readers and one careful writer."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60, "isolation_level": None})

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

        return engine
    if url.startswith(("postgresql://", "postgres://")):
        # SQLAlchemy would pick psycopg2, which is not installed; COPY needs psycopg 3 anyway.
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return create_engine(url, pool_pre_ping=True)
