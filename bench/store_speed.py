"""How fast the store of versions takes in, gives back and summarises a 100,000-row ledger.

Targets (from the issue; reported as PASS/MISS, never asserted):

  import of a 100,000-row ledger as a new version   <= 5 s on SQLite (propose + accept)
  reading the current version                        <= 1 s (store.findings of store.version())
  the trend over 50 versions                         computed in the database, not by loading
                                                     every version (no numeric target: printed)
  a department's merge of its tasks (issue 10)       <= 5 s (propose + accept), the import's

`--rows` counts problems (findings, the store's rows). With `--measures-per-problem N` (issue 10)
each problem is broken into N measures (整改任务) whose problem cells are merged over them, as
check_speed.py generates with the same option: `--rows 25000 --measures-per-problem 4` is a
100,000-measure ledger of 25,000 problems, each kept with its measures in `tasks`.

Uses bench/check_speed.py's deterministic generator and its cached 100k-row file in bench/.cache/,
and measures on a fresh temporary SQLite store (and, with `--postgres URL`, on PostgreSQL):

  a. import     `propose(store, content, name, "replace")` and `accept(...)`, timed apart and
                together: the first import into the empty store (version 1); then a version with
                1% of rows' status and progress changed, built from the checked DataFrame with
                `store.save(..., mode="replace")` (timed alone: version 2); then the original file
                proposed and accepted again on top of it, an import that changes 1% of the rows
                (version 3). `check_file` alone is timed once, for the share of propose it is.
                `accept` runs as local mode's identity (admin, every department); the scope check
                it starts with, `check_upload_scope`, is also timed alone for the second import.
                Then a department's merge (version 4): a sheet of ~1% of the problems, each
                with one measure of the department's (DEPARTMENTS[0]) named by its 任务序号
                (`XC-000005.2`) and marked 已完成, proposed in "merge" mode and accepted as that
                department's uploader, so the scope check judges it measure by measure
                (`diff.measure_scope`) and the save merges it measure by measure (`by_measure`,
                `diff.measures_merged`); those two are also timed alone on the same rows.
  b. read       `store.findings(store.version().id)`, best of `--repeat`.
  c. trend      on a second fresh store, `--versions` versions (default 50) each saved with
                `store.save(..., mode="replace")` from the previous one with `--changes` rows'
                status changed (build time and database size printed), then `store.trend()`,
                `store.trend(departments=(one,))` and `store.timeline(id)`, best of `--repeat`,
                plus the current version read on that store and the Python memory peak of one
                `store.trend()` (tracemalloc), which stays small only if the database aggregates.

Each timing is of the call alone, after a garbage collection. When a target misses, or with
`--profile`, the import and read steps are run once more on a fresh store under cProfile and the
top functions printed (whole call tree, by own time, then rectification/'s functions).

`--postgres URL` (e.g. postgresql+psycopg://postgres:pw@127.0.0.1:5432/rectification_bench)
needs a database of its own: the store there must be empty at the start, its tables are dropped
between the phases and at the end (`rectification.store.metadata.drop_all`). The same targets are
printed against its figures, for comparison.

Exits 1 when a step gives a wrong result (a refused file, a wrong row count, a trend that does
not have one row per version), else 0.

Usage: python bench/store_speed.py [--rows 100000] [--measures-per-problem 1] [--repeat 3]
                                   [--versions 50] [--changes 300] [--postgres URL] [--skip-sqlite]
                                   [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import io
import os
import pstats
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

# The generator lives beside this file; running `python bench/store_speed.py` puts bench/ on
# sys.path, and check_speed puts the project root there for the imports below.
from check_speed import (
    AS_OF,
    DEPARTMENTS,
    HEADERS,
    PROBLEM_COLUMNS,
    ROOT,
    Row,
    _finding,
    ledger_file,
    print_table,
    timed,
    verdict,
)

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy import Engine

    from rectification.store import Store

DEFAULT_SEED = 20240510  # check_speed's default, so its cached 100k ledger is reused
TARGET_IMPORT_S = 5.0
TARGET_READ_S = 1.0
CHANGED_SHARE = 0.01  # rows changed in the second import; problems in the department's merge
AUTHOR = "bench"
TREND_DEPARTMENT = DEPARTMENTS[0]
MERGE_DEPARTMENT = DEPARTMENTS[0]  # the department whose own tasks its sheet changes


class BenchFailed(Exception):
    """A step gave a result other than the one the benchmark relies on."""


def require(ok: bool, message: str) -> None:
    if not ok:
        raise BenchFailed(message)


# ---------------------------------------------------------------------------------- backends


class Backend:
    """Where the stores live: hands out empty stores and says how big the database is."""

    name = ""

    def empty_store(self) -> Store:
        raise NotImplementedError

    def size_bytes(self, store: Store) -> int:
        raise NotImplementedError

    def close(self) -> None:
        """Release whatever the backend holds (and, for PostgreSQL, drop the store's tables)."""


class SQLiteBackend(Backend):
    """Each store a new file in a temporary directory."""

    name = "SQLite"

    def __init__(self) -> None:
        self._scratch = tempfile.TemporaryDirectory(prefix="store-speed-")
        self._stores: list[Store] = []

    def empty_store(self) -> Store:
        from rectification.store import Store

        path = Path(self._scratch.name) / f"store-{len(self._stores) + 1}.sqlite"
        store = Store.open(f"sqlite:///{path}")
        self._stores.append(store)
        return store

    def size_bytes(self, store: Store) -> int:
        """The database file after a checkpoint, so the WAL's pages are counted once."""
        raw = store.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.close()
        finally:
            raw.close()
        database = store.engine.url.database
        assert database is not None
        return sum(p.stat().st_size for p in (Path(database), Path(database + "-wal")) if p.exists())

    def close(self) -> None:
        for store in self._stores:
            store.engine.dispose()
        self._scratch.cleanup()


class PostgresBackend(Backend):
    """One database; the store's tables dropped before each new store and at the end."""

    name = "PostgreSQL"

    def __init__(self, url: str) -> None:
        from rectification.store import Store, connect

        self.engine: Engine = connect(url)
        existing = Store(self.engine)
        existing.upgrade()
        found = existing.version()
        if found is not None:
            self.engine.dispose()
            raise BenchFailed(
                f"the store at {self.engine.url.render_as_string(hide_password=True)} holds "
                f"{found.id} version(s); the bench drops the store's tables, so give it a database "
                "of its own (createdb rectification_bench)"
            )

    def drop_tables(self) -> None:
        """Every table of the store, Alembic's alembic_version too: left behind, it would tell
        the next upgrade that the tables are there already."""
        from rectification.store import metadata

        metadata.drop_all(self.engine)
        with self.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")

    def empty_store(self) -> Store:
        from rectification.store import Store

        self.drop_tables()
        store = Store(self.engine)
        store.upgrade()
        return store

    def size_bytes(self, store: Store) -> int:
        from sqlalchemy import text

        from rectification.store import metadata

        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            # What autovacuum would have done during the build, done now so the plans are stable.
            conn.execute(text("ANALYZE"))
            return sum(
                int(conn.execute(text("SELECT pg_total_relation_size(:t)"), {"t": t.name}).scalar() or 0)
                for t in metadata.sorted_tables
            )

    def close(self) -> None:
        self.drop_tables()
        self.engine.dispose()


# -------------------------------------------------------------------------------- the ledger


@dataclass
class Ledger:
    content: bytes
    name: str
    findings: pd.DataFrame  # as check_file built it
    as_of: Any
    check_s: float
    measures: pd.DataFrame  # one row per measure (LedgerCheck.measures), in sheet order
    per_problem: int = 1


@dataclass
class DepartmentSheet:
    """A department's sheet of one of its own tasks of each of some problems, changed."""

    content: bytes
    name: str
    department: str
    tasks: list[tuple[str, str]]  # (problem id, measure id) of each row


def department_sheet(ledger: Ledger, seed: int, share: float) -> DepartmentSheet:
    """`share` of the problems, each with one open measure led by MERGE_DEPARTMENT, as that
    department sends them back: the ledger's own cells (the generator replayed, so every text is
    the stored one), a 任务序号 column naming the measure, its status 已完成 and 完成时间 the
    ledger's date. The problem's cells are repeated on its one row, as a sheet of one measure
    per problem has them."""
    import xlsxwriter

    measures = ledger.measures
    per = ledger.per_problem
    count = max(1, round(len(ledger.findings) * share))
    open_own = (measures["department"] == MERGE_DEPARTMENT) & (measures["status"] != "done")
    candidates = measures[open_own.to_numpy()].drop_duplicates("problem_id")
    require(
        len(candidates) >= count, f"only {len(candidates):,} problems have an open task of {MERGE_DEPARTMENT}"
    )
    rng = np.random.default_rng(seed + 2)
    chosen = candidates.iloc[np.sort(rng.choice(len(candidates), size=count, replace=False))]
    # Measure k (0-based, sheet order) is the generator's row k + 1.
    numbers = (chosen.index.to_numpy() + 1).tolist()
    cells = _generated_rows(len(measures), seed, per, set(numbers))
    header = ["编号", "任务序号", *HEADERS[1:]]
    status_col, completed_col = HEADERS.index("整改状态"), HEADERS.index("完成时间")
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("整改台账")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, header)
    tasks: list[tuple[str, str]] = []
    for line, (number, pid, mid) in enumerate(
        zip(numbers, chosen["problem_id"], chosen["measure_id"], strict=True), start=1
    ):
        values = list(cells[number])
        require(values[0] == pid, f"generator row {number} is problem {values[0]}, the ledger's {pid}")
        values[status_col], values[completed_col] = "已完成", AS_OF
        row = [values[0], mid, *values[1:]]
        for col, value in enumerate(row):
            if isinstance(value, date):
                sheet.write_datetime(line, col, datetime(value.year, value.month, value.day), day)
            elif value is not None:
                sheet.write_string(line, col, value)
        tasks.append((str(pid), str(mid)))
    book.close()
    return DepartmentSheet(out.getvalue(), "department-tasks.xlsx", MERGE_DEPARTMENT, tasks)


