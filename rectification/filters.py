"""The inspectors' filters as one value, and applying them to a ledger.

A `Filters` is hashable so the web layer can cache aggregates per filter state; its field names
are the URL keys of DESIGN.md §4 (round, category, department, status, warning, q), and unit and
supporting.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .schema import DONE_CODES

# Fields the keyword box searches: what is wrong, what is being done, how far it got.
SEARCHED_FIELDS: tuple[str, ...] = ("problem", "measures", "progress")
# Fields whose values the user picks from (the ledger's own words, not codes).
FILTERED_FIELDS: tuple[str, ...] = ("round", "unit", "category", "department")


@dataclass(frozen=True)
class Filters:
    """Each tuple is "any of these"; an empty tuple does not filter."""

    round: tuple[str, ...] = ()
    unit: tuple[str, ...] = ()  # 被巡察单位, where a ledger holds several
    category: tuple[str, ...] = ()
    department: tuple[str, ...] = ()
    # Units named 配合 on a problem or task: any of these among them.
    supporting: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    warning: tuple[str, ...] = ()
    q: str = ""
    open_only: bool = False

    @property
    def active(self) -> bool:
        return self != Filters(open_only=self.open_only)


def filter_mask(findings: pd.DataFrame, filters: Filters, levels: pd.Series | None = None) -> np.ndarray:
    """Which rows pass; `levels` are the rows' warning levels (needed for the warning filter)."""
    keep = np.ones(len(findings), dtype=bool)
    for name in (*FILTERED_FIELDS, "status"):
        chosen = getattr(filters, name)
        if chosen:
            keep &= findings[name].isin(chosen).to_numpy()
    if filters.supporting:
        named = ("、" + findings["supporting"].astype(object) + "、").to_numpy(dtype=object)
        hit = np.zeros(len(findings), dtype=bool)
        for unit in filters.supporting:
            hit |= np.array([f"、{unit}、" in cell for cell in named], dtype=bool)
        keep &= hit
    if filters.warning and levels is not None:
        keep &= levels.isin(filters.warning).to_numpy()
    if filters.open_only:
        keep &= ~findings["status"].isin(DONE_CODES).to_numpy()
    for word in filters.q.split():
        hit = np.zeros(len(findings), dtype=bool)
        for name in SEARCHED_FIELDS:
            hit |= findings[name].str.contains(word, case=False, regex=False).to_numpy(bool)
        keep &= hit
    return keep
