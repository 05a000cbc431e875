"""Headers as people write them (issue 11): our names with words around them, and a "did you
mean" for the ones that name nothing."""

import pytest

from rectification.grid import Grid
from rectification.ledger import build_ledger
from rectification.schema import field_for_header, header_suggestion


@pytest.mark.parametrize(
    ("written", "field"),
    [
        ("整改完成时限", "deadline"),
        ("整改责任部门", "department"),
        ("具体整改措施", "measures"),
        ("责任单位（部门）", "department"),
        ("完成时限*", "deadline"),
        ("整\n改\n时\n限", "deadline"),
        ("责任\u3000部门", "department"),
        ("整改责任人", "owner"),
        ("目前进展", "progress"),
        ("是否完成整改", "status"),
        ("完成进度", "status"),
        ("ref_id", "id"),
        ("due_date", "deadline"),
        ("涉及金额（万元）", "amount"),
        ("已整改金额（元）", "amount_rectified"),
        ("问题定性依据", None),
        # 繁體 headers, as Big5 systems and offices in Hong Kong and Taiwan write them.
        ("問題類別", "category"),
        ("問題描述", "problem"),
        ("責任部門", "department"),
        ("整改時限", "deadline"),
        ("整改進展", "progress"),
        ("整改狀態", "status"),
        ("具體整改措施", "measures"),
    ],
)
def test_a_header_written_as_offices_write_it_names_its_field(written, field):
    assert field_for_header(written) == field


@pytest.mark.parametrize(
    ("written", "meant"),
    [("整改时线", "deadline"), ("责任部们", "department"), ("整改措失", "measures"), ("联系人", None)],
)
def test_a_header_that_names_no_field_may_suggest_the_one_meant(written, meant):
    assert header_suggestion(written) == meant


def test_an_ignored_column_is_listed_with_the_field_it_may_have_meant():
    rows = [["序号", "问题类别", "问题描述", "整改时线", "联系人"], ["1", "党建", "a", "2024-06-30", "张三"]]
    check = build_ledger(Grid("台账", rows, []), "t.xlsx")
    said = {w.value: w.message("zh") for w in check.warnings if w.key.startswith("column.ignored")}
    assert said == {
        "整改时线": "列“整改时线”不是台账字段，已忽略；是否应为“整改时限”？如是，请改列名后重新上传",
        "联系人": "列“联系人”不是台账字段，已忽略",
    }
