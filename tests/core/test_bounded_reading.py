"""Bounded reading (issue 12): a workbook is held to its limits before it is parsed, a sheet's
used range before it becomes Python lists, and many flags of one kind fold into a few.

The bombs are built here, small: a part's deflate stream is one compressed megabyte of XML
repeated (each block ends in a full flush, so the copies join into one valid stream), and the
zip around it is written by `_zip` with whatever sizes its directory should declare."""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib
from dataclasses import replace

import pytest

from rectification import sheets
from rectification.check_report import check_report, flag_line
from rectification.display import flag_table
from rectification.errors import UnreadableFile
from rectification.intake import check_file
from rectification.ledger import FOLD_AFTER, FOLD_EXAMPLES, Flag
from rectification.read_limits import (
    MB,
    RATIO_FLOOR,
    ReadLimits,
    check_worksheet_xml,
    default_limits,
    inspect_zip,
    limits_in_effect,
)
from rectification.settings import SETTING_BY_NAME, load_settings
from tests.builders import AS_OF, HEADER
from tests.workbooks import xlsx

LIMITS = default_limits()
GOOD_ROWS = [
    ["A1", "党建", "学习不深入", "办公室", "2024-06-30", "已制定计划", "已完成"],
    ["A2", "党建", "制度不完善", "办公室", "2024-04-30", "正在修订", "推进中"],
    ["B1", "作风", "公车管理不规范", "财务科", "长期坚持", "持续加强", "长期坚持"],
]
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
_OPEN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
_CLOSE = b"</sheetData></worksheet>"


# -- building zips ---------------------------------------------------------------------------------
def deflated(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


def repeated(opening: bytes, unit: bytes, size: int, closing: bytes = b"") -> tuple[bytes, int]:
    """A deflate stream of `opening`, then `unit` repeated to about `size` bytes, then `closing`,
    and the size it inflates to; made in milliseconds, without ever holding the whole."""
    chunk = unit * max(1, MB // len(unit))
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    head = packer.compress(opening) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    copies = max(1, size // len(chunk))
    tail = packer.compress(closing) + packer.flush()
    return head + block * copies + tail, len(opening) + copies * len(chunk) + len(closing)


def _zip(parts: dict[str, tuple[bytes, int] | tuple[bytes, int, int]]) -> bytes:
    """A zip of deflated parts, each given as (its deflate stream, the size its directory declares,
    its CRC). A bomb's CRC is left 0: every refusal here comes before a part is read to its end."""
    out, directory = io.BytesIO(), io.BytesIO()
    for name, (packed, size, *crc) in parts.items():
        crc32 = crc[0] if crc else 0
        offset, encoded = out.tell(), name.encode()
        out.write(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, 8, 0, 0x21, crc32, len(packed), size,
                              len(encoded), 0))  # fmt: skip
        out.write(encoded + packed)
        directory.write(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 0, 20, 0, 0, 8, 0, 0x21, crc32,
                                    len(packed), size, len(encoded), 0, 0, 0, 0, 0, offset))  # fmt: skip
        directory.write(encoded)
    start = out.tell()
    out.write(directory.getvalue())
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory.getvalue()),
                          start, 0))  # fmt: skip
    return out.getvalue()


def ledger_parts(rows: list[list[object]] | None = None) -> dict[str, bytes]:
    """The parts of a small genuine workbook (openpyxl's), by name."""
    content = xlsx({"台账": [HEADER, *(rows if rows is not None else GOOD_ROWS)]})
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        return {name: book.read(name) for name in book.namelist()}


def workbook_with(**replaced: tuple[bytes, int]) -> bytes:
    """The small workbook with some parts replaced by (stream, declared size); a `sheet` or
    `strings` keyword names the sheet's or the shared strings' part."""
    names = {"sheet": SHEET, "strings": STRINGS}
    parts = {name: whole(body) for name, body in ledger_parts().items()}
    for key, part in replaced.items():
        parts[names[key]] = part
    return _zip(parts)


def whole(body: bytes) -> tuple[bytes, int, int]:
    """A part as a genuine writer packs it: deflated, with its true size and CRC."""
    return deflated(body), len(body), zlib.crc32(body)


