"""What an upload would change: added, changed (field by field), unchanged and missing items."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .fingerprint import row_digests
from .ledger import STORED_COLUMNS
from .measures import MEASURE_COLUMNS, measure_table, problem_tasks, problems_from_measures

# Fields compared for "changed"; the inferred mark follows the status and is not a change alone.
COMPARED_FIELDS: tuple[str, ...] = tuple(f for f in STORED_COLUMNS if f not in ("id", "status_inferred"))
# A problem's own fields: an upload's, not the stored measures', when their measures are merged.
_PROBLEM_FIELDS: tuple[str, ...] = ("round", "unit", "category", "problem")


@dataclass(frozen=True)
class LedgerDiff:
    mode: str
    added: pd.DataFrame  # upload rows with new ids
    changes: pd.DataFrame  # one row per changed field: id, field, before, after
    unchanged: int  # uploaded items identical to the current ones
    missing: pd.DataFrame  # current items absent from the upload (kept in merge, dropped in replace)

    @property
    def changed_ids(self) -> list[str]:
        return list(dict.fromkeys(self.changes["id"]))

    @property
    def is_empty(self) -> bool:
        dropped = self.mode == "replace" and not self.missing.empty
        return self.added.empty and self.changes.empty and not dropped


def diff_against(
    members: list[tuple[str, str]],
    rows: pd.DataFrame | None,
    upload: pd.DataFrame,
    mode: str,
    digests: list[str] | None = None,
) -> LedgerDiff:
    """Compare an upload with the current version (`mode` "merge", a department's sheet, or
    "replace", the full ledger) from the version's (id, digest) pairs and only those of its rows
    that can differ: the ones whose digest differs from the upload's, and the ones missing
    from it. At 100k rows with 1% changed, the store reads a thousand rows, not all of them.
    `digests` are the upload's `row_digests`, when the caller has them already."""
    if not members:
        return LedgerDiff(mode, upload, _no_changes(), 0, upload.iloc[0:0])
    stored = dict(members)
    upload_ids = upload["id"].tolist()
    known = np.array([fid in stored for fid in upload_ids], dtype=bool)
    digests = digests if digests is not None else row_digests(upload)
    differs = np.array(
        [known[i] and stored[fid] != digests[i] for i, fid in enumerate(upload_ids)], dtype=bool
    )
    base = rows.set_index("id") if rows is not None else pd.DataFrame(columns=list(COMPARED_FIELDS))
    before = base.loc[upload.loc[differs, "id"], list(COMPARED_FIELDS)]
    after = upload.loc[differs].set_index("id")[list(COMPARED_FIELDS)]
    changes = _field_changes(before, after)
    in_upload = set(upload_ids)
    missing_ids = [fid for fid, _ in members if fid not in in_upload]
    return LedgerDiff(
        mode=mode,
        added=upload[~known],
        changes=changes,
        unchanged=int(known.sum()) - changes["id"].nunique(),
        missing=base.loc[missing_ids].reset_index() if missing_ids else upload.iloc[0:0],
    )


def merge_findings(current: pd.DataFrame, upload: pd.DataFrame) -> pd.DataFrame:
    """A department's sheet onto the ledger: same ids replaced in place, new ids appended,
    everything else untouched (rows missing from the sheet are kept). A problem kept with
    several measures, uploaded with measures of its own (several, or one with its 任务序号), is
    merged measure by measure (`measures_merged`): a department changes its own tasks and
    leaves the other departments' tasks of the same problem as they are."""
    upload = measures_merged(current, upload)
    replaced = current["id"].isin(upload["id"]).to_numpy()
    updates = upload.set_index("id")
    kept = current.copy()
    if replaced.any():
        rows = updates.loc[kept.loc[replaced, "id"]].reset_index()
        rows.index = kept.index[replaced]
        kept.loc[replaced, rows.columns] = rows
    added = upload[~upload["id"].isin(current["id"]).to_numpy()]
    return pd.concat([kept, added], ignore_index=True)


