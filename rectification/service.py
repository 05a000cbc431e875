"""The one door for everything people do with the store, the same from the pages and the command
line: open it (the sample becomes version 1 when it is empty), load a version, preview an upload
and accept it, restore a version, verify a closure (销号), change the role table, export, read and
write notices.

Every write takes the acting `Identity` and checks its role, department scope and sign-in mode
here, whoever calls: a page hiding a button is convenience, not security. Every refusal is a
`rectification.errors.Refusal`; nothing else is raised on purpose."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cached_property

import numpy as np
import pandas as pd

from .access import ALL_DEPARTMENTS, SAMPLE_AUTHOR, Identity, changes_outside_scope, outside_scope
from .contacts import checked_contact, contacts_from_rows
from .diff import LedgerDiff, by_measure, diff_against, measure_scope, measures_merged, named_measures
from .errors import (
    BadContacts,
    BadSetting,
    FileRefused,
    NoSuchVersion,
    NotDecidable,
    NotPermitted,
    ReadingStopped,
    Refusal,
    StoreReadOnly,
    SystemFault,
    UnreadableFile,
    Words,
    file_refusal,
)
from .export import EXPORT_FORMATS, Cut, export_frame, export_title, overlong_cells, to_csv, write_xlsx
from .extensions import deadline_moves, held_deadlines, later_open, needs_approval, standing, unapproved
from .fingerprint import row_digests
from .intake import check_file
from .ledger import Flag, LedgerCheck
from .ledger_version import LedgerVersion
from .logs import fault_logged
from .measures import measure_departments, measure_table
from .notices.docx import docx_text
from .notices.match import ledger_after, match_to_ledger
from .notices.parse import ParsedNotice, ledger_disagreements, parse_notice
from .notices.write import Notice, compose_notice, ledger_signature
from .quiet_changes import quiet_changes
from .reading_worker import ReadingLimits, check_in_worker, read_in_worker, stopped_check
from .reminders import (
    Contact,
    Delivery,
    Digest,
    Unreachable,
    addressees,
    compose_digests,
    digest_subject,
    digest_text,
    in_quiet_hours,
    list_link,
    plan_deliveries,
)
from .schema import FIELD_BY_NAME
from .sending import send_with_retries
from .settings import Settings
from .sheets import decode_csv, open_workbook
from .store import chasing, closure, oversight, roles
from .store.closure import Verification
from .store.oversight import Reopening, VersionRecord
from .store.versions import Store, Version


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
                    as_of_source="sheet" if check.as_of else "today",
                    # Every department of the sample reported on its date, as a replacement does.
                    record=oversight.recorded(
                        VersionRecord(
                            reported_by=departments_of(check.findings),
                            reported_on=check.as_of or date.today(),
                        )
                    ),
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
    extensions = oversight.extension_table(store, version.id)
    reopened = oversight.reopened(store, version.id)
    return LedgerVersion.of(
        digest or f"v{version.id}", version, judged(findings, extensions, reopened), warning_days,
        extensions=extensions, reopened=reopened,
    )  # fmt: skip


def judged(findings: pd.DataFrame, extensions: pd.DataFrame, reopened: dict[str, Reopening]) -> pd.DataFrame:
    """A version's findings as every figure counts them: deadlines pushed back without approval
    judged by the deadline that stands (extensions.standing), and problems reopened after
    closure (回头看) counted as under way until they are reported again."""
    out = standing(findings, extensions)
    if reopened:
        at = (out["id"].isin(list(reopened)) & (out["status"] == "done")).to_numpy()
        if at.any():
            out = out.copy() if out is findings else out
            out.loc[at, "status"] = "in_progress"
    return out


@dataclass(frozen=True)
class Proposal:
    """An upload read and compared with the current version, not yet saved."""

    check: LedgerCheck
    sha256: str
    mode: str
    diff: LedgerDiff | None  # None when the file was refused
    base_version: int | None
    digests: list[str] | None = None  # row_digests of the findings, computed once for preview and save
    # The as-of date the new version will have, and how it was decided: "sheet" (its 填报时间),
    # "current" (a merge without one keeps the ledger's), "today" (a replacement without one),
    # "restored" (a restore keeps the version's).
    as_of: date | None = None
    as_of_source: str = "today"
    # The current version's rows this upload changes or drops, and the rows that change or add
    # them: what deadline moves and quiet changes are found in.
    before: pd.DataFrame | None = None
    after: pd.DataFrame | None = None
    previous_as_of: date | None = None
    earlier_ids: frozenset[str] = frozenset()  # added ids some older version held (returning)
    restoring: int | None = None  # the version a restore brings back

    @cached_property
    def moves(self) -> pd.DataFrame:
        """The measures whose deadline this upload moves (extensions.deadline_moves)."""
        if self.before is None or self.after is None:
            return deadline_moves(pd.DataFrame(), pd.DataFrame())
        return deadline_moves(self.before, self.after)

    def extensions_for(self, identity: Identity) -> pd.DataFrame:
        """The moves that would wait for approval if `identity` saved this upload."""
        moves = self.moves
        return moves[needs_approval(moves, identity.may("extend"))]

    def quiet_for(self, identity: Identity, original: dict | None = None) -> pd.DataFrame:
        """What this upload would change quietly (quiet_changes) if `identity` saved it: a
        deadline move it may make without approval is not one."""
        if self.before is None or self.after is None:
            return quiet_changes(pd.DataFrame(), pd.DataFrame(), mode=self.mode, previous_as_of=None)
        before, after, moves = self.before, self.after, self.moves
        quiet = unapproved(moves, identity.may("extend"))
        approved = frozenset(zip(moves.loc[~quiet, "id"], moves.loc[~quiet, "measure"], strict=True))
        return quiet_changes(
            before, after, mode=self.mode, previous_as_of=self.previous_as_of,
            earlier_ids=self.earlier_ids, approved=approved, original_deadlines=original,
        )  # fmt: skip


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
    as_of, source = proposed_as_of(check, mode, current)
    if not check.accepted:
        return Proposal(check, sha256, mode, None, base, as_of=as_of, as_of_source=source)
    digests = row_digests(check.findings)
    if current is None:
        diff = diff_against([], None, check.findings, mode)
        return Proposal(check, sha256, mode, diff, base, digests, as_of=as_of, as_of_source=source)
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
    touched = set(diff.changed_ids) | set(diff.added["id"])
    added = diff.added["id"].tolist()
    return Proposal(
        check, sha256, mode, diff, base, digests, as_of=as_of, as_of_source=source,
        before=rows, after=upload[upload["id"].isin(touched).to_numpy()], previous_as_of=current.as_of,
        earlier_ids=frozenset(store.ids_seen(added, current.id)) if added else frozenset(),
    )  # fmt: skip


def proposed_as_of(check: LedgerCheck, mode: str, current: Version | None) -> tuple[date | None, str]:
    """The as-of date a new version from this sheet would have, and how it was decided: the
    sheet's own 填报时间/截至 when it states one; a merge without one keeps the ledger's (one
    department's sheet does not move the whole ledger's date); otherwise today. The person
    saving sees it in the preview and may set another."""
    if check.as_of is not None:
        return check.as_of, "sheet"
    if mode == "merge" and current is not None and current.as_of is not None:
        return current.as_of, "current"
    if mode == "restore" and current is not None:
        return current.as_of, "restored"
    return date.today(), "today"


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


def accept(
    store: Store,
    proposal: Proposal,
    identity: Identity,
    *,
    note: str = "",
    as_of: date | None = None,
    reason: str = "",
) -> Version | None:
    """Save a previewed upload as a new version; None when it would change nothing. The
    identity's role and departments are checked again here, whoever called. A merge is applied
    to whatever version is current at the moment of saving, and what goes with it (who reported,
    deadline moves, quiet changes) is found again against that version when another was saved
    since the preview.

    `as_of` sets the new version's as-of date (else the preview's, `proposed_as_of`). `reason`
    is the reason for the deadlines it pushes back (延期理由): required when the upload pushes back
    an open measure's deadline, and recorded with each move."""
    if not proposal.check.accepted:
        raise FileRefused("upload.refused")
    check_upload_scope(store, proposal, identity)
    current = store.version()
    if (current.id if current else None) != proposal.base_version:
        proposal = proposal_for(store, proposal.check, proposal.sha256, proposal.mode)
    moves = proposal.moves
    waiting = needs_approval(moves, identity.may("extend"))
    extended = later_open(moves)
    if proposal.mode == "merge" and extended.any() and not reason.strip():
        raise NotDecidable("extension.reason_needed", count=int(extended.sum()))
    recorded = oversight.extension_table(store)  # the extensions so far, read once for this save
    day, source = proposal.as_of, proposal.as_of_source
    if as_of and as_of != proposal.as_of:
        day, source = as_of, "set"
    record = VersionRecord(
        reported_by=() if proposal.mode == "restore" else departments_of(proposal.check.findings),
        # A department's rows are reported on the sheet's date when it states one, else the day
        # they came in (the ledger's own as-of date is kept for a merge: that is another thing).
        reported_on=day if source in ("sheet", "set") else date.today(),
        moves=moves,
        needs_approval=tuple(bool(n) for n in waiting),
        approved_by=identity.name if identity.may("extend") else "",
        requested_by=identity.name,
        reason=reason.strip(),
        quiet=proposal.quiet_for(
            identity, _standing_deadlines(recorded, moves, unapproved(moves, identity.may("extend")))
        ),
    )
    findings = proposal.check.findings
    return store.save(
        findings,
        author=identity.name,
        source_file=proposal.check.file,
        sha256=proposal.sha256,
        mode=proposal.mode,
        note=note,
        as_of=day,
        digests=proposal.digests,
        as_of_source=source,
        record=oversight.recorded(record),
        counted=_counted_by_standing_deadlines(recorded, moves, waiting, identity),
    )


