"""通报 · notices: write the next progress notice from a version; read a published one in."""

from datetime import date

import streamlit as st

from rectification.access import MODES
from rectification.display import inert_markdown, item_table
from rectification.notices.docx import notice_docx
from rectification.notices.write import notice_text
from rectification.web.page import setup_page
from rectification.web.preview import change_preview
from rectification.web.source import (
    notice_for_version,
    notice_proposal,
    notice_signature,
    prepare_reading,
    versions,
)
from rectification.web.widgets import flag_list, item_list, version_picker

PREVIEW_CHARS = 2000  # of each section in the preview

ctx = setup_page("page.report", needs_ledger=False)
st.title(ctx.t("page.report"))
if flash := st.session_state.pop("report_flash", None):
    st.success(flash, icon=":material/check_circle:")

if ctx.ledger is not None:
    with st.container(border=True):
        st.subheader(ctx.t("report.write"))
        st.caption(ctx.t("report.write_intro"))
        version = version_picker(versions(ctx.ledger), ctx, "report.version", "report_version")
        # The boxes start with the unit and round the chosen version names, and start again when
        # another version (or a new ledger) names others; otherwise what was typed stays.
        own_unit, own_round = notice_signature(version)
        for key, value in (("report_notice_unit", own_unit), ("report_notice_round", own_round)):
            if key not in st.session_state or st.session_state.get(f"{key}_from") != value:
                st.session_state[key] = st.session_state[f"{key}_from"] = value
        with st.container(horizontal=True):
            unit = st.text_input(
                ctx.t("report.unit"),
                placeholder=ctx.t("report.unit_placeholder"),
                help=ctx.t("report.unit_help"),
                key="report_notice_unit",
            )
            inspection = st.text_input(
                ctx.t("report.round"),
                placeholder=ctx.t("report.round_placeholder"),
                help=ctx.t("report.round_help"),
                key="report_notice_round",
            )
        notice = notice_for_version(version, unit=unit.strip(), round_=inspection.strip())
        with st.container(horizontal=True, vertical_alignment="bottom"):
            name = ctx.t("report.file_name")
            st.download_button(
                ctx.t("report.download_docx"),
                data=lambda: notice_docx(notice),
                file_name=f"{name}.docx",
                icon=":material/description:",
                on_click="ignore",
                key="report_docx",
            )
            st.download_button(
                ctx.t("report.download_md"),
                data=lambda: notice_text(notice, markdown=True),
                file_name=f"{name}.md",
                icon=":material/download:",
                on_click="ignore",
                key="report_md",
            )
        with st.container(border=True, height=420):
            st.markdown(f"#### {inert_markdown(notice.title)}")
            st.markdown(inert_markdown(notice.summary))
            cut = False
            for heading, paragraph in notice.sections:
                st.markdown(f"**{inert_markdown(heading)}**")
                # A section of a large ledger runs to hundreds of thousands of characters: drawing
                # all of it took the browser seconds. The files hold every word.
                long = len(paragraph) > PREVIEW_CHARS
                cut = cut or long
                st.markdown(inert_markdown(paragraph[:PREVIEW_CHARS] + ("……" if long else "")))
            if cut:
                st.caption(ctx.t("report.preview_cut", chars=PREVIEW_CHARS))
            st.markdown(inert_markdown(notice.closing))
            signature = [line for line in (notice.unit, notice.dated) if line]
            st.markdown(inert_markdown("\n".join(signature)), text_alignment="right")

# Merge first: items the notice leaves out stay; replace is one click away for a full notice.
modes = [m for m in MODES if ctx.identity.may(m)]
if modes:
    with st.container(border=True):
        st.subheader(ctx.t("report.read"))
        st.caption(ctx.t("report.read_intro"))
        round_ = st.session_state.setdefault("report_round", 0)
        uploaded = st.file_uploader(
            ctx.t("report.file"), type=["docx", "txt", "md"], key=f"report_file_{round_}"
        )
        pasted = st.text_area(ctx.t("report.paste"), height=140, key=f"report_paste_{round_}")
        mode = st.segmented_control(
            ctx.t("upload.mode"),
            modes,
            default=modes[0],
            required=True,
            format_func=lambda m: ctx.t(f"upload.mode.{m}"),
            help=ctx.t("upload.mode_help"),
            key="report_mode",
        )
        if uploaded is not None:
            content, filename = uploaded.getvalue(), uploaded.name
        elif pasted.strip():
            content, filename = pasted.encode("utf-8"), "pasted-notice.txt"
        else:
            prepare_reading()  # while a notice is chosen, not after
            st.stop()
        with st.spinner(ctx.t("upload.reading")):
            parsed, proposal = notice_proposal(content, filename, mode)
        if parsed.check.accepted:
            # What is overdue depends on this date; most notices state none, so it is asked for.
            stated = parsed.check.as_of
            as_of = st.date_input(
                ctx.t("report.as_of"),
                value=stated or date.today(),
                help=ctx.t("report.as_of_help"),
                key=f"report_as_of_{proposal.sha256[:12]}",
                width=200,
            )
            if as_of != stated:
                parsed, proposal = notice_proposal(content, filename, mode, as_of)
        check = parsed.check
        if parsed.title:
            st.markdown(inert_markdown(ctx.t("report.title", title=parsed.title)))
        if claimed := parsed.claimed_counts:
            st.caption(ctx.t("report.claimed", **claimed))
        if not check.accepted:
            st.error(ctx.t("upload.refused"), icon=":material/block:")
            flag_list(check.errors, ctx.lang, "report_errors")
        if check.warnings:
            with st.expander(
                ctx.t("upload.warnings", count=len(check.warnings)), expanded=not check.accepted
            ):
                flag_list(check.warnings, ctx.lang, "report_warnings")
        if check.accepted:
            findings = check.findings
            st.markdown(ctx.t("report.found", count=len(findings), categories=parsed.categories))
            if parsed.matched:
                st.caption(
                    ctx.t("report.matched", matched=parsed.matched, new=len(findings) - parsed.matched)
                )
            with st.expander(
                ctx.t("upload.rows_title", title=ctx.t("report.read_items"), count=len(findings))
            ):
                item_list(
                    item_table(findings, None, ctx.lang),
                    ctx.lang,
                    "report_items",
                )
            change_preview(proposal, mode, ctx, "report")
