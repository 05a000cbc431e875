"""Closure verification (销号): an inspector confirms a done item with its evidence. The
verification holds for the finding's content as verified; a later change clears it, and we can
say which version changed what, and who made that version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import and_, func, insert, select

from ..diff import COMPARED_FIELDS
from ..errors import NotVerifiable
from .log import latest_entries
from .tables import finding_contents, verifications, version_findings, versions
from .versions import Store


@dataclass(frozen=True)
class Verification:
    finding_id: str
    verified_by: str
    verified_at: datetime
    version_id: int
    note: str
    evidence: str
    valid: bool  # the finding is still as it was verified
    changed_in: int | None = None  # the version that changed it, when cleared
    changed_by: str | None = None
    changed_fields: tuple[str, ...] = ()


def verify(store: Store, finding_id: str, *, by: str, note: str, evidence: str) -> Verification:
    """Record that `by` verified the finding as it stands in the current version."""
    current = store.version()
    if current is None:
        raise NotVerifiable("closure.not_verifiable", id=finding_id)
    query = select(version_findings.c.digest, version_findings.c.status).where(
        and_(version_findings.c.version_id == current.id, version_findings.c.finding_id == finding_id)
    )
    with store.engine.begin() as conn:
        row = conn.execute(query).first()
        if row is None or row.status != "done":
            raise NotVerifiable("closure.not_verifiable", id=finding_id)
        conn.execute(
            insert(verifications).values(
                finding_id=finding_id,
                digest=row.digest,
                version_id=current.id,
                verified_at=datetime.now(UTC),
                verified_by=by,
                note=note,
                evidence=evidence,
            )
        )
    return verification_states(store, current.id)[finding_id]


def verification_states(store: Store, version_id: int) -> dict[str, Verification]:
    """For every finding ever verified and present in `version_id`: its latest verification,
    still valid or cleared (and by which version and which fields)."""
    latest = latest_entries(verifications, "finding_id")
    query = (
        select(verifications, version_findings.c.digest.label("now"))
        .join(latest, verifications.c.id == latest.c.id)
        .join(
            version_findings,
            and_(
                version_findings.c.finding_id == verifications.c.finding_id,
                version_findings.c.version_id == version_id,
            ),
        )
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
        states = {}
        for row in rows:
            valid = row["digest"] == row["now"]
            changed = None if valid else _first_change(conn, row)
            states[row["finding_id"]] = Verification(
                finding_id=row["finding_id"],
                verified_by=row["verified_by"],
                verified_at=row["verified_at"],
                version_id=row["version_id"],
                note=row["note"],
                evidence=row["evidence"],
                valid=valid,
                changed_in=changed[0] if changed else None,
                changed_by=changed[1] if changed else None,
                changed_fields=changed[2] if changed else (),
            )
    return states


def _first_change(conn, row) -> tuple[int, str, tuple[str, ...]] | None:
    query = (
        select(version_findings.c.version_id, version_findings.c.digest, versions.c.author)
        .join(versions, versions.c.id == version_findings.c.version_id)
        .where(
            and_(
                version_findings.c.finding_id == row["finding_id"],
                version_findings.c.version_id > row["version_id"],
                version_findings.c.digest != row["digest"],
            )
        )
        .order_by(version_findings.c.version_id)
        .limit(1)
    )
    first = conn.execute(query).first()
    if first is None:
        return None
    contents = (
        conn.execute(
            select(finding_contents).where(finding_contents.c.digest.in_([row["digest"], first.digest]))
        )
        .mappings()
        .all()
    )
    by_digest = {c["digest"]: c for c in contents}
    before, after = by_digest[row["digest"]], by_digest[first.digest]
    fields = tuple(f for f in COMPARED_FIELDS if str(before[f] or "") != str(after[f] or ""))
    return first.version_id, first.author, fields


def verified_ids(states: dict[str, Verification], findings: pd.DataFrame) -> set[str]:
    """Ids that are done and whose verification still holds: "verified closed"."""
    done = set(findings.loc[findings["status"] == "done", "id"])
    return {fid for fid, state in states.items() if state.valid and fid in done}


def verification_count(store: Store) -> int:
    """How many verifications were ever recorded: a cheap key that changes with each one."""
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(verifications)).scalar())


def verification_log(store: Store) -> pd.DataFrame:
    """Every verification ever recorded, newest first: when, which item, who, evidence, note."""
    query = select(
        verifications.c.verified_at,
        verifications.c.finding_id,
        verifications.c.version_id,
        verifications.c.verified_by,
        verifications.c.evidence,
        verifications.c.note,
    ).order_by(verifications.c.id.desc())
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(
        rows, columns=["verified_at", "finding_id", "version", "verified_by", "evidence", "note"]
    )
