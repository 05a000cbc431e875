"""Problems broken into tasks (整改任务), through the pages: a problem counts once with the
status its tasks give it, its detail lists the tasks, and departments are judged on their tasks."""

import pytest

from tests.app.conftest import app_on_sample
from tests.core.test_measures import MERGED_ROWS
from tests.workbooks import xlsx

# Problem 1 has three tasks: 办公室 done, 机关党委 under way, 办公室 long-term; problem 2 two
# tasks of 财务科, both done; problem 3 one task of 办公室, not started.
MERGED = [f"{c}2:{c}4" for c in "ABC"] + [f"{c}5:{c}6" for c in "ABC"]


@pytest.fixture
def measures_app(tmp_path, monkeypatch):
    """The app on a store whose first version is a ledger merged over its measures."""
    rows = [
        ["某单位整改台账（截至2023年6月30日）"],
        *[[c if c != "" else None for c in r] for r in MERGED_ROWS],
    ]
    merged = [
        f"{c}{int(a[1:]) + 1}:{c}{int(b[1:]) + 1}" for c, (a, b) in ((m[0], m.split(":")) for m in MERGED)
    ]
    return app_on_sample(tmp_path, monkeypatch, xlsx({"台账": rows}, {"台账": merged}), "measures.xlsx")


def test_the_overview_counts_problems_once_and_states_the_tasks_beside_them(measures_app):
    at = measures_app.run()
    assert not at.exception, at.exception
    shown = {m.label: m.value for m in at.metric}
    assert (shown["问题总数"], shown["已完成"], shown["完成率"]) == ("3", "1", "33.3%")
    line = next(m.value for m in at.markdown if "分解整改任务" in m.value)
    assert "反馈问题3个，分解整改任务6项；已完成整改任务3项，任务完成率50.0%" in line


def test_a_problems_detail_lists_its_tasks_with_their_own_departments_and_statuses(measures_app):
    at = measures_app
    at.query_params["item"] = "1"
    at.query_params["all"] = "true"
    at.run()
    at.switch_page("pages/items.py").run()
    assert not at.exception, at.exception
    listed = next(d.value for d in at.dataframe if "整改任务数" in d.value.columns)
    assert listed.set_index("编号")["整改任务数"].to_dict() == {"1": 3, "2": 2, "3": 1}
    assert listed.set_index("编号").loc["1", "整改状态"] == "推进中"
    tasks = next(d.value for d in at.dataframe if "任务序号" in d.value.columns)
    assert tasks["任务序号"].tolist() == ["1.1", "1.2", "1.3"]
    assert tasks["责任部门"].tolist() == ["办公室", "机关党委", "办公室"]
    assert tasks["整改状态"].tolist() == ["已完成", "推进中", "长期坚持"]


def test_the_task_list_filters_on_each_tasks_own_department(measures_app):
    at = measures_app
    at.query_params["tasks"] = "true"
    at.query_params["department"] = "机关党委"
    at.run()
    at.switch_page("pages/items.py").run()
    assert not at.exception, at.exception
    tasks = next(d.value for d in at.dataframe if "任务序号" in d.value.columns)
    assert tasks["任务序号"].tolist() == ["1.2"]


def test_departments_are_compared_on_their_tasks_beside_the_problems_they_lead(measures_app):
    at = measures_app.run()
    at.switch_page("pages/departments.py").run()
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if "牵头问题数" in d.value.columns).set_index("责任部门")
    assert table.loc["办公室", ["整改任务数", "牵头问题数", "已完成"]].tolist() == [3, 2, 1]
    assert table.loc["机关党委", ["整改任务数", "牵头问题数"]].tolist() == [1, 0]
    assert table.loc["财务科", ["整改任务数", "牵头问题数", "已完成"]].tolist() == [2, 1, 2]


@pytest.mark.parametrize(
    ("department", "tasks"),
    [
        (None, ["1.2", "1.3", "3"]),  # the open tasks
        ("机关党委", ["1.2"]),  # one department's task of a shared problem, not the others'
    ],
)
def test_the_task_list_exports_exactly_the_tasks_it_shows(measures_app, downloads, department, tasks):
    from rectification.intake import check_file

    at = measures_app
    at.query_params["tasks"] = "true"
    if department:
        at.query_params["department"] = department
    at.run()
    at.switch_page("pages/items.py").run()
    assert not at.exception, at.exception
    (name,) = [n for n in downloads if n.endswith(".xlsx")]
    check = check_file(downloads[name](), name)
    assert check.measures["measure_id"].tolist() == tasks


def test_a_departments_lists_show_the_most_urgent_first_and_link_to_the_rest(measures_app, monkeypatch):
    from rectification.web import widgets

    monkeypatch.setattr(widgets, "LIST_ROWS", 1)
    at = measures_app
    at.query_params["dept"] = "办公室"
    at.run()
    at.switch_page("pages/departments.py").run()
    assert not at.exception, at.exception
    tasks = next(d.value for d in at.dataframe if "任务序号" in d.value.columns)
    assert tasks["任务序号"].tolist() == ["3"]  # of its open tasks 1.3 (长期坚持) and 3, the dated one
    said = [c.value for c in at.caption]
    assert "共2项，此处列出最紧急的1项。" in said
    assert department_links(at) == {"department=%E5%8A%9E%E5%85%AC%E5%AE%A4&tasks=true"}
    # The problems it leads, one tab on: drawn when chosen, with their own link to the rest.
    assert [t.label for t in at.tabs] == ["未完成的整改任务", "牵头整改的问题", "各方面完成情况"]
    at.session_state["department_views"] = "牵头整改的问题"
    at.run()
    led = next(d.value for d in at.dataframe if "编号" in d.value.columns and "任务序号" not in d.value)
    assert len(led) == 1
    assert department_links(at) == {"department=%E5%8A%9E%E5%85%AC%E5%AE%A4&all=true"}


def department_links(at) -> set[str]:
    return {p.proto.query_string for p in at.page_link if "department=" in p.proto.query_string}


def test_a_link_that_names_a_filter_sets_it_on_arrival_over_the_one_kept(measures_app):
    at = measures_app
    at.query_params["tasks"] = "true"
    at.query_params["all"] = "true"
    at.run()
    at.switch_page("pages/items.py").run()
    at.query_params["department"] = "机关党委"
    at.switch_page("pages/departments.py").run()
    at.query_params["department"] = "财务科"
    at.switch_page("pages/items.py").run()
    assert not at.exception, at.exception
    tasks = next(d.value for d in at.dataframe if "任务序号" in d.value.columns)
    assert tasks["任务序号"].tolist() == ["2.1", "2.2"]
