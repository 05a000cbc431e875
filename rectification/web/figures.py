"""The charts as the pages draw them: each figure built once per what its table was computed
from and language, and shared by every session (decision 55).

Plotly checks every property against its schema while a figure is built: on the sample the
overview's charts took about 60 ms of each run, on every click and every filter change, for
figures that had not changed. The charts are pure functions of small tables that the pages get
from the data boundary, once per version and filter state; so a figure is kept under that same
key (`of`), not under its table's contents, which Streamlit would hash at every run (2-3 ms a
table with pandas 3). Streamlit only serialises a figure it is given (through a copy), so a
shared one is never changed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from rectification import charts

Chart = Callable[[pd.DataFrame, str], go.Figure]


def kept(chart: Chart, table: pd.DataFrame, lang: str, of: Hashable) -> go.Figure:
    """`chart(table, lang)`, built once for `of`: everything `table` was computed from (the
    ledger's digest, and the filters where they narrowed it; a table of tasks needs its own).
    `chart` is one of `rectification.charts`: the cache knows it by name."""
    if getattr(charts, chart.__name__, None) is not chart:
        raise ValueError(f"{chart.__name__} is not a chart of rectification.charts")
    return _figure(chart.__name__, lang, of, table)


@st.cache_resource(show_spinner=False, max_entries=256)
def _figure(name: str, lang: str, of: Hashable, _table: pd.DataFrame) -> go.Figure:
    chart: Chart = getattr(charts, name)
    return chart(_table, lang)
