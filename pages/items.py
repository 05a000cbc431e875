"""问题清单 · items: the inspectors' working list, each item in full, and export."""

import math
from dataclasses import replace

import streamlit as st

from rectification.display import item_table, timeline_table
from rectification.export import export_frame, to_csv, to_xlsx
from rectification.web.page import setup_page, url_widget
from rectification.web.source import current_closures, item_timeline, selected_positions
from rectification.web.widgets import closure_panel, item_detail, item_list

PAGE_SIZE = 100

ctx = setup_page("page.items")

st.title(ctx.t("page.items"))
st.caption(ctx.t("app.as_of", date=f"{ctx.ledger.as_of:%Y-%m-%d}"))
show_all = url_widget(st.toggle, "all", default=False, restore=ctx.arrived, label=ctx.t("items.show_all"))
filters = replace(ctx.filters, open_only=not show_all)
positions = selected_positions(ctx.ledger, filters)

pages = max(1, math.ceil(len(positions) / PAGE_SIZE))
with st.container(horizontal=True, vertical_alignment="bottom"):
    st.markdown(ctx.t("items.count", shown=len(positions), total=len(ctx.ledger.findings)))
    page = 1
    if pages > 1:
        page = st.number_input(ctx.t("items.page"), 1, pages, key="page", width=140)
on_page = positions[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
event = item_list(
    item_table(*ctx.ledger.take(on_page), ctx.lang),
    ctx.lang,
    "items_table",
    on_select="rerun",
    selection_mode="single-row",
    alt=ctx.t("page.items"),
)
if pages > 1:
    st.caption(ctx.t("items.page_of", page=page, pages=pages, size=PAGE_SIZE))


def _export_rows():
    return export_frame(*ctx.ledger.take(positions), ctx.lang)


if ctx.identity.may("export"):  # inspectors and admins: what they see, as a file
    with st.container(horizontal=True):
        name = ctx.t("items.export_name")
        st.download_button(
            ctx.t("items.export_xlsx", count=len(positions)),
            data=lambda: to_xlsx(
                _export_rows(), name, ctx.t("export.as_of", date=f"{ctx.ledger.as_of:%Y-%m-%d}")
            ),
            file_name=f"{name}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            on_click="ignore",
            key="export_xlsx",
        )
        st.download_button(
            ctx.t("items.export_csv"),
            data=lambda: to_csv(_export_rows()),
            file_name=f"{name}.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
            key="export_csv",
        )

selected_rows = event.selection.rows
linked = st.query_params.get("item")
if selected_rows:
    position = on_page[selected_rows[0]]
elif linked:
    position = ctx.ledger.position_of(linked)
    if position is None:
        st.warning(ctx.t("items.not_found", id=linked))
else:
    position = None
    st.caption(ctx.t("items.select_hint"))
if position is not None:
    finding, level = ctx.ledger.finding_at(position)
    finding_id = ctx.ledger.id_at(position)
    st.subheader(ctx.t("items.detail"))
    item_detail(finding, level, ctx.lang)
    closure_panel(finding, current_closures(ctx.ledger).get(finding_id), ctx)
    timeline = item_timeline(ctx.ledger, finding_id)
    if len(timeline) > 1:
        st.markdown(f"**{ctx.t('history.item_heading')}**")
        st.dataframe(timeline_table(timeline, ctx.lang), hide_index=True, key="item_timeline")
