"""import, versions, restore and export from the command line, against the same store."""

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from rectification.__main__ import main
from rectification.intake import check_path
from rectification.service import open_store
from rectification.settings import load_settings
from tests.builders import ROOT, ledger, save, sheet

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
    ("leader", ["remind", "--dry-run"], 1),  # reminders name the ledger's content: as export
    ("inspector", ["remind", "--dry-run"], 0),
    ("leader", ["remind"], 1),
    ("land", ["remind"], 1),
    ("inspector", ["remind"], 0),  # no channel configured: nothing sent, and said
    ("inspector", ["contacts", "list"], 1),  # addresses and robot secrets: admins only
    ("admin", ["contacts", "list"], 0),
    ("inspector", ["contacts", "set", "办公室", "--role", "officer", "--email", "a@example.org"], 1),
    ("admin", ["contacts", "set", "办公室", "--role", "officer", "--email", "a@example.org"], 0),
]


@pytest.mark.parametrize(("user", "command", "code"), MATRIX)
def test_each_role_may_run_exactly_its_commands(signed_in_store, tmp_path, capsys, user, command, code):
    files = {"own": tmp_path / "own.xlsx", "others": tmp_path / "others.xlsx", "out": tmp_path / "out.xlsx"}
    files["own"].write_bytes(OWN)
    files["others"].write_bytes(OTHERS)
    args = [part.format(**files) for part in command]
    if args[0] in ("users", "contacts"):
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


# -- export: the format its file names, and nothing lost ---------------------------------------

LONG = "进" * 1_048_576
BASE_ROWS = [["A2", "党建", "=1+2", "办公室", "2024-04-30", "-正在修订", "推进中"]]


@pytest.fixture
def long_text_store(store_url):
    """A store whose current version holds a 1 MB 整改进展 (A1) beside short ones."""
    store = open_store(replace(load_settings(), database_url=store_url))
    save(store, ledger(["A1", "党建", "学习不深入", "办公室", "2024-06-30", LONG, "推进中"], *BASE_ROWS))
    store.engine.dispose()
    return store_url


# (the -o given, the file's first bytes, or the exit status and what the refusal names)
FORMATS = [
    ("v.xlsx", b"PK"),
    ("v.XLSX", b"PK"),
    ("v.csv", "\ufeff编号".encode()),
    ("v.txt", (2, [".xlsx / .csv", "v.txt"])),
    ("v", (2, [".xlsx / .csv"])),
]


@pytest.mark.parametrize(("name", "expected"), FORMATS, ids=[name for name, _ in FORMATS])
def test_export_writes_the_format_its_file_name_says_and_refuses_any_other(
    long_text_store, tmp_path, capsys, name, expected
):
    out = tmp_path / name
    code, _, err = cli(capsys, "export", "-o", str(out), "--db", long_text_store)
    if isinstance(expected, bytes):
        assert code == 0 and out.read_bytes().startswith(expected)
        return
    status, words = expected
    assert code == status and not out.exists()
    for said in words:
        assert said in err


def test_a_csv_export_keeps_the_whole_text_and_defuses_formulas(long_text_store, tmp_path, capsys):
    out = tmp_path / "v.csv"
    code, _, err = cli(capsys, "export", "-o", str(out), "--db", long_text_store)
    read = pd.read_csv(out, encoding="utf-8-sig", dtype=str).set_index("编号")
    assert code == 0 and err == ""  # nothing cut, nothing to warn about
    assert read.loc["A1", "整改进展"] == LONG
    assert (read.loc["A2", "问题描述"], read.loc["A2", "整改进展"]) == ("'=1+2", "'-正在修订")


def test_an_xlsx_export_of_a_text_too_long_for_a_cell_says_so_on_stderr_and_no_python_warning(
    long_text_store, tmp_path
):
    # In a process of its own: a Python warning would reach its stderr as the user sees it.
    out = tmp_path / "v.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "rectification", "export", "-o", str(out), "--db", long_text_store],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == (
        "提示：以下1处内容超过Excel单元格容量（32,767个字符），已在表内截断，截断处标有……（全文见“全文”"
        "工作表），完整内容另存于“全文”工作表：编号A1的“整改进展”（1,048,576字）"
    )
    book = load_workbook(out, read_only=True)
    parts = next(row for row in book["全文"].iter_rows(min_row=3, values_only=True))[3:]
    assert "".join(part for part in parts if part) == LONG


# -- who the command line acts as -------------------------------------------------------------

# (sign-in mode, --user as typed): each is the role table's admin, recorded as "admin"
ADMIN_AS_TYPED = [
    ("oidc", " ADMIN"),
    ("oidc", "Admin "),
    ("proxy", "ＡＤＭＩＮ"),  # full width, as a Chinese input method types it
    ("local", " Admin "),
]


