"""Exports hold exactly the given rows, open in Excel/WPS, never turn text into formulas, and read
back as the ledger they came from."""

import io
import warnings
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

from rectification.export import (
    CELL_LIMIT,
    LAYOUTS,
    MERGED_CELLS,
    Cut,
    cut_warning,
    excel_length,
    export_frame,
    to_csv,
    to_xlsx,
    write_xlsx,
)
from rectification.fingerprint import row_digests
from rectification.intake import check_file, check_path
from rectification.labels import label
from rectification.ledger import STORED_COLUMNS
from rectification.measures import MEASURE_COLUMNS
from rectification.metrics import warning_levels
from tests.builders import SAMPLE
from tests.core.test_measures import (
    BELOW_ROWS,
    MEASURE_HEADER,
    MERGED_ROWS,
    MERGES,
    SUB_NUMBERED,
    merged_check,
    repeated_rows,
)

FINDINGS = pd.DataFrame(
    {
        "id": ["1", "2"],
        "round": ["", ""],
        "unit": ["", ""],
        "category": ["党建", "作风"],
        "problem": ['=HYPERLINK("http://x","点我")', "+1+2"],
        "measures": ["", ""],
        "leader": ["", ""],
        "department": ["办公室", "@SUM(A1)"],
        "owner": ["", ""],
        "deadline": pd.to_datetime(["2024-06-30", None]),
        "deadline_term": ["", "standing"],
        "progress": ["-5 items left", "已完成"],
        "status": ["in_progress", "done"],
        "completed_on": pd.to_datetime([None, "2024-05-01"]),
        "evidence": ["", ""],
        "note": ["", ""],
        "status_inferred": [False, True],
    }
)
LEVELS = pd.Series(["red", ""])


def test_export_frame_uses_labels_status_words_and_deadline_terms():
    frame = export_frame(FINDINGS, LEVELS)
    assert frame["整改状态"].tolist() == ["推进中", "已完成"]
    assert frame["整改时限"].tolist() == ["2024-06-30", "长期坚持"]
    assert frame["预警"].tolist() == ["红色·逾期", "—"]
    assert "巡察轮次" not in frame.columns  # empty optional columns are left out
    assert "Finding" in export_frame(FINDINGS, LEVELS, "en").columns


def test_xlsx_export_keeps_formula_like_text_as_text():
    content = to_xlsx(export_frame(FINDINGS, LEVELS), "问题清单")
    sheet = load_workbook(io.BytesIO(content))["问题清单"]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert sheet.max_row == 3
    assert '=HYPERLINK("http://x","点我")' in [c.value for c in cells]


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","点我")', "+1+2", "@SUM(A1)", "-5 items left"])
def test_csv_export_defuses_cells_that_spreadsheets_would_evaluate(text):
    content = to_csv(export_frame(FINDINGS, LEVELS))
    assert content.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig", dtype=str)
    values = set(frame.fillna("").to_numpy().ravel())
    assert "'" + text in values and text not in values


# -- the layout offices keep: a problem's cells merged down over its measure rows ---------------

AS_OF = date(2023, 6, 30)
CAPTION = "截至2023-06-30"
# One problem kept with a single numbered measure (1 / 1.1), one whose measures have leaders,
# supporting departments and an inferred status of their own, one problem on a row alone, and
# one merged over a row of its own whose leader is not its measures'.
RICH_HEADER = [*MEASURE_HEADER, "责任领导", "配合部门", "整改进展"]
RICH_ROWS = [
    RICH_HEADER,
    ["1", "党的建设", "学习不深入", "", "", "", "", "张三", "", ""],
    ["1.1", "", "", "制定学习计划", "办公室（牵头）、财务科（配合）", "2023-03-31", "", "张三", "", "已拟定"],
    ["2", "作风建设", "公车管理不规范", "清理公车", "财务科", "2023-04-30", "已完成", "李四", "", ""],
    ["", "", "", "修订制度", "财务科", "2023-06-15", "", "王五", "人事科", "正在修订"],
    ["3", "作风建设", "会议过多", "精简会议", "办公室", "2023-12-31", "未启动", "李四", "", ""],
    ["4", "作风建设", "文件过多", "", "", "", "", "赵六", "", ""],
    ["", "", "", "压缩发文", "办公室", "2023-12-31", "未启动", "钱七", "", ""],
    ["", "", "", "合并简报", "办公室", "2023-12-31", "未启动", "钱七", "", ""],
]
RICH_MERGES = [((3, c), (4, c)) for c in (0, 1, 2)] + [((6, c), (8, c)) for c in (0, 1, 2)]
LEDGERS = {
    "merged cells": (MERGED_ROWS, MERGES),
    "blank cells below": (BELOW_ROWS, []),
    "sub-numbers": (SUB_NUMBERED, []),
    "repeated problem text": (repeated_rows(True), []),
    "leaders, supporting and a lone numbered measure": (RICH_ROWS, RICH_MERGES),
}


