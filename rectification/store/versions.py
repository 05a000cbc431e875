"""The store: every accepted ledger is a new version, kept for ever (SQLAlchemy Core).

SQLite under data/ by default (WAL, busy timeout, full sync); PostgreSQL when DATABASE_URL is
set, so several app servers can share one store. Nothing here updates or deletes a version.

Layout: `versions` (who, when, file, sha256, mode, note, as-of date, counts), `finding_contents`
(each distinct finding row once, keyed by a 128-bit digest of its fields) and `version_findings`
(which contents make up each version, in order). A version is thus a full set of rows while an
unchanged row costs one small membership row, not a copy. Writers are serialised (SQLite BEGIN
IMMEDIATE, PostgreSQL an advisory lock) and a merge reads the current version inside that lock, so
two simultaneous imports both land, one after the other, and neither loses the other's rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, Table, func, insert, select

from ..diff import by_measure, merge_findings
from ..errors import NoSuchVersion
from ..fingerprint import row_digests
from ..ledger import LEDGER_COLUMNS
from ..metrics import summarise
from ..schema import STATUS_CODES
from .faults import refusal_for
from .tables import (
    DATE_FIELDS,
    STORED_FIELDS,
    connect,
    finding_contents,
    version_findings,
    versions,
)

_MODES = ("merge", "replace", "restore")
# How a version's as-of date was decided: the sheet's 填报时间, the ledger's kept by a merge, today
# for a replacement without one, set by hand in the preview, or the restored version's.
AS_OF_SOURCES = ("sheet", "current", "today", "set", "restored")
# Columns added by revisions 0003 and 0004: NULL in rows written before them.
_ADDED_FIELDS = ("supporting", "tasks", "deadline_written", "milestones", "amount", "amount_rectified")
_WRITER_LOCK = 7_314_012  # any constant shared by every process writing to this store


@dataclass(frozen=True)
class Version:
    id: int
    created_at: datetime
    author: str
    source_file: str
    sha256: str
    mode: str
    note: str
    as_of: date | None
    parent_id: int | None
    total: int
    counts: dict[str, int]
    overdue: int
    # How the as-of date was decided (tables.versions.as_of_source); None before revision 0005.
    as_of_source: str | None = None

    @property
    def completion_rate(self) -> float | None:
        return round(self.counts["done"] / self.total, 4) if self.total else None


class Store:
    """Versions of one ledger. Every write is one transaction: all of a version or none of it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        store = cls(connect(url))
        store.upgrade()
        return store

    # -- schema ---------------------------------------------------------------------------
    def upgrade(self) -> None:
        """Create the tables, or bring an older store up to this program's schema: the Alembic
        revisions under migrations/, applied under the writer lock (see `migrate`)."""
        from .migrate import upgrade

        upgrade(self)

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with self.engine.connect().execution_options(writer=True) as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                # One writer at a time across every app server; readers never wait. An advisory
                # lock works before the tables exist, so two first starts do not race either.
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_WRITER_LOCK})")
            yield conn

    # -- reading --------------------------------------------------------------------------
    def versions(self) -> list[Version]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(versions).order_by(versions.c.id)).mappings().all()
        return [_version(row) for row in rows]

    def version(self, version_id: int | None = None) -> Version | None:
        """One version, or the current (latest) one."""
        query = select(versions)
        query = (
            query.where(versions.c.id == version_id) if version_id else query.order_by(versions.c.id.desc())
        )
        with self.engine.connect() as conn:
            row = conn.execute(query.limit(1)).mappings().first()
        return _version(row) if row else None

    def findings(self, version_id: int) -> pd.DataFrame:
        """The version's findings as `build_ledger` makes them; `row` is the position + 1."""
        with self.engine.connect() as conn:
            return _read_findings(conn, version_id)

    def members(self, version_id: int) -> list[tuple[str, str]]:
        """A version's (finding id, digest) pairs in order: what it holds, without reading it."""
        with self.engine.connect() as conn:
            return _members(conn, version_id)

    def findings_with_ids(self, version_id: int, ids: list[str]) -> pd.DataFrame:
        """Only the named findings of a version (for a preview that needs a few rows)."""
        with self.engine.connect() as conn:
            return _read_findings(conn, version_id, ids)

    def departments(self, version_id: int) -> pd.DataFrame:
        """Each finding's id and department in a version, without reading the findings."""
        query = select(version_findings.c.finding_id, version_findings.c.department).where(
            version_findings.c.version_id == version_id
        )
        with self.engine.connect() as conn:
            return pd.DataFrame(conn.execute(query).all(), columns=["id", "department"])

    def trend(self, departments: tuple[str, ...] = ()) -> pd.DataFrame:
        """Per version: time and the count of each status, computed in the database. The whole
        ledger's counts were stored with each version; a department's are one GROUP BY."""
        with self.engine.connect() as conn:
            stamps = conn.execute(select(versions.c.id, versions.c.created_at)).all()
            if not departments:
                stored = conn.execute(select(versions.c.id, *(versions.c[c] for c in STATUS_CODES))).all()
                counts = pd.DataFrame(
                    [(row[0], code, row[i + 1]) for row in stored for i, code in enumerate(STATUS_CODES)],
                    columns=["version", "status", "n"],
                )
            else:
                members = version_findings.c
                query = (
                    select(members.version_id, members.status, func.count().label("n"))
                    .where(members.department.in_(departments))
                    .group_by(members.version_id, members.status)
                )
                counts = pd.DataFrame(conn.execute(query).all(), columns=["version", "status", "n"])
        table = counts.pivot_table(index="version", columns="status", values="n", fill_value=0)
        table = table.reindex(columns=list(STATUS_CODES), fill_value=0).astype(int)
        table["total"] = table.sum(axis=1)
        table["rate"] = (table["done"] / table["total"]).round(4)
        table["created_at"] = pd.Series(dict(stamps)).reindex(table.index)
        return table.reset_index()

    def timeline(self, finding_id: str) -> pd.DataFrame:
        """One finding across versions: when, who, and its status and progress then."""
        query = (
            select(
                versions.c.id.label("version"),
                versions.c.created_at,
                versions.c.author,
                finding_contents.c.status,
                finding_contents.c.progress,
                finding_contents.c.digest,
            )
            .select_from(version_findings)
            .join(versions, versions.c.id == version_findings.c.version_id)
            .join(finding_contents, finding_contents.c.digest == version_findings.c.digest)
            .where(version_findings.c.finding_id == finding_id)
            .order_by(versions.c.id)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        frame = pd.DataFrame(
            rows, columns=["version", "created_at", "author", "status", "progress", "digest"]
        )
        # Keep the versions where the finding changed; the first appearance always.
        changed = frame["digest"].ne(frame["digest"].shift())
        return frame[changed].drop(columns="digest").reset_index(drop=True)

    # -- writing --------------------------------------------------------------------------
    def save(
        self,
        findings: pd.DataFrame,
        *,
        author: str,
        source_file: str,
        sha256: str,
        mode: str,
        note: str = "",
        as_of: date | None = None,
        digests: list[str] | None = None,
        as_of_source: str | None = None,
        record: Callable[[Connection, int], None] | None = None,
        counted: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    ) -> Version | None:
        """Save `findings` as a new version (merged onto the current one in "merge" mode).
        Returns None, and writes nothing, when the result equals the current version.
        `digests` are `row_digests(findings)` when the caller has them already (a preview).
        `record`, when given, writes what goes with the version (oversight.recorded) in the same
        transaction, given the connection and the new version's id. `counted` gives the saved
        rows as its figures count them (deadlines that stand while an extension waits), for the
        stored counts; the rows are saved as written."""
        if mode not in _MODES:
            raise ValueError(f"unknown mode {mode!r}")
        with self._writing() as conn:
            current = conn.execute(select(func.max(versions.c.id))).scalar()
            if findings["id"].duplicated().any():
                # Callers validate ids; a repeat here would let one row's digest stand for another.
                raise ValueError("a version cannot hold the same finding id twice")
            stored = _members(conn, current) if current is not None else []
            result = findings
            digests = digests if digests is not None else row_digests(findings)
            if mode == "merge" and current is not None:
                current_rows = _read_findings(conn, current)
                result = merge_findings(current_rows, findings)
                # Each merged row is the stored one or the uploaded one, unchanged, except for
                # problems merged measure by measure, which are new rows of both.
                by_id = dict(stored) | dict(zip(findings["id"], digests, strict=True))
                if (remade := by_measure(current_rows, findings)).any():
                    at = result["id"].isin(findings.loc[remade, "id"]).to_numpy()
                    by_id |= dict(zip(result.loc[at, "id"], row_digests(result[at]), strict=True))
                digests = [by_id[fid] for fid in result["id"]]
            if stored == list(zip(result["id"], digests, strict=True)):
                return None
            # Stored counts are of statuses and overdue items, which no warning-days setting changes.
            summary = summarise(counted(result) if counted else result, as_of or date.today())
            version_id = (current or 0) + 1
            conn.execute(
                insert(versions).values(
                    id=version_id,
                    created_at=datetime.now(UTC),
                    author=author,
                    source_file=source_file,
                    sha256=sha256,
                    mode=mode,
                    note=note,
                    as_of=as_of,
                    as_of_source=as_of_source,
                    parent_id=current,
                    total=summary.total,
                    **summary.by_status,
                    overdue=summary.overdue,
                )
            )
            # Contents already in the current version need no insert; older ones are skipped by
            # the ON CONFLICT clause. Into an empty table (the first version) they go straight in.
            known = {digest for _, digest in stored}
            _insert_contents(
                conn,
                result[[d not in known for d in digests]],
                [d for d in digests if d not in known],
                skip_existing=current is not None or _has_contents(conn),
            )
            members = zip(result["id"], digests, result["status"], result["department"], strict=True)
            _bulk_insert(
                conn,
                version_findings,
                ["version_id", "position", "finding_id", "digest", "status", "department"],
                [(version_id, i, *member) for i, member in enumerate(members)],
                False,
            )
            if record is not None:
                record(conn, version_id)
            row = conn.execute(select(versions).where(versions.c.id == version_id)).mappings().one()
        return _version(row)

    def restore(self, version_id: int, *, author: str) -> Version | None:
        """A new version equal to `version_id`; None when that is already the current one."""
        old = self.version(version_id)
        if old is None:
            raise NoSuchVersion("cli.no_version", version=version_id)
        return self.save(
            self.findings(version_id),
            author=author,
            source_file=old.source_file,
            sha256=old.sha256,
            mode="restore",
            note=f"restore:{version_id}",
            as_of=old.as_of,
            as_of_source="restored",
        )

    def ids_seen(self, ids: list[str], before_version: int) -> set[str]:
        """Which of `ids` some version before `before_version` held (a problem coming back)."""
        seen: set[str] = set()
        members = version_findings.c
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                query = select(members.finding_id).distinct().where(
                    members.finding_id.in_(chunk), members.version_id < before_version
                )
                seen.update(conn.execute(query).scalars())
        return seen


def _has_contents(conn: Connection) -> bool:
    return conn.execute(select(finding_contents.c.digest).limit(1)).first() is not None


def _members(conn: Connection, version_id: int) -> list[tuple[str, str]]:
    """A version's (finding id, digest) pairs in order."""
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    rows = conn.exec_driver_sql(
        f"SELECT finding_id, digest FROM version_findings WHERE version_id = {mark} ORDER BY position",
        (version_id,),
    ).fetchall()
    return [tuple(row) for row in rows]


def _bulk_insert(
    conn: Connection, table: Table, columns: list[str], rows: list[tuple], skip_existing: bool
) -> None:
    """Many rows straight through the driver: SQLAlchemy's per-row parameter processing costs
    seconds at 100k rows. Dates go in as ISO text, which both databases read as dates."""
    if conn.dialect.name == "postgresql":
        _copy_rows(conn, table, columns, rows, skip_existing)
        return
    names = ", ".join(columns)
    marks = ", ".join(["?"] * len(columns))
    conflict = "ON CONFLICT DO NOTHING" if skip_existing else ""
    statement = f"INSERT INTO {table.name} ({names}) VALUES ({marks}) {conflict}"
    for start in range(0, len(rows), 50_000):
        conn.exec_driver_sql(statement, rows[start : start + 50_000])


def _copy_rows(
    conn: Connection, table: Table, columns: list[str], rows: list[tuple], skip_existing: bool
) -> None:
    """PostgreSQL's COPY, several times faster than executemany even in pipeline mode. COPY has
    no ON CONFLICT, so rows that may exist already go through a temporary table first."""
    names = ", ".join(columns)
    target = table.name
    if skip_existing:
        target = f"incoming_{table.name}"
        conn.exec_driver_sql(
            f"CREATE TEMPORARY TABLE {target} (LIKE {table.name} INCLUDING DEFAULTS) ON COMMIT DROP"
        )
    try:
        with (
            conn.connection.dbapi_connection.cursor() as cursor,
            cursor.copy(f"COPY {target} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
    except Exception as error:
        # The driver's own cursor, past SQLAlchemy's handle_error: its faults are said here.
        if (refusal := refusal_for(error, conn.engine.url)) is None:
            raise
        raise refusal from error
    if skip_existing:
        conn.exec_driver_sql(
            f"INSERT INTO {table.name} ({names}) SELECT {names} FROM {target} ON CONFLICT DO NOTHING"
        )


def _insert_contents(
    conn: Connection, findings: pd.DataFrame, digests: list[str], *, skip_existing: bool
) -> None:
    frame = findings.loc[:, list(STORED_FIELDS)].assign(digest=digests).drop_duplicates("digest")
    for name in DATE_FIELDS:
        frame[name] = pd.to_datetime(frame[name]).dt.strftime("%Y-%m-%d").astype(object)
        frame[name] = frame[name].where(frame[name].notna(), None)
    frame["status_inferred"] = frame["status_inferred"].astype(bool)
    columns = ["digest", *STORED_FIELDS]
    _bulk_insert(
        conn,
        finding_contents,
        columns,
        list(frame[columns].itertuples(index=False, name=None)),
        skip_existing,
    )


def _read_findings(conn: Connection, version_id: int, ids: list[str] | None = None) -> pd.DataFrame:
    names = ", ".join(f"c.{name}" for name in STORED_FIELDS)
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    # Ordered here, not by ORDER BY: PostgreSQL sorted the wide joined rows and spilled 90 MB to
    # disk at 100k rows; sorting (position, row) tuples in Python costs milliseconds.
    query = (
        f"SELECT m.position, {names} FROM version_findings m JOIN finding_contents c ON c.digest = m.digest "
        f"WHERE m.version_id = {mark}"
    )
    if ids is None:
        rows = conn.exec_driver_sql(query, (version_id,)).fetchall()
    else:
        rows = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join([mark] * len(chunk))
            rows += conn.exec_driver_sql(
                f"{query} AND m.finding_id IN ({marks})", (version_id, *chunk)
            ).fetchall()
    rows.sort(key=itemgetter(0))
    # Column by column, as Python objects: letting pandas infer Arrow strings and converting them
    # back would cost more than the query.
    columns = list(zip(*rows, strict=True))[1:] if rows else [()] * len(STORED_FIELDS)
    data = {}
    for name, values in zip(STORED_FIELDS, columns, strict=True):
        if name in DATE_FIELDS:
            data[name] = pd.to_datetime(pd.Series(values, dtype=object), format="ISO8601").astype(
                "datetime64[s]"
            )
        elif name == "status_inferred":
            data[name] = pd.Series(values, dtype=bool)
        elif name in _ADDED_FIELDS:  # NULL in rows written before the field was added
            data[name] = pd.Series([v or "" for v in values], dtype=object)
        else:
            data[name] = pd.Series(values, dtype=object)  # written as text, never NULL
    frame = pd.DataFrame(data)
    frame["row"] = np.arange(1, len(frame) + 1, dtype="int64")
    return frame[list(LEDGER_COLUMNS)]


def _version(row: Any) -> Version:
    created = row["created_at"]
    if created.tzinfo is None:  # SQLite hands back naive datetimes; we wrote UTC
        created = created.replace(tzinfo=UTC)
    return Version(
        id=row["id"],
        created_at=created,
        author=row["author"],
        source_file=row["source_file"],
        sha256=row["sha256"],
        mode=row["mode"],
        note=row["note"],
        as_of=row["as_of"],
        parent_id=row["parent_id"],
        total=row["total"],
        counts={code: row[code] for code in STATUS_CODES},
        overdue=row["overdue"],
        as_of_source=row["as_of_source"],
    )
