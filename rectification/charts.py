"""Plotly figures built from metric tables: plain functions, tested by the data in the figure.

Every chart uses the same status and warning colours, large type for a projector, and labels
from the label table. Sheet text is escaped: Plotly renders a subset of HTML in labels.
"""

from __future__ import annotations

import html

import numpy as np
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
_BAR_PX = 30  # the thickest a bar gets, in pixels
_LABEL_SIZE = 15


def sheet_text(value: object) -> str:
    """Sheet text made inert for Plotly's HTML-like labels."""
    return html.escape(str(value), quote=False)


def text_width(text: str, size: int) -> int:
    """About how many pixels `text` takes at font `size`: Plotly does not widen margins for
    annotations or outside bar text, so the charts reserve room for them themselves."""
    wide = sum(1 for c in text if ord(c) >= 0x2E80)  # CJK characters and full-width punctuation
    return round(size * (wide + 0.62 * (len(text) - wide)))


def _bar_width(rows: int) -> float:
    """Bar thickness in category units, so that a bar is at most _BAR_PX tall however few rows."""
    plot_px = _height(rows) - 100  # less a two-row legend, the x tick labels and the margins
    return round(min(0.8, _BAR_PX * max(rows, 1) / plot_px), 3)


def _height(rows: int) -> int:
    return max(220, 90 + _ROW_HEIGHT * rows)


def _layout(figure: go.Figure, rows: int, lang: str, right: int) -> go.Figure:
    """The shared look. `right` is the room kept right of the plot for the bars' labels; the
    category names on the left get theirs from Plotly (automargin)."""
    figure.update_layout(
        barmode="stack",
        height=_height(rows),
        margin={"l": 8, "r": right, "t": 36, "b": 8, "autoexpand": True},
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
        xaxis={"title": None, "automargin": True, "tickangle": 0, "tickfont": {"size": 14}},
        separators=".,",
        hoverlabel={"font": {"family": FONT}},
    )
    figure.update_traces(width=_bar_width(rows), selector={"type": "bar"})
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
            textangle=0,  # never turned on its side in a short bar
            textfont={"size": 15},
            hovertemplate="%{y}: %{x}<extra>" + label(f"status.{code}", lang) + "</extra>",
        )
    # Short, so the plot keeps its width: the legend above it wraps at the plot's width.
    notes = [label("chart.rate_note", lang, rate=f"{rate:.0%}") for rate in table["rate"]]
    for name, total, note in zip(names, table["total"], notes, strict=True):
        figure.add_annotation(
            x=total, y=name, text=note, showarrow=False, xanchor="left", xshift=6, font={"size": _LABEL_SIZE}
        )
    # The axis ends at the longest bar; its label sits in the right margin, sized to fit it.
    _layout(figure, len(table), lang, right=12 + max((text_width(n, _LABEL_SIZE) for n in notes), default=0))
    longest = int(table["total"].max()) if len(table) else 0
    figure.update_xaxes(range=[0, max(longest, 1)], dtick=1 if longest <= 10 else None)
    return figure


