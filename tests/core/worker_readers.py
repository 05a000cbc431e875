"""Readers that misbehave, for the reading worker's tests (test_reading_worker.py). They are given
to the worker as its `reader` parameter, so each must be importable by name in the worker; this
module imports nothing heavy, so a worker loads it at once.

Each is bounded of its own accord (a cap on what it allocates, a cap on how long it sleeps), so a
worker that failed to stop it, or a reader run in the test's own process by mistake, makes the
test fail instead of eating the machine."""

from __future__ import annotations

import os
import time

# Far above any limit the tests set, far below what would trouble the machine.
ALLOCATION_CAP_MB = 3072
SLEEP_CAP_SECONDS = 30.0


def allocate_without_bound(content: bytes, filename: str) -> str:
    """Takes memory 16 MB at a time (touched, so it is really used), up to the cap."""
    held = []
    for _ in range(ALLOCATION_CAP_MB // 16):
        held.append(bytearray(b"x" * (16 << 20)))
    return f"allocated {len(held) * 16} MB in process {os.getpid()}"


def fill_memory_then_hang(content: bytes, filename: str) -> str:
    """Takes memory until none is left, keeps it, and waits: what python-calamine does when Rust's
    out-of-memory hook waits for a lock its own panic holds."""
    held = []
    try:
        for _ in range(ALLOCATION_CAP_MB):
            held.append(bytearray(1 << 20))
    except MemoryError:
        pass
    time.sleep(SLEEP_CAP_SECONDS)
    return f"held {len(held)} MB in process {os.getpid()}"


def sleep_for_ever(content: bytes, filename: str) -> str:
    time.sleep(SLEEP_CAP_SECONDS)
    return f"slept in process {os.getpid()}"


def crash(content: bytes, filename: str) -> str:
    """Ends the process as a library's fault does (SIGABRT), without a word."""
    os.abort()


def fail(content: bytes, filename: str) -> str:
    """A bug of ours in a reader."""
    raise ValueError(f"a bug while reading {filename}")


def where_and_how(content: bytes, filename: str) -> dict[str, object]:
    """What the worker is: its process, its allocator, its environment's view of one setting."""
    import pyarrow

    return {
        "pid": os.getpid(),
        "pool": pyarrow.default_memory_pool().backend_name,
        "setting": os.environ.get("RECTIFICATION_MAX_SHEET_ROWS"),
        "echo": (content, filename),
    }
