"""上传 · upload: a department's updated sheet, checked, previewed, and saved only on confirm."""

import streamlit as st

from rectification.access import MODES
from rectification.sheets import UPLOAD_TYPES
from rectification.template import template_bytes
from rectification.web.page import setup_page
from rectification.web.preview import change_preview
from rectification.web.source import prepare_reading, upload_proposal
from rectification.web.widgets import flag_list

ctx = setup_page("page.upload", needs_ledger=False)
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
uploaded = st.file_uploader(ctx.t("upload.file"), type=list(UPLOAD_TYPES), key=f"upload_{round_}")
if uploaded is None:
    prepare_reading()  # while a file is chosen, not after
    st.stop()

with st.spinner(ctx.t("upload.reading")):  # a large ledger takes seconds; the limit, a minute
    proposal = upload_proposal(uploaded.getvalue(), uploaded.name, mode)
check = proposal.check
if not check.accepted:
    st.error(ctx.t("upload.refused"), icon=":material/block:")
    st.markdown(f"**{ctx.t('upload.errors', count=len(check.errors))}**")
    flag_list(check.errors, ctx.lang, "upload_errors")
if check.warnings:
    with st.expander(ctx.t("upload.warnings", count=len(check.warnings)), expanded=not check.accepted):
        flag_list(check.warnings, ctx.lang, "upload_warnings")
if proposal.diff is None:
    st.stop()

change_preview(proposal, mode, ctx, "upload")
