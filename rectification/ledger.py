"""From a sheet's grid of cells to one validated ledger of findings, or the reasons it is refused.

Pure: no files, no screen. The frame it returns has one row per finding, a column per schema
field (text as Python str, dates as datetime64, the inferred-status flag as bool), plus
`deadline_term` and `row`
(the row number a person sees in Excel or WPS).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from itertools import compress
from operator import not_
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import layout
from .cell_text import (
    INVISIBLE,
    PRINTABLE_INVISIBLE,
    clean_text,
    fold_key,
    has_controls,
    is_blank,
    key_text,
    shown_invisibly,
    surely_plain,
)
from .dates import DateCell, as_of_in_text, parse_date
from .grid import Grid
from .header import HEADER_SCAN_ROWS, Header, find_header
from .inference import infer_statuses
from .labels import DEFAULT_LANG, label
from .layout import UNCATEGORISED
from .measures import fold_measures, measure_table, problem_tasks, read_departments, tasks_column
from .schema import (
    FIELD_BY_NAME,
    FIELDS,
    REQUIRED_FIELDS,
    header_suggestion,
    status_for_word,
    status_from_words,
)
from .task_lists import TASK_FIELDS, fill_problem_numbers, match_problems, problem_number_first

# `tasks`: a problem's measures when it has several (measures.problem_tasks), else "".
EXTRA_COLUMNS: tuple[str, ...] = ("deadline_term", "tasks", "row")
LEDGER_COLUMNS: tuple[str, ...] = (*(f.name for f in FIELDS if f.stored), *EXTRA_COLUMNS)
# What a version keeps of each finding: everything but the row it sat on in one upload.
STORED_COLUMNS: tuple[str, ...] = tuple(c for c in LEDGER_COLUMNS if c != "row")
DATE_FIELDS: frozenset[str] = frozenset(f.name for f in FIELDS if f.kind in ("date", "deadline"))
TEXT_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind not in ("date", "deadline", "flag"))
_YES = frozenset({"是", "yes", "y", "true", "1", "√", "✓"})


@dataclass
class Flag:
    """One reason to refuse (level "error") or to look twice (level "warning")."""

    level: str
    key: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = DEFAULT_LANG) -> str:
        # A parameter that is itself a word of ours (errors.Words: "sheet “台账”") is said in `lang`.
        params = {k: v.localised(lang) if hasattr(v, "localised") else v for k, v in self.params.items()}
        # A refusal's own `row` (the row a limit names) stands over the flag's, which it has none of.
        return label(self.key, lang, **{"value": _shown(self.value), "row": self.row, **params})

    def as_dict(self, lang: str = DEFAULT_LANG) -> dict[str, Any]:
        shown = {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": _shown(self.value) if self.value is not None else None,
            "message": self.message(lang),
        }
        if "rows" in self.params:  # a flag over many rows: `row` is the first, the message lists all
            shown["rows"] = self.params["rows"]
        return shown


def _shown(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


@dataclass
class LedgerCheck:
    """What reading one file gave: the findings when accepted, and every error and warning."""

    file: str
    sheet: str | None = None
    header_row: int | None = None
    as_of: date | None = None
    findings: pd.DataFrame | None = None
    errors: list[Flag] = field(default_factory=list)
    warnings: list[Flag] = field(default_factory=list)
    # The measure rows as read, each with its own sheet row, when problems span several rows.
    measure_rows: pd.DataFrame | None = field(default=None, repr=False)
    # Headings that state their count ("（11个）"): (sheet row, category, count), checked once read.
    stated_counts: list[tuple[int, str, int]] = field(default_factory=list, repr=False)

    @property
    def accepted(self) -> bool:
        return not self.errors and self.findings is not None

    @cached_property
    def measures(self) -> pd.DataFrame | None:
        """One row per measure (整改任务) with its problem's id in `problem_id` and its own sheet
        row; a problem kept as one row is one measure. None when the file was refused."""
        if self.findings is None:
            return None
        return self.measure_rows if self.measure_rows is not None else measure_table(self.findings)


def build_ledger(
    grid: Grid, file: str, fills: dict[str, str] | None = None, *, id_prefix: str = ""
) -> LedgerCheck:
    """Validate and normalise one sheet; on any error, `findings` is None and all errors listed.
    `fills` gives fields the sheet has no column for (a workbook of one sheet per department:
    the sheet's name is its rows' department); `id_prefix` goes before the ids it writes."""
    check = LedgerCheck(file=file, sheet=grid.sheet)
    header = find_header(grid.rows)
    if header is None:
        check.errors.append(Flag("error", "sheet.no_header", grid.sheet, params={"rows": HEADER_SCAN_ROWS}))
        return check
    check.header_row = header.first_row + 1
    check.as_of = _as_of(grid.rows[: header.first_row])
    _grouping_as_category(header, check)
    if _formulas_without_values(grid, header, check):
        return check
    _flag_columns(check, header, grid.sheet)
    # A missing required column still lets every other column be checked, so one upload shows
    # all that is wrong with the file, not one problem per attempt.
    cells, problem_rows = _cells(grid, header)
    if problem_rows:  # said here: the rows below a problem, counted later, say so themselves
        counts = {"problems": len(set(problem_rows.values())), "measures": len(problem_rows)}
        check.warnings.append(Flag("warning", "measures.folded", grid.sheet, params=counts))
    texts = _texts(cells, check, fill_category=False)
    for name, value in (fills or {}).items():
        if name not in header.columns.values():
            texts[name] = key_text(value)
    if id_prefix:
        for name in ("id", "measure_id"):
            prefixed = np.where(texts[name] != "", id_prefix + "-" + texts[name].astype(object), "")
            texts[name] = pd.Series(prefixed, index=texts.index, dtype=object)
    texts = _set_apart(texts, header, check)
    frame = _skip_rows_without_finding(
        _fill_category(texts), check, "problem" in header.columns.values(), problem_rows
    )
    if frame.empty:
        check.errors.append(Flag("error", "sheet.no_rows", grid.sheet, row=header.last_row + 1))
        return check
    written = {header.columns[c]: header.written[c] for c in header.columns}
    findings = _normalise(frame, written, check, problem_rows)
    _check_stated_counts(findings, check)
    if not check.errors:
        check.findings = findings
    return check


# A flag of one kind on this many rows or fewer is listed row by row; past it, the first
# FOLD_EXAMPLES are listed as they are (with their values) and one line stands for them all.
FOLD_AFTER = 20
FOLD_EXAMPLES = 5


def fold_flags(check: LedgerCheck) -> LedgerCheck:
    """`check` with its errors and warnings folded, so a report stays a page however many rows a
    flag concerns (a bad date on 100,000 rows, a million blank rows skipped). More than FOLD_AFTER
    flags of one key on one sheet and column become their first FOLD_EXAMPLES, then one flag
    whose `rows` lists them all ("第2、3……（共3000行）"); then more than FOLD_AFTER of one key
    across columns likewise, listing the columns. What is refused stays refused: folding changes
    what is listed, not what is decided."""
    for name in ("errors", "warnings"):
        flags = _folded(getattr(check, name), _same_column, _rows_folded)
        setattr(check, name, _folded(flags, _same_key, _columns_folded))
    return check


def _same_column(flag: Flag) -> tuple[Any, ...] | None:
    if flag.row is None or "rows" in flag.params or flag.key.startswith("flags."):
        return None
    return (flag.level, flag.key, flag.sheet, flag.column)


def _same_key(flag: Flag) -> tuple[Any, ...] | None:
    if flag.row is None or flag.column is None or flag.key.startswith("flags."):
        return None
    return (flag.level, flag.key, flag.sheet)


def _rows_folded(group: list[Flag]) -> Flag:
    rows = sorted({int(flag.row or 0) for flag in group})
    first = group[0]
    params = {"count": len(rows), "shown": FOLD_EXAMPLES, "rows": _row_list(rows)}
    return Flag(first.level, "flags.folded_rows", first.sheet, rows[0], first.column, params=params)


def _columns_folded(group: list[Flag]) -> Flag:
    columns = list(dict.fromkeys(str(flag.column) for flag in group[FOLD_EXAMPLES:]))
    listed = "、".join(f"“{c}”" for c in columns[:10])
    if len(columns) > 10:
        listed += f"……（共{len(columns)}列）"
    rows = sorted({int(flag.row or 0) for flag in group})
    first = group[0]
    params = {"count": len(columns), "columns": listed, "rows": _row_list(rows)}
    return Flag(first.level, "flags.folded_columns", first.sheet, rows[0], params=params)


def _folded(flags: list[Flag], kind: Any, fold: Any) -> list[Flag]:
    """`flags` with each large group of one `kind` replaced, where its first flag stood, by its
    first FOLD_EXAMPLES and the one flag `fold` makes of the whole group."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    for i, flag in enumerate(flags):
        if (found := kind(flag)) is not None:
            groups.setdefault(found, []).append(i)
    large = {members[0]: members for members in groups.values() if len(members) > FOLD_AFTER}
    if not large:
        return flags
    folded_away = {i for members in large.values() for i in members}
    out: list[Flag] = []
    for i, flag in enumerate(flags):
        if i in large:
            group = [flags[j] for j in large[i]]
            out += [*group[:FOLD_EXAMPLES], fold(group)]
        elif i not in folded_away:
            out.append(flag)
    return out


