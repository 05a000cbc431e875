"""CSV and text done properly (issue 12, part 4), and the one normalisation of cell text.

Line endings in any mix; control characters removed from every cell, whatever the door, said
once with the rows; invisible characters out of keys, look-alike keys made one, a problem of
invisible characters only read as blank; an unclosed quote refused by its row; UTF-16 with or
without a BOM; formulas without a saved value refused by their cells. Every file is written
here, as bytes."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import Workbook

from rectification.cell_text import INVISIBLE, PRINTABLE_INVISIBLE, clean_text, fold_key, key_text
from rectification.intake import check_file
from rectification.ledger import LedgerCheck
from rectification.notices.parse import parse_notice
from tests.builders import HEADER

ROWS = [
    ["A1", "党建", "学习不深入", "办公室", "2024-06-30", "已制定计划", "已完成"],
    ["A2", "党建", "制度不完善", "办公室", "2024-04-30", "正在修订", "推进中"],
    ["B1", "作风", "公车管理不规范", "财务科", "长期坚持", "持续加强", "长期坚持"],
]
FIELDS_WRITTEN = ["id", "category", "problem", "department", "deadline", "progress"]
COLUMN = {name: i for i, name in enumerate(FIELDS_WRITTEN)}


def rows_with(*changes: tuple[int, str, str]) -> list[list[str]]:
    """ROWS with cells (row index, field, text) replaced; row index 0 is sheet row 2."""
    rows = [list(row) for row in ROWS]
    for at, name, text in changes:
        rows[at][COLUMN[name]] = text
    return rows


def delimited(rows: list[list[str]], separator: str = ",", ends: list[str] | None = None) -> str:
    """The header and `rows` as delimited text, line i ending in ends[i] (CRLF by default)."""
    lines = [separator.join(row) for row in [HEADER, *rows]]
    ends = ends or ["\r\n"] * len(lines)
    return "".join(line + end for line, end in zip(lines, ends, strict=True))


def xlsx_of(rows: list[list[object]], *, above: list[list[object]] | None = None) -> bytes:
    book = Workbook()
    book.active.title = "台账"
    for row in [*(above or []), HEADER, *rows]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_sheet_xml(content: bytes, change) -> bytes:
    """`content` (an .xlsx) with its first sheet's XML passed through `change`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as book, zipfile.ZipFile(out, "w") as copy:
        for name in book.namelist():
            body = book.read(name)
            copy.writestr(name, change(body) if name == "xl/worksheets/sheet1.xml" else body)
    return out.getvalue()


def flags(check: LedgerCheck, key: str) -> list:
    return [f for f in (*check.errors, *check.warnings) if f.key == key]


def said(check: LedgerCheck, key: str, lang: str = "zh") -> str:
    return "\n".join(f.message(lang) for f in flags(check, key))


def assert_read_as_rows(check: LedgerCheck) -> None:
    assert check.accepted, [e.message() for e in check.errors]
    assert check.findings["id"].tolist() == ["A1", "A2", "B1"]
    assert check.findings["problem"].tolist() == [row[2] for row in ROWS]
    assert check.findings["status"].tolist() == ["done", "in_progress", "long_term"]


# -- 1. line endings ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "ends",
    [
        pytest.param(["\r\n"] * 4, id="windows-crlf"),
        pytest.param(["\n"] * 4, id="unix-lf"),
        pytest.param(["\r"] * 4, id="old-mac-cr"),
        pytest.param(["\n", "\r\n", "\r", "\r"], id="lf-then-crlf-then-cr"),
        pytest.param(["\r", "\n", "\r\n", ""], id="cr-after-the-header-and-no-end-on-the-last-line"),
    ],
)
@pytest.mark.parametrize("separator", [",", "\t"], ids=["comma", "tab"])
def test_a_text_file_with_any_mix_of_line_endings_reads_every_row(ends, separator):
    check = check_file(delimited(ROWS, separator, ends).encode(), "台账.csv")
    assert_read_as_rows(check)


