"""How long a page rerun takes after a filter change: a 100,000-row ledger against a 1,000-row one.

Once the ledger is parsed and cached, the cost of a rerun should not grow with the ledger. This
script drives the real pages with `streamlit.testing.v1.AppTest`, once per ledger size, each in a
fresh interpreter (so caches start clean), on ledgers written by the deterministic generator of
bench/check_speed.py (cached in bench/.cache/). The pages show the current version of the store,
not a file, so each worker gets RECTIFICATION_SAMPLE=the ledger and DATABASE_URL=a new SQLite file
in a temporary directory: on first start the empty store takes the ledger as version 1.

  first load         the first `at.run()` of the overview: opens the empty store, checks the
                     ledger, saves it as version 1, reads it back and caches it
  overview, nothing  `at.run()` again with no widget changed
  overview, category the 问题类别 multiselect alternated between two categories, one rerun each
  item list, switch  `at.switch_page("pages/items.py").run()`, the first visit
  item list, dept.   the 责任部门 multiselect alternated between two departments
  item list, keyword the keyword box (key "q") alternated between two words
  task list, switch  (with measures) the item list's 按任务 toggle (key "tasks") turned on
  task list, dept.   (with measures) 责任部门 alternated on the task list (`selected_tasks`)
  departments        `pages/departments.py`: the first visit, then the one department choice,
                     the sidebar's 责任部门 (key "department", one department at a time),
                     alternated; with measures it runs `task_overview` twice a rerun

With measures (`--measures-per-problem N`, issue 10), the overview's reruns include
`task_overview` too (its 任务 line). `--small` and `--large` count the sheet's rows, which are
measures: `--large 100000 --measures-per-problem 4` is 25,000 problems x 4 measures (the ledger
check_speed.py makes with the same options), and the overview's 问题总数 is the problems.

After the pages, each worker also times, on its store's version 1, `store.findings`,
`LedgerVersion.of` (the warning levels and the `measure_table` expansion), and `measure_table`
alone (best of 3 each), and the memory of one `LedgerVersion.of`: Python's heap (tracemalloc:
peak, and what the loaded version keeps beyond the findings frame) and the Arrow buffers it
keeps (`pyarrow.total_allocated_bytes`; pandas 3 infers Arrow text columns, unseen by
tracemalloc), with `memory_usage(deep=True)` of its measures frame and of the findings.

Each filter alternation is timed twice over: "cold", the first rerun in a filter state (a miss
of the aggregate caches; best of the 2 such runs), and "warm", a state seen before (best of the
other 2 x (repeat - 1) runs). Each timing is of `at.run()` alone, after a garbage collection.

Target (reported as PASS/MISS, never asserted): for every warm rerun, the 100k time is at most
2 x the 1k time. Cold reruns, the first load and the page switch are printed for information.

`--profile` also runs cProfile over the warm reruns on the large ledger, separately for the script
thread (the page itself) and the main thread (AppTest's harness), and prints the top functions.

Exits 1 when a page raises, a worker fails, or the overview's 问题总数 (or the store's version 1)
does not hold exactly the ledger's rows; else 0.

Usage: python bench/page_rerun.py [--repeat 5] [--small 1000] [--large 100000]
                                  [--measures-per-problem N] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

# The generator lives beside this file; running `python bench/page_rerun.py` puts bench/ on
# sys.path, and check_speed puts the project root there for the worker's own imports.
from check_speed import CATEGORIES, DEPARTMENTS, ROOT, ledger_file

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

DEFAULT_SEED = 20240510  # check_speed's default, so its cached 100k ledger is reused
TARGET_RATIO = 2.0
RESULT_MARK = "PAGE_RERUN_RESULT "
Setter = Callable[[Any], None]  # puts a widget into one filter state before a rerun

# Filter values the generator draws from, so each exists in any ledger of a few hundred rows.
CATEGORY_STATES: tuple[list[str], list[str]] = ([CATEGORIES[0]], [CATEGORIES[3]])
DEPARTMENT_STATES: tuple[list[str], list[str]] = ([DEPARTMENTS[0]], [DEPARTMENTS[7]])
KEYWORD_STATES: tuple[str, str] = ("公车", "采购")  # from PROBLEM_PHRASES
# The departments page's own department box: two departments every ledger has.
DEPT_PAGE_STATES: tuple[str, str] = (DEPARTMENTS[0], DEPARTMENTS[7])

# (key, label, informational): the order of the table. Warm reruns carry the target.
MEASUREMENTS: tuple[tuple[str, str, bool], ...] = (
    ("first_load", "overview: first load (parse + store + cache)", True),
    ("overview_plain", "overview: rerun, nothing changed", False),
    ("overview_cold", "overview: category change, cold", True),
    ("overview_warm", "overview: category change, warm", False),
    ("items_switch", "item list: switch to page (first visit)", True),
    ("items_dept_cold", "item list: department change, cold", True),
    ("items_dept_warm", "item list: department change, warm", False),
    ("items_q_cold", "item list: keyword change, cold", True),
    ("items_q_warm", "item list: keyword change, warm", False),
    # Only with measures (the 按任务 toggle is offered when problems are broken into tasks).
    ("tasks_switch", "task list: toggle on (first)", True),
    ("tasks_dept_cold", "task list: department change, cold", True),
    ("tasks_dept_warm", "task list: department change, warm", False),
    ("depts_switch", "departments: switch to page (first visit)", True),
    ("depts_dept_cold", "departments: department box change, cold", True),
    ("depts_dept_warm", "departments: department box change, warm", False),
    # Not reruns: the loaded version, timed in the worker after the pages.
    ("load_findings", "load: store.findings(version 1)", True),
    ("load_version", "load: LedgerVersion.of (levels + measure_table)", True),
    ("load_measure_table", "load: measure_table alone", True),
)


# ------------------------------------------------------------------------ the worker (one size)


class PageFailed(Exception):
    """A page raised, or did not show what the benchmark relies on."""


def check_run(at: AppTest, what: str) -> None:
    """Raise PageFailed if the last run of `at` shows an exception."""
    if at.exception:
        details = "\n".join(f"{e.value}\n" + "\n".join(e.stack_trace) for e in at.exception)
        raise PageFailed(f"{what}: the page raised\n{details}")


def timed_run(at: AppTest, what: str) -> float:
    """Seconds of one `at.run()` after a garbage collection; checks the run for exceptions."""
    gc.collect()
    started = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - started
    check_run(at, what)
    return seconds


def total_shown(at: AppTest) -> int:
    """The overview's 问题总数 figure."""
    from rectification.labels import label

    total = label("metric.total", "zh")
    for metric in at.metric:
        if metric.label == total:
            return int(metric.value)
    raise PageFailed(f"the overview shows no {total} figure")


