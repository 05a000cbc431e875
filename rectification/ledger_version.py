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
    # How many measures each finding has, in ledger order (counted once, not on each rerun).
    measure_counts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int), repr=False)
    # Deadline extensions recorded up to this version (store.oversight.extension_table) and the
    # findings standing reopened in it (id → store.oversight.Reopening).
    extensions: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    reopened: dict = field(default_factory=dict, repr=False)

    @classmethod
    def of(
        cls,
        digest: str,
        version: Version,
        findings: pd.DataFrame,
        warning_days: int,
        *,
        extensions: pd.DataFrame | None = None,
        reopened: dict | None = None,
    ) -> LedgerVersion:
        """Judge `findings` and their measures at the version's as-of date (today when it
        states none). `findings` are judged as given: the service applies extensions and
        reopenings first (service.judged); these are kept to be shown."""
        as_of = version.as_of or date.today()
        choices = {name: tuple(v for v in findings[name].unique() if v) for name in FILTERED_FIELDS}
        levels = warning_levels(findings, as_of, warning_days)
        measures = measure_table(findings)
        measure_levels = warning_levels(measures, as_of, warning_days)
        # A department that leads a task but no problem can still be picked (for its tasks).
        leads = dict.fromkeys((*choices["department"], *(v for v in measures["department"].unique() if v)))
        choices["department"] = tuple(leads)
        named = (*findings["supporting"].unique(), *measures["supporting"].unique())
        choices["supporting"] = tuple(dict.fromkeys(u for cell in named for u in cell.split("、") if u))
        counts = findings["id"].map(measures["problem_id"].value_counts(sort=False)).to_numpy(dtype=int)
        return cls(
            digest, version, findings, as_of, warning_days, levels, choices, measures, measure_levels, counts,
            extensions if extensions is not None else pd.DataFrame(), reopened or {},
        )  # fmt: skip

    def extensions_of(self, problem_id: str) -> pd.DataFrame:
        """The deadline moves recorded for one problem's measures, oldest first."""
        if self.extensions.empty:
            return self.extensions
        return self.extensions[(self.extensions["id"] == problem_id).to_numpy()]

    @property
    def pending_extensions(self) -> pd.DataFrame:
        """Extensions waiting for a decision, of measures this version holds."""
        if self.extensions.empty:
            return self.extensions
        at = (self.extensions["state"] == "pending") & self.extensions["id"].isin(self.findings["id"])
        return self.extensions[at.to_numpy()]

    @property
    def task_total(self) -> int:
        """How many measures (整改任务) the ledger holds."""
        return len(self.measures)

    @property
    def has_measures(self) -> bool:
        """Whether any problem is broken into several measures (else each is its own one, and
        the pages show problems only, as they always have)."""
        return len(self.measures) > len(self.findings)

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
        return pd.Series(self.measure_counts[positions], index=self.findings.index[positions])

    def take(self, positions: np.ndarray) -> tuple[pd.DataFrame, pd.Series]:
        """The findings at `positions` and their warning levels, for a table or an export."""
        return self.findings.iloc[positions], self.levels.iloc[positions]

    def finding_at(self, position: int) -> tuple[pd.Series, str]:
        """One finding and its warning level."""
        return self.findings.iloc[position], str(self.levels.iloc[position])

    def id_at(self, position: int) -> str:
        """The id of the finding at `position`."""
        return str(self.findings["id"].iloc[position])

    def tasks_for_export(self, positions: np.ndarray) -> dict[str, object]:
        """What `export.export_frame(per="task")` needs to write the tasks at `positions` (of
        `measures`) and nothing else: their problems, those problems' levels, the levels of
        every measure of those problems, and which of those measures to keep."""
        ids = self.measures["problem_id"].iloc[positions].unique()
        problems = np.flatnonzero(self.findings["id"].isin(ids).to_numpy())
        of_them = np.flatnonzero(self.measures["problem_id"].isin(ids).to_numpy())
        return {
            "findings": self.findings.iloc[problems],
            "levels": self.levels.iloc[problems],
            "measure_levels": self.measure_levels.iloc[of_them],
            "only": np.searchsorted(of_them, np.sort(positions)),
        }

    def problem_of_task(self, position: int) -> int | None:
        """Position of the finding whose measure is at `position`."""
        return self.position_of(str(self.measures["problem_id"].iloc[position]))

    def position_of(self, finding_id: str) -> int | None:
        """Where the finding with this id sits, or None when this version has no such finding."""
        found = np.flatnonzero((self.findings["id"] == finding_id).to_numpy())
        return int(found[0]) if len(found) else None
