"""The figures leadership reads: counts, completion rate, overdue and three-colour warnings.

Pure functions of a findings frame (as `build_ledger` makes it) and the as-of date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from .schema import DONE_CODES, STATUS_CODES

DEFAULT_WARNING_DAYS = 15
# Three-colour warning levels (三色预警), most urgent first; "" is no warning (done or undated).
WARNING_LEVELS: tuple[str, ...] = ("red", "yellow", "green")


def warning_levels(findings: pd.DataFrame, as_of: date, days: int = DEFAULT_WARNING_DAYS) -> pd.Series:
    """red: not done and past its deadline; yellow: due within `days`; green: on track;
    "" for done items and for items with no dated deadline (立行立改, 长期坚持, blank)."""
    deadline = findings["deadline"]
    today = pd.Timestamp(as_of)
    open_ = ~findings["status"].isin(DONE_CODES) & deadline.notna()
    levels = np.select(
        [open_ & (deadline < today), open_ & (deadline <= today + timedelta(days=days)), open_],
        list(WARNING_LEVELS),
        default="",
    )
    return pd.Series(levels, index=findings.index, dtype=str)


@dataclass(frozen=True)
class Summary:
    total: int
    done: int
    completion_rate: float | None  # done ÷ total, as published notices compute it
    overdue: int
    due_soon: int
    as_of: date
    by_status: dict[str, int]
    by_category: dict[str, int]
    by_department: dict[str, int]
    warning_days: int = DEFAULT_WARNING_DAYS  # "due soon" means due within this many days

    def as_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "completion_rate": self.completion_rate,
            "overdue": self.overdue,
            "as_of": self.as_of.isoformat(),
            "by_status": self.by_status,
            "by_category": self.by_category,
            "by_department": self.by_department,
        }


def summarise(findings: pd.DataFrame, as_of: date, days: int = DEFAULT_WARNING_DAYS) -> Summary:
    """Totals of a ledger. Categories and departments keep the order they first appear in."""
    total = len(findings)
    by_status = findings["status"].value_counts().reindex(STATUS_CODES, fill_value=0)
    done = int(by_status[list(DONE_CODES)].sum())
    levels = warning_levels(findings, as_of, days)
    return Summary(
        total=total,
        done=done,
        completion_rate=round(done / total, 4) if total else None,
        overdue=int((levels == "red").sum()),
        due_soon=int((levels == "yellow").sum()),
        as_of=as_of,
        by_status={code: int(n) for code, n in by_status.items()},
        by_category=_counts_in_order(findings["category"]),
        by_department=_counts_in_order(findings["department"]),
        warning_days=days,
    )


def _counts_in_order(values: pd.Series) -> dict[str, int]:
    # One hashing pass (factorize gives first-appearance order), not value_counts then unique.
    codes, distinct = pd.factorize(values, sort=False)
    counts = np.bincount(codes[codes >= 0], minlength=len(distinct))
    return {str(key): int(n) for key, n in zip(distinct, counts, strict=True)}


def category_progress(findings: pd.DataFrame) -> pd.DataFrame:
    """One row per category in ledger order: a count per status, total, done and rate."""
    return _progress_by(findings, "category", pd.Series("", index=findings.index))


def department_progress(findings: pd.DataFrame, levels: pd.Series) -> pd.DataFrame:
    """One row per department, laggards first: lowest completion rate, then most overdue."""
    return _laggards_first(_progress_by(findings, "department", levels))


# What a ledger of a whole round is compared by on the overview: inspected units, and rounds.
COMPARED_FIELDS: tuple[str, ...] = ("unit", "round")


def compared_progress(findings: pd.DataFrame, levels: pd.Series, key: str) -> pd.DataFrame | None:
    """One row per inspected unit (`key` "unit") or round ("round"), laggards first, when the
    findings hold more than one of them (the inspection office's view of a whole round); None
    when they hold one, as a ledger of one unit does. Findings with the field blank are a row
    of their own, so the rows add up to the total."""
    if findings[key].nunique() < 2:
        return None
    return _laggards_first(_progress_by(findings, key, levels))


def _laggards_first(table: pd.DataFrame) -> pd.DataFrame:
    return table.sort_values(["rate", "overdue", "total"], ascending=[True, False, False], kind="stable")


def _progress_by(findings: pd.DataFrame, key: str, levels: pd.Series) -> pd.DataFrame:
    order = list(findings[key].unique())
    counts = pd.crosstab(findings[key], findings["status"]).reindex(index=order, columns=list(STATUS_CODES))
    table = counts.fillna(0).astype(int)
    table["total"] = table[list(STATUS_CODES)].sum(axis=1)
    table["done_total"] = table[list(DONE_CODES)].sum(axis=1)
    table["rate"] = (table["done_total"] / table["total"]).round(4)
    overdue = (levels == "red").groupby(findings[key]).sum() if len(findings) else pd.Series(dtype=int)
    table["overdue"] = overdue.reindex(order, fill_value=0).astype(int)
    if has_amounts(findings):
        for name in AMOUNT_FIELDS:
            table[name] = _amount_values(findings[name]).groupby(findings[key]).sum().reindex(order).round(4)
    return table.rename_axis(key).reset_index()


AMOUNT_FIELDS: tuple[str, ...] = ("amount", "amount_rectified")


def has_amounts(findings: pd.DataFrame) -> bool:
    """Whether the ledger states amounts (an audit ledger's 涉及金额)."""
    return "amount" in findings and bool((findings["amount"] != "").any())


def amount_totals(findings: pd.DataFrame) -> dict[str, float] | None:
    """The amounts a ledger states, in 万元: involved, rectified, and the share rectified; None
    when it states none."""
    if not has_amounts(findings):
        return None
    involved, rectified = (float(_amount_values(findings[name]).sum()) for name in AMOUNT_FIELDS)
    share = rectified / involved if involved else None
    return {"amount": round(involved, 4), "amount_rectified": round(rectified, 4), "share": share}


def _amount_values(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column.replace("", None), errors="coerce").fillna(0.0)


def attention_items(findings: pd.DataFrame, levels: pd.Series) -> pd.DataFrame:
    """Red then yellow items, the longest overdue first: what needs a call today."""
    urgent = findings.assign(warning=levels)[levels.isin(("red", "yellow")).to_numpy()]
    return urgent.sort_values(["warning", "deadline"], key=_urgency, kind="stable")


def _urgency(column: pd.Series) -> pd.Series:
    return column.map({"red": 0, "yellow": 1}) if column.name == "warning" else column


# How long overdue measures have been overdue (逾期时长), in days past the deadline: from, to.
AGEING_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("1_30", 1, 30),
    ("31_90", 31, 90),
    ("over_90", 91, None),
)


def overdue_ageing(deadlines: pd.Series, levels: pd.Series, as_of: date) -> pd.DataFrame:
    """Overdue measures (level red) counted by how many days their deadline has passed at
    `as_of`: one row per bucket of AGEING_BUCKETS, in order, every bucket present."""
    overdue = levels.to_numpy() == "red"
    days = (pd.Timestamp(as_of) - pd.to_datetime(deadlines[overdue])).dt.days.to_numpy()
    counts = []
    for _, low, high in AGEING_BUCKETS:
        within = days >= low if high is None else (days >= low) & (days <= high)
        counts.append(int(within.sum()))
    return pd.DataFrame({"bucket": [name for name, _, _ in AGEING_BUCKETS], "count": counts})


def burn_up(points: pd.DataFrame) -> pd.DataFrame:
    """Done against total over as-of dates (燃尽/累计完成): `points` has one row per version
    (version, as_of, total, done), and each date keeps its latest version's figures, so two
    uploads on one day are one point; versions without a date are left out. Oldest first."""
    dated = points[points["as_of"].notna().to_numpy()].sort_values("version", kind="stable")
    latest = dated.drop_duplicates("as_of", keep="last").sort_values("as_of", kind="stable")
    return latest[["as_of", "total", "done"]].reset_index(drop=True)


def open_matrix(findings: pd.DataFrame, levels: pd.Series) -> pd.DataFrame:
    """Problems not done, by category and lead department (the heatmap of the overview): one row
    per pair that has any, with `open` and `overdue` counts; categories and departments in
    ledger order."""
    open_ = ~findings["status"].isin(DONE_CODES).to_numpy()
    rows = findings.loc[open_, ["category", "department"]].assign(
        overdue=(levels.to_numpy()[open_] == "red").astype(int), open=1
    )
    if rows.empty:
        return pd.DataFrame({"category": [], "department": [], "open": [], "overdue": []}, dtype=object)
    table = rows.groupby(["category", "department"], sort=False)[["open", "overdue"]].sum().reset_index()
    categories = {c: i for i, c in enumerate(findings["category"].unique())}
    departments = {d: i for i, d in enumerate(findings["department"].unique())}
    order = np.lexsort(
        (table["department"].map(departments).to_numpy(), table["category"].map(categories).to_numpy())
    )
    return table.iloc[order].reset_index(drop=True)


def cell_query(point: dict) -> dict[str, str]:
    """The item list's URL filters for a clicked cell of the heatmap (its customdata holds the
    category and department as the ledger writes them)."""
    category, department = point["customdata"][:2]
    return {"category": str(category), "department": str(department)}
