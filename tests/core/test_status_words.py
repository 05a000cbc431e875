"""Status cells in other words than ours (issue 11): read as a clerk reads them, and said."""

import pytest

from rectification.grid import Grid
from rectification.ledger import build_ledger
from rectification.schema import status_for_word, status_from_words


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("√", "done"),
        ("✓", "done"),
        ("○", "in_progress"),
        ("×", "pending"),
        ("是", "done"),
        ("否", "pending"),
        ("100%", "done"),
        ("60%", "in_progress"),
        ("0%", "pending"),
        ("６０％", "in_progress"),
        ("0.6", "in_progress"),
        ("1", "done"),
        ("已完成整改并销号", "done"),
        ("已整改到位", "done"),
        ("已办结", "done"),
        ("已完成（待验收）", "done"),  # reported done; verifying it is the 销号
        ("正在整改中", "in_progress"),
        ("部分完成", "in_progress"),
        ("基本完成", "in_progress"),
        ("阶段性完成", "in_progress"),
        ("尚未完成整改", "pending"),
        ("长期坚持并持续推进", "long_term"),
        ("Identified", "pending"),
        ("Assigned", "pending"),
        ("Mitigated", "done"),
        ("差不多", None),
        ("250", None),
    ],
)
def test_a_status_in_other_words_is_read_as_a_clerk_reads_it(word, status):
    assert status_from_words(word) == status


def test_our_own_words_are_read_exactly():
    assert status_for_word("阶段性完成") == "in_progress"
    assert status_for_word("长期坚持") == "long_term"


def test_marks_in_a_是否完成_column_are_counted_and_each_mark_is_said_once():
    rows = [
        ["序号", "问题类别", "问题描述", "是否完成"],
        ["1", "党建", "a", "√"],
        ["2", "党建", "b", "√"],
        ["3", "党建", "c", "×"],
        ["4", "党建", "d", "○"],
    ]
    check = build_ledger(Grid("台账", rows, []), "t.xlsx")
    assert check.accepted, [e.message() for e in check.errors]
    assert check.findings["status"].tolist() == ["done", "done", "pending", "in_progress"]
    assert not check.findings["status_inferred"].any()  # read from the status column, not guessed
    said = {w.value: w.params["count"] for w in check.warnings if w.key == "status.read_as"}
    assert said == {"√": 2, "×": 1, "○": 1}
    assert "按“已完成”计（共2行）" in next(w for w in check.warnings if w.value == "√").message("zh")


@pytest.mark.parametrize(
    ("status", "progress", "said"),
    [
        ("推进中", "已全部完成整改并建立长效机制", "status.progress_says_done"),
        ("未完成", "问题已销号", "status.progress_says_done"),
        ("推进中", "第一阶段已完成整改，正在推进第二阶段", None),
        ("已完成", "尚未完成资金清退", "status.progress_says_not_done"),
        ("已完成", "已完成整改", None),
        ("推进中", "正在整改", None),
    ],
)
def test_a_status_the_progress_plainly_contradicts_is_said_and_the_status_stands(status, progress, said):
    rows = [["序号", "问题类别", "问题描述", "整改进展", "整改状态"], ["1", "党建", "a", progress, status]]
    check = build_ledger(Grid("台账", rows, []), "t.xlsx")
    assert check.accepted
    assert check.findings["status"].tolist() == [status_for_word(status)]
    keys = [w.key for w in check.warnings if w.key.startswith("status.progress_says")]
    assert keys == ([said] if said else [])
