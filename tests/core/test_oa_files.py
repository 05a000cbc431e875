"""Files from OA and government systems, read by what they hold rather than what they are named:
HTML pages saved as ".xls", WPS .et/.ett workbooks, Excel's "Unicode text" (UTF-16, tab
separated), tab-separated UTF-8 and Big5 CSV. Every file is made here, as bytes."""

import time

import pytest

from rectification import html_tables
from rectification.errors import UnreadableFile
from rectification.grid import Grid
from rectification.intake import check_file
from rectification.sheets import open_workbook
from tests.builders import FIXTURES, SAMPLE, sheet

LEDGER = ["序号", "问题类别", "问题描述", "整改措施", "责任部门", "整改时限", "整改进展", "整改状态"]


def page(body: str, head: str = "") -> str:
    """An HTML page as OA systems export it: Excel's namespaces, a style block, then `body`."""
    return (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">'
        f"<head>{head}<style>td {{ mso-number-format:'\\@'; }}</style></head><body>{body}</body></html>"
    )


def table(*rows: list[str]) -> str:
    return (
        "<table border=1>"
        + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        + "</table>"
    )


def only_sheet(content: bytes, filename: str = "导出.xls") -> Grid:
    book = open_workbook(content, filename)
    assert len(book.sheet_names) == 1, book.sheet_names
    return book.load(book.sheet_names[0], None)


def sheets(content: bytes, filename: str = "导出.xls") -> dict[str, Grid]:
    book = open_workbook(content, filename)
    return {name: book.load(name, None) for name in book.sheet_names}


def refusal(content: bytes, filename: str = "导出.xls") -> str:
    with pytest.raises(UnreadableFile) as raised:
        open_workbook(content, filename)
    return raised.value.key


TWO_ROWS = [["编号", "问题描述"], ["1", "学习贯彻不深入"]]
BIG5_TWO_ROWS = [["編號", "問題描述"], ["1", "學習貫徹不深入"]]
GB_META = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'


# --- HTML pages: the encodings they come in -------------------------------------------------


@pytest.mark.parametrize(
    ("content", "rows"),
    [
        pytest.param(
            page(table(*TWO_ROWS), '<meta charset="utf-8">').encode(), TWO_ROWS, id="utf-8 declared"
        ),
        pytest.param(page(table(*TWO_ROWS)).encode(), TWO_ROWS, id="utf-8 undeclared"),
        pytest.param(b"\xef\xbb\xbf" + page(table(*TWO_ROWS)).encode(), TWO_ROWS, id="utf-8 with a BOM"),
        pytest.param(
            page(table(*TWO_ROWS), GB_META).encode("gbk"), TWO_ROWS, id="gb2312 declared by http-equiv"
        ),
        pytest.param(
            page(table(*TWO_ROWS), "<meta charset=GBK>").encode("gbk"),
            TWO_ROWS,
            id="gbk declared by meta charset",
        ),
        pytest.param(page(table(*TWO_ROWS)).encode("gb18030"), TWO_ROWS, id="gb18030 undeclared"),
        pytest.param(
            page(table(*TWO_ROWS), GB_META).encode(), TWO_ROWS, id="utf-8 under a stale gb2312 label"
        ),
        pytest.param(
            page(table(*TWO_ROWS), '<meta charset="iso-8859-1">').encode("gbk"),
            TWO_ROWS,
            id="gbk under a java default label",
        ),
        pytest.param(
            ('<?xml version="1.0" encoding="gbk"?>' + page(table(*TWO_ROWS))).encode("gbk"),
            TWO_ROWS,
            id="xhtml declaring gbk",
        ),
        pytest.param(page(table(*TWO_ROWS)).encode("utf-16"), TWO_ROWS, id="utf-16 with a BOM"),
        pytest.param(
            page(table(*BIG5_TWO_ROWS), '<meta charset="big5">').encode("big5"),
            BIG5_TWO_ROWS,
            id="big5 declared",
        ),
    ],
)
def test_an_html_page_is_read_in_the_encoding_it_was_written_in(content, rows):
    assert only_sheet(content).rows == rows


