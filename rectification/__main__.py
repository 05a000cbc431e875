"""The command line: python -m rectification check|template|settings|import|… (also `rectification`).

Exit codes: 0 accepted (or done), 1 refused, 2 usage error. No traceback ever reaches the user:
every refusal is a `Refusal`, caught once in `main`.

Each subcommand names its `run` function with `set_defaults`; a run function imports what it
needs, so `check` never loads SQLAlchemy, python-docx or plotly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from .access import MODES, ROLES
from .errors import CannotRead, CannotWrite, NotPermitted, Refusal, UsageError, Words
from .labels import DEFAULT_LANG, LANGS, label
from .settings import load_settings

if TYPE_CHECKING:
    from .access import Identity
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
    try:
        args = build_parser(lang).parse_args(argv)
        command = args.command
        return args.run(args, lang)
    except Refusal as refusal:
        print(refusal.message(lang), file=sys.stderr)
        return refusal.exit_code
    except BrokenPipeError:
        # The reader went away (`… | head`): not a fault of ours. Python would complain again
        # when it flushes stdout at exit, so stdout now goes nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception:  # the promise is no traceback; the command line is not echoed (it may hold a password)
        print(label("cli.internal_error", lang, command=command), file=sys.stderr)
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
    store_command("versions", run_versions).add_argument(
        "--json", action="store_true", help=t("cli.help.json")
    )
    restored = store_command("restore", run_restore)
    restored.add_argument("version", metavar="VERSION", type=int, help=t("cli.help.version"))
    verified = store_command("verify", run_verify)
    verified.add_argument("item", metavar="ID", help=t("cli.help.item"))
    verified.add_argument("--evidence", default="", help=t("closure.evidence"))
    verified.add_argument("--note", default="", help=t("closure.note"))
    exported = store_command("export", run_export)
    exported.add_argument("--version", metavar="V", type=int, help=t("cli.help.version"))
    exported.add_argument(
        "-o", "--output", metavar="FILE.xlsx", type=Path, required=True, help=t("cli.help.output")
    )
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
    check = check_path(args.file)
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
    # DESIGN.md §5: the figures the notice states of itself (total, done, rate, tasks_total,
    # tasks_done), each only where stated; `summary.tasks` counts the measures it lists.
    report["claims"] = {k: v if k == "rate" else int(v) for k, v in parsed.claimed.items()}
    _print_report(report, args.json, lang, report_text)
    if check.accepted and args.output is not None:
        levels = warning_levels(check.findings, as_of, warning_days)
        content = to_xlsx(export_frame(check.findings, levels, lang), "整改台账")
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
    """Who runs a store command. In local mode the person with the store at hand is admin
    (--user only names them); with sign-in configured, --user must be in the role table. An
    empty role table is filled by whoever has the store at hand, or nobody could be admin."""
    from .access import ALL_DEPARTMENTS, Identity
    from .store.roles import lookup, members

    everything = frozenset({ALL_DEPARTMENTS})
    if settings.auth_mode == "local":
        return Identity(args.user or settings.local_user, "admin", everything, "local")
    if (found := lookup(store, args.user or "", "command line")) is not None:
        return found
    if args.command == "users" and not members(store):
        return Identity(args.user or settings.local_user, "admin", everything, "setup")
    raise NotPermitted("auth.unknown", identity=args.user or "")


def run_import(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .check_report import check_report, report_text
    from .service import accept, propose

    proposal = propose(store, _read(args.file), args.file.name, args.mode)
    if not proposal.check.accepted:
        as_of = proposal.check.as_of or date.today()
        print(report_text(check_report(proposal.check, as_of, lang, load_settings().warning_days), lang))
        return 1
    saved = accept(store, proposal, identity, note=args.note)
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
        print(label("cli.version_line", lang, rate=rate, **row))
    return 0


def run_restore(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .service import restore

    saved = restore(store, args.version, identity)
    print(
        label("cli.restored", lang, version=args.version, new=saved.id)
        if saved
        else label("cli.unchanged", lang)
    )
    return 0


def run_verify(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .service import verify

    verify(store, args.item, identity, note=args.note, evidence=args.evidence)
    print(label("closure.done", lang, id=args.item))
    return 0


def run_export(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .service import export_version, load_version

    ledger = load_version(store, args.version, load_settings().warning_days)
    content = export_version(ledger, identity, lang, per="task" if args.tasks else "problem")
    _write(args.output, lambda path: path.write_bytes(content))
    said = {"version": ledger.version.id, "file": args.output, "rows": ledger.version.total}
    if args.tasks:
        print(label("cli.exported_tasks", lang, tasks=len(ledger.measures), **said))
    else:
        print(label("cli.exported", lang, **said))
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
    print(label("cli.user_added", lang, identity=args.identity, role=label(f"role.{args.role}", lang)))
    return 0


def run_users_remove(store: Store, identity: Identity, args: argparse.Namespace, lang: str) -> int:
    from .service import remove_member

    if not remove_member(store, args.identity, identity):
        print(label("cli.user_unknown", lang, identity=args.identity), file=sys.stderr)
        return 1
    print(label("cli.user_removed", lang, identity=args.identity))
    return 0


# -- the edges ------------------------------------------------------------------------------
def _settings(args: argparse.Namespace) -> Settings:
    """The settings, with --db (checked like DATABASE_URL) in place of the configured store."""
    if db := getattr(args, "db", None):
        return load_settings({**os.environ, "DATABASE_URL": db})
    return load_settings()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        raise CannotRead("file.not_found", file=path) from None


def _write(path: Path, write: Callable[[Path], object]) -> None:
    try:
        write(path)
    except OSError as error:
        raise CannotWrite("cli.cannot_write", file=path, reason=error.strerror) from None


def _print_report(report: dict, as_json: bool, lang: str, as_text: Callable[[dict, str], str]) -> None:
    print(json.dumps(report, ensure_ascii=False, indent=2) if as_json else as_text(report, lang))


if __name__ == "__main__":
    sys.exit(main())
