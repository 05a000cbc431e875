"""How ledger values read on screen: deadline text, warning badges, inert sheet text."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from .access import SAMPLE_AUTHOR
from .labels import label
from .quiet_changes import QUIET_KINDS, counts_by_department

# Streamlit Markdown colours for warning badges, and the cell colours of the item table.
_BADGE_COLOURS: dict[str, str] = {"red": "red", "yellow": "orange", "green": "green"}
WARNING_CELL_STYLES: dict[str, str] = {
    "red": "background-color: #fdecea; color: #b71c1c",
    "yellow": "background-color: #fff8e1; color: #8d6e00",
    "green": "background-color: #e8f5e9; color: #1b5e20",
}
# CommonMark lets a backslash escape any ASCII punctuation character, and every Markdown
# construct (links, images, emphasis, HTML, entities such as &#58;, Streamlit's :red[…]
# directives, $…$ formulas) starts with one: escaping them all leaves no construct to start.
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# What escaping cannot stop: remark-gfm finds bare URLs ("http://", "www.") and e-mail addresses
# in the text after escapes are resolved, and Streamlit turns ":tada:", ":material/x:" and "->",
# "--", ">=" … into emoji, icons and symbols there too. An invisible word joiner before every ":"
# and "@", after "www" and inside those symbol pairs breaks each pattern without changing a word
# on screen (checked in Chromium against Streamlit 1.67's renderer).
WORD_JOINER = "\u2060"
_JOINED = re.compile(r"(?=[:@])|(?<=www)(?=\.)|(?<=[<>~-])(?=[-=>])", re.IGNORECASE)
_LEADING_BLANKS = re.compile(r"^[ \t]+", re.MULTILINE)


def inert_markdown(text: str) -> str:
    """Text from outside (sheet cells, file names, the URL, user names and header values, notices)
    as Markdown that shows it literally: every ASCII punctuation character escaped, a word joiner
    in every bare link, e-mail address, shortcode and symbol pair, line breaks kept. Never a link,
    image, HTML, formula, colour, icon or emoji. The one way such text reaches st.markdown,
    st.caption, alerts, headings and labels; plain-text places (tables, select options) take the
    text as it is."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    # Markdown drops a line's leading blanks, or with four of them shows the line as code.
    lines = _LEADING_BLANKS.sub("", lines)
    escaped = _ASCII_PUNCTUATION.sub(r"\\\1", _JOINED.sub(WORD_JOINER, lines))
    return escaped.replace("\n", "  \n")


def deadline_text(deadline: pd.Series, terms: pd.Series, lang: str = "zh") -> pd.Series:
    """A deadline column as people write it: 2024-06-30, 立行立改, 长期坚持, or blank."""
    dates = deadline.dt.strftime("%Y-%m-%d").fillna("")
    words = terms.map(lambda term: label(f"term.{term}", lang) if term else "")
    return dates.where(words == "", words)


def warning_text(levels: pd.Series, lang: str = "zh") -> pd.Series:
    """Warning levels as words, e.g. "红色·逾期"; blank for none."""
    return levels.map(lambda level: label(f"warning.{level}", lang) if level else "")


def warning_badge(level: str, lang: str = "zh") -> str:
    """A warning level as a coloured Markdown badge (our words only, safe to render)."""
    if not level:
        return ""
    return f":{_BADGE_COLOURS[level]}-background[{label(f'warning.{level}', lang)}]"


ITEM_TABLE_FIELDS: tuple[str, ...] = (
    "id", "warning", "status", "category", "problem", "department", "deadline", "progress",
)  # fmt: skip


def item_table(
    findings: pd.DataFrame, levels: pd.Series | None, lang: str = "zh", tasks: pd.Series | None = None
) -> pd.DataFrame:
    """The working list's columns, labelled, indexed by finding id. Without `levels` (items of a
    file not yet saved, judged at no date) the warning column is blank. `tasks`, each finding's
    number of measures, adds that column when problems are broken into tasks."""
    if levels is None:
        levels = pd.Series("", index=findings.index, dtype=str)
    columns = {
        "id": findings["id"],
        "warning": warning_text(levels, lang),
        "status": findings["status"].map(lambda code: label(f"status.{code}", lang))
        + findings["status_inferred"].map(lambda inferred: "*" if inferred else ""),
        "category": findings["category"],
        "problem": findings["problem"],
        "department": findings["department"],
        "deadline": deadline_text(findings["deadline"], findings["deadline_term"], lang),
        "progress": findings["progress"],
    }
    table = {}
    for name in ITEM_TABLE_FIELDS:
        table[label(f"field.{name}", lang)] = columns[name]
        if name == "status" and tasks is not None:  # beside the status it is derived from
            table[label("column.tasks", lang)] = tasks.to_numpy()
    return pd.DataFrame(table)


