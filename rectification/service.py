"""The one door for everything people do with the store, the same from the pages and the command
line: open it (the sample becomes version 1 when it is empty), load a version, preview an upload
and accept it, restore a version, verify a closure (销号), change the role table, export, read and
write notices.

Every write takes the acting `Identity` and checks its role, department scope and sign-in mode
here, whoever calls: a page hiding a button is convenience, not security. Every refusal is a
`rectification.errors.Refusal`; nothing else is raised on purpose."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from .access import ALL_DEPARTMENTS, Identity, changes_outside_scope, outside_scope
from .diff import LedgerDiff, by_measure, diff_against, measure_scope, measures_merged, named_measures
from .errors import (
    FileRefused,
    NoSuchVersion,
    NotPermitted,
    ReadingStopped,
    Refusal,
    StoreReadOnly,
    SystemFault,
    UnreadableFile,
    file_refusal,
)
from .export import EXPORT_FORMATS, Cut, export_frame, overlong_cells, to_csv, write_xlsx
from .fingerprint import row_digests
from .intake import check_file
from .labels import label
from .ledger import Flag, LedgerCheck
from .ledger_version import LedgerVersion
from .logs import fault_logged
from .notices.docx import docx_text
from .notices.match import match_to_ledger
from .notices.parse import ParsedNotice, parse_notice
from .notices.write import Notice, compose_notice, ledger_signature
from .reading_worker import ReadingLimits, check_in_worker, read_in_worker, stopped_check
from .schema import FIELD_BY_NAME
from .settings import Settings
from .sheets import decode_csv
from .store import closure, roles
from .store.closure import Verification
from .store.versions import Store, Version

if TYPE_CHECKING:
    import pandas as pd

SAMPLE_AUTHOR = "system"


def open_store(settings: Settings) -> Store:
    """The store at the configured URL, upgraded, with the sample as version 1 if it is empty.
    An empty store that is read-only stays empty: it can still be opened and read (an empty
    dashboard, and the refusal when someone saves), which the sample is not worth refusing."""
    store = Store.open(settings.database_url)
    if store.version() is None and settings.sample_ledger.exists():
        try:
            content = settings.sample_ledger.read_bytes()
        except OSError as error:
            raise file_refusal(error, settings.sample_ledger, writing=False) from error
        check = check_file(content, settings.sample_ledger.name)
        if check.accepted:
            try:
                store.save(
                    check.findings,
                    author=SAMPLE_AUTHOR,
                    source_file=check.file,
                    sha256=hashlib.sha256(content).hexdigest(),
                    mode="replace",
                    note="sample",
                    as_of=check.as_of,
                )
            except StoreReadOnly as refusal:
                fault_logged(refusal, "saving the sample as version 1")
    return store


def sample_refusal(settings: Settings) -> LedgerCheck | None:
    """Why the configured sample did not become version 1 of an empty store: its check when it
    exists and was refused, else None."""
    path = settings.sample_ledger
    if not path.exists():
        return None
    try:
        content = path.read_bytes()
    except OSError as error:
        raise file_refusal(error, path, writing=False) from error
    check = check_file(content, path.name)
    return None if check.accepted else check


def load_version(store: Store, version_id: int | None, warning_days: int, digest: str = "") -> LedgerVersion:
    """A version (the current one for None) read once and judged at its as-of date."""
    version = store.version(version_id)
    if version is None:
        raise NoSuchVersion("cli.no_version", version=version_id if version_id is not None else "-")
    findings = store.findings(version.id)
    return LedgerVersion.of(digest or f"v{version.id}", version, findings, warning_days)


@dataclass(frozen=True)
class Proposal:
    """An upload read and compared with the current version, not yet saved."""

    check: LedgerCheck
    sha256: str
    mode: str
    diff: LedgerDiff | None  # None when the file was refused
    base_version: int | None
    digests: list[str] | None = None  # row_digests of the findings, computed once for preview and save


def propose(
    store: Store, content: bytes, filename: str, mode: str, limits: ReadingLimits | None = None
) -> Proposal:
    """Read and validate an upload and compare it with the current version. Stores nothing.
    With `limits` (the app: one server for every user) the file is read in a worker process
    stopped at them, a stopped reading being a refused check; without (the command line, a
    process per command, bounded by the operating system), in this process."""
    check = check_file(content, filename) if limits is None else check_in_worker(content, filename, limits)
    return proposal_for(store, check, hashlib.sha256(content).hexdigest(), mode)


def proposal_for(store: Store, check: LedgerCheck, sha256: str, mode: str) -> Proposal:
    """Compare an already read ledger (a sheet, or a parsed notice) with the current version."""
    current = store.version()
    base = current.id if current else None
    if not check.accepted:
        return Proposal(check, sha256, mode, None, base)
    digests = row_digests(check.findings)
    if current is None:
        return Proposal(check, sha256, mode, diff_against([], None, check.findings, mode), base, digests)
    members = store.members(current.id)
    stored = dict(members)
    in_upload = set(check.findings["id"])
    needed = [
        fid
        for fid, digest in zip(check.findings["id"], digests, strict=True)
        if stored.get(fid, digest) != digest
    ]
    needed += [fid for fid, _ in members if fid not in in_upload]
    rows = store.findings_with_ids(current.id, needed)
    if mode == "merge":
        check, digests = _named_measures(check, rows, digests)
        if not check.accepted:
            return Proposal(check, sha256, mode, None, base)
    upload, compared = check.findings, digests
    if mode == "merge" and by_measure(rows, upload).any():
        # What the problem will be once the department's measures are merged into it; saving
        # merges the sheet itself again, onto whatever version is current then.
        upload = measures_merged(rows, upload)
        compared = row_digests(upload)
    diff = diff_against(members, rows, upload, mode, compared)
    return Proposal(check, sha256, mode, diff, base, digests)


def _named_measures(
    check: LedgerCheck, rows: pd.DataFrame, digests: list[str]
) -> tuple[LedgerCheck, list[str]]:
    """The sheet's one-row problems that the ledger keeps as several measures, named as the
    department's own measure of each (`diff.named_measures`), or refused at their rows."""
    named, unnamed = named_measures(rows, check.findings)
    if unnamed:
        column = FIELD_BY_NAME["measure_id"].zh
        flags = [Flag("error", "measure.not_named", check.sheet, row, column) for row in unnamed]
        return replace(check, findings=None, errors=[*check.errors, *flags]), digests
    if named is check.findings:
        return check, digests
    return replace(check, findings=named), row_digests(named)


