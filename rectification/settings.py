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
`.streamlit/config.toml` (or `STREAMLIT_SERVER_MAX_UPLOAD_SIZE`), the one place it is set. The
upload page's file uploader enforces it; `check` and `import` on the command line read the same
value with `upload_limit` (the files and the variable Streamlit reads, without starting
Streamlit) and refuse a larger file before reading it.
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


# A password in a URL's user part: "//user:" up to the last "@" of the word (a password may hold
# an "@" its writer did not encode). Over-masking a word is harmless; showing a password is not.
_URL_PASSWORD = re.compile(r"(://[^:/?#@\s]*:)\S*@")
# Parameters that carry a secret, in a URL's query ("?password=…") or a libpq conninfo string.
_SECRET_PARAMETER = re.compile(
    r"\b(password|passwd|pwd|sslpassword|sslkey_password|token|access_token|api_key|apikey|secret|key|sign)"
    r"=[^\s&;'\"]*",
    re.IGNORECASE,
)
# A Feishu robot's webhook carries its token in the path: .../bot/v2/hook/<token>.
_HOOK_TOKEN = re.compile(r"(/hook/)[^/\s?#'\"]+")
MASK = "***"


def masked_url(text: object) -> str:
    """`text` with the password or token of every URL in it hidden: "postgresql://u:***@host/db".
    The one function for it, used wherever a URL can be printed or logged (the settings listing,
    refusals, fault messages, the log), on a URL alone or on a message that quotes one."""
    text = _URL_PASSWORD.sub(rf"\1{MASK}@", str(text))
    text = _HOOK_TOKEN.sub(rf"\1{MASK}", text)
    return _SECRET_PARAMETER.sub(rf"\1={MASK}", text)


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
        return masked_url(text)


@dataclass(frozen=True)
class Escalation(Text):
    """Steps up the chain of responsibility: "0:leader,15:head" (reminders.parse_steps)."""

    type: type = tuple

    def parse(self, text: str) -> object:
        from .reminders import parse_steps

        return parse_steps(text)

    def accepts(self, lang: str) -> str:
        return label("setting.accepts.escalation", lang)


@dataclass(frozen=True)
class Channels(Text):
    """How reminders go: "none", or mail and/or robot (reminders.parse_channels)."""

    type: type = tuple

    def parse(self, text: str) -> object:
        from .reminders import parse_channels

        return parse_channels(text)

    def accepts(self, lang: str) -> str:
        return label("setting.accepts.channels", lang)


@dataclass(frozen=True)
class QuietHours(Text):
    """ "22:00-07:00", or "none" (reminders.parse_quiet_hours)."""

    type: type = tuple

    def parse(self, text: str) -> object:
        from .reminders import parse_quiet_hours

        return parse_quiet_hours(text)

    def accepts(self, lang: str) -> str:
        return label("setting.accepts.quiet_hours", lang)


@dataclass(frozen=True)
class Optional(Text):
    """Any text, or nothing (the feature it configures is then off). `secret`: shown masked."""

    secret: bool = False

    def parse(self, text: str) -> object:
        return text.strip()

    def accepts(self, lang: str) -> str:
        return label("setting.accepts.optional", lang)

    def shown(self, text: str) -> str:
        return MASK if self.secret and text else text


