"""Each department's oversight figures beside its progress (issue 13): when it last reported and
whether that is too long ago, how many of its deadlines were moved, and what its uploads changed
quietly. Pure: plain values and DataFrames from the store's logs (store/oversight.py)."""

from __future__ import annotations

from datetime import date

import pandas as pd

OVERSIGHT_COLUMNS: tuple[str, ...] = (
    "department", "last_report", "days_since", "stale", "extensions", "pending_extensions", "quiet",
)  # fmt: skip


def department_oversight(
    departments: list[str],
    reports: dict[str, date],
    extensions: pd.DataFrame,
    quiet: pd.DataFrame,
    as_of: date,
    stale_days: int,
) -> pd.DataFrame:
    """One row per department of `departments`, in that order: its last report date (None when
    no report is recorded: the log began with revision 0005), the days from then to `as_of`,
    `stale` when those are more than `stale_days` (an unknown date is not flagged: it is not
    known to be late), its deadline moves later (extensions) and those of them
    pending, and its quiet changes."""
    later = extensions[extensions["later"].to_numpy(dtype=bool)] if len(extensions) else extensions
    moved = later["department"].value_counts() if len(later) else pd.Series(dtype=int)
    pending = (
        later.loc[(later["state"] == "pending").to_numpy(), "department"].value_counts()
        if len(later)
        else pd.Series(dtype=int)
    )
    changed = quiet["department"].value_counts() if len(quiet) else pd.Series(dtype=int)
    rows = []
    for name in departments:
        last = reports.get(name)
        days = (as_of - last).days if last else None
        rows.append(
            (
                name,
                last,
                days,
                days is not None and days > stale_days,
                int(moved.get(name, 0)),
                int(pending.get(name, 0)),
                int(changed.get(name, 0)),
            )
        )
    return pd.DataFrame(rows, columns=list(OVERSIGHT_COLUMNS))
