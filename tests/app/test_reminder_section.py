"""The departments page's 催办 section (issue 16): what today's reminders would say to whom, and
each department's 督办通知单, for those who may export the ledger."""

from tests.app.conftest import open_page
from tests.local_servers import mail_through


def chase_opened(at):
    """The departments page with its 催办 section opened, as a click on its heading does."""
    at.session_state["chase_section"] = True
    return at.run()


def test_the_chase_section_draws_nothing_until_it_is_opened(app):
    at = open_page(app, "pages/departments.py")
    [section] = [e for e in at.expander if e.label.startswith("催办")]
    assert section.label == "催办：今日3个部门有督办提醒"
    assert not section.children and not any("发送对象" in frame.value.columns for frame in at.dataframe)
    chase_opened(at)
    [section] = [e for e in at.expander if e.label.startswith("催办")]
    assert section.children


def test_the_departments_page_shows_todays_reminders_before_anything_is_sent(app, downloads):
    at = chase_opened(open_page(app, "pages/departments.py"))
    table = next(frame.value for frame in at.dataframe if "发送对象" in frame.value.columns)
    row = table.set_index("责任部门").loc["土地收购储备中心"]
    assert [row["发送对象"], row["逾期"], row["最长逾期天数"]] == ["主要负责人", 2, 30]
    at.selectbox(key="reminder_department").set_value("土地收购储备中心").run()
    said = "\n".join(text.value for text in at.text)
    assert "【整改督办提醒】土地收购储备中心（主要负责人）" in said and "ZY-04" in said
    assert "督办通知单_2023-06-30.docx" in downloads
    assert b"word/document.xml" in downloads["督办通知单_2023-06-30.docx"]()


def chase_office(url, port, monkeypatch):
    """The sample's store with two contacts of 土地收购储备中心, and mail through the local server."""
    from dataclasses import replace

    from rectification.access import Identity
    from rectification.reminders import Contact
    from rectification.service import open_store, set_contacts
    from rectification.settings import load_settings

    store = open_store(replace(load_settings(), database_url=url))
    admin = Identity("管理员", "admin", frozenset({"*"}))
    entered = [
        Contact("土地收购储备中心", "officer", "张三", "zhang@example.org"),
        Contact("土地收购储备中心", "head", "赵六", "zhao@example.org"),
    ]
    set_contacts(store, entered, admin)
    store.engine.dispose()
    mail_through(monkeypatch, port)


def test_an_inspector_sees_who_gets_which_copy_then_sends_after_confirming(
    app, fresh_store, mailbox, monkeypatch
):
    box, port = mailbox
    chase_office(fresh_store, port, monkeypatch)
    at = chase_opened(open_page(app, "pages/departments.py"))
    copies = next(frame.value for frame in at.dataframe if "接收方" in frame.value.columns)
    assert list(zip(copies["发送对象"], copies["接收方"], strict=True)) == [
        ("经办人", "zhang@example.org"),
        ("主要负责人", "zhao@example.org"),
    ]
    # The other two departments have tasks due soon only: their officer's copy, and no contact.
    unreachable = [w.value.split("未登记")[0] for w in at.warning if "未登记" in w.value]
    assert sorted(unreachable) == ["企业服务中心", "规划建设部"]
    assert box.received == []  # nothing goes before the confirmation
    at.button(key="send").click().run()
    assert box.received == []
    at.button(key="send_confirmed").click().run()
    assert not at.exception, at.exception
    assert sorted(to[0] for to, _ in box.received) == ["zhang@example.org", "zhao@example.org"]
    assert any("本次发送2份，失败0份" in s.value for s in at.success)
    record = next(frame.value for frame in at.dataframe if "结果" in frame.value.columns)
    assert list(record["结果"]) == ["已发送", "已发送"]
    # Sent today: said beside each copy, and no send is offered again.
    copies = next(frame.value for frame in at.dataframe if "接收方" in frame.value.columns)
    assert list(copies["今日"]) == ["已发送", "已发送"]
    assert not [b for b in at.button if b.key == "send"]
    assert any("今日提醒均已发送" in c.value for c in at.caption)


def test_an_admin_enters_a_contact_on_the_admin_page(app, fresh_store):
    at = open_page(app, "pages/admin.py")
    at.selectbox(key="contact_department").set_value("土地收购储备中心")
    at.selectbox(key="contact_role").set_value("leader")
    at.text_input(key="contact_email").input("li@example.org")
    at.button(key="FormSubmitter:contact_form-保存").click().run()
    assert not at.exception, at.exception
    table = next(frame.value for frame in at.dataframe if "邮箱" in frame.value.columns)
    assert list(zip(table["责任部门"], table["角色"], table["邮箱"], strict=True)) == [
        ("土地收购储备中心", "分管领导", "li@example.org")
    ]
    at.text_input(key="contact_email").input("not-an-address")
    at.button(key="FormSubmitter:contact_form-保存").click().run()
    assert any("邮箱格式不正确" in e.value for e in at.error)
