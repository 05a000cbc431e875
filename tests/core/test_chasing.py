"""The pure parts of chasing (issue 16): channels and quiet hours as settings, who gets which copy,
the robots' bodies and signatures, their replies, and a contacts sheet read or refused."""

import base64
import hashlib
import hmac
import json
from datetime import date, time
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from rectification.contacts import contacts_from_rows, webhook_allowed
from rectification.errors import BadContacts
from rectification.reminders import (
    Contact,
    Digest,
    in_quiet_hours,
    list_link,
    parse_channels,
    parse_quiet_hours,
    plan_deliveries,
)
from rectification.robots import robot_refusal, robot_request

ITEMS = pd.DataFrame(
    {"problem_id": ["1"], "measure_id": ["1"], "problem": ["p"], "measures": [""],
     "deadline": [pd.Timestamp("2024-05-01")], "days_overdue": [9], "level": ["red"]}
)  # fmt: skip


def digest(department="办公室", role="leader", level="red") -> Digest:
    return Digest(department, level, role, 0 if role != "officer" else None, ITEMS, department, "")


@pytest.mark.parametrize(
    ("text", "channels"),
    [("none", ()), ("mail", ("mail",)), ("robot", ("robot",)), ("robot, MAIL", ("mail", "robot"))],
)
def test_channels_are_read_from_their_setting(text, channels):
    assert parse_channels(text) == channels


@pytest.mark.parametrize("text", ["", "sms", "mail,mail", "none,mail"])
def test_a_channel_setting_that_names_no_channel_is_refused(text):
    with pytest.raises(ValueError):
        parse_channels(text)


@pytest.mark.parametrize(
    ("window", "now", "quiet"),
    [
        ("22:00-07:00", time(23, 30), True),
        ("22:00-07:00", time(0, 0), True),
        ("22:00-07:00", time(6, 59), True),
        ("22:00-07:00", time(7, 0), False),
        ("22:00-07:00", time(21, 59), False),
        ("12:00-13:30", time(12, 0), True),
        ("12:00-13:30", time(13, 30), False),
        ("none", time(3, 0), False),
    ],
)
def test_quiet_hours_run_from_their_start_to_their_end_across_midnight(window, now, quiet):
    assert in_quiet_hours(parse_quiet_hours(window), now) is quiet


@pytest.mark.parametrize("text", ["", "22-07", "25:00-07:00", "07:00-07:00", "always"])
def test_quiet_hours_that_are_not_a_window_are_refused(text):
    with pytest.raises(ValueError):
        parse_quiet_hours(text)


CONTACTS = {
    ("办公室", "officer"): Contact(
        "办公室", "officer", "张三", "zhang@example.org", "wecom", "https://q/hook"
    ),
    ("办公室", "leader"): Contact("办公室", "leader", "李四", "li@example.org", "wecom", "https://q/hook"),
}


@pytest.mark.parametrize(
    ("role", "channels", "copies"),
    [
        # An escalated digest: the officer's copy and the leader's; one post to a robot both share,
        # recorded as the leader's (it was escalated).
        ("leader", ("mail", "robot"), [("officer", "mail"), ("leader", "robot"), ("leader", "mail")]),
        ("leader", ("mail",), [("officer", "mail"), ("leader", "mail")]),
        ("officer", ("robot",), [("officer", "robot")]),
        ("head", ("mail",), [("officer", "mail")]),  # no head entered: named as unreachable
        ("leader", (), []),
    ],
)
def test_each_digest_goes_to_its_officer_and_the_step_it_was_escalated_to(role, channels, copies):
    planned, unreachable = plan_deliveries([digest(role=role)], CONTACTS, channels)
    assert [(d.role, d.channel) for d in planned] == copies
    assert [u.role for u in unreachable] == (["head"] if role == "head" else [])


def test_the_same_copy_is_keyed_by_day_department_level_role_channel_and_recipient():
    (first, *_), _ = plan_deliveries([digest()], CONTACTS, ("mail",))
    assert first.key(date(2024, 5, 10)) == (
        "2024-05-10",
        "办公室",
        "red",
        "officer",
        "mail",
        "zhang@example.org",
    )


