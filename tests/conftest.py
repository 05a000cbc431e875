"""Fixtures every part of the tests shares."""

import pytest

from tests.hostile_corpus import Hostile, write_corpus

# The local mail server and robot receiver (fixtures `mailbox`, `robots`) for the reminder tests.
pytest_plugins = ["tests.local_servers"]


@pytest.fixture(scope="session", autouse=True)
def log_file(tmp_path_factory):
    """The command line's log (RECTIFICATION_LOG_FILE) in a folder of the session's, also for the
    commands tests run as subprocesses: never data/rectification.log of the checkout."""
    path = tmp_path_factory.mktemp("log") / "rectification.log"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECTIFICATION_LOG_FILE", str(path))
        yield path


@pytest.fixture(scope="session")
def hostile_files(tmp_path_factory) -> dict[str, tuple[Hostile, bytes, str]]:
    """The hostile corpus written once a session: each file's name to its entry, its bytes
    (the bombs are a few MB on disk) and its path."""
    folder = tmp_path_factory.mktemp("hostile")
    return {h.name: (h, path.read_bytes(), str(path)) for h, path in write_corpus(folder)}