def exported(check, fmt: str = "xlsx", **options) -> bytes:
    findings = check.findings
    frame = export_frame(findings, warning_levels(findings, AS_OF), **options)
    return to_xlsx(frame, "台账", CAPTION) if fmt == "xlsx" else to_csv(frame)


def assert_same_ledger(read, check):
    """Every stored column of every problem, their digests, and every measure the same."""
    assert read.accepted, [e.message() for e in read.errors]
    before, after = check.findings, read.findings
    for name in STORED_COLUMNS:
        assert after[name].tolist() == before[name].tolist(), name
    assert row_digests(after) == row_digests(before)
    kept = ["problem_id", *MEASURE_COLUMNS]
    assert read.measures[kept].to_dict("records") == check.measures[kept].to_dict("records")


@pytest.mark.parametrize("rows, merges", LEDGERS.values(), ids=LEDGERS.keys())
def test_a_ledger_exported_as_offices_keep_it_reads_back_as_the_same_problems_and_measures(rows, merges):
    check = merged_check(rows, merges)
    read = check_file(exported(check), "V2.xlsx")
    assert_same_ledger(read, check)
    assert read.as_of == AS_OF


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_flat_sample_exported_reads_back_unchanged(fmt):
    check = check_path(SAMPLE)
    frame = export_frame(check.findings, warning_levels(check.findings, check.as_of))
    content = to_xlsx(frame, "台账", CAPTION) if fmt == "xlsx" else to_csv(frame)
    assert len(frame) == len(check.findings)  # one row a problem, as before
    assert label("field.measure_id") not in frame.columns
    assert_same_ledger(check_file(content, f"sample.{fmt}"), check)


@pytest.mark.parametrize(
    "rows, merges", [LEDGERS["merged cells"], LEDGERS["sub-numbers"]], ids=["merged cells", "sub-numbers"]
)
def test_a_csv_export_repeats_the_problem_cells_and_reads_back_as_one_problem_each(rows, merges):
    check = merged_check(rows, merges)
    content = exported(check, "csv")
    frame = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig", dtype=str).fillna("")
    assert frame["问题描述"].tolist() == check.measures["problem"].tolist()
    assert frame["编号"].tolist() == check.measures["problem_id"].tolist()
    read = check_file(content, "V2.csv")
    assert any(w.key == "measures.repeated_problem" for w in read.warnings)
    assert_same_ledger(read, check)


def test_a_csv_export_keeps_each_measures_own_leader():
    # A repeated row keeps the leader it names; only a blank one takes its problem's.
    check = merged_check(RICH_ROWS, RICH_MERGES)
    read = check_file(exported(check, "csv"), "V2.csv")
    assert (
        read.measures["leader"].tolist()[:3]
        == check.measures["leader"].tolist()[:3]
        == ["张三", "李四", "王五"]
    )


def merged_ranges(content: bytes) -> set[str]:
    return {str(r) for r in load_workbook(io.BytesIO(content))["台账"].merged_cells.ranges}


def test_an_xlsx_export_merges_each_problems_own_cells_over_its_measure_rows():
    content = exported(merged_check())
    headers = [c.value for c in load_workbook(io.BytesIO(content))["台账"][2]]
    assert headers[:5] == ["编号", "问题类别", "问题描述", "任务序号", "整改措施"]
    warning = "ABCDEFGHIJK"[headers.index("预警")]
    # Rows 3-5 are problem 1's three measures, 6-7 problem 2's; problem 3 on row 8 is one row.
    expected = {f"{c}{top}:{c}{bottom}" for c in ("A", "B", "C", warning) for top, bottom in ((3, 5), (6, 7))}
    assert merged_ranges(content) == expected