def require_options(at: AppTest, key: str, wanted: list[str]) -> None:
    options = at.multiselect(key=key).options
    missing = [value for value in wanted if value not in options]
    if missing:
        raise PageFailed(f"multiselect {key!r} does not offer {missing}; it offers {options}")


def alternate(
    at: AppTest, states: tuple[Any, Any], apply: Setter, repeat: int, what: str
) -> tuple[list[float], list[float]]:
    """Rerun `repeat` times in each of the two states, in turn: (cold, warm) seconds. The first
    rerun in each state is cold; every later one reruns a state the caches have seen."""
    cold: list[float] = []
    warm: list[float] = []
    for round_ in range(repeat):
        for state in states:
            apply(state)
            seconds = timed_run(at, f"{what} = {state!r}")
            (cold if round_ == 0 else warm).append(seconds)
    return cold, warm


@contextmanager
def script_thread_profiled(profiler: cProfile.Profile) -> Iterator[None]:
    """Profile the script thread AppTest starts for each run (cProfile sees one thread only)."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    original = LocalScriptRunner._run_script_thread

    def run_profiled(self: LocalScriptRunner) -> None:
        profiler.enable()
        try:
            original(self)
        finally:
            profiler.disable()

    LocalScriptRunner._run_script_thread = run_profiled  # type: ignore[method-assign]
    try:
        yield
    finally:
        LocalScriptRunner._run_script_thread = original  # type: ignore[method-assign]


def profile_text(profiler: cProfile.Profile, title: str, top: int) -> str:
    out = io.StringIO()
    out.write(f"---- {title}\n")
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    out.write(f"---- {title}, by own time\n")
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def profile_warm(at: AppTest, apply: Setter, states: tuple[Any, Any], runs: int) -> str:
    """cProfile `runs` warm reruns alternating `states` (already seen), script and main thread."""
    script, harness = cProfile.Profile(), cProfile.Profile()
    with script_thread_profiled(script):
        for number in range(runs):
            apply(states[number % 2])
            harness.enable()
            try:
                at.run()
            finally:
                harness.disable()
            check_run(at, "profiled rerun")
    return profile_text(script, f"script thread, {runs} reruns", 30) + profile_text(
        harness, f"main thread (AppTest harness), {runs} reruns", 8
    )


def check_store(expected: int) -> None:
    """The worker's store must hold exactly one version, the sample, with `expected` rows."""
    from rectification.settings import load_settings
    from rectification.store import Store, connect

    store = Store(connect(load_settings().database_url))
    try:
        found = [(v.id, v.note, v.total) for v in store.versions()]
    finally:
        store.engine.dispose()
    if found != [(1, "sample", expected)]:
        raise PageFailed(f"the store should hold version 1, the sample of {expected:,} rows: {found}")