@pytest.mark.parametrize("inside", ["\r\n", "\n", "\r"], ids=["crlf", "lf", "cr"])
@pytest.mark.parametrize("outside", ["\r\n", "\n", "\r"], ids=["file-crlf", "file-lf", "file-cr"])
def test_a_line_break_inside_a_quoted_cell_is_kept_as_one_lf_whatever_the_file_uses(inside, outside):
    rows = rows_with((0, "progress", f'"已制定计划{inside}第二步"'))
    check = check_file(delimited(rows, ",", [outside] * 4).encode(), "台账.csv")
    assert_read_as_rows(check)
    assert check.findings["progress"].tolist()[0] == "已制定计划\n第二步"
    assert not flags(check, "text.controls_removed")  # a line break is no control character to remove


# -- 2. control characters: removed from every cell, by every door, said with the rows -----------
def _csv(rows, encoding="utf-8"):
    return delimited(rows).encode(encoding), "台账.csv"


def _tab_utf16(rows):
    return delimited(rows, "\t").encode("utf-16"), "台账.txt"


def _html(rows):
    cells = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in [HEADER, *rows])
    return f'<html><meta charset="utf-8"><body><table>{cells}</table></body></html>'.encode(), "台账.xls"


def _xlsx(rows):
    # An .xlsx cannot hold a control character as such: Excel writes it _x0000_, which is read back.
    def escaped(cell: str) -> str:
        return re.sub("[\x00-\x1f\x7f-\x9f]", lambda found: f"_x{ord(found.group()):04X}_", cell)

    return xlsx_of([[escaped(cell) for cell in row] for row in rows]), "台账.xlsx"


DOORS = {"csv": _csv, "gbk-csv": lambda rows: _csv(rows, "gb18030"), "unicode-text": _tab_utf16}
DOORS |= {"html-page": _html, "xlsx": _xlsx}
# Each splits no line of a notice (str.splitlines splits at a vertical tab, a form feed and NEL).
IN_A_LINE = {"nul": "\x00", "bell": "\x07", "escape": "\x1b", "delete": "\x7f", "unit-separator": "\x1f"}
CONTROLS = IN_A_LINE | {"c1-next-line": "\x85", "vertical-tab": "\x0b", "form-feed": "\x0c"}
# A web page's form feed is white space, as a browser reads it: not a character left to remove.
DOORS_AND_CONTROLS = [(d, c) for d in DOORS for c in CONTROLS if (d, c) != ("html-page", "form-feed")]


@pytest.mark.parametrize(("door", "control"), DOORS_AND_CONTROLS)
def test_control_characters_are_removed_from_cells_of_every_kind_of_file_and_the_rows_named(door, control):
    dirty = CONTROLS[control]
    rows = rows_with((1, "progress", f"正在{dirty}修订"), (2, "department", f"财务{dirty}科"))
    content, name = DOORS[door](rows)
    check = check_file(content, name)
    assert check.accepted, [e.message() for e in check.errors]
    assert check.findings["progress"].tolist() == ["已制定计划", "正在修订", "持续加强"]
    assert check.findings["department"].tolist() == ["办公室", "办公室", "财务科"]
    [flag] = flags(check, "text.controls_removed")
    assert flag.row == 3
    assert "第3、4行的“责任部门”、“整改进展”含有无法显示的控制字符" in flag.message()
    assert "Row(s) 3、4" in flag.message("en") and "“Owner department”, “Progress”" in flag.message("en")


def test_tabs_and_line_breaks_inside_cells_are_kept_and_nothing_is_said():
    rows = rows_with((0, "progress", '"第一步\t第二步\n第三步"'))
    check = check_file(delimited(rows).encode(), "台账.csv")
    assert check.findings["progress"].tolist()[0] == "第一步\t第二步\n第三步"
    assert not flags(check, "text.controls_removed")


NOTICE = (
    "关于巡察整改进展情况的通报\n"
    "\n"
    "（一）关于政治建设方面问题的整改情况\n"
    "一是学习方式相对单一。进展：已开展专题学习。\n"
    "二是制度执行不严。进展：正在{dirty}修订制度。\n"
)


@pytest.mark.parametrize("control", list(IN_A_LINE))
def test_a_notice_goes_through_the_same_normalisation_and_names_its_line(control):
    check = parse_notice(NOTICE.format(dirty=IN_A_LINE[control]), "通报.txt").check
    assert check.accepted
    assert check.findings["progress"].tolist() == ["已开展专题学习。", "正在修订制度。"]
    [flag] = flags(check, "text.controls_removed")
    assert flag.row == 5 and "第5行的“整改进展”" in flag.message()


