"""Deadlines written in words (issue 11, item 3): read as a clerk reads them, saying what was decided."""

from datetime import date, datetime

import pytest

from rectification.dates import INVALID, DateCell, parse_date

AS_OF_YEAR = 2024
# A round that started in May: a yearless date before it belongs to the next year.
ROUND_START = date(2024, 5, 1)


def _read(cell, **context):
    return parse_date(cell, allow_terms=True, **context)


@pytest.mark.parametrize(
    ("cell", "expected", "decided"),
    [
        ("2024年6月底前", date(2024, 6, 30), "month_end"),
        ("2024年6月底", date(2024, 6, 30), "month_end"),
        ("2024年6月", date(2024, 6, 30), "month_end"),
        ("2024年6月份", date(2024, 6, 30), "month_end"),
        ("2024年2月", date(2024, 2, 29), "month_end"),
        ("2024年10月底前完成", date(2024, 10, 31), "month_end"),
        ("2024年10月底前全面完成", date(2024, 10, 31), "month_end"),
        ("2024年10月之前完成", date(2024, 10, 31), "month_end"),
        ("2024.06", date(2024, 6, 30), "month_end"),
        ("2024-06", date(2024, 6, 30), "month_end"),
        ("2024/6", date(2024, 6, 30), "month_end"),
        ("２０２４年６月底", date(2024, 6, 30), "month_end"),
        ("二〇二四年六月底", date(2024, 6, 30), "month_end"),
        ("2024年底", date(2024, 12, 31), "year_end"),
        ("2024年年底前", date(2024, 12, 31), "year_end"),
        ("2024年末", date(2024, 12, 31), "year_end"),
        ("2024年上半年", date(2024, 6, 30), "half_year_end"),
        ("2024年下半年", date(2024, 12, 31), "half_year_end"),
        ("2024年第一季度", date(2024, 3, 31), "quarter_end"),
        ("2024年二季度末", date(2024, 6, 30), "quarter_end"),
        ("2024Q3", date(2024, 9, 30), "quarter_end"),
        ("2024年4季度", date(2024, 12, 31), "quarter_end"),
        ("2024年6月上旬", date(2024, 6, 10), "dekad_end"),
        ("2024年6月中旬前", date(2024, 6, 20), "dekad_end"),
        ("2024年2月下旬", date(2024, 2, 29), "dekad_end"),
        ("2024.11月下旬", date(2024, 11, 30), "dekad_end"),
    ],
)
def test_a_written_period_means_its_last_day(cell, expected, decided):
    parsed = _read(cell)
    assert (parsed.ok, parsed.date, parsed.milestones, parsed.decided) == (True, expected, (), decided)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("6月底", date(2024, 6, 30)),
        ("6月底前", date(2024, 6, 30)),
        ("6月末", date(2024, 6, 30)),
        ("6月份", date(2024, 6, 30)),
        ("六月底", date(2024, 6, 30)),
        ("十二月底前完成", date(2024, 12, 31)),
        ("6月30日前", date(2024, 6, 30)),
        ("年底前", date(2024, 12, 31)),
        ("6月中旬", date(2024, 6, 20)),
        ("年底", date(2024, 12, 31)),
        ("年内完成", date(2024, 12, 31)),
        ("上半年", date(2024, 6, 30)),
        ("下半年", date(2024, 12, 31)),
        ("第一季度", date(2024, 3, 31)),
        ("一季度", date(2024, 3, 31)),
        ("一季度末", date(2024, 3, 31)),
        ("1季度", date(2024, 3, 31)),
        ("Q1", date(2024, 3, 31)),
        ("二季度", date(2024, 6, 30)),
        ("第三季度", date(2024, 9, 30)),
        ("四季度", date(2024, 12, 31)),
    ],
)
def test_a_period_without_its_year_takes_the_as_of_year(cell, expected):
    parsed = _read(cell, year=AS_OF_YEAR)
    assert (parsed.ok, parsed.date, parsed.decided) == (True, expected, "year_assumed")


