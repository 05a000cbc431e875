"""Pieces several pages draw the same way: headline figures, the item table, an item in full."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from rectification.charts import open_heatmap
from rectification.display import (
    MEASURE_DETAIL_FIELDS,
    NARROW_KEEP,
    NARROW_PRIORITY,
    WARNING_CELL_STYLES,
    comparison_table,
    field_key,
    fitting_columns,
    flag_table,
    inert_markdown,
    move_table,
    quiet_table,
    task_table,
    warning_badge,
)
from rectification.errors import Refusal
from rectification.extensions import later_open
from rectification.labels import label
from rectification.metrics import Summary, cell_query
from rectification.quiet_changes import QUIET_KINDS
from rectification.service import Proposal, accept, upload_refusal
from rectification.store.closure import Verification
from rectification.web.actions import verify_closure
from rectification.web.figures import kept
from rectification.web.source import the_store

if TYPE_CHECKING:
    from rectification.web.page import PageContext

ITEM_ROW_HEIGHT = 78  # three lines of wrapped text; below about 70 px Streamlit does not wrap


# Which way is good for each headline figure: more done is good, more overdue is bad.
_DELTA_COLOURS = {"done": "normal", "pending": "inverse", "overdue": "inverse", "not_done": "inverse"}


def headline_figures(
    summary: Summary,
    lang: str,
    previous: Summary | None = None,
    verified: int | None = None,
    *,
    tasks: bool = False,
    trend: list[float] | None = None,
    reopened: int = 0,
) -> None:
    """The completion rate first and largest (with its trend over as-of dates when given), then
    the total, what is not yet done (total − done), each status and overdue in a grid of cards;
    with the previous version's figures each card shows its change, and no change shows none.
    `verified` (销号) sits beside "done", with the problems reopened (回头看) under it. With
    `tasks` the figures are of tasks (整改任务) and say so."""
    total_key = "metric.tasks_total" if tasks else "metric.total"
    done = summary.by_status.get("done", 0)
    figures: list[tuple[str, str, int]] = [
        (total_key, "total", summary.total),
        ("metric.not_done", "not_done", summary.total - done),
    ]
    figures += [(f"status.{code}", code, count) for code, count in summary.by_status.items()]
    figures += [("metric.overdue", "overdue", summary.overdue)]
    before: dict[str, int] = {}
    if previous is not None:
        not_done = previous.total - previous.by_status.get("done", 0)
        before = {"total": previous.total, "overdue": previous.overdue, "not_done": not_done,
                  **previous.by_status}  # fmt: skip
    since = label("metric.since_previous", lang)
    # The rate across the whole row, then one row of the eight cards (with 销号) at 1,400 px, so
    # the charts begin on the first screen; in a narrower window the grid wraps, the rate first.
    with st.grid(8, min_column_width=100, gap="small", key="headline") as grid:
        rate = summary.completion_rate
        rate_delta = None
        if previous is not None and rate is not None and previous.completion_rate is not None:
            change = round((rate - previous.completion_rate) * 100, 1)
            rate_delta = f"{change:+.1f}%" if change else None
        with grid.cell(column_span="all"), st.container(border=True):
            st.metric(
                label("metric.task_rate" if tasks else "metric.completion_rate", lang),
                "—" if rate is None else f"{rate:.1%}",
                delta=rate_delta,
                delta_color="normal",
                delta_description=since if rate_delta else None,
                chart_data=[round(r * 100, 1) for r in trend] if trend and len(trend) > 1 else None,
                chart_type="area",
                help=label("metric.completion_rate_help", lang),
            )
            if rate is not None:
                if not (trend and len(trend) > 1):  # the trend's line says as much, and more
                    st.progress(min(max(rate, 0.0), 1.0))
                st.caption(label("metric.rate_of", lang, done=done, total=summary.total))
        for key, name, value in figures:
            # No change since the last version shows as none, not as a green "+0".
            delta = None if previous is None or value == before[name] else value - before[name]
            st.metric(
                label(key, lang),
                value,
                delta=delta,
                delta_color=_DELTA_COLOURS.get(name, "off"),
                delta_description=since if delta is not None else None,
                border=True,
                height="stretch",
            )
            if name == "done" and verified is not None:
                with grid.cell():
                    st.metric(
                        label("metric.verified", lang),
                        verified,
                        border=True,
                        height="stretch",
                        help=label("metric.verified_help", lang),
                    )
                    if reopened:
                        st.caption(label("metric.reopened", lang, count=reopened))


# Fixed pixel widths: Streamlit wraps text only in columns of a set width.
# Together about 850 px: with the selection column the table fits the main area of a 1,400 px
# window beside the sidebar (about 920 px). Narrower, `fitting_columns` keeps what fits, and the
# problem's column takes the room left over (web/viewport.py says how wide the main area is).
_ITEM_WIDTHS = {"id": 60, "measure_id": 64, "warning": 84, "status": 76, "category": 72, "problem": 180,
                "measures": 180, "department": 92, "supporting": 92, "deadline": 88,
                "progress": 200}  # fmt: skip
_TASK_COUNT_WIDTH = 56
# English words are longer and break only between words: "Yellow · due soon", "Long-term".
_ITEM_WIDTHS_EN = {**_ITEM_WIDTHS, "warning": 124, "status": 92, "department": 128}


def item_list(
    table: pd.DataFrame,
    lang: str,
    key: str,
    *,
    empty: str | None = None,
    room: int | None = None,
    **kwargs: object,
) -> object:
    """The item table (`display.item_table`) with warning colours and wrapped text. With `empty`
    (a label key), a table without rows is said in those words, not Streamlit's "empty" grid.
    With `room` (the px it may take), only the columns that fit are shown, NARROW_KEEP first."""
    if empty is not None and table.empty:
        st.success(label(empty, lang))
        return None
    warning = label("field.warning", lang)
    reverse = {label(f"warning.{level}", lang): css for level, css in WARNING_CELL_STYLES.items()}
    widths = _column_widths(table, lang)
    if room is not None:
        names = _field_names(lang)
        # A task is read by what it does; a problem by what it is.
        stretch = "measures" if label("field.measures", lang) in table.columns else "problem"
        keep = [column for column in widths if names.get(column) in NARROW_KEEP - {"problem"} | {stretch}]
        priority = [column for name in NARROW_PRIORITY for column, field in names.items() if field == name]
        # The row-select boxes and the grid's border take their share of the room.
        room -= _SELECT_BOXES
        if sum(widths[column] for column in keep) > room:  # English words then wrap onto two lines
            narrow = {label(f"field.{name}", lang): width for name, width in _ITEM_WIDTHS.items()}
            widths = {column: min(width, narrow.get(column, width)) for column, width in widths.items()}
        widths = fitting_columns(widths, keep, room, label(f"field.{stretch}", lang), priority)
        kwargs["column_order"] = list(widths)
    columns = {column: st.column_config.TextColumn(width=width) for column, width in widths.items()}
    for pinned in ("id", "measure_id"):
        if (column := label(f"field.{pinned}", lang)) in columns:
            columns[column] = st.column_config.TextColumn(width=widths[column], pinned=True)
    if (tasks := label("column.tasks", lang)) in widths:
        columns[tasks] = st.column_config.NumberColumn(width=widths[tasks])
    if (status := label("field.status", lang)) in widths:
        columns[status] = st.column_config.TextColumn(
            width=widths[status],
            help=label("items.inferred_mark", lang, note=label("items.inferred_note", lang)),
        )
    return st.dataframe(
        table.style.map(lambda value: reverse.get(value, ""), subset=[warning]),
        hide_index=True,
        column_config=columns,
        row_height=ITEM_ROW_HEIGHT,
        # Whole rows only (a header, up to 9 rows, the border): a row cut in half looked broken.
        height=40 + ITEM_ROW_HEIGHT * min(max(len(table), 1), 9),
        key=key,
        **kwargs,
    )


_SELECT_BOXES = 36  # px: the grid's row-select column and its borders
CARD_PADDING = 34  # px a bordered container takes of the width inside it


def _field_names(lang: str) -> dict[str, str]:
    """Column label → field name, for the item and task tables' columns."""
    names = {label(f"field.{name}", lang): name for name in _ITEM_WIDTHS}
    return names | {label("column.tasks", lang): "tasks"}


