"""How long each page takes in a real browser, against a one-line Streamlit page served the same
way (issue 14, part 6). Prints times and ratios with PASS/MISS; exits 0 whenever it ran.

    python bench/page_speed.py              # the sample, best of 3
    python bench/page_speed.py --repeat 5
    python bench/page_speed.py --measures 10000   # check_speed.py's ledger: 2,500 problems x 4 measures

Fresh: a new browser context per load (no cache, a new session), from `goto` until the app has
finished running the page (Streamlit's script state is notRunning and the page's title is drawn).
Switch: in one session, from a click on the sidebar's link until the new page has finished; the
click waits until the page it leaves has drawn everything (its charts draw after the run ends).
Drawn: the same switch until the new page's charts are drawn too (shown, not judged).
The floor is a two-page app whose pages each write one line, measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu"]
PAGES = [("/", "总览"), ("/items", "问题清单"), ("/departments", "部门"), ("/upload", "上传"),
         ("/history", "版本历史"), ("/report", "通报")]  # fmt: skip
FRESH_TARGET, SWITCH_TARGET = 1.2, 2.0
# Before a click, the page the user is on has drawn everything it started drawing (its charts
# draw after the script's run has ended): otherwise a switch would be charged with the previous
# page's drawing.
SETTLED = """() => new Promise(done =>
  requestAnimationFrame(() => requestIdleCallback(done, {timeout: 5000})))"""
# Every chart the page holds has its plot drawn (Plotly adds .main-svg when it has).
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
  .every(chart => chart.querySelector('.main-svg'))"""
FINISHED = """(title) => {
  const app = document.querySelector('[data-test-script-state]');
  const heading = [...document.querySelectorAll('h1')].some(h => h.innerText.trim().startsWith(title));
  return app && app.getAttribute('data-test-script-state') === 'notRunning' && heading;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(script: str, cwd: Path, env: dict[str, str]):
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", script, "--server.headless=true",
        "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=cwd, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


# A third page of the floor: its title and one chart of ours (the sample's categories), what
# one Plotly chart alone costs a page.
ONE_CHART = f"""import sys
sys.path.insert(0, {str(ROOT)!r})
import pandas as pd
import streamlit as st
from rectification.charts import completion_by_category
st.title("图表")
table = pd.DataFrame({{"category": ["政治建设", "思想建设", "组织建设", "作风建设", "纪律建设"],
    "done": [8, 4, 3, 4, 2], "in_progress": [2, 1, 1, 2, 1], "long_term": [1, 0, 1, 0, 0],
    "pending": [0, 0, 0, 0, 0], "total": [11, 5, 5, 6, 3]}})
