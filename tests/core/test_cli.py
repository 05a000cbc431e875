"""The command line as a user runs it: exit codes, the JSON contract, languages, no tracebacks."""

import json
import os
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from rectification.__main__ import main
from tests.builders import ROOT, SAMPLE, SEED_NOTICE, sheet
from tests.workbooks import xlsx

SHORT_HEADER = ["编号", "问题类别", "问题描述", "整改时限", "整改状态"]  # no department or progress


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rectification", *args], capture_output=True, text=True, timeout=60
    )


def test_check_prints_the_contract_json_for_the_sample():
    result = run("check", str(SAMPLE), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"file", "sheet", "header_row", "accepted", "rows", "errors", "warnings", "summary"}
    assert (report["sheet"], report["header_row"], report["rows"]) == ("整改台账", 3, 30)
    summary = report["summary"]
    assert summary["as_of"] == "2023-06-30"
    assert list(summary["by_category"].values()) == [11, 6, 7, 3, 3]
    assert sum(summary["by_status"].values()) == 30
    assert summary["completion_rate"] == round(summary["by_status"]["done"] / 30, 4)


def test_as_of_option_overrides_the_sheets_date():
    later = json.loads(run("check", str(SAMPLE), "--json", "--as-of", "2030-01-01").stdout)
    sooner = json.loads(run("check", str(SAMPLE), "--json").stdout)
    assert later["summary"]["as_of"] == "2030-01-01"
    assert later["summary"]["overdue"] > sooner["summary"]["overdue"]


