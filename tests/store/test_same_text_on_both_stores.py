"""A file is saved alike on SQLite and on PostgreSQL (issue 12, part 4): whatever its cells hold
(a NUL, which PostgreSQL text cannot take and SQLite would keep; other control characters;
zero-width characters in its keys), the reader hands both stores the same text, and each holds
exactly that text. Every test here runs on both databases (conftest.store_url), against the same
expected text, so what one store holds is what the other holds. Every file is written here."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from rectification import service
from rectification.store.tables import finding_contents
from tests.builders import HEADER
from tests.store.conftest import ADMIN

ROWS = [
    ["A1", "党建", "学习不深入", "办公室", "2024-06-30", "已制定计划", "已完成"],
    ["A2", "党建", "制度不完善", "办公室", "2024-04-30", "正在修订", "推进中"],
    ["B1", "作风", "公车管理不规范", "财务科", "长期坚持", "持续加强", "长期坚持"],
]
# What every upload below must be stored as, field by field, on either database.
STORED = {
    "id": ["A1", "A2", "B1"],
    "category": ["党建", "党建", "作风"],
    "problem": ["学习不深入", "制度不完善", "公车管理不规范"],
    "department": ["办公室", "办公室", "财务科"],
    "progress": ["已制定计划", "正在修订", "持续加强"],
}
# Nothing a store holds may keep a control character (tab and line break aside).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _text(rows: list[list[str]], separator: str = ",") -> str:
    return "".join(separator.join(row) + "\r\n" for row in [HEADER, *rows])


def _dirty(text: str) -> list[list[str]]:
    """ROWS with `text` (holding "{}" for what is put in) in A2's progress and B1's department,
    and a zero-width space in A2's category."""
    rows = [list(row) for row in ROWS]
    rows[1][5] = text.format("正在", "修订")
    rows[2][3] = text.format("财务", "科")
    rows[1][1] = "党\u200b建"
    return rows


def _html(rows: list[list[str]]) -> bytes:
    cells = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in [HEADER, *rows])
    return f'<html><meta charset="utf-8"><body><table>{cells}</table></body></html>'.encode()


def _xlsx(rows: list[list[str]]) -> bytes:
    from tests.workbooks import xlsx

    escaped = [[re.sub("[\x00-\x1f]", lambda m: f"_x{ord(m.group()):04X}_", c) for c in row] for row in rows]
    return xlsx({"台账": [HEADER, *escaped]})


UPLOADS = {
    "a-csv-with-a-nul-byte": (lambda: _text(_dirty("{}\x00{}")).encode(), "台账.csv"),
    "a-gb18030-csv-with-a-bell": (lambda: _text(_dirty("{}\x07{}\x1b")).encode("gb18030"), "台账.csv"),
    "unicode-text-without-a-bom": (lambda: _text(_dirty("{}\x00{}"), "\t").encode("utf-16-le"), "台账.txt"),
    "an-xlsx-with-an-escaped-nul": (lambda: _xlsx(_dirty("{}\x00{}")), "台账.xlsx"),
    "a-web-page-with-a-nul-and-a-delete": (lambda: _html(_dirty("{}\x00{}\x7f")), "台账.xls"),
}


def _held(store) -> list[str]:
    """Every text the store holds for its findings, as the database gives it back."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(finding_contents)).all()
    return [value for row in rows for value in row if isinstance(value, str)]


@pytest.mark.parametrize("upload", list(UPLOADS))
def test_a_file_with_control_characters_is_saved_as_the_same_clean_text_on_either_database(store, upload):
    make, name = UPLOADS[upload]
    proposal = service.propose(store, make(), name, "replace")
    assert proposal.check.accepted, [e.message() for e in proposal.check.errors]
    said = [f.key for f in proposal.check.warnings]
    assert "text.controls_removed" in said and "text.keys_merged" in said
    version = service.accept(store, proposal, ADMIN)
    stored = store.findings(version.id)
    assert {name: stored[name].tolist() for name in STORED} == STORED
    held = _held(store)
    assert "正在修订" in held and "财务科" in held
    assert not [text for text in held if CONTROL.search(text) or "\u200b" in text]


def test_measures_of_a_problem_are_stored_clean_too(store):
    # One problem over two rows with a measure each (the problem repeated, as offices write it):
    # its measures are kept beside it as text (`tasks`), and hold no NUL either.
    rows = [
        ["A1", "党建", "学习不深入", "办公室", "2024-06-30", "已制定\x00计划", "已完成"],
        ["A1", "党建", "学习不深入", "办公室", "2024-09-30", "正在\x00落实", "推进中"],
    ]
    proposal = service.propose(store, _text(rows).encode(), "台账.csv", "replace")
    assert proposal.check.accepted, [e.message() for e in proposal.check.errors]
    version = service.accept(store, proposal, ADMIN)
    stored = store.findings(version.id)
    assert len(stored) == 1 and "已制定计划" in stored["tasks"][0] and "正在落实" in stored["tasks"][0]
    assert not [text for text in _held(store) if CONTROL.search(text)]


NOTICE = (
    "关于巡察整改进展情况的通报\n"
    "\n"
    "（一）关于政治建设方面问题的整改情况\n"
    "一是学习方式相对单一。进展：已开展专题学习。\n"
    "二是制度执行不严。进展：正在\x00修订制度。\n"
)


def test_a_notice_with_a_nul_is_saved_as_the_same_clean_text_on_either_database(store):
    parsed, proposal = service.propose_notice(store, NOTICE.encode(), "通报.txt", "replace")
    assert proposal.check.accepted, [e.message() for e in proposal.check.errors]
    [flag] = [f for f in parsed.check.warnings if f.key == "text.controls_removed"]
    assert flag.row == 5  # the notice's own line
    version = service.accept(store, proposal, ADMIN)
    assert store.findings(version.id)["progress"].tolist() == ["已开展专题学习。", "正在修订制度。"]
    assert not [text for text in _held(store) if CONTROL.search(text)]
