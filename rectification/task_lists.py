"""A "三单" workbook (issue 10; DESIGN.md §2): problems one a row on a 问题清单 sheet, their
measures one a row on a 任务清单 sheet that names each task's problem by its 问题序号, sometimes a
责任清单 beside them. Which sheets those are, and which problem each task belongs to. Pure: the
sheets' top rows in, names and positions out; `ledger.build_ledger_from_lists` does the reading.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from .header import Header, find_header
from .schema import normalise_header

# Besides a number, a task sheet names 整改措施 or two of the others.
_MEASURE_MARKS: frozenset[str] = frozenset({"measures", "department", "deadline", "status"})
# What makes a task sheet's row a task: any of these filled. A row with only numbers in it is
# a footnote or a leftover, not a task.
TASK_FIELDS: tuple[str, ...] = (
    "measures",
    "department",
    "supporting",
    "owner",
    "deadline",
    "progress",
    "status",
    "completed_on",
    "evidence",
)


@dataclass(frozen=True)
class TaskLists:
    """The sheets of a 三单 workbook: the problem sheet, the task sheet, and the other sheets
    that look like tables but are not read (a 责任清单), in workbook order."""

    problems: str
    tasks: str
    unread: tuple[str, ...] = ()


def find_task_lists(tops: Mapping[str, list[list[object]]]) -> TaskLists | None:
    """The problem and task sheets among a workbook's sheets (each sheet's top rows, in workbook
    order), or None when the workbook is not kept as 三单. Decided by the headers: a problem sheet
    names 问题描述 and no 整改措施; a task sheet names a 任务序号 or 问题序号 (a plain 编号 only when
    its name holds 任务) and 整改措施 (整改任务) or two of 责任部门, 整改时限, 整改状态. A task
    sheet that also names 问题描述 (a whole ledger, maybe) counts only when the names say so: its
    own holds 任务, or the problem sheet's 问题清单. Names break ties."""
    headers = {name: header for name, rows in tops.items() if (header := find_header(rows)) is not None}
    fields = {name: set(header.columns.values()) for name, header in headers.items()}
    problem_sheets = [n for n, f in fields.items() if "problem" in f and not f & {"measures", "measure_id"}]
    if not problem_sheets:
        return None
    problems = max(problem_sheets, key=lambda n: ("问题清单" in n, "问题" in n, len(fields[n])))
    task_sheets = [
        n
        for n, f in fields.items()
        if n != problems
        and (_names_a_task(headers[n]) or ("任务" in n and "id" in f))
        and ("measures" in f or len(f & _MEASURE_MARKS) >= 2)
        and ("problem" not in f or "measure_id" in f or "任务" in n or "问题清单" in problems)
    ]
    if not task_sheets:
        return None
    tasks = max(
        task_sheets,
        key=lambda n: ("任务清单" in n, "任务" in n, "measures" in fields[n], "measure_id" in fields[n]),
    )
    return TaskLists(problems, tasks, tuple(n for n in headers if n not in (problems, tasks)))


def problem_number_first(header: Header) -> Header:
    """The header with its 问题序号 (问题编号) column as the problem's number when a plain 序号
    before it took that place: a 任务清单 often numbers its rows 序号 and names each task's problem
    in a 问题序号 column, and only the latter joins. The 序号 column is then not read (the reader
    says so in words of its own: it is no unknown column)."""
    at = header.column_of("id")
    if at is None or _names_problem(header.written[at]):
        return header
    better = next((c for c, text, name in header.repeated if name == "id" and _names_problem(text)), None)
    if better is None:
        return header
    text = next(t for c, t, _ in header.repeated if c == better)
    columns = {c: name for c, name in header.columns.items() if c != at} | {better: "id"}
    written = {c: t for c, t in header.written.items() if c != at} | {better: text}
    return replace(
        header,
        columns=dict(sorted(columns.items())),
        written=dict(sorted(written.items())),
        repeated=[r for r in header.repeated if r[0] != better],
    )


def _names_a_task(header: Header) -> bool:
    """A 任务序号, or a 问题序号 naming the task's problem: a plain 序号 or 编号 may only count the
    rows (a summary by department has one too), so alone it does not make a task sheet."""
    if header.column_of("measure_id") is not None:
        return True
    numbered = problem_number_first(header)
    at = numbered.column_of("id")
    return at is not None and _names_problem(numbered.written[at])


def _names_problem(text: str) -> bool:
    return normalise_header(text).startswith("问题")


def fill_problem_numbers(numbers: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Each task's 问题序号, a blank one taken from the task above (offices write a problem's
    number once over its tasks, in a merged cell or not), and which were so taken."""
    blank = (numbers == "").to_numpy(bool)
    filled = numbers.mask(blank).ffill()
    taken = blank & filled.notna().to_numpy(bool)
    return filled.fillna("").astype(object), taken


def match_problems(problem_ids: pd.Series, numbers: pd.Series) -> np.ndarray:
    """For each task number, the position of the problem it names among `problem_ids`, or -1.
    Numbers match as a person reads them: full-width digits, case and spaces aside."""
    position: dict[str, int] = {}
    for i, problem_id in enumerate(problem_ids):
        position.setdefault(_key(problem_id), i)
    # Once per distinct number: a problem's number is on each of its tasks.
    codes, distinct = pd.factorize(numbers.to_numpy(dtype=object), use_na_sentinel=False)
    found = np.array([position.get(_key(n), -1) if n else -1 for n in distinct], dtype=np.int64)
    return found[codes]


def _key(number: str) -> str:
    return "".join(unicodedata.normalize("NFKC", number).split()).casefold()
