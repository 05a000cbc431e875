"""The app's own role table: who may do what, for which departments. Kept in the store as an
append-only log of changes (see tables.role_changes). Writes come through service.py, which checks
the acting identity first. Names are kept in one form, `access.normalise_identity`, the same the
sign-in and the command line look them up by. The table always keeps an admin once it has one:
nobody could manage it from the app otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, RowMapping, insert, select

from ..access import ALL_DEPARTMENTS, ROLES, Identity, normalise_identity
from ..errors import InvalidMember, NotPermitted
from .log import latest_entries
from .tables import role_changes
from .versions import Store


@dataclass(frozen=True)
class Member:
    identity: str
    role: str
    departments: tuple[str, ...]
    changed_by: str
    changed_at: datetime


def members(store: Store) -> list[Member]:
    """The current role table: each identity's latest change, removed ones left out."""
    with store.engine.connect() as conn:
        rows = _current(conn)
    return [
        Member(
            row["identity"],
            row["role"],
            tuple(d for d in row["departments"].split("\n") if d),
            row["changed_by"],
            row["changed_at"],
        )
        for row in rows
    ]


def lookup(store: Store, identity: str, mode: str) -> Identity | None:
    """The identity's role and departments, or None when the role table does not know it."""
    wanted = normalise_identity(identity)
    if not wanted:
        return None
    query = (
        select(role_changes.c.role, role_changes.c.departments)
        .where(role_changes.c.identity == wanted)
        .order_by(role_changes.c.id.desc())
        .limit(1)
    )
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None or row.role is None:
        return None
    return Identity(wanted, row.role, frozenset(d for d in row.departments.split("\n") if d), mode)


def set_member(store: Store, identity: str, role: str, departments: tuple[str, ...], by: str) -> None:
    """Add a person or change their role. Uploaders need at least one department."""
    if role not in ROLES:
        raise InvalidMember("role.unknown", role=role, roles="、".join(ROLES))
    if role == "uploader" and not departments:
        raise InvalidMember("cli.uploader_needs_department")
    if role == "admin" or (role in ("viewer", "inspector") and not departments):
        departments = (ALL_DEPARTMENTS,)
    _record(store, identity, role, departments, by)


def remove_member(store: Store, identity: str, by: str) -> bool:
    """Take a person out of the role table; False when they were not in it."""
    return _record(store, identity, None, (), by)


def _current(conn: Connection) -> list[RowMapping]:
    """Each identity's latest entry, removed ones left out, by name."""
    latest = latest_entries(role_changes, "identity")
    query = (
        select(role_changes)
        .join(latest, role_changes.c.id == latest.c.id)
        .where(role_changes.c.role.is_not(None))
        .order_by(role_changes.c.identity)
    )
    return list(conn.execute(query).mappings().all())


def _record(store: Store, identity: str, role: str | None, departments: tuple[str, ...], by: str) -> bool:
    """Append one change (`role` None removes); False for removing someone not in the table.
    Refused when it would leave the table without an admin, having had one. The table is read
    and written under the store's writer lock, so two admins demoting each other at the same
    moment are one after the other, and the second is refused."""
    name = normalise_identity(identity)
    with store._writing() as conn:
        current = {row["identity"]: row["role"] for row in _current(conn)}
        if role is None and name not in current:
            return False
        if current.get(name) == "admin" and role != "admin" and list(current.values()).count("admin") == 1:
            raise NotPermitted("admin.last_admin", identity=name)
        conn.execute(
            insert(role_changes).values(
                changed_at=datetime.now(UTC),
                changed_by=by,
                identity=name,
                role=role,
                departments="\n".join(departments),
            )
        )
    return True