@pytest.mark.parametrize(
    ("public_url", "found"),
    [
        ("", ""),
        ("https://zg.example.gov.cn/", "https://zg.example.gov.cn/items?department=%E5%8A%9E%E5%85%AC%E5%AE%A4"
         "&warning=red&warning=yellow&tasks=true"),
    ],
)  # fmt: skip
def test_a_digest_links_to_its_filtered_list_only_when_a_public_address_is_set(public_url, found):
    assert list_link(public_url, digest()) == found


def test_dingtalk_is_signed_with_the_timestamp_and_its_secret_in_the_url():
    url, body = robot_request(
        "dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=T", "文字", "SEC", 1700
    )
    query = parse_qs(urlsplit(url).query)
    assert query["access_token"] == ["T"] and query["timestamp"] == ["1700"]
    expected = base64.b64encode(hmac.new(b"SEC", b"1700\nSEC", hashlib.sha256).digest()).decode()
    assert query["sign"] == [expected]
    assert json.loads(body) == {"msgtype": "text", "text": {"content": "文字"}}


def test_feishu_signs_in_the_body_with_seconds_and_wecom_needs_no_signature():
    _, body = robot_request(
        "feishu", "https://open.feishu.cn/open-apis/bot/v2/hook/x", "文字", "SEC", 1_700_000
    )
    said = json.loads(body)
    expected = base64.b64encode(hmac.new(b"1700\nSEC", b"", hashlib.sha256).digest()).decode()
    assert said == {"timestamp": "1700", "sign": expected, "msg_type": "text", "content": {"text": "文字"}}
    url, body = robot_request(
        "wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K", "文字", "", 1
    )
    assert url.endswith("key=K") and json.loads(body) == {"msgtype": "text", "text": {"content": "文字"}}


@pytest.mark.parametrize(
    ("robot", "reply", "refusal"),
    [
        ("dingtalk", b'{"errcode":0,"errmsg":"ok"}', ""),
        ("dingtalk", b'{"errcode":310000,"errmsg":"sign not match"}', "310000 sign not match"),
        ("wecom", b'{"errcode":93000,"errmsg":"invalid webhook url"}', "93000 invalid webhook url"),
        ("feishu", b'{"code":0,"msg":"success"}', ""),
        ("feishu", b'{"code":19021,"msg":"sign match fail"}', "19021 sign match fail"),
        ("feishu", b'{"StatusCode":0,"StatusMessage":"success"}', ""),
        ("wecom", b"<html>bad gateway</html>", "<html>bad gateway</html>"),
        # A 200 without the robot's code is not a robot's answer: not taken as sent.
        ("dingtalk", b"{}", "no code in the reply: {}"),
        ("wecom", b'{"ok":true}', 'no code in the reply: {"ok": true}'),
        ("feishu", b"", "no code in the reply: {}"),
    ],
)
def test_a_robot_s_reply_says_whether_it_took_the_message(robot, reply, refusal):
    assert robot_refusal(robot, reply) == refusal


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://oapi.dingtalk.com/robot/send?access_token=x", True),
        ("http://127.0.0.1:8080/hook", True),
        ("http://oapi.dingtalk.com/robot/send", False),
        ("ftp://x/y", False),
        ("javascript:alert(1)", False),
        ("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET KEY", False),
        ("https://oapi.dingtalk.com:99999/robot/send", False),
    ],
)
def test_a_robot_is_reached_over_https_or_on_this_computer(url, allowed):
    assert webhook_allowed(url) is allowed


def test_a_contacts_sheet_names_roles_and_robots_as_offices_write_them():
    rows = [
        ["催办联系人", "", "", "", "", ""],
        ["部门", "职责", "姓名", "电子邮箱", "机器人类型", "Webhook"],
        ["办公室", "分管领导", "李四", "li@example.org", "钉钉", "https://oapi.dingtalk.com/robot/send?x=1"],
        ["", "", "", "", "", ""],
        [
            "财务科",
            "主要负责人",
            "赵六",
            "",
            "企业微信",
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
        ],
    ]
    found = contacts_from_rows(rows, "联系人.xlsx", "Sheet1")
    assert [(c.department, c.role, c.robot) for c in found] == [
        ("办公室", "leader", "dingtalk"),
        ("财务科", "head", "wecom"),
    ]