def _generated_rows(rows: int, seed: int, per_problem: int, wanted: set[int]) -> dict[int, list[Any]]:
    """The cells check_speed.write_ledger wrote on the wanted rows (1-based measure numbers),
    a problem's merged cells taken from its first row: its random draws replayed in order."""
    rng = random.Random(seed)
    found: dict[int, list[Any]] = {}
    problem: list[Any] = []
    for number in range(1, rows + 1):
        values = _finding(rng, number)
        if (number - 1) % per_problem == 0:
            problem = values
        if number in wanted:
            merged = per_problem > 1
            found[number] = [
                problem[c] if merged and c in PROBLEM_COLUMNS else v for c, v in enumerate(values)
            ]
    return found


def changed_rows(
    frame: pd.DataFrame, rng: np.random.Generator, count: int, stamp: str, *, progress: bool
) -> tuple[pd.DataFrame, np.ndarray]:
    """A copy of `frame` with `count` random rows moved to another status (and, with `progress`,
    their progress text extended): the copy and the changed positions."""
    import pandas as pd

    from rectification.schema import STATUS_CODES

    out = frame.copy()
    positions = np.sort(rng.choice(len(out), size=count, replace=False))
    codes = pd.Index(STATUS_CODES)
    index = codes.get_indexer(out["status"].to_numpy()[positions])
    shift = rng.integers(1, len(codes), size=count)  # never 0: always a different status
    out.iloc[positions, out.columns.get_loc("status")] = codes.to_numpy()[(index + shift) % len(codes)]
    if progress:
        column = out.columns.get_loc("progress")
        out.iloc[positions, column] = out["progress"].iloc[positions] + f"（{stamp}更新）"
    return out, positions


