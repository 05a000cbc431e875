"""Progress notices (整改进展情况的通报): the summary paragraph in the published style."""

from __future__ import annotations

from ..labels import label
from ..metrics import Summary


def summary_paragraph(summary: Summary, lang: str = "zh") -> str:
    """ "截至X月X日，N个问题已完成整改M个，完成率P%…", as notices open."""
    rate = "-" if summary.completion_rate is None else f"{summary.completion_rate:.1%}"
    as_of = (
        f"{summary.as_of.year}年{summary.as_of.month}月{summary.as_of.day}日"
        if lang == "zh"
        else summary.as_of.strftime("%d %B %Y")
    )
    return label(
        "notice.summary",
        lang,
        as_of=as_of,
        total=summary.total,
        done=summary.done,
        rate=rate,
        overdue=summary.overdue,
        due_soon=summary.due_soon,
        days=summary.warning_days,
        **{k: v for k, v in summary.by_status.items() if k != "done"},
    )
