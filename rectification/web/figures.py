"""The charts as the pages draw them: each figure built once per input and language, and shared
by every session (decision 55).

Plotly checks every property against its schema while a figure is built: on the sample the
overview's five charts took about 60 ms of each run, on every click and every filter change,
for figures that had not changed. The charts are pure functions of small aggregate tables
(`rectification.charts`), so each is kept per input and language. Streamlit only serialises a
figure it is given (through a copy), so a shared one is never changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec

import plotly.graph_objects as go
import streamlit as st

from rectification import charts

_P = ParamSpec("_P")


def _kept(chart: Callable[_P, go.Figure]) -> Callable[_P, go.Figure]:
    # Keyed by the tables' contents (Streamlit hashes them: a millisecond for these sizes).
    return st.cache_resource(show_spinner=False, max_entries=64)(chart)


ageing_chart = _kept(charts.ageing_chart)
burn_up_chart = _kept(charts.burn_up_chart)
completion_by_category = _kept(charts.completion_by_category)
completion_trend = _kept(charts.completion_trend)
department_ranking = _kept(charts.department_ranking)
open_heatmap = _kept(charts.open_heatmap)