def named_measures(current: pd.DataFrame, upload: pd.DataFrame) -> tuple[pd.DataFrame, list[int]]:
    """A department's sheet that sends, as one row, a problem the ledger keeps as several
    measures: that row is the department's own measure of it (the one measure of the problem
    its 责任部门 leads), so it is merged as that measure and leaves the others as they are.
    Returns the upload with such rows named so, and the sheet rows of those that name no single
    measure (none, or several, led by that department): a clerk must add the 任务序号."""
    several = current.loc[(current["tasks"] != "").to_numpy()]
    at = ((upload["tasks"] == "") & upload["id"].isin(several["id"])).to_numpy()
    if not at.any():
        return upload, []
    stored = measure_table(several[several["id"].isin(upload.loc[at, "id"]).to_numpy()])
    leads = stored.groupby(["problem_id", "department"], sort=False)["measure_id"].agg(list)
    named, unnamed = upload.copy(), []
    for index in upload.index[at]:
        row = upload.loc[index]
        ids = leads.get((row["id"], row["department"]), [])
        if len(ids) != 1:
            unnamed.append(int(row["row"]))
            continue
        measure = row.to_frame().T.assign(problem_id=row["id"], measure_id=ids[0])
        named.at[index, "tasks"] = problem_tasks(measure)[row["id"]]
    return named, unnamed


def by_measure(current: pd.DataFrame, upload: pd.DataFrame) -> np.ndarray:
    """Which upload rows are merged measure by measure: problems both sides keep as measures."""
    several = current.loc[(current["tasks"] != "").to_numpy(), "id"]
    return ((upload["tasks"] != "") & upload["id"].isin(several)).to_numpy()


def measure_scope(
    current: pd.DataFrame, upload: pd.DataFrame
) -> tuple[np.ndarray, list[tuple[str, frozenset]]]:
    """For the upload rows merged by measure (`by_measure`): which rows they are, and every
    change they would make with the lead departments it touches: a measure added (its lead and
    the problem's, which owns how the problem is broken down), a measure changed (its lead as
    uploaded and as stored), or the problem's own fields (the problem's stored lead). A
    department may send back other departments' measures unchanged."""
    merged = by_measure(current, upload)
    if not merged.any():
        return merged, []
    ids = upload.loc[merged, "id"]
    stored_problems = current[current["id"].isin(ids).to_numpy()]
    key = ["problem_id", "measure_id"]
    stored = measure_table(stored_problems).set_index(key)
    uploaded = measure_table(upload[merged]).set_index(key)
    old, new = _comparable(stored[list(_MEASURE_COMPARED)]), _comparable(uploaded[list(_MEASURE_COMPARED)])
    touched: list[tuple[str, frozenset]] = []
    # Aligned once on (problem, measure): a lookup per measure took 40 s at 25,000 of them.
    known = new.index.isin(old.index)
    before_rows = old.reindex(new.index)
    differs = (before_rows.to_numpy() != new.to_numpy()).any(axis=1) & known
    stored_leads = stored["department"].reindex(new.index).to_numpy()
    problem_leads = stored_problems.set_index("id")["department"]
    for (pid, mid), lead, was, is_known, changed in zip(
        new.index, uploaded["department"].to_numpy(), stored_leads, known, differs, strict=True
    ):
        if not is_known:  # a task added to a problem: its lead and the problem's lead decide
            touched.append((mid, frozenset({lead, problem_leads[pid]})))
        elif changed:
            touched.append((mid, frozenset({lead, was})))
    own = _comparable(upload[merged].set_index("id")[list(_PROBLEM_FIELDS)])
    before = _comparable(stored_problems.set_index("id").loc[own.index, list(_PROBLEM_FIELDS)])
    leads = stored_problems.set_index("id")["department"]
    for pid in own.index[(own.to_numpy() != before.to_numpy()).any(axis=1)]:
        touched.append((pid, frozenset({leads[pid]})))
    return merged, touched


