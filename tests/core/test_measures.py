"""The counting rules for problems and their measures (DESIGN.md §2), one table each."""

import json
from datetime import date

import pandas as pd
import pytest

from rectification.grid import Grid
from rectification.ledger import build_ledger
from rectification.measures import (
    MEASURE_COLUMNS,
    Departments,
    problem_departments,
    problem_statuses,
    problem_tasks,
    problem_warnings,
    read_departments,
    task_figures,
)
from rectification.metrics import warning_levels

STATUS_CASES = [
    (["done"], "done", "one measure, done"),
    (["done", "done", "done"], "done", "every measure done"),
    (["pending"], "pending", "one measure, not started"),
    (["pending", "pending"], "pending", "no measure started"),
    (["done", "pending"], "in_progress", "one done and one not started is under way"),
    (["in_progress", "pending"], "in_progress", "one under way"),
    (["long_term"], "long_term", "one long-term measure"),
    (["done", "long_term"], "long_term", "every measure not done is long-term"),
    (["done", "long_term", "long_term"], "long_term", "several long-term beside done ones"),
    (["long_term", "pending"], "in_progress", "a long-term measure has started, the other not"),
    (["long_term", "in_progress"], "in_progress", "long-term beside one still under way"),
    (["done", "done", "in_progress"], "in_progress", "two of three done"),
]


@pytest.mark.parametrize(
    ("measures", "expected"), [c[:2] for c in STATUS_CASES], ids=[c[2] for c in STATUS_CASES]
)
def test_a_problems_status_follows_from_its_measures(measures, expected):
    ids = pd.Series(["P1"] * len(measures))
    assert problem_statuses(ids, pd.Series(measures)).to_dict() == {"P1": expected}


def test_statuses_are_derived_per_problem_in_order_of_first_appearance():
    ids = pd.Series(["B", "A", "B", "C", "A"])
    statuses = pd.Series(["done", "pending", "done", "long_term", "done"])
    derived = problem_statuses(ids, statuses)
    assert list(derived.index) == ["B", "A", "C"]
    assert derived.to_dict() == {"B": "done", "A": "in_progress", "C": "long_term"}


WARNING_CASES = [
    (["red", "green"], "red", "an overdue measure makes the problem overdue"),
    (["green", "yellow", "green"], "yellow", "due soon beats on track"),
    (["", "green"], "green", "a done or undated measure gives no warning"),
    (["", ""], "", "every measure done or undated"),
    (["yellow", "red", ""], "red", "the worst wins whatever the order"),
]


@pytest.mark.parametrize(
    ("levels", "expected"), [c[:2] for c in WARNING_CASES], ids=[c[2] for c in WARNING_CASES]
)
def test_a_problems_warning_is_the_worst_of_its_measures(levels, expected):
    ids = pd.Series(["P1"] * len(levels))
    assert problem_warnings(ids, pd.Series(levels)).to_dict() == {"P1": expected}


