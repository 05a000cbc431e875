"""问题清单 · items: the inspectors' working list, each item in full, and export."""

import math
from dataclasses import replace

import streamlit as st

from rectification.display import inert_markdown, item_table, reminder_sentence, task_table, timeline_table
from rectification.export import cut_warning, export_file_name, export_frame, export_title, to_csv, to_xlsx
from rectification.web.oversight import item_oversight
from rectification.web.page import setup_page, url_widget
from rectification.web.source import (
    current_closures,
    item_timeline,
    list_export_cuts,
    reminder_log_of,
    selected_positions,
    selected_task_positions,
)
from rectification.web.widgets import item_detail, item_list

PAGE_SIZE = 100

ctx = setup_page("page.items")

st.title(ctx.t("page.items"))
if flash := st.session_state.pop("items_flash", None):
    st.success(flash, icon=":material/check_circle:")
st.caption(ctx.t("app.as_of", date=f"{ctx.ledger.as_of:%Y-%m-%d}"))
with st.container(horizontal=True):
    show_all = url_widget(st.toggle, "all", default=False, restore=ctx.arrived, label=ctx.t("items.show_all"))
    # Problems broken into tasks can be listed task by task, each under its own department.
    by_task = ctx.ledger.has_measures and url_widget(
        st.toggle, "tasks", default=False, restore=ctx.arrived, label=ctx.t("items.by_task")
    )
filters = replace(ctx.filters, open_only=not show_all)
if by_task:
    positions = selected_task_positions(ctx.ledger, filters)
    count = ctx.t("items.task_count", shown=len(positions), total=ctx.ledger.task_total)
else:
    positions = selected_positions(ctx.ledger, filters)
    count = ctx.t("items.count", shown=len(positions), total=len(ctx.ledger.findings))

pages = max(1, math.ceil(len(positions) / PAGE_SIZE))
with st.container(horizontal=True, vertical_alignment="bottom"):
    st.markdown(count)
    page = 1
    if pages > 1:
        page = st.number_input(ctx.t("items.page"), 1, pages, key="page", width=140)
on_page = positions[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
st.caption(ctx.t("items.select_hint"))  # above the table, where the eye starts
if by_task:
    table = task_table(*ctx.ledger.take_tasks(on_page), ctx.lang)
else:
    tasks = ctx.ledger.task_counts(on_page) if ctx.ledger.has_measures else None
    table = item_table(*ctx.ledger.take(on_page), ctx.lang, tasks=tasks)
event = item_list(
    table,
    ctx.lang,
    "tasks_table" if by_task else "items_table",
    on_select="rerun",
    selection_mode="single-row",
    room=ctx.main_width,
    alt=ctx.t("page.items"),
)
if pages > 1:
    st.caption(ctx.t("items.page_of", page=page, pages=pages, size=PAGE_SIZE))


def _export_rows():
    if by_task:  # the tasks listed, with their problems' cells on each row
        return export_frame(**ctx.ledger.tasks_for_export(positions), lang=ctx.lang, per="task")
    return export_frame(*ctx.ledger.take(positions), ctx.lang)


if ctx.identity.may("export"):  # inspectors and admins: what they see, as a file
    with st.container(horizontal=True):
        name = ctx.t("items.export_name")
        st.download_button(
            ctx.t("items.export_xlsx", count=len(positions)),
            data=lambda: to_xlsx(
                _export_rows(), name, export_title(ctx.ledger.findings["unit"], ctx.ledger.as_of, ctx.lang),
                ctx.lang,
            ),
            file_name=export_file_name(name, ctx.ledger.as_of, "xlsx"),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            on_click="ignore",
            key="export_xlsx",
        )
        st.download_button(
            ctx.t("items.export_csv"),
            data=lambda: to_csv(_export_rows()),
            file_name=export_file_name(name, ctx.ledger.as_of, "csv"),
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
            key="export_csv",
        )
    # Said before the download, not after: the .xlsx holds a text too long for a cell cut, and whole
    # on its 全文 sheet; the CSV keeps it whole.
    if cuts := list_export_cuts(ctx.ledger, positions, by_task, _export_rows, ctx.lang):
        warning = inert_markdown(cut_warning(cuts, ctx.lang)) + "  \n" + ctx.t("export.csv_whole")
        st.warning(warning, icon=":material/content_cut:")

selected_rows = event.selection.rows
linked = st.query_params.get("item")
if selected_rows and by_task:  # a task: its problem, with all its tasks
    position = ctx.ledger.problem_of_task(on_page[selected_rows[0]])
elif selected_rows:
    position = on_page[selected_rows[0]]
elif linked:
    position = ctx.ledger.position_of(linked)
    if position is None:
        # The ID is the URL's: a link someone sent could carry a Markdown link of its own.
        st.warning(inert_markdown(ctx.t("items.not_found", id=linked)))
else:
    position = None


def _put_away(chosen: tuple) -> None:
    # Closed by the reader: not opened again until another row (or link) is chosen.
    st.session_state["items_put_away"] = chosen


@st.dialog(ctx.t("items.detail"), width="large", on_dismiss=lambda: _put_away(chosen))
def _detail(position: int) -> None:
    """The chosen problem in full, over the list where the eye is, at any width: its measures,
    extensions, closure and timeline."""
    finding, level = ctx.ledger.finding_at(position)
    finding_id = ctx.ledger.id_at(position)
    item_detail(finding, level, ctx.lang, ctx.ledger.measures_of(finding_id))
    item_oversight(ctx.ledger, finding, current_closures(ctx.ledger).get(finding_id), ctx)
    timeline = item_timeline(ctx.ledger, finding_id)
    if len(timeline) > 1:
        st.markdown(f"**{ctx.t('history.item_heading')}**")
        st.dataframe(timeline_table(timeline, ctx.lang), hide_index=True, key="item_timeline")
    if chased := reminder_sentence(reminder_log_of(ctx.identity, problem=finding_id), finding_id, ctx.lang):
        st.markdown(inert_markdown(chased))  # names departments: the sheet's text


chosen = (tuple(selected_rows), linked, page, by_task)
if position is not None and st.session_state.get("items_put_away") != chosen:
    _detail(position)