def combine_checks(
    checks: list[LedgerCheck], file: str, fills: list[dict[str, str]], prefixed: bool
) -> LedgerCheck:
    """One ledger from the checks of the sheets it was split into (one per department or per
    category), each flag still naming its own sheet; refused when any sheet is."""
    combined = LedgerCheck(
        file=file,
        sheet=checks[0].sheet,
        header_row=checks[0].header_row,
        as_of=next((c.as_of for c in checks if c.as_of), None),
    )
    sheets = "、".join(c.sheet or "" for c in checks)
    filled = {name for fill in fills for name in fill}
    fields = "、".join(FIELD_BY_NAME[name].zh for name in sorted(filled)) or "—"
    combined.warnings.append(
        Flag("warning", "sheets.combined", params={"count": len(checks), "sheets": sheets, "fields": fields})
    )
    if prefixed:
        combined.warnings.append(Flag("warning", "sheets.ids_prefixed"))
    for check in checks:
        combined.errors += check.errors
        combined.warnings += check.warnings
    if combined.errors or any(c.findings is None for c in checks):
        return combined
    combined.findings = pd.concat([c.findings for c in checks], ignore_index=True)
    if any(c.measure_rows is not None for c in checks):
        combined.measure_rows = pd.concat([c.measures for c in checks], ignore_index=True)
    return combined


def ledger_from_fields(columns: dict[str, list[object]], file: str, sheet: str) -> LedgerCheck:
    """Validate and normalise values already named by field (a parsed notice, not a sheet), by
    the same rules as a sheet's rows. Flags name row i + 2 for the i-th value, as if under a
    header row; the caller maps them to its own places (a notice's lines)."""
    check = LedgerCheck(file=file, sheet=sheet)
    index = pd.RangeIndex(1, len(next(iter(columns.values()), [])) + 1)
    frame = pd.DataFrame(
        {name: pd.Series(values, index=index, dtype=object) for name, values in columns.items()}
    )
    frame = _skip_rows_without_finding(_texts(frame, check), check, "problem" in columns)
    if frame.empty:
        check.errors.append(Flag("error", "sheet.no_rows", sheet, row=1))
        return check
    findings = _normalise(frame, {name: FIELD_BY_NAME[name].zh for name in columns}, check)
    if not check.errors:
        check.findings = findings
    return check


def build_ledger_from_lists(
    problems: Grid, tasks: Grid, file: str, unread: tuple[str, ...] = ()
) -> LedgerCheck:
    """A "三单" workbook (task_lists.py): problems one a row on `problems`, their measures one a
    row on `tasks`, each naming its problem in the task sheet's 问题序号. Each task is checked on
    its own row of its own sheet; a problem then counts once, from its tasks, by the rules of a
    sheet of merged cells, and a problem with no task is one measure, its own row. `sheet` and
    `header_row` are the problem sheet's; each flag names its own sheet. `unread` names the
    workbook's other sheets, which the check says it did not read. On any error, `findings` is
    None and all errors are listed."""
    check = LedgerCheck(file=file, sheet=problems.sheet)
    # The reading steps name `check.sheet` in their flags: the task sheet is checked under a
    # check of its own, whose flags then follow the problem sheet's.
    on_tasks = LedgerCheck(file=file, sheet=tasks.sheet)
    problem_header, task_header = find_header(problems.rows), find_header(tasks.rows)
    for grid, header, flags in ((problems, problem_header, check), (tasks, task_header, on_tasks)):
        if header is None:
            flags.errors.append(
                Flag("error", "sheet.no_header", grid.sheet, params={"rows": HEADER_SCAN_ROWS})
            )
    if problem_header is None or task_header is None:
        return _with_task_flags(check, on_tasks)
    problem_header = _problem_number_first(problem_header, problems.sheet, check)
    task_header = _problem_number_first(task_header, tasks.sheet, on_tasks)
    check.header_row = problem_header.first_row + 1
    check.as_of = _as_of(problems.rows[: problem_header.first_row]) or _as_of(
        tasks.rows[: task_header.first_row]
    )
    # Both sheets are checked for formulas without values, so one refusal names every such cell.
    unevaluated = [_formulas_without_values(problems, problem_header, check)]
    unevaluated.append(_formulas_without_values(tasks, task_header, on_tasks))
    if any(unevaluated):
        return _with_task_flags(check, on_tasks)
    _flag_columns(check, problem_header, problems.sheet)
    _flag_columns(on_tasks, task_header, tasks.sheet)
    # A task takes its 问题类别 and 问题描述 from its problem: the task sheet need not have them.
    on_tasks.errors = [flag for flag in on_tasks.errors if flag.key != "column.missing"]
    for grid, header, flags in ((problems, problem_header, check), (tasks, task_header, on_tasks)):
        if header.column_of("id") is None:
            names = "、".join(a for a in FIELD_BY_NAME["id"].aliases if not a.isascii())
            flags.errors.append(
                Flag(
                    "error",
                    "lists.no_problem_number",
                    grid.sheet,
                    header.first_row + 1,
                    params={"sheet": grid.sheet, "aliases": names},
                )
            )
    problem_written = {problem_header.columns[c]: problem_header.written[c] for c in problem_header.columns}
    task_written = {task_header.columns[c]: task_header.written[c] for c in task_header.columns}
    found = _skip_rows_without_finding(
        _texts(_cells(problems, problem_header)[0], check),
        check,
        "problem" in problem_header.columns.values(),
    )
    if found.empty:
        check.errors.append(Flag("error", "sheet.no_rows", problems.sheet, row=problem_header.last_row + 1))
        return _with_task_flags(check, on_tasks)
    problem_rows = pd.Series(found.index + 1, index=found.index)
    # A missing 编号 column is an error of its own (above); ids are still made to check the rest.
    found["id"] = _ids(found, True, problem_written, check, problem_rows)

    listed = _task_rows(_texts(_cells(tasks, task_header)[0], on_tasks), on_tasks)
    task_rows = pd.Series(listed.index + 1, index=listed.index)
    # Without a number on both sides there is no join to check task by task: the column is named.
    numbered = task_header.column_of("id") is not None and problem_header.column_of("id") is not None
    at = (
        _task_problems(found["id"], listed["id"], task_rows, task_written.get("id"), on_tasks, problems.sheet)
        if numbered
        else np.full(len(listed), -1, dtype=np.int64)
    )
    task_cells = _measure_cells(listed, task_written, on_tasks, task_rows)
    joined = at >= 0
    has_tasks = np.zeros(len(found), dtype=bool)
    has_tasks[at[joined]] = True
    said: list[Flag] = []
    if numbered:
        counts = {"measures": int(joined.sum()), "count": int(has_tasks.sum())}
        names = {"column": task_written["id"], "tasks": tasks.sheet, "problems": problems.sheet}
        said.append(Flag("warning", "lists.joined", tasks.sheet, params=counts | names))
        check.warnings.extend(
            Flag(
                "warning",
                "lists.no_tasks",
                problems.sheet,
                int(problem_rows[index]),
                problem_written.get("id"),
                found.at[index, "id"],
                {"tasks": tasks.sheet},
            )
            for index in found.index[~has_tasks]
        )
    for sheet in unread:
        names = {"sheet": sheet, "problems": problems.sheet, "tasks": tasks.sheet}
        said.append(Flag("warning", "lists.not_read", sheet, params=names))
    check.warnings[:0] = said  # what was read, and what not, before what was found in it
    alone = found[~has_tasks]
    own = _measure_cells(alone, problem_written, check, problem_rows[~has_tasks])
    findings = _fold_lists(found, own, task_cells[joined], at[joined], check)
    _flag_repeated_task_numbers(check.measure_rows, task_written.get("measure_id"), on_tasks)
    _with_task_flags(check, on_tasks)
    if not check.errors:
        check.findings = findings
    return check