# What a narrow screen keeps of the item and task tables: which item, how urgent, where it
# stands, what it is and who owns it. The rest is in the item's detail.
NARROW_KEEP: frozenset[str] = frozenset({"id", "measure_id", "warning", "status", "problem", "department"})
MIN_STRETCH = 120  # px below which the problem's text is no longer readable


# Which of the other columns a narrower screen gives up last: when it falls due, how many tasks,
# how it stands in words; the category is also in the filters.
NARROW_PRIORITY: tuple[str, ...] = ("deadline", "tasks", "progress", "supporting", "problem", "category")


def fitting_columns(
    widths: dict[str, int], keep: Sequence[str], room: int, stretch: str, priority: Sequence[str] = ()
) -> dict[str, int]:
    """The columns of a table, in its order, that fit in `room` px: every `keep` column, then
    the others by `priority` (those not named last, in table order) while they fit. The
    `stretch` column (one of `keep`) takes the room left over, or gives some up down to
    MIN_STRETCH, so the columns shown fill the width."""
    shown = {name: width for name, width in widths.items() if name in keep}
    used = sum(shown.values())
    rank = {name: place for place, name in enumerate(priority)}
    for name in sorted(widths, key=lambda name: rank.get(name, len(rank))):
        if name not in shown and used + widths[name] <= room:
            shown[name] = widths[name]
            used += widths[name]
    if stretch in shown:
        shown[stretch] = max(MIN_STRETCH, shown[stretch] + room - used)
    return {name: shown[name] for name in widths if name in shown}


# A task's columns: its own number, what it does and who does it, with its problem's words.
TASK_TABLE_FIELDS: tuple[str, ...] = (
    "measure_id", "warning", "status", "category", "problem", "measures", "department", "supporting",
    "deadline", "progress",
)  # fmt: skip
# A problem's tasks in its detail: the problem is already in view above them.
MEASURE_DETAIL_FIELDS: tuple[str, ...] = (
    "measure_id", "measures", "department", "supporting", "deadline", "deadline_written", "warning",
    "status", "progress",
)  # fmt: skip


def task_table(
    measures: pd.DataFrame, levels: pd.Series, lang: str = "zh", fields: tuple[str, ...] = TASK_TABLE_FIELDS
) -> pd.DataFrame:
    """Measures (整改任务) as rows, labelled: each with its own department, deadline, warning,
    status and progress. A column no measure fills (配合部门 mostly) is left out."""
    columns = {
        "measure_id": measures["measure_id"],
        "warning": warning_text(levels, lang),
        "status": measures["status"].map(lambda code: label(f"status.{code}", lang)),
        "deadline": deadline_text(measures["deadline"], measures["deadline_term"], lang),
    }
    table = {}
    for name in fields:
        column = columns.get(name, measures.get(name))
        if name in ("supporting", "deadline_written") and not column.astype(bool).any():
            continue
        table[label(f"field.{name}", lang)] = column.to_numpy()
    return pd.DataFrame(table)


def comparison_table(table: pd.DataFrame, key: str, lang: str = "zh") -> pd.DataFrame:
    """`metrics.compared_progress` with labelled columns: the unit or round, its problems, how
    many are done, the rate (in %) and how many are overdue."""
    return pd.DataFrame(
        {
            label(f"filter.{key}", lang): table[key].replace("", label(f"compare.blank.{key}", lang)),
            label("column.items", lang): table["total"],
            label("metric.done", lang): table["done_total"],
            label("column.rate", lang): table["rate"] * 100,
            label("metric.overdue", lang): table["overdue"],
        }
    )


