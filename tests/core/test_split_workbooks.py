"""A ledger split into sheets, one per department or per category, with a 汇总 sheet beside
them (issue 11): one ledger, the sheet's name filling the field it has no column for."""

from rectification.intake import check_file
from tests.workbooks import xlsx

HEADER = ["序号", "问题类别", "问题描述", "整改措施", "整改时限", "整改状态"]
TITLE = ["巡察整改台账（截至2024年6月30日）"]


def test_a_workbook_of_one_sheet_per_department_is_one_ledger_with_the_sheets_as_departments():
    book = {
        "汇总": [["部门", "问题数"], ["办公室", 2], ["财务科", 1]],
        "办公室": [
            TITLE,
            HEADER,
            ["1", "党建", "学习不深入", "制定计划", "2024-03-31", "推进中"],
            ["2", "作风", "会议过多", "精简会议", "2024-12-31", "已完成"],
        ],
        "财务科": [TITLE, HEADER, ["1", "党建", "报销不规范", "修订制度", "2024-12-31", "推进中"]],
    }
    check = check_file(xlsx(book), "split.xlsx")
    assert check.accepted, [e.message() for e in check.errors]
    found = check.findings
    assert found["department"].tolist() == ["办公室", "办公室", "财务科"]
    # each sheet numbered from 1: the sheet's name makes the numbers unique
    assert found["id"].tolist() == ["办公室-1", "办公室-2", "财务科-1"]
    assert found["status"].tolist() == ["in_progress", "done", "in_progress"]
    said = [w.key for w in check.warnings]
    assert said[:2] == ["sheets.combined", "sheets.ids_prefixed"]
    assert "2个工作表（办公室、财务科）" in check.warnings[0].message("zh")
    assert check.as_of.isoformat() == "2024-06-30"


def test_a_workbook_of_one_sheet_per_category_takes_the_sheet_name_as_category():
    header = ["序号", "问题描述", "责任部门", "整改时限", "整改状态"]
    book = {
        "政治建设": [header, ["1", "学习不深入", "办公室", "2024-03-31", "推进中"]],
        "作风建设": [header, ["2", "会议过多", "办公室", "2024-12-31", "已完成"]],
    }
    check = check_file(xlsx(book), "split.xlsx")
    assert check.accepted, [e.message() for e in check.errors]
    assert check.findings["category"].tolist() == ["政治建设", "作风建设"]
    assert check.findings["id"].tolist() == ["1", "2"]
    assert "sheets.ids_prefixed" not in [w.key for w in check.warnings]


def test_a_bad_cell_in_one_sheet_of_a_split_workbook_is_refused_naming_that_sheet():
    book = {
        "办公室": [HEADER, ["1", "党建", "学习不深入", "制定计划", "2024-02-30", "推进中"]],
        "财务科": [HEADER, ["2", "党建", "报销不规范", "修订制度", "2024-12-31", "推进中"]],
    }
    check = check_file(xlsx(book), "split.xlsx")
    assert not check.accepted
    assert [(e.key, e.sheet, e.row) for e in check.errors] == [("date.invalid", "办公室", 2)]
