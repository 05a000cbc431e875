"""A ledger of a whole round: its inspected units (or rounds) compared, laggards first (issue 14)."""

import pandas as pd
import pytest

from rectification.display import comparison_table
from rectification.metrics import category_progress, compared_progress, department_progress
from rectification.notices.summary import laggard_sentence

# unit, status, warning level
ROUND = pd.DataFrame(
    [
        ("甲镇", "done", ""),
        ("甲镇", "in_progress", "red"),
        ("乙街道", "in_progress", "red"),
        ("乙街道", "pending", "red"),
        ("乙街道", "in_progress", "green"),
        ("丙局", "done", ""),
        ("", "done", ""),  # a row whose unit the sheet leaves blank
    ],
    columns=["unit", "status", "warning"],
).assign(category="政治建设", department="办公室", round="第三轮")


def test_units_are_compared_lowest_completion_first_with_their_overdue_counts():
    table = compared_progress(ROUND, ROUND["warning"], "unit")
    assert table["unit"].tolist() == ["乙街道", "甲镇", "丙局", ""]
    assert table["total"].tolist() == [3, 2, 1, 1]
    assert table["rate"].tolist() == [0.0, 0.5, 1.0, 1.0]
    assert table["overdue"].tolist() == [2, 1, 0, 0]


def test_the_units_rows_add_up_to_the_ledger_blank_units_included():
    table = compared_progress(ROUND, ROUND["warning"], "unit")
    assert table["total"].sum() == len(ROUND)
    assert comparison_table(table, "unit")["被巡察单位"].tolist()[-1] == "未注明单位"


@pytest.mark.parametrize("key", ["unit", "round"])
def test_nothing_is_compared_when_the_ledger_holds_one(key):
    one = ROUND.assign(unit="甲镇")
    assert compared_progress(one, one["warning"], key) is None


def test_the_comparison_table_speaks_the_office_words():
    table = comparison_table(compared_progress(ROUND, ROUND["warning"], "unit"), "unit")
    assert list(table.columns) == ["被巡察单位", "问题数", "已完成", "完成率", "逾期"]
    assert table["完成率"].tolist()[:2] == [0.0, 50.0]


def test_the_summary_names_the_lagging_units_before_categories_and_departments():
    units = compared_progress(ROUND, ROUND["warning"], "unit")
    categories = category_progress(ROUND)
    departments = department_progress(ROUND, ROUND["warning"])
    said = laggard_sentence(categories, departments, None, units=units)
    assert said == "完成率低于总体的被巡察单位：乙街道（0.0%，逾期2个）。"
