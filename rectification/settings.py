"""Every setting, declared once: its name, kind, default, environment variable and meaning.

`SETTINGS` is the only place a setting is named. The `Settings` object is generated from it, so
`settings.warning_days` exists because the table has a row `warning_days`, and nothing else. A
value comes from the environment first, then from a top-level key of `.streamlit/secrets.toml`
named after the setting (`warning_days = 10`), then from the default; every value is checked
when the settings are loaded, and all bad values are refused together, each naming its
environment variable and what it accepts. Tables in secrets.toml (`[auth]` for st.login,
`[connections.…]`) are Streamlit's, not ours, and are left alone.

`python -m rectification settings` prints this table, so the documentation cannot drift. The
largest upload is not a setting of ours: it is Streamlit's `server.maxUploadSize` in
`.streamlit/config.toml` (or `STREAMLIT_SERVER_MAX_UPLOAD_SIZE`), the one place it is enforced.
"""

from __future__ import annotations

import getpass
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, make_dataclass
from pathlib import Path

from .errors import BadSetting
from .labels import DEFAULT_LANG, label

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Where the sample and the SQLite file live by default: data/ of the source tree the dashboard runs
# from; for an installed package (no source tree around it), data/ of the current folder, never
# site-packages.
DATA_DIR = (PROJECT_ROOT if (PROJECT_ROOT / "dashboard.py").exists() else Path.cwd()) / "data"
SECRETS_NAME = Path(".streamlit") / "secrets.toml"
AUTH_MODES: tuple[str, ...] = ("local", "oidc", "proxy")


class _Said:
    """Words computed for the reader's language, passed as a refusal's parameter (a refusal
    localises any parameter that has `localised`)."""

    def __init__(self, say: Callable[[str], str]) -> None:
        self.say = say

    def localised(self, lang: str) -> str:
        return self.say(lang)

    def __str__(self) -> str:
        return self.say(DEFAULT_LANG)


def _listing(values: Iterable[str], lang: str, last: str = "") -> str:
    """`values` as a list in `lang`: "a、b、c" or "a, b, c"; with `last` ("or") "a、b 或 c"."""
    values = list(values)
    if last and len(values) > 1:
        joined = _listing(values[:-1], lang)
        return f"{joined} 或 {values[-1]}" if lang == "zh" else f"{joined} {last} {values[-1]}"
    return ("、" if lang == "zh" else ", ").join(values)


# -- kinds: how a setting's text becomes a value, and what it accepts --------------------------
@dataclass(frozen=True)
class Text:
    """Any text that is not empty, trimmed. The base of every kind: `parse` turns the text into
    a value of `type` or raises ValueError, `accepts` says in words what it takes, `shown` is the
    text as a message may show it."""

    type: type = str

    def parse(self, text: str) -> object:
        if not text.strip():
            raise ValueError(text)
        return text.strip()

    def accepts(self, lang: str) -> str:
        return label("setting.accepts.text", lang)

    def shown(self, text: str) -> str:
        return text


@dataclass(frozen=True)
class FilePath(Text):
    """A path to a file (it need not exist yet); `~` is the home folder."""

    type: type = Path

    def parse(self, text: str) -> object:
        return Path(str(super().parse(text))).expanduser()

    def accepts(self, lang: str) -> str:
        return label("setting.accepts.path", lang)


@dataclass(frozen=True)
class Whole(Text):
    """A whole number from `low` to `high`."""

    low: int = 0
    high: int = 0
    type: type = int

    def parse(self, text: str) -> object:
        if not re.fullmatch(r"\s*[+-]?[0-9]+\s*", text) or not self.low <= int(text) <= self.high:
            raise ValueError(text)
        return int(text)

    def accepts(self, lang: str) -> str:
        return label("setting.accepts.whole", lang, low=self.low, high=self.high)


