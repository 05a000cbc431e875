"""No way to lose a row: refused uploads, simultaneous imports, a killed import, round trips."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pandas as pd

from rectification.service import accept, export_version, load_version, propose
from rectification.store import Store
from tests.builders import ROOT, sheet
from tests.store.conftest import ADMIN, BASE


def snapshot(store: Store) -> tuple[list, list[pd.DataFrame]]:
    versions = store.versions()
    return versions, [store.findings(v.id) for v in versions]


def seed(store: Store) -> None:
    store.save(BASE, author="system", source_file="base.xlsx", sha256="0", mode="replace")


def run_cli(*args: str, url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "rectification", *args, "--db", url],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_refused_upload_leaves_the_store_unchanged(store):
    seed(store)
    before = snapshot(store)
    bad = sheet(
        ["A1", "党建", "学习不深入", "办公室", "2024-13-45", "", "已完成"],
        ["A1", "党建", "x", "", "", "", "好"],
    )
    proposal = propose(store, bad, "bad.xlsx", "merge")
    assert not proposal.check.accepted and proposal.diff is None
    after = snapshot(store)
    assert before[0] == after[0]
    assert all(a.equals(b) for a, b in zip(before[1], after[1], strict=True))


def test_a_refused_file_on_the_command_line_saves_nothing(store, store_url, tmp_path):
    seed(store)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(sheet(["A9", "党建", "x", "", "明年", "", "已完成"]))
    process = run_cli("import", str(bad), url=store_url)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 1 and "Traceback" not in out + err
    assert "整改时限" in out
    assert [v.id for v in store.versions()] == [1]


def test_two_processes_importing_at_once_each_make_a_complete_version(store, store_url, tmp_path):
    seed(store)
    office = tmp_path / "office.xlsx"
    office.write_bytes(sheet(["A2", "党建", "制度不完善", "办公室", "2024-04-30", "已印发", "已完成"]))
    finance = tmp_path / "finance.xlsx"
    finance.write_bytes(sheet(["B2", "作风", "报销不规范", "财务科", "2024-08-31", "", "未完成"]))
    processes = [run_cli("import", str(path), "--mode", "merge", url=store_url) for path in (office, finance)]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, out + err
    versions = store.versions()
    assert [v.id for v in versions] == [1, 2, 3]
    assert [v.total for v in versions] == [3, 3, 4] or [v.total for v in versions] == [3, 4, 4]
    final = store.findings(3).set_index("id")
    assert final.loc["A2", "status"] == "done" and "B2" in final.index  # neither import lost


KILLED_IMPORT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import rectification.store.versions as store_module
    from rectification.access import Identity
    from rectification.service import accept, propose
    from rectification.store import Store

    url, path, marker = sys.argv[1:4]
    original = store_module._insert_contents

    def insert_then_hang(*args, **kwargs):
        original(*args, **kwargs)
        Path(marker).write_text("rows written, not committed")
        time.sleep(600)

    store_module._insert_contents = insert_then_hang
    store = Store.open(url)
    proposal = propose(store, Path(path).read_bytes(), Path(path).name, "replace")
    accept(store, proposal, Identity("killed", "admin", frozenset({"*"})))
    """
)


def test_a_process_killed_in_the_middle_of_an_import_leaves_the_previous_version_intact(
    store, store_url, tmp_path
):
    seed(store)
    before = snapshot(store)
    upload = tmp_path / "new.xlsx"
    upload.write_bytes(sheet(["C1", "审计", "新问题", "审计科", "2024-09-30", "", "未完成"]))
    marker = tmp_path / "marker"
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT, store_url, str(upload), str(marker)], cwd=ROOT
    )
    deadline = time.monotonic() + 120
    while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert marker.exists(), "the import never reached the point of writing rows"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)

    reopened = Store.open(store_url)
    after = snapshot(reopened)
    assert before[0] == after[0]
    assert all(a.equals(b) for a, b in zip(before[1], after[1], strict=True))
    # and the store still takes the next import
    proposal = propose(reopened, upload.read_bytes(), "new.xlsx", "replace")
    assert accept(reopened, proposal, ADMIN).id == 2
    reopened.engine.dispose()


def test_an_exported_version_imported_again_equals_it(store, store_url):
    seed(store)
    store.save(BASE.assign(status="done"), author="b", source_file="b.xlsx", sha256="1", mode="replace")
    content = export_version(load_version(store, 1, 15), ADMIN)
    again = propose(store, content, "V1.xlsx", "replace")
    assert again.check.accepted, [e.message() for e in again.check.errors]
    saved = accept(store, again, ADMIN)
    assert saved.id == 3
    assert store.findings(3).drop(columns="row").equals(store.findings(1).drop(columns="row"))
    # and importing the export of the current version changes nothing
    exported = export_version(load_version(store, 3, 15), ADMIN)
    assert accept(store, propose(store, exported, "V3.xlsx", "replace"), ADMIN) is None
