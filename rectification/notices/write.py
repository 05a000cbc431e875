"""Writing the next progress notice from a version of the ledger, in the published structure:
a title, the opening summary, then per category "（一）关于…方面问题的整改情况" and its findings as
"一是…。进展：…", then the closing sentence and the sign-off (落款: issuing unit, date). Pure:
the parts and their plain text or Markdown; notice_docx.py lays them out as a Word document.

Where problems break down into several measures (整改任务), the summary states both figures and
such a problem's progress lists its tasks ("进展：该问题分解为2项整改任务，已完成1项：一是…（已完成）；
二是…（推进中）。"), in the seed's layout, so a notice of one measure a problem reads as before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from ..errors import NoticeFigures
from ..labels import label
from ..measures import measure_table, task_figures
from ..metrics import DEFAULT_WARNING_DAYS, Summary, summarise, warning_levels
from .claims import disagrees, notice_claims
from .numerals import chinese_date, chinese_numeral
from .summary import summary_paragraph


@dataclass(frozen=True)
class Notice:
    title: str
    summary: str
    sections: list[tuple[str, str]]  # (heading, paragraph of findings)
    closing: str = ""  # 欢迎广大干部群众对…整改落实情况进行监督。…
    unit: str = ""  # the issuing unit, signed at the foot (may be empty)
    dated: str = ""  # the date signed under it: 2023年6月30日


def compose_notice(
    findings: pd.DataFrame,
    as_of: date,
    *,
    warning_days: int = DEFAULT_WARNING_DAYS,
    unit: str = "",
    round_: str = "",
    measures: pd.DataFrame | None = None,
) -> Notice:
    """The notice's parts, categories in the ledger's order, findings in ledger order. The unit
    and round given win; else the ledger's own (the first written); the round defaults to 巡察.
    "Due soon" in its summary means due within `warning_days`, as on the dashboard. `measures`
    (one row per measure with `problem_id`, as `LedgerVersion.measures`) defaults to the
    findings' own (`measures.measure_table`)."""
    own_unit, own_round = ledger_signature(findings)
    unit = unit.strip() or own_unit
    round_ = round_.strip() or own_round or "巡察"
    title = f"{unit}关于{round_}整改进展情况的通报"
    if measures is None:
        measures = measure_table(findings)
    tasks = task_figures(measures["status"], warning_levels(measures, as_of, warning_days))
    figures = summarise(findings, as_of, warning_days)
    summary = summary_paragraph(figures, tasks=tasks)
    _check_figures(summary, figures, tasks)
    several = {pid: group for pid, group in measures.groupby("problem_id", sort=False) if len(group) > 1}
    sections = []
    for number, (category, group) in enumerate(findings.groupby("category", sort=False), start=1):
        subject = category if category.endswith("方面") else f"{category}方面"
        heading = f"（{chinese_numeral(number)}）关于{subject}问题的整改情况"
        sentences = [
            _finding(i, row, several.get(row["id"])) for i, (_, row) in enumerate(group.iterrows(), start=1)
        ]
        sections.append((heading, "".join(sentences)))
    closing = f"欢迎广大干部群众对{round_}整改落实情况进行监督。如有意见建议，请及时向我们反映。"
    return Notice(title, summary, sections, closing, unit, chinese_date(as_of))


def ledger_signature(findings: pd.DataFrame) -> tuple[str, str]:
    """The unit and round a ledger names (the first written of each), or "" where it names none."""
    return _first(findings, "unit"), _first(findings, "round")


def _first(findings: pd.DataFrame, name: str) -> str:
    values = [v for v in findings[name].unique() if v]
    return values[0] if values else ""


def _finding(number: int, row: pd.Series, tasks: pd.DataFrame | None = None) -> str:
    text = f"{chinese_numeral(number)}是{_sentence(row['problem'])}"
    if tasks is not None:  # the tasks name the measures themselves: no 整改措施 of the problem's own
        return text + f"进展：{_sentence(task_list(tasks))}"
    if row["measures"]:
        text += f"整改措施：{_sentence(row['measures'])}"
    return text + f"进展：{_sentence(row['progress'] or '正在推进')}"


def task_list(tasks: pd.DataFrame) -> str:
    """One problem's tasks as its progress in the notice: how many, how many done, then each
    "一是{measure}，{progress}（{status}）" joined by "；". No task carries a "进展：" of its own and
    none starts after a full stop, so reading the notice back keeps the list inside the problem's
    progress instead of taking a task for the next problem."""
    items = []
    for number, (_, task) in enumerate(tasks.iterrows(), start=1):
        measure, progress = _clause(task["measures"]), _clause(task["progress"])
        said = [measure] if measure else []
        if progress and progress != measure:  # a notice read back gives both the same text
            said.append(progress)
        said = said or [label("notice.task_unreported")]
        status = label(f"status.{task['status']}")
        items.append(f"{chinese_numeral(number)}是{'，'.join(said)}（{status}）")
    done = int((tasks["status"] == "done").sum())
    return label("notice.tasks_listed", count=len(tasks), done=done, tasks="；".join(items))


def _clause(text: str) -> str:
    """Text to sit inside one item of a list: one line, and no full stop, after which the reader
    would look for the next finding ("。二是…")."""
    parts = [part.strip().rstrip("。；;，,") for part in text.replace("。", "\n").splitlines()]
    return "，".join(part for part in parts if part)


def _sentence(text: str) -> str:
    text = text.strip().replace("\n", "；")
    return text if text.endswith(("。", "！", "？")) else f"{text}。"


def notice_text(notice: Notice, *, markdown: bool = False) -> str:
    """The notice as plain text (one paragraph a line) or Markdown (headings marked), ending with
    the closing sentence and the sign-off: the issuing unit, then the date."""
    title = f"# {notice.title}" if markdown else notice.title
    lines = [title, "", notice.summary, ""]
    for heading, paragraph in notice.sections:
        lines += [f"## {heading}" if markdown else heading, paragraph, ""]
    if notice.closing:
        lines += [notice.closing, ""]
    signature = [line for line in (notice.unit, notice.dated) if line]
    lines.append(("\n\n" if markdown else "\n").join(signature))  # Markdown would join two lines
    return "\n".join(lines).rstrip() + "\n"


def _check_figures(summary: str, figures: Summary, tasks: dict[str, object]) -> None:
    """Read the summary back as any notice is read, and refuse a notice that would publish a
    figure the version does not give: what is written must stand the check a reader makes."""
    given: dict[str, float] = {
        "total": figures.total, "done": figures.done, **figures.by_status,
        "tasks_total": int(tasks["total"]), "tasks_done": int(tasks["by_status"]["done"]),  # type: ignore[index]
    }  # fmt: skip
    if figures.completion_rate is not None:
        given["rate"] = figures.completion_rate
    wrong = []
    for name, claim in notice_claims(summary).items():
        if name not in given:
            continue
        if disagrees(name, float(claim.value), given[name]):
            wrong.append(f"“{claim.sentence}”")
    if wrong:
        raise NoticeFigures("notice.figures_differ", figures="、".join(wrong))