def check_upload_scope(store: Store, proposal: Proposal, identity: Identity) -> None:
    """Raise NotPermitted unless `identity` may save this upload in its mode, and every item in
    it belongs to one of their departments."""
    identity.require(proposal.mode)
    if ALL_DEPARTMENTS in identity.departments:
        return
    current = store.version()
    ledger = store.departments(current.id) if current else None
    upload = proposal.check.findings
    ids: list[str] = []
    if current is not None and (upload["tasks"] != "").any():
        # Problems kept as measures are judged measure by measure, the rest problem by problem.
        stored = store.findings_with_ids(current.id, upload.loc[upload["tasks"] != "", "id"].tolist())
        merged, touched = measure_scope(stored, upload)
        ids = changes_outside_scope(identity, touched)
        upload = upload[~merged]
    if ids := outside_scope(identity, ledger, upload) + ids:
        departments = "、".join(sorted(identity.departments))
        raise NotPermitted("auth.outside_scope", departments=departments, ids="、".join(ids))


def upload_refusal(store: Store, proposal: Proposal, identity: Identity) -> Refusal | None:
    """Why `identity` may not save this proposal, or None: asked before the button is offered."""
    if not proposal.check.accepted:
        return FileRefused("upload.refused")
    try:
        check_upload_scope(store, proposal, identity)
    except (NotPermitted, SystemFault) as refusal:  # SystemFault: the store could not be read
        return refusal
    return None


def accept(store: Store, proposal: Proposal, identity: Identity, *, note: str = "") -> Version | None:
    """Save a previewed upload as a new version; None when it would change nothing. The
    identity's role and departments are checked again here, whoever called. A merge is applied
    to whatever version is current at the moment of saving."""
    if not proposal.check.accepted:
        raise FileRefused("upload.refused")
    check_upload_scope(store, proposal, identity)
    return store.save(
        proposal.check.findings,
        author=identity.name,
        source_file=proposal.check.file,
        sha256=proposal.sha256,
        mode=proposal.mode,
        note=note,
        as_of=proposal.check.as_of,
        digests=proposal.digests,
    )


def restore(store: Store, version_id: int, identity: Identity) -> Version | None:
    """A new version equal to `version_id`; None when that is already the current one."""
    identity.require("restore")
    return store.restore(version_id, author=identity.name)


def verify(store: Store, finding_id: str, identity: Identity, *, note: str, evidence: str) -> Verification:
    """Record that `identity` verified the finding's closure (销号) as it stands now."""
    identity.require("verify")
    return closure.verify(store, finding_id, by=identity.name, note=note, evidence=evidence)


def set_member(
    store: Store, member: str, role: str, departments: tuple[str, ...], identity: Identity
) -> None:
    """Add a person to the role table or change their role and departments. Refused
    (NotPermitted) for the last admin's own role, whoever asks: the table keeps an admin."""
    identity.require("manage_users")
    roles.set_member(store, member, role, departments, by=identity.name)


def remove_member(store: Store, member: str, identity: Identity) -> bool:
    """Take a person out of the role table; False when they were not in it. Refused
    (NotPermitted) for the last admin, whoever asks: the table keeps an admin."""
    identity.require("manage_users")
    return roles.remove_member(store, member, by=identity.name)


