"""Rows that are not problems (issue 11): headings give categories, totals, column numbers,
repeated headers, footnotes and sign-off lines are set apart and said, never counted."""

import pytest

from rectification.grid import Grid
from rectification.layout import Heading, heading, row_kind
from rectification.ledger import build_ledger

HEADER_TEXTS = frozenset({"序号", "问题描述", "整改措施", "责任部门", "整改时限", "整改状态"})


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["一、政治建设方面（11个）"], Heading(1, "政治建设", 11)),
        (["（二）关于主责主业方面"], Heading(2, "主责主业", None)),
        (["三、作风建设方面存在的问题（共4项）"], Heading(1, "作风建设", 4)),
        (["第一部分 党的建设"], Heading(1, "党的建设", None)),
        (["四", "全面从严治党方面"], Heading(1, "全面从严治党", None)),
        (["（一）", "关于“三重一大”决策方面"], Heading(2, "“三重一大”决策", None)),
        (["（三）关于“政治建设”方面"], Heading(2, "政治建设", None)),
        (["一、项目审批不规范，部分项目未经集体研究即开工"], None),
        (["1.政治建设方面"], None),
        (["政治建设方面"], None),
    ],
    ids=lambda value: str(value)[:16],
)
def test_a_heading_row_names_its_level_and_category_without_numbering_or_count(texts, expected):
    assert heading(texts) == expected


@pytest.mark.parametrize(
    ("texts", "kind"),
    [
        (["小计", "3"], "total"),
        (["合  计", "30"], "total"),
        (["总计：30个问题"], "total"),
        (["1", "2", "3", "4", "5", "6"], "column_numbers"),
        (["序号", "问题描述", "整改措施"], "header"),
        (["办公室整改问题清单"], "title"),
        (["说明：1.本表由各部门填报。"], "footnote"),
        (["注：完成时限以巡察反馈意见为准"], "footnote"),
        (["备注"], "footnote"),
        (["填报人：张三", "审核人：李四"], "signoff"),
        (["联系电话：12345678"], "signoff"),
        (["填报日期：2024年6月30日"], "signoff"),
        (["一、政治建设方面（11个）"], "heading"),
        (["（一）贯彻落实上级决策部署方面"], "subheading"),
        (["1", "学习贯彻不深入", "制定学习计划"], "problem"),
        (["学习贯彻不深入"], "problem"),
    ],
    ids=lambda value: str(value)[:16],
)
def test_what_a_row_is_follows_from_its_own_texts(texts, kind):
    assert row_kind(texts, HEADER_TEXTS) == kind


HEADER = ["序号", "问题描述", "整改措施", "责任部门", "整改时限", "整改状态"]


def _check(rows):
    title = ["某局巡察整改台账（截至2024年6月30日）"]
    return build_ledger(Grid("台账", [title, HEADER, *rows], []), "t.xlsx")


def test_category_headings_inside_the_table_give_the_category_of_the_problems_under_them():
    check = _check(
        [
            ["1", "2", "3", "4", "5", "6"],
            ["一、政治建设方面（2个）", "", "", "", "", ""],
            ["1", "学习不深入", "制定计划", "办公室", "2024-06-30", "已完成"],
            ["2", "落实不到位", "建立台账", "办公室", "2024-12-31", "推进中"],
            ["二、作风建设方面（1个）", "", "", "", "", ""],
            ["（一）关于文风会风方面", "", "", "", "", ""],
            ["3", "文山会海", "精简会议", "财务科", "2024-03-31", "推进中"],
            ["小计", "3", "", "", "", ""],
            ["说明：本表由办公室汇总。", "", "", "", "", ""],
            ["1.完成时限以反馈意见为准。", "", "", "", "", ""],
            ["填报人：张三", "", "审核人：李四", "", "", ""],
        ]
    )
    assert check.accepted, [e.message() for e in check.errors]
    assert check.findings["category"].tolist() == ["政治建设", "政治建设", "作风建设"]
    assert check.findings["id"].tolist() == ["1", "2", "3"]
    said = {w.key: w.row for w in check.warnings}
    assert said == {
        "rows.column_numbers": 3,
        "rows.heading": 4,
        "rows.subheading": 8,
        "rows.total": 10,
        "rows.footnote": 11,
        "rows.signoff": 13,
        "category.from_headings": None,
    }
    footnote = next(w for w in check.warnings if w.key == "rows.footnote")
    assert "第11、12行" in footnote.message("zh")


def test_a_heading_whose_stated_count_differs_from_the_problems_under_it_is_said():
    check = _check(
        [
            ["一、政治建设方面（3个）", "", "", "", "", ""],
            ["1", "学习不深入", "制定计划", "办公室", "2024-06-30", "已完成"],
        ]
    )
    differs = [w for w in check.warnings if w.key == "heading.count_differs"]
    assert [(w.row, w.params["stated"], w.params["found"]) for w in differs] == [(3, 3, 1)]


def test_a_ledger_with_no_category_at_all_is_read_under_one_category_and_says_so():
    check = _check([["1", "学习不深入", "制定计划", "办公室", "2024-06-30", "已完成"]])
    assert check.accepted
    assert check.findings["category"].tolist() == ["未分类"]
    assert [w.key for w in check.warnings] == ["category.none"]


def test_stacked_department_blocks_repeat_their_title_and_header_and_are_read_as_one_ledger():
    check = _check(
        [
            ["1", "学习不深入", "制定计划", "办公室", "2024-06-30", "已完成"],
            ["财务科整改问题清单", "", "", "", "", ""],
            HEADER,
            ["2", "报销不规范", "修订制度", "财务科", "2024-12-31", "推进中"],
        ]
    )
    assert check.accepted, [e.message() for e in check.errors]
    assert check.findings["id"].tolist() == ["1", "2"]
    assert {w.key: w.row for w in check.warnings if w.key.startswith("rows.")} == {
        "rows.header": 5,
        "rows.title": 4,
    }
