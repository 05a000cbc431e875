"""Chasing in the store (issue 16): the departments' contacts, a log keyed by (department, role)
whose latest entry holds, and the record of every reminder sent or failed, which also keeps a
digest from going to the same recipient twice in one day. Writes come through service.py, which
checks the acting identity first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pandas as pd
from sqlalchemy import and_, delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from ..reminders import Contact, Delivery
from .tables import contact_changes, reminder_claims, reminders
from .versions import Store

REMINDER_COLUMNS: tuple[str, ...] = (
    "sent_on", "at", "by", "version", "department", "level", "role", "channel", "recipient", "status",
    "attempts", "error_kind", "error", "measures", "problems",
)  # fmt: skip


def contacts(store: Store) -> dict[tuple[str, str], Contact]:
    """The contacts in effect, by (department, role), in the order they were first entered."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(contact_changes).order_by(contact_changes.c.id)).mappings().all()
    current: dict[tuple[str, str], Contact | None] = {}
    for row in rows:  # a small log: read whole, the latest entry per key wins
        key = (row["department"], row["role"])
        fields = ("department", "role", "name", "email", "robot", "webhook", "secret")
        current[key] = None if row["removed"] else Contact(*(row[f] for f in fields))
    return {key: contact for key, contact in current.items() if contact is not None}


def set_contacts(store: Store, entered: list[Contact], by: str) -> None:
    """Record `entered` (each replaces the contact of its department and role), all or none."""
    now = datetime.now(UTC)
    with store._writing() as conn:
        for contact in entered:
            conn.execute(
                insert(contact_changes).values(
                    changed_at=now, changed_by=by, department=contact.department, role=contact.role,
                    name=contact.name, email=contact.email, robot=contact.robot, webhook=contact.webhook,
                    secret=contact.secret, removed=False,
                )
            )  # fmt: skip


def remove_contact(store: Store, department: str, role: str, by: str) -> bool:
    """Take a contact out; False when there was none."""
    if (department, role) not in contacts(store):
        return False
    with store._writing() as conn:
        conn.execute(
            insert(contact_changes).values(
                changed_at=datetime.now(UTC), changed_by=by, department=department, role=role, name="",
                email="", robot="", webhook="", secret="", removed=True,
            )
        )  # fmt: skip
    return True


@dataclass(frozen=True)
class Outcome:
    """How one delivery went."""

    delivery: Delivery
    status: str  # "sent", "failed", or "skipped" (already sent today: nothing recorded again)
    attempts: int = 0
    error: str = ""
    kind: str = ""  # why it failed: a member of sending.FAILURES


def sent_today(store: Store, day: date) -> set[tuple[str, ...]]:
    """The keys (Delivery.key) of the deliveries sent on `day`."""
    return {key for key, status in outcomes_on(store, day).items() if status == "sent"}


def outcomes_on(store: Store, day: date) -> dict[tuple[str, ...], str]:
    """Each key (Delivery.key) tried on `day` and how it went: "sent" once any attempt went,
    else "failed"."""
    query = select(reminders).where(reminders.c.sent_on == day).order_by(reminders.c.id)
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    found: dict[tuple[str, ...], str] = {}
    for r in rows:
        key = (f"{day:%Y-%m-%d}", r["department"], r["level"], r["role"], r["channel"], r["recipient"])
        found[key] = "sent" if found.get(key) == "sent" else r["status"]
    return found


# A claim older than this was left by a run that died while sending (killed by its timer, a restart):
# its copy is neither sent nor failed on record, and may be taken over. A send takes at most the
# retries' timeouts and pauses, far less.
STALE_CLAIM = timedelta(minutes=15)


def claim(store: Store, delivery: Delivery, day: date) -> bool:
    """Claim a copy for this run; False when another run has it (sending, or sent today). A
    claim left stale by a run that died is taken over, unless its copy is on record as sent."""
    _, department, level, role, channel, recipient = delivery.key(day)
    now = datetime.now(UTC)
    values = {"sent_on": day, "department": department, "level": level, "role": role, "channel": channel,
              "recipient": recipient, "claimed_at": now}  # fmt: skip
    dialect = postgresql if store.engine.dialect.name == "postgresql" else sqlite
    claimed = dialect.insert(reminder_claims).values(**values)
    claimed = claimed.on_conflict_do_update(
        index_elements=list(values)[:-1],
        set_={"claimed_at": now},
        where=reminder_claims.c.claimed_at < now - STALE_CLAIM,
    )
    with store._writing() as conn:  # RETURNING, not rowcount: psycopg reports -1 here
        taken = conn.execute(claimed.returning(reminder_claims.c.sent_on)).first() is not None
    return taken and delivery.key(day) not in sent_today(store, day)


def release(store: Store, delivery: Delivery, day: date) -> None:
    """Give a claim back (its copy failed): the next run tries it again."""
    _, department, level, role, channel, recipient = delivery.key(day)
    c = reminder_claims.c
    with store._writing() as conn:
        conn.execute(
            delete(reminder_claims).where(
                and_(c.sent_on == day, c.department == department, c.level == level, c.role == role,
                     c.channel == channel, c.recipient == recipient)
            )
        )  # fmt: skip


def record_outcome(store: Store, outcome: Outcome, *, day: date, version_id: int, by: str) -> None:
    """Put one sent or failed delivery on record, at once: a run stopped halfway keeps what it sent."""
    delivery = outcome.delivery
    items = delivery.digest.items
    with store._writing() as conn:
        conn.execute(
            insert(reminders).values(
                sent_on=day, at=datetime.now(UTC), by=by, version_id=version_id,
                department=delivery.digest.department, level=delivery.digest.level, role=delivery.role,
                channel=delivery.channel, recipient=delivery.recipient, status=outcome.status,
                attempts=outcome.attempts, error_kind=outcome.kind, error=outcome.error[:1000],
                measures="\n".join(map(str, items["measure_id"])),
                problems="\n".join(dict.fromkeys(map(str, items["problem_id"]))),
            )
        )  # fmt: skip


def reminder_log(store: Store, since: date | None = None, problem: str | None = None) -> pd.DataFrame:
    """Every reminder on record (since a day; naming a problem's id among others, which the
    caller matches exactly), newest first."""
    query = select(reminders).order_by(reminders.c.id.desc())
    if since is not None:
        query = query.where(reminders.c.sent_on >= since)
    if problem is not None:  # narrowed in the database: the record grows by every copy every day
        query = query.where(reminders.c.problems.contains(problem, autoescape=True))
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    stored = {"version": "version_id"}  # the record's column names where the table's differ
    frame = pd.DataFrame(
        [[_utc(r["at"]) if c == "at" else r[stored.get(c, c)] for c in REMINDER_COLUMNS] for r in rows],
        columns=list(REMINDER_COLUMNS),
    )
    kept = ("sent_on", "at", "version", "attempts")
    return frame.astype({c: object for c in REMINDER_COLUMNS if c not in kept})


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value
