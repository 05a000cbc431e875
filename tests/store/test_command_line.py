"""import, versions, restore and export from the command line, against the same store."""

import json
from dataclasses import replace

import pytest

from rectification.__main__ import main
from rectification.intake import check_path
from rectification.service import open_store
from rectification.settings import load_settings
from rectification.store.roles import set_member
from tests.builders import sheet

SHEET = sheet(["ZZ-01", "政治建设", "学习方式相对单一，氛围不够浓厚", "", "", "已完成学习", "已完成"])


def cli(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


def test_import_versions_restore_and_export_work_on_one_store(store_url, tmp_path, capsys):
    sheet = tmp_path / "dept.xlsx"
    sheet.write_bytes(SHEET)
    code, out, _ = cli(capsys, "import", str(sheet), "--user", "王五", "--db", store_url)
    assert code == 0 and "已保存为版本2" in out  # version 1 is the sample, saved on first open

    code, out, _ = cli(capsys, "versions", "--json", "--db", store_url)
    listed = json.loads(out)
    assert [(v["version"], v["author"], v["mode"]) for v in listed] == [
        (1, "system", "replace"),
        (2, "王五", "merge"),
    ]
    assert listed[0]["total"] == listed[1]["total"] == 30

    code, out, _ = cli(capsys, "import", str(sheet), "--db", store_url)
    assert code == 0 and "未生成新版本" in out

    code, out, _ = cli(capsys, "restore", "1", "--user", "管理员", "--db", store_url)
    assert code == 0 and "新版本3" in out

    exported = tmp_path / "v2.xlsx"
    code, out, _ = cli(capsys, "export", "--version", "2", "-o", str(exported), "--db", store_url)
    assert code == 0
    findings = check_path(exported).findings.set_index("id")
    assert findings.loc["ZZ-01", "progress"] == "已完成学习" and len(findings) == 30


def test_asking_for_a_version_that_does_not_exist_is_a_usage_error(store_url, capsys):
    code, _, err = cli(capsys, "restore", "99", "--db", store_url)
    assert code == 2 and "没有版本99" in err


OWN = sheet(["ZY-04", "主责主业", "未按要求制定土地储备计划", "土地收购储备中心", "", "已制定", "已完成"])
OTHERS = sheet(["ZZ-01", "政治建设", "学习方式相对单一，氛围不够浓厚", "党政办公室", "", "改", "已完成"])


@pytest.fixture
def signed_in_store(store_url, capsys, monkeypatch):
    """A store in oidc mode with one person per role; the command line acts as --user."""
    monkeypatch.setenv("RECTIFICATION_AUTH", "oidc")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    store = open_store(replace(load_settings(), database_url=store_url))
    for name, role, departments in (
        ("leader", "viewer", ()),
        ("inspector", "inspector", ()),
        ("land", "uploader", ("土地收购储备中心",)),
        ("admin", "admin", ()),
    ):
        set_member(store, name, role, departments, by="setup")
    store.engine.dispose()
    return store_url


# (user, command, expected exit code): the command line asks the same role table as the app.
MATRIX = [
    ("stranger", ["versions"], 1),
    ("leader", ["versions"], 0),
    ("leader", ["import", "{own}"], 1),
    ("land", ["import", "{own}"], 0),
    ("land", ["import", "{others}"], 1),
    ("land", ["import", "{own}", "--mode", "replace"], 1),
    ("admin", ["import", "{others}"], 0),
    ("leader", ["export", "-o", "{out}"], 1),
    ("inspector", ["export", "-o", "{out}"], 0),
    ("inspector", ["restore", "1"], 1),
    ("admin", ["restore", "1"], 0),
    ("land", ["users", "list"], 1),
    ("admin", ["users", "list"], 0),
    ("inspector", ["users", "add", "new@example.org", "--role", "viewer"], 1),
    ("admin", ["users", "add", "new@example.org", "--role", "viewer"], 0),
    ("land", ["users", "remove", "leader"], 1),
    ("admin", ["users", "remove", "leader"], 0),
    ("leader", ["verify", "ZZ-01"], 1),
    ("land", ["verify", "ZZ-01"], 1),
    ("inspector", ["verify", "ZZ-01", "--evidence", "会议纪要"], 0),
    ("inspector", ["verify", "no-such-item"], 1),
]


@pytest.mark.parametrize(("user", "command", "code"), MATRIX)
def test_each_role_may_run_exactly_its_commands(signed_in_store, tmp_path, capsys, user, command, code):
    files = {"own": tmp_path / "own.xlsx", "others": tmp_path / "others.xlsx", "out": tmp_path / "out.xlsx"}
    files["own"].write_bytes(OWN)
    files["others"].write_bytes(OTHERS)
    args = [part.format(**files) for part in command]
    if args[0] == "users":
        args = [*args, "--db", signed_in_store, "--user", user]
    else:
        args = [args[0], *args[1:], "--db", signed_in_store, "--user", user]
    assert main(args) == code
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err


def test_a_refused_department_import_names_the_items(signed_in_store, tmp_path, capsys):
    others = tmp_path / "others.xlsx"
    others.write_bytes(OTHERS)
    assert main(["import", str(others), "--db", signed_in_store, "--user", "land"]) == 1
    assert "ZZ-01" in capsys.readouterr().err


def test_the_first_admin_of_an_empty_role_table_can_be_added_from_the_command_line(
    store_url, capsys, monkeypatch
):
    monkeypatch.setenv("RECTIFICATION_AUTH", "oidc")
    add = ["users", "add", "boss@example.org", "--role", "admin", "--db", store_url]
    assert main(add) == 0
    assert (
        main(["users", "add", "x@example.org", "--role", "viewer", "--db", store_url]) == 1
    )  # no longer empty
    assert (
        main([*add[:2], "x@example.org", "--role", "viewer", "--db", store_url, "--user", "boss@example.org"])
        == 0
    )


def test_notice_write_makes_a_word_or_markdown_notice_that_reads_back(store_url, tmp_path, capsys):
    from rectification.notices.docx import docx_text
    from rectification.notices.parse import parse_notice

    for name in ("next.docx", "next.md"):
        path = tmp_path / name
        assert main(["notice", "write", "-o", str(path), "--db", store_url]) == 0
        text = docx_text(path.read_bytes()) if name.endswith(".docx") else path.read_text(encoding="utf-8")
        findings = parse_notice(text).check.findings
        assert len(findings) == 30 and findings["category"].nunique() == 5
    assert "5个方面" in capsys.readouterr().out


def test_upgrade_brings_an_empty_store_to_the_newest_revision(store_url, capsys):
    from sqlalchemy import create_engine

    from rectification.store.migrate import current_revision, head_revision

    assert main(["upgrade", "--db", store_url]) == 0
    assert "当前版本" in capsys.readouterr().out
    engine = create_engine(store_url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
