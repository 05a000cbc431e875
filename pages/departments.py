"""部门 · departments: every department compared, then one department in detail."""

from dataclasses import replace

import streamlit as st

from rectification.charts import completion_by_category
from rectification.display import department_table, inert_markdown, item_table, task_table
from rectification.web.chasing import reminder_section
from rectification.web.figures import kept
from rectification.web.page import setup_page
from rectification.web.source import (
    department_oversight_of,
    open_items_most_urgent_first,
    open_tasks_most_urgent_first,
    overview,
    selected_positions,
    task_overview,
    todays_plan,
)
from rectification.web.widgets import (
    CARD_PADDING,
    LIST_ROWS,
    amounts_line,
    chart,
    headline_figures,
    item_list,
    more_link,
    one_view_at_a_time,
)

ctx = setup_page("page.departments")
# The comparison is of every department (under the other filters); the sidebar's 责任部门 is the
# one choice of which department is shown in detail below it.
compared_by = replace(ctx.filters, department=())
view = overview(ctx.ledger, compared_by)
# Problems broken into tasks: each department is judged on its own tasks, beside the problems it leads.
by_task = ctx.ledger.has_measures
tasks = task_overview(ctx.ledger, compared_by) if by_task else None

st.title(ctx.t("page.departments"))
st.caption(ctx.t("app.as_of", date=f"{ctx.ledger.as_of:%Y-%m-%d}"))


def chase() -> None:
    """催办, at the foot of the page: what today's reminders say, to whom, and the send (issue 16)."""
    if ctx.identity.may("export"):
        reminder_section(todays_plan(ctx.ledger), ctx.ledger.as_of, ctx)


if view.units is not None:  # one unit's 办公室 is not another's: compare within one unit
    st.info(ctx.t("overview.departments_by_unit"), icon=":material/apartment:")
    chase()
    st.stop()

with st.container(border=True):
    st.subheader(ctx.t("departments.table"))
    if by_task:
        st.caption(ctx.t("departments.tasks_note"))
    compared = tasks.departments if by_task else view.departments
    oversight = department_oversight_of(ctx.ledger, list(compared["department"]))
    st.dataframe(
        department_table(compared, ctx.lang, view.departments if by_task else None, oversight),
        hide_index=True,
        column_config={
            ctx.t("field.department"): st.column_config.TextColumn(pinned=True),
            ctx.t("column.rate"): st.column_config.ProgressColumn(
                format="%.1f%%", min_value=0, max_value=100, width=110
            ),
        },
        key="departments_table",
        alt=ctx.t("departments.table"),
    )

names = tasks.department_names if by_task else view.department_names
if not names:
    st.stop()
chosen = [name for name in ctx.filters.department if name in names]
linked = st.query_params.get("dept")  # links made before the sidebar was the one choice
department = chosen[0] if chosen else linked if linked in names else names[0]
if not chosen:
    st.caption(ctx.t("departments.choose_in_sidebar", department=inert_markdown(department)))
elif len(chosen) > 1:
    st.caption(ctx.t("departments.first_of_chosen", department=inert_markdown(department)))
scoped = replace(ctx.filters, department=(department,))
shown_name = inert_markdown(department)
detail = overview(ctx.ledger, scoped)
headline_figures((task_overview(ctx.ledger, scoped) if by_task else detail).summary, ctx.lang, tasks=by_task)
amounts_line(detail.amounts, ctx.lang)


def listed(table, total: int, key: str, empty: str, named: str, query: dict[str, str]) -> None:
    """One of the department's lists (a table from rectification.display), cut to its most urgent
    rows, and a link to all `total` in the item list (filtered by the department and `query`)."""
    alt = ctx.t(named, department=department)
    item_list(table, ctx.lang, key, empty=empty, room=ctx.main_width - CARD_PADDING, alt=alt)
    more_link(total, {"department": [department], **query}, ctx.lang)


def open_tasks() -> None:
    tasks_open = open_tasks_most_urgent_first(ctx.ledger, scoped)
    table = task_table(*ctx.ledger.take_tasks(tasks_open[:LIST_ROWS]), ctx.lang)
    listed(table, len(tasks_open), "department_tasks", "departments.no_open_tasks", "departments.open_tasks",
           {"tasks": "true"})  # fmt: skip


def problems() -> None:
    """Problems broken into tasks: every problem it leads; otherwise its open ones."""
    positions = (
        ctx.ledger.most_urgent_first(selected_positions(ctx.ledger, scoped))
        if by_task
        else open_items_most_urgent_first(ctx.ledger, scoped)
    )
    table = item_table(*ctx.ledger.take(positions[:LIST_ROWS]), ctx.lang)
    named = "departments.led_problems" if by_task else "departments.open_items"
    listed(table, len(positions), "department_items", "departments.no_open_items", named,
           {"all": "true"} if by_task else {})  # fmt: skip


def by_category() -> None:
    figure = kept(completion_by_category, detail.categories, ctx.lang, of=(ctx.ledger.digest, scoped))
    chart(figure, "chart_department_categories", ctx.t("departments.by_category", department=department))


# The department's lists first (the inspector's work), its categories one click away: one view
# drawn at a time, as on the overview.
views = [("open_tasks", ctx.t("departments.view.open_tasks"), open_tasks)] if by_task else []
views += [
    ("problems", ctx.t("departments.view.led" if by_task else "departments.view.open_items"), problems),
    ("categories", ctx.t("departments.view.categories"), by_category),
]
one_view_at_a_time(shown_name, views, "department_views")
chase()