# -- 3. keys: invisible characters out, look-alikes made one --------------------------------------
INVISIBLES = {
    "zero-width-space": "\u200b",
    "zero-width-non-joiner": "\u200c",
    "zero-width-joiner": "\u200d",
    "word-joiner": "\u2060",
    "bom": "\ufeff",
    "soft-hyphen": "\u00ad",
    "left-to-right-mark": "\u200e",
    "variation-selector-16": "\ufe0f",
    "hangul-filler": "\u3164",
    "tag-character": "\U000e0041",
}


@pytest.mark.parametrize("invisible", list(INVISIBLES))
@pytest.mark.parametrize(
    ("name", "written", "kept"),
    [("category", "党{}建", "党建"), ("department", "办公{}室", "办公室")],
    ids=["category", "department"],
)
def test_a_key_that_differs_from_another_only_by_an_invisible_character_is_counted_as_that_one(
    invisible, name, written, kept
):
    rows = rows_with((1, name, written.format(INVISIBLES[invisible])))
    check = check_file(delimited(rows).encode(), "台账.csv")
    assert check.accepted, [e.message() for e in check.errors]
    assert check.findings[name].tolist()[:2] == [kept, kept]
    [flag] = flags(check, "text.keys_merged")
    assert flag.row == 3
    assert f"第3行的“{'问题类别' if name == 'category' else '责任部门'}”写作“" in flag.message()
    assert f"已统一计为“{kept}”" in flag.message()
    assert "⟨U+" in flag.message()  # the character that looks like nothing is named


@pytest.mark.parametrize(
    ("name", "first", "other"),
    [
        pytest.param("category", "工作作风", "⼯作作风", id="a-kangxi-radical-copied-from-a-pdf"),
        pytest.param("department", "办公室（党委办）", "办公室(党委办)", id="full-width-and-ascii-brackets"),
        pytest.param("category", "✅达标", "✅\ufe0f达标", id="an-emoji-and-its-variation-selector"),
        pytest.param("department", "财务 科", "财务\u3000科", id="an-ideographic-space-for-a-space"),
        pytest.param("category", "党建", " 党建\u3000", id="the-same-once-trimmed"),
    ],
)
def test_look_alike_keys_are_made_the_form_written_first_and_said(name, first, other):
    rows = rows_with((0, name, first), (1, name, other))
    check = check_file(xlsx_of(rows), "台账.xlsx")
    assert check.accepted, [e.message() for e in check.errors]
    assert check.findings[name].tolist()[:2] == [first, first]
    merged = flags(check, "text.keys_merged")
    if other.strip() == first:  # the same once trimmed, as every cell is: nothing to say
        assert not merged
        return
    [flag] = merged
    assert flag.row == 3 and f"已统一计为“{first}”" in flag.message()


def test_an_id_that_differs_from_another_only_by_look_is_the_same_id_and_refused_as_a_repeat():
    rows = rows_with((1, "id", "Ａ\u200b1"))  # a full-width A and a zero-width space: A1 again
    check = check_file(xlsx_of(rows), "台账.xlsx")
    assert not check.accepted
    [repeat] = flags(check, "id.duplicate")
    assert repeat.row == 3 and "编号“A1”重复：第2行已使用" in repeat.message()
    assert "第3行的“编号”写作“Ａ⟨U+200B⟩1”" in said(check, "text.keys_merged")


def test_a_key_written_one_way_only_loses_its_invisible_characters_without_a_word():
    rows = rows_with((0, "category", "\u200b党建"), (1, "category", "\u200b党建"))
    check = check_file(delimited(rows).encode(), "台账.csv")
    assert check.findings["category"].tolist() == ["党建", "党建", "作风"]
    assert not flags(check, "text.keys_merged")


