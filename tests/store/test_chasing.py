"""Sending today's reminders (issue 16) through a real local mail server (aiosmtpd on 127.0.0.1)
and a local HTTP receiver standing in for the office-chat robots: the right people get their
copies, escalation follows the rules, the quiet hours hold, a second run on the same day sends
nothing, and a failing server is retried and recorded as failed without losing the others."""

from dataclasses import replace
from datetime import datetime

import pytest

from rectification.access import Identity
from rectification.errors import BadContacts, BadSetting, NotPermitted
from rectification.reminders import Contact
from rectification.service import (
    chase,
    contact_list,
    import_contacts,
    open_store,
    reminder_record,
    remove_contact,
    set_contacts,
)
from rectification.settings import load_settings
from tests.browser.conftest import free_port
from tests.builders import ledger, save

ADMIN = Identity("管理员", "admin", frozenset({"*"}))
INSPECTOR = Identity("巡察干部", "inspector", frozenset({"*"}))
# As of 2024-05-10 (tests.builders.AS_OF): 办公室 9 days overdue → 分管领导; 财务科 70 → 主要负责人.
LEDGER = ledger(
    ["1", "政治建设", "学习制度执行不严", "办公室", "2024-05-01", "正在修订", "推进中"],
    ["2", "作风建设", "公务接待超标准", "财务科", "2024-03-01", "", "未启动"],
    ["3", "作风建设", "会议过多", "办公室", "2024-12-31", "正在精简", "推进中"],
)
MORNING = datetime(2024, 5, 10, 9, 0)
NO_PAUSE = lambda seconds: None  # noqa: E731 (the retries' pause, not waited in tests)


@pytest.fixture
def office(store_url, mailbox, robots):
    """A store with the ledger and contacts, and the settings that reach the local servers."""
    _, port = mailbox
    _, base = robots
    settings = replace(
        load_settings(), database_url=store_url, remind_channels=("mail", "robot"), smtp_host="127.0.0.1",
        smtp_port=port, smtp_security="none", smtp_sender="xcb@example.org",
    )  # fmt: skip
    store = open_store(settings)
    save(store, LEDGER)
    set_contacts(
        store,
        [
            Contact("办公室", "officer", "张三", "zhang@example.org"),
            Contact("办公室", "leader", "李四", "li@example.org", "dingtalk", f"{base}/dingtalk", "SEC123"),
            Contact("财务科", "officer", "王五", "wang@example.org"),
            Contact("财务科", "head", "赵六", "", "wecom", f"{base}/wecom"),
        ],
        ADMIN,
    )
    return store, settings


def test_each_department_s_digest_goes_to_its_officer_and_up_the_chain(office, mailbox, robots):
    store, settings = office
    run = chase(store, INSPECTOR, settings, now=MORNING, dry_run=False, pause=NO_PAUSE)
    box, _ = mailbox
    record, _ = robots
    assert [o.status for o in run.outcomes] == ["sent"] * 5 and not run.unreachable
    by_address = {to[0]: message for to, message in box.received}
    assert sorted(by_address) == ["li@example.org", "wang@example.org", "zhang@example.org"]
    office_mail = by_address["li@example.org"]
    assert office_mail["Subject"] == "【整改督办】办公室有逾期未完成的整改任务（截至2024年5月10日）"
    assert office_mail["From"] == "xcb@example.org"
    body = office_mail.get_content()
    assert (
        "【整改督办提醒】办公室（分管领导）" in body and "1 学习制度执行不严" in body and "已逾期9天" in body
    )
    assert "提级发送分管领导" in body and "会议过多" not in body  # not due within 15 days
    paths = [path for path, _, _ in record.posts]
    assert paths == ["/dingtalk", "/wecom"]
    _, query, dingtalk = record.posts[0]
    assert dingtalk["msgtype"] == "text" and "办公室（分管领导）" in dingtalk["text"]["content"]
    assert query["timestamp"] and query["sign"]  # 加签: DingTalk's signature in the URL
    _, _, wecom = record.posts[1]
    assert "财务科（主要负责人）" in wecom["text"]["content"] and "已逾期70天" in wecom["text"]["content"]


