"""A notice's findings matched to the ledger's items: ids and the fields a notice does not carry
are the ledger's; what the notice reports (progress, measures) is the notice's."""

import pandas as pd
import pytest

from rectification.notices.match import match_to_ledger
from rectification.notices.parse import parse_notice
from tests.builders import ledger

# The ledger: two political items from 办公室 and one style item from 财务科.
LEDGER = ledger(
    ["ZZ-01", "政治建设", "“第一议题”制度落实不彻底", "办公室", "2023-06-30", "已制定制度", "已完成"],
    ["ZZ-02", "政治建设", "学习方式相对单一", "办公室", "2023-09-30", "正在制定计划", "推进中"],
    ["ZF-01", "作风建设", "公车管理不规范", "财务科", "长期坚持", "持续加强", "长期坚持"],
)


def notice(*sections: str):
    text = "关于巡察整改进展情况的通报\n" + "\n".join(sections)
    check = parse_notice(text).check
    assert check.accepted, [e.message() for e in check.errors]
    return check.findings


@pytest.mark.parametrize(
    ("section", "ids"),
    [
        # Same words: matched.
        ("（一）关于政治建设方面问题的整改情况\n一是“第一议题”制度落实不彻底。进展：已制定制度。", ["ZZ-01"]),
        # Spaces and punctuation differ, and the heading says 方面: still the same item.
        ("（一）关于政治建设方面问题的整改情况\n一是第一议题 制度落实不彻底。进展：已制定制度。", ["ZZ-01"]),
        # Filed under another category, but the text names one item: matched on the text.
        ("（一）关于作风建设方面问题的整改情况\n一是学习方式相对单一。进展：正在制定计划。", ["ZZ-02"]),
        # A problem the ledger does not have keeps the id the notice reading gave it.
        ("（一）关于政治建设方面问题的整改情况\n一是意识形态责任制落实不够。进展：已召开会议。", ["F"]),
    ],
)
def test_a_notice_finding_takes_the_id_of_the_ledger_item_it_names(section, ids):
    matched = match_to_ledger(notice(section), LEDGER)
    assert [fid if fid in set(LEDGER["id"]) else fid[0] for fid in matched.findings["id"]] == ids
    assert matched.matched == (0 if ids == ["F"] else 1)


def test_a_matched_item_keeps_its_department_and_deadline_and_takes_the_notices_progress():
    section = "（一）关于政治建设方面问题的整改情况\n一是学习方式相对单一。进展：已印发学习计划并完成。"
    row = match_to_ledger(notice(section), LEDGER).findings.iloc[0]
    assert (row["id"], row["department"], str(row["deadline"].date())) == ("ZZ-02", "办公室", "2023-09-30")
    assert row["progress"] == "已印发学习计划并完成。"
    assert (row["status"], bool(row["status_inferred"])) == ("done", True)  # read from the new progress


def test_unchanged_progress_keeps_the_status_the_ledger_states():
    # The notice's words alone would read "持续加强" as in progress; the ledger says long-term.
    section = "（一）关于作风建设方面问题的整改情况\n一是公车管理不规范。进展：持续加强。"
    row = match_to_ledger(notice(section), LEDGER).findings.iloc[0]
    assert (row["id"], row["status"], bool(row["status_inferred"])) == ("ZF-01", "long_term", False)


def test_a_ledger_item_is_matched_at_most_once():
    section = (
        "（一）关于政治建设方面问题的整改情况\n"
        "一是学习方式相对单一。进展：甲。二是学习方式相对单一。进展：乙。"
    )
    matched = match_to_ledger(notice(section), LEDGER)
    assert matched.matched == 1 and matched.findings["id"].tolist()[0] == "ZZ-02"
    assert matched.findings["id"].is_unique


def test_a_problem_the_ledger_lists_twice_matches_both_items_in_order():
    twice = ledger(
        ["A1", "政治建设", "学习不深入", "办公室", "2023-06-30", "甲", "推进中"],
        ["A2", "政治建设", "学习不深入", "财务科", "2023-06-30", "乙", "推进中"],
    )
    section = "（一）关于政治建设方面问题的整改情况\n一是学习不深入。进展：甲。二是学习不深入。进展：乙。"
    matched = match_to_ledger(notice(section), twice)
    assert matched.findings[["id", "department"]].values.tolist() == [["A1", "办公室"], ["A2", "财务科"]]


def test_a_finding_without_progress_keeps_the_ledgers_progress_and_status():
    section = "（一）关于作风建设方面问题的整改情况\n一是公车管理不规范。二是会议过多。"
    row = match_to_ledger(notice(section), LEDGER).findings.iloc[0]
    assert (row["id"], row["progress"], row["status"], bool(row["status_inferred"])) == (
        "ZF-01",
        "持续加强",
        "long_term",
        False,
    )


def test_new_progress_that_is_not_done_clears_the_completion_date():
    done = LEDGER.assign(completed_on=pd.to_datetime(["2023-06-01", None, None]).astype("datetime64[s]"))
    section = "（一）关于政治建设方面问题的整改情况\n一是“第一议题”制度落实不彻底。进展：正在重新修订制度。"
    row = match_to_ledger(notice(section), done).findings.iloc[0]
    assert (row["id"], row["status"]) == ("ZZ-01", "in_progress") and pd.isna(row["completed_on"])


def test_an_unmatched_finding_never_shares_an_id_with_a_matched_one():
    # The ledger came from an earlier notice, so its ids are the ones a notice reading generates.
    earlier = notice("（一）关于政治建设方面问题的整改情况\n一是学习不深入。进展：正在推进。")
    # The next notice lists the same words under another category first, then under the first.
    later = notice(
        "（一）关于作风建设方面问题的整改情况\n一是学习不深入。进展：甲。\n"
        "（二）关于政治建设方面问题的整改情况\n一是学习不深入。进展：乙。"
    )
    matched = match_to_ledger(later, earlier).findings
    assert matched["id"].is_unique
    # The exact match (same category) wins the ledger's item; the other is a new item.
    assert matched.loc[matched["id"] == earlier["id"][0], "category"].tolist() == ["政治建设"]


def test_without_a_ledger_the_notice_is_taken_as_read():
    findings = notice("（一）关于政治建设方面问题的整改情况\n一是学习方式相对单一。进展：甲。")
    matched = match_to_ledger(findings, None)
    assert matched.matched == 0 and matched.findings.equals(findings)