table["rate"] = table["done"] / table["total"]
st.plotly_chart(completion_by_category(table), config={{"displayModeBar": False}})
"""


def floor_app(folder: Path) -> Path:
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    (folder / "floor.py").write_text('import streamlit as st\nst.title("总览")\n', encoding="utf-8")
    items = folder / "pages" / "items.py"
    items.write_text('import streamlit as st\nst.title("问题清单")\n', encoding="utf-8")
    (folder / "pages" / "chart.py").write_text(ONE_CHART, encoding="utf-8")
    # Served the same way: without a garbage collection after each run, as the dashboard is
    # (.streamlit/config.toml), which costs even a one-line page 20-30 ms a run. Its sidebar is
    # Streamlit's own navigation, where the dashboard draws its own.
    (folder / ".streamlit").mkdir(exist_ok=True)
    (folder / ".streamlit" / "config.toml").write_text("[runner]\npostScriptGC = false\n", encoding="utf-8")
    return folder


def fresh_load(browser, url: str, title: str) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(FINISHED, arg=title, timeout=120_000, polling=20)
    took = time.perf_counter() - start
    context.close()
    return took


def switches(browser, base: str, pages: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Each page reached by a click on its sidebar link, in one session: seconds until the run
    has finished (the target's measure), and until the page has also drawn its charts."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(base + pages[0][0])
    page.wait_for_function(FINISHED, arg=pages[0][1], timeout=120_000, polling=20)
    found: dict[str, tuple[float, float]] = {}
    order = pages[1:] + pages[:1]
    for path, title in order:
        page.locator("[data-testid=stSidebar] a").nth(1).wait_for(timeout=30_000)
        # The sidebar's link whose address is the page's: Streamlit's own nav, or the app's.
        index = page.evaluate(
            """(path) => [...document.querySelectorAll('[data-testid=stSidebar] a')].findIndex(a => {
                 const written = a.getAttribute('href') || '';  // the main page's link may be ""
                 return written === '' ? path === '/' : new URL(a.href).pathname === path; })""",
            path,
        )
        if index < 0:
            raise SystemExit(f"no sidebar link to {path} on {page.url}")
        link = page.locator("[data-testid=stSidebar] a").nth(index)
        page.evaluate(SETTLED)
        start = time.perf_counter()
        link.click()
        page.wait_for_function(FINISHED, arg=title, timeout=30_000, polling=20)
        finished = time.perf_counter() - start
        page.wait_for_function(CHARTS_DRAWN, timeout=30_000, polling=10)
        page.evaluate(SETTLED)
        found[path] = (finished, time.perf_counter() - start)
    context.close()
    return found


def best(values: list[float]) -> float:
    return min(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--measures", type=int, default=0, help="serve check_speed.py's ledger of this many measures instead"
    )
    parser.add_argument("--per-problem", type=int, default=4, help="measures per problem with --measures")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {"DATABASE_URL": f"sqlite:///{folder / 'store.sqlite'}"}
        if args.measures:  # the generated ledger is the store's first version
            sys.path.insert(0, str(Path(__file__).parent))
            from check_speed import ledger_file

            path = ledger_file(args.measures, 20240510, True, folder, args.per_problem)
            env["RECTIFICATION_SAMPLE"] = str(path)
        floor = floor_app(folder / "floor")
        with (
            served("dashboard.py", ROOT, env) as app,
            served("floor.py", floor, {}) as bare,
            sync_playwright() as p,
        ):
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            fresh_load(browser, app, "总览")  # the sample saved as version 1, the reader's worker started
            # A page's own address (/items) costs Streamlit's frontend a first health check at
            # the wrong path (a 404) that "/" does not: each page is set against the floor's page
            # of the same kind.
            floor_kinds = [("/", "总览"), ("/items", "问题清单"), ("/chart", "图表")]
            floor_fresh = {
                path: best([fresh_load(browser, bare + path, title) for _ in range(args.repeat)])
                for path, title in floor_kinds
            }
            floor_pages = floor_kinds[:2]
            floor_rounds = [switches(browser, bare, floor_kinds) for _ in range(args.repeat)]
            floor_switch = best([r[path][0] for r in floor_rounds for path, _ in floor_pages])
            floor_drawn = best([r[path][1] for r in floor_rounds for path, _ in floor_pages])
            chart_switch = best([r["/chart"][0] for r in floor_rounds])
            chart_drawn = best([r["/chart"][1] for r in floor_rounds])
            fresh = {path: best([fresh_load(browser, app + path, title) for _ in range(args.repeat)])
                     for path, title in PAGES}  # fmt: skip
            rounds = [switches(browser, app, PAGES) for _ in range(args.repeat)]
            switch = {path: best([r[path][0] for r in rounds]) for path, _ in PAGES}
            drawn = {path: best([r[path][1] for r in rounds]) for path, _ in PAGES}
            browser.close()
    shape = f"{args.measures:,} measures, {args.per_problem} a problem" if args.measures else "the sample"
    print(f"ledger: {shape}")
    print(
        f"floor: fresh {floor_fresh['/']:.2f} s at /, {floor_fresh['/items']:.2f} s at /items; "
        f"switch {floor_switch:.2f} s, drawn {floor_drawn:.2f} s (best of {args.repeat})"
    )
    print(
        f"floor's page of one chart of ours: fresh {floor_fresh['/chart']:.2f} s "
        f"({floor_fresh['/chart'] / floor_fresh['/items']:.2f}), switch {chart_switch:.2f} s "
        f"({chart_switch / floor_switch:.2f}), drawn {chart_drawn:.2f} s ({chart_drawn / floor_drawn:.2f})"
    )
    heads = f"{'page':<14}{'fresh s':>9}{'ratio':>8}{'':>6}{'switch s':>10}{'ratio':>8}{'':>6}"
    print(heads + f"{'drawn s':>9}{'ratio':>8}")
    for path, _ in PAGES:
        f, s = fresh[path] / floor_fresh["/" if path == "/" else "/items"], switch[path] / floor_switch
        print(
            f"{path:<14}{fresh[path]:>9.2f}{f:>8.2f}{'PASS' if f <= FRESH_TARGET else 'MISS':>6}"
            f"{switch[path]:>10.2f}{s:>8.2f}{'PASS' if s <= SWITCH_TARGET else 'MISS':>6}"
            f"{drawn[path]:>9.2f}{drawn[path] / floor_drawn:>8.2f}"
        )
    # "drawn": the switch until the page's charts are drawn too (they draw after the run ends);
    # shown beside the target's measure, not judged.
    print(f"targets: fresh ≤ {FRESH_TARGET} × floor, switch ≤ {SWITCH_TARGET} × floor's switch")
    return 0


if __name__ == "__main__":
    sys.exit(main())
