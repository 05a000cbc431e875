"""Where the pages get their ledger: parsed once per file content, never per rerun."""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from rectification.intake import check_file
from rectification.ledger import LedgerCheck
from rectification.settings import load_settings


@st.cache_data(show_spinner=False, max_entries=8)
def _checked(digest: str, _content: bytes, filename: str) -> LedgerCheck:
    # Keyed on the sha256 only: hashing a large file's bytes on every rerun is the cost we avoid.
    return check_file(_content, filename)


def checked_file(content: bytes, filename: str) -> LedgerCheck:
    return _checked(hashlib.sha256(content).hexdigest(), content, filename)


def sample_ledger() -> LedgerCheck:
    """The shipped sample ledger (data/sample_ledger.xlsx unless RECTIFICATION_SAMPLE says)."""
    path = Path(load_settings().sample_ledger)
    return checked_file(path.read_bytes(), path.name)