def _column_widths(table: pd.DataFrame, lang: str) -> dict[str, int]:
    """Each of the table's columns with its width in px, in the table's order."""
    widths = _ITEM_WIDTHS_EN if lang == "en" else _ITEM_WIDTHS
    names = _field_names(lang)
    return {
        column: widths.get(names.get(column, ""), _TASK_COUNT_WIDTH if names.get(column) == "tasks" else 100)
        for column in table.columns
    }


# A page lists at most this many items, most urgent first: a longer list is read in the item
# list, and rendering every row of a 25,000-problem ledger made each rerun grow with it.
LIST_ROWS = 100


def more_link(total: int, query: dict[str, object], lang: str) -> None:
    """Under a list cut to LIST_ROWS: how many there are, and a link to all of them."""
    if total <= LIST_ROWS:
        return
    st.caption(label("departments.list_capped", lang, total=total, shown=LIST_ROWS))
    st.page_link(
        "pages/items.py",
        label=label("departments.list_all", lang, total=total),
        query_params=query,
        icon=":material/list_alt:",
    )


def oversight_line(quiet: pd.DataFrame, pending_extensions: int, reopened: int, lang: str) -> None:
    """For leadership: what the current version changed quietly (变化核查), by kind, the deadline
    extensions waiting for approval and the problems reopened, with a link to the history page.
    Nothing is shown when there is nothing to say."""
    counts = quiet["kind"].value_counts() if len(quiet) else pd.Series(dtype=int)
    parts = [
        label("overview.quiet_count", lang, kind=label(f"quiet.kind.{kind}", lang), count=int(counts[kind]))
        for kind in QUIET_KINDS
        if kind in counts.index
    ]
    if pending_extensions:
        parts.append(label("overview.pending_extensions", lang, count=pending_extensions))
    if reopened:
        parts.append(label("overview.reopened", lang, count=reopened))
    if not parts:
        return
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.warning(
            label("overview.oversight", lang, items=label("overview.separator", lang).join(parts)),
            icon=":material/fact_check:",
        )
        link = label("overview.oversight_link", lang)
        st.page_link("pages/history.py", label=link, icon=":material/history:")


