"""The shell that turns a file's bytes into grids of cells; everything after this is pure.

What a file is, is read from its bytes, not its name (OA and government systems export HTML
pages, tab-separated text and renamed workbooks as ".xls"). Workbooks (.xlsx/.xlsm/.xls/.ods, and
WPS .et/.ett, which are one of the first two inside) go through python-calamine; HTML pages through
html_tables; CSV and tab-separated text through the csv module after detecting UTF-16/32 (by
BOM: Excel's "Unicode text"; UTF-16 also without one, by where its zero bytes fall), UTF-8 (with
or without BOM) or GB18030, which covers what WPS and older Excel write, and Big5 where GB18030
would read it as the wrong characters. Text is read whatever its line ends; a quote left open is
refused by its row. An .xlsx sheet's formulas saved without a value are found (xlsx_formulas.py)
and handed on with the grid, since calamine reads them as blank. What a cell's text may hold is
decided after this, once for every kind of file (cell_text.py, ledger._texts).
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath
from xml.etree import ElementTree

import python_calamine

from .errors import UnreadableFile, Words
from .grid import Grid, Merge
from .html_tables import read_tables
from .read_limits import (
    Farthest,
    ReadLimits,
    cell_name,
    check_extent,
    check_sheet_range,
    inspect_zip,
    limits_in_effect,
)
from .xlsx_formulas import formulas_without_values
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


def open_workbook(content: bytes, filename: str, limits: ReadLimits | None = None) -> Workbook:
    """Open a file's bytes as a workbook; raises UnreadableFile with the reason. A workbook is
    held to `limits` (read_limits.py; by default the settings in effect) before it is parsed."""
    if not content:
        raise UnreadableFile("file.empty")
    suffix = PurePath(filename).suffix.lower()
    if content.startswith(_CFB_MAGIC) and _ENCRYPTED_PACKAGE in content:
        raise UnreadableFile("file.encrypted")
    if content.startswith((_ZIP_MAGIC, _CFB_MAGIC)):
        return _calamine_workbook(content, limits or limits_in_effect())
    if _is_xml_spreadsheet(content):
        return _grids_workbook(read_xml_spreadsheet(content))
    if is_html(content):
        return _html_workbook(content)
    if suffix in TEXT_SUFFIXES or (suffix in WORKBOOK_SUFFIXES and _is_delimited_text(content)):
        return _csv_workbook(content, PurePath(filename).stem or filename, limits or limits_in_effect())
    if suffix in WORKBOOK_SUFFIXES:
        raise UnreadableFile("file.unreadable")
    raise UnreadableFile("file.not_spreadsheet")


def _calamine_workbook(content: bytes, limits: ReadLimits) -> Workbook:
    # A zip is inspected before calamine sees it (its sizes; an .xlsx's sheets as they load).
    package = inspect_zip(content, limits) if content.startswith(_ZIP_MAGIC) else None
    merges: dict[str, list[Merge]] = {}
    if package is not None and package.opendocument:
        # calamine reads every table of an .ods as it opens it: each is held to the limits first.
        merges, extents = ods_layout(content)
        for table, farthest in extents.items():
            check_extent(table, farthest, limits)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
        names = [
            m.name
            for m in book.sheets_metadata
            if str(m.typ).endswith("WorkSheet") and str(m.visible).endswith(".Visible")
        ] or list(book.sheet_names)
    except Exception as error:  # calamine raises several unrelated types for bad files
        raise UnreadableFile("file.unreadable") from error

    def load(name: str, nrows: int | None = None) -> Grid:
        if package is not None:
            package.check_sheet(name)
        try:
            sheet = book.get_sheet_by_name(name)
        except Exception as error:
            raise UnreadableFile("file.unreadable") from error
        # Before the rows become Python lists: the one check an .xls (not a zip) gets.
        check_sheet_range(name, sheet.end, limits)
        try:
            rows = sheet.to_python(skip_empty_area=False, nrows=nrows)
            merged = sheet.merged_cell_ranges
            if merged is None:
                # calamine reports merges for xlsx and xls only; an .ods keeps them in its XML.
                merged = merges.get(name)
        except Exception as error:
            raise UnreadableFile("file.unreadable") from error
        return Grid(name, rows, list(merged or []), unevaluated_in(name, nrows or None))

    scanned: dict[tuple[str, int | None], list[tuple[int, int]]] = {}

    def unevaluated_in(name: str, nrows: int | None) -> list[tuple[int, int]]:
        # An .xlsx's formulas without values read as "" (xlsx_formulas.py): each sheet scanned
        # once, and only as far as its rows are read (the top rows of every sheet are).
        part = package.parts.get(package.sheet_parts.get(name, "")) if package is not None else None
        if part is None:
            return []
        if (name, nrows) not in scanned:
            scanned[name, nrows] = formulas_without_values(content, part, nrows)
        return scanned[name, nrows]

    return Workbook(names, load)


_ODS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_CELLS = (f"{_ODS}table-cell", f"{_ODS}covered-table-cell")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def ods_merges(content: bytes) -> dict[str, list[Merge]]:
    """Each sheet's merged ranges in an OpenDocument spreadsheet (0-based, first and last cell),
    read from content.xml in one streaming pass; {} for a zip that is not one."""
    return ods_layout(content)[0]


_OFFICE_VALUE_TYPE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}value-type"


def ods_layout(content: bytes) -> tuple[dict[str, list[Merge]], dict[str, Farthest]]:
    """Each sheet's merged ranges (as `ods_merges`) and how far its values reach, repeats counted
    as calamine expands them (read_limits.check_extent), in one streaming pass over content.xml."""
    found: dict[str, list[Merge]] = {}
    reach: dict[str, Farthest] = {}
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        names = set(book.namelist())
        if not {"mimetype", "content.xml"} <= names or book.read("mimetype").strip() != _ODS_MIMETYPE:
            return found, reach
        with book.open("content.xml") as xml:
            merges: list[Merge] = []
            table = ""
            row = column = cell_column = repeats = 0
            row_valued = False
            farthest = Farthest()
            open_elements: list[ElementTree.Element] = []
            for event, element in ElementTree.iterparse(xml, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    open_elements.append(element)
                    if tag == f"{_ODS}table":
                        table = element.get(f"{_ODS}name", "")
                        merges = found.setdefault(table, [])
                        row, farthest = 0, reach.get(table, Farthest())
                    elif tag == f"{_ODS}table-row":
                        column, row_valued = 0, False
                    elif tag in _ODS_CELLS:
                        height = int(element.get(f"{_ODS}number-rows-spanned", "1"))
                        width = int(element.get(f"{_ODS}number-columns-spanned", "1"))
                        if height > 1 or width > 1:
                            merges.append(((row, column), (row + height - 1, column + width - 1)))
                        cell_column, repeats = column, int(element.get(f"{_ODS}number-columns-repeated", "1"))
                        column += repeats
                    continue
                open_elements.pop()
                if tag in _ODS_CELLS and (
                    len(element) or element.get(_OFFICE_VALUE_TYPE) or element.get(f"{_ODS}formula")
                ):
                    # A value repeated across columns is one value in each: calamine expands it.
                    row_valued = True
                    if cell_column + repeats > farthest.column:
                        cell = cell_name(row + 1, cell_column + repeats)
                        farthest = Farthest(farthest.row, cell_column + repeats, farthest.row_cell, cell)
                elif tag == f"{_ODS}table-row":
                    # Blank rows are written once with a repeat count, up to the sheet's last row.
                    repeated = int(element.get(f"{_ODS}number-rows-repeated", "1"))
                    if row_valued and row + repeated > farthest.row:
                        cell = cell_name(row + repeated, max(column, 1))
                        farthest = Farthest(row + repeated, farthest.column, cell, farthest.column_cell)
                    reach[table] = farthest
                    row += repeated
                    # A row read is let go, so a sheet of millions of rows holds one at a time.
                    if open_elements:
                        open_elements[-1].remove(element)
                    element.clear()
    return found, reach


def _csv_workbook(content: bytes, sheet_name: str, limits: ReadLimits) -> Workbook:
    text = decode_csv(content)
    if "\r" in text:
        # Any mix of line ends (CRLF from Windows, LF, a lone CR from old Macs and some exports)
        # is one LF: the csv module refuses a lone CR outside quotes, and a line break inside a
        # quoted cell is kept as Excel writes it in a cell, LF.
        text = _CR.sub("\n", text)
    rows = _csv_rows(text, _dialect(text))
    width = max((len(r) for r in rows), default=0)
    _check_text_extent(sheet_name, rows, width, limits)
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))

    def load(name: str, nrows: int | None = None) -> Grid:
        return Grid(sheet_name, rows[:nrows] if nrows else rows)

    return Workbook([sheet_name], load)


def _check_text_extent(sheet: str, rows: list[list[object]], width: int, limits: ReadLimits) -> None:
    """Delimited text is held to the sheet limits as a workbook is, by its last value: a CSV of
    20,000 columns is refused as the sheet it would make. Only a text whose raw size is past a
    limit is looked at cell by cell, so an ordinary file costs nothing."""
    if not Farthest(len(rows), width).past(limits):
        return
    last_row = next((i + 1 for i in range(len(rows) - 1, -1, -1) if any(c != "" for c in rows[i])), 0)
    last_column = max(
        (next((j + 1 for j in range(len(r) - 1, -1, -1) if r[j] != ""), 0) for r in rows), default=0
    )
    check_extent(sheet, Farthest(last_row, last_column), limits)


_CR = re.compile("\r\n?")
# The csv module's limit on one cell (128 K characters by default) is no limit of a ledger's: a
# cell is bounded by the file, which the upload limit bounds. The largest a C long holds anywhere.
_LARGEST_CELL = min(sys.maxsize, 2**31 - 1)


def _csv_rows(text: str, dialect: type[csv.Dialect] | csv.Dialect) -> list[list[object]]:
    """The records of delimited text whose line ends are LF. A quoted cell that never closes, or
    that runs over a line break and closes into more text, swallows the cells and rows after it:
    refused, naming the row and line where its quote opens (`_unclosed_quote`). Any other quote
    out of place is read as the csv module and Excel read it."""
    if csv.field_size_limit() < _LARGEST_CELL:
        csv.field_size_limit(_LARGEST_CELL)
    try:
        # Strict first: a well-formed file (nearly every one) is read once, and needs no scan.
        return list(csv.reader(io.StringIO(text), dialect, strict=True))
    except csv.Error:
        pass
    opened = _unclosed_quote(text, dialect)
    if opened is not None:
        row, line, start = opened
        raise UnreadableFile("file.csv_unclosed_quote", row=row, line=line, start=start)
    try:
        return list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as error:  # never a traceback on the upload page
        raise UnreadableFile("file.unreadable") from error


def _unclosed_quote(text: str, dialect: type[csv.Dialect] | csv.Dialect) -> tuple[int, int, str] | None:
    """The first quoted cell that never closes (it runs to the end of the text, taking every
    cell after it), or that runs over a line break and closes into more text, because the quote
    that closed it opened another cell. Returns the row it is on as Excel shows it (records, a
    cell's own line breaks not counted), the line of the text, and the cell's first characters;
    None when there is none. A quoted cell over several lines that closes where a cell ends (a
    delimiter, a line end, the end of the text) is a cell with line breaks, as Excel writes one;
    a stray quote within one line ("办公室"（牵头）) is read as Excel reads it."""
    quote, delimiter = dialect.quotechar, dialect.delimiter
    if not quote or dialect.quoting == csv.QUOTE_NONE or quote not in text:
        return None
    space = " *" if dialect.skipinitialspace else ""
    opening = re.compile(f"(?:^|(?<=[{re.escape(delimiter)}\n])){space}{re.escape(quote)}")
    escape = dialect.escapechar or ""
    parts = [f"[^{re.escape(quote + escape)}]++"]
    if escape:
        parts.append(f"{re.escape(escape)}.")
    if dialect.doublequote:
        parts.append(re.escape(quote) * 2)
    inside = re.compile(f"(?:{'|'.join(parts)})*+", re.DOTALL)
    at = breaks_before = 0
    while (found := opening.search(text, at)) is not None:
        start = found.end()
        matched = inside.match(text, start)
        end = matched.end() if matched else start
        closed = end < len(text)
        ends_a_cell = closed and (end + 1 == len(text) or text[end + 1] in (delimiter, "\n"))
        if not closed or (not ends_a_cell and "\n" in text[start:end]):
            line = text.count("\n", 0, found.start()) + 1
            return line - breaks_before, line, text[start : start + 20].split("\n", 1)[0]
        breaks_before += text.count("\n", start, end)
        # After a quote that closes within a cell, the csv module reads on to the cell's end.
        at = end + 1 if ends_a_cell else _cell_end(text, end + 1 if closed else end, delimiter)
    return None


def _cell_end(text: str, at: int, delimiter: str) -> int:
    ends = [i for i in (text.find(delimiter, at), text.find("\n", at)) if i >= 0]
    return min(ends, default=len(text))


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        sniffed = csv.Sniffer().sniff(text[:8192], delimiters=",\t;")
        # Excel, WPS and every export double a quote inside a quoted cell. The sniffer guesses
        # "no" when the sample has no doubled quote, and then a quote closes a cell wherever it
        # stands: a cell left open would silently run on to the next quote of the file.
        sniffed.doublequote = True
        return sniffed
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
    first = re.split("[\r\n]", text.lstrip("\ufeff \r\n"), maxsplit=1)[0]  # whatever its line ends
    return not first.startswith("<") and ("\t" in first or "," in first) and not _BINARY.search(text[:65536])


def decode_csv(content: bytes) -> str:
    """A text file's characters: by its BOM (UTF-32, UTF-16, UTF-8); else UTF-16 without a BOM
    where its zero bytes say so (`_utf16_without_bom`); else UTF-8 when it decodes cleanly, else
    GB18030 (a superset of GBK), or Big5 where that reads it as the wrong characters. Refused
    ("file.csv_encoding") naming what it is not: the encoding its BOM claims, or all of these."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            try:
                return content.decode(encoding)
            except UnicodeDecodeError as error:
                claimed = Words("file.encoding_bom", encoding=_BOM_NAMES[encoding])
                raise UnreadableFile("file.csv_encoding", reason=claimed) from error
    wide = _utf16_without_bom(content)
    try:
        return content.decode(wide) if wide else _decode(content, None, "file.csv_encoding")
    except (UnicodeDecodeError, UnreadableFile) as error:
        raise UnreadableFile("file.csv_encoding", reason=Words("file.encoding_tried")) from error


_BOM_NAMES = {"utf-32": "UTF-32", "utf-16": "UTF-16", "utf-8-sig": "UTF-8"}
_UTF16_SAMPLE = 1 << 16  # bytes: even, so the sample never ends inside a code unit
# What a ledger's text is made of: ASCII, Latin letters, general punctuation and the common
# symbols (√, ×, ①, □), CJK punctuation, ideographs and their compatibility and full-width forms.
_NOT_LEDGER_TEXT = re.compile(
    "[^\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u2bff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)


def _utf16_without_bom(content: bytes) -> str | None:
    """The codec ("utf-16-le" or "utf-16-be") of text in UTF-16 without a BOM (Excel's "Unicode
    text" with its BOM lost, some systems' exports), else None. Each tab, comma and line break is
    a character with a zero byte beside it, so only text with zero bytes is looked at. It is
    UTF-16 in the byte order in which those separators read as separators, often enough to
    divide a table (two at least, and one in 2,000 characters), and in which nine characters in
    ten are a ledger's (`_NOT_LEDGER_TEXT`), Chinese text as much as ASCII. The other byte order
    reads every separator as a letter of another script (a comma as U+2C00); UTF-8 or GBK text
    with a stray NUL reads as private-use and foreign characters, without separators."""
    sample = content[:_UTF16_SAMPLE]
    if b"\x00" not in sample:
        return None
    sample = sample[: len(sample) // 2 * 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        text = sample.decode(encoding, "replace")
        separators = text.count("\t") + text.count(",") + text.count("\n")
        if separators < max(2, len(text) // 2000):
            continue
        if len(_NOT_LEDGER_TEXT.findall(text)) <= len(text) // 10:
            return encoding
    return None


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
