"""Excel 2003 "XML Spreadsheet" files, as Java and OA systems write them under ".xls" (issue 11)."""

import pytest

from rectification.errors import UnreadableFile
from rectification.intake import check_file
from rectification.xml_spreadsheet import read_xml_spreadsheet

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
    'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
)


def _cell(text, **attributes):
    extra = "".join(f' ss:{k}="{v}"' for k, v in attributes.items())
    return f'<Cell{extra}><Data ss:Type="String">{text}</Data></Cell>'


def _book(*sheets):
    body = "".join(
        f'<Worksheet ss:Name="{name}"><Table>'
        + "".join("<Row>" + "".join(row) + "</Row>" for row in rows)
        + "</Table></Worksheet>"
        for name, rows in sheets
    )
    return (HEAD + body + "</Workbook>").encode("utf-8")


LEDGER = _book(
    (
        "整改台账",
        [
            [_cell("整改台账（截至2024年6月30日）", MergeAcross=4)],
            [_cell(t) for t in ("序号", "问题类别", "问题描述", "整改时限", "整改状态")],
            [
                _cell("1"),
                _cell("党建", MergeDown=1),
                _cell("学习不深入"),
                _cell("2024-03-31T00:00:00.000"),
                _cell("推进中"),
            ],
            [_cell("2"), _cell("会议过多", Index=3), _cell("年底前"), _cell("已完成")],
        ],
    )
)


def test_a_worksheet_is_read_with_its_index_gaps_and_merges():
    (grid,) = read_xml_spreadsheet(LEDGER)
    assert grid.sheet == "整改台账"
    assert grid.rows[3] == ["2", None, "会议过多", "年底前", "已完成"]
    assert grid.merged == [((0, 0), (0, 4)), ((2, 1), (3, 1))]


@pytest.mark.parametrize("name", ["export.xls", "export.xml", "export"])
def test_an_xml_spreadsheet_ledger_is_read_whatever_its_name(name):
    check = check_file(LEDGER, name)
    assert check.accepted, [e.message() for e in check.errors]
    assert check.findings["category"].tolist() == ["党建", "党建"]  # merged down
    assert check.findings["status"].tolist() == ["in_progress", "done"]
    assert check.as_of.isoformat() == "2024-06-30"


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (HEAD.encode() + b"<Worksheet ss:Name='x'><Table><Row><Cell>", "file.unreadable"),  # cut off
        (
            b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;'
            b'&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;'
            b'&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;'
            b'&e;&e;&e;">]><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet>'
            b"<Table><Row><Cell><Data>&f;&f;&f;&f;&f;&f;&f;&f;</Data></Cell></Row></Table></Worksheet>"
            b"</Workbook>",
            "file.unreadable",
        ),
        (_book(("x", [[_cell("a", Index=20000)]])), "file.too_large"),
    ],
    ids=["cut off", "entity expansion", "past Excel's last column"],
)
def test_a_broken_or_hostile_xml_spreadsheet_is_refused_with_its_reason(content, key):
    with pytest.raises(UnreadableFile) as refused:
        read_xml_spreadsheet(content)
    assert refused.value.key == key


def test_an_xml_spreadsheet_is_read_as_a_workbook_not_taken_for_an_html_page():
    from rectification.sheets import open_workbook

    content = (
        b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
        b"<Worksheet><Table><Row><Cell><Data>x</Data></Cell></Row></Table></Worksheet></Workbook>"
    )
    book = open_workbook(content, "台账.xls")
    assert book.sheet_names == ["Sheet1"]
    assert book.load("Sheet1", None).rows == [["x"]]
