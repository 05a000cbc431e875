"""Finding a ledger's header in the top rows of a sheet, and scoring how header-like a sheet is."""

import pytest

from rectification.header import HEADER_SCAN_ROWS, Header, find_header, header_score

BLANK: list[object] = []


def outline(header: Header | None) -> tuple | None:
    if header is None:
        return None
    return (
        header.first_row,
        header.last_row,
        header.columns,
        header.written,
        header.ignored,
        header.repeated,
    )


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [["编号", "问题类别", "问题描述"], ["1", "党建", "学习不深入"]],
            (0, 0, {0: "id", 1: "category", 2: "problem"}, {0: "编号", 1: "问题类别", 2: "问题描述"}, [], []),
            id="a header in the first row is found there",
        ),
        pytest.param(
            [
                ["某单位巡察整改台账"],
                ["填报单位：办公室", "", "填报时间：2024年5月10日"],
                BLANK,
                ["序号", "方面", "巡察反馈问题"],
            ],
            (3, 3, {0: "id", 1: "category", 2: "problem"}, {0: "序号", 1: "方面", 2: "巡察反馈问题"}, [], []),
            id="a header below a title and a reporting line is found by its aliases",
        ),
        pytest.param(
            [
                ["序号", "问题类别", "问题描述", "责任落实", "", ""],
                ["", "", "", "责任领导", "责任部门", "责任人"],
                ["1", "党建", "学习不深入", "张三", "办公室", "李四"],
            ],
            (
                0,
                1,
                {0: "id", 1: "category", 2: "problem", 3: "leader", 4: "department", 5: "owner"},
                {0: "序号", 1: "问题类别", 2: "问题描述", 3: "责任领导", 4: "责任部门", 5: "责任人"},
                [],
                [],
            ),
            id="a two row header under a merged parent is read as one",
        ),
        pytest.param(
            [["", "", "责任落实"], ["编号", "问题描述", "责任部门"]],
            (
                1,
                1,
                {0: "id", 1: "problem", 2: "department"},
                {0: "编号", 1: "问题描述", 2: "责任部门"},
                [],
                [],
            ),
            id="a parent row naming no field is not part of the header",
        ),
        pytest.param(
            [["编号", "问题类别", "问题描述", "联系电话"]],
            (
                0,
                0,
                {0: "id", 1: "category", 2: "problem"},
                {0: "编号", 1: "问题类别", 2: "问题描述"},
                [(3, "联系电话")],
                [],
            ),
            id="a column naming no field is ignored with its text",
        ),
        pytest.param(
            [["编号", "问题描述", "问题类别", "问题摘要"]],
            (
                0,
                0,
                {0: "id", 1: "problem", 2: "category"},
                {0: "编号", 1: "问题描述", 2: "问题类别"},
                [],
                [(3, "问题摘要", "problem")],
            ),
            id="a second column for the same field is kept aside as repeated",
        ),
        pytest.param(
            [["  编号 ", "*问题描述", "整改时限（年月日）"]],
            (
                0,
                0,
                {0: "id", 1: "problem", 2: "deadline"},
                {0: "编号", 1: "*问题描述", 2: "整改时限（年月日）"},
                [],
                [],
            ),
            id="header text is trimmed and marks or units around a name still match",
        ),
        pytest.param(
            [BLANK] * (HEADER_SCAN_ROWS - 1) + [["编号", "问题描述"]],
            (29, 29, {0: "id", 1: "problem"}, {0: "编号", 1: "问题描述"}, [], []),
            id="a header on the last scanned row is found",
        ),
        pytest.param(
            [BLANK] * HEADER_SCAN_ROWS + [["编号", "问题描述"]],
            None,
            id="a header below the scanned rows is not",
        ),
        pytest.param([["问题描述"], ["学习不深入"]], None, id="a row naming a single field is not a header"),
        pytest.param(
            [["这里没有表头"], ["一些文字", "更多文字"]], None, id="rows naming no field have no header"
        ),
        pytest.param([[1, 2, 3], [4, 5, 6]], None, id="numbers are never header cells"),
        pytest.param([], None, id="an empty sheet has no header"),
    ],
)
def test_the_header_is_the_row_naming_the_most_fields_with_its_parent_row(rows, expected):
    assert outline(find_header(rows)) == expected


def test_of_two_rows_naming_as_many_fields_the_upper_one_is_the_header():
    header = find_header([["编号", "问题描述"], ["整改状态", "备注"]])
    assert (header.first_row, header.columns) == (0, {0: "id", 1: "problem"})


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param([["编号", "问题类别", "问题描述"]], (3, 2), id="three fields two of them required"),
        pytest.param([["编号", "整改措施", "整改进展"]], (3, 0), id="fields none of them required"),
        pytest.param(
            [["问题类别", "问题描述", "整改状态", "整改状态"]], (3, 2), id="a field named twice counts once"
        ),
        pytest.param(
            [["编号", "问题类别"], ["问题描述", "整改时限", "整改进展"]],
            (3, 1),
            id="the best row counts not the sum",
        ),
        pytest.param([["这里没有表头"]], (0, 0), id="a sheet of prose scores nothing"),
        pytest.param([], (0, 0), id="an empty sheet scores nothing"),
        pytest.param(
            [BLANK] * HEADER_SCAN_ROWS + [["编号", "问题描述"]], (0, 0), id="rows below the scan are not read"
        ),
    ],
)
def test_a_sheet_scores_the_fields_and_required_fields_its_best_row_names(rows, expected):
    assert header_score(rows) == expected


@pytest.mark.parametrize(
    ("field", "column"),
    [
        pytest.param("problem", 2, id="a field in the header gives its column"),
        pytest.param("status", None, id="a field not in the header gives none"),
    ],
)
def test_a_header_tells_which_column_holds_a_field(field, column):
    header = Header(0, 0, {0: "id", 2: "problem"}, {0: "编号", 2: "问题描述"})
    assert header.column_of(field) == column
