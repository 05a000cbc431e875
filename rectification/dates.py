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
# The common fully dated cell, tried before the scan below so most cells cost one match.
_FULL = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})\s*[日号]?{_TIME}{_BEFORE}$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DIGITS = re.compile(r"^\d{5}(?:\.\d+)?$")

# One date as written inside a cell. Alternatives are tried in this order at each position, so a
# full date wins over the month it starts with. `(?<!\d)`/`(?!\d)` keep a date from being read out
# of a longer number. A bare 年底 preceded by 明/今/下… is left unread: the year is then in words
# this reader does not resolve, and the leftover 年 refuses the cell.
_YEAR = r"(?<!\d)(?P<{}>\d{{4}})"
_WRITTEN = re.compile(
    "|".join(
        (
            _YEAR.format("fy")
            + r"\s*[-/.年]\s*(?P<fm>\d{1,2})\s*[-/.月]\s*(?P<fd>\d{1,2})(?!\d)\s*[日号]?"
            + _TIME,
            r"(?<!\d)(?P<dm>\d{1,2})\s*月\s*(?P<dd>\d{1,2})\s*[日号]",
            rf"(?:{_YEAR.format('xy')}\s*[-/.年]\s*)?(?<!\d)(?P<xm>\d{{1,2}})\s*月\s*(?P<x>[上中下])旬\s*(?:末|底)?",
            rf"(?<!\d)(?:{_YEAR.format('qy')}\s*[-年]?\s*)?"
            r"(?:第?\s*(?P<q>\d)\s*季度?|[Qq]\s*(?P<qq>\d))(?!\d)\s*(?:末|底)?",
            rf"(?<!\d)(?:{_YEAR.format('hy')}\s*年?\s*)?(?P<h>[上下])半年\s*(?:末|底)?",
            rf"(?:{_YEAR.format('ey')}\s*年\s*(?:年\s*)?|(?<![\d明今本次去后当来上下每])年\s*)(?:底|末|终|内)",
            _YEAR.format("my") + r"\s*[-/.年]\s*(?P<mm>\d{1,2})(?!\d)\s*(?:月\s*)?(?:份|底|末)?",
            r"(?<!\d)(?P<m>\d{1,2})\s*月\s*份?\s*(?:底|末)?",
        )
    )
)
# What may be left around the dates: words (前, 完成, （阶段性）, 初见成效). A digit or a date word
# left over is a date this reader did not understand (30天内, 明年), so the cell is refused
# rather than read as something else.
_UNREAD = re.compile(r"[\d年月日号季旬周天]")
_CN_DIGIT = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NUMBER = re.compile(r"([〇零一二三四五六七八九十]{1,4})(?=\s*([年月日号季]))")
# Deadline terms written together (立行立改并长期坚持, 立行立改、长期坚持).
_TERM_JOINS = re.compile(r"以及|[并且和及与、，,;；/+\s]+")

# The order in which one decision is named when several were taken: a year that was not written
# matters most to the reader, then that other dates were set aside as milestones, then the period.
_DECIDED_ORDER = ("next_year", "previous_year", "year_assumed", "last_of_several")
# Every rule a cell can say it was read by (DateCell.decided), each with its words in labels.py.
DECIDED: tuple[str, ...] = (
    *_DECIDED_ORDER,
    "month_end",
    "dekad_end",
    "quarter_end",
    "half_year_end",
    "year_end",
    "standing_over_immediate",
)


_DEKAD_END: dict[str, int | None] = {"上": 10, "中": 20, "下": None}


class DateCell(NamedTuple):
    """What a date cell holds: a date, a deadline term, or nothing. `ok` is False when unreadable.

    `milestones` are the earlier dates of a cell that names several (the latest is the date);
    `decided` names the rule a cell not fully dated was read by, for the reader to be told:
    month_end, dekad_end, quarter_end, half_year_end, year_end (a period means its last day), year_assumed
    (the caller's year), next_year / previous_year (a year moved so the dates run in order or
    not before the round's start), last_of_several, standing_over_immediate (terms together).
    """

    date: date | None = None
    term: str | None = None
    ok: bool = True
    milestones: tuple[date, ...] = ()
    decided: str | None = None


