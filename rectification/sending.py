"""Sending one reminder (issue 16): by mail through the configured server (STARTTLS, SSL or a
local relay, with login when set), or by an HTTPS POST to an office-chat robot, retried with a
growing pause before it is given up as failed. The shell around reminders.py and robots.py;
service.send_reminders decides what to send and records how it went.

Nothing here runs unless an admin configured a channel (settings.remind_channels), and a robot's
address is one an admin entered as a contact.
"""

from __future__ import annotations

import smtplib
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import formataddr

from .reminders import Delivery
from .robots import robot_refusal, robot_request
from .settings import Settings, masked_url

TIMEOUT_SECONDS = 15


class SendFailed(Exception):
    """One attempt failed; the message is what the record keeps (no secret in it)."""


def send_once(delivery: Delivery, subject: str, text: str, settings: Settings) -> None:
    """One attempt at one delivery; SendFailed saying why."""
    try:
        if delivery.channel == "mail":
            _mail(delivery, subject, text, settings)
        else:
            _post(delivery, text)
    except SendFailed:
        raise
    except (OSError, smtplib.SMTPException, ssl.SSLError, ValueError) as error:
        raise SendFailed(masked_url(f"{type(error).__name__}: {error}")[:300]) from None


def send_with_retries(
    delivery: Delivery,
    subject: str,
    text: str,
    settings: Settings,
    pause: Callable[[float], None] = time.sleep,
) -> tuple[int, str]:
    """Try up to `settings.remind_retries` times, 1, 2, 4 … seconds apart. Returns the attempts
    made and "" when sent, or the last attempt's error."""
    error = ""
    for attempt in range(1, settings.remind_retries + 1):
        try:
            send_once(delivery, subject, text, settings)
            return attempt, ""
        except SendFailed as failed:
            error = str(failed)
        if attempt < settings.remind_retries:
            pause(2 ** (attempt - 1))
    return settings.remind_retries, error


def _mail(delivery: Delivery, subject: str, text: str, settings: Settings) -> None:
    message = EmailMessage()
    message["From"] = settings.smtp_sender
    message["To"] = formataddr((delivery.name, delivery.recipient)) if delivery.name else delivery.recipient
    message["Subject"] = subject
    message.set_content(text)  # plain text, UTF-8: the sheet's words are never markup
    # The server's certificate is always checked: against the office's own CA when one is set.
    context = ssl.create_default_context(cafile=settings.smtp_ca_file or None)
    if settings.smtp_security == "ssl":
        server: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS, context=context
        )
    else:
        server = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS)
    with server:
        if settings.smtp_security == "starttls":
            server.starttls(context=context)
        if settings.smtp_user:
            server.login(settings.smtp_user, settings.smtp_password)
        refused = server.send_message(message)
    if refused:
        raise SendFailed(f"refused: {', '.join(refused)}")


def _post(delivery: Delivery, text: str) -> None:
    url, body = robot_request(
        delivery.robot, delivery.recipient, text, delivery.secret, int(time.time() * 1000)
    )
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as reply:
            said = reply.read(65536)
    except urllib.error.HTTPError as error:
        raise SendFailed(f"HTTP {error.code} {error.reason}") from None
    except (TimeoutError, urllib.error.URLError) as error:
        raise SendFailed(f"{getattr(error, 'reason', error)}") from None
    if refusal := robot_refusal(delivery.robot, said):
        raise SendFailed(refusal)


def shown_recipient(channel: str, recipient: str) -> str:
    """A recipient as a page or the command line shows it: an address as it is, a robot's webhook
    by its host only (its path or query holds the robot's key)."""
    if channel == "mail":
        return recipient
    host = urllib.parse.urlsplit(recipient).netloc
    return f"{host} …{recipient[-4:]}" if host else "…"
