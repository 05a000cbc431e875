"""Reading the dates people type into ledgers: Excel dates, serial numbers and written forms."""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import NamedTuple

from .schema import deadline_term_for_word

# Excel's day zero (its serials count from 1900-01-00 and include the fictitious 1900-02-29).
_EXCEL_EPOCH = date(1899, 12, 30)
# Serial numbers outside these years are more likely amounts or counts than dates.
_SERIAL_RANGE = (
    (date(1990, 1, 1) - _EXCEL_EPOCH).days,
    (date(2100, 12, 31) - _EXCEL_EPOCH).days,
)

_SEP = r"\s*[-/.年]\s*"
_BEFORE = r"(?:前|之前|以前)?"
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_FULL = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})\s*[日号]?{_TIME}{_BEFORE}$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}})\s*月?\s*(?:底|末|份)?{_BEFORE}$")
_YEAR_END = re.compile(rf"^(\d{{4}})\s*年\s*(?:底|末){_BEFORE}$")
_DIGITS = re.compile(r"^\d{5}(?:\.\d+)?$")


class DateCell(NamedTuple):
    """What a date cell holds: a date, a deadline term, or nothing. `ok` is False when unreadable."""

    date: date | None = None
    term: str | None = None
    ok: bool = True


EMPTY = DateCell()
INVALID = DateCell(ok=False)


def parse_date(value: object, *, allow_terms: bool = False) -> DateCell:
    """Read one cell. Month-only forms ("2024年6月", "2024年6月底") mean the month's last day."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, datetime):
        return DateCell(value.date())
    if isinstance(value, date):
        return DateCell(value)
    if isinstance(value, bool):
        return INVALID
    if isinstance(value, (int, float)):
        return _from_number(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return EMPTY
    if allow_terms and (term := deadline_term_for_word(text)):
        return DateCell(term=term)
    return _from_text(text)


def _from_number(value: float) -> DateCell:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return EMPTY if math.isnan(value) else INVALID
    if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
        return DateCell(_EXCEL_EPOCH + timedelta(days=int(value)))
    if float(value).is_integer() and 19000101 <= value <= 21001231:
        return _from_text(str(int(value)))
    return INVALID


def _from_text(text: str) -> DateCell:
    if match := _FULL.match(text) or _COMPACT.match(text):
        return _checked(*match.groups()[:3])
    if match := _MONTH.match(text):
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            return _checked(year, month, calendar.monthrange(year, month)[1])
        return INVALID
    if match := _YEAR_END.match(text):
        return DateCell(date(int(match.group(1)), 12, 31))
    if _DIGITS.match(text):
        return _from_number(float(text))
    return INVALID


def _checked(year: object, month: object, day: object) -> DateCell:
    try:
        return DateCell(date(int(year), int(month), int(day)))
    except ValueError:
        return INVALID


_AS_OF = re.compile(
    r"(?:填报时间|填报日期|统计时间|统计截至|截至|截止|更新时间|as of|updated)\s*[:：]?\s*"
    r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)",
    re.IGNORECASE,
)


def as_of_in_text(text: str) -> date | None:
    """The date after 填报时间/截至 in a title line, e.g. "（截至2024年5月10日）"."""
    match = _AS_OF.search(unicodedata.normalize("NFKC", text))
    return parse_date(match.group(1)).date if match else None