def measures_merged(current: pd.DataFrame, upload: pd.DataFrame) -> pd.DataFrame:
    """The upload with each problem merged by measure (`by_measure`) replaced by the whole
    problem it makes: its stored measures with the uploaded ones put in their place (same
    measure id) or after them (new ids), the problem's own fields as uploaded, then status,
    deadline and department derived again from all its measures."""
    merged = by_measure(current, upload)
    if not merged.any():
        return upload
    ids = upload.loc[merged, "id"]
    stored = measure_table(current[current["id"].isin(ids).to_numpy()])
    uploaded = measure_table(upload[merged])
    key = ["problem_id", "measure_id"]
    stored_keys = pd.MultiIndex.from_frame(stored[key])
    uploaded_keys = pd.MultiIndex.from_frame(uploaded[key])
    mine = pd.Series(np.arange(len(uploaded)), index=uploaded_keys)
    swap = stored_keys.isin(uploaded_keys)
    replaced = uploaded.iloc[mine.loc[stored_keys[swap]].to_numpy()].set_axis(stored.index[swap])
    rows = pd.concat([stored[~swap], replaced]).loc[stored.index]
    new = uploaded[~uploaded_keys.isin(stored_keys)]
    # The uploaded problem's own fields, on every one of its measure rows.
    own = upload[merged].set_index("id")
    combined = pd.concat([rows, new], ignore_index=True)
    for name in _PROBLEM_FIELDS:
        combined[name] = combined["problem_id"].map(own[name]).to_numpy()
    rank = {pid: i for i, pid in enumerate(ids)}
    order = np.lexsort((np.arange(len(combined)), combined["problem_id"].map(rank).to_numpy()))
    problems = problems_from_measures(combined.iloc[order])
    problems["row"] = problems["id"].map(own["row"]).to_numpy()
    remade = problems.set_index("id").loc[ids].reset_index()[list(upload.columns)]
    return pd.concat([upload[~merged], remade.set_axis(upload.index[merged])]).loc[upload.index]


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for name in ("deadline", "completed_on"):
        if name not in out:
            continue
        out[name] = pd.to_datetime(out[name]).dt.strftime("%Y-%m-%d").fillna("")
    return out.astype(str)


def _field_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """One row per changed field: id, measure ("" for the problem's own fields), field, before,
    after. A change in a problem's measures is told measure by measure, not as their text."""
    old, new = _comparable(before), _comparable(after)
    differs = (old.to_numpy() != new.to_numpy()).nonzero()
    rows, cols = differs
    changes = pd.DataFrame(
        {
            "id": old.index.to_numpy()[rows],
            "measure": "",
            "field": [COMPARED_FIELDS[c] for c in cols],
            "before": old.to_numpy()[rows, cols],
            "after": new.to_numpy()[rows, cols],
        }
    )
    in_tasks = (changes["field"] == "tasks").to_numpy()
    if not in_tasks.any():
        return changes
    ids = changes.loc[in_tasks, "id"].tolist()
    # What a problem of several measures has from them (joined texts, the earliest deadline) is
    # told measure by measure instead; its derived status stays, so a change of it is said.
    derived = changes["id"].isin(ids).to_numpy() & changes["field"].isin(_FROM_MEASURES).to_numpy()
    return (
        pd.concat([changes[~(in_tasks | derived)], _measure_changes(before.loc[ids], after.loc[ids])])
        .sort_values(
            "id", key=lambda column: column.map({fid: i for i, fid in enumerate(old.index)}), kind="stable"
        )
        .reset_index(drop=True)
    )


_FROM_MEASURES: tuple[str, ...] = (
    "measures", "owner", "progress", "evidence", "note", "department", "supporting", "deadline",
    "deadline_term", "completed_on",
)  # fmt: skip
_MEASURE_COMPARED: tuple[str, ...] = tuple(
    f for f in MEASURE_COLUMNS if f not in ("measure_id", "status_inferred")
)


def _measure_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Field changes of the measures of problems whose measures changed (indexed by id): a
    measure added or dropped shows its fields against blanks."""
    sides = []
    for frame in (before, after):
        table = measure_table(frame.reset_index())
        sides.append(_comparable(table.set_index(["problem_id", "measure_id"])[list(_MEASURE_COMPARED)]))
    old, new = sides
    keys = old.index.append(new.index[~new.index.isin(old.index)])
    old, new = old.reindex(keys, fill_value=""), new.reindex(keys, fill_value="")
    rows, cols = (old.to_numpy() != new.to_numpy()).nonzero()
    return pd.DataFrame(
        {
            "id": keys.get_level_values(0).to_numpy()[rows],
            "measure": keys.get_level_values(1).to_numpy()[rows],
            "field": [_MEASURE_COMPARED[c] for c in cols],
            "before": old.to_numpy()[rows, cols],
            "after": new.to_numpy()[rows, cols],
        }
    )


def _no_changes() -> pd.DataFrame:
    return pd.DataFrame({"id": [], "measure": [], "field": [], "before": [], "after": []}, dtype=object)
