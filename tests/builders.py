"""Shared builders for the tests: where things are, the usual sheet header, small ledgers made from
sheet rows, and saving them as a version. Tiny xlsx/csv bytes come from tests.workbooks."""

from datetime import date
from pathlib import Path

import pandas as pd

from rectification.grid import Grid
from rectification.ledger import build_ledger
from tests.workbooks import xlsx

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample_ledger.xlsx"
FIXTURES = ROOT / "tests" / "fixtures"
SEED_NOTICE = FIXTURES / "seed_notice.txt"

HEADER = ["编号", "问题类别", "问题描述", "责任部门", "整改时限", "整改进展", "整改状态"]
AS_OF = date(2024, 5, 10)


def ledger(*rows, header: list[str] = HEADER) -> pd.DataFrame:
    """The findings of a one-sheet ledger whose rows sit under `header` (by default HEADER: id,
    category, problem, department, deadline, progress, status); the sheet must be accepted."""
    check = build_ledger(Grid("台账", [list(header), *[list(r) for r in rows]]), "t.xlsx")
    assert check.accepted, [e.message() for e in check.errors]
    return check.findings


def sheet(*rows, header: list[str] = HEADER, name: str = "台账") -> bytes:
    """An xlsx file with one sheet `name` holding `header` and then `rows`, as an upload would be."""
    return xlsx({name: [list(header), *[list(r) for r in rows]]})


def save(
    store,
    findings: pd.DataFrame,
    mode: str = "replace",
    author: str = "办公室",
    *,
    sha256: str = "x",
    source_file: str = "t.xlsx",
    as_of: date | None = AS_OF,
):
    """Save `findings` as a new version of `store`; returns the version, or None when unchanged."""
    return store.save(findings, author=author, source_file=source_file, sha256=sha256, mode=mode, as_of=as_of)
