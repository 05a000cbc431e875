"""Reading a ledger file end to end: bytes in, a LedgerCheck out. The one entry point for pages,
the command line and the store, so every door applies the same rules."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .header import HEADER_SCAN_ROWS, header_score
from .ledger import Flag, LedgerCheck, build_ledger, build_ledger_from_lists
from .sheets import UnreadableFile, Workbook, open_workbook
from .task_lists import find_task_lists


def check_file(content: bytes, filename: str) -> LedgerCheck:
    """Read and validate a ledger from a file's bytes. Never raises for a bad file."""
    with _collection_paused():
        return _check_file(content, Path(filename).name)


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


def _check_file(content: bytes, name: str) -> LedgerCheck:
    try:
        book = open_workbook(content, name)
        tops = _tops(book) if len(book.sheet_names) > 1 else {}
        # A problem sheet and a task sheet (三单) are read together; else the one likeliest sheet.
        lists = find_task_lists(tops)
        if lists:
            sheet = lists.problems
        else:
            sheet = _best_sheet(book.sheet_names, tops) if tops else book.sheet_names[0]
        grid = book.load(sheet, None)
        tasks = book.load(lists.tasks, None) if lists else None
        if not any(str(cell).strip() for row in grid.rows for cell in row if cell is not None):
            raise UnreadableFile("file.empty")
    except UnreadableFile as refusal:
        return LedgerCheck(file=name, errors=[Flag("error", refusal.key, params={"file": name})])
    if lists and tasks:
        return build_ledger_from_lists(grid, tasks, name, lists.unread)
    check = build_ledger(grid, name)
    if len(book.sheet_names) > 1 and check.header_row is not None:
        check.warnings.insert(
            0, Flag("warning", "sheet.chosen", sheet, params={"count": len(book.sheet_names), "sheet": sheet})
        )
    return check


def check_path(path: Path) -> LedgerCheck:
    """`check_file` on a file on disk; a missing file is a refusal, not an exception."""
    try:
        content = path.read_bytes()
    except OSError:
        return LedgerCheck(
            file=path.name, errors=[Flag("error", "file.not_found", params={"file": str(path)})]
        )
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
