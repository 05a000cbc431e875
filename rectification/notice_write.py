"""Writing the next progress notice from a version of the ledger, in the published structure:
a title, the opening summary, then per category "（一）关于…方面问题的整改情况" and its findings as
"一是…。进展：…". Plain text and Markdown are pure; the .docx writer is the edge (python-docx)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pandas as pd

from .metrics import summarise
from .notice import summary_paragraph

_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Notice:
    title: str
    summary: str
    sections: list[tuple[str, str]]  # (heading, paragraph of findings)


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 23 → 二十三 (up to 99)."""
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _NUMERALS[tens - 1]) + "十" + (_NUMERALS[ones - 1] if ones else "")


def compose_notice(findings: pd.DataFrame, as_of: date, *, unit: str = "", round_: str = "") -> Notice:
    """The notice's parts, categories in the ledger's order, findings in ledger order."""
    unit = unit or _first(findings, "unit")
    round_ = round_ or _first(findings, "round") or "巡察"
    title = f"{unit}关于{round_}整改进展情况的通报"
    summary = summary_paragraph(summarise(findings, as_of))
    sections = []
    for number, (category, group) in enumerate(findings.groupby("category", sort=False), start=1):
        subject = category if category.endswith("方面") else f"{category}方面"
        heading = f"（{chinese_numeral(number)}）关于{subject}问题的整改情况"
        sentences = [_finding(i, row) for i, (_, row) in enumerate(group.iterrows(), start=1)]
        sections.append((heading, "".join(sentences)))
    return Notice(title, summary, sections)


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
    """The notice as plain text (one paragraph a line) or Markdown (headings marked)."""
    title = f"# {notice.title}" if markdown else notice.title
    lines = [title, "", notice.summary, ""]
    for heading, paragraph in notice.sections:
        lines += [f"## {heading}" if markdown else heading, paragraph, ""]
    return "\n".join(lines).rstrip() + "\n"


def notice_docx(notice: Notice) -> bytes:
    """The notice as a Word document in the usual official style: 小标宋-like title, 楷体
    headings, 仿宋 body at 三号 (16 pt), first-line indent of two characters."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def font(run_or_style, name: str, size: float, bold: bool = False) -> None:
        target = run_or_style.font
        target.name, target.size, target.bold = name, Pt(size), bold
        fonts = run_or_style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), name)

    document = Document()
    font(document.styles["Normal"], "仿宋", 16)
    font(document.styles["Title"], "方正小标宋简体", 22)
    font(document.styles["Heading 1"], "楷体", 16, bold=True)
    for style in ("Title", "Heading 1"):
        document.styles[style].font.color.rgb = None
    title = document.add_paragraph(notice.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, style in [(notice.summary, "Normal")] + [
        part for heading, body in notice.sections for part in ((heading, "Heading 1"), (body, "Normal"))
    ]:
        paragraph = document.add_paragraph(text, style=style)
        if style == "Normal":
            paragraph.paragraph_format.first_line_indent = Pt(32)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_text(content: bytes) -> str:
    """The paragraphs of a .docx file, one a line (for reading a notice)."""
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
