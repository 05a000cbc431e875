"""A "三单" workbook (issue 10): a 问题清单 of problems and a 任务清单 of their tasks, joined on
the task's 问题序号, read as one ledger of problems counted from their tasks."""

import json

import pandas as pd
import pytest

from rectification.grid import Grid
from rectification.intake import check_file
from rectification.ledger import build_ledger
from rectification.task_lists import TaskLists, find_task_lists
from tests.builders import HEADER
from tests.core.test_cli import run
from tests.workbooks import xlsx

PROBLEM_HEADER = ["问题序号", "问题类别", "问题描述", "责任领导"]
PROBLEMS = [
    PROBLEM_HEADER,
    ["1", "党的建设", "学习不深入", "张书记"],
    ["2", "作风建设", "公车管理不规范", "李主任"],
    ["3", "作风建设", "会议过多", "李主任"],
]
# A 序号 numbering the rows comes first, as in most 任务清单: the join is on 问题序号, not on it.
TASK_HEADER = ["序号", "任务序号", "问题序号", "整改任务", "责任部门", "整改时限", "整改状态"]
TASKS = [
    TASK_HEADER,
    [1, "1.1", "1", "制定学习计划", "办公室", "2023-03-31", "已完成"],
    [2, "1.2", "1", "开展专题学习", "机关党委", "2023-05-31", "推进中"],
    [3, "1.3", "1", "建立长效机制", "办公室", "长期坚持", "长期坚持"],
    [4, "2.1", "2", "清理公车", "财务科", "2023-04-30", "已完成"],
    [5, "2.2", "2", "修订制度", "财务科", "2023-06-15", "已完成"],
    [6, "3.1", "3", "精简会议", "办公室", "2023-12-31", "未启动"],
]
RESPONSIBILITIES = [["问题序号", "任务序号", "责任领导", "责任人"], ["1", "1.1", "张书记", "王五"]]


def lists(problems=PROBLEMS, tasks=TASKS, **more: list[list[object]]) -> bytes:
    return xlsx({"问题清单": problems, "任务清单": tasks, **more})


def read(content: bytes, accepted: bool = True):
    check = check_file(content, "三单.xlsx")
    assert check.accepted is accepted, [e.message() for e in check.errors]
    return check


def test_a_problem_list_and_a_task_list_are_read_as_one_ledger_of_problems_and_their_tasks():
    check = read(lists())
    assert (check.sheet, check.header_row) == ("问题清单", 1)
    assert check.findings["id"].tolist() == ["1", "2", "3"]
    assert check.findings["row"].tolist() == [2, 3, 4]  # the problem's row on the problem sheet
    assert check.findings["status"].tolist() == ["in_progress", "done", "pending"]
    assert check.findings["leader"].tolist() == ["张书记", "李主任", "李主任"]
    assert check.findings["department"].tolist() == ["办公室", "财务科", "办公室"]  # each first task's
    measures = check.measures
    assert len(measures) == 6
    assert measures["measure_id"].tolist() == ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1"]
    assert measures["problem_id"].tolist() == ["1", "1", "1", "2", "2", "3"]
    assert measures["department"].tolist() == ["办公室", "机关党委", "办公室", "财务科", "财务科", "办公室"]
    assert measures["row"].tolist() == [2, 3, 4, 5, 6, 7]  # each task's row on the task sheet
    assert measures["problem"].tolist()[:3] == ["学习不深入"] * 3


def test_the_check_says_first_that_it_matched_the_tasks_to_the_problems():
    said = read(lists()).warnings[0]
    assert said.key == "lists.joined"
    assert said.message("zh").startswith(
        "已按“问题序号”将“任务清单”中的6项整改任务对应到“问题清单”中的3个问题"
    )
    assert said.message("en").startswith(
        "Matched 6 tasks in “任务清单” to 3 problems in “问题清单” by “问题序号”"
    )


def test_a_serial_number_before_the_problem_number_numbers_the_rows_and_the_check_says_so():
    check = read(lists())  # 序号 is 1 to 6: joined on it, tasks 4 to 6 would name no problem
    assert check.measures["problem_id"].tolist() == ["1", "1", "1", "2", "2", "3"]
    (said,) = [w for w in check.warnings if w.key == "lists.serial_number"]
    assert (said.sheet, said.column) == ("任务清单", "序号")
    assert said.message("zh") == "列“序号”视为行序号，不作为问题序号；问题序号取自“问题序号”列"
    assert not [w for w in check.warnings if w.key == "column.ignored"]


def test_the_lists_give_the_problems_the_same_ledger_gives_kept_in_one_sheet_of_merged_cells():
    merged = [["编号", "问题类别", "问题描述", "整改措施", "责任部门", "整改时限", "整改状态"]]
    for problem in PROBLEMS[1:]:
        tasks = [task for task in TASKS[1:] if task[2] == problem[0]]
        merged += [[*(problem[:3] if i == 0 else ["", "", ""]), *task[3:]] for i, task in enumerate(tasks)]
    merges = [((1, c), (3, c)) for c in (0, 1, 2)] + [((4, c), (5, c)) for c in (0, 1, 2)]
    one_sheet = build_ledger(Grid("台账", merged, merges), "t.xlsx")
    compared = ["id", "category", "problem", "measures", "department", "status", "deadline", "deadline_term"]
    pd.testing.assert_frame_equal(read(lists()).findings[compared], one_sheet.findings[compared])


