"""Bounded reading (issue 12): how much a workbook may unpack to and how large a sheet may be,
decided before python-calamine parses it.

A workbook (.xlsx, .xlsm, .ods, WPS .et) is a zip of XML parts. calamine inflates a part as it
reads it, keeps every shared string, and gives a sheet one 32-byte cell for every position of the
rectangle up to the last row and column holding a value, empty or not: a 3 MB file can unpack to
gigabytes, and a 10 KB sheet with one value in XFD1048576 asks for 550 GB, which aborts the
process (the server with it). So, before calamine sees the bytes:

1. The sizes the zip's central directory declares are held against the limits (`ReadLimits`, from
   the settings): all parts together, each part, and the unpacked : packed ratio of each part over
   `RATIO_FLOOR`. A zip of more than `MOST_PARTS` parts is refused too.
2. Declared sizes are not trusted, since calamine's zip reader inflates a part to its end whatever
   the header says: each compressed part is inflated here, in pieces that are not kept, and
   refused the moment it gives more bytes than declared (or fewer: it is damaged). Nothing calamine
   reads later is larger than step 1 allowed. A sheet is checked so when it is first loaded, the
   other parts when the file is opened.
3. A sheet's XML (held while it is scanned: at most one part's limit) is scanned for the last row
   and column holding a value, as calamine places cells; a value past the row or the column limit,
   or a used range of more cells than the limit, refuses the file and names the cell. An .ods is
   scanned for the same in its content.xml (sheets.ods_layout, repeats counted).

Formatting alone (a bordered cell on row 1,048,576) costs nothing: calamine skips cells without a
value, and so does the scan. What is not a zip (.xls, a compound file: at most 65,536 × 256 cells)
is checked by `check_sheet_range` once calamine has read the sheet, before it becomes Python lists.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from html import unescape
from io import BytesIO
from typing import TYPE_CHECKING

from .errors import UnreadableFile, Words

if TYPE_CHECKING:
    from .settings import Settings

MB = 2**20
# Parts smaller than this are not held to the ratio: a small part costs little whatever its ratio,
# and styles or themes of small workbooks pack unevenly.
RATIO_FLOOR = 10 * MB
# Genuine workbooks have tens of parts (a sheet, its rels and comments per sheet, images); a zip of
# hundreds of thousands of empty entries costs memory in every reader that lists it.
MOST_PARTS = 10_000
_PIECE = 1 << 16  # compressed bytes handed to the inflater at a time
_OUT = 1 << 20  # most inflated bytes taken from it at a time
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile's structFileHeader
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class ReadLimits:
    """The limits of one read, in the units of their settings (settings.SETTINGS)."""

    unzipped_mb: int
    part_mb: int
    compression_ratio: int
    sheet_rows: int
    sheet_columns: int
    sheet_cells: int

    @classmethod
    def of(cls, settings: Settings) -> ReadLimits:
        return cls(
            unzipped_mb=settings.max_unzipped_mb,
            part_mb=settings.max_part_mb,
            compression_ratio=settings.max_compression_ratio,
            sheet_rows=settings.max_sheet_rows,
            sheet_columns=settings.max_sheet_columns,
            sheet_cells=settings.max_sheet_cells,
        )


def default_limits() -> ReadLimits:
    """The limits when no setting changes them: the defaults of the settings table."""
    from .settings import load_settings

    return ReadLimits.of(load_settings({}, {}))


def limits_in_effect() -> ReadLimits:
    """The limits set by the environment and .streamlit/secrets.toml, else the defaults."""
    from .settings import load_settings

    return ReadLimits.of(load_settings())


# -- steps 1 and 2: the zip's parts -------------------------------------------------------------
@dataclass
class ZipPackage:
    """A zip whose declared sizes passed the limits and whose parts other than an .xlsx's sheets
    inflate to what they declare. `check_sheet(name)` checks a sheet before calamine reads it."""

    content: bytes
    limits: ReadLimits
    parts: dict[str, zipfile.ZipInfo]  # by name as calamine finds it: lower case, "/" separated
    sheet_parts: dict[str, str]  # an .xlsx's sheet names and their parts
    opendocument: bool
    _checked: set[str] = field(default_factory=set)

    def check_sheet(self, sheet: str) -> None:
        """Inflate and scan the part of `sheet`, once; every sheet part when its part is unknown."""
        part = self.sheet_parts.get(sheet)
        for name in [part] if part else list(self.sheet_parts.values()):
            if name in self._checked or name not in self.parts:
                continue
            xml = _inflate(self.content, self.parts[name], keep=True)
            check_worksheet_xml(xml, sheet if part else posixpath.basename(name), self.limits)
            self._checked.add(name)


def inspect_zip(content: bytes, limits: ReadLimits) -> ZipPackage:
    """Hold a zip's declared sizes against `limits`, and inflate each part but an .xlsx's sheets
    (checked as they are loaded) to see that it gives what it declares. Raises UnreadableFile
    naming the limit, the figure and the fix."""
    if content.count(b"PK\x01\x02") > MOST_PARTS:  # central directory entries, counted unparsed
        raise UnreadableFile("file.too_many_parts", limit=MOST_PARTS)
    try:
        with zipfile.ZipFile(BytesIO(content)) as book:
            infos = [info for info in book.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as error:
        raise UnreadableFile("file.unreadable") from error
    parts = {_found_as(info.filename): info for info in infos}
    total = sum(info.file_size for info in infos)
    if total > limits.unzipped_mb * MB:
        raise UnreadableFile("file.unzipped_too_large", size=_mb(total), limit=limits.unzipped_mb)
    sheet_parts = _sheet_parts(content, parts, limits)
    for name, info in parts.items():
        if info.file_size > limits.part_mb * MB:
            raise UnreadableFile(
                "file.part_too_large", part=_shown(name, sheet_parts), size=_mb(info.file_size),
                limit=limits.part_mb,
            )  # fmt: skip
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= RATIO_FLOOR and ratio > limits.compression_ratio:
            raise UnreadableFile(
                "file.compression_ratio", part=_shown(name, sheet_parts), ratio=round(ratio),
                size=_mb(info.file_size), limit=limits.compression_ratio,
            )  # fmt: skip
    sheets = set(sheet_parts.values())
    for name, info in parts.items():
        if name not in sheets:
            _inflate(content, info, keep=False)
    mimetype = parts.get("mimetype")
    opendocument = mimetype is not None and _inflate(content, mimetype, keep=True).strip() == _ODS_MIMETYPE
    return ZipPackage(content, limits, parts, sheet_parts, opendocument)


def _found_as(name: str) -> str:
    # calamine finds a part whatever its case and with "\" for "/" (files zipped on Windows).
    return name.replace("\\", "/").lower()


def _mb(size: int) -> int:
    return -(-size // MB)  # rounded up: 512.3 MB is over a 512 MB limit, and says 513


def _shown(name: str, sheet_parts: dict[str, str]) -> Words:
    """A part as a clerk can tell it: its sheet, the shared strings, else its own file name."""
    sheet = next((sheet for sheet, part in sheet_parts.items() if part == name), None)
    if sheet is not None:
        return Words("file.part_sheet", sheet=sheet)
    if name.endswith("sharedstrings.xml"):
        return Words("file.part_strings")
    return Words("file.part_named", part=posixpath.basename(name))


def _inflate(content: bytes, info: zipfile.ZipInfo, *, keep: bool) -> bytes | bytearray:
    """A part as inflated (b"" unless `keep`), refused the moment it gives more bytes than it
    declares, or when it ends short of them. Parts in a method calamine does not read (anything
    but stored and deflate) or encrypted are left to calamine, which refuses them."""
    header = content[info.header_offset : info.header_offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise UnreadableFile("file.unreadable")
    fields = _LOCAL_HEADER.unpack(header)
    start = info.header_offset + _LOCAL_HEADER.size + fields[10] + fields[11]
    packed = memoryview(content)[start : start + info.compress_size]
    part = posixpath.basename(info.filename)
    if len(packed) < info.compress_size:
        raise UnreadableFile("file.unreadable")
    if info.compress_type == zipfile.ZIP_STORED:
        if info.compress_size != info.file_size:
            raise UnreadableFile("file.sizes_inconsistent", part=part)
        return bytes(packed) if keep else b""
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:
        return b""
    kept = bytearray(info.file_size if keep else 0)
    size = 0
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        for offset in range(0, len(packed), _PIECE):
            pending: bytes | memoryview = packed[offset : offset + _PIECE]
            while pending and not inflater.eof:
                piece = inflater.decompress(pending, _OUT)
                if size + len(piece) > info.file_size:
                    raise UnreadableFile("file.sizes_inconsistent", part=part)
                if keep:
                    kept[size : size + len(piece)] = piece
                size += len(piece)
                pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error as error:
        raise UnreadableFile("file.unreadable") from error
    if size != info.file_size or not inflater.eof:
        raise UnreadableFile("file.unreadable")
    return kept if keep else b""


_SHEET_TAG = re.compile(rb"<(?:[\w.-]+:)?sheet\b([^>]*)>")
_RELATIONSHIP_TAG = re.compile(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>")
_ATTRIBUTE = re.compile(rb"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attributes(text: bytes) -> dict[str, str]:
    return {
        key.decode("ascii", "replace"): unescape((double or single).decode("utf-8", "replace"))
        for key, double, single in _ATTRIBUTE.findall(text)
    }


def _sheet_parts(content: bytes, parts: dict[str, zipfile.ZipInfo], limits: ReadLimits) -> dict[str, str]:
    """An .xlsx's sheet names and their parts, as calamine finds them: the sheets of
    xl/workbook.xml through its relationships, and any other part under xl/worksheets/ by its
    file name. {} for a zip that is not an .xlsx. Read only when both are within the part limit
    (else the part is refused for its size)."""
    workbook, rels = parts.get("xl/workbook.xml"), parts.get("xl/_rels/workbook.xml.rels")
    named: dict[str, str] = {}
    if workbook and rels and max(workbook.file_size, rels.file_size) <= limits.part_mb * MB:
        targets = {}
        for found in _RELATIONSHIP_TAG.finditer(_inflate(content, rels, keep=True)):
            attributes = _attributes(found.group(1))
            target = attributes.get("Target", "")
            if attributes.get("Type", "").endswith("/worksheet") and target:
                path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
                targets[attributes.get("Id", "")] = _found_as(posixpath.normpath(path))
        for found in _SHEET_TAG.finditer(_inflate(content, workbook, keep=True)):
            attributes = _attributes(found.group(1))
            relation = next((v for k, v in attributes.items() if k.endswith(":id")), "")
            if relation in targets and "name" in attributes:
                named[attributes["name"]] = targets[relation]
    known = set(named.values())
    for name in parts:
        if name.startswith("xl/worksheets/") and name.endswith(".xml") and name not in known:
            named[posixpath.basename(name)] = name
    return named


# -- step 3: a sheet's used range ----------------------------------------------------------------
def cell_name(row: int, column: int) -> str:
    """A cell as Excel names it (1-based): cell_name(1048576, 1) is "A1048576"."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - ord("A") + 1
    return number