@dataclass(frozen=True)
class PublicUrl(Text):
    """The dashboard's address as its users reach it (http:// or https://), or nothing."""

    def parse(self, text: str) -> object:
        if text.strip() and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", text.strip()):
            raise ValueError(text)
        return text.strip().rstrip("/")

    def accepts(self, lang: str) -> str:
        return label("setting.accepts.public_url", lang)


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
        "Name recorded as the author of versions saved in local mode (one person at this computer), "
        "and who the command line acts as when --user is not given.",
        "本机模式下保存版本时记录的上传人姓名（本机只有一位使用者）；命令行未写 --user 时即以此人身份执行。",
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
    Setting(
        "stale_days",
        "RECTIFICATION_STALE_DAYS",
        Whole(low=1, high=3650),
        "30",
        "A department whose last report is more than this many days before the ledger's as-of date "
        "is flagged as not reporting on the departments page.",
        "部门最近一次报送早于台账截至日期超过这么多天的，在“部门”页标为超期未报送。",
    ),
    Setting(
        "remind_escalation",
        "RECTIFICATION_REMIND_ESCALATION",
        Escalation(),
        "0:leader,15:head",
        "Whom a department's reminder goes to by how many days its oldest overdue task is late: "
        "days:role steps, roles officer (经办人), leader (分管领导), head (主要负责人); due-soon tasks "
        "alone go to the officer.",
        "督办提醒按该部门逾期最久的整改任务已逾期天数逐级发送：写作“天数:角色”，角色为 officer（经办人）、"
        "leader（分管领导）、head（主要负责人）；仅有即将到期任务的提醒发给经办人。",
    ),
    Setting(
        "remind_channels",
        "RECTIFICATION_REMIND_CHANNELS",
        Channels(),
        "none",
        "How `remind` and the 催办 section send reminders: none (nothing is sent, and both say so), "
        "mail, robot (the contacts' office-chat robots: DingTalk, WeCom, Feishu), or mail,robot.",
        "催办提醒的发送渠道：none（不发送，并予说明）、mail（电子邮件）、robot（联系人的钉钉、企业微信、"
        "飞书群机器人）或 mail,robot。",
    ),
    Setting(
        "remind_quiet_hours",
        "RECTIFICATION_QUIET_HOURS",
        QuietHours(),
        "none",
        "Hours in which no reminder is sent, as 22:00-07:00 (the server's local time), or none; a "
        "run in them sends nothing and says so.",
        "不发送提醒的时段，写作 22:00-07:00（服务器本地时间），或 none；在此时段内运行的不发送，并予说明。",
    ),
    Setting(
        "remind_retries",
        "RECTIFICATION_REMIND_RETRIES",
        Whole(low=1, high=10),
        "3",
        "Attempts at each reminder before it is recorded as failed (1, 2, 4 … seconds apart).",
        "每条提醒发送失败时的尝试次数（间隔 1、2、4……秒），用尽后记为发送失败。",
    ),
    Setting(
        "public_url",
        "RECTIFICATION_PUBLIC_URL",
        PublicUrl(),
        "",
        "The dashboard's address as its users reach it (https://…); reminders then link to the "
        "department's filtered item list. Empty: no link.",
        "用户访问看板的地址（https://……）；设置后提醒中附该部门筛选后的问题清单链接。为空则不附链接。",
    ),
    Setting(
        "smtp_host",
        "RECTIFICATION_SMTP_HOST",
        Optional(),
        "",
        "Mail server reminders are sent through (needed when remind_channels has mail).",
        "发送提醒邮件的邮件服务器（发送渠道含 mail 时必填）。",
    ),
    Setting(
        "smtp_port",
        "RECTIFICATION_SMTP_PORT",
        Whole(low=1, high=65535),
        "587",
        "The mail server's port: 587 for STARTTLS, 465 for SSL, 25 for none.",
        "邮件服务器端口：STARTTLS 一般为 587，SSL 为 465，不加密为 25。",
    ),
    Setting(
        "smtp_security",
        "RECTIFICATION_SMTP_SECURITY",
        Choice(choices=("starttls", "ssl", "none")),
        "starttls",
        "How the connection to the mail server is secured: starttls, ssl, or none (a relay on this "
        "computer only).",
        "与邮件服务器连接的加密方式：starttls、ssl，或 none（仅限本机中继）。",
    ),
    Setting(
        "smtp_ca_file",
        "RECTIFICATION_SMTP_CA_FILE",
        Optional(),
        "",
        "A PEM file of the certificate authority the mail server's certificate is checked against "
        "(an office's own CA); empty: the system's.",
        "校验邮件服务器证书所用的证书颁发机构文件（PEM，如单位自建的 CA）；为空则使用系统自带的。",
    ),
    Setting(
        "smtp_user",
        "RECTIFICATION_SMTP_USER",
        Optional(),
        "",
        "Login name at the mail server; empty: no login.",
        "邮件服务器登录名；为空则不登录。",
    ),
    Setting(
        "smtp_password",
        "RECTIFICATION_SMTP_PASSWORD",
        Optional(secret=True),
        "",
        "Password at the mail server (never shown; set it in the environment or secrets.toml).",
        "邮件服务器登录密码（不会显示；请在环境变量或 secrets.toml 中设置）。",
    ),
    Setting(
        "smtp_sender",
        "RECTIFICATION_SMTP_SENDER",
        Optional(),
        "",
        "The From address of reminder mail (needed when remind_channels has mail).",
        "提醒邮件的发件人地址（发送渠道含 mail 时必填）。",
    ),
    Setting(
        "log_file",
        "RECTIFICATION_LOG_FILE",
        FilePath(),
        str(DATA_DIR / "rectification.log"),
        "Where the command line writes the details of a fault or a bug (tracebacks) for the "
        "administrator; the screen gets one line naming the cause. When it cannot be written, a "
        "file in the system's temporary folder is used. The dashboard logs to Streamlit's log.",
        "命令行记录故障和程序错误详情（含调用栈）的日志文件，供管理员查阅；屏幕上只显示一行说明原因。"
        "该文件无法写入时，改写入系统临时目录中的日志文件。看板的日志记入 Streamlit 的日志。",
    ),
    # Bounded reading (issue 12, docs/decisions.md): what a workbook may unpack to and how large a
    # sheet may be, checked before a file is parsed. The defaults pass a genuine ledger of 100,000
    # measures (147 MB unpacked, its largest part 81 MB at 13:1, 100,003 rows of 16 columns) with
    # room to spare, and refuse what would take more than about a gigabyte to read.
    Setting(
        "max_unzipped_mb",
        "RECTIFICATION_MAX_UNZIPPED_MB",
        Whole(low=1, high=65536),
        "512",
        "Largest size in MB a workbook (.xlsx, .ods: a zip) may unpack to, all its parts together.",
        "工作簿（.xlsx、.ods 等压缩格式）解压后全部内容的大小上限（MB）。",
    ),
    Setting(
        "max_part_mb",
        "RECTIFICATION_MAX_PART_MB",
        Whole(low=1, high=65536),
        "256",
        "Largest size in MB one part of a workbook may unpack to (a sheet, the shared strings).",
        "工作簿中单个组成部分（某一工作表、共享文字表等）解压后的大小上限（MB）。",
    ),
    Setting(
        "max_compression_ratio",
        "RECTIFICATION_MAX_COMPRESSION_RATIO",
        Whole(low=2, high=1100),
        "100",
        "Highest ratio of unpacked to packed size of a workbook part over 10 MB unpacked; sheets "
        "saved by Excel or WPS pack 8-20 to 1, a crafted bomb several hundred to 1.",
        "工作簿中解压后超过 10 MB 的组成部分，其解压后与压缩后大小之比的上限；Excel、WPS 保存的工作表"
        "一般为 8～20 倍，恶意构造的“压缩炸弹”可达数百倍。",
    ),
    Setting(
        "max_sheet_rows",
        "RECTIFICATION_MAX_SHEET_ROWS",
        Whole(low=1, high=1_048_576),
        "200000",
        "Last row a sheet may hold a value in; a value below it (a stray entry far under the "
        "table) refuses the file, naming its cell.",
        "工作表中有内容的最后一行不得超过此行号；超出的（如表格下方远处误填的内容）拒收，并指明所在单元格。",
    ),
    Setting(
        "max_sheet_columns",
        "RECTIFICATION_MAX_SHEET_COLUMNS",
        Whole(low=1, high=16_384),
        "1000",
        "Last column a sheet may hold a value in; a value right of it refuses the file, naming its cell.",
        "工作表中有内容的最后一列不得超过此列数；超出的拒收，并指明所在单元格。",
    ),
    Setting(
        "max_sheet_cells",
        "RECTIFICATION_MAX_SHEET_CELLS",
        Whole(low=1, high=1_048_576 * 16_384),
        "10000000",
        "Most cells a sheet's used range (from A1 to its last row and column holding a value) may "
        "span; reading costs memory for every cell of it, empty or not.",
        "工作表已用区域（自 A1 至有内容的最后一行、最后一列）所含单元格数的上限；读取时区域内每个单元格"
        "（无论是否为空）都要占用内存。",
    ),
    # The reading worker (issue 12, reading_worker.py): the app reads each upload in a process of
    # its own, stopped at these limits, so no file can starve or crash the server. Measured on
    # generated ledgers (bench/check_speed.py) in the worker: 100,000 measures under 25,000
    # problems read in 9-11 s and need 0.8-0.9 GB of data memory (refused at 800 MB, read at
    # 900); 100,000 one-row problems 7 s and 0.7-0.8 GB; 25,000 one-row problems 2 s, 250-300 MB.
    Setting(
        "read_memory_mb",
        "RECTIFICATION_READ_MEMORY_MB",
        Whole(low=256, high=65536),
        "2048",
        "Data memory in MB (RLIMIT_DATA: heap and private mappings) the app's reading of one "
        "uploaded file may use; a file that needs more is refused, naming the limit.",
        "应用读取一个上传文件时可使用的数据内存上限（MB，即 RLIMIT_DATA：堆及私有映射）；"
        "所需超过此数的文件拒收，并说明所超上限。",
    ),
    Setting(
        "read_seconds",
        "RECTIFICATION_READ_SECONDS",
        Whole(low=1, high=3600),
        "60",
        "Seconds the app's reading of one uploaded file may take before it is stopped and the file "
        "refused, naming the limit.",
        "应用读取一个上传文件的时限（秒）；超时即停止读取并拒收该文件，说明所超时限。",
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
    # A page asks 15-25 times a run (1.2 ms each): the same values give the same settings.
    # HOME is in the key for the paths' "~"; the table itself, for a test that replaces it.
    key = (id(SETTINGS), tuple(environ.get(s.env) for s in SETTINGS), environ.get("HOME"), repr(secrets))
    if (known := _PARSED.get(key)) is not None:
        return known
    settings = _parsed(environ, secrets)
    if len(_PARSED) >= 32:  # environments and secrets files do not change often; stay small
        _PARSED.clear()
    _PARSED[key] = settings
    return settings


_PARSED: dict[tuple[object, ...], Settings] = {}


def _parsed(environ: Mapping[str, str], secrets: Mapping[str, object]) -> Settings:
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


# -- the upload limit: Streamlit's own, read where Streamlit reads it --------------------------
UPLOAD_LIMIT_ENV = "STREAMLIT_SERVER_MAX_UPLOAD_SIZE"
UPLOAD_LIMIT_KEY = "maxUploadSize"  # under [server] in config.toml
_STREAMLIT_UPLOAD_DEFAULT_MB = 200  # Streamlit's own when nothing sets it
CONFIG_NAME = Path(".streamlit") / "config.toml"


@dataclass(frozen=True)
class UploadLimit:
    """The largest file the upload page accepts, and where that value was set: the environment
    variable, a config.toml (its path), or "" for Streamlit's default."""

    megabytes: int
    source: str = ""

    @property
    def bytes(self) -> int:
        return self.megabytes * 1024 * 1024  # Streamlit's megabytes are 2**20 bytes


def config_files() -> list[Path]:
    """Where Streamlit reads config.toml, the later winning: the user's (~/.streamlit), the current
    folder's, then the dashboard's own (`streamlit run dashboard.py` reads its script's folder
    last). The same file is read once."""
    try:
        home = [Path.home() / CONFIG_NAME]
    except RuntimeError:  # no home folder to be found (a service account without one)
        home = []
    found: list[Path] = []
    for path in (*home, Path.cwd() / CONFIG_NAME, PROJECT_ROOT / CONFIG_NAME):
        if path.resolve() not in [p.resolve() for p in found]:
            found.append(path)
    return found


def upload_limit(
    environ: Mapping[str, str] | None = None, paths: Iterable[Path] | None = None
) -> UploadLimit:
    """Streamlit's `server.maxUploadSize` as the dashboard started here would have it: the
    environment variable, else the last config.toml that sets it, else Streamlit's default. A
    value Streamlit could not use either is refused, naming where it is written."""
    environ = os.environ if environ is None else environ
    if UPLOAD_LIMIT_ENV in environ:
        return UploadLimit(_megabytes(environ[UPLOAD_LIMIT_ENV], UPLOAD_LIMIT_ENV), UPLOAD_LIMIT_ENV)
    limit = UploadLimit(_STREAMLIT_UPLOAD_DEFAULT_MB)
    for path in config_files() if paths is None else paths:
        try:
            with path.open("rb") as file:
                server = tomllib.load(file).get("server", {})
        except FileNotFoundError:
            continue
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise BadSetting("setting.secrets_unreadable", file=path, reason=reason) from None
        if isinstance(server, Mapping) and UPLOAD_LIMIT_KEY in server:
            where = f"{path} [server] {UPLOAD_LIMIT_KEY}"
            limit = UploadLimit(_megabytes(server[UPLOAD_LIMIT_KEY], where), str(path))
    return limit


def _megabytes(value: object, where: str) -> int:
    text = _text(value)
    if isinstance(value, bool) or not re.fullmatch(r"\s*\+?[0-9]+\s*", text):
        raise BadSetting("setting.upload_limit_invalid", name=where, value=text)
    return int(text)