DEPARTMENT_CASES = [
    ("办公室", Departments("办公室"), "one unit"),
    ("  办公室 ", Departments("办公室"), "spaces around one unit"),
    ("", Departments(""), "an empty cell"),
    ("办公室、机关党委", Departments("办公室", ("机关党委",), "first"), "the unit named first leads"),
    ("办公室\n机关党委\n财务科", Departments("办公室", ("机关党委", "财务科"), "first"), "one unit a line"),
    (
        "业务股（牵头）、法规股（配合）",
        Departments("业务股", ("法规股",), "marked"),
        "marked lead and support",
    ),
    (
        "法规股（配合）、业务股（牵头）",
        Departments("业务股", ("法规股",), "marked"),
        "the marked lead need not be first",
    ),
    (
        "法规股(配合)，业务股(牵头)",
        Departments("业务股", ("法规股",), "marked"),
        "half-width brackets and comma",
    ),
    (
        "牵头：办公室；配合：财务科、人事科",
        Departments("办公室", ("财务科", "人事科"), "marked"),
        "labelled roles",
    ),
    ("牵头单位：办公室", Departments("办公室"), "a labelled single lead"),
    ("财务科配合，办公室牵头", Departments("办公室", ("财务科",), "marked"), "roles written after the names"),
    ("办公室、办公室", Departments("办公室"), "a unit named twice is one unit"),
    ("规划建设部/财政审计部", Departments("规划建设部", ("财政审计部",), "first"), "a slash between units"),
    (
        "财务科（配合）、办公室",
        Departments("办公室", ("财务科",), "first"),
        "with none marked 牵头, the first not marked 配合 leads",
    ),
    (
        "综合办公室（党建办、人事办）",
        Departments("综合办公室（党建办、人事办）"),
        "a separator inside brackets is part of the unit's name",
    ),
    (
        "牵头部门：办公室 配合部门：财务科",
        Departments("办公室", ("财务科",), "marked"),
        "labelled roles separated by a space",
    ),
    ("经济发展部(招商)", Departments("经济发展部(招商)"), "brackets that are not a role"),
]


@pytest.mark.parametrize(
    ("cell", "expected"), [c[:2] for c in DEPARTMENT_CASES], ids=[c[2] for c in DEPARTMENT_CASES]
)
def test_a_department_cell_gives_the_lead_and_the_supporting_units(cell, expected):
    assert read_departments(cell) == expected


def test_task_figures_count_measures_and_their_overdue():
    figures = task_figures(
        pd.Series(["done", "done", "pending", "long_term"]), pd.Series(["", "", "red", ""])
    )
    assert figures == {
        "total": 4,
        "by_status": {"done": 2, "in_progress": 0, "long_term": 1, "pending": 1},
        "completion_rate": 0.5,
        "overdue": 1,
    }


def test_task_figures_of_no_measures_have_no_rate():
    assert task_figures(pd.Series([], dtype=object), pd.Series([], dtype=object))["completion_rate"] is None


def test_a_problems_department_is_its_first_measures_lead():
    ids = pd.Series(["P1", "P1", "P2", "P1"])
    leads = pd.Series(["办公室", "财务科", "人事科", "办公室"])
    assert problem_departments(ids, leads).to_dict() == {"P1": "办公室", "P2": "人事科"}


MEASURE_HEADER = ["编号", "问题类别", "问题描述", "整改措施", "责任部门", "整改时限", "整改状态"]
# Two problems whose 编号, 类别 and 问题描述 cells are merged down over their measure rows, as
# offices keep them, then one problem on a row of its own.
MERGED_ROWS = [
    MEASURE_HEADER,
    ["1", "党的建设", "学习不深入", "制定学习计划", "办公室", "2023-03-31", "已完成"],
    ["", "", "", "开展专题学习", "机关党委", "2023-05-31", "推进中"],
    ["", "", "", "建立长效机制", "办公室", "长期坚持", "长期坚持"],
    ["2", "作风建设", "公车管理不规范", "清理公车", "财务科", "2023-04-30", "已完成"],
    ["", "", "", "修订制度", "财务科", "2023-06-15", "已完成"],
    ["3", "作风建设", "会议过多", "精简会议", "办公室", "2023-12-31", "未启动"],
]
MERGES = [((1, c), (3, c)) for c in (0, 1, 2)] + [((4, c), (5, c)) for c in (0, 1, 2)]


def merged_check(rows=MERGED_ROWS, merges=MERGES):
    check = build_ledger(Grid("台账", rows, merges), "t.xlsx")
    assert check.accepted, [e.message() for e in check.errors]
    return check


def test_a_problem_merged_over_its_measure_rows_counts_once_with_the_status_of_all_its_measures():
    findings = merged_check().findings
    assert findings["id"].tolist() == ["1", "2", "3"]
    # Problem 1 has one measure under way: it is not done, though its first measure is.
    assert findings["status"].tolist() == ["in_progress", "done", "pending"]


