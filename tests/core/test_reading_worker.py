"""The reading worker (rectification/reading_worker.py, issue 12): a file read in a process of its
own gives what reading it here gives, and a reader that takes memory or time without end is
stopped at the limit with a refusal that names it, while this process (the server) carries on."""

from __future__ import annotations

import os
import resource
import sys
import time
import types
from pathlib import Path

import pandas as pd
import pytest

from rectification import reading_worker
from rectification.errors import ReadingStopped
from rectification.intake import check_file
from rectification.ledger import LedgerCheck
from rectification.reading_worker import ReadingLimits, check_in_worker, read_in_worker, start
from rectification.service import read_notice
from tests.builders import FIXTURES, SAMPLE
from tests.core import worker_readers

pytestmark = pytest.mark.skipif(not hasattr(resource, "RLIMIT_DATA"), reason="no RLIMIT_DATA here")

GENEROUS = ReadingLimits(memory_mb=2048, seconds=60)
# A worker starts with the reader's libraries loaded, about 170 MB of data; this leaves room to
# read a small file and none to hoard.
TIGHT_MEMORY = ReadingLimits(memory_mb=400, seconds=20)


@pytest.fixture(scope="module", autouse=True)
def warm_worker():
    """The fork server started and its imports done, so no test's time limit pays for them."""
    start()
    read_in_worker(worker_readers.where_and_how, b"", "warm-up", GENEROUS)


def same_check(got: LedgerCheck, expected: LedgerCheck) -> None:
    shown = (got.file, got.sheet, got.header_row, got.as_of)
    assert shown == (expected.file, expected.sheet, expected.header_row, expected.as_of)
    assert got.errors == expected.errors
    assert got.warnings == expected.warnings
    assert got.stated_counts == expected.stated_counts
    pd.testing.assert_frame_equal(got.findings, expected.findings)
    pd.testing.assert_frame_equal(got.measures, expected.measures)


def refused_for(check: LedgerCheck, key: str) -> str:
    assert not check.accepted
    assert [flag.key for flag in check.errors] == [key]
    return check.errors[0].message("zh") + "\n" + check.errors[0].message("en")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fork_server_pid() -> int:
    assert reading_worker._server is not None
    return reading_worker._server.process.pid


def children_left(within: float = 3.0) -> list[int]:
    """The fork server's children (zombies included) once it has had `within` seconds to kill
    and reap them: none, unless a reading was left running."""
    parent = fork_server_pid()
    deadline = time.monotonic() + within
    while True:
        left = []
        for entry in Path("/proc").iterdir():
            try:
                stat = (entry / "stat").read_text()
            except (OSError, ValueError):
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
                left.append(int(entry.name))
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def test_a_genuine_file_read_in_the_worker_gives_the_same_check_as_read_here():
    content = SAMPLE.read_bytes()
    got = check_in_worker(content, "data/sample_ledger.xlsx", GENEROUS)
    assert got.accepted
    same_check(got, check_file(content, "data/sample_ledger.xlsx"))


def test_a_refused_file_is_refused_alike():
    content = b"\x00\x01 not a spreadsheet at all"
    same_check_errors = check_in_worker(content, "bad.xlsx", GENEROUS).errors
    assert same_check_errors == check_file(content, "bad.xlsx").errors


def test_a_notice_read_in_the_worker_is_the_notice_read_here():
    content = (FIXTURES / "seed_notice.txt").read_bytes()
    here = read_notice(content, "seed_notice.txt")
    there = read_notice(content, "seed_notice.txt", GENEROUS)
    assert there.check.accepted and len(there.check.findings) == 30
    assert (there.title, there.unit, there.round) == (here.title, here.unit, here.round)
    assert there.claimed == here.claimed
    same_check(there.check, here.check)


def test_the_worker_is_another_process_with_the_system_allocator_and_this_process_settings(monkeypatch):
    monkeypatch.setenv("RECTIFICATION_MAX_SHEET_ROWS", "1234")  # set after the fork server started
    seen = read_in_worker(worker_readers.where_and_how, b"\x00bytes", "name.xlsx", GENEROUS)
    assert seen["pid"] != os.getpid()
    # pyarrow's mimalloc would reserve 1 GiB of the memory limit at its first string operation.
    assert seen["pool"] == "system"
    assert seen["setting"] == "1234"
    assert seen["echo"] == (b"\x00bytes", "name.xlsx")


