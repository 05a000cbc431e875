"""催办 on the pages (issue 16): at the foot of the departments page, what today's reminders say and
who would get which copy by which channel, before anything is sent; for inspectors and admins a
send with confirmation; today's record; each department's 督办通知单 to print. On the admin page,
the departments' contacts. Every button is a service-layer write (web.actions)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from rectification.access import CHAIN
from rectification.display import contact_table, copies_table, inert_markdown, reminder_log_table
from rectification.errors import Refusal
from rectification.labels import label, listed
from rectification.notices.docx import notice_docx
from rectification.reminders import Contact, digest_text, supervision_notice
from rectification.robots import ROBOTS
from rectification.web.actions import import_contacts, remove_contact, send_reminders, set_contact
from rectification.web.source import ChasePlan, contact_book, reminder_log_of, unmatched_of

if TYPE_CHECKING:
    from rectification.web.page import PageContext

FLASH = "chase_flash"
CONFIRMING = "chase_confirming"
SECTION = "chase_section"  # the section's open state: its content is drawn only when opened


def _dismissed() -> None:
    st.session_state.pop(CONFIRMING, None)


def reminder_section(plan: ChasePlan, as_of: date, ctx: PageContext) -> None:
    """催办 for inspectors and admins: today's reminders, whom they reach, the send, the record."""
    lang = ctx.lang
    digests = plan.digests
    heading = label("remind.section", lang, count=len(digests))
    section = st.expander(heading, icon=":material/campaign:", key=SECTION, on_change="rerun")
    with section:
        # Closed, its tables, the digest and the notice are not drawn (they were, on every visit,
        # under a closed heading: decision 55); only the heading's count asks for today's plan.
        if not section.open:
            return
        if flash := st.session_state.pop(FLASH, None):
            st.success(flash, icon=":material/send:")
        st.caption(_channel_note(plan, lang))
        if not digests:
            st.success(label("remind.none", lang))
            _todays_record(ctx)
            return
        table = pd.DataFrame(
            {
                label("field.department", lang): [d.department for d in digests],
                label("remind.to", lang): [label(f"remind.role.{d.role}", lang) for d in digests],
                label("metric.overdue", lang): [d.counts[0] for d in digests],
                label("warning.yellow", lang): [d.counts[1] for d in digests],
                label("remind.longest", lang): [d.counts[2] for d in digests],
            }
        )
        st.dataframe(table, hide_index=True, key="reminders_table")
        if plan.planned:
            st.markdown(f"**{label('remind.copies', lang, count=len(plan.planned))}**")
            st.dataframe(copies_table(plan.planned, lang, plan.today), hide_index=True, key="reminder_copies")
            if not plan.waiting:
                st.caption(label("remind.all_sent", lang))
        for missing in plan.unreachable:
            role = label(f"remind.role.{missing.role}", lang)
            said = label("remind.unreachable", lang, department=missing.digest.department, role=role)
            st.warning(inert_markdown(said), icon=":material/person_off:")
        sendable = plan.waiting and not plan.quiet and ctx.identity.may("remind")
        send = label("remind.send", lang, count=plan.waiting)
        if sendable and st.button(send, icon=":material/send:", key="send"):
            st.session_state[CONFIRMING] = True
        # Open until sent or dismissed: the confirmation's own click reruns the page too.
        if sendable and st.session_state.get(CONFIRMING):
            ask = st.dialog(label("remind.confirm_title", lang), width="medium", on_dismiss=_dismissed)
            ask(_confirm)(plan, ctx)
        names = [d.department for d in digests]
        chosen = st.selectbox(label("remind.show", lang), names, key="reminder_department")
        digest = digests[names.index(chosen)]
        st.text(digest_text(digest, as_of, lang))  # plain text: the sheet's words are never markup
        if (notice := supervision_notice(digest, as_of)) is not None:
            st.download_button(
                label("remind.download_docx", lang),
                data=lambda: notice_docx(notice),
                file_name=f"督办通知单_{as_of:%Y-%m-%d}.docx",
                icon=":material/description:",
                on_click="ignore",
                key="reminder_docx",
            )
        _todays_record(ctx)


def _channel_note(plan: ChasePlan, lang: str) -> str:
    if not plan.channels:
        return label("remind.section_note", lang)
    channels = listed((label(f"remind.channel.{c}", lang) for c in plan.channels), lang)
    key = "remind.quiet_now" if plan.quiet else "remind.channels_on"
    return label(key, lang, channels=channels)


def _confirm(plan: ChasePlan, ctx: PageContext) -> None:
    """Sending is not undone: say how many copies go to how many departments, then send on a
    second click."""
    waiting = [d for d, done in zip(plan.planned, plan.sent, strict=True) if not done]
    departments = len({d.digest.department for d in waiting})
    st.markdown(ctx.t("remind.confirm", copies=len(waiting), departments=departments))
    if st.button(ctx.t("remind.confirm_send"), type="primary", icon=":material/send:", key="send_confirmed"):
        st.session_state.pop(CONFIRMING, None)
        try:
            with st.spinner(ctx.t("remind.sending")):
                run = send_reminders(ctx.identity)
        except Refusal as refusal:
            ctx.said(refusal)
            return
        sent = sum(o.status == "sent" for o in run.outcomes)
        skipped = sum(o.status == "skipped" for o in run.outcomes)
        if run.quiet:  # the quiet hours began since the page was drawn
            summary = ctx.t("cli.remind_quiet", count=len(run.digests))
        elif not run.outcomes:
            summary = ctx.t("remind.nothing_to_send")
        else:
            summary = ctx.t("cli.remind_summary", sent=sent, failed=len(run.failed), skipped=skipped)
        st.session_state[FLASH] = summary
        st.rerun()


