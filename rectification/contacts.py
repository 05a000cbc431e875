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
    """The contacts of a sheet under its heading row: one row a person (部门, 角色, 姓名, 邮箱 …),
    or one row a department (部门, 经办人, 经办人邮箱, 分管领导, 分管领导邮箱 …, the department's
    group robot going with each of them, and with its officer always). Raises BadContacts naming
    every bad cell at once (file, sheet, row, column); nothing is taken from a bad sheet."""
    filled = [i for i, row in enumerate(rows) if any(_key(c) for c in row)]
    if not filled:
        raise BadContacts("contacts.empty", file=file, sheet=sheet)
    # The heading is the first row naming the required columns (a title row may stand above it).
    start = next((i for i in filled[:10] if _is_heading(rows[i])), filled[0])
    columns, wide = _columns(rows[start]), _wide_columns(rows[start])
    missing = [HEADINGS[f][0] for f in REQUIRED if f not in columns and not (f == "role" and wide)]
    if missing:
        raise BadContacts("contacts.missing_columns", file=file, sheet=sheet, columns="、".join(missing))
    problems: list[Words] = []
    found: dict[tuple[str, str], tuple[int, Contact]] = {}
    heading = [clean_text(str(c or "")).strip() for c in rows[start]]

    def cell(row: list[object], at: int | None) -> str:
        present = at is not None and at < len(row) and row[at] is not None
        return clean_text(str(row[at])).strip() if present else ""

    for i, row in enumerate(rows[start + 1 :], start=start + 2):
        if not any(_key(c) for c in row):
            continue
        said = {field: cell(row, columns.get(field)) for field in HEADINGS}
        if not wide:
            _take(said, {}, _complaint(problems, file, sheet, i, said, {}), i, found)
            continue
        people = {role for role, (name, email) in wide.items() if cell(row, name) or cell(row, email)}
        if said["webhook"]:  # the department's group robot reaches its officer, listed or not
            people.add("officer")
        if not people:
            _complaint(problems, file, sheet, i, said, {})("email", "contacts.no_address")
        for role in [r for r in CHAIN if r in people]:
            name, email = wide.get(role, (None, None))
            # The group's robot goes with every person of the row: each copy reaches the group, and
            # one digest posts to it once (plan_deliveries), as the highest role's.
            own = {**said, "role": role, "name": cell(row, name), "email": cell(row, email)}
            named = {
                "name": heading[name] if name is not None else "",
                "email": heading[email] if email is not None else "",
            }
            _take(own, named, _complaint(problems, file, sheet, i, own, named), i, found)
    if problems:
        raise BadContacts("contacts.refused", file=file, count=len(problems), problems=_Lines(problems))
    return [contact for _, contact in found.values()]


def _take(
    said: dict[str, str],
    named: dict[str, str],
    bad: Callable[..., None],
    row: int,
    found: dict[tuple[str, str], tuple[int, Contact]],
) -> None:
    """Check one person's cells and keep their contact, or say what is wrong with each."""
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
        return
    contact = Contact(
        said["department"], role, said["name"], said["email"], robot, said["webhook"], said["secret"]
    )
    if (said["department"], role) in found:
        bad("role", "contacts.twice", first=found[(said["department"], role)][0])
    found[(said["department"], role)] = (row, contact)


def _is_heading(row: list[object]) -> bool:
    columns = _columns(row)
    return "department" in columns and ("role" in columns or bool(_wide_columns(row)))


def _wide_columns(heading: list[object]) -> dict[str, tuple[int | None, int | None]]:
    """A department-a-row sheet's people: each role of the chain whose name or e-mail has a
    column ("经办人", "经办人邮箱"), as (name column, e-mail column); empty for a person-a-row sheet."""
    if "role" in _columns(heading):
        return {}
    keys = [_key(cell) for cell in heading]
    found: dict[str, tuple[int | None, int | None]] = {}
    for written, role in ROLE_NAMES.items():
        if role in found or not re.search(r"[\u4e00-\u9fff]", written):
            continue
        name = next((j for j, k in enumerate(keys) if k in (written, f"{written}姓名")), None)
        email = next(
            (j for j, k in enumerate(keys) if k in {f"{written}{e}" for e in HEADINGS["email"]}), None
        )
        if name is not None or email is not None:
            found[role] = (name, email)
    return {role: found[role] for role in CHAIN if role in found}


def _columns(heading: list[object]) -> dict[str, int]:
    """Each field's column in a heading row: the first column whose heading names it."""
    columns: dict[str, int] = {}
    for j, cell in enumerate(heading):
        for field, names in HEADINGS.items():
            if _key(cell) in names and field not in columns:
                columns[field] = j
    return columns


def _complaint(
    problems: list[Words], file: str, sheet: str, row: int, said: dict[str, str], named: dict[str, str]
) -> Callable[..., None]:
    """A function that adds one problem of this row, naming its cell by the sheet's own heading
    where it differs from ours (经办人邮箱)."""

    def bad(field: str, key: str, **params: object) -> None:
        column = named.get(field) or HEADINGS[field][0]
        where = {"file": file, "sheet": sheet, "row": row, "column": column, "value": said[field]}
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
