"""Completion rate, counts and three-colour warnings on small hand-made ledgers."""

from datetime import date

import pandas as pd
import pytest

from rectification.metrics import summarise, warning_levels

AS_OF = date(2024, 5, 10)


def findings(*rows):
    """rows: (category, department, status, deadline or None)."""
    return pd.DataFrame(
        {
            "category": [r[0] for r in rows],
            "department": [r[1] for r in rows],
            "status": [r[2] for r in rows],
            "deadline": pd.to_datetime([r[3] for r in rows]),
        }
    )


@pytest.mark.parametrize(
    ("status", "deadline", "level"),
    [
        ("in_progress", "2024-05-09", "red"),  # passed yesterday
        ("pending", "2024-05-10", "yellow"),  # due today: not yet overdue
        ("in_progress", "2024-05-25", "yellow"),  # within 15 days
        ("in_progress", "2024-05-26", "green"),
        ("long_term", "2024-01-01", "red"),  # only done stops the clock
        ("done", "2024-01-01", ""),  # done is never overdue
        ("in_progress", None, ""),  # undated: 立行立改 / 长期坚持 / blank
    ],
)
def test_warning_level_of_an_item_against_the_as_of_date(status, deadline, level):
    assert warning_levels(findings(("c", "d", status, deadline)), AS_OF).tolist() == [level]


def test_warning_window_is_configurable():
    ledger = findings(("c", "d", "in_progress", "2024-05-25"))
    assert warning_levels(ledger, AS_OF, days=3).tolist() == ["green"]


def test_completion_rate_counts_only_done_as_published_notices_do():
    ledger = findings(
        ("党建", "办公室", "done", None),
        ("党建", "办公室", "long_term", None),
        ("作风", "财务科", "in_progress", "2024-01-01"),
        ("党建", "", "done", None),
    )
    summary = summarise(ledger, AS_OF)
    assert summary.total == 4 and summary.done == 2
    assert summary.completion_rate == 0.5
    assert summary.overdue == 1
    assert summary.by_status == {"done": 2, "in_progress": 1, "long_term": 1, "pending": 0}


def test_categories_and_departments_keep_the_ledger_order():
    ledger = findings(("乙", "B", "done", None), ("甲", "A", "done", None), ("乙", "A", "done", None))
    summary = summarise(ledger, AS_OF)
    assert list(summary.by_category.items()) == [("乙", 2), ("甲", 1)]
    assert list(summary.by_department.items()) == [("B", 1), ("A", 2)]


def test_an_empty_ledger_has_no_completion_rate():
    summary = summarise(findings(), AS_OF)
    assert summary.total == 0 and summary.completion_rate is None