@pytest.mark.parametrize(
    "text",
    ["\u200b\u200c\u2060", " \u200b ", "\ufeff", "\u00ad\u200d", "\u3164", "\u2800\u2800", "\ufe0f"],
    ids=["zero-widths", "spaces-and-a-zero-width", "bom", "soft-hyphen-and-joiner", "hangul-filler",
         "braille-blanks", "variation-selector"],
)  # fmt: skip
@pytest.mark.parametrize("at", [0, 2], ids=["first-problem", "under-a-problem"])
def test_a_problem_of_invisible_characters_only_is_read_as_a_blank_problem_cell_and_its_row_named(text, at):
    invisible = check_file(xlsx_of(rows_with((at, "problem", text))), "台账.xlsx")
    blank = check_file(xlsx_of(rows_with((at, "problem", ""))), "台账.xlsx")
    # Exactly what the reader does with a blank 问题描述 cell (skip it, or count it a measure of
    # the problem above it), and nothing else.
    assert invisible.accepted == blank.accepted
    assert invisible.findings.drop(columns=["tasks"]).equals(blank.findings.drop(columns=["tasks"]))
    others = [f.key for f in invisible.warnings if f.key != "text.invisible_only"]
    assert others == [f.key for f in blank.warnings]
    [flag] = flags(invisible, "text.invisible_only")
    assert flag.row == at + 2
    assert f"第{at + 2}行的“问题描述”只有零宽空格等不可见字符" in flag.message()


def test_every_invisible_character_is_either_refused_by_isprintable_or_in_the_printable_set():
    """The quick test in ledger._cleaned relies on it: what str.isprintable passes is looked for
    among PRINTABLE_INVISIBLE only."""
    missed = [
        hex(code)
        for code in range(0x110000)
        if INVISIBLE.match(chr(code)) and chr(code).isprintable() and not PRINTABLE_INVISIBLE.match(chr(code))
    ]
    assert missed == []


@pytest.mark.parametrize(
    ("text", "cleaned", "key", "fold"),
    [
        ("正在\x00修订", "正在修订", "正在修订", "正在修订"),
        ("一\r\n二\r三", "一\n二\n三", "一\n二\n三", "一 二 三"),
        (" 党\u200b建\ufeff ", " 党\u200b建\ufeff ", "党建", "党建"),
        ("Ａ１", "Ａ１", "Ａ１", "A1"),
    ],
    ids=["nul", "line-ends", "zero-widths", "full-width"],
)
def test_the_rules_for_a_cells_text(text, cleaned, key, fold):
    assert (clean_text(text), key_text(text), fold_key(text)) == (cleaned, key, fold)


# -- 4. an unclosed quote is refused by its row ----------------------------------------------------
@pytest.mark.parametrize(
    ("rows", "separator", "row", "line"),
    [
        pytest.param(rows_with((0, "problem", '"学习不深入')), ",", 2, 2, id="running-to-the-end"),
        pytest.param(
            rows_with((1, "problem", '"制度不完善'), (2, "progress", '"持续加强"')), ",", 3, 3,
            id="closed-by-the-quote-of-a-later-cell",
        ),
        pytest.param(
            rows_with((0, "progress", '"第一步\n第二步"'), (1, "problem", '"制度不完善')), ",", 3, 4,
            id="after-a-cell-with-a-line-break",
        ),
        pytest.param(rows_with((1, "department", '"办公室')), "\t", 3, 3, id="in-tab-separated-text"),
        pytest.param(rows_with((2, "progress", '"持续加强')), ",", 4, 4, id="on-the-last-line"),
    ],
)  # fmt: skip
def test_a_quote_that_opens_a_cell_and_never_closes_is_refused_naming_its_row(rows, separator, row, line):
    check = check_file(delimited(rows, separator).encode(), "台账.csv")
    assert not check.accepted
    assert [e.key for e in check.errors] == ["file.csv_unclosed_quote"]
    message = check.errors[0].message()
    assert f"“台账.csv”第{row}行（文本第{line}行）有一个单元格以英文双引号开头" in message
    assert f"row {row} (line {line} of the text)" in check.errors[0].message("en")


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        pytest.param('"已制定计划\r\n并落实"', "已制定计划\n并落实", id="a-cell-over-two-lines"),
        pytest.param('"他说""已完成""了"', '他说"已完成"了', id="doubled-quotes-inside"),
        pytest.param('"已制定计划"（第一批）', "已制定计划（第一批）", id="a-stray-quote-within-one-line"),
        pytest.param('已制定"计划"', '已制定"计划"', id="quotes-inside-an-unquoted-cell"),
        pytest.param('"计划,措施"', "计划,措施", id="a-quoted-comma"),
    ],
)
def test_quotes_as_excel_writes_and_reads_them_are_accepted(cell, read):
    check = check_file(delimited(rows_with((0, "progress", cell))).encode(), "台账.csv")
    assert_read_as_rows(check)
    assert check.findings["progress"].tolist()[0] == read