def amounts_line(amounts: dict[str, float] | None, lang: str) -> None:
    """An audit ledger's amounts, when it states them: involved, rectified and the share."""
    if not amounts:
        return
    share = "—" if amounts["share"] is None else f"{amounts['share']:.1%}"
    st.markdown(
        label(
            "overview.amounts_line",
            lang,
            amount=f"{amounts['amount']:,.2f}",
            rectified=f"{amounts['amount_rectified']:,.2f}",
            share=share,
        )
    )


def task_line(problems: Summary, tasks: Summary, lang: str) -> None:
    """The two counts of a ledger whose problems are broken into tasks, as notices state them:
    problems, tasks, tasks done and overdue, and which of the two the completion rate counts."""
    rate = "—" if tasks.completion_rate is None else f"{tasks.completion_rate:.1%}"
    st.markdown(
        label(
            "overview.tasks_line",
            lang,
            problems=problems.total,
            tasks=tasks.total,
            done=tasks.done,
            rate=rate,
            overdue=tasks.overdue,
        )
    )


def item_detail(
    finding: pd.Series, level: str, lang: str, measures: tuple[pd.DataFrame, pd.Series] | None = None
) -> None:
    """One finding in full, with its tasks as a table when it has several (`measures`: the
    finding's measures and their warning levels). Sheet text is shown literally, never as
    Markdown or HTML."""
    with st.container(border=True, key="item_detail"):
        st.markdown(f"**{inert_markdown(finding['id'])}** · {inert_markdown(finding['category'])}")
        badge = warning_badge(level, lang)
        status = label(f"status.{finding['status']}", lang)
        if finding["status_inferred"]:
            note = label("items.inferred_note", lang)
            status = label("items.status_inferred", lang, status=status, note=note)
        st.caption(" · ".join(part for part in (status, badge) if part))
        several = measures is not None and len(measures[0]) > 1
        # With several tasks, what each does and how far it got is in their table below.
        for name in ("problem",) if several else ("problem", "measures", "progress"):
            if finding[name]:
                st.markdown(f"**{label(f'field.{name}', lang)}**")
                st.markdown(inert_markdown(finding[name]))
        facts = [
            (name, finding[name])
            for name in ("department", "supporting", "leader", "owner", "round", "unit", "evidence", "note")
            if finding[name]
        ]
        deadline = finding["deadline"]
        if finding["deadline_term"]:
            facts.append(("deadline", label(f"term.{finding['deadline_term']}", lang)))
        elif pd.notna(deadline):
            facts.append(("deadline", f"{deadline:%Y-%m-%d}"))
        # What the sheet wrote, beside the date read from it (issue 11): "6月底前", milestones.
        for name in ("deadline_written", "milestones", "amount", "amount_rectified"):
            if finding.get(name):
                facts.append((name, finding[name]))
        if pd.notna(finding["completed_on"]):
            facts.append(("completed_on", f"{finding['completed_on']:%Y-%m-%d}"))
        for name, value in facts:
            name_ = label(f"field.{name}", lang)
            st.markdown(label("items.fact", lang, name=name_, value=inert_markdown(str(value))))
        if several:
            st.markdown(f"**{label('items.measures', lang, count=len(measures[0]))}**")
            st.dataframe(
                task_table(*measures, lang, MEASURE_DETAIL_FIELDS),
                hide_index=True,
                key="item_measures",
                row_height=ITEM_ROW_HEIGHT,
                column_config={label("field.progress", lang): st.column_config.TextColumn(width="large")},
            )


