"""Inert text everywhere (issue 12, part 5): sheet cells, file names, query parameters and the
proxy's user name reach every page as text, never as a link, an image, HTML or formatting.

A ledger whose cells hold hostile strings is saved (by a user whose name is one, from a file
whose name is one), the pages are opened in proxy mode with hostile query parameters, and every
text Streamlit renders as Markdown (bodies, labels, help, expander and tab labels, radio and
segmented options) is checked: each hostile string in it is there only in its inert form
(`inert_markdown`), and nothing in it would become a link (remark-gfm finds bare URLs and e-mail
addresses even where Markdown is escaped). Tables and select options show text as it is: they are
not Markdown. tests/browser/test_inert_text.py checks the real renderer."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import element_tree as et

from rectification.access import ALL_DEPARTMENTS, Identity
from rectification.display import inert_markdown
from rectification.service import verify
from rectification.store import Store
from rectification.store.roles import set_member
from tests.builders import AS_OF, HEADER, ROOT, ledger, save
from tests.markdown_text import live_text, unescaped_punctuation

LINK = "[点此重新登录](http://evil.example/login)"
BARE = "http://evil.example/login"
WWW = "www.evil.example"
EMAIL = "a@evil.example"
SCRIPT = "<script>alert(1)</script>"
IMG_TAG = "<img src=x onerror=alert(1)>"
BOLD = "**bold**"
HEADING = "# heading"
COLOUR = ":red[colour]"
LATEX = "$x^2$"
IMAGE = "![img](http://evil.example/x.png)"

# Columns: HEADER (编号, 问题类别, 问题描述, 责任部门, 整改时限, 整改进展, 整改状态) and 整改措施.
ROWS = [
    # Overdue (red): it is also in the overview's list of items needing attention.
    ["[A1](http://evil.example)", f"{COLOUR} {WWW}", f"{LINK} {WWW}", f"{BOLD} {EMAIL}", "2024-04-30",
     f"{IMAGE} {IMG_TAG}", "推进中", f"{HEADING} {LATEX} {SCRIPT}"],
    ["B2", HEADING, f"{SCRIPT} {LATEX}", WWW, "2024-03-31", f"{BOLD} {EMAIL}", "已完成", BARE],
    [WWW, f"{LATEX} {EMAIL}", f"{BARE} {BOLD}", f"{IMG_TAG} {BARE}", "2024-05-20", SCRIPT, "已完成",
     IMAGE],
]  # fmt: skip
USER = f"[管理员](http://evil.example/admin) {EMAIL}"  # the proxy's X-Remote-User
FILE = f"{LINK} {EMAIL} {BOLD}.xlsx"
NOTE, EVIDENCE = f"{COLOUR} {BARE}", f"{IMAGE} {WWW}"
# A file name cannot hold "/": a refused sample's name tries the rest.
SAMPLE_NAME = f"[点此](www.evil.example) {EMAIL} {BOLD} {LATEX}.xlsx"
# Where a hostile string shows raw, one of these is on the page un-escaped.
FINGERPRINTS = ("evil", "alert(", "bold", "heading", "colour", "x^2")


def hostile_values() -> list[str]:
    """Every outside text the pages may show, longest first (removed in that order below): the
    cells, and the fields read from them (a 配合部门 split out of a 责任部门 cell)."""
    findings = ledger(*ROWS, header=[*HEADER, "整改措施"])
    cells = {cell for row in ROWS for cell in row} | {
        value for column in findings for value in findings[column] if isinstance(value, str) and value
    }
    pieces = {LINK, BARE, WWW, EMAIL, SCRIPT, IMG_TAG, BOLD, HEADING, COLOUR, LATEX, IMAGE}
    return sorted(cells | pieces | {USER, FILE, NOTE, EVIDENCE, SAMPLE_NAME}, key=len, reverse=True)


INERT_FORMS = [inert_markdown(value) for value in hostile_values()]


def markdown_texts(at: AppTest) -> list[tuple[str, str]]:
    """(element, source) for every text on the page, sidebar included, that Streamlit renders as
    Markdown: bodies of markdown, captions, alerts, headings and toasts; metric label, value and
    delta; labels and help of every widget and link; expander and tab labels; radio and
    segmented-control options. Not dataframes, select options or input values: plain text."""
    found: list[tuple[str, str]] = []

    def walk(node: object) -> None:
        if isinstance(node, et.Block):
            if isinstance(node, et.Expander | et.Tab):
                found.append((type(node).__name__, node.label))
            for child in node.children.values():
                walk(child)
            return
        if isinstance(node, et.Text | et.Code | et.Json | et.Dataframe | et.Exception | et.Html):
            return
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            return
        fields = proto.DESCRIPTOR.fields_by_name
        for name in ("body", "label", "help", "delta"):
            if name in fields and isinstance(getattr(proto, name), str):
                found.append((f"{type(node).__name__}.{name}", getattr(proto, name)))
        if isinstance(node, et.Radio):
            found.extend(("Radio.option", option) for option in proto.options)
        if isinstance(node, et.ButtonGroup):
            found.extend(("ButtonGroup.option", option.content) for option in proto.options)

    walk(at._tree)
    return [(where, text) for where, text in found if text]


def problems(at: AppTest) -> list[tuple[str, str, str]]:
    """(element, source, what is wrong) for each Markdown text that is not inert."""
    wrong = []
    for where, source in markdown_texts(at):
        if live := live_text(source):
            wrong.append((where, source, f"would be live: {live}"))
        rest = source
        for form in INERT_FORMS:
            rest = rest.replace(form, "")
        if raw := [word for word in FINGERPRINTS if word in rest.lower()]:
            wrong.append((where, source, f"outside text not made inert: {raw}"))
        # Our own labels make no links, images or HTML; outside text escaped has none either.
        if re.search(r"\]\(|<", "".join(char for _, char in unescaped_punctuation(rest))):
            wrong.append((where, source, "a link, an image or HTML"))
    return wrong


def shown_inert(at: AppTest) -> int:
    """How many Markdown texts hold outside text (inert): a check that found none checked nothing."""
    return sum(any(form in source for form in INERT_FORMS) for _, source in markdown_texts(at))


@pytest.fixture
def hostile_store(tmp_path, monkeypatch):
    """A store whose two versions hold ROWS, saved by USER from FILE; B2's verification was
    cleared by version 2, that of the www item stands; USER is admin in proxy mode."""
    url = f"sqlite:///{tmp_path / 'hostile.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("RECTIFICATION_AUTH", "proxy")
    monkeypatch.setenv("RECTIFICATION_SAMPLE", str(tmp_path / "no-sample.xlsx"))
    store = Store.open(url)
    header = [*HEADER, "整改措施"]
    try:
        set_member(store, USER, "admin", (), by=USER)
        admin = Identity(USER, "admin", frozenset({ALL_DEPARTMENTS}), "proxy")
        save(store, ledger(*ROWS, header=header), author=USER, sha256="v1", source_file=FILE, as_of=AS_OF)
        verify(store, "B2", admin, note=NOTE, evidence=EVIDENCE)
        changed = [[*row[:5], f"{row[5]} {LINK}", *row[6:]] if row[0] == "B2" else row for row in ROWS]
        save(store, ledger(*changed, header=header), author=USER, sha256="v2", source_file=FILE, as_of=AS_OF)
        verify(store, WWW, admin, note=NOTE, evidence=EVIDENCE)
    finally:
        store.engine.dispose()
    return url


def open_as(user: str, page: str, **query: str) -> AppTest:
    """`page` in proxy mode with `user` in the proxy's header and `query` in the URL."""
    with mock.patch("rectification.web.auth.request_headers", return_value={"X-Remote-User": user}):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        if page != "dashboard.py":
            at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