def test_tasks_out_of_order_join_their_problems_in_the_problem_lists_order():
    shuffled = [TASK_HEADER, TASKS[6], TASKS[4], TASKS[1], TASKS[5], TASKS[2], TASKS[3]]
    check = read(lists(tasks=shuffled))
    assert check.findings["id"].tolist() == ["1", "2", "3"]
    assert check.findings["status"].tolist() == ["in_progress", "done", "pending"]
    # Each problem's tasks together, in the order the task sheet lists them, on their own rows.
    assert check.measures["measure_id"].tolist() == ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1"]
    assert check.measures["row"].tolist() == [4, 6, 7, 3, 5, 2]


def test_a_task_naming_no_problem_is_refused_at_its_sheet_row_and_column():
    check = read(lists(tasks=[*TASKS, [7, "9.1", "9", "补充措施", "办公室", "2023-12-31", "未启动"]]), False)
    assert [e.as_dict() | {"message": None} for e in check.errors] == [
        {"sheet": "任务清单", "row": 8, "column": "问题序号", "value": "9", "message": None}
    ]
    assert "“问题清单”中找不到" in check.errors[0].message("zh")
    assert "names no problem in “问题清单”" in check.errors[0].message("en")


@pytest.mark.parametrize(
    ("status", "expected"),
    [("", "pending"), ("已完成", "done")],
    ids=["with no status of its own it has not started", "with a status of its own it has that status"],
)
def test_a_problem_without_tasks_is_one_problem_of_its_own_row_and_the_check_names_it(status, expected):
    problems = [[*PROBLEM_HEADER, "整改状态"], *[[*row, ""] for row in PROBLEMS[1:]]]
    problems.append(["4", "作风建设", "文风不实", "李主任", status])
    check = read(lists(problems=problems))
    assert check.findings["id"].tolist() == ["1", "2", "3", "4"]
    assert check.findings["status"].tolist() == ["in_progress", "done", "pending", expected]
    assert check.measures["measure_id"].tolist()[-1] == "4"
    (alone,) = [w for w in check.warnings if w.key == "lists.no_tasks"]
    assert (alone.sheet, alone.row, alone.value) == ("问题清单", 5, "4")
    assert "问题“4”在“任务清单”中没有对应的整改任务" in alone.message("zh")
    assert "3个问题" in check.warnings[0].message("zh")  # matched: the three with tasks


def test_tasks_without_a_number_of_their_own_are_numbered_under_their_problem():
    unnumbered = [TASK_HEADER, *[[row[0], "", *row[2:]] for row in TASKS[1:]]]
    check = read(lists(tasks=unnumbered))
    # A problem of one task is named by the problem's number, as in a ledger of one row a problem.
    assert check.measures["measure_id"].tolist() == ["1.1", "1.2", "1.3", "2.1", "2.2", "3"]


def test_a_task_number_used_twice_under_one_problem_is_refused_where_it_is_used_again():
    twice = [*TASKS[:3], [3, "1.2", "1", "建立长效机制", "办公室", "长期坚持", "长期坚持"], *TASKS[4:]]
    check = read(lists(tasks=twice), False)
    assert [(e.key, e.sheet, e.row, e.column, e.value) for e in check.errors] == [
        ("task.duplicate", "任务清单", 4, "任务序号", "1.2")
    ]
    assert "第3行已使用" in check.errors[0].message("zh")


@pytest.mark.parametrize("merged", [True, False], ids=["merged over its tasks", "left blank below"])
def test_a_problem_number_written_once_over_its_tasks_belongs_to_each_of_them(merged):
    once = [
        TASK_HEADER,
        *[[*row[:2], "" if row[1] in ("1.2", "1.3", "2.2") else row[2], *row[3:]] for row in TASKS[1:]],
    ]
    content = xlsx(
        {"问题清单": PROBLEMS, "任务清单": once}, {"任务清单": ["C2:C4", "C5:C6"]} if merged else None
    )
    check = read(content)
    assert check.measures["problem_id"].tolist() == ["1", "1", "1", "2", "2", "3"]
    filled = [w for w in check.warnings if w.key == "tasks.number_filled"]
    assert [w.row for w in filled] == ([] if merged else [3])


def test_each_task_is_checked_on_its_own_row_of_the_task_sheet():
    bad = [list(row) for row in TASKS]
    bad[2][5], bad[4][6] = "2023-13-45", "差不多"
    check = read(lists(tasks=bad), False)
    assert [(e.key, e.sheet, e.row, e.column) for e in check.errors] == [
        ("date.invalid", "任务清单", 3, "整改时限"),
        ("status.unknown", "任务清单", 5, "整改状态"),
    ]


