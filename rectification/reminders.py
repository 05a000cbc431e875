"""Chasing (催办/督办, issue 16, first part): one digest per department of its red and yellow
measures, escalated up the chain of responsibility (经办人 → 分管领导 → 主要负责人) by how long
the oldest of them has been overdue, and the 督办通知单 on paper for a department with overdue
measures.

Pure: a version's measures and their warning levels in, digests, their words and the paper
notice's parts out; with the departments' contacts, who gets which copy by which channel
(`plan_deliveries`), and whether now is within the quiet hours. Sending is `sending.py`'s, the
record of what was sent the store's (store/chasing.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, time
from functools import cached_property
from urllib.parse import urlencode

import pandas as pd

from .access import CHAIN
from .labels import label
from .notices.numerals import chinese_date
from .notices.write import Notice

# How a reminder can go: by e-mail, or to an office-chat robot (a group's webhook).
CHANNELS: tuple[str, ...] = ("mail", "robot")


@dataclass(frozen=True)
class Step:
    """Overdue by more than `days` days, the digest goes to `role` (a member of CHAIN)."""

    days: int
    role: str


def parse_steps(text: str) -> tuple[Step, ...]:
    """"0:leader,15:head" → overdue at all, 分管领导; overdue by more than 15 days, 主要负责人.
    ValueError for anything else (the settings say what they accept)."""
    steps = []
    for part in text.split(","):
        days, _, role = part.strip().partition(":")
        if not days.strip().isdigit() or role.strip() not in CHAIN:
            raise ValueError(text)
        steps.append(Step(int(days), role.strip()))
    if not steps or [s.days for s in steps] != sorted({s.days for s in steps}):
        raise ValueError(text)  # each step once, in rising order of days
    return tuple(steps)


@dataclass(frozen=True)
class Digest:
    department: str
    level: str  # "red" when any of its measures is overdue, else "yellow"
    role: str  # whom it goes to: a member of CHAIN
    escalated_after: int | None  # the step's days when it went above the officer, else None
    items: pd.DataFrame  # problem_id, measure_id, problem, measures, deadline, days_overdue, level
    # The lead department and inspected unit as the ledger names them ("department" may be both).
    lead_department: str = ""
    unit: str = ""

    @cached_property
    def counts(self) -> tuple[int, int, int]:
        """Overdue tasks, tasks due soon, and the most days any is overdue."""
        red = int((self.items["level"] == "red").sum())
        return red, len(self.items) - red, int(self.items["days_overdue"].max()) if len(self.items) else 0


def compose_digests(
    measures: pd.DataFrame,
    levels: pd.Series,
    as_of: date,
    steps: tuple[Step, ...],
    department: str | None = None,
) -> list[Digest]:
    """One digest per lead department with red or yellow measures, in order of first
    appearance (or only `department`'s; with several inspected units, one per unit's department,
    named "unit department"). Yellow alone goes to the officer (经办人); red goes to the highest
    step whose days the most overdue measure exceeds (0 days: any overdue)."""
    urgent = measures.assign(level=levels.to_numpy())[levels.isin(("red", "yellow")).to_numpy()]
    if department is not None:
        urgent = urgent[urgent["department"] == department]
    late = (pd.Timestamp(as_of) - pd.to_datetime(urgent["deadline"])).dt.days
    urgent = urgent.assign(days_overdue=late.where(urgent["level"] == "red", 0).fillna(0).astype(int))
    urgent = urgent.assign(addressee=_addressees(urgent, several_units(measures)).to_numpy())
    digests = []
    for name, group in urgent.groupby("addressee", sort=False):
        ordered = group.sort_values(["level", "days_overdue"], ascending=[True, False], kind="stable")
        worst = int(ordered["days_overdue"].max()) if (ordered["level"] == "red").any() else None
        role, after = "officer", None
        if worst is not None:
            reached = [step for step in steps if worst > step.days]
            if reached:
                role, after = reached[-1].role, reached[-1].days
        columns = ["problem_id", "measure_id", "problem", "measures", "deadline", "days_overdue", "level"]
        level = "red" if worst is not None else "yellow"
        unit = str(group["unit"].iloc[0]) if "unit" in group else ""
        digests.append(
            Digest(str(name), level, role, after, ordered[columns], str(group["department"].iloc[0]), unit)
        )
    return digests


def several_units(measures: pd.DataFrame) -> bool:
    return "unit" in measures and measures["unit"].nunique() > 1


def _addressees(measures: pd.DataFrame, by_unit: bool) -> pd.Series:
    # A ledger of several inspected units: each unit's 办公室 is its own, and gets its own digest.
    return measures["unit"].str.cat(measures["department"], sep=" ") if by_unit else measures["department"]


def addressees(measures: pd.DataFrame) -> list[str]:
    """The names digests are addressed to, as contacts must be entered: each lead department, or
    "单位 部门" where the ledger holds several inspected units."""
    named = _addressees(measures, several_units(measures))
    return [name for name in dict.fromkeys(named.tolist()) if name.strip()]


def digest_text(digest: Digest, as_of: date, lang: str = "zh", link: str = "") -> str:
    """The digest's words, as an inspection office writes a reminder: whom, what is overdue and
    due soon, each measure with its deadline, why it was escalated, and where to see the list."""
    red = int((digest.items["level"] == "red").sum())
    yellow = len(digest.items) - red
    role = label(f"remind.role.{digest.role}", lang)
    lines = [
        label("remind.opening", lang, department=digest.department, role=role, date=_day(as_of, lang),
              red=red, yellow=yellow)
    ]  # fmt: skip
    for number, item in enumerate(digest.items.itertuples(index=False), start=1):
        key = "remind.item_overdue" if item.level == "red" else "remind.item_due"
        # The task's own words where the problem is broken into tasks.
        several = item.measure_id != item.problem_id and item.measures
        task = label("remind.task", lang, task=item.measures) if several else ""
        lines.append(
            label(
                key, lang, number=number, id=item.measure_id, problem=item.problem, task=task,
                deadline=f"{pd.Timestamp(item.deadline):%Y-%m-%d}", days=item.days_overdue,
            )
        )  # fmt: skip
    if digest.escalated_after is not None and digest.role != "officer":
        worst = int(digest.items["days_overdue"].max())
        lines.append(label("remind.escalated", lang, days=worst, after=digest.escalated_after, role=role))
    if link:
        lines.append(label("remind.link", lang, link=link))
    lines.append(label("remind.closing", lang))
    return "\n".join(lines)


def _day(day: date, lang: str) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else f"{day:%Y-%m-%d}"


def supervision_notice(digest: Digest, as_of: date, unit: str = "") -> Notice | None:
    """The 督办通知单 of a department with overdue measures, as a notice's parts (laid out by
    notices.docx as GB/T 9704 has it), signed by `unit` (the inspection office) and dated the
    as-of date; None when none of its measures is overdue. Chinese only: an official document."""
    overdue = digest.items[digest.items["level"] == "red"]
    if overdue.empty:
        return None
    worst = int(overdue["days_overdue"].max())
    summary = (
        f"{digest.department}：截至{chinese_date(as_of)}，你单位牵头的整改任务中有{len(overdue)}项"
        f"已超过整改时限仍未完成，其中最长已逾期{worst}天。根据巡察整改督办工作要求，现予督办。"
    )
    lines = []
    for number, item in enumerate(overdue.itertuples(index=False), start=1):
        several = item.measure_id != item.problem_id and item.measures
        task = f"（整改任务：{item.measures}）" if several else ""
        deadline = chinese_date(pd.Timestamp(item.deadline).date())
        what = f"{number}. {item.measure_id} {item.problem}{task}"
        lines.append(f"{what}，整改时限{deadline}，已逾期{item.days_overdue}天。")
    closing = (
        "请你单位高度重视，逐项分析未按期完成的原因，明确责任人和完成时限，采取有力措施抓紧整改，"
        "并于收到本通知后及时将整改进展情况书面报送。逾期仍未完成的，将按规定提级督办。"
    )
    title = f"关于督促{digest.department}加快整改落实的督办通知"
    sections = [("（一）逾期未完成的整改任务", "\n".join(lines))]  # one a line
    return Notice(title, summary, sections, closing, unit, chinese_date(as_of))


def parse_channels(text: str) -> tuple[str, ...]:
    """"none" → nothing is sent; "mail", "robot" or "mail,robot" → those channels. ValueError
    for anything else."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    if names == ["none"]:
        return ()
    if not names or any(name not in CHANNELS for name in names) or len(set(names)) != len(names):
        raise ValueError(text)
    return tuple(name for name in CHANNELS if name in names)