def sheet_xml(rows: str) -> bytes:
    return _OPEN + rows.encode() + _CLOSE


def workbook_of_sheet(xml: bytes) -> bytes:
    return workbook_with(sheet=whole(xml))


@pytest.fixture
def calamine_never_called(monkeypatch):
    """Replace python-calamine in the reader by one that fails the test if it is asked anything."""

    class Untouchable:
        def __getattr__(self, name):
            raise AssertionError(f"python-calamine was called ({name}) for a file inspection refuses")

    monkeypatch.setattr(sheets, "python_calamine", Untouchable())


def refusal(content: bytes, limits: ReadLimits = LIMITS) -> Flag:
    """The one error a check of `content` gives, as every door (check, import, upload) reports it."""
    check = check_file(content, "台账.xlsx", limits)
    assert not check.accepted
    (error,) = check.errors
    return error


# -- 1. the zip: declared sizes, ratio, and sizes that lie --------------------------------------
_ROW = b'<row><c t="inlineStr"><is><t>' + b"x" * 40 + b"</t></is></c></row>"
_STRING = b"<si><t>" + b"y" * 60 + b"</t></si>"
_SST = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
BOMBS = {
    "a sheet that unpacks to 1.1 GB": (
        lambda: workbook_with(sheet=repeated(_OPEN, _ROW, 1100 * MB, _CLOSE)),
        "file.unzipped_too_large", ("解压后共1100MB", "超过512MB的上限"),
    ),
    "shared strings that unpack to 1.1 GB": (
        lambda: workbook_with(strings=repeated(_SST, _STRING, 1100 * MB, b"</sst>")),
        "file.unzipped_too_large", ("解压后共1101MB", "超过512MB的上限"),
    ),
    "a sheet of 300 MB in a workbook under 512 MB": (
        lambda: workbook_with(sheet=repeated(_OPEN, _ROW, 300 * MB, _CLOSE)),
        "file.part_too_large", ("工作表“台账”", "解压后有300MB", "超过单个部分256MB的上限"),
    ),
    "a sheet packed 300 times over": (
        lambda: workbook_with(sheet=repeated(_OPEN, _ROW, 60 * MB, _CLOSE)),
        "file.compression_ratio", ("工作表“台账”", "100倍"),
    ),
    "shared strings whose header declares 10 KB and that unpack to 50 MB": (
        lambda: workbook_with(strings=(repeated(_SST, _STRING, 50 * MB, b"</sst>")[0], 10_000)),
        "file.sizes_inconsistent", ("sharedStrings.xml", "无法读取"),
    ),
}  # fmt: skip


@pytest.mark.parametrize("make, key, says", BOMBS.values(), ids=BOMBS.keys())
def test_a_zip_bomb_is_refused_by_inspection_before_calamine_sees_it(make, key, says, calamine_never_called):
    content = make()
    assert len(content) < 8 * MB  # the point of a bomb: small on disk
    started = time.perf_counter()
    refused = refusal(content)
    assert time.perf_counter() - started < 2
    assert refused.key == key
    message = refused.message("zh")
    for words in says:
        assert words in message, message
    assert refused.message("en")  # both languages have the words


def test_a_sheet_whose_header_understates_it_is_refused_when_it_is_loaded_not_parsed():
    lying = (repeated(_OPEN, _ROW, 50 * MB, _CLOSE)[0], 4096)
    started = time.perf_counter()
    refused = refusal(workbook_with(sheet=lying))
    assert refused.key == "file.sizes_inconsistent"
    assert time.perf_counter() - started < 2


def test_the_check_names_the_limit_and_the_fix_in_its_error():
    content = workbook_with(sheet=repeated(_OPEN, _ROW, 1100 * MB, _CLOSE))
    check = check_file(content, "台账.xlsx", LIMITS)
    assert not check.accepted
    (error,) = check.errors
    assert "解压" in error.message("zh") and "请删除多余的工作表" in error.message("zh")
    assert "unpacks to 1100 MB" in error.message("en")