@dataclass(frozen=True)
class ExportFile:
    """An exported version: the file, and the texts an .xlsx cell could not hold (cut there with a
    marker, kept whole on its "全文" sheet), to warn about; a CSV keeps every text whole."""

    content: bytes
    cuts: list[Cut]


def export_file(
    ledger: LedgerVersion, identity: Identity, lang: str = "zh", *, per: str = "problem", fmt: str = "xlsx"
) -> ExportFile:
    """A version as an .xlsx (or with `fmt="csv"` a .csv) file, each row showing its own
    measure's warning. Per "problem" (the default), the ledger as offices keep it, which `check`
    and `import` accept again unchanged; per "task", the 任务清单: one row per measure, its
    problem's cells repeated."""
    identity.require("export")
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"fmt must be one of {EXPORT_FORMATS}, not {fmt!r}")
    frame = _version_frame(ledger, lang, per)
    if fmt == "csv":
        return ExportFile(to_csv(frame), [])
    caption = label("export.as_of", lang, date=ledger.as_of.isoformat())
    return ExportFile(*write_xlsx(frame, f"V{ledger.version.id}", caption, lang))


def export_version(
    ledger: LedgerVersion, identity: Identity, lang: str = "zh", *, per: str = "problem"
) -> bytes:
    """`export_file`'s .xlsx file alone (the history page's download)."""
    return export_file(ledger, identity, lang, per=per).content


def export_cuts(ledger: LedgerVersion, lang: str = "zh", *, per: str = "problem") -> list[Cut]:
    """The texts `export_file`'s .xlsx would cut, without writing it: for the warning a page
    shows beside the download button before anyone presses it."""
    return overlong_cells(_version_frame(ledger, lang, per), lang)


def _version_frame(ledger: LedgerVersion, lang: str, per: str) -> pd.DataFrame:
    return export_frame(ledger.findings, ledger.levels, lang, per=per, measure_levels=ledger.measure_levels)


def read_notice(content: bytes, filename: str, limits: ReadingLimits | None = None) -> ParsedNotice:
    """A notice from a .docx file or from text (UTF-8 or GB18030), parsed into a ledger; with
    `limits`, read in a worker process stopped at them, as `propose` reads a sheet."""
    if limits is not None:
        try:
            return read_in_worker(read_notice, content, filename, limits)
        except ReadingStopped as refusal:
            return ParsedNotice(stopped_check(refusal, filename), title="", unit="", round="")
    try:
        text = docx_text(content) if filename.lower().endswith(".docx") else decode_csv(content)
    except UnreadableFile as refusal:
        return _refused_notice(filename, refusal.key, **refusal.params)
    except Exception:  # python-docx raises several types for a file that is not a .docx
        return _refused_notice(filename, "file.unreadable")
    return parse_notice(text, filename)


def propose_notice(
    store: Store,
    content: bytes,
    filename: str,
    mode: str,
    as_of: date | None = None,
    current: LedgerVersion | None = None,
    limits: ReadingLimits | None = None,
) -> tuple[ParsedNotice, Proposal]:
    """A notice read and compared with the current version. Its findings that are items of the
    current version keep their ids, departments and deadlines (notice_match), so importing a
    notice updates progress instead of replacing items with look-alikes. `as_of`, when given, is
    the date its progress stands at (most notices state none; it decides what is overdue).
    `current`, when the caller holds the current version already, is not read again. `limits`:
    as for `propose`."""
    parsed = read_notice(content, filename, limits)
    if as_of is not None:
        parsed = replace(parsed, check=replace(parsed.check, as_of=as_of))
    latest = store.version()
    if parsed.check.accepted and latest is not None:
        if current is None or current.version.id != latest.id:
            current = load_version(store, latest.id, 0)
        match = match_to_ledger(parsed.check.findings, current.findings)
        parsed = replace(parsed, check=replace(parsed.check, findings=match.findings), matched=match.matched)
    return parsed, proposal_for(store, parsed.check, hashlib.sha256(content).hexdigest(), mode)


def _refused_notice(filename: str, key: str, **params: object) -> ParsedNotice:
    flag = Flag("error", key, params={**params, "file": filename})
    return ParsedNotice(LedgerCheck(file=filename, errors=[flag]), title="", unit="", round="")


def write_notice(ledger: LedgerVersion, *, unit: str = "", round_: str = "") -> Notice:
    """The next notice, composed from a loaded version, signed by `unit` and dated the version's
    as-of date; unit and round left empty come from the ledger."""
    return compose_notice(
        ledger.findings,
        ledger.as_of,
        warning_days=ledger.warning_days,
        unit=unit,
        round_=round_,
        measures=ledger.measures,  # read once with the version, not expanded again
    )


def notice_defaults(ledger: LedgerVersion) -> tuple[str, str]:
    """The unit and round a version's ledger names, to start the notice's boxes with."""
    return ledger_signature(ledger.findings)
