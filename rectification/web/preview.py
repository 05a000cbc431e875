"""What an upload or an imported notice would change, then the button that saves it: the same
preview wherever a new version can come from, so nothing is saved unseen."""

from __future__ import annotations

import streamlit as st

from rectification.display import change_table, item_table
from rectification.labels import label
from rectification.service import Proposal
from rectification.web.page import PageContext
from rectification.web.widgets import item_list, save_panel

PREVIEW_ROWS = 200


def change_preview(proposal: Proposal, mode: str, ctx: PageContext, prefix: str) -> None:
    """Counts of added, changed, unchanged and missing items against the current version, the
    save panel, and below it the changes field by field and the added and missing items."""
    diff = proposal.diff
    st.subheader(
        label("upload.preview", ctx.lang, version=proposal.base_version)
        if proposal.base_version
        else label("upload.preview_first", ctx.lang)
    )
    missing_key = "upload.missing_merge" if mode == "merge" else "upload.missing_replace"
    with st.container(horizontal=True):
        st.metric(label("upload.added", ctx.lang), len(diff.added), border=True)
        st.metric(label("upload.changed", ctx.lang), len(diff.changed_ids), border=True)
        st.metric(label("upload.unchanged", ctx.lang), diff.unchanged, border=True)
        st.metric(label(missing_key, ctx.lang), len(diff.missing), border=True)

    save_panel(proposal, mode, ctx, prefix)

    # What will change, in detail: below the button so the decision is in view first.
    if not diff.changes.empty:
        st.markdown(f"**{label('upload.changed', ctx.lang)}**")
        st.dataframe(change_table(diff.changes, ctx.lang), hide_index=True, key=f"{prefix}_changes")
    for key, rows, open_ in (
        ("upload.added", diff.added, True),
        (missing_key, diff.missing, mode == "replace"),
    ):
        if rows.empty:
            continue
        with st.expander(
            label("upload.rows_title", ctx.lang, title=label(key, ctx.lang), count=len(rows)), expanded=open_
        ):
            shown = rows.head(PREVIEW_ROWS)
            item_list(item_table(shown, None, ctx.lang), ctx.lang, f"{prefix}_{key}")
            if len(rows) > PREVIEW_ROWS:
                st.caption(label("upload.first_rows", ctx.lang, shown=PREVIEW_ROWS, total=len(rows)))
