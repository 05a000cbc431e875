"""Deadline extensions (延期申请): which measures an upload's deadlines move, and which deadline
stands for warnings and overdue while a move waits for approval. Pure: DataFrames and plain
values; the store keeps the requests and decisions (store/oversight.py).

A department cannot push back its own deadline unseen: an uploader's sheet that moves an open
measure's dated deadline later (or drops it for an undated term) saves the sheet as written, and
records a request; until an inspector or admin approves it, the deadline before the move stands.
Moves earlier, and moves by people who may approve, are recorded without a request.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from .measures import measure_table, problems_from_measures
from .schema import DONE_CODES

# An extension's state: waiting for a decision, decided, or recorded (no approval needed).
EXTENSION_STATES: tuple[str, ...] = ("pending", "approved", "rejected", "recorded")
# A deadline judged by the move's old value: until approved, or after a refusal.
_NOT_STANDING: frozenset[str] = frozenset({"pending", "rejected"})
MOVE_COLUMNS: tuple[str, ...] = (
    "id", "measure", "department", "old_deadline", "old_term", "new_deadline", "new_term", "later",
    "open_after",
)  # fmt: skip


def deadline_moves(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The measures of open problems whose deadline `after` moves from `before` (findings frames
    holding the same ids, or some of them): one row per measure, with the department leading it
    after the move, the old and new deadline (a date, or None) and term, and whether the move is
    `later` (a later date, or a dated deadline given up for a term or a blank), and whether the
    measure is still open after it (`open_after`). A measure done before the move, or only in
    one of the frames, is not a move."""
    if before.empty or after.empty:
        return _no_moves()
    key = ["problem_id", "measure_id"]
    old = measure_table(before).set_index(key)
    new = measure_table(after).set_index(key)
    both = new.index[new.index.isin(old.index)]
    if both.empty:
        return _no_moves()
    old, new = old.loc[both], new.loc[both]
    open_ = ~old["status"].isin(DONE_CODES).to_numpy()
    old_date, new_date = old["deadline"].to_numpy(), new["deadline"].to_numpy()
    old_dated, new_dated = ~pd.isna(old_date), ~pd.isna(new_date)
    same_date = (old_dated & new_dated & (old_date == new_date)) | (~old_dated & ~new_dated)
    moved = open_ & (old_dated | new_dated) & ~same_date
    if not moved.any():
        return _no_moves()
    later = old_dated & (~new_dated | (new_dated & (new_date > old_date)))
    at = np.flatnonzero(moved)
    return pd.DataFrame(
        {
            "id": both.get_level_values(0)[at],
            "measure": both.get_level_values(1)[at],
            "department": new["department"].to_numpy()[at],
            "old_deadline": [_day(v) for v in old_date[at]],
            "old_term": old["deadline_term"].to_numpy()[at],
            "new_deadline": [_day(v) for v in new_date[at]],
            "new_term": new["deadline_term"].to_numpy()[at],
            "later": later[at],
            "open_after": ~new["status"].isin(DONE_CODES).to_numpy()[at],
        }
    ).astype({"id": object, "measure": object, "department": object})


def needs_approval(moves: pd.DataFrame, may_approve: bool) -> np.ndarray:
    """Which moves wait for a decision: the later ones of measures still open, unless made by
    someone who may approve them (an inspector's or admin's own sheet records them as approved
    by that person). A measure reported done with its deadline moved has nothing left to wait
    for: the move is recorded, and judged by `unapproved`."""
    return later_open(moves) & (not may_approve)


def later_open(moves: pd.DataFrame) -> np.ndarray:
    """The moves that push back the deadline of a measure still open: an extension."""
    return moves["later"].to_numpy(dtype=bool) & moves["open_after"].to_numpy(dtype=bool)


def unapproved(moves: pd.DataFrame, may_approve: bool) -> np.ndarray:
    """The later moves no one who may approve them made: the old deadline is the one a
    completion is judged late by, and the move is a quiet change until approved."""
    return moves["later"].to_numpy(dtype=bool) & (not may_approve)


def extension_state(needs: bool, decision: str | None) -> str:
    """An extension's state from its latest decision ("approved", "rejected" or None)."""
    if decision:
        return decision
    return "pending" if needs else "recorded"