def test_a_refused_file_exits_1_and_names_row_and_column(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(sheet(["1", "c", "a", "2024-13-45", "已完成"], header=SHORT_HEADER))
    assert main(["check", str(bad), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["accepted"] is False and report["summary"] is None
    assert report["errors"][0] | {"message": None} == {
        "sheet": "台账",
        "row": 2,
        "column": "整改时限",
        "value": "2024-13-45",
        "message": None,
    }
    assert "有效日期" in report["errors"][0]["message"]


def test_english_messages_with_lang_en(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(sheet(["1", "c", "a", "2024-13-45", "已完成"], header=SHORT_HEADER))
    assert main(["check", str(bad), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "Refused" in out and "row 2" in out and "not a valid date" in out


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["check"],
        ["frobnicate"],
        ["check", "x.xlsx", "--as-of", "someday"],
        ["check", "x", "--lang", "fr"],
    ],
)
def test_usage_errors_exit_2_without_a_traceback(args, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "命令用法有误" in err and "Traceback" not in err


def test_a_missing_file_is_reported_not_raised():
    result = run("check", "no-such-ledger.xlsx")
    assert result.returncode == 1
    assert "找不到文件" in result.stdout and "Traceback" not in result.stdout + result.stderr


def test_template_has_headers_drop_downs_and_instructions(tmp_path):
    path = tmp_path / "模板.xlsx"
    assert main(["template", "-o", str(path)]) == 0
    book = load_workbook(path)
    sheet = book["整改台账"]
    headers = [c.value for c in sheet[3]]
    assert headers[:3] == ["编号", "问题类别", "问题描述"] and "整改状态" in headers
    assert sheet.freeze_panes == "A4"
    lists = [v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert lists == ['"已完成,推进中,长期坚持,未启动"']
    assert "填写说明" in book.sheetnames


def test_the_template_filled_with_a_few_rows_passes_check(tmp_path, capsys):
    path = tmp_path / "filled.xlsx"
    main(["template", "-o", str(path)])
    capsys.readouterr()
    book = load_workbook(path)
    sheet = book["整改台账"]
    headers = [c.value for c in sheet[3]]
    rows = [
        {"问题类别": "党的建设", "问题描述": "学习不深入", "整改时限": "2024-06-30", "整改状态": "已完成"},
        {"问题类别": "党的建设", "问题描述": "制度不完善", "整改时限": "长期坚持", "整改状态": "长期坚持"},
        {"问题类别": "作风建设", "问题描述": "会议多", "整改时限": "2024年9月30日", "整改进展": "正在精简"},
    ]
    for offset, row in enumerate(rows):
        for col, header in enumerate(headers, start=1):
            sheet.cell(row=4 + offset, column=col, value=row.get(header))
    book.save(path)
    assert main(["check", str(path), "--json", "--as-of", "2024-07-01"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["by_status"] == {"done": 1, "in_progress": 1, "long_term": 1, "pending": 0}
    assert summary["by_category"] == {"党的建设": 2, "作风建设": 1}


SEED = SEED_NOTICE


def test_notice_parse_follows_the_check_contract_and_saves_the_ledger(tmp_path, capsys):
    ledger = tmp_path / "ledger.xlsx"
    assert main(["notice", "parse", str(SEED), "--json", "-o", str(ledger)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["accepted"] and report["rows"] == 30 and report["sheet"] == "通报"
    assert list(report["summary"]["by_category"].values()) == [11, 6, 7, 3, 3]
    assert [w["row"] for w in report["warnings"] if "结尾" in w["message"]] == [17, 18, 19]
    assert main(["check", str(ledger), "--json"]) == 0  # the saved ledger is a ledger we accept
    assert json.loads(capsys.readouterr().out)["rows"] == 30


UNIT, ROUND = "中共长春市二道经济开发区工作委员会", "六届区委“机动式”巡察"


@pytest.mark.parametrize(
    ("options", "title", "sign_off"),
    [
        ([], "关于巡察整改进展情况的通报", ["2023年6月30日"]),
        (["--unit", UNIT], f"{UNIT}关于巡察整改进展情况的通报", [UNIT, "2023年6月30日"]),
        (["--unit", UNIT, "--round", ROUND], f"{UNIT}关于{ROUND}整改进展情况的通报", [UNIT, "2023年6月30日"]),
    ],
)
@pytest.mark.parametrize("name", ["notice.docx", "notice.md", "notice.txt"])
def test_notice_write_puts_unit_and_round_in_the_title_and_sign_off(tmp_path, name, options, title, sign_off):
    from rectification.notices.docx import docx_text

    path, store = tmp_path / name, f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert main(["notice", "write", "-o", str(path), "--db", store, *options]) == 0
    text = docx_text(path.read_bytes()) if name.endswith(".docx") else path.read_text(encoding="utf-8")
    lines = [line.removeprefix("# ") for line in text.splitlines() if line]
    round_ = ROUND if "--round" in options else "巡察"
    assert "".join(lines).startswith(f"{title}截至2023年6月30日")  # Word may break the title
    assert lines[-1 - len(sign_off) :] == [
        f"欢迎广大干部群众对{round_}整改落实情况进行监督。如有意见建议，请及时向我们反映。",
        *sign_off,
    ]


def test_a_reader_that_goes_away_is_not_reported_as_an_internal_error():
    # `python -m rectification check big.xlsx | head -3`: printing then fails with a broken pipe.
    script = (
        "import sys\n"
        "from rectification import __main__ as cli\n"
        "def closed(*args, **kwargs):\n"
        "    raise BrokenPipeError\n"
        "cli.run_check = closed\n"
        "sys.exit(cli.main(['check', 'any.xlsx']))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")


BAD_SETTINGS = [
    pytest.param({"RECTIFICATION_WARNING_DAYS": "abc"}, ["check", str(SAMPLE)], "RECTIFICATION_WARNING_DAYS",
                 id="warning days that are not a number"),
    pytest.param({"RECTIFICATION_AUTH": "odic"}, ["versions"], "RECTIFICATION_AUTH",
                 id="a misspelt sign-in mode"),
    pytest.param({"DATABASE_URL": "mysql://u:secret@host/db"}, ["versions"], "DATABASE_URL",
                 id="a database this product does not use"),
]  # fmt: skip


@pytest.mark.parametrize(("environment", "args", "variable"), BAD_SETTINGS)
def test_a_bad_setting_is_named_with_what_it_accepts_and_exits_2(tmp_path, environment, args, variable):
    result = subprocess.run(
        [sys.executable, "-m", "rectification", *args],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
        env={**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}, "PYTHONPATH": str(ROOT),
             **environment},
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert variable in result.stderr
    assert "内部错误" not in result.stderr and "Traceback" not in result.stderr
    assert "secret" not in result.stderr  # a password in a URL is never echoed


def test_db_on_the_command_line_is_checked_like_database_url(tmp_path):
    result = run("versions", "--db", "nonsense")
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr and "Traceback" not in result.stderr


def test_an_internal_error_names_the_command_but_never_echoes_the_command_line(monkeypatch, capsys):
    import rectification.__main__ as cli

    def broken(*_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "run_check", broken)
    monkeypatch.setattr(cli, "build_parser", _parser_running(cli, broken))
    assert main(["check", "x.xlsx", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "“check”" in err and "x.xlsx" not in err and "Traceback" not in err


def _parser_running(cli, run):
    original = cli.build_parser

    def build(lang):
        parser = original(lang)
        parser._subparsers._group_actions[0].choices["check"].set_defaults(run=run)
        return parser

    return build


def test_check_counts_a_merged_ledger_at_both_levels(tmp_path):
    from tests.core.test_measures import MERGED_ROWS

    path = tmp_path / "merged.xlsx"
    merged = [f"{c}2:{c}4" for c in "ABC"] + [f"{c}5:{c}6" for c in "ABC"]
    rows = [[cell if cell != "" else None for cell in row] for row in MERGED_ROWS]
    path.write_bytes(xlsx({"台账": rows}, {"台账": merged}))
    result = run("check", str(path), "--json", "--as-of", "2023-06-30")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert (summary["total"], summary["completion_rate"], summary["overdue"]) == (3, 0.3333, 1)
    assert summary["tasks"] == {
        "total": 6,
        "completion_rate": 0.5,
        "overdue": 1,
        "by_status": {"done": 3, "in_progress": 1, "long_term": 1, "pending": 1},
        "by_department": {"办公室": 3, "机关党委": 1, "财务科": 2},
    }
    text = run("check", str(path), "--as-of", "2023-06-30").stdout
    assert "分解整改任务6项，已完成3项，完成率50.0%，逾期1项" in text


def merged_ledger(tmp_path):
    """A store whose current version is MERGED_ROWS (problems merged over their measure rows)."""
    from tests.core.test_measures import MERGED_ROWS

    path, store = tmp_path / "merged.xlsx", f"sqlite:///{tmp_path / 'store.sqlite'}"
    merged = [f"{c}2:{c}4" for c in "ABC"] + [f"{c}5:{c}6" for c in "ABC"]
    path.write_bytes(
        xlsx({"台账": [[c if c != "" else None for c in row] for row in MERGED_ROWS]}, {"台账": merged})
    )
    assert main(["import", str(path), "--mode", "replace", "--db", store]) == 0
    return path, store


def test_export_writes_a_merged_ledger_as_offices_keep_it_and_it_reads_back_unchanged(tmp_path, capsys):
    from rectification.intake import check_path
    from rectification.ledger import STORED_COLUMNS

    path, store = merged_ledger(tmp_path)
    out = tmp_path / "v2.xlsx"
    assert main(["export", "-o", str(out), "--db", store]) == 0
    assert "已导出版本2（3项）" in capsys.readouterr().out
    original, exported = check_path(path), check_path(out)
    columns = list(STORED_COLUMNS)
    assert exported.findings[columns].equals(original.findings[columns])
    assert {str(r) for r in load_workbook(out).active.merged_cells.ranges} >= {"C3:C5", "C6:C7"}


def test_export_tasks_writes_one_row_per_task_with_nothing_merged(tmp_path, capsys):
    _, store = merged_ledger(tmp_path)
    out = tmp_path / "tasks.xlsx"
    assert main(["export", "--tasks", "-o", str(out), "--db", store, "--lang", "en"]) == 0
    assert "(3 findings, 6 tasks)" in capsys.readouterr().out
    sheet = load_workbook(out).active
    assert not sheet.merged_cells.ranges
    headers, *rows = sheet.iter_rows(min_row=2, values_only=True)
    columns = {name: [row[headers.index(name)] for row in rows] for name in ("ID", "Task no.")}
    assert columns == {
        "ID": ["1", "1", "1", "2", "2", "3"],
        "Task no.": ["1.1", "1.2", "1.3", "2.1", "2.2", "3"],
    }
