"""Which of the item table's columns a screen of a given width shows (issue 14, part 2)."""

import pytest

from rectification.display import MIN_STRETCH, NARROW_KEEP, NARROW_PRIORITY, fitting_columns

WIDTHS = {"id": 60, "warning": 84, "status": 76, "category": 72, "problem": 206, "department": 92,
          "deadline": 88, "progress": 232}  # fmt: skip
KEEP = [name for name in WIDTHS if name in NARROW_KEEP]


@pytest.mark.parametrize(
    ("room", "shown"),
    [
        (1400, list(WIDTHS)),  # everything fits
        (900, ["id", "warning", "status", "problem", "department", "deadline", "progress"]),
        (700, ["id", "warning", "status", "category", "problem", "department", "deadline"]),  # no progress
        (620, ["id", "warning", "status", "problem", "department", "deadline"]),
        (460, ["id", "warning", "status", "problem", "department"]),  # 800 px with the sidebar
        (200, ["id", "warning", "status", "problem", "department"]),  # never fewer than these
    ],
)
def test_a_narrower_room_drops_the_least_needed_columns_first(room, shown):
    assert list(fitting_columns(WIDTHS, KEEP, room, "problem", NARROW_PRIORITY)) == shown


@pytest.mark.parametrize("room", [1400, 900, 700, 460])
def test_the_problem_column_takes_the_room_left_so_the_columns_fill_the_width(room):
    fitted = fitting_columns(WIDTHS, KEEP, room, "problem", NARROW_PRIORITY)
    assert sum(fitted.values()) == room
    assert fitted["problem"] >= MIN_STRETCH


def test_the_problem_column_is_never_squeezed_below_readable():
    assert fitting_columns(WIDTHS, KEEP, 200, "problem")["problem"] == MIN_STRETCH


def test_columns_keep_the_tables_order_whatever_their_priority():
    fitted = fitting_columns(WIDTHS, KEEP, 1400, "problem", ["progress", "category"])
    assert list(fitted) == list(WIDTHS)


def test_without_a_priority_the_others_are_taken_in_table_order():
    # category (72) comes before deadline (88) in the table; only one of them fits.
    assert "category" in fitting_columns(WIDTHS, KEEP, 600, "problem")
    assert "deadline" not in fitting_columns(WIDTHS, KEEP, 600, "problem")
