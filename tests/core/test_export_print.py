"""Exports an office would print (issue 14, part 4): a title with the unit and as-of date, 黑体
and 宋体, wrapped text, frozen header with autofilter, A4 landscape fitted to the width with the
header on every page; read back with openpyxl, and still read back as the same ledger."""

import io
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

from rectification.export import (
    BODY_FONT,
    HEADER_FONT,
    TITLE_FONT,
    export_file_name,
    export_frame,
    export_title,
    to_xlsx,
)
from rectification.intake import check_file, check_path
from rectification.metrics import warning_levels
from tests.builders import SAMPLE

AS_OF = date(2024, 5, 10)


@pytest.fixture(scope="module")
def sample():
    return check_path(SAMPLE)


@pytest.fixture(scope="module")
def printed(sample):
    frame = export_frame(sample.findings, warning_levels(sample.findings, AS_OF, 15))
    content = to_xlsx(frame, "整改台账", export_title(sample.findings["unit"], AS_OF))
    return content, load_workbook(io.BytesIO(content))["整改台账"]


@pytest.mark.parametrize(
    ("units", "lang", "expected"),
    [
        (["开发区管委会", "开发区管委会"], "zh", "开发区管委会整改台账（截至2024-05-10）"),
        (["开发区管委会", "财政局"], "zh", "整改台账（截至2024-05-10）"),
        (["", ""], "zh", "整改台账（截至2024-05-10）"),
        (["开发区管委会"], "en", "Rectification ledger of 开发区管委会 (as of 2024-05-10)"),
        ([], "en", "Rectification ledger (as of 2024-05-10)"),
    ],
    ids=["one unit is named", "several units are not", "no unit", "in English", "no rows"],
)
def test_the_title_names_the_unit_when_the_rows_name_exactly_one(units, lang, expected):
    assert export_title(pd.Series(units, dtype=object), AS_OF, lang) == expected


@pytest.mark.parametrize(
    ("as_of", "expected"), [(AS_OF, "问题清单_2024-05-10.xlsx"), (None, "问题清单.xlsx")]
)
def test_a_file_name_carries_the_as_of_date_when_there_is_one(as_of, expected):
    assert export_file_name("问题清单", as_of, "xlsx") == expected


def test_the_title_is_in_heiti_and_the_header_in_heiti_on_grey(printed):
    _, sheet = printed
    assert sheet["A1"].value == "整改台账（截至2024-05-10）"
    assert (sheet["A1"].font.name, sheet["A1"].font.b, sheet["A1"].font.sz) == (TITLE_FONT, True, 16)
    header = sheet["A2"]
    assert (header.value, header.font.name, header.font.b) == ("编号", HEADER_FONT, True)
    assert header.fill.fgColor.rgb.endswith("D9D9D9") and header.alignment.wrap_text


def test_the_body_is_songti_and_wraps(printed):
    _, sheet = printed
    problem = next(c for c in sheet[2] if c.value == "问题描述").column_letter
    assert sheet.column_dimensions[problem].width <= 41  # long texts wrap, not run off the page
    # A cell written without a format of its own takes its column's.
    cell = sheet[f"{problem}3"]
    assert (cell.font.name, cell.alignment.wrap_text, cell.alignment.vertical) == (BODY_FONT, True, "top")


def test_the_header_is_frozen_and_filtered_over_every_row(printed, sample):
    _, sheet = printed
    assert sheet.freeze_panes == "A3"
    last_column = sheet.max_column
    assert sheet.auto_filter.ref == f"A2:{sheet.cell(2, last_column).column_letter}{2 + len(sample.findings)}"


def test_it_prints_on_a4_landscape_one_page_wide_with_the_header_on_every_page(printed):
    _, sheet = printed
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize) == ("landscape", 9)
    # One page wide (fitToWidth 1 is Excel's default, so left out), as many pages long as it takes.
    assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$2"
    assert "&P" in sheet.oddFooter.center.text


def test_the_printed_export_still_reads_back_as_the_same_ledger_with_its_date(printed, sample):
    content, _ = printed
    read = check_file(content, "整改台账_2024-05-10.xlsx")
    assert read.accepted and read.as_of == AS_OF
    columns = ["id", "category", "department", "deadline", "status", "progress"]
    assert read.findings[columns].equals(sample.findings[columns])