def test_an_html_page_in_no_encoding_at_all_is_refused_saying_so():
    content = page(table(["编号"], ["1"])).encode() + b"\xff\x80\xff"
    assert refusal(content) == "file.html_encoding"


@pytest.mark.parametrize(
    "filename", ["台账.xls", "台账.xlsx", "台账.et", "台账.html", "台账.htm", "台账.csv", "台账"]
)
def test_an_html_page_is_read_whatever_it_is_named(filename):
    assert only_sheet(page(table(*TWO_ROWS)).encode(), filename).rows == TWO_ROWS


# --- HTML pages: what their tables hold -------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "rows", "merged"),
    [
        pytest.param(
            "<table><tr><td>类别</td><td>问题</td></tr><tr><td rowspan=2>党建</td><td>甲</td></tr>"
            "<tr><td>乙</td></tr></table>",
            [["类别", "问题"], ["党建", "甲"], ["", "乙"]],
            [((1, 0), (2, 0))],
            id="a rowspan is a merge down, the covered cell empty",
        ),
        pytest.param(
            "<table><tr><td colspan='3'>整改台账</td></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>",
            [["整改台账", "", ""], ["1", "2", "3"]],
            [((0, 0), (0, 2))],
            id="a colspan is a merge across",
        ),
        pytest.param(
            '<table><tr><td rowspan="2" colspan="2">甲</td><td>乙</td></tr><tr><td>丙</td></tr>'
            "<tr><td>丁</td><td>戊</td><td>己</td></tr></table>",
            [["甲", "", "乙"], ["", "", "丙"], ["丁", "戊", "己"]],
            [((0, 0), (1, 1))],
            id="a cell spanning rows and columns pushes the next row's cells right",
        ),
        pytest.param(
            "<table><tr><td>甲</td><td rowspan=5>乙</td></tr><tr><td>丙</td></tr></table>",
            [["甲", "乙"], ["丙", ""]],
            [((0, 1), (1, 1))],
            id="a rowspan past the last row ends with the table",
        ),
        pytest.param(
            "<table><tr><td rowspan=0>甲</td><td>乙</td></tr><tr><td>丙</td></tr>"
            "<tr><td>丁</td></tr></table>",
            [["甲", "乙"], ["", "丙"], ["", "丁"]],
            [((0, 0), (2, 0))],
            id="rowspan zero runs to the end of the table",
        ),
        pytest.param(
            "<table><tr><td rowspan=1 colspan=1>甲</td><td colspan=x>乙</td><td rowspan='2px'>丙</td></tr>"
            "<tr><td>丁</td><td>戊</td></tr></table>",
            [["甲", "乙", "丙"], ["丁", "戊", ""]],
            [((0, 2), (1, 2))],
            id="spans are read as browsers read them",
        ),
        pytest.param(
            "<TABLE><THEAD><TR><TH>编号<TH>问题</THEAD><TBODY><TR><TD>1<TD>甲<TR><TD>2<TD>乙</TABLE>",
            [["编号", "问题"], ["1", "甲"], ["2", "乙"]],
            [],
            id="upper case tags and omitted end tags",
        ),
        pytest.param(
            "<table><tr><td>制定方案<br>完善制度<BR/>建立机制</td><td>甲<br><br>乙</td></tr></table>",
            [["制定方案\n完善制度\n建立机制", "甲\n\n乙"]],
            [],
            id="a br is a line break in the cell",
        ),
        pytest.param(
            "<table><tr><td><p>第一条</p><p>第二条</p></td><td><div>甲</div>乙</td></tr></table>",
            [["第一条\n第二条", "甲\n乙"]],
            [],
            id="paragraphs in a cell are lines",
        ),
        pytest.param(
            "<table><tr><td>A&amp;B &lt;10万元&gt; &#20320;&#x597D; &quot;x&quot;</td><td>&nbsp;</td>"
            "<td>金额<10万元</td></tr></table>",
            [['A&B <10万元> 你好 "x"', "", "金额<10万元"]],
            [],
            id="entities are decoded and a bare less-than sign is text",
        ),
        pytest.param(
            "<table><tr><td>\n   学习\n   贯彻  不深入 \n</td><td>  　全角空格　 </td></tr></table>",
            [["学习 贯彻 不深入", "全角空格"]],
            [],
            id="spaces are collapsed and cell text stripped",
        ),
        pytest.param(
            "<script>document.write('<table><tr><td>假</td></tr></table>')</script><style>td{x:'<td>'}</style>"
            "<!--[if gte mso 9]><xml><x:ExcelWorkbook></x:ExcelWorkbook></xml><![endif]-->"
            "<table><tr><td>真<script>alert('<td>x')</script></td><![if !supportMisalignedColumns]>"
            "<!-- <td>注释</td> --></tr></table>",
            [["真"]],
            [],
            id="scripts styles comments and Excel's conditionals are not read",
        ),
        pytest.param(
            "<table><tr><td title='a>b' class=\"x>y\">甲</td><td style=\"font:'宋体'\">乙</td></tr></table>",
            [["甲", "乙"]],
            [],
            id="a quoted attribute may hold a greater-than sign",
        ),
        pytest.param(
            "<table><tr><td>甲</td></tr><tr><td>乙</td><td>丙</td><td>丁</td></tr></table>",
            [["甲", "", ""], ["乙", "丙", "丁"]],
            [],
            id="short rows are padded to the widest",
        ),
    ],
)
def test_an_html_table_is_read_as_a_grid_with_its_merges(body, rows, merged):
    grid = only_sheet(page(body).encode())
    assert (grid.rows, sorted(grid.merged)) == (rows, merged)