def flag_list(flags: list, lang: str, key: str) -> None:
    """Errors or warnings of a check, each naming sheet, row, column and value, message wrapped."""
    table = flag_table(flags, lang)
    # Narrow enough together to fit the page, so the message wraps in its column, not cut by
    # the table's edge; the row number is text (blank when the flag has none), set right.
    columns = {
        label("column.sheet", lang): st.column_config.TextColumn(width=90),
        label("column.row", lang): st.column_config.TextColumn(width=56, alignment="right"),
        label("column.column", lang): st.column_config.TextColumn(width=100),
        label("column.value", lang): st.column_config.TextColumn(width=120),
        label("column.message", lang): st.column_config.TextColumn(width=520),
    }
    st.dataframe(
        table,
        hide_index=True,
        column_config=columns,
        row_height=ITEM_ROW_HEIGHT,
        height=min(38 + ITEM_ROW_HEIGHT * max(len(table), 1), 600),
        key=key,
    )


def closure_panel(finding: pd.Series, state: Verification | None, ctx: PageContext) -> None:
    """The item's closure verification (销号): its state, and for an inspector the form."""
    lang = ctx.lang
    if state is not None:
        when = f"{state.verified_at:%Y-%m-%d}"
        if state.valid:
            # Who verified (a user name), the evidence and the note they typed: outside text.
            st.success(
                inert_markdown(label("closure.verified", lang, by=state.verified_by, at=when,
                                     evidence=state.evidence or "—", note=state.note)),
                icon=":material/verified:",
            )  # fmt: skip
            return
        fields = "、".join(dict.fromkeys(label(field_key(f), lang) for f in state.changed_fields)) or "—"
        st.warning(
            inert_markdown(label("closure.cleared", lang, version=state.changed_in, who=state.changed_by,
                                 fields=fields, by=state.verified_by, at=when)),
            icon=":material/history:",
        )  # fmt: skip
    if not ctx.identity.may("verify"):
        return
    if finding["status"] != "done":
        st.caption(label("closure.not_done", lang))
        return
    with st.form(f"verify_{finding['id']}", border=True):
        st.markdown(f"**{label('closure.heading', lang)}**")
        note = st.text_input(label("closure.note", lang), key="closure_note")
        evidence = st.text_input(label("closure.evidence", lang), key="closure_evidence")
        if st.form_submit_button(label("closure.confirm", lang), type="primary"):
            try:
                verify_closure(finding["id"], ctx.identity, note=note, evidence=evidence)
            except Refusal as refusal:
                ctx.said(refusal)
                return
            st.rerun()


