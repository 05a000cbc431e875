"""Who may see and change what, through the real pages: a role × action matrix in each
sign-in mode, department scope, forged headers, and a local server exposed to the network."""

from unittest import mock

import pytest
from streamlit.testing.v1 import AppTest

from rectification.store import Store
from rectification.store.closure import verification_count
from rectification.store.roles import members, set_member
from tests.app.conftest import open_page
from tests.builders import ROOT, sheet
from tests.markdown_text import read

OWN_ROW = [
    "ZY-04",
    "主责主业",
    "未按要求制定土地储备计划",
    "土地收购储备中心",
    "2023-05-31",
    "已制定计划",
    "已完成",
]
OTHERS_ROW = [
    "ZZ-01",
    "政治建设",
    "学习方式相对单一，氛围不够浓厚",
    "党政办公室",
    "2023-04-30",
    "改了",
    "已完成",
]
OWN = sheet(OWN_ROW)  # 土地收购储备中心's own item
OTHERS = sheet(OTHERS_ROW)  # 党政办公室's item
PEOPLE = {
    "leader@example.org": ("viewer", ()),
    "inspector@example.org": ("inspector", ()),
    "land@example.org": ("uploader", ("土地收购储备中心",)),
    "admin@example.org": ("admin", ()),
}


@pytest.fixture
def signed_in(fresh_store, monkeypatch):
    """An app in oidc mode whose role table holds PEOPLE; call with an email (or None)."""
    monkeypatch.setenv("RECTIFICATION_AUTH", "oidc")
    store = Store.open(fresh_store)
    for email, (role, departments) in PEOPLE.items():
        set_member(store, email, role, departments, by="setup")
    store.engine.dispose()

    def open_as(email, page="dashboard.py", **query):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.user = {"is_logged_in": True, "email": email} if email else {"is_logged_in": False}
        return open_page(at, page, **query)

    return open_as


def versions(url):
    store = Store.open(url)
    try:
        return [v.id for v in store.versions()]
    finally:
        store.engine.dispose()


def nav(at) -> set[str]:
    """The navigation's links (links to one item carry a query string)."""
    return {link.value for link in at.page_link if not link.proto.query_string}


# (role's email, which of these the page offers) — each row would fail if its check were removed.
MATRIX = [
    ("leader@example.org", {"view": True, "export": False, "upload": False, "restore": False,
                            "verify": False, "admin": False}),
    ("inspector@example.org", {"view": True, "export": True, "upload": False, "restore": False,
                               "verify": True, "admin": False}),
    ("land@example.org", {"view": True, "export": False, "upload": True, "restore": False,
                          "verify": False, "admin": False}),
    ("admin@example.org", {"view": True, "export": True, "upload": True, "restore": True,
                           "verify": True, "admin": True}),
]  # fmt: skip


@pytest.mark.parametrize(("email", "expected"), MATRIX, ids=[m[0].split("@")[0] for m in MATRIX])
def test_each_role_sees_and_may_use_exactly_its_actions(signed_in, email, expected):
    overview = signed_in(email)
    assert bool(overview.metric) is expected["view"]
    assert ("上传" in nav(overview)) is expected["upload"]
    assert ("用户与权限" in nav(overview)) is expected["admin"]

    items = signed_in(email, "pages/items.py", item="ZZ-01", all="true")  # ZZ-01 is done
    assert bool(items.get("download_button")) is expected["export"]
    assert any(b.label == "确认核实销号" for b in items.button) is expected["verify"]

    history = signed_in(email, "pages/history.py")
    assert any(b.key == "history_restore" for b in history.button) is expected["restore"]

    for page, allowed in (("pages/upload.py", expected["upload"]), ("pages/admin.py", expected["admin"])):
        deep_link = signed_in(email, page)  # a deep link, not the navigation
        refused = any("不能使用此页面" in w.value for w in deep_link.warning)
        assert refused is not allowed


def test_an_uploader_merges_their_own_department(signed_in, fresh_store):
    at = signed_in("land@example.org", "pages/upload.py")
    at.file_uploader[0].upload("own.xlsx", OWN).run()
    at.button(key="upload_confirm").click().run()
    assert versions(fresh_store) == [1, 2]


def test_an_uploader_cannot_touch_another_departments_items_and_is_told_which(signed_in, fresh_store):
    at = signed_in("land@example.org", "pages/upload.py")
    at.file_uploader[0].upload("others.xlsx", OTHERS).run()
    assert any("ZZ-01" in read(e.value) and "不属于您负责的部门" in read(e.value) for e in at.error)
    assert not [b for b in at.button if b.key == "upload_confirm"]
    assert versions(fresh_store) == [1]


def test_an_uploader_is_offered_merge_only_and_an_admin_replace_too(signed_in):
    assert signed_in("land@example.org", "pages/upload.py").get_by_key("upload_mode").options == [
        "部门表合并"
    ]
    assert signed_in("admin@example.org", "pages/upload.py").get_by_key("upload_mode").options == [
        "部门表合并",
        "整本替换",
    ]


