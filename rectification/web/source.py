"""Where the pages get their ledger: read from the store once per version, aggregated once per
filter state. A loaded version is a shared read-only resource (no copy per rerun); aggregates
are small and cached per (version digest, filters), never keyed on a DataFrame.

Every read of the store here is `said_on_fault`: should the database fail (unreachable, damaged,
busy: a `SystemFault`), the page shows the refusal naming the cause and stops, and the cause goes
to Streamlit's log, never a traceback to the screen. Writes are refused where they are made (the
pages catch `Refusal` around each action), so a read-only store can still be read."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn, ParamSpec, TypeVar

import numpy as np
import pandas as pd
import streamlit as st

from rectification.access import Identity
from rectification.display import inert_markdown
from rectification.errors import Refusal, SystemFault
from rectification.export import Cut, overlong_cells, overlong_ids
from rectification.filters import Filters
from rectification.labels import DEFAULT_LANG, LANGS
from rectification.ledger import LedgerCheck
from rectification.ledger_version import LedgerVersion
from rectification.logs import LOGGER, Masked, fault_logged
from rectification.metrics import (
    Summary,
    amount_totals,
    attention_items,
    burn_up,
    category_progress,
    compared_progress,
    department_progress,
    open_matrix,
    overdue_ageing,
    summarise,
)
from rectification.notices.parse import ParsedNotice
from rectification.notices.write import Notice
from rectification.oversight import department_oversight
from rectification.reading_worker import ReadingLimits, start
from rectification.reminders import (
    Contact,
    Delivery,
    Digest,
    Unreachable,
    compose_digests,
    in_quiet_hours,
    plan_deliveries,
)
from rectification.service import (
    Proposal,
    contact_list,
    export_cuts,
    load_version,
    notice_defaults,
    open_store,
    propose,
    propose_notice,
    propose_restore,
    reminder_record,
    sample_refusal,
    unmatched_departments,
    write_notice,
)
from rectification.settings import load_settings
from rectification.store import Store, Version
from rectification.store.chasing import contacts, outcomes_on
from rectification.store.closure import (
    Verification,
    verification_count,
    verification_log,
    verification_states,
)
from rectification.store.closure import verified_ids as _verified_ids
from rectification.store.oversight import (
    oversight_stamp,
    quiet_change_table,
    report_dates,
)
from rectification.store.roles import Member, members
from rectification.store.tables import read_only


def _log_to_streamlit() -> None:
    """Our logger writes through Streamlit's (the server's console, in its format), every record
    masked: once per process, however many pages import this."""
    from streamlit.logger import get_logger

    for handler in get_logger(LOGGER).handlers:
        if not any(isinstance(f, Masked) for f in handler.filters):
            handler.addFilter(Masked())


_log_to_streamlit()
_P = ParamSpec("_P")
_R = TypeVar("_R")


def stop_on(refusal: Refusal) -> NoReturn:
    """Show `refusal` in the reader's language where the page has got to, log it when it names a
    fault of the machine, and end this run of the page."""
    fault_logged(refusal, "the dashboard")
    lang = st.session_state.get("lang")
    # A refusal may name a setting's value, a file or a person: outside text, shown inert.
    message = refusal.message(lang if lang in LANGS else DEFAULT_LANG)
    st.error(inert_markdown(message), icon=":material/block:")
    st.stop()


def said_on_fault(read: Callable[_P, _R]) -> Callable[_P, _R]:
    """`read`, which reads the store, stopping the page with the refusal if the store fails."""

    @functools.wraps(read)
    def reading(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return read(*args, **kwargs)
        except SystemFault as fault:
            stop_on(fault)

    return reading


@st.cache_resource(show_spinner=False, max_entries=2)
def _store(url: str, sample: str) -> Store:
    return open_store(replace(load_settings(), database_url=url, sample_ledger=Path(sample)))


@said_on_fault
def the_store() -> Store:
    """The store the app reads and writes, opened once per server (first start: the sample)."""
    settings = load_settings()
    return _store(settings.database_url, str(settings.sample_ledger))


@st.cache_data(show_spinner=False, ttl=60, max_entries=2)
def _read_only(url: str, _store: Store) -> bool:
    return read_only(_store.engine)


@said_on_fault
def store_read_only() -> bool:
    """Whether the store can only be read (asked once a minute: permissions may be mended)."""
    return _read_only(load_settings().database_url, the_store())


@st.cache_resource(show_spinner=False, max_entries=2)
def _sample_refusal(sample: str, modified: float) -> LedgerCheck | None:
    return sample_refusal(replace(load_settings(), sample_ledger=Path(sample)))


def sample_refused() -> LedgerCheck | None:
    """The configured sample's check when it was refused (asked only while the store is empty;
    read again when the file changes)."""
    path = load_settings().sample_ledger
    return _sample_refusal(str(path), path.stat().st_mtime) if path.exists() else None


@st.cache_resource(show_spinner=False, max_entries=6)
def _version_ledger(url: str, version_id: int, warning_days: int, stamp: str, _store: Store) -> LedgerVersion:
    digest = f"{hashlib.sha1(url.encode()).hexdigest()[:10]}-v{version_id}-w{warning_days}-o{stamp}"
    return load_version(_store, version_id, warning_days, digest)


@said_on_fault
def version_ledger(version_id: int) -> LedgerVersion:
    """Any version, read once per server and shared by every page and session (read-only). An
    extension decided or a problem reopened changes how it is judged, so the oversight records'
    stamp is in the key (and in the digest every other cache is keyed on)."""
    settings = load_settings()
    store = the_store()
    stamp = oversight_stamp(store)
    return _version_ledger(settings.database_url, version_id, settings.warning_days, stamp, store)


@said_on_fault
def current_ledger() -> LedgerVersion | None:
    """The current version of the ledger, or None while the store holds none. A rerun costs one
    small query for the latest version id; the rows are read once per version."""
    version = the_store().version()
    return None if version is None else version_ledger(version.id)


@said_on_fault
def previous_ledger(ledger: LedgerVersion) -> LedgerVersion | None:
    """The version before `ledger`'s, for "change since the last update"."""
    parent = ledger.version.parent_id
    return None if parent is None else version_ledger(parent)


