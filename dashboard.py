"""总览 · overview: leadership's one screen."""

import streamlit as st

from rectification.charts import ageing_chart, burn_up_chart, completion_by_category, department_ranking
from rectification.display import inert_markdown
from rectification.notices.summary import ageing_sentence, laggard_sentence, summary_paragraph
from rectification.web.briefing import NOT_IN_BRIEFING, briefing_print
from rectification.web.figures import kept
from rectification.web.page import setup_page
from rectification.web.source import (
    completion_trend,
    overview,
    previous_ledger,
    progress_points,
    quiet_changes_of,
    task_overview,
    verified_closed,
)
from rectification.web.widgets import (
    CHART_MIN_WIDTH,
    amounts_line,
    attention_list,
    chart,
    chart_card,
    comparison_card,
    headline_figures,
    heatmap,
    one_view_at_a_time,
    oversight_line,
    task_line,
)

ctx = setup_page("page.overview")
view = overview(ctx.ledger, ctx.filters)
shown = (ctx.ledger.digest, ctx.filters)  # what `view` was computed from: its charts' key
previous = previous_ledger(ctx.ledger)
before = overview(previous, ctx.filters) if previous else None

st.title(ctx.t("page.overview"))
caption = ctx.t("app.as_of", date=f"{ctx.ledger.as_of:%Y-%m-%d}")
with st.container(horizontal=True, vertical_alignment="center"):
    st.caption(caption + (f" · {ctx.t('app.filtered')}" if ctx.filters.active else ""))
    st.space("stretch")
    # One A4 page for the meeting: the figures, the trend and ageing charts, the attention list.
    briefing_print(ctx.t("overview.print"), ctx.t("overview.print_help"))
if not view.summary.total:
    st.info(ctx.t("overview.no_items"))
    st.stop()

verified = verified_closed(ctx.ledger, ctx.filters)
# The stored versions' rates make the trend; a filtered view has none of its own.
trend = None if ctx.filters.active else completion_trend(ctx.ledger)
reopened = len(ctx.ledger.reopened)
headline_figures(
    view.summary, ctx.lang, before.summary if before else None, verified, trend=trend, reopened=reopened
)
pending = len(ctx.ledger.pending_extensions)
oversight_line(quiet_changes_of(ctx.ledger.version.id), pending, reopened, ctx.lang)
if ctx.ledger.has_measures:  # problems broken into tasks: both counts, as notices give them
    task_line(view.summary, task_overview(ctx.ledger, ctx.filters).summary, ctx.lang)
amounts_line(view.amounts, ctx.lang)
# The notice's sentence, then who lags by name: names are the sheet's text, shown inert.
lagging = laggard_sentence(view.categories, view.departments, view.ageing, ctx.lang, units=view.units)
said = summary_paragraph(view.summary, ctx.lang) + (f"\n\n{inert_markdown(lagging)}" if lagging else "")
if ageing := ageing_sentence(view.ageing, ctx.lang):  # on the first screen, before the chart
    said += f"\n\n{ageing}"
st.info(said, icon=":material/campaign:")
# A ledger of a whole round (several inspected units) or of several rounds: each compared first,
# a row selected narrows everything below to it.
for key, compared in (("unit", view.units), ("round", view.rounds)):
    if compared is not None:
        with st.container(key=f"{NOT_IN_BRIEFING}_{key}s"):  # the briefing keeps to one page
            comparison_card(compared, key, ctx.lang)

# The burn-up is of stored versions: a filtered view has none of its own. With one as-of date
# there is no line yet: said in a line, not in a card beside a chart, which left it half empty.
points = None if ctx.filters.active else progress_points(ctx.ledger)
if points is not None and len(points) <= 1:
    st.caption(ctx.t("overview.burn_up_one"))


# Where it lags, by category and by department: one view at a time, on screen and not on the
# one-page briefing (the attention list names what they show).
def by_category() -> None:
    figure = kept(completion_by_category, view.categories, ctx.lang, of=shown)
    chart(figure, "chart_categories", ctx.t("overview.by_category"))


def by_department() -> None:
    st.caption(ctx.t("overview.by_department_hint"))
    figure = kept(department_ranking, view.departments, ctx.lang, of=shown)
    chart(figure, "chart_departments", ctx.t("overview.by_department"))


views = [("categories", ctx.t("overview.view.categories"), by_category)]
# Several inspected units: each has its own 办公室, and a chart by department name would add up
# different units' offices. Departments are compared once a unit is chosen.
several_units = view.units is not None
if not several_units:
    views.append(("departments", ctx.t("overview.view.departments"), by_department))
    if (matrix := view.matrix) is not None and len(matrix):
        views.append(("heatmap", ctx.t("overview.view.heatmap"), lambda: heatmap(matrix, ctx.lang, shown)))


def breakdown() -> None:
    with st.container(key=f"{NOT_IN_BRIEFING}_breakdown", height="stretch"):
        one_view_at_a_time(ctx.t("overview.breakdown"), views, "overview_breakdown")


# Side by side when both fit; one above the other in a narrow window, so no name is cut. Without
# a burn-up yet, the breakdown takes its place beside the ageing, so no half row stays empty.
with_burn_up = points is not None and len(points) > 1
with st.grid(2, min_column_width=CHART_MIN_WIDTH, gap="small"):
    if with_burn_up:
        burn_up = kept(burn_up_chart, points, ctx.lang, of=ctx.ledger.digest)
        chart_card(ctx.t("overview.burn_up"), burn_up, "chart_burn_up")
    if view.ageing is not None and view.ageing["count"].any():
        ageing = kept(ageing_chart, view.ageing, ctx.lang, of=shown)
        chart_card(ctx.t("overview.ageing"), ageing, "chart_ageing")
    else:
        with st.container(border=True, height="stretch"):
            st.subheader(ctx.t("overview.ageing"))
            st.success(ctx.t("overview.ageing_none"))
    if not with_burn_up:
        breakdown()
if with_burn_up:
    breakdown()
if several_units:
    st.caption(ctx.t("overview.departments_by_unit"))
attention_list(view.attention, view.attention_total, ctx.lang, with_unit=several_units)
