"""The command line: python -m rectification check|template|settings|import|… (also `rectification`).

Exit codes: 0 accepted (or done), 1 refused, 2 usage error. No traceback ever reaches the user:
every refusal is a `Refusal`, caught once in `main`, which prints its one sentence to stderr; a
fault of the machine (a read-only store, a full disk, a database that cannot be reached) is one
too, and its cause goes to the log file (`logs`). A bug's traceback goes to the log as well, and
the sentence names that file: it blames neither the person nor their file, and never echoes the
command line, which may hold a password.

Each subcommand names its `run` function with `set_defaults`; a run function imports what it
needs, so `check` never loads SQLAlchemy, python-docx or plotly.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from .access import CHAIN as CHAIN_ROLES
from .access import MODES, ROLES, normalise_identity
from .errors import NotPermitted, Refusal, UsageError, Words, file_refusal
from .labels import DEFAULT_LANG, LANGS, label, listed
from .logs import bug_logged, configure_command_line, fault_logged
from .robots import ROBOTS as ROBOT_KINDS
from .settings import load_settings

if TYPE_CHECKING:
    from .access import Identity
    from .ledger import LedgerCheck
    from .settings import Settings
    from .store import Store


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError("cli.usage_error", detail=message)


def _language(argv: list[str]) -> str:
    """The --lang asked for, read before parsing so that help and usage errors use it too."""
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1] if arg.split("=", 1)[1] in LANGS else DEFAULT_LANG
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
    return DEFAULT_LANG


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang = _language(argv)
    command = "check"
    # The screen gets one sentence; causes and tracebacks go to the log file, never to stderr.
    log_file = configure_command_line()
    try:
        args = build_parser(lang).parse_args(argv)
        command = args.command
        return args.run(args, lang)
    except Refusal as refusal:
        fault_logged(refusal, f"the {command} command")  # a fault of the machine, with its cause
        print(refusal.message(lang), file=sys.stderr)
        return refusal.exit_code
    except BrokenPipeError:
        # The reader went away (`… | head`): not a fault of ours. Python would complain again
        # when it flushes stdout at exit, so stdout now goes nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:  # Ctrl-C: a save not finished is a transaction not committed
        print(label("cli.interrupted", lang, command=command), file=sys.stderr)
        return 130
    except Exception:
        # A bug. Its traceback goes to the log (masked), not the screen; the message neither
        # blames the person's file nor echoes the command line (which may hold a password).
        logged = bug_logged(command, log_file)
        if logged is None:
            print(label("cli.bug_unlogged", lang, command=command, reason=log_file.failure), file=sys.stderr)
        else:
            print(label("cli.bug", lang, command=command, log=logged), file=sys.stderr)
        return 1


def build_parser(lang: str) -> argparse.ArgumentParser:
    def t(key: str) -> str:
        return label(key, lang)

    parser = _Parser(prog="rectification", description=t("cli.help.program"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, run: Callable[..., int], under: argparse._SubParsersAction = commands, help_key: str = ""
    ) -> argparse.ArgumentParser:
        help_text = t(help_key or f"cli.help.{name}")
        sub = under.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help=t("cli.help.lang"))
        sub.set_defaults(run=run)
        return sub

    def store_command(
        name: str, run: Callable[..., int], under: argparse._SubParsersAction = commands, help_key: str = ""
    ) -> argparse.ArgumentParser:
        sub = command(name, _with_store(run), under, help_key)
        sub.add_argument("--db", metavar="URL", help=t("cli.help.db"))
        sub.add_argument("--user", metavar="NAME", help=t("cli.help.user"))
        return sub

    check = command("check", run_check)
    check.add_argument("file", metavar="FILE", type=Path, help=t("cli.help.file"))
    check.add_argument("--json", action="store_true", help=t("cli.help.json"))
    check.add_argument("--as-of", metavar="DATE", help=t("cli.help.as_of"))

    template = command("template", run_template)
    template.add_argument(
        "-o", "--output", metavar="FILE.xlsx", type=Path, required=True, help=t("cli.help.output")
    )
    command("settings", run_settings)
    upgrade = command("upgrade", run_upgrade)
    upgrade.add_argument("--db", metavar="URL", help=t("cli.help.db"))

    imported = store_command("import", run_import)
    imported.add_argument("file", metavar="FILE", type=Path, help=t("cli.help.file"))
    imported.add_argument("--mode", choices=MODES, default="merge", help=t("cli.help.mode"))
    imported.add_argument("--note", default="", help=t("cli.help.note"))
    imported.add_argument("--as-of", metavar="DATE", help=t("cli.help.import_as_of"))
    imported.add_argument("--reason", default="", help=t("cli.help.reason"))
    store_command("versions", run_versions).add_argument(
        "--json", action="store_true", help=t("cli.help.json")
    )
    restored = store_command("restore", run_restore)
    restored.add_argument("version", metavar="VERSION", type=int, help=t("cli.help.version"))
    restored.add_argument("--dry-run", action="store_true", help=t("cli.help.dry_run"))
    changes = store_command("changes", run_changes)
    changes.add_argument("version", metavar="VERSION", type=int, nargs="?", help=t("cli.help.version"))
    changes.add_argument("--json", action="store_true", help=t("cli.help.json"))
    remind = store_command("remind", run_remind)
    remind.add_argument("--dry-run", action="store_true", help=t("cli.help.remind_dry_run"))
    remind.add_argument("--department", metavar="DEPARTMENT", help=t("cli.help.remind_department"))
    remind.add_argument("--json", action="store_true", help=t("cli.help.json"))
    remind.add_argument("--docx", metavar="FOLDER", type=Path, help=t("cli.help.remind_docx"))
    remind.add_argument("--unit", metavar="UNIT", default="", help=t("cli.help.remind_unit"))
    reopened = store_command("reopen", run_reopen)
    reopened.add_argument("item", metavar="ID", help=t("cli.help.item"))
    reopened.add_argument("--reason", required=True, help=t("cli.help.reopen_reason"))
    verified = store_command("verify", run_verify)
    verified.add_argument("item", metavar="ID", help=t("cli.help.item"))
    verified.add_argument("--evidence", default="", help=t("closure.evidence"))
    verified.add_argument("--note", default="", help=t("closure.note"))
    exported = store_command("export", run_export)
    exported.add_argument("--version", metavar="V", type=int, help=t("cli.help.version"))
    exported.add_argument(
        "-o", "--output", metavar="FILE.xlsx|FILE.csv", type=_export_path, required=True,
        help=t("cli.help.export_output"),
    )  # fmt: skip
    exported.add_argument("--tasks", action="store_true", help=t("cli.help.tasks"))

    notice = commands.add_parser("notice", help=t("cli.help.notice"), description=t("cli.help.notice"))
    notice_commands = notice.add_subparsers(dest="notice_command", required=True, metavar="parse|write")
    parse = command("parse", run_notice_parse, notice_commands, "cli.help.notice_parse")
    parse.add_argument("file", metavar="FILE", type=Path, help=t("cli.help.notice_file"))
    parse.add_argument("-o", "--output", metavar="LEDGER.xlsx", type=Path, help=t("cli.help.notice_ledger"))
    parse.add_argument("--json", action="store_true", help=t("cli.help.json"))
    write = store_command("write", run_notice_write, notice_commands, "cli.help.notice_write")
    write.add_argument("--version", metavar="V", type=int, help=t("cli.help.version"))
    write.add_argument("-o", "--output", metavar="FILE.docx|FILE.md", type=Path, required=True)
    write.add_argument("--unit", metavar="UNIT", default="", help=t("cli.help.notice_unit"))
    write.add_argument("--round", metavar="ROUND", default="", help=t("cli.help.notice_round"))

    extensions = commands.add_parser(
        "extensions", help=t("cli.help.extensions"), description=t("cli.help.extensions")
    )
    extension_commands = extensions.add_subparsers(
        dest="extensions_command", required=True, metavar="list|approve|reject"
    )
    listed = store_command("list", run_extensions_list, extension_commands, "cli.help.extensions_list")
    listed.add_argument("--all", action="store_true", help=t("cli.help.extensions_all"))
    listed.add_argument("--json", action="store_true", help=t("cli.help.json"))
    helps = {"approve": "cli.help.extensions_approve", "reject": "cli.help.extensions_reject"}
    for decision, help_key in helps.items():
        decided = store_command(decision, run_extension_decision, extension_commands, help_key)
        decided.add_argument("extension", metavar="N", type=int, help=t("cli.help.extension"))
        decided.add_argument("--note", default="", help=t("cli.help.extension_note"))
        decided.set_defaults(decision="approved" if decision == "approve" else "rejected")

    help_text = t("cli.help.contacts")
    contacts = commands.add_parser("contacts", help=help_text, description=help_text)
    contact_commands = contacts.add_subparsers(
        dest="contacts_command", required=True, metavar="list|set|remove|import"
    )
    listed = store_command("list", run_contacts_list, contact_commands, "cli.help.contacts_list")
    listed.add_argument("--json", action="store_true", help=t("cli.help.json"))
    entered = store_command("set", run_contacts_set, contact_commands, "cli.help.contacts_set")
    entered.add_argument("department", metavar="DEPARTMENT")
    entered.add_argument("--role", choices=CHAIN_ROLES, required=True, help=t("cli.help.contact_role"))
    entered.add_argument("--name", default="", help=t("cli.help.contact_name"))
    entered.add_argument("--email", default="", help=t("cli.help.contact_email"))
    entered.add_argument("--robot", choices=ROBOT_KINDS, default="", help=t("cli.help.contact_robot"))
    entered.add_argument("--webhook", default="", metavar="URL", help=t("cli.help.contact_webhook"))
    entered.add_argument("--secret", default="", help=t("cli.help.contact_secret"))
    gone = store_command("remove", run_contacts_remove, contact_commands, "cli.help.contacts_remove")
    gone.add_argument("department", metavar="DEPARTMENT")
    gone.add_argument("--role", choices=CHAIN_ROLES, required=True, help=t("cli.help.contact_role"))
    imported = store_command("import", run_contacts_import, contact_commands, "cli.help.contacts_import")
    imported.add_argument("file", metavar="FILE", type=Path, help=t("cli.help.contacts_file"))

    users = commands.add_parser("users", help=t("cli.help.users"), description=t("cli.help.users"))
    users_commands = users.add_subparsers(dest="users_command", required=True, metavar="add|list|remove")
    added = store_command("add", run_users_add, users_commands, "cli.help.users_add")
    added.add_argument("identity", metavar="EMAIL_OR_NAME")
    added.add_argument("--role", choices=ROLES, required=True, help=t("cli.help.role"))
    added.add_argument("--department", action="append", metavar="DEPT", help=t("cli.help.department"))
    listed = store_command("list", run_users_list, users_commands, "cli.help.users_list")
    listed.add_argument("--json", action="store_true", help=t("cli.help.json"))
    removed = store_command("remove", run_users_remove, users_commands, "cli.help.users_remove")
    removed.add_argument("identity", metavar="EMAIL_OR_NAME")
    return parser


# -- commands without the store --------------------------------------------------------------
def run_check(args: argparse.Namespace, lang: str) -> int:
    from .check_report import check_report, report_text
    from .dates import parse_date
    from .intake import check_path

    as_of_given = None
    if args.as_of is not None:
        as_of_given = parse_date(args.as_of).date
        if as_of_given is None:
            raise UsageError("cli.usage_error", detail=Words("cli.bad_as_of", value=args.as_of))
    warning_days = load_settings().warning_days
    check = _over_upload_limit(args.file) or check_path(args.file)
    report = check_report(check, as_of_given or check.as_of or date.today(), lang, warning_days)
    _print_report(report, args.json, lang, report_text)
    return 0 if check.accepted else 1


def run_template(args: argparse.Namespace, lang: str) -> int:
    from .template import write_template  # openpyxl is only needed for this command

    _write(args.output, lambda path: write_template(path))
    print(label("cli.template_written", lang, file=args.output))
    return 0


def run_settings(args: argparse.Namespace, lang: str) -> int:
    from .settings import describe_settings

    for setting in describe_settings(lang):
        print(f"{setting['env']}={setting['default']}\n    {setting['help']} ({setting['accepts']})")
    return 0


def run_upgrade(args: argparse.Namespace, lang: str) -> int:
    from .store import Store

    store = Store.open(_settings(args).database_url)  # opening upgrades, under the writer lock
    store.engine.dispose()
    print(label("cli.upgraded", lang))
    return 0


def run_notice_parse(args: argparse.Namespace, lang: str) -> int:
    from .check_report import check_report, report_text
    from .export import export_frame, to_xlsx
    from .metrics import warning_levels
    from .service import read_notice

    parsed = read_notice(_read(args.file), args.file.name)
    check = parsed.check
    as_of = check.as_of or date.today()
    warning_days = load_settings().warning_days
    report = check_report(check, as_of, lang, warning_days)
    # DESIGN.md §5 and issue 15: the figures the notice states of itself (aspects, total, done,
    # in_progress, partial, pending, rate, tasks_total, tasks_done, as_of), each only where
    # stated; `summary.tasks` counts the measures it lists.
    report["claims"] = {name: claim.value for name, claim in parsed.claims.items()}
    _print_report(report, args.json, lang, report_text)
    if check.accepted and args.output is not None:
        levels = warning_levels(check.findings, as_of, warning_days)
        content = to_xlsx(export_frame(check.findings, levels, lang), "整改台账", lang=lang)
        _write(args.output, lambda path: path.write_bytes(content))
    return 0 if check.accepted else 1


# -- commands on the store -------------------------------------------------------------------
def _with_store(run: Callable[[Store, Identity, argparse.Namespace, str], int]) -> Callable[..., int]:
    """Open the store, decide who runs the command, and pass both on. Whether that identity may
    do what the command does is the service layer's decision, not this one's."""

    def opened(args: argparse.Namespace, lang: str) -> int:
        from .service import open_store

        settings = _settings(args)
        store = open_store(settings)
        try:
            identity = command_line_identity(store, settings, args)
            identity.require("view")
            return run(store, identity, args, lang)
        finally:
            store.engine.dispose()

    return opened


def command_line_identity(store: Store, settings: Settings, args: argparse.Namespace) -> Identity:
    """Who runs a store command: the name its changes are recorded under, and the role checked.

    The command line is an operator's tool. Whoever holds the database URL can change anything in
    the store, with this program or without it, so --user is not proof of who typed the command:
    it is the name the audit trail records (versions' author, the role table's 设置人). It is
    --user, else RECTIFICATION_USER, else the login name, in the role table's one form
    (`access.normalise_identity`: " ADMIN@EXAMPLE.ORG" is admin@example.org). In local mode that
    person is admin. With sign-in configured the name must be in the role table, and its role
    applies as in the app (an operator acting for a department stays within it). While the table
    names no admin, `users` commands run as the admin setting it up, or nobody could become one."""
    from .access import ALL_DEPARTMENTS, Identity
    from .store.roles import lookup, members

    everything = frozenset({ALL_DEPARTMENTS})
    name = normalise_identity(args.user or settings.local_user)
    if settings.auth_mode == "local":
        return Identity(name, "admin", everything, "local")
    if (found := lookup(store, name, "command line")) is not None:
        return found
    if args.command == "users" and not any(member.role == "admin" for member in members(store)):
        return Identity(name, "admin", everything, "setup")
    raise NotPermitted("cli.not_in_role_table", identity=name, mode=settings.auth_mode)


def run_import(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .check_report import check_report, report_text
    from .service import accept, propose

    refused = _over_upload_limit(args.file)
    proposal = None if refused else propose(store, _read(args.file), args.file.name, args.mode)
    if refused or not proposal.check.accepted:
        check = refused or proposal.check
        as_of = check.as_of or date.today()
        print(report_text(check_report(check, as_of, lang, load_settings().warning_days), lang))
        return 1
    as_of = _as_of_argument(args.as_of) if args.as_of else None
    saved = accept(store, proposal, identity, note=args.note, as_of=as_of, reason=args.reason)
    diff = proposal.diff
    if saved is None:
        print(label("cli.unchanged", lang))
        return 0
    print(
        label(
            "cli.imported", lang, version=saved.id, added=len(diff.added), changed=len(diff.changed_ids),
            unchanged=diff.unchanged, missing=len(diff.missing), total=saved.total,
        )
    )  # fmt: skip
    day = saved.as_of.isoformat() if saved.as_of else "-"
    print(label(f"cli.as_of.{saved.as_of_source or 'today'}", lang, date=day))
    if len(waiting := proposal.extensions_for(identity)):
        print(label("cli.extensions_requested", lang, count=len(waiting)))
    return 0


def run_versions(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    rows = [
        {
            "version": v.id,
            "created_at": v.created_at.isoformat(timespec="seconds"),
            "author": v.author,
            "file": v.source_file,
            "sha256": v.sha256,
            "mode": v.mode,
            "note": v.note,
            "as_of": v.as_of.isoformat() if v.as_of else None,
            "as_of_source": v.as_of_source,
            "total": v.total,
            **v.counts,
            "overdue": v.overdue,
            "completion_rate": v.completion_rate,
        }
        for v in store.versions()
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        rate = "-" if row["completion_rate"] is None else f"{row['completion_rate']:.1%}"
        print(label("cli.version_line", lang, **{**row, "rate": rate, "as_of": row["as_of"] or "-"}))
    return 0


def run_restore(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .service import accept, propose_restore

    identity.require("restore")
    proposal = propose_restore(store, args.version)
    diff = proposal.diff
    print(
        label(
            "cli.restore_preview", lang, version=args.version, added=len(diff.added),
            changed=len(diff.changed_ids), missing=len(diff.missing),
        )
    )  # fmt: skip
    if args.dry_run:
        return 0
    saved = accept(store, proposal, identity, note=f"restore:{args.version}")
    print(
        label("cli.restored", lang, version=args.version, new=saved.id)
        if saved
        else label("cli.unchanged", lang)
    )
    return 0


def run_remind(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    """Today's digests, one per department, sent by the configured channels unless --dry-run (or
    none is configured, or it is the quiet hours: each said). Each copy's outcome is printed and on
    record; the exit status is 1 when any failed, so a timer's log shows it."""
    from datetime import datetime

    from .display import failure_words
    from .reminders import digest_text
    from .service import chase

    settings = _settings(args)
    now = datetime.now()  # the server's local time: quiet hours and "today" are the office's
    run = chase(store, identity, settings, now=now, department=args.department, dry_run=args.dry_run)
    as_of = run.ledger.as_of
    if args.json:
        print(json.dumps(_run_as_json(run), ensure_ascii=False))
        return 1 if run.failed else 0
    if not run.channels:
        print(label("cli.remind_not_sent", lang, count=len(run.digests)))
    elif run.quiet and not args.dry_run:
        print(label("cli.remind_quiet", lang, count=len(run.digests)))
    elif args.dry_run:
        print(label("cli.remind_dry_run", lang, count=len(run.digests), copies=len(run.planned)))
    for delivery in run.planned if args.dry_run or run.quiet else []:
        print(label("cli.remind_would_send", lang, **_copy_words(delivery, lang)))
    for outcome in run.outcomes:
        error = failure_words(outcome.kind, outcome.error, lang)
        words = {**_copy_words(outcome.delivery, lang), "attempts": outcome.attempts, "error": error}
        print(label(f"cli.remind_{outcome.status}", lang, **words))
    for missing in run.unreachable:
        role = label(f"remind.role.{missing.role}", lang)
        print(label("cli.remind_unreachable", lang, department=missing.digest.department, role=role))
    if run.outcomes:
        sent = sum(o.status == "sent" for o in run.outcomes)
        skipped = sum(o.status == "skipped" for o in run.outcomes)
        print(label("cli.remind_summary", lang, sent=sent, failed=len(run.failed), skipped=skipped))
    if not run.outcomes or args.dry_run:
        for digest in run.digests:
            print()
            print(digest_text(digest, as_of, lang))
    if args.docx is not None:  # the 督办通知单 on paper, one per department with overdue tasks
        _supervision_notices(run.digests, as_of, args, lang)
    return 1 if run.failed else 0


