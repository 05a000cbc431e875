"""Every page on the sample: figures match the ledger, filters filter, links carry filters."""

import io

import pandas as pd
import pytest

from rectification.intake import check_file
from tests.app.conftest import app_on_sample, open_page
from tests.markdown_text import read

PAGES = ["dashboard.py", "pages/items.py", "pages/departments.py"]


def figures(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_sample(app, page):
    open_page(app, page)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_as_of_date(app, page):
    at = open_page(app, page)
    assert any("2023-06-30" in c.value for c in at.caption)


def test_headline_figures_equal_the_sample_counts(app, sample):
    at = open_page(app, "dashboard.py")
    counts = sample["status"].value_counts()
    assert figures(at) == {
        "问题总数": str(len(sample)),
        "已完成": str(counts.get("done", 0)),
        "已销号": "0",  # nothing verified yet: reported done and verified closed differ
        "推进中": str(counts.get("in_progress", 0)),
        "长期坚持": str(counts.get("long_term", 0)),
        "未启动": str(counts.get("pending", 0)),
        "尚未完成": str(len(sample) - counts.get("done", 0)),
        "逾期": str((sample["warning"] == "red").sum()),
        "完成率": f"{counts.get('done', 0) / len(sample):.1%}",
    }


def test_overview_summary_reads_like_a_published_notice(app, sample):
    at = open_page(app, "dashboard.py")
    done = (sample["status"] == "done").sum()
    assert at.info[0].value.startswith(f"截至2023年6月30日，{len(sample)}个问题已完成整改{done}个")


def test_overview_lists_red_and_yellow_items_linking_to_the_item_list(app, sample):
    at = open_page(app, "dashboard.py")
    urgent = sample[sample["warning"].isin(["red", "yellow"])]
    links = [p for p in at.page_link if p.proto.query_string.startswith("item=")]
    assert len(links) == len(urgent) > 0
    assert {p.proto.query_string for p in links} == {f"item={i}" for i in urgent["id"]}


CHART_KEYS = ("chart_burn_up", "chart_ageing", "chart_categories", "chart_departments", "chart_heatmap")


def charts_drawn(at) -> list[str]:
    """The keys of the charts the run drew (a chart's id holds its key)."""
    return sorted(key for chart in at.get("plotly_chart") for key in CHART_KEYS if key in chart.proto.id)


@pytest.mark.parametrize(
    ("tab", "drawn"),
    [
        (None, ["chart_ageing", "chart_categories"]),
        ("各部门完成率", ["chart_ageing", "chart_departments"]),
        ("未完成问题分布", ["chart_ageing", "chart_heatmap"]),
    ],
)
def test_the_overview_draws_only_the_breakdown_view_chosen(app, tab, drawn):
    at = open_page(app, "dashboard.py")
    tabs = ["各方面完成情况", "各部门完成率", "未完成问题分布"]
    assert [t.label for t in at.tabs] == tabs
    if tab:
        at.session_state["overview_breakdown"] = tab
        at.run()
    assert charts_drawn(at) == drawn


def test_the_view_chosen_is_kept_by_what_it_shows_not_by_its_title(app):
    # As the tabs' callback keeps it when a view is chosen; the English tabs are new widgets.
    app.session_state["_overview_breakdown_view"] = "heatmap"
    at = open_page(app, "dashboard.py", lang="en")
    assert charts_drawn(at) == ["chart_ageing", "chart_heatmap"]


# (URL key, value as the URL carries it, which sample rows should remain)
FILTERS = [
    ("category", "政治建设", lambda f: f["category"] == "政治建设"),
    ("department", "土地收购储备中心", lambda f: f["department"] == "土地收购储备中心"),
    ("status", "in_progress", lambda f: f["status"] == "in_progress"),
    ("warning", "red", lambda f: f["warning"] == "red"),
    ("q", "变电站", lambda f: f["problem"].str.contains("变电站") | f["progress"].str.contains("变电站")),
]


@pytest.mark.parametrize(("key", "value", "keep"), FILTERS, ids=[f[0] for f in FILTERS])
def test_a_url_with_a_filter_opens_the_overview_already_filtered(app, sample, key, value, keep):
    at = open_page(app, "dashboard.py", **{key: value})
    expected = sample[keep(sample)]
    assert 0 < len(expected) < len(sample)
    assert figures(at)["问题总数"] == str(len(expected))
    assert figures(at)["已完成"] == str((expected["status"] == "done").sum())


@pytest.mark.parametrize(("key", "value", "keep"), FILTERS, ids=[f[0] for f in FILTERS])
def test_each_sidebar_filter_narrows_the_item_list(app, sample, key, value, keep):
    at = open_page(app, "pages/items.py", all="true")
    assert len(at.dataframe[0].value) == len(sample)
    widget = at.text_input(key="q") if key == "q" else at.multiselect(key=key)
    widget.set_value(value if key == "q" else [value]).run()
    table = at.dataframe[0].value
    assert sorted(table["编号"]) == sorted(sample.loc[keep(sample), "id"])


def test_the_item_list_shows_open_items_unless_asked_for_all(app, sample):
    at = open_page(app, "pages/items.py")
    open_ids = sample.loc[sample["status"] != "done", "id"]
    assert sorted(at.dataframe[0].value["编号"]) == sorted(open_ids)
    at.toggle(key="all").set_value(True).run()
    assert len(at.dataframe[0].value) == len(sample)


@pytest.mark.parametrize(
    ("width", "columns"),
    [
        (None, ["编号", "预警", "整改状态", "问题类别", "问题描述", "责任部门", "整改时限", "整改进展"]),
        (620, ["编号", "预警", "整改状态", "问题描述", "责任部门", "整改时限"]),
        (500, ["编号", "预警", "整改状态", "问题描述", "责任部门"]),  # an 800 px window
    ],
)
def test_a_narrow_screen_keeps_the_columns_an_inspector_reads_first(app, width, columns):
    if width is not None:  # as the browser's probe reports it (web/viewport.py)
        app.session_state["_main_width"] = width
    at = open_page(app, "pages/items.py")
    assert list(at.dataframe[0].proto.column_order) == columns


def test_a_linked_item_is_shown_in_full(app, sample):
    finding = sample.iloc[3]
    at = open_page(app, "pages/items.py", item=finding["id"])
    text = " ".join(m.value for m in at.markdown)
    assert finding["problem"] in text.replace("\\", "")
    assert finding["progress"] in text.replace("\\", "")


def test_exports_hold_exactly_the_filtered_rows(app, sample, downloads):
    at = open_page(app, "pages/items.py", category="营商环境", all="true")
    shown = sorted(at.dataframe[0].value["编号"])
    xlsx = check_file(downloads["问题清单_2023-06-30.xlsx"](), "问题清单.xlsx")  # read back as a ledger
    csv = pd.read_csv(io.BytesIO(downloads["问题清单_2023-06-30.csv"]()), encoding="utf-8-sig", dtype=str)
    assert xlsx.accepted and xlsx.as_of.isoformat() == "2023-06-30"
    assert sorted(xlsx.findings["id"]) == sorted(csv["编号"]) == shown
    assert shown == sorted(sample.loc[sample["category"] == "营商环境", "id"])


def test_departments_page_compares_every_department(app, sample):
    at = open_page(app, "pages/departments.py")
    table = at.dataframe[0].value.set_index("责任部门")
    expected = sample.groupby("department").size()
    assert table["问题数"].to_dict() == expected.to_dict()
    worst = table.index[0]
    assert table.loc[worst, "完成率"] == table["完成率"].min()


def test_choosing_a_department_scopes_its_figures_and_open_items(app, sample):
    at = open_page(app, "pages/departments.py", dept="企业服务中心")
    mine = sample[sample["department"] == "企业服务中心"]
    assert figures(at)["问题总数"] == str(len(mine))
    open_ids = sorted(mine.loc[mine["status"] != "done", "id"])
    assert sorted(at.dataframe[1].value["编号"]) == open_ids


def test_english_labels_with_lang_en(app, sample):
    at = open_page(app, "dashboard.py", lang="en")
    assert figures(at)["Findings"] == str(len(sample))
    assert "Completion rate" in figures(at)
    assert at.info[0].value.startswith("As of 30 June 2023")
    at.switch_page("pages/items.py").run()
    assert "Finding" in at.dataframe[0].value.columns


PLACEHOLDERS = [("zh", "选择或输入部门"), ("en", "Choose or type departments")]


@pytest.mark.parametrize(("lang", "placeholder"), PLACEHOLDERS)
def test_the_admin_department_picker_speaks_the_pages_language(app, lang, placeholder):
    at = open_page(app, "pages/admin.py", lang=lang)
    assert at.multiselect(key="member_departments").proto.placeholder == placeholder


@pytest.mark.parametrize(
    ("variable", "value"), [("RECTIFICATION_WARNING_DAYS", "abc"), ("RECTIFICATION_AUTH", "odic")]
)
def test_a_bad_setting_shows_a_message_naming_it_instead_of_the_page(app, monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    app.run()
    assert not app.exception
    assert any(variable in read(error.value) and value in read(error.value) for error in app.error)
    assert not app.metric  # nothing is shown as if the setting were fine


@pytest.mark.parametrize("page", ["dashboard.py", "pages/items.py", "pages/departments.py"])
def test_a_refused_sample_is_said_on_every_page_with_what_to_fix(tmp_path, monkeypatch, page):
    from tests.workbooks import xlsx

    rows = [["序号", "问题类别", "问题描述", "整改时限"], ["1", "党建", "学习不深入", "2024-02-30"]]
    at = app_on_sample(tmp_path, monkeypatch, xlsx({"台账": rows})).run()
    if page != "dashboard.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    assert [read(e.value) for e in at.error] == ["示例台账“sample.xlsx”未能导入，共1处问题需修改："]
    listed = [m.value for m in at.markdown if "2024\\-02\\-30" in m.value]
    assert len(listed) == 1 and listed[0].startswith("- 工作表“台账”第2行，列“整改时限”："), listed
    assert [i.value for i in at.info] == ["还没有任何台账版本。请先在“上传”页导入整改台账。"]
