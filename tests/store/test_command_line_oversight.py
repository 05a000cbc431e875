"""Issue 13 on the command line: import says its as-of date, extensions are listed and decided,
quiet changes are read back as JSON, a closed problem is reopened, a restore previews first."""

import json

from tests.builders import sheet
from tests.store.test_command_line import cli

# ZY-04 of the sample (土地收购储备中心, due 2023-05-31, overdue at the sample's 2023-06-30) with
# its deadline pushed back by its own department.
PUSHED_BACK = sheet(
    ["ZY-04", "主责主业", "未按要求制定土地储备计划", "土地收购储备中心", "2023-09-30", "正在制定", "推进中"]
)
DONE_AGAIN = sheet(
    ["ZZ-01", "政治建设", "学习方式相对单一，氛围不够浓厚", "党政办公室", "2023-04-30", "已完成", "推进中"]
)


def run(capsys, url, user, *args):
    return cli(capsys, *args, "--user", user, "--db", url)


def overdue_of(capsys, url, version):
    _, out, _ = run(capsys, url, "inspector", "versions", "--json")
    return {v["version"]: v["overdue"] for v in json.loads(out)}[version]


def test_an_upload_that_pushes_back_a_deadline_needs_a_reason_and_waits_for_approval(
    signed_in_store, tmp_path, capsys
):
    url, upload = signed_in_store, tmp_path / "land.xlsx"
    upload.write_bytes(PUSHED_BACK)
    code, _, err = run(capsys, url, "land", "import", str(upload))
    assert code == 1 and "延期理由" in err
    code, out, _ = run(capsys, url, "land", "import", str(upload), "--reason", "需等待规划调整")
    assert code == 0 and "沿用台账当前截至日期" in out and "延期申请" in out
    assert overdue_of(capsys, url, 2) == overdue_of(capsys, url, 1)  # 05-31 stands until approved

    code, out, _ = run(capsys, url, "inspector", "extensions", "list", "--json")
    (request,) = json.loads(out)
    assert (request["id"], request["old_deadline"], request["new_deadline"], request["state"]) == (
        "ZY-04", "2023-05-31", "2023-09-30", "pending",
    )  # fmt: skip
    assert request["reason"] == "需等待规划调整" and request["requested_by"] == "land"

    code, _, err = run(capsys, url, "land", "extensions", "approve", str(request["extension"]))
    assert code == 1  # a department does not approve its own extension
    code, out, _ = run(
        capsys, url, "inspector", "extensions", "approve", str(request["extension"]), "--note", "同意延期"
    )
    assert code == 0 and "已批准" in out
    code, out, _ = run(capsys, url, "inspector", "extensions", "list", "--all", "--json")
    assert [(r["state"], r["decided_by"], r["decision_note"]) for r in json.loads(out)] == [
        ("approved", "inspector", "同意延期")
    ]
    code, out, _ = run(capsys, url, "inspector", "extensions", "list")
    assert "没有待审批的延期申请" in out


def test_changes_gives_a_versions_quiet_changes_as_json(signed_in_store, tmp_path, capsys):
    url, upload = signed_in_store, tmp_path / "office.xlsx"
    upload.write_bytes(DONE_AGAIN)  # ZZ-01 is done in the sample: this sheet takes it back
    code, _, _ = run(capsys, url, "admin", "import", str(upload))
    assert code == 0
    code, out, _ = run(capsys, url, "inspector", "changes", "2", "--json")
    listed = json.loads(out)
    assert listed["version"] == 2
    assert [(c["kind"], c["id"], c["before"], c["after"]) for c in listed["changes"]] == [
        ("regression", "ZZ-01", "done", "in_progress")
    ]
    code, out, _ = run(capsys, url, "inspector", "changes", "2")
    assert code == 0 and "整改状态倒退  ZZ-01" in out
    code, out, _ = run(capsys, url, "inspector", "changes", "1")
    assert code == 0 and "未发现需核查的变化" in out
    code, _, err = run(capsys, url, "inspector", "changes", "9")
    assert code == 2 and "没有版本9" in err


def test_a_verified_closure_can_be_reopened_by_an_inspector_with_a_reason(signed_in_store, capsys):
    url = signed_in_store
    code, _, _ = run(capsys, url, "inspector", "verify", "ZZ-01", "--note", "材料齐全")
    assert code == 0
    code, _, err = run(capsys, url, "land", "reopen", "ZZ-01", "--reason", "问题反弹")
    assert code == 1
    code, out, _ = run(capsys, url, "inspector", "reopen", "ZZ-01", "--reason", "回头看发现问题反弹")
    assert code == 0 and "ZZ-01" in out
    code, _, err = run(capsys, url, "inspector", "reopen", "ZZ-01", "--reason", "再次")
    assert code == 1 and "ZZ-01" in err  # reopened already: not verified closed now


def test_a_restore_dry_run_previews_and_saves_nothing(signed_in_store, tmp_path, capsys):
    url, upload = signed_in_store, tmp_path / "office.xlsx"
    upload.write_bytes(DONE_AGAIN)
    run(capsys, url, "admin", "import", str(upload))
    code, out, _ = run(capsys, url, "admin", "restore", "1", "--dry-run")
    assert code == 0 and "修改1项" in out
    code, out, _ = run(capsys, url, "admin", "versions", "--json")
    assert [v["version"] for v in json.loads(out)] == [1, 2]
    code, out, _ = run(capsys, url, "admin", "restore", "1")
    code, out, _ = run(capsys, url, "admin", "versions", "--json")
    assert [(v["version"], v["as_of_source"]) for v in json.loads(out)][-1] == (3, "restored")
