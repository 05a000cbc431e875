"""用户与权限 · users and roles: the app's own role table (admins only)."""

import streamlit as st

from rectification.access import ROLES, normalise_identity
from rectification.display import inert_markdown, member_table
from rectification.errors import Refusal
from rectification.reminders import addressees
from rectification.web.actions import remove_member, set_member
from rectification.web.chasing import contacts_section
from rectification.web.page import setup_page
from rectification.web.source import role_table

ctx = setup_page("page.admin", needs_ledger=False)
st.title(ctx.t("page.admin"))
st.caption(ctx.t("admin.intro"))
if flash := st.session_state.pop("admin_flash", None):
    st.success(inert_markdown(flash), icon=":material/check_circle:")  # names the person typed in

people = role_table()
if not people:  # Streamlit's empty grid says "empty" in English
    st.info(ctx.t("admin.no_members"), icon=":material/group:")
else:
    st.dataframe(member_table(people, ctx.lang), hide_index=True, key="members_table")

departments = ctx.ledger.options("department") if ctx.ledger else []
# Contacts are entered by the names reminders are addressed to ("单位 部门" with several units).
addressed = addressees(ctx.ledger.measures) if ctx.ledger else []
with st.form("member_form", border=True):
    st.subheader(ctx.t("admin.add"))
    identity = st.text_input(ctx.t("admin.identity"), placeholder="name@example.org", key="member_identity")
    role = st.selectbox(
        ctx.t("admin.role"), ROLES, format_func=lambda r: ctx.t(f"role.{r}"), key="member_role"
    )
    chosen = st.multiselect(
        ctx.t("admin.departments"),
        departments,
        accept_new_options=True,
        placeholder=ctx.t("admin.departments_placeholder"),
        key="member_departments",
    )
    if st.form_submit_button(ctx.t("admin.save"), type="primary"):
        if not identity.strip():
            st.error(ctx.t("admin.identity_needed"))
        else:
            try:
                set_member(identity, role, tuple(chosen), ctx.identity)
            except Refusal as refusal:
                ctx.said(refusal)
            else:
                st.session_state["admin_flash"] = ctx.t(
                    "cli.user_added", identity=normalise_identity(identity), role=ctx.t(f"role.{role}")
                )
                st.rerun()

if people:
    with st.container(border=True):
        st.subheader(ctx.t("admin.remove"))
        gone = st.selectbox(ctx.t("admin.identity"), [p.identity for p in people], key="member_remove")
        if st.button(ctx.t("admin.remove"), key="member_remove_button"):
            try:
                remove_member(gone, ctx.identity)
            except Refusal as refusal:
                ctx.said(refusal)
            else:
                st.session_state["admin_flash"] = ctx.t("cli.user_removed", identity=gone)
                st.rerun()

contacts_section(ctx, addressed)
