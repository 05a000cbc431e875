"""What inspectors keep beside the versions (issue 13): which departments reported when,
deadline extensions (延期申请) and their decisions, reopened problems (回头看) and the quiet
changes (变化核查) each version made. Every table is a log: rows are appended, never changed.

The rows that come with a version (reports, extensions, quiet changes) are written by `recorded`
inside the transaction that saves it: all of them or none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Connection, and_, func, insert, select

from ..errors import NotDecidable
from ..extensions import extension_state
from .log import latest_entries
from .tables import (
    department_reports,
    extension_decisions,
    extensions,
    quiet_changes,
    reopenings,
    verifications,
    version_findings,
)
from .versions import Store

EXTENSION_COLUMNS: tuple[str, ...] = (
    "extension", "id", "measure", "department", "version", "requested_at", "requested_by",
    "old_deadline", "old_term", "new_deadline", "new_term", "later", "reason", "state",
    "decided_by", "decided_at", "decision_note",
)  # fmt: skip
QUIET_COLUMNS: tuple[str, ...] = ("version", "kind", "id", "measure", "department", "before", "after")


@dataclass(frozen=True)
class VersionRecord:
    """What is written with a new version besides its rows."""

    reported_by: tuple[str, ...] = ()  # departments that reported in it
    reported_on: date | None = None
    moves: pd.DataFrame | None = None  # extensions.deadline_moves of the upload
    needs_approval: tuple[bool, ...] = ()  # per move
    approved_by: str = ""  # who approved the later moves that need no request (an approver's own)
    requested_by: str = ""
    reason: str = ""
    quiet: pd.DataFrame | None = None  # quiet_changes.quiet_changes of the upload


def recorded(record: VersionRecord) -> Callable[[Connection, int], None]:
    """The writes that go with a version, for `Store.save` to run inside its transaction."""

    def write(conn: Connection, version_id: int) -> None:
        now = datetime.now(UTC)
        # A row with no department reports for nobody: it is not a department's report date.
        reports = [
            {"version_id": version_id, "department": name, "reported_on": record.reported_on}
            for name in dict.fromkeys(record.reported_by)
            if name
        ]
        if reports and record.reported_on:
            conn.execute(insert(department_reports), reports)
        moves = record.moves
        if moves is not None and not moves.empty:
            for row, needs in zip(moves.itertuples(index=False), record.needs_approval, strict=True):
                new_id = conn.execute(
                    insert(extensions).values(
                        finding_id=row.id,
                        measure_id=row.measure,
                        department=row.department,
                        version_id=version_id,
                        requested_at=now,
                        requested_by=record.requested_by,
                        old_deadline=row.old_deadline,
                        old_term=row.old_term,
                        new_deadline=row.new_deadline,
                        new_term=row.new_term,
                        later=bool(row.later),
                        needs_approval=bool(needs),
                        reason=record.reason,
                    )
                ).inserted_primary_key[0]
                if row.later and not needs and record.approved_by:
                    conn.execute(
                        insert(extension_decisions).values(
                            extension_id=new_id, decided_at=now, decided_by=record.approved_by,
                            decision="approved", note=record.reason,
                        )
                    )  # fmt: skip
        quiet = record.quiet
        if quiet is not None and not quiet.empty:
            conn.execute(
                insert(quiet_changes),
                [
                    {
                        "version_id": version_id,
                        "position": i,
                        "kind": row.kind,
                        "finding_id": row.id,
                        "measure_id": row.measure,
                        "department": row.department,
                        "before": str(row.before),
                        "after": str(row.after),
                    }
                    for i, row in enumerate(quiet.itertuples(index=False))
                ],
            )

    return write


# -- extensions --------------------------------------------------------------------------------
def extension_table(store: Store, up_to_version: int | None = None) -> pd.DataFrame:
    """Every extension recorded (up to a version), oldest first, with its state now."""
    latest = latest_entries(extension_decisions, "extension_id")
    decision = extension_decisions.alias("decision")
    query = (
        select(extensions, decision.c.decision, decision.c.decided_by, decision.c.decided_at, decision.c.note)
        .outerjoin(latest, latest.c.extension_id == extensions.c.id)
        .outerjoin(decision, decision.c.id == latest.c.id)
        .order_by(extensions.c.id)
    )
    if up_to_version is not None:
        query = query.where(extensions.c.version_id <= up_to_version)
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    frame = pd.DataFrame(
        [
            {
                "extension": row["id"],
                "id": row["finding_id"],
                "measure": row["measure_id"],
                "department": row["department"],
                "version": row["version_id"],
                "requested_at": _utc(row["requested_at"]),
                "requested_by": row["requested_by"],
                "old_deadline": row["old_deadline"],
                "old_term": row["old_term"],
                "new_deadline": row["new_deadline"],
                "new_term": row["new_term"],
                "later": row["later"],
                "reason": row["reason"],
                "state": extension_state(row["needs_approval"], row["decision"]),
                "decided_by": row["decided_by"] or "",
                "decided_at": _utc(row["decided_at"]),
                "decision_note": row["note"] or "",
            }
            for row in rows
        ],
        columns=list(EXTENSION_COLUMNS),
    )
    return frame.astype({"id": object, "measure": object, "department": object})


def decide_extension(store: Store, extension_id: int, decision: str, *, by: str, note: str) -> None:
    """Approve or reject a pending extension. Refused (NotDecidable) for one that is not pending."""
    if decision not in ("approved", "rejected"):
        raise ValueError(f"unknown decision {decision!r}")
    with store._writing() as conn:
        row = conn.execute(select(extensions).where(extensions.c.id == extension_id)).mappings().first()
        last = conn.execute(
            select(extension_decisions.c.decision)
            .where(extension_decisions.c.extension_id == extension_id)
            .order_by(extension_decisions.c.id.desc())
            .limit(1)
        ).scalar()
        if row is None or extension_state(row["needs_approval"], last) != "pending":
            raise NotDecidable("extension.not_pending", extension=extension_id)
        conn.execute(
            insert(extension_decisions).values(
                extension_id=extension_id, decided_at=datetime.now(UTC), decided_by=by, decision=decision,
                note=note,
            )
        )  # fmt: skip


# -- reports -----------------------------------------------------------------------------------
def report_dates(store: Store, up_to_version: int | None = None) -> dict[str, date]:
    """Each department's last report date (up to a version)."""
    query = select(department_reports.c.department, func.max(department_reports.c.reported_on)).group_by(
        department_reports.c.department
    )
    if up_to_version is not None:
        query = query.where(department_reports.c.version_id <= up_to_version)
    with store.engine.connect() as conn:
        return {name: day for name, day in conn.execute(query).all()}