@pytest.mark.parametrize(
    ("body", "names"),
    [
        pytest.param(table(["甲"]) + table(["乙"]), ["表1", "表2"], id="tables are numbered in order"),
        pytest.param(
            "<table><caption> 2024年 整改台账 </caption><tr><td>甲</td></tr></table>" + table(["乙"]),
            ["2024年 整改台账", "表2"],
            id="a caption names its table",
        ),
        pytest.param(
            "<h2>办公室</h2>" + table(["甲"]) + "<h3>财务科</h3><p>说明</p>" + table(["乙"]) + table(["丙"]),
            ["办公室", "财务科", "表3"],
            id="a heading names the one table after it",
        ),
        pytest.param(
            "<h2>办公室</h2>" + table(["甲"]) + "<h2>办公室</h2>" + table(["乙"]),
            ["办公室", "办公室（2）"],
            id="a name used twice is told apart",
        ),
        pytest.param(
            table(["甲"]) + "<table><tr><td>&nbsp;</td></tr></table>" + table(["丙"]),
            ["表1", "表2"],
            id="an empty table is no sheet",
        ),
    ],
)
def test_each_table_of_a_page_is_a_sheet_named_as_the_page_names_it(body, names):
    assert list(sheets(page(body).encode())) == names


def test_a_table_inside_a_layout_table_is_a_sheet_of_its_own():
    body = (
        "<table><tr><td><h1>巡察整改台账</h1>"
        + table(*TWO_ROWS)
        + "</td></tr><tr><td>填报人：张三</td></tr></table>"
    )
    read = sheets(page(body).encode())
    assert {name: grid.rows for name, grid in read.items()} == {
        "表1": [["巡察整改台账"], ["填报人：张三"]],
        "巡察整改台账": TWO_ROWS,
    }


def test_reading_the_first_rows_keeps_only_the_merges_that_start_there():
    body = (
        "<table><tr><td colspan=2>标题</td></tr><tr><td rowspan=3>甲</td><td>1</td></tr>"
        "<tr><td>2</td></tr><tr><td>3</td></tr><tr><td rowspan=2>乙</td><td>4</td></tr>"
        "<tr><td>5</td></tr></table>"
    )
    book = open_workbook(page(body).encode(), "导出.xls")
    assert book.load("表1", None).merged == [((0, 0), (0, 1)), ((1, 0), (3, 0)), ((4, 0), (5, 0))]
    top = book.load("表1", 3)
    assert (len(top.rows), top.merged) == (3, [((0, 0), (0, 1)), ((1, 0), (2, 0))])
    assert book.load("表1", 1).merged == [((0, 0), (0, 1))]


