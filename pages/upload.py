"""上传 · upload: a department's updated sheet, checked, previewed, and saved only on confirm."""

import streamlit as st

from rectification.display import change_table, item_table
from rectification.service import MODES
from rectification.template import template_bytes
from rectification.web.page import setup_page
from rectification.web.source import upload_proposal
from rectification.web.widgets import flag_list, item_list, save_panel

PREVIEW_ROWS = 200

ctx = setup_page("page.upload", ":material/upload:", needs_ledger=False)
st.title(ctx.t("page.upload"))
st.caption(ctx.t("upload.intro"))

if flash := st.session_state.pop("upload_flash", None):
    st.success(flash, icon=":material/check_circle:")

with st.container(horizontal=True, vertical_alignment="bottom"):
    mode = st.segmented_control(
        ctx.t("upload.mode"),
        [m for m in MODES if ctx.identity.may(m)],
        default="merge",
        required=True,
        format_func=lambda m: ctx.t(f"upload.mode.{m}"),
        help=ctx.t("upload.mode_help"),
        key="upload_mode",
    )
    st.download_button(
        ctx.t("upload.template"),
        data=template_bytes,
        file_name=f"{ctx.t('upload.template_name')}.xlsx",
        icon=":material/download:",
        on_click="ignore",
        key="template",
    )

# A new key after each save empties the uploader, so the saved file cannot be saved again.
round_ = st.session_state.setdefault("upload_round", 0)
uploaded = st.file_uploader(
    ctx.t("upload.file"), type=["xlsx", "xlsm", "xls", "ods", "csv"], key=f"upload_{round_}"
)
if uploaded is None:
    st.stop()

proposal = upload_proposal(uploaded.getvalue(), uploaded.name, mode)
check, diff = proposal.check, proposal.diff
if not check.accepted:
    st.error(ctx.t("upload.refused"), icon=":material/block:")
    st.markdown(f"**{ctx.t('upload.errors', count=len(check.errors))}**")
    flag_list(check.errors, ctx.lang, "upload_errors")
if check.warnings:
    with st.expander(ctx.t("upload.warnings", count=len(check.warnings)), expanded=not check.accepted):
        flag_list(check.warnings, ctx.lang, "upload_warnings")
if diff is None:
    st.stop()

st.subheader(
    ctx.t("upload.preview", version=proposal.base_version)
    if proposal.base_version
    else ctx.t("upload.preview_first")
)
missing_key = "upload.missing_merge" if mode == "merge" else "upload.missing_replace"
with st.container(horizontal=True):
    st.metric(ctx.t("upload.added"), len(diff.added), border=True)
    st.metric(ctx.t("upload.changed"), len(diff.changed_ids), border=True)
    st.metric(ctx.t("upload.unchanged"), diff.unchanged, border=True)
    st.metric(ctx.t(missing_key), len(diff.missing), border=True)

save_panel(proposal, mode, ctx, "upload")

# What will change, in detail: below the button so the decision is in view first.
if not diff.changes.empty:
    st.markdown(f"**{ctx.t('upload.changed')}**")
    st.dataframe(change_table(diff.changes, ctx.lang), hide_index=True, key="upload_changes")
for key, rows, open_ in (("upload.added", diff.added, True), (missing_key, diff.missing, mode == "replace")):
    if rows.empty:
        continue
    with st.expander(f"{ctx.t(key)}（{len(rows)}）", expanded=open_):
        shown = rows.head(PREVIEW_ROWS)
        item_list(item_table(shown, shown["status"].map(lambda _: ""), ctx.lang), ctx.lang, f"table_{key}")
        if len(rows) > PREVIEW_ROWS:
            st.caption(ctx.t("upload.first_rows", shown=PREVIEW_ROWS, total=len(rows)))
