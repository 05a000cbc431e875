"""The shell that turns a file's bytes into grids of cells; everything after this is pure.

What a file is, is read from its bytes, not its name (OA and government systems export HTML
pages, tab-separated text and renamed workbooks as ".xls"). Workbooks (.xlsx/.xlsm/.xls/.ods, and
WPS .et/.ett, which are one of the first two inside) go through python-calamine; HTML pages through
html_tables; CSV and tab-separated text through the csv module after detecting UTF-16/32 (by
BOM: Excel's "Unicode text"), UTF-8 (with or without BOM) or GB18030, which covers what WPS and
older Excel write, and Big5 where GB18030 would read it as the wrong characters.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath
from xml.etree import ElementTree

import python_calamine

from .errors import UnreadableFile
from .grid import Grid, Merge
from .html_tables import read_tables
from .xml_spreadsheet import read_xml_spreadsheet

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".et", ".ett"})
TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
# What the upload page offers to pick; the content decides how a file is read, not its name.
UPLOAD_TYPES: tuple[str, ...] = (
    "xlsx", "xlsm", "xls", "et", "ett", "ods", "htm", "html", "csv", "txt", "tsv",
)  # fmt: skip
_ZIP_MAGIC = b"PK\x03\x04"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls (and password-protected .xlsx)
# The stream a workbook with a password to open keeps its encrypted zip in (MS-OFFCRYPTO), named
# in UTF-16 in the compound file's directory.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


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
    if content.startswith(_CFB_MAGIC) and _ENCRYPTED_PACKAGE in content:
        raise UnreadableFile("file.encrypted")
    if content.startswith((_ZIP_MAGIC, _CFB_MAGIC)):
        return _calamine_workbook(content)
    if _is_xml_spreadsheet(content):
        return _grids_workbook(read_xml_spreadsheet(content))
    if is_html(content):
        return _html_workbook(content)
    if suffix in TEXT_SUFFIXES or (suffix in WORKBOOK_SUFFIXES and _is_delimited_text(content)):
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
    rows: list[list[object]] = list(csv.reader(io.StringIO(text), _dialect(text)))
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))

    def load(name: str, nrows: int | None = None) -> Grid:
        return Grid(sheet_name, rows[:nrows] if nrows else rows)

    return Workbook([sheet_name], load)


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",\t;")
    except csv.Error:
        # The sniffer gives up on cells that run over several lines; a header line with more tabs
        # than commas is still tab-separated text.
        first = text.lstrip("\ufeff").split("\n", 1)[0]
        return csv.excel_tab if first.count("\t") > first.count(",") else csv.excel


# Control characters other than tab, CR, LF and form feed never appear in a text export.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _is_delimited_text(content: bytes) -> bool:
    """Whether a file named as a workbook is text with a tab or comma in its first line, as
    systems write under an ".xls" name; an XML workbook (starting with "<") is not."""
    try:
        text = decode_csv(content[:65536])
    except UnreadableFile:
        # A multi-byte character cut at the end of the sample: try the whole file.
        try:
            text = decode_csv(content)
        except UnreadableFile:
            return False
    first = text.lstrip("\ufeff \r\n").split("\n", 1)[0]
    return not first.startswith("<") and ("\t" in first or "," in first) and not _BINARY.search(text[:65536])


def decode_csv(content: bytes) -> str:
    """A text file's characters: by its BOM (UTF-32, UTF-16, UTF-8), else UTF-8 when it decodes
    cleanly, else GB18030 (a superset of GBK), or Big5 where that reads it as the wrong characters."""
    return _decode(content, None, "file.csv_encoding")


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
)
_BIG5 = ("cp950", "big5hkscs")  # Windows' Big5, then Hong Kong's superset of it


def _decode(content: bytes, declared: str | None, refusal: str) -> str:
    """`content` as text: a BOM decides; then valid UTF-8 is UTF-8 (GBK or Big5 text practically
    never is, while OA templates often keep a stale gb2312 label over UTF-8 data); then the
    `declared` encoding ("gb18030", "big5" or None); then GB18030, checked for Big5."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            try:
                return content.decode(encoding)
            except UnicodeDecodeError as error:
                raise UnreadableFile(refusal) from error
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in _BIG5 if declared == "big5" else (declared,) if declared else ():
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        text = content.decode("gb18030")
    except UnicodeDecodeError as error:
        raise UnreadableFile(refusal) from error
    return text if declared == "gb18030" else _big5_instead(content, text)


