"""The tables of an HTML page as grids: what web and OA systems export under an ".xls" name.

Each <table> is a sheet, named by its <caption>, else by the heading (h1-h6) just before it, else
表1, 表2 … in order. rowspan/colspan become the grid's merged ranges, with the text in the first
cell and the covered ones empty, as calamine gives an .xlsx. <br> is a line break in the cell;
entities are decoded; <script>, <style> and the like are skipped. Nothing is fetched or run.

The page is scanned with a few regular expressions rather than html.parser: on Python 3.11 the
latter takes quadratic time on unclosed tags ("<a" 20,000 times: 1 s; 200,000 times: over a
minute), and an upload must not be able to hold the server. Every step here is linear, and the
grids are bounded by Excel's own sheet (1,048,576 rows, 16,384 columns) and 16,777,216 cells in all.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .errors import UnreadableFile
from .grid import Grid, Merge

MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
# A 50 MB page (Streamlit's upload limit) holds at most about 5.5 million cells ("<td></td>");
# spans could make more from a few bytes, so the sum over all tables is bounded too.
MAX_CELLS = 1 << 24
# HTML's own limits: larger values are clamped by every browser.
_MAX_COLSPAN = 1000
_MAX_ROWSPAN = 65534

# One token of the page, matched where the last one ended; the group that closes last names its kind.
# Possessive repeats, and an unclosed tag, comment or declaration running to the end of the page,
# keep every step linear: nothing is tried again from each position.
_TOKEN = re.compile(
    r"""(?P<text>(?:[^<]++|<(?![A-Za-z/!?]))++)
    |<(?P<cell>[tT][dhDH])(?P<cell_attributes>(?:[\t\n\f\r\ /](?:[^>"']++|"[^"]*+"|'[^']*+')*+)?)>
      (?P<cell_text>[^<]*+)</(?i:t[dh])[\t\n\f\r\ ]*+(?P<cell_end>>)
    |<(?P<start>[A-Za-z][^\t\n\f\r\ />]*+)(?P<attributes>(?:[^>"']++|"[^"]*+"|'[^']*+')*+)(?P<start_end>>?)
    |</(?P<end>[A-Za-z][^\t\n\f\r\ />]*+)?[^>]*+(?P<end_end>>?)
    |<!--(?:-?>|.*?-->|(?P<open_comment>.*))(?P<comment>)
    |<[!?][^>]*+(?P<declaration_end>>?)""",
    re.VERBOSE | re.DOTALL,
)
_ATTRIBUTE = re.compile(
    r"""([^\t\n\f\r />"'=]+)(?:[\t\n\f\r ]*=[\t\n\f\r ]*("[^"]*"|'[^']*'|[^\t\n\f\r >]*))?"""
)
_SPACES = re.compile(r"[ \t\n\r\f]+")
_LEADING_NUMBER = re.compile(r"[\t\n\f\r ]*(\d+)")
# Elements whose content is not markup, and is not shown in a cell (or not shown at all).
_RAW = frozenset({"script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Blocks inside a cell start a new line in the browser, as <br> does.
_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "dd", "dt", "blockquote", "pre", *_HEADINGS})
_SECTIONS = frozenset({"thead", "tbody", "tfoot"})
# Line breaks kept in a cell's raw text until it is closed (neither is whitespace to strip()):
# <br>'s, kept as written, and a block's, dropped where it would make an empty line. Two
# noncharacters, which no text holds: a NUL or another control character in a page is the
# page's own, removed (and said) by the one normalisation every cell goes through (ledger._texts).
_HARD = "\ufdd1"
_SOFT = "\ufdd0"


def read_tables(text: str) -> list[Grid]:
    """The non-empty tables of an HTML page, in order, each as a grid with its merged ranges.
    Raises UnreadableFile: "file.no_table" for a page without a table, "file.empty" when every
    table is empty, "file.too_large" past the bounds above."""
    builder = _Builder()
    builder.feed(text)
    return builder.grids()


def _span(attributes: str, name: str, limit: int, zero: int) -> int:
    """A rowspan or colspan as browsers read it: leading digits ("2px" is 2), 1 when absent or
    unreadable, `zero` for 0, at most `limit`."""
    for match in _ATTRIBUTE.finditer(attributes):
        if match.group(1).lower() == name:
            value = (match.group(2) or "").strip("\"'")
            number = _LEADING_NUMBER.match(value)
            if number is None:
                return 1
            count = int(number.group(1)[:6])
            return zero if count == 0 else min(count, limit)
    return 1


def _cell_text(parts: list[str]) -> str:
    """A cell's text as shown: entities decoded, spaces collapsed, each line stripped."""
    raw = parts[0] if len(parts) == 1 else "".join(parts)
    if "&" in raw:
        # Exports pad cells with &nbsp;, which no other entity contains: replaced at a tenth of
        # html.unescape's cost.
        raw = raw.replace("&nbsp;", " ")
        if "&" in raw:
            raw = html.unescape(raw)
    raw = _SPACES.sub(" ", raw.replace("\xa0", " "))
    if _HARD not in raw and _SOFT not in raw:
        return raw.strip()
    lines = []
    for line in raw.split(_HARD):
        pieces = [piece.strip() for piece in line.split(_SOFT)]
        lines.append("\n".join(piece for piece in pieces if piece))
    return "\n".join(lines).strip()


def _one_line(parts: list[str]) -> str:
    return " ".join(_cell_text(parts).split("\n"))


@dataclass
class _Table:
    order: int
    heading: str | None
    rows: list[list[object]] = field(default_factory=list)
    merged: list[Merge] = field(default_factory=list)
    covered: dict[int, int] = field(default_factory=dict)  # column: last row a rowspan covers
    row: list[object] | None = None
    column: int = 0
    cell: list[str] | None = None
    cell_at: int = 0
    caption: list[str] | None = None
    caption_open: bool = False


class _Builder:
    """Tables from the page's tokens; a table inside a cell is a sheet of its own."""

    def __init__(self) -> None:
        self.open: list[_Table] = []
        self.done: list[_Table] = []
        self.table: _Table | None = None  # the innermost open table
        self.sink: list[str] | None = None  # where text goes: the open cell's or caption's parts
        self.count = 0
        self.cells = 0
        self.heading: list[str] | None = None
        self.last_heading: str | None = None
        self.template = 0  # <template> content is never shown

    def feed(self, text: str) -> None:
        """Reads the page token by token, following the HTML tokenizer closely enough for
        exported tables: a tag, comment or declaration left open at the end is dropped."""
        match = _TOKEN.match
        length, position = len(text), 0
        while position < length:
            token = match(text, position)
            assert token is not None  # the alternatives cover every character
            position = token.end()
            kind = token.lastgroup
            if kind == "cell_end":
                # A whole cell of plain text, the commonest token by far: read in one step.
                self.start("td", token.group("cell_attributes"))
                if self.sink is not None:
                    self.sink.append(token.group("cell_text"))
                self.end("td")
            elif kind == "text":
                if self.sink is not None:
                    self.sink.append(token.group())
                if self.heading is not None:
                    self.heading.append(token.group())
            elif kind == "start_end":
                if not token.group("start_end"):
                    return
                name = token.group("start").lower()
                self.start(name, token.group("attributes"))
                if name in _RAW:
                    close = re.compile(rf"</{name}[\t\n\f\r />]", re.IGNORECASE).search(text, position)
                    end = text.find(">", close.end() - 1) if close else -1
                    if end < 0:
                        return
                    position = end + 1
            elif kind == "end_end":
                if not token.group("end_end"):
                    return
                if token.group("end"):
                    self.end(token.group("end").lower())
            elif token.group("open_comment") is not None or (
                kind == "declaration_end" and not token.group("declaration_end")
            ):
                return
            # Anything else is a comment, a doctype, Excel's <![if …]> or <?xml …?>: not shown.

    def _resink(self) -> None:
        table = self.table
        if self.template or table is None:
            self.sink = None
        elif table.caption_open:
            self.sink = table.caption
        else:
            self.sink = table.cell

    def _break(self, mark: str) -> None:
        if self.sink is not None:
            self.sink.append(mark)

    def start(self, name: str, attributes: str) -> None:
        table = self.table
        if table is not None and not self.template and name in ("td", "th"):  # the most frequent
            self._close_cell(table)
            if table.row is None:
                self._open_row(table)
            self._open_cell(table, attributes)
            return
        if name == "template":
            self.template += 1
            self._resink()
        if self.template:
            return
        if name == "br":
            self._break(_HARD)
        elif name in _BLOCKS:
            self._break(_SOFT)
        if name in _HEADINGS:
            self.heading = []
        elif name == "table":
            self.count += 1
            self.table = _Table(self.count, self.last_heading)
            self.open.append(self.table)
            self.last_heading = None  # a heading names the one table after it
            self._resink()
        elif table is None:
            return
        elif name == "caption":
            table.caption, table.caption_open = [], True
            self._resink()
        elif name == "tr":
            self._close_row(table)
            self._open_row(table)
        elif name in _SECTIONS:
            self._close_row(table)

    def end(self, name: str) -> None:
        table = self.table
        if table is not None and not self.template and name in ("td", "th"):  # the most frequent
            self._close_cell(table)
            return
        if name == "template":
            self.template = max(0, self.template - 1)
            self._resink()
            return
        if self.template:
            return
        if name == "br":  # </br> is a line break in every browser
            self._break(_HARD)
        elif name in _BLOCKS:
            self._break(_SOFT)
        if name in _HEADINGS and self.heading is not None:
            self.last_heading = _one_line(self.heading) or None
            self.heading = None
        if table is None:
            return
        if name == "table":
            self._finish(self.open.pop())
            self.table = self.open[-1] if self.open else None
            self._resink()
        elif name == "caption":
            table.caption_open = False
            self._resink()
        elif name == "tr" or name in _SECTIONS:
            self._close_row(table)

    def _open_row(self, table: _Table) -> None:
        if len(table.rows) >= MAX_ROWS:
            raise UnreadableFile("file.too_large")
        table.row, table.column = [], 0
        table.rows.append(table.row)

    def _close_row(self, table: _Table) -> None:
        self._close_cell(table)
        table.row = None

    def _open_cell(self, table: _Table, attributes: str) -> None:
        colspan = rowspan = 1
        if "span" in attributes.lower():
            colspan = _span(attributes, "colspan", _MAX_COLSPAN, 1)
            # rowspan="0" is "to the end of the table", which the clipping in _finish makes it.
            rowspan = _span(attributes, "rowspan", _MAX_ROWSPAN, _MAX_ROWSPAN)
        row = table.row
        assert row is not None
        row_index, column, covered = len(table.rows) - 1, table.column, table.covered
        if covered:
            while covered.get(column, -1) >= row_index:
                column += 1
        end = column + colspan
        if end > len(row):
            if end > MAX_COLUMNS:
                raise UnreadableFile("file.too_large")
            self._spend(end - len(row))
            row.extend([""] * (end - len(row)))
        if colspan > 1 or rowspan > 1:
            table.merged.append(((row_index, column), (row_index + rowspan - 1, end - 1)))
            if rowspan > 1:
                for spanned in range(column, end):
                    covered[spanned] = row_index + rowspan - 1
        table.cell, table.cell_at, table.column = [], column, end
        if not table.caption_open:
            self.sink = table.cell

    def _close_cell(self, table: _Table) -> None:
        if table.cell is not None:
            if table.row is not None:
                table.row[table.cell_at] = _cell_text(table.cell) if table.cell else ""
            table.cell = None
            if self.sink is not None and not table.caption_open:
                self.sink = None

    def _spend(self, cells: int) -> None:
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise UnreadableFile("file.too_large")

    def _finish(self, table: _Table) -> None:
        self._close_row(table)
        last = len(table.rows) - 1
        # A rowspan past the last row ends with the table, as in a browser.
        table.merged = [
            (first, (min(bottom, last), right))
            for first, (bottom, right) in table.merged
            if (min(bottom, last), right) != first
        ]
        width = max((len(row) for row in table.rows), default=0)
        for row in table.rows:
            if len(row) < width:
                self._spend(width - len(row))
                row.extend([""] * (width - len(row)))
        self.done.append(table)

    def grids(self) -> list[Grid]:
        while self.open:  # tables left open at the end of the page
            self._finish(self.open.pop())
        if not self.done:
            raise UnreadableFile("file.no_table")
        tables = [
            t
            for t in sorted(self.done, key=lambda t: t.order)
            if any(cell != "" for row in t.rows for cell in row)
        ]
        if not tables:
            raise UnreadableFile("file.empty")
        grids, taken = [], set()
        for number, table in enumerate(tables, 1):
            caption = _one_line(table.caption) if table.caption else ""
            name = base = caption or table.heading or f"表{number}"
            repeat = 1
            while name in taken:
                repeat += 1
                name = f"{base}（{repeat}）"
            taken.add(name)
            grids.append(Grid(name, table.rows, table.merged))
        return grids
