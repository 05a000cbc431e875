"""Settings: declared once, documented, read somewhere, checked when loaded, refused by name."""

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from rectification import settings as settings_module
from rectification.__main__ import main
from rectification.errors import BadSetting
from rectification.settings import (
    PROJECT_ROOT,
    SETTING_BY_NAME,
    SETTINGS,
    Settings,
    describe_settings,
    load_settings,
    read_secrets,
    upload_limit,
)

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
CODE = {
    path: path.read_text(encoding="utf-8")
    for path in [
        *(PROJECT_ROOT / "rectification").rglob("*.py"),
        *(PROJECT_ROOT / "pages").glob("*.py"),
        PROJECT_ROOT / "dashboard.py",
    ]
    if path.name != "settings.py"
}
BY_NAME = pytest.mark.parametrize("setting", SETTINGS, ids=[s.name for s in SETTINGS])
LANGS = pytest.mark.parametrize("lang", ["zh", "en"])


def refusal(environ=None, secrets=None) -> BadSetting:
    with pytest.raises(BadSetting) as refused:
        load_settings(environ or {}, secrets or {})
    return refused.value


# -- declared once, documented, used ---------------------------------------------------------
def test_the_settings_object_has_exactly_one_attribute_per_setting_of_its_kind():
    fields = {f.name: f.type for f in dataclasses.fields(Settings)}
    assert fields == {s.name: s.kind.type for s in SETTINGS}
    assert len({s.env for s in SETTINGS}) == len(SETTINGS)


@BY_NAME
def test_every_setting_is_documented_in_the_readme(setting):
    assert f"`{setting.env}`" in README
    assert setting.doc and setting.doc_zh


def test_the_readme_documents_no_setting_that_does_not_exist():
    named = set(re.findall(r"\bRECTIFICATION_[A-Z_]+\b", README))
    assert named <= {s.env for s in SETTINGS}


@BY_NAME
def test_every_setting_is_read_somewhere_besides_the_settings_module(setting):
    attribute = re.compile(rf"\.{setting.name}\b")
    assert [path for path, text in CODE.items() if attribute.search(text)]


def test_the_upload_limit_is_streamlits_own_server_max_upload_size():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert isinstance(config["server"]["maxUploadSize"], int)
    assert not [s for s in SETTINGS if "UPLOAD" in s.env]
    assert "server.maxUploadSize" in README and "STREAMLIT_SERVER_MAX_UPLOAD_SIZE" in README


# -- good values -----------------------------------------------------------------------------
def test_the_defaults_are_valid_values_of_their_kinds():
    loaded = load_settings({}, {})
    for setting in SETTINGS:
        assert isinstance(getattr(loaded, setting.name), setting.kind.type)
    assert loaded.auth_mode == "local" and loaded.warning_days == 15
    assert loaded.sample_ledger == PROJECT_ROOT / "data" / "sample_ledger.xlsx"


@pytest.mark.parametrize(
    ("env", "raw", "expected"),
    [
        ("RECTIFICATION_WARNING_DAYS", "10", 10),
        ("RECTIFICATION_WARNING_DAYS", " 0 ", 0),
        ("RECTIFICATION_WARNING_DAYS", "365", 365),
        ("RECTIFICATION_AUTH", " OIDC ", "oidc"),
        ("RECTIFICATION_AUTH", "Proxy", "proxy"),
        ("RECTIFICATION_AUTH", "local", "local"),
        ("RECTIFICATION_SAMPLE", "/srv/台账.xlsx", Path("/srv/台账.xlsx")),
        ("RECTIFICATION_SAMPLE", "~/ledger.xlsx", Path.home() / "ledger.xlsx"),
        ("DATABASE_URL", "sqlite:////tmp/store.sqlite", "sqlite:////tmp/store.sqlite"),
        ("DATABASE_URL", "postgresql+psycopg://u:p@db/rect", "postgresql+psycopg://u:p@db/rect"),
        ("DATABASE_URL", "postgres://u@db/rect", "postgres://u@db/rect"),
        ("RECTIFICATION_USER", " 张三 ", "张三"),
        ("RECTIFICATION_AUTH_CLAIM", "preferred_username", "preferred_username"),
        ("RECTIFICATION_PROXY_HEADER", "X-Forwarded-User", "X-Forwarded-User"),
    ],
)
def test_a_good_value_parses_to_the_right_type(env, raw, expected):
    setting = next(s for s in SETTINGS if s.env == env)
    value = getattr(load_settings({env: raw}, {}), setting.name)
    assert value == expected and type(value) is type(expected)


def test_the_settings_are_frozen_and_can_be_replaced():
    loaded = load_settings({}, {})
    with pytest.raises(dataclasses.FrozenInstanceError):
        loaded.warning_days = 3
    assert dataclasses.replace(loaded, database_url="sqlite://").database_url == "sqlite://"