@dataclass(frozen=True)
class Choice(Text):
    """One of `choices`, in any case, trimmed."""

    choices: tuple[str, ...] = ()

    def parse(self, text: str) -> object:
        if text.strip().lower() not in self.choices:
            raise ValueError(text)
        return text.strip().lower()

    def accepts(self, lang: str) -> str:
        return label("setting.accepts.choice", lang, choices=_listing(self.choices, lang, "or"))


@dataclass(frozen=True)
class DatabaseUrl(Text):
    """A SQLAlchemy URL whose dialect (the part of the scheme before any `+driver`) is one of
    `dialects`. Shown with its password hidden, since a refusal may be read on a screen."""

    dialects: tuple[str, ...] = ()
    example: str = ""

    def parse(self, text: str) -> object:
        found = re.fullmatch(r"\s*([A-Za-z][A-Za-z0-9]*)(\+[A-Za-z0-9_]+)?://\S*\s*", text)
        if not found or found.group(1).lower() not in self.dialects:
            raise ValueError(text)
        return text.strip()

    def accepts(self, lang: str) -> str:
        schemes = _listing((f"{d}://" for d in self.dialects), lang, "or")
        return label("setting.accepts.url", lang, schemes=schemes, example=self.example)

    def shown(self, text: str) -> str:
        return re.sub(r"(://[^:/@\s]*:)[^@\s]*@", r"\1***@", text)


@dataclass(frozen=True)
class Setting:
    name: str  # the attribute of Settings and the key in .streamlit/secrets.toml
    env: str  # the environment variable
    kind: Text
    default: str  # as it would be written in the environment
    doc: str  # English
    doc_zh: str

    @property
    def choices(self) -> tuple[str, ...] | None:
        return getattr(self.kind, "choices", None)

    def help(self, lang: str = DEFAULT_LANG) -> str:
        return self.doc_zh if lang == "zh" else self.doc


def _login_name() -> str:
    try:
        return getpass.getuser() or "local"
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "local"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "sample_ledger",
        "RECTIFICATION_SAMPLE",
        FilePath(),
        str(DATA_DIR / "sample_ledger.xlsx"),
        "Ledger saved as version 1 when the store is empty, so a first start shows data.",
        "存储为空时作为第 1 版保存的台账，使首次启动即有数据可看。",
    ),
    Setting(
        "database_url",
        "DATABASE_URL",
        DatabaseUrl(
            dialects=("sqlite", "postgresql", "postgres"), example="postgresql+psycopg://user:pw@host/db"
        ),
        "sqlite:///" + str(DATA_DIR / "rectification.sqlite"),
        "The store of versions: a SQLite file by default, or postgresql+psycopg://user:pw@host/db "
        "so several app servers share one store.",
        "各版本的存储：默认为 SQLite 文件；设为 postgresql+psycopg://用户:密码@主机/库 "
        "可供多台应用服务器共用。",
    ),
    Setting(
        "local_user",
        "RECTIFICATION_USER",
        Text(),
        _login_name(),
        "Name recorded as the author of versions saved in local mode (one person at this computer).",
        "本机模式下保存版本时记录的上传人姓名（本机只有一位使用者）。",
    ),
    Setting(
        "auth_mode",
        "RECTIFICATION_AUTH",
        Choice(choices=AUTH_MODES),
        "local",
        "Sign-in: local (this computer only; its user is admin), oidc (st.login with [auth] in "
        ".streamlit/secrets.toml) or proxy (a trusted reverse proxy passes the user in a header).",
        "登录方式：local（仅限本机，本机用户为管理员）、oidc（st.login，在 .streamlit/secrets.toml 的 "
        "[auth] 中配置）或 proxy（由可信的反向代理在请求头中传递用户）。",
    ),
    Setting(
        "auth_claim",
        "RECTIFICATION_AUTH_CLAIM",
        Text(),
        "email",
        "In oidc mode, the claim of the signed-in identity looked up in the role table.",
        "oidc 模式下，用已登录身份的哪一项声明（claim）在角色表中查找。",
    ),
    Setting(
        "proxy_header",
        "RECTIFICATION_PROXY_HEADER",
        Text(),
        "X-Remote-User",
        "In proxy mode, the request header that carries the user; read in no other mode.",
        "proxy 模式下携带用户名的请求头；其他模式下一概不读。",
    ),
    Setting(
        "warning_days",
        "RECTIFICATION_WARNING_DAYS",
        Whole(low=0, high=365),
        "15",
        "An open item due within this many days of the as-of date is yellow (due soon).",
        "未完成事项距整改时限不超过这么多天时标为黄色（即将到期）。",
    ),
)
SETTING_BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}

