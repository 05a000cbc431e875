"""Writing the next progress notice from a version of the ledger, in the published structure:
a title, the opening summary, then per category "（一）关于…方面问题的整改情况" and its findings as
"一是…。进展：…", then the closing sentence and the sign-off (落款: issuing unit, date). Pure:
the parts and their plain text or Markdown; notice_docx.py lays them out as a Word document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from ..metrics import DEFAULT_WARNING_DAYS, summarise
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
) -> Notice:
    """The notice's parts, categories in the ledger's order, findings in ledger order. The unit
    and round given win; else the ledger's own (the first written); the round defaults to 巡察.
    "Due soon" in its summary means due within `warning_days`, as on the dashboard."""
    own_unit, own_round = ledger_signature(findings)
    unit = unit.strip() or own_unit
    round_ = round_.strip() or own_round or "巡察"
    title = f"{unit}关于{round_}整改进展情况的通报"
    summary = summary_paragraph(summarise(findings, as_of, warning_days))
    sections = []
    for number, (category, group) in enumerate(findings.groupby("category", sort=False), start=1):
        subject = category if category.endswith("方面") else f"{category}方面"
        heading = f"（{chinese_numeral(number)}）关于{subject}问题的整改情况"
        sentences = [_finding(i, row) for i, (_, row) in enumerate(group.iterrows(), start=1)]
        sections.append((heading, "".join(sentences)))
    closing = f"欢迎广大干部群众对{round_}整改落实情况进行监督。如有意见建议，请及时向我们反映。"
    return Notice(title, summary, sections, closing, unit, chinese_date(as_of))


def ledger_signature(findings: pd.DataFrame) -> tuple[str, str]:
    """The unit and round a ledger names (the first written of each), or "" where it names none."""
    return _first(findings, "unit"), _first(findings, "round")


def _first(findings: pd.DataFrame, name: str) -> str:
    values = [v for v in findings[name].unique() if v]
    return values[0] if values else ""


def _finding(number: int, row: pd.Series) -> str:
    text = f"{chinese_numeral(number)}是{_sentence(row['problem'])}"
    if row["measures"]:
        text += f"整改措施：{_sentence(row['measures'])}"
    return text + f"进展：{_sentence(row['progress'] or '正在推进')}"


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