EMPTY = DateCell()
INVALID = DateCell(ok=False)


class _Written(NamedTuple):
    year: int | None
    month: int
    day: int | None  # None: the period's last day
    rule: str | None  # the decided code of the form; None for a written day


def parse_date(
    value: object, *, allow_terms: bool = False, year: int | None = None, not_before: date | None = None
) -> DateCell:
    """Read one cell. A month, quarter, half-year or 年底 means its last day ("2024年6月底前" is
    2024-06-30); of several dates the latest is the date and the others are milestones.

    A form without its year takes `year` (the as-of year), or the next year where that would fall
    before `not_before` (the round's start); without `year` such a cell is refused.
    """
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
    if match := _FULL.match(text) or _COMPACT.match(text):
        return _checked(*match.groups()[:3])
    if _DIGITS.match(text):
        return _from_number(float(text))
    cell = _from_words(_CN_NUMBER.sub(_arabic, text), year, not_before)
    if not cell.ok and allow_terms:
        return _joined_terms(text) or cell
    return cell


def _from_number(value: float) -> DateCell:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return EMPTY if math.isnan(value) else INVALID
    if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
        return DateCell(_EXCEL_EPOCH + timedelta(days=int(value)))
    if float(value).is_integer() and 19000101 <= value <= 21001231:
        return _from_text(str(int(value)))
    return INVALID


def _from_text(text: str) -> DateCell:
    if match := _COMPACT.match(text):
        return _checked(*match.groups())
    return INVALID


def _checked(year: object, month: object, day: object) -> DateCell:
    try:
        return DateCell(date(int(year), int(month), int(day)))
    except ValueError:
        return INVALID


def _arabic(match: re.Match[str]) -> str:
    """六月 → 6月, 三十一日 → 31日, 二〇二四年 → 2024年. A numeral before 年 is a year only when it
    is four digits, so the 一 of 统一年底 stays a word."""
    run, unit = match.group(1), match.group(2)
    tens, ten, ones = run.partition("十")
    if not ten:
        return "".join(str(_CN_DIGIT[ch]) for ch in run) if unit != "年" or len(run) == 4 else run
    if unit == "年" or len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return run
    return str(_CN_DIGIT.get(tens, 1) * 10 + _CN_DIGIT.get(ones, 0))


def _from_words(text: str, year: int | None, not_before: date | None) -> DateCell:
    written: list[_Written] = []
    end = 0
    for match in _WRITTEN.finditer(text):
        if _UNREAD.search(text, end, match.start()):
            return INVALID
        end = match.end()
        if (found := _written(match)) is None:
            return INVALID
        written.append(found)
    if not written or _UNREAD.search(text, end):
        return INVALID
    return _resolved(written, year, not_before)


def _written(match: re.Match[str]) -> _Written | None:
    """The date one match names, its year left None where the cell does not write it."""
    group = match.group

    def year_of(name: str) -> int | None:
        return int(group(name)) if group(name) else None

    if group("fy"):
        return _Written(int(group("fy")), int(group("fm")), int(group("fd")), None)
    if group("dm"):
        return _Written(None, int(group("dm")), int(group("dd")), None)
    if group("x"):
        # A 旬 is a ten-day period: 上旬 ends on the 10th, 中旬 on the 20th, 下旬 with the month.
        return _Written(year_of("xy"), int(group("xm")), _DEKAD_END[group("x")], "dekad_end")
    if quarter := group("q") or group("qq"):
        return (
            _Written(year_of("qy"), int(quarter) * 3, None, "quarter_end") if "1" <= quarter <= "4" else None
        )
    if group("h"):
        return _Written(year_of("hy"), 6 if group("h") == "上" else 12, None, "half_year_end")
    if group("my"):
        return _Written(int(group("my")), int(group("mm")), None, "month_end")
    if group("m"):
        return _Written(None, int(group("m")), None, "month_end")
    return _Written(year_of("ey"), 12, None, "year_end")