def _problem_number_first(header: Header, sheet: str, check: LedgerCheck) -> Header:
    """task_lists.problem_number_first, saying which column it left aside as a row count."""
    numbered = problem_number_first(header)
    was, now = header.column_of("id"), numbered.column_of("id")
    if was is not None and now is not None and was != now:
        text = header.written[was]
        check.warnings.append(
            Flag(
                "warning",
                "lists.serial_number",
                sheet,
                header.first_row + 1,
                text,
                text,
                {"column": numbered.written[now]},
            )
        )
    return numbered


def _task_problems(
    problem_ids: pd.Series,
    numbers: pd.Series,
    rows: pd.Series,
    column: str | None,
    check: LedgerCheck,
    problems: str,
) -> np.ndarray:
    """Each task's problem, by position in `problem_ids` (task_lists.match_problems), a blank
    number taken from the task above; a task naming no problem is refused at its row."""
    numbers, taken = fill_problem_numbers(numbers)
    if taken.any():
        first = int(rows.iloc[int(np.flatnonzero(taken)[0])])
        check.warnings.append(
            Flag(
                "warning",
                "tasks.number_filled",
                check.sheet,
                first,
                column,
                params={"rows": int(taken.sum())},
            )
        )
    at = match_problems(problem_ids, numbers)
    for i in np.flatnonzero(at < 0):
        row, number = int(rows.iloc[i]), numbers.iloc[i]
        if number:
            flag = Flag(
                "error", "task.unknown_problem", check.sheet, row, column, number, {"problems": problems}
            )
        else:
            flag = Flag("error", "task.no_problem", check.sheet, row, column)
        check.errors.append(flag)
    return at


def _with_task_flags(check: LedgerCheck, on_tasks: LedgerCheck) -> LedgerCheck:
    check.errors.extend(on_tasks.errors)
    check.warnings.extend(on_tasks.warnings)
    return check


def _task_rows(frame: pd.DataFrame, check: LedgerCheck) -> pd.DataFrame:
    """The task sheet's rows that hold a task; the others (blank rows, footnotes, a number and
    nothing else) are said to be skipped."""
    filled = np.zeros(len(frame), dtype=bool)
    for name in TASK_FIELDS:
        if name in frame:
            cells = frame[name]  # dates are cells as read, the rest text
            filled |= (cells.map(_filled) if name in DATE_FIELDS else cells != "").to_numpy(bool)
    for index in frame.index[~filled]:
        check.warnings.append(Flag("warning", "tasks.row_skipped", check.sheet, int(index) + 1))
    return frame[filled]


def _measure_cells(
    frame: pd.DataFrame, written: dict[str, str], check: LedgerCheck, rows: pd.Series, *, ids: bool = False
) -> pd.DataFrame:
    """Rows that are one measure each, checked on their own rows (dates, then with `ids` the
    row's 编号, then status and departments). A task's id belongs to its problem, and so does
    the id of a measure row of a problem spread over several rows: those are checked after."""
    out = frame[list(TEXT_FIELDS)]  # a frame of its own: pandas copies on write
    out["deadline"], out["deadline_term"], as_written, milestones = _dates(
        frame, "deadline", written, check, rows
    )
    # A sheet of ours (an export) carries these columns; a deadline read from words sets them.
    for name, read in (("deadline_written", as_written), ("milestones", milestones)):
        out[name] = pd.Series(np.where(read != "", read, out[name]), index=out.index, dtype=object)
    out["completed_on"], *_ = _dates(frame, "completed_on", written, check, rows)
    for name in ("amount", "amount_rectified"):
        out[name] = pd.Series(_amounts(out[name], name, written, check, rows), index=out.index, dtype=object)
    if ids:  # one row a problem: its id is checked before its status, as the row reads
        out["id"] = _ids(out, "id" in written, written, check, rows)
    out["status"], out["status_inferred"] = _statuses(out, "status" in written, written, check, rows)
    if "status_inferred" in frame:
        marked = as_text(frame["status_inferred"]).str.lower().isin(_YES)
        out["status_inferred"] = out["status_inferred"].to_numpy(bool) | marked.to_numpy(bool)
    out["row"] = rows.astype("int64")
    out["department"], out["supporting"] = _departments(out, check, rows)
    out["tasks"] = _blank(out.index)
    return out


# What a task takes from its problem: the problem's fields, whatever the task sheet repeats.
_FROM_PROBLEM: tuple[str, ...] = ("id", "round", "unit", "category", "problem")


def _fold_lists(
    found: pd.DataFrame, own: pd.DataFrame, task_cells: pd.DataFrame, at: np.ndarray, check: LedgerCheck
) -> pd.DataFrame:
    """The problems in problem sheet order, each from its tasks (`at`: each task's problem's
    position in `found`), or from its own row (`own`) when it has none. Sets the measure rows."""
    problem_of = found.iloc[at]

    def text(values: np.ndarray, index: pd.Index) -> pd.Series:  # str in an object column, as read
        return pd.Series(values, index=index, dtype=object)

    tasks = task_cells.copy()
    for name in _FROM_PROBLEM:
        tasks[name] = text(problem_of[name].to_numpy(), tasks.index)
    # A task that leaves its 责任领导 or 责任部门 blank has its problem's (the lead of a cell
    # naming several units, as the task's own cell would be read).
    inherited = {
        "leader": problem_of["leader"].to_numpy(),
        "department": problem_of["department"].map(lambda cell: read_departments(cell).lead).to_numpy(),
    }
    for name, theirs in inherited.items():
        mine = tasks[name].to_numpy()
        tasks[name] = text(np.where(mine == "", theirs, mine), tasks.index)
    position = pd.Series(np.arange(len(found)), index=found.index)
    parts = [
        (frame, problem, order)
        for frame, problem, order in (
            (own, position[own.index].to_numpy(), np.full(len(own), -1)),
            (tasks, at, np.arange(len(tasks))),
        )
        if len(frame)
    ]
    # fold_measures needs each problem's rows together: sort stably by problem, then sheet order.
    problem = np.concatenate([p for _, p, _ in parts])
    order = np.lexsort((np.concatenate([o for _, _, o in parts]), problem))
    measures = pd.concat([frame for frame, _, _ in parts]).iloc[order].reset_index(drop=True)
    problem = problem[order]
    groups, first = np.unique(problem, return_index=True)
    measures = measures.assign(problem_row=first[np.searchsorted(groups, problem)], counted=True)
    folded = fold_measures(measures)
    # The problem is the problem sheet's row: its row number, and its 责任领导 where it names one.
    source = problem[folded.index.to_numpy()]
    folded["row"] = (found.index.to_numpy() + 1).astype("int64")[source]
    leader = found["leader"].to_numpy()[source]
    folded["leader"] = text(np.where(leader != "", leader, folded["leader"].to_numpy()), folded.index)
    check.measure_rows = _measure_rows(measures, dict(zip(folded.index, folded["id"], strict=True)))
    several = problem_tasks(check.measure_rows)
    folded["tasks"] = text(np.array([several.get(i, "") for i in folded["id"]], dtype=object), folded.index)
    return folded[list(LEDGER_COLUMNS)].reset_index(drop=True)


