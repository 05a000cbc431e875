"""The report of `check` (DESIGN.md §5): what a ledger file would give, as a plain dict for
--json and as text for a person. Pure: built from a LedgerCheck and the date it is judged at."""

from __future__ import annotations

from datetime import date
from typing import Any

from .labels import label
from .ledger import LedgerCheck
from .measures import task_figures
from .metrics import summarise, warning_levels


def check_report(check: LedgerCheck, as_of: date, lang: str, warning_days: int) -> dict[str, Any]:
    """The `check` contract of DESIGN.md §5 as a plain dict."""
    summary = None
    if check.accepted and check.findings is not None:
        summary = summarise(check.findings, as_of, warning_days).as_dict()
        unassigned = label("department.unassigned", lang)
        summary["by_department"] = {(k or unassigned): v for k, v in summary["by_department"].items()}
        # Tasks are the measures; a ledger of one row a problem has one measure each.
        measures = check.measures if check.measures is not None else check.findings
        levels = warning_levels(measures, as_of, warning_days)
        tasks = task_figures(measures["status"], levels, measures["department"])
        tasks["by_department"] = {(k or unassigned): v for k, v in tasks["by_department"].items()}
        summary["tasks"] = tasks
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


def report_text(report: dict[str, Any], lang: str) -> str:
    """The check report as the lines `check` prints without --json."""
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
        tasks = summary["tasks"]
        if tasks["total"] != summary["total"]:  # measures of their own: their figures too
            task_rate = "-" if tasks["completion_rate"] is None else f"{tasks['completion_rate']:.1%}"
            lines.append(
                label("cli.tasks", lang, total=tasks["total"], done=tasks["by_status"]["done"],
                      rate=task_rate, overdue=tasks["overdue"])
            )  # fmt: skip
        for key, counts in (("cli.by_category", "by_category"), ("cli.by_department", "by_department")):
            lines.append(label(key, lang) + "  ".join(f"{k} {v}" for k, v in summary[counts].items()))
    for key, flags in (("cli.errors", report["errors"]), ("cli.warnings", report["warnings"])):
        if flags:
            lines.append(label(key, lang))
            lines.extend(f"  - {flag_line(flag, lang)}" for flag in flags)
    return "\n".join(lines)


def flag_line(flag: dict[str, Any], lang: str) -> str:
    """A flag (`Flag.as_dict`) as one line that names where it is: sheet, row, column, message."""
    return _where(flag, lang) + flag["message"]


def _where(flag: dict[str, Any], lang: str) -> str:
    if flag["row"] is None:
        return ""
    if "rows" in flag:  # its message lists the rows already: name the sheet only
        where = label("cli.where_sheet", lang, sheet=flag["sheet"])
    else:
        where = label("cli.where", lang, sheet=flag["sheet"], row=flag["row"])
    if flag["column"]:
        where += label("cli.where_column", lang, column=flag["column"])
    return where + ("：" if lang == "zh" else ": ")
