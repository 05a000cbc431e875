"""A digest of each finding's stored fields: equal digests mean equal findings.

BLAKE2b (128-bit) over the fields joined with a separator that sheet text cannot contain. It is
part of the store's format: the store compares digests to decide whether an upload changes
anything, so changing this function needs a schema upgrade step that recomputes them.
"""

from __future__ import annotations

from hashlib import blake2b

import pandas as pd

from .ledger import STORED_COLUMNS

_DATE_FIELDS = ("deadline", "completed_on")
_SEPARATOR = "\x1f"  # the ASCII unit separator; cells are cleaned text
# The fields of release 0.1, in its order: every digest a store holds was taken over these.
_FIRST_FIELDS: tuple[str, ...] = (
    "id", "round", "unit", "category", "problem", "measures", "leader", "department", "owner",
    "deadline", "progress", "status", "completed_on", "evidence", "note", "status_inferred",
    "deadline_term",
)  # fmt: skip
# Fields added since, each taken in as "name=value" only when it is not empty: a finding that
# does not use them keeps the digest it had, so an upgraded store sees no change in it.
_LATER_FIELDS: tuple[str, ...] = tuple(name for name in STORED_COLUMNS if name not in _FIRST_FIELDS)


def row_digests(findings: pd.DataFrame) -> list[str]:
    """One 32-hex-digit digest per row, over every stored field."""
    columns = []
    for name in _LATER_FIELDS:
        columns.append([f"{name}={v}" if v else "" for v in findings[name].tolist()])
    later = ["".join(f"{_SEPARATOR}{p}" for p in parts if p) for parts in zip(*columns, strict=True)]
    columns = []
    for name in _FIRST_FIELDS:
        values = findings[name]
        if name in _DATE_FIELDS:
            columns.append(pd.to_datetime(values).to_numpy(dtype="datetime64[D]").astype(str).tolist())
        elif name == "status_inferred":
            columns.append(["1" if flag else "0" for flag in values])
        else:
            columns.append(values.tolist())
    return [
        blake2b((_SEPARATOR.join(parts) + extra).encode(), digest_size=16).hexdigest()
        for parts, extra in zip(zip(*columns, strict=True), later, strict=True)
    ]
