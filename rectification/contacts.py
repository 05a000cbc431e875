"""The departments' contacts for chasing (issue 16): each department's 经办人, 分管领导 and 主要负责人,
with an e-mail address and the office-chat robot their copies go to, checked and read from the
sheet an office keeps ("部门 | 角色 | 姓名 | 邮箱 | 机器人 | 机器人地址 | 加签密钥", one row a person).

Pure: a sheet's rows in, contacts or every problem at once out (each naming its row and column).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlsplit

from .cell_text import clean_text
from .errors import BadContacts, Words
from .reminders import CHAIN, Contact
from .robots import ROBOT_NAMES, ROBOTS

# The role as a sheet names it, to a member of CHAIN.
ROLE_NAMES: dict[str, str] = {
    "经办人": "officer", "联络员": "officer", "officer": "officer",
    "分管领导": "leader", "分管负责人": "leader", "分管": "leader", "leader": "leader",
    "主要负责人": "head", "主要领导": "head", "head": "head",
}  # fmt: skip
# Each field, and the headings that name its column (the first is the template's).
HEADINGS: dict[str, tuple[str, ...]] = {
    "department": ("部门", "责任部门", "单位", "department"),
    "role": ("角色", "职责", "身份", "role"),
    "name": ("姓名", "联系人", "name"),
    "email": ("邮箱", "电子邮箱", "电子邮件", "e-mail", "email"),
    "robot": ("机器人", "机器人类型", "robot"),
    "webhook": ("机器人地址", "webhook", "webhook地址", "机器人webhook"),
    "secret": ("加签密钥", "密钥", "签名密钥", "secret"),
}
REQUIRED = ("department", "role")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _key(text: object) -> str:
    return re.sub(r"\s+", "", clean_text(str(text or ""))).lower()


def contacts_from_rows(rows: list[list[object]], file: str, sheet: str) -> list[Contact]:
    """The contacts of a sheet under its heading row (部门, 角色 …). Raises BadContacts
    naming every bad cell at once (file, sheet, row, column); nothing is taken from a bad sheet."""
    filled = [i for i, row in enumerate(rows) if any(_key(c) for c in row)]
    if not filled:
        raise BadContacts("contacts.empty", file=file, sheet=sheet)
    # The heading is the first row naming the required columns (a title row may stand above it).
    start = next((i for i in filled[:10] if len(_columns(rows[i]).keys() & set(REQUIRED)) == 2), filled[0])
    columns = _columns(rows[start])
    missing = [HEADINGS[f][0] for f in REQUIRED if f not in columns]
    if missing:
        raise BadContacts("contacts.missing_columns", file=file, sheet=sheet, columns="、".join(missing))
    problems: list[str] = []
    found: dict[tuple[str, str], tuple[int, Contact]] = {}

    def cell(row: list[object], field: str) -> str:
        at = columns.get(field)
        present = at is not None and at < len(row) and row[at] is not None
        return clean_text(str(row[at])).strip() if present else ""

    for i, row in enumerate(rows[start + 1 :], start=start + 2):
        if not any(_key(c) for c in row):
            continue
        said = {field: cell(row, field) for field in HEADINGS}
        bad = _complaint(problems, file, sheet, i, said)

        role = ROLE_NAMES.get(_key(said["role"]))
        robot = ROBOT_NAMES.get(_key(said["robot"]), "") if said["robot"] else ""
        if not said["department"]:
            bad("department", "contacts.no_department")
        if role is None:
            bad("role", "contacts.bad_role")
        if said["email"] and not _EMAIL.fullmatch(said["email"]):
            bad("email", "contacts.bad_email")
        if said["robot"] and not robot:
            bad("robot", "contacts.bad_robot")
        if said["webhook"] and not robot and not said["robot"]:
            bad("robot", "contacts.robot_needed")
        if said["webhook"] and not webhook_allowed(said["webhook"]):
            bad("webhook", "contacts.bad_webhook")
        if not said["email"] and not said["webhook"]:
            bad("email", "contacts.no_address")
        if role is None or not said["department"]:
            continue
        contact = Contact(
            said["department"], role, said["name"], said["email"], robot, said["webhook"], said["secret"]
        )
        if (said["department"], role) in found:
            first = found[(said["department"], role)][0]
            bad("role", "contacts.twice", first=first)
        found[(said["department"], role)] = (i, contact)
    if problems:
        raise BadContacts("contacts.refused", file=file, count=len(problems), problems=_Lines(problems))
    return [contact for _, contact in found.values()]


def _columns(heading: list[object]) -> dict[str, int]:
    """Each field's column in a heading row: the first column whose heading names it."""
    columns: dict[str, int] = {}
    for j, cell in enumerate(heading):
        for field, names in HEADINGS.items():
            if _key(cell) in names and field not in columns:
                columns[field] = j
    return columns


def _complaint(
    problems: list[Words], file: str, sheet: str, row: int, said: dict[str, str]
) -> Callable[..., None]:
    """A function that adds one problem of this row, naming its cell."""

    def bad(field: str, key: str, **params: object) -> None:
        where = {"file": file, "sheet": sheet, "row": row, "column": HEADINGS[field][0], "value": said[field]}
        problems.append(Words(key, **where, **params))

    return bad


def webhook_allowed(url: str) -> bool:
    """An office-chat robot is reached over HTTPS; plain HTTP only on this computer (a local relay,
    or the tests' receiver)."""
    url = url.strip()
    if re.search(r"[\x00-\x20\x7f]", url):  # a space or a control character: not one address
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number in range)
    except ValueError:
        return False
    if parts.scheme == "https" and parts.hostname:
        return True
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")


def checked_contact(contact: Contact) -> Contact:
    """One contact as typed on the admin page or the command line, trimmed and checked like a
    sheet's row (BadContacts naming the field)."""
    contact = replace(contact, **{f: getattr(contact, f).strip() for f in HEADINGS})
    robot = ROBOT_NAMES.get(_key(contact.robot), "") if contact.robot else ""
    refusals = [
        ("contacts.field_no_department", not contact.department),
        ("contacts.field_bad_role", contact.role not in CHAIN),
        ("contacts.field_bad_email", bool(contact.email) and not _EMAIL.fullmatch(contact.email)),
        ("contacts.field_bad_robot", bool(contact.webhook) and robot not in ROBOTS),
        ("contacts.field_bad_webhook", bool(contact.webhook) and not webhook_allowed(contact.webhook)),
        ("contacts.field_no_address", not contact.email and not contact.webhook),
    ]
    for key, refused in refusals:
        if refused:
            raise BadContacts(key, department=contact.department, role=Words(f"remind.role.{contact.role}")
                              if contact.role in CHAIN else contact.role)  # fmt: skip
    return replace(contact, robot=robot)


class _Lines:
    """The problems, one a line, in the reader's language."""

    def __init__(self, problems: list[Words]) -> None:
        self.problems = problems

    def localised(self, lang: str) -> str:
        return "\n".join(f"- {p.localised(lang)}" for p in self.problems)