def runs_of(runs: int, run: Callable[[], Any]) -> list[float]:
    out: list[float] = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        run()
        out.append(time.perf_counter() - started)
    return out


def measure_loading(measures: int) -> dict[str, Any]:
    """The loaded version on the worker's store: store.findings, LedgerVersion.of and its
    measure_table, best of 3 each; then the memory one LedgerVersion.of takes and keeps."""
    import tracemalloc

    from rectification.ledger_version import LedgerVersion
    from rectification.measures import measure_table
    from rectification.settings import load_settings
    from rectification.store import Store, connect

    settings = load_settings()
    store = Store(connect(settings.database_url))
    try:
        version = store.version(1)
        assert version is not None
        findings = store.findings(version.id)
        days = settings.warning_days
        result: dict[str, Any] = {
            "load_findings": runs_of(3, lambda: store.findings(version.id)),
            "load_version": runs_of(3, lambda: LedgerVersion.of("bench", version, findings, days)),
            "load_measure_table": runs_of(3, lambda: measure_table(findings)),
        }
    finally:
        store.engine.dispose()
    # tracemalloc sees Python's heap, not Arrow's buffers (pandas 3 keeps the text columns it
    # infers in Arrow): those are the Arrow pool's bytes allocated, before and after.
    import pyarrow

    gc.collect()
    arrow_before = pyarrow.total_allocated_bytes()
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    loaded = LedgerVersion.of("bench", version, findings, days)
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    arrow_kept = pyarrow.total_allocated_bytes() - arrow_before
    if loaded.task_total != measures:
        raise PageFailed(f"the loaded version holds {loaded.task_total:,} measures, not {measures:,}")
    memory: dict[str, int] = {
        "peak": peak - before,
        "kept": after - before,
        "arrow": arrow_kept,
        "frame": int(loaded.measures.memory_usage(deep=True).sum()),
        "findings": int(findings.memory_usage(deep=True).sum()),
    }
    result["memory"] = memory
    return result