PAGES = [
    ("dashboard.py", {}),
    ("dashboard.py", {"q": LINK, "category": ROWS[0][1]}),
    ("pages/items.py", {"item": LINK}),  # not in the ledger: the warning names it
    ("pages/items.py", {"item": ROWS[0][0], "q": BARE}),  # every field of A1 in the detail
    ("pages/items.py", {"item": "B2", "all": "true"}),  # a verification cleared by USER's version
    ("pages/items.py", {"item": WWW, "all": "true"}),  # a verification by USER, NOTE and EVIDENCE
    ("pages/departments.py", {"dept": ROWS[0][3]}),
    ("pages/departments.py", {"dept": WWW, "category": f"{LINK}"}),
    ("pages/history.py", {"item": LINK}),
    ("pages/history.py", {"item": "B2", "department": ROWS[0][3]}),
    ("pages/report.py", {}),
    ("pages/upload.py", {}),
    ("pages/admin.py", {}),
]


@pytest.mark.parametrize(("page", "query"), PAGES, ids=[f"{p}?{'&'.join(q)}" for p, q in PAGES])
def test_every_page_shows_outside_text_inert(hostile_store, page, query):
    at = open_as(USER, page, **query)
    assert problems(at) == []
    assert shown_inert(at) >= 2  # the signed-in user and the version's file, at least


def test_the_sidebar_names_the_file_and_the_user_inert(hostile_store):
    captions = [c.value for c in open_as(USER, "dashboard.py").sidebar.caption]
    assert any(inert_markdown(FILE) in c for c in captions), captions
    assert any(inert_markdown(USER) in c for c in captions), captions


def test_an_item_link_that_names_no_item_names_it_inert(hostile_store):
    warnings = [w.value for w in open_as(USER, "pages/items.py", item=LINK).warning]
    assert any(inert_markdown(LINK) in w for w in warnings), warnings


def test_an_unknown_user_in_the_proxys_header_is_named_inert(hostile_store):
    at = open_as(LINK, "dashboard.py")
    assert any(inert_markdown(LINK) in w.value for w in at.warning)
    assert problems(at) == []


def test_a_name_typed_on_the_admin_page_is_confirmed_inert(hostile_store):
    with mock.patch("rectification.web.auth.request_headers", return_value={"X-Remote-User": USER}):
        at = open_as(USER, "pages/admin.py")
        at.text_input(key="member_identity").set_value(LINK)
        at.selectbox(key="member_role").set_value("viewer")
        next(b for b in at.button if b.proto.is_form_submitter).click().run()
    assert not at.exception, at.exception
    assert any(inert_markdown(LINK) in s.value for s in at.success), [s.value for s in at.success]
    assert problems(at) == []


def test_an_uploaded_files_name_is_shown_inert(hostile_store):
    with mock.patch("rectification.web.auth.request_headers", return_value={"X-Remote-User": USER}):
        at = open_as(USER, "pages/upload.py")
        at.file_uploader[0].upload(f"{LINK}.csv", b"\xff\xfe not a ledger").run()
    assert not at.exception, at.exception
    assert problems(at) == []


def test_a_refused_samples_file_name_is_shown_inert(tmp_path, monkeypatch):
    name = SAMPLE_NAME
    (tmp_path / name).write_bytes(b"not a workbook")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    monkeypatch.setenv("RECTIFICATION_SAMPLE", str(tmp_path / name))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert any(inert_markdown(name) in e for e in errors), errors
    assert problems(at) == []