@dataclass(frozen=True)
class Farthest:
    """The last row and column of a sheet holding a value (1-based), each with a cell that holds
    it ("" when the figure is a bound, not a cell seen)."""

    row: int = 0
    column: int = 0
    row_cell: str = ""
    column_cell: str = ""

    def past(self, limits: ReadLimits) -> bool:
        return (
            self.row > limits.sheet_rows
            or self.column > limits.sheet_columns
            or self.row * self.column > limits.sheet_cells
        )


def check_extent(sheet: str, farthest: Farthest, limits: ReadLimits) -> None:
    """Refuse a sheet whose last value lies past the row or column limit, or whose used range
    (A1 to that row and column: what reading it costs, empty cells too) has more cells than the
    limit. The message names the cell, the figure, the limit and what to do."""
    if farthest.row > limits.sheet_rows:
        raise UnreadableFile(
            "sheet.too_many_rows", sheet=sheet, cell=farthest.row_cell or cell_name(farthest.row, 1),
            row=farthest.row, limit=limits.sheet_rows,
        )  # fmt: skip
    if farthest.column > limits.sheet_columns:
        raise UnreadableFile(
            "sheet.too_many_columns", sheet=sheet, cell=farthest.column_cell or cell_name(1, farthest.column),
            column=farthest.column, limit=limits.sheet_columns,
        )  # fmt: skip
    if farthest.row * farthest.column > limits.sheet_cells:
        raise UnreadableFile(
            "sheet.too_many_cells", sheet=sheet, cell=cell_name(farthest.row, farthest.column),
            cells=farthest.row * farthest.column, limit=limits.sheet_cells,
        )  # fmt: skip