def _todays_record(ctx: PageContext) -> None:
    lang = ctx.lang
    log = reminder_log_of(ctx.identity, date.today())
    if len(log):
        st.markdown(f"**{label('remind.today_record', lang)}**")
        st.dataframe(reminder_log_table(log, lang), hide_index=True, key="reminder_record_today")


def contacts_section(ctx: PageContext, departments: list[str]) -> None:
    """The admin page's 催办联系人: the list, one contact entered or replaced, a sheet imported,
    one removed."""
    st.subheader(ctx.t("contacts.heading"))
    st.caption(ctx.t("contacts.intro"))
    if flash := st.session_state.pop("contacts_flash", None):
        st.success(inert_markdown(flash), icon=":material/check_circle:")
    if unmatched := st.session_state.pop("contacts_unmatched", None):
        said = ctx.t("contacts.unmatched", departments=listed(unmatched, ctx.lang))
        st.warning(inert_markdown(said), icon=":material/help:")
    book = contact_book(ctx.identity)
    if book:
        st.dataframe(contact_table(book, ctx.lang), hide_index=True, key="contacts_table")
    else:
        st.info(ctx.t("contacts.none"), icon=":material/contact_mail:")
    with st.form("contact_form", border=True):
        st.markdown(f"**{ctx.t('contacts.add')}**")
        st.caption(ctx.t("contacts.keep_note"))
        left, right = st.columns(2)
        department = left.selectbox(
            ctx.t("field.department"), departments, accept_new_options=True, index=None,
            placeholder=ctx.t("contacts.department_placeholder"), key="contact_department",
        )  # fmt: skip
        role = right.selectbox(
            ctx.t("contacts.role"), CHAIN, format_func=lambda r: ctx.t(f"remind.role.{r}"), key="contact_role"
        )
        name = left.text_input(ctx.t("contacts.name"), key="contact_name")
        email = right.text_input(ctx.t("contacts.email"), placeholder="name@example.org", key="contact_email")
        robot = left.selectbox(
            ctx.t("contacts.robot"), ("", *ROBOTS), format_func=lambda r: ctx.t(f"robot.{r}") if r else "—",
            key="contact_robot",
        )  # fmt: skip
        webhook = right.text_input(ctx.t("contacts.webhook"), placeholder="https://", key="contact_webhook")
        secret = st.text_input(ctx.t("contacts.secret"), type="password", key="contact_secret")
        if st.form_submit_button(ctx.t("admin.save"), type="primary"):
            entered = Contact(department or "", role, name, email, robot, webhook, secret)
            try:
                contact = set_contact(entered, ctx.identity)
            except Refusal as refusal:
                ctx.said(refusal)
            else:
                role_name = ctx.t(f"remind.role.{contact.role}")
                st.session_state["contacts_flash"] = ctx.t(
                    "cli.contact_set", department=contact.department, role=role_name
                )
                st.session_state["contacts_unmatched"] = unmatched_of([contact])
                st.rerun()
    with st.container(border=True):
        st.markdown(f"**{ctx.t('contacts.import')}**")
        st.caption(ctx.t("cli.help.contacts_import"))
        kinds = ["xlsx", "xls", "et", "csv"]
        sheet = st.file_uploader(ctx.t("contacts.import_file"), type=kinds, key="contacts_file")
        if sheet is not None and st.button(ctx.t("contacts.import_button"), key="contacts_import"):
            try:
                found = import_contacts(sheet.getvalue(), sheet.name, ctx.identity)
            except Refusal as refusal:
                ctx.said(refusal)
            else:
                departments_found = len({c.department for c in found})
                st.session_state["contacts_flash"] = ctx.t(
                    "cli.contacts_imported", count=len(found), departments=departments_found, file=sheet.name
                )
                st.session_state["contacts_unmatched"] = unmatched_of(found)
                st.rerun()
    if book:
        with st.container(border=True):
            st.markdown(f"**{ctx.t('contacts.remove')}**")
            shown = [f"{c.department} · {ctx.t(f'remind.role.{c.role}')}" for c in book]
            gone = st.selectbox(ctx.t("contacts.which"), range(len(book)), format_func=shown.__getitem__,
                                key="contact_remove")  # fmt: skip
            if st.button(ctx.t("contacts.remove"), key="contact_remove_button"):
                try:
                    remove_contact(book[gone].department, book[gone].role, ctx.identity)
                except Refusal as refusal:
                    ctx.said(refusal)
                else:
                    st.session_state["contacts_flash"] = ctx.t(
                        "cli.contact_removed", department=book[gone].department,
                        role=ctx.t(f"remind.role.{book[gone].role}"),
                    )  # fmt: skip
                    st.rerun()
