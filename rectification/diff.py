"""What an upload would change: added, changed (field by field), unchanged and missing items."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .fingerprint import row_digests
from .ledger import STORED_COLUMNS

# Fields compared for "changed"; the inferred mark follows the status and is not a change alone.
COMPARED_FIELDS: tuple[str, ...] = tuple(f for f in STORED_COLUMNS if f not in ("id", "status_inferred"))


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
    everything else untouched (rows missing from the sheet are kept)."""
    replaced = current["id"].isin(upload["id"]).to_numpy()
    updates = upload.set_index("id")
    kept = current.copy()
    if replaced.any():
        rows = updates.loc[kept.loc[replaced, "id"]].reset_index()
        rows.index = kept.index[replaced]
        kept.loc[replaced, rows.columns] = rows
    added = upload[~upload["id"].isin(current["id"]).to_numpy()]
    return pd.concat([kept, added], ignore_index=True)


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for name in ("deadline", "completed_on"):
        out[name] = pd.to_datetime(out[name]).dt.strftime("%Y-%m-%d").fillna("")
    return out.astype(str)


def _field_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    old, new = _comparable(before), _comparable(after)
    differs = (old.to_numpy() != new.to_numpy()).nonzero()
    rows, cols = differs
    return pd.DataFrame(
        {
            "id": old.index.to_numpy()[rows],
            "field": [COMPARED_FIELDS[c] for c in cols],
            "before": old.to_numpy()[rows, cols],
            "after": new.to_numpy()[rows, cols],
        }
    )


def _no_changes() -> pd.DataFrame:
    return pd.DataFrame({"id": [], "field": [], "before": [], "after": []}, dtype=object)
