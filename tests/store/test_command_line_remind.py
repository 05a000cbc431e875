"""`python -m rectification remind` on a store (issue 16, first part): today's digests, said to
be unsent while no channel exists. Who may run it: tests/store/test_command_line.py's MATRIX."""

import json
from dataclasses import replace

from rectification.__main__ import main
from rectification.service import open_store
from rectification.settings import load_settings
from tests.builders import ledger, save

LEDGER = ledger(
    ["1", "政治建设", "学习制度执行不严", "办公室", "2024-05-01", "正在修订", "推进中"],
    ["2", "作风建设", "公务接待超标准", "财务科", "2024-03-01", "", "未启动"],
    ["3", "作风建设", "会议过多", "办公室", "2024-12-31", "正在精简", "推进中"],
)


def test_remind_lists_one_digest_per_department_and_sends_nothing(store_url, capsys):
    save(open_store(replace(load_settings(), database_url=store_url)), LEDGER)
    assert main(["remind", "--db", store_url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("尚未配置任何发送渠道")
    assert "【整改督办提醒】办公室（分管领导）" in out and "【整改督办提醒】财务科（主要负责人）" in out
    assert main(["remind", "--db", store_url, "--department", "财务科", "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["sent"] == 0
    assert [(d["department"], d["to"], [i["id"] for i in d["items"]]) for d in said["digests"]] == [
        ("财务科", "head", ["2"])
    ]


def test_remind_docx_writes_one_supervision_notice_per_department_with_overdue_tasks(store_url, tmp_path):
    from rectification.notices.docx import docx_text

    save(open_store(replace(load_settings(), database_url=store_url)), LEDGER)
    folder = tmp_path / "督办"
    assert main(["remind", "--db", store_url, "--docx", str(folder), "--unit", "区委巡察办"]) == 0
    written = sorted(path.name for path in folder.iterdir())
    assert written == ["督办通知单_办公室_2024-05-10.docx", "督办通知单_财务科_2024-05-10.docx"]
    text = docx_text((folder / written[1]).read_bytes())
    assert "财务科：截至2024年5月10日" in text and "2 公务接待超标准" in text and "区委巡察办" in text
