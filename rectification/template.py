"""The ledger sheet as offices print it: the blank template staff fill in, and the sample.

Title row, a 填报单位/填报时间 line, the header on row 3 with a status drop-down below it, frozen
header, widths that fit Chinese text, and a sheet explaining how to fill it in, with an example of
a problem broken into two measures (整改任务) written as offices keep them.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .labels import DEFAULT_LANG, label
from .schema import DEADLINE_TERMS, STATUSES

# The columns `write_ledger_sheet` lays out unless told otherwise (the sample ledger is built
# with these; data/make_sample.py promises the same file on every run).
SHEET_FIELDS: tuple[str, ...] = (
    "id",
    "category",
    "problem",
    "measures",
    "leader",
    "department",
    "owner",
    "deadline",
    "progress",
    "status",
    "completed_on",
    "evidence",
    "note",
)
# The blank template's: a measure's own number beside the problem's, and 配合部门 beside the lead.
_ADDED_BESIDE = {"problem": "measure_id", "department": "supporting"}
TEMPLATE_FIELDS: tuple[str, ...] = tuple(
    name for field in SHEET_FIELDS for name in (field, _ADDED_BESIDE.get(field)) if name
)
# Column widths in Excel units; the long free-text columns wrap.
_WIDTHS = {
    "id": 9,
    "measure_id": 9,
    "supporting": 14,
    "category": 12,
    "problem": 46,
    "measures": 36,
    "progress": 46,
    "evidence": 20,
    "note": 14,
    "deadline": 14,
    "completed_on": 14,
    "status": 11,
}
_WRAPPED = frozenset({"problem", "measures", "progress", "evidence", "note"})
HEADER_ROW = 3
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
FONT = "宋体"

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)

# The lines of the 填写说明 sheet, in order; numbered when written.
_RULES: tuple[str, ...] = (
    "template.rule.rows",
    "template.rule.required",
    "template.rule.measures",
    "template.rule.ids",
    "template.rule.departments",
    "template.rule.deadline",
    "template.rule.status",
    "template.rule.inferred",
    "template.rule.as_of",
    "template.rule.files",
)
# The example below the rules: one problem, two measures; the problem's cells (and its leader,
# the same for both) merged down over the two rows.
_EXAMPLE_FIELDS: tuple[str, ...] = (
    "id", "category", "problem", "measure_id", "measures", "leader", "department", "supporting",
    "deadline", "status",
)  # fmt: skip
_EXAMPLE_MERGED: frozenset[str] = frozenset({"id", "category", "problem", "leader"})
_EXAMPLE_WIDTHS = {"problem": 26, "measures": 30, "deadline": 13, "department": 12, "supporting": 12}


def instructions(lang: str = DEFAULT_LANG) -> tuple[str, ...]:
    """The 填写说明 sheet's heading and numbered rules."""
    separator = label("template.separator", lang)
    params = {
        "first": HEADER_ROW + 1,
        "header": HEADER_ROW,
        "date_row": HEADER_ROW - 1,
        "statuses": separator.join(label(f"status.{s.code}", lang) for s in STATUSES),
        "done": label("status.done", lang),
    }
    rules = [label(key, lang, **params) for key in _RULES]
    return (label("template.notes", lang), *(f"{n}. {rule}" for n, rule in enumerate(rules, start=1)))


def example_rows(lang: str = DEFAULT_LANG) -> list[dict[str, str]]:
    """The example problem's two measure rows, field name to cell text, each with every field
    of `_EXAMPLE_FIELDS` (the problem's cells repeated, as merged cells read)."""
    problem = {
        "id": "1",
        "category": label("template.example.category", lang),
        "problem": label("template.example.problem", lang),
        "leader": label("template.example.leader", lang),
    }
    return [
        problem
        | {
            "measure_id": "1.1",
            "measures": label("template.example.measure_1", lang),
            "department": label("template.example.department_1", lang),
            "supporting": "",
            "deadline": "2024-06-30",
            "status": label("status.done", lang),
        },
        problem
        | {
            "measure_id": "1.2",
            "measures": label("template.example.measure_2", lang),
            "department": label("template.example.department_2", lang),
            "supporting": label("template.example.department_1", lang),
            "deadline": label("term.standing", lang),
            "status": label("status.long_term", lang),
        },
    ]


