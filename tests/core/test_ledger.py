"""From a grid of cells to a ledger: header finding, merged cells, skipped rows, ids, refusals.

Grids are written out by hand: each inner list is one sheet row, row 1 first.
"""

import pandas as pd
import pytest

from rectification.grid import Grid
from rectification.ledger import build_ledger, generated_ids
from tests.builders import HEADER


def check_grid(rows, merged=None):
    """The whole check of one sheet, accepted or not (tests.builders.ledger wants it accepted)."""
    return build_ledger(Grid("台账", rows, merged or []), "t.xlsx")


def errors(check):
    return [(e.key, e.row, e.column, e.value) for e in check.errors]


def test_header_is_found_below_title_and_reporting_rows():
    check = check_grid(
        [
            ["某某单位巡察整改台账", "", "", "", "", "", ""],
            ["填报单位：办公室", "", "", "", "填报时间：2024年5月10日", "", ""],
            ["", "", "", "", "", "", ""],
            HEADER,
            ["1", "党的建设", "学习不深入", "办公室", "2024-06-30", "已完成学习", "已完成"],
        ]
    )
    assert check.accepted
    assert check.header_row == 4
    assert check.as_of.isoformat() == "2024-05-10"
    assert check.findings.loc[0, "row"] == 5


def test_merged_category_cells_are_filled_down():
    # 问题类别 merged over rows 2-4 (0-based (1,1)-(3,1)): only the top cell holds the value.
    check = check_grid(
        [
            HEADER,
            ["1", "党的建设", "a", "办公室", "", "", "已完成"],
            ["2", "", "b", "", "", "", "已完成"],
            ["3", "", "c", "", "", "", "已完成"],
            ["4", "作风建设", "d", "", "", "", "已完成"],
        ],
        merged=[((1, 1), (3, 1)), ((1, 3), (2, 3))],
    )
    assert check.findings["category"].tolist() == ["党的建设"] * 3 + ["作风建设"]
    # department merged over rows 2-3 only: row 4 stays blank
    assert check.findings["department"].tolist() == ["办公室", "办公室", "", ""]


def test_two_row_header_under_a_merged_parent_is_read_as_one():
    check = check_grid(
        [
            ["序号", "问题类别", "问题描述", "责任落实", "", "", "整改时限", "整改状态"],
            ["", "", "", "责任领导", "责任部门", "责任人", "", ""],
            ["1", "党的建设", "学习不深入", "张三", "办公室", "李四", "2024-06-30", "已完成"],
        ],
        merged=[((0, 3), (0, 5)), ((0, 0), (1, 0))],
    )
    assert check.accepted
    row = check.findings.iloc[0]
    assert (row["leader"], row["department"], row["owner"]) == ("张三", "办公室", "李四")
    assert check.header_row == 1 and row["row"] == 3


def test_rows_without_finding_text_are_skipped_with_a_warning_naming_the_row():
    check = check_grid(
        [
            HEADER,
            ["1", "党的建设", "a", "", "", "", "已完成"],
            ["", "", "", "", "", "", ""],
            ["注：本表由办公室汇总。", "", "", "", "", "", ""],
        ]
    )
    assert check.accepted and len(check.findings) == 1
    assert [(w.key, w.row) for w in check.warnings] == [("rows.footnote", 4), ("row.skipped", 3)]


def test_a_finding_merged_over_several_rows_becomes_one_item_with_its_measures_joined():
    check = check_grid(
        [
            ["问题类别", "问题描述", "整改进展", "整改状态"],
            ["党的建设", "学习不深入", "已制定学习计划", "已完成"],
            ["", "", "已开展专题学习", ""],
        ],
        merged=[((1, 0), (2, 0)), ((1, 1), (2, 1)), ((1, 3), (2, 3))],
    )
    assert len(check.findings) == 1
    assert check.findings.loc[0, "progress"] == "已制定学习计划\n已开展专题学习"


