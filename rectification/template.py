"""The ledger sheet as offices print it: the blank template staff fill in, and the sample.

Title row, a 填报单位/填报时间 line, the header on row 3 with a status drop-down below it, frozen
header, widths that fit Chinese text, and a sheet explaining how to fill it in.
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

from .schema import DEADLINE_TERMS, FIELD_BY_NAME, STATUSES

TEMPLATE_FIELDS: tuple[str, ...] = (
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
# Column widths in Excel units; the long free-text columns wrap.
_WIDTHS = {
    "id": 9,
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

INSTRUCTIONS: tuple[str, ...] = (
    "填写说明",
    "1. 每个问题占一行，从第4行开始填写；不要改动第3行的列名，可以删除不用的列。",
    "2. 问题类别、问题描述必填。同一类别的多行可以合并单元格，系统会自动向下填充。",
    "3. 编号用于识别同一个问题，请保持不变；不填时系统按问题类别和问题描述自动生成。",
    "4. 整改时限填日期（如 2024-06-30、2024/6/30、2024年6月30日），或填“立行立改”“长期坚持”。",
    "5. 整改状态从下拉列表选择：" + "、".join(s.zh for s in STATUSES) + "。只有“已完成”计入完成率。",
    "6. 不填整改状态时，系统根据整改进展的文字推断状态，并标记为“推断”。",
    "7. 第2行的“填报时间”作为截至日期，逾期和临期预警都以它为准。",
    "8. 文件可保存为 .xlsx、.xls 或 .csv（UTF-8 或 GBK 编码均可）。",
)


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
    fields: Sequence[str] = TEMPLATE_FIELDS,
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
        cell = ws.cell(row=HEADER_ROW, column=col, value=FIELD_BY_NAME[name].zh)
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
    _add_drop_downs(ws, fields, last_row)
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


def _add_drop_downs(ws: Worksheet, fields: Sequence[str], last_row: int) -> None:
    first = HEADER_ROW + 1
    if "status" in fields:
        letter = get_column_letter(fields.index("status") + 1)
        status = DataValidation(
            type="list",
            formula1='"' + ",".join(s.zh for s in STATUSES) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="整改状态",
            error="请从下拉列表中选择整改状态",
        )
        status.add(f"{letter}{first}:{letter}{last_row}")
        ws.add_data_validation(status)
    if "deadline" in fields:
        letter = get_column_letter(fields.index("deadline") + 1)
        terms = "、".join(f"“{zh}”" for zh, _, _ in DEADLINE_TERMS.values())
        hint = DataValidation(
            allow_blank=True,
            showInputMessage=True,
            promptTitle="整改时限",
            prompt=f"填日期（如 2024-06-30），或{terms}",
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


def template_workbook() -> Workbook:
    book = Workbook()
    write_ledger_sheet(
        book.active,
        [],
        title="（单位名称）巡察整改台账",
        unit_line="填报单位：",
        date_line="填报时间：    年  月  日",
    )
    book.active.title = "整改台账"
    write_text_sheet(book.create_sheet("填写说明"), INSTRUCTIONS)
    return book


def write_template(path: Path) -> None:
    """Write the blank template to `path` (an .xlsx file)."""
    template_workbook().save(path)


def template_bytes() -> bytes:
    """The blank template as the bytes of an .xlsx file."""
    buffer = io.BytesIO()
    template_workbook().save(buffer)
    return buffer.getvalue()
