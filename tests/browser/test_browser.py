"""The real app in headless Chromium: the overview and the item list show the sample's figures.

Needs Debian's chromium and the playwright package (.ci/run installs both). On a developer
machine without them the test is skipped with a reason; under CI it fails instead.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _require(condition: bool, reason: str) -> None:
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = tmp_path_factory.mktemp("browser") / "store.sqlite"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{store}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the dashboard did not start within 60 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def page(server):
    try:
        import playwright.sync_api as playwright_api
    except ImportError:
        _require(False, "the playwright package is not installed (pip install -r requirements-dev.txt)")
    _require(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser.new_page(viewport={"width": 1500, "height": 1100})
        browser.close()


def main_text(page) -> str:
    return page.locator("section.stMain, [data-testid='stMain']").first.inner_text()


def test_overview_shows_the_sample_figures(server, page):
    page.goto(server)
    page.get_by_text("问题总数").first.wait_for(timeout=30_000)
    page.locator(".js-plotly-plot").nth(1).wait_for(timeout=30_000)  # both charts drawn
    text = main_text(page)
    assert "30" in text and "70.0%" in text
    assert "截至2023年6月30日，30个问题已完成整改21个" in text
    assert "各方面整改完成情况" in text
    assert page.locator(".js-plotly-plot").count() == 2


def test_item_list_opens_filtered_from_a_link_and_counts_the_rows(server, page):
    page.goto(f"{server}/items?category=政治建设&all=true")
    page.get_by_text("11个问题（台账共30个）").wait_for(timeout=30_000)
    page.get_by_text("导出 Excel（11行）").wait_for(timeout=30_000)
    assert page.get_by_role("switch").first.is_checked()


def test_item_list_shows_open_items_by_default(server, page):
    page.goto(f"{server}/items")
    page.get_by_text("9个问题（台账共30个）").wait_for(timeout=30_000)
    assert "Traceback" not in main_text(page)