# -------------------------------------------------------------------------------- measuring

Timer = Callable[[str, Callable[[], Any]], tuple[float, Any]]


def plain_timer(_label: str, run: Callable[[], Any]) -> tuple[float, Any]:
    return timed(run)


@dataclass
class ProfilingTimer:
    """Runs each step under its own cProfile; keeps the stats by label."""

    profiles: dict[str, cProfile.Profile] = field(default_factory=dict)

    def __call__(self, label: str, run: Callable[[], Any]) -> tuple[float, Any]:
        profiler = cProfile.Profile()
        gc.collect()
        started = time.perf_counter()
        profiler.enable()
        try:
            result = run()
        finally:
            profiler.disable()
        self.profiles[label] = profiler
        return time.perf_counter() - started, result


def best_of(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        result = None  # let the previous result go before the next run
        seconds, result = timed(run)
        best = min(best, seconds)
    return best, result


def seconds(value: float) -> str:
    return f"{value:.3f} s"


def target_row(what: str, value: float, target: float, missed: list[str]) -> Row:
    ok = value <= target
    if not ok:
        missed.append(what)
    return Row(what, seconds(value), f"<= {target:g} s", verdict(ok))


@dataclass
class ImportFigures:
    rows: list[Row]
    missed: list[str]


def import_steps(
    store: Store, ledger: Ledger, changed: pd.DataFrame, changed_count: int, timer: Timer
) -> ImportFigures:
    """Phase a on an empty store: versions 1-3 as the module docstring says."""
    from rectification.access import ALL_DEPARTMENTS, Identity
    from rectification.service import accept, check_upload_scope, propose

    # The local mode's identity: admin for every department, so no upload is out of scope.
    identity = Identity(AUTHOR, "admin", frozenset({ALL_DEPARTMENTS}))

    rows_expected = len(ledger.findings)
    missed: list[str] = []
    table: list[Row] = []

    # a1. the first import into the empty store
    propose_s, proposal = timer(
        "first import: propose", lambda: propose(store, ledger.content, ledger.name, "replace")
    )
    added = len(proposal.diff.added) if proposal.check.accepted and proposal.diff is not None else 0
    require(added == rows_expected, f"the first import adds {added:,} rows, not {rows_expected:,}")
    accept_s, first = timer("first import: accept", lambda: accept(store, proposal, identity))
    require(
        first is not None and first.id == 1 and first.total == rows_expected, f"first import saved {first}"
    )
    table += [
        Row("first import: propose (check_file + diff)", seconds(propose_s)),
        Row("first import: accept (scope check + store.save)", seconds(accept_s)),
        target_row("first import: propose + accept", propose_s + accept_s, TARGET_IMPORT_S, missed),
    ]

    # a2. a version with 1% of rows changed, saved directly
    sha = hashlib.sha256(b"bench: 1% changed").hexdigest()
    save_s, second = timer(
        "1% changed: store.save",
        lambda: store.save(
            changed, author=AUTHOR, source_file=ledger.name, sha256=sha, mode="replace", as_of=ledger.as_of
        ),
    )
    require(
        second is not None and second.id == 2 and second.total == rows_expected, f"1% save saved {second}"
    )
    table.append(Row(f"1% changed ({changed_count:,} rows): store.save alone", seconds(save_s)))

    # a3. the original file imported onto that version: an import that changes 1% of the rows
    propose_s, proposal = timer(
        "second import: propose", lambda: propose(store, ledger.content, ledger.name, "replace")
    )
    diff = proposal.diff
    require(proposal.check.accepted and diff is not None, "the second import was refused")
    changed_items = diff.changes["id"].nunique()
    require(
        changed_items == changed_count and diff.added.empty and diff.missing.empty,
        f"the second import changes {changed_items:,} items (expected {changed_count:,}), "
        f"adds {len(diff.added):,}, drops {len(diff.missing):,}",
    )
    # accept re-checks the identity's scope first, which reads the current version; timed alone too.
    scope_s, _ = timed(lambda: check_upload_scope(store, proposal, identity))
    accept_s, third = timer("second import: accept", lambda: accept(store, proposal, identity))
    require(
        third is not None and third.id == 3 and third.total == rows_expected, f"second import saved {third}"
    )
    table += [
        Row("second import (1% changed): propose", seconds(propose_s)),
        Row("second import (1% changed): accept", seconds(accept_s)),
        Row("  accept's check_upload_scope, timed alone", seconds(scope_s)),
        target_row(
            "second import (1% changed): propose + accept", propose_s + accept_s, TARGET_IMPORT_S, missed
        ),
    ]
    return ImportFigures(table, missed)


def merge_steps(store: Store, ledger: Ledger, sheet: DepartmentSheet, timer: Timer) -> ImportFigures:
    """Phase a4, after a1-a3: the department's sheet of its own tasks merged as its uploader."""
    from rectification.access import Identity
    from rectification.diff import by_measure, measure_scope, measures_merged
    from rectification.measures import measure_table
    from rectification.service import accept, check_upload_scope, propose

    identity = Identity(f"{sheet.department}@bench", "uploader", frozenset({sheet.department}))
    problems, count = len(ledger.findings), len(sheet.tasks)
    before = store.version()
    require(before is not None, "the merge needs a current version")
    assert before is not None
    missed: list[str] = []

    propose_s, proposal = timer(
        "department merge: propose", lambda: propose(store, sheet.content, sheet.name, "merge")
    )
    diff = proposal.diff
    require(
        proposal.check.accepted and diff is not None,
        "the department's sheet was refused: " + "; ".join(f.message() for f in proposal.check.errors[:5]),
    )
    assert diff is not None
    changed_items = diff.changes["id"].nunique()
    require(
        changed_items == count and diff.added.empty,
        f"the department's merge changes {changed_items:,} problems (expected {count:,}), "
        f"adds {len(diff.added):,}",
    )
    per_measure = int((diff.changes["measure"] != "").sum())
    scope_s, _ = timed(lambda: check_upload_scope(store, proposal, identity))
    accept_s, saved = timer("department merge: accept", lambda: accept(store, proposal, identity))
    require(
        saved is not None and saved.id == before.id + 1 and saved.total == problems,
        f"the department's merge saved {saved}",
    )
    assert saved is not None

    # The parts that are new in issue 10, alone, on the rows they see (not part of the sums).
    upload = proposal.check.findings
    current = store.findings(before.id)
    stored = current[current["id"].isin(upload["id"]).to_numpy()]
    remade = int(by_measure(current, upload).sum())
    scope_alone_s, (_, touched) = timed(lambda: measure_scope(stored, upload))
    merged_alone_s, _ = timed(lambda: measures_merged(current, upload))

    # What was stored: exactly the chosen measures changed, to done.
    old = measure_table(current).set_index(["problem_id", "measure_id"])["status"]
    new = measure_table(store.findings(saved.id)).set_index(["problem_id", "measure_id"])["status"]
    require(old.index.equals(new.index), "the merge added or dropped measures")
    differs = set(new.index[(old != new).to_numpy()])
    wanted = {key for key in sheet.tasks if old.get(key) != "done"}
    require(
        differs == wanted and bool((new.loc[list(wanted)] == "done").all()),
        f"the merge changed {len(differs):,} measures' status, expected the {len(wanted):,} sent",
    )

    what = f"department merge ({count:,} problems' tasks)"
    table = [
        Row(f"{what}: propose", seconds(propose_s)),
        Row(f"  its diff: {changed_items:,} problems, {per_measure:,} measure field changes", ""),
        Row(f"{what}: accept (uploader)", seconds(accept_s)),
        Row("  accept's check_upload_scope, timed alone", seconds(scope_s)),
        Row(f"  diff.measure_scope alone ({len(touched):,} changes touched)", seconds(scope_alone_s)),
        Row(f"  diff.measures_merged alone ({remade:,} problems by measure)", seconds(merged_alone_s)),
        target_row(f"{what}: propose + accept", propose_s + accept_s, TARGET_IMPORT_S, missed),
    ]
    return ImportFigures(table, missed)


def read_current(store: Store) -> pd.DataFrame:
    version = store.version()
    assert version is not None
    return store.findings(version.id)


def read_step(store: Store, rows_expected: int, repeat: int, what: str, missed: list[str]) -> Row:
    """Phase b: the current version read back, best of `repeat`."""
    read_s, frame = best_of(repeat, lambda: read_current(store))
    require(len(frame) == rows_expected, f"the current version reads back {len(frame):,} rows")
    return target_row(f"{what} (best of {repeat})", read_s, TARGET_READ_S, missed)


def trend_steps(
    store: Store, backend: Backend, ledger: Ledger, args: argparse.Namespace, missed: list[str]
) -> list[Row]:
    """Phase c: `args.versions` versions on an empty store, then trend, scoped trend, timeline."""
    rows_expected = len(ledger.findings)
    rng = np.random.default_rng(args.seed + 1)
    frame = ledger.findings
    touched: Counter[int] = Counter()
    saves: list[float] = []
    for number in range(1, args.versions + 1):
        if number > 1:
            frame, positions = changed_rows(frame, rng, args.changes, f"V{number}", progress=False)
            touched.update(positions.tolist())
        sha = hashlib.sha256(f"bench version {number}".encode()).hexdigest()
        save_s, saved = timed(
            lambda frame=frame, sha=sha: store.save(
                frame, author=AUTHOR, source_file=ledger.name, sha256=sha, mode="replace", as_of=ledger.as_of
            )
        )
        require(saved is not None and saved.id == number, f"version {number} saved as {saved}")
        saves.append(save_s)
    size_mb = backend.size_bytes(store) / 2**20

    trend_s, trend = best_of(args.repeat, store.trend)
    require(len(trend) == args.versions, f"store.trend() returned {len(trend)} rows, not {args.versions}")
    require(
        bool((trend["total"] == rows_expected).all()), "store.trend() totals differ from the ledger's rows"
    )
    scoped_s, scoped = best_of(args.repeat, lambda: store.trend(departments=(TREND_DEPARTMENT,)))
    scoped_rows = int(scoped["total"].iloc[-1]) if len(scoped) else 0
    require(
        len(scoped) == args.versions and 0 < scoped_rows < rows_expected,
        f"store.trend(departments=…) returned {len(scoped)} rows, {scoped_rows:,} items in the last",
    )
    position, times = touched.most_common(1)[0]
    finding_id = str(ledger.findings["id"].iloc[position])
    timeline_s, timeline = best_of(args.repeat, lambda: store.timeline(finding_id))
    require(
        len(timeline) == times + 1, f"timeline({finding_id}) has {len(timeline)} rows, expected {times + 1}"
    )

    gc.collect()
    tracemalloc.start()
    store.trend()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    return [
        Row(f"build {args.versions} versions ({args.changes} statuses changed each)", f"{sum(saves):.1f} s"),
        Row("  store.save per version: mean / slowest", f"{np.mean(saves):.2f} / {max(saves):.2f} s"),
        Row(f"database size with {args.versions} versions", f"{size_mb:.0f} MB"),
        Row(f"store.trend(): {len(trend)} rows (best of {args.repeat})", seconds(trend_s), "info", "(info)"),
        Row(
            f"store.trend(departments=(DEPARTMENTS[0],)): {scoped_rows:,} items",
            seconds(scoped_s),
            "info",
            "(info)",
        ),
        Row(f"store.timeline({finding_id}): {len(timeline)} rows", seconds(timeline_s), "info", "(info)"),
        Row("  Python memory peak of one store.trend()", f"{peak / 2**20:.1f} MB"),
        read_step(store, rows_expected, args.repeat, f"read current version of {args.versions}", missed),
    ]


# --------------------------------------------------------------------------------- profiling


def profile_report(profiles: dict[str, cProfile.Profile], top: int) -> str:
    out = io.StringIO()
    for label, profiler in profiles.items():
        stats = pstats.Stats(profiler, stream=out)
        out.write(f"\n==== {label}: by cumulative time\n")
        stats.strip_dirs().sort_stats("cumulative").print_stats(top)
        out.write(f"==== {label}: by own time\n")
        stats.sort_stats("tottime").print_stats(top)
        # A Stats of its own: strip_dirs above dropped the paths the filter needs.
        out.write(f"==== {label}: rectification/'s own functions, by cumulative time\n")
        own = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        own.print_stats(r"/rectification/", top)
    return out.getvalue()


def profiled_pass(
    backend: Backend, ledger: Ledger, changed: pd.DataFrame, changed_count: int, sheet: DepartmentSheet
) -> str:
    store = backend.empty_store()
    timer = ProfilingTimer()
    import_steps(store, ledger, changed, changed_count, timer)
    merge_steps(store, ledger, sheet, timer)
    timer("read current version", lambda: read_current(store))
    return profile_report(timer.profiles, 25)


# ------------------------------------------------------------------------------------- main


def run_backend(
    backend: Backend,
    ledger: Ledger,
    changed: pd.DataFrame,
    changed_count: int,
    sheet: DepartmentSheet,
    args: argparse.Namespace,
) -> list[str]:
    """Phases a, b and c on `backend`; prints the table; returns the labels that missed."""
    rows = len(ledger.findings)
    print(f"\n== {backend.name}: import and read (fresh store) …", flush=True)
    store = backend.empty_store()
    figures = import_steps(store, ledger, changed, changed_count, plain_timer)
    merge = merge_steps(store, ledger, sheet, plain_timer)
    missed = figures.missed + merge.missed
    shape = f"{rows:,} rows"
    if ledger.per_problem > 1:
        shape = f"{rows:,} problems, {len(ledger.measures):,} measures"
    table = [
        Row(f"check_file alone (once, {shape})", seconds(ledger.check_s)),
        *figures.rows,
        *merge.rows,
        read_step(store, rows, args.repeat, "read current version of 4", missed),
    ]
    print(f"== {backend.name}: {args.versions} versions for the trend (second fresh store) …", flush=True)
    trend_table = trend_steps(backend.empty_store(), backend, ledger, args, missed)
    print(f"\n{backend.name}: a. import, b. read")
    print_table(table)
    print(f"\n{backend.name}: c. trend over {args.versions} versions")
    print_table(trend_table)
    if missed:
        print(f"\n{backend.name}: {len(missed)} figure(s) missed the target: " + "; ".join(missed))
    if missed or args.profile:
        print(f"\n== {backend.name}: cProfile of the import and read steps (one more fresh store) …")
        print(profiled_pass(backend, ledger, changed, changed_count, sheet))
    return missed


def code_version() -> str:
    """The commit measured, and whether rectification/ differs from it (figures move with it)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "rectification"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    return f"{head}" + (" with uncommitted changes in rectification/" if dirty else "")


def load_ledger(args: argparse.Namespace, scratch: Path) -> Ledger:
    from rectification.intake import check_file

    per = args.measures_per_problem
    # check_speed's `rows` are the sheet's rows, measures when a problem has several.
    path = ledger_file(args.rows * per, args.seed, not args.no_cache, scratch, per)
    content = path.read_bytes()
    check_s, check = timed(lambda: check_file(content, path.name))
    found = len(check.findings) if check.findings is not None else 0
    measures = check.measures
    counted = len(measures) if measures is not None else 0
    require(
        check.accepted and found == args.rows and counted == args.rows * per,
        f"check_file accepted={check.accepted}, {found:,} problems, {counted:,} measures",
    )
    assert measures is not None
    measures = measures.reset_index(drop=True)
    return Ledger(content, path.name, check.findings, check.as_of, check_s, measures, per)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=100_000, help="problems (findings) in the ledger")
    parser.add_argument(
        "--measures-per-problem", type=int, default=1, metavar="N",
        help="measures of each problem, its cells merged over them (issue 10: 4, with --rows 25000)",
    )  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3, help="runs of each read (best of)")
    parser.add_argument("--versions", type=int, default=50, help="versions for the trend")
    parser.add_argument("--changes", type=int, default=300, help="statuses changed per trend version")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the generated text")
    parser.add_argument("--no-cache", action="store_true", help="generate into a temp dir")
    parser.add_argument("--postgres", metavar="URL", help="also run on this PostgreSQL database (its own)")
    parser.add_argument("--skip-sqlite", action="store_true", help="only PostgreSQL")
    parser.add_argument("--profile", action="store_true", help="cProfile the import and read steps")
    args = parser.parse_args(argv)
    if args.rows < 200 or args.repeat < 1 or args.versions < 2 or args.measures_per_problem < 1:
        parser.error(
            "--rows must be at least 200, --repeat and --measures-per-problem at least 1, "
            "--versions at least 2"
        )
    if not 0 < args.changes <= args.rows:
        parser.error("--changes must be between 1 and --rows")
    if args.skip_sqlite and not args.postgres:
        parser.error("--skip-sqlite needs --postgres")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="store-speed-ledger-") as scratch:
        try:
            ledger = load_ledger(args, Path(scratch))
        except BenchFailed as failure:
            print(f"ERROR: {failure}")
            return 1
    changed_count = max(1, round(args.rows * CHANGED_SHARE))
    changed, _ = changed_rows(
        ledger.findings, np.random.default_rng(args.seed), changed_count, "本期", progress=True
    )
    try:
        sheet = department_sheet(ledger, args.seed, CHANGED_SHARE)
    except BenchFailed as failure:
        print(f"ERROR: {failure}")
        return 1
    size_mb = len(ledger.content) / 2**20
    python = sys.version.split()[0]
    shape = f"{args.rows:,} rows"
    if ledger.per_problem > 1:
        shape = f"{args.rows:,} problems x {ledger.per_problem} = {len(ledger.measures):,} measures"
    print(f"Ledger: {shape}, {size_mb:.1f} MB; Python {python}, {os.cpu_count()} CPUs")
    print(f"Code: {code_version()}")

    backends: list[Callable[[], Backend]] = []
    if not args.skip_sqlite:
        backends.append(SQLiteBackend)
    if args.postgres:
        backends.append(lambda: PostgresBackend(args.postgres))
    for make in backends:
        try:
            backend = make()
        except BenchFailed as failure:
            print(f"ERROR: {failure}")
            return 1
        try:
            run_backend(backend, ledger, changed, changed_count, sheet, args)
        except BenchFailed as failure:
            print(f"ERROR ({backend.name}): {failure}")
            return 1
        finally:
            backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
