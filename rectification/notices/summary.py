"""Progress notices (整改进展情况的通报): the summary paragraph in the published style."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..labels import label
from ..metrics import Summary


def summary_paragraph(summary: Summary, lang: str = "zh", tasks: Mapping[str, Any] | None = None) -> str:
    """ "截至X月X日，N个问题已完成整改M个，完成率P%…", as notices open. `tasks` are the task
    figures (measures.task_figures); where problems break down into more tasks than there are
    problems, the paragraph states them too ("分解整改任务T项，已完成K项"), as published notices
    do. A ledger of one measure a problem reads exactly as it did before tasks were counted."""
    rate = "-" if summary.completion_rate is None else f"{summary.completion_rate:.1%}"
    as_of = (
        f"{summary.as_of.year}年{summary.as_of.month}月{summary.as_of.day}日"
        if lang == "zh"
        else summary.as_of.strftime("%d %B %Y")
    )
    figures = {
        "as_of": as_of,
        "total": summary.total,
        "done": summary.done,
        "rate": rate,
        "overdue": summary.overdue,
        "due_soon": summary.due_soon,
        "days": summary.warning_days,
        **{k: v for k, v in summary.by_status.items() if k != "done"},
    }
    if tasks is None or tasks["total"] == summary.total:
        return label("notice.summary", lang, **figures)
    done = tasks["by_status"]["done"]
    return label("notice.summary_tasks", lang, **figures, tasks=tasks["total"], tasks_done=done)


def laggard_sentence(
    categories: pd.DataFrame,
    departments: pd.DataFrame,
    ageing: pd.DataFrame | None,
    lang: str = "zh",
    most: int = 2,
    units: pd.DataFrame | None = None,
) -> str:
    """Who lags, as a notice names them: the inspected units (where `units`, from
    metrics.compared_progress, compares several; then no departments), the categories and the
    departments whose
    completion rate is below the whole's (the lowest `most` of each, the most overdue first
    among equals), and the overdue items past 90 days. Empty when none lags. `categories` and
    `departments` are metrics.category_progress and metrics.department_progress."""
    total = int(categories["total"].sum()) if len(categories) else 0
    overall = categories["done_total"].sum() / total if total else None
    parts = []
    tables = ((categories, "category", "lag.categories"), (departments, "department", "lag.departments"))
    if units is not None:
        # A whole round's ledger: the units, as the office reports them. Not its departments:
        # each unit has its own 办公室, and one name would add up different units' offices.
        tables = ((units, "unit", "lag.units"), tables[0])
    for table, key, said in tables:
        if overall is None or table.empty:
            continue
        named = table[(table[key] != "").to_numpy() & (table["rate"] < overall).to_numpy()]
        named = named.sort_values(["rate", "overdue"], ascending=[True, False], kind="stable").head(most)
        if named.empty:
            continue
        items = [
            label("lag.item_overdue" if n else "lag.item", lang, name=name, rate=f"{rate:.1%}", overdue=n)
            for name, rate, n in zip(named[key], named["rate"], named["overdue"], strict=True)
        ]
        parts.append(label(said, lang, items=label("lag.separator", lang).join(items)))
    if ageing is not None and len(ageing):
        old = int(ageing.loc[ageing["bucket"] == "over_90", "count"].sum())
        if old:
            parts.append(label("lag.over_90", lang, count=old))
    return label("lag.sentence", lang, parts=label("lag.joiner", lang).join(parts)) if parts else ""


def ageing_sentence(ageing: pd.DataFrame | None, lang: str = "zh") -> str:
    """How long the overdue tasks have been overdue, in words ("逾期未完成的整改任务中，逾期1-30天
    2项、……"), so the first screen says it before the chart does; empty when none is overdue.
    `ageing` is metrics.overdue_ageing."""
    if ageing is None or not ageing["count"].any():
        return ""
    parts = [
        label("overview.ageing_part", lang, bucket=label(f"ageing.{bucket}", lang), count=int(count))
        for bucket, count in zip(ageing["bucket"], ageing["count"], strict=True)
    ]
    return label("overview.ageing_words", lang, parts=label("lag.separator", lang).join(parts))