@pytest.mark.parametrize(("mode", "typed"), ADMIN_AS_TYPED)
def test_user_names_the_same_person_however_spaced_or_cased_and_is_recorded_in_one_form(
    signed_in_store, tmp_path, capsys, monkeypatch, mode, typed
):
    monkeypatch.setenv("RECTIFICATION_AUTH", mode)
    sheet_file = tmp_path / "others.xlsx"
    sheet_file.write_bytes(OTHERS)
    replace_all = ["import", str(sheet_file), "--mode", "replace"]
    code, _, err = cli(capsys, *replace_all, "--db", signed_in_store, "--user", typed)
    assert code == 0, err
    code, out, _ = cli(capsys, "versions", "--json", "--db", signed_in_store, "--user", "admin")
    assert json.loads(out)[-1]["author"] == "admin"


# (what is asked of the only admin, "admin", by themselves) — refused by the service layer
LAST_ADMIN = [
    ["users", "remove", "admin"],
    ["users", "remove", " ADMIN "],
    ["users", "add", "Admin", "--role", "viewer"],
    ["users", "add", "admin", "--role", "uploader", "--department", "办公室"],
]


@pytest.mark.parametrize("command", LAST_ADMIN, ids=[" ".join(c[1:]) for c in LAST_ADMIN])
def test_the_last_admin_can_be_neither_removed_nor_demoted_from_the_command_line(
    signed_in_store, capsys, command
):
    code, _, err = cli(capsys, *command, "--db", signed_in_store, "--user", "admin")
    assert code == 1 and "admin 是角色表中唯一的管理员" in err
    code, out, _ = cli(capsys, "users", "list", "--json", "--db", signed_in_store, "--user", "admin")
    assert {m["identity"]: m["role"] for m in json.loads(out)}["admin"] == "admin"


def test_someone_not_in_the_role_table_is_told_how_to_name_themselves(signed_in_store, capsys):
    code, _, err = cli(capsys, "versions", "--db", signed_in_store, "--user", " Stranger ")
    assert code == 1
    assert err.strip() == (
        "角色表中没有 stranger：登录方式为 oidc 时，命令行按角色表中的人员及其角色执行。"
        "请用 --user 写明您在角色表中的账号（或设置 RECTIFICATION_USER）"
    )


def test_while_the_role_table_has_no_admin_users_commands_set_it_up_and_say_one_is_needed(
    store_url, capsys, monkeypatch
):
    monkeypatch.setenv("RECTIFICATION_AUTH", "proxy")
    db = ["--db", store_url]
    code, _, err = cli(capsys, "users", "add", "leader@example.org", "--role", "viewer", *db)
    assert code == 0 and "角色表中还没有管理员" in err
    assert cli(capsys, "users", "add", "li@example.org", "--role", "inspector", *db)[0] == 0
    wang = ["--user", "wang@example.org"]
    code, _, err = cli(capsys, "users", "add", "wang@example.org", "--role", "admin", *db, *wang)
    assert code == 0 and err == ""
    # From the first admin on, only someone in the role table acts.
    assert cli(capsys, "users", "add", "x@example.org", "--role", "viewer", *db)[0] == 1
    code, out, _ = cli(capsys, "users", "list", "--json", *db, "--user", "Wang@Example.org")
    assert [(m["identity"], m["role"]) for m in json.loads(out)] == [
        ("leader@example.org", "viewer"), ("li@example.org", "inspector"), ("wang@example.org", "admin")
    ]  # fmt: skip


# -- the upload limit, on the command line too ---------------------------------------------------

MB = 2**20
# (STREAMLIT_SERVER_MAX_UPLOAD_SIZE or None for .streamlit/config.toml's, the file's size, what the
# refusal says; None: the file is read as any other)
LIMITS = [
    (None, 50 * MB + 1, ["大小为 50.1 MB，超过上传上限 50 MB（设于 ", "config.toml）", "maxUploadSize"]),
    ("1", MB + 1, ["大小为 1.1 MB，超过上传上限 1 MB（设于 STREAMLIT_SERVER_MAX_UPLOAD_SIZE）"]),
    ("1", MB, None),  # exactly the limit is within it, as on the upload page
    ("3", 3 * MB + 1, ["超过上传上限 3 MB"]),
]


@pytest.mark.parametrize("command", ["check", "import"])
@pytest.mark.parametrize(("limit", "size", "said"), LIMITS, ids=[f"{s}B<={lim}" for lim, s, _ in LIMITS])
def test_check_and_import_refuse_a_file_over_the_upload_limit_before_reading_it(
    store_url, tmp_path, capsys, monkeypatch, command, limit, size, said
):
    if limit is None:
        monkeypatch.delenv("STREAMLIT_SERVER_MAX_UPLOAD_SIZE", raising=False)
    else:
        monkeypatch.setenv("STREAMLIT_SERVER_MAX_UPLOAD_SIZE", limit)
    big = tmp_path / "大台账.csv"
    with big.open("wb") as file:
        file.truncate(size)  # sparse: as large as it says, without writing it
    if said is not None:
        read = Path.read_bytes  # and the refusal is made without reading the file
        monkeypatch.setattr(Path, "read_bytes", lambda p: pytest.fail("read") if p == big else read(p))
    args = [command, str(big)] + (["--db", store_url, "--user", "王五"] if command == "import" else [])
    code, out, err = cli(capsys, *args)
    assert code == 1  # refused either way: a file of zeros is no ledger
    if said is None:
        assert "上传上限" not in out + err
        return
    assert "“大台账.csv”" in out
    for words in said:
        assert words in out
