"""What an upload would change, and a department's sheet merged onto the ledger, on small ledgers
built from sheet rows (id, category, problem, department, deadline, progress, status)."""

import pytest

from rectification.diff import diff_against, merge_findings
from rectification.fingerprint import row_digests
from tests.builders import ledger

A1 = ["A1", "党建", "学习不深入", "办公室", "2024-06-30", "已制定计划", "已完成"]
A2 = ["A2", "党建", "制度不完善", "办公室", "2024-04-30", "正在修订", "推进中"]
B1 = ["B1", "作风", "公车管理不规范", "财务科", "长期坚持", "持续加强", "长期坚持"]
C1 = ["C1", "作风", "会议过多", "财务科", "2024-09-30", "", "未完成"]
CURRENT = ledger(A1, A2, B1)


def with_(row: list[str], **changed: str) -> list[str]:
    """`row` with some of its cells replaced, named by field."""
    fields = ["id", "category", "problem", "department", "deadline", "progress", "status"]
    return [changed.get(name, cell) for name, cell in zip(fields, row, strict=True)]


def outline(diff) -> tuple:
    changes = list(diff.changes[["id", "field", "before", "after"]].itertuples(index=False, name=None))
    return (diff.added["id"].tolist(), changes, diff.unchanged, diff.missing["id"].tolist(), diff.is_empty)


def diff_upload(current, upload, mode):
    """diff_against given every row of the current version (the store passes only some)."""
    members = list(zip(current["id"], row_digests(current), strict=True)) if current is not None else []
    return diff_against(members, current, upload, mode)


@pytest.mark.parametrize(
    ("rows", "mode", "expected"),
    [
        pytest.param([A1, A2, B1], "merge", ([], [], 3, [], True), id="the same sheet again changes nothing"),
        pytest.param(
            [A1, A2, B1], "replace", ([], [], 3, [], True), id="the same full ledger again changes nothing"
        ),
        pytest.param(
            [C1],
            "merge",
            (["C1"], [], 0, ["A1", "A2", "B1"], False),
            id="a new id is added and the rest are missing",
        ),
        pytest.param(
            [A1],
            "merge",
            ([], [], 1, ["A2", "B1"], True),
            id="a merge leaving items out keeps them so is empty",
        ),
        pytest.param(
            [A1], "replace", ([], [], 1, ["A2", "B1"], False), id="a replace leaving items out drops them"
        ),
        pytest.param(
            [A1, with_(A2, progress="已印发新制度"), B1],
            "merge",
            ([], [("A2", "progress", "正在修订", "已印发新制度")], 2, [], False),
            id="new progress text is one field change",
        ),
        pytest.param(
            [A1, with_(A2, progress="已印发新制度", status="已完成"), B1],
            "merge",
            (
                [],
                [("A2", "progress", "正在修订", "已印发新制度"), ("A2", "status", "in_progress", "done")],
                2,
                [],
                False,
            ),
            id="progress and status changed together are two changes in column order",
        ),
        pytest.param(
            [A1, with_(A2, deadline="2024/5/31"), B1],
            "merge",
            ([], [("A2", "deadline", "2024-04-30", "2024-05-31")], 2, [], False),
            id="a moved deadline is shown as two dates however the sheet writes them",
        ),
        pytest.param(
            [with_(A1, deadline=""), A2, B1],
            "merge",
            ([], [("A1", "deadline", "2024-06-30", "")], 2, [], False),
            id="a cleared deadline is shown as blank",
        ),
        pytest.param(
            [with_(A1, deadline="长期坚持"), A2, B1],
            "merge",
            (
                [],
                [("A1", "deadline", "2024-06-30", ""), ("A1", "deadline_term", "", "standing")],
                2,
                [],
                False,
            ),
            id="a date turned into a standing term changes the deadline and its term",
        ),
        pytest.param(
            [A1, with_(A2, status=""), B1],
            "merge",
            ([], [], 3, [], True),
            id="a status left blank but inferred the same from the progress is no change",
        ),
    ],
)
def test_an_upload_is_compared_with_the_current_version_field_by_field(rows, mode, expected):
    assert outline(diff_upload(CURRENT, ledger(*rows), mode)) == expected


