"""Proxy sign-in in a real browser: the reverse proxy's header (X-Remote-User) arrives with the
page's WebSocket, which is where Streamlit reads it, and decides who is at the screen.

A small reverse proxy of the tests' own (`header_proxy`) sits in front of the dashboard and adds
the header to every request, the WebSocket handshake included, as the unit's portal does.
Playwright's extra HTTP headers did that once, but Debian's Chromium 150 no longer sends them with
the WebSocket, and the tests failed on it."""

import pytest

from rectification.service import open_store
from rectification.settings import load_settings
from rectification.store.roles import set_member
from tests.browser.conftest import as_shown, chromium_page, dashboard, header_proxy, plain

LEADER, CLERK = "leader@example.org", "zhang@example.org"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("proxy")
    database = f"sqlite:///{folder / 'store.sqlite'}"
    settings = load_settings()
    store = open_store(type(settings)(**{**settings.__dict__, "database_url": database}))
    set_member(store, LEADER, "viewer", (), by="test")
    set_member(store, CLERK, "uploader", ("党政办公室",), by="test")
    store.engine.dispose()
    with dashboard({"DATABASE_URL": database, "RECTIFICATION_AUTH": "proxy"}) as url:
        yield url


def body_text(page, url: str, who: str | None, shown: list[str]) -> str:
    """The page's text once the title and every text in `shown` are there (the first page of a
    fresh server opens the store first: a fixed wait after the title was sometimes too short)."""
    page.goto(url)
    page.get_by_text("整改看板", exact=True).first.wait_for(timeout=30_000)
    for words in shown:
        page.get_by_text(as_shown(words)).first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)  # what must not be there would have arrived with the rest
    return plain(page.locator("body").inner_text())


@pytest.mark.parametrize(
    ("who", "path", "shown", "not_shown"),
    [
        # A viewer named by the proxy sees the overview with the sample's figures.
        (LEADER, "/", ["当前用户：leader@example.org（领导查看）", "问题总数", "30"], ["未能识别您的身份"]),
        # A viewer may not open the upload page.
        (LEADER, "/upload", ["您的角色（领导查看）不能使用此页面"], ["选择台账文件"]),
        # An uploader may, and sees their own name and role.
        (CLERK, "/upload", ["当前用户：zhang@example.org（部门填报）"], ["不能使用此页面"]),
        # Someone the role table does not know sees a polite page and nothing of the ledger.
        ("stranger@example.org", "/", ["您好，stranger@example.org"], ["问题总数"]),
        # No header at all (the dashboard reached without the proxy): no identity, no ledger.
        (None, "/", ["未能识别您的身份"], ["问题总数"]),
    ],
)
def test_the_proxys_header_decides_who_is_signed_in(app_url, who, path, shown, not_shown):
    # Through a proxy that sets the header, as the unit's portal does; without one, none is sent.
    with (
        header_proxy(app_url, {"X-Remote-User": who} if who else {}) as url,
        chromium_page(1400, 1000) as page,
    ):
        text = body_text(page, f"{url}{path}", who, shown)
    for words in shown:
        assert words in text, (words, text[:500])
    for words in not_shown:
        assert words not in text, (words, text[:500])
