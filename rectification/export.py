"""What an inspector downloads: the rows they see, with Chinese (or English) headers.

Two layouts (`export_frame(..., per=...)`):

- "problem", the ledger as offices keep it: a problem that is one measure is one row; a problem
  broken into several measures (整改任务) is one row per measure, its own cells (编号, 巡察轮次,
  被巡察单位, 问题类别, 问题描述, and 责任领导 when all its measures share one) written on each
  of its rows and merged down over them in .xlsx. Reading such a file back gives the same
  problems and measures, so an exported version can be imported again unchanged.
- "task", the 任务清单: one row per measure with its problem's cells repeated, never merged,
  for sorting and filtering in Excel.

CSV cannot merge, so in CSV the problem's cells are repeated on each of its rows; the reader
reads a problem repeated with the same 编号 as one problem.

No cell text may become a live formula. In .xlsx, xlsxwriter writes every text as a string
(strings_to_formulas off), merged cells included. In .csv, Excel and WPS evaluate a cell that
starts with = + - @ or a tab, so such text gets a leading apostrophe, as the usual
CSV-injection advice recommends.

Nothing is lost. An Excel or WPS cell holds at most 32,767 characters (`CELL_LIMIT`); a longer
text (a pasted report, a 1 MB 整改进展) is written cut, ending in a marker that says where the
rest is ("……（全文见“全文”工作表）"), and whole on a second sheet, "全文": one row per cut cell
(编号, 字段, 字数, then the text in consecutive cells of at most CELL_LIMIT characters each, as
Excel counts them, to be read one after the other). `overlong_cells` lists those cells for the
warning the page and the command line show. CSV has no such limit: it keeps every text whole.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .display import deadline_text
from .labels import DEFAULT_LANG, label
from .measures import MEASURE_COLUMNS, measure_table

if TYPE_CHECKING:
    from xlsxwriter import Workbook

LAYOUTS: tuple[str, ...] = ("problem", "task")
EXPORT_FIELDS: tuple[str, ...] = (
    "id", "round", "unit", "category", "problem", "amount", "amount_rectified", "measure_id", "measures",
    "leader", "department", "supporting", "owner", "deadline", "deadline_written", "milestones",
    "progress", "status", "completed_on", "evidence", "note",
)  # fmt: skip
# A problem's own cells: merged down over its measure rows in the "problem" layout.
PROBLEM_FIELDS: tuple[str, ...] = ("id", "round", "unit", "category", "problem", "amount", "amount_rectified")
# Written even when every row leaves them blank: the columns a ledger is read by.
_ALWAYS: frozenset[str] = frozenset({"id", "deadline", "status", "completed_on"})
# Where `export_frame` leaves the cells `to_xlsx` merges: an (n, 3) array of first row, last
# row and column, counted in the frame's rows and columns.
MERGED_CELLS = "merged_cells"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The most text an Excel (and WPS) cell holds, counted as Excel counts: in UTF-16 code units, so a
# character outside the Basic Multilingual Plane (many rare characters in names, 𠀀) counts twice.
CELL_LIMIT = 32_767
EXPORT_FORMATS: tuple[str, ...] = ("xlsx", "csv")


def export_frame(
    findings: pd.DataFrame,
    levels: pd.Series,
    lang: str = "zh",
    *,
    per: str = "problem",
    measure_levels: pd.Series | None = None,
    only: np.ndarray | None = None,
) -> pd.DataFrame:
    """The findings as a person reads them: labelled headers, status words, deadline terms,
    dates as dates, and the warning level; laid out per problem or per task (see the module's
    note). Empty optional columns are left out; 任务序号 is written when some problem is broken
    into measures of their own.

    `levels` are the problems' warning levels. With `measure_levels` (one per row of
    `measures.measure_table(findings)`, as `LedgerVersion.measure_levels`) each row shows its
    own measure's; without, each row shows its problem's, merged like the problem's cells.
    `only` (per task) keeps those rows of `measure_table(findings)`: the tasks a list shows."""
    if per not in LAYOUTS:
        raise ValueError(f"per must be one of {LAYOUTS}, not {per!r}")
    if only is not None and per != "task":
        raise ValueError("only the task layout can leave out some of a problem's measures")
    rows = measure_table(_with_optional_columns(findings))
    rows["problem_at"] = pd.Index(findings["id"]).get_indexer(rows["problem_id"])
    rows["problem_leader"] = findings["leader"].to_numpy()[rows["problem_at"].to_numpy()]
    if measure_levels is None:
        rows["level"] = levels.to_numpy()[rows["problem_at"].to_numpy()]
    else:
        if len(measure_levels) != len(rows):
            raise ValueError("measure_levels must have one level per measure of the findings")
        rows["level"] = measure_levels.to_numpy()
    if only is not None:
        rows = rows.iloc[np.sort(only)].reset_index(drop=True)
    rows["head"] = False
    numbered = (rows["measure_id"] != rows["problem_id"]).to_numpy()
    if per == "problem":
        rows = _with_head_rows(rows)
        # A problem that is its own one measure reads as it always has: no task number beside it.
        alone = ~rows["problem_id"].duplicated(keep=False)
        rows["measure_id"] = rows["measure_id"].mask(alone & (rows["measure_id"] == rows["problem_id"]), "")
    out = pd.DataFrame(index=rows.index)
    for name in EXPORT_FIELDS:
        column = rows[name]
        if name == "deadline":
            column = deadline_text(column, rows["deadline_term"], lang)
        elif name == "completed_on":
            column = column.dt.strftime("%Y-%m-%d").fillna("")
        elif name == "status":
            column = column.map(lambda code: label(f"status.{code}", lang) if code else "")
        elif name == "measure_id":
            if not numbered.any():
                continue
        elif name not in _ALWAYS and not column.astype(bool).any():
            continue
        out[label(f"field.{name}", lang)] = column
    # A head row holds no measure, so no measure's warning; the problem's is merged over it.
    blank = rows["head"].to_numpy() & (measure_levels is not None)
    out[label("field.warning", lang)] = [
        "" if at_head else label(f"warning.{level or 'none'}", lang)
        for level, at_head in zip(rows["level"], blank, strict=True)
    ]
    out[label("field.status_inferred", lang)] = rows["status_inferred"].map(
        lambda inferred: label("yes", lang) if inferred else ""
    )
    out = out.reset_index(drop=True)
    if per == "problem":
        merged = [label(f"field.{name}", lang) for name in PROBLEM_FIELDS]
        if measure_levels is None:
            merged.append(label("field.warning", lang))
        out.attrs[MERGED_CELLS] = _merges(
            out, rows["problem_at"].to_numpy(), merged, label("field.leader", lang)
        )
    return out


def _with_optional_columns(findings: pd.DataFrame) -> pd.DataFrame:
    """Frames made by hand or before issue 10 and 11 may lack the fields added since."""
    added = ("supporting", "tasks", "deadline_written", "milestones", "amount", "amount_rectified")
    missing = {name: "" for name in added if name not in findings}
    return findings.assign(**missing) if missing else findings


def _with_head_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """A row holding only the problem above its measures, as sheets in the 1 / 1.1 layout have
    it, where the measure rows alone would not give the problem back: a single measure with a
    number of its own (on one row the reader takes the problem for its own one measure and
    loses the number), or a problem whose leader its first measure does not share (the reader
    takes a problem's leader from its first row)."""
    first = ~rows["problem_id"].duplicated().to_numpy()
    alone = ~rows["problem_id"].duplicated(keep=False).to_numpy()
    own_number = alone & (rows["measure_id"] != rows["problem_id"]).to_numpy()
    other_leader = (rows["leader"] != rows["problem_leader"]).to_numpy()
    needs_head = first & (own_number | other_leader)
    if not needs_head.any():
        return rows
    heads = rows[needs_head].copy()
    for name in MEASURE_COLUMNS:
        if name in ("deadline", "completed_on"):
            heads[name] = pd.NaT
        elif name == "status_inferred":
            heads[name] = False
        else:
            heads[name] = ""
    heads["leader"], heads["head"] = heads["problem_leader"], True
    order = np.concatenate([np.arange(len(rows)) * 2 + 1, np.flatnonzero(needs_head) * 2])
    combined = pd.concat([rows, heads], ignore_index=True)
    return combined.iloc[np.argsort(order, kind="stable")].reset_index(drop=True)


def _merges(out: pd.DataFrame, problem_at: np.ndarray, merged: list[str], leader: str) -> np.ndarray:
    """The problem cells to merge: each merged column over each problem's rows, when the
    problem spans several; 责任领导 too where all of a problem's rows name the same leader."""
    starts = np.flatnonzero(np.r_[True, problem_at[1:] != problem_at[:-1]])
    ends = np.r_[starts[1:], len(problem_at)] - 1
    several = ends > starts
    starts, ends = starts[several], ends[several]
    columns = {name: np.ones(len(starts), dtype=bool) for name in merged if name in out}
    if leader in out:
        values = out[leader].to_numpy()
        distinct = pd.Series(values).groupby(problem_at, sort=False).nunique()
        columns[leader] = (distinct.reindex(problem_at[starts]) == 1).to_numpy()
    parts = [
        np.column_stack([starts[mask], ends[mask], np.full(mask.sum(), out.columns.get_loc(name))])
        for name, mask in columns.items()
    ]
    return np.concatenate(parts) if parts else np.empty((0, 3), dtype=int)


@dataclass(frozen=True)
class Cut:
    """A text longer than a spreadsheet cell holds: written cut in the table, ending in the marker,
    and whole on the full-text sheet."""

    item: str  # the 编号, or the 任务序号 for a task's own field
    field: str  # the column's header, as exported
    length: int  # characters in the whole text
    text: str = field(repr=False)


def excel_length(text: str) -> int:
    """The length of `text` as Excel counts it against CELL_LIMIT: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def overlong_cells(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> list[Cut]:
    """The texts of `frame` (an `export_frame`) that an .xlsx cell cannot hold, each once: a
    problem's text repeated on each of its task rows is one cut, not one per row."""
    return list(_overlong(frame, lang).values())


def _overlong(frame: pd.DataFrame, lang: str) -> dict[tuple[str, str, str], Cut]:
    """`overlong_cells`, keyed by (item, column, text): the key a repeated text is found under.
    In the order of the table, row by row, as a reader of the warning finds them."""
    ids = frame.get(label("field.id", lang))
    tasks = frame.get(label("field.measure_id", lang))
    problem_columns = {label(f"field.{name}", lang) for name in PROBLEM_FIELDS}
    found: list[tuple[int, int, str, str]] = []
    for at, name in enumerate(frame.columns):
        for row, text in _long_texts(frame[name]):
            if excel_length(text) <= CELL_LIMIT:
                continue
            item = str(ids.iat[row]) if ids is not None else str(row + 1)
            if tasks is not None and name not in problem_columns and str(tasks.iat[row]):
                item = str(tasks.iat[row])
            found.append((row, at, item, text))
    cuts: dict[tuple[str, str, str], Cut] = {}
    for _, at, item, text in sorted(found, key=lambda place: place[:2]):
        name = str(frame.columns[at])
        cuts.setdefault((item, name, text), Cut(item, name, len(text), text))
    return cuts


def overlong_ids(measures: pd.DataFrame) -> frozenset[str]:
    """The problems (their ids) with a text an .xlsx cell cannot hold, from a version's
    `measure_table` (which repeats each problem's own fields on its measures' rows): asked once
    per version, so that a page builds an export's table to list the cuts only where there are
    some."""
    found: set[str] = set()
    for name in EXPORT_FIELDS:
        if name not in measures:
            continue
        for row, text in _long_texts(measures[name]):
            if excel_length(text) > CELL_LIMIT:
                found.add(str(measures["problem_id"].iat[row]))
    return frozenset(found)


def _long_texts(column: pd.Series) -> list[tuple[int, str]]:
    """(row, text) of the texts in `column` that may not fit a cell: longer than CELL_LIMIT // 2
    characters, which fit however they are counted, so the exact count is asked of few."""
    if not (pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)):
        return []
    try:
        lengths = column.str.len().fillna(0).to_numpy()
    except AttributeError:  # an object column holding no text at all
        return []
    return [(int(row), column.iat[row]) for row in np.flatnonzero(lengths > CELL_LIMIT // 2)]


def cut_warning(cuts: list[Cut], lang: str = DEFAULT_LANG, most: int = 20) -> str:
    """What the page (beside the download button) and the command line (on stderr) say when an
    .xlsx export cut some texts: how many, the marker, where the rest is, and which (the first
    `most` of them; a ledger of hundreds would drown the message)."""
    sheet = label("export.full_text_sheet", lang)
    cells = [label("export.cut_cell", lang, item=c.item, field=c.field, length=c.length) for c in cuts[:most]]
    if len(cuts) > most:
        cells.append(label("export.cut_more", lang, count=len(cuts) - most))
    return label(
        "export.cut_warning", lang, count=len(cuts), limit=CELL_LIMIT, sheet=sheet,
        mark=label("export.cut_mark", lang, sheet=sheet), cells=("；" if lang == "zh" else "; ").join(cells),
    )  # fmt: skip


# As offices print a 台账: the title in 黑体, the header in 黑体 on grey, the body in 宋体 (on every
# Windows and WPS machine; 仿宋_GB2312 is not), wrapped, A4 landscape fitted to the page width.
TITLE_FONT, HEADER_FONT, BODY_FONT = "黑体", "黑体", "宋体"
A4 = 9  # xlsxwriter's paper code


def export_title(units: pd.Series, as_of: date, lang: str = DEFAULT_LANG) -> str:
    """The title row of an export: the inspected unit when the rows name exactly one, and the
    as-of date, which reading the file back takes as its as-of date ("（截至2024-05-10）")."""
    named = [u for u in dict.fromkeys(units.astype(str).str.strip()) if u] if len(units) else []
    day = f"{as_of:%Y-%m-%d}"
    if len(named) == 1:
        return label("export.title_unit", lang, unit=named[0], date=day)
    return label("export.title", lang, date=day)


def export_file_name(base: str, as_of: date | None, extension: str) -> str:
    """问题清单_2024-05-10.xlsx: the as-of date in the name, so downloads of different dates never
    look alike (a version saved before as-of dates were kept has none)."""
    return f"{base}_{as_of:%Y-%m-%d}.{extension}" if as_of else f"{base}.{extension}"


def to_xlsx(frame: pd.DataFrame, sheet: str, caption: str = "", lang: str = DEFAULT_LANG) -> bytes:
    """`write_xlsx`'s file."""
    return write_xlsx(frame, sheet, caption, lang)[0]


def write_xlsx(
    frame: pd.DataFrame, sheet: str, caption: str = "", lang: str = DEFAULT_LANG
) -> tuple[bytes, list[Cut]]:
    """One sheet: an optional caption line (such as "截至2024-05-10", which reading the file back
    takes as its as-of date), then the header and rows, with the problem cells merged that
    `export_frame` names. A text too long for a cell is cut there with a marker and kept whole
    on a second sheet (see the module's note); the cut texts are returned beside the file."""
    merges = frame.attrs.get(MERGED_CELLS)
    cuts = _overlong(frame, lang)
    if cuts:
        frame = _with_texts_cut(frame, cuts, lang)
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    top = 1 if caption else 0
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        frame.to_excel(writer, sheet_name=sheet[:31], index=False, startrow=top)
        worksheet = writer.sheets[sheet[:31]]
        book = writer.book
        body = book.add_format({"font_name": BODY_FONT, "font_size": 11, "text_wrap": True, "valign": "top"})
        if caption:
            title = book.add_format({"font_name": TITLE_FONT, "font_size": 16, "bold": True})
            worksheet.write_string(0, 0, caption, title)
            worksheet.set_row(0, 28)
        header = book.add_format(
            {"font_name": HEADER_FONT, "font_size": 11, "bold": True, "text_wrap": True, "border": 1,
             "align": "center", "valign": "vcenter", "bg_color": "#D9D9D9"}
        )  # fmt: skip
        for col, name in enumerate(frame.columns):
            worksheet.write_string(top, col, str(name), header)
        if merges is not None and len(merges):
            problem_cell = book.add_format(
                {"font_name": BODY_FONT, "font_size": 11, "valign": "vcenter", "text_wrap": True}
            )
            for first, last, col in merges.tolist():
                value = frame.iat[first, col]
                worksheet.merge_range(top + 1 + first, col, top + 1 + last, col, value, problem_cell)
        worksheet.freeze_panes(top + 1, 0)
        worksheet.autofilter(top, 0, top + len(frame), max(len(frame.columns) - 1, 0))
        for col, name in enumerate(frame.columns):
            longest = max([len(str(name)), *frame[name].astype(str).str.len().head(200).tolist()])
            # Chinese characters are about two widths wide; long texts wrap within 40.
            worksheet.set_column(col, col, min(max(8, longest * 1.8), 40), body)
        _print_setup(worksheet, top)
        if cuts:
            _full_text_sheet(writer.book, list(cuts.values()), lang, taken=sheet[:31])
    return buffer.getvalue(), list(cuts.values())


def _print_setup(worksheet: object, header_row: int) -> None:
    """A4 landscape, fitted to one page wide, the header (and title) on every page, page numbers."""
    worksheet.set_paper(A4)
    worksheet.set_landscape()
    worksheet.fit_to_pages(1, 0)
    worksheet.repeat_rows(0, header_row)
    worksheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    worksheet.set_footer("&C&P / &N")


def _with_texts_cut(frame: pd.DataFrame, cuts: dict[tuple[str, str, str], Cut], lang: str) -> pd.DataFrame:
    """A copy of `frame` with each overlong text cut to fit a cell, the marker at its end."""
    mark = label("export.cut_mark", lang, sheet=label("export.full_text_sheet", lang))
    room = CELL_LIMIT - excel_length(mark)
    # The first `room` characters hold at least `room` UTF-16 units: their first piece is the head.
    shortened = {text: _pieces(text[:room], room)[0] + mark for _, _, text in cuts}
    out = frame.copy()
    for name in {column for _, column, _ in cuts}:
        out[name] = out[name].map(lambda v: shortened.get(v, v) if isinstance(v, str) else v)
    return out


def _full_text_sheet(book: Workbook, cuts: list[Cut], lang: str, taken: str) -> None:
    """The "全文" sheet: a line saying what it holds, a header, then one row per cut text: its
    item, column and length, then the whole text in consecutive cells, each within CELL_LIMIT."""
    name = label("export.full_text_sheet", lang)
    sheet = book.add_worksheet(name if name != taken else f"{name}2")
    parts = [_pieces(cut.text, CELL_LIMIT) for cut in cuts]
    sheet.write_string(0, 0, label("export.full_text_caption", lang, limit=CELL_LIMIT))
    header = [label(key, lang) for key in ("field.id", "export.full_text_field", "export.full_text_length")]
    header += [label("export.full_text_part", lang, part=n) for n in range(1, max(map(len, parts)) + 1)]
    for col, words in enumerate(header):
        sheet.write_string(1, col, words)
    for row, (cut, pieces) in enumerate(zip(cuts, parts, strict=True), start=2):
        sheet.write_string(row, 0, cut.item)
        sheet.write_string(row, 1, cut.field)
        sheet.write_number(row, 2, cut.length)
        for col, piece in enumerate(pieces, start=3):
            sheet.write_string(row, col, piece)  # a string always, even one starting with "="
    sheet.freeze_panes(2, 3)
    sheet.set_column(0, 2, 12)
    sheet.set_column(3, len(header), 60)


def _pieces(text: str, units: int) -> list[str]:
    """`text` in consecutive pieces of at most `units` UTF-16 code units each, never splitting a
    character that takes two (a surrogate pair): joined again, they are `text` exactly."""
    data = text.encode("utf-16-le")
    pieces, start, size = [], 0, 2 * units
    while start < len(data):
        end = min(start + size, len(data))
        if end < len(data) and 0xD800 <= int.from_bytes(data[end - 2 : end], "little") <= 0xDBFF:
            end -= 2  # a high surrogate's pair starts the next piece with it
        pieces.append(data[start:end].decode("utf-16-le"))
        start = end
    return pieces or [""]


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM, which Excel and WPS need to open Chinese text correctly."""
    return frame.map(_inert).to_csv(index=False).encode("utf-8-sig")


def _inert(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