def test_a_small_part_is_not_held_to_the_ratio():
    # A 4 MB part packed 300 times over costs nothing to read: only parts over 10 MB are held to it.
    content = workbook_with(strings=repeated(_SST, _STRING, 4 * MB, b"</sst>"))
    package = inspect_zip(content, LIMITS)
    assert package.parts["xl/sharedstrings.xml"].file_size < RATIO_FLOOR


# -- 2. a sheet's used range, before it becomes Python lists --------------------------------------
def _inline(reference: str, text: str = "x", tag: str = 'r="{}"') -> str:
    return f'<c {tag.format(reference)} t="inlineStr"><is><t>{text}</t></is></c>'


def _rows_of(cells: dict[int, str]) -> str:
    return "".join(f'<row r="{row}">{cell}</row>' for row, cell in sorted(cells.items()))


def _table_and(stray: dict[int, str]) -> bytes:
    """The header and three rows as inline strings in columns A-G, and `stray` cells by row."""
    cells = {}
    for number, row in enumerate([HEADER, *GOOD_ROWS], start=1):
        cells[number] = "".join(_inline(f"{chr(65 + i)}{number}", str(v)) for i, v in enumerate(row))
    return sheet_xml(_rows_of({**cells, **stray}))


SHEETS = {
    "a stray value on row 1,048,576 under a three-row table": (
        _table_and({1048576: _inline("A1048576")}), "sheet.too_many_rows",
        ("A1048576", "第1048576行", "200000行"),
    ),
    "a value in the last cell a sheet has, XFD1048576": (
        _table_and({1048576: _inline("XFD1048576")}), "sheet.too_many_rows", ("XFD1048576",),
    ),
    "a stray value in column XFD of the header row": (
        sheet_xml(_inline("A1", "编号") + _inline("XFD1")), "sheet.too_many_columns",
        ("XFD1", "第16384列", "1000列"),
    ),
    "a reference in lower case, as calamine also reads": (
        _table_and({1048576: _inline("xfd1048576")}), "sheet.too_many_rows", ("1048576",),
    ),
    "a row written with leading zeros, as calamine also reads": (
        _table_and({1048576: _inline("A000000000001048576")}), "sheet.too_many_rows", ("A1048576",),
    ),
    "a column of twelve letters, far past XFD": (
        _table_and({4: _inline("ABCDEFGHIJKL4")}), "sheet.too_many_columns", ("第",),
    ),
    "a used range of 15 million cells: a value in CV150000": (
        _table_and({150000: _inline("CV150000")}), "sheet.too_many_cells",
        ("CV150000", "15000000", "10000000"),
    ),
    "cells without references, placed on row 300,001 by counting rows": (
        sheet_xml("<row/>" * 300_000 + "<row>" + _inline("", tag="") + "</row>"),
        "sheet.too_many_rows", ("A300001",),
    ),
    "a cell whose reference comes after its other attributes": (
        _table_and({1048576: '<c t="inlineStr" r="B1048576"><is><t>x</t></is></c>'}),
        "sheet.too_many_rows", ("B1048576",),
    ),
}  # fmt: skip


@pytest.mark.parametrize("xml, key, says", SHEETS.values(), ids=SHEETS.keys())
def test_a_sheet_reaching_past_its_limits_is_refused_naming_the_cell(xml, key, says):
    started = time.perf_counter()
    with pytest.raises(UnreadableFile) as raised:
        check_worksheet_xml(xml, "台账", LIMITS)
    assert time.perf_counter() - started < 2
    assert raised.value.key == key
    for words in says:
        assert words in raised.value.message("zh"), raised.value.message("zh")


def test_a_stray_value_far_below_the_table_refuses_the_upload_in_well_under_a_second():
    content = workbook_of_sheet(_table_and({1048576: _inline("A1048576")}))
    started = time.perf_counter()
    check = check_file(content, "台账.xlsx", LIMITS)
    assert time.perf_counter() - started < 1
    (error,) = check.errors
    assert error.key == "sheet.too_many_rows"
    assert error.message("zh").startswith("工作表“台账”的A1048576单元格（第1048576行）有内容")
    assert "delete that cell" in error.message("en")