@pytest.mark.parametrize(
    ("cell", "expected", "decided"),
    [
        ("3月底", date(2025, 3, 31), "next_year"),
        ("一季度", date(2025, 3, 31), "next_year"),
        ("Q1", date(2025, 3, 31), "next_year"),
        ("4月30日前", date(2025, 4, 30), "next_year"),
        ("5月底", date(2024, 5, 31), "year_assumed"),
        ("上半年", date(2024, 6, 30), "year_assumed"),
        ("年底前", date(2024, 12, 31), "year_assumed"),
    ],
)
def test_a_yearless_date_before_the_rounds_start_is_next_year(cell, expected, decided):
    parsed = _read(cell, year=AS_OF_YEAR, not_before=ROUND_START)
    assert (parsed.ok, parsed.date, parsed.decided) == (True, expected, decided)


def test_the_rounds_start_day_itself_is_not_before_the_round():
    assert _read("5月1日", year=AS_OF_YEAR, not_before=ROUND_START).date == date(2024, 5, 1)


@pytest.mark.parametrize("cell", ["6月底", "年底前", "上半年", "一季度", "Q1", "6月30日前"])
def test_a_yearless_date_is_refused_when_the_caller_gives_no_year(cell):
    assert _read(cell) == INVALID
    assert _read(cell, not_before=ROUND_START) == INVALID


@pytest.mark.parametrize(
    ("cell", "term", "decided"),
    [
        ("立行立改", "immediate", None),
        ("长期", "standing", None),
        ("长期坚持", "standing", None),
        ("持续推进", "standing", None),
        ("持续整改", "standing", None),
        ("常态化", "standing", None),
        ("长期坚持，持续推进", "standing", None),
        # Started at once but never finished: never overdue, so long-term.
        ("立行立改并长期坚持", "standing", "standing_over_immediate"),
        ("立行立改、长期坚持", "standing", "standing_over_immediate"),
    ],
)
def test_an_undated_term_is_read_as_its_deadline_term(cell, term, decided):
    parsed = _read(cell, year=AS_OF_YEAR)
    assert (parsed.ok, parsed.date, parsed.term, parsed.decided) == (True, None, term, decided)


def test_joined_terms_are_not_dates_where_terms_are_not_allowed():
    assert not parse_date("立行立改并长期坚持").ok


@pytest.mark.parametrize(
    ("cell", "context", "expected", "milestones", "decided"),
    [
        (
            "2024.3.31（阶段性）2024.12.31（全面）",
            {},
            date(2024, 12, 31),
            (date(2024, 3, 31),),
            "last_of_several",
        ),
        (
            "2024年3月底前初见成效，2024年12月底前全面完成",
            {},
            date(2024, 12, 31),
            (date(2024, 3, 31),),
            "last_of_several",
        ),
        (
            "2024年3月底前初见成效，12月底前全面完成",
            {},
            date(2024, 12, 31),
            (date(2024, 3, 31),),
            "last_of_several",
        ),
        (
            "3月底前初见成效，2024年12月底前全面完成",
            {},
            date(2024, 12, 31),
            (date(2024, 3, 31),),
            "last_of_several",
        ),
        ("2024.3-2024.6", {}, date(2024, 6, 30), (date(2024, 3, 31),), "last_of_several"),
        ("2024年11月启动，3月底完成", {}, date(2025, 3, 31), (date(2024, 11, 30),), "next_year"),
        ("11月启动，2025年3月底完成", {}, date(2025, 3, 31), (date(2024, 11, 30),), "previous_year"),
        (
            "6月底前初见成效，年底前全面完成",
            {"year": AS_OF_YEAR},
            date(2024, 12, 31),
            (date(2024, 6, 30),),
            "year_assumed",
        ),
        (
            "3月底初见成效，12月底全面完成",
            {"year": AS_OF_YEAR, "not_before": ROUND_START},
            date(2025, 12, 31),
            (date(2025, 3, 31),),
            "next_year",
        ),
        (
            "2024.12.31（全面）2024.3.31（阶段性）",
            {},
            date(2024, 12, 31),
            (date(2024, 3, 31),),
            "last_of_several",
        ),
    ],
)
def test_of_several_dates_the_latest_is_the_deadline_and_the_rest_are_milestones(
    cell, context, expected, milestones, decided
):
    parsed = _read(cell, **context)
    assert (parsed.ok, parsed.date, parsed.milestones, parsed.decided) == (
        True,
        expected,
        milestones,
        decided,
    )