def test_with_no_current_version_every_row_is_added():
    diff = diff_upload(None, ledger(A1, C1), "replace")
    assert outline(diff) == (["A1", "C1"], [], 0, [], False)


def test_changed_ids_name_each_changed_item_once_in_upload_order():
    upload = ledger(with_(A2, progress="已印发", status="已完成"), with_(A1, department="财务科"), B1)
    diff = diff_upload(CURRENT, upload, "merge")
    assert len(diff.changes) == 3
    assert diff.changed_ids == ["A2", "A1"]


def test_the_diff_from_digests_needs_only_the_rows_that_differ_or_are_missing():
    # The store passes every (id, digest) pair but only the rows it had to read: A2 (changed)
    # and B1 (absent from the upload). A1's row is never looked at.
    members = list(zip(CURRENT["id"], row_digests(CURRENT), strict=True))
    rows = CURRENT[CURRENT["id"].isin(["A2", "B1"])]
    upload = ledger(A1, with_(A2, progress="已印发新制度"), C1)
    diff = diff_against(members, rows, upload, "replace")
    assert outline(diff) == (["C1"], [("A2", "progress", "正在修订", "已印发新制度")], 1, ["B1"], False)


@pytest.mark.parametrize(
    ("rows", "ids", "progress"),
    [
        pytest.param(
            [with_(A2, progress="已印发新制度")],
            ["A1", "A2", "B1"],
            ["已制定计划", "已印发新制度", "持续加强"],
            id="a same id is replaced in place",
        ),
        pytest.param(
            [C1],
            ["A1", "A2", "B1", "C1"],
            ["已制定计划", "正在修订", "持续加强", ""],
            id="a new id is appended",
        ),
        pytest.param(
            [C1, with_(B1, progress="已建立台账")],
            ["A1", "A2", "B1", "C1"],
            ["已制定计划", "正在修订", "已建立台账", ""],
            id="replaced and new ids together keep the ledger order then append",
        ),
        pytest.param(
            [],
            ["A1", "A2", "B1"],
            ["已制定计划", "正在修订", "持续加强"],
            id="an empty sheet changes nothing",
        ),
    ],
)
def test_a_department_sheet_merged_on_replaces_its_ids_appends_new_ones_and_keeps_the_rest(
    rows, ids, progress
):
    upload = ledger(*rows) if rows else CURRENT.iloc[0:0]
    merged = merge_findings(CURRENT, upload)
    assert merged["id"].tolist() == ids
    assert merged["progress"].tolist() == progress


def test_a_merged_row_takes_every_field_of_the_sheet():
    merged = merge_findings(CURRENT, ledger(with_(A2, department="财务科", status="已完成", deadline="")))
    row = merged.set_index("id").loc["A2"]
    assert (row["department"], row["status"], str(row["deadline"])) == ("财务科", "done", "NaT")


def test_a_new_task_of_a_problem_kept_as_measures_is_added_after_its_other_tasks():
    from tests.core.test_measures import MEASURE_HEADER, merged_check

    current = merged_check().findings
    header = [MEASURE_HEADER[0], "任务序号", *MEASURE_HEADER[1:]]
    upload = merged_check(
        [header, ["2", "2.3", "作风建设", "公车管理不规范", "公车标识", "财务科", "2023-09-30", "推进中"]], []
    ).findings
    merged = merge_findings(current, upload).set_index("id")
    assert merged.loc["2", "status"] == "in_progress"  # done before: a new open task reopens it
    assert merged.loc["2", "measures"] == "清理公车\n修订制度\n公车标识"
    assert merged.loc["1", "tasks"] == current.set_index("id").loc["1", "tasks"]


def test_a_changed_task_is_told_under_its_problem_with_the_problems_new_status_and_nothing_derived():
    from tests.core.test_measures import MERGED_ROWS, merged_check

    current = merged_check().findings
    rows = [list(r) for r in MERGED_ROWS]
    rows[2][6] = "已完成"  # problem 1's second task; its third is long-term
    diff = diff_upload(current, merged_check(rows).findings, "replace")
    told = list(zip(diff.changes["id"], diff.changes["measure"], diff.changes["field"], strict=True))
    assert told == [("1", "", "status"), ("1", "1.2", "status")]
    assert diff.changes["after"].tolist() == ["long_term", "done"]