def _on(written: _Written, year: int) -> date | None:
    if not 1 <= written.month <= 12:
        return None
    day = written.day or calendar.monthrange(year, written.month)[1]
    try:
        return date(year, written.month, day)
    except ValueError:
        return None


def _resolved(written: list[_Written], year: int | None, not_before: date | None) -> DateCell:
    """Years for the forms that lack one, then the deadline. A yearless form takes its year from the
    dates written beside it in the cell, read in order ("2024年11月启动，3月完成" ends in 2025);
    only a cell with no year at all takes the caller's."""
    decided: set[str] = set()
    dates: list[date | None] = [None] * len(written)
    for i, form in enumerate(written):
        if form.year is not None:
            dates[i] = _on(form, form.year)
            if dates[i] is None:
                return INVALID
    first = next((i for i, d in enumerate(dates) if d is not None), None)
    if first is None:
        if year is None:
            return INVALID
        found, first = _on(written[0], year), 0
        decided.add("year_assumed")
        if found is not None and not_before is not None and found < not_before:
            found = _on(written[0], year + 1)
            decided.add("next_year")
        if found is None:
            return INVALID
        dates[0] = found
    # Before the first written year, each form is the latest date not after the one that follows it.
    for i in range(first - 1, -1, -1):
        after = dates[i + 1]
        assert after is not None
        found = _on(written[i], after.year)
        if found is not None and found > after:
            found = _on(written[i], after.year - 1)
            decided.add("previous_year")
        if found is None:
            return INVALID
        dates[i] = found
    # After it, each yearless form is the first such date not before the one it follows.
    for i in range(first + 1, len(written)):
        if dates[i] is not None:
            continue
        before = dates[i - 1]
        assert before is not None
        found = _on(written[i], before.year)
        if found is not None and found < before:
            found = _on(written[i], before.year + 1)
            decided.add("next_year")
        if found is None:
            return INVALID
        dates[i] = found
    read = [d for d in dates if d is not None]
    # The latest date, not the last written, is the deadline: a cell lists its stages in order,
    # and where it does not, the full completion is still the one a clerk holds the office to.
    deadline = max(read)
    milestones = tuple(sorted({d for d in read if d < deadline}))
    if milestones:
        decided.add("last_of_several")
    rule = next(form.rule for form, d in zip(reversed(written), reversed(read), strict=True) if d == deadline)
    return DateCell(
        deadline, milestones=milestones, decided=next((c for c in _DECIDED_ORDER if c in decided), rule)
    )


def _joined_terms(text: str) -> DateCell | None:
    """Several deadline terms in one cell. 立行立改并长期坚持 is long-term: the immediate part
    starts it, but the commitment never ends, so it is never overdue."""
    terms = {deadline_term_for_word(part) for part in _TERM_JOINS.split(text) if part}
    if not terms or None in terms:
        return None
    if len(terms) == 1:
        return DateCell(term=terms.pop())
    if terms == {"immediate", "standing"}:
        return DateCell(term="standing", decided="standing_over_immediate")
    return None


_AS_OF = re.compile(
    r"(?:填报时间|填报日期|统计时间|统计截至|截至|截止|更新时间|as of|updated)\s*[:：]?\s*"
    r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)",
    re.IGNORECASE,
)


def as_of_in_text(text: str) -> date | None:
    """The date after 填报时间/截至 in a title line, e.g. "（截至2024年5月10日）"."""
    match = _AS_OF.search(unicodedata.normalize("NFKC", text))
    return parse_date(match.group(1)).date if match else None
