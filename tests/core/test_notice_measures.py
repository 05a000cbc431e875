"""Notices and measures (issue 10): a written notice states the problems and the tasks they break
down into, and a notice that lists a numbered problem's measures ("1.关于“…”的问题" then
"整改情况：一是…二是…") reads them as that problem's measures, counted at both levels."""

import json
from datetime import date

import pytest

from rectification.__main__ import main
from rectification.check_report import check_report
from rectification.intake import check_path
from rectification.measures import measure_table
from rectification.metrics import summarise
from rectification.notices.match import match_to_ledger
from rectification.notices.parse import parse_notice
from rectification.notices.summary import summary_paragraph
from rectification.notices.write import compose_notice, notice_text
from tests.builders import SAMPLE, SEED_NOTICE, ledger

AS_OF = date(2024, 5, 10)
HEADER = ["编号", "问题类别", "问题描述", "整改措施", "责任部门", "整改时限", "整改进展", "整改状态"]
# Three problems: ZZ-01 broken into three measures (done, in progress, long-term), ZZ-02 one
# measure (done), ZF-01 two (in progress, done). Problems: 1 of 3 done; tasks: 3 of 6 done.
MEASURED = ledger(
    ["ZZ-01", "政治建设", "学习制度执行不严", "修订学习制度", "办公室", "2024-06-30",
     "已修订印发学习制度", "已完成"],
    ["", "", "", "每月检查学习记录", "组织科", "2024-04-30", "已检查学习记录3次", "推进中"],
    ["", "", "", "定期通报学习情况", "组织科", "长期坚持", "每季度通报学习情况", "长期坚持"],
    ["ZZ-02", "政治建设", "三会一课不规范", "规范三会一课", "办公室", "2024-03-31",
     "已全部整改完成", "已完成"],
    ["ZF-01", "作风建设", "公车管理不规范", "修订公车管理制度", "财务科", "2024-06-30",
     "正在修订", "推进中"],
    ["", "", "", "登记全部公务车辆", "财务科", "2024-04-30", "已完成车辆登记", "已完成"],
    header=HEADER,
)  # fmt: skip


def test_the_hand_made_ledger_is_three_problems_of_six_measures():
    assert MEASURED["id"].tolist() == ["ZZ-01", "ZZ-02", "ZF-01"]
    assert MEASURED["status"].tolist() == ["in_progress", "done", "in_progress"]
    assert len(measure_table(MEASURED)) == 6


def test_a_written_notice_of_a_ledger_with_measures_states_both_figures():
    measures = measure_table(MEASURED)
    problems, done = len(MEASURED), int((MEASURED["status"] == "done").sum())
    tasks, tasks_done = len(measures), int((measures["status"] == "done").sum())
    assert (problems, done, tasks, tasks_done) == (3, 1, 6, 3)
    summary = compose_notice(MEASURED, AS_OF).summary
    assert f"{problems}个问题已完成整改{done}个，完成率33.3%" in summary
    assert f"分解整改任务{tasks}项，已完成{tasks_done}项" in summary
    # The problem-level sentence is today's, with the task figures after the problems' own.
    flat = summary_paragraph(summarise(MEASURED, AS_OF))
    assert summary == flat.replace("个。逾期", f"个；分解整改任务{tasks}项，已完成{tasks_done}项。逾期")


def test_a_measures_frame_given_is_the_one_counted():
    measures = measure_table(MEASURED)
    fewer = measures[measures["measure_id"] != "ZF-01.2"]  # as if a filter left one out
    assert "分解整改任务5项，已完成2项" in compose_notice(MEASURED, AS_OF, measures=fewer).summary


def test_a_ledger_of_one_measure_a_problem_writes_the_summary_as_before():
    sample = check_path(SAMPLE)
    notice = compose_notice(sample.findings, sample.as_of)
    assert notice.summary == (
        "截至2023年6月30日，30个问题已完成整改21个，完成率70.0%；推进中5个，长期坚持4个，未启动0个。"
        "逾期未完成2个，15日内到期2个。"
    )
    assert notice.summary == summary_paragraph(summarise(sample.findings, sample.as_of))
    assert "整改任务" not in notice_text(notice)


def test_the_english_summary_states_both_figures_too():
    measures = measure_table(MEASURED)
    tasks = {"total": len(measures), "by_status": measures["status"].value_counts().to_dict()}
    text = summary_paragraph(summarise(MEASURED, AS_OF), "en", tasks)
    assert "1 of 3 findings have been rectified" in text and "6 tasks, 3 of them done" in text


