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


def row_digests(findings: pd.DataFrame) -> list[str]:
    """One 32-hex-digit digest per row, over every stored field."""
    columns = []
    for name in STORED_COLUMNS:
        values = findings[name]
        if name in _DATE_FIELDS:
            columns.append(pd.to_datetime(values).to_numpy(dtype="datetime64[D]").astype(str).tolist())
        elif name == "status_inferred":
            columns.append(["1" if flag else "0" for flag in values])
        else:
            columns.append(values.tolist())
    return [
        blake2b(_SEPARATOR.join(parts).encode(), digest_size=16).hexdigest()
        for parts in zip(*columns, strict=True)
    ]