def _counted_by_standing_deadlines(
    recorded_before: pd.DataFrame, moves: pd.DataFrame, waiting: np.ndarray, identity: Identity
) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """The new version's rows as its stored overdue count judges them: by the deadlines that
    stand, the extensions recorded before and this upload's moves (pending where they wait)."""
    approved = "approved" if identity.may("extend") else "recorded"
    now = moves.assign(state=["pending" if w else (approved if later else "recorded")
                              for w, later in zip(waiting, moves["later"], strict=True)])  # fmt: skip
    columns = ["id", "measure", "state", "old_deadline", "old_term", "new_deadline", "new_term"]
    every = pd.concat([recorded_before[columns], now[columns]], ignore_index=True)
    return lambda rows: standing(rows, every)


def departments_of(findings: pd.DataFrame) -> tuple[str, ...]:
    """The departments that report in an upload: each leading one of its rows or measures (a
    replacement: every department of the ledger it becomes)."""
    return tuple(dict.fromkeys((*findings["department"], *measure_departments(findings))))


def _standing_deadlines(
    recorded_before: pd.DataFrame, moves: pd.DataFrame, waiting: np.ndarray
) -> dict[tuple[str, str], date]:
    """The deadline a completion is judged late by, where it is not the sheet's: the old one of
    each move waiting for approval (in this upload, or recorded before and still held)."""
    standing_before = held_deadlines(recorded_before)
    asked = moves[waiting]
    now = {
        (pid, mid): old
        for pid, mid, old in zip(asked["id"], asked["measure"], asked["old_deadline"], strict=True)
        if old is not None
    }
    return standing_before | now


