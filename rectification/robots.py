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
import re
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


# The most a text message may hold, in bytes of UTF-8: WeCom documents 2,048; DingTalk and Feishu
# take more, but a reminder longer than a screen is read on the dashboard, not in a chat.
LONGEST: dict[str, int] = {"dingtalk": 4000, "wecom": 2048, "feishu": 4000}
_CUT = "\n……（内容较长，以上为部分事项，全部事项请登录整改看板查看）"
_ITEM = re.compile(r"\d+\. ")


def fitted(robot: str, text: str) -> str:
    """`text` cut at a line to what the robot takes, saying that it was cut."""
    limit = LONGEST.get(robot, 4000)
    if len(text.encode()) <= limit:
        return text
    lines = text.split("\n")
    # The opening, then the items ("1. …"), then what closes it (why it was escalated, the link,
    # the closing words): items are dropped from the end, the rest kept.
    last_item = max((i for i, line in enumerate(lines) if _ITEM.match(line)), default=0)
    head, items, tail = lines[:1], lines[1 : last_item + 1], [_CUT.strip(), *lines[last_item + 1 :]]
    room = limit - len("\n".join([*head, *tail]).encode()) - 1
    kept: list[str] = []
    for line in items:
        if len("\n".join([*kept, line]).encode()) > room:
            break
        kept.append(line)
    whole = "\n".join([*head, *kept, *tail])
    if len(whole.encode()) > limit:  # an opening or closing longer than the limit: cut by characters
        whole = whole.encode()[: limit - len(_CUT.encode())].decode("utf-8", "ignore") + _CUT
    return whole


def robot_refusal(robot: str, reply: bytes) -> str:
    """What the robot's reply says when it did not take the message, to be recorded; "" when
    its code is present and 0. A reply without the code is not a robot's (a proxy's page, a
    wrong address answering 200): a message it did not confirm may not count as sent."""
    try:
        said = json.loads(reply.decode("utf-8", "replace") or "{}")
    except ValueError:
        return reply.decode("utf-8", "replace")[:200] or "?"
    if not isinstance(said, dict):
        return str(said)[:200]
    if robot == "feishu":
        code = said["code"] if "code" in said else said.get("StatusCode")
    else:
        code = said.get("errcode")
    if code in (0, "0"):
        return ""
    if code is None:
        return f"no code in the reply: {json.dumps(said, ensure_ascii=False)[:160]}"
    message = said.get("msg") or said.get("errmsg") or said.get("StatusMessage") or ""
    return f"{code} {message}".strip()
