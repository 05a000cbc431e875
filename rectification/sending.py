"""Sending one reminder (issue 16): by mail through the configured server (STARTTLS, SSL or a
local relay, with login when set), or by an HTTPS POST to an office-chat robot, retried with a
growing pause before it is given up as failed. The shell around reminders.py and robots.py;
service.send_reminders decides what to send and records how it went.

Nothing here runs unless an admin configured a channel (settings.remind_channels), and a robot's
address is one an admin entered as a contact.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import formataddr

from .reminders import Delivery
from .robots import fitted, robot_refusal, robot_request
from .settings import Settings, masked_url

TIMEOUT_SECONDS = 15


# Why a copy failed, in words people act on (labels send.<kind>); the detail is kept beside it.
FAILURES: tuple[str, ...] = (
    "timeout", "unreachable", "certificate", "login", "refused", "http", "robot", "other",
)  # fmt: skip


# Failures another attempt a second later cannot mend: not retried.
PERMANENT: frozenset[str] = frozenset({"login", "certificate"})


class SendFailed(Exception):
    """One attempt failed: `kind` (a member of FAILURES) and the detail the record keeps, with no
    secret in it."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind, self.detail = kind, detail


def send_once(delivery: Delivery, subject: str, text: str, settings: Settings) -> None:
    """One attempt at one delivery; SendFailed saying why."""
    try:
        if delivery.channel == "mail":
            _mail(delivery, subject, text, settings)
        else:
            _post(delivery, text)
    except SendFailed as failed:
        raise SendFailed(failed.kind, _hidden(failed.detail, delivery)) from None
    except Exception as error:  # one copy's failure, whatever it is, is recorded, not raised
        detail = _hidden(f"{type(error).__name__}: {error}", delivery)
        raise SendFailed(_kind(error), detail) from None


def _kind(error: BaseException) -> str:
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, BaseException):
        # urlopen wraps the cause (a timeout, a certificate, a refused connection).
        cause = _kind(error.reason)
        return cause if cause != "other" else "unreachable"
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return "login"
    if isinstance(error, ssl.SSLCertVerificationError):
        return "certificate"
    if isinstance(error, TimeoutError):
        return "timeout"
    if isinstance(error, (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)):
        return "refused"
    unreachable = (ConnectionError, socket.gaierror, smtplib.SMTPServerDisconnected, urllib.error.URLError)
    if isinstance(error, unreachable):
        return "unreachable"
    return "other"


def _hidden(detail: str, delivery: Delivery) -> str:
    """`detail` without the robot's address (its key) or any other secret a URL in it carries."""
    if delivery.channel == "robot" and delivery.recipient:
        detail = detail.replace(delivery.recipient, shown_recipient("robot", delivery.recipient))
        if delivery.secret:
            detail = detail.replace(delivery.secret, "***")
    return masked_url(detail)[:300]


def send_with_retries(
    delivery: Delivery,
    subject: str,
    text: str,
    settings: Settings,
    pause: Callable[[float], None] = time.sleep,
) -> tuple[int, SendFailed | None]:
    """Try up to `settings.remind_retries` times, 1, 2, 4 … seconds apart. Returns the attempts
    made and None when sent, or the last attempt's failure."""
    failure = None
    for attempt in range(1, settings.remind_retries + 1):
        try:
            send_once(delivery, subject, text, settings)
            return attempt, None
        except SendFailed as failed:
            failure = failed
        if failure.kind in PERMANENT:
            return attempt, failure
        if attempt < settings.remind_retries:
            pause(2 ** (attempt - 1))
    return settings.remind_retries, failure


def _mail(delivery: Delivery, subject: str, text: str, settings: Settings) -> None:
    message = EmailMessage()
    message["From"] = settings.smtp_sender
    message["To"] = formataddr((delivery.name, delivery.recipient)) if delivery.name else delivery.recipient
    message["Subject"] = subject
    message.set_content(text)  # plain text, UTF-8: the sheet's words are never markup
    # The server's certificate is always checked: against the office's own CA when one is set.
    context = ssl.create_default_context(cafile=settings.smtp_ca_file or None)
    # Connected by the constructor, which knows the host the certificate must name; a greeting
    # that fails closes the socket there (smtplib's getreply), every later step below.
    if settings.smtp_security == "ssl":
        server: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS, context=context
        )
    else:
        server = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS)
    try:
        if settings.smtp_security == "starttls":
            server.starttls(context=context)
        if settings.smtp_user:
            server.login(settings.smtp_user, settings.smtp_password)
        refused = server.send_message(message)
    except BaseException:
        server.close()
        raise
    # Accepted once send_message returns: a QUIT that fails after it must not make a sent mail
    # look failed (it would be sent again).
    try:
        server.quit()
    except (OSError, smtplib.SMTPException):
        server.close()
    if refused:
        raise SendFailed("refused", f"refused: {', '.join(refused)}")


def _post(delivery: Delivery, text: str) -> None:
    now_ms, text = int(time.time() * 1000), fitted(delivery.robot, text)
    url, body = robot_request(delivery.robot, delivery.recipient, text, delivery.secret, now_ms)
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as reply:  # an admin's https URL
            said = reply.read(65536)
    except urllib.error.HTTPError as error:
        raise SendFailed("http", f"HTTP {error.code} {error.reason}") from None
    if refusal := robot_refusal(delivery.robot, said):
        raise SendFailed("robot", refusal)


def shown_recipient(channel: str, recipient: str) -> str:
    """A recipient as a page or the command line shows it: an address as it is, a robot's webhook
    by its host only (its path or query holds the robot's key)."""
    if channel == "mail":
        return recipient
    host = urllib.parse.urlsplit(recipient).netloc
    return f"{host} …{recipient[-4:]}" if host else "…"