def save_panel(proposal: Proposal, mode: str, ctx: PageContext, prefix: str) -> None:
    """Why this proposal cannot be saved, or that it would change nothing, or what saving decides
    (the as-of date the new version will have, the deadlines it pushes back with their reason,
    what it changes quietly), a note, and the button that saves it. The role, the server's
    exposure and the department scope are checked before the button is offered and again when
    it is pressed. After a save, the page's uploader is emptied (`{prefix}_round`) and a message
    (`{prefix}_flash`) waits for the rerun."""
    store = the_store()
    if refusal := upload_refusal(store, proposal, ctx.identity):
        ctx.said(refusal)
        return
    if proposal.diff.is_empty:
        st.info(label("upload.no_change", ctx.lang))
        return
    as_of = as_of_choice(proposal, ctx, prefix)
    reason = extension_panel(proposal, ctx, prefix)
    quiet_panel(proposal, ctx, prefix)
    if proposal.restoring is None:
        note = st.text_input(label("upload.note", ctx.lang), key=f"{prefix}_note")
    else:  # the version table names the version a restore brought back
        note = f"restore:{proposal.restoring}"
    if not st.button(
        label("upload.confirm", ctx.lang), type="primary", icon=":material/save:", key=f"{prefix}_confirm"
    ):
        return
    # The button is true on exactly one run; the guard also stops a double click from saving the
    # same file onto the version it has just made.
    guard = (proposal.sha256, mode, proposal.base_version)
    try:
        if st.session_state.get(f"{prefix}_saved") != guard:
            saved = accept(store, proposal, ctx.identity, note=note, as_of=as_of, reason=reason)
            st.session_state[f"{prefix}_saved"] = guard
            st.session_state[f"{prefix}_flash"] = (
                label("upload.saved", ctx.lang, version=saved.id)
                if saved
                else label("upload.nothing_saved", ctx.lang)
            )
    except Refusal as refusal:
        ctx.said(refusal)
        return
    st.session_state[f"{prefix}_round"] = st.session_state.get(f"{prefix}_round", 0) + 1
    st.rerun()


def as_of_choice(proposal: Proposal, ctx: PageContext, prefix: str) -> date | None:
    """The as-of date the new version will have, said with how it was decided, in a box the
    person saving may change: no upload moves the ledger's date unseen."""
    source = label(f"upload.as_of_source.{proposal.as_of_source}", ctx.lang)
    chosen = st.date_input(
        label("upload.as_of", ctx.lang),
        value=proposal.as_of,
        format="YYYY-MM-DD",
        help=label("upload.as_of_help", ctx.lang),
        # A new proposed date (the report page's own date box) is a new box, not the old choice.
        key=f"{prefix}_as_of_{proposal.sha256[:12]}_{proposal.base_version}_{proposal.as_of}",
        width=220,
    )
    st.caption(source)
    return chosen


