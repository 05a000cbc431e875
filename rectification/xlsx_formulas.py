"""Formulas that have no value saved in an .xlsx (issue 12, part 4).

Excel keeps each formula's last result beside it (<c><f>A1+1</f><v>3</v></c>); a program that
writes a workbook (openpyxl, many reporting scripts) writes the formula alone (<v></v> or no <v>),
and python-calamine then reads the cell as "", so a problem computed by a formula would be
dropped as a blank row. This finds such cells, so the reader can refuse them by name.

A streaming scan of the sheet's XML in the zip: inflated a piece at a time (read_limits.py has
held the part to its size limits before), never held whole; a 65 MB sheet costs about as much
as inflating it. A cell is placed by its `r` reference, as every common writer writes it; a cell
without one is not placed (and not named). A formula whose result is an empty string is saved by
Excel and LibreOffice as t="str" with an empty <v>: that is a value, not a missing one.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from .errors import UnreadableFile

_PIECE = 1 << 22  # inflated bytes read at a time: few rounds of the loop, little held
# A cell whose formula has no value after it: <v/>, <v></v> or none, then the cell's end.
_NO_VALUE = re.compile(rb"<c\s([^>]*)>\s*<f\b[^>]*(?:/>|>[^<]*</f>)\s*(<v\s*/>|<v>\s*</v>)?\s*</c>")
_REFERENCE = re.compile(rb"""(?<![\w:.-])r\s*=\s*["']([A-Za-z]{1,3})([0-9]{1,7})["']""")
_STRING_RESULT = re.compile(rb"""(?<![\w:.-])t\s*=\s*["']str["']""")
_ROW_NUMBER = re.compile(rb"""<row\b[^>]*?(?<![\w:.-])r\s*=\s*["']([0-9]{1,7})["']""")
_CELL_START = b"<c "


def formulas_without_values(
    content: bytes, part: zipfile.ZipInfo, rows: int | None = None
) -> list[tuple[int, int]]:
    """The cells (row, column, 0-based) of the sheet stored in `part` of the zip `content` whose
    formula has no value saved; with `rows`, in the first `rows` rows only (the scan stops past
    them). Raises UnreadableFile for a part that does not inflate."""
    found: list[tuple[int, int]] = []
    carry = b""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as book, book.open(part) as xml:
            while piece := xml.read(_PIECE):
                buffer = carry + piece
                # A cell may run on into the next piece: everything from the last cell's start waits.
                cut = buffer.rfind(_CELL_START)
                if cut < 0:
                    cut = max(len(buffer) - len(_CELL_START) + 1, 0)
                if b"<f" in buffer:
                    found += _cells(buffer, cut)
                carry = buffer[cut:]
                if rows is not None and _past(buffer, rows):
                    break
        if b"<f" in carry:
            found += _cells(carry, len(carry))
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as error:
        raise UnreadableFile("file.unreadable") from error
    except (NotImplementedError, RuntimeError):
        # A compression or encryption zipfile cannot open, which calamine did (it read the sheet
        # already): its formulas cannot be looked at here, which is no reason to refuse the file.
        return []
    return [cell for cell in found if rows is None or cell[0] < rows]


def _past(buffer: bytes, rows: int) -> bool:
    """Whether the sheet's rows in `buffer` have gone past its first `rows` (rows come in order)."""
    last = buffer.rfind(b"<row")
    found = _ROW_NUMBER.match(buffer, last) if last >= 0 else None
    return found is not None and int(found.group(1)) > rows


def _cells(buffer: bytes, end: int) -> list[tuple[int, int]]:
    cells = []
    for match in _NO_VALUE.finditer(buffer, 0, end):
        attributes, empty_value = match.group(1), match.group(2)
        if empty_value is not None and _STRING_RESULT.search(attributes):
            continue  # an empty string, as Excel saves the result ""
        reference = _REFERENCE.search(attributes)
        if reference is None:
            continue
        letters, digits = reference.groups()
        column = 0
        for letter in letters.upper():
            column = column * 26 + letter - ord("A") + 1
        cells.append((int(digits) - 1, column - 1))
    return cells
