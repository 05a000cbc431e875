"""Office-chat custom robots (钉钉、企业微信、飞书 群机器人): the body each documents for a text
message, its signing where it has one, and whether its reply says the message was taken.

Pure: the sending (an HTTPS POST) is sending.py's. Text messages, not markdown: a digest quotes
the sheet's words, and a sheet's text is never made markup (a "[链接](…)" typed in a cell stays
text). Each robot answers HTTP 200 with a JSON code; 0 is taken, anything else is a refusal whose
message the record keeps.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from urllib.parse import quote_plus

ROBOTS: tuple[str, ...] = ("dingtalk", "wecom", "feishu")
# What people call them in a contacts sheet, to the name above.
ROBOT_NAMES: dict[str, str] = {
    "钉钉": "dingtalk", "dingtalk": "dingtalk", "企业微信": "wecom", "企微": "wecom", "wecom": "wecom",
    "飞书": "feishu", "feishu": "feishu", "lark": "feishu",
}  # fmt: skip


def robot_request(robot: str, webhook: str, text: str, secret: str, now_ms: int) -> tuple[str, bytes]:
    """The URL to post to and the JSON body, for `text` at `now_ms` (milliseconds since the epoch,
    which the signatures include)."""
    if robot == "dingtalk":
        body: dict[str, object] = {"msgtype": "text", "text": {"content": text}}
        if secret:  # 加签: the timestamp and its HMAC-SHA256 under the secret, in the URL
            mac = hmac.new(secret.encode(), f"{now_ms}\n{secret}".encode(), hashlib.sha256).digest()
            sign = quote_plus(base64.b64encode(mac).decode())
            webhook = f"{webhook}{'&' if '?' in webhook else '?'}timestamp={now_ms}&sign={sign}"
    elif robot == "wecom":  # the key in the webhook's URL is its only credential
        body = {"msgtype": "text", "text": {"content": text}}
    elif robot == "feishu":
        body = {"msg_type": "text", "content": {"text": text}}
        if secret:  # 签名校验: seconds, and the HMAC-SHA256 keyed by "timestamp\nsecret" of nothing
            seconds = now_ms // 1000
            mac = hmac.new(f"{seconds}\n{secret}".encode(), b"", hashlib.sha256).digest()
            body = {"timestamp": str(seconds), "sign": base64.b64encode(mac).decode(), **body}
    else:
        raise ValueError(f"unknown robot {robot!r}")
    return webhook, json.dumps(body, ensure_ascii=False).encode()


def robot_refusal(robot: str, reply: bytes) -> str:
    """ "" when the robot's reply says it took the message; else what it said, to be recorded."""
    try:
        said = json.loads(reply.decode("utf-8", "replace") or "{}")
    except ValueError:
        return reply.decode("utf-8", "replace")[:200] or "?"
    if not isinstance(said, dict):
        return str(said)[:200]
    code = said.get("code", said.get("StatusCode", 0)) if robot == "feishu" else said.get("errcode", 0)
    if code in (0, "0", None):
        return ""
    message = said.get("msg") or said.get("errmsg") or said.get("StatusMessage") or ""
    return f"{code} {message}".strip()
