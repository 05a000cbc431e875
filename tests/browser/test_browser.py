"""The real app in headless Chromium: the overview and the item list show the sample's figures.

Needs Debian's chromium and the playwright package (.ci/run installs both). On a developer
machine without them the test is skipped with a reason; under CI it fails instead.
"""

import pytest

from tests.browser.conftest import chromium_page, dashboard
from tests.browser.test_layout import DONE


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = tmp_path_factory.mktemp("browser") / "store.sqlite"
    with dashboard({"DATABASE_URL": f"sqlite:///{store}"}) as url:
        yield url


@pytest.fixture(scope="module")
def page(server):
    with chromium_page() as opened:
        yield opened


def main_text(page) -> str:
    return page.locator("section.stMain, [data-testid='stMain']").first.inner_text()


def finished(page) -> None:
    """The run has ended and every chart it sent is drawn."""
    page.wait_for_function(DONE, timeout=30_000)
    page.wait_for_function(ALL_DRAWN, timeout=30_000)


# Every chart element the page holds has its plot drawn (Plotly adds .main-svg when it has).
ALL_DRAWN = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
  .every(chart => chart.querySelector('.main-svg'))"""


def test_overview_shows_the_sample_figures(server, page):
    page.goto(server)
    page.get_by_text("问题总数").first.wait_for(timeout=30_000)
    finished(page)
    text = main_text(page)
    assert "30" in text and "70.0%" in text
    assert "截至2023年6月30日，30个问题已完成整改21个" in text
    # Ageing, and the first view of 分方面、分部门情况; the burn-up waits for a second as-of date.
    assert page.locator(".js-plotly-plot").count() == 2
    assert page.locator(".st-key-chart_categories .js-plotly-plot").count() == 1
    assert "再有一期报送后即可看到进度曲线" in text


def test_the_overview_draws_the_view_chosen_only_and_keeps_it_in_the_other_language(server, page):
    page.goto(server)
    finished(page)
    page.get_by_role("tab", name="未完成问题分布").click()
    page.locator(".st-key-chart_heatmap .js-plotly-plot").wait_for(timeout=30_000)
    finished(page)
    assert page.locator(".js-plotly-plot").count() == 2  # the ageing and the heatmap
    assert page.locator(".st-key-chart_categories").count() == 0
    page.get_by_text("English", exact=True).click()
    page.get_by_role("tab", name="Open problems map", selected=True).wait_for(timeout=30_000)
    finished(page)
    assert page.locator(".st-key-chart_heatmap .js-plotly-plot").count() == 1
    page.get_by_text("中文", exact=True).click()  # as the next test expects
    page.get_by_role("tab", name="未完成问题分布", selected=True).wait_for(timeout=30_000)


def test_item_list_opens_filtered_from_a_link_and_counts_the_rows(server, page):
    page.goto(f"{server}/items?category=政治建设&all=true")
    page.get_by_text("11个问题（台账共30个）").wait_for(timeout=30_000)
    page.get_by_text("导出 Excel（11行）").wait_for(timeout=30_000)
    assert page.get_by_role("switch").first.is_checked()


def test_item_list_shows_open_items_by_default(server, page):
    page.goto(f"{server}/items")
    page.get_by_text("9个问题（台账共30个）").wait_for(timeout=30_000)
    assert "Traceback" not in main_text(page)


def test_the_sample_overview_prints_on_one_a4_page(server, page):
    from tests.browser.test_layout import printed_pages

    page.goto(server)
    finished(page)
    assert printed_pages(page.pdf(format="A4", print_background=True, prefer_css_page_size=True)) == 1


PAGES = ["/", "/items", "/departments", "/upload", "/history", "/report", "/admin", "/?lang=en"]


def test_no_page_makes_the_browser_call_anything_but_the_dashboard(server, page):
    # A ":material/…:" page icon had the browser fetch its favicon from fonts.gstatic.com.
    outside = []
    # blob: URLs of the dashboard's own origin are scripts the page made in memory (the width
    # probe's and the print button's code): nothing leaves the machine for them.
    ours = (server, f"blob:{server}/")
    page.on("request", lambda request: None if request.url.startswith(ours) else outside.append(request.url))
    for path in PAGES:
        page.goto(f"{server}{path}")
        page.get_by_text("整改看板" if "lang=en" not in path else "Rectification dashboard").first.wait_for(
            timeout=30_000
        )
        page.wait_for_load_state("networkidle")
    assert outside == []
