"""What reading an upload in the reading worker (rectification/reading_worker.py) costs over
reading it in the server's own process: the shipped sample and a generated ledger of `--rows`
one-row problems (default 25,000; bench/check_speed.py writes it, cached in bench/.cache/).

Prints, best and median of `--repeat` runs each: check_file in this process, check_in_worker
(the fork server already running), the difference and the ratio; and once, the first reading
with the fork server cold (its start and imports included). Never asserts a time.

Usage: python bench/worker_overhead.py [--rows 25000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from check_speed import ledger_file  # noqa: E402

from rectification.intake import check_file  # noqa: E402
from rectification.reading_worker import ReadingLimits, check_in_worker, start  # noqa: E402

LIMITS = ReadingLimits(memory_mb=2048, seconds=120)


def runs(read: Callable[[], object], repeat: int) -> list[float]:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        read()
        seconds.append(time.perf_counter() - started)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=25_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    sample = ROOT / "data" / "sample_ledger.xlsx"
    started = time.perf_counter()
    start()
    cold = check_in_worker(sample.read_bytes(), sample.name, LIMITS)
    took = time.perf_counter() - started
    print(f"first reading, fork server cold: {took:.2f} s (accepted: {cold.accepted})")
    with tempfile.TemporaryDirectory() as scratch:
        for path in (sample, ledger_file(args.rows, 20240510, True, Path(scratch))):
            content = path.read_bytes()
            here = runs(lambda: check_file(content, path.name), args.repeat)  # noqa: B023
            there = runs(lambda: check_in_worker(content, path.name, LIMITS), args.repeat)  # noqa: B023
            print(
                f"{path.name}: in process {min(here):.3f} s (median {statistics.median(here):.3f}), "
                f"worker {min(there):.3f} s (median {statistics.median(there):.3f}), "
                f"+{min(there) - min(here):.3f} s, {min(there) / min(here):.2f}x"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