def test_a_merged_problems_deadline_is_its_earliest_open_measures_so_overdue_follows_any_measure():
    findings = merged_check().findings.set_index("id")
    assert findings.loc["1", "deadline"] == pd.Timestamp("2023-05-31")  # not the done measure's 03-31
    assert findings.loc["2", "deadline"] == pd.Timestamp("2023-06-15")  # all done: the last one
    levels = warning_levels(findings.reset_index(), date(2023, 6, 30))
    assert levels.tolist() == ["red", "", "green"]


def test_the_measures_of_a_merged_problem_are_kept_with_their_own_departments_and_rows():
    measures = merged_check().measures
    assert measures["problem_id"].tolist() == ["1", "1", "1", "2", "2", "3"]
    assert measures["department"].tolist() == ["办公室", "机关党委", "办公室", "财务科", "财务科", "办公室"]
    assert measures["row"].tolist() == [2, 3, 4, 5, 6, 7]
    assert measures["status"].tolist() == ["done", "in_progress", "long_term", "done", "done", "pending"]


def test_the_reader_says_that_it_counted_merged_problems_from_their_measures():
    warnings = [w for w in merged_check().warnings if w.key == "measures.folded"]
    assert len(warnings) == 1
    assert "2个问题" in warnings[0].message("zh") and "5项整改措施" in warnings[0].message("zh")
    assert "2 problems" in warnings[0].message("en")


def test_a_bad_date_in_a_measure_row_is_named_at_that_row():
    rows = [list(r) for r in MERGED_ROWS]
    rows[2][5] = "2023-13-45"
    check = build_ledger(Grid("台账", rows, MERGES), "t.xlsx")
    assert [(e.key, e.row) for e in check.errors] == [("date.invalid", 3)]


def test_a_ledger_with_one_row_per_problem_is_one_measure_per_problem():
    check = merged_check(MERGED_ROWS[:2] + MERGED_ROWS[6:], [])
    assert check.measures["measure_id"].tolist() == check.findings["id"].tolist()
    assert check.findings["tasks"].tolist() == ["", ""]
    assert check.findings["status"].tolist() == ["done", "pending"]
    assert not [w for w in check.warnings if w.key == "measures.folded"]


# The same two problems written once each, their further measures on the rows below with the
# problem's cells left blank (no merged cells), then a problem on a row of its own.
BELOW_ROWS = [
    [cell if r in (0, 1, 4, 6) or c >= 3 else "" for c, cell in enumerate(row)]
    for r, row in enumerate(MERGED_ROWS)
]


def test_measures_written_below_their_problem_with_its_cells_blank_count_as_that_problems():
    check = merged_check(BELOW_ROWS, [])
    assert check.findings["id"].tolist() == ["1", "2", "3"]
    assert check.findings["status"].tolist() == ["in_progress", "done", "pending"]
    assert check.measures["problem_id"].tolist() == ["1", "1", "1", "2", "2", "3"]
    assert check.measures["problem"].tolist()[:3] == ["学习不深入"] * 3
    said = [w for w in check.warnings if w.key == "measures.below_problem"]
    assert len(said) == 1 and "有3行" in said[0].message("zh")


@pytest.mark.parametrize(
    ("row", "counted"),
    [
        (["", "", "", "", "", "", ""], False),  # a blank row
        (["注：本表由办公室汇总。", "", "", "", "", "", ""], False),  # a footnote in the first column
        (["", "", "", "", "", "", "已完成"], True),  # a status of its own
        (["", "", "", "补充措施", "", "", ""], True),  # a measure of its own
    ],
    ids=["a blank row", "a footnote", "a status of its own", "a measure of its own"],
)
def test_only_a_row_with_a_measure_of_its_own_joins_the_problem_above(row, counted):
    check = merged_check([MEASURE_HEADER, MERGED_ROWS[6], row], [])
    assert len(check.findings) == 1
    assert (check.measures is not None and len(check.measures) == 2) is counted
    assert any(w.key in ("row.skipped", "rows.footnote") for w in check.warnings) is not counted