def _flag_repeated_task_numbers(
    measures: pd.DataFrame | None, column: str | None, check: LedgerCheck
) -> None:
    """A 任务序号 used twice under one problem: the measure would not be told apart from the other
    when a later upload replaces it."""
    if measures is None or measures.empty:
        return
    repeated = measures.duplicated(["problem_id", "measure_id"]).to_numpy()
    if not repeated.any():
        return
    first = measures.groupby(["problem_id", "measure_id"], sort=False)["row"].first()
    for index in measures.index[repeated]:
        key = (measures.at[index, "problem_id"], measures.at[index, "measure_id"])
        check.errors.append(
            Flag(
                "error",
                "task.duplicate",
                check.sheet,
                int(measures.at[index, "row"]),
                column,
                key[1],
                {"first": int(first[key])},
            )
        )


def _as_of(title_rows: list[list[object]]) -> date | None:
    for row in title_rows:
        for value in row:
            if isinstance(value, str) and (found := as_of_in_text(value)):
                return found
    return None


def _formulas_without_values(grid: Grid, header: Header, check: LedgerCheck) -> bool:
    """Refuse a sheet whose header, or whose cells under a column the ledger reads, hold a formula
    with no value saved (a workbook written by a program, never opened in Excel): such a cell
    reads as blank, and a problem would be dropped as a footnote or a date taken as missing.
    One error names every such cell (the first ten, and how many); True when there was one."""
    cells = sorted(
        (row, column)
        for row, column in grid.unevaluated
        if header.first_row <= row and (row <= header.last_row or column in header.columns)
    )
    if not cells:
        return False
    row, column = cells[0]
    named = _Cells(tuple((r + 1, column_letters(c + 1), header.written.get(c, "")) for r, c in cells[:10]))
    params = {"sheet": grid.sheet, "cells": named, "count": len(cells)}
    check.errors.append(
        Flag("error", "formula.no_value", grid.sheet, row + 1, header.written.get(column), params=params)
    )
    return True


def column_letters(column: int) -> str:
    """A column as Excel names it (1-based): 1 is A, 27 is AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class _Cells:
    """Cells named as a clerk finds them: row, column letter and the column's header."""

    cells: tuple[tuple[int, str, str], ...]

    def localised(self, lang: str) -> str:
        if lang == "zh":
            return "、".join(f"第{r}行{c}列" + (f"（{h}）" if h else "") for r, c, h in self.cells)
        return "; ".join(f"row {r}, column {c}" + (f" ({h})" if h else "") for r, c, h in self.cells)


def _flag_columns(check: LedgerCheck, header: Header, sheet: str) -> None:
    row = header.first_row + 1
    for name in REQUIRED_FIELDS:
        # No category column is no refusal: headings, or 未分类, give one (_set_apart).
        if header.column_of(name) is None and name != "category":
            spec = FIELD_BY_NAME[name]
            check.errors.append(
                Flag(
                    "error",
                    "column.missing",
                    sheet,
                    row,
                    spec.zh,
                    params={
                        "field": spec.zh,
                        "aliases": "、".join(dict.fromkeys((spec.zh, *spec.aliases[:6]))),
                    },
                )
            )
    for _, text in header.ignored:
        if meant := header_suggestion(text):
            params = {"field": FIELD_BY_NAME[meant].zh}
            check.warnings.append(Flag("warning", "column.ignored_like", sheet, row, text, text, params))
        else:
            check.warnings.append(Flag("warning", "column.ignored", sheet, row, text, text))
    for _, text, name in header.repeated:
        check.warnings.append(
            Flag("warning", "column.repeated", sheet, row, text, text, {"field": FIELD_BY_NAME[name].zh})
        )


def _cells(grid: Grid, header: Header) -> tuple[pd.DataFrame, dict[int, int]]:
    """The data area as a frame indexed by 0-based sheet row, merged cells spread to their area,
    and for each row under a 问题描述 cell merged over several rows, that cell's first row."""
    start = header.last_row + 1
    body = grid.rows[start:]
    columns = list(zip(*body, strict=True)) if body else []
    cells = {
        name: list(columns[c]) if c < len(columns) else [""] * len(body) for c, name in header.columns.items()
    }
    problem_rows = _spread_merges(cells, grid, header, start)
    index = pd.RangeIndex(start, start + len(body))
    # copy=False: a block per column, not one stacked copy of every cell (a pass over them all).
    frame = pd.DataFrame(
        {name: pd.Series(values, index=index, dtype=object) for name, values in cells.items()},
        index=index,
        copy=False,
    )
    return frame, problem_rows


def _texts(frame: pd.DataFrame, check: LedgerCheck, *, fill_category: bool = True) -> pd.DataFrame:
    """The one normalisation every door's cells go through before anything reads them (a sheet,
    a CSV or text file, a web page, a three-list workbook, a notice), so that every store is
    handed the same text (cell_text.py): control characters (NUL …) removed from every cell,
    and a cell of invisible characters only made blank, each said once with its rows; text
    fields as trimmed str; keys without invisible characters, and keys that differ only in such
    characters or in compatibility forms made one, which is said. A blank category continues
    the group above it. `frame` is indexed by 0-based sheet row (a notice's: item + 1)."""
    found: dict[str, dict[int, set[str]]] = {"text.controls_removed": {}, "text.invisible_only": {}}
    # A new frame of the columns, not a copy of every cell whose text columns are then replaced.
    columns = {name: _cleaned(frame[name], name, found) for name in frame.columns}
    for name in TEXT_FIELDS:
        columns[name] = as_text(columns[name]) if name in frame else _blank(frame.index)
    if "problem" in frame:
        columns["problem"] = _blank_looking(columns["problem"], found)
    for name in KEY_FIELDS:
        if name in frame:
            columns[name] = _one_key_each(columns[name], name, check)
    for key, rows in found.items():
        if rows:
            listed = sorted(rows)
            named = set().union(*rows.values())
            fields = _FieldNames(tuple(name for name in frame.columns if name in named))
            # `row_numbers` lets a notice name its own lines instead (notices.parse).
            numbers = [row + 1 for row in listed]
            params = {"rows": _row_list(numbers), "row_numbers": numbers, "fields": fields}
            check.warnings.append(Flag("warning", key, check.sheet, listed[0] + 1, params=params))
    out = pd.DataFrame(columns, index=frame.index, copy=False)
    return _fill_category(out) if fill_category else out


# The fields that group, filter and join: kept without invisible characters, one form each.
KEY_FIELDS: tuple[str, ...] = ("id", "measure_id", "category", "department", "supporting", "unit", "round")


@dataclass(frozen=True)
class _FieldNames:
    """Fields named in a message, in the reader's language (a flag's parameter, as errors.Words)."""

    names: tuple[str, ...]

    def localised(self, lang: str) -> str:
        return ("、" if lang == "zh" else ", ").join(f"“{label(f'field.{n}', lang)}”" for n in self.names)


@dataclass(frozen=True)
class _Written:
    """Texts as written, quoted, in the reader's language."""

    texts: tuple[str, ...]

    def localised(self, lang: str) -> str:
        return ("、" if lang == "zh" else ", ").join(f"“{t}”" for t in self.texts)


