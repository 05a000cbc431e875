"""How ledger values read on screen: deadline text, warning badges, inert sheet text."""

from __future__ import annotations

import re

import pandas as pd

from .labels import label

# Streamlit Markdown colours for warning badges, and the cell colours of the item table.
_BADGE_COLOURS: dict[str, str] = {"red": "red", "yellow": "orange", "green": "green"}
WARNING_CELL_STYLES: dict[str, str] = {
    "red": "background-color: #fdecea; color: #b71c1c",
    "yellow": "background-color: #fff8e1; color: #8d6e00",
    "green": "background-color: #e8f5e9; color: #1b5e20",
}
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def inert_markdown(text: str) -> str:
    """Sheet text escaped so Markdown shows it literally: no links, images, HTML or formulas,
    and line breaks kept."""
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    return escaped.replace("\n", "  \n")


def deadline_text(deadline: pd.Series, terms: pd.Series, lang: str = "zh") -> pd.Series:
    """A deadline column as people write it: 2024-06-30, 立行立改, 长期坚持, or blank."""
    dates = deadline.dt.strftime("%Y-%m-%d").fillna("")
    words = terms.map(lambda term: label(f"term.{term}", lang) if term else "")
    return dates.where(words == "", words)


def warning_text(levels: pd.Series, lang: str = "zh") -> pd.Series:
    """Warning levels as words, e.g. "红色·逾期"; blank for none."""
    return levels.map(lambda level: label(f"warning.{level}", lang) if level else "")


def warning_badge(level: str, lang: str = "zh") -> str:
    """A warning level as a coloured Markdown badge (our words only, safe to render)."""
    if not level:
        return ""
    return f":{_BADGE_COLOURS[level]}-background[{label(f'warning.{level}', lang)}]"


ITEM_TABLE_FIELDS: tuple[str, ...] = (
    "id", "warning", "status", "category", "problem", "department", "deadline", "progress",
)  # fmt: skip


def item_table(findings: pd.DataFrame, levels: pd.Series, lang: str = "zh") -> pd.DataFrame:
    """The working list's columns, labelled, indexed by finding id."""
    columns = {
        "id": findings["id"],
        "warning": warning_text(levels, lang),
        "status": findings["status"].map(lambda code: label(f"status.{code}", lang))
        + findings["status_inferred"].map(lambda inferred: "*" if inferred else ""),
        "category": findings["category"],
        "problem": findings["problem"],
        "department": findings["department"],
        "deadline": deadline_text(findings["deadline"], findings["deadline_term"], lang),
        "progress": findings["progress"],
    }
    return pd.DataFrame({label(f"field.{name}", lang): columns[name] for name in ITEM_TABLE_FIELDS})


def department_table(departments: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """`metrics.department_progress` with labelled columns for the comparison table."""
    return pd.DataFrame(
        {
            label("field.department", lang): departments["department"].replace(
                "", label("department.unassigned", lang)
            ),
            label("column.items", lang): departments["total"],
            label("metric.done", lang): departments["done"],
            label("column.rate", lang): departments["rate"] * 100,
            label("metric.overdue", lang): departments["overdue"],
            label("status.long_term", lang): departments["long_term"],
            label("status.in_progress", lang): departments["in_progress"],
            label("status.pending", lang): departments["pending"],
        }
    )
