"""Who may do what: roles, the actions each grants, and a department sheet's scope.

Pure: the service layer asks these functions at every write (the pages ask too, to hide what a
role cannot use), and the role × action table here is the one the tests walk through.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import NotPermitted, Words

# A department's chain of responsibility, lowest first: whom reminders climb (经办人 → 分管领导 →
# 主要负责人, reminders.py). Not roles of this app: people the app writes to.
CHAIN: tuple[str, ...] = ("officer", "leader", "head")
# Who saved the sample ledger loaded on a first start: the system, not a person.
SAMPLE_AUTHOR = "system"

if TYPE_CHECKING:  # the command line reads ROLES and MODES for --help without loading pandas
    import pandas as pd

ROLES: tuple[str, ...] = ("viewer", "inspector", "uploader", "admin")
# The two ways an upload becomes a version: merged onto the current one, or replacing it.
MODES: tuple[str, ...] = ("merge", "replace")
ACTIONS: tuple[str, ...] = (
    "view", "export", "merge", "replace", "restore", "verify", "extend", "reopen", "remind", "manage_users",
)  # fmt: skip
# The actions that change what is stored: refused to everyone while a local-mode server listens
# beyond this computer (anyone on the network would be "the person at the keyboard").
WRITES: frozenset[str] = frozenset(
    {"merge", "replace", "restore", "verify", "extend", "reopen", "remind", "manage_users"}
)

GRANTS: dict[str, frozenset[str]] = {
    "viewer": frozenset({"view"}),  # leadership: sees everything
    # Checks evidence, verifies closures, decides deadline extensions (延期), reopens (回头看) and
    # chases departments (催办: sends today's reminders, which puts them on record).
    "inspector": frozenset({"view", "export", "verify", "extend", "reopen", "remind"}),
    "uploader": frozenset({"view", "merge"}),  # department staff: their own department(s) only
    "admin": frozenset(ACTIONS),
}
# Departments an identity with this marker may act for: every one.
ALL_DEPARTMENTS = "*"


@dataclass(frozen=True)
class Identity:
    """Who is using the app or the command line, as the sign-in mode established it."""

    name: str
    role: str
    departments: frozenset[str] = field(default_factory=frozenset)
    mode: str = "local"
    # In local mode, the address the server listens on when that is not this computer only.
    exposed_at: str = ""

    def may(self, action: str) -> bool:
        """Whether the role grants `action` (what the pages offer)."""
        return allowed(self.role, action)

    def refusal(self, action: str) -> NotPermitted | None:
        """Why this identity may not do `action` now, or None: its role, or for a write a
        local-mode server listening beyond this computer."""
        if not self.may(action):
            return NotPermitted("auth.action_refused", role=Words(f"role.{self.role}"))
        if self.exposed_at and action in WRITES:
            return NotPermitted("auth.local_exposed", address=self.exposed_at)
        return None

    def require(self, action: str) -> None:
        """Raise NotPermitted unless this identity may do `action` now."""
        if refusal := self.refusal(action):
            raise refusal

    def covers(self, department: str) -> bool:
        return ALL_DEPARTMENTS in self.departments or department in self.departments


def normalise_identity(name: str) -> str:
    """The one form of a person's name (an e-mail address or a user name) wherever it is compared:
    stored in the role table, looked up at sign-in (the OIDC claim, the proxy's header) and named
    with --user on the command line. Compatibility forms folded (a full-width ＡＢ＠ typed with a
    Chinese input method is AB@), surrounding spaces dropped (全角空格 too), and case folded:
    addresses and the user names identity providers pass compare without case, and the table has
    held its names lower-cased since it began, so every entry made before still matches."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def allowed(role: str, action: str) -> bool:
    """Whether `role` grants `action`. Unknown roles and actions grant nothing."""
    return action in GRANTS.get(role, frozenset())


def changes_outside_scope(identity: Identity, touched: list[tuple[str, frozenset[str]]]) -> list[str]:
    """The names of changes (a measure's 任务序号, a problem's id) that touch a department not
    one of the identity's: staff change their own tasks, not another department's task of the
    same problem (`diff.measure_scope` says what each change touches)."""
    if ALL_DEPARTMENTS in identity.departments:
        return []
    return [name for name, departments in touched if not departments <= identity.departments]


def outside_scope(identity: Identity, current: pd.DataFrame | None, upload: pd.DataFrame) -> list[str]:
    """Ids of uploaded findings the identity may not change: those whose department (in the
    sheet, or in the ledger for an existing id) is not one of theirs. Empty when all are theirs."""
    if ALL_DEPARTMENTS in identity.departments:
        return []
    theirs = upload["department"].isin(identity.departments)
    if current is not None and not current.empty:
        owner = upload["id"].map(current.set_index("id")["department"])
        theirs &= owner.isna() | owner.isin(identity.departments)
    return upload.loc[~theirs.to_numpy(), "id"].tolist()