def check_sheet_range(sheet: str, end: tuple[int, int] | None, limits: ReadLimits) -> None:
    """`check_extent` on a sheet calamine has read (its `end`, 0-based), before its rows become
    Python lists: the last line for formats the zip scan does not see (.xls)."""
    if end is not None:
        cell = cell_name(end[0] + 1, end[1] + 1)
        check_extent(sheet, Farthest(end[0] + 1, end[1] + 1, cell, cell), limits)


def check_worksheet_xml(xml: bytes | bytearray, sheet: str, limits: ReadLimits) -> None:
    """Refuse a worksheet's XML whose cells with a value reach past the limits (`check_extent`),
    placed as calamine places them: by a cell's `r` ("B7"), else by counting rows and cells."""
    farthest = worksheet_extent(xml, limits)
    check_extent(sheet, farthest, limits)


def worksheet_extent(xml: bytes | bytearray, limits: ReadLimits) -> Farthest:
    """How far a worksheet's values reach: exact where it matters to `limits`, else a bound that
    passes them. From the first <sheetData> to the last </sheetData>, more than calamine reads."""
    opening = re.search(rb"<(?:[\w.-]+:)?sheetData[\s/>]", xml)
    if opening is None:
        return Farthest()
    start = opening.end()
    end = xml.rfind(b"sheetData>")  # the last closing tag: a region no smaller than calamine's
    end = len(xml) if end < start else end
    if _in_house_style(xml, start, end):
        return _farthest_by_references(xml, start, end, limits)
    return _farthest_by_counting(xml, start, end, limits)