def repeated_rows(ids: bool) -> list[list[str]]:
    """MERGED_ROWS with the problem's cells repeated on each of its measure rows, with or
    without its 编号 repeated too."""
    rows, above = [MEASURE_HEADER], None
    for row in MERGED_ROWS[1:]:
        if row[2]:
            above = row
        rows.append([row[0] or (above[0] if ids else ""), above[1], above[2], *row[3:]])
    return rows


@pytest.mark.parametrize("ids", [True, False], ids=["with its 编号 repeated", "with its 编号 left blank"])
def test_a_problem_repeated_on_each_of_its_measure_rows_counts_once(ids):
    check = merged_check(repeated_rows(ids), [])
    assert check.findings["id"].tolist() == ["1", "2", "3"]
    assert check.findings["status"].tolist() == ["in_progress", "done", "pending"]
    said = [w for w in check.warnings if w.key == "measures.repeated_problem"]
    assert len(said) == 1 and "有3行" in said[0].message("zh")


def test_the_same_text_under_another_id_is_another_problem():
    rows = [MEASURE_HEADER, MERGED_ROWS[6], ["4", *MERGED_ROWS[6][1:]]]
    check = merged_check(rows, [])
    assert check.findings["id"].tolist() == ["3", "4"]
    assert check.measures["measure_id"].tolist() == ["3", "4"]


SUB_NUMBERED = [
    MEASURE_HEADER,
    ["1", "党的建设", "学习不深入", "", "", "", ""],  # the problem on its own row
    ["1.1", "", "", "制定学习计划", "办公室", "2023-03-31", "已完成"],
    ["1.2", "", "", "开展专题学习", "机关党委", "2023-05-31", "已完成"],
    ["2", "作风建设", "公车管理不规范", "清理公车", "财务科", "2023-04-30", "推进中"],
]


def test_sub_numbered_measures_under_a_problem_row_count_once_and_keep_their_numbers():
    check = merged_check(SUB_NUMBERED, [])
    assert check.findings["id"].tolist() == ["1", "2"]
    # The problem's own row holds no measure: it does not count as one not started.
    assert check.findings["status"].tolist() == ["done", "in_progress"]
    # Problem 2 is one measure: it is named by the problem's id, as in a ledger of one row a problem.
    assert check.measures["measure_id"].tolist() == ["1.1", "1.2", "2"]
    assert check.measures["problem_id"].tolist() == ["1", "1", "2"]


def test_measures_without_numbers_of_their_own_are_numbered_under_their_problem():
    assert merged_check().measures["measure_id"].tolist() == ["1.1", "1.2", "1.3", "2.1", "2.2", "3"]


@pytest.mark.parametrize(
    ("rows", "merges", "said"),
    [
        (MERGED_ROWS, MERGES, {"measures.folded"}),
        (BELOW_ROWS, [], {"measures.below_problem"}),
        (SUB_NUMBERED, [], {"measures.below_problem"}),
    ],
    ids=["merged cells", "blank cells below", "sub-numbers"],
)
def test_the_reader_says_which_layout_it_read_and_no_other(rows, merges, said):
    keys = {w.key for w in merged_check(rows, merges).warnings if w.key.startswith("measures.")}
    assert keys == said