def measure_pages(repeat: int, profile: bool, expected: int, measures: int) -> dict[str, Any]:
    """Drive the pages on the store at DATABASE_URL, whose version 1 is the ledger named by
    RECTIFICATION_SAMPLE (`expected` problems, `measures` measures); seconds per measurement."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    result: dict[str, Any] = {"first_load": [timed_run(at, "first load")]}
    rows = total_shown(at)
    if rows != expected:
        raise PageFailed(f"the overview shows {rows:,} as 问题总数, not the ledger's {expected:,} rows")
    check_store(expected)
    result["rows_shown"] = rows
    result["overview_plain"] = [timed_run(at, "overview rerun") for _ in range(repeat)]

    require_options(at, "category", [v for state in CATEGORY_STATES for v in state])

    def set_category(value: list[str]) -> None:
        at.multiselect(key="category").set_value(value)

    result["overview_cold"], result["overview_warm"] = alternate(
        at, CATEGORY_STATES, set_category, repeat, "category"
    )
    if total_shown(at) >= rows:
        raise PageFailed("the category filter did not reduce the overview's total")
    profiles: list[str] = []
    if profile:
        profiles.append("== overview, category change, warm\n")
        profiles.append(profile_warm(at, set_category, CATEGORY_STATES, 2 * repeat))

    # Clear the category so the item list's filters apply to the whole ledger.
    set_category([])
    timed_run(at, "category cleared")
    at.switch_page("pages/items.py")
    result["items_switch"] = [timed_run(at, "switch to the item list")]
    require_options(at, "department", [v for state in DEPARTMENT_STATES for v in state])

    def set_department(value: list[str]) -> None:
        at.multiselect(key="department").set_value(value)

    result["items_dept_cold"], result["items_dept_warm"] = alternate(
        at, DEPARTMENT_STATES, set_department, repeat, "department"
    )
    if profile:
        profiles.append("== item list, department change, warm\n")
        profiles.append(profile_warm(at, set_department, DEPARTMENT_STATES, 2 * repeat))

    set_department([])
    timed_run(at, "department cleared")

    def set_keyword(value: str) -> None:
        at.text_input(key="q").set_value(value)

    result["items_q_cold"], result["items_q_warm"] = alternate(
        at, KEYWORD_STATES, set_keyword, repeat, "keyword"
    )
    if profile:
        profiles.append("== item list, keyword change, warm\n")
        profiles.append(profile_warm(at, set_keyword, KEYWORD_STATES, 2 * repeat))
    set_keyword("")
    timed_run(at, "keyword cleared")

    if measures > expected:  # problems broken into tasks: the item list offers the task list

        def set_tasks(value: bool) -> None:
            at.toggle(key="tasks").set_value(value)

        set_tasks(True)
        result["tasks_switch"] = [timed_run(at, "task list toggled on")]
        require_options(at, "department", [v for state in DEPARTMENT_STATES for v in state])
        result["tasks_dept_cold"], result["tasks_dept_warm"] = alternate(
            at, DEPARTMENT_STATES, set_department, repeat, "task list department"
        )
        if profile:
            profiles.append("== task list, department change, warm\n")
            profiles.append(profile_warm(at, set_department, DEPARTMENT_STATES, 2 * repeat))
        set_department([])
        set_tasks(False)
        timed_run(at, "task list off, department cleared")

    at.switch_page("pages/departments.py")
    result["depts_switch"] = [timed_run(at, "switch to the departments page")]
    # One department choice, the sidebar's (issue 14): the page shows the department chosen there.
    offered = at.multiselect(key="department").options
    if missing := [name for name in DEPT_PAGE_STATES if name not in offered]:
        raise PageFailed(f"the departments page does not offer {missing}; it offers {offered}")

    def set_dept_page(value: str) -> None:
        at.multiselect(key="department").set_value([value])

    result["depts_dept_cold"], result["depts_dept_warm"] = alternate(
        at, DEPT_PAGE_STATES, set_dept_page, repeat, "departments page department"
    )
    if profile:
        profiles.append("== departments page, department box change, warm\n")
        profiles.append(profile_warm(at, set_dept_page, DEPT_PAGE_STATES, 2 * repeat))
    result["profile"] = "".join(profiles)
    return result


def worker(repeat: int, profile: bool, expected: int, measures: int) -> int:
    if not os.environ.get("DATABASE_URL") or not os.environ.get("RECTIFICATION_SAMPLE"):
        # Without both the pages would open (and the first start write to) data/rectification.sqlite.
        print("ERROR: the worker needs DATABASE_URL and RECTIFICATION_SAMPLE", file=sys.stderr)
        return 1
    try:
        result = measure_pages(repeat, profile, expected, measures)
        result.update(measure_loading(measures))
    except PageFailed as failure:
        print(f"ERROR: {failure}", file=sys.stderr)
        return 1
    print(RESULT_MARK + json.dumps(result, ensure_ascii=False), flush=True)
    return 0


# ---------------------------------------------------------------------------- the coordinator


def run_worker(path: Path, rows: int, measures: int, repeat: int, profile: bool) -> dict[str, Any] | None:
    """One worker in a fresh interpreter with RECTIFICATION_SAMPLE=path and DATABASE_URL=a new,
    empty SQLite store (so `path` becomes its version 1); None if it failed. `rows` are the
    ledger's problems, `measures` its measures."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--repeat", str(repeat)]
    command += ["--rows", str(rows), "--measures", str(measures)]
    if profile:
        command.append("--profile")
    with tempfile.TemporaryDirectory(prefix="page-rerun-store-") as store_dir:
        env = {
            **os.environ,
            "RECTIFICATION_SAMPLE": str(path.resolve()),
            "DATABASE_URL": "sqlite:///" + str(Path(store_dir) / "store.sqlite"),
            "RECTIFICATION_AUTH": "local",  # the one person at this computer, admin: pages open
        }
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_MARK)]
    if done.returncode != 0 or not lines:
        print(f"ERROR: the worker on {path.name} exited {done.returncode}")
        print(done.stdout[-4000:] + done.stderr[-8000:])
        return None
    return json.loads(lines[-1][len(RESULT_MARK) :])


