"""Plotly figures built from metric tables: plain functions, tested by the data in the figure.

Every chart uses the same status and warning colours, large type for a projector, and labels
from the label table. Sheet text is escaped: Plotly renders a subset of HTML in labels.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from .labels import label
from .schema import STATUS_CODES

STATUS_COLOURS: dict[str, str] = {
    "done": "#2e7d32",
    "in_progress": "#1e88e5",
    "long_term": "#8e24aa",
    "pending": "#ef6c00",
}
WARNING_COLOURS: dict[str, str] = {"red": "#d32f2f", "yellow": "#f9a825", "green": "#43a047", "": "#9e9e9e"}
FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
_ROW_HEIGHT = 44


def sheet_text(value: object) -> str:
    """Sheet text made inert for Plotly's HTML-like labels."""
    return html.escape(str(value), quote=False)


def _layout(figure: go.Figure, rows: int, lang: str) -> go.Figure:
    figure.update_layout(
        barmode="stack",
        height=max(220, 90 + _ROW_HEIGHT * rows),
        margin={"l": 8, "r": 96, "t": 36, "b": 8},
        font={"family": FONT, "size": 16},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "xanchor": "left",
            "x": 0,
            "traceorder": "normal",
            "font": {"size": 15},
        },
        yaxis={"autorange": "reversed", "automargin": True, "title": None, "tickfont": {"size": 16}},
        xaxis={"title": None, "automargin": True, "tickfont": {"size": 14}},
        separators=".,",
        hoverlabel={"font": {"family": FONT}},
    )
    return figure


def completion_by_category(table: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """One horizontal bar per category, in ledger order, split by status and labelled with its
    completion rate. `table` is `metrics.category_progress`."""
    names = [sheet_text(c) or label("department.unassigned", lang) for c in table["category"]]
    figure = go.Figure()
    for code in STATUS_CODES:
        figure.add_bar(
            name=label(f"status.{code}", lang),
            y=names,
            x=table[code].tolist(),
            orientation="h",
            marker_color=STATUS_COLOURS[code],
            text=[str(n) if n else "" for n in table[code]],
            textposition="inside",
            insidetextanchor="middle",
            textfont={"size": 15},
            hovertemplate="%{y}: %{x}<extra>" + label(f"status.{code}", lang) + "</extra>",
        )
    rate_word = label("metric.completion_rate", lang)
    for name, total, rate in zip(names, table["total"], table["rate"], strict=True):
        figure.add_annotation(
            x=total,
            y=name,
            text=f"{rate_word} {rate:.0%}",
            showarrow=False,
            xanchor="left",
            xshift=6,
            font={"size": 15},
        )
    _layout(figure, len(table), lang)
    if len(table) and table["total"].max() <= 10:
        figure.update_xaxes(dtick=1)  # counts of findings: no half ticks on a small ledger
    return figure


def department_ranking(table: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Departments by completion rate, laggards on top; bars with overdue items are red.
    `table` is `metrics.department_progress`."""
    names = [sheet_text(d) or label("department.unassigned", lang) for d in table["department"]]
    overdue_word = label("metric.overdue", lang)
    figure = go.Figure(
        go.Bar(
            y=names,
            x=(table["rate"] * 100).round(1).tolist(),
            orientation="h",
            marker_color=[WARNING_COLOURS["red"] if n else STATUS_COLOURS["done"] for n in table["overdue"]],
            text=[
                f"{rate:.0%}" + (f" · {overdue_word} {n}" if n else "")
                for rate, n in zip(table["rate"], table["overdue"], strict=True)
            ],
            textposition="outside",
            textfont={"size": 15},
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
            showlegend=False,
        )
    )
    _layout(figure, len(table), lang)
    figure.update_xaxes(range=[0, 100], ticksuffix="%")
    return figure


def completion_trend(trend: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Completion rate over versions, with done counts; `trend` is `Store.trend()`."""
    versions = [label("history.version_short", lang, version=v) for v in trend["version"]]
    figure = go.Figure(
        go.Scatter(
            x=versions,
            y=(trend["rate"] * 100).round(1).tolist(),
            mode="lines+markers+text",
            text=[f"{r:.0%}" for r in trend["rate"]],
            textposition="top center",
            textfont={"size": 14},
            line={"color": STATUS_COLOURS["done"], "width": 3},
            marker={"size": 9},
            customdata=trend[["done", "total"]].to_numpy(),
            hovertemplate="%{x}: %{y:.1f}% (%{customdata[0]}/%{customdata[1]})<extra></extra>",
        )
    )
    figure.update_layout(
        height=320,
        margin={"l": 8, "r": 24, "t": 24, "b": 8},
        font={"family": FONT, "size": 15},
        yaxis={"range": [0, 105], "ticksuffix": "%", "title": None, "tickfont": {"size": 14}},
        xaxis={"title": None, "type": "category", "tickfont": {"size": 14}},
        showlegend=False,
    )
    return figure
