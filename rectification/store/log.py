"""The one query the append-only logs share: each key's latest entry.

The role table (`role_changes`, keyed by identity) and closure verifications (`verifications`,
keyed by finding id) are logs that are only ever appended to, so what holds now is each key's
entry with the highest id; everything before it is kept as history."""

from __future__ import annotations

from sqlalchemy import Subquery, Table, func, select


def latest_entries(log: Table, key: str) -> Subquery:
    """A subquery of (key, id): the id of each key's latest entry in `log`. Join it on `id`."""
    return select(log.c[key], func.max(log.c.id).label("id")).group_by(log.c[key]).subquery()
