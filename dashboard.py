"""总览 · overview: leadership's one screen."""

import streamlit as st

from rectification.charts import ageing_chart, burn_up_chart, completion_by_category, department_ranking
from rectification.display import inert_markdown
from rectification.notices.summary import laggard_sentence, summary_paragraph
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
    chart_card,
    headline_figures,
    heatmap_card,
    oversight_line,
    task_line,
)

ctx = setup_page("page.overview")
view = overview(ctx.ledger, ctx.filters)
previous = previous_ledger(ctx.ledger)
before = overview(previous, ctx.filters) if previous else None

st.title(ctx.t("page.overview"))
caption = ctx.t("app.as_of", date=f"{ctx.ledger.as_of:%Y-%m-%d}")
st.caption(caption + (f" · {ctx.t('app.filtered')}" if ctx.filters.active else ""))
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
lagging = laggard_sentence(view.categories, view.departments, view.ageing, ctx.lang)
said = summary_paragraph(view.summary, ctx.lang) + (f"\n\n{inert_markdown(lagging)}" if lagging else "")
st.info(said, icon=":material/campaign:")

# Side by side when both fit; one above the other in a narrow window, so no name is cut.
with st.grid(2, min_column_width=CHART_MIN_WIDTH, gap="small"):
    # The burn-up is of stored versions: a filtered view has none of its own.
    if not ctx.filters.active:
        points = progress_points(ctx.ledger)
        if len(points) > 1:
            chart_card(ctx.t("overview.burn_up"), burn_up_chart(points, ctx.lang), "chart_burn_up")
        else:
            with st.container(border=True):
                st.subheader(ctx.t("overview.burn_up"))
                st.caption(ctx.t("overview.burn_up_one"))
    if view.ageing is not None and view.ageing["count"].any():
        chart_card(ctx.t("overview.ageing"), ageing_chart(view.ageing, ctx.lang), "chart_ageing")
    else:
        with st.container(border=True):
            st.subheader(ctx.t("overview.ageing"))
            st.success(ctx.t("overview.ageing_none"))

    chart_card(
        ctx.t("overview.by_category"), completion_by_category(view.categories, ctx.lang), "chart_categories"
    )
    chart_card(
        ctx.t("overview.by_department"), department_ranking(view.departments, ctx.lang), "chart_departments"
    )

if view.matrix is not None and len(view.matrix):
    heatmap_card(view.matrix, ctx.lang)
attention_list(view.attention, view.attention_total, ctx.lang)
