"""The command line: python -m rectification check|template|settings …

Exit codes: 0 accepted (or done), 1 refused, 2 usage error. No traceback ever reaches the user.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import NoReturn

from .access import ALL_DEPARTMENTS, ROLES, Identity
from .dates import parse_date
from .export import export_frame, to_xlsx
from .intake import check_path
from .labels import DEFAULT_LANG, LANGS, label
from .ledger import LedgerCheck
from .metrics import summarise, warning_levels
from .notices.docx import notice_docx
from .notices.write import notice_text
from .service import MODES, Refused, accept, export_version, open_store, propose, read_notice, write_notice
from .settings import SETTINGS, Settings, load_settings
from .store.roles import lookup, members, remove_member, set_member
from .store.versions import Store


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _language(argv: list[str]) -> str:
    """The --lang asked for, read before parsing so that help and usage errors use it too."""
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1] if arg.split("=", 1)[1] in LANGS else DEFAULT_LANG
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
    return DEFAULT_LANG


def build_parser(lang: str) -> argparse.ArgumentParser:
    def t(key: str) -> str:
        return label(key, lang)

    parser = _Parser(prog="python -m rectification", description=t("cli.help.program"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help=t("cli.help.check"), description=t("cli.help.check"))
    check.add_argument("file", metavar="FILE", type=Path, help=t("cli.help.file"))
    check.add_argument("--json", action="store_true", help=t("cli.help.json"))
    check.add_argument("--as-of", metavar="DATE", help=t("cli.help.as_of"))
    check.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help=t("cli.help.lang"))

    template = commands.add_parser(
        "template", help=t("cli.help.template"), description=t("cli.help.template")
    )
    template.add_argument(
        "-o", "--output", metavar="FILE.xlsx", type=Path, required=True, help=t("cli.help.output")
    )
    template.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help=t("cli.help.lang"))

    settings = commands.add_parser(
        "settings", help=t("cli.help.settings"), description=t("cli.help.settings")
    )
    settings.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help=t("cli.help.lang"))

    def store_options(command: argparse.ArgumentParser) -> argparse.ArgumentParser:
        command.add_argument("--db", metavar="URL", help=t("cli.help.db"))
        command.add_argument("--user", metavar="NAME", help=t("cli.help.user"))
        command.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help=t("cli.help.lang"))
        return command

    def store_command(name: str) -> argparse.ArgumentParser:
        return store_options(
            commands.add_parser(name, help=t(f"cli.help.{name}"), description=t(f"cli.help.{name}"))
        )

    imported = store_command("import")
    imported.add_argument("file", metavar="FILE", type=Path, help=t("cli.help.file"))
    imported.add_argument("--mode", choices=MODES, default="merge", help=t("cli.help.mode"))
    imported.add_argument("--note", default="", help=t("cli.help.note"))
    listed = store_command("versions")
    listed.add_argument("--json", action="store_true", help=t("cli.help.json"))
    restored = store_command("restore")
    restored.add_argument("version", metavar="VERSION", type=int, help=t("cli.help.version"))
    exported = store_command("export")
    exported.add_argument("--version", metavar="V", type=int, help=t("cli.help.version"))
    exported.add_argument(
        "-o", "--output", metavar="FILE.xlsx", type=Path, required=True, help=t("cli.help.output")
    )
    notice = commands.add_parser("notice", help=t("cli.help.notice"), description=t("cli.help.notice"))
    notice_commands = notice.add_subparsers(dest="notice_command", required=True, metavar="parse|write")
    parse = notice_commands.add_parser("parse", help=t("cli.help.notice_parse"))
    parse.add_argument("file", metavar="FILE", type=Path, help=t("cli.help.notice_file"))
    parse.add_argument("-o", "--output", metavar="LEDGER.xlsx", type=Path, help=t("cli.help.notice_ledger"))
    parse.add_argument("--json", action="store_true", help=t("cli.help.json"))
    parse.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help=t("cli.help.lang"))
    write = store_options(notice_commands.add_parser("write", help=t("cli.help.notice_write")))
    write.add_argument("--version", metavar="V", type=int, help=t("cli.help.version"))
    write.add_argument("-o", "--output", metavar="FILE.docx|FILE.md", type=Path, required=True)
    write.add_argument("--unit", metavar="UNIT", default="", help=t("cli.help.notice_unit"))
    write.add_argument("--round", metavar="ROUND", default="", help=t("cli.help.notice_round"))

    users = commands.add_parser("users", help=t("cli.help.users"), description=t("cli.help.users"))
    users_commands = users.add_subparsers(dest="users_command", required=True, metavar="add|list|remove")
    added = store_options(users_commands.add_parser("add", help=t("cli.help.users_add")))
    added.add_argument("identity", metavar="EMAIL_OR_NAME")
    added.add_argument("--role", choices=ROLES, required=True, help=t("cli.help.role"))
    added.add_argument("--department", action="append", metavar="DEPT", help=t("cli.help.department"))
    listed_users = store_options(users_commands.add_parser("list", help=t("cli.help.users_list")))
    listed_users.add_argument("--json", action="store_true", help=t("cli.help.json"))
    removed = store_options(users_commands.add_parser("remove", help=t("cli.help.users_remove")))
    removed.add_argument("identity", metavar="EMAIL_OR_NAME")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang = _language(argv)
    try:
        args = build_parser(lang).parse_args(argv)
        if args.command == "check":
            return run_check(args.file, as_json=args.json, lang=args.lang, as_of_text=args.as_of)
        if args.command == "template":
            return run_template(args.output, lang)
        if args.command == "settings":
            return run_settings()
        if args.command == "notice" and args.notice_command == "parse":
            return run_notice_parse(args.file, args.output, as_json=args.json, lang=args.lang)
        return run_store_command(args, lang)
    except UsageError as error:
        print(label("cli.usage_error", lang, detail=error), file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`… | head`): not a fault of ours. Python would complain again
        # when it flushes stdout at exit, so stdout now goes nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception:  # the promise is no traceback: say what failed in the user's words
        print(label("cli.internal_error", lang, file=" ".join(argv)), file=sys.stderr)
        return 1


def run_check(path: Path, *, as_json: bool, lang: str, as_of_text: str | None) -> int:
    as_of_given = None
    if as_of_text is not None:
        as_of_given = parse_date(as_of_text).date
        if as_of_given is None:
            raise UsageError(label("cli.bad_as_of", lang, value=as_of_text))
    check = check_path(path)
    as_of = as_of_given or check.as_of or date.today()
    report = check_report(check, as_of, lang, load_settings().warning_days)
    print(json.dumps(report, ensure_ascii=False, indent=2) if as_json else _as_text(report, lang))
    return 0 if check.accepted else 1


def check_report(check: LedgerCheck, as_of: date, lang: str, warning_days: int) -> dict[str, object]:
    """The `check` contract of DESIGN.md §5 as a plain dict."""
    summary = None
    if check.accepted and check.findings is not None:
        summary = summarise(check.findings, as_of, warning_days).as_dict()
        unassigned = label("department.unassigned", lang)
        summary["by_department"] = {(k or unassigned): v for k, v in summary["by_department"].items()}
    return {
        "file": check.file,
        "sheet": check.sheet,
        "header_row": check.header_row,
        "accepted": check.accepted,
        "rows": len(check.findings) if check.findings is not None else None,
        "errors": [flag.as_dict(lang) for flag in check.errors],
        "warnings": [flag.as_dict(lang) for flag in check.warnings],
        "summary": summary,
    }


def _as_text(report: dict, lang: str) -> str:
    lines = [
        label("cli.accepted", lang, rows=report["rows"])
        if report["accepted"]
        else label("cli.refused", lang, count=len(report["errors"])),
        label(
            "cli.source",
            lang,
            file=report["file"],
            sheet=report["sheet"] or "-",
            header_row=report["header_row"] or "-",
        ),
    ]
    if summary := report["summary"]:
        rate = f"{summary['completion_rate']:.1%}" if summary["completion_rate"] is not None else "-"
        lines.append(
            label(
                "cli.summary",
                lang,
                as_of=summary["as_of"],
                total=summary["total"],
                rate=rate,
                overdue=summary["overdue"],
                **summary["by_status"],
            )
        )
        for key, counts in (("cli.by_category", "by_category"), ("cli.by_department", "by_department")):
            lines.append(label(key, lang) + "  ".join(f"{k} {v}" for k, v in summary[counts].items()))
    for key, flags in (("cli.errors", report["errors"]), ("cli.warnings", report["warnings"])):
        if flags:
            lines.append(label(key, lang))
            lines.extend(f"  - {_where(flag, lang)}{flag['message']}" for flag in flags)
    return "\n".join(lines)


def _where(flag: dict, lang: str) -> str:
    if flag["row"] is None:
        return ""
    where = label("cli.where", lang, sheet=flag["sheet"], row=flag["row"])
    if flag["column"]:
        where += label("cli.where_column", lang, column=flag["column"])
    return where + ("：" if lang == "zh" else ": ")


def run_template(output: Path, lang: str) -> int:
    from .template import write_template  # openpyxl is only needed for this command

    try:
        write_template(output)
    except OSError as error:
        print(label("cli.cannot_write", lang, file=output, reason=error.strerror), file=sys.stderr)
        return 1
    print(label("cli.template_written", lang, file=output))
    return 0


# The action each store command needs of the identity running it (import: its --mode).
_COMMAND_ACTIONS = {
    "versions": "view",
    "restore": "restore",
    "export": "export",
    "users": "manage_users",
    "notice": "view",
}


def run_store_command(args: argparse.Namespace, lang: str) -> int:
    settings = load_settings()
    if args.db:
        settings = replace(settings, database_url=args.db)
    store = open_store(settings)
    identity = command_line_identity(store, settings, args.user)
    if identity is None and args.command == "users" and not members(store):
        # An empty role table is filled by whoever has the store at hand, or nobody could be admin.
        identity = Identity(args.user or settings.local_user, "admin", frozenset({ALL_DEPARTMENTS}), "setup")
    action = args.mode if args.command == "import" else _COMMAND_ACTIONS[args.command]
    if identity is None or not identity.may(action):
        role = label(f"role.{identity.role}", lang) if identity else "-"
        key = "auth.action_refused" if identity else "auth.unknown"
        print(label(key, lang, role=role, identity=args.user or ""), file=sys.stderr)
        return 1
    if args.command == "import":
        return run_import(store, args.file, args.mode, identity, args.note, lang, settings.warning_days)
    if args.command == "versions":
        return run_versions(store, as_json=args.json, lang=lang)
    if args.command == "users":
        return run_users(store, args, identity, lang)
    if args.command == "notice":
        return run_notice_write(store, args.version, args.output, lang, unit=args.unit, round_=args.round)
    if store.version(args.version) is None:
        raise UsageError(label("cli.no_version", lang, version=args.version))
    if args.command == "restore":
        saved = store.restore(args.version, author=identity.name, warning_days=settings.warning_days)
        print(
            label("cli.restored", lang, version=args.version, new=saved.id)
            if saved
            else label("cli.unchanged", lang)
        )
        return 0
    version = store.version(args.version)
    content = export_version(store, version.id, lang, settings.warning_days)
    try:
        args.output.write_bytes(content)
    except OSError as error:
        print(label("cli.cannot_write", lang, file=args.output, reason=error.strerror), file=sys.stderr)
        return 1
    print(label("cli.exported", lang, version=version.id, file=args.output, rows=version.total))
    return 0


def command_line_identity(store: Store, settings: Settings, user: str | None) -> Identity | None:
    """Who runs a store command. In local mode the person with the store at hand is admin
    (--user only names them); with sign-in configured, --user must be in the role table."""
    if settings.auth_mode == "local":
        return Identity(user or settings.local_user, "admin", frozenset({ALL_DEPARTMENTS}), "local")
    return lookup(store, user or "", "command line")


def run_users(store: Store, args: argparse.Namespace, identity: Identity, lang: str) -> int:
    if args.users_command == "list":
        table = [
            {"identity": m.identity, "role": m.role, "departments": list(m.departments),
             "changed_by": m.changed_by, "changed_at": m.changed_at.isoformat(timespec="seconds")}
            for m in members(store)
        ]  # fmt: skip
        if args.json:
            print(json.dumps(table, ensure_ascii=False, indent=2))
        for row in [] if args.json else table:
            role = label(f"role.{row['role']}", lang)
            print(f"{row['identity']}  {role}  {'、'.join(row['departments'])}")
        return 0
    if args.users_command == "add":
        try:
            set_member(store, args.identity, args.role, tuple(args.department or ()), by=identity.name)
        except ValueError:
            raise UsageError(label("cli.uploader_needs_department", lang)) from None
        print(label("cli.user_added", lang, identity=args.identity, role=label(f"role.{args.role}", lang)))
        return 0
    if not remove_member(store, args.identity, by=identity.name):
        print(label("cli.user_unknown", lang, identity=args.identity), file=sys.stderr)
        return 1
    print(label("cli.user_removed", lang, identity=args.identity))
    return 0


def run_import(
    store: Store, path: Path, mode: str, identity: Identity, note: str, lang: str, warning_days: int
) -> int:
    try:
        content = path.read_bytes()
    except OSError:
        print(label("file.not_found", lang, file=path))
        return 1
    proposal = propose(store, content, path.name, mode)
    if not proposal.check.accepted:
        report = check_report(proposal.check, proposal.check.as_of or date.today(), lang, warning_days)
        print(_as_text(report, lang))
        return 1
    try:
        saved = accept(store, proposal, identity, note=note, warning_days=warning_days)
    except Refused as refused:
        print(refused.message(lang), file=sys.stderr)
        return 1
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


def run_versions(store: Store, *, as_json: bool, lang: str) -> int:
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
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        rate = "-" if row["completion_rate"] is None else f"{row['completion_rate']:.1%}"
        print(label("cli.version_line", lang, rate=rate, **row))
    return 0


def run_notice_parse(path: Path, output: Path | None, *, as_json: bool, lang: str) -> int:
    try:
        content = path.read_bytes()
    except OSError:
        print(label("file.not_found", lang, file=path))
        return 1
    check = read_notice(content, path.name).check
    as_of = check.as_of or date.today()
    report = check_report(check, as_of, lang, load_settings().warning_days)
    print(json.dumps(report, ensure_ascii=False, indent=2) if as_json else _as_text(report, lang))
    if check.accepted and output is not None:
        levels = warning_levels(check.findings, as_of)
        try:
            output.write_bytes(to_xlsx(export_frame(check.findings, levels, lang), "整改台账"))
        except OSError as error:
            print(label("cli.cannot_write", lang, file=output, reason=error.strerror), file=sys.stderr)
            return 1
    return 0 if check.accepted else 1


def run_notice_write(
    store: Store, version_id: int | None, output: Path, lang: str, *, unit: str = "", round_: str = ""
) -> int:
    if store.version(version_id) is None:
        raise UsageError(label("cli.no_version", lang, version=version_id))
    notice = write_notice(store, version_id, unit=unit, round_=round_)
    markdown = output.suffix.lower() in (".md", ".markdown", ".txt")
    content = (
        notice_text(notice, markdown=output.suffix.lower() != ".txt").encode()
        if markdown
        else notice_docx(notice)
    )
    try:
        output.write_bytes(content)
    except OSError as error:
        print(label("cli.cannot_write", lang, file=output, reason=error.strerror), file=sys.stderr)
        return 1
    print(label("cli.notice_written", lang, file=output, sections=len(notice.sections)))
    return 0


def run_settings() -> int:
    for setting in SETTINGS:
        print(f"{setting.env}={setting.default}\n    {setting.doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
