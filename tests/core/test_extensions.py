"""Deadline extensions (延期申请) in the core: which moves an upload makes, which need approval,
and which deadline stands while they wait."""

from datetime import date

import pandas as pd
import pytest

from rectification.extensions import (
    deadline_moves,
    extension_state,
    held_deadlines,
    late_completions,
    needs_approval,
    original_deadlines,
    standing,
)
from rectification.measures import measure_table
from tests.core.test_quiet_changes import BEFORE, DEADLINE, STATUS, edit, findings

MOVES = [
    (edit(1, DEADLINE, "2023-12-31"), [("1", "1.2", "2023-09-30", "2023-12-31", True)], "a later date"),
    (edit(1, DEADLINE, "2023-08-31"), [("1", "1.2", "2023-09-30", "2023-08-31", False)], "an earlier date"),
    (edit(1, DEADLINE, "长期坚持"), [("1", "1.2", "2023-09-30", None, True)], "a date given up for a term"),
    (edit(0, DEADLINE, "2023-12-31"), [], "a measure done before the move is not extended"),
    (edit(1, STATUS, "已完成"), [], "no deadline moved"),
]


@pytest.mark.parametrize(("rows", "expected"), [c[:2] for c in MOVES], ids=[c[2] for c in MOVES])
def test_a_move_of_an_open_measures_deadline_is_found_and_said_to_be_later_or_not(rows, expected):
    moves = deadline_moves(findings(BEFORE), findings(rows))
    found = [
        (r.id, r.measure, r.old_deadline and f"{r.old_deadline:%Y-%m-%d}",
         r.new_deadline and f"{r.new_deadline:%Y-%m-%d}", bool(r.later))
        for r in moves.itertuples(index=False)
    ]  # fmt: skip
    assert found == expected


@pytest.mark.parametrize(
    ("later", "open_after", "may_approve", "expected"),
    [(True, True, False, True), (True, True, True, False), (False, True, False, False),
     (False, True, True, False), (True, False, False, False)],
    ids=["an uploader's later move waits", "an approver's own is approved", "earlier needs none",
         "earlier by an approver needs none", "a measure reported done has nothing to wait for"],
)  # fmt: skip
def test_only_a_later_move_of_an_open_measure_by_someone_who_may_not_approve_it_waits(
    later, open_after, may_approve, expected
):
    moves = pd.DataFrame({"later": [later], "open_after": [open_after]})
    assert needs_approval(moves, may_approve).tolist() == [expected]


@pytest.mark.parametrize(
    ("needs", "decision", "expected"),
    [(True, None, "pending"), (False, None, "recorded"), (True, "approved", "approved"),
     (True, "rejected", "rejected")],
)  # fmt: skip
def test_an_extensions_state_follows_its_latest_decision(needs, decision, expected):
    assert extension_state(needs, decision) == expected


def extension(state, *, old="2023-09-30", new="2023-12-31", measure="1.2"):
    return {
        "id": "1", "measure": measure, "state": state, "old_deadline": date.fromisoformat(old),
        "old_term": "", "new_deadline": date.fromisoformat(new), "new_term": "",
    }  # fmt: skip


def deadline_of(judged, measure="1.2"):
    measures = measure_table(judged).set_index("measure_id")
    return measures.at[measure, "deadline"]


@pytest.mark.parametrize(
    ("state", "expected"),
    [("pending", "2023-09-30"), ("rejected", "2023-09-30"), ("approved", "2023-12-31"),
     ("recorded", "2023-12-31")],
)  # fmt: skip
def test_the_old_deadline_stands_until_the_extension_is_approved(state, expected):
    moved = findings(edit(1, DEADLINE, "2023-12-31"))
    judged = standing(moved, pd.DataFrame([extension(state)]))
    assert deadline_of(judged) == pd.Timestamp(expected)


def test_a_standing_deadline_makes_its_problem_overdue_by_the_old_date():
    moved = findings(edit(1, DEADLINE, "2023-12-31"))
    judged = standing(moved, pd.DataFrame([extension("pending")])).set_index("id")
    # The problem's deadline is its earliest open measure's: the one that stands, not the sheet's.
    assert judged.at["1", "deadline"] == pd.Timestamp("2023-09-30")
    assert moved.set_index("id").at["1", "deadline"] == pd.Timestamp("2023-12-31")


def test_a_sheet_that_moved_the_deadline_again_is_judged_by_its_own_deadline():
    moved = findings(edit(1, DEADLINE, "2024-03-31"))
    judged = standing(moved, pd.DataFrame([extension("pending")]))
    assert deadline_of(judged) == pd.Timestamp("2024-03-31")


def test_only_the_latest_extension_of_a_measure_decides():
    moved = findings(edit(1, DEADLINE, "2024-03-31"))
    history = [extension("approved"), extension("pending", old="2023-12-31", new="2024-03-31")]
    judged = standing(moved, pd.DataFrame(history))
    assert deadline_of(judged) == pd.Timestamp("2023-12-31")
    assert original_deadlines(pd.DataFrame(history)) == {("1", "1.2"): (date(2023, 9, 30), "")}
    assert held_deadlines(pd.DataFrame(history)) == {("1", "1.2"): date(2023, 12, 31)}


def test_a_completion_after_the_deadline_is_late_by_so_many_days():
    rows = edit(1, STATUS, "已完成", edit(1, 8, "2023-10-05"))
    late = late_completions(measure_table(findings(rows)))
    assert late[["id", "measure", "days"]].values.tolist() == [["1", "1.2", 5]]
    assert late_completions(measure_table(findings(BEFORE))).empty


def test_the_departments_of_measures_are_read_as_the_measure_table_has_them():
    from rectification.measures import measure_departments

    rows = [*BEFORE, ["3", "作风建设", "会议过多", "精简会议", "", "2023-08-31", "", "推进中", ""]]
    problems = findings(rows)
    assert measure_departments(problems) == measure_table(problems)["department"].tolist()
    assert measure_departments(problems) == ["办公室", "机关党委", "办公室", "财务科", ""]