def test_the_leader_is_merged_only_over_a_problem_whose_measures_share_one():
    content = exported(merged_check(RICH_ROWS, RICH_MERGES))
    sheet = load_workbook(io.BytesIO(content))["台账"]
    headers = [c.value for c in sheet[2]]
    leader = "ABCDEFGHIJKLMNOP"[headers.index("责任领导")]
    ranges = merged_ranges(content)
    assert f"{leader}3:{leader}4" in ranges  # problem 1: its own row and its one measure, 张三
    assert not [r for r in ranges if r.startswith(f"{leader}5")]  # problem 2: 李四 and 王五


def test_a_problem_its_measure_rows_would_not_give_back_gets_a_row_of_its_own_above_them():
    frame = export_frame(merged_check(RICH_ROWS, RICH_MERGES).findings, pd.Series(["red", "", "", ""]))
    assert frame["编号"].tolist() == ["1", "1", "2", "2", "3", "4", "4", "4"]
    assert frame["任务序号"].tolist() == ["", "1.1", "2.1", "2.2", "", "", "4.1", "4.2"]
    assert frame["整改措施"].tolist()[:2] == ["", "制定学习计划"]
    assert frame["整改状态"].tolist()[:2] == ["", "推进中"]
    assert frame["责任领导"].tolist()[5:] == ["赵六", "钱七", "钱七"]
    # The problem's warning heads the cell merged over both rows.
    assert frame["预警"].tolist()[:2] == ["红色·逾期", "红色·逾期"]
    assert [0, 1, frame.columns.get_loc("预警")] in frame.attrs[MERGED_CELLS].tolist()


COLUMN_CASES = [
    ("merged cells", "任务序号", True),
    ("merged cells", "配合部门", False),
    ("leaders, supporting and a lone numbered measure", "配合部门", True),
    ("leaders, supporting and a lone numbered measure", "责任领导", True),
]


@pytest.mark.parametrize("ledger_name, column, shown", COLUMN_CASES)
def test_task_number_and_supporting_columns_are_written_only_when_some_row_needs_them(
    ledger_name, column, shown
):
    findings = merged_check(*LEDGERS[ledger_name]).findings
    assert (column in export_frame(findings, pd.Series([""] * len(findings))).columns) is shown


def test_a_ledger_of_one_measure_a_problem_exports_one_row_a_problem_with_nothing_merged():
    frame = export_frame(FINDINGS, LEVELS)
    assert len(frame) == 2 and "任务序号" not in frame.columns and "配合部门" not in frame.columns
    assert len(frame.attrs[MERGED_CELLS]) == 0


def test_formula_like_text_in_merged_problem_cells_stays_text():
    rows = [list(r) for r in MERGED_ROWS]
    rows[1][2] = '=HYPERLINK("http://x","点我")'
    content = exported(merged_check(rows))
    sheet = load_workbook(io.BytesIO(content))["台账"]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert sheet["C3"].value == '=HYPERLINK("http://x","点我")' and "C3:C5" in merged_ranges(content)


# -- the task list: one row per measure, its problem's cells repeated ------------------------


def test_the_task_list_has_one_row_per_measure_with_its_problems_cells_repeated_not_merged():
    check = merged_check()
    content = exported(check, per="task")
    assert merged_ranges(content) == set()
    frame = pd.read_excel(io.BytesIO(content), header=1, dtype=str, engine="calamine").fillna("")
    assert frame["编号"].tolist() == ["1", "1", "1", "2", "2", "3"]
    assert frame["任务序号"].tolist() == ["1.1", "1.2", "1.3", "2.1", "2.2", "3"]
    assert frame["问题描述"].tolist()[:3] == ["学习不深入"] * 3
    assert frame["责任部门"].tolist() == check.measures["department"].tolist()


def test_the_task_list_read_back_gives_the_same_problems():
    check = merged_check()
    assert_same_ledger(check_file(exported(check, per="task"), "tasks.xlsx"), check)


@pytest.mark.parametrize("per", LAYOUTS)
def test_with_measure_levels_each_row_shows_its_own_measures_warning(per):
    check = merged_check()
    levels = warning_levels(check.findings, AS_OF)
    measure_levels = warning_levels(check.measures, AS_OF)
    frame = export_frame(check.findings, levels, per=per, measure_levels=measure_levels)
    assert frame["预警"].tolist() == ["—", "红色·逾期", "—", "—", "—", "绿色·正常"]
    merged_columns = {frame.columns[col] for _, _, col in frame.attrs.get(MERGED_CELLS, [])}
    assert "预警" not in merged_columns