def test_the_second_run_of_the_day_sends_nothing_and_every_send_is_on_record(office, mailbox, robots):
    store, settings = office
    chase(store, INSPECTOR, settings, now=MORNING, dry_run=False, pause=NO_PAUSE)
    again = chase(store, INSPECTOR, settings, now=MORNING.replace(hour=15), dry_run=False, pause=NO_PAUSE)
    assert [o.status for o in again.outcomes] == ["skipped"] * 5
    assert len(mailbox[0].received) == 3 and len(robots[0].posts) == 2
    log = reminder_record(store, INSPECTOR)
    assert len(log) == 5 and set(log["status"]) == {"sent"} and set(log["by"]) == {"巡察干部"}
    row = log[log["recipient"] == "li@example.org"].iloc[0]
    assert (row["department"], row["level"], row["role"], row["channel"]) == (
        "办公室",
        "red",
        "leader",
        "mail",
    )
    assert row["measures"] == "1" and row["attempts"] == 1
    # The next day is a new day.
    tomorrow = chase(store, INSPECTOR, settings, now=MORNING.replace(day=11), dry_run=False, pause=NO_PAUSE)
    assert [o.status for o in tomorrow.outcomes] == ["sent"] * 5


@pytest.mark.parametrize(
    ("quiet", "hour", "sent"),
    [
        ("22:00-07:00", 23, 0),
        ("22:00-07:00", 6, 0),
        ("22:00-07:00", 7, 5),
        ("12:00-14:00", 13, 0),
        ("12:00-14:00", 9, 5),
    ],
)
def test_nothing_is_sent_in_the_quiet_hours(office, mailbox, quiet, hour, sent):
    store, settings = office
    settings = replace(
        settings,
        remind_quiet_hours=load_settings({"RECTIFICATION_QUIET_HOURS": quiet}, {}).remind_quiet_hours,
    )
    run = chase(store, INSPECTOR, settings, now=MORNING.replace(hour=hour), dry_run=False, pause=NO_PAUSE)
    assert run.quiet is (sent == 0)
    assert sum(o.status == "sent" for o in run.outcomes) == sent
    assert len(reminder_record(store, INSPECTOR)) == sent


def test_a_failing_robot_is_retried_then_recorded_as_failed_and_the_others_still_go(office, mailbox, robots):
    store, settings = office
    record, _ = robots
    record.failing["/dingtalk"] = -1  # always 500
    record.failing["/wecom"] = 1  # once, then taken
    pauses = []
    run = chase(store, INSPECTOR, settings, now=MORNING, dry_run=False, pause=pauses.append)
    outcome = {(o.delivery.channel, o.delivery.digest.department): o for o in run.outcomes}
    dingtalk = outcome[("robot", "办公室")]
    assert (dingtalk.status, dingtalk.attempts) == ("failed", 3) and "500" in dingtalk.error
    assert (outcome[("robot", "财务科")].status, outcome[("robot", "财务科")].attempts) == ("sent", 2)
    assert pauses == [1, 2, 1]  # 1 s, 2 s between the three attempts; 1 s before the second try
    assert len(mailbox[0].received) == 3
    log = reminder_record(store, INSPECTOR)
    assert sorted(log["status"]) == ["failed", "sent", "sent", "sent", "sent"]
    # A failed copy is not a sent one: the next run tries it again, and only it.
    record.failing.clear()
    again = chase(store, INSPECTOR, settings, now=MORNING, dry_run=False, pause=NO_PAUSE)
    assert sorted(o.status for o in again.outcomes) == ["sent", "skipped", "skipped", "skipped", "skipped"]


def test_a_robot_s_refusal_in_its_reply_is_a_failure_with_its_words(office, robots):
    store, settings = office
    robots[0].refusing.add("/wecom")
    run = chase(store, INSPECTOR, replace(settings, remind_retries=1), now=MORNING, dry_run=False)
    failed = [o for o in run.outcomes if o.status == "failed"]
    assert len(failed) == 1 and failed[0].error == "310000 keywords not in content"