@pytest.mark.parametrize(
    ("content", "key"),
    [
        pytest.param(
            page("<p>导出失败，请联系管理员</p>").encode(), "file.no_table", id="a page without a table"
        ),
        pytest.param(
            page("<table><tr><td> </td><td>&nbsp;</td></tr></table>").encode(), "file.empty", id="only empty"
        ),
        pytest.param(
            page("<table><tr>" + "<td colspan=1000>甲</td>" * 17 + "</tr></table>").encode(),
            "file.too_large",
            id="wider than an Excel sheet",
        ),
    ],
)
def test_a_page_that_holds_no_ledger_is_refused_saying_why(content, key):
    assert refusal(content) == key


def test_the_bounds_are_those_of_an_excel_sheet():
    assert (html_tables.MAX_ROWS, html_tables.MAX_COLUMNS) == (1_048_576, 16_384)


@pytest.mark.parametrize(
    ("bound", "value", "body"),
    [
        pytest.param("MAX_ROWS", 3, "<tr><td>甲</td></tr>" * 4, id="rows past the limit"),
        pytest.param("MAX_CELLS", 10, "<tr><td colspan=3>甲</td></tr>" * 4, id="cells past the limit"),
        pytest.param(
            "MAX_CELLS",
            10,
            "<tr><td>甲</td></tr><tr><td colspan=9>乙</td></tr>",
            id="short rows padded past it",
        ),
    ],
)
def test_a_page_past_a_bound_is_refused_and_one_at_it_is_read(monkeypatch, bound, value, body):
    monkeypatch.setattr(html_tables, bound, value)
    assert refusal(page(f"<table>{body}</table>").encode()) == "file.too_large"
    # One row fewer is within the bound.
    within = body[: body.rindex("<tr>")]
    assert only_sheet(page(f"<table>{within}</table>").encode()).rows


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param("<a" * 200_000, id="tags never closed"),
        pytest.param("</" * 200_000, id="end tags never closed"),
        pytest.param("<!" * 200_000, id="declarations never closed"),
        pytest.param("<!--" * 100_000, id="comments never closed"),
        pytest.param("<" * 400_000, id="bare less-than signs"),
        pytest.param("<td a='" * 60_000, id="quotes never closed"),
        pytest.param("<td" + " a" * 200_000, id="a tag with endless attributes"),
        pytest.param("<script>" + "</scrip" * 60_000, id="a script never closed"),
    ],
)
def test_a_hostile_page_is_read_in_linear_time(hostile):
    # html.parser takes over a minute on the first of these (quadratic on Python 3.11).
    started = time.perf_counter()
    grids = html_tables.read_tables("<table><tr><td>甲</td></tr></table><table><tr><td>" + hostile)
    assert time.perf_counter() - started < 3
    assert grids[0].rows == [["甲"]]


# --- WPS workbooks ------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".et", ".ett"])
@pytest.mark.parametrize(
    ("original", "made"),
    [
        pytest.param(
            "台账.xlsx",
            lambda: sheet(["A1", "党建", "学习不深入", "办公室", "2024-06-30", "", "已完成"]),
            id="xlsx",
        ),
        pytest.param("sample_ledger.xls", lambda: (FIXTURES / "sample_ledger.xls").read_bytes(), id="biff"),
    ],
)
def test_a_wps_workbook_is_read_as_the_workbook_inside_it(suffix, original, made):
    content = made()
    book, renamed = open_workbook(content, original), open_workbook(content, f"台账{suffix}")
    assert renamed.sheet_names == book.sheet_names
    for name in book.sheet_names:
        ours, theirs = renamed.load(name, None), book.load(name, None)
        assert (ours.rows, ours.merged) == (theirs.rows, theirs.merged)


def test_the_sample_saved_as_a_wps_template_is_accepted_with_its_30_findings():
    check = check_file(SAMPLE.read_bytes(), "整改台账模板.ett")
    assert check.accepted, [e.message() for e in check.errors]
    assert len(check.findings) == 30


# --- Text files ---------------------------------------------------------------------------------

