"""No message ever shows a password: one function (`settings.masked_url`) hides it wherever a URL
can be printed or logged, and a URL with a password is fed through each of those paths here."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

import rectification.settings as settings
from rectification.__main__ import main
from rectification.logs import Masked
from rectification.settings import masked_url
from tests.faults import PASSWORD, unreachable_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://rectifier:pw@db.example.org:5432/ledger", "rectifier:***@db.example.org"),
        ("postgresql://rectifier:p@ss/w0rd@db/ledger", "rectifier:***@db/ledger"),  # "@" not encoded
        ("postgresql://:pw@db/ledger", "://:***@db"),
        ("postgresql://db/ledger?sslmode=require&password=pw", "password=***"),
        ("host=db user=rectifier password=pw dbname=ledger", "password=***"),  # libpq's own form
        ("sqlite:///data/rectification.sqlite", "sqlite:///data/rectification.sqlite"),
        ("sqlite:///file:/data/store.sqlite?mode=ro&uri=true", "file:/data/store.sqlite?mode=ro"),
    ],
)
def test_a_url_is_shown_with_its_password_hidden_and_nothing_else_changed(url, shown):
    masked = masked_url(url)
    assert shown in masked
    assert "pw" not in masked.replace("postgresql", "") and "p@ss" not in masked


def printed_by_the_settings_listing(url: str, monkeypatch, capsys, log: Path) -> str:
    # The listing prints each setting's default; a default with a password is shown masked.
    database = replace(settings.SETTING_BY_NAME["database_url"], default=url)
    monkeypatch.setattr(
        settings, "SETTINGS", tuple(database if s.env == "DATABASE_URL" else s for s in settings.SETTINGS)
    )
    assert main(["settings"]) == 0
    return capsys.readouterr().out


def printed_for_a_refused_db_option(url: str, monkeypatch, capsys, log: Path) -> str:
    assert main(["versions", "--db", url.replace("postgresql+psycopg", "mysql")]) == 2
    return capsys.readouterr().err


def printed_for_a_refused_database_url(url: str, monkeypatch, capsys, log: Path) -> str:
    monkeypatch.setenv("DATABASE_URL", url.replace("postgresql+psycopg", "oracle"))
    assert main(["versions"]) == 2
    return capsys.readouterr().err


def printed_for_a_store_that_cannot_be_reached(url: str, monkeypatch, capsys, log: Path) -> str:
    assert main(["versions", "--db", url]) == 1
    return capsys.readouterr().err


def logged_for_a_store_that_cannot_be_reached(url: str, monkeypatch, capsys, log: Path) -> str:
    before = log.read_text(encoding="utf-8") if log.exists() else ""
    assert main(["versions", "--db", url]) == 1
    return log.read_text(encoding="utf-8")[len(before) :]


def printed_and_logged_for_a_bug_quoting_the_url(url: str, monkeypatch, capsys, log: Path) -> str:
    import rectification.__main__ as cli

    def broken(args, lang):
        raise RuntimeError(f"could not use {args.db}")

    monkeypatch.setattr(cli, "_with_store", lambda run: broken)
    before = log.read_text(encoding="utf-8") if log.exists() else ""
    assert main(["versions", "--db", url]) == 1
    return capsys.readouterr().err + log.read_text(encoding="utf-8")[len(before) :]


def passed_through_the_logs_filter(url: str, monkeypatch, capsys, log: Path) -> str:
    # What Streamlit's handler (the dashboard's log) and the command line's log file both apply.
    try:
        raise ValueError(f"cannot connect to {url}")
    except ValueError as error:
        record = logging.LogRecord(
            "rectification", logging.ERROR, __file__, 1, "at %s", (url,), (ValueError, error, None)
        )
    Masked().filter(record)
    return logging.Formatter().format(record)


PATHS: dict[str, Callable[..., str]] = {
    "the settings listing": printed_by_the_settings_listing,
    "a refused --db option": printed_for_a_refused_db_option,
    "a refused DATABASE_URL": printed_for_a_refused_database_url,
    "a store that cannot be reached": printed_for_a_store_that_cannot_be_reached,
    "the log of a store that cannot be reached": logged_for_a_store_that_cannot_be_reached,
    "the message and log of a bug quoting the URL": printed_and_logged_for_a_bug_quoting_the_url,
    "a log record and its traceback": passed_through_the_logs_filter,
}


@pytest.mark.parametrize("path", PATHS.values(), ids=[f"{name} never shows the password" for name in PATHS])
def test_a_url_with_a_password_never_shows_it(path, monkeypatch, capsys, log_file):
    url = unreachable_url()
    text = path(url, monkeypatch, capsys, log_file)
    assert text.strip()  # the path printed something
    assert PASSWORD not in text
    if "://" in text:  # where the URL itself is shown, it is shown masked
        assert "rectifier:***@127.0.0.1" in text
