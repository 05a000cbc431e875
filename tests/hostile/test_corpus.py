"""Every file of the hostile corpus (tests/hostile_corpus.py) gets its decided outcome on every
path: `check` on the command line, `import` into SQLite and PostgreSQL, and the upload page. No
path shows a traceback or an "internal error", no reading process goes over the memory limit,
and a refusal leaves the store exactly as it was."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, select

from rectification.__main__ import main
from rectification.store import metadata
from tests.hostile_corpus import corpus, run_check

CORPUS = corpus()
NAMES = [h.name for h in CORPUS]
# Reading a ledger never needs more than this, interpreter and libraries included (issue 12).
MEMORY_LIMIT_MB = 1024
# What no message may say: a fault passed off as the file's, or Python's own words.
NEVER_SAID = ("Traceback", "内部错误", "internal error", "Error:", 'File "')


def said_nothing_forbidden(text: str) -> None:
    for words in NEVER_SAID:
        assert words not in text, text[-2000:]


def messages(report: dict) -> str:
    flags = report["errors"] if not report["accepted"] else report["warnings"]
    return "\n".join(flag["message"] for flag in flags)


@pytest.mark.parametrize("name", NAMES)
def test_check_gives_each_file_its_decided_outcome_within_the_memory_limit(name, hostile_files):
    hostile, _, path = hostile_files[name]
    status, out, err, peak = run_check(path)
    said_nothing_forbidden(out + err)
    report = json.loads(out)
    assert report["accepted"] is hostile.accepted, messages(report)
    assert status == (0 if hostile.accepted else 1)
    if hostile.accepted:
        assert report["rows"] == hostile.problems
    else:
        assert report["errors"], "a refusal says why"
    for words in hostile.says:
        assert words in messages(report)
    assert peak <= MEMORY_LIMIT_MB, f"{name}: peak {peak:.0f} MB"
    # However many rows a flag concerns, the report stays a page, not a million lines.
    assert len(report["errors"]) + len(report["warnings"]) <= 100


def store_state(url: str) -> dict[str, list[tuple]]:
    """Every row of every table of the store, to compare before and after."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table.name: sorted(map(tuple, connection.execute(select(table)).all()), key=repr)
                for table in metadata.sorted_tables
            }
    finally:
        engine.dispose()


# What each accepted file stored, by database: both must store the very same text.
_STORED: dict[str, dict[str, list[tuple]]] = {}


@pytest.mark.parametrize("name", NAMES)
def test_import_saves_or_refuses_each_file_alike_on_both_databases(name, hostile_files, store_url, capsys):
    hostile, _, path = hostile_files[name]
    assert main(["versions", "--db", store_url]) == 0  # the sample becomes version 1
    before = store_state(store_url)
    capsys.readouterr()
    status = main(["import", path, "--mode", "replace", "--db", store_url, "--user", "测试"])
    output = capsys.readouterr()
    said_nothing_forbidden(output.out + output.err)
    after = store_state(store_url)
    if not hostile.accepted:
        assert status == 1
        assert after == before, "a refused file changed the store"
        for words in hostile.says:
            assert words in output.out + output.err
        return
    assert status == 0, output.out + output.err
    assert len(after["versions"]) == len(before["versions"]) + 1
    stored = after["finding_contents"]
    dialect = store_url.split(":", 1)[0]
    seen = _STORED.setdefault(name, {})
    for other, rows in seen.items():
        assert _texts(rows) == _texts(stored), f"{name}: {dialect} stored other text than {other}"
    seen[dialect] = stored


def _texts(rows: list[tuple]) -> list[str]:
    """The text a store holds for its items, without ids and times of its own."""
    return sorted(str(value) for row in rows for value in row if isinstance(value, str))