def _in_house_style(xml: bytes | bytearray, start: int, end: int) -> bool:
    """Whether every cell is written `<c r="…"`, unprefixed, as Excel, WPS, LibreOffice, openpyxl
    and xlsxwriter write them: then the references alone place every cell."""
    cells, referenced = xml.count(b"<c", start, end), xml.count(b'<c r="', start, end)
    return cells == referenced and _PREFIXED_CELL.search(xml, start, end) is None


_PREFIXED_CELL = re.compile(rb":c[\s/>]")


# References in tiers: by the letters of their column or the digits of their row. A tier's largest
# possible value bounds every reference in it, so a tier's cells are read one by one only when that
# bound would break a limit (the six-digit rows of a 100,000-row ledger: 64 cells). The tiers are
# found with plain byte searches in a copy where every letter is "A" and every digit "9" (there
# `<A A="A9999999` is any one-letter column on a row of seven digits or more): a regular
# expression over every cell of a 60 MB sheet costs seconds, these searches hundredths. The top
# tiers are open-ended: nine letters or more, ten digits or more (leading zeros count).
_SHAPES = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", b"A" * 52 + b"9" * 10
)
_ROW_TOP, _COLUMN_TOP = 10, 9  # calamine reads a row and a column as a u32
_OPEN_CELL = b'<c r="'
_SHAPE_CELL = _OPEN_CELL.translate(_SHAPES)  # b'<A A="'
_REFERENCE_AT = re.compile(rb'<c r="([A-Za-z]+)([0-9]+)"([^>]*)>')


def _shape(letters: int, digits: int = 1) -> bytes:
    """A reference's shape: `letters` letters and at least `digits` digits."""
    return _SHAPE_CELL + b"A" * letters + b"9" * digits


def _tier(letters: int, digits: int | None = None) -> bytes:
    """The shape of the references of a tier: `letters` letters (or more, at the top) then a digit;
    or with `digits`, `letters` letters then `digits` digits (or more, at the top)."""
    if digits is None:
        return _SHAPE_CELL + b"A" * letters + (b"9" if letters < _COLUMN_TOP else b"")
    return _shape(letters, digits) + (b'"' if digits < _ROW_TOP else b"")


def _row_bound(digits: int) -> int:
    return 10**digits - 1


def _column_bound(letters: int) -> int:
    return sum(26**k for k in range(1, letters + 1))


