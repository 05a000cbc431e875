"""Signing in through an OpenID Connect provider, end to end, in headless Chromium.

A local provider (oidc-provider-mock, on 127.0.0.1) stands in for the organisation's; the app
runs in oidc mode with an [auth] secrets file pointing at it. The inspector signs in, survives a
page refresh, reaches a page their role allows by deep link, and is refused one it does not.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from rectification.roles import set_member
from rectification.service import open_store
from rectification.settings import load_settings
from tests.browser.test_browser import CHROMIUM, FLAGS, ROOT, _require


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, what: str) -> None:
    for _ in range(120):
        if process.poll() is not None:
            pytest.fail(f"{what} exited early")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"{what} did not start within 60 s")


@pytest.fixture(scope="module")
def provider():
    _require(
        subprocess.run([sys.executable, "-c", "import oidc_provider_mock"], capture_output=True).returncode
        == 0,
        "the oidc-provider-mock package is not installed (pip install -r requirements-dev.txt)",
    )
    port = free_port()
    claims = json.dumps({"sub": "inspector", "email": "inspector@example.org", "name": "巡察组"})
    process = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(port), "--user-claims", claims],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/.well-known/openid-configuration", process, "the OIDC provider")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def app_url(provider, tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "{url}/oauth2callback"\n'
        'cookie_secret = "a-test-cookie-secret-not-for-production"\n'
        'client_id = "rectification"\n'
        'client_secret = "rectification-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    database = f"sqlite:///{folder / 'store.sqlite'}"
    settings = load_settings()
    store = open_store(type(settings)(**{**settings.__dict__, "database_url": database}))
    set_member(store, "inspector@example.org", "inspector", (), by="test")
    store.engine.dispose()
    env = {**os.environ, "DATABASE_URL": database, "RECTIFICATION_AUTH": "oidc"}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false",
         f"--secrets.files={secrets}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_up(f"{url}/_stcore/health", process, "the dashboard")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_an_inspector_signs_in_stays_signed_in_and_meets_role_gated_pages(app_url):
    try:
        import playwright.sync_api as playwright_api
    except ImportError:
        _require(False, "the playwright package is not installed")
    _require(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}")
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})

        page.goto(f"{app_url}/items")  # a deep link before signing in shows only the sign-in
        page.get_by_role("button", name="登录").click(timeout=30_000)
        page.locator("input[name=sub]").fill("inspector", timeout=30_000)  # the provider's form
        page.get_by_role("button", name="Authorize").click()

        page.get_by_text("问题总数").first.wait_for(timeout=30_000)  # back in the app, signed in
        assert "inspector@example.org" in page.content()

        page.reload()  # the session cookie keeps the sign-in
        page.get_by_text("问题总数").first.wait_for(timeout=30_000)

        page.goto(f"{app_url}/items?item=ZZ-01&all=true")  # allowed: inspectors verify closures
        page.get_by_text("确认核实销号").wait_for(timeout=30_000)

        page.goto(f"{app_url}/admin")  # not allowed: the page refuses, whatever the link
        page.get_by_text("不能使用此页面").wait_for(timeout=30_000)
        assert "用户与权限" not in page.locator("[data-testid='stSidebar']").inner_text()
        browser.close()
