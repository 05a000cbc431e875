"""A digest of each finding's stored fields: equal digests mean equal findings.

Two independent 64-bit hashes (pandas' vectorised `hash_pandas_object` with two keys) make a
128-bit digest, fast enough for 100k rows and wide enough that a collision, which would make a
changed finding look unchanged, is not a practical concern.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .ledger import STORED_COLUMNS

_DATE_FIELDS = ("deadline", "completed_on")


def row_digests(findings: pd.DataFrame) -> list[str]:
    """A 128-bit digest of each row's stored fields: two independent 64-bit hashes."""
    canonical = pd.DataFrame(
        {
            name: _date_days(findings[name]) if name in _DATE_FIELDS else findings[name].astype(str)
            for name in STORED_COLUMNS
        }
    )
    first = pd.util.hash_pandas_object(canonical, index=False, hash_key="rectification-01")
    second = pd.util.hash_pandas_object(canonical, index=False, hash_key="rectification-02")
    return [f"{a:016x}{b:016x}" for a, b in zip(first.to_numpy(), second.to_numpy(), strict=True)]


def _date_days(values: pd.Series) -> np.ndarray:
    days = pd.to_datetime(values).to_numpy(dtype="datetime64[D]")
    return np.where(np.isnat(days), np.iinfo(np.int64).min, days.astype(np.int64))
