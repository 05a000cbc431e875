"""A notice's own figures against the version its import would save (issue 15): a notice that
states 25 problems, merged into a ledger of 30, says so quoting its sentence."""

from rectification import service
from tests.builders import ledger, save

LEDGER = ledger(
    ["1", "政治建设", "学习方式相对单一", "办公室", "2024-06-30", "正在学习", "推进中"],
    ["2", "政治建设", "制度执行不严", "办公室", "2024-06-30", "正在修订", "推进中"],
    ["3", "作风建设", "公务接待超标准", "财务科", "2024-06-30", "已退缴", "已完成"],
)
NOTICE = """关于巡察整改进展情况的通报
截至2024年5月10日，反馈问题2个，已完成整改2个，整改完成率100%。
（一）关于政治建设方面问题的整改情况
一是学习方式相对单一。进展：已完成整改。二是制度执行不严。进展：已完成整改。
"""


def said(store, mode):
    save(store, LEDGER)
    parsed, _ = service.propose_notice(store, NOTICE.encode(), "通报.txt", mode)
    return {f.key: f.message() for f in parsed.check.warnings if "disagree" in f.key}


def test_a_merged_notice_is_checked_against_the_whole_ledger_it_lands_in(store):
    # Its own two items agree with it; merged, the ledger holds three, all done.
    flags = said(store, "merge")
    assert flags == {
        "notice.ledger_disagrees.total": (
            "通报写明共2个问题，导入后台账共3个（“截至2024年5月10日，反馈问题2个，已完成整改2个，整改完成率100%”）"
        ),
        "notice.ledger_disagrees.done": (
            "通报写明已完成2个，导入后台账已完成3个（“截至2024年5月10日，反馈问题2个，已完成整改2个，整改完成率100%”）"
        ),
    }


def test_a_notice_that_replaces_the_ledger_agrees_with_the_version_it_makes(store):
    assert said(store, "replace") == {}