def test_a_reader_that_allocates_without_bound_is_stopped_at_the_memory_limit():
    before = peak_rss_mb()
    started = time.monotonic()
    check = check_in_worker(b"", "炸弹.xlsx", TIGHT_MEMORY, reader=worker_readers.allocate_without_bound)
    message = refused_for(check, "upload.read_memory")
    assert time.monotonic() - started < TIGHT_MEMORY.seconds / 2  # the kernel said no, not the clock
    assert "“炸弹.xlsx”" in message and "400MB上限" in message and "未作任何更改" in message
    assert "400 MB memory limit" in message
    assert peak_rss_mb() < before + 100  # none of it was taken here
    assert children_left() == []
    # And this process reads the next file as if nothing had happened.
    assert check_in_worker(SAMPLE.read_bytes(), "sample_ledger.xlsx", GENEROUS).accepted


def test_a_reader_that_hangs_with_its_memory_full_is_said_to_have_run_out_of_memory():
    limits = ReadingLimits(memory_mb=400, seconds=2)
    check = check_in_worker(b"", "x.xlsx", limits, reader=worker_readers.fill_memory_then_hang)
    refused_for(check, "upload.read_memory")


def test_a_reader_that_never_ends_is_stopped_at_the_time_limit():
    limits = ReadingLimits(memory_mb=2048, seconds=1)
    started = time.monotonic()
    check = check_in_worker(b"", "慢.xlsx", limits, reader=worker_readers.sleep_for_ever)
    elapsed = time.monotonic() - started
    message = refused_for(check, "upload.read_time")
    assert 1 <= elapsed < 4
    assert "“慢.xlsx”" in message and "超过1秒时限" in message and "未作任何更改" in message
    assert "1-second limit" in message
    assert children_left() == []  # killed and reaped, not left sleeping
    assert check_in_worker(SAMPLE.read_bytes(), "sample_ledger.xlsx", GENEROUS).accepted


def test_a_worker_that_dies_without_answering_is_a_refusal_not_an_exception():
    check = check_in_worker(b"", "x.xlsx", GENEROUS, reader=worker_readers.crash)
    message = refused_for(check, "upload.read_stopped")
    assert "意外中止" in message and "Traceback" not in message


def test_a_bug_in_the_reader_is_raised_here_with_the_workers_traceback():
    with pytest.raises(ValueError, match=r"a bug while reading x\.xlsx") as raised:
        read_in_worker(worker_readers.fail, b"", "x.xlsx", GENEROUS)
    assert "In the reading worker" in "".join(raised.value.__notes__)
    assert "worker_readers.py" in "".join(raised.value.__notes__)


def test_a_stopped_reading_raises_the_refusal_to_callers_of_read_in_worker():
    with pytest.raises(ReadingStopped) as stopped:
        read_in_worker(worker_readers.sleep_for_ever, b"", "dir/x.xlsx", ReadingLimits(2048, 1))
    assert stopped.value.key == "upload.read_time"
    assert stopped.value.params == {"file": "x.xlsx", "seconds": 1, "mb": 2048}


def test_the_fork_server_has_one_thread_so_that_its_children_start_sound():
    # fork() copies only the calling thread: a lock held by another thread would stay held.
    assert len(list(Path(f"/proc/{fork_server_pid()}/task").iterdir())) == 1


def test_a_reading_does_not_run_the_page_that_asked_for_it(tmp_path, monkeypatch):
    # Streamlit puts the running page in sys.modules["__main__"]; multiprocessing's forkserver
    # and spawn run that again in every child. Here a "page" that leaves a mark if it is run.
    page = tmp_path / "page.py"
    mark = tmp_path / "ran"
    page.write_text(f"open({str(mark)!r}, 'w').close()\n", encoding="utf-8")
    fake = types.ModuleType("__main__")
    fake.__file__ = str(page)
    monkeypatch.setitem(sys.modules, "__main__", fake)
    assert check_in_worker(SAMPLE.read_bytes(), "sample_ledger.xlsx", GENEROUS).accepted
    assert not mark.exists()
