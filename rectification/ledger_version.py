"""A version of the ledger as every page and the notice code use it: read from the store once,
judged once (each item's warning level at the version's as-of date) and shared read-only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .filters import FILTERED_FIELDS, Filters, filter_mask
from .measures import measure_table
from .metrics import WARNING_LEVELS, warning_levels

if TYPE_CHECKING:
    from .store.versions import Version

# Most urgent first; an item without a warning (done or undated) last.
_URGENCY = {level: rank for rank, level in enumerate((*WARNING_LEVELS, ""))}


@dataclass(frozen=True)
class LedgerVersion:
    """One stored version: its findings, the date they are judged at, each finding's warning
    level and the filter choices. `digest` names it for caches (store and version)."""

    digest: str
    version: Version
    findings: pd.DataFrame = field(repr=False)
    as_of: date
    warning_days: int
    levels: pd.Series = field(repr=False)
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    # One row per measure (整改任务, measures.measure_table) and each one's warning level.
    measures: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    measure_levels: pd.Series = field(default_factory=pd.Series, repr=False)

    @classmethod
    def of(cls, digest: str, version: Version, findings: pd.DataFrame, warning_days: int) -> LedgerVersion:
        """Judge `findings` and their measures at the version's as-of date (today when it
        states none)."""
        as_of = version.as_of or date.today()
        choices = {name: tuple(v for v in findings[name].unique() if v) for name in FILTERED_FIELDS}
        levels = warning_levels(findings, as_of, warning_days)
        measures = measure_table(findings)
        measure_levels = warning_levels(measures, as_of, warning_days)
        # A department that leads a task but no problem can still be picked (for its tasks).
        leads = dict.fromkeys((*choices["department"], *(v for v in measures["department"].unique() if v)))
        choices["department"] = tuple(leads)
        return cls(digest, version, findings, as_of, warning_days, levels, choices, measures, measure_levels)

    @property
    def task_total(self) -> int:
        """How many measures (整改任务) the ledger holds."""
        return len(self.measures)

    @property
    def has_measures(self) -> bool:
        """Whether any problem is broken into several measures (else each is its own one)."""
        return len(self.measures) > len(self.findings) or bool((self.findings["tasks"] != "").any())

    def measures_of(self, problem_id: str) -> tuple[pd.DataFrame, pd.Series]:
        """One problem's measures and their warning levels, in order."""
        at = (self.measures["problem_id"] == problem_id).to_numpy()
        return self.measures[at], self.measure_levels[at]

    def options(self, name: str) -> list[str]:
        """The distinct values of a filterable field in ledger order, blanks left out (computed
        once per version: a scan of every row on each rerun would grow with the ledger)."""
        return list(self.choices.get(name, ()))

    def selected(self, filters: Filters) -> np.ndarray:
        """Row positions of the findings that pass `filters`, in ledger order."""
        return np.flatnonzero(filter_mask(self.findings, filters, self.levels))

    def most_urgent_first(self, positions: np.ndarray, *, tasks: bool = False) -> np.ndarray:
        """`positions` (of findings, or of measures with `tasks`) reordered red, yellow, green,
        then the rest, ledger order within each."""
        levels = self.measure_levels if tasks else self.levels
        ranks = levels.iloc[positions].map(_URGENCY).to_numpy()
        return positions[np.argsort(ranks, kind="stable")]

    def selected_tasks(self, filters: Filters) -> np.ndarray:
        """Positions in `measures` of the tasks that pass `filters`, judged on each task's own
        department, status and warning (the problem's category, round and words)."""
        return np.flatnonzero(filter_mask(self.measures, filters, self.measure_levels))

    def take_tasks(self, positions: np.ndarray) -> tuple[pd.DataFrame, pd.Series]:
        """The measures at `positions` and their warning levels."""
        return self.measures.iloc[positions], self.measure_levels.iloc[positions]

    def task_counts(self, positions: np.ndarray) -> pd.Series:
        """How many measures each finding at `positions` has."""
        counts = self.measures["problem_id"].value_counts(sort=False)
        return self.findings["id"].iloc[positions].map(counts).fillna(1).astype(int)

    def take(self, positions: np.ndarray) -> tuple[pd.DataFrame, pd.Series]:
        """The findings at `positions` and their warning levels, for a table or an export."""
        return self.findings.iloc[positions], self.levels.iloc[positions]

    def finding_at(self, position: int) -> tuple[pd.Series, str]:
        """One finding and its warning level."""
        return self.findings.iloc[position], str(self.levels.iloc[position])

    def id_at(self, position: int) -> str:
        """The id of the finding at `position`."""
        return str(self.findings["id"].iloc[position])

    def measure_levels_of(self, positions: np.ndarray) -> pd.Series:
        """The warning levels of every measure of the findings at `positions` (ascending), in
        the order `measures.measure_table` gives them for those findings (an export's rows)."""
        ids = self.findings["id"].iloc[np.sort(positions)]
        return self.measure_levels[self.measures["problem_id"].isin(ids).to_numpy()]

    def problems_of_tasks(self, positions: np.ndarray) -> np.ndarray:
        """Positions of the findings whose measures are at `positions`, in ledger order."""
        ids = self.measures["problem_id"].iloc[positions].unique()
        return np.flatnonzero(self.findings["id"].isin(ids).to_numpy())

    def problem_of_task(self, position: int) -> int | None:
        """Position of the finding whose measure is at `position`."""
        return self.position_of(str(self.measures["problem_id"].iloc[position]))

    def position_of(self, finding_id: str) -> int | None:
        """Where the finding with this id sits, or None when this version has no such finding."""
        found = np.flatnonzero((self.findings["id"] == finding_id).to_numpy())
        return int(found[0]) if len(found) else None