def test_a_mail_server_that_cannot_be_reached_fails_only_the_mail(office, robots):
    store, settings = office
    settings = replace(settings, smtp_port=free_port(), remind_retries=2)  # nobody listens there
    run = chase(store, INSPECTOR, settings, now=MORNING, dry_run=False, pause=NO_PAUSE)
    by_channel = {(o.delivery.channel, o.status) for o in run.outcomes}
    assert by_channel == {("mail", "failed"), ("robot", "sent")}
    assert all("ConnectionRefusedError" in o.error for o in run.outcomes if o.status == "failed")


def test_with_no_channel_nothing_is_sent_or_recorded(office, mailbox):
    store, settings = office
    run = chase(store, INSPECTOR, replace(settings, remind_channels=()), now=MORNING, dry_run=False)
    assert run.outcomes == [] and run.planned == [] and len(run.digests) == 2
    assert mailbox[0].received == [] and reminder_record(store, INSPECTOR).empty


def test_mail_as_a_channel_without_a_server_is_refused_before_anything_goes(office, robots):
    store, settings = office
    with pytest.raises(BadSetting) as refused:
        chase(store, INSPECTOR, replace(settings, smtp_host=""), now=MORNING, dry_run=False)
    assert "RECTIFICATION_SMTP_HOST" in refused.value.message("zh")
    assert robots[0].posts == [] and reminder_record(store, INSPECTOR).empty


def test_a_department_without_the_contact_its_escalation_needs_is_named(office):
    store, settings = office
    remove_contact(store, "财务科", "head", ADMIN)
    run = chase(store, INSPECTOR, settings, now=MORNING, dry_run=True)
    assert [(u.digest.department, u.role) for u in run.unreachable] == [("财务科", "head")]
    assert run.outcomes == []  # a dry run sends nothing


@pytest.mark.parametrize(
    ("who", "dry_run"),
    [(Identity("领导", "viewer"), True), (Identity("办公室", "uploader", frozenset({"办公室"})), False)],
)
def test_only_inspectors_and_admins_may_chase(office, mailbox, who, dry_run):
    store, settings = office
    with pytest.raises(NotPermitted):
        chase(store, who, settings, now=MORNING, dry_run=dry_run)
    assert mailbox[0].received == []


def test_only_admins_see_and_change_contacts(office):
    store, _ = office
    for call in (
        lambda: contact_list(store, INSPECTOR),
        lambda: set_contacts(store, [Contact("办公室", "head", email="h@example.org")], INSPECTOR),
        lambda: remove_contact(store, "办公室", "officer", INSPECTOR),
    ):
        with pytest.raises(NotPermitted):
            call()
    assert len(contact_list(store, ADMIN)) == 4


def test_contacts_import_from_a_sheet_and_a_bad_sheet_changes_nothing(office):
    store, _ = office
    good = "部门,角色,姓名,邮箱,机器人,机器人地址\n办公室,主要负责人,钱七,qian@example.org,飞书,https://open.feishu.cn/open-apis/bot/v2/hook/abc\n"
    imported = import_contacts(store, good.encode(), "联系人.csv", ADMIN)
    assert [(c.department, c.role, c.robot) for c in imported] == [("办公室", "head", "feishu")]
    before = contact_list(store, ADMIN)
    bad = "部门,角色,邮箱\n办公室,经办人,zhang(at)example.org\n,分管领导,x@example.org\n"
    with pytest.raises(BadContacts) as refused:
        import_contacts(store, bad.encode(), "联系人.csv", ADMIN)
    said = refused.value.message("zh")
    assert "联系人表联系人.csv有2处问题，未导入任何联系人" in said
    assert "第2行“邮箱”列“zhang(at)example.org”不是电子邮箱地址" in said and "第3行“部门”列为空" in said
    assert contact_list(store, ADMIN) == before