TEXT_ROWS = [
    ["编号", "问题描述", "整改措施"],
    ["1", "学习不深入，流于形式", "制定计划\n定期检查"],
    ["2", "制度不健全", "修订制度"],
]


def delimited(rows: list[list[str]], delimiter: str) -> str:
    """Rows as Excel writes them: a cell with the delimiter, a quote or a line break is quoted."""

    def cell(text: str) -> str:
        return (
            f'"{text.replace(chr(34), chr(34) * 2)}"' if any(c in text for c in f'{delimiter}"\n') else text
        )

    return "".join(delimiter.join(cell(c) for c in row) + "\r\n" for row in rows)


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        pytest.param(delimited(TEXT_ROWS, "\t").encode("utf-16"), "台账.txt", id="unicode text from excel"),
        pytest.param(
            b"\xff\xfe" + delimited(TEXT_ROWS, "\t").encode("utf-16-le"), "台账.txt", id="utf-16 le"
        ),
        pytest.param(
            b"\xfe\xff" + delimited(TEXT_ROWS, ",").encode("utf-16-be"), "台账.csv", id="utf-16 be csv"
        ),
        pytest.param(delimited(TEXT_ROWS, "\t").encode("utf-32"), "台账.txt", id="utf-32"),
        pytest.param(delimited(TEXT_ROWS, "\t").encode(), "台账.txt", id="tab separated utf-8 without bom"),
        pytest.param(delimited(TEXT_ROWS, "\t").encode("gbk"), "台账.tsv", id="tab separated gbk"),
        pytest.param(delimited(TEXT_ROWS, ",").encode("gbk"), "台账.csv", id="comma separated gbk"),
        pytest.param(delimited(TEXT_ROWS, "\t").encode("utf-16"), "台账.xls", id="unicode text named xls"),
        pytest.param(delimited(TEXT_ROWS, "\t").encode("gbk"), "导出.xls", id="tab separated gbk named xls"),
        pytest.param(delimited(TEXT_ROWS, ",").encode(), "导出.et", id="csv named et"),
    ],
)
def test_a_text_export_is_read_by_its_encoding_and_delimiter(content, filename):
    assert only_sheet(content, filename).rows == TEXT_ROWS


def test_tab_separated_text_whose_cells_hold_commas_and_lines_is_split_on_its_tabs():
    rows = [["编号", "问题描述"], ["1", "会议多, 文件多,\n检查多"], ["2", "a,b,c,d"], ["3", "x"]]
    assert only_sheet(delimited(rows, "\t").encode(), "台账.txt").rows == rows


@pytest.mark.parametrize(
    ("content", "filename", "key"),
    [
        pytest.param(b"\xd0\xcf\x11\xe0" + b"\x00" * 600, "台账.xls", "file.unreadable", id="a damaged xls"),
        pytest.param(b"\x00\x01\x02\x03binary", "台账.xls", "file.unreadable", id="binary named xls"),
        pytest.param(b"\xff\xfe\x00", "台账.txt", "file.csv_encoding", id="utf-16 cut short"),
        pytest.param(b"%PDF-1.7", "台账.pdf", "file.not_spreadsheet", id="a pdf"),
    ],
)
def test_a_file_that_is_not_a_table_is_still_refused(content, filename, key):
    assert refusal(content, filename) == key


# --- Big5 ---------------------------------------------------------------------------------------

BIG5_ROWS = [
    ["序號", "問題類別", "問題描述", "責任部門", "整改時限"],
    ["1", "黨的建設", "學習貫徹不深入", "辦公室", "2024年6月30日"],
    ["2", "作風建設", "會議過多、文件過多", "綜合科", "2024年12月31日"],
]
# Simplified text with characters outside GB2312 (镕, 喆, 堃, 珺): GBK, never taken for Big5.
GBK_ROWS = [
    ["编号", "问题描述", "责任人"],
    ["1", "学习贯彻不深入", "朱镕基"],
    ["2", "会议多", "王喆"],
    ["3", "制度", "李堃"],
]