def test_progress_alone_below_a_problem_is_text_that_ran_on_not_a_measure():
    header = [*MEASURE_HEADER, "整改进展"]
    check = merged_check(
        [header, [*MERGED_ROWS[6], "已拟定方案"], ["", "", "", "", "", "", "", "续：待审议"]], []
    )
    assert len(check.measures) == 1 and len(check.findings) == 1
    assert any(w.key == "row.skipped" for w in check.warnings)


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        (["", ""], ["1.1", "1.2"]),
        (["1.2", ""], ["1.2", "1.1"]),  # the number made up skips the one written
        (["1.1", ""], ["1.1", "1.2"]),
    ],
)
def test_numbers_made_up_for_measures_never_take_one_the_sheet_wrote(numbers, expected):
    header = [MEASURE_HEADER[0], "任务序号", *MEASURE_HEADER[1:]]
    rows = [
        header,
        ["1", numbers[0], "党的建设", "学习不深入", "制定学习计划", "办公室", "2023-03-31", "已完成"],
        ["", numbers[1], "", "", "开展专题学习", "机关党委", "2023-05-31", "推进中"],
    ]
    check = merged_check(rows, [((1, c), (2, c)) for c in (0, 2, 3)])
    assert check.measures["measure_id"].tolist() == expected


def test_a_task_number_written_twice_under_one_problem_is_refused_at_its_second_row():
    header = [MEASURE_HEADER[0], "任务序号", *MEASURE_HEADER[1:]]
    rows = [
        header,
        ["1", "1.1", "党的建设", "学习不深入", "制定学习计划", "办公室", "2023-03-31", "已完成"],
        ["", "1.1", "", "", "开展专题学习", "机关党委", "2023-05-31", "推进中"],
    ]
    check = build_ledger(Grid("台账", rows, [((1, c), (2, c)) for c in (0, 2, 3)]), "t.xlsx")
    assert not check.accepted
    assert [(e.key, e.row) for e in check.errors] == [("task.duplicate", 3)]


def _json_rows(measures: pd.DataFrame) -> dict[str, str]:
    """problem_tasks as its docstring defines it: one json.dumps per problem."""
    grouped: dict[str, list[dict[str, object]]] = {}
    for record in measures.to_dict("records"):
        row = {}
        for name in MEASURE_COLUMNS:
            value = record.get(name)
            if name in ("deadline", "completed_on"):
                value = None if pd.isna(value) else pd.Timestamp(value).date().isoformat()
            if value not in ("", None, False):
                row[name] = value
        grouped.setdefault(record["problem_id"], []).append(row)
    return {
        pid: json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        for pid, rows in grouped.items()
        if len(rows) > 1 or rows[0].get("measure_id") != pid
    }


@pytest.mark.parametrize(
    "text",
    [
        "整改措施",
        'a "quoted" measure',
        'the boundary "," itself',
        "back\\slash\\",
        "two\nlines\r\n\ttabbed",
        "bell\x07 and \x1f unit",
        "\b\f",
        "emoji 🚩 and 𠮷",
        "",
    ],
    ids=lambda text: repr(text)[:20],
)
def test_the_stored_text_of_a_problems_measures_is_exactly_json(text):
    measures = pd.DataFrame(
        {
            "problem_id": ["1", "1", "2", "3"],
            "measure_id": ["1.1", "1.2", "2", "3.1"],
            "measures": [text, "第二项", text, "x"],
            "progress": ["", text, "已完成", text],
            "department": ["办公室", "", "财务科", "办公室"],
            "status": ["done", "in_progress", "done", "pending"],
            "status_inferred": [True, False, False, True],
            "deadline": pd.to_datetime(["2024-06-30", None, "2024-12-31", None]).astype("datetime64[s]"),
            "completed_on": pd.to_datetime([None, None, "2024-05-01", None]).astype("datetime64[s]"),
        }
    )
    assert problem_tasks(measures) == _json_rows(measures)
    assert set(problem_tasks(measures)) == {"1", "3"}


def test_measures_stored_out_of_order_are_kept_in_their_problems_in_sheet_order():
    measures = pd.DataFrame(
        {
            "problem_id": ["1", "2", "1", "2"],
            "measure_id": ["1.1", "2.1", "1.2", "2.2"],
            "measures": ["a", "b", "c", "d"],
        }
    )
    assert problem_tasks(measures) == _json_rows(measures)
