"""The inspectors' filters: which rows of a small hand-made ledger each filter state keeps."""

import numpy as np
import pandas as pd
import pytest

from rectification.filters import Filters, filter_mask

# Four items: two rounds, two categories, two departments, one of each status.
FINDINGS = pd.DataFrame(
    [
        ("A1", "第一轮", "党建", "办公室", "done", "学习不深入", "制定学习计划", "已完成学习"),
        ("A2", "第一轮", "党建", "财务科", "in_progress", "制度不完善", "修订制度", "正在修订OA制度"),
        ("B1", "第二轮", "作风", "财务科", "long_term", "公车管理不规范(二)", "建立台账", "持续加强"),
        ("B2", "第二轮", "作风", "办公室", "pending", "会议过多", "精简会议", ""),
    ],
    columns=["id", "round", "category", "department", "status", "problem", "measures", "progress"],
)
# Their warning levels as metrics.warning_levels would give them ("" for done or undated).
LEVELS = pd.Series(["", "red", "", "yellow"])


def kept(filters: Filters, levels: pd.Series | None = LEVELS) -> list[str]:
    return FINDINGS.loc[filter_mask(FINDINGS, filters, levels), "id"].tolist()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param(Filters(), ["A1", "A2", "B1", "B2"], id="no filter keeps every row"),
        pytest.param(Filters(category=("党建",)), ["A1", "A2"], id="one category keeps its rows"),
        pytest.param(Filters(department=("办公室",)), ["A1", "B2"], id="one department keeps its rows"),
        pytest.param(
            Filters(department=("办公室", "财务科")),
            ["A1", "A2", "B1", "B2"],
            id="several values mean any of them",
        ),
        pytest.param(Filters(round=("第二轮",)), ["B1", "B2"], id="a round keeps its rows"),
        pytest.param(Filters(status=("in_progress",)), ["A2"], id="a status is matched by its code"),
        pytest.param(Filters(category=("纪律",)), [], id="a value no row has keeps nothing"),
        pytest.param(
            Filters(round=("第二轮",), department=("财务科",)), ["B1"], id="different fields must all match"
        ),
        pytest.param(Filters(warning=("red",)), ["A2"], id="a warning level keeps the rows at that level"),
        pytest.param(Filters(warning=("red", "yellow")), ["A2", "B2"], id="several warning levels mean any"),
        pytest.param(Filters(open_only=True), ["A2", "B1", "B2"], id="open only leaves out done rows"),
        pytest.param(
            Filters(category=("党建",), open_only=True), ["A2"], id="open only combines with other filters"
        ),
    ],
)
def test_each_filter_keeps_exactly_the_rows_it_names(filters, expected):
    assert kept(filters) == expected


def test_a_warning_filter_without_levels_to_judge_by_keeps_every_row():
    assert kept(Filters(warning=("red",)), levels=None) == ["A1", "A2", "B1", "B2"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        pytest.param("制度", ["A2"], id="a keyword matches problem text"),
        pytest.param("台账", ["B1"], id="a keyword matches the measures"),
        pytest.param("持续", ["B1"], id="a keyword matches the progress"),
        pytest.param("会议", ["B2"], id="a keyword found in problem and measures keeps the row once"),
        pytest.param("学习 计划", ["A1"], id="two keywords must both match, in any field"),
        pytest.param("学习 会议", [], id="two keywords from different rows match nothing"),
        pytest.param("oa", ["A2"], id="keywords ignore case"),
        pytest.param("(二", ["B1"], id="a keyword is plain text, not a pattern"),
        pytest.param("   ", ["A1", "A2", "B1", "B2"], id="a blank keyword box keeps every row"),
        pytest.param("办公室", [], id="the department is not searched by keyword"),
    ],
)
def test_a_keyword_matches_problem_text_measures_and_progress(q, expected):
    assert kept(Filters(q=q)) == expected


@pytest.mark.parametrize(
    ("filters", "active"),
    [
        pytest.param(Filters(), False, id="no filter is not active"),
        pytest.param(Filters(open_only=True), False, id="open only alone is not active"),
        pytest.param(Filters(q="学习"), True, id="a keyword is active"),
        pytest.param(Filters(status=("done",)), True, id="a status is active"),
        pytest.param(
            Filters(warning=("red",), open_only=True), True, id="a warning with open only is active"
        ),
    ],
)
def test_filters_are_active_when_anything_but_open_only_is_set(filters, active):
    assert filters.active is active


def test_equal_filters_hash_alike_so_they_can_key_a_cache():
    cache = {Filters(category=("党建",), q="学习"): "cached"}
    assert cache[Filters(category=("党建",), q="学习")] == "cached"
    assert Filters(category=("作风",)) not in cache


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (("财务科",), [0, 2]),
        (("人事科",), [2]),
        (("财务",), []),  # a whole unit's name, not a part of one
        (("人事科", "审计科"), [1, 2]),
    ],
)
def test_a_supporting_department_filter_keeps_the_rows_that_name_it_among_their_supporting_units(
    chosen, expected
):
    rows = pd.DataFrame(
        {"supporting": ["财务科", "审计科", "人事科、财务科", ""], "status": ["done"] * 4},
    )
    for name in ("round", "category", "department"):
        rows[name] = ""
    assert np.flatnonzero(filter_mask(rows, Filters(supporting=chosen))).tolist() == expected