@st.cache_data(show_spinner=False, max_entries=4)
def _history(
    digest: str, latest_id: int, departments: tuple[str, ...], _store: Store
) -> tuple[list[Version], pd.DataFrame]:
    return _store.versions(), _store.trend(departments)


@said_on_fault
def history(ledger: LedgerVersion, departments: tuple[str, ...] = ()) -> tuple[list[Version], pd.DataFrame]:
    """Every version and the per-version status counts (from the database) of the whole ledger
    or of `departments`, once per current version: a new version changes the key."""
    return _history(ledger.digest, ledger.version.id, departments, the_store())


def versions(ledger: LedgerVersion) -> list[Version]:
    """Every version, oldest first (cached with the history)."""
    return history(ledger)[0]


def progress_points(ledger: LedgerVersion) -> pd.DataFrame:
    """Done against total at each as-of date up to this version (metrics.burn_up)."""
    rows = [(v.id, v.as_of, v.total, v.counts["done"]) for v in versions(ledger) if v.id <= ledger.version.id]
    return burn_up(pd.DataFrame(rows, columns=["version", "as_of", "total", "done"]))


def completion_trend(ledger: LedgerVersion) -> list[float]:
    """The completion rate at each as-of date up to this version, oldest first: the latest
    version of each date (two uploads on one day are one point)."""
    by_day: dict = {}
    for v in versions(ledger):
        if v.id <= ledger.version.id and v.as_of is not None and v.completion_rate is not None:
            by_day[v.as_of] = v.completion_rate
    return [by_day[day] for day in sorted(by_day)]


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
    # Overdue measures of the problems shown, by days overdue (metrics.overdue_ageing).
    ageing: pd.DataFrame | None = None
    matrix: pd.DataFrame | None = None  # open problems by category and department
    # Where the findings shown belong to several inspected units or rounds: each compared.
    units: pd.DataFrame | None = None
    rounds: pd.DataFrame | None = None

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
    # The measures of the problems shown (a task overview: the tasks themselves).
    if tasks:
        measures, measure_levels = findings, levels
    else:
        measures, measure_levels = _ledger.take_tasks(
            np.flatnonzero(_ledger.measures["problem_id"].isin(findings["id"]).to_numpy())
        )
    return Overview(
        summary=summarise(findings, _ledger.as_of, _ledger.warning_days),
        categories=category_progress(findings),
        departments=department_progress(findings, levels),
        attention=attention.head(limit),
        attention_total=len(attention),
        amounts=None if tasks else amount_totals(findings),
        ageing=overdue_ageing(measures["deadline"], measure_levels, _ledger.as_of),
        matrix=None if tasks else open_matrix(findings, levels),
        units=None if tasks else compared_progress(findings, levels, "unit"),
        rounds=None if tasks else compared_progress(findings, levels, "round"),
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


def prepare_reading() -> None:
    """Start the reading worker's fork server while the page waits for a file, so the first
    upload does not wait for its imports (about a second; later calls cost nothing)."""
    start()


def _limits() -> ReadingLimits:
    return ReadingLimits.of(load_settings())


# A file refused for a limit stays refused in this cache like any other refusal: the same file
# sent again gets the answer at once instead of taking a worker for the whole time limit again.
@st.cache_resource(show_spinner=False, max_entries=4)
def _proposal(
    url: str,
    sha256: str,
    filename: str,
    mode: str,
    base: int | None,
    _content: bytes,
    _store: Store,
    _limits: ReadingLimits,
):
    return propose(_store, _content, filename, mode, _limits)


@said_on_fault
def upload_proposal(content: bytes, filename: str, mode: str) -> Proposal:
    """An upload checked and compared with the current version, once per (file, mode, version).
    The file is read in a worker process under the reading limits (reading_worker): whatever it
    holds, this server and every other session carry on while it is read."""
    store = the_store()
    current = store.version()
    digest = hashlib.sha256(content).hexdigest()
    base = current.id if current else None
    return _proposal(load_settings().database_url, digest, filename, mode, base, content, store, _limits())


@st.cache_data(show_spinner=False, max_entries=256)
def _timeline(digest: str, finding_id: str, _store: Store) -> pd.DataFrame:
    return _store.timeline(finding_id)


@said_on_fault
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


@said_on_fault
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


@said_on_fault
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
    _limits: ReadingLimits,
):
    return propose_notice(_store, _content, filename, mode, as_of, _current, _limits)


