"""Every setting, declared once with its default and meaning; read from the environment at the edge.

`python -m rectification settings` prints this table, so the documentation cannot drift.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    doc: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "sample_ledger",
        "RECTIFICATION_SAMPLE",
        str(PROJECT_ROOT / "data" / "sample_ledger.xlsx"),
        "Ledger saved as version 1 when the store is empty, so a first start shows data.",
    ),
    Setting(
        "database_url",
        "DATABASE_URL",
        "sqlite:///" + str(PROJECT_ROOT / "data" / "rectification.sqlite"),
        "The store of versions: a SQLite file by default, or postgresql+psycopg://user:pw@host/db "
        "so several app servers share one store.",
    ),
    Setting(
        "local_user",
        "RECTIFICATION_USER",
        getpass.getuser(),
        "Name recorded as the author of versions saved in local mode (one person at this computer).",
    ),
    Setting(
        "auth_mode",
        "RECTIFICATION_AUTH",
        "local",
        "Sign-in: local (this computer only; its user is admin), oidc (st.login with [auth] in "
        ".streamlit/secrets.toml) or proxy (a trusted reverse proxy passes the user in a header).",
    ),
    Setting(
        "auth_claim",
        "RECTIFICATION_AUTH_CLAIM",
        "email",
        "In oidc mode, the claim of the signed-in identity looked up in the role table.",
    ),
    Setting(
        "proxy_header",
        "RECTIFICATION_PROXY_HEADER",
        "X-Remote-User",
        "In proxy mode, the request header that carries the user; read in no other mode.",
    ),
    Setting(
        "warning_days",
        "RECTIFICATION_WARNING_DAYS",
        "15",
        "An open item due within this many days of the as-of date is yellow (due soon).",
    ),
    Setting(
        "upload_limit_mb",
        "RECTIFICATION_UPLOAD_LIMIT_MB",
        "50",
        "Largest ledger file accepted, in MB (also set as server.maxUploadSize).",
    ),
)


@dataclass(frozen=True)
class Settings:
    sample_ledger: Path
    database_url: str
    local_user: str
    auth_mode: str
    auth_claim: str
    proxy_header: str
    warning_days: int
    upload_limit_mb: int


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from `environ` (the process environment by default), defaults for the rest."""
    environ = os.environ if environ is None else environ
    raw = {s.name: environ.get(s.env, s.default) for s in SETTINGS}
    return Settings(
        sample_ledger=Path(raw["sample_ledger"]),
        database_url=raw["database_url"],
        local_user=raw["local_user"],
        auth_mode=raw["auth_mode"].strip().lower(),
        auth_claim=raw["auth_claim"],
        proxy_header=raw["proxy_header"],
        warning_days=int(raw["warning_days"]),
        upload_limit_mb=int(raw["upload_limit_mb"]),
    )