@pytest.mark.parametrize("password", ["pw", "wrong"])
def test_mail_goes_over_starttls_or_ssl_with_a_login_and_the_office_s_own_ca(
    store_url, secure_mailbox, password
):
    box, port, security, ca_file = secure_mailbox
    settings = replace(
        load_settings(), database_url=store_url, remind_channels=("mail",), smtp_host="127.0.0.1",
        smtp_port=port, smtp_security=security, smtp_sender="xcb@example.org", smtp_ca_file=ca_file,
        smtp_user="xcb@example.org", smtp_password=password, remind_retries=3,
    )  # fmt: skip
    store = open_store(settings)
    save(store, LEDGER)
    set_contacts(store, [Contact("财务科", "officer", "王五", "wang@example.org")], ADMIN)
    run = chase(store, INSPECTOR, settings, now=MORNING, department="财务科", dry_run=False)
    [outcome] = run.outcomes
    if password == "pw":
        assert outcome.status == "sent" and [to for to, _ in box.received] == [["wang@example.org"]]
    else:
        assert outcome.status == "failed" and "SMTPAuthenticationError" in outcome.error
        assert outcome.kind == "login" and box.received == []


def test_a_mail_server_whose_certificate_is_not_trusted_is_not_sent_to(store_url, secure_mailbox):
    box, port, security, _ = secure_mailbox
    settings = replace(
        load_settings(), database_url=store_url, remind_channels=("mail",), smtp_host="127.0.0.1",
        smtp_port=port, smtp_security=security, smtp_sender="xcb@example.org", remind_retries=1,
        smtp_user="xcb@example.org", smtp_password="pw",
    )  # fmt: skip
    store = open_store(settings)
    save(store, LEDGER)
    set_contacts(store, [Contact("财务科", "officer", "王五", "wang@example.org")], ADMIN)
    [outcome] = chase(store, INSPECTOR, settings, now=MORNING, department="财务科", dry_run=False).outcomes
    assert outcome.status == "failed" and "CERTIFICATE_VERIFY_FAILED" in outcome.error
    assert box.received == []


def test_a_robot_address_that_does_not_speak_http_is_a_recorded_failure_not_a_crash(office, babbler):
    store, settings = office
    set_contacts(
        store, [Contact("财务科", "head", "赵六", "", "wecom", f"{babbler}/wecom?key=SECRETKEY")], ADMIN
    )
    run = chase(store, INSPECTOR, replace(settings, remind_retries=1), now=MORNING, dry_run=False)
    [failed] = [
        o for o in run.outcomes if o.delivery.channel == "robot" and o.delivery.digest.department == "财务科"
    ]
    assert failed.status == "failed" and failed.kind in ("other", "unreachable")
    assert "SECRETKEY" not in failed.error and "SECRETKEY" not in "".join(
        reminder_record(store, INSPECTOR)["error"]
    )
    assert sum(o.status == "sent" for o in run.outcomes) == 4  # the others still went


def test_a_copy_another_run_has_claimed_is_not_sent_again(office, mailbox):
    from rectification.reminders import plan_deliveries
    from rectification.store import chasing as kept

    store, settings = office
    preview = chase(store, INSPECTOR, settings, now=MORNING, dry_run=True)
    planned, _ = plan_deliveries(preview.digests, kept.contacts(store), settings.remind_channels)
    taken = next(d for d in planned if d.recipient == "li@example.org")
    assert kept.claim(store, taken, MORNING.date())  # the other run, sending it right now
    run = chase(store, INSPECTOR, settings, now=MORNING, dry_run=False, pause=NO_PAUSE)
    by_recipient = {o.delivery.recipient: o.status for o in run.outcomes}
    assert by_recipient["li@example.org"] == "skipped"
    assert "li@example.org" not in [to[0] for to, _ in mailbox[0].received]
    assert not kept.claim(store, taken, MORNING.date())


def test_changing_a_contact_s_email_keeps_its_robot(office):
    store, _ = office
    set_contacts(store, [Contact("办公室", "leader", email="li.new@example.org")], ADMIN, keep=True)
    [leader] = [c for c in contact_list(store, ADMIN) if (c.department, c.role) == ("办公室", "leader")]
    assert (leader.email, leader.name, leader.robot, leader.secret) == (
        "li.new@example.org",
        "李四",
        "dingtalk",
        "SEC123",
    )