@said_on_fault
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
    return _notice_proposal(url, digest, filename, mode, as_of, base, content, store, current, _limits())


@st.cache_data(show_spinner=False, max_entries=8)
def _notice(digest: str, unit: str, round_: str, _ledger: LedgerVersion) -> Notice:
    return write_notice(_ledger, unit=unit, round_=round_)


@said_on_fault
def notice_for_version(version_id: int, *, unit: str = "", round_: str = "") -> Notice:
    """The notice composed from one version, signed by `unit` for `round_` (cached per version,
    unit and round)."""
    ledger = version_ledger(version_id)
    return _notice(ledger.digest, unit, round_, ledger)


@said_on_fault
def notice_signature(version_id: int) -> tuple[str, str]:
    """The unit and round version `version_id` names."""
    return notice_defaults(version_ledger(version_id))


@st.cache_data(show_spinner=False, max_entries=8)
def _overlong(digest: str, _ledger: LedgerVersion) -> frozenset[str]:
    return overlong_ids(_ledger.measures)


def list_export_cuts(
    ledger: LedgerVersion, positions: np.ndarray, tasks: bool, rows: Callable[[], pd.DataFrame], lang: str
) -> list[Cut]:
    """The texts an .xlsx export of the listed findings (or tasks) would cut, for the warning
    beside its button. `rows` (the export's table) is built only when one of them has such a
    text: which problems have one is asked once per version, and the answer is nearly always none."""
    long = _overlong(ledger.digest, ledger)
    if not long:
        return []
    ids = (ledger.measures["problem_id"] if tasks else ledger.findings["id"]).iloc[positions]
    return overlong_cells(rows(), lang) if ids.isin(long).any() else []


@st.cache_data(show_spinner=False, max_entries=8)
def _version_cuts(digest: str, lang: str, _ledger: LedgerVersion) -> list[Cut]:
    return export_cuts(_ledger, lang)


def version_export_cuts(version_id: int, lang: str) -> list[Cut]:
    """The texts the .xlsx download of a whole version would cut (see `list_export_cuts`)."""
    ledger = version_ledger(version_id)
    if not _overlong(ledger.digest, ledger):
        return []
    return _version_cuts(ledger.digest, lang, ledger)


@said_on_fault
def role_table() -> list[Member]:
    """The current role table (read on each run: it is small, and an admin expects changes at once)."""
    return members(the_store())


@said_on_fault
def closure_log() -> pd.DataFrame:
    """Every closure verification ever recorded, newest first."""
    return verification_log(the_store())