@pytest.mark.parametrize(
    ("rows", "encoding"),
    [
        pytest.param(BIG5_ROWS, "big5", id="big5 is read as big5, not as the gb18030 it also decodes as"),
        pytest.param(BIG5_ROWS, "cp950", id="windows big5"),
        pytest.param(GBK_ROWS, "gbk", id="gbk with rare characters stays gbk"),
        pytest.param([["编号", "问题描述"], ["1", "学习"]], "gbk", id="a little gbk stays gbk"),
    ],
)
def test_a_chinese_csv_is_read_in_its_own_encoding(rows, encoding):
    assert only_sheet(delimited(rows, ",").encode(encoding), "台账.csv").rows == rows


def test_big5_read_as_gb18030_would_have_been_the_wrong_characters():
    # Why the check exists: every byte decodes without error, into nothing the ledger said.
    misread = delimited(BIG5_ROWS, ",").encode("big5").decode("gb18030")
    assert misread.split(",")[1] == "拜肈摸\ue715"  # 問題類別: a rare character and a private one


# --- End to end ---------------------------------------------------------------------------------


def html_ledger() -> bytes:
    """An OA export: a title across the table, the header, five problems in two categories
    merged down their rows, a sign-off line; GB2312 declared, saved as 整改台账.xls."""
    width = len(LEDGER)
    problems = [
        (
            "1",
            "党的建设",
            "学习贯彻习近平新时代中国特色社会主义思想不深入",
            "制定学习计划<br>开展专题学习",
            "办公室",
        ),
        ("2", None, "民主集中制执行不到位", "修订议事规则", "办公室"),
        ("3", None, "基层党组织建设薄弱", "开展支部标准化建设", "组织科"),
        ("4", "作风建设", "文山会海问题突出", "精简会议文件", "综合科"),
        ("5", None, "调查研究不深入", "建立调研制度", "综合科"),
    ]
    spans = {"党的建设": 3, "作风建设": 2}
    rows = []
    for number, category, problem, measures, department in problems:
        first = f'<td rowspan="{spans[category]}">{category}</td>' if category else ""
        rows.append(
            f"<tr><td>{number}</td>{first}<td>{problem}</td><td>{measures}</td><td>{department}</td>"
            "<td>2024年6月30日</td><td>已完成</td><td>已完成</td></tr>"
        )
    body = (
        f'<table border="1"><tr><td colspan="{width}">某某局巡察反馈问题整改台账</td></tr>'
        + "<tr>"
        + "".join(f"<th>{h}</th>" for h in LEDGER)
        + "</tr>"
        + "\n".join(rows)
        + f'<tr><td colspan="{width}">填报人：张三&nbsp;&nbsp;联系电话：12345678</td></tr></table>'
    )
    return page(body, GB_META).encode("gbk")


def test_an_html_ledger_named_xls_is_checked_with_its_categories_from_the_merged_cells():
    check = check_file(html_ledger(), "整改台账.xls")
    assert check.accepted, [e.message() for e in check.errors]
    findings = check.findings
    assert len(findings) == 5
    assert findings["category"].tolist() == ["党的建设"] * 3 + ["作风建设"] * 2
    assert findings["department"].value_counts().to_dict() == {"办公室": 2, "组织科": 1, "综合科": 2}
    assert findings["measures"].iloc[0] == "制定学习计划\n开展专题学习"


def test_the_html_ledger_reads_as_its_grid():
    grid = only_sheet(html_ledger())
    assert grid.rows[1] == LEDGER
    assert ((2, 1), (4, 1)) in grid.merged and ((5, 1), (6, 1)) in grid.merged
    assert grid.rows[-1][0] == "填报人：张三 联系电话：12345678"


def test_a_unicode_text_ledger_from_excel_is_checked_like_the_xlsx():
    rows = [LEDGER] + [
        [str(n), "党的建设", f"问题{n}", "措施", "办公室", "2024-06-30", "已完成", "已完成"]
        for n in range(1, 4)
    ]
    check = check_file(delimited(rows, "\t").encode("utf-16"), "整改台账.txt")
    assert check.accepted, [e.message() for e in check.errors]
    assert len(check.findings) == 3