@pytest.mark.parametrize(
    ("row", "said"),
    [
        (["办公室", "处长", "a@example.org", ""], "第2行“角色”列“处长”不是经办人、分管领导或主要负责人"),
        (["办公室", "经办人", "", "https://x.example/hook"], "第2行填写了机器人地址，请在“机器人”列注明"),
        (["办公室", "经办人", "", ""], "第2行既无邮箱也无机器人地址"),
    ],
)
def test_a_bad_contacts_row_is_refused_naming_its_cell(row, said):
    with pytest.raises(BadContacts) as refused:
        contacts_from_rows([["部门", "角色", "邮箱", "机器人地址"], row], "联系人.xlsx", "Sheet1")
    assert said in refused.value.message("zh")


def test_a_contacts_sheet_without_its_columns_says_which():
    with pytest.raises(BadContacts) as refused:
        contacts_from_rows([["姓名", "邮箱"], ["张三", "z@example.org"]], "联系人.xlsx", "Sheet1")
    assert refused.value.message("zh") == "文件联系人.xlsx的工作表“Sheet1”缺少列：部门、角色"


def record(*rows) -> pd.DataFrame:
    """A reminder record as the store gives it: (day, department, role, status, problems)."""
    return pd.DataFrame(
        [
            (pd.Timestamp(f"{day} 09:00", tz="UTC"), dept, role, status, problems)
            for day, dept, role, status, problems in rows
        ],
        columns=["at", "department", "role", "status", "problems"],
    )


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        ([], ""),
        ([("2024-05-03", "办公室", "officer", "sent", "1\n2")], "已于5月3日催办办公室（经办人）。"),
        # Both copies of one escalated reminder are one phrase, named by the step above.
        (
            [
                ("2024-05-18", "办公室", "officer", "sent", "1"),
                ("2024-05-18", "办公室", "leader", "sent", "1"),
            ],
            "已于5月18日提级督办办公室（分管领导）。",
        ),
        (
            [("2024-05-03", "办公室", "officer", "sent", "1"), ("2024-05-18", "办公室", "head", "sent", "1")],
            "已于5月3日催办办公室（经办人），5月18日提级督办办公室（主要负责人）。",
        ),
        ([("2024-05-03", "办公室", "officer", "failed", "1")], ""),  # a failed send chased nobody
        ([("2024-05-03", "办公室", "officer", "sent", "11")], ""),  # another problem's id
    ],
)
def test_an_item_says_when_it_was_chased_and_escalated(rows, said):
    from rectification.display import reminder_sentence

    assert reminder_sentence(record(*rows), "1") == said


def test_a_long_digest_is_cut_at_a_line_to_what_the_robot_takes_and_says_so():
    from rectification.robots import LONGEST, fitted

    text = "\n".join(f"{n}. 问题{n}：" + "整改措施落实不到位" * 8 for n in range(1, 60))
    cut = fitted("wecom", text)
    assert len(cut.encode()) <= LONGEST["wecom"] < len(text.encode())
    assert cut.endswith("全部事项请登录整改看板查看）") and cut.split("\n")[0] == text.split("\n")[0]
    assert fitted("dingtalk", "短消息") == "短消息"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc-123", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***"),
        ("https://open.feishu.cn/open-apis/bot/v2/hook/7b2e-9f", "https://open.feishu.cn/open-apis/bot/v2/hook/***"),
        ("https://oapi.dingtalk.com/robot/send?access_token=zz&timestamp=1&sign=QQ", "https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=1&sign=***"),
    ],
)  # fmt: skip
def test_a_robot_s_key_is_hidden_wherever_its_address_is_printed(url, shown):
    from rectification.settings import masked_url

    assert masked_url(f"error at {url} now") == f"error at {shown} now"


