"""Progress notices (整改进展情况的通报): the summary paragraph in the published style."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