# -- 5. encodings ---------------------------------------------------------------------------------
LONG_PROBLEM, LONG_PROGRESS = "学习贯彻党的二十大精神不够深入，" * 6, "已制定计划，" * 8
LONG_ROW = ["党的建设", LONG_PROBLEM, "办公室", "2024年6月30日", LONG_PROGRESS, "推进中"]
LONG_ROWS = [[str(i), *LONG_ROW] for i in range(1, 31)]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-16-le", b""), ("utf-16-be", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")],
    ids=["le-without-bom", "be-without-bom", "le-with-bom", "be-with-bom"],
)
@pytest.mark.parametrize("separator", ["\t", ","], ids=["tab", "comma"])
@pytest.mark.parametrize("rows", [ROWS, LONG_ROWS], ids=["short-cells", "long-chinese-cells"])
def test_utf16_text_is_read_with_or_without_a_bom_in_either_byte_order(encoding, bom, separator, rows):
    content = bom + delimited(rows, separator).encode(encoding)
    check = check_file(content, "台账.txt")
    assert check.accepted, [e.message() for e in check.errors]
    assert check.findings["problem"].tolist() == [row[2] for row in rows]
    assert check.findings["progress"].tolist() == [row[5] for row in rows]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(b"\x81\xff\xfe\x80\x00" * 200, "按UTF-8、GB18030（含GBK）、Big5、UTF-16编码均不能",
                     id="no-encoding"),
        pytest.param(b"\xff\xfe" + "编号,问题".encode("utf-16-le") + b"\x00\xd8", "文件开头标明为UTF-16编码",
                     id="utf16-bom-then-a-broken-surrogate"),
        pytest.param(b"\xef\xbb\xbf" + "编号".encode("gbk"), "文件开头标明为UTF-8编码",
                     id="utf8-bom-over-gbk"),
    ],
)  # fmt: skip
def test_text_in_no_encoding_we_can_read_is_refused_saying_so_and_what_to_do(content, reason):
    check = check_file(content, "台账.csv")
    assert [e.key for e in check.errors] == ["file.csv_encoding"]
    message = check.errors[0].message()
    assert "“台账.csv”的文件编码无法识别" in message and reason in message
    assert "另存为UTF-8编码的CSV文件或Excel工作簿（.xlsx）" in message


@pytest.mark.parametrize("text", ["正在\x00修订", "学\x00习"], ids=["nul-in-progress", "nul-in-a-word"])
def test_utf8_text_with_a_nul_byte_is_not_taken_for_utf16(text):
    check = check_file(delimited(rows_with((1, "progress", text))).encode(), "台账.csv")
    assert check.accepted
    assert check.findings["progress"].tolist()[1] == text.replace("\x00", "")


def test_big5_text_is_still_read_as_big5():
    rows = [["A1", "黨建", "學習不深入", "辦公室", "2024-06-30", "已制定計劃", "已完成"]]
    header = "編號,問題類別,問題描述,責任部門,整改時限,整改進展,整改狀態"
    content = (header + "\r\n" + ",".join(rows[0]) + "\r\n").encode("big5")
    check = check_file(content, "台账.csv")
    assert check.accepted and check.findings["category"].tolist() == ["黨建"]