def test_a_department_a_row_sheet_gives_each_person_with_the_group_robot():
    hook = "https://oapi.dingtalk.com/robot/send?x=1"
    heading = [
        "部门",
        "经办人",
        "经办人邮箱",
        "分管领导",
        "分管领导邮箱",
        "主要负责人",
        "主要负责人邮箱",
        "机器人地址",
        "机器人",
    ]
    rows = [
        ["整改责任部门联系人"],
        heading,
        ["办公室", "张三", "zhang@example.org", "李四", "li@example.org", "", "", hook, "钉钉"],
        ["财务科", "", "", "", "", "赵六", "zhao@example.org", "", ""],
    ]
    found = contacts_from_rows(rows, "联系人.xlsx", "Sheet1")
    assert [(c.department, c.role, c.name, c.email, c.robot) for c in found] == [
        ("办公室", "officer", "张三", "zhang@example.org", "dingtalk"),
        ("办公室", "leader", "李四", "li@example.org", "dingtalk"),
        ("财务科", "head", "赵六", "zhao@example.org", ""),
    ]


def test_a_bad_cell_of_a_department_a_row_sheet_is_named_by_its_own_heading():
    rows = [["部门", "经办人", "经办人邮箱"], ["办公室", "张三", "zhang(at)example.org"], ["财务科", "", ""]]
    with pytest.raises(BadContacts) as refused:
        contacts_from_rows(rows, "联系人.xlsx", "Sheet1")
    said = refused.value.message("zh")
    assert "第2行“经办人邮箱”列“zhang(at)example.org”不是电子邮箱地址" in said
    assert "第3行既无邮箱也无机器人地址" in said


def test_the_record_shows_addresses_only_to_those_who_chase_and_failures_in_words():
    from rectification.display import reminder_log_table

    log = pd.DataFrame(
        {"at": [pd.Timestamp("2024-05-10 01:00", tz="UTC")], "department": ["办公室"], "status": ["failed"],
         "role": ["leader"], "channel": ["mail"], "recipient": ["li@example.org"], "attempts": [3],
         "error_kind": ["login"], "error": ["SMTPAuthenticationError: (535, b'bad')"], "measures": ["1\n2"],
         "by": ["巡察干部"]}
    )  # fmt: skip
    shown = reminder_log_table(log, "zh")
    assert shown["接收方"].tolist() == ["li@example.org"] and shown["涉及任务"].tolist() == ["1、2"]
    assert shown["失败原因"].tolist() == [
        "邮箱登录被拒绝（用户名或密码不正确）：SMTPAuthenticationError: (535, b'bad')"
    ]
    assert "接收方" not in reminder_log_table(log, "zh", addresses=False).columns


def test_a_department_a_row_with_only_its_group_robot_reaches_its_officer_by_it():
    hook = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"
    rows = [
        ["部门", "经办人", "经办人邮箱", "分管领导", "机器人", "机器人地址"],
        ["办公室", "", "", "李四", "企业微信", hook],
    ]
    found = contacts_from_rows(rows, "联系人.xlsx", "Sheet1")
    assert [(c.role, c.name, c.robot, c.webhook) for c in found] == [
        ("officer", "", "wecom", hook),
        ("leader", "李四", "wecom", hook),
    ]


def test_a_cut_digest_keeps_its_opening_why_it_was_escalated_its_link_and_its_closing():
    from rectification.robots import LONGEST, fitted

    items = [f"{n}. {n} 问题{n}：" + "整改措施落实不到位" * 8 + "；已逾期9天。" for n in range(1, 200)]
    opening, escalated = "【整改督办提醒】办公室（分管领导）：……", "因最长已逾期9天……提级发送分管领导督办。"
    link, closing = "查看清单：https://zg.example.gov.cn/items?department=x", "请及时报送整改进展情况。"
    text = "\n".join([opening, *items, escalated, link, closing])
    cut = fitted("wecom", text).split("\n")
    assert len("\n".join(cut).encode()) <= LONGEST["wecom"]
    assert cut[0].startswith("【整改督办提醒】") and cut[1].startswith("1. ")
    assert cut[-4].startswith("……（内容较长") and cut[-3].startswith("因最长已逾期")
    assert cut[-2].startswith("查看清单：") and cut[-1] == "请及时报送整改进展情况。"
