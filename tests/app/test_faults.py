"""The pages on faults of the machine: a read-only store is read as usual, with a notice at the
top, and refuses each save naming the cause; a full disk, a database that cannot be reached and a
value PostgreSQL will not take are said in the reader's language. Never an exception element,
never a traceback, never the password of the database's URL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy.engine import make_url
from streamlit import config
from streamlit.testing.v1 import AppTest

from rectification.labels import label
from rectification.store import Store
from tests.builders import ROOT
from tests.faults import (
    CHANGED_CSV,
    PASSWORD,
    fill_the_disk,
    postgresql_url,
    postgresql_url_with_password,
    read_only_store,
    store_with_sample,
    unreachable_url,
)
from tests.markdown_text import read

PAGES = [
    "dashboard.py",
    "pages/items.py",
    "pages/departments.py",
    "pages/upload.py",
    "pages/history.py",
    "pages/report.py",
    "pages/admin.py",
]


def page_text(at: AppTest) -> str:
    """Everything the page sends the browser, as text: every element's message, main and sidebar."""
    parts: list[str] = []

    def walk(node) -> None:
        if (proto := getattr(node, "proto", None)) is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


def opened(url: str, monkeypatch: pytest.MonkeyPatch, page: str = "dashboard.py", **query: str) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", url)
    # A store of the server's is cached by its URL: the PostgreSQL tests reuse one, emptied between.
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "dashboard.py":
        at.switch_page(page).run()
    return at


def no_trace(at: AppTest) -> None:
    assert not at.exception, at.exception
    text = page_text(at)
    assert "Traceback" not in text and PASSWORD not in text


def with_a_second_version(url: str) -> None:
    """The sample's first three findings as version 2, so that restoring version 1 must write."""
    store = Store.open(url)
    store.save(store.findings(1).head(3), author="t", source_file="t.csv", sha256="x", mode="replace")
    store.engine.dispose()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_of_a_read_only_store_is_read_with_a_notice_at_the_top(page, tmp_path, monkeypatch):
    with read_only_store(tmp_path / "data") as (url, _):
        at = opened(url, monkeypatch, page)
        no_trace(at)
        assert not at.error
        assert [w.value for w in at.warning][:1] == [label("store.read_only_notice", "zh")]


def test_a_writable_store_shows_no_read_only_notice(tmp_path, monkeypatch):
    at = opened(store_with_sample(tmp_path / "store.sqlite"), monkeypatch)
    no_trace(at)
    assert label("store.read_only_notice", "zh") not in [w.value for w in at.warning]


# What a person does on a page that must write, as a sentence, and how to do it.
def _upload(at: AppTest) -> AppTest:
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].upload("dept.csv", CHANGED_CSV).run()
    return at.button(key="upload_confirm").click().run()


def _restore(at: AppTest) -> AppTest:
    at.switch_page("pages/history.py").run()
    at.selectbox(key="history_version").select(1).run()
    at.button(key="history_restore").click().run()
    return at.button(key="restore_confirm").click().run()


def _verify(at: AppTest) -> AppTest:
    at.query_params["item"], at.query_params["all"] = "ZZ-01", "true"
    at.switch_page("pages/items.py").run()
    at.text_input(key="closure_evidence").set_value("党工委会议纪要〔2023〕3号")
    return at.button(key=next(b.key for b in at.button if b.label == "确认核实销号")).click().run()


def _add_member(at: AppTest) -> AppTest:
    at.switch_page("pages/admin.py").run()
    at.text_input(key="member_identity").set_value("wang@example.org")
    at.selectbox(key="member_role").set_value("viewer")
    return at.button(key=next(b.key for b in at.button if b.label == "保存")).click().run()


SAVES: dict[str, Callable[[AppTest], AppTest]] = {
    "confirming an upload": _upload,
    "restoring a version": _restore,
    "verifying a closure": _verify,
    "adding a person to the role table": _add_member,
}


