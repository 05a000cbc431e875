"""Whole files in, ledgers out: the kinds of sheet offices keep, and the files we must refuse."""

import io
import zipfile
from datetime import date

import pytest

from rectification.intake import check_file, check_path
from tests.builders import HEADER
from tests.workbooks import csv_bytes, xlsx

ROWS = [
    ["1", "党的建设", "学习不深入", "办公室", "2024-06-30", "已制定学习计划", "已完成"],
    ["2", "党的建设", "制度执行不严", "办公室", "2024/4/30", "正在修订", "推进中"],
    ["3", "作风建设", "公车管理不规范", "财务科", "长期坚持", "持续加强", "长期坚持"],
]


def test_title_rows_and_merged_category_cells_are_read():
    content = xlsx(
        {
            "整改台账": [
                ["某单位巡察整改台账"],
                ["填报单位：办公室", "", "", "", "填报时间：2024年5月10日"],
                HEADER,
                ROWS[0],
                [*ROWS[1][:1], None, *ROWS[1][2:]],
                ROWS[2],
            ]
        },
        merged={"整改台账": ["A1:G1", "B4:B5"]},
    )
    check = check_file(content, "台账.xlsx")
    assert check.accepted, [e.message() for e in check.errors]
    assert (check.sheet, check.header_row, check.as_of) == ("整改台账", 3, date(2024, 5, 10))
    assert check.findings["category"].tolist() == ["党的建设", "党的建设", "作风建设"]
    assert check.findings["row"].tolist() == [4, 5, 6]


def test_two_row_header_with_merged_parent_cells_is_read():
    content = xlsx(
        {
            "Sheet1": [
                ["序号", "问题类别", "问题描述", "责任落实", None, None, "整改时限", "整改状态"],
                [None, None, None, "责任领导", "责任部门", "责任人", None, None],
                ["1", "党的建设", "学习不深入", "王五", "办公室", "赵六", "2024-06-30", "已完成"],
            ]
        },
        merged={"Sheet1": ["D1:F1", "A1:A2", "B1:B2", "C1:C2", "G1:G2", "H1:H2"]},
    )
    check = check_file(content, "two-row.xlsx")
    assert check.accepted, [e.message() for e in check.errors]
    assert check.findings.loc[0, ["leader", "department", "owner"]].tolist() == ["王五", "办公室", "赵六"]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_csv_is_read_in_the_encodings_wps_and_excel_write(encoding):
    check = check_file(csv_bytes([HEADER, *ROWS], encoding), "台账.csv")
    assert check.accepted, [e.message() for e in check.errors]
    assert check.findings["problem"].tolist() == ["学习不深入", "制度执行不严", "公车管理不规范"]
    assert check.sheet == "台账"


def test_english_headers_are_read():
    header = ["ID", "Category", "Finding", "Owner department", "Due date", "Progress", "Status"]
    rows = [["A-1", "Governance", "Minutes not kept", "Office", "2024-06-30", "Done", "Completed"]]
    check = check_file(xlsx({"Ledger": [header, *rows]}), "ledger.xlsx")
    assert check.accepted
    assert check.findings.loc[0, ["id", "status", "department"]].tolist() == ["A-1", "done", "Office"]


def test_the_sheet_that_looks_like_a_ledger_is_chosen_and_named():
    content = xlsx(
        {"说明": [["填写说明"], ["1. 每个问题一行"]], "汇总": [["类别", "数量"]], "台账": [HEADER, *ROWS]}
    )
    check = check_file(content, "book.xlsx")
    assert check.accepted and check.sheet == "台账"
    chosen = [w for w in check.warnings if w.key == "sheet.chosen"]
    assert chosen and "台账" in chosen[0].message()


def test_excel_date_cells_and_serial_numbers_are_dates():
    rows = [["1", "c", "a", "", date(2024, 6, 30), "", "已完成"], ["2", "c", "b", "", 45473, "", "已完成"]]
    check = check_file(xlsx({"s": [HEADER, *rows]}), "d.xlsx")
    assert check.findings["deadline"].dt.date.tolist() == [date(2024, 6, 30)] * 2


def _zip_of(name: str, text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "filename", "key"),
    [
        (b"", "empty.xlsx", "file.empty"),
        (b"%PDF-1.4 not a sheet", "report.pdf", "file.not_spreadsheet"),
        # A web page saved as .xls is read as its tables (issue 11); one with no table says so.
        (b"<html>an export that is really a web page</html>", "export.xls", "file.no_table"),
        (_zip_of("word/document.xml", "<w/>"), "notice.xlsx", "file.unreadable"),
        (xlsx({"Sheet1": []}), "blank.xlsx", "file.empty"),
        (b"\xff\xfe\x00\x00\x81\x30\xff" * 10, "garbage.csv", "file.csv_encoding"),
    ],
    ids=["empty", "pdf", "html-as-xls", "docx-as-xlsx", "no-cells", "undecodable-csv"],
)
def test_files_that_are_not_readable_ledgers_are_refused_with_their_reason(content, filename, key):
    check = check_file(content, filename)
    assert not check.accepted
    assert [e.key for e in check.errors] == [key]
    assert filename in check.errors[0].message()


def test_a_missing_file_is_a_refusal_not_an_exception(tmp_path):
    check = check_path(tmp_path / "nope.xlsx")
    assert [e.key for e in check.errors] == ["file.not_found"]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            # No category column is no refusal (issue 11): the findings go under 未分类.
            [["编号", "整改进展"], ["1", "x"]],
            [("column.missing", 1, "问题描述")],
        ),
        ([HEADER, ROWS[0], ROWS[0]], [("id.duplicate", 3, "编号")]),
        ([HEADER, ["1", "c", "a", "", "2024-02-30", "", "已完成"]], [("date.invalid", 2, "整改时限")]),
        ([HEADER, ["1", "c", "a", "", "", "", "差不多"]], [("status.unknown", 2, "整改状态")]),
        ([["标题"], ["没有表头的表"]], [("sheet.no_header", None, None)]),
    ],
)
def test_each_kind_of_refusal_names_row_and_column(rows, expected):
    check = check_file(xlsx({"台账": rows}), "bad.xlsx")
    assert not check.accepted
    assert [(e.key, e.row, e.column) for e in check.errors] == expected
    assert all(e.sheet == "台账" for e in check.errors)
