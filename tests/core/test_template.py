"""The blank template: the columns staff fill in, and a 填写说明 sheet that shows a problem broken into
two measures the way offices write it, without ever being read as the ledger itself."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from rectification.grid import Grid
from rectification.header import header_score
from rectification.intake import check_file
from rectification.labels import label
from rectification.ledger import build_ledger
from rectification.sheets import open_workbook
from rectification.template import (
    HEADER_ROW,
    TEMPLATE_FIELDS,
    example_rows,
    template_bytes,
    template_workbook,
)

LANGS = ["zh", "en"]


def saved(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def fill(book: Workbook, rows: list[dict[str, str]], merged: tuple[str, ...] = ()) -> bytes:
    """The template's ledger sheet with `rows` (header text to value) from row 4, and the
    columns named in `merged` merged down over all of them."""
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[HEADER_ROW]]
    for offset, row in enumerate(rows):
        for col, header in enumerate(headers, start=1):
            if header in merged and offset:
                continue
            sheet.cell(row=HEADER_ROW + 1 + offset, column=col, value=row.get(header))
    for header in merged:
        col = headers.index(header) + 1
        sheet.merge_cells(
            start_row=HEADER_ROW + 1, start_column=col, end_row=HEADER_ROW + len(rows), end_column=col
        )
    return saved(book)


def test_the_template_has_a_task_number_and_a_supporting_departments_column():
    headers = [c.value for c in template_workbook().worksheets[0][HEADER_ROW]]
    assert headers == [label(f"field.{name}") for name in TEMPLATE_FIELDS]
    assert headers[:5] == ["编号", "问题类别", "问题描述", "任务序号", "整改措施"]
    assert headers.index("配合部门") == headers.index("责任部门") + 1


def test_the_instructions_show_one_problem_merged_over_two_measure_rows():
    sheet = load_workbook(io.BytesIO(template_bytes()))["填写说明"]
    header_row = next(c.row for c in sheet["A"] if str(c.value).startswith("A列"))
    headers = [str(c.value).split("\n")[-1] for c in sheet[header_row] if c.value]
    down = [r for r in sheet.merged_cells.ranges if r.min_row != r.max_row]
    assert {(r.min_row, r.max_row) for r in down} == {(header_row + 1, header_row + 2)}
    assert {headers[r.min_col - 1] for r in down} == {"编号", "问题类别", "问题描述", "责任领导"}
    first, second = ([c.value for c in sheet[header_row + n]] for n in (1, 2))
    assert (first[headers.index("任务序号")], second[headers.index("任务序号")]) == ("1.1", "1.2")
    measure = headers.index("整改措施")
    assert first[measure] and second[measure] and first[measure] != second[measure]


PROBLEM_CELLS = ("id", "category", "problem", "leader")  # merged in the example


@pytest.mark.parametrize("lang", LANGS)
def test_the_example_in_the_instructions_reads_as_one_problem_with_two_measures(lang):
    first, second = example_rows(lang)
    fields = list(first)
    rows = [
        [label(f"field.{name}", lang) for name in fields],
        [first[name] for name in fields],
        ["" if name in PROBLEM_CELLS else second[name] for name in fields],
    ]
    merges = [((1, c), (2, c)) for c, name in enumerate(fields) if name in PROBLEM_CELLS]
    check = build_ledger(Grid("示例", rows, merges), "example.xlsx")
    assert check.accepted, [e.message() for e in check.errors]
    assert check.findings["status"].tolist() == ["long_term"]  # one done, one long-term
    assert check.measures["measure_id"].tolist() == ["1.1", "1.2"]
    office = label("template.example.department_1", lang)
    assert check.measures["supporting"].tolist() == ["", office]


@pytest.mark.parametrize("lang", LANGS)
def test_the_instructions_sheet_never_looks_like_a_ledger_header(lang):
    book = open_workbook(template_bytes(lang), "template.xlsx")
    notes = book.sheet_names[1]
    assert header_score(book.load(notes, None).rows) == (0, 0)


def test_a_filled_template_with_most_columns_deleted_is_read_from_its_ledger_sheet():
    book = template_workbook()
    sheet = book.worksheets[0]
    for col in range(1, len(TEMPLATE_FIELDS) + 1):  # as if every column but two were deleted
        sheet.cell(row=HEADER_ROW, column=col, value=None)
    sheet["A3"], sheet["B3"] = "问题类别", "问题描述"
    sheet["A4"], sheet["B4"] = "党的建设", "学习不深入"
    check = check_file(saved(book), "filled.xlsx")
    assert check.accepted, [e.message() for e in check.errors]
    assert check.sheet == "整改台账" and check.findings["problem"].tolist() == ["学习不深入"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_template_filled_with_a_problem_merged_over_two_measures_passes_check(lang):
    book = template_workbook(lang)

    def named(**values: str) -> dict[str, str]:
        return {label(f"field.{name}", lang): value for name, value in values.items()}

    problem = {"id": "1", "category": "党的建设", "problem": "学习不深入"}
    rows = [
        named(**problem, measure_id="1.1", measures="制定计划", department="办公室", deadline="2024-06-30",
              status=label("status.done", lang)),
        named(**problem, measure_id="1.2", measures="开展学习", department="机关党委", supporting="办公室",
              deadline="2024-09-30", status=label("status.in_progress", lang)),
    ]  # fmt: skip
    merged = tuple(label(f"field.{name}", lang) for name in problem)
    check = check_file(fill(book, rows, merged), "filled.xlsx")
    assert check.accepted, [e.message() for e in check.errors]
    assert check.findings["status"].tolist() == ["in_progress"]
    assert check.measures["measure_id"].tolist() == ["1.1", "1.2"]
    assert check.measures["supporting"].tolist() == ["", "办公室"]


def test_the_english_template_reads_its_own_status_drop_down_words():
    book = template_workbook("en")
    rows = [{"Category": "Party building", "Finding": "Shallow study", "Status": "Long-term"}]
    check = check_file(fill(book, rows), "filled.xlsx")
    assert check.accepted and check.findings["status"].tolist() == ["long_term"]
    lists = [v.formula1 for v in book.worksheets[0].data_validations.dataValidation if v.type == "list"]
    assert lists == ['"Done,In progress,Long-term,Not started"']
