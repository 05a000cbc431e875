"""The database's faults, said as refusals where they arise: the store's own engine.

`tables.connect` hands every error the driver raises to `refusal_for` (SQLAlchemy's
handle_error event), whichever module ran the statement: versions, roles, closure verifications,
migrations. COPY, which writes through psycopg directly, asks it too (`versions._copy_rows`). A
known cause becomes a `SystemFault` naming it, with what to do, in the reader's language:

- the database cannot be reached or opened (a server that is down, refuses the connection or the
  sign-in, has no such database; a SQLite file that cannot be opened, is busy or damaged):
  `StoreUnavailable`;
- the store can only be read (a read-only file or data folder, an account without the right to
  write, a read-only server): `StoreReadOnly`;
- the disk under it is full: `DiskFull`;
- a value it would not take (PostgreSQL text cannot hold a NUL character): `ValueRefused`.

Anything else is left as it was: a bug, for the log. The driver's error stays the refusal's
`__cause__`, so the log keeps it. Messages name the store by its file or its server and
database, never by its URL: no password can slip into them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from ..errors import DiskFull, StoreReadOnly, StoreUnavailable, SystemFault, ValueRefused

# SQLite's primary result codes (Python 3.11 puts the extended one in `sqlite_errorname`, as
# SQLITE_READONLY_DIRECTORY or SQLITE_IOERR_WRITE) and the words of each, for an error that
# carries no code. Checked in order: the first that matches names the cause.
_SQLITE_CAUSES: tuple[tuple[str, str, str], ...] = (
    ("SQLITE_READONLY", "readonly database", "read_only"),
    ("SQLITE_PERM", "access permission denied", "read_only"),
    ("SQLITE_FULL", "database or disk is full", "disk_full"),
    ("SQLITE_CANTOPEN", "unable to open database file", "cannot_open"),
    ("SQLITE_BUSY", "database is locked", "busy"),
    ("SQLITE_LOCKED", "database table is locked", "busy"),
    ("SQLITE_IOERR", "disk i/o error", "io_error"),
    ("SQLITE_CORRUPT", "malformed", "damaged"),
    ("SQLITE_NOTADB", "file is not a database", "damaged"),
)
# PostgreSQL's SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_LOGIN_REFUSED = {"28000", "28P01"}  # invalid authorization, invalid password
_NO_DATABASE = {"3D000"}
_READ_ONLY = {"25006"}  # read_only_sql_transaction: a standby, or default_transaction_read_only
_NO_RIGHT = {"42501"}  # insufficient_privilege
_SERVER_FULL = {"53100"}  # disk_full
_TOO_MANY = {"53300"}  # too_many_connections
_GOING_AWAY = {"57P01", "57P02", "57P03"}  # shutting down, crashed, starting up
# libpq says why a connection failed in words, not SQLSTATE (psycopg's `sqlstate` is None then).
# Each entry: the words that must all be in the message, and the label of that cause.
_CONNECT_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("authentication failed",), "store.login_refused"),
    (("no password supplied",), "store.login_refused"),
    (('role "', "does not exist"), "store.login_refused"),
    (('database "', "does not exist"), "store.no_database"),
    (("too many clients",), "store.too_many"),
)


def refusal_for(error: BaseException, url: str | URL) -> SystemFault | None:
    """The refusal naming `error`'s cause in the store at `url`, or None when the cause is not a
    known fault of the database or its disk (a bug: let it be raised as it is)."""
    url = make_url(url) if isinstance(url, str) else url
    if isinstance(error, sqlite3.Error):
        return _sqlite(error, _sqlite_file(url))
    if type(error).__module__.split(".")[0] == "psycopg":
        return _postgresql(error, url)
    if isinstance(error, UnicodeEncodeError):  # a lone surrogate: no driver can encode it
        return ValueRefused("store.value_refused", reason=error.reason)
    return None


def _sqlite(error: sqlite3.Error, file: Path) -> SystemFault | None:
    code = getattr(error, "sqlite_errorname", "") or ""
    words = str(error).lower()
    cause = next(
        (cause for primary, said, cause in _SQLITE_CAUSES if code.startswith(primary) or said in words),
        None,
    )
    folder = file.parent
    if cause == "read_only":
        return StoreReadOnly("store.read_only", file=file, folder=folder)
    if cause == "disk_full":
        return DiskFull("store.disk_full", folder=folder)
    if cause == "cannot_open":
        return StoreUnavailable("store.cannot_open", file=file, folder=folder)
    if cause == "busy":
        return StoreUnavailable("store.busy")
    if cause == "io_error":
        return StoreUnavailable("store.io_error", file=file)
    if cause == "damaged":
        return StoreUnavailable("store.damaged", file=file)
    return None


def _postgresql(error: BaseException, url: URL) -> SystemFault | None:
    import psycopg

    server = f"{url.host or 'localhost'}:{url.port or 5432}"
    where = {"server": server, "database": url.database or ""}
    state = getattr(error, "sqlstate", None) or ""
    if state in _LOGIN_REFUSED:
        return StoreUnavailable("store.login_refused", **where)
    if state in _NO_DATABASE:
        return StoreUnavailable("store.no_database", **where)
    if state in _READ_ONLY:
        return StoreReadOnly("store.read_only_server", **where)
    if state in _NO_RIGHT:
        return StoreReadOnly("store.no_right", **where)
    if state in _SERVER_FULL:
        return DiskFull("store.disk_full_server", **where)
    if state in _TOO_MANY:
        return StoreUnavailable("store.too_many", **where)
    if state in _GOING_AWAY or state.startswith("08"):  # class 08: connection exception
        return StoreUnavailable("store.unreachable", **where)
    if isinstance(error, psycopg.DataError) or state.startswith("22"):  # class 22: data exception
        if "NUL" in str(error) or "0x00" in str(error):
            return ValueRefused("store.value_nul")
        return ValueRefused("store.value_refused", reason=_first_line(error))
    if isinstance(error, psycopg.OperationalError) and not state:
        # Raised by libpq before any SQL: the connection itself failed.
        words = str(error).lower()
        key = next(
            (key for said, key in _CONNECT_WORDS if all(w in words for w in said)), "store.unreachable"
        )
        return StoreUnavailable(key, **where)
    return None


def _sqlite_file(url: URL) -> Path:
    """The database file a SQLite URL names (also as a "file:…?mode=ro" URI)."""
    name = (url.database or "").removeprefix("file:").split("?", 1)[0]
    return Path(name).resolve() if name and name != ":memory:" else Path(name or ":memory:")


def _first_line(error: BaseException) -> str:
    """The server's own sentence, without its DETAIL and HINT lines (which may quote a value)."""
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