# Ranges of GB2312 that Chinese ledgers do not use, but Big5 bytes read as GBK land in: kana,
# Greek, Cyrillic, box drawing, bopomofo, pinyin letters.
_FOREIGN = re.compile(r"[\u0100-\u02ff\u0370-\u04ff\u2500-\u257f\u3040-\u30ff\u3100-\u312f]")
_BIG5_SAMPLE = 20000  # characters: enough to decide, and quick on a 50 MB file
_BIG5_SHARE = 0.3  # Big5 read as GBK: about 60% odd characters; GBK text: under 5%


def _big5_instead(content: bytes, text: str) -> str:
    """Big5 bytes mostly decode as GB18030 too, into rare and foreign characters (問題類別 reads as
    拜肈摸). When at least 30% of the non-ASCII characters read are outside GB2312 or in its
    foreign ranges, and the bytes are valid Big5, they are Big5."""
    wide = [c for c in text[:_BIG5_SAMPLE] if c > "\x7f"]
    if len(wide) < 8:
        return text  # too little to tell
    odd = sum(1 for c in wide if _odd_in_gbk(c))
    if odd < _BIG5_SHARE * len(wide):
        return text
    for encoding in _BIG5:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return text


@cache
def _odd_in_gbk(character: str) -> bool:
    if _FOREIGN.match(character):
        return True
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


# An HTML page: one of these tags near the start (an XML Spreadsheet 2003 file has <Table> too,
# under <Workbook>, and is not one).
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|table)[\s/>]", re.IGNORECASE)
_XML_WORKBOOK = re.compile(r"<(?:\w+:)?workbook[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)
_GB_LABELS = frozenset(
    {"gb2312", "gbk", "x-gbk", "gb18030", "gb_2312-80", "chinese", "csgb2312", "iso-ir-58", "cp936", "euc-cn"}
)
_BIG5_LABELS = frozenset({"big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5", "cp950"})


def _is_xml_spreadsheet(content: bytes) -> bool:
    """Excel 2003's XML Spreadsheet: an XML <Workbook> in the SpreadsheetML namespace."""
    head = content[:4096].decode("latin-1")
    return bool(_XML_WORKBOOK.search(head)) and "urn:schemas-microsoft-com:office:spreadsheet" in head


def _grids_workbook(found: list[Grid]) -> Workbook:
    grids: dict[str, Grid] = {}
    for grid in found:  # two worksheets of one name: the second is 名称（2）, as html_tables does
        name, n = grid.sheet, 2
        while name in grids:
            name, n = f"{grid.sheet}（{n}）", n + 1
        grids[name] = Grid(name, grid.rows, grid.merged)

    def load(name: str, nrows: int | None = None) -> Grid:
        grid = grids[name]
        if not nrows:
            return grid
        clipped = [(first, (min(bottom, nrows - 1), right)) for first, (bottom, right) in grid.merged]
        merged = [(first, end) for first, end in clipped if first[0] < nrows and first != end]
        return Grid(name, grid.rows[:nrows], merged)

    return Workbook(list(grids), load)


def is_html(content: bytes) -> bool:
    """Whether a file's bytes are an HTML page (whatever it is named)."""
    head = content[:4096]
    text = (
        head.decode("utf-16", "ignore")
        if head.startswith((b"\xff\xfe", b"\xfe\xff"))
        else head.decode("latin-1")
    )
    return bool(_HTML_TAG.search(text)) and not _XML_WORKBOOK.search(text)


def _declared_encoding(content: bytes) -> str | None:
    """The Chinese encoding a page declares in <meta charset>, http-equiv or <?xml encoding>:
    "gb18030" for the GB family, "big5", "utf-8", else None. Other labels are not trusted: a Java
    server labels what it sends ISO-8859-1 by default, and a ledger is never in it."""
    head = content[:8192]
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    label = found.group(1).decode("ascii", "ignore").lower() if found else ""
    if label in _GB_LABELS:
        return "gb18030"
    if label in _BIG5_LABELS:
        return "big5"
    return "utf-8" if label in ("utf-8", "utf8") else None


def _html_workbook(content: bytes) -> Workbook:
    grids = {
        grid.sheet: grid
        for grid in read_tables(_decode(content, _declared_encoding(content), "file.html_encoding"))
    }

    def load(name: str, nrows: int | None = None) -> Grid:
        grid = grids[name]
        if not nrows:
            return Grid(name, grid.rows, list(grid.merged))
        # Only the merges that start in the rows read, cut at the last; one cut to a cell is none.
        clipped = [(first, (min(bottom, nrows - 1), right)) for first, (bottom, right) in grid.merged]
        merged = [(first, end) for first, end in clipped if first[0] < nrows and first != end]
        return Grid(name, grid.rows[:nrows], merged)

    return Workbook(list(grids), load)