def propose_restore(store: Store, version_id: int) -> Proposal:
    """Restoring `version_id`, previewed as an upload is: what it would change against the
    current version, to be saved only on confirmation (`accept`)."""
    old = store.version(version_id)
    if old is None:
        raise NoSuchVersion("cli.no_version", version=version_id)
    findings = store.findings(version_id)
    check = LedgerCheck(file=old.source_file, findings=findings, as_of=old.as_of)
    proposal = proposal_for(store, check, old.sha256, "restore")
    return replace(proposal, as_of=old.as_of, as_of_source="restored", restoring=version_id)


def restore(store: Store, version_id: int, identity: Identity, *, reason: str = "") -> Version | None:
    """A new version equal to `version_id`; None when that is already the current one. The same
    checks and records as any upload (`propose_restore`, then `accept`)."""
    identity.require("restore")
    proposal = propose_restore(store, version_id)
    return accept(store, proposal, identity, note=f"restore:{version_id}", reason=reason)


def verify(store: Store, finding_id: str, identity: Identity, *, note: str, evidence: str) -> Verification:
    """Record that `identity` verified the finding's closure (销号) as it stands now."""
    identity.require("verify")
    return closure.verify(store, finding_id, by=identity.name, note=note, evidence=evidence)


def decide_extension(
    store: Store, extension_id: int, decision: str, identity: Identity, *, note: str = ""
) -> None:
    """Approve or reject a pending deadline extension (延期申请), with a note. Until approved, the
    deadline before the move stands for warnings and overdue; a refusal keeps it so."""
    identity.require("extend")
    oversight.decide_extension(store, extension_id, decision, by=identity.name, note=note.strip())


