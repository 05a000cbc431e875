"""The notices page: the seed notice uploaded becomes a version; the page writes the next one."""

from datetime import date
from pathlib import Path
from unittest import mock

from docx import Document

from rectification.store import Store
from tests.builders import SEED_NOTICE

SEED = SEED_NOTICE.read_bytes()


def test_the_seed_notice_imported_updates_the_ledgers_items_and_keeps_their_fields(app, fresh_store):
    # The sample is the seed notice transcribed with ids, departments and deadlines: importing the
    # notice must match all 30 items, not replace them with id-less, department-less look-alikes.
    app.run()  # the empty store takes the sample as version 1
    store = Store.open(fresh_store)
    before = store.findings(store.version().id)
    store.engine.dispose()
    app.switch_page("pages/report.py").run()
    app.file_uploader[0].upload("通报.txt", SEED).run()
    assert not app.exception
    assert any("读出30个问题，5个类别" in m.value for m in app.markdown)
    assert any("其中30个是当前台账已有的问题" in c.value for c in app.caption)
    assert [m.value for m in app.metric][:4] == ["0", "30", "0", "0"]  # the notice adds unit and round
    assert app.selectbox(key="report_version").value == 1
    progress_date = app.date_input[0]
    assert progress_date.value == date.today()  # the seed states no date
    progress_date.set_value(date(2023, 6, 30)).run()
    app.button(key="report_confirm").click().run()
    assert any("已保存为第2版" in s.value for s in app.success)
    assert app.selectbox(key="report_version").value == 2  # the writer follows the new version
    store = Store.open(fresh_store)
    version = store.version()
    after = store.findings(version.id)
    store.engine.dispose()
    assert (version.id, version.mode, version.as_of) == (2, "merge", date(2023, 6, 30))
    for name in ("id", "category", "department", "deadline", "status", "progress"):
        assert after[name].equals(before[name]), name
    assert set(after["round"]) == {"六届区委“机动式”巡察"}


def test_pasted_text_that_is_not_a_notice_is_refused_and_saves_nothing(app, fresh_store):
    app.run()
    app.switch_page("pages/report.py").run()
    app.text_area(key="report_paste_0").set_value("会议纪要\n今天开了个会。").run()
    assert app.error and not [b for b in app.button if b.key == "report_confirm"]


def test_the_page_writes_a_word_notice_from_the_current_version(app, downloads, tmp_path):
    app.run()
    app.switch_page("pages/report.py").run()
    assert not app.exception
    content = downloads["整改进展情况通报.docx"]()
    path = tmp_path / "notice.docx"
    path.write_bytes(content)
    paragraphs = [p for p in Document(str(path)).paragraphs if p.text]
    assert paragraphs[0].text == "关于巡察整改进展情况的通报"  # the sample names no unit or round
    assert paragraphs[1].text.startswith("截至2023年6月30日，30个问题已完成整改21个")
    assert (
        paragraphs[2].style.name == "Heading 1"
        and paragraphs[2].text == "（一）关于政治建设方面问题的整改情况"
    )
    assert Path(path).stat().st_size > 0


UNIT, ROUND = "中共长春市二道经济开发区工作委员会", "六届区委“机动式”巡察"


def open_report(app):
    app.run()
    app.switch_page("pages/report.py").run()
    assert not app.exception
    return app


def preview(app) -> list[str]:
    return [m.value for m in app.markdown]


def test_the_unit_and_round_boxes_start_empty_when_the_ledger_names_neither(app):
    open_report(app)
    assert [app.text_input(key=k).value for k in ("report_notice_unit", "report_notice_round")] == ["", ""]
    assert "#### 关于巡察整改进展情况的通报" in preview(app)


def test_the_unit_and_round_typed_change_the_preview_title_closing_and_sign_off(app):
    open_report(app)
    app.text_input(key="report_notice_unit").set_value(UNIT)
    app.text_input(key="report_notice_round").set_value(ROUND).run()
    shown = preview(app)
    assert f"#### {UNIT}关于{ROUND}整改进展情况的通报" in shown
    assert f"欢迎广大干部群众对{ROUND}整改落实情况进行监督。如有意见建议，请及时向我们反映。" in shown
    assert f"{UNIT}  \n2023年6月30日" in shown


def test_the_word_notice_downloaded_carries_the_unit_and_round_typed(app, downloads, tmp_path):
    open_report(app)
    app.text_input(key="report_notice_unit").set_value(UNIT)
    app.text_input(key="report_notice_round").set_value(ROUND).run()
    path = tmp_path / "notice.docx"
    path.write_bytes(downloads["整改进展情况通报.docx"]())
    texts = [p.text for p in Document(str(path)).paragraphs if p.text]
    assert texts[0].replace("\n", "") == f"{UNIT}关于{ROUND}整改进展情况的通报"
    assert texts[-2:] == [UNIT, "2023年6月30日"]


def test_markup_typed_as_the_unit_is_shown_as_text(app):
    open_report(app)
    app.text_input(key="report_notice_unit").set_value("**某单位**<b>x</b>").run()
    title = next(m for m in preview(app) if m.startswith("#### "))
    assert "\\*\\*某单位\\*\\*" in title and "<b>" not in title


def test_the_boxes_are_filled_from_a_ledger_that_names_its_unit_and_round(app, fresh_store):
    open_report(app)
    app.file_uploader[0].upload("通报.txt", SEED).run()
    app.button(key="report_confirm").click().run()  # the seed's title gives unit and round
    assert not app.exception
    assert app.text_input(key="report_notice_unit").value == UNIT
    assert app.text_input(key="report_notice_round").value == ROUND
    assert f"#### {UNIT}关于{ROUND}整改进展情况的通报" in preview(app)
    # Version 1 (the sample) names neither: choosing it empties the boxes and the title.
    app.selectbox(key="report_version").select(1).run()
    assert app.text_input(key="report_notice_unit").value == ""
    assert app.text_input(key="report_notice_round").value == ""
    assert "#### 关于巡察整改进展情况的通报" in preview(app)


def test_the_page_reads_the_current_version_once_and_not_again_for_a_pasted_notice(app, fresh_store):
    reads = []
    original = Store.findings

    def counted(self, version_id):
        reads.append(version_id)
        return original(self, version_id)

    with mock.patch.object(Store, "findings", counted):
        app.switch_page("pages/report.py").run()
        assert not app.exception
        assert reads == [1]  # the sample, read once for the sidebar, the notice, its unit and round
        app.text_area[0].set_value(SEED.decode("utf-8")).run()
        assert not app.exception
        assert reads == [1]  # matching the pasted notice uses the version already loaded
