"""import, versions, restore and export from the command line, against the same store."""

import json

from rectification.__main__ import main
from rectification.intake import check_path
from tests.store.conftest import HEADER
from tests.workbooks import xlsx

SHEET = xlsx(
    {
        "台账": [
            HEADER,
            ["ZZ-01", "政治建设", "学习方式相对单一，氛围不够浓厚", "", "", "已完成学习", "已完成"],
        ]
    }
)


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
