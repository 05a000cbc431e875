"""Department staff upload, see what will change, confirm; leadership sees the new figures;
history lists, restores and traces. Each test has a store of its own."""

import json

import pytest

from rectification.store import Store
from tests.builders import HEADER, sheet
from tests.workbooks import xlsx

# ZY-04 (土地收购储备中心) reported done, and one new finding.
DEPARTMENT_SHEET = xlsx(
    {
        "台账": [
            ["土地收购储备中心整改进展"],
            HEADER,
            ["ZY-04", "主责主业", "未按要求制定土地储备计划", "土地收购储备中心", "2023-05-31",
             "已制定年度土地储备计划并报批", "已完成"],
            ["ZY-07", "主责主业", "收储档案不完整", "土地收购储备中心", "2023-09-30", "", "未完成"],
        ]
    }
)  # fmt: skip
BAD_SHEET = sheet(["ZY-04", "主责主业", "x", "", "2023-02-30", "", "差不多"])


def figures(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def table_with(at, column: str):
    """The first table on the page that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def versions(url: str) -> list[int]:
    store = Store.open(url)
    try:
        return [v.id for v in store.versions()]
    finally:
        store.engine.dispose()


@pytest.fixture
def upload_page(app, fresh_store):
    app.run()
    app.switch_page("pages/upload.py").run()
    assert not app.exception
    return app


def upload(at, name: str, content: bytes):
    at.file_uploader[0].upload(name, content).run()
    assert not at.exception
    return at


def test_a_department_sheet_is_previewed_then_saved_as_a_new_version(upload_page, fresh_store, sample):
    at = upload(upload_page, "土地中心.xlsx", DEPARTMENT_SHEET)
    preview = figures(at)
    assert (preview["新增"], preview["修改"]) == ("1", "1")
    assert preview["表中未出现（保留不变）"] == str(len(sample) - 1)
    changes = table_with(at, "原值")
    assert set(changes["字段"]) == {"整改进展", "整改状态"}
    assert "已完成" in set(changes["新值"]) and "推进中" in set(changes["原值"])
    assert versions(fresh_store) == [1]  # nothing saved before the confirmation

    at.button(key="upload_confirm").click().run()
    assert "已保存为第2版" in at.success[0].value
    assert versions(fresh_store) == [1, 2]

    at.switch_page("dashboard.py").run()
    done = (sample["status"] == "done").sum()
    assert figures(at)["问题总数"] == str(len(sample) + 1)
    assert figures(at)["已完成"] == str(done + 1)
    assert at.metric[1].proto.delta == "1"  # change since the previous version


def test_a_rerun_after_saving_never_saves_twice_and_the_uploader_is_empty(upload_page, fresh_store):
    at = upload(upload_page, "土地中心.xlsx", DEPARTMENT_SHEET)
    at.button(key="upload_confirm").click().run()
    at.run()
    at.run()
    assert versions(fresh_store) == [1, 2]
    assert at.file_uploader[0].value is None or at.file_uploader[0].value == []


def test_a_bad_sheet_shows_every_error_and_saves_nothing(upload_page, fresh_store):
    at = upload(upload_page, "bad.xlsx", BAD_SHEET)
    assert at.error and "没有保存任何内容" in at.error[0].value
    errors = table_with(at, "说明")
    assert errors[["行", "列"]].values.tolist() == [["2", "整改时限"], ["2", "整改状态"]]
    assert not [b for b in at.button if b.key == "upload_confirm"]
    assert versions(fresh_store) == [1]


def test_a_flag_about_the_whole_workbook_has_a_blank_row_not_none(upload_page, fresh_store):
    row = ["ZY-04", "主责主业", "x", "", "", "", "推进中"]
    two_sheets = xlsx({"说明": [["填表说明"]], "台账": [HEADER, row]})
    at = upload(upload_page, "two.xlsx", two_sheets)
    warnings = table_with(at, "说明")
    chosen = warnings[warnings["说明"].str.contains("工作表")]
    assert chosen["行"].tolist() == [""]


def test_the_same_content_again_offers_nothing_to_save(upload_page, fresh_store):
    at = upload(upload_page, "土地中心.xlsx", DEPARTMENT_SHEET)
    at.button(key="upload_confirm").click().run()
    at = upload(at, "土地中心-再次.xlsx", DEPARTMENT_SHEET)
    assert any("不会生成新版本" in i.value for i in at.info)
    assert not [b for b in at.button if b.key == "upload_confirm"]
    assert versions(fresh_store) == [1, 2]


def test_history_lists_versions_and_restores_an_old_one(upload_page, fresh_store):
    at = upload(upload_page, "土地中心.xlsx", DEPARTMENT_SHEET)
    at.button(key="upload_confirm").click().run()
    at.switch_page("pages/history.py").run()
    assert not at.exception
    table = table_with(at, "操作人")
    assert table["版本"].tolist() == [2, 1]
    at.selectbox(key="history_version").select(1).run()
    at.button(key="history_restore").click().run()
    # Previewed like an upload: what it changes, and nothing saved until confirmed.
    assert any("恢复第1版" in s.value for s in at.subheader)
    assert versions(fresh_store) == [1, 2]
    at.button(key="restore_confirm").click().run()
    assert "已保存为第3版" in at.success[0].value
    assert versions(fresh_store) == [1, 2, 3]


def test_a_restore_put_away_saves_nothing(upload_page, fresh_store):
    at = upload(upload_page, "土地中心.xlsx", DEPARTMENT_SHEET)
    at.button(key="upload_confirm").click().run()
    at.switch_page("pages/history.py").run()
    at.selectbox(key="history_version").select(1).run()
    at.button(key="history_restore").click().run()
    at.button(key="history_restore_cancel").click().run()
    assert not [b for b in at.button if b.key == "restore_confirm"]
    assert versions(fresh_store) == [1, 2]


def test_an_items_history_shows_its_status_in_each_version(upload_page, fresh_store):
    at = upload(upload_page, "土地中心.xlsx", DEPARTMENT_SHEET)
    at.button(key="upload_confirm").click().run()
    at.query_params["item"] = "ZY-04"
    at.switch_page("pages/items.py").run()
    timeline = table_with(at, "操作人")
    assert timeline["整改状态"].tolist() == ["推进中", "已完成"]
    at.switch_page("pages/history.py").run()
    at.text_input(key="item").set_value("ZY-04").run()
    assert table_with(at, "整改进展")["版本"].tolist() == [1, 2]


def trend_points(at) -> list[float]:
    """The completion rates (%) the history page's trend chart draws."""
    chart = next(c for c in at.get("plotly_chart") if "chart_trend" in c.proto.id)
    return json.loads(chart.proto.spec)["data"][0]["y"]


def test_the_history_trend_follows_the_department_filter_and_says_the_others_do_not_apply(
    upload_page, fresh_store
):
    at = upload(upload_page, "土地中心.xlsx", DEPARTMENT_SHEET)
    at.button(key="upload_confirm").click().run()
    at.switch_page("pages/history.py").run()
    assert trend_points(at) == [70.0, 71.0]  # the ledger: 21/30, then 22/31
    assert not [c for c in at.caption if "侧栏" in c.value]

    at.multiselect(key="department").set_value(["土地收购储备中心"]).run()
    at.multiselect(key="category").set_value(["主责主业"]).run()
    store = Store.open(fresh_store)
    expected = (store.trend(("土地收购储备中心",))["rate"] * 100).round(1).tolist()
    store.engine.dispose()
    assert trend_points(at) == expected and expected != [70.0, 71.0]
    captions = [c.value for c in at.caption]
    assert any("趋势只统计侧栏所选部门：土地收购储备中心" in c for c in captions)
    assert any("类别、状态、预警和关键词不影响本页" in c for c in captions)


def test_a_ledger_of_problems_merged_over_their_measures_is_counted_per_problem(upload_page, fresh_store):
    from tests.core.test_measures import MERGED_ROWS

    merged = [f"{c}2:{c}4" for c in "ABC"] + [f"{c}5:{c}6" for c in "ABC"]
    rows = [[cell if cell != "" else None for cell in row] for row in MERGED_ROWS]
    at = upload_page
    at.segmented_control(key="upload_mode").set_value("replace").run()
    at = upload(at, "merged.xlsx", xlsx({"台账": rows}, {"台账": merged}))
    at.button(key="upload_confirm").click().run()
    assert "已保存为第2版" in at.success[0].value
    at.switch_page("dashboard.py").run()
    shown = figures(at)
    # Problem 1 has a measure under way: of three problems one is done, not two.
    assert (shown["问题总数"], shown["已完成"], shown["推进中"], shown["未启动"]) == ("3", "1", "1", "1")
    assert shown["尚未完成"] == "2"
    assert shown["完成率"] == "33.3%"