# -- bad values ------------------------------------------------------------------------------
BAD = [
    ("RECTIFICATION_WARNING_DAYS", "abc", "0 至 365 之间的整数", "a whole number from 0 to 365"),
    ("RECTIFICATION_WARNING_DAYS", "-1", "0 至 365 之间的整数", "a whole number from 0 to 365"),
    ("RECTIFICATION_WARNING_DAYS", "1000", "0 至 365 之间的整数", "a whole number from 0 to 365"),
    ("RECTIFICATION_WARNING_DAYS", "1.5", "0 至 365 之间的整数", "a whole number from 0 to 365"),
    ("RECTIFICATION_WARNING_DAYS", "", "0 至 365 之间的整数", "a whole number from 0 to 365"),
    ("RECTIFICATION_AUTH", "odic", "local、oidc 或 proxy", "local, oidc or proxy"),
    ("RECTIFICATION_AUTH", "", "local、oidc 或 proxy", "local, oidc or proxy"),
    ("DATABASE_URL", "", "sqlite://", "sqlite://"),
    ("DATABASE_URL", "data/store.sqlite", "postgresql://", "postgresql://"),
    ("DATABASE_URL", "mysql://u@db/rect", "postgresql://", "postgresql://"),
    ("RECTIFICATION_SAMPLE", " ", "文件路径", "a file path"),
    ("RECTIFICATION_USER", "", "非空文字", "text that is not empty"),
    ("RECTIFICATION_AUTH_CLAIM", "  ", "非空文字", "text that is not empty"),
    ("RECTIFICATION_PROXY_HEADER", "", "非空文字", "text that is not empty"),
]


@LANGS
@pytest.mark.parametrize(("env", "raw", "zh", "en"), BAD, ids=[f"{b[0]}={b[1]!r}" for b in BAD])
def test_each_bad_value_is_refused_naming_the_variable_and_what_it_accepts(lang, env, raw, zh, en):
    refused = refusal({env: raw})
    assert refused.key == "setting.invalid" and refused.params["name"] == env
    assert refused.exit_code == 2
    message = refused.message(lang)
    assert env in message and f"“{raw}”" in message
    assert (zh if lang == "zh" else en) in message
    assert ("无效" if lang == "zh" else "not valid") in message


def test_a_database_password_is_never_shown_in_a_refusal():
    message = refusal({"DATABASE_URL": "mysql://clerk:s3cret@db/rect"}).message("en")
    assert "s3cret" not in message and "mysql://clerk:***@db/rect" in message


@LANGS
def test_several_bad_values_are_all_reported_at_once(lang):
    refused = refusal(
        {"RECTIFICATION_WARNING_DAYS": "abc", "RECTIFICATION_AUTH": "odic", "DATABASE_URL": ""},
        {"proxy_header": ""},
    )
    assert refused.key == "setting.invalid_many" and refused.params["count"] == 4
    message = refused.message(lang)
    named = ("RECTIFICATION_WARNING_DAYS", "RECTIFICATION_AUTH", "DATABASE_URL", "RECTIFICATION_PROXY_HEADER")
    assert all(env in message for env in named)
    assert message.count("\n- ") == 4
    assert ("有 4 项设置无效" if lang == "zh" else "4 settings are not valid") in message


# -- .streamlit/secrets.toml -------------------------------------------------------------------
SECRETS = """
warning_days = 10
auth_mode = "Proxy"
proxy_header = "X-Forwarded-User"

[auth]
redirect_uri = "http://localhost:8501/oauth2callback"
cookie_secret = "not ours"
"""


def write_secrets(folder: Path, text: str) -> Path:
    path = folder / ".streamlit" / "secrets.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_secrets_toml_values_are_read_and_its_tables_left_to_streamlit(tmp_path):
    loaded = load_settings({}, read_secrets([write_secrets(tmp_path, SECRETS)]))
    assert (loaded.warning_days, loaded.auth_mode, loaded.proxy_header) == (10, "proxy", "X-Forwarded-User")


def test_the_environment_wins_over_secrets_toml(tmp_path):
    secrets = read_secrets([write_secrets(tmp_path, SECRETS)])
    loaded = load_settings({"RECTIFICATION_WARNING_DAYS": "3", "RECTIFICATION_AUTH": "oidc"}, secrets)
    assert (loaded.warning_days, loaded.auth_mode, loaded.proxy_header) == (3, "oidc", "X-Forwarded-User")


def test_a_good_environment_value_overrides_a_bad_one_in_secrets_toml():
    assert load_settings({"RECTIFICATION_WARNING_DAYS": "7"}, {"warning_days": "abc"}).warning_days == 7


def test_secrets_toml_is_read_from_the_project_and_the_current_folder_which_wins(tmp_path, monkeypatch):
    project, here = tmp_path / "project", tmp_path / "here"
    write_secrets(project, 'warning_days = 10\nlocal_user = "王五"\n')
    write_secrets(here, "warning_days = 20\n")
    monkeypatch.setattr(settings_module, "PROJECT_ROOT", project)
    monkeypatch.chdir(here)
    loaded = load_settings({})
    assert (loaded.warning_days, loaded.local_user) == (20, "王五")