def _cleaned(values: pd.Series, name: str, found: dict[str, dict[int, set[str]]]) -> pd.Series:
    """A column's text cells without control characters, line breaks as LF, and blank where they
    show nothing but invisible characters; the 0-based rows changed so, by kind, in `found`.
    Only cells that fail the quick test (str.isprintable, then cell_text.surely_plain) are
    looked at closely: regular expressions over every cell of a 100,000-row ledger cost a second."""
    cells = values.to_numpy(dtype=object)
    listed = cells.tolist()
    try:
        # str.isprintable over the cells at C speed; a cell that is no str (a date, a number)
        # stops it, and then only the str cells are looked at.
        if all(map(str.isprintable, listed)):
            return values
        unprintable = list(compress(range(len(listed)), map(not_, map(str.isprintable, listed))))
    except TypeError:
        unprintable = [i for i, cell in enumerate(listed) if type(cell) is str and not cell.isprintable()]
    suspects = [i for i in unprintable if not surely_plain(listed[i])]
    if not suspects:
        return values
    out = cells.copy()
    rows = values.index
    for i in suspects:
        text = cleaned = listed[i]
        row = int(rows[i])
        if has_controls(text):
            found["text.controls_removed"].setdefault(row, set()).add(name)
            cleaned = clean_text(text)
        elif "\r" in text:
            cleaned = clean_text(text)
        shown = cleaned.strip()
        # A cell that shows nothing starts with an invisible character: only then is it read whole.
        if shown and INVISIBLE.match(shown) and is_blank(shown):
            found["text.invisible_only"].setdefault(row, set()).add(name)
            cleaned = ""
        out[i] = cleaned
    return pd.Series(out, index=values.index, dtype=object)


def _blank_looking(problems: pd.Series, found: dict[str, dict[int, set[str]]]) -> pd.Series:
    """Problem texts (trimmed str) made only of invisible characters that str.isprintable passes
    (a blank braille pattern, a Hangul filler, a variation selector), which `_cleaned` leaves be,
    made blank: a problem must show something. Such a text starts with one of them, so only the
    cells' first characters are looked at, all at once."""
    texts = problems.tolist()
    if not PRINTABLE_INVISIBLE.search("".join([text[:1] for text in texts])):
        return problems
    out = problems.to_numpy(dtype=object).copy()
    for k, text in enumerate(texts):
        if text and PRINTABLE_INVISIBLE.match(text) and is_blank(text):
            found["text.invisible_only"].setdefault(int(problems.index[k]), set()).add("problem")
            out[k] = ""
    return pd.Series(out, index=problems.index, dtype=object)


def _one_key_each(values: pd.Series, name: str, check: LedgerCheck) -> pd.Series:
    """A key column without invisible characters, and with one form for keys whose NFKC forms
    are the same (Ａ1 and A1, 党⟨U+200B⟩建 and 党建): the first written in the sheet. Each set of
    forms made one is said, with the rows that were written otherwise."""
    cells = values.to_numpy(dtype=object)
    # Keys repeat: each distinct one is looked at once. Most columns hold neither invisible
    # characters nor other forms, which one look over their distinct keys, joined, says.
    whole = "".join(set(cells.tolist()))
    if (
        whole.isprintable()  # no format character, no white space but the plain space
        and "  " not in whole
        and not PRINTABLE_INVISIBLE.search(whole)
        and unicodedata.is_normalized("NFKC", whole)
    ):
        return values
    codes, distinct = pd.factorize(cells, use_na_sentinel=False)  # in the sheet's order
    kept = [key_text(text) for text in distinct]
    forms: dict[str, list[int]] = {}
    for at, text in enumerate(kept):
        forms.setdefault(fold_key(text), []).append(at)
    chosen = np.empty(len(distinct), dtype=object)
    column = FIELD_BY_NAME[name].zh
    for members in forms.values():
        one = kept[members[0]]
        chosen[members] = one
        other = [m for m in members if distinct[m] != one]
        if len(members) < 2 or not other:
            continue  # one form only: its invisible characters go without a word
        rows = values.index[np.isin(codes, other)]
        params = {
            "field": _FieldNames((name,)),
            "rows": _row_list([int(r) + 1 for r in rows]),
            "row_numbers": [int(r) + 1 for r in rows],
            "written": _Written(tuple(shown_invisibly(str(distinct[m])) for m in other[:5])),
        }
        flag = Flag("warning", "text.keys_merged", check.sheet, int(rows[0]) + 1, column, one, params)
        check.warnings.append(flag)
    return pd.Series(chosen[codes], index=values.index, dtype=object)


def _fill_category(frame: pd.DataFrame) -> pd.DataFrame:
    frame["category"] = frame["category"].mask(frame["category"] == "").ffill().fillna("")
    return frame


def _set_apart(frame: pd.DataFrame, header: Header, check: LedgerCheck) -> pd.DataFrame:
    """The rows that are not problems (layout.row_kind) taken out, each kind said once with its
    rows; category headings give the category of the problems under them. Only rows that could
    be such a row are looked at one by one: few filled cells, or a first cell that says so."""
    names = [name for _, name in sorted(header.columns.items()) if name in TEXT_FIELDS]
    if frame.empty or not names:
        return frame
    values = [frame[name].to_numpy(dtype=object) for name in names]
    filled = np.sum([v != "" for v in values], axis=0)
    first = values[0].copy()
    for column in values[1:]:
        first = np.where(first == "", column, first)
    problem = frame["problem"].to_numpy(dtype=object)
    header_texts = frozenset(layout.plain(t) for t in header.written.values())
    # Cheap tests over every row first (a regex per row cost a tenth of a second at 100k rows).
    opening = layout.SAYS_WHAT_IT_IS_FIRST
    said = [bool(t) and t[0] in opening and layout.says_what_it_is(t) for t in first.tolist()]
    written = set(header.written.values())
    odd = [t.isdigit() or t in written for t in problem.tolist()]
    candidates = np.flatnonzero((filled <= 2) | np.array(said, dtype=bool) | np.array(odd, dtype=bool))
    kinds: dict[int, str] = {}
    headings: dict[int, layout.Heading] = {}
    previous = None
    for i in candidates.tolist():
        texts = [v[i] for v in values if v[i] != ""]
        kind = layout.row_kind(texts, header_texts)
        if (
            kind == layout.PROBLEM
            and previous == (i - 1, layout.FOOTNOTE)
            and layout.continues_footnote(texts)
        ):
            kind = layout.FOOTNOTE
        if kind in (layout.HEADING, layout.SUBHEADING):
            headings[i] = layout.heading(texts)
        if kind != layout.PROBLEM:
            kinds[i] = kind
        previous = (i, kind)
    if not kinds:
        return _category_without_column(frame, header, check)
    rows = frame.index.to_numpy()
    if headings:
        top = 1 if any(h.level == 1 for h in headings.values()) else 2
        named = np.full(len(frame), None, dtype=object)
        for i, found in headings.items():
            if found.level == top:
                named[i] = key_text(found.category)  # a key, as the category column's cells are
                if found.stated is not None:
                    check.stated_counts.append((int(rows[i]) + 1, found.category, found.stated))
            else:
                kinds[i] = layout.SUBHEADING
        if top == 2:
            for i in headings:
                kinds[i] = layout.HEADING
        category = pd.Series(named).ffill().fillna("").to_numpy(dtype=object)
        own = frame["category"].to_numpy(dtype=object)
        frame["category"] = pd.Series(np.where(own == "", category, own), index=frame.index, dtype=object)
    for kind in layout.SET_APART:
        at = [i for i, k in kinds.items() if k == kind]
        if at:
            check.warnings.append(
                Flag(
                    "warning",
                    f"rows.{kind}",
                    check.sheet,
                    int(rows[at[0]]) + 1,
                    params={"rows": _row_list([int(rows[i]) + 1 for i in at]), "text": first[at[0]][:40]},
                )
            )
    kept = np.ones(len(frame), dtype=bool)
    kept[list(kinds)] = False
    out = frame[kept]
    if "category" not in header.columns.values():
        if headings:
            count = out.loc[out["category"] != "", "category"].nunique()
            check.warnings.append(
                Flag("warning", "category.from_headings", check.sheet, params={"count": count})
            )
            return out
        return _category_without_column(out, header, check)
    return out


# Columns that group an audit ledger's problems where it names no category (审计项目).
_GROUPING = re.compile(r"^(审计项目|项目名称|审计事项|检查项目|专项名称|巡察项目|项目|所属项目)$")


def _grouping_as_category(header: Header, check: LedgerCheck) -> None:
    """With no category column, a column that groups the problems (审计项目) is their category,
    and the reader says so; it is then no longer an ignored column."""
    if "category" in header.columns.values():
        return
    for at, (column, text) in enumerate(header.ignored):
        if _GROUPING.match(layout.plain(text)):
            header.columns[column] = "category"
            header.written[column] = text
            del header.ignored[at]
            check.warnings.append(
                Flag("warning", "category.from_column", check.sheet, params={"column": text})
            )
            return


