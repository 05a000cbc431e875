"""What a narrow window and a whole round's ledger look like in the real app (issue 14): the item
table keeps the columns an inspector reads first at 800 px, and a unit selected in the
overview's comparison narrows the overview to it."""

import re

import pytest

from tests.browser.conftest import chromium_page, dashboard
from tests.builders import ROUND_LEDGER

DONE = (
    "() => document.querySelector('[data-test-script-state]')"
    "?.getAttribute('data-test-script-state') === 'notRunning'"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout")
    (folder / "round.xlsx").write_bytes(ROUND_LEDGER)
    env = {
        "DATABASE_URL": f"sqlite:///{folder / 'store.sqlite'}",
        "RECTIFICATION_SAMPLE": str(folder / "round.xlsx"),
    }
    with dashboard(env) as url:
        yield url


def settled(page) -> None:
    page.wait_for_function(DONE, timeout=30_000)
    page.wait_for_timeout(1_500)  # the width probe's one rerun, when the window is narrow
    page.wait_for_function(DONE, timeout=30_000)


def column_headers(page, expected: list[str]) -> list[str]:
    """The columns the item table shows once it has settled on `expected` (or after 20 s): the
    grid draws on a canvas, and its accessible table names the columns it shows."""
    headers = page.locator('[data-testid="stDataFrame"] [role="columnheader"]')
    shown: list[str] = []
    for _ in range(40):
        shown = headers.all_inner_texts()
        if shown == expected:
            break
        page.wait_for_timeout(500)
    return shown


@pytest.mark.parametrize(
    ("width", "headers"),
    [
        (800, ["编号", "预警", "整改状态", "问题描述", "责任部门"]),
        (1400, ["编号", "预警", "整改状态", "问题类别", "问题描述", "责任部门", "整改时限", "整改进展"]),
    ],
)
def test_the_item_table_keeps_the_columns_an_inspector_reads_first(server, width, headers):
    with chromium_page(width, 900) as page:
        page.goto(f"{server}/items")
        settled(page)
        assert column_headers(page, headers) == headers


def test_selecting_a_unit_in_the_comparison_narrows_the_overview_to_it(server):
    with chromium_page(1400, 900) as page:
        page.goto(server)
        settled(page)
        page.get_by_text("各被巡察单位整改进展").wait_for(timeout=30_000)
        grid = page.locator('[data-testid="stDataFrame"]').first
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first row's select box: 乙街道
        page.wait_for_url("**/?unit=*", timeout=30_000)
        settled(page)
        text = page.locator("[data-testid='stMain']").first.inner_text()
        assert "3个问题已完成整改0个" in text
        assert "各被巡察单位整改进展" not in text


def printed_pages(pdf: bytes) -> int:
    """How many pages Chromium's PDF holds: one page object each (the page tree is /Pages)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_the_overview_prints_as_one_a4_page_of_its_essentials(server):
    with chromium_page(1400, 900) as page:
        page.goto(server)
        settled(page)
        page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
        assert page.get_by_text("各被巡察单位整改进展").is_visible()  # on screen
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        assert printed_pages(pdf) == 1
        page.emulate_media(media="print")
        for shown in ("完成率", "逾期时长分布", "需要关注：逾期和临期问题"):
            assert page.get_by_text(shown, exact=True).first.is_visible(), shown
        for hidden in ("各被巡察单位整改进展", "各方面完成情况", "打印简报"):
            assert not page.get_by_text(hidden, exact=True).first.is_visible(), hidden
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
