"""Per-category and per-department tables and the attention list, on hand-made ledgers."""

from datetime import date

import pandas as pd

from rectification.metrics import attention_items, category_progress, department_progress, warning_levels

AS_OF = date(2024, 5, 10)

# category, department, status, deadline
LEDGER = pd.DataFrame(
    [
        ("作风", "财务科", "done", None),
        ("党建", "办公室", "in_progress", "2024-04-01"),  # red, 39 days late
        ("党建", "办公室", "pending", "2024-05-01"),  # red, 9 days late
        ("作风", "办公室", "in_progress", "2024-05-20"),  # yellow
        ("党建", "财务科", "done", "2024-03-01"),
    ],
    columns=["category", "department", "status", "deadline"],
).assign(deadline=lambda f: pd.to_datetime(f["deadline"]), id=["a", "b", "c", "d", "e"])
LEVELS = warning_levels(LEDGER, AS_OF)


def test_category_table_keeps_ledger_order_and_counts_each_status():
    table = category_progress(LEDGER).set_index("category")
    assert list(table.index) == ["作风", "党建"]
    assert table.loc["党建", ["done", "in_progress", "pending", "total"]].tolist() == [1, 1, 1, 3]
    assert table.loc["作风", "rate"] == 0.5


def test_departments_are_ranked_laggards_first_with_their_overdue_counts():
    table = department_progress(LEDGER, LEVELS)
    assert table["department"].tolist() == ["办公室", "财务科"]
    assert table["rate"].tolist() == [0.0, 1.0]
    assert table["overdue"].tolist() == [2, 0]


def test_attention_lists_red_before_yellow_longest_overdue_first():
    assert attention_items(LEDGER, LEVELS)["id"].tolist() == ["b", "c", "d"]