def department_ranking(table: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Departments by completion rate, laggards on top; bars with overdue items are red.
    `table` is `metrics.department_progress`."""
    names = [sheet_text(d) or label("department.unassigned", lang) for d in table["department"]]
    overdue_word = label("metric.overdue", lang)
    texts = [
        f"{rate:.0%}" + (f" · {overdue_word} {n}" if n else "")
        for rate, n in zip(table["rate"], table["overdue"], strict=True)
    ]
    figure = go.Figure(
        go.Bar(
            y=names,
            x=(table["rate"] * 100).round(1).tolist(),
            orientation="h",
            marker_color=[WARNING_COLOURS["red"] if n else STATUS_COLOURS["done"] for n in table["overdue"]],
            text=texts,
            textposition="outside",
            textfont={"size": _LABEL_SIZE},
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
            showlegend=False,
        )
    )
    # A label can follow a full bar: the right margin holds the longest one.
    _layout(figure, len(table), lang, right=12 + max((text_width(t, _LABEL_SIZE) for t in texts), default=0))
    figure.update_xaxes(range=[0, 100], ticksuffix="%")
    figure.update_layout(margin_t=12)  # no legend above this one
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


def burn_up_chart(points: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Problems done against the total over as-of dates (`metrics.burn_up`): the total line shows
    scope added or dropped, the gap between the lines is what remains."""
    days = [f"{d:%Y-%m-%d}" for d in points["as_of"]]
    figure = go.Figure(
        [
            go.Scatter(
                x=days, y=points["total"].tolist(), name=label("chart.total", lang), mode="lines+markers",
                line={"color": "#757575", "width": 2, "dash": "dash"},
                hovertemplate="%{x}: %{y}<extra>%{fullData.name}</extra>",
            ),
            go.Scatter(
                x=days, y=points["done"].tolist(), name=label("chart.done", lang), mode="lines+markers+text",
                text=[str(n) for n in points["done"]], textposition="top center", textfont={"size": 14},
                line={"color": STATUS_COLOURS["done"], "width": 3}, fill="tozeroy",
                fillcolor="rgba(46, 125, 50, 0.12)",
                hovertemplate="%{x}: %{y}<extra>%{fullData.name}</extra>",
            ),
        ]
    )  # fmt: skip
    top = int(points["total"].max()) if len(points) else 1
    _small_chart(figure, top * 1.12 + 1, right=24)
    figure.update_layout(legend={"orientation": "h", "y": -0.15, "font": {"size": 14}})
    figure.update_xaxes(type="category")
    return figure


def _small_chart(figure: go.Figure, y_top: float, right: int) -> None:
    """The look of the overview's two small charts: 300 px high, the y axis from 0 to `y_top`."""
    figure.update_layout(
        height=300,
        margin={"l": 8, "r": right, "t": 24, "b": 8},
        font={"family": FONT, "size": 15},
        yaxis={"range": [0, y_top], "title": None, "tickfont": {"size": 14}},
        xaxis={"title": None, "tickfont": {"size": 14}},
    )


def ageing_chart(ageing: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Overdue measures by how long overdue (`metrics.overdue_ageing`): one red bar per bucket,
    darker the longer, with its count."""
    shades = {"1_30": "#ef9a9a", "31_90": "#e53935", "over_90": "#8e0000"}
    names = [label(f"ageing.{b}", lang) for b in ageing["bucket"]]
    figure = go.Figure(
        go.Bar(
            x=names, y=ageing["count"].tolist(), marker_color=[shades[b] for b in ageing["bucket"]],
            text=[str(n) for n in ageing["count"]], textposition="outside", textfont={"size": _LABEL_SIZE},
            hovertemplate="%{x}: %{y}<extra></extra>", cliponaxis=False,
        )
    )  # fmt: skip
    top = int(ageing["count"].max()) if len(ageing) else 0
    _small_chart(figure, max(top, 1) * 1.25, right=8)
    figure.update_layout(showlegend=False, bargap=0.45)
    figure.update_yaxes(dtick=max(1, top // 4))
    return figure


def open_heatmap(matrix: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Problems not done by category (rows) and department (columns), `metrics.open_matrix`: a
    square per pair with its open count, red where any is overdue (darker the more), blue where
    none is. Drawn as markers, not a Plotly heatmap, so that a click selects a cell."""
    categories = list(dict.fromkeys(matrix["category"]))
    departments = list(dict.fromkeys(matrix["department"]))
    unassigned = label("department.unassigned", lang)
    share = (matrix["overdue"] / matrix["open"]).to_numpy(dtype=float) if len(matrix) else []
    colours = [_overdue_shade(s) if n else "#bbdefb" for s, n in zip(share, matrix["overdue"], strict=True)]
    figure = go.Figure(
        go.Scatter(
            x=[sheet_text(d) or unassigned for d in matrix["department"]],
            y=[sheet_text(c) for c in matrix["category"]],
            mode="markers+text",
            marker={"symbol": "square", "size": 38, "color": colours, "line": {"width": 0}},
            text=[str(n) for n in matrix["open"]],
            textfont={"size": 15, "color": ["#ffffff" if s >= 0.5 else "#212121" for s in share]},
            customdata=np.column_stack([matrix["category"], matrix["department"], matrix["overdue"]])
            if len(matrix)
            else None,
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
            showlegend=False,
        )
    )
    figure.update_layout(
        height=max(200, 52 * len(categories) + 120),
        margin={"l": 8, "r": 8, "t": 12, "b": 8},
        font={"family": FONT, "size": 15},
        xaxis={"title": None, "type": "category", "categoryorder": "array",
               "categoryarray": [sheet_text(d) or unassigned for d in departments], "side": "top",
               "tickangle": -30, "automargin": True, "showgrid": False, "tickfont": {"size": 14}},
        yaxis={"title": None, "type": "category", "categoryorder": "array",
               "categoryarray": [sheet_text(c) for c in categories], "autorange": "reversed",
               "automargin": True, "showgrid": False, "tickfont": {"size": 15}},
        clickmode="event+select",
        dragmode=False,
        hoverlabel={"font": {"family": FONT}},
    )  # fmt: skip
    return figure


def _overdue_shade(share: float) -> str:
    """Light red for a few overdue of many, deep red when all are."""
    light, deep = (239, 154, 154), (183, 28, 28)
    r, g, b = (round(a + (z - a) * min(max(share, 0.0), 1.0)) for a, z in zip(light, deep, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"
