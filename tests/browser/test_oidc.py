"""Signing in through an OpenID Connect provider, end to end, in headless Chromium.

A local provider (oidc-provider-mock, on 127.0.0.1) stands in for the organisation's; the app
runs in oidc mode with an [auth] secrets file pointing at it. The inspector signs in, survives a
page refresh, reaches a page their role allows by deep link, and is refused one it does not.
"""

import json
import subprocess
import sys

import pytest

from rectification.service import open_store
from rectification.settings import load_settings
from rectification.store.roles import set_member
from tests.browser.conftest import chromium_page, dashboard, free_port, plain, require, running


@pytest.fixture(scope="module")
def provider():
    installed = subprocess.run([sys.executable, "-c", "import oidc_provider_mock"], capture_output=True)
    require(installed.returncode == 0, "the oidc-provider-mock package is not installed")
    port = free_port()
    claims = json.dumps({"sub": "inspector", "email": "inspector@example.org", "name": "巡察组"})
    command = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port), "--user-claims", claims]
    url = f"http://127.0.0.1:{port}"
    with running(command, f"{url}/.well-known/openid-configuration", "the OIDC provider"):
        yield url


@pytest.fixture(scope="module")
def app_url(provider, tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc")
    port = free_port()
    secrets = folder / "secrets.toml"
    database = f"sqlite:///{folder / 'store.sqlite'}"
    settings = load_settings()
    store = open_store(type(settings)(**{**settings.__dict__, "database_url": database}))
    set_member(store, "inspector@example.org", "inspector", (), by="test")
    store.engine.dispose()
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "a-test-cookie-secret-not-for-production"\n'
        'client_id = "rectification"\n'
        'client_secret = "rectification-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    env = {"DATABASE_URL": database, "RECTIFICATION_AUTH": "oidc"}
    with dashboard(env, f"--secrets.files={secrets}", port=port) as url:
        yield url


def test_an_inspector_signs_in_stays_signed_in_and_meets_role_gated_pages(app_url):
    with chromium_page(1400, 1000) as page:
        page.goto(f"{app_url}/items")  # a deep link before signing in shows only the sign-in
        page.get_by_role("button", name="登录").click(timeout=30_000)
        page.locator("input[name=sub]").fill("inspector", timeout=30_000)  # the provider's form
        page.get_by_role("button", name="Authorize").click()

        page.get_by_text("问题总数").first.wait_for(timeout=30_000)  # back in the app, signed in
        assert "inspector@example.org" in plain(page.locator("body").inner_text())

        page.reload()  # the session cookie keeps the sign-in
        page.get_by_text("问题总数").first.wait_for(timeout=30_000)

        page.goto(f"{app_url}/items?item=ZZ-01&all=true")  # allowed: inspectors verify closures
        page.get_by_text("确认核实销号").wait_for(timeout=30_000)

        page.goto(f"{app_url}/admin")  # not allowed: the page refuses, whatever the link
        page.get_by_text("不能使用此页面").wait_for(timeout=30_000)
        assert "用户与权限" not in page.locator("[data-testid='stSidebar']").inner_text()