def _category_without_column(frame: pd.DataFrame, header: Header, check: LedgerCheck) -> pd.DataFrame:
    """A ledger with no category column and no headings is still read: the problems go under
    one category, 未分类, and the reader says so (never a refusal for a missing category)."""
    if "category" in header.columns.values() or frame.empty or (frame["category"] != "").all():
        return frame
    own = frame["category"].to_numpy(dtype=object)
    frame["category"] = pd.Series(np.where(own == "", UNCATEGORISED, own), index=frame.index, dtype=object)
    check.warnings.append(Flag("warning", "category.none", check.sheet, params={"category": UNCATEGORISED}))
    return frame


def _row_list(rows: list[int]) -> str:
    """Rows as a clerk lists them: "3、15、27", or the first ten and how many in all."""
    shown = "、".join(str(r) for r in rows[:10])
    return shown if len(rows) <= 10 else f"{shown}……（共{len(rows)}行）"


def _check_stated_counts(findings: pd.DataFrame, check: LedgerCheck) -> None:
    """A heading that states its count ("一、政治建设方面（11个）") is checked against the problems
    read under it: a difference is said, since one of the two is wrong."""
    if not check.stated_counts:
        return
    counts = findings["category"].value_counts()
    for row, category, stated in check.stated_counts:
        found = int(counts.get(category, 0))
        if found != stated:
            check.warnings.append(
                Flag(
                    "warning",
                    "heading.count_differs",
                    check.sheet,
                    row,
                    params={"category": category, "stated": stated, "found": found},
                )
            )


def _spread_merges(cells: dict[str, list[object]], grid: Grid, header: Header, start: int) -> dict[int, int]:
    """Spread every merged cell's value over its area, in the column lists (a ledger can hold tens
    of thousands of merges: per-merge DataFrame assignment took seconds). A 问题描述 cell merged
    over several rows is one problem whose rows are its measures: returns, for each such row,
    the problem's first row, so that it is counted once."""
    problem_col = header.column_of("problem")
    problem_rows: dict[int, int] = {}
    end = start + len(next(iter(cells.values()), []))
    for (r1, c1), (r2, _) in grid.merged:
        if r2 <= r1 or r1 < start or r1 >= end or c1 not in header.columns:
            continue
        last = min(r2, end - 1)
        column = cells[header.columns[c1]]
        column[r1 - start + 1 : last - start + 1] = [column[r1 - start]] * (last - r1)
        if c1 == problem_col:
            problem_rows.update(dict.fromkeys(range(r1, last + 1), r1))
    return problem_rows


def _skip_rows_without_finding(
    frame: pd.DataFrame, check: LedgerCheck, has_problem: bool, problem_rows: dict[int, int] | None = None
) -> pd.DataFrame:
    if not has_problem:  # its column is missing (an error already): keep every row with any text
        # of its own; the category was filled down, so a blank row below a group would count.
        own = [name for name in TEXT_FIELDS if name != "category"]
        return frame[(frame[own] != "").any(axis=1).to_numpy(bool)]
    blank = (frame["problem"] == "").to_numpy(bool)
    if problem_rows is not None:
        blank = blank & ~_measures_below_their_problem(frame, blank, problem_rows, check)
    for index in frame.index[blank]:
        check.warnings.append(Flag("warning", "row.skipped", check.sheet, int(index) + 1))
    return frame[~blank]


# Fields of a measure: a row that leaves 问题描述 blank but fills one of these, right under a
# problem, is that problem's next measure. Progress alone is not enough: it may be text that ran
# on into the next row.
_MEASURE_FIELDS: tuple[str, ...] = ("measures", "department", "deadline", "status")
# Fields of the problem, carried down to its measure rows.
_PROBLEM_FIELDS: tuple[str, ...] = ("id", "round", "unit", "problem", "leader")


def _measures_below_their_problem(
    frame: pd.DataFrame, blank: np.ndarray, problem_rows: dict[int, int], check: LedgerCheck
) -> np.ndarray:
    """Rows that are the next measure of the problem right above them (or of the problem whose
    measures are right above): offices write the problem once and leave its cells blank below,
    or repeat its text (with the same 编号, or none) on each measure row. Such a row must hold a
    measure of its own; an exact copy of the row above is a duplicate, refused as such. It joins
    that problem (`problem_rows`), takes its problem fields, and the reader says how many rows it
    counted so. Returns the rows whose 问题描述 was blank among them."""
    problem, ids = frame["problem"].to_numpy(), frame["id"].to_numpy()
    index = frame.index.to_numpy()
    after = np.zeros(len(frame), dtype=bool)
    after[1:] = index[1:] == index[:-1] + 1
    same = np.zeros(len(frame), dtype=bool)
    same[1:] = (problem[1:] == problem[:-1]) & (problem[1:] != "") & ((ids[1:] == "") | (ids[1:] == ids[:-1]))
    # Only the few candidate rows are looked at cell by cell: a pass over every row's measure
    # cells cost a tenth of a second at 100k rows.
    cells = [frame[name].to_numpy() for name in _MEASURE_FIELDS if name in frame]
    continued = np.zeros(len(frame), dtype=bool)
    repeated = np.zeros(len(frame), dtype=bool)
    for i in np.flatnonzero(after & (blank | same)):
        row, above = int(index[i]), int(index[i - 1])
        if row in problem_rows or (blank[i - 1] and not continued[i - 1]):
            continue  # under a merged cell already, or under a row that is not a problem's
        own = [column[i] for column in cells]
        if not any(_filled(v) for v in own) or (same[i] and own == [column[i - 1] for column in cells]):
            continue
        continued[i], repeated[i] = blank[i], not blank[i]
        problem_rows[row] = problem_rows.setdefault(above, above)
    joined = continued | repeated
    if joined.any():
        rows = frame.index[joined]
        anchors = [problem_rows[int(r)] for r in rows]
        for name in _PROBLEM_FIELDS:
            if name in frame:
                carried = frame.loc[anchors, name].to_numpy()
                if name in ("id", "leader"):  # a measure's own number (1.1) and leader stay
                    own = frame.loc[rows, name].to_numpy()
                    carried = np.where(own == "", carried, own)
                frame.loc[rows, name] = carried
    for key, which in (("measures.below_problem", continued), ("measures.repeated_problem", repeated)):
        if which.any():
            check.warnings.append(Flag("warning", key, check.sheet, params={"rows": int(which.sum())}))
    return continued


def _filled(cell: object) -> bool:
    return cell is not None and not (isinstance(cell, float) and np.isnan(cell)) and str(cell).strip() != ""


def _normalise(
    frame: pd.DataFrame,
    written: dict[str, str],
    check: LedgerCheck,
    problem_rows: dict[int, int] | None = None,
) -> pd.DataFrame:
    rows = pd.Series(frame.index + 1, index=frame.index)
    out = _measure_cells(frame, written, check, rows, ids=not problem_rows)
    # Whether the row holds a measure at all: the problem's own row in a 1 / 1.1 / 1.2 layout does not.
    content = out["deadline"].notna().to_numpy() | (out["deadline_term"] != "").to_numpy()
    for name in ("measures", "department", "progress", "status"):
        content |= (frame[name] != "").to_numpy() if name == "status" else (out[name] != "").to_numpy()
    if problem_rows:
        # Each measure row is checked on its own row (its dates, its status); the problem then
        # counts once, from its measures. Ids belong to problems, so they come after.
        # A list, not Index.map: a Python call per row through pandas took 0.4 s at 100,000 measures.
        key = np.array([problem_rows.get(r, r) for r in out.index.tolist()], dtype=np.int64)
        has_measure = pd.Series(content).groupby(key, sort=False).transform("any").to_numpy()
        measures = out.assign(problem_row=key, counted=content | ~has_measure)
        out = fold_measures(measures)
        out["id"] = _ids(out, "id" in written, written, check, out["row"])
        check.measure_rows = _measure_rows(measures, dict(zip(out.index, out["id"], strict=True)))
        _flag_repeated_task_numbers(check.measure_rows, written.get("measure_id") or written.get("id"), check)
        out["tasks"] = tasks_column(out["id"], problem_tasks(check.measure_rows))
    elif (own := (out["measure_id"] != "") & (out["measure_id"] != out["id"])).any():
        # A problem on one row that names its measure (任务序号 1.2): a department's sheet of its
        # own task of a problem, merged measure by measure.
        named = out[own.to_numpy()].assign(problem_id=out["id"])
        out["tasks"] = tasks_column(out["id"], problem_tasks(named))
    return out[list(LEDGER_COLUMNS)].reset_index(drop=True)