Settings = make_dataclass(
    "Settings",
    [(s.name, s.kind.type) for s in SETTINGS],
    frozen=True,
    namespace={"__doc__": "The settings in effect, one attribute per row of SETTINGS, each of its kind."},
)
Settings.__module__ = __name__


# -- reading ----------------------------------------------------------------------------------
def secrets_files() -> list[Path]:
    """Where secrets.toml is read, like Streamlit: the project's, then the current folder's (which
    wins). The same file is read once."""
    found: list[Path] = []
    for path in (PROJECT_ROOT / SECRETS_NAME, Path.cwd() / SECRETS_NAME):
        if path.resolve() not in [p.resolve() for p in found]:
            found.append(path)
    return found


def read_secrets(paths: Iterable[Path] | None = None) -> dict[str, object]:
    """The top-level keys of the secrets files (later files win); a missing file is no error."""
    secrets: dict[str, object] = {}
    for path in secrets_files() if paths is None else paths:
        try:
            with path.open("rb") as file:
                secrets.update(tomllib.load(file))
        except FileNotFoundError:
            continue
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise BadSetting("setting.secrets_unreadable", file=path, reason=reason) from None
    return secrets


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else str(value)


def load_settings(
    environ: Mapping[str, str] | None = None, secrets: Mapping[str, object] | None = None
) -> Settings:
    """The settings in effect: each from `environ` (the process environment by default), else
    from `secrets` (the top-level keys of .streamlit/secrets.toml by default), else its default.
    Raises `BadSetting` naming every bad value at once."""
    environ = os.environ if environ is None else environ
    secrets = read_secrets() if secrets is None else secrets
    values: dict[str, object] = {}
    problems: list[BadSetting] = []
    for key, value in secrets.items():
        if key not in SETTING_BY_NAME and not isinstance(value, Mapping):
            names = _Said(lambda lang: _listing(SETTING_BY_NAME, lang))
            problems.append(BadSetting("setting.unknown_secret", secret=key, names=names))
    for setting in SETTINGS:
        if setting.env in environ:
            raw, where = environ[setting.env], "setting.invalid"
        elif setting.name in secrets and not isinstance(secrets[setting.name], Mapping):
            raw, where = _text(secrets[setting.name]), "setting.invalid_in_secrets"
        else:
            raw, where = setting.default, "setting.invalid"
        try:
            values[setting.name] = setting.kind.parse(raw)
        except ValueError:
            problems.append(
                BadSetting(
                    where, name=setting.env, secret=setting.name, value=setting.kind.shown(raw),
                    allowed=_Said(setting.kind.accepts),
                )
            )  # fmt: skip
    if len(problems) == 1:
        raise problems[0]
    if problems:
        lines = _Said(lambda lang: "\n".join(f"- {p.message(lang)}" for p in problems))
        raise BadSetting("setting.invalid_many", count=len(problems), problems=lines)
    return Settings(**values)


def describe_settings(lang: str = DEFAULT_LANG) -> list[dict[str, object]]:
    """The table for people, in `lang`: what `python -m rectification settings` prints."""
    return [
        {
            "env": s.env,
            "secrets_key": s.name,
            "default": s.kind.shown(s.default),
            "accepts": s.kind.accepts(lang),
            "help": s.help(lang),
            "choices": list(s.choices) if s.choices else None,
        }
        for s in SETTINGS
    ]
