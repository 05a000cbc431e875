"""The command line on faults of the machine: each says its real cause in the reader's language,
in one line, exits non-zero, and shows no traceback, no "internal error" and no password. The
cause and traceback go to the log; a bug points there without blaming anyone's file."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from rectification.__main__ import main
from rectification.labels import label
from rectification.store import Store
from tests.builders import ROOT, SAMPLE
from tests.faults import (
    AS_ROOT,
    CHANGED_CSV,
    PASSWORD,
    fill_the_disk,
    postgresql_url,
    read_only_store,
    store_with_sample,
    unreachable_url,
    wrong_password,
)

NEVER = ("Traceback", "internal error", "内部错误", PASSWORD)


@dataclass(frozen=True)
class Made:
    argv: list[str]
    message: str  # the one line the command must print
    stream: str = "err"  # where: "err", or "out" for a check's report


def _file(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def importing_into_a_read_only_store(lang: str) -> Callable[[Path, pytest.MonkeyPatch, ExitStack], Made]:
    def make(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stack: ExitStack) -> Made:
        url, path = stack.enter_context(read_only_store(tmp_path / "data"))
        sheet = _file(tmp_path, "dept.csv", CHANGED_CSV)
        message = label("store.read_only", lang, file=path.resolve(), folder=path.resolve().parent)
        return Made(["import", str(sheet), "--db", url, "--lang", lang], message)

    return make


def restoring_on_a_read_only_store(tmp_path, monkeypatch, stack) -> Made:
    url = store_with_sample(tmp_path / "store.sqlite")
    store = Store.open(url)  # a second version, so that restoring version 1 must write
    store.save(store.findings(1).head(3), author="t", source_file="t.csv", sha256="x", mode="replace")
    store.engine.dispose()
    path = tmp_path / "store.sqlite"
    ro = f"sqlite:///file:{path}?mode=ro&uri=true"  # SQLite's own read-only mode, root or not
    message = label("store.read_only", "zh", file=path.resolve(), folder=path.resolve().parent)
    return Made(["restore", "1", "--db", ro], message)


def importing_onto_a_full_disk(tmp_path, monkeypatch, stack) -> Made:
    url = store_with_sample(tmp_path / "store.sqlite")
    fill_the_disk(monkeypatch)
    sheet = _file(tmp_path, "dept.csv", CHANGED_CSV)
    return Made(
        ["import", str(sheet), "--db", url], label("store.disk_full", "zh", folder=tmp_path.resolve())
    )


def listing_versions_on_a_server_nobody_listens_on(tmp_path, monkeypatch, stack) -> Made:
    url = unreachable_url()
    port = url.rsplit(":", 1)[1].split("/")[0]
    message = label("store.unreachable", "en", server=f"127.0.0.1:{port}", database="ledger")
    return Made(["versions", "--db", url, "--lang", "en"], message)


def listing_versions_with_a_wrong_password(tmp_path, monkeypatch, stack) -> Made:
    url = wrong_password(postgresql_url())
    from sqlalchemy.engine import make_url

    parts = make_url(url)
    message = label(
        "store.login_refused", "zh", server=f"{parts.host}:{parts.port or 5432}", database=parts.database
    )
    return Made(["versions", "--db", url], message)


def importing_with_a_nul_in_the_note_into_postgresql(tmp_path, monkeypatch, stack) -> Made:
    # The reader takes control characters out of a sheet's cells; a note is saved as given. (In a
    # process's argv a NUL cannot travel; main() is handed one, as a pasted note would be.)
    url = postgresql_url()
    sheet = _file(tmp_path, "dept.csv", CHANGED_CSV)
    return Made(["import", str(sheet), "--note", "见附件\x00", "--db", url], label("store.value_nul", "zh"))


def checking_a_file_this_account_may_not_read(tmp_path, monkeypatch, stack) -> Made:
    path = _file(tmp_path, "dept.xlsx", SAMPLE.read_bytes())
    _refuse_on(monkeypatch, Path, "read_bytes", path, errno.EACCES)
    return Made(["check", str(path)], label("file.not_readable", "zh", file=path), "out")


def importing_a_file_this_account_may_not_read(tmp_path, monkeypatch, stack) -> Made:
    url = store_with_sample(tmp_path / "store.sqlite")
    path = _file(tmp_path, "dept.csv", CHANGED_CSV)
    _refuse_on(monkeypatch, Path, "read_bytes", path, errno.EACCES)
    return Made(["import", str(path), "--db", url], label("file.not_readable", "zh", file=path))


def writing_the_template_where_it_may_not_be_written(tmp_path, monkeypatch, stack) -> Made:
    import rectification.template

    path = tmp_path / "out" / "模板.xlsx"
    _refuse_on(monkeypatch, rectification.template, "write_template", path, errno.EACCES)
    return Made(
        ["template", "-o", str(path)], label("file.not_writable", "zh", file=path, folder=path.parent)
    )


def writing_the_template_onto_a_full_disk(tmp_path, monkeypatch, stack) -> Made:
    import rectification.template

    path = tmp_path / "模板.xlsx"
    _refuse_on(monkeypatch, rectification.template, "write_template", path, errno.ENOSPC)
    message = label("file.disk_full", "en", file=path, folder=path.parent)
    return Made(["template", "-o", str(path), "--lang", "en"], message)


def _refuse_on(monkeypatch, owner, name: str, path: Path, code: int) -> None:
    """`owner.name` raises the OSError `code` for `path` (the system's boundary), as the system
    would for a file without permission or a disk without room; other paths work as before."""
    original = getattr(owner, name)

    def refused(*args, **kwargs):
        target = args[0] if args else None
        if target is not None and Path(target) == path:
            raise OSError(code, os.strerror(code), str(path))
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, refused)


# What is done, as a sentence, and how to make the fault.
FAULTS: dict[str, Callable[[Path, pytest.MonkeyPatch, ExitStack], Made]] = {
    "importing into a read-only store says the folder is read-only": importing_into_a_read_only_store("zh"),
    "importing into a read-only store says so in English": importing_into_a_read_only_store("en"),
    "restoring on a store opened read-only says it is read-only": restoring_on_a_read_only_store,
    "importing onto a full disk says the disk is full": importing_onto_a_full_disk,
    "listing versions on a server nobody listens on says so": listing_versions_on_a_server_nobody_listens_on,
    "a wrong password says the server refused the sign-in": listing_versions_with_a_wrong_password,
    "a NUL PostgreSQL cannot store is said so": importing_with_a_nul_in_the_note_into_postgresql,
    "checking a file one may not read says so": checking_a_file_this_account_may_not_read,
    "importing a file one may not read says so": importing_a_file_this_account_may_not_read,
    "writing the template where one may not write says so": writing_the_template_where_it_may_not_be_written,
    "writing the template onto a full disk says it is full": writing_the_template_onto_a_full_disk,
}


@pytest.mark.parametrize("make", FAULTS.values(), ids=FAULTS.keys())
def test_a_fault_is_said_in_one_line_naming_its_cause(make, tmp_path, monkeypatch, capsys, log_file):
    with ExitStack() as stack:
        made = make(tmp_path, monkeypatch, stack)
        code = main(made.argv)
    out, err = capsys.readouterr()
    assert code != 0
    if made.stream == "err":
        assert err.strip() == made.message
    else:
        assert made.message in out
    for text in (out, err):
        for never in NEVER:
            assert never not in text
    if log_file.exists():  # the cause is logged (not for a check's report), never the password
        assert PASSWORD not in log_file.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["versions"], id="listing versions"),
        pytest.param(["versions", "--json"], id="listing versions as JSON"),
        pytest.param(["export", "-o", "{tmp}/v1.xlsx"], id="exporting the current version"),
    ],
)
def test_a_read_only_store_can_still_be_read(args, tmp_path, capsys):
    with read_only_store(tmp_path / "data") as (url, _):
        code = main([a.replace("{tmp}", str(tmp_path)) for a in args] + ["--db", url])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "sample_ledger.xlsx" in out or (tmp_path / "v1.xlsx").exists()


def _as_a_user_files_stop() -> list[str]:
    """The command prefix that runs a command as one whom file permissions stop: nothing for
    anyone but root; for root, setpriv dropping the capabilities that let it pass them."""
    if not AS_ROOT:
        return []
    setpriv = shutil.which("setpriv")
    drop = [setpriv or "setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    if setpriv is None or subprocess.run([*drop, "true"], capture_output=True).returncode != 0:
        pytest.skip("SKIPPED LOUDLY: as root, a read-only folder needs setpriv to drop CAP_DAC_OVERRIDE")
    return drop


def test_a_store_in_a_folder_nobody_may_write_is_read_and_refuses_to_save(tmp_path, log_file):
    # The tester's case: SQLite cannot even read a WAL store there as usual (it must create its
    # -shm file beside it); the store is read as it stands, and a save is refused naming why.
    folder, prefix = tmp_path / "data", _as_a_user_files_stop()
    folder.mkdir()
    path = folder / "store.sqlite"
    url = store_with_sample(path)
    sheet = _file(tmp_path, "dept.csv", CHANGED_CSV)
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        listed = _run(prefix, "versions", "--db", url)
        saved = _run(prefix, "import", str(sheet), "--db", url)
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    assert (listed.returncode, listed.stderr) == (0, "") and "sample_ledger.xlsx" in listed.stdout
    assert saved.returncode == 1
    assert saved.stderr.strip() == label(
        "store.read_only", "zh", file=path.resolve(), folder=folder.resolve()
    )
    assert not any(never in saved.stdout + saved.stderr for never in NEVER)


@pytest.mark.parametrize(
    ("args", "key"),
    [
        pytest.param(["versions"], "store.unreachable", id="listing versions on a server nobody listens on"),
        pytest.param(["import", str(SAMPLE)], "store.unreachable", id="importing onto a server nobody hears"),
    ],
)
def test_a_command_run_as_a_process_prints_only_the_one_line(args, key, tmp_path, log_file):
    # As a process: nothing else (a logging handler, Python's own traceback) reaches stderr.
    url = unreachable_url()
    done = _run([], *args, "--db", url)
    port = url.rsplit(":", 1)[1].split("/")[0]
    assert done.returncode == 1
    assert done.stderr.strip() == label(key, "zh", server=f"127.0.0.1:{port}", database="ledger")
    assert not any(never in done.stdout + done.stderr for never in NEVER)


def _run(prefix: list[str], *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [*prefix, sys.executable, "-m", "rectification", *args],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env=env,
    )  # fmt: skip


def test_a_fault_is_logged_with_its_cause_and_traceback_but_no_password(tmp_path, capsys, log_file):
    url = unreachable_url()
    before = log_file.read_text(encoding="utf-8") if log_file.exists() else ""
    assert main(["versions", "--db", url]) == 1
    logged = log_file.read_text(encoding="utf-8")[len(before) :]
    assert "WARNING" in logged and "Connection refused" in logged and "Traceback" in logged
    assert PASSWORD not in logged and PASSWORD not in capsys.readouterr().err


def test_a_bug_points_to_the_log_and_blames_no_file(monkeypatch, capsys, log_file):
    import rectification.__main__ as cli

    def broken(store, identity, args, lang):
        raise RuntimeError(f"a bug, near {args.db}")  # its message quotes the URL, password and all

    monkeypatch.setattr(cli, "run_versions", broken)
    url = unreachable_url().replace("127.0.0.1", "localhost")
    monkeypatch.setattr(cli, "_with_store", lambda run: lambda args, lang: run(None, None, args, lang))
    code = main(["versions", "--db", url])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip() == label("cli.bug", "zh", command="versions", log=log_file)
    assert "文件有误" in err and PASSWORD not in err and "Traceback" not in err
    logged = log_file.read_text(encoding="utf-8")
    assert "RuntimeError: a bug, near postgresql+psycopg://rectifier:***@localhost" in logged
    assert PASSWORD not in logged


@pytest.mark.parametrize(
    ("findings_text", "note"),
    [
        pytest.param("学习方式\x00单一", "", id="a NUL in a finding, written by COPY past SQLAlchemy"),
        pytest.param("学习方式单一", "见\x00附件", id="a NUL in the note, written through SQLAlchemy"),
    ],
)
def test_postgresql_refusing_a_value_on_save_is_said_and_saves_nothing(findings_text, note):
    from rectification.errors import ValueRefused
    from tests.builders import ledger

    store = Store.open(postgresql_url())
    try:
        findings = ledger(["ZZ-01", "政治建设", "学习方式单一", "办公室", "2024-06-30", "已学习", "已完成"])
        # Put in after reading, which takes control characters out of a sheet's cells.
        findings.loc[0, "problem"] = findings_text
        with pytest.raises(ValueRefused) as refused:
            store.save(findings, author="t", source_file="t.csv", sha256="x", mode="replace", note=note)
        assert refused.value.message("zh") == label("store.value_nul", "zh")
        assert store.versions() == []  # one transaction: nothing of it was kept
    finally:
        store.engine.dispose()


MENDED = """
import os, sys
from rectification.errors import StoreReadOnly
from rectification.store import Store
path, folder = sys.argv[1], os.path.dirname(sys.argv[1])
os.chmod(path, 0o444)
os.chmod(folder, 0o555)
store = Store.open("sqlite:///" + path)
three = store.findings(1).head(3)
try:
    store.save(three, author="t", source_file="t.csv", sha256="x", mode="replace")
    print("saved while read-only")
except StoreReadOnly:
    print("refused")
os.chmod(folder, 0o755)
os.chmod(path, 0o644)
print("saved as version", store.save(three, author="t", source_file="t.csv", sha256="x", mode="replace").id)
"""


def test_once_the_folder_may_be_written_again_the_next_save_works_without_a_restart(tmp_path):
    prefix = _as_a_user_files_stop()
    folder = tmp_path / "data"
    folder.mkdir()
    store_with_sample(folder / "store.sqlite")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [*prefix, sys.executable, "-c", MENDED, str(folder / "store.sqlite")],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    folder.chmod(0o755)
    assert done.stdout.split("\n")[:2] == ["refused", "saved as version 2"], done.stderr
