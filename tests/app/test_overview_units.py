"""A ledger of a whole round (several inspected units): the overview compares them first, and
the sidebar's 被巡察单位 narrows every figure to one (issue 14)."""

import pytest

from tests.app.conftest import app_on_sample, open_page
from tests.builders import ROUND_LEDGER


@pytest.fixture
def app(tmp_path, monkeypatch):
    return app_on_sample(tmp_path, monkeypatch, ROUND_LEDGER, "round.xlsx")


def metric(at, name):
    return next(m.value for m in at.metric if m.label == name)


def test_the_overview_compares_the_units_lowest_completion_first(app):
    at = open_page(app)
    table = next(frame.value for frame in at.dataframe if "被巡察单位" in frame.value.columns)
    assert table["被巡察单位"].tolist() == ["乙街道", "甲镇", "丙局"]
    assert table["问题数"].tolist() == [3, 2, 1]
    assert table["逾期"].tolist() == [2, 1, 0]
    said = at.info[0].value.replace("\\", "")  # shown inert: the sheet's names are escaped
    assert "完成率低于总体的被巡察单位：乙街道（0.0%，逾期2个）" in said


def test_choosing_a_unit_narrows_every_figure_and_drops_the_comparison(app):
    at = open_page(app, unit="乙街道")
    assert at.multiselect(key="unit").value == ["乙街道"]
    assert metric(at, "问题总数") == "3"
    assert not any("被巡察单位" in frame.value.columns for frame in at.dataframe)


def test_a_ledger_of_one_unit_has_neither_the_comparison_nor_the_unit_filter():
    from streamlit.testing.v1 import AppTest

    from tests.builders import ROOT

    at = open_page(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60))
    assert not any(widget.key == "unit" for widget in at.multiselect)
    assert not any("被巡察单位" in frame.value.columns for frame in at.dataframe)


def test_departments_are_compared_within_one_unit_not_by_name_across_units(app):
    # 乙街道's 办公室 (B-2, not started) and 丙局's (C-1, done) are two offices, not one at 50%.
    at = open_page(app)
    # Of the breakdown's views only the categories': no tabs, so no department chart to choose.
    assert not at.tabs
    assert [h.value for h in at.subheader if h.value == "各方面完成情况"] == ["各方面完成情况"]
    assert not any("chart_departments" in chart.proto.id for chart in at.get("plotly_chart"))
    assert any("选定一个单位后，再看各部门情况" in caption.value for caption in at.caption)
    at = open_page(app, "pages/departments.py")
    assert "选定一个单位后，再看各部门情况" in at.info[0].value
    at.multiselect(key="unit").set_value(["乙街道"]).run()
    table = next(frame.value for frame in at.dataframe if "责任部门" in frame.value.columns)
    assert sorted(table["责任部门"]) == ["党工委", "办公室", "财务科"]
    assert table.loc[table["责任部门"] == "办公室", "完成率"].item() == 0.0


def test_the_attention_list_names_each_items_unit(app):
    at = open_page(app)
    lines = [m.value for m in at.markdown if "红色·逾期" in m.value]
    assert lines and all(any(unit in line for unit in ("甲镇", "乙街道", "丙局")) for line in lines)
