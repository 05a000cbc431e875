"""版本历史 · history: every version, the trend, downloads, restore, one item across versions."""

from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st

from rectification.charts import completion_trend
from rectification.display import (
    inert_markdown,
    quiet_count_table,
    quiet_table,
    reminder_log_table,
    timeline_table,
    verification_log_table,
    version_table,
)
from rectification.errors import Refusal
from rectification.export import cut_warning, export_file_name
from rectification.service import export_version
from rectification.web.figures import kept
from rectification.web.page import setup_page, url_widget
from rectification.web.preview import change_preview
from rectification.web.source import (
    closure_log,
    history,
    item_timeline,
    quiet_changes_of,
    reminder_log_of,
    restore_proposal,
    version_export_cuts,
    version_ledger,
)
from rectification.web.widgets import chart_card, version_picker

ctx = setup_page("page.history")
# Versions store each item's department, not its category or text: of the sidebar's filters only
# 责任部门 can narrow the trend, and the page says so rather than look filtered.
departments = ctx.filters.department
versions, trend = history(ctx.ledger, departments)

st.title(ctx.t("page.history"))
for flash_key in ("history_flash", "restore_flash"):
    if flash := st.session_state.pop(flash_key, None):
        st.success(flash, icon=":material/check_circle:")

trend_chart = kept(completion_trend, trend, ctx.lang, of=(ctx.ledger.digest, departments))
chart_card(ctx.t("history.trend"), trend_chart, "chart_trend")
if departments:
    st.caption(inert_markdown(ctx.t("history.trend_departments", departments="、".join(departments))))
if replace(ctx.filters, department=()).active:
    st.caption(ctx.t("history.filters_ignored"))

with st.container(border=True):
    st.subheader(ctx.t("history.versions"))
    st.dataframe(
        version_table(versions, ctx.lang),
        hide_index=True,
        column_config={
            ctx.t("column.rate"): st.column_config.ProgressColumn(format="%.1f%%", min_value=0, max_value=100)
        },
        key="versions_table",
    )
    with st.container(horizontal=True, vertical_alignment="bottom"):
        chosen = version_picker(versions, ctx, "history.choose", "history_version")
        chosen_as_of = next((v.as_of for v in versions if v.id == chosen), None)
        if ctx.identity.may("export"):
            st.download_button(
                ctx.t("history.download", version=chosen),
                data=lambda: export_version(version_ledger(chosen), ctx.identity, ctx.lang),
                file_name=export_file_name(ctx.t("history.file_name", version=chosen), chosen_as_of, "xlsx"),
                icon=":material/download:",
                on_click="ignore",
                key="history_download",
            )
        if ctx.identity.may("restore") and st.button(
            ctx.t("history.restore"), help=ctx.t("history.restore_help"), key="history_restore"
        ):
            st.session_state["history_restoring"] = (chosen, st.session_state.get("restore_round", 0))
    # Beside the download, before it is pressed: what the .xlsx cuts, and where it is kept whole.
    if ctx.identity.may("export") and (cuts := version_export_cuts(chosen, ctx.lang)):
        st.warning(inert_markdown(cut_warning(cuts, ctx.lang)), icon=":material/content_cut:")

# A restore is previewed like an upload, and saved only on confirmation; a save (a new round)
# or choosing another version puts the preview away.
restoring = st.session_state.get("history_restoring")
if restoring and ctx.identity.may("restore"):
    version_id, round_ = restoring
    if round_ != st.session_state.get("restore_round", 0) or version_id != chosen:
        st.session_state.pop("history_restoring", None)
    else:
        with st.container(border=True):
            st.subheader(ctx.t("history.restore_title", version=version_id))
            if st.button(ctx.t("history.restore_cancel"), key="history_restore_cancel"):
                st.session_state.pop("history_restoring", None)
                st.rerun()
            try:
                change_preview(restore_proposal(version_id), "restore", ctx, "restore")
            except Refusal as refusal:
                ctx.said(refusal)

# What the chosen version changed quietly (变化核查), found when it was saved, per department.
quiet = quiet_changes_of(chosen)
with st.container(border=True):
    st.subheader(ctx.t("history.quiet", version=chosen))
    if quiet.empty:
        st.caption(ctx.t("history.quiet_none"))
    else:
        st.dataframe(quiet_count_table(quiet, ctx.lang), hide_index=True, key="quiet_counts")
        # Each entry links to the item's detail and to its timeline here (the id URL-encoded: it is
        # the sheet's text, and only ever a query value).
        changes = quiet_table(quiet, ctx.lang)
        detail, timeline = ctx.t("history.quiet_detail"), ctx.t("history.quiet_timeline")
        changes[detail] = [f"items?{urlencode({'item': i, 'all': 'true'})}" for i in quiet["id"]]
        changes[timeline] = [f"history?{urlencode({'item': i})}" for i in quiet["id"]]
        st.dataframe(
            changes,
            hide_index=True,
            column_config={
                detail: st.column_config.LinkColumn(display_text=ctx.t("history.quiet_open")),
                timeline: st.column_config.LinkColumn(display_text=ctx.t("history.quiet_open")),
            },
            key="quiet_changes",
        )

log = closure_log()
if len(log):
    with st.container(border=True):
        st.subheader(ctx.t("history.verifications"))
        st.dataframe(verification_log_table(log, ctx.lang), hide_index=True, key="verification_log")

reminders = reminder_log_of(ctx.identity)
if len(reminders):
    with st.container(border=True):
        st.subheader(ctx.t("history.reminders"))
        shown = reminder_log_table(reminders, ctx.lang, addresses=ctx.identity.may("remind"))
        st.dataframe(shown, hide_index=True, key="reminder_log")

with st.container(border=True):
    st.subheader(ctx.t("history.item"))
    item = url_widget(st.text_input, "item", default="", restore=ctx.arrived, label=ctx.t("history.item_id"))
    if item.strip():
        timeline = item_timeline(ctx.ledger, item.strip())
        if not len(timeline):
            st.warning(inert_markdown(ctx.t("history.item_none", id=item.strip())))  # typed or the URL's
        else:
            st.dataframe(timeline_table(timeline, ctx.lang), hide_index=True, key="timeline_table")
