"""Shared pieces of the browser tests: a dashboard server on a free loopback port, and a page in
Debian's Chromium driven by Playwright (no browser download). Without Chromium or Playwright the
tests are skipped on a developer's machine and fail under CI."""

import os
import re
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


def as_shown(words: str) -> re.Pattern[str]:
    """`words` as the page shows them when they came from outside (an e-mail address, a URL):
    display.inert_markdown puts an invisible word joiner where a renderer would start a link."""
    return re.compile("\u2060?".join(map(re.escape, words)))


def plain(text: str) -> str:
    """A page's text without the word joiners that keep addresses from becoming links."""
    return text.replace("\u2060", "")


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


@contextmanager
def header_proxy(target: str, headers: dict[str, str]) -> Iterator[str]:
    """A reverse proxy on a free loopback port that adds `headers` to every request it passes
    to `target` (http://127.0.0.1:PORT), the WebSocket upgrade included, as the unit's portal
    proxy does; yields its URL. Chromium's own extra-header setting does not reach the
    WebSocket in every version, and the dashboard reads who is signed in from that socket."""
    import asyncio
    import threading

    host, port = target.removeprefix("http://").split(":")
    added = "".join(f"{name}: {value}\r\n" for name, value in headers.items()).encode()
    names = {name.lower().encode() for name in headers}
    loop = asyncio.new_event_loop()

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def serve(client: asyncio.StreamReader, to_client: asyncio.StreamWriter) -> None:
        upstream, to_upstream = await asyncio.open_connection(host, int(port))
        while True:  # each request head on this connection, keep-alive included
            try:
                head = await client.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                to_upstream.close()
                return
            lines = head.split(b"\r\n")
            # A client's own copy of the header is dropped, as a proxy that vouches for it must.
            kept = [line for line in lines[1:] if line.split(b":", 1)[0].strip().lower() not in names]
            to_upstream.write(lines[0] + b"\r\n" + added + b"\r\n".join(kept))
            length = next(
                (int(line.split(b":", 1)[1]) for line in kept if line.lower().startswith(b"content-length:")),
                0,
            )
            if length:
                to_upstream.write(await client.readexactly(length))
            await to_upstream.drain()
            if any(line.lower().startswith(b"upgrade:") for line in kept):
                break  # a WebSocket: from here on both ways are a plain pipe
            response = await upstream.readuntil(b"\r\n\r\n")
            to_client.write(response)
            body = next(
                (
                    int(line.split(b":", 1)[1])
                    for line in response.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                ),
                None,
            )
            if body is None:  # no length (chunked or close-delimited): pipe the rest, one request
                break
            to_client.write(await upstream.readexactly(body))
            await to_client.drain()
        await asyncio.gather(pipe(client, to_upstream), pipe(upstream, to_client))

    proxy_port = free_port()
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        server = loop.run_until_complete(asyncio.start_server(serve, "127.0.0.1", proxy_port))
        ready.set()
        loop.run_forever()
        server.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield f"http://127.0.0.1:{proxy_port}"
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