def test_a_task_list_without_a_problem_number_column_is_refused_naming_the_column():
    no_number = [[row[1], *row[3:]] for row in TASKS]
    check = read(lists(tasks=no_number), False)
    assert [(e.key, e.sheet, e.row) for e in check.errors] == [("lists.no_problem_number", "任务清单", 1)]
    assert "问题序号" in check.errors[0].message("zh")


def test_a_responsibility_list_beside_them_is_not_read_and_the_check_says_so():
    check = read(lists(责任清单=RESPONSIBILITIES))
    assert len(check.measures) == 6
    said = check.warnings[1]
    assert (said.key, said.sheet) == ("lists.not_read", "责任清单")
    assert said.message("zh") == "工作表“责任清单”未读取：问题和整改任务以“问题清单”“任务清单”为准"


LEDGER = [HEADER, ["1", "党的建设", "学习不深入", "办公室", "2024-06-30", "已制定", "已完成"]]
WITH_TASKS = [
    [*HEADER[:3], "整改措施", *HEADER[3:]],
    ["1", "党的建设", "学习不深入", "定计划", *LEDGER[1][3:]],
]
BY_DEPARTMENT = [["序号", "责任部门", "问题数", "完成情况"], [1, "办公室", 3, "已完成2个"]]
DETECTION_CASES = [
    ({"问题清单": PROBLEMS, "任务清单": TASKS}, TaskLists("问题清单", "任务清单"), "the usual names"),
    (
        {"问题清单": PROBLEMS, "任务清单": TASKS, "责任清单": RESPONSIBILITIES},
        TaskLists("问题清单", "任务清单", ("责任清单",)),
        "a 责任清单 beside them is not read",
    ),
    ({"Sheet2": TASKS, "Sheet1": PROBLEMS}, TaskLists("Sheet1", "Sheet2"), "any names: the headers decide"),
    ({"说明": [["填写说明"]], "台账": LEDGER}, None, "one ledger and a sheet of instructions"),
    ({"台账": WITH_TASKS, "问题汇总": PROBLEMS}, None, "a whole ledger beside a summary of its problems"),
    ({"任务清单": WITH_TASKS, "问题汇总": PROBLEMS}, TaskLists("问题汇总", "任务清单"), "named a task list"),
    ({"台账": LEDGER, "统计": BY_DEPARTMENT}, None, "a ledger beside counts by department, numbered 序号"),
]


@pytest.mark.parametrize(
    ("sheets", "expected"), [c[:2] for c in DETECTION_CASES], ids=[c[2] for c in DETECTION_CASES]
)
def test_a_workbook_is_read_as_a_problem_list_and_a_task_list_when_its_headers_say_so(sheets, expected):
    assert find_task_lists(sheets) == expected


@pytest.mark.parametrize(
    "sheets",
    [{"台账": LEDGER}, {"说明": [["填写说明"], ["1. 每个问题一行"]], "台账": LEDGER}],
    ids=["a workbook of one sheet", "a ledger beside a sheet of instructions"],
)
def test_a_ledger_of_one_sheet_reads_exactly_as_before(sheets):
    check = read(xlsx(sheets))
    alone = build_ledger(Grid("台账", LEDGER), "三单.xlsx")
    pd.testing.assert_frame_equal(check.findings, alone.findings)
    assert check.measure_rows is None
    assert [w.key for w in check.warnings if w.key != "sheet.chosen"] == [w.key for w in alone.warnings]


def test_check_json_counts_the_problems_and_their_tasks(tmp_path):
    path = tmp_path / "三单.xlsx"
    path.write_bytes(lists(责任清单=RESPONSIBILITIES))
    result = run("check", str(path), "--json", "--as-of", "2023-06-30")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["sheet"], report["header_row"], report["rows"]) == ("问题清单", 1, 3)
    summary = report["summary"]
    assert summary["by_status"] == {"done": 1, "in_progress": 1, "long_term": 0, "pending": 1}
    assert summary["by_department"] == {"办公室": 2, "财务科": 1}
    tasks = summary["tasks"]
    assert tasks["total"] == 6
    assert tasks["by_status"] == {"done": 3, "in_progress": 1, "long_term": 1, "pending": 1}
    assert tasks["by_department"] == {"办公室": 3, "机关党委": 1, "财务科": 2}
    assert tasks["overdue"] == 1  # 开展专题学习, due 2023-05-31
    said = [w["message"] for w in report["warnings"][:2]]
    assert said[0].startswith("已按“问题序号”将“任务清单”中的6项整改任务") and "责任清单" in said[1]


def test_a_task_without_a_department_of_its_own_has_its_problems():
    problems = [
        ["问题序号", "问题类别", "问题描述", "责任部门"],
        ["1", "党建", "学习不深入", "办公室（牵头）、财务科"],
    ]
    tasks = [
        ["任务序号", "问题序号", "整改措施", "整改时限", "整改状态"],
        ["1.1", "1", "制定计划", "2024-03-31", "已完成"],
    ]
    check = check_file(xlsx({"问题清单": problems, "任务清单": tasks}), "三单.xlsx")
    assert check.accepted, [e.message() for e in check.errors]
    assert check.measures["department"].tolist() == ["办公室"]
    assert check.findings["department"].tolist() == ["办公室"]
