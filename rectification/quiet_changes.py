"""What changed quietly (变化核查): the changes between two versions an inspector must see, found
from the rows that differ. Departments report on themselves; a sheet can reverse a completion,
drop a problem, backdate a completion or move a deadline as easily as it reports progress.
Pure: DataFrames and plain values. Each version's are found when it is saved and kept with it.

Every kind is judged measure by measure (a one-row problem is its own one measure), except a
problem that vanished or came back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd

from .measures import measure_table
from .schema import DONE_CODES

QUIET_KINDS: tuple[str, ...] = (
    "regression",  # 整改状态倒退: done, then not done
    "vanished",  # 问题消失: in the previous version, not in this one (a replacement)
    "returned",  # 问题重现: back after being absent from the previous version
    "backdated",  # 完成时间倒签: newly done, completed before the previous version's as-of date
    "late",  # 逾期完成: newly done after its deadline
    "unchanged_progress",  # 进展未更新即报完成: newly done, progress text as before
    "deadline_moved",  # 整改时限变更未经批准
)
QUIET_COLUMNS: tuple[str, ...] = ("kind", "id", "measure", "department", "before", "after")


def quiet_changes(
    before: pd.DataFrame,
    after: pd.DataFrame,
    *,
    mode: str,
    previous_as_of: date | None,
    earlier_ids: frozenset[str] = frozenset(),
    approved: frozenset[tuple[str, str]] = frozenset(),
    original_deadlines: dict[tuple[str, str], date] | None = None,
) -> pd.DataFrame:
    """The quiet changes of a new version against the previous one. `before`: the previous
    version's rows that the new one changes or drops; `after`: the new version's rows that
    differ or are new (only those: an unchanged row changes nothing quietly). `earlier_ids`:
    ids of `after` some version older than the previous one held. `approved`: (problem,
    measure) whose deadline move needs no further word (approved, or brought forward).
    `original_deadlines`: the deadline that stands for a measure where it is not its own (a
    move waiting for approval), to judge a late completion by. Ordered by kind, then ledger order."""
    found: list[tuple[str, str, str, str, str, str]] = []
    before_ids = set(before["id"]) if len(before) else set()
    after_ids = set(after["id"]) if len(after) else set()
    if mode != "merge" and len(before):
        for row in before[~before["id"].isin(after_ids).to_numpy()].itertuples(index=False):
            found.append(("vanished", row.id, "", row.department, _status(row.status), ""))
    if len(after):
        for row in after[after["id"].isin(earlier_ids - before_ids).to_numpy()].itertuples(index=False):
            found.append(("returned", row.id, "", row.department, "", _status(row.status)))
    if len(before) and len(after):
        found += _measure_changes(before, after, previous_as_of, approved, original_deadlines or {})
    elif len(after):
        found += _measure_changes(after.iloc[0:0], after, previous_as_of, approved, original_deadlines or {})
    table = pd.DataFrame(found, columns=list(QUIET_COLUMNS), dtype=object)
    rank = {kind: i for i, kind in enumerate(QUIET_KINDS)}
    order = np.argsort(table["kind"].map(rank).to_numpy(dtype=int), kind="stable")
    return table.iloc[order].reset_index(drop=True)


def _measure_changes(
    before: pd.DataFrame,
    after: pd.DataFrame,
    previous_as_of: date | None,
    approved: frozenset[tuple[str, str]],
    standing: dict[tuple[str, str], date],
) -> list[tuple[str, str, str, str, str, str]]:
    key = ["problem_id", "measure_id"]
    new = measure_table(after).set_index(key)
    old = measure_table(before).set_index(key) if len(before) else new.iloc[0:0]
    known = new.index.isin(old.index)
    was = old.reindex(new.index)
    done_now = new["status"].isin(DONE_CODES).to_numpy()
    done_then = was["status"].isin(DONE_CODES).to_numpy() & known
    newly_done = done_now & ~done_then
    completed = new["completed_on"]
    # Done before and still done, but with another completion date: a completion claimed anew.
    redated = done_now & done_then & ~_same_dates(completed, was["completed_on"])
    cutoff = pd.Timestamp(previous_as_of) if previous_as_of else None
    deadlines = new["deadline"].copy()
    for (pid, mid), day in standing.items():
        if (pid, mid) in deadlines.index:
            deadlines.loc[(pid, mid)] = pd.Timestamp(day)
    # Each kind as a mask over the measures, then a row per measure it holds: a loop over every
    # measure (iterrows) took 15 s at 100,000, and almost none of them changed quietly. Dates in
    # seconds, as stored: nanoseconds would wrap a year outside 1678-2261 (2925 typed for 2025).
    pids = new.index.get_level_values(0).to_numpy(dtype=object)
    mids = new.index.get_level_values(1).to_numpy(dtype=object)
    departments = new["department"].to_numpy(dtype=object)
    status_now, status_then = new["status"].to_numpy(dtype=object), was["status"].to_numpy(dtype=object)
    on = completed.to_numpy(dtype="datetime64[s]")
    has_on = ~np.isnat(on)
    due = deadlines.to_numpy(dtype="datetime64[s]")
    claimed = (newly_done | redated) & known
    backdated = (
        claimed & has_on & (on < np.datetime64(cutoff, "s")) if cutoff is not None else claimed & False
    )
    late = newly_done & has_on & ~np.isnat(due) & (on > due)
    progress_now = np.array([str(p) for p in new["progress"].tolist()], dtype=object)
    progress_then = np.array([str(p) for p in was["progress"].tolist()], dtype=object)
    unchanged = newly_done & known & (progress_now == progress_then)
    moved = known & _deadlines_moved(was["deadline"], new["deadline"])
    moved &= np.array([key not in approved for key in new.index], dtype=bool) if approved else True

    def said(kind: str, mask: np.ndarray, before: Callable[[int], str], after: Callable[[int], str]) -> list:
        return [(kind, pids[i], mids[i], departments[i], before(i), after(i)) for i in np.flatnonzero(mask)]

    return [
        *said(
            "regression",
            done_then & ~done_now,
            lambda i: _status(status_then[i]),
            lambda i: _status(status_now[i]),
        ),
        *said("backdated", backdated, lambda i: _day(cutoff), lambda i: _day(on[i])),
        *said("late", late, lambda i: _day(due[i]), lambda i: _day(on[i])),
        *said(
            "unchanged_progress",
            unchanged,
            lambda i: _status(status_then[i]),
            lambda i: _status(status_now[i]),
        ),
        *said("deadline_moved", moved, lambda i: _deadline(was.iloc[i]), lambda i: _deadline(new.iloc[i])),
    ]


def counts_by_department(changes: pd.DataFrame) -> pd.DataFrame:
    """One row per department (in order of first appearance): a column per kind and the total."""
    departments = list(dict.fromkeys(changes["department"])) if len(changes) else []
    table = pd.crosstab(changes["department"], changes["kind"]) if len(changes) else pd.DataFrame()
    table = table.reindex(index=departments, columns=list(QUIET_KINDS), fill_value=0).fillna(0).astype(int)
    table["total"] = table.sum(axis=1)
    return table.rename_axis("department").reset_index()


def _deadlines_moved(was: pd.Series, now: pd.Series) -> np.ndarray:
    """Where a deadline moved: dated before or after, and not the same date. Undated before and
    after is not a move: a term changing is not a deadline moving."""
    old, new = was.to_numpy(dtype="datetime64[s]"), now.to_numpy(dtype="datetime64[s]")
    old_na, new_na = np.isnat(old), np.isnat(new)
    return ~(old_na & new_na) & ~(~old_na & ~new_na & (old == new))


def _same_dates(a: pd.Series, b: pd.Series) -> np.ndarray:
    a_, b_ = a.to_numpy(), b.to_numpy()
    return ((pd.isna(a_) & pd.isna(b_)) | (a_ == b_)).astype(bool)


def _deadline(row: pd.Series) -> str:
    return _day(row["deadline"]) if pd.notna(row["deadline"]) else str(row["deadline_term"] or "")


def _day(value: object) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _status(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
