"""Chart builders are tested by the data inside the figure, not by looking at pixels."""

from datetime import date

import pandas as pd

from rectification.charts import STATUS_COLOURS, completion_by_category, department_ranking
from rectification.metrics import category_progress, department_progress, warning_levels

LEDGER = pd.DataFrame(
    {
        "category": ["党建", "党建", "作风", "<b>审计</b>"],
        "department": ["办公室", "财务科", "办公室", ""],
        "status": ["done", "in_progress", "done", "pending"],
        "deadline": pd.to_datetime([None, "2024-01-01", None, None]),
    }
)
LEVELS = warning_levels(LEDGER, date(2024, 5, 10))


def test_category_chart_has_one_bar_per_category_in_ledger_order_split_by_status():
    figure = completion_by_category(category_progress(LEDGER))
    done = next(trace for trace in figure.data if trace.name == "已完成")
    assert list(done.y) == ["党建", "作风", "&lt;b&gt;审计&lt;/b&gt;"]
    assert list(done.x) == [1, 1, 0]
    assert [trace.name for trace in figure.data] == ["已完成", "推进中", "长期坚持", "未完成"]
    assert [trace.marker.color for trace in figure.data] == list(STATUS_COLOURS.values())


def test_category_bars_are_labelled_with_their_completion_rate():
    figure = completion_by_category(category_progress(LEDGER))
    assert [a.text for a in figure.layout.annotations] == ["完成率 50%", "完成率 100%", "完成率 0%"]


def test_department_chart_puts_laggards_first_and_marks_overdue_in_red():
    figure = department_ranking(department_progress(LEDGER, LEVELS))
    bars = figure.data[0]
    # 财务科 and the unassigned item are both at 0%; 财务科 has an overdue item, so it leads
    assert list(bars.y) == ["财务科", "未指定部门", "办公室"]
    assert list(bars.x) == [0.0, 0.0, 100.0]
    assert bars.marker.color[0] != bars.marker.color[1]
    assert "逾期 1" in bars.text[0]


def test_chart_words_follow_the_language():
    figure = completion_by_category(category_progress(LEDGER), "en")
    assert figure.data[0].name == "Done"
    assert figure.layout.annotations[0].text.startswith("Completion rate")
