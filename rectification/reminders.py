"""Chasing (催办/督办, issue 16, first part): one digest per department of its red and yellow
measures, escalated up the chain of responsibility (经办人 → 分管领导 → 主要负责人) by how long
the oldest of them has been overdue.

Pure: a version's measures and their warning levels in, digests and their words out. Who the
chain's people are (contacts), the sending (mail, office chat robots), the record of what was
sent and the 督办单 on paper come with the rest of issue 16.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from .labels import label

# The chain of responsibility, lowest first.
CHAIN: tuple[str, ...] = ("officer", "leader", "head")


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


def compose_digests(
    measures: pd.DataFrame,
    levels: pd.Series,
    as_of: date,
    steps: tuple[Step, ...],
    department: str | None = None,
) -> list[Digest]:
    """One digest per lead department with red or yellow measures, in order of first
    appearance (or only `department`'s). Yellow alone goes to the officer (经办人); red goes to
    the highest step whose days the most overdue measure exceeds (0 days: any overdue)."""
    urgent = measures.assign(level=levels.to_numpy())[levels.isin(("red", "yellow")).to_numpy()]
    if department is not None:
        urgent = urgent[urgent["department"] == department]
    late = (pd.Timestamp(as_of) - pd.to_datetime(urgent["deadline"])).dt.days
    urgent = urgent.assign(days_overdue=late.where(urgent["level"] == "red", 0).fillna(0).astype(int))
    digests = []
    for name, group in urgent.groupby("department", sort=False):
        ordered = group.sort_values(["level", "days_overdue"], ascending=[True, False], kind="stable")
        worst = int(ordered["days_overdue"].max()) if (ordered["level"] == "red").any() else None
        role, after = "officer", None
        if worst is not None:
            reached = [step for step in steps if worst > step.days]
            if reached:
                role, after = reached[-1].role, reached[-1].days
        columns = ["problem_id", "measure_id", "problem", "measures", "deadline", "days_overdue", "level"]
        digests.append(
            Digest(str(name), "red" if worst is not None else "yellow", role, after, ordered[columns])
        )
    return digests


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
