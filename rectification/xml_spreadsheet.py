"""Excel 2003's "XML Spreadsheet" (SpreadsheetML), which Java and OA systems still write under an
".xls" name: each <Worksheet> a sheet, its <Row>/<Cell> with ss:Index gaps and
ss:MergeAcross/ss:MergeDown as the grid's merged ranges.

Read in one streaming pass with expat through ElementTree: no external entity or DTD is fetched,
and expat (2.4 and later) refuses entity expansion that amplifies ("billion laughs"). Bounded by
Excel's own sheet, as html_tables is.
"""

from __future__ import annotations

import io
from xml.etree import ElementTree

from .errors import UnreadableFile
from .grid import Grid, Merge
from .html_tables import MAX_CELLS, MAX_COLUMNS, MAX_ROWS

_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def read_xml_spreadsheet(content: bytes) -> list[Grid]:
    """The worksheets of a SpreadsheetML file as grids; UnreadableFile when it is not one."""
    grids: list[Grid] = []
    rows: list[list[object]] = []
    merged: list[Merge] = []
    name, row, column, cells = "", -1, 0, 0
    try:
        for event, element in ElementTree.iterparse(io.BytesIO(content), events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_SS}Worksheet":
                    name = element.get(f"{_SS}Name") or f"Sheet{len(grids) + 1}"
                    rows, merged, row = [], [], -1
                elif tag == f"{_SS}Row":
                    row = _index(element, row + 1)
                    column = 0
                continue
            if tag == f"{_SS}Cell":
                column = _index(element, column)
                text = "".join(element.itertext()).strip()
                across = int(element.get(f"{_SS}MergeAcross", "0") or 0)
                down = int(element.get(f"{_SS}MergeDown", "0") or 0)
                if row >= MAX_ROWS or column + across >= MAX_COLUMNS or row + down >= MAX_ROWS:
                    raise UnreadableFile("file.too_large")
                while len(rows) <= row:
                    rows.append([])
                cells += max(0, column + 1 - len(rows[row]))
                if cells > MAX_CELLS:
                    raise UnreadableFile("file.too_large")
                rows[row].extend([None] * (column + 1 - len(rows[row])))
                rows[row][column] = text or None
                if across or down:
                    merged.append(((row, column), (row + down, column + across)))
                column += across + 1
                element.clear()
            elif tag == f"{_SS}Worksheet":
                width = max((len(r) for r in rows), default=0)
                grids.append(Grid(name, [r + [None] * (width - len(r)) for r in rows], merged))
                element.clear()
    except ElementTree.ParseError as error:
        raise UnreadableFile("file.unreadable") from error
    if not grids:
        raise UnreadableFile("file.unreadable")
    return grids


def _index(element: ElementTree.Element, default: int) -> int:
    """ss:Index, 1-based in the file, as a 0-based position; `default` where it is not given."""
    written = element.get(f"{_SS}Index")
    if written is None:
        return default
    try:
        return max(int(written) - 1, default)
    except ValueError as error:
        raise UnreadableFile("file.unreadable") from error
