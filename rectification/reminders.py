"""Chasing (催办/督办, issue 16, first part): one digest per department of its red and yellow
measures, escalated up the chain of responsibility (经办人 → 分管领导 → 主要负责人) by how long
the oldest of them has been overdue, and the 督办通知单 on paper for a department with overdue
measures.

Pure: a version's measures and their warning levels in, digests, their words and the paper
notice's parts out. Who the chain's people are (contacts), the sending (mail, office chat
robots) and the record of what was sent come with the rest of issue 16.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from .labels import label
from .notices.numerals import chinese_date
from .notices.write import Notice

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
    appearance (or only `department`'s; with several inspected units, one per unit's department,
    named "unit department"). Yellow alone goes to the officer (经办人); red goes to the highest
    step whose days the most overdue measure exceeds (0 days: any overdue)."""
    urgent = measures.assign(level=levels.to_numpy())[levels.isin(("red", "yellow")).to_numpy()]
    if department is not None:
        urgent = urgent[urgent["department"] == department]
    late = (pd.Timestamp(as_of) - pd.to_datetime(urgent["deadline"])).dt.days
    urgent = urgent.assign(days_overdue=late.where(urgent["level"] == "red", 0).fillna(0).astype(int))
    # A ledger of several inspected units: each unit's 办公室 is its own, and gets its own digest.
    addressee = urgent["department"]
    if "unit" in measures and measures["unit"].nunique() > 1:
        addressee = urgent["unit"].str.cat(urgent["department"], sep=" ")
    urgent = urgent.assign(addressee=addressee.to_numpy())
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