@pytest.mark.parametrize(
    "cell",
    [
        date(2024, 6, 30),
        datetime(2024, 6, 30, 9, 0),
        45473,
        "2024-06-30",
        "2024年6月30日前",
        "2024年6月30日前完成",
        "2024-06-30 00:00:00",
        "二〇二四年六月三十日",
    ],
)
def test_a_fully_dated_cell_says_nothing_was_decided(cell):
    parsed = _read(cell, year=AS_OF_YEAR, not_before=date(2025, 1, 1))
    assert (parsed.ok, parsed.date, parsed.milestones, parsed.decided) == (True, date(2024, 6, 30), (), None)


@pytest.mark.parametrize(
    "cell",
    [
        "2024.02.30",
        "2024-13-01",
        "2024年13月底",
        "2024年2月30日前完成",
        "2024.3.31（阶段性）2024.02.30（全面）",
        "第5季度",
        "Q5",
        "2月30日",
    ],
)
def test_an_impossible_date_is_still_refused(cell):
    assert _read(cell, year=AS_OF_YEAR) == INVALID


@pytest.mark.parametrize(
    "cell",
    ["30天内", "明年底", "今年6月底", "下月底", "每年6月底", "2024年6月底前，逾期3天", "Q1 2025"],
)
def test_a_date_this_reader_cannot_resolve_is_refused_rather_than_guessed(cell):
    assert _read(cell, year=AS_OF_YEAR) == INVALID


def test_a_date_cell_still_unpacks_and_builds_by_position_as_before():
    day, term, ok = parse_date("2024-06-30")[:3]
    assert (day, term, ok) == (date(2024, 6, 30), None, True)
    assert DateCell(date(2024, 6, 30), None, True) == DateCell(date(2024, 6, 30))
    assert DateCell(date(2024, 6, 30)).milestones == () and DateCell(date(2024, 6, 30)).decided is None


def test_a_leap_day_moved_into_a_common_year_is_refused():
    assert _read("2月29日", year=AS_OF_YEAR, not_before=ROUND_START) == INVALID


def test_a_ledger_says_how_it_read_each_deadline_written_in_words():
    from rectification.grid import Grid
    from rectification.ledger import build_ledger

    rows = [
        ["整改台账（截至2024年6月30日）"],
        ["序号", "问题类别", "问题描述", "整改时限", "整改状态"],
        ["1", "党建", "a", "6月底前", "推进中"],
        ["2", "党建", "b", "6月底前", "推进中"],
        ["3", "党建", "c", "2024.3.31（阶段性）2024.12.31（全面）", "推进中"],
        ["4", "党建", "d", "2024-09-30", "推进中"],
    ]
    check = build_ledger(Grid("台账", rows, []), "t.xlsx")
    assert check.accepted, [e.message() for e in check.errors]
    assert [d.isoformat() for d in check.findings["deadline"].dt.date] == [
        "2024-06-30",
        "2024-06-30",
        "2024-12-31",
        "2024-09-30",
    ]
    said = [(w.key, w.row, w.message("zh")) for w in check.warnings if w.key.startswith("date.read")]
    assert said == [
        ("date.read_as", 3, "时限“6月底前”按2024-06-30计（未写年份，取台账所报年度；共2行）"),
        (
            "date.read_milestones",
            5,
            "时限“2024.3.31（阶段性）2024.12.31（全面）”按2024-12-31计，此前的2024-03-31作为阶段性时限"
            "（单元格内有多个日期，取最后一个；共1行）",
        ),
    ]