_HOURS = re.compile(r"\s*([01]?[0-9]|2[0-3]):([0-5][0-9])\s*-\s*([01]?[0-9]|2[0-3]):([0-5][0-9])\s*")


def parse_quiet_hours(text: str) -> tuple[time, time] | tuple[()]:
    """"22:00-07:00" → nothing is sent from 22:00 until 07:00 (across midnight when the end is
    earlier); "none" → no quiet hours. ValueError for anything else, and for an empty window."""
    if text.strip().lower() == "none":
        return ()
    found = _HOURS.fullmatch(text)
    if not found:
        raise ValueError(text)
    start, end = time(int(found[1]), int(found[2])), time(int(found[3]), int(found[4]))
    if start == end:
        raise ValueError(text)
    return start, end


def in_quiet_hours(window: tuple[time, time] | tuple[()], now: time) -> bool:
    """Whether `now` falls in the quiet hours: from the start, up to but not including the end."""
    if not window:
        return False
    start, end = window
    return start <= now < end if start < end else now >= start or now < end


@dataclass(frozen=True)
class Contact:
    """One person of a department's chain: their e-mail, and the office-chat robot (钉钉, 企业微信
    or 飞书 custom robot: a group's webhook, with its signing secret where the robot has one)
    their copies are posted to. `department` is written as the ledger's lead department is (with
    several inspected units, "单位 部门", as the digests name it)."""

    department: str
    role: str  # a member of CHAIN
    name: str = ""
    email: str = ""
    robot: str = ""  # "", or a member of robots.ROBOTS
    webhook: str = ""
    secret: str = ""


