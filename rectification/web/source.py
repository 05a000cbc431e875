"""Where the pages get their ledger: parsed once per file content, aggregated once per filter
state. The parsed ledger is a shared read-only resource (no copy per rerun); aggregates are
small and cached per (ledger digest, filters), never keyed on a DataFrame."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from rectification.filters import FILTERED_FIELDS, Filters, filter_mask
from rectification.intake import check_file
from rectification.ledger import LedgerCheck
from rectification.metrics import (
    Summary,
    attention_items,
    category_progress,
    department_progress,
    summarise,
    warning_levels,
)
from rectification.settings import load_settings


@dataclass(frozen=True)
class LoadedLedger:
    """A checked ledger with what every page needs computed once: its digest (the cache key),
    the as-of date it is judged at and each item's warning level. Treat as read-only."""

    digest: str
    check: LedgerCheck
    as_of: date
    levels: pd.Series = field(repr=False)
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @property
    def findings(self) -> pd.DataFrame:
        return self.check.findings

    def options(self, name: str) -> list[str]:
        """The distinct values of a filterable field in ledger order, blanks left out (computed
        once per ledger: a scan of every row on each rerun would grow with the ledger)."""
        return list(self.choices.get(name, ()))


def _load(digest: str, content: bytes, filename: str, warning_days: int) -> LoadedLedger:
    check = check_file(content, filename)
    as_of = check.as_of or date.today()
    levels = warning_levels(check.findings, as_of, warning_days) if check.accepted else pd.Series(dtype=str)
    choices = (
        {name: tuple(v for v in check.findings[name].unique() if v) for name in FILTERED_FIELDS}
        if check.accepted
        else {}
    )
    return LoadedLedger(digest, check, as_of, levels, choices)


@st.cache_resource(show_spinner=False, max_entries=8)
def _loaded_bytes(digest: str, _content: bytes, filename: str, warning_days: int) -> LoadedLedger:
    return _load(digest, _content, filename, warning_days)


def load_ledger(content: bytes, filename: str) -> LoadedLedger:
    """A ledger from uploaded bytes, parsed once per distinct content."""
    digest = hashlib.sha256(content).hexdigest()
    return _loaded_bytes(digest, content, filename, load_settings().warning_days)


@st.cache_resource(show_spinner=False, max_entries=4)
def _loaded_path(path: str, modified: float, warning_days: int) -> LoadedLedger:
    content = Path(path).read_bytes()
    return _load(hashlib.sha256(content).hexdigest(), content, Path(path).name, warning_days)


def current_ledger() -> LoadedLedger:
    """The ledger the dashboard shows: for now the shipped sample (RECTIFICATION_SAMPLE).
    Keyed on the file's path and modification time, so a rerun costs one stat()."""
    settings = load_settings()
    path = Path(settings.sample_ledger)
    return _loaded_path(str(path), path.stat().st_mtime, settings.warning_days)


@st.cache_data(show_spinner=False, max_entries=256)
def selected_positions(digest: str, filters: Filters, _ledger: LoadedLedger) -> np.ndarray:
    """Row positions passing the filters (keyed on the digest; the ledger itself is not hashed)."""
    return np.flatnonzero(filter_mask(_ledger.findings, filters, _ledger.levels))


@dataclass(frozen=True)
class Overview:
    summary: Summary
    categories: pd.DataFrame
    departments: pd.DataFrame
    attention: pd.DataFrame
    attention_total: int


@st.cache_data(show_spinner=False, max_entries=256)
def overview(
    digest: str, filters: Filters, warning_days: int, _ledger: LoadedLedger, limit: int = 10
) -> Overview:
    positions = selected_positions(digest, filters, _ledger)
    findings, levels = _ledger.findings.iloc[positions], _ledger.levels.iloc[positions]
    attention = attention_items(findings, levels)
    return Overview(
        summary=summarise(findings, _ledger.as_of, warning_days),
        categories=category_progress(findings),
        departments=department_progress(findings, levels),
        attention=attention.head(limit),
        attention_total=len(attention),
    )
