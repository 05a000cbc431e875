"""Where the pages get their ledger: read from the store once per version, aggregated once per
filter state. A loaded version is a shared read-only resource (no copy per rerun); aggregates
are small and cached per (version digest, filters), never keyed on a DataFrame."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from rectification.filters import FILTERED_FIELDS, Filters, filter_mask
from rectification.ledger import LedgerCheck
from rectification.metrics import (
    Summary,
    attention_items,
    category_progress,
    department_progress,
    summarise,
    warning_levels,
)
from rectification.notices.parse import ParsedNotice
from rectification.notices.write import Notice
from rectification.service import (
    Proposal,
    notice_defaults,
    open_store,
    propose,
    propose_notice,
    write_notice,
)
from rectification.settings import load_settings
from rectification.store import Store, Version
from rectification.store.closure import Verification, verification_count, verification_states, verified_ids


@dataclass(frozen=True)
class LoadedLedger:
    """One version of the ledger with what every page needs computed once: its digest (the
    cache key), the as-of date it is judged at, each item's warning level and the filter
    choices. Shared between sessions: treat as read-only."""

    digest: str
    check: LedgerCheck
    as_of: date
    levels: pd.Series = field(repr=False)
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    version: Version | None = None

    @property
    def findings(self) -> pd.DataFrame:
        return self.check.findings

    def options(self, name: str) -> list[str]:
        """The distinct values of a filterable field in ledger order, blanks left out (computed
        once per ledger: a scan of every row on each rerun would grow with the ledger)."""
        return list(self.choices.get(name, ()))


def _loaded(
    digest: str, check: LedgerCheck, warning_days: int, version: Version | None = None
) -> LoadedLedger:
    as_of = check.as_of or date.today()
    if not check.accepted:
        return LoadedLedger(digest, check, as_of, pd.Series(dtype=str), {}, version)
    findings = check.findings
    choices = {name: tuple(v for v in findings[name].unique() if v) for name in FILTERED_FIELDS}
    return LoadedLedger(digest, check, as_of, warning_levels(findings, as_of, warning_days), choices, version)


@st.cache_resource(show_spinner=False, max_entries=2)
def _store(url: str, sample: str, warning_days: int) -> Store:
    return open_store(replace(load_settings(), database_url=url, sample_ledger=Path(sample)))


def the_store() -> Store:
    """The store the app reads and writes, opened once per server (first start: the sample)."""
    settings = load_settings()
    return _store(settings.database_url, str(settings.sample_ledger), settings.warning_days)


@st.cache_resource(show_spinner=False, max_entries=6)
def _version_ledger(url: str, version_id: int, warning_days: int, _store: Store) -> LoadedLedger:
    version = _store.version(version_id)
    findings = _store.findings(version_id)
    check = LedgerCheck(file=version.source_file, as_of=version.as_of, findings=findings)
    digest = f"{hashlib.sha1(url.encode()).hexdigest()[:10]}-v{version_id}"
    return _loaded(digest, check, warning_days, version)


def current_ledger() -> LoadedLedger | None:
    """The current version of the ledger, or None while the store holds none. A rerun costs one
    small query for the latest version id; the rows are read once per version."""
    settings = load_settings()
    store = the_store()
    version = store.version()
    if version is None:
        return None
    return _version_ledger(settings.database_url, version.id, settings.warning_days, store)


def previous_ledger(ledger: LoadedLedger) -> LoadedLedger | None:
    """The version before `ledger`'s, for "change since the last update"."""
    if ledger.version is None or ledger.version.parent_id is None:
        return None
    settings = load_settings()
    return _version_ledger(
        settings.database_url, ledger.version.parent_id, settings.warning_days, the_store()
    )


@st.cache_data(show_spinner=False, max_entries=4)
def history(
    digest: str, latest_id: int, departments: tuple[str, ...], _store: Store
) -> tuple[list[Version], pd.DataFrame]:
    """Every version and the per-version status counts (from the database) of the whole ledger
    or of `departments`, once per latest version: a new version changes `latest_id` and the key."""
    return _store.versions(), _store.trend(departments)


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


@st.cache_resource(show_spinner=False, max_entries=4)
def _proposal(
    url: str, sha256: str, filename: str, mode: str, base: int | None, _content: bytes, _store: Store
):
    return propose(_store, _content, filename, mode)


def upload_proposal(content: bytes, filename: str, mode: str) -> Proposal:
    """An upload checked and compared with the current version, once per (file, mode, version)."""
    store = the_store()
    current = store.version()
    digest = hashlib.sha256(content).hexdigest()
    return _proposal(
        load_settings().database_url, digest, filename, mode, current.id if current else None, content, store
    )


@st.cache_data(show_spinner=False, max_entries=256)
def item_timeline(digest: str, finding_id: str, _store: Store) -> pd.DataFrame:
    """One finding's status and progress in each version where it changed (per version: a new
    version has a new digest)."""
    return _store.timeline(finding_id)


@st.cache_data(show_spinner=False, max_entries=16)
def closure_states(
    digest: str, recorded: int, _ledger: LoadedLedger, _store: Store
) -> dict[str, Verification]:
    """Each verified finding's state in this version; `recorded` (the number of verifications
    ever made) is in the key so a new verification is seen at once."""
    return verification_states(_store, _ledger.version.id)


def current_closures(ledger: LoadedLedger) -> dict[str, Verification]:
    store = the_store()
    return closure_states(ledger.digest, verification_count(store), ledger, store)


@st.cache_data(show_spinner=False, max_entries=256)
def _verified_closed(
    digest: str, filters: Filters, recorded: int, _ledger: LoadedLedger, _states: dict
) -> int:
    positions = selected_positions(digest, filters, _ledger)
    return len(verified_ids(_states, _ledger.findings.iloc[positions]))


def verified_closed(ledger: LoadedLedger, filters: Filters) -> int:
    """How many of the filtered findings are done and verified (销号) in this version."""
    store = the_store()
    recorded = verification_count(store)
    states = closure_states(ledger.digest, recorded, ledger, store)
    return _verified_closed(ledger.digest, filters, recorded, ledger, states)


@st.cache_resource(show_spinner=False, max_entries=4)
def _notice_proposal(
    url: str,
    sha256: str,
    filename: str,
    mode: str,
    as_of: date | None,
    base: int | None,
    _content: bytes,
    _store: Store,
):
    return propose_notice(_store, _content, filename, mode, as_of)


def notice_proposal(
    content: bytes, filename: str, mode: str, as_of: date | None = None
) -> tuple[ParsedNotice, Proposal]:
    """A notice read into a ledger (its progress standing at `as_of` when given) and compared
    with the current version, once per content, mode, date and current version."""
    store = the_store()
    current = store.version()
    digest = hashlib.sha256(content).hexdigest()
    base = current.id if current else None
    return _notice_proposal(load_settings().database_url, digest, filename, mode, as_of, base, content, store)


@st.cache_data(show_spinner=False, max_entries=8)
def notice_for_version(
    digest: str, version_id: int, _store: Store, *, unit: str = "", round_: str = ""
) -> Notice:
    """The notice composed from one version, signed by `unit` for `round_` (cached per ledger,
    version, unit and round)."""
    return write_notice(_store, version_id, unit=unit, round_=round_)


@st.cache_data(show_spinner=False, max_entries=16)
def notice_signature(digest: str, version_id: int, _store: Store) -> tuple[str, str]:
    """The unit and round version `version_id` names (cached per ledger and version)."""
    return notice_defaults(_store, version_id)
