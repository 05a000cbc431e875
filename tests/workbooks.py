"""Tiny spreadsheet files made by the tests themselves, as bytes."""

import io

from openpyxl import Workbook


def xlsx(sheets: dict[str, list[list[object]]], merged: dict[str, list[str]] | None = None) -> bytes:
    """A workbook with one sheet per entry; `merged` lists ranges such as "B4:B6" per sheet.
    As in Excel, cells covered by a merge other than the top-left one must be left empty."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in (merged or {}).get(name, []):
            sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[str]], encoding: str) -> bytes:
    return "\r\n".join(",".join(row) for row in rows).encode(encoding)