def test_without_measure_levels_each_row_shows_its_problems_warning():
    check = merged_check()
    frame = export_frame(check.findings, warning_levels(check.findings, AS_OF), per="task")
    assert frame["预警"].tolist() == ["红色·逾期"] * 3 + ["—"] * 2 + ["绿色·正常"]


@pytest.mark.parametrize(
    "options",
    [{"per": "tasks"}, {"measure_levels": pd.Series(["red"])}],
    ids=["an unknown layout", "levels that are not one per measure"],
)
def test_export_frame_refuses_options_it_cannot_honour(options):
    with pytest.raises(ValueError):
        export_frame(FINDINGS, LEVELS, **options)


AUDIT_ROWS = [
    ["某局审计整改台账（截至2024年6月30日）"],
    [
        "序号",
        "问题类别",
        "问题摘要",
        "涉及金额（万元）",
        "已整改金额（万元）",
        "责任部门",
        "整改时限",
        "整改状态",
    ],
    ["1", "财务管理", "超范围列支培训费", "12.5", "12.5", "财务科", "6月底前", "已完成"],
    [
        "2",
        "财务管理",
        "往来款长期未清理",
        "1,230",
        "300",
        "财务科",
        "2024.3.31（阶段性）2024.12.31（全面）",
        "推进中",
    ],
    ["3", "资产管理", "固定资产账实不符", "", "", "办公室", "年底前", "推进中"],
]


def test_amounts_and_deadlines_in_words_are_kept_and_read_back_from_an_export():
    from rectification.grid import Grid
    from rectification.ledger import build_ledger

    check = build_ledger(Grid("台账", AUDIT_ROWS, []), "audit.xlsx")
    assert check.accepted, [e.message() for e in check.errors]
    found = check.findings
    assert found["amount"].tolist() == ["12.5", "1230", ""]
    assert found["amount_rectified"].tolist() == ["12.5", "300", ""]
    assert found["deadline_written"].tolist() == [
        "6月底前",
        "2024.3.31（阶段性）2024.12.31（全面）",
        "年底前",
    ]
    assert found["milestones"].tolist() == ["", "2024-03-31", ""]
    content = to_xlsx(export_frame(found, warning_levels(found, AS_OF)), "台账", CAPTION)
    headers = [c.value for c in load_workbook(io.BytesIO(content)).active[2]]
    assert {"涉及金额", "已整改金额", "时限原文", "阶段性时限"} <= set(headers)
    assert_same_ledger(check_file(content, "V2.xlsx"), check)


def test_an_amount_column_in_yuan_is_converted_to_wan_yuan_and_said():
    from rectification.grid import Grid
    from rectification.ledger import build_ledger

    rows = [
        ["序号", "问题类别", "问题描述", "涉及金额（元）"],
        ["1", "财务", "a", "125000"],
        ["2", "财务", "b", "多少"],
    ]
    check = build_ledger(Grid("台账", rows, []), "audit.xlsx")
    assert [(e.key, e.row, e.column, e.value) for e in check.errors] == [
        ("amount.invalid", 3, "涉及金额（元）", "多少")
    ]
    assert [w.params["count"] for w in check.warnings if w.key == "amount.converted"] == [1]


# -- nothing lost: a text longer than an Excel cell holds ------------------------------------

MARK = "……（全文见“全文”工作表）"
RARE = "𠀀"  # outside the Basic Multilingual Plane: Excel counts it as two characters


def long_findings(*progress: str, problem: str = "学习不深入") -> pd.DataFrame:
    """One problem per `progress` text, A1, A2 …, otherwise like FINDINGS' first."""
    frame = pd.concat([FINDINGS.iloc[[0]]] * len(progress), ignore_index=True)
    ids = [f"A{i + 1}" for i in range(len(progress))]
    return frame.assign(id=ids, problem=problem, progress=list(progress))


