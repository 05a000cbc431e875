"""The overview's burn-up and ageing (issue 14, part 1): the figures from hand-made measures and
versions, and the charts by the data inside them."""

from datetime import date

import pandas as pd
import pytest

from rectification.charts import ageing_chart, burn_up_chart, open_heatmap
from rectification.metrics import (
    AGEING_BUCKETS,
    burn_up,
    category_progress,
    cell_query,
    department_progress,
    open_matrix,
    overdue_ageing,
)
from rectification.notices.summary import ageing_sentence, laggard_sentence

AS_OF = date(2024, 5, 10)

AGEING_CASES = [
    (["2024-05-09"], ["red"], [1, 0, 0], "a day overdue"),
    (["2024-04-10"], ["red"], [1, 0, 0], "thirty days is the first bucket's last"),
    (["2024-04-09"], ["red"], [0, 1, 0], "thirty-one days is the second's first"),
    (["2024-02-10"], ["red"], [0, 1, 0], "ninety days"),
    (["2024-02-09"], ["red"], [0, 0, 1], "ninety-one days"),
    (["2024-01-01", "2024-05-01"], ["", "green"], [0, 0, 0], "done or on time is not overdue"),
    ([], [], [0, 0, 0], "no measures"),
]


@pytest.mark.parametrize(
    ("deadlines", "levels", "expected"), [c[:3] for c in AGEING_CASES], ids=[c[3] for c in AGEING_CASES]
)
def test_overdue_measures_are_counted_by_how_many_days_their_deadline_has_passed(deadlines, levels, expected):
    ageing = overdue_ageing(pd.Series(pd.to_datetime(deadlines)), pd.Series(levels, dtype=object), AS_OF)
    assert ageing["bucket"].tolist() == [name for name, _, _ in AGEING_BUCKETS]
    assert ageing["count"].tolist() == expected


VERSIONS = pd.DataFrame(
    {
        "version": [1, 2, 3, 4, 5],
        "as_of": [date(2023, 6, 30), date(2023, 6, 30), None, date(2023, 9, 30), date(2023, 7, 31)],
        "total": [30, 30, 31, 32, 31],
        "done": [20, 21, 22, 28, 24],
    }
)


def test_the_burn_up_has_one_point_per_as_of_date_the_latest_version_of_each_oldest_first():
    points = burn_up(VERSIONS)
    assert points.values.tolist() == [
        [date(2023, 6, 30), 30, 21],  # two uploads on one day are one point: the later one
        [date(2023, 7, 31), 31, 24],  # a version saved later with an earlier date sits by its date
        [date(2023, 9, 30), 32, 28],
    ]


def test_the_burn_up_chart_draws_the_total_dashed_and_the_done_filled():
    total, done = burn_up_chart(burn_up(VERSIONS)).data
    assert list(total.x) == ["2023-06-30", "2023-07-31", "2023-09-30"] == list(done.x)
    assert (list(total.y), list(done.y)) == ([30, 31, 32], [21, 24, 28])
    assert total.line.dash == "dash" and done.fill == "tozeroy"
    assert (total.name, done.name) == ("问题总数", "已完成")


def test_the_ageing_chart_has_a_bar_per_bucket_labelled_with_its_count():
    ageing = pd.DataFrame({"bucket": ["1_30", "31_90", "over_90"], "count": [3, 0, 2]})
    (bars,) = ageing_chart(ageing, "en").data
    assert list(bars.x) == ["1–30 days overdue", "31–90 days overdue", "Over 90 days overdue"]
    assert list(bars.y) == [3, 0, 2] and list(bars.text) == ["3", "0", "2"]
    assert len(set(bars.marker.color)) == 3  # darker the longer


LEDGER = pd.DataFrame(
    {
        "category": ["党建", "党建", "作风", "党建", "<b>作风</b>"],
        "department": ["办公室", "财务科", "办公室", "办公室", ""],
        "status": ["in_progress", "done", "pending", "long_term", "in_progress"],
    }
)
LEVELS = pd.Series(["red", "", "green", "", "red"])


def test_the_open_matrix_counts_problems_not_done_by_category_and_department_in_ledger_order():
    matrix = open_matrix(LEDGER, LEVELS)
    assert matrix.values.tolist() == [
        ["党建", "办公室", 2, 1],  # one overdue, one long-term: both still open
        ["作风", "办公室", 1, 0],
        ["<b>作风</b>", "", 1, 1],
    ]


def test_the_heatmap_has_a_square_per_pair_red_where_any_is_overdue_and_escapes_sheet_text():
    (squares,) = open_heatmap(open_matrix(LEDGER, LEVELS)).data
    assert list(squares.y) == ["党建", "作风", "&lt;b&gt;作风&lt;/b&gt;"]
    assert list(squares.x) == ["办公室", "办公室", "未指定部门"]
    assert list(squares.text) == ["2", "1", "1"]
    red_half, blue, red_all = squares.marker.color
    assert blue == "#bbdefb" and red_half != red_all and red_all == "#b71c1c"


def test_a_click_on_a_square_opens_the_item_list_filtered_to_its_category_and_department():
    (squares,) = open_heatmap(open_matrix(LEDGER, LEVELS)).data
    clicked = {"x": squares.x[2], "y": squares.y[2], "customdata": list(squares.customdata[2])}
    # The filters are the ledger's own words, not the escaped labels the chart shows.
    assert cell_query(clicked) == {"category": "<b>作风</b>", "department": ""}


def progress(rows):
    """category_progress / department_progress of (name, status, warning) rows."""
    findings = pd.DataFrame(rows, columns=["category", "status", "warning"]).assign(
        department=lambda f: f["category"]
    )
    levels = findings["warning"]
    return category_progress(findings), department_progress(findings, levels)


LAGGING = [
    ("党建", "done", ""), ("党建", "done", ""), ("作风", "in_progress", "red"), ("作风", "done", ""),
    ("<b>审计</b>", "pending", "green"), ("审计2", "done", ""),
]  # fmt: skip


def test_the_summary_names_the_categories_and_departments_behind_the_whole_lowest_first():
    categories, departments = progress(LAGGING)
    said = laggard_sentence(categories, departments, None)
    assert said == (
        "完成率低于总体的方面：<b>审计</b>（0.0%）、作风（50.0%）；"
        "完成率低于总体的部门：<b>审计</b>（0.0%）、作风（50.0%，逾期1个）。"
    )  # the page shows it inert: sheet text is never markup


def test_nothing_is_said_when_no_one_lags_and_old_overdue_items_are_counted():
    categories, departments = progress([("党建", "done", ""), ("作风", "done", "")])
    assert laggard_sentence(categories, departments, None) == ""
    ageing = pd.DataFrame({"bucket": ["1_30", "31_90", "over_90"], "count": [1, 0, 3]})
    assert laggard_sentence(categories, departments, ageing, "en") == "3 tasks overdue by more than 90 days."


def test_the_summary_says_how_long_the_overdue_tasks_have_been_overdue():
    ageing = pd.DataFrame({"bucket": ["1_30", "31_90", "over_90"], "count": [2, 0, 1]})
    said = "逾期未完成的整改任务中，逾期1-30天2项、逾期31-90天0项、逾期90天以上1项。"
    assert ageing_sentence(ageing) == said
    assert ageing_sentence(ageing.assign(count=0)) == ""
    assert ageing_sentence(None) == ""