def display_width(text: str) -> int:
    """Excel column units a text takes: CJK and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def write_ledger_sheet(
    ws: Worksheet,
    findings: Sequence[dict[str, Any]],
    *,
    title: str,
    unit_line: str,
    date_line: str,
    fields: Sequence[str] = SHEET_FIELDS,
    lang: str = DEFAULT_LANG,
) -> None:
    """Lay out a ledger sheet; each finding is a dict of field name to cell value. Category cells
    of consecutive findings in the same category are merged, as offices do."""
    last_col = get_column_letter(len(fields))
    ws["A1"] = title
    ws["A1"].font = Font(name=FONT, size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last_col}1")
    ws.row_dimensions[1].height = 36
    ws["A2"], ws[f"{get_column_letter(len(fields) - 3)}2"] = unit_line, date_line
    ws.row_dimensions[2].height = 22

    fill = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
    for col, name in enumerate(fields, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=label(f"field.{name}", lang))
        cell.font, cell.fill, cell.alignment, cell.border = Font(name=FONT, bold=True), fill, _CENTRE, _BORDER
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS.get(name, 12)
    ws.row_dimensions[HEADER_ROW].height = 30

    for offset, finding in enumerate(findings):
        row = HEADER_ROW + 1 + offset
        lines = 1
        for col, name in enumerate(fields, start=1):
            value = finding.get(name)
            cell = ws.cell(row=row, column=col, value=value)
            cell.font, cell.border = Font(name=FONT, size=10), _BORDER
            cell.alignment = _LEFT if name in _WRAPPED else _CENTRE
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
            if name in _WRAPPED and value:
                usable = max(_WIDTHS.get(name, 12) - 2, 1)
                lines = max(lines, math.ceil(display_width(str(value)) / usable))
        ws.row_dimensions[row].height = max(30, 14 * lines + 6)
    _merge_category_groups(ws, findings, fields)

    last_row = HEADER_ROW + max(len(findings), 500)
    _add_drop_downs(ws, fields, last_row, lang)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{HEADER_ROW + max(len(findings), 1)}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _merge_category_groups(ws: Worksheet, findings: Sequence[dict[str, Any]], fields: Sequence[str]) -> None:
    if "category" not in fields:
        return
    col = fields.index("category") + 1
    start = 0
    for end in range(1, len(findings) + 1):
        if end == len(findings) or findings[end].get("category") != findings[start].get("category"):
            if end - start > 1:
                top = HEADER_ROW + 1 + start
                for row in range(top + 1, top + end - start):
                    ws.cell(row=row, column=col).value = None
                ws.merge_cells(start_row=top, start_column=col, end_row=top + end - start - 1, end_column=col)
            start = end


def _add_drop_downs(ws: Worksheet, fields: Sequence[str], last_row: int, lang: str) -> None:
    first = HEADER_ROW + 1
    if "status" in fields:
        letter = get_column_letter(fields.index("status") + 1)
        status = DataValidation(
            type="list",
            formula1='"' + ",".join(label(f"status.{s.code}", lang) for s in STATUSES) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=label("field.status", lang),
            error=label("template.status_error", lang),
        )
        status.add(f"{letter}{first}:{letter}{last_row}")
        ws.add_data_validation(status)
    if "deadline" in fields:
        letter = get_column_letter(fields.index("deadline") + 1)
        terms = label("template.separator", lang).join(
            f"“{label(f'term.{t}', lang)}”" for t in DEADLINE_TERMS
        )
        hint = DataValidation(
            allow_blank=True,
            showInputMessage=True,
            promptTitle=label("field.deadline", lang),
            prompt=label("template.deadline_prompt", lang, terms=terms),
        )
        hint.add(f"{letter}{first}:{letter}{last_row}")
        ws.add_data_validation(hint)


def write_text_sheet(ws: Worksheet, lines: Sequence[str]) -> None:
    """A sheet of explanatory lines, the first as its heading."""
    ws.column_dimensions["A"].width = 110
    for row, text in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = Font(name=FONT, size=14 if row == 1 else 11, bold=row == 1)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.row_dimensions[row].height = max(24, 16 * math.ceil(display_width(text) / 108) + 6)


def write_instructions(ws: Worksheet, lang: str = DEFAULT_LANG) -> None:
    """The 填写说明 sheet: the rules, then the example problem with its two measure rows.

    The example's column headings name the template's column ("C列 问题描述"), not the field
    alone: a row of plain field names would read as a ledger header, and a filled template
    with columns deleted could then be read from this sheet instead of the ledger."""
    for col, name in enumerate(_EXAMPLE_FIELDS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = _EXAMPLE_WIDTHS.get(name, _WIDTHS.get(name, 10))
    last_col = len(_EXAMPLE_FIELDS)
    usable = sum(ws.column_dimensions[get_column_letter(c)].width for c in range(1, last_col + 1)) - 2
    lines = [*instructions(lang), "", label("template.example", lang)]
    for row, text in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1, value=text or None)
        heading = row in (1, len(lines))
        cell.font = Font(name=FONT, size=14 if row == 1 else 11, bold=heading)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
        ws.row_dimensions[row].height = max(24, 16 * math.ceil(display_width(text) / usable) + 6)

    header_row = len(lines) + 1
    fill = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
    for col, name in enumerate(_EXAMPLE_FIELDS, start=1):
        letter = get_column_letter(TEMPLATE_FIELDS.index(name) + 1)
        heading = label("template.example.column", lang, letter=letter, name=label(f"field.{name}", lang))
        cell = ws.cell(row=header_row, column=col, value=heading)
        cell.font, cell.fill, cell.alignment, cell.border = Font(name=FONT, bold=True), fill, _CENTRE, _BORDER
    ws.row_dimensions[header_row].height = 34
    rows = example_rows(lang)
    for offset, values in enumerate(rows, start=1):
        row = header_row + offset
        lines_needed = 1
        for col, name in enumerate(_EXAMPLE_FIELDS, start=1):
            merged_below = name in _EXAMPLE_MERGED and offset > 1
            cell = ws.cell(row=row, column=col, value=None if merged_below else values[name] or None)
            cell.font, cell.border = Font(name=FONT, size=10), _BORDER
            cell.alignment = _LEFT if name in _WRAPPED else _CENTRE
            width = ws.column_dimensions[get_column_letter(col)].width
            lines_needed = max(lines_needed, math.ceil(display_width(values[name]) / max(width - 2, 1)))
        ws.row_dimensions[row].height = max(30, 14 * lines_needed + 6)
    for col, name in enumerate(_EXAMPLE_FIELDS, start=1):
        if name in _EXAMPLE_MERGED:
            ws.merge_cells(
                start_row=header_row + 1, start_column=col, end_row=header_row + len(rows), end_column=col
            )


def template_workbook(lang: str = DEFAULT_LANG) -> Workbook:
    book = Workbook()
    write_ledger_sheet(
        book.active,
        [],
        title=label("template.title", lang),
        unit_line=label("template.unit_line", lang),
        date_line=label("template.date_line", lang),
        fields=TEMPLATE_FIELDS,
        lang=lang,
    )
    book.active.title = label("template.sheet", lang)
    write_instructions(book.create_sheet(label("template.notes_sheet", lang)), lang)
    return book


def write_template(path: Path, lang: str = DEFAULT_LANG) -> None:
    """Write the blank template to `path` (an .xlsx file)."""
    template_workbook(lang).save(path)


def template_bytes(lang: str = DEFAULT_LANG) -> bytes:
    """The blank template as the bytes of an .xlsx file."""
    buffer = io.BytesIO()
    template_workbook(lang).save(buffer)
    return buffer.getvalue()