# -- reopening ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reopening:
    finding_id: str
    reopened_by: str
    reopened_at: datetime
    version_id: int
    reason: str


def reopen(store: Store, finding_id: str, *, by: str, reason: str, verified: bool) -> Reopening:
    """Record that `by` reopened the finding as it stands in the current version (回头看).
    `verified`: whether it is verified closed now (the service asks the closure records)."""
    current = store.version()
    if current is None or not verified:
        raise NotDecidable("reopen.not_closed", id=finding_id)
    if not reason.strip():
        raise NotDecidable("reopen.reason_needed", id=finding_id)
    now = datetime.now(UTC)
    with store._writing() as conn:
        digest = conn.execute(
            select(version_findings.c.digest).where(
                and_(version_findings.c.version_id == current.id, version_findings.c.finding_id == finding_id)
            )
        ).scalar()
        if digest is None:
            raise NotDecidable("reopen.not_closed", id=finding_id)
        conn.execute(
            insert(reopenings).values(
                finding_id=finding_id, digest=digest, version_id=current.id, reopened_at=now,
                reopened_by=by, reason=reason.strip(),
            )
        )  # fmt: skip
    return Reopening(finding_id, by, now, current.id, reason.strip())


def reopened(store: Store, version_id: int) -> dict[str, Reopening]:
    """The findings of `version_id` that stand reopened: their latest reopening was made on the
    content they still have there, and no verification came after it."""
    latest = latest_entries(reopenings, "finding_id")
    query = (
        select(reopenings)
        .join(latest, latest.c.id == reopenings.c.id)
        .join(
            version_findings,
            and_(
                version_findings.c.finding_id == reopenings.c.finding_id,
                version_findings.c.version_id == version_id,
                version_findings.c.digest == reopenings.c.digest,
            ),
        )
    )
    verified_after = select(verifications.c.finding_id, func.max(verifications.c.verified_at)).group_by(
        verifications.c.finding_id
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
        last_verified = {fid: _utc(at) for fid, at in conn.execute(verified_after).all()}
    out = {}
    for row in rows:
        at = _utc(row["reopened_at"])
        if (verified := last_verified.get(row["finding_id"])) is not None and verified > at:
            continue
        out[row["finding_id"]] = Reopening(
            row["finding_id"], row["reopened_by"], at, row["version_id"], row["reason"]
        )
    return out


def reopening_count(store: Store) -> int:
    """How many reopenings were ever recorded."""
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(reopenings)).scalar())


# -- quiet changes -----------------------------------------------------------------------------
def quiet_change_table(store: Store, version_id: int | None = None) -> pd.DataFrame:
    """The quiet changes found when a version (or every version) was saved, in order."""
    query = select(quiet_changes).order_by(quiet_changes.c.version_id, quiet_changes.c.position)
    if version_id is not None:
        query = query.where(quiet_changes.c.version_id == version_id)
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame(
        [
            (
                r["version_id"],
                r["kind"],
                r["finding_id"],
                r["measure_id"],
                r["department"],
                r["before"],
                r["after"],
            )
            for r in rows
        ],
        columns=list(QUIET_COLUMNS),
    ).astype({name: object for name in QUIET_COLUMNS if name != "version"})


def oversight_stamp(store: Store) -> str:
    """A cheap key that changes with every extension, decision and reopening: what the judged
    ledger of a version depends on besides its rows."""
    with store.engine.connect() as conn:
        counts = [
            conn.execute(select(func.count()).select_from(table)).scalar()
            for table in (extensions, extension_decisions, reopenings, verifications)
        ]
    return "-".join(str(n) for n in counts)


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value
