"""Where the pages get their ledger: read from the store once per version, aggregated once per
filter state. A loaded version is a shared read-only resource (no copy per rerun); aggregates
are small and cached per (version digest, filters), never keyed on a DataFrame."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from rectification.filters import Filters
from rectification.ledger import LedgerCheck
from rectification.ledger_version import LedgerVersion
from rectification.metrics import (
    Summary,
    amount_totals,
    attention_items,
    category_progress,
    department_progress,
    summarise,
)
from rectification.notices.parse import ParsedNotice
from rectification.notices.write import Notice
from rectification.service import (
    Proposal,
    load_version,
    notice_defaults,
    open_store,
    propose,
    propose_notice,
    sample_refusal,
    write_notice,
)
from rectification.settings import load_settings
from rectification.store import Store, Version
from rectification.store.closure import (
    Verification,
    verification_count,
    verification_log,
    verification_states,
)
from rectification.store.closure import verified_ids as _verified_ids
from rectification.store.roles import Member, members


@st.cache_resource(show_spinner=False, max_entries=2)
def _store(url: str, sample: str) -> Store:
    return open_store(replace(load_settings(), database_url=url, sample_ledger=Path(sample)))


def the_store() -> Store:
    """The store the app reads and writes, opened once per server (first start: the sample)."""
    settings = load_settings()
    return _store(settings.database_url, str(settings.sample_ledger))


@st.cache_resource(show_spinner=False, max_entries=2)
def _sample_refusal(sample: str, modified: float) -> LedgerCheck | None:
    return sample_refusal(replace(load_settings(), sample_ledger=Path(sample)))


def sample_refused() -> LedgerCheck | None:
    """The configured sample's check when it was refused (asked only while the store is empty;
    read again when the file changes)."""
    path = load_settings().sample_ledger
    return _sample_refusal(str(path), path.stat().st_mtime) if path.exists() else None


@st.cache_resource(show_spinner=False, max_entries=6)
def _version_ledger(url: str, version_id: int, warning_days: int, _store: Store) -> LedgerVersion:
    digest = f"{hashlib.sha1(url.encode()).hexdigest()[:10]}-v{version_id}-w{warning_days}"
    return load_version(_store, version_id, warning_days, digest)


def version_ledger(version_id: int) -> LedgerVersion:
    """Any version, read once per server and shared by every page and session (read-only)."""
    settings = load_settings()
    return _version_ledger(settings.database_url, version_id, settings.warning_days, the_store())


def current_ledger() -> LedgerVersion | None:
    """The current version of the ledger, or None while the store holds none. A rerun costs one
    small query for the latest version id; the rows are read once per version."""
    version = the_store().version()
    return None if version is None else version_ledger(version.id)


def previous_ledger(ledger: LedgerVersion) -> LedgerVersion | None:
    """The version before `ledger`'s, for "change since the last update"."""
    parent = ledger.version.parent_id
    return None if parent is None else version_ledger(parent)


@st.cache_data(show_spinner=False, max_entries=4)
def _history(
    digest: str, latest_id: int, departments: tuple[str, ...], _store: Store
) -> tuple[list[Version], pd.DataFrame]:
    return _store.versions(), _store.trend(departments)


def history(ledger: LedgerVersion, departments: tuple[str, ...] = ()) -> tuple[list[Version], pd.DataFrame]:
    """Every version and the per-version status counts (from the database) of the whole ledger
    or of `departments`, once per current version: a new version changes the key."""
    return _history(ledger.digest, ledger.version.id, departments, the_store())


def versions(ledger: LedgerVersion) -> list[Version]:
    """Every version, oldest first (cached with the history)."""
    return history(ledger)[0]


@st.cache_data(show_spinner=False, max_entries=256)
def _selected(digest: str, filters: Filters, tasks: bool, _ledger: LedgerVersion) -> np.ndarray:
    return _ledger.selected_tasks(filters) if tasks else _ledger.selected(filters)


def selected_positions(ledger: LedgerVersion, filters: Filters) -> np.ndarray:
    """Row positions passing the filters (keyed on the digest; the ledger itself is not hashed)."""
    return _selected(ledger.digest, filters, False, ledger)


def open_items_most_urgent_first(ledger: LedgerVersion, filters: Filters) -> np.ndarray:
    """Positions of the open findings passing `filters`: red, yellow, green, then undated."""
    return ledger.most_urgent_first(selected_positions(ledger, replace(filters, open_only=True)))


@dataclass(frozen=True)
class Overview:
    summary: Summary
    categories: pd.DataFrame
    departments: pd.DataFrame
    attention: pd.DataFrame
    attention_total: int
    amounts: dict[str, float] | None = None  # an audit ledger's 涉及金额 and 已整改金额, in 万元

    @property
    def department_names(self) -> list[str]:
        """The departments compared, laggards first, the unassigned left out."""
        return [name for name in self.departments["department"] if name]