def _store_state(path: Path) -> tuple:
    store = Store.open(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        from rectification.store.closure import verification_count
        from rectification.store.roles import members

        return [v.id for v in store.versions()], verification_count(store), len(members(store))
    finally:
        store.engine.dispose()


@pytest.mark.parametrize("save", SAVES.values(), ids=[f"{n} on a read-only store says why" for n in SAVES])
def test_saving_on_a_read_only_store_says_the_folder_is_read_only(save, tmp_path, monkeypatch):
    folder = tmp_path / "data"
    with read_only_store(folder, with_a_second_version) as (url, path):
        before = _store_state(path)
        at = save(opened(url, monkeypatch))
        no_trace(at)
        said = label("store.read_only", "zh", file=path.resolve(), folder=path.resolve().parent)
        assert said in [read(e.value) for e in at.error]
        assert not at.success
        assert _store_state(path) == before


def test_confirming_an_upload_onto_a_full_disk_says_the_disk_is_full(tmp_path, monkeypatch):
    url = store_with_sample(tmp_path / "store.sqlite")
    fill_the_disk(monkeypatch)
    at = _upload(opened(url, monkeypatch))
    no_trace(at)
    assert label("store.disk_full", "zh", folder=tmp_path.resolve()) in [read(e.value) for e in at.error]
    assert not at.success


@pytest.mark.parametrize("page", PAGES)
def test_a_database_server_nobody_listens_on_is_named_on_every_page_without_its_password(page, monkeypatch):
    url = unreachable_url()
    at = opened(url, monkeypatch, page)
    no_trace(at)
    where = make_url(url)
    said = label("store.unreachable", "zh", server=f"127.0.0.1:{where.port}", database="ledger")
    assert [read(e.value) for e in at.error] == [said]


@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_the_password_of_the_database_it_reads(page, monkeypatch):
    at = opened(postgresql_url_with_password(), monkeypatch, page)
    no_trace(at)
    assert not at.error
    assert at.title  # the page was drawn, not stopped


def test_a_note_postgresql_cannot_store_is_refused_on_confirm_saying_why(monkeypatch):
    url = postgresql_url()
    at = opened(url, monkeypatch, "pages/upload.py")
    at.file_uploader[0].upload("dept.csv", CHANGED_CSV).run()
    at.text_input(key="upload_note").set_value("见附件\x00").run()  # as pasted from another program
    at = at.button(key="upload_confirm").click().run()
    no_trace(at)
    assert label("store.value_nul", "zh") in [read(e.value) for e in at.error]
    store = Store.open(url)
    try:
        assert [v.id for v in store.versions()] == [1]  # the sample only: nothing saved
    finally:
        store.engine.dispose()


def test_a_bug_on_a_page_shows_the_browser_no_message_and_no_traceback(tmp_path, monkeypatch):
    # The shipped .streamlit/config.toml says "none"; a developer turns it to "full".
    import tomllib

    shipped = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert shipped["client"]["showErrorDetails"] == "none"

    import rectification.web.page as page

    def broken(*_args, **_kwargs):
        raise RuntimeError(f"a bug near {unreachable_url()}")

    monkeypatch.setattr(page, "sample_refused", broken)  # asked while the store is empty
    monkeypatch.setattr(config, "get_option", _option_as("client.showErrorDetails", "none"))
    monkeypatch.setenv("RECTIFICATION_SAMPLE", str(tmp_path / "none.xlsx"))
    at = opened(f"sqlite:///{tmp_path / 'empty.sqlite'}", monkeypatch)
    assert at.exception  # a bug is still a bug: Streamlit's notice, but nothing of it
    (shown,) = at.exception
    assert "a bug near" not in shown.message and PASSWORD not in page_text(at)
    assert not shown.stack_trace


def _option_as(name: str, value: object) -> Callable[[str], object]:
    original = config.get_option

    def get_option(key: str) -> object:
        return value if key == name else original(key)

    return get_option