def department_table(
    departments: pd.DataFrame,
    lang: str = "zh",
    problems_led: pd.DataFrame | None = None,
    oversight: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """`metrics.department_progress` with labelled columns for the comparison table. Given the
    tasks' table, `problems_led` (the problems' own department table) adds how many problems
    each department leads; `oversight` (oversight.department_oversight) adds its last report
    date (marked when stale), its extensions and its quiet changes."""
    items = "column.tasks" if problems_led is not None else "column.items"
    table = {
        label("field.department", lang): departments["department"].replace(
            "", label("department.unassigned", lang)
        ),
        label(items, lang): departments["total"],
    }
    if problems_led is not None:
        led = problems_led.set_index("department")["total"]
        table[label("column.problems_led", lang)] = departments["department"].map(led).fillna(0).astype(int)
    # Rate and overdue first after the counts: what a narrow screen must still show.
    table |= {
        label("column.rate", lang): departments["rate"] * 100,
        label("metric.overdue", lang): departments["overdue"],
        label("metric.done", lang): departments["done"],
        label("status.long_term", lang): departments["long_term"],
        label("status.in_progress", lang): departments["in_progress"],
        label("status.pending", lang): departments["pending"],
    }
    # Amounts are the problems': beside the tasks' figures, those of the problems each leads.
    amounts = problems_led if problems_led is not None else departments
    if "amount" in amounts:
        by_department = amounts.set_index("department")
        for name in ("amount", "amount_rectified"):
            column = departments["department"].map(by_department[name]).fillna(0.0)
            table[label(f"column.{name}", lang)] = column.to_numpy()
    if oversight is not None:
        by_name = oversight.set_index("department")
        names = departments["department"]

        def reported(name: str) -> str:
            if name not in by_name.index or by_name.at[name, "last_report"] is None:
                return "—"
            day = f"{by_name.at[name, 'last_report']:%Y-%m-%d}"
            if by_name.at[name, "stale"]:
                return label("departments.stale", lang, date=day, days=int(by_name.at[name, "days_since"]))
            return day

        table[label("column.last_report", lang)] = [reported(n) for n in names]
        counted = {
            "extensions": "column.extensions",
            "pending_extensions": "column.pending_extensions",
            "quiet": "column.quiet",
        }
        for column, key in counted.items():
            values = names.map(by_name[column]) if len(by_name) else pd.Series(0, index=names.index)
            table[label(key, lang)] = values.fillna(0).astype(int).to_numpy()
    return pd.DataFrame(table)


def flag_table(flags: list, lang: str = "zh") -> pd.DataFrame:
    """Errors or warnings of a check as a table: sheet, row, column, value, message. A flag about
    the whole sheet or file has a blank row, as its other blank cells, not "None"."""
    rows = [flag.as_dict(lang) for flag in flags]
    return pd.DataFrame(
        {
            label("column.sheet", lang): [r["sheet"] or "" for r in rows],
            label("column.row", lang): ["" if r["row"] is None else str(r["row"]) for r in rows],
            label("column.column", lang): [r["column"] or "" for r in rows],
            label("column.value", lang): [r["value"] or "" for r in rows],
            label("column.message", lang): [r["message"] for r in rows],
        }
    )


def field_key(name: str) -> str:
    """The label key of a stored field as people name it: a deadline's term is its 整改时限, a
    problem's `tasks` are its 整改措施."""
    return f"field.{_FIELD_SHOWN_AS.get(name, name)}"


_FIELD_SHOWN_AS = {"deadline_term": "deadline", "tasks": "measures"}


def change_table(changes: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Field changes (id, measure, field, before, after) with labelled fields and status words."""

    def shown(field: str, value: str) -> str:
        if field == "status" and value:
            return label(f"status.{value}", lang)
        if field == "deadline_term" and value:
            return label(f"term.{value}", lang)
        return value

    fields = changes["field"]
    # A measure's changes sit under its problem, named by its 任务序号.
    measure = (
        {label("field.measure_id", lang): changes["measure"]} if changes["measure"].astype(bool).any() else {}
    )
    return pd.DataFrame(
        {
            label("field.id", lang): changes["id"],
            **measure,
            label("column.field", lang): fields.map(lambda f: label(field_key(f), lang)),
            label("column.before", lang): [
                shown(f, v) for f, v in zip(changes["field"], changes["before"], strict=True)
            ],
            label("column.after", lang): [
                shown(f, v) for f, v in zip(changes["field"], changes["after"], strict=True)
            ],
        }
    )


def version_table(versions: list, lang: str = "zh") -> pd.DataFrame:
    """The versions, newest first: when, who, file, how, counts and completion rate."""
    rows = list(reversed(versions))
    return pd.DataFrame(
        {
            label("history.version", lang): [v.id for v in rows],
            label("history.time", lang): [v.created_at.astimezone().strftime("%Y-%m-%d %H:%M") for v in rows],
            # The sample loaded on first start is the system's: said in the reader's words.
            label("history.author", lang): [
                label("history.system_author", lang) if v.author == SAMPLE_AUTHOR else v.author for v in rows
            ],
            label("history.file", lang): [v.source_file for v in rows],
            label("history.mode", lang): [label(f"history.mode.{v.mode}", lang) for v in rows],
            label("history.as_of", lang): [v.as_of.isoformat() if v.as_of else "" for v in rows],
            label("history.as_of_source", lang): [
                label(f"as_of.source.{v.as_of_source}", lang) if v.as_of_source else "" for v in rows
            ],
            label("metric.total", lang): [v.total for v in rows],
            label("metric.done", lang): [v.counts["done"] for v in rows],
            label("column.rate", lang): [(v.completion_rate or 0) * 100 for v in rows],
            label("history.note", lang): [_version_note(v.note, lang) for v in rows],
        }
    )


def _version_note(note: str, lang: str) -> str:
    if note == "sample":
        return label("history.note.sample", lang)
    if note.startswith("restore:"):
        return label("history.note.restore", lang, version=note.split(":", 1)[1])
    return note


def timeline_table(timeline: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """One finding's status and progress in each version where it changed."""
    return pd.DataFrame(
        {
            label("history.version", lang): timeline["version"],
            label("history.time", lang): pd.to_datetime(timeline["created_at"], utc=True)
            .dt.tz_convert(None)
            .dt.strftime("%Y-%m-%d %H:%M"),
            label("history.author", lang): timeline["author"],
            label("field.status", lang): timeline["status"].map(lambda code: label(f"status.{code}", lang)),
            label("field.progress", lang): timeline["progress"],
        }
    )


def member_table(members: list, lang: str = "zh") -> pd.DataFrame:
    """The role table: who, role, departments, and who last changed the entry."""
    return pd.DataFrame(
        {
            label("admin.identity", lang): [m.identity for m in members],
            label("admin.role", lang): [label(f"role.{m.role}", lang) for m in members],
            label("admin.departments", lang): [
                label("admin.all_departments", lang) if "*" in m.departments else "、".join(m.departments)
                for m in members
            ],
            label("admin.changed_by", lang): [m.changed_by for m in members],
        },
        dtype=object,
    )


def verification_log_table(log: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The verification log with labelled columns."""
    return pd.DataFrame(
        {
            label("history.time", lang): pd.to_datetime(log["verified_at"], utc=True)
            .dt.tz_convert(None)
            .dt.strftime("%Y-%m-%d %H:%M"),
            label("field.id", lang): log["finding_id"],
            label("history.version", lang): log["version"],
            label("history.verified_by", lang): log["verified_by"],
            label("closure.evidence", lang): log["evidence"],
            label("closure.note", lang): log["note"],
        }
    )


def _day_or_term(day: object, term: str, lang: str) -> str:
    if day is not None and day == day:  # NaT/NaN are not equal to themselves
        return pd.Timestamp(day).strftime("%Y-%m-%d")
    return label(f"term.{term}", lang) if term else label("extension.no_deadline", lang)


def _days_or_terms(days: pd.Series, terms: pd.Series, lang: str) -> list[str]:
    return [_day_or_term(d, t, lang) for d, t in zip(days, terms, strict=True)]


def own_measure(measures: pd.Series, ids: pd.Series) -> list[str]:
    """Measure ids as shown beside their problem's: blank for a problem kept as one row, which is
    its own measure (its id once, not twice)."""
    return ["" if m == i else m for m, i in zip(measures, ids, strict=True)]


def _without_blank_measures(columns: dict, lang: str) -> pd.DataFrame:
    """The table, without its measure column when every row is a problem kept as one row."""
    measure = label("field.measure_id", lang)
    if not any(columns[measure]):
        columns = {name: values for name, values in columns.items() if name != measure}
    return pd.DataFrame(columns)


def move_table(moves: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Deadline moves (extensions.deadline_moves): item, measure, department, from, to."""
    return _without_blank_measures(
        {
            label("field.id", lang): moves["id"].to_numpy(),
            label("field.measure_id", lang): own_measure(moves["measure"], moves["id"]),
            label("field.department", lang): moves["department"].to_numpy(),
            label("extension.old", lang): _days_or_terms(moves["old_deadline"], moves["old_term"], lang),
            label("extension.new", lang): _days_or_terms(moves["new_deadline"], moves["new_term"], lang),
        },
        lang,
    )


def extension_table(extensions: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Recorded extensions (store.oversight.extension_table): number, item, measure, from, to,
    state, who asked and why, who decided and what they said."""
    return pd.concat(
        [
            pd.DataFrame({label("extension.number", lang): extensions["extension"].to_numpy()}),
            move_table(extensions, lang).reset_index(drop=True),
            pd.DataFrame(
                {
                    label("extension.state", lang): [
                        label(f"extension.state.{s}", lang) for s in extensions["state"]
                    ],
                    label("extension.requested_by", lang): extensions["requested_by"].to_numpy(),
                    label("extension.reason", lang): extensions["reason"].to_numpy(),
                    label("extension.decided_by", lang): extensions["decided_by"].to_numpy(),
                    label("extension.decision_note", lang): extensions["decision_note"].to_numpy(),
                }
            ),
        ],
        axis=1,
    )


def quiet_value(value: object, lang: str) -> str:
    """A quiet change's before or after as said: a status in words, a date or term as stored."""
    text = "" if value is None else str(value)
    return label(f"status.{text}", lang) if text in _STATUS_WORDS else text


def quiet_table(changes: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Quiet changes (quiet_changes.quiet_changes, or a version's as stored): what, item,
    measure, department, before and after; statuses in words."""
    columns = {}
    if "version" in changes:
        columns[label("history.version", lang)] = changes["version"].to_numpy()
    columns |= {
        label("quiet.kind", lang): [label(f"quiet.kind.{k}", lang) for k in changes["kind"]],
        label("field.id", lang): changes["id"].to_numpy(),
        label("field.measure_id", lang): own_measure(changes["measure"], changes["id"]),
        label("field.department", lang): changes["department"].to_numpy(),
        label("column.before", lang): [quiet_value(v, lang) for v in changes["before"]],
        label("column.after", lang): [quiet_value(v, lang) for v in changes["after"]],
    }
    return _without_blank_measures(columns, lang)


def quiet_count_table(changes: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Quiet changes counted per department (quiet_changes.counts_by_department), kinds in words."""
    counts = counts_by_department(changes)
    kinds = [k for k in QUIET_KINDS if k in counts and counts[k].any()]
    return pd.DataFrame(
        {
            label("field.department", lang): counts["department"].to_numpy(),
            **{label(f"quiet.kind.{k}", lang): counts[k].to_numpy() for k in kinds},
            label("quiet.total", lang): counts["total"].to_numpy(),
        }
    )


_STATUS_WORDS = frozenset({"done", "in_progress", "long_term", "pending"})


# -- chasing (催办, issue 16) --------------------------------------------------------------------
def contact_table(contacts: list, lang: str = "zh") -> pd.DataFrame:
    """The departments' contacts as the admin page lists them; a robot by its host only (its
    address holds its key), its secret as whether it has one."""
    from .sending import shown_recipient

    return pd.DataFrame(
        {
            label("field.department", lang): [c.department for c in contacts],
            label("contacts.role", lang): [label(f"remind.role.{c.role}", lang) for c in contacts],
            label("contacts.name", lang): [c.name for c in contacts],
            label("contacts.email", lang): [c.email for c in contacts],
            label("contacts.robot", lang): [
                label(f"robot.{c.robot}", lang) if c.robot else "" for c in contacts
            ],
            label("contacts.webhook", lang): [
                shown_recipient("robot", c.webhook) if c.webhook else "" for c in contacts
            ],
            label("contacts.signed", lang): [
                label("contacts.yes", lang) if c.secret else "" for c in contacts
            ],
        },
        dtype=object,
    )


def copies_table(planned: list, lang: str = "zh", today: tuple[str, ...] = ()) -> pd.DataFrame:
    """Who gets which copy of today's reminders, by which channel, and how it went today (sent,
    or failed and waiting to be sent again)."""
    from .sending import shown_recipient

    already = [label(f"remind.outcome.{s}", lang) if s else "" for s in today] or [""] * len(planned)
    return pd.DataFrame(
        {
            label("field.department", lang): [d.digest.department for d in planned],
            label("remind.to", lang): [label(f"remind.role.{d.role}", lang) for d in planned],
            label("remind.channel", lang): [label(f"remind.channel.{d.channel}", lang) for d in planned],
            label("remind.today", lang): already,  # before the address: kept in a narrow window
            label("remind.recipient", lang): [shown_recipient(d.channel, d.recipient) for d in planned],
            label("contacts.name", lang): [d.name for d in planned],
        },
        dtype=object,
    )


def local_times(moments: pd.Series) -> pd.Series:
    """Moments stored in UTC as the office's clock shows them (the server's time zone): the
    reminder record's day is the local day, and 09:00 must not read 01:00."""
    from datetime import datetime

    local = datetime.now().astimezone().tzinfo
    return pd.to_datetime(moments, utc=True).dt.tz_convert(local).dt.tz_localize(None)


def failure_words(kind: str, detail: str, lang: str = "zh") -> str:
    """Why a copy failed: the cause in words (sending.FAILURES), then the server's own words."""
    if not kind and not detail:
        return ""
    cause = label(f"send.{kind or 'other'}", lang)
    if not detail:
        return cause
    return f"{cause}：{detail}" if lang == "zh" else f"{cause}: {detail}"


def reminder_log_table(log: pd.DataFrame, lang: str = "zh", addresses: bool = True) -> pd.DataFrame:
    """The record of reminders sent or failed, newest first; without the recipients' addresses
    for those who do not chase (an address is a person's, not the ledger's)."""
    from .sending import shown_recipient

    table = pd.DataFrame(
        {
            label("history.time", lang): local_times(log["at"]).dt.strftime("%Y-%m-%d %H:%M"),
            label("field.department", lang): log["department"],
            # The outcome before the rest: kept in a narrow window.
            label("remind.outcome", lang): [label(f"remind.outcome.{s}", lang) for s in log["status"]],
            label("remind.to", lang): [label(f"remind.role.{r}", lang) for r in log["role"]],
            label("remind.channel", lang): [label(f"remind.channel.{c}", lang) for c in log["channel"]],
            label("remind.recipient", lang): [
                shown_recipient(c, r) for c, r in zip(log["channel"], log["recipient"], strict=True)
            ],
            label("remind.attempts", lang): log["attempts"],
            label("remind.error", lang): [
                failure_words(k, e, lang) for k, e in zip(log["error_kind"], log["error"], strict=True)
            ],
            label("remind.tasks", lang): [m.replace("\n", "、") for m in log["measures"]],
            label("remind.by", lang): log["by"],
        }
    )
    return table if addresses else table.drop(columns=label("remind.recipient", lang))


def reminder_sentence(log: pd.DataFrame, problem_id: str, lang: str = "zh") -> str:
    """What chasing this problem has had, oldest first: "已于5月3日催办办公室（经办人），5月18日提级督办
    （分管领导）"; "" when none. One phrase a day and department: its copies are one reminder."""
    if log.empty:
        return ""
    mine = log[[problem_id in p.split("\n") for p in log["problems"]] & (log["status"] == "sent").to_numpy()]
    if mine.empty:
        return ""
    phrases = []
    # The run's own day (the office's, as the once-a-day rule counts it), not the clock's moment.
    days = pd.to_datetime(mine["sent_on"]) if "sent_on" in mine else local_times(mine["at"])
    for (day, department), rows in mine.groupby([days.dt.date.to_numpy(), mine["department"]], sort=True):
        roles = [r for r in ("head", "leader", "officer") if r in set(rows["role"])]
        key = "remind.phrase_escalated" if roles[0] != "officer" else "remind.phrase"
        when = f"{day.month}月{day.day}日" if lang == "zh" else f"{day:%Y-%m-%d}"
        role = label(f"remind.role.{roles[0]}", lang)
        phrases.append(label(key, lang, day=when, department=department, role=role))
    return label("remind.history", lang, phrases=("，" if lang == "zh" else "; ").join(phrases))
