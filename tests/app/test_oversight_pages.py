"""Issue 13 through the pages: a department's upload states the as-of date it keeps and asks why a
deadline is pushed back; the inspector decides the request on the item page; the overview and
the departments page say what waits and what changed quietly."""

import pytest

from tests.app.test_access import signed_in  # noqa: F401  (a fixture)
from tests.app.test_upload_history import figures, versions
from tests.builders import sheet
from tests.markdown_text import read

# ZY-04 of the sample (土地收购储备中心, due 2023-05-31: overdue at 2023-06-30), pushed back.
PUSHED_BACK = sheet(
    ["ZY-04", "主责主业", "未按要求制定土地储备计划", "土地收购储备中心", "2023-09-30", "正在制定", "推进中"]
)


@pytest.fixture
def pushed_back(signed_in, fresh_store):  # noqa: F811
    """The land office's upload previewed, not yet saved."""
    at = signed_in("land@example.org", "pages/upload.py")
    at.file_uploader[0].upload("土地中心.xlsx", PUSHED_BACK).run()
    assert not at.exception
    return at


def test_the_preview_says_the_as_of_date_kept_and_asks_why_the_deadline_is_pushed_back(
    pushed_back, fresh_store
):
    at = pushed_back
    (as_of,) = [d for d in at.date_input if d.label == "新版本截至日期"]
    assert str(as_of.value) == "2023-06-30"
    assert any("沿用台账当前截至日期" in c.value for c in at.caption)
    assert any("延期申请" in w.value for w in at.warning)
    at.button(key="upload_confirm").click().run()
    assert any("延期理由" in read(e.value) for e in at.error)
    assert versions(fresh_store) == [1]  # refused: nothing saved

    at.text_input(key="upload_reason").set_value("规划调整，需等待审批").run()
    at.button(key="upload_confirm").click().run()
    assert versions(fresh_store) == [1, 2]


def test_the_inspector_approves_on_the_item_page_and_only_then_the_item_stops_being_overdue(
    pushed_back,
    signed_in,  # noqa: F811
):
    at = pushed_back
    at.text_input(key="upload_reason").set_value("规划调整，需等待审批").run()
    at.button(key="upload_confirm").click().run()

    leader = signed_in("leader@example.org")
    overdue = figures(leader)["逾期"]
    assert any("待审批延期申请1项" in w.value for w in leader.warning)

    inspector = signed_in("inspector@example.org", "pages/items.py", item="ZY-04", all="true")
    assert any("待审批" in str(d.value.values.tolist()) for d in inspector.dataframe)
    inspector.text_input(key="extension_note").set_value("同意延期至9月底")
    approve = next(b for b in inspector.button if b.label == "批准延期")
    approve.click().run()
    assert not inspector.exception
    assert any("已批准" in s.value for s in inspector.success)

    leader = signed_in("leader@example.org")
    assert int(figures(leader)["逾期"]) == int(overdue) - 1
    assert not any("待审批延期" in w.value for w in leader.warning)


def test_a_department_sees_its_request_waiting_but_cannot_decide_it(pushed_back, signed_in):  # noqa: F811
    at = pushed_back
    at.text_input(key="upload_reason").set_value("规划调整").run()
    at.button(key="upload_confirm").click().run()
    own = signed_in("land@example.org", "pages/items.py", item="ZY-04", all="true")
    assert any("待巡察办审批" in c.value for c in own.caption)
    assert not [b for b in own.button if b.label == "批准延期"]


def test_the_departments_page_counts_each_departments_extensions(pushed_back, signed_in):  # noqa: F811
    at = pushed_back
    at.text_input(key="upload_reason").set_value("规划调整").run()
    at.button(key="upload_confirm").click().run()
    page = signed_in("leader@example.org", "pages/departments.py")
    table = next(d.value for d in page.dataframe if "延期次数" in d.value.columns)
    row = table[table.iloc[:, 0] == "土地收购储备中心"].iloc[0]
    assert (row["延期次数"], row["待审批延期"]) == (1, 1)


REVERSED = sheet(
    ["ZZ-01", "政治建设", "学习方式相对单一，氛围不够浓厚", "党政办公室", "2023-04-30", "已完成", "推进中"]
)


def test_the_history_page_lists_a_reversed_completion_with_links_to_the_item(signed_in):  # noqa: F811
    at = signed_in("admin@example.org", "pages/upload.py")
    at.file_uploader[0].upload("办公室.xlsx", REVERSED).run()
    at.button(key="upload_confirm").click().run()
    at.switch_page("pages/history.py").run()
    assert not at.exception
    changes = next(d.value for d in at.dataframe if "核查事项" in d.value.columns)
    assert changes[["核查事项", "编号", "原值", "新值"]].values.tolist() == [
        ["整改状态倒退", "ZZ-01", "已完成", "推进中"]
    ]
    assert changes[["问题详情", "历次变化"]].values.tolist() == [
        ["items?item=ZZ-01&all=true", "history?item=ZZ-01"]
    ]
    overview = signed_in("leader@example.org")
    assert any("整改状态倒退1项" in w.value for w in overview.warning)
