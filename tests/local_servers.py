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


def self_signed(folder) -> tuple[str, str]:
    """A certificate for 127.0.0.1 signed by itself, and its key: PEM files in `folder`. The
    certificate is also the CA the client is told to trust (RECTIFICATION_SMTP_CA_FILE)."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "mail.pem", folder / "mail.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return str(cert_path), str(key_path)


@pytest.fixture(params=["starttls", "ssl"])
def secure_mailbox(request, tmp_path):
    """A mail server that speaks STARTTLS or SSL with a self-signed certificate and requires a
    login (user xcb@example.org, password pw): (mailbox, port, security, CA file)."""
    import ssl

    from aiosmtpd.smtp import AuthResult

    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == b"xcb@example.org" and auth_data.password == b"pw"
        return AuthResult(success=ok, handled=False)  # not handled: the server answers 535 itself

    box = Mailbox()
    options = {"authenticator": authenticator, "auth_required": True}
    if request.param == "starttls":
        options |= {"tls_context": context, "require_starttls": True}
    else:
        # The whole connection is TLS; aiosmtpd only counts STARTTLS as TLS when offering AUTH.
        options |= {"ssl_context": context, "auth_require_tls": False}
    controller = Controller(box, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    try:
        yield box, controller.port, request.param, cert
    finally:
        controller.stop()


@pytest.fixture
def babbler():
    """A TCP server on 127.0.0.1 that answers any request with a line that is not HTTP: the
    robot's address pointing at something else. Yields its base URL."""
    import socket

    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            with connection:
                connection.recv(65536)
                connection.sendall(b"garbage\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(2)
        listener.close()


def mail_through(monkeypatch: pytest.MonkeyPatch, port: int, **more: str) -> None:
    """Reminders by mail, through a plain SMTP server on 127.0.0.1 at `port`, at any hour, as the
    settings in the environment say it (`more`: further RECTIFICATION_ variables)."""
    environment = {
        "RECTIFICATION_REMIND_CHANNELS": "mail", "RECTIFICATION_SMTP_HOST": "127.0.0.1",
        "RECTIFICATION_SMTP_PORT": str(port), "RECTIFICATION_SMTP_SECURITY": "none",
        "RECTIFICATION_SMTP_SENDER": "xcb@example.org", "RECTIFICATION_QUIET_HOURS": "none",
        **{f"RECTIFICATION_{name.upper()}": value for name, value in more.items()},
    }  # fmt: skip
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