def _copy_words(delivery: object, lang: str) -> dict[str, str]:
    from .sending import shown_recipient

    return {
        "department": delivery.digest.department,
        "role": label(f"remind.role.{delivery.role}", lang),
        "channel": label(f"remind.channel.{delivery.channel}", lang),
        "recipient": shown_recipient(delivery.channel, delivery.recipient),
    }


def _run_as_json(run: object) -> dict[str, object]:
    from .sending import shown_recipient

    def items(digest: object) -> list[dict[str, object]]:
        return [
            {"id": i.measure_id, "problem_id": i.problem_id, "deadline": f"{i.deadline:%Y-%m-%d}",
             "days_overdue": int(i.days_overdue), "level": i.level}
            for i in digest.items.itertuples(index=False)
        ]  # fmt: skip

    def copy(delivery: object) -> dict[str, str]:
        return {"department": delivery.digest.department, "role": delivery.role, "channel": delivery.channel,
                "to": shown_recipient(delivery.channel, delivery.recipient)}  # fmt: skip

    return {
        "as_of": f"{run.ledger.as_of:%Y-%m-%d}",
        "channels": list(run.channels),
        "quiet_hours": run.quiet,
        "sent": sum(o.status == "sent" for o in run.outcomes),
        "failed": len(run.failed),
        "skipped": sum(o.status == "skipped" for o in run.outcomes),
        "digests": [
            {"department": d.department, "level": d.level, "to": d.role, "escalated_after": d.escalated_after,
             "items": items(d)}
            for d in run.digests
        ],
        "copies": [
            copy(o.delivery) | {"status": o.status, "attempts": o.attempts, "failure": o.kind,
                                "error": o.error}
            for o in run.outcomes
        ]
        or [copy(d) | {"status": "planned"} for d in run.planned],
        "unreachable": [{"department": u.digest.department, "role": u.role} for u in run.unreachable],
    }