@pytest.mark.parametrize(
    "stray",
    [
        pytest.param('<c r="XFD1048576" s="1"/>', id="a bordered empty cell"),
        pytest.param('<c r="XFD1048576" s="1"></c>', id="an empty cell written open and closed"),
    ],
)
def test_formatting_alone_far_below_the_table_costs_nothing(stray):
    content = workbook_of_sheet(_table_and({1048576: stray}))
    started = time.perf_counter()
    check = check_file(content, "台账.xlsx", LIMITS)
    assert time.perf_counter() - started < 1
    assert check.accepted, [e.message() for e in check.errors]
    assert len(check.findings) == 3


def test_an_opendocument_sheet_with_a_value_repeated_over_20000_columns_is_refused():
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    content = (
        f'<office:document-content xmlns:office="{office}" xmlns:table="{table}" xmlns:text="{text}">'
        '<office:body><office:spreadsheet><table:table table:name="台账"><table:table-row>'
        '<table:table-cell office:value-type="string" table:number-columns-repeated="20000">'
        "<text:p>x</text:p></table:table-cell></table:table-row></table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    ).encode()
    mimetype = b"application/vnd.oasis.opendocument.spreadsheet"
    ods = _zip({"mimetype": whole(mimetype), "content.xml": whole(content)})
    refused = refusal(ods)
    assert refused.key == "sheet.too_many_columns"
    assert "第20000列" in refused.message("zh")


def test_a_notice_whose_document_unpacks_to_a_gigabyte_is_refused_before_python_docx_reads_it():
    from rectification.service import read_notice

    body = b'<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    paragraph = b"<w:p><w:r><w:t>" + b"z" * 60 + b"</w:t></w:r></w:p>"
    bomb = _zip({"word/document.xml": repeated(body, paragraph, 1100 * MB, b"</w:body>")})
    started = time.perf_counter()
    parsed = read_notice(bomb, "通报.docx")
    assert time.perf_counter() - started < 2
    (error,) = parsed.check.errors
    assert error.key == "file.unzipped_too_large" and "超过512MB的上限" in error.message("zh")


def test_a_sheet_read_by_calamine_is_checked_before_its_rows_become_lists():
    # The last line, for what the zip scan does not see (.xls): calamine's own range.
    with pytest.raises(UnreadableFile) as raised:
        sheets.check_sheet_range("台账", (1_048_575, 0), LIMITS)
    assert raised.value.key == "sheet.too_many_rows"
    sheets.check_sheet_range("台账", (100_002, 15), LIMITS)  # a 100,000-row ledger passes


# -- the limits are settings, sized for a genuine large ledger ---------------------------------------
def test_the_limits_are_the_settings_defaults_and_the_environment_changes_them(monkeypatch):
    documented = ReadLimits(512, 256, 100, 200_000, 1_000, 10_000_000)
    assert documented == LIMITS
    for name in ("max_unzipped_mb", "max_part_mb", "max_compression_ratio", "max_sheet_rows"):
        assert SETTING_BY_NAME[name].env.startswith("RECTIFICATION_MAX_")
    monkeypatch.setenv("RECTIFICATION_MAX_SHEET_ROWS", "3")
    assert limits_in_effect().sheet_rows == 3
    check = check_file(xlsx({"台账": [HEADER, *GOOD_ROWS]}), "台账.xlsx")
    assert [e.key for e in check.errors] == ["sheet.too_many_rows"]
    assert "超过3行的上限" in check.errors[0].message("zh")


def test_a_genuine_ledger_of_100000_measures_passes_every_limit_with_room_to_spare(tmp_path):
    """Measured on a generated ledger of 2,000 rows (bench/check_speed.py's, realistic text)
    scaled to 100,000: its parts grow with its rows, its packing ratios do not."""
    from bench.check_speed import HEADERS, write_ledger

    rows, scale = 2_000, 50
    path = tmp_path / "ledger.xlsx"
    write_ledger(path, rows, seed=20240510)
    content = path.read_bytes()
    package = inspect_zip(content, LIMITS)  # the small one passes as it is
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        infos = book.infolist()
        check_worksheet_xml(book.read(SHEET), "整改台账", LIMITS)
    assert package.sheet_parts == {"整改台账": SHEET}
    total = sum(info.file_size for info in infos) * scale
    largest = max(info.file_size for info in infos) * scale
    ratio = max(info.file_size / info.compress_size for info in infos if info.file_size > MB // 4)
    assert total < LIMITS.unzipped_mb * MB / 2  # 100,000 rows: about 147 MB of 512
    assert largest < LIMITS.part_mb * MB / 2  # its shared strings: about 81 MB of 256
    assert ratio < LIMITS.compression_ratio / 4  # 8-13 to 1, of 100
    last_row = 100_003  # a title row, a 填报单位 row and the header above 100,000 measures
    assert last_row < LIMITS.sheet_rows / 1.5 and len(HEADERS) < LIMITS.sheet_columns / 10
    assert last_row * len(HEADERS) < LIMITS.sheet_cells / 5


def test_a_ledger_within_the_limits_reads_as_before():
    check = check_file(xlsx({"台账": [HEADER, *GOOD_ROWS]}), "台账.xlsx", replace(LIMITS, sheet_rows=4))
    assert check.accepted and len(check.findings) == 3


# -- 3. many flags of one kind fold into a few ----------------------------------------------------------
def _bad_dates(count: int) -> bytes:
    rows = [[f"X{i}", "党建", f"问题{i}", "办公室", "2024.02.30", "推进", "推进中"] for i in range(count)]
    return xlsx({"台账": [HEADER, *rows]})


def test_a_thousand_rows_with_the_same_bad_date_give_a_few_examples_and_one_line_for_all():
    check = check_file(_bad_dates(1000), "台账.xlsx", LIMITS)
    assert not check.accepted  # still refused: folding changes what is listed, not what is decided
    assert len(check.errors) == FOLD_EXAMPLES + 1
    examples, folded = check.errors[:-1], check.errors[-1]
    assert [e.row for e in examples] == [2, 3, 4, 5, 6] and all(e.value == "2024.02.30" for e in examples)
    assert folded.key == "flags.folded_rows" and folded.column == examples[0].column
    assert "共1000行" in folded.message("zh") and "1000 rows have" in folded.message("en")
    report = check_report(check, AS_OF, "zh", 15)
    line = flag_line(report["errors"][-1], "zh")
    assert line.startswith("工作表“台账”，列“整改时限”：以上同类情况共1000行") and "第1000" not in line[:20]
    assert len(flag_table(check.errors)) == FOLD_EXAMPLES + 1


def test_flags_of_one_kind_up_to_the_threshold_are_all_listed():
    check = check_file(_bad_dates(FOLD_AFTER), "台账.xlsx", LIMITS)
    assert len(check.errors) == FOLD_AFTER and all(e.key != "flags.folded_rows" for e in check.errors)


def test_thousands_of_blank_rows_under_the_table_give_one_warning_line_not_thousands():
    content = workbook_of_sheet(_table_and({5000: _inline("C5000", "新问题")}))
    check = check_file(content, "台账.xlsx", LIMITS)
    assert check.accepted
    skipped = [w for w in check.warnings if w.key in ("row.skipped", "flags.folded_rows")]
    assert len(skipped) <= FOLD_EXAMPLES + 1
    assert len(check.warnings) < 20


def test_many_unknown_columns_fold_into_one_line_naming_them():
    header = [*HEADER, *(f"备用{i}" for i in range(200))]
    check = check_file(xlsx({"台账": [header, *[[*r, *[""] * 200] for r in GOOD_ROWS]]}), "台账.xlsx", LIMITS)
    assert check.accepted
    unknown = [w for w in check.warnings if w.key == "column.ignored"]
    assert len(unknown) == FOLD_EXAMPLES
    (folded,) = [w for w in check.warnings if w.key == "flags.folded_columns"]
    assert "另有195列" in folded.message("zh") and "“备用5”" in folded.message("zh")


def test_settings_load_with_the_reading_limits():
    settings = load_settings({"RECTIFICATION_MAX_PART_MB": "64"}, {})
    assert ReadLimits.of(settings).part_mb == 64
