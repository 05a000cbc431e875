"""What changed quietly between two versions (变化核查): each kind found on a hand-made pair of
ledgers, and not found where the change was an honest one."""

from datetime import date

import pytest

from rectification.grid import Grid
from rectification.ledger import build_ledger
from rectification.quiet_changes import QUIET_KINDS, counts_by_department, quiet_changes

HEADER = [
    "编号", "问题类别", "问题描述", "整改措施", "责任部门", "整改时限", "整改进展", "整改状态", "完成时间",
]  # fmt: skip
PREVIOUS_AS_OF = date(2023, 6, 30)
# One problem of three measures (its cells blank under the first), then a one-measure problem.
BEFORE = [
    ["1", "党建", "学习不深入", "制定学习计划", "办公室", "2023-03-31", "计划已印发", "已完成", "2023-03-20"],
    ["", "", "", "开展专题学习", "机关党委", "2023-09-30", "已学习两次", "推进中", ""],
    ["", "", "", "建立长效机制", "办公室", "2023-12-31", "起草中", "推进中", ""],
    ["2", "作风建设", "公车管理不规范", "清理公车", "财务科", "2023-08-31", "正在清理", "推进中", ""],
]


def findings(rows):
    check = build_ledger(Grid("台账", [HEADER, *rows]), "t.xlsx")
    assert check.accepted, [e.message() for e in check.errors]
    return check.findings


def changed(rows, *, mode="merge", before=BEFORE, **kwargs):
    return quiet_changes(
        findings(before), findings(rows), mode=mode, previous_as_of=PREVIOUS_AS_OF, **kwargs
    )


def edit(r, c, value, rows=BEFORE):
    """BEFORE with one cell (row r, column c) changed, as a department's upload would change it."""
    return [[value if (i, j) == (r, c) else cell for j, cell in enumerate(row)] for i, row in enumerate(rows)]


def kinds(table):
    return list(zip(table["kind"], table["id"], table["measure"], strict=True))


STATUS, PROGRESS, DONE_ON, DEADLINE = 7, 6, 8, 5
FINISHED_2 = edit(3, STATUS, "已完成", edit(3, PROGRESS, "已全部清理", edit(3, DONE_ON, "2023-08-20")))

CASES = [
    (
        edit(0, STATUS, "推进中", edit(0, DONE_ON, "")),
        [("regression", "1", "1.1")],
        "only the measure that went from done back to under way is a regression",
    ),
    (
        edit(3, STATUS, "已完成", edit(3, PROGRESS, "已全部清理", edit(3, DONE_ON, "2023-05-01"))),
        [("backdated", "2", "2")],
        "a completion dated before the previous version's as-of date is backdated",
    ),
    (
        edit(3, STATUS, "已完成", edit(3, PROGRESS, "已全部清理", edit(3, DONE_ON, "2023-09-15"))),
        [("late", "2", "2")],
        "a completion after the deadline is late",
    ),
    (
        edit(3, STATUS, "已完成", edit(3, DONE_ON, "2023-08-20")),
        [("unchanged_progress", "2", "2")],
        "reported done with the progress text as it was",
    ),
    (
        edit(1, DEADLINE, "2023-12-31"),
        [("deadline_moved", "1", "1.2")],
        "a deadline moved without an approved extension",
    ),
    (
        edit(3, STATUS, "已完成", edit(3, PROGRESS, "已全部清理", edit(3, DONE_ON, "2925-09-15"))),
        [("late", "2", "2")],
        "a completion in a far year (2925 typed for 2025) is late, not wrapped round to a past one",
    ),
    (
        edit(3, STATUS, "已完成", edit(3, PROGRESS, "已全部清理", edit(3, DONE_ON, "1024-05-01"))),
        [("backdated", "2", "2")],
        "a completion in a far past year is backdated",
    ),
    (FINISHED_2, [], "done on time, after the as-of date, with new progress: nothing quiet"),
    (edit(2, PROGRESS, "已形成初稿"), [], "progress written anew changes nothing quietly"),
]


@pytest.mark.parametrize(("rows", "expected"), [c[:2] for c in CASES], ids=[c[2] for c in CASES])
def test_each_kind_of_quiet_change_is_found_on_the_measure_it_happened_to(rows, expected):
    assert kinds(changed(rows)) == expected


def test_a_deadline_moved_with_an_approved_extension_is_not_a_quiet_change():
    table = changed(edit(1, DEADLINE, "2023-12-31"), approved=frozenset({("1", "1.2")}))
    assert kinds(table) == []


def test_a_completion_is_late_by_the_deadline_that_stands_not_the_one_the_sheet_asks_for():
    rows = edit(3, DEADLINE, "2023-12-31", FINISHED_2)
    standing = {("2", "2"): date(2023, 8, 1)}
    table = changed(rows, approved=frozenset({("2", "2")}), original_deadlines=standing)
    assert kinds(table) == [("late", "2", "2")]
    assert table.loc[0, ["before", "after"]].tolist() == ["2023-08-01", "2023-08-20"]


def test_a_problem_a_replacement_drops_has_vanished_but_a_merge_that_leaves_it_out_has_not():
    assert kinds(changed(BEFORE[:3], mode="replace")) == [("vanished", "2", "")]
    assert kinds(changed(BEFORE[:3], mode="merge")) == []


def test_a_problem_back_after_an_earlier_version_held_it_has_returned():
    table = changed(BEFORE, before=BEFORE[:3], mode="replace", earlier_ids=frozenset({"2"}))
    assert kinds(table) == [("returned", "2", "")]
    assert kinds(changed(BEFORE, before=BEFORE[:3], mode="replace")) == []


def test_the_entries_say_what_it_was_before_and_what_it_is_now():
    table = changed(edit(0, STATUS, "推进中", edit(0, DONE_ON, "")))
    assert table.loc[0, ["department", "before", "after"]].tolist() == ["办公室", "done", "in_progress"]


def test_changes_are_ordered_by_kind_whatever_order_the_measures_come_in():
    rows = edit(0, STATUS, "推进中", edit(0, DONE_ON, "", edit(1, DEADLINE, "2023-12-31")))
    rows = edit(3, STATUS, "已完成", edit(3, DONE_ON, "2023-05-01", rows))
    found = changed(rows)["kind"].tolist()
    assert found == sorted(found, key=QUIET_KINDS.index)
    assert set(found) == {"regression", "backdated", "unchanged_progress", "deadline_moved"}


def test_counts_by_department_give_one_row_per_department_with_a_total():
    rows = edit(0, STATUS, "推进中", edit(0, DONE_ON, "", edit(1, DEADLINE, "2023-12-31")))
    counts = counts_by_department(changed(rows)).set_index("department")
    assert counts.loc["办公室", ["regression", "total"]].tolist() == [1, 1]
    assert counts.loc["机关党委", ["deadline_moved", "total"]].tolist() == [1, 1]


def test_no_changes_count_to_an_empty_table_with_every_kind():
    counts = counts_by_department(changed(BEFORE))
    assert counts.empty and {*QUIET_KINDS, "total"} <= set(counts.columns)