def workbook_of(frame: pd.DataFrame, lang: str = "zh"):
    """The .xlsx of `frame`, written with every Python warning turned into an error (xlsxwriter
    and pandas say "truncated" as a warning), and what write_xlsx reports it cut."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        content, cuts = write_xlsx(frame, "问题清单", CAPTION, lang)
    return load_workbook(io.BytesIO(content)), cuts


# (the text, whether an .xlsx cell cannot hold it)
TEXTS = {
    "a megabyte": ("进" * 1_048_576, True),
    "one character over": ("展" * (CELL_LIMIT + 1), True),
    "exactly what a cell holds": ("展" * CELL_LIMIT, False),
    "rare characters counted twice": (RARE * (CELL_LIMIT // 2 + 1), True),
    "a formula over the limit": ("=HYPERLINK(" + "x" * CELL_LIMIT + ")", True),
}


@pytest.mark.parametrize(("text", "cut"), TEXTS.values(), ids=TEXTS.keys())
def test_a_text_longer_than_a_cell_is_cut_with_a_marker_and_kept_whole_on_the_full_text_sheet(text, cut):
    book, cuts = workbook_of(export_frame(long_findings(text, "短"), pd.Series(["", ""])))
    table = book["问题清单"]
    header = [c.value for c in table[2]]
    written = table.cell(3, header.index("整改进展") + 1)
    assert written.data_type == "s"  # text, never a formula
    assert excel_length(written.value) <= CELL_LIMIT
    if not cut:
        assert written.value == text and cuts == [] and book.sheetnames == ["问题清单"]
        return
    assert written.value.endswith(MARK) and text.startswith(written.value.removesuffix(MARK))
    assert [(c.item, c.field, c.length) for c in cuts] == [("A1", "整改进展", len(text))]
    assert book.sheetnames == ["问题清单", "全文"]
    rows = list(book["全文"].iter_rows(values_only=True))
    assert rows[1][:4] == ("编号", "字段", "字数", "第1段")
    item, field, length, *parts = rows[2]
    assert (item, field, length) == ("A1", "整改进展", len(text))
    parts = [part for part in parts if part is not None]
    assert "".join(parts) == text  # nothing lost
    assert all(excel_length(part) <= CELL_LIMIT for part in parts)
    assert not [c.coordinate for row in book["全文"].iter_rows() for c in row if c.data_type == "f"]


def test_a_problem_text_on_each_of_its_task_rows_is_listed_and_kept_once():
    long = "问" * 40_000
    rows = [
        [*MEASURE_HEADER[:3], "整改措施", "责任部门", "整改时限", "整改状态"],
        ["1", "党建", long, "措施一", "办公室", "2024-06-30", "推进中"],
        ["", "", "", "措施二", "财务科", "2024-06-30", "推进中"],
    ]
    findings = merged_check(rows, []).findings
    for per in LAYOUTS:
        book, cuts = workbook_of(export_frame(findings, pd.Series([""]), per=per))
        assert [(c.item, c.field) for c in cuts] == [("1", "问题描述")], per
        assert len(list(book["全文"].iter_rows())) == 3, per  # caption, header, the one text


def test_the_english_export_says_where_the_full_text_is_in_english():
    book, cuts = workbook_of(export_frame(long_findings("p" * 40_000), pd.Series([""]), "en"), "en")
    assert book.sheetnames == ["问题清单", "Full text"]
    assert book["问题清单"].cell(3, 6).value.endswith("… (full text on the “Full text” sheet)")
    assert "Progress of A1 (40,000 characters)" in cut_warning(cuts, "en")


def test_the_csv_export_keeps_a_long_text_whole_and_still_defuses_formulas():
    text = "进" * 1_048_576
    frame = export_frame(long_findings(text, "=1+2"), pd.Series(["", ""]))
    read = pd.read_csv(io.BytesIO(to_csv(frame)), encoding="utf-8-sig", dtype=str)
    assert read["整改进展"].tolist() == [text, "'=1+2"]


def test_the_cut_warning_names_each_text_its_item_and_length_and_says_where_it_is_whole():
    cuts = [Cut("A1", "整改进展", 1_048_576, ""), Cut("A3", "问题描述", 40_000, "")]
    said = cut_warning(cuts)
    assert said.startswith("提示：以下2处内容超过Excel单元格容量（32,767个字符）")
    assert MARK in said and "完整内容另存于“全文”工作表" in said
    assert "编号A1的“整改进展”（1,048,576字）；编号A3的“问题描述”（40,000字）" in said
    many = cut_warning([Cut(f"A{i}", "整改进展", 40_000, "") for i in range(25)], most=20)
    assert "编号A19" in many and "编号A20" not in many and "另有5处从略" in many
