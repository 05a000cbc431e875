"""Shared pieces of the browser tests: a dashboard server on a free loopback port, and a page in
Debian's Chromium driven by Playwright (no browser download). Without Chromium or Playwright the
tests are skipped on a developer's machine and fail under CI."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.builders import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here drives a browser against a running server, so it is slow."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.slow)


def require(condition: bool, reason: str) -> None:
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {reason}")
        pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, what: str) -> None:
    for _ in range(120):
        if process.poll() is not None:
            pytest.fail(f"{what} exited early")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"{what} did not start within 60 s")


@contextmanager
def running(command: list[str], health: str, what: str, env: dict | None = None) -> Iterator[None]:
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_until_up(health, process, what)
        yield
    finally:
        process.terminate()
        process.wait(timeout=20)


@contextmanager
def dashboard(env: dict[str, str], *options: str, port: int | None = None) -> Iterator[str]:
    """`streamlit run dashboard.py` on 127.0.0.1 with `env` added; yields its URL."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless=true",
        "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false", *options,
    ]  # fmt: skip
    with running(command, f"{url}/_stcore/health", "the dashboard", {**os.environ, **env}):
        yield url


@contextmanager
def chromium_page(width: int = 1500, height: int = 1100) -> Iterator[object]:
    try:
        import playwright.sync_api as playwright_api
    except ImportError:
        require(False, "the playwright package is not installed (pip install -r requirements-dev.txt)")
    require(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser.new_page(viewport={"width": width, "height": height})
        finally:
            browser.close()