@st.cache_data(show_spinner=False, max_entries=256)
def _overview(digest: str, filters: Filters, limit: int, tasks: bool, _ledger: LedgerVersion) -> Overview:
    if tasks:
        positions = _ledger.selected_tasks(filters)
        findings, levels = _ledger.take_tasks(positions)
    else:
        positions = _ledger.selected(filters)
        findings, levels = _ledger.take(positions)
    attention = attention_items(findings, levels)
    return Overview(
        summary=summarise(findings, _ledger.as_of, _ledger.warning_days),
        categories=category_progress(findings),
        departments=department_progress(findings, levels),
        attention=attention.head(limit),
        attention_total=len(attention),
        amounts=None if tasks else amount_totals(findings),
    )


def overview(ledger: LedgerVersion, filters: Filters, limit: int = 10) -> Overview:
    """The figures, category and department tables and the most urgent items of the filtered
    findings, once per version and filter state."""
    return _overview(ledger.digest, filters, limit, False, ledger)


def task_overview(ledger: LedgerVersion, filters: Filters, limit: int = 10) -> Overview:
    """The same figures over the tasks (整改任务) that pass `filters`, each under its own lead
    department: what the departments page compares when problems are broken into tasks."""
    return _overview(ledger.digest, filters, limit, True, ledger)


def selected_task_positions(ledger: LedgerVersion, filters: Filters) -> np.ndarray:
    """Positions in the ledger's measures of the tasks passing the filters."""
    return _selected(ledger.digest, filters, True, ledger)


def open_tasks_most_urgent_first(ledger: LedgerVersion, filters: Filters) -> np.ndarray:
    """Positions of the open tasks passing `filters`: red, yellow, green, then undated."""
    positions = selected_task_positions(ledger, replace(filters, open_only=True))
    return ledger.most_urgent_first(positions, tasks=True)


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
def _timeline(digest: str, finding_id: str, _store: Store) -> pd.DataFrame:
    return _store.timeline(finding_id)


def item_timeline(ledger: LedgerVersion, finding_id: str) -> pd.DataFrame:
    """One finding's status and progress in each version where it changed, once per current
    version (a new version has a new digest)."""
    return _timeline(ledger.digest, finding_id, the_store())


@st.cache_data(show_spinner=False, max_entries=16)
def closure_states(
    digest: str, recorded: int, _ledger: LedgerVersion, _store: Store
) -> dict[str, Verification]:
    """Each verified finding's state in this version; `recorded` (the number of verifications
    ever made) is in the key so a new verification is seen at once."""
    return verification_states(_store, _ledger.version.id)


def current_closures(ledger: LedgerVersion) -> dict[str, Verification]:
    """Each verified finding's state in this version (销号, still valid or cleared)."""
    store = the_store()
    return closure_states(ledger.digest, verification_count(store), ledger, store)


@st.cache_data(show_spinner=False, max_entries=256)
def _verified_closed(
    digest: str, filters: Filters, recorded: int, _ledger: LedgerVersion, _states: dict
) -> int:
    positions = selected_positions(_ledger, filters)
    return len(_verified_ids(_states, _ledger.findings.iloc[positions]))


def verified_closed(ledger: LedgerVersion, filters: Filters) -> int:
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
    _current: LedgerVersion | None,
):
    return propose_notice(_store, _content, filename, mode, as_of, _current)


def notice_proposal(
    content: bytes, filename: str, mode: str, as_of: date | None = None
) -> tuple[ParsedNotice, Proposal]:
    """A notice read into a ledger (its progress standing at `as_of` when given) and compared
    with the current version, once per content, mode, date and current version."""
    store = the_store()
    current = current_ledger()
    digest = hashlib.sha256(content).hexdigest()
    base = current.version.id if current else None
    url = load_settings().database_url
    return _notice_proposal(url, digest, filename, mode, as_of, base, content, store, current)


@st.cache_data(show_spinner=False, max_entries=8)
def _notice(digest: str, unit: str, round_: str, _ledger: LedgerVersion) -> Notice:
    return write_notice(_ledger, unit=unit, round_=round_)


def notice_for_version(version_id: int, *, unit: str = "", round_: str = "") -> Notice:
    """The notice composed from one version, signed by `unit` for `round_` (cached per version,
    unit and round)."""
    ledger = version_ledger(version_id)
    return _notice(ledger.digest, unit, round_, ledger)


def notice_signature(version_id: int) -> tuple[str, str]:
    """The unit and round version `version_id` names."""
    return notice_defaults(version_ledger(version_id))


def role_table() -> list[Member]:
    """The current role table (read on each run: it is small, and an admin expects changes at once)."""
    return members(the_store())


def closure_log() -> pd.DataFrame:
    """Every closure verification ever recorded, newest first."""
    return verification_log(the_store())
