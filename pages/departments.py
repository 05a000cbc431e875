"""部门 · departments: every department compared, then one department in detail."""

from dataclasses import replace

import streamlit as st

from rectification.charts import completion_by_category
from rectification.display import department_table, inert_markdown, item_table
from rectification.web.page import setup_page, url_widget
from rectification.web.source import open_items_most_urgent_first, overview
from rectification.web.widgets import chart_card, headline_figures, item_list

ctx = setup_page("page.departments")
view = overview(ctx.ledger, ctx.filters)

st.title(ctx.t("page.departments"))
st.caption(ctx.t("app.as_of", date=f"{ctx.ledger.as_of:%Y-%m-%d}"))

with st.container(border=True):
    st.subheader(ctx.t("departments.table"))
    st.dataframe(
        department_table(view.departments, ctx.lang),
        hide_index=True,
        column_config={
            ctx.t("column.rate"): st.column_config.ProgressColumn(format="%.1f%%", min_value=0, max_value=100)
        },
        key="departments_table",
        alt=ctx.t("departments.table"),
    )

names = view.department_names
if not names:
    st.stop()
department = url_widget(
    st.selectbox,
    "dept",
    options=names,
    default=names[0],
    restore=ctx.arrived,
    label=ctx.t("departments.choose"),
)
scoped = replace(ctx.filters, department=(department,))
shown_name = inert_markdown(department)
detail = overview(ctx.ledger, scoped)
headline_figures(detail.summary, ctx.lang)

chart_card(
    ctx.t("departments.by_category", department=shown_name),
    completion_by_category(detail.categories, ctx.lang),
    "chart_department_categories",
    alt=ctx.t("departments.by_category", department=department),
)
with st.container(border=True):
    st.subheader(ctx.t("departments.open_items", department=shown_name))
    positions = open_items_most_urgent_first(ctx.ledger, scoped)
    item_list(
        item_table(*ctx.ledger.take(positions), ctx.lang),
        ctx.lang,
        "department_items",
        alt=ctx.t("departments.open_items", department=department),
    )