def reopen(store: Store, finding_id: str, identity: Identity, *, reason: str) -> Reopening:
    """Reopen a verified-closed problem (回头看, 问题反弹) with a reason: it counts as under way
    until it is reported again and verified again."""
    identity.require("reopen")
    current = store.version()
    is_closed = False
    if current is not None:
        state = closure.verification_states(store, current.id).get(finding_id)
        is_closed = bool(state and state.valid) and finding_id not in oversight.reopened(store, current.id)
    return oversight.reopen(store, finding_id, by=identity.name, reason=reason, verified=is_closed)


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
    caption = export_title(ledger.findings["unit"], ledger.as_of, lang)
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
        after = ledger_after(match.findings, current.findings, mode)
        # What the notice states against the version its import would save, not only its items.
        said = ledger_disagreements(parsed.claims, after)
        checked = replace(parsed.check, findings=match.findings, warnings=[*parsed.check.warnings, *said])
        parsed = replace(parsed, check=checked, matched=match.matched)
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


def reminder_digests(
    store: Store, identity: Identity, settings: Settings, department: str | None = None
) -> tuple[LedgerVersion, list[Digest]]:
    """Today's digests (issue 16): one per department of the current version's red and yellow
    tasks, addressed up the chain by `settings.remind_escalation`. They name the ledger's
    content, so only those who may export it (inspectors, admins) may compose them."""
    identity.require("export")
    latest = store.version()
    if latest is None:
        raise NoSuchVersion("cli.no_version", version="-")
    ledger = load_version(store, latest.id, settings.warning_days)
    digests = compose_digests(
        ledger.measures, ledger.measure_levels, ledger.as_of, settings.remind_escalation, department
    )
    return ledger, digests


# -- chasing (催办, issue 16) --------------------------------------------------------------------
def contact_list(store: Store, identity: Identity) -> list[Contact]:
    """The departments' contacts. They hold addresses and robot secrets: admins only."""
    identity.require("manage_users")
    return list(chasing.contacts(store).values())


def set_contacts(
    store: Store, entered: list[Contact], identity: Identity, *, keep: bool = False
) -> list[Contact]:
    """Enter or replace contacts (each checked; all or none). With `keep`, a field left blank
    keeps the contact's current value (changing an e-mail must not drop the robot, whose address
    the pages never show whole). Admins only."""
    identity.require("manage_users")
    if keep:
        current = chasing.contacts(store)
        entered = [_kept(c, current.get((c.department.strip(), c.role))) for c in entered]
    checked = [checked_contact(contact) for contact in entered]
    chasing.set_contacts(store, checked, by=identity.name)
    return checked


def _kept(entered: Contact, current: Contact | None) -> Contact:
    if current is None:
        return entered
    fields = ("name", "email", "robot", "webhook")
    kept = replace(entered, **{f: getattr(entered, f) or getattr(current, f) for f in fields})
    # A secret belongs to its robot: a new webhook without one is not signed with the old one's.
    same_robot = not entered.webhook.strip() or entered.webhook.strip() == current.webhook
    return replace(kept, secret=entered.secret or (current.secret if same_robot else ""))


def import_contacts(store: Store, content: bytes, filename: str, identity: Identity) -> list[Contact]:
    """The contacts of a sheet (its first sheet), entered all at once, or BadContacts naming every
    bad cell and nothing changed. Admins only."""
    identity.require("manage_users")
    try:
        workbook = open_workbook(content, filename)
        grid = workbook.load(workbook.sheet_names[0], None)
    except UnreadableFile as refusal:
        reason = Words(refusal.key, **refusal.params)
        raise BadContacts("contacts.unreadable", file=filename, reason=reason) from None
    found = contacts_from_rows(grid.rows, filename, grid.sheet)
    chasing.set_contacts(store, found, by=identity.name)
    return found