def test_a_problem_with_several_measures_lists_them_with_their_progress_and_status():
    (_, political), (_, style) = compose_notice(MEASURED, AS_OF).sections
    assert political == (
        "一是学习制度执行不严。进展：该问题分解为3项整改任务，已完成1项："
        "一是修订学习制度，已修订印发学习制度（已完成）；二是每月检查学习记录，已检查学习记录3次（推进中）；"
        "三是定期通报学习情况，每季度通报学习情况（长期坚持）。"
        "二是三会一课不规范。整改措施：规范三会一课。进展：已全部整改完成。"
    )
    assert style == (
        "一是公车管理不规范。进展：该问题分解为2项整改任务，已完成1项："
        "一是修订公车管理制度，正在修订（推进中）；二是登记全部公务车辆，已完成车辆登记（已完成）。"
    )


def test_a_measure_without_text_or_progress_is_said_to_have_none():
    bare = ledger(
        ["A1", "党建", "问题甲", "", "办公室", "2024-06-30", "已完成", "已完成"],
        ["", "", "", "", "财务科", "2024-06-30", "", "未启动"],
        header=HEADER,
    )
    (_, paragraph), *_ = compose_notice(bare, AS_OF).sections
    assert paragraph.endswith("一是已完成（已完成）；二是暂无进展情况（未启动）。")


def test_a_written_notice_with_measures_reads_back_as_the_same_problems():
    parsed = parse_notice(notice_text(compose_notice(MEASURED, AS_OF)))
    findings = parsed.check.findings
    # Each task list stays inside its problem's progress: not a problem, and not a measure
    # either, as the reader takes measures only from a numbered problem's 整改情况.
    assert findings["problem"].tolist() == MEASURED["problem"].tolist()
    assert (findings["tasks"] == "").all()
    # What our own notice states, every figure of it read back (issue 15).
    assert parsed.claimed == {
        "total": 3, "done": 1, "in_progress": 2, "long_term": 0, "pending": 0, "rate": 0.333,
        "tasks_total": 6, "tasks_done": 3,
    }  # fmt: skip
    assert [f for f in parsed.check.warnings if "disagree" in f.key] == []


def test_importing_a_notice_written_from_the_ledger_changes_no_status_or_measure():
    read = parse_notice(notice_text(compose_notice(MEASURED, AS_OF))).check.findings
    matched = match_to_ledger(read, MEASURED).findings
    assert matched["id"].tolist() == MEASURED["id"].tolist()
    columns = ["status", "status_inferred", "tasks"]
    assert matched[columns].equals(MEASURED[columns])
    assert matched.loc[[0, 2], "progress"].tolist() == MEASURED.loc[[0, 2], "progress"].tolist()


# A notice in the layout that lists each problem's measures: a numbered problem heading, then
# its 整改情况 as "一是…；二是…", on the heading's line, on a line of its own, or one point a line.
LISTED = """中共某县委员会关于第一轮巡察整改进展情况的通报
截至2024年5月10日，反馈问题3个，已完成整改1个；分解整改任务7项，已完成5项。
一、关于政治建设方面
1.关于“学习贯彻党的二十大精神不够深入”的问题
整改情况：一是制定《党组理论学习中心组学习计划》，已召开专题学习会议4次；二是开展专题读书班，已组织集中学习2次；三是将学习情况纳入年度考核，正在修订考核办法。
2.关于“意识形态工作责任制落实不到位”的问题。整改情况：一是成立意识形态工作领导小组。进展：已完成。二是建立舆情研判机制。进展：已印发《舆情研判制度》。
二、关于作风建设方面
1.关于“公务用车管理不规范”的问题
整改情况：
一是完善公务用车管理制度，已印发。
二是定期检查车辆使用记录，持续开展。
"""


def test_a_numbered_problems_points_are_its_measures_with_derived_statuses():
    parsed = parse_notice(LISTED)
    assert parsed.check.accepted
    findings = parsed.check.findings
    assert findings["problem"].tolist() == [
        "学习贯彻党的二十大精神不够深入", "意识形态工作责任制落实不到位", "公务用车管理不规范",
    ]  # fmt: skip
    assert findings["row"].tolist() == [4, 6, 8]
    # done + done + in progress; done + done; done + long-term (持续开展).
    assert findings["status"].tolist() == ["in_progress", "done", "long_term"]
    assert findings["status_inferred"].all()
    measures = measure_table(findings)
    by_problem = measures.groupby("problem_id", sort=False)["status"].agg(list).tolist()
    assert by_problem == [["done", "done", "in_progress"], ["done", "done"], ["done", "long_term"]]
    first = findings["id"].iloc[0]
    assert measures["measure_id"].tolist()[:3] == [f"{first}.1", f"{first}.2", f"{first}.3"]
    assert measures["status_inferred"].all()


