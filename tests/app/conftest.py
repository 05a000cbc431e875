"""AppTest drives the real pages on the shipped sample; expectations come from the core.

Every test session gets its own store (the sample becomes its version 1, as on a first start);
tests that write get a fresh one of their own.
"""

import os
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from rectification.intake import check_path
from rectification.metrics import warning_levels
from tests.builders import ROOT, SAMPLE


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here drives the real pages (AppTest), so it is slow: `-m "not slow"` skips it."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session", autouse=True)
def session_store(tmp_path_factory):
    """Point the app at a throw-away SQLite store for the whole session."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'app.sqlite'}"
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    yield url
    if previous is None:
        del os.environ["DATABASE_URL"]
    else:
        os.environ["DATABASE_URL"] = previous


@pytest.fixture(scope="session", autouse=True)
def error_details():
    """Tests are development: a page's exception keeps its message and traceback in at.exception,
    for the failure to say what went wrong (the shipped config.toml shows the browser none)."""
    from streamlit import config

    shipped = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", "full")
    yield
    config.set_option("client.showErrorDetails", shipped)


@pytest.fixture
def fresh_store(tmp_path, monkeypatch):
    """A store of this test's own, starting from the sample as version 1."""
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture(scope="session")
def sample():
    """The sample ledger as the core reads it, with each item's warning level."""
    check = check_path(SAMPLE)
    return check.findings.assign(warning=warning_levels(check.findings, check.as_of))


@pytest.fixture
def app():
    """A fresh app session on the overview; call .run() after seeding query params."""
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


@pytest.fixture
def downloads(monkeypatch):
    """File names to the callables behind deferred download buttons, as a click would run them."""
    captured = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        captured[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return captured


def open_page(at, page="dashboard.py", **query):
    """Run `at` with `query` in the URL, switch to `page`, and check nothing raised."""
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "dashboard.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def app_on_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, name: str = "sample.xlsx"):
    """The app on a new store whose sample (its version 1 on first start) is `content`."""
    path = tmp_path / name
    path.write_bytes(content)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'store.sqlite'}")
    monkeypatch.setenv("RECTIFICATION_SAMPLE", str(path))
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