def unmatched_departments(store: Store, entered: list[Contact]) -> list[str]:
    """The departments of `entered` that no digest of the current version would be addressed to
    (a name spelt otherwise than in the ledger): said when contacts are entered, since they
    would never be used."""
    latest = store.version()
    if latest is None:
        return []
    known = set(addressees(measure_table(store.findings(latest.id))))
    return [name for name in dict.fromkeys(c.department for c in entered) if name not in known]


def remove_contact(store: Store, department: str, role: str, identity: Identity) -> bool:
    identity.require("manage_users")
    return chasing.remove_contact(store, department, role, by=identity.name)


ROBOT_SPACING_SECONDS = 3.5  # between two posts to one robot in a run


@dataclass(frozen=True)
class ChaseRun:
    """Today's reminders: the digests, each copy planned, those no contact can receive, and how
    each copy went (none when `dry_run`, in the quiet hours, or with no channel on)."""

    ledger: LedgerVersion
    day: date
    channels: tuple[str, ...]
    quiet: bool
    digests: list[Digest]
    planned: list[Delivery]
    unreachable: list[Unreachable]
    outcomes: list[chasing.Outcome]

    @property
    def failed(self) -> list[chasing.Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]


def chase(
    store: Store,
    identity: Identity,
    settings: Settings,
    *,
    now: datetime,
    department: str | None = None,
    dry_run: bool = True,
    pause: Callable[[float], None] = time.sleep,
) -> ChaseRun:
    """Compose today's digests and, unless `dry_run`, send each planned copy that has not gone
    today, recording each as sent or failed (a failure does not stop the others). Previewing
    needs what export needs; sending is a write (inspectors, admins), refused otherwise."""
    identity.require("export" if dry_run else "remind")
    ledger, digests = reminder_digests(store, identity, settings, department)
    planned, unreachable = plan_deliveries(digests, chasing.contacts(store), settings.remind_channels)
    quiet = in_quiet_hours(settings.remind_quiet_hours, now.time())
    run = ChaseRun(ledger, now.date(), settings.remind_channels, quiet, digests, planned, unreachable, [])
    if dry_run or quiet or not planned:
        return run
    _mail_configured(settings)
    done = chasing.sent_today(store, run.day)
    posted: set[str] = set()  # robots posted to in this run
    for delivery in planned:
        # Claimed before it is sent: another run at the same moment skips it rather than send it too.
        if delivery.key(run.day) in done or not chasing.claim(store, delivery, run.day):
            run.outcomes.append(chasing.Outcome(delivery, "skipped"))
            continue
        subject = digest_subject(delivery.digest, ledger.as_of)
        link = list_link(settings.public_url, delivery.digest)
        text = digest_text(delivery.digest, ledger.as_of, link=link)
        if delivery.channel == "robot":
            if delivery.recipient in posted:
                # DingTalk and WeCom take about 20 messages a minute from one robot: a group shared
                # by many departments would refuse the later ones.
                pause(ROBOT_SPACING_SECONDS)
            posted.add(delivery.recipient)
        try:
            attempts, failure = send_with_retries(delivery, subject, text, settings, pause)
        except BaseException:  # stopped while sending (Ctrl-C, the timer's kill): give the claim back
            chasing.release(store, delivery, run.day)
            raise
        if failure is None:
            outcome = chasing.Outcome(delivery, "sent", attempts)
        else:
            outcome = chasing.Outcome(delivery, "failed", attempts, failure.detail, failure.kind)
            chasing.release(store, delivery, run.day)
        chasing.record_outcome(store, outcome, day=run.day, version_id=ledger.version.id, by=identity.name)
        run.outcomes.append(outcome)
    return run


def _mail_configured(settings: Settings) -> None:
    if "mail" not in settings.remind_channels:
        return
    if not (settings.smtp_host and settings.smtp_sender):
        raise BadSetting("remind.mail_unset")
    # Without TLS a password and the ledger's words would cross the network in the clear.
    if settings.smtp_security == "none" and settings.smtp_host not in ("127.0.0.1", "localhost", "::1"):
        raise BadSetting("remind.mail_plain", host=settings.smtp_host)


def reminder_record(
    store: Store, identity: Identity, since: date | None = None, problem: str | None = None
) -> pd.DataFrame:
    """Every reminder sent or failed (since a day; or those that may name `problem`, to be
    matched exactly by the caller), newest first: for those who may see the ledger."""
    identity.require("view")
    return chasing.reminder_log(store, since, problem)