@dataclass(frozen=True)
class Delivery:
    """One copy of a digest, to one recipient by one channel."""

    digest: Digest
    role: str  # whose copy: the officer's, or the step's the digest was escalated to
    channel: str  # a member of CHANNELS
    recipient: str  # an e-mail address, or the robot's webhook
    name: str = ""
    robot: str = ""
    secret: str = ""

    def key(self, day: date) -> tuple[str, str, str, str, str, str]:
        """What makes a delivery the same one: never sent twice on one day."""
        return (f"{day:%Y-%m-%d}", self.digest.department, self.digest.level, self.role, self.channel,
                self.recipient)  # fmt: skip


@dataclass(frozen=True)
class Unreachable:
    """A copy that cannot go: the department's `role` has no contact, or none for any channel on."""

    digest: Digest
    role: str


def copies_for(digest: Digest) -> tuple[str, ...]:
    """Whose copies a digest has: the officer's always (经办人 does the work), and the copy of the
    step it was escalated to."""
    return ("officer",) if digest.role == "officer" else ("officer", digest.role)


def plan_deliveries(
    digests: list[Digest], contacts: Mapping[tuple[str, str], Contact], channels: tuple[str, ...]
) -> tuple[list[Delivery], list[Unreachable]]:
    """Each digest's copies by each channel on, to the contacts of its department; the copies no
    contact can receive, named. The same recipient gets one copy of a digest by one channel (a
    department whose leader shares the officer's robot gets one post, as the leader's)."""
    planned: list[Delivery] = []
    unreachable: list[Unreachable] = []
    for digest in digests:
        seen: dict[tuple[str, str], int] = {}  # where a copy goes → its place in `planned`
        for role in copies_for(digest):
            contact = contacts.get((digest.department, role))
            found = []
            if contact is not None and "mail" in channels and contact.email:
                found.append(Delivery(digest, role, "mail", contact.email, contact.name))
            if contact is not None and "robot" in channels and contact.webhook:
                robot = (contact.webhook, contact.name, contact.robot, contact.secret)
                found.append(Delivery(digest, role, "robot", *robot))
            if not found and channels:
                unreachable.append(Unreachable(digest, role))
            for delivery in found:
                where = (delivery.channel, delivery.recipient)
                if where not in seen:
                    seen[where] = len(planned)
                    planned.append(delivery)
                else:  # one copy, recorded as the higher role's: it was escalated
                    planned[seen[where]] = replace(planned[seen[where]], role=role)
    return planned, unreachable


def digest_subject(digest: Digest, as_of: date, lang: str = "zh") -> str:
    key = "remind.subject_overdue" if digest.level == "red" else "remind.subject_due"
    return label(key, lang, department=digest.department, date=_day(as_of, lang))


def list_link(public_url: str, digest: Digest) -> str:
    """The item list filtered to the digest's department and its red and yellow tasks, on the
    dashboard's public address; "" when none is configured (nothing points off the machine)."""
    if not public_url:
        return ""
    wanted = {"department": digest.lead_department or digest.department, "warning": ["red", "yellow"]}
    if digest.lead_department and digest.lead_department != digest.department:
        wanted["unit"] = digest.unit  # one unit's 办公室, not every unit's
    query = urlencode({**wanted, "tasks": "true"}, doseq=True)
    return f"{public_url.rstrip('/')}/items?{query}"
