"""Local stand-ins for the servers reminders go to (issue 16): a real mail server (aiosmtpd) and
an HTTP receiver for the office-chat robots, both on 127.0.0.1, recording what they got."""

import json
import threading
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from aiosmtpd.controller import Controller

from tests.browser.conftest import free_port


class Mailbox:
    """What the local mail server received: (recipients, message)."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], object]] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"


@pytest.fixture
def mailbox():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield box, controller.port
    finally:
        controller.stop()


class Robots:
    """A local HTTP receiver recording every robot post; `failing` paths answer 500 that many
    times (or always, for -1), `refusing` paths answer 200 with the robot's error code."""

    def __init__(self) -> None:
        self.posts: list[tuple[str, dict, dict]] = []
        self.failing: dict[str, int] = {}
        self.refusing: set[str] = set()


@pytest.fixture
def robots():
    record = Robots()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            parts = urlsplit(self.path)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            left = record.failing.get(parts.path, 0)
            if left:
                record.failing[parts.path] = left - 1 if left > 0 else left
                self.send_response(500)
                self.end_headers()
                return
            record.posts.append((parts.path, parse_qs(parts.query), body))
            reply = (
                {"errcode": 310000, "errmsg": "keywords not in content"}
                if parts.path in record.refusing
                else {}
            )
            self.send_response(200)
            self.end_headers()
            self.wfile.write(json.dumps(reply or {"errcode": 0, "errmsg": "ok", "code": 0}).encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield record, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
