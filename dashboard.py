"""总览 · overview. A placeholder until the full overview lands: the sample ledger's totals."""

from datetime import date

import streamlit as st

from rectification.labels import label
from rectification.metrics import summarise
from rectification.web.source import sample_ledger

st.set_page_config(page_title=label("app.title"), page_icon=":material/fact_check:", layout="wide")

check = sample_ledger()
st.title(label("app.title"))
if not check.accepted:
    for flag in check.errors:
        st.error(flag.message())
    st.stop()

summary = summarise(check.findings, check.as_of or date.today())
st.caption(label("app.as_of", date=summary.as_of.isoformat()) + f" · {check.file}")
cols = st.columns(4)
cols[0].metric(label("metric.total"), summary.total)
cols[1].metric(label("status.done"), summary.done)
cols[2].metric(label("metric.completion_rate"), f"{summary.completion_rate:.1%}")
cols[3].metric(label("metric.overdue"), summary.overdue)