# -- 6. formulas without a saved value -----------------------------------------------------------
def formulas(*cells: tuple[str, str], above: list[list[object]] | None = None, extra: bool = False) -> bytes:
    """The ledger as openpyxl writes it, with formulas (cell, formula) and no values saved."""
    book = Workbook()
    sheet = book.active
    sheet.title = "台账"
    for row in [*(above or []), [*HEADER, *(["备用"] if extra else [])], *ROWS]:
        sheet.append(row)
    for cell, formula in cells:
        sheet[cell] = formula
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("cells", "named"),
    [
        pytest.param([("C2", '="学习"&"不深入"')], ["第2行C列（问题描述）"], id="a-problem"),
        pytest.param([("E3", "=DATE(2024,4,30)"), ("C4", "=A4")],
                     ["第3行E列（整改时限）", "第4行C列（问题描述）"], id="a-deadline-and-a-problem"),
        pytest.param([("A1", '="编号"')], ["第1行A列"], id="a-header-cell"),
    ],
)  # fmt: skip
def test_formulas_without_a_saved_value_are_refused_naming_each_cell(cells, named):
    check = check_file(formulas(*cells), "脚本生成.xlsx")
    assert not check.accepted
    assert [e.key for e in check.errors] == ["formula.no_value"]
    message = check.errors[0].message()
    assert f"工作表“台账”中{'、'.join(named)}的公式没有计算结果（共{len(named)}个单元格）" in message
    assert "请在Excel或WPS中打开并保存后再上传" in message
    assert check.errors[0].row == int(re.match(r"第(\d+)行", named[0]).group(1))
    assert "no calculated value" in check.errors[0].message("en")


def test_eleven_formula_cells_are_named_ten_and_counted_all():
    check = check_file(formulas(*[(f"{c}2", "=1") for c in "EFG"], *[(f"{c}3", "=1") for c in "ABCDEFG"],
                                ("A4", "=1")), "脚本生成.xlsx")  # fmt: skip
    message = check.errors[0].message()
    assert "（共11个单元格）" in message and "第3行G列（整改状态）" in message and "第4行A列" not in message


@pytest.mark.parametrize(
    ("cells", "above", "extra"),
    [
        pytest.param([("H2", "=1+1")], None, True, id="in-a-column-the-ledger-does-not-read"),
        pytest.param([("A1", '="截至"&"2024年5月"')], [["标题"]], False, id="in-a-title-row-above-it"),
    ],
)
def test_formulas_outside_what_the_ledger_reads_do_not_matter(cells, above, extra):
    check = check_file(formulas(*cells, above=above, extra=extra), "脚本生成.xlsx")
    assert check.accepted, [e.message() for e in check.errors]


def test_a_formula_with_its_value_saved_is_read_as_that_value():
    content = formulas(("C2", '="学习"&"不深入"'), ("F2", '=""'))

    def saved(xml: bytes) -> bytes:  # as Excel saves them: a text result, and an empty text result
        for cell, value in ((b"C2", "学习不深入".encode()), (b"F2", b"")):
            pattern = rb'<c r="' + cell + rb'"[^>]*><f>([^<]*)</f><v\s*/?>(?:</v>)?'
            opening = b'<c r="' + cell + b'" t="str"><f>'
            xml = re.sub(pattern, lambda m, o=opening, v=value: o + m[1] + b"</f><v>" + v + b"</v>", xml)
        return xml

    check = check_file(with_sheet_xml(content, saved), "已计算.xlsx")
    assert check.accepted, [e.message() for e in check.errors]
    assert check.findings["problem"].tolist()[0] == "学习不深入"
    assert check.findings["progress"].tolist()[0] == ""


def test_a_formula_without_a_value_in_a_sheet_that_is_not_read_does_not_matter():
    book = Workbook()
    book.active.title = "台账"
    for row in [HEADER, *ROWS]:
        book.active.append(row)
    book.create_sheet("说明")["A1"] = "=1+1"
    buffer = io.BytesIO()
    book.save(buffer)
    check = check_file(buffer.getvalue(), "两张表.xlsx")
    assert check.accepted, [e.message() for e in check.errors]


@pytest.mark.parametrize("piece", [5, 64, 1000, 1 << 22], ids=["5-bytes", "64-bytes", "1000-bytes", "4-mb"])
@pytest.mark.parametrize("rows", [None, 3], ids=["every-row", "the-first-three-rows"])
def test_the_formula_scan_finds_the_same_cells_whatever_the_pieces_it_inflates(monkeypatch, piece, rows):
    from rectification import xlsx_formulas

    content = formulas(("C2", "=1"), ("E3", "=2"), ("G4", "=3"), ("B3", '="x"'))
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        part = book.getinfo("xl/worksheets/sheet1.xml")
    monkeypatch.setattr(xlsx_formulas, "_PIECE", piece)
    found = sorted(xlsx_formulas.formulas_without_values(content, part, rows))
    assert found == [(1, 2), (2, 1), (2, 4), (3, 6)][: 3 if rows else 4]
