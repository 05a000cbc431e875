"""What an inspector downloads: the rows they see, with Chinese (or English) headers.

No cell text may become a live formula. In .xlsx, xlsxwriter writes every text as a string
(strings_to_formulas off). In .csv, Excel and WPS evaluate a cell that starts with = + - @ or a
tab, so such text gets a leading apostrophe, as the usual CSV-injection advice recommends.
"""

from __future__ import annotations

import io

import pandas as pd

from .display import deadline_text
from .labels import label

EXPORT_FIELDS: tuple[str, ...] = (
    "id", "round", "unit", "category", "problem", "measures", "leader", "department", "owner",
    "deadline", "progress", "status", "completed_on", "evidence", "note",
)  # fmt: skip
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_frame(findings: pd.DataFrame, levels: pd.Series, lang: str = "zh") -> pd.DataFrame:
    """The findings as a person reads them: labelled headers, status words, deadline terms,
    dates as dates, and the warning level. Empty optional columns are left out."""
    out = pd.DataFrame(index=findings.index)
    for name in EXPORT_FIELDS:
        column = findings[name]
        if name == "deadline":
            column = deadline_text(column, findings["deadline_term"], lang)
        elif name == "completed_on":
            column = column.dt.strftime("%Y-%m-%d").fillna("")
        elif name == "status":
            column = column.map(lambda code: label(f"status.{code}", lang))
        elif name != "id" and not column.astype(bool).any():
            continue
        out[label(f"field.{name}", lang)] = column
    out[label("field.warning", lang)] = levels.map(lambda level: label(f"warning.{level or 'none'}", lang))
    out[label("field.status_inferred", lang)] = findings["status_inferred"].map(
        lambda inferred: label("yes", lang) if inferred else ""
    )
    return out.reset_index(drop=True)


def to_xlsx(frame: pd.DataFrame, sheet: str, caption: str = "") -> bytes:
    """One sheet: an optional caption line (such as "截至2024-05-10", which reading the file back
    takes as its as-of date), then the header and rows."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    top = 1 if caption else 0
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        frame.to_excel(writer, sheet_name=sheet[:31], index=False, startrow=top)
        worksheet = writer.sheets[sheet[:31]]
        if caption:
            worksheet.write_string(0, 0, caption)
        worksheet.freeze_panes(top + 1, 0)
        for col, name in enumerate(frame.columns):
            longest = max([len(str(name)), *frame[name].astype(str).str.len().head(200).tolist()])
            worksheet.set_column(col, col, min(max(8, longest * 1.6), 60))
    return buffer.getvalue()


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM, which Excel and WPS need to open Chinese text correctly."""
    return frame.map(_inert).to_csv(index=False).encode("utf-8-sig")


def _inert(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
