"""What changed quietly (变化核查): the changes between two versions an inspector must see, found
from the rows that differ. Departments report on themselves; a sheet can reverse a completion,
drop a problem, backdate a completion or move a deadline as easily as it reports progress.
Pure: DataFrames and plain values. Each version's are found when it is saved and kept with it.

Every kind is judged measure by measure (a one-row problem is its own one measure), except a
problem that vanished or came back.
"""

from __future__ import annotations

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
    found = []
    cutoff = pd.Timestamp(previous_as_of) if previous_as_of else None
    deadlines = new["deadline"].copy()
    for (pid, mid), day in standing.items():
        if (pid, mid) in deadlines.index:
            deadlines.loc[(pid, mid)] = pd.Timestamp(day)
    for i, ((pid, mid), row) in enumerate(new.iterrows()):
        department = row["department"]
        if done_then[i] and not done_now[i]:
            found.append(
                ("regression", pid, mid, department, _status(was["status"].iloc[i]), _status(row["status"]))
            )
        claimed = newly_done[i] or redated[i]
        if (
            claimed
            and known[i]
            and cutoff is not None
            and pd.notna(completed.iloc[i])
            and completed.iloc[i] < cutoff
        ):
            found.append(("backdated", pid, mid, department, _day(cutoff), _day(completed.iloc[i])))
        deadline = deadlines.iloc[i]
        if (
            newly_done[i]
            and pd.notna(completed.iloc[i])
            and pd.notna(deadline)
            and completed.iloc[i] > deadline
        ):
            found.append(("late", pid, mid, department, _day(deadline), _day(completed.iloc[i])))
        if newly_done[i] and known[i] and str(was["progress"].iloc[i]) == str(row["progress"]):
            found.append(
                (
                    "unchanged_progress",
                    pid,
                    mid,
                    department,
                    _status(was["status"].iloc[i]),
                    _status(row["status"]),
                )
            )
        if known[i] and (pid, mid) not in approved and _deadline_moved(was.iloc[i], row):
            found.append(("deadline_moved", pid, mid, department, _deadline(was.iloc[i]), _deadline(row)))
    return found


def counts_by_department(changes: pd.DataFrame) -> pd.DataFrame:
    """One row per department (in order of first appearance): a column per kind and the total."""
    departments = list(dict.fromkeys(changes["department"])) if len(changes) else []
    table = pd.crosstab(changes["department"], changes["kind"]) if len(changes) else pd.DataFrame()
    table = table.reindex(index=departments, columns=list(QUIET_KINDS), fill_value=0).fillna(0).astype(int)
    table["total"] = table.sum(axis=1)
    return table.rename_axis("department").reset_index()


def _deadline_moved(was: pd.Series, now: pd.Series) -> bool:
    old, new = was["deadline"], now["deadline"]
    if pd.isna(old) and pd.isna(new):
        return False  # undated before and after: a term changing is not a deadline moving
    return not (pd.notna(old) and pd.notna(new) and old == new)


def _same_dates(a: pd.Series, b: pd.Series) -> np.ndarray:
    a_, b_ = a.to_numpy(), b.to_numpy()
    return ((pd.isna(a_) & pd.isna(b_)) | (a_ == b_)).astype(bool)


def _deadline(row: pd.Series) -> str:
    return _day(row["deadline"]) if pd.notna(row["deadline"]) else str(row["deadline_term"] or "")


def _day(value: object) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _status(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