def test_unencrypted_mail_is_refused_to_a_server_that_is_not_this_computer(office, mailbox):
    store, settings = office
    with pytest.raises(BadSetting) as refused:
        chase(store, INSPECTOR, replace(settings, smtp_host="mail.example.org"), now=MORNING, dry_run=False)
    assert "mail.example.org" in refused.value.message("zh") and "starttls" in refused.value.message("zh")
    assert mailbox[0].received == []


def test_posts_to_one_robot_shared_by_departments_are_spaced_out(office, robots):
    store, settings = office
    _, base = robots
    set_contacts(
        store, [Contact("财务科", "head", "赵六", "", "dingtalk", f"{base}/dingtalk", "SEC123")], ADMIN
    )
    pauses = []
    run = chase(store, INSPECTOR, settings, now=MORNING, dry_run=False, pause=pauses.append)
    assert [o.status for o in run.outcomes] == ["sent"] * 5
    assert [path for path, _, _ in robots[0].posts] == ["/dingtalk", "/dingtalk"]
    assert pauses == [3.5]  # once, before the second post to the same robot


def test_the_record_is_read_for_one_problem_in_the_database_and_matched_exactly(office):
    store, settings = office
    chase(store, INSPECTOR, settings, now=MORNING, dry_run=False, pause=NO_PAUSE)
    from rectification.display import reminder_sentence

    for problem, sent in (("1", 3), ("2", 2)):
        log = reminder_record(store, INSPECTOR, problem=problem)
        assert len(log) == sent and all(problem in p.split("\n") for p in log["problems"])
    assert reminder_record(store, INSPECTOR, problem="%").empty  # LIKE's wildcard is only a character
    said = reminder_sentence(reminder_record(store, INSPECTOR, problem="1"), "1")
    assert said == "已于5月10日提级督办办公室（分管领导）。"


def test_a_login_refused_is_not_tried_again_a_second_later(office, secure_mailbox):
    store, settings = office
    _, port, security, ca_file = secure_mailbox
    secure = {"smtp_port": port, "smtp_security": security, "smtp_ca_file": ca_file}
    login = {"smtp_user": "xcb@example.org", "smtp_password": "wrong", "remind_channels": ("mail",)}
    settings = replace(settings, **secure, **login)
    pauses = []
    run = chase(
        store, INSPECTOR, settings, now=MORNING, department="财务科", dry_run=False, pause=pauses.append
    )
    assert [(o.status, o.kind, o.attempts) for o in run.outcomes] == [("failed", "login", 1)]
    assert pauses == []


def test_a_claim_left_by_a_run_that_died_is_taken_over_after_a_while(office, mailbox, monkeypatch):
    from rectification.reminders import plan_deliveries
    from rectification.store import chasing as kept

    store, settings = office
    preview = chase(store, INSPECTOR, settings, now=MORNING, dry_run=True)
    planned, _ = plan_deliveries(preview.digests, kept.contacts(store), settings.remind_channels)
    taken = next(d for d in planned if d.recipient == "li@example.org")
    assert kept.claim(store, taken, MORNING.date())  # then the run died: no record, claim kept
    monkeypatch.setattr(kept, "STALE_CLAIM", kept.STALE_CLAIM * 0)
    run = chase(store, INSPECTOR, settings, now=MORNING, dry_run=False, pause=NO_PAUSE)
    assert {o.delivery.recipient: o.status for o in run.outcomes}["li@example.org"] == "sent"


def test_a_new_robot_address_without_a_secret_is_not_signed_with_the_old_one_s(office):
    store, _ = office
    set_contacts(store, [Contact("办公室", "leader", webhook="https://oapi.dingtalk.com/robot/send?access_token=new")],
                 ADMIN, keep=True)  # fmt: skip
    [leader] = [c for c in contact_list(store, ADMIN) if (c.department, c.role) == ("办公室", "leader")]
    assert (leader.robot, leader.secret, leader.email) == ("dingtalk", "", "li@example.org")