def _supervision_notices(digests: list, as_of: date, args: argparse.Namespace, lang: str) -> None:
    from .notices.docx import notice_docx
    from .reminders import supervision_notice

    _write(args.docx, lambda folder: folder.mkdir(parents=True, exist_ok=True))
    for digest in digests:
        if (notice := supervision_notice(digest, as_of, args.unit)) is None:
            continue
        # A department's name is the sheet's text: only what a file name may hold.
        name = re.sub(r'[\\/:*?"<>|\s]+', "_", digest.department).strip("._") or "department"
        path = args.docx / f"督办通知单_{name}_{as_of:%Y-%m-%d}.docx"
        content = notice_docx(notice)
        _write(path, lambda target, content=content: target.write_bytes(content))
        print(label("cli.remind_docx_written", lang, file=path, department=digest.department))


def run_changes(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .store.oversight import quiet_change_table

    version = store.version(args.version)
    if version is None:
        from .errors import NoSuchVersion

        raise NoSuchVersion("cli.no_version", version=args.version if args.version is not None else "-")
    table = quiet_change_table(store, version.id)
    rows = [
        {"kind": r.kind, "id": r.id, "measure": r.measure, "department": r.department,
         "before": r.before, "after": r.after}
        for r in table.itertuples(index=False)
    ]  # fmt: skip
    if args.json:
        print(json.dumps({"version": version.id, "changes": rows}, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(label("cli.no_quiet_changes", lang, version=version.id))
    from .display import quiet_value

    for row in table.itertuples(index=False):
        print(
            label(
                "cli.quiet_line", lang, kind=label(f"quiet.kind.{row.kind}", lang),
                item=row.id if row.measure in ("", row.id) else f"{row.id} {row.measure}",
                department=row.department, before=quiet_value(row.before, lang),
                after=quiet_value(row.after, lang),
            )
        )  # fmt: skip
    return 0


def run_reopen(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .service import reopen

    reopen(store, args.item, identity, reason=args.reason)
    print(label("cli.reopened", lang, id=args.item))
    return 0


def run_extensions_list(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .store.oversight import extension_table

    table = extension_table(store)
    if not args.all:
        table = table[(table["state"] == "pending").to_numpy()]
    rows = [
        {"extension": int(r.extension), "id": r.id, "measure": r.measure, "department": r.department,
         "version": int(r.version), "requested_by": r.requested_by,
         "requested_at": r.requested_at.isoformat(timespec="seconds"),
         "old_deadline": _iso(r.old_deadline), "old_term": r.old_term,
         "new_deadline": _iso(r.new_deadline), "new_term": r.new_term, "reason": r.reason,
         "state": r.state, "decided_by": r.decided_by, "decision_note": r.decision_note}
        for r in table.itertuples(index=False)
    ]  # fmt: skip
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(label("cli.no_extensions", lang))
    for row in rows:
        print(
            label(
                "cli.extension_line", lang, **row, state_label=label(f"extension.state.{row['state']}", lang),
                item=row["id"] if row["measure"] == row["id"] else f"{row['id']} {row['measure']}",
                old=row["old_deadline"] or row["old_term"] or "-",
                new=row["new_deadline"] or row["new_term"] or "-",
            )
        )  # fmt: skip
    return 0


def run_extension_decision(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .service import decide_extension

    decide_extension(store, args.extension, args.decision, identity, note=args.note)
    print(label(f"cli.extension_{args.decision}", lang, extension=args.extension))
    return 0


def _iso(day: object) -> str | None:
    return None if day is None or day != day else day.isoformat()


def _as_of_argument(text: str) -> date:
    """--as-of of `import`: a date as `check --as-of` reads it, or a usage error naming it."""
    from .dates import parse_date

    if (day := parse_date(text).date) is None:
        raise UsageError("cli.usage_error", detail=Words("cli.bad_as_of", value=text))
    return day


def run_verify(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .service import verify

    verify(store, args.item, identity, note=args.note, evidence=args.evidence)
    print(label("closure.done", lang, id=args.item))
    return 0


def _export_path(text: str) -> Path:
    """-o of `export`: the format is the file's extension (.xlsx or .csv, in any case); any other
    is refused before anything is read, naming the ones accepted, rather than written as .xlsx
    under a name that says otherwise."""
    from .export import EXPORT_FORMATS

    path = Path(text)
    if path.suffix.lower().lstrip(".") not in EXPORT_FORMATS:
        accepted = " / ".join(f".{fmt}" for fmt in EXPORT_FORMATS)
        raise UsageError("cli.usage_error", detail=Words("cli.export_suffix", file=text, accepted=accepted))
    return path


def run_export(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .export import cut_warning
    from .service import export_file, load_version

    ledger = load_version(store, args.version, load_settings().warning_days)
    fmt = args.output.suffix.lower().lstrip(".")
    exported = export_file(ledger, identity, lang, per="task" if args.tasks else "problem", fmt=fmt)
    _write(args.output, lambda path: path.write_bytes(exported.content))
    said = {"version": ledger.version.id, "file": args.output, "rows": ledger.version.total}
    if args.tasks:
        print(label("cli.exported_tasks", lang, tasks=len(ledger.measures), **said))
    else:
        print(label("cli.exported", lang, **said))
    if exported.cuts:  # written whole on the full-text sheet: said, but not a failure
        print(cut_warning(exported.cuts, lang), file=sys.stderr)
    return 0


def run_notice_write(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .notices.write import notice_text
    from .service import load_version, write_notice

    ledger = load_version(store, args.version, load_settings().warning_days)
    notice = write_notice(ledger, unit=args.unit, round_=args.round)
    suffix = args.output.suffix.lower()
    if suffix in (".md", ".markdown", ".txt"):
        content = notice_text(notice, markdown=suffix != ".txt").encode()
    else:
        from .notices.docx import notice_docx

        content = notice_docx(notice)
    _write(args.output, lambda path: path.write_bytes(content))
    print(label("cli.notice_written", lang, file=args.output, sections=len(notice.sections)))
    return 0


def run_contacts_list(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .sending import shown_recipient
    from .service import contact_list

    found = contact_list(store, identity)
    rows = [
        {"department": c.department, "role": c.role, "name": c.name, "email": c.email, "robot": c.robot,
         "webhook": shown_recipient("robot", c.webhook) if c.webhook else "", "signed": bool(c.secret)}
        for c in found
    ]  # fmt: skip
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(label("cli.no_contacts", lang))
    for row in rows:
        kind = row["robot"]
        robot = f"{label(f'robot.{kind}', lang)} {row['webhook']}" if kind else ""
        role = label(f"remind.role.{row['role']}", lang)
        print("  ".join(part for part in (row["department"], role, row["name"], row["email"], robot) if part))
    return 0


def run_contacts_set(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .reminders import Contact
    from .service import set_contacts

    # "-": read from standard input, so the secret stays out of the shell's history and `ps`.
    secret = sys.stdin.readline().strip() if args.secret == "-" else args.secret
    fields = (args.department, args.role, args.name, args.email, args.robot, args.webhook, secret)
    (contact,) = set_contacts(store, [Contact(*fields)], identity, keep=True)
    role = label(f"remind.role.{contact.role}", lang)
    print(label("cli.contact_set", lang, department=contact.department, role=role))
    _say_unmatched(store, [contact], lang)
    return 0


def _say_unmatched(store: Store, entered: list, lang: str) -> None:
    from .service import unmatched_departments

    if unmatched := unmatched_departments(store, entered):
        print(label("contacts.unmatched", lang, departments=listed(unmatched, lang)), file=sys.stderr)


def run_contacts_remove(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .service import remove_contact

    role = label(f"remind.role.{args.role}", lang)
    if not remove_contact(store, args.department, args.role, identity):
        print(label("cli.contact_not_found", lang, department=args.department, role=role), file=sys.stderr)
        return 1
    print(label("cli.contact_removed", lang, department=args.department, role=role))
    return 0


def run_contacts_import(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .service import import_contacts

    content = _read(args.file)
    found = import_contacts(store, content, args.file.name, identity)
    departments = len({c.department for c in found})
    print(label("cli.contacts_imported", lang, count=len(found), departments=departments, file=args.file))
    _say_unmatched(store, found, lang)
    return 0


def run_users_list(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .store.roles import members

    identity.require("manage_users")
    table = [
        {"identity": m.identity, "role": m.role, "departments": list(m.departments),
         "changed_by": m.changed_by, "changed_at": m.changed_at.isoformat(timespec="seconds")}
        for m in members(store)
    ]  # fmt: skip
    if args.json:
        print(json.dumps(table, ensure_ascii=False, indent=2))
        return 0
    for row in table:
        role = label(f"role.{row['role']}", lang)
        print(f"{row['identity']}  {role}  {'、'.join(row['departments'])}")
    return 0


def run_users_add(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .service import set_member

    set_member(store, args.identity, args.role, tuple(args.department or ()), identity)
    name = normalise_identity(args.identity)  # as the table now holds it
    print(label("cli.user_added", lang, identity=name, role=label(f"role.{args.role}", lang)))
    if identity.mode == "setup" and args.role != "admin":  # still no admin: say so before it is too late
        print(label("cli.no_admin_yet", lang), file=sys.stderr)
    return 0


def run_users_remove(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .service import remove_member

    name = normalise_identity(args.identity)
    if not remove_member(store, name, identity):
        print(label("cli.user_unknown", lang, identity=name), file=sys.stderr)
        return 1
    print(label("cli.user_removed", lang, identity=name))
    return 0


# -- the edges ------------------------------------------------------------------------------
def _settings(args: argparse.Namespace) -> Settings:
    """The settings, with --db (checked like DATABASE_URL) in place of the configured store."""
    if db := getattr(args, "db", None):
        return load_settings({**os.environ, "DATABASE_URL": db})
    return load_settings()


def _over_upload_limit(path: Path) -> LedgerCheck | None:
    """The refusal of a file larger than the upload page accepts, decided by its size before a
    byte of it is read, as `check` and `import` report a file they cannot read; None when it is
    within the limit (or cannot be sized: reading it then says why)."""
    from .ledger import Flag, LedgerCheck
    from .settings import upload_limit

    try:
        size = path.stat().st_size
    except OSError:
        return None
    limit = upload_limit()
    if size <= limit.bytes:
        return None
    key = "file.over_upload_limit" if limit.source else "file.over_upload_limit_default"
    # Rounded up: a file a few bytes over 50 MB must not read "50.0 MB, over the limit of 50 MB".
    said = {"file": path.name, "size": f"{-(-size * 10 // 2**20) / 10:.1f}", "limit": limit.megabytes}
    said["source"] = limit.source
    return LedgerCheck(file=path.name, errors=[Flag("error", key, params=said)])


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:  # named by its cause: missing, no permission, a folder …
        raise file_refusal(error, path, writing=False) from error


def _write(path: Path, write: Callable[[Path], object]) -> None:
    try:
        write(path)
    except OSError as error:  # named by its cause: a full disk, a folder not writable …
        raise file_refusal(error, path, writing=True) from error


def _print_report(report: dict, as_json: bool, lang: str, as_text: Callable[[dict, str], str]) -> None:
    print(json.dumps(report, ensure_ascii=False, indent=2) if as_json else as_text(report, lang))


if __name__ == "__main__":
    sys.exit(main())