@dataclass
class Line:
    what: str
    small: str
    large: str
    ratio: str
    result: str


def table_lines(small: dict[str, Any], large: dict[str, Any]) -> tuple[list[Line], list[str]]:
    """The table rows and the labels of warm reruns that missed the target."""
    lines: list[Line] = []
    missed: list[str] = []
    for key, label, informational in MEASUREMENTS:
        if key not in small or key not in large:  # the task list, without measures
            continue
        small_s, large_s = min(small[key]), min(large[key])
        ratio = large_s / small_s
        samples = len(large[key])
        if informational:
            result = "(info)"
        else:
            result = "PASS" if ratio <= TARGET_RATIO else "MISS"
            if result == "MISS":
                missed.append(label)
        best = f" (best of {samples})" if samples > 1 else ""
        small_ms, large_ms = f"{small_s * 1000:.1f} ms", f"{large_s * 1000:.1f} ms"
        lines.append(Line(label + best, small_ms, large_ms, f"{ratio:.2f}x", result))
    return lines, missed


def memory_lines(small: dict[str, Any], large: dict[str, Any]) -> list[Line]:
    """The tracemalloc figures of one LedgerVersion.of, in MB (information)."""
    labels = {
        "peak": "memory: LedgerVersion.of peak (tracemalloc)",
        "kept": "memory: LedgerVersion.of kept (tracemalloc)",
        "arrow": "memory: LedgerVersion.of kept (Arrow buffers)",
        "frame": "memory: its measures frame (memory_usage deep)",
        "findings": "memory: the findings frame (memory_usage deep)",
    }
    lines = []
    for key, label in labels.items():
        a, b = small["memory"][key] / 2**20, large["memory"][key] / 2**20
        ratio = f"{b / a:.1f}x" if a > 0 else ""
        lines.append(Line(label, f"{a:.1f} MB", f"{b:.1f} MB", ratio, "(info)"))
    return lines