def extension_panel(proposal: Proposal, ctx: PageContext, prefix: str) -> str:
    """The deadlines this upload moves: those pushed back listed as extensions with a box for
    the reason (required), and what becomes of them for this person (a request, or approved
    by them); those brought forward, listed as recorded. Returns the reason given."""
    moves = proposal.moves
    if moves.empty:
        return ""
    later = moves[later_open(moves)]
    if later.empty:
        st.info(label("upload.deadlines_earlier", ctx.lang, count=len(moves)), icon=":material/event:")
        st.dataframe(move_table(moves, ctx.lang), hide_index=True, key=f"{prefix}_moves")
        return ""
    approver = ctx.identity.may("extend")
    st.warning(
        label("upload.extensions_approver" if approver else "upload.extensions", ctx.lang, count=len(later)),
        icon=":material/event_busy:",
    )
    st.dataframe(move_table(moves, ctx.lang), hide_index=True, key=f"{prefix}_moves")
    if proposal.mode != "merge":
        return st.text_input(label("upload.extension_reason_optional", ctx.lang), key=f"{prefix}_reason")
    return st.text_input(
        label("upload.extension_reason", ctx.lang),
        placeholder=label("upload.extension_reason_placeholder", ctx.lang),
        key=f"{prefix}_reason",
    )


def quiet_panel(proposal: Proposal, ctx: PageContext, prefix: str) -> None:
    """What this upload would change quietly (变化核查), before it is saved."""
    changes = proposal.quiet_for(ctx.identity)
    if changes.empty:
        return
    title = label("upload.quiet", ctx.lang, count=len(changes))
    with st.expander(title, expanded=True, icon=":material/policy:"):
        st.dataframe(quiet_table(changes, ctx.lang), hide_index=True, key=f"{prefix}_quiet")


def version_picker(versions: list, ctx: PageContext, label_key: str, key: str) -> int:
    """Choose one version, newest first, shown as "第N版". A new version (saved here or
    elsewhere) moves the choice to it: a choice made before it was saved is stale."""
    newest = versions[-1].id if versions else None
    if st.session_state.get(f"{key}_newest") != newest:
        st.session_state.pop(key, None)
        st.session_state[f"{key}_newest"] = newest
    return st.selectbox(
        label(label_key, ctx.lang),
        [v.id for v in reversed(versions)],
        format_func=lambda v: label("history.version_short", ctx.lang, version=v),
        key=key,
        width=200,
    )


CHART_MIN_WIDTH = 440  # narrower, and a chart's names and labels would not fit beside its bars


def chart_card(title: str, figure: object, key: str, alt: str | None = None) -> None:
    """A bordered card: a heading (already safe Markdown) over a Plotly chart without its toolbar.
    In a grid row it is as tall as its neighbour."""
    with st.container(border=True, height="stretch"):
        st.subheader(title)
        chart(figure, key, alt or title)


def chart(figure: object, key: str, alt: str) -> None:
    """A Plotly chart without its toolbar; `alt` names it for a screen reader."""
    st.plotly_chart(figure, key=key, config={"displayModeBar": False}, alt=alt)


def one_view_at_a_time(title: str, views: Sequence[tuple[str, str, Callable[[], None]]], key: str) -> None:
    """A bordered card of several views of one question, as tabs of which only the chosen one is
    drawn: a hidden tab's charts are otherwise sent and drawn at every visit (decision 55).
    `views` are (view id, tab title, draw); one view is drawn without tabs, under its own title.
    The view chosen is kept by its id for the session, so it stays chosen in the other language,
    when the tabs change (a filter that leaves no heatmap) and on coming back to the page:
    Streamlit's own state of the tabs is named by their titles, and dropped with the page."""
    with st.container(border=True, height="stretch"):
        if len(views) == 1:
            _, only, draw = views[0]
            st.subheader(only)
            draw()
            return
        st.subheader(title)
        ids, names = [v for v, _, _ in views], [name for _, name, _ in views]
        view_key = f"_{key}_view"

        def chosen() -> None:
            if (name := st.session_state.get(key)) in names:
                st.session_state[view_key] = ids[names.index(name)]

        remembered = st.session_state.get(view_key)
        # The first tab is the default: given as None, so that a test may set the tab's own state.
        default = names[ids.index(remembered)] if remembered in ids[1:] else None
        tabs = st.tabs(names, key=key, on_change=chosen, default=default)
        for tab, (_, _, draw) in zip(tabs, views, strict=True):
            if tab.open:
                with tab:
                    draw()


