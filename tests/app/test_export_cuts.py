"""A text longer than an Excel cell holds, through the real pages: the warning beside the download
buttons names it before anyone downloads, and the files keep it whole (the .xlsx on its 全文
sheet, the CSV in its cell)."""

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from rectification.store import Store
from tests.app.conftest import open_page
from tests.builders import ledger, save

LONG = "进" * 100_000


@pytest.fixture
def long_text_app(app, fresh_store):
    """The app (local mode: admin) on a store whose one version holds A1 with a long 整改进展."""
    store = Store.open(fresh_store)
    save(
        store,
        ledger(
            ["A1", "党建", "学习不深入", "办公室", "2024-06-30", LONG, "推进中"],
            ["A2", "党建", "制度不完善", "办公室", "2024-04-30", "正在修订", "推进中"],
        ),
    )
    store.engine.dispose()
    return app


# (page, its download's file name, whether the warning also says the CSV keeps it whole)
PAGES = [
    ("pages/items.py", "问题清单_2024-05-10.xlsx", True),
    ("pages/history.py", "整改台账_第1版_2024-05-10.xlsx", False),
]


@pytest.mark.parametrize(("page", "file_name", "csv_too"), PAGES, ids=[p for p, _, _ in PAGES])
def test_the_page_says_what_its_xlsx_download_cuts_and_the_file_keeps_it_whole(
    long_text_app, downloads, page, file_name, csv_too
):
    at = open_page(long_text_app, page)
    # The warning is Markdown with its punctuation escaped (inert_markdown); read it as shown.
    warned = [w.value.replace("\\", "") for w in at.warning if "全文" in w.value]
    assert len(warned) == 1, [w.value for w in at.warning]
    assert "编号A1的“整改进展”（100,000字）" in warned[0]
    assert ("CSV 文件没有单元格容量限制" in warned[0]) is csv_too
    name = next(name for name in downloads if name.endswith(".xlsx"))
    assert name == file_name
    book = load_workbook(io.BytesIO(downloads[name]()), read_only=True)
    parts = next(row for row in book["全文"].iter_rows(min_row=3, values_only=True))[3:]
    assert "".join(part for part in parts if part) == LONG


def test_the_items_csv_download_keeps_the_long_text_whole(long_text_app, downloads):
    open_page(long_text_app, "pages/items.py")
    read = pd.read_csv(io.BytesIO(downloads["问题清单_2024-05-10.csv"]()), encoding="utf-8-sig", dtype=str)
    assert read.set_index("编号").loc["A1", "整改进展"] == LONG


def test_no_warning_is_shown_when_every_text_fits_a_cell(app, fresh_store):
    at = open_page(app, "pages/items.py")
    assert not [w.value for w in at.warning if "全文" in w.value]
