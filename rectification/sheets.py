"""The shell that turns a file's bytes into grids of cells; everything after this is pure.

Workbooks (.xlsx/.xlsm/.xls/.ods) go through python-calamine; CSV through the csv module after
detecting UTF-8 (with or without BOM) or GB18030, which covers what WPS and older Excel write.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath
from xml.etree import ElementTree

import python_calamine

from .errors import UnreadableFile
from .grid import Grid, Merge

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".et"})
TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
_ZIP_MAGIC = b"PK\x03\x04"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls (and password-protected .xlsx)


@dataclass
class Workbook:
    """The sheets of one file. `load(name, nrows)` reads a sheet, or only its first rows."""

    sheet_names: list[str]
    load: Callable[[str, int | None], Grid]


def open_workbook(content: bytes, filename: str) -> Workbook:
    """Open a file's bytes as a workbook; raises UnreadableFile with the reason."""
    if not content:
        raise UnreadableFile("file.empty")
    suffix = PurePath(filename).suffix.lower()
    if content.startswith((_ZIP_MAGIC, _CFB_MAGIC)):
        return _calamine_workbook(content)
    if suffix in TEXT_SUFFIXES:
        return _csv_workbook(content, PurePath(filename).stem or filename)
    if suffix in WORKBOOK_SUFFIXES:
        raise UnreadableFile("file.unreadable")
    raise UnreadableFile("file.not_spreadsheet")


def _calamine_workbook(content: bytes) -> Workbook:
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
        names = [
            m.name
            for m in book.sheets_metadata
            if str(m.typ).endswith("WorkSheet") and str(m.visible).endswith(".Visible")
        ] or list(book.sheet_names)
    except Exception as error:  # calamine raises several unrelated types for bad files
        raise UnreadableFile("file.unreadable") from error

    @cache
    def opendocument_merges() -> dict[str, list[Merge]]:
        return ods_merges(content)

    def load(name: str, nrows: int | None = None) -> Grid:
        try:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False, nrows=nrows)
            merged = sheet.merged_cell_ranges
            if merged is None and content.startswith(_ZIP_MAGIC):
                # calamine reports merges for xlsx and xls only; an .ods keeps them in its XML.
                merged = opendocument_merges().get(name)
        except Exception as error:
            raise UnreadableFile("file.unreadable") from error
        return Grid(name, rows, list(merged or []))

    return Workbook(names, load)


_ODS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_CELLS = (f"{_ODS}table-cell", f"{_ODS}covered-table-cell")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def ods_merges(content: bytes) -> dict[str, list[Merge]]:
    """Each sheet's merged ranges in an OpenDocument spreadsheet (0-based, first and last cell),
    read from content.xml in one streaming pass; {} for a zip that is not one."""
    found: dict[str, list[Merge]] = {}
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        names = set(book.namelist())
        if not {"mimetype", "content.xml"} <= names or book.read("mimetype").strip() != _ODS_MIMETYPE:
            return found
        with book.open("content.xml") as xml:
            merges: list[Merge] = []
            row = column = 0
            for event, element in ElementTree.iterparse(xml, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == f"{_ODS}table":
                        merges = found.setdefault(element.get(f"{_ODS}name", ""), [])
                        row = 0
                    elif tag == f"{_ODS}table-row":
                        column = 0
                    elif tag in _ODS_CELLS:
                        height = int(element.get(f"{_ODS}number-rows-spanned", "1"))
                        width = int(element.get(f"{_ODS}number-columns-spanned", "1"))
                        if height > 1 or width > 1:
                            merges.append(((row, column), (row + height - 1, column + width - 1)))
                        column += int(element.get(f"{_ODS}number-columns-repeated", "1"))
                elif tag == f"{_ODS}table-row":
                    # Blank rows are written once with a repeat count, up to the sheet's last row.
                    row += int(element.get(f"{_ODS}number-rows-repeated", "1"))
                    element.clear()
    return found


def _csv_workbook(content: bytes, sheet_name: str) -> Workbook:
    text = decode_csv(content)
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[object]] = list(csv.reader(io.StringIO(text), dialect))
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))

    def load(name: str, nrows: int | None = None) -> Grid:
        return Grid(sheet_name, rows[:nrows] if nrows else rows)

    return Workbook([sheet_name], load)


def decode_csv(content: bytes) -> str:
    """UTF-8 (a BOM is dropped) when it decodes cleanly, else GB18030, a superset of GBK."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("file.csv_encoding")
