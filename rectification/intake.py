"""Reading a ledger file end to end: bytes in, a LedgerCheck out. The one entry point for pages,
the command line and the store, so every door applies the same rules."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .errors import file_refusal
from .grid import Grid
from .header import HEADER_SCAN_ROWS, find_header, header_score
from .layout import category_name
from .ledger import Flag, LedgerCheck, build_ledger, build_ledger_from_lists, combine_checks, fold_flags
from .read_limits import ReadLimits
from .sheets import UnreadableFile, Workbook, open_workbook
from .task_lists import find_task_lists


def check_file(content: bytes, filename: str, limits: ReadLimits | None = None) -> LedgerCheck:
    """Read and validate a ledger from a file's bytes. Never raises for a bad file. A workbook is
    held to `limits` before it is parsed (by default the settings in effect); many flags of one
    kind are folded into a few and one line for all (ledger.fold_flags)."""
    with _collection_paused():
        return fold_flags(_check_file(content, Path(filename).name, limits))


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Reading a sheet makes millions of small objects that all live until the end; the cyclic
    garbage collector would walk them repeatedly for nothing (about 10% of a 100k-row check)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_file(content: bytes, name: str, limits: ReadLimits | None) -> LedgerCheck:
    try:
        book = open_workbook(content, name, limits)
        tops = _tops(book) if len(book.sheet_names) > 1 else {}
        # A problem sheet and a task sheet (三单) are read together; else the one likeliest sheet.
        lists = find_task_lists(tops)
        if lists:
            sheet = lists.problems
        else:
            sheet = _best_sheet(book.sheet_names, tops) if tops else book.sheet_names[0]
        if not lists and tops and len(sheets := _ledger_sheets(book.sheet_names, tops, sheet)) > 1:
            return _combined(book, sheets, name)
        grid = book.load(sheet, None)
        tasks = book.load(lists.tasks, None) if lists else None
        if not any(str(cell).strip() for row in grid.rows for cell in row if cell is not None):
            raise UnreadableFile("file.empty")
    except UnreadableFile as refusal:
        # Its own parameters too: a limit refusal names the sheet, the cell, the figure and the limit.
        flag = Flag("error", refusal.key, params={**refusal.params, "file": name})
        return LedgerCheck(file=name, errors=[flag])
    if lists and tasks:
        return build_ledger_from_lists(grid, tasks, name, lists.unread)
    check = build_ledger(grid, name)
    if len(book.sheet_names) > 1 and check.header_row is not None:
        check.warnings.insert(
            0, Flag("warning", "sheet.chosen", sheet, params={"count": len(book.sheet_names), "sheet": sheet})
        )
    return check


# Sheets that sum up or introduce the others: never more problems.
_SUMMARY_SHEET = re.compile(
    r"汇总|总表|统计|目录|封面|说明|填表|概况|summary|contents|overview", re.IGNORECASE
)
# Names of units, as department sheets are named (办公室, 财务科, 第一党支部, 信息中心).
_UNIT_NAME = re.compile(r"(室|科|处|局|部|委|办|股|队|所|站|院|馆|中心|支部|公司|单位|小组|厅)$")


def _ledger_sheets(names: list[str], tops: dict[str, list[list[object]]], best: str) -> list[str]:
    """The sheets that are one ledger split up (one per department or per category): each has a
    header naming the same fields as the likeliest sheet, and is not a summary."""
    fields = {}
    for name in names:
        header = find_header(tops[name])
        fields[name] = frozenset(header.columns.values()) if header else frozenset()
    wanted = fields[best]
    if "problem" not in wanted:
        return [best]
    return [
        name
        for name in names
        if not _SUMMARY_SHEET.search(name) and len(fields[name] & wanted) >= max(2, round(0.8 * len(wanted)))
    ]


def _combined(book: Workbook, sheets: list[str], file: str) -> LedgerCheck:
    """One ledger from sheets that share its header. The sheet's name fills the field the sheet
    has no column for (its department, or its category). Ids that repeat across sheets (each
    sheet numbered 1, 2, 3 …) are made unique by the sheet's name before them."""
    grids = [book.load(sheet, None) for sheet in sheets]
    fills = [_sheet_fills(grid) for grid in grids]
    built = [build_ledger(grid, file, fill) for grid, fill in zip(grids, fills, strict=True)]
    ids = [c.findings["id"] for c in built if c.findings is not None]
    prefixed = bool(ids) and bool(pd.concat(ids).duplicated().any())
    if prefixed:
        built = [
            build_ledger(grid, file, fill, id_prefix=grid.sheet)
            for grid, fill in zip(grids, fills, strict=True)
        ]
    return combine_checks(built, file, fills, prefixed)


def _sheet_fills(grid: Grid) -> dict[str, str]:
    """What a sheet's name says of its rows: the department, when the name is a unit's and the
    sheet has no department column; else the category, when it has no category column."""
    header = find_header(grid.rows)
    named = set(header.columns.values()) if header else set()
    if "department" not in named and _UNIT_NAME.search(grid.sheet):
        return {"department": grid.sheet}
    if "category" not in named:
        return {"category": category_name(grid.sheet)}
    return {}


def check_path(path: Path) -> LedgerCheck:
    """`check_file` on a file on disk; a file that cannot be read is a refusal naming why
    (missing, no permission, a folder), not an exception."""
    try:
        content = path.read_bytes()
    except OSError as error:
        refusal = file_refusal(error, path, writing=False)
        params = {name: str(value) for name, value in refusal.params.items()}
        return LedgerCheck(file=path.name, errors=[Flag("error", refusal.key, params=params)])
    return check_file(content, path.name)


def choose_sheet(book: Workbook) -> str:
    """The sheet whose top rows look most like a ledger header; the first one on a tie."""
    if len(book.sheet_names) == 1:
        return book.sheet_names[0]
    return _best_sheet(book.sheet_names, _tops(book))


def _tops(book: Workbook) -> dict[str, list[list[object]]]:
    """Each sheet's first rows, read once: they decide both 三单 and which one sheet to read."""
    return {name: book.load(name, HEADER_SCAN_ROWS).rows for name in book.sheet_names}


def _best_sheet(names: list[str], tops: dict[str, list[list[object]]]) -> str:
    scores = {name: header_score(tops[name]) for name in names}
    return max(names, key=lambda name: (scores[name][1], scores[name][0]))
