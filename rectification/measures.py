"""Problems and their measures: the counting rules, once (issue 10; DESIGN.md §2).

A problem (问题) is broken down into measures (整改措施 / 整改任务), each with its own lead
department, deadline and status. A problem counts once; its status, warning and lead department
are derived from its measures here, and nowhere else. Pure: plain values and DataFrames.

- status: `done` when every measure is done; `long_term` when every measure not done is
  long-term; `pending` when no measure has started; otherwise `in_progress`.
- warning: the worst of its open measures' (red, then yellow, then green); "" when none is open
  and dated. A problem is overdue when its warning is red.
- lead department: the first measure's lead; a cell naming several units gives the one marked
  牵头, else the one named first, and the rest as supporting (配合) departments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .metrics import WARNING_LEVELS
from .schema import STATUS_CODES

# Most urgent first; "" (done, or no dated deadline) last.
_URGENCY: tuple[str, ...] = (*WARNING_LEVELS, "")

# Separators between units in one cell: 、，, ；; / and line breaks (one unit a line).
_SEPARATORS = re.compile(r"[、，,；;/\n\r]+")
# A role written beside a unit: 办公室（牵头）, 财务科(配合), 牵头：办公室, 办公室牵头.
_LEAD_WORDS = ("牵头", "主责", "负责")
_SUPPORT_WORDS = ("配合", "参与", "协助", "协办")
_ROLE = "|".join((*_LEAD_WORDS, *_SUPPORT_WORDS))
_MARK = re.compile(rf"[（(【\[]\s*({_ROLE})\s*(?:单位|部门)?\s*[）)】\]]")
_LABEL = re.compile(rf"^\s*({_ROLE})\s*(?:单位|部门|科室)?\s*[:：]\s*")
_SUFFIX = re.compile(rf"({_ROLE})$")


@dataclass(frozen=True)
class Departments:
    """What one 责任部门 cell says: the lead department and the supporting ones, in cell order.
    `decided` names how the lead was chosen when the cell names several ("marked", "first")."""

    lead: str
    supporting: tuple[str, ...] = ()
    decided: str = ""


def read_departments(cell: str) -> Departments:
    """The lead and supporting departments named in a cell, in any of the forms offices write:
    "业务股（牵头）、法规股（配合）", "办公室、机关党委", one per line, "牵头：办公室；配合：财务科",
    "办公室牵头，财务科配合". The unit marked 牵头 leads, else the first named."""
    units: list[tuple[str, str]] = []  # (name, role: "lead", "support" or "")
    role_for_rest = ""
    for part in _SEPARATORS.split(cell or ""):
        part = part.strip()
        if not part:
            continue
        role = ""
        if label := _LABEL.match(part):  # 牵头：办公室 — a role for this unit and the ones after it
            role_for_rest = _role(label.group(1))
            part = part[label.end() :].strip()
        if mark := _MARK.search(part):
            role = _role(mark.group(1))
            part = _MARK.sub("", part).strip()
        elif (suffix := _SUFFIX.search(part)) and len(part) > len(suffix.group(1)):
            role = _role(suffix.group(1))
            part = part[: suffix.start()].strip()
        if part:
            units.append((part, role or role_for_rest))
    names = list(dict.fromkeys(name for name, _ in units))
    if not names:
        return Departments("")
    if len(names) == 1:
        return Departments(names[0])
    marked = [name for name, role in units if role == "lead"]
    lead = marked[0] if marked else names[0]
    return Departments(lead, tuple(n for n in names if n != lead), "marked" if marked else "first")


def _role(word: str) -> str:
    return "lead" if word in _LEAD_WORDS else "support"


def problem_statuses(problem_ids: pd.Series, statuses: pd.Series) -> pd.Series:
    """Each problem's status from its measures' (one row per measure), indexed by problem id in
    order of first appearance."""
    order = pd.unique(problem_ids.to_numpy())
    codes, uniques = pd.factorize(problem_ids.to_numpy(), sort=False)
    status = statuses.to_numpy()

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(codes, weights=mask.astype(float), minlength=len(uniques)).astype(int)

    total = np.bincount(codes, minlength=len(uniques))
    done, long_term, pending = (count(status == code) for code in ("done", "long_term", "pending"))
    derived = np.select(
        [done == total, (long_term > 0) & (done + long_term == total), pending == total],
        ["done", "long_term", "pending"],
        default="in_progress",
    )
    return pd.Series(derived, index=pd.Index(uniques, name="id"), dtype=object).reindex(order)


def problem_warnings(problem_ids: pd.Series, levels: pd.Series) -> pd.Series:
    """Each problem's warning level: the worst of its measures' ("" for done or undated
    measures, which `metrics.warning_levels` gives them), indexed by problem id."""
    order = pd.unique(problem_ids.to_numpy())
    rank = pd.Series(levels.to_numpy()).map({level: i for i, level in enumerate(_URGENCY)})
    worst = rank.groupby(problem_ids.to_numpy(), sort=False).min()
    return pd.Series(np.array(_URGENCY, dtype=object)[worst.to_numpy()], index=worst.index).reindex(order)


def task_figures(
    statuses: pd.Series, levels: pd.Series, departments: pd.Series | None = None
) -> dict[str, object]:
    """Measures counted as tasks (DESIGN.md §5 `summary.tasks`): total, each status, done ÷
    total, overdue (red), and with `departments` the count under each lead department, in order
    of first appearance."""
    total = len(statuses)
    counts = statuses.value_counts()
    by_status = {code: int(counts.get(code, 0)) for code in STATUS_CODES}
    figures: dict[str, object] = {
        "total": total,
        "completion_rate": round(by_status["done"] / total, 4) if total else None,
        "overdue": int((levels == "red").sum()),
        "by_status": by_status,
    }
    if departments is not None:
        figures["by_department"] = {str(k): int(v) for k, v in departments.value_counts(sort=False).items()}
    return figures


def problem_departments(problem_ids: pd.Series, leads: pd.Series) -> pd.Series:
    """Each problem's lead department: its first measure's lead, indexed by problem id."""
    return pd.Series(leads.to_numpy(), dtype=object).groupby(problem_ids.to_numpy(), sort=False).first()