def _farthest_by_references(xml: bytes | bytearray, start: int, end: int, limits: ReadLimits) -> Farthest:
    last = xml.rfind(_OPEN_CELL, start, end)
    hint = _REFERENCE_AT.match(xml, last) if last >= 0 else None
    if hint is None:
        return Farthest()
    shapes = xml.translate(_SHAPES)
    letters = len(hint.group(1))
    # One search for any longer column first (a formula's <f t="shared"> has the same shape).
    if shapes.find(_SHAPE_CELL + b"A" * (letters + 1), start, end) >= 0:
        found = [k for k in range(letters + 1, _COLUMN_TOP + 1) if shapes.find(_tier(k), start, end) >= 0]
        letters = max([letters, *found])
    digits = len(hint.group(2))
    while digits < _ROW_TOP and any(
        shapes.find(_shape(k, digits + 1), start, end) >= 0 for k in range(1, letters + 1)
    ):
        digits += 1
    found = Farthest(_row_bound(digits), _column_bound(letters))
    if not found.past(limits):
        return found
    walk = _Walk(xml, start, end, shapes, letters)
    rows_read = found.row > limits.sheet_rows or found.row * found.column > limits.sheet_cells
    if rows_read:
        row, row_cell = walk.farthest(digits, rows=True, limit=limits.sheet_rows)
        found = Farthest(row, found.column, row_cell)
    if found.past(limits):
        column, column_cell = walk.farthest(letters, rows=False, limit=limits.sheet_columns)
        found = Farthest(found.row, column, found.row_cell, column_cell)
    if found.past(limits) and not rows_read:
        row, row_cell = walk.farthest(digits, rows=True, limit=limits.sheet_rows)
        found = Farthest(row, found.column, row_cell, found.column_cell)
    return found


@dataclass(frozen=True)
class _Walk:
    """The cells of a tier, read one by one in the sheet's XML at the places its shapes show."""

    xml: bytes | bytearray
    start: int
    end: int
    shapes: bytes | bytearray  # `xml` with every letter "A" and every digit "9"
    letters: int  # the highest column tier present

    def farthest(self, top: int, *, rows: bool, limit: int) -> tuple[int, str]:
        """The farthest row (or column) of a cell with a value, reading the tiers from `top` down
        until one holds such a cell; the first cell past `limit` ends the reading."""
        for tier in range(top, 0, -1):
            shapes = [_tier(k, tier) for k in range(1, self.letters + 1)] if rows else [_tier(tier)]
            farthest, named = 0, ""
            for shape in shapes:
                at = self.shapes.find(shape, self.start, self.end)
                while at >= 0:
                    tag = _REFERENCE_AT.match(self.xml, at)
                    at = self.shapes.find(shape, at + len(shape), self.end)
                    # No value (conservative: any content counts, even an empty <v></v>).
                    if tag is None or tag.group(3).endswith(b"/") or self.xml.startswith(b"</c>", tag.end()):
                        continue
                    row, column = int(tag.group(2)), _column_number(tag.group(1))
                    if (row if rows else column) > farthest:
                        farthest, named = (row if rows else column), cell_name(row, column)
                        if farthest > limit:
                            return farthest, named
            if farthest:
                return farthest, named
        return 0, ""


_TAG = re.compile(rb"<(/?)(?:[\w.-]+:)?(row|c)(?=[\s/>])([^>]*)>")
_R = re.compile(rb"""(?<![\w:.-])r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REFERENCE = re.compile(rb"([A-Za-z]*)0*([0-9]+)")
_CELL_END = re.compile(rb"</(?:[\w.-]+:)?c>")


def _farthest_by_counting(xml: bytes | bytearray, start: int, end: int, limits: ReadLimits) -> Farthest:
    """Cells placed as calamine places them when a cell may lack its `r`: a row's `r` sets the
    row and the end of a row moves to the next; a cell's `r` sets its place, else it is the one
    after the cell before. A step per tag (seconds for a large sheet): only for workbooks from
    less common writers."""
    found = Farthest()
    row = column = 0  # 0-based, as calamine counts
    for tag in _TAG.finditer(xml, start, end):
        closing, name, attributes = tag.groups()
        empty = attributes.endswith(b"/")
        r = None if closing else _R.search(attributes)
        reference = _REFERENCE.fullmatch(r.group(1) or r.group(2) or b"") if r else None
        if name == b"row":
            if reference:
                row = int(reference.group(2)) - 1
            if closing or empty:
                row, column = row + 1, 0
            continue
        if closing:
            continue
        cell_row = row
        if reference:
            cell_row = int(reference.group(2)) - 1
            column = _column_number(reference.group(1)) - 1 if reference.group(1) else column
        if not empty and not _CELL_END.match(xml, tag.end()):
            cell = cell_name(cell_row + 1, column + 1)
            found = Farthest(
                max(found.row, cell_row + 1), max(found.column, column + 1),
                cell if cell_row + 1 > found.row else found.row_cell,
                cell if column + 1 > found.column else found.column_cell,
            )  # fmt: skip
            if found.past(limits):
                return found
        column += 1
    return found
