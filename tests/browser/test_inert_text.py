"""Inert text in the real renderer (issue 12, part 5): Streamlit's Markdown is react-markdown with
remark-gfm, which makes bare URLs and e-mail addresses links even where Markdown is escaped. A
ledger whose cells hold links, bare URLs, addresses and images is opened in Chromium: the item's
page, a link naming no item, and the overview have no link or image pointing at evil.example,
and the item's text reads as the sheet wrote it."""

from urllib.parse import quote

import pytest

from rectification.store import Store
from tests.browser.conftest import chromium_page, dashboard
from tests.builders import AS_OF, ledger, save

LINK = "[点此重新登录](http://evil.example/login)"
PROBLEM = f"{LINK} 见http://evil.example/login 或www.evil.example"
PROGRESS = "已联系a@evil.example ![img](http://evil.example/x.png) <img src=x onerror=alert(1)>"
ITEM = "[A1](http://evil.example)"
ROW = [ITEM, "作风 www.evil.example", PROBLEM, "办公室 a@evil.example", "2024-04-30", PROGRESS, "推进中"]
FILE = "[点此](www.evil.example) a@evil.example.xlsx"
# Links and images that lead away from the dashboard (evil.example, mailto:): its own links to an
# item (items?item=…) and Streamlit's heading anchors (#…) stay in it.
OUTSIDE = """() => [...document.querySelectorAll('a[href], img[src]')]
    .map(e => new URL(e.getAttribute('href') || e.getAttribute('src'), location.href))
    .filter(target => target.origin !== location.origin)
    .map(target => target.href)"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inert")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    store = Store.open(url)
    try:
        save(store, ledger(ROW, ["B2", "党建", "学习不深入", "办公室", "2024-06-30", "", "推进中"]),
             source_file=FILE, as_of=AS_OF)  # fmt: skip
    finally:
        store.engine.dispose()
    with dashboard({"DATABASE_URL": url, "RECTIFICATION_SAMPLE": str(folder / "none.xlsx")}) as address:
        yield address


@pytest.fixture(scope="module")
def page(server):
    with chromium_page(1400, 1000) as opened:
        yield opened


def opened(page, url: str, shown: str) -> str:
    """The page's text once `shown` is there (and what arrives with it)."""
    page.goto(url)
    page.get_by_text(shown).first.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    return page.locator("body").inner_text().replace("\u2060", "")


def test_an_items_cells_are_text_not_links_or_images(server, page):
    text = opened(page, f"{server}/items?item={quote(ITEM)}", "整改进展")
    assert page.evaluate(OUTSIDE) == []
    # Every word as the sheet wrote it, brackets and addresses included.
    for written in (PROBLEM, "已联系a@evil.example ![img](http://evil.example/x.png)", ITEM, FILE):
        assert written in text, (written, text[:2000])


def test_a_link_naming_no_item_shows_its_words_not_a_link(server, page):
    text = opened(page, f"{server}/items?item={quote(LINK)}", "不在当前台账中")
    assert page.evaluate(OUTSIDE) == []
    assert f"编号为“{LINK}”的问题不在当前台账中" in text


def test_the_overview_and_its_list_of_urgent_items_link_nowhere_else(server, page):
    text = opened(page, server, "需要关注")
    assert page.evaluate(OUTSIDE) == []
    assert ITEM in text and FILE in text
