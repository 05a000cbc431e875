"""Date forms in ledgers: Excel dates and serials, written dates, and the two deadline terms."""

from datetime import date, datetime

import pytest

from rectification.dates import as_of_in_text, parse_date


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (date(2024, 6, 30), date(2024, 6, 30)),
        (datetime(2024, 6, 30, 0, 0), date(2024, 6, 30)),
        (45473.0, date(2024, 6, 30)),  # Excel serial number
        (45473, date(2024, 6, 30)),
        ("45473", date(2024, 6, 30)),
        (20240630, date(2024, 6, 30)),
        ("2024-06-30", date(2024, 6, 30)),
        ("2024/6/30", date(2024, 6, 30)),
        ("2024.6.30", date(2024, 6, 30)),
        ("2024年6月30日", date(2024, 6, 30)),
        ("2024 年 6 月 30 日", date(2024, 6, 30)),
        ("２０２４年６月３０日", date(2024, 6, 30)),  # full-width digits
        ("2024年6月30日前", date(2024, 6, 30)),
        ("2024-06-30 00:00:00", date(2024, 6, 30)),
        ("20240630", date(2024, 6, 30)),
        ("2024年6月底", date(2024, 6, 30)),
        ("2024年2月", date(2024, 2, 29)),
        ("2024年底", date(2024, 12, 31)),
    ],
)
def test_date_forms_are_read_as_dates(cell, expected):
    assert parse_date(cell, allow_terms=True).date == expected


@pytest.mark.parametrize(("cell", "term"), [("立行立改", "immediate"), ("长期坚持", "standing")])
def test_deadline_terms_are_kept_as_terms_not_errors(cell, term):
    parsed = parse_date(cell, allow_terms=True)
    assert (parsed.ok, parsed.date, parsed.term) == (True, None, term)


def test_deadline_terms_are_not_dates_where_terms_are_not_allowed():
    assert not parse_date("长期坚持").ok


@pytest.mark.parametrize("cell", ["2024-13-45", "2024年2月30日", "2023-02-29", "下月底", "abc", 12.5, True])
def test_impossible_or_unreadable_dates_are_not_ok(cell):
    assert not parse_date(cell, allow_terms=True).ok


@pytest.mark.parametrize("cell", [None, "", "   ", float("nan")])
def test_blank_cells_are_empty_not_errors(cell):
    parsed = parse_date(cell, allow_terms=True)
    assert parsed.ok and parsed.date is None and parsed.term is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("填报时间：2024年5月10日", date(2024, 5, 10)),
        ("（截至2024年5月10日）", date(2024, 5, 10)),
        ("填报单位：办公室        填报日期: 2024-05-10", date(2024, 5, 10)),
        ("某某巡察整改台账", None),
    ],
)
def test_as_of_date_is_found_in_title_text(title, expected):
    assert as_of_in_text(title) == expected