def test_a_missing_secrets_file_is_no_error(tmp_path, monkeypatch):
    monkeypatch.setattr(settings_module, "PROJECT_ROOT", tmp_path / "project")
    monkeypatch.chdir(tmp_path)
    assert read_secrets() == {}
    assert load_settings({}).warning_days == 15


@LANGS
def test_a_bad_value_in_secrets_toml_is_refused_naming_the_key_and_the_variable(lang):
    message = refusal(secrets={"warning_days": 1000}).message(lang)
    assert "RECTIFICATION_WARNING_DAYS" in message and "warning_days" in message and "secrets.toml" in message
    assert "“1000”" in message


@LANGS
def test_a_misspelt_key_in_secrets_toml_is_refused_with_the_keys_it_may_use(lang):
    refused = refusal(secrets={"warnig_days": 10})
    assert refused.key == "setting.unknown_secret"
    message = refused.message(lang)
    assert "warnig_days" in message and all(name in message for name in SETTING_BY_NAME)


def test_a_secrets_file_that_is_not_toml_is_refused_naming_the_file(tmp_path):
    path = write_secrets(tmp_path, "warning_days = = 10\n")
    with pytest.raises(BadSetting) as refused:
        read_secrets([path])
    assert refused.value.key == "setting.secrets_unreadable" and str(path) in refused.value.message("en")


# -- the table for people ------------------------------------------------------------------------
@LANGS
def test_describe_settings_lists_every_setting_with_its_help_in_the_language(lang):
    table = describe_settings(lang)
    assert [row["env"] for row in table] == [s.env for s in SETTINGS]
    assert [row["help"] for row in table] == [s.help(lang) for s in SETTINGS]
    auth = next(row for row in table if row["env"] == "RECTIFICATION_AUTH")
    assert auth["choices"] == ["local", "oidc", "proxy"] and auth["default"] == "local"
    assert all(row["accepts"] for row in table)


def test_the_command_line_prints_every_setting_with_its_default(capsys):
    assert main(["settings"]) == 0
    printed = capsys.readouterr().out
    for setting in SETTINGS:
        assert f"{setting.env}=" in printed


# -- the upload limit: Streamlit's, read as Streamlit reads it -----------------------------------

# (STREAMLIT_SERVER_MAX_UPLOAD_SIZE, each config.toml's [server] in the order read, the limit in MB
# and which of them set it: "env", a file's position, or None for Streamlit's default)
UPLOAD_LIMITS = [
    ({}, [], 200, None),
    ({}, ["maxUploadSize = 50"], 50, 0),
    ({}, ["maxUploadSize = 10", "headless = true"], 10, 0),  # a later file that says nothing else
    ({}, ["maxUploadSize = 10", "maxUploadSize = 80"], 80, 1),  # the dashboard's own file wins
    ({"STREAMLIT_SERVER_MAX_UPLOAD_SIZE": "5"}, ["maxUploadSize = 80"], 5, "env"),
]


@pytest.mark.parametrize(("environ", "servers", "megabytes", "source"), UPLOAD_LIMITS)
def test_the_upload_limit_comes_from_where_streamlit_takes_it(tmp_path, environ, servers, megabytes, source):
    paths = []
    for at, server in enumerate(servers):
        path = tmp_path / f"{at}" / "config.toml"
        path.parent.mkdir()
        path.write_text(f"[server]\n{server}\n", encoding="utf-8")
        paths.append(path)
    limit = upload_limit(environ, [tmp_path / "missing.toml", *paths])
    assert limit.megabytes == megabytes and limit.bytes == megabytes * 2**20
    named = {None: "", "env": "STREAMLIT_SERVER_MAX_UPLOAD_SIZE"}
    assert limit.source == (str(paths[source]) if isinstance(source, int) else named[source])


@pytest.mark.parametrize(
    ("environ", "server", "named"),
    [
        ({"STREAMLIT_SERVER_MAX_UPLOAD_SIZE": "50MB"}, "", "STREAMLIT_SERVER_MAX_UPLOAD_SIZE 的值“50MB”无效"),
        ({}, 'maxUploadSize = "lots"', "[server] maxUploadSize 的值“lots”无效"),
        ({}, "maxUploadSize = 2.5", "的值“2.5”无效"),
    ],
)
def test_an_upload_limit_streamlit_could_not_use_is_refused_naming_where_it_is(
    tmp_path, environ, server, named
):
    path = tmp_path / "config.toml"
    path.write_text(f"[server]\n{server}\n", encoding="utf-8")
    with pytest.raises(BadSetting) as refused:
        upload_limit(environ, [path])
    assert named in refused.value.message()


def test_the_project_config_is_read_last_as_streamlit_reads_the_dashboards_own_folder_last():
    assert settings_module.config_files()[-1] == PROJECT_ROOT / ".streamlit" / "config.toml"
    assert upload_limit({}).megabytes == 50  # the shipped .streamlit/config.toml