def test_status_is_inferred_from_progress_when_the_sheet_has_no_status_column():
    check = check_grid(
        [
            ["问题类别", "问题描述", "整改进展"],
            ["党的建设", "a", "已制定制度"],
            ["党的建设", "b", "正在推进"],
            ["党的建设", "c", ""],
            ["党的建设", "d", "会议讨论了有关情况"],  # decides nothing: reported progress
        ]
    )
    findings = check.findings
    assert findings["status"].tolist() == ["done", "in_progress", "pending", "in_progress"]
    assert findings["status_inferred"].all()
    assert any(w.key == "status.inferred" for w in check.warnings)


def test_statuses_in_the_sheet_are_mapped_and_not_marked_inferred():
    check = check_grid(
        [HEADER, ["1", "c", "a", "", "", "", "整改完成"], ["2", "c", "b", "", "", "", "持续整改"]]
    )
    assert check.findings["status"].tolist() == ["done", "long_term"]
    assert not check.findings["status_inferred"].any()


def test_deadline_terms_and_dates_are_kept_apart():
    check = check_grid(
        [
            HEADER,
            ["1", "c", "a", "", "立行立改", "", "已完成"],
            ["2", "c", "b", "", "2024年6月30日", "", "已完成"],
            ["3", "c", "d", "", 45473.0, "", "已完成"],
        ]
    )
    findings = check.findings
    assert findings["deadline_term"].tolist() == ["immediate", "", ""]
    assert findings["deadline"].isna().tolist() == [True, False, False]
    assert (findings.loc[1, "deadline"] == findings.loc[2, "deadline"]) and findings.loc[
        1, "deadline"
    ] == pd.Timestamp("2024-06-30")


def test_numeric_ids_lose_their_decimal_point():
    check = check_grid([HEADER, [1.0, "c", "a", "", "", "", "已完成"]])
    assert check.findings.loc[0, "id"] == "1"


def test_every_refusal_is_listed_at_once_with_row_column_and_value():
    check = check_grid(
        [
            ["台账", "", "", "", "", "", ""],
            HEADER,
            ["1", "c", "a", "", "2024-13-45", "", "已完成"],
            ["1", "c", "b", "", "", "", "已完成"],
            ["2", "c", "d", "", "", "", "好"],
        ]
    )
    assert not check.accepted and check.findings is None
    assert errors(check) == [
        ("date.invalid", 3, "整改时限", "2024-13-45"),
        ("id.duplicate", 4, "编号", "1"),
        ("status.unknown", 5, "整改状态", "好"),
    ]
    assert "第3行" in check.errors[1].message()
    assert "row 3" in check.errors[1].message("en")


def test_headers_are_reported_as_written_in_the_file():
    check = check_grid([["序号", "方面", "巡察反馈问题", "完成时限"], ["1", "c", "a", "明年"]])
    assert errors(check) == [("date.invalid", 2, "完成时限", "明年")]


def test_a_missing_finding_column_is_named_and_a_missing_category_is_none():
    check = check_grid([["编号", "整改措施", "整改进展"], ["1", "x", "y"]])
    assert [(e.key, e.column) for e in check.errors] == [("column.missing", "问题描述")]


def test_a_missing_required_column_does_not_hide_the_other_errors():
    # No 问题描述 column: the rows are still read, so their bad date and status are named too.
    check = check_grid(
        [
            ["编号", "问题类别", "整改时限", "整改状态"],
            ["1", "c", "2024-13-45", "已完成"],
            ["", "", "", ""],
            ["2", "c", "2024-06-30", "好"],
        ]
    )
    assert errors(check) == [
        ("column.missing", 1, "问题描述", None),
        ("date.invalid", 2, "整改时限", "2024-13-45"),
        ("status.unknown", 4, "整改状态", "好"),
    ]


