"""Chart builders are tested by the data inside the figure, not by looking at pixels."""

from datetime import date

import pandas as pd

from rectification.charts import STATUS_COLOURS, completion_by_category, department_ranking, text_width
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
    assert [trace.name for trace in figure.data] == ["已完成", "推进中", "长期坚持", "未启动"]
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
    assert figure.layout.annotations[0].text == "50% done"


def test_labels_beside_the_bars_get_room_in_the_right_margin_and_names_get_theirs_from_plotly():
    for lang in ("zh", "en"):
        for figure in (
            completion_by_category(category_progress(LEDGER), lang),
            department_ranking(department_progress(LEDGER, LEVELS), lang),
        ):
            assert figure.layout.yaxis.automargin and figure.layout.xaxis.automargin
            assert figure.layout.xaxis.tickangle == 0
            longest = max([a.text for a in figure.layout.annotations] or list(figure.data[0].text), key=len)
            assert figure.layout.margin.r >= text_width(longest, 15)


def test_the_count_axis_ends_at_the_longest_bar_and_one_bar_is_not_a_slab():
    one = LEDGER[LEDGER["category"] == "党建"].assign(status=["in_progress", "in_progress"])
    figure = completion_by_category(category_progress(one), "en")
    assert list(figure.layout.xaxis.range) == [0, 2]
    many = completion_by_category(category_progress(pd.concat([LEDGER] * 3)))
    assert list(many.layout.xaxis.range) == [0, 6]
    # about the same thickness in pixels whatever the number of rows, never the whole plot
    single, several = figure.data[0].width, many.data[0].width
    assert single < 0.4 and several <= 0.8
    plot = lambda f: f.layout.height - 80  # noqa: E731
    rows = lambda f: len(f.data[0].y)  # noqa: E731
    px = [f.data[0].width * plot(f) / rows(f) for f in (figure, many)]
    assert abs(px[0] - px[1]) < 6


def test_text_width_counts_chinese_characters_wider_than_latin_letters():
    assert text_width("完成率", 10) == 30
    assert text_width("abc", 10) < 30
