"""The departments page's 催办 section (issue 16): what today's reminders would say to whom, and
each department's 督办通知单, for those who may export the ledger."""

from tests.app.conftest import open_page


def test_the_departments_page_shows_todays_reminders_before_anything_is_sent(app, downloads):
    at = open_page(app, "pages/departments.py")
    [section] = [e for e in at.expander if e.label.startswith("催办")]
    assert section.label == "催办：今日3个部门有督办提醒"
    table = next(frame.value for frame in at.dataframe if "发送对象" in frame.value.columns)
    row = table.set_index("责任部门").loc["土地收购储备中心"]
    assert [row["发送对象"], row["逾期"], row["最长逾期天数"]] == ["主要负责人", 2, 30]
    at.selectbox(key="reminder_department").set_value("土地收购储备中心").run()
    said = "\n".join(text.value for text in at.text)
    assert "【整改督办提醒】土地收购储备中心（主要负责人）" in said and "ZY-04" in said
    assert "督办通知单_2023-06-30.docx" in downloads
    assert b"word/document.xml" in downloads["督办通知单_2023-06-30.docx"]()