def _departments(out: pd.DataFrame, check: LedgerCheck, rows: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Each row's lead department and supporting ones (measures.read_departments), and a word
    on how the lead was chosen where a cell names several units."""
    codes, read = _per_distinct(out["department"], read_departments)
    lead = pd.Series(np.array([d.lead for d in read], dtype=object)[codes], index=out.index, dtype=object)
    named = np.array(["、".join(d.supporting) for d in read], dtype=object)[codes]
    written = out["supporting"].to_numpy(dtype=object)
    supporting = pd.Series(
        [
            "、".join(dict.fromkeys(u for u in (*w.split("、"), *n.split("、")) if u)) if n else w
            for w, n in zip(written, named, strict=True)
        ],
        index=out.index,
        dtype=object,
    )
    for decided in ("marked", "first"):
        which = np.array([d.decided == decided for d in read], dtype=bool)[codes]
        if which.any():
            check.warnings.append(
                Flag(
                    "warning",
                    f"departments.lead_{decided}",
                    check.sheet,
                    int(rows[out.index[which][0]]),
                    params={"rows": int(which.sum())},
                )
            )
    return lead, supporting


def _measure_rows(measures: pd.DataFrame, problem_ids: dict[int, str]) -> pd.DataFrame:
    """The measures with their problem's id and a measure id: the row's own number where it has
    one of its own (任务序号, or 1.1, 1.2 in 编号), else the problem's id and the measure's place
    (3.1, 3.2 …), or the problem's id alone for a problem that is one measure."""
    counted = measures[measures["counted"].to_numpy()]
    problem_id = [problem_ids[k] for k in counted["problem_row"]]
    alone = counted.groupby("problem_row", sort=False)["problem_row"].transform("size") == 1
    own_ids = [
        written or (own if own and own != pid else "")
        for written, own, pid in zip(counted["measure_id"], counted["id"], problem_id, strict=True)
    ]
    # A number made up for a measure never takes one the sheet wrote for another of its problem.
    taken = {(pid, own) for pid, own in zip(problem_id, own_ids, strict=True) if own}
    places: dict[str, int] = {}
    measure_id = []
    for pid, own, one in zip(problem_id, own_ids, alone, strict=True):
        if own or one:
            measure_id.append(own or pid)
            continue
        place = places.get(pid, 0) + 1
        while (pid, f"{pid}.{place}") in taken:
            place += 1
        places[pid] = place
        measure_id.append(f"{pid}.{place}")
    return (
        counted.drop(columns=["problem_row", "counted"])
        .assign(problem_id=problem_id, measure_id=measure_id)
        .reset_index(drop=True)
    )


def as_text(values: pd.Series) -> pd.Series:
    """Cells as trimmed text: whole numbers without ".0", dates as 2024-06-30, blanks as ""."""
    if pd.api.types.infer_dtype(values, skipna=False) not in ("string", "empty"):
        values = values.map(_shown_cell)
    # Plain Python str in an object column: converting 100k cells to Arrow strings costs more
    # than the whole rest of validation, and a list comprehension strips faster than .str.
    # Over the array: iterating the Series itself goes through ndarray.item, once per cell.
    return pd.Series([v.strip() for v in values.to_numpy()], index=values.index, dtype=object)


def _blank(index: pd.Index) -> pd.Series:
    """An empty text column; every text column is Python str in an object column."""
    return pd.Series([""] * len(index), index=index, dtype=object)


def _shown_cell(value: object) -> str:
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return _shown(value)


def _per_distinct(values: pd.Series, read: Any) -> tuple[np.ndarray, list[Any]]:
    """`read` once per distinct cell value: ledgers repeat their dates and status words.
    Returns each row's index into the list of results."""
    codes, distinct = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=False)
    return codes, [read(v) for v in distinct]


def _dates(
    frame: pd.DataFrame, name: str, written: dict[str, str], check: LedgerCheck, rows: pd.Series
) -> tuple[pd.Series, pd.Series, np.ndarray, np.ndarray]:
    """A date column read: the dates, the deadline terms (立行立改), and for each cell read by a
    rule (6月底前) the cell as written and the milestones it named before its deadline."""
    if name not in frame:
        blank = _blank(frame.index).to_numpy()
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[s]"), _blank(frame.index), blank, blank
    allow_terms = FIELD_BY_NAME[name].kind == "deadline"
    # A month or quarter without its year ("6月底") is in the year the ledger reports on.
    year = (check.as_of or date.today()).year
    codes, distinct = pd.factorize(frame[name].to_numpy(dtype=object), use_na_sentinel=False)
    parsed = [parse_date(v, allow_terms=allow_terms, year=year) for v in distinct]
    key = "date.invalid" if allow_terms else f"{name}.invalid"
    bad = np.array([not cell.ok for cell in parsed], dtype=bool)[codes]
    for index in frame.index[bad]:
        check.errors.append(
            Flag("error", key, check.sheet, int(rows[index]), written[name], frame.at[index, name])
        )
    _say_dates_read(frame[name], codes, parsed, written[name], check, rows)
    distinct_dates = pd.to_datetime(pd.Series([c.date for c in parsed], dtype=object)).astype("datetime64[s]")
    dates = pd.Series(distinct_dates.to_numpy()[codes], index=frame.index)
    terms = pd.Series(
        np.array([c.term or "" for c in parsed], dtype=object)[codes], index=frame.index, dtype=object
    )
    said = [_shown(v) if c.ok and c.decided else "" for v, c in zip(distinct, parsed, strict=True)]
    milestones = ["、".join(d.isoformat() for d in c.milestones) for c in parsed]
    return dates, terms, np.array(said, dtype=object)[codes], np.array(milestones, dtype=object)[codes]


# 123,456.78 / 12.5万元 / ￥3000元: a number with its thousands separators and unit.
_AMOUNT = re.compile(r"^[¥￥]?\s*(-?\d+(?:\.\d+)?)\s*(万元|万|元)?$")


def _amounts(
    cells: pd.Series, name: str, written: dict[str, str], check: LedgerCheck, rows: pd.Series
) -> np.ndarray:
    """An amount column as 万元 written plainly ("12.5"): a column headed in 元, or a cell that
    says 元, is divided by 10,000, and the reader says so; text that is no amount is refused,
    naming its cell, as a clerk would send it back."""
    values = cells.to_numpy(dtype=object)
    if name not in written or not (values != "").any():
        return values
    in_yuan = bool(re.search(r"[(（]\s*元\s*[)）]|(?<!万)元$", written[name]))
    out = np.full(len(values), "", dtype=object)
    converted = 0
    for i, text in enumerate(values):
        if not text:
            continue
        match = _AMOUNT.match(text.replace(",", "").replace("，", "").strip())
        if not match:
            check.errors.append(
                Flag("error", "amount.invalid", check.sheet, int(rows.iloc[i]), written[name], text)
            )
            continue
        number = float(match.group(1))
        unit = match.group(2)
        if unit == "元" or (unit is None and in_yuan):
            number, converted = number / 10_000, converted + 1
        out[i] = f"{number:.6f}".rstrip("0").rstrip(".")
    if converted:
        check.warnings.append(
            Flag(
                "warning",
                "amount.converted",
                check.sheet,
                column=written[name],
                params={"count": converted, "column": written[name]},
            )
        )
    return out


# Cells whose date was decided are said one written form each, up to this many; then how many more.
_DATES_SAID = 20