def test_a_point_with_its_own_progress_splits_into_measure_and_progress():
    measures = measure_table(parse_notice(LISTED).check.findings)
    second = measures[measures["problem"] == "意识形态工作责任制落实不到位"]
    assert second[["measures", "progress"]].values.tolist() == [
        ["成立意识形态工作领导小组", "已完成"],
        ["建立舆情研判机制", "已印发《舆情研判制度》"],
    ]
    # Without a 进展 of its own, what was done names the measure and is its progress.
    first = measures.iloc[2]
    assert first["measures"] == first["progress"] == "将学习情况纳入年度考核，正在修订考核办法"


def test_the_problems_own_progress_is_kept_as_the_notice_wrote_it():
    findings = parse_notice(LISTED).check.findings
    progress = "一是完善公务用车管理制度，已印发。二是定期检查车辆使用记录，持续开展。"
    assert findings["progress"].iloc[2] == progress


def test_a_notice_listing_measures_is_counted_at_both_levels():
    parsed = parse_notice(LISTED)
    summary = check_report(parsed.check, AS_OF, "zh", 15)["summary"]
    assert (summary["total"], summary["by_status"]["done"]) == (3, 1)
    assert (summary["tasks"]["total"], summary["tasks"]["by_status"]["done"]) == (7, 5)
    assert parsed.claimed == {"total": 3, "done": 1, "tasks_total": 7, "tasks_done": 5}
    assert [f for f in parsed.check.warnings if "disagree" in f.key] == []


def test_task_figures_that_contradict_the_measures_listed_are_warned_about():
    check = parse_notice(LISTED.replace("分解整改任务7项，已完成5项", "分解整改任务8项，已完成6项")).check
    flags = {f.key: f.message() for f in check.warnings if "disagree" in f.key}
    assert flags == {
        # Each quotes the sentence the figure is in.
        "notice.tasks_disagree.total": "通报写明分解整改任务8项，但读出7项（“分解整改任务8项，已完成6项”）",
        "notice.tasks_disagree.done": (
            "通报写明整改任务已完成6项，但按进展判断已完成5项（“分解整改任务8项，已完成6项”）"
        ),
    }


def test_task_figures_of_a_notice_that_lists_no_measures_are_not_checked():
    text = (
        "关于巡察整改进展情况的通报\n截至2024年5月10日，2个问题已完成整改1个；分解整改任务9项，已完成7项。\n"
        "（一）关于党建方面问题的整改情况\n一是问题甲。进展：已完成整改。二是问题乙。进展：正在推进。\n"
    )
    parsed = parse_notice(text)
    assert (parsed.claimed["tasks_total"], parsed.claimed["tasks_done"]) == (9, 7)
    assert [f for f in parsed.check.warnings if "disagree" in f.key] == []


@pytest.mark.parametrize(
    "section",
    [
        # The seed's layout: each 一是 is a problem; points inside its progress are that progress.
        "（一）关于党建方面问题的整改情况\n一是问题甲。进展：一是召开会议。二是制定制度。二是问题乙。进展：已完成。",
        # One point is no list of measures.
        "一、关于党建方面\n1.关于“问题甲”的问题。整改情况：一是召开会议。\n2.问题乙。进展：已完成。",
        # Text before the first point: the points are details of that progress.
        "一、关于党建方面\n1.问题甲。整改情况：已基本完成。一是召开会议；二是制定制度。\n2.问题乙。进展：已完成。",
        # Points under 整改措施 are measures without a progress of their own.
        "一、关于党建方面\n1.问题甲。整改措施：一是召开会议；二是制定制度。进展：已完成。\n2.问题乙。进展：已完成。",
    ],
)
def test_points_are_measures_only_in_a_numbered_problems_progress(section):
    findings = parse_notice(section).check.findings
    assert findings["problem"].tolist() == ["问题甲", "问题乙"]
    assert (findings["tasks"] == "").all()


def test_the_seed_notice_still_reads_as_30_problems_of_one_measure_each():
    parsed = parse_notice(SEED_NOTICE.read_text(encoding="utf-8"))
    findings = parsed.check.findings
    assert (len(findings), parsed.categories) == (30, 5)
    assert (findings["tasks"] == "").all() and len(measure_table(findings)) == 30


def test_a_finding_without_problem_text_is_skipped_and_the_rest_keep_their_lines():
    check = parse_notice("一、关于党建方面\n1. 整改情况：已完成。\n2. 问题乙。进展：已完成。\n").check
    assert check.findings[["problem", "row"]].values.tolist() == [["问题乙", 3]]
    assert ("row.skipped", 2) in [(f.key, f.row) for f in check.warnings]