def print_table(lines: list[Line], small_rows: str, large_rows: str) -> None:
    header = Line("measurement", small_rows, large_rows, "ratio", "<= 2.0")
    fields = ("what", "small", "large", "ratio")
    widths = [max(len(getattr(line, f)) for line in [header, *lines]) for f in fields]
    for line in [header, *lines]:
        print(
            f"  {line.what:<{widths[0]}}  {line.small:>{widths[1]}}  {line.large:>{widths[2]}}"
            f"  {line.ratio:>{widths[3]}}  {line.result}"
        )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5, help="reruns per filter state (best of)")
    parser.add_argument(
        "--small", type=int, default=1_000, help="rows of the baseline ledger (measures, with N > 1)"
    )
    parser.add_argument(
        "--large", type=int, default=100_000, help="rows of the large ledger (measures, with N > 1)"
    )
    parser.add_argument(
        "--measures-per-problem", type=int, default=1, metavar="N",
        help="measures to a problem, its cells merged over them: --large counts measures (issue 10: 4)",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the generated text")
    parser.add_argument("--no-cache", action="store_true", help="generate into a temp dir")
    parser.add_argument("--profile", action="store_true", help="cProfile the large warm reruns")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, default=0, help=argparse.SUPPRESS)  # the worker's problems
    parser.add_argument("--measures", type=int, default=0, help=argparse.SUPPRESS)  # and measures
    args = parser.parse_args(argv)
    if args.repeat < 2:
        parser.error("--repeat must be at least 2 (the first rerun in each state is cold)")
    if min(args.small, args.large) < 500:
        parser.error("--small and --large must be at least 500 rows, so every filter value occurs")
    if args.measures_per_problem < 1:
        parser.error("--measures-per-problem must be at least 1")
    return args


def problems_of(rows: int, per_problem: int) -> int:
    """The problems of a sheet of `rows` measure rows, `per_problem` to a problem (the last may
    have fewer)."""
    return -(-rows // per_problem)


def shape(rows: int, per_problem: int) -> str:
    if per_problem == 1:
        return f"{rows:,} rows"
    return f"{rows:,} measures ({problems_of(rows, per_problem):,} problems)"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    per = args.measures_per_problem
    if args.worker:
        return worker(args.repeat, args.profile, args.rows, args.measures)

    results: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="page-rerun-") as scratch:
        for rows in (args.small, args.large):
            path = ledger_file(rows, args.seed, not args.no_cache, Path(scratch), per)
            size_mb = path.stat().st_size / 2**20
            problems = problems_of(rows, per)
            print(f"Driving the pages on {shape(rows, per)} ({size_mb:.1f} MB), fresh interpreter …")
            result = run_worker(path, problems, rows, args.repeat, args.profile and rows == args.large)
            if result is None:
                return 1
            if result["rows_shown"] != problems:
                print(f"ERROR: the overview shows {result['rows_shown']:,} problems, not {problems:,}")
                return 1
            results[rows] = result
    python = sys.version.split()[0]
    print(f"Python {python}, {os.cpu_count()} CPUs, {args.repeat} reruns per filter state\n")

    lines, missed = table_lines(results[args.small], results[args.large])
    lines += memory_lines(results[args.small], results[args.large])
    print_table(lines, shape(args.small, per), shape(args.large, per))
    if missed:
        print(f"\n{len(missed)} warm rerun(s) grow more than {TARGET_RATIO:g}x with the ledger.")
        if not args.profile:
            print("Run with --profile to see where the large ledger's reruns spend their time.")
    if args.profile:
        print(f"\ncProfile of warm reruns on {shape(args.large, per)}\n")
        print(results[args.large]["profile"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