def _say_dates_read(
    cells: pd.Series,
    codes: np.ndarray,
    parsed: list[DateCell],
    column: str,
    check: LedgerCheck,
    rows: pd.Series,
) -> None:
    """Each date written in words ("6月底", "一季度末", two dates in one cell) said once, with the
    date it was read as and the milestones kept beside it: never a silent guess."""
    decided = [i for i, cell in enumerate(parsed) if cell.ok and cell.decided]
    if not decided:
        return
    positions = pd.Series(np.arange(len(codes))).groupby(codes, sort=False).first()
    counts = np.bincount(codes, minlength=len(parsed))
    for i in decided[:_DATES_SAID]:
        cell, at = parsed[i], int(positions[i])
        milestones = "、".join(d.isoformat() for d in cell.milestones)
        check.warnings.append(
            Flag(
                "warning",
                "date.read_term"
                if cell.date is None
                else "date.read_milestones"
                if milestones
                else "date.read_as",
                check.sheet,
                int(rows.iloc[at]),
                column,
                cells.iloc[at],
                {
                    "date": cell.date.isoformat() if cell.date else "",
                    "rule": label(f"date.rule.{cell.decided}"),
                    "milestones": milestones,
                    "count": int(counts[i]),
                },
            )
        )
    if len(decided) > _DATES_SAID:
        more = int(sum(counts[i] for i in decided[_DATES_SAID:]))
        params = {"forms": len(decided) - _DATES_SAID, "count": more}
        check.warnings.append(Flag("warning", "date.read_more", check.sheet, column=column, params=params))


def _ids(
    out: pd.DataFrame, has_column: bool, written: dict[str, str], check: LedgerCheck, rows: pd.Series
) -> pd.Series:
    ids = out["id"] if has_column else _blank(out.index)
    blank = ids == ""
    if blank.any():
        if not has_column:
            check.warnings.append(Flag("warning", "ids.generated", check.sheet))
        ids = ids.mask(blank, generated_ids(out.loc[blank, "category"], out.loc[blank, "problem"]))
    repeated = ids.duplicated().to_numpy()
    first_row = dict(zip(ids[::-1], rows[::-1], strict=True)) if repeated.any() else {}
    for index in ids.index[repeated]:
        value = ids[index]
        check.errors.append(
            Flag(
                "error",
                "id.duplicate",
                check.sheet,
                int(rows[index]),
                written.get("id"),
                value,
                {"first": first_row[value]},
            )
        )
    return ids


def generated_ids(categories: pd.Series, problems: pd.Series) -> pd.Series:
    """Ids from the finding's own words, so the same sheet (in any row order) gives the same ids;
    repeats of identical words are numbered in sheet order."""
    digests = [
        "F" + hashlib.sha1(f"{c}\x1f{p}".encode()).hexdigest()[:8]
        for c, p in zip(categories, problems, strict=True)
    ]
    ids = pd.Series(digests, index=categories.index, dtype=object)
    repeat = ids.groupby(ids).cumcount()
    return ids.where(repeat == 0, ids + "-" + (repeat + 1).astype(str))


def _read_status_words(
    positions: np.ndarray,
    distinct: np.ndarray,
    mapped: list[str | None],
    written: dict[str, str],
    check: LedgerCheck,
    rows: pd.Series,
) -> None:
    """Status cells in other words than ours (√, 是, 60%, 已完成整改并销号) read as a clerk reads
    them (schema.status_from_words), each word said once with the status it was counted as."""
    for at, (word, code) in enumerate(zip(distinct, mapped, strict=True)):
        if code is not None or not word:
            continue
        read = status_from_words(word)
        if read is None:
            continue
        mapped[at] = read
        which = np.flatnonzero(positions == at)
        check.warnings.append(
            Flag(
                "warning",
                "status.read_as",
                check.sheet,
                int(rows.iloc[which[0]]),
                written.get("status"),
                word,
                {"status": label(f"status.{read}"), "count": len(which)},
            )
        )


# Progress that says the work is all done, or not done, in words no stage or part qualifies.
_SAYS_DONE = r"已全部完成|全部完成整改|已完成整改|整改已完成|已整改到位|已销号|已办结"
_SAYS_NOT_DONE = r"尚未|未完成|未整改|未启动|正在整改|整改中"
_QUALIFIED = r"阶段|部分|基本|下一步|正在|尚未|未"


def _flag_contradicting_progress(
    codes: pd.Series, progress: pd.Series, written: dict[str, str], check: LedgerCheck, rows: pd.Series
) -> None:
    """A stated status the progress text plainly contradicts (状态“推进中”, 进展“已全部完成”) is
    said, rows listed; the status column stands, since the reader never overrides it."""
    cells, stated = progress.to_numpy(dtype=object), codes.to_numpy(dtype=object)
    open_, done = np.isin(stated, ["pending", "in_progress"]), stated == "done"
    # Each test over the rows it can concern only: a pass over 100,000 progress texts is 0.1 s.
    says_done = _matching(cells, open_ & (cells != ""), _SAYS_DONE)
    says_done[says_done] = ~_matching(cells[says_done], np.ones(int(says_done.sum()), dtype=bool), _QUALIFIED)
    says_not = _matching(cells, done & (cells != ""), _SAYS_NOT_DONE)
    for key, which in (
        ("status.progress_says_done", says_done),
        ("status.progress_says_not_done", says_not),
    ):
        if which.any():
            at = np.flatnonzero(which)
            listed = _row_list([int(rows.iloc[i]) for i in at])
            check.warnings.append(
                Flag(
                    "warning",
                    key,
                    check.sheet,
                    int(rows.iloc[at[0]]),
                    written.get("status"),
                    params={"rows": listed},
                )
            )


def _matching(cells: np.ndarray, among: np.ndarray, pattern: str) -> np.ndarray:
    """Which of `cells` (only those `among`) hold `pattern`, tested by Arrow."""
    found = np.zeros(len(cells), dtype=bool)
    if among.any():
        text = pa.array(cells[among], type=pa.string())
        found[among] = pc.match_substring_regex(text, pattern).to_numpy(zero_copy_only=False)
    return found


def _statuses(
    out: pd.DataFrame, has_column: bool, written: dict[str, str], check: LedgerCheck, rows: pd.Series
) -> tuple[pd.Series, pd.Series]:
    words = out["status"]
    if has_column:
        positions, distinct = pd.factorize(words.to_numpy(dtype=object), use_na_sentinel=False)
        mapped = [status_for_word(v) for v in distinct]
        _read_status_words(positions, distinct, mapped, written, check, rows)
        codes = pd.Series(np.array(mapped, dtype=object)[positions], index=out.index)
    else:
        codes = pd.Series(None, index=out.index, dtype=object)
    unknown = codes.isna()
    if has_column:
        _flag_contradicting_progress(codes, out["progress"], written, check, rows)
    if not unknown.any():
        return codes.astype(object), pd.Series(False, index=out.index)
    progress = out.loc[unknown, "progress"]
    guessed = infer_statuses(progress)
    fallback = progress.map(lambda p: "in_progress" if p else "pending")
    undecided = guessed.isna() & (words[unknown] != "")
    for index in guessed.index[undecided.to_numpy()]:
        check.errors.append(
            Flag(
                "error", "status.unknown", check.sheet, int(rows[index]), written.get("status"), words[index]
            )
        )
    # A word the schema does not know is named once, at its first row: the sheet may use it
    # for many rows, and the person fixing it needs the word, not every row.
    unrecognised = words[unknown][~undecided.to_numpy() & (words[unknown] != "").to_numpy()]
    for word, at in unrecognised.groupby(unrecognised, sort=False).groups.items():
        check.warnings.append(
            Flag(
                "warning",
                "status.unrecognised",
                check.sheet,
                int(rows[at[0]]),
                written.get("status"),
                word,
                {"count": len(at)},
            )
        )
    codes = codes.where(~unknown, guessed.fillna(fallback))
    inferred = int(unknown.sum()) - int(undecided.sum())
    if inferred:
        check.warnings.append(Flag("warning", "status.inferred", check.sheet, params={"count": inferred}))
    return codes.astype(object), unknown