# A notice's measures for a ledger's item.

ONE = ledger(
    ["ZZ-01", "政治建设", "意识形态工作责任制落实不到位", "宣传科", "2024-06-30", "正在推进", "推进中"]
)
ITEM_NOTICE = (
    "关于巡察整改进展情况的通报\n一、关于政治建设方面\n1.关于“意识形态工作责任制落实不到位”的问题。"
    "整改情况：一是成立领导小组。进展：已完成。二是建立舆情研判机制。进展：正在起草制度。\n"
)


def test_an_item_without_measures_takes_the_notices_with_its_department_and_deadline():
    row = match_to_ledger(parse_notice(ITEM_NOTICE).check.findings, ONE).findings.iloc[0]
    tasks = json.loads(row["tasks"])
    assert [t["measure_id"] for t in tasks] == ["ZZ-01.1", "ZZ-01.2"]
    assert [(t["department"], t["deadline"], t["status"]) for t in tasks] == [
        ("宣传科", "2024-06-30", "done"),
        ("宣传科", "2024-06-30", "in_progress"),
    ]
    assert (row["id"], row["status"], bool(row["status_inferred"])) == ("ZZ-01", "in_progress", True)


def test_an_items_measures_take_the_notices_one_by_one_where_both_list_as_many():
    later = ITEM_NOTICE.replace("正在起草制度", "已印发《舆情研判制度》")
    owned = match_to_ledger(parse_notice(ITEM_NOTICE).check.findings, ONE).findings
    row = match_to_ledger(parse_notice(later).check.findings, owned).findings.iloc[0]
    tasks = json.loads(row["tasks"])
    assert [(t["measure_id"], t["status"]) for t in tasks] == [("ZZ-01.1", "done"), ("ZZ-01.2", "done")]
    assert [t["department"] for t in tasks] == ["宣传科", "宣传科"]  # the ledger's, kept
    assert row["status"] == "done"


def test_progress_for_a_whole_problem_leaves_the_status_its_measures_give():
    section = "（一）关于政治建设方面问题的整改情况\n一是学习制度执行不严。进展：已全部完成。"
    read = parse_notice("关于巡察整改进展情况的通报\n" + section).check.findings
    row = match_to_ledger(read, MEASURED).findings.iloc[0]
    assert (row["id"], row["progress"]) == ("ZZ-01", "已全部完成。")
    assert (row["status"], row["tasks"]) == ("in_progress", MEASURED["tasks"].iloc[0])


def test_notice_parse_json_states_the_notices_claims_and_counts_the_measures(tmp_path, capsys):
    path = tmp_path / "notice.txt"
    path.write_text(LISTED, encoding="utf-8")
    assert main(["notice", "parse", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    claims = {"total": 3, "done": 1, "tasks_total": 7, "tasks_done": 5, "as_of": "2024-05-10"}
    assert report["claims"] == claims
    assert (report["rows"], report["summary"]["tasks"]["total"]) == (3, 7)
    assert main(["notice", "parse", str(SEED_NOTICE), "--json"]) == 0
    seed = json.loads(capsys.readouterr().out)
    assert seed["claims"] == {} and seed["summary"]["tasks"]["total"] == 30


def test_a_notice_saying_a_measure_is_done_moves_its_problems_deadline_to_the_next_open_one():
    from rectification.metrics import warning_levels
    from tests.builders import ledger

    header = ["编号", "问题类别", "问题描述", "整改措施", "责任部门", "整改时限", "整改进展", "整改状态"]
    items = ledger(
        [
            "ZZ-01",
            "政治建设",
            "意识形态工作责任制落实不到位",
            "成立领导小组",
            "宣传科",
            "2024-01-31",
            "正在推进",
            "推进中",
        ],
        ["", "", "", "建立舆情研判机制", "办公室", "2024-12-31", "正在起草", "推进中"],
        header=header,
    )
    notice = (
        "关于巡察整改进展情况的通报\n一、关于政治建设方面\n1.关于“意识形态工作责任制落实不到位”的问题。"
        "整改情况：一是成立领导小组。进展：已完成。二是建立舆情研判机制。进展：正在起草制度。\n"
    )
    matched = match_to_ledger(parse_notice(notice).check.findings, items).findings
    assert matched["status"].tolist() == ["in_progress"]
    assert matched["deadline"].dt.strftime("%Y-%m-%d").tolist() == ["2024-12-31"]
    assert warning_levels(matched, date(2024, 5, 10)).tolist() == ["green"]  # no longer overdue
