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


# A ledger of a whole round: six problems of three inspected units (甲镇 1 of 2 done, 乙街道 0 of 3,
# 丙局 1 of 1), as of 2024-05-10.
ROUND_HEADER = ["编号", "被巡察单位", "问题类别", "问题描述", "责任部门", "整改时限", "整改进展", "整改状态"]
ROUND_ROWS = [
    ["A-1", "甲镇", "政治建设", "三重一大制度执行不严", "党政办", "2024-03-31", "已修订制度", "已完成"],
    ["A-2", "甲镇", "作风建设", "公务接待超标准", "党政办", "2024-04-30", "正在清退", "推进中"],
    ["B-1", "乙街道", "政治建设", "学习制度落实不到位", "党工委", "2024-03-01", "正在整改", "推进中"],
    ["B-2", "乙街道", "作风建设", "会议过多过滥", "办公室", "2024-06-30", "", "未启动"],
    ["B-3", "乙街道", "廉洁纪律", "违规发放补贴", "财务科", "2024-04-15", "正在追缴", "推进中"],
    ["C-1", "丙局", "政治建设", "意识形态责任制落实不力", "办公室", "2024-02-28", "已完成整改", "已完成"],
]
ROUND_LEDGER = xlsx(
    {"台账": [["某区委第三轮巡察整改台账"], ["填报时间：2024-05-10"], ROUND_HEADER, *ROUND_ROWS]}
)