def test_an_inspector_verifies_a_closure_and_the_overview_counts_it(signed_in):
    at = signed_in("inspector@example.org", "pages/items.py", item="ZZ-01", all="true")
    at.text_input(key="closure_evidence").set_value("党工委会议纪要〔2023〕3号")
    at.button(key=next(b.key for b in at.button if b.label == "确认核实销号")).click().run()
    assert any("已核实销号" in s.value for s in at.success)
    overview = signed_in("leader@example.org")
    assert {m.label: m.value for m in overview.metric}["已销号"] == "1"


# (what the only admin tries on the users page) — the service layer refuses, the table keeps them
LAST_ADMIN_ON_THE_PAGE = ["remove", "make a viewer"]


@pytest.mark.parametrize("attempt", LAST_ADMIN_ON_THE_PAGE)
def test_the_only_admin_can_be_neither_removed_nor_demoted_on_the_users_page(signed_in, fresh_store, attempt):
    at = signed_in("admin@example.org", "pages/admin.py")
    if attempt == "remove":
        at.selectbox(key="member_remove").set_value("admin@example.org")
        at.button(key="member_remove_button").click().run()
    else:
        at.text_input(key="member_identity").set_value(" Admin@Example.org")
        at.selectbox(key="member_role").set_value("viewer")
        at.button(key=next(b.key for b in at.button if b.label == "保存")).click().run()
    assert any("admin@example.org 是角色表中唯一的管理员" in read(e.value) for e in at.error)
    store = Store.open(fresh_store)
    try:
        assert {m.identity: m.role for m in members(store)}["admin@example.org"] == "admin"
    finally:
        store.engine.dispose()


def test_an_identity_missing_from_the_role_table_gets_a_polite_page_and_no_data(signed_in):
    at = signed_in("stranger@example.org")
    assert any("尚未开通" in w.value for w in at.warning)
    assert not at.metric and not at.dataframe


def test_without_signing_in_there_is_only_the_sign_in_page(signed_in):
    at = signed_in(None, "pages/items.py")
    assert [b.label for b in at.button] == ["登录"]
    assert not at.dataframe


def test_a_forged_proxy_header_grants_nothing_in_oidc_mode(signed_in):
    with mock.patch(
        "rectification.web.auth.request_headers", return_value={"X-Remote-User": "admin@example.org"}
    ):
        at = signed_in("leader@example.org")
    assert "上传" not in nav(at) and "用户与权限" not in nav(at)


@pytest.fixture
def proxied(fresh_store, monkeypatch):
    monkeypatch.setenv("RECTIFICATION_AUTH", "proxy")
    store = Store.open(fresh_store)
    set_member(store, "land", "uploader", ("土地收购储备中心",), by="setup")
    store.engine.dispose()

    def open_with(headers, page="dashboard.py"):
        with mock.patch("rectification.web.auth.request_headers", return_value=headers):
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
            if page != "dashboard.py":
                at.switch_page(page).run()
        assert not at.exception
        return at

    return open_with


def test_proxy_mode_takes_the_user_from_the_configured_header(proxied):
    at = proxied({"X-Remote-User": "LAND"}, "pages/upload.py")
    assert not any("不能使用此页面" in w.value for w in at.warning)
    assert any("land" in c.value for c in at.caption)


@pytest.mark.parametrize("headers", [{}, {"X-Remote-User": "nobody"}, {"X-Forwarded-User": "land"}])
def test_proxy_mode_without_a_known_user_in_the_header_shows_nothing(proxied, headers):
    at = proxied(headers)
    assert not at.metric and at.warning


def test_local_mode_ignores_any_user_header(app, fresh_store):
    with mock.patch("rectification.web.auth.request_headers", return_value={"X-Remote-User": "intruder"}):
        at = app.run()
    assert not any("intruder" in c.value for c in at.caption)
    assert any("本机模式" in c.value for c in at.caption)


def test_a_local_server_listening_beyond_this_computer_refuses_every_write(app, fresh_store):
    with mock.patch("rectification.web.auth.server_address", return_value="0.0.0.0"):
        app.run()
        app.switch_page("pages/upload.py").run()
        app.file_uploader[0].upload("own.xlsx", OWN).run()
        assert any("0.0.0.0" in read(e.value) and "RECTIFICATION_AUTH" in read(e.value) for e in app.error)
        assert not [b for b in app.button if b.key == "upload_confirm"]
        app.switch_page("pages/history.py").run()
        app.button(key="history_restore").click().run()
        assert any("0.0.0.0" in read(e.value) for e in app.error)  # the service layer said no
        app.switch_page("pages/items.py")
        app.query_params.update(item="ZZ-01", all="true")
        app.run()
        app.button(key=next(b.key for b in app.button if b.label == "确认核实销号")).click().run()
        assert any("0.0.0.0" in read(e.value) for e in app.error)
        app.switch_page("pages/admin.py").run()
        app.text_input(key="member_identity").set_value("new@example.org")
        app.button(key=next(b.key for b in app.button if b.label == "保存")).click().run()
        assert any("0.0.0.0" in read(e.value) for e in app.error)
    store = Store.open(fresh_store)
    try:
        assert [v.id for v in store.versions()] == [1]
        assert verification_count(store) == 0 and members(store) == []
    finally:
        store.engine.dispose()
