"""Only a role with the export right can take a table away as a file, in a real browser: the
pages' own export buttons are drawn for it alone, and no table offers Streamlit's own "Download
as CSV" in its toolbar to anyone (that button is one switch for every session, not per role; see
.streamlit/config.toml). Signed in through the reverse proxy's header, as in test_proxy.py."""

import pytest

from rectification.service import open_store
from rectification.settings import load_settings
from rectification.store.roles import set_member
from tests.browser.conftest import chromium_page, dashboard, header_proxy

VIEWER, INSPECTOR = "leader@example.org", "li@example.org"


def a_store(folder) -> str:
    database = f"sqlite:///{folder / 'store.sqlite'}"
    settings = load_settings()
    store = open_store(type(settings)(**{**settings.__dict__, "database_url": database}))
    set_member(store, VIEWER, "viewer", (), by="test")
    set_member(store, INSPECTOR, "inspector", (), by="test")
    store.engine.dispose()
    return database


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    database = a_store(tmp_path_factory.mktemp("rights"))
    with dashboard({"DATABASE_URL": database, "RECTIFICATION_AUTH": "proxy"}) as url:
        yield url


def download_controls(page, url: str) -> tuple[list[str], int]:
    """The labels of the first table's toolbar (shown while the pointer is over the table) and
    how many download buttons the page itself draws."""
    page.goto(url)
    table = page.locator("[data-testid='stDataFrame']").first
    table.wait_for(timeout=30_000)
    page.wait_for_timeout(1_000)  # the rest of the page arrives with the table's run
    table.hover()
    toolbar = page.locator("[data-testid='stElementToolbar'] button").first
    toolbar.wait_for(timeout=10_000)
    labels = page.locator("[data-testid='stElementToolbar'] button").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('aria-label') || b.innerText)"
    )
    return labels, page.locator("[data-testid='stDownloadButton']").count()


# (who, page, how many of the page's own download buttons they get)
RIGHTS = [
    (VIEWER, "/items", 0),  # leadership sees every item but takes none away
    (INSPECTOR, "/items", 2),  # inspectors export what they see: .xlsx and .csv
    (VIEWER, "/history", 0),
    (INSPECTOR, "/history", 1),  # any version as .xlsx
]


@pytest.mark.parametrize(("who", "path", "buttons"), RIGHTS, ids=[f"{w[:2]}{p}" for w, p, _ in RIGHTS])
def test_only_a_role_with_the_export_right_finds_a_download_control(app_url, who, path, buttons):
    with header_proxy(app_url, {"X-Remote-User": who}) as url, chromium_page() as page:
        toolbar, drawn = download_controls(page, f"{url}{path}")
    assert any(name.startswith("Search") for name in toolbar), toolbar  # the toolbar was there
    assert not [name for name in toolbar if "download" in name.lower()], toolbar
    assert drawn == buttons


def test_a_server_started_with_the_tables_download_switched_on_still_offers_none(tmp_path):
    # As when .streamlit/config.toml is not found (started from another folder) or overridden.
    database = a_store(tmp_path)
    environment = {"DATABASE_URL": database, "RECTIFICATION_AUTH": "proxy"}
    with (
        dashboard(environment, "--client.disableDataExport=false") as app,
        header_proxy(app, {"X-Remote-User": VIEWER}) as url,
        chromium_page() as page,
    ):
        toolbar, drawn = download_controls(page, f"{url}/items")
    assert not [name for name in toolbar if "download" in name.lower()], toolbar
    assert drawn == 0