def standing(findings: pd.DataFrame, extensions: pd.DataFrame) -> pd.DataFrame:
    """`findings` judged by the deadlines that stand: where a measure's latest extension is
    pending or rejected and the measure still has the deadline it asked for, its old deadline
    (and term) stands, and its problem's deadline is derived again from its measures.
    `extensions` has one row per extension, oldest first, with id, measure, state, old_deadline,
    old_term, new_deadline, new_term. Returns `findings` itself when nothing differs."""
    if extensions.empty or findings.empty:
        return findings
    latest = extensions.drop_duplicates(["id", "measure"], keep="last")
    held = latest[latest["state"].isin(_NOT_STANDING).to_numpy()]
    held = held[held["id"].isin(findings["id"]).to_numpy()]
    if held.empty:
        return findings
    at = findings["id"].isin(held["id"]).to_numpy()
    measures = measure_table(findings[at])
    key = pd.MultiIndex.from_frame(measures[["problem_id", "measure_id"]])
    rule = held.set_index(["id", "measure"])
    hit = key.isin(rule.index)
    if not hit.any():
        return findings
    asked = rule.loc[key[hit]]
    now = measures.loc[hit, "deadline"].to_numpy()
    asked_date = pd.to_datetime(asked["new_deadline"]).to_numpy(dtype="datetime64[s]")
    still = (pd.isna(now) & pd.isna(asked_date)) | (now == asked_date)
    still &= measures.loc[hit, "deadline_term"].to_numpy(dtype=object) == asked["new_term"].to_numpy(
        dtype=object
    )
    if not still.any():
        return findings
    rows = np.flatnonzero(hit)[still]
    measures = measures.copy()
    old = pd.to_datetime(asked["old_deadline"].to_numpy()[still]).to_numpy(dtype="datetime64[s]")
    measures.loc[measures.index[rows], "deadline"] = old
    measures.loc[measures.index[rows], "deadline_term"] = asked["old_term"].to_numpy()[still]
    changed = measures["problem_id"].iloc[rows].unique()
    return _with_measures(findings, measures[measures["problem_id"].isin(changed).to_numpy()])


def original_deadlines(extensions: pd.DataFrame) -> dict[tuple[str, str], tuple[date | None, str]]:
    """Each extended measure's original deadline (原定时限): the one its first recorded move
    moved from, as (date or None, term)."""
    if extensions.empty:
        return {}
    first = extensions.drop_duplicates(["id", "measure"], keep="first")
    return {
        (pid, mid): (_day(old), term)
        for pid, mid, old, term in zip(
            first["id"], first["measure"], first["old_deadline"], first["old_term"], strict=True
        )
    }


def late_completions(measures: pd.DataFrame) -> pd.DataFrame:
    """Measures done after their deadline (逾期完成): measure, completed_on, deadline and days
    late. `measures` as a judged version holds them (standing deadlines already in place), so an
    approved extension moves the deadline they are judged by and a pending one does not."""
    done = measures["status"].isin(DONE_CODES).to_numpy()
    completed, deadline = measures["completed_on"], measures["deadline"]
    late = done & (completed.notna() & deadline.notna() & (completed > deadline)).to_numpy()
    rows = measures[late]
    return pd.DataFrame(
        {
            "id": rows["problem_id"].to_numpy(),
            "measure": rows["measure_id"].to_numpy(),
            "completed_on": rows["completed_on"].to_numpy(),
            "deadline": rows["deadline"].to_numpy(),
            "days": (rows["completed_on"] - rows["deadline"]).dt.days.to_numpy(),
        }
    )


def held_deadlines(extensions: pd.DataFrame) -> dict[tuple[str, str], date]:
    """The old dated deadline of each measure whose latest extension is pending or rejected:
    the one that stands."""
    if extensions.empty:
        return {}
    latest = extensions.drop_duplicates(["id", "measure"], keep="last")
    held = latest[latest["state"].isin(_NOT_STANDING).to_numpy()]
    return {
        (pid, mid): _day(old)
        for pid, mid, old in zip(held["id"], held["measure"], held["old_deadline"], strict=True)
        if _day(old) is not None
    }


def _with_measures(findings: pd.DataFrame, measures: pd.DataFrame) -> pd.DataFrame:
    """`findings` with the problems of `measures` made again from them: a one-measure problem
    takes its measure's deadline, a problem of several is folded again by the counting rules."""
    out = findings.copy()
    by_id = out.reset_index(drop=True)
    index = pd.Index(by_id["id"])
    single = by_id["tasks"].eq("").to_numpy()[index.get_indexer(measures["problem_id"])]
    for pid, deadline, term in zip(
        measures.loc[single, "problem_id"], measures.loc[single, "deadline"],
        measures.loc[single, "deadline_term"], strict=True,
    ):  # fmt: skip
        position = out.index[index.get_loc(pid)]
        out.at[position, "deadline"] = deadline
        out.at[position, "deadline_term"] = term
    several = measures[~single]
    if not several.empty:
        remade = problems_from_measures(several).set_index("id")
        for pid in remade.index:
            position = out.index[index.get_loc(pid)]
            for name in ("deadline", "deadline_term", "tasks"):
                out.at[position, name] = remade.at[pid, name]
    return out


def _day(value: object) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _no_moves() -> pd.DataFrame:
    flags = ("later", "open_after")
    return pd.DataFrame({name: pd.Series(dtype=bool if name in flags else object) for name in MOVE_COLUMNS})