def test_the_missing_column_message_names_each_accepted_heading_once():
    message = check_grid([["编号", "问题类别"], ["1", "c"]]).errors[0].message()
    headings = message.split("：", 1)[1].rstrip("）").split("、")
    assert headings[0] == "问题描述" and len(headings) == len(set(headings))


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        # (status written in rows 2-4) -> (word, first row, count) of each warning
        (["差不多了", "已完成", "差不多了"], [("差不多了", 2, 2)]),
        (["快好了", "差不多了", ""], [("快好了", 2, 1), ("差不多了", 3, 1)]),
        (["已完成", "", "推进中"], []),  # known words, and a blank status, are not named
    ],
)
def test_an_unrecognised_status_word_is_named_once_with_its_first_row_and_count(statuses, expected):
    rows = [
        [str(i), "c", f"问题{i}", "办公室", "2024-06-30", "已完成整改", s] for i, s in enumerate(statuses)
    ]
    check = check_grid([HEADER, *rows])
    assert check.accepted
    named = [(w.value, w.row, w.params["count"]) for w in check.warnings if w.key == "status.unrecognised"]
    assert named == expected
    assert all(w.column == "整改状态" for w in check.warnings if w.key == "status.unrecognised")


def test_a_sheet_without_a_header_is_refused():
    check = check_grid([["这里没有表头"], ["一些文字", "更多文字"]])
    assert [e.key for e in check.errors] == ["sheet.no_header"]


def test_a_header_with_no_rows_below_it_is_refused():
    assert [e.key for e in check_grid([HEADER]).errors] == ["sheet.no_rows"]


def test_columns_that_are_not_ledger_fields_are_ignored_with_a_warning():
    check = check_grid([["问题类别", "问题描述", "联系电话"], ["c", "a", "123"]])
    assert check.accepted
    assert [(w.key, w.column) for w in check.warnings if w.key == "column.ignored"] == [
        ("column.ignored", "联系电话")
    ]


def test_generated_ids_are_the_same_for_the_same_sheet_in_any_row_order():
    head = ["问题类别", "问题描述", "整改状态"]
    rows = [["党的建设", "a", "已完成"], ["党的建设", "b", "已完成"], ["作风建设", "a", "已完成"]]

    def ids(sheet_rows):
        findings = check_grid([head, *sheet_rows]).findings
        keys = zip(findings["category"], findings["problem"], strict=True)
        return dict(zip(keys, findings["id"], strict=True))

    assert ids(rows) == ids(rows[::-1]) == ids(rows)
    assert len(set(ids(rows).values())) == 3


@pytest.mark.parametrize(
    ("categories", "problems", "expected_unique"),
    [
        (["a", "a"], ["x", "y"], 2),
        (["a", "a"], ["x", "x"], 2),  # identical words are numbered, not merged
        (["a", "b"], ["x", "x"], 2),
    ],
)
def test_generated_ids_never_collide(categories, problems, expected_unique):
    ids = generated_ids(pd.Series(categories), pd.Series(problems))
    assert ids.nunique() == expected_unique


def test_repeated_identical_findings_get_numbered_ids_in_sheet_order():
    ids = generated_ids(pd.Series(["a", "a"]), pd.Series(["x", "x"])).tolist()
    assert ids[1] == ids[0] + "-2"


@pytest.mark.parametrize(
    ("header", "said"),
    [
        (["问题类别", "问题描述", "整改状态"], True),  # no 编号 column: the ids are made, and it says so
        (["编号", "问题类别", "问题描述", "整改状态"], False),
    ],
)
def test_a_sheet_without_an_id_column_says_its_ids_were_generated(header, said):
    row = ["党建", "学习不深入", "已完成"]
    rows = [header, ["A1", *row] if "编号" in header else row]
    check = build_ledger(Grid("台账", rows), "t.xlsx")
    assert check.accepted
    assert any(w.key == "ids.generated" for w in check.warnings) is said