def comparison_card(table: pd.DataFrame, key: str, lang: str) -> None:
    """The inspected units (`key` "unit") or rounds compared, laggards first
    (`metrics.compared_progress`); selecting a row narrows the whole overview to it, through
    the sidebar's filter of that name, so the choice shows there and is cleared there."""
    names = table[key].tolist()

    def narrow() -> None:  # before the rerun draws the sidebar, so its filter takes the choice
        rows = st.session_state[f"compare_{key}"].selection.rows
        if rows and names[rows[0]]:
            st.session_state[key] = [names[rows[0]]]

    with st.container(border=True):
        st.subheader(label(f"overview.compare.{key}", lang))
        st.caption(label(f"overview.compare_hint.{key}", lang))
        st.dataframe(
            comparison_table(table, key, lang),
            hide_index=True,
            column_config={
                label(f"filter.{key}", lang): st.column_config.TextColumn(pinned=True),
                label("column.rate", lang): st.column_config.ProgressColumn(
                    format="%.1f%%", min_value=0, max_value=100, width=110
                ),
            },
            on_select=narrow,
            selection_mode="single-row",
            key=f"compare_{key}",
        )


def heatmap(matrix: pd.DataFrame, lang: str, of: Hashable) -> None:
    """Open problems by category and department; a click on a cell opens the item list filtered
    to it (the sidebar's filters take the URL's values there). `of`: what `matrix` was computed
    from (figures.kept)."""
    st.caption(label("overview.heatmap_hint", lang))
    event = st.plotly_chart(
        kept(open_heatmap, matrix, lang, of), key="chart_heatmap", on_select="rerun", selection_mode="points",
        config={"displayModeBar": False}, alt=label("overview.heatmap", lang),
    )  # fmt: skip
    points = event.selection.points if event else []
    if points:
        st.switch_page("pages/items.py", query_params=cell_query(points[0]))


def attention_list(attention: pd.DataFrame, total: int, lang: str, *, with_unit: bool = False) -> None:
    """The most urgent items (`metrics.attention_items`), each a link to its page, then a link to
    all of them when more than these wait. `with_unit` names each item's inspected unit before
    its department (a ledger of several units)."""
    with st.container(border=True):
        st.subheader(label("overview.attention", lang))
        if attention.empty:
            st.success(label("overview.attention_none", lang))
        for _, finding in attention.iterrows():
            # The link is the item's ID; the line beside it wraps, so nothing is cut in a narrow window.
            with st.container(horizontal=True, wrap=False, gap="small", vertical_alignment="top"):
                st.page_link(
                    "pages/items.py",
                    label=inert_markdown(finding["id"]),
                    query_params={"item": finding["id"]},
                    icon=":material/arrow_forward:",
                )
                problem = finding["problem"]
                owner = f"{finding['unit']} {finding['department']}" if with_unit else finding["department"]
                st.markdown(
                    f"{warning_badge(finding['warning'], lang)} · {finding['deadline']:%Y-%m-%d} · "
                    f"{inert_markdown(owner)} · "
                    + inert_markdown(problem if len(problem) <= 60 else problem[:59] + "…")
                )
        if total > len(attention):
            st.page_link(
                "pages/items.py",
                label=label("overview.attention_more", lang, count=total),
                query_params={"warning": ["red", "yellow"]},
                icon=":material/list_alt:",
            )
