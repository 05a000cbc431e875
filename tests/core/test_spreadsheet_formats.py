"""Old Excel/WPS binary (.xls) and OpenDocument (.ods) ledgers read exactly as the .xlsx does.

The fixtures are data/sample_ledger.xlsx converted by LibreOffice (tests/fixtures/make_formats.sh):
a title row merged across the sheet, a 填报 line with the date, the category column merged per
category, 30 findings and a second sheet (说明)."""

import io
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from rectification.intake import check_file, check_path
from rectification.ledger import LedgerCheck
from rectification.sheets import Merge, ods_merges, open_workbook
from tests.builders import FIXTURES, SAMPLE

SUFFIXES = [".xls", ".ods"]
SHEET = "整改台账"
# The sample's merges as (first row, first column), (last row, last column), 0-based: the title
# across A:M, then 问题类别 (column B) over each category's rows.
SAMPLE_MERGES = [
    ((0, 0), (0, 12)),
    ((3, 1), (13, 1)),
    ((14, 1), (19, 1)),
    ((20, 1), (26, 1)),
    ((27, 1), (29, 1)),
    ((30, 1), (32, 1)),
]


def converted(suffix: str) -> Path:
    return FIXTURES / f"sample_ledger{suffix}"


def merges(path: Path) -> list[Merge]:
    """The merged ranges of the ledger sheet as the project reads them."""
    return sorted(open_workbook(path.read_bytes(), path.name).load(SHEET, None).merged)


@pytest.fixture(scope="module")
def sample() -> LedgerCheck:
    check = check_path(SAMPLE)
    assert check.accepted, [e.message() for e in check.errors]
    assert len(check.findings) == 30
    return check


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_the_converted_sample_is_accepted_from_the_same_sheet_header_and_date(suffix, sample):
    check = check_path(converted(suffix))
    assert check.accepted, [e.message() for e in check.errors]
    assert check.file == f"sample_ledger{suffix}"
    assert (check.sheet, check.header_row, check.as_of) == (SHEET, 3, date(2023, 6, 30))
    assert [w.as_dict() for w in check.warnings] == [w.as_dict() for w in sample.warnings]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_every_finding_of_the_converted_sample_equals_the_xlsx_one(suffix, sample):
    findings = check_path(converted(suffix)).findings
    # No normalisation: ids, categories (from the merged cells), statuses, deadlines as dates,
    # departments, every other field and the row numbers all come out identical, dtypes included.
    pd.testing.assert_frame_equal(findings, sample.findings)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_the_converted_sample_counts_the_findings_of_the_published_notice(suffix):
    findings = check_path(converted(suffix)).findings
    assert findings["category"].value_counts().to_dict() == {
        "政治建设": 11,
        "营商环境": 7,
        "主责主业": 6,
        "项目建设": 3,
        "作风建设": 3,
    }
    assert findings["id"].is_unique and findings["id"].str.match(r"^(ZZ|ZY|YS|XM|ZF)-\d\d$").all()
    assert findings["status"].value_counts().to_dict() == {"done": 21, "in_progress": 5, "long_term": 4}
    # A date, or a term written instead of one (立即整改, 长期坚持): 23 dates, 3 immediate, 4 standing.
    assert findings["deadline"].notna().sum() == 23
    assert findings.loc[findings["deadline"].isna(), "deadline_term"].value_counts().to_dict() == {
        "standing": 4,
        "immediate": 3,
    }
    assert findings["department"].nunique() == 8 and (findings["department"] != "").all()


def test_the_merged_cells_of_the_xls_are_read_as_those_of_the_xlsx():
    assert merges(SAMPLE) == SAMPLE_MERGES
    assert merges(converted(".xls")) == SAMPLE_MERGES


def test_the_merged_cells_of_the_ods_are_read_as_those_of_the_xlsx():
    # python-calamine reports merges for xlsx/xls only; sheets.ods_merges reads the .ods XML.
    assert merges(converted(".ods")) == SAMPLE_MERGES


# A hand-made OpenDocument sheet: the header, then A1 and A2 sharing one 责任部门 cell merged over
# two rows. `lead` is XML put before the header (blank rows) and `pad` before each row's cells
# (blank columns), written with the repeat counts LibreOffice uses, which shift every merge.
_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
)
_BLANK_ROWS = '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>'
_BLANK_COLUMNS = '<table:table-cell table:number-columns-repeated="2"/>'


def ods(lead: str = "", pad: str = "") -> bytes:
    def cell(text: str, extra: str = "") -> str:
        return (
            f'<table:table-cell office:value-type="string" {extra}><text:p>{text}</text:p></table:table-cell>'
        )

    header = "".join(
        cell(t) for t in ["编号", "问题类别", "问题描述", "责任部门", "整改时限", "整改进展", "整改状态"]
    )
    first = "".join(cell(t) for t in ["A1", "党建", "学习不深入"]) + cell(
        "办公室", 'table:number-rows-spanned="2"'
    )
    first += "".join(cell(t) for t in ["2024-06-30", "已制定计划", "已完成"])
    second = "".join(cell(t) for t in ["A2", "党建", "制度不完善"]) + "<table:covered-table-cell/>"
    second += "".join(cell(t) for t in ["2024-04-30", "正在修订", "推进中"])
    rows = "".join(f"<table:table-row>{pad}{cells}</table:table-row>" for cells in (header, first, second))
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="台账">{lead}{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("META-INF/manifest.xml", _MANIFEST)  # calamine refuses a package without one
        book.writestr("content.xml", content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("lead", "pad", "merge"),
    [
        ("", "", ((1, 3), (2, 3))),
        (_BLANK_ROWS, "", ((3, 3), (4, 3))),
        ("", _BLANK_COLUMNS, ((1, 5), (2, 5))),
        (_BLANK_ROWS, _BLANK_COLUMNS, ((3, 5), (4, 5))),
    ],
)
def test_a_department_merged_over_two_rows_of_an_ods_belongs_to_both_findings(lead, pad, merge):
    content = ods(lead, pad)
    assert ods_merges(content) == {"台账": [merge]}
    check = check_file(content, "部门表.ods")
    assert check.accepted, [e.message() for e in check.errors]
    assert check.findings["department"].tolist() == ["办公室", "办公室"]


def test_a_zip_that_is_not_an_opendocument_spreadsheet_has_no_ods_merges():
    assert ods_merges(SAMPLE.read_bytes()) == {}
