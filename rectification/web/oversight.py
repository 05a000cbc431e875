"""An item's oversight on the items page (issue 13): its deadline extensions (延期申请) with the
inspector's approve and reject, its closure (销号) or reopening (回头看), and completions later
than the deadline (逾期完成). Every button is a service-layer write (web.actions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from rectification.display import extension_table, inert_markdown
from rectification.errors import Refusal
from rectification.extensions import late_completions
from rectification.labels import label
from rectification.ledger_version import LedgerVersion
from rectification.store.closure import Verification
from rectification.web.actions import decide_extension, reopen_problem
from rectification.web.widgets import closure_panel

if TYPE_CHECKING:
    from rectification.web.page import PageContext


def item_oversight(
    ledger: LedgerVersion, finding: pd.Series, state: Verification | None, ctx: PageContext
) -> None:
    """Everything an inspector decides about one problem, under its detail."""
    finding_id = str(finding["id"])
    late_note(ledger, finding_id, ctx.lang)
    extensions_panel(ledger, finding_id, ctx)
    reopening = ledger.reopened.get(finding_id)
    if reopening is not None:
        # Who reopened it and why: outside text, shown inert.
        when = f"{reopening.reopened_at:%Y-%m-%d}"
        said = label("reopen.shown", ctx.lang, by=reopening.reopened_by, at=when, reason=reopening.reason)
        st.warning(inert_markdown(said), icon=":material/undo:")
        return
    closure_panel(finding, state, ctx)
    if state is not None and state.valid and finding["status"] == "done" and ctx.identity.may("reopen"):
        reopen_form(finding_id, ctx)


def late_note(ledger: LedgerVersion, finding_id: str, lang: str) -> None:
    """The problem's measures completed after their deadline (the original one, when extended)."""
    measures, _ = ledger.measures_of(finding_id)
    late = late_completions(measures)
    for row in late.itertuples(index=False):
        completed, deadline = f"{row.completed_on:%Y-%m-%d}", f"{row.deadline:%Y-%m-%d}"
        days = int(row.days)
        said = label(
            "late.shown", lang, measure=row.measure, completed=completed, deadline=deadline, days=days
        )
        st.markdown(inert_markdown(said))


def extensions_panel(ledger: LedgerVersion, finding_id: str, ctx: PageContext) -> None:
    """The problem's recorded deadline moves, and for an inspector the decision on pending ones."""
    recorded = ledger.extensions_of(finding_id)
    if recorded.empty:
        return
    st.markdown(f"**{label('extension.heading', ctx.lang, count=len(recorded))}**")
    st.dataframe(extension_table(recorded, ctx.lang), hide_index=True, key="item_extensions")
    pending = recorded[(recorded["state"] == "pending").to_numpy()]
    if pending.empty or not ctx.identity.may("extend"):
        if not pending.empty:
            st.caption(label("extension.waiting", ctx.lang, count=len(pending)))
        return
    with st.form(f"extensions_{finding_id}", border=True):
        st.markdown(f"**{label('extension.decide', ctx.lang)}**")
        number = st.selectbox(
            label("extension.number", ctx.lang),
            [int(n) for n in pending["extension"]],
            format_func=lambda n: label("extension.choice", ctx.lang, number=n),
            key="extension_choice",
        )
        note = st.text_input(label("extension.decision_note", ctx.lang), key="extension_note")
        with st.container(horizontal=True):
            approve = st.form_submit_button(label("extension.approve", ctx.lang), type="primary")
            reject = st.form_submit_button(label("extension.reject", ctx.lang))
        if approve or reject:
            try:
                decide_extension(number, "approved" if approve else "rejected", ctx.identity, note=note)
            except Refusal as refusal:
                ctx.said(refusal)
                return
            st.session_state["items_flash"] = label(
                "extension.approved" if approve else "extension.rejected", ctx.lang, number=number
            )
            st.rerun()


def reopen_form(finding_id: str, ctx: PageContext) -> None:
    """For an inspector: reopen this verified-closed problem with a reason (回头看)."""
    expander = st.expander(label("reopen.heading", ctx.lang), icon=":material/undo:")
    with expander, st.form(f"reopen_{finding_id}", border=False):
        reason = st.text_area(label("reopen.reason", ctx.lang), key="reopen_reason")
        if st.form_submit_button(label("reopen.confirm", ctx.lang)):
            try:
                reopen_problem(finding_id, ctx.identity, reason=reason)
            except Refusal as refusal:
                ctx.said(refusal)
                return
            st.session_state["items_flash"] = label("reopen.done", ctx.lang, id=finding_id)
            st.rerun()
