"""The counting rules for problems and their measures (DESIGN.md §2), one table each."""

import pandas as pd
import pytest

from rectification.measures import (
    Departments,
    problem_departments,
    problem_statuses,
    problem_warnings,
    read_departments,
    task_figures,
)

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