@st.cache_data(show_spinner=False, max_entries=8)
def _quiet(url: str, latest_id: int, version_id: int | None, _store: Store) -> pd.DataFrame:
    return quiet_change_table(_store, version_id)


@said_on_fault
def quiet_changes_of(version_id: int | None = None) -> pd.DataFrame:
    """The quiet changes (变化核查) found when a version was saved, or of every version with None:
    version, kind, id, measure, department, before, after. Read once per current version."""
    store = the_store()
    latest = store.version()
    return _quiet(load_settings().database_url, latest.id if latest else 0, version_id, store)


@st.cache_data(show_spinner=False, max_entries=8)
def _reports(url: str, version_id: int, _store: Store) -> dict[str, date]:
    return report_dates(_store, version_id)


@said_on_fault
def department_reports(ledger: LedgerVersion) -> dict[str, date]:
    """Each department's last report date up to this version."""
    return _reports(load_settings().database_url, ledger.version.id, the_store())


@said_on_fault
def department_oversight_of(ledger: LedgerVersion, departments: list[str]) -> pd.DataFrame:
    """Each department's last report date, extensions and quiet changes (all versions up to
    this one), for the departments comparison."""
    quiet = quiet_changes_of(None)
    quiet = quiet[(quiet["version"] <= ledger.version.id).to_numpy()] if len(quiet) else quiet
    reports, stale_days = department_reports(ledger), load_settings().stale_days
    return department_oversight(departments, reports, ledger.extensions, quiet, ledger.as_of, stale_days)


@said_on_fault
def restore_proposal(version_id: int) -> Proposal:
    """Restoring `version_id` previewed against the current version (nothing saved)."""
    return propose_restore(the_store(), version_id)


# A resource, not data: handed out as it is, not unpickled on every run (a round of many units has
# hundreds of digests, each with its frame of tasks). Nothing changes a digest once composed.
@st.cache_resource(show_spinner=False, max_entries=8)
def _digests(digest: str, steps: tuple, _ledger: LedgerVersion) -> list[Digest]:
    return compose_digests(_ledger.measures, _ledger.measure_levels, _ledger.as_of, steps)


def todays_digests(ledger: LedgerVersion) -> list[Digest]:
    """The reminders the current version gives today (reminders.compose_digests), once per
    version and escalation rules."""
    return _digests(ledger.digest, load_settings().remind_escalation, ledger)


@dataclass(frozen=True)
class ChasePlan:
    """Today's reminders as the 催办 section shows them before anything is sent."""

    digests: list[Digest]
    planned: list[Delivery]
    unreachable: list[Unreachable]
    channels: tuple[str, ...]
    quiet: bool
    today: tuple[str, ...] = ()  # each planned copy today: "sent", "failed" or ""

    @property
    def sent(self) -> tuple[bool, ...]:
        return tuple(status == "sent" for status in self.today)

    @property
    def waiting(self) -> int:
        """Copies a send now would send: those not yet sent today."""
        return len(self.planned) - sum(self.sent)


@said_on_fault
def todays_plan(ledger: LedgerVersion) -> ChasePlan:
    """Today's digests, and who would get which copy by the channels configured (the contacts
    read on each run: an admin's change shows at once)."""
    settings = load_settings()
    digests = todays_digests(ledger)
    planned, unreachable = plan_deliveries(digests, contacts(the_store()), settings.remind_channels)
    now = datetime.now()
    quiet = in_quiet_hours(settings.remind_quiet_hours, now.time())
    tried = outcomes_on(the_store(), now.date()) if planned else {}
    today = tuple(tried.get(d.key(now.date()), "") for d in planned)
    return ChasePlan(digests, planned, unreachable, settings.remind_channels, quiet, today)


@said_on_fault
def reminder_log_of(
    identity: Identity, since: date | None = None, problem: str | None = None
) -> pd.DataFrame:
    """The reminders sent or failed (since a day, or those that may name a problem), newest
    first, read on each run."""
    return reminder_record(the_store(), identity, since, problem)


@said_on_fault
def contact_book(identity: Identity) -> list[Contact]:
    """The departments' contacts, for the admin page (the service asks the role: they hold
    addresses and robot secrets)."""
    return contact_list(the_store(), identity)


@said_on_fault
def unmatched_of(entered: list[Contact]) -> list[str]:
    """The departments of contacts just entered that no reminder of the current version goes to."""
    return unmatched_departments(the_store(), entered)
