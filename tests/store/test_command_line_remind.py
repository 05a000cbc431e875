"""`python -m rectification remind` on a store (issue 16, first part): today's digests, said to
be unsent while no channel exists, and sent by mail through a local server once it does; the
`contacts` commands. Who may run it: tests/store/test_command_line.py's MATRIX."""

import json
from dataclasses import replace

from rectification.__main__ import main
from rectification.service import open_store
from rectification.settings import load_settings
from tests.builders import ledger, save
from tests.local_servers import mail_through

LEDGER = ledger(
    ["1", "政治建设", "学习制度执行不严", "办公室", "2024-05-01", "正在修订", "推进中"],
    ["2", "作风建设", "公务接待超标准", "财务科", "2024-03-01", "", "未启动"],
    ["3", "作风建设", "会议过多", "办公室", "2024-12-31", "正在精简", "推进中"],
)


def test_remind_lists_one_digest_per_department_and_sends_nothing(store_url, capsys):
    save(open_store(replace(load_settings(), database_url=store_url)), LEDGER)
    assert main(["remind", "--db", store_url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("尚未配置任何发送渠道")
    assert "【整改督办提醒】办公室（分管领导）" in out and "【整改督办提醒】财务科（主要负责人）" in out
    assert main(["remind", "--db", store_url, "--department", "财务科", "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["sent"] == 0
    assert [(d["department"], d["to"], [i["id"] for i in d["items"]]) for d in said["digests"]] == [
        ("财务科", "head", ["2"])
    ]


def test_remind_docx_writes_one_supervision_notice_per_department_with_overdue_tasks(store_url, tmp_path):
    from rectification.notices.docx import docx_text

    save(open_store(replace(load_settings(), database_url=store_url)), LEDGER)
    folder = tmp_path / "督办"
    assert main(["remind", "--db", store_url, "--docx", str(folder), "--unit", "区委巡察办"]) == 0
    written = sorted(path.name for path in folder.iterdir())
    assert written == ["督办通知单_办公室_2024-05-10.docx", "督办通知单_财务科_2024-05-10.docx"]
    text = docx_text((folder / written[1]).read_bytes())
    assert "财务科：截至2024年5月10日" in text and "2 公务接待超标准" in text and "区委巡察办" in text


def test_contacts_are_entered_listed_imported_and_removed_on_the_command_line(store_url, tmp_path, capsys):
    save(open_store(replace(load_settings(), database_url=store_url)), LEDGER)
    hook = "https://oapi.dingtalk.com/robot/send?access_token=abcdef123456"
    entered = ["contacts", "set", "办公室", "--role", "leader", "--name", "李四", "--email", "li@example.org",
               "--robot", "dingtalk", "--webhook", hook, "--secret", "SEC", "--db", store_url]  # fmt: skip
    assert main(entered) == 0
    assert capsys.readouterr().out.strip() == "已登记办公室分管领导的联系方式。"
    sheet = tmp_path / "联系人.csv"
    sheet.write_text("部门,角色,姓名,邮箱\n财务科,经办人,王五,wang@example.org\n", encoding="utf-8")
    assert main(["contacts", "import", str(sheet), "--db", store_url]) == 0
    assert "导入1个部门的1位联系人" in capsys.readouterr().out
    assert main(["contacts", "list", "--json", "--db", store_url]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(c["department"], c["role"], c["email"]) for c in listed] == [
        ("办公室", "leader", "li@example.org"),
        ("财务科", "officer", "wang@example.org"),
    ]
    assert "abcdef" not in json.dumps(listed) and listed[0]["signed"] is True  # the robot's key is not shown
    assert (
        main(["contacts", "set", "办公室", "--role", "head", "--email", "not-an-address", "--db", store_url])
        == 1
    )
    assert "邮箱格式不正确" in capsys.readouterr().err
    assert main(["contacts", "remove", "财务科", "--role", "officer", "--db", store_url]) == 0
    assert main(["contacts", "remove", "财务科", "--role", "officer", "--db", store_url]) == 1


def test_remind_sends_by_mail_once_a_day_and_says_what_went(store_url, mailbox, monkeypatch, capsys):
    box, port = mailbox
    save(open_store(replace(load_settings(), database_url=store_url)), LEDGER)
    for department, role, address in [
        ("办公室", "officer", "zhang@example.org"),
        ("办公室", "leader", "li@example.org"),
    ]:
        assert (
            main(["contacts", "set", department, "--role", role, "--email", address, "--db", store_url]) == 0
        )
    mail_through(monkeypatch, port)
    capsys.readouterr()
    assert main(["remind", "--dry-run", "--db", store_url]) == 0
    preview = capsys.readouterr().out
    assert (
        "将发出2份，本次不发送" in preview and "将发送：办公室（分管领导）· 邮件 · li@example.org" in preview
    )
    assert "无法发送：财务科未登记主要负责人的联系方式" in preview and box.received == []
    assert main(["remind", "--db", store_url]) == 0
    out = capsys.readouterr().out
    assert "已发送：办公室（经办人）· 邮件 · zhang@example.org" in out
    assert "本次发送2份，失败0份（均已记录），今日已发送而跳过0份" in out
    assert sorted(to[0] for to, _ in box.received) == ["li@example.org", "zhang@example.org"]
    assert main(["remind", "--json", "--db", store_url]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["sent"], again["skipped"]) == (0, 2) and len(box.received) == 2


def test_remind_exits_1_when_a_copy_fails_so_a_timer_s_log_shows_it(store_url, monkeypatch, capsys):
    from tests.browser.conftest import free_port

    save(open_store(replace(load_settings(), database_url=store_url)), LEDGER)
    assert (
        main(["contacts", "set", "财务科", "--role", "head", "--email", "h@example.org", "--db", store_url])
        == 0
    )
    mail_through(monkeypatch, free_port(), remind_retries="1")
    capsys.readouterr()
    assert main(["remind", "--department", "财务科", "--db", store_url]) == 1
    out = capsys.readouterr()
    failed = "发送失败：财务科（主要负责人）· 邮件 · h@example.org，已尝试1次："
    assert f"{failed}无法连接服务器：ConnectionRefusedError" in out.out
    assert "Traceback" not in out.out + out.err


def test_a_robot_secret_can_come_from_standard_input_and_blank_fields_keep_their_values(
    store_url, monkeypatch, capsys
):
    import io

    from rectification.service import contact_list
    from tests.store.conftest import ADMIN

    save(open_store(replace(load_settings(), database_url=store_url)), LEDGER)
    hook = "https://open.feishu.cn/open-apis/bot/v2/hook/abc"
    monkeypatch.setattr("sys.stdin", io.StringIO("飞书密钥\n"))
    entered = [
        "contacts",
        "set",
        "办公室",
        "--role",
        "head",
        "--robot",
        "feishu",
        "--webhook",
        hook,
        "--secret",
        "-",
    ]
    assert main([*entered, "--db", store_url]) == 0
    assert (
        main(["contacts", "set", "办公室", "--role", "head", "--email", "h@example.org", "--db", store_url])
        == 0
    )
    store = open_store(replace(load_settings(), database_url=store_url))
    [head] = contact_list(store, ADMIN)
    assert (head.email, head.robot, head.webhook, head.secret) == (
        "h@example.org",
        "feishu",
        hook,
        "飞书密钥",
    )
    assert "飞书密钥" not in capsys.readouterr().out


def test_a_contact_of_a_department_the_ledger_does_not_name_is_entered_with_a_warning(store_url, capsys):
    save(open_store(replace(load_settings(), database_url=store_url)), LEDGER)
    assert (
        main(
            ["contacts", "set", "办公 室", "--role", "officer", "--email", "a@example.org", "--db", store_url]
        )
        == 0
    )
    said = capsys.readouterr()
    assert "已登记办公 室经办人的联系方式" in said.out
    assert "当前台账中没有以下部门，提醒不会发给他们" in said.err and "办公 室" in said.err
    assert (
        main(
            ["contacts", "set", "办公室", "--role", "officer", "--email", "a@example.org", "--db", store_url]
        )
        == 0
    )
    assert "当前台账中没有" not in capsys.readouterr().err
