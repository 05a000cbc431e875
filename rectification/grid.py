"""One sheet's cells as plain rows: what the shell (sheets.py) hands the pure reading code."""

from __future__ import annotations

from dataclasses import dataclass, field

Merge = tuple[tuple[int, int], tuple[int, int]]


@dataclass
class Grid:
    """One sheet's cells as rows; row i is the sheet's row i + 1, column j is column j + 1."""

    sheet: str
    rows: list[list[object]]
    merged: list[Merge] = field(default_factory=list)
    # Cells (row, column, 0-based) holding a formula with no value saved: they read as "", which
    # is not what the sheet shows in Excel (sheets.formulas_without_values).
    unevaluated: list[tuple[int, int]] = field(default_factory=list)
