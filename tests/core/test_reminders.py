"""Reminders (催办, issue 16, first part): one digest per department, escalated by the rules."""

from datetime import date

import pandas as pd
import pytest

from rectification.metrics import warning_levels
from rectification.reminders import Step, compose_digests, digest_text, parse_steps

AS_OF = date(2024, 5, 10)
STEPS = (Step(0, "leader"), Step(15, "head"))

# problem_id, measure_id, problem, measure, department, deadline, status
MEASURES = pd.DataFrame(
    [
        ("1", "1.1", "学习制度执行不严", "修订学习制度", "办公室", "2024-05-01", "in_progress"),  # 9 d late
        ("1", "1.2", "学习制度执行不严", "每月检查记录", "办公室", "2024-05-20", "in_progress"),  # due soon
        ("2", "2", "公务接待超标准", "", "财务科", "2024-03-01", "pending"),  # 70 days late
        ("3", "3", "会议过多", "", "党建科", "2024-05-15", "in_progress"),  # due soon only
        ("4", "4", "已整改问题", "", "党建科", "2024-01-01", "done"),  # done: never chased
        ("5", "5", "长期坚持事项", "", "纪检组", None, "long_term"),  # undated: never overdue
    ],
    columns=["problem_id", "measure_id", "problem", "measures", "department", "deadline", "status"],
).assign(deadline=lambda f: pd.to_datetime(f["deadline"]), deadline_term="")
LEVELS = warning_levels(MEASURES, AS_OF)


def digests(department=None):
    return {d.department: d for d in compose_digests(MEASURES, LEVELS, AS_OF, STEPS, department)}


def test_each_department_with_red_or_yellow_tasks_gets_one_digest():
    found = digests()
    assert list(found) == ["办公室", "财务科", "党建科"]
    assert found["办公室"].items["measure_id"].tolist() == ["1.1", "1.2"]  # overdue first


@pytest.mark.parametrize(
    ("department", "level", "role", "after"),
    [
        ("办公室", "red", "leader", 0),  # 9 days overdue: 分管领导
        ("财务科", "red", "head", 15),  # 70 days: past the 15-day step, 主要负责人
        ("党建科", "yellow", "officer", None),  # only due soon: 经办人
    ],
)
def test_a_digest_climbs_the_chain_by_its_most_overdue_task(department, level, role, after):
    digest = digests()[department]
    assert (digest.level, digest.role, digest.escalated_after) == (level, role, after)


@pytest.mark.parametrize(("steps", "role"), [("0:leader", "leader"), ("0:leader,80:head", "leader"),
                                             ("30:head", "head"), ("100:head", "officer")])  # fmt: skip
def test_the_steps_are_the_settings_own(steps, role):
    (digest,) = compose_digests(MEASURES, LEVELS, AS_OF, parse_steps(steps), "财务科")
    assert digest.role == role


@pytest.mark.parametrize("text", ["", "leader", "0:boss", "15:head,0:leader", "0:leader,0:head", "x:head"])
def test_steps_that_cannot_be_followed_are_refused(text):
    with pytest.raises(ValueError):
        parse_steps(text)


def test_one_department_can_be_asked_for_alone():
    assert list(digests("财务科")) == ["财务科"]
    assert digests("没有这个部门") == {}


def test_the_digest_reads_as_an_inspection_office_writes_a_reminder():
    text = digest_text(digests()["财务科"], AS_OF)
    assert text.splitlines() == [
        "【整改督办提醒】财务科（主要负责人）：截至2024年5月10日，你单位牵头的整改任务中，逾期未完成1项、"
        "即将到期0项，请抓紧推进，按时报送整改进展。",
        "1. 2 公务接待超标准；整改时限2024-03-01，已逾期70天。",
        "因最长已逾期70天（超过15天），本提醒提级发送主要负责人督办。",
        "请及时报送整改进展情况。",
    ]


def test_a_task_of_a_problem_with_several_is_named_by_its_own_words():
    lines = digest_text(digests()["办公室"], AS_OF).splitlines()
    assert lines[1] == "1. 1.1 学习制度执行不严（整改任务：修订学习制度）；整改时限2024-05-01，已逾期9天。"
    assert lines[2] == "2. 1.2 学习制度执行不严（整改任务：每月检查记录）；整改时限2024-05-20，即将到期。"


def test_the_digest_has_english_words_too():
    said = digest_text(digests()["党建科"], AS_OF, "en")
    assert said.startswith("[Rectification reminder] 党建科 (officer")


def test_the_supervision_notice_lists_a_departments_overdue_tasks_only():
    from rectification.reminders import supervision_notice

    notice = supervision_notice(digests()["办公室"], AS_OF, "区委巡察办")
    assert notice.title == "关于督促办公室加快整改落实的督办通知"
    assert notice.summary.startswith("办公室：截至2024年5月10日，你单位牵头的整改任务中有1项已超过整改时限")
    [(heading, listed)] = notice.sections
    assert heading == "（一）逾期未完成的整改任务"
    assert listed.splitlines() == [
        "1. 1.1 学习制度执行不严（整改任务：修订学习制度），整改时限2024年5月1日，已逾期9天。"
    ]  # the task due soon is not overdue: it is not on the notice
    assert (notice.unit, notice.dated) == ("区委巡察办", "2024年5月10日")
    assert supervision_notice(digests()["党建科"], AS_OF) is None  # nothing overdue, no notice


def test_each_inspected_units_department_gets_its_own_digest():
    units = ["甲镇", "甲镇", "甲镇", "乙街道", "乙街道", "乙街道"]
    two_units = MEASURES.assign(unit=units, department="办公室")
    found = compose_digests(two_units, LEVELS, AS_OF, STEPS)
    assert [(d.department, len(d.items)) for d in found] == [("甲镇 办公室", 3), ("乙街道 办公室", 1)]
