"""What people do with the store, the same from the pages and the command line: open it (the
sample becomes version 1 when it is empty), preview an upload, accept it, restore, export."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date

from .access import ALL_DEPARTMENTS, Identity, outside_scope
from .diff import LedgerDiff, diff_against
from .export import export_frame, to_xlsx
from .fingerprint import row_digests
from .intake import check_file
from .labels import label
from .ledger import Flag, LedgerCheck
from .metrics import warning_levels
from .notices.docx import docx_text
from .notices.match import match_to_ledger
from .notices.parse import ParsedNotice, parse_notice
from .notices.write import Notice, compose_notice, ledger_signature
from .settings import Settings
from .sheets import UnreadableFile, decode_csv
from .store.versions import Store, Version

MODES: tuple[str, ...] = ("merge", "replace")
SAMPLE_AUTHOR = "system"


def open_store(settings: Settings) -> Store:
    """The store at the configured URL, upgraded, with the sample as version 1 if it is empty."""
    store = Store.open(settings.database_url)
    if store.version() is None and settings.sample_ledger.exists():
        content = settings.sample_ledger.read_bytes()
        check = check_file(content, settings.sample_ledger.name)
        if check.accepted:
            store.save(
                check.findings,
                author=SAMPLE_AUTHOR,
                source_file=check.file,
                sha256=hashlib.sha256(content).hexdigest(),
                mode="replace",
                note="sample",
                as_of=check.as_of,
                warning_days=settings.warning_days,
            )
    return store


@dataclass(frozen=True)
class Proposal:
    """An upload read and compared with the current version, not yet saved."""

    check: LedgerCheck
    sha256: str
    mode: str
    diff: LedgerDiff | None  # None when the file was refused
    base_version: int | None
    digests: list[str] | None = None  # row_digests of the findings, computed once for preview and save


def propose(store: Store, content: bytes, filename: str, mode: str) -> Proposal:
    """Read and validate an upload and compare it with the current version. Stores nothing."""
    return proposal_for(store, check_file(content, filename), hashlib.sha256(content).hexdigest(), mode)


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
    diff = diff_against(members, rows, check.findings, mode, digests)
    return Proposal(check, sha256, mode, diff, base, digests)


class Refused(Exception):
    """A write this identity may not make; `key` and `params` give the reason in any language."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key, self.params = key, params

    def message(self, lang: str = "zh") -> str:
        return label(self.key, lang, **self.params)


def check_upload_scope(store: Store, proposal: Proposal, identity: Identity) -> None:
    """Raise Refused unless `identity` may save this upload in its mode, and every item in it
    belongs to one of their departments."""
    if not identity.may(proposal.mode):
        raise Refused("auth.action_refused", role=label(f"role.{identity.role}"))
    if ALL_DEPARTMENTS in identity.departments:
        return
    current = store.version()
    ledger = store.departments(current.id) if current else None
    if ids := outside_scope(identity, ledger, proposal.check.findings):
        departments = "、".join(sorted(identity.departments))
        raise Refused("auth.outside_scope", departments=departments, ids="、".join(ids))


def accept(
    store: Store, proposal: Proposal, identity: Identity, *, note: str = "", warning_days: int = 15
) -> Version | None:
    """Save a previewed upload as a new version; None when it would change nothing. The
    identity's role and departments are checked again here, whoever called. A merge is applied
    to whatever version is current at the moment of saving."""
    if not proposal.check.accepted:
        raise ValueError("a refused file cannot be saved")
    check_upload_scope(store, proposal, identity)
    return store.save(
        proposal.check.findings,
        author=identity.name,
        source_file=proposal.check.file,
        sha256=proposal.sha256,
        mode=proposal.mode,
        note=note,
        as_of=proposal.check.as_of,
        warning_days=warning_days,
        digests=proposal.digests,
    )


def export_version(store: Store, version_id: int, lang: str = "zh", warning_days: int = 15) -> bytes:
    """A version as an .xlsx file that `check` and `import` accept again unchanged."""
    version = store.version(version_id)
    if version is None:
        raise LookupError(version_id)
    findings = store.findings(version_id)
    as_of = version.as_of or date.today()
    levels = warning_levels(findings, as_of, warning_days)
    caption = label("export.as_of", lang, date=as_of.isoformat())
    return to_xlsx(export_frame(findings, levels, lang), f"V{version_id}", caption)


def read_notice(content: bytes, filename: str) -> ParsedNotice:
    """A notice from a .docx file or from text (UTF-8 or GB18030), parsed into a ledger."""
    try:
        text = docx_text(content) if filename.lower().endswith(".docx") else decode_csv(content)
    except UnreadableFile as refusal:
        return _refused_notice(filename, refusal.key)
    except Exception:  # python-docx raises several types for a file that is not a .docx
        return _refused_notice(filename, "file.unreadable")
    return parse_notice(text, filename)


def propose_notice(
    store: Store, content: bytes, filename: str, mode: str, as_of: date | None = None
) -> tuple[ParsedNotice, Proposal]:
    """A notice read and compared with the current version. Its findings that are items of the
    current version keep their ids, departments and deadlines (notice_match), so importing a
    notice updates progress instead of replacing items with look-alikes. `as_of`, when given, is
    the date its progress stands at (most notices state none; it decides what is overdue)."""
    parsed = read_notice(content, filename)
    if as_of is not None:
        parsed = replace(parsed, check=replace(parsed.check, as_of=as_of))
    current = store.version()
    if parsed.check.accepted and current is not None:
        match = match_to_ledger(parsed.check.findings, store.findings(current.id))
        parsed = replace(parsed, check=replace(parsed.check, findings=match.findings), matched=match.matched)
    return parsed, proposal_for(store, parsed.check, hashlib.sha256(content).hexdigest(), mode)


def _refused_notice(filename: str, key: str) -> ParsedNotice:
    flag = Flag("error", key, params={"file": filename})
    return ParsedNotice(LedgerCheck(file=filename, errors=[flag]), title="", unit="", round="")


def write_notice(store: Store, version_id: int | None = None, *, unit: str = "", round_: str = "") -> Notice:
    """The next notice, composed from a version (the current one by default), signed by `unit`
    and dated the version's as-of date; unit and round left empty come from the ledger."""
    version = store.version(version_id)
    if version is None:
        raise LookupError(version_id)
    as_of = version.as_of or date.today()
    return compose_notice(store.findings(version.id), as_of, unit=unit, round_=round_)


def notice_defaults(store: Store, version_id: int) -> tuple[str, str]:
    """The unit and round a version's ledger names, to start the notice's boxes with."""
    return ledger_signature(store.findings(version_id))
