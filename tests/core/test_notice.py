"""Progress notices both ways: the seed notice read into a ledger, variants of the format,
and a written notice read back into the same findings."""

from pathlib import Path

import pytest

from rectification.intake import check_path
from rectification.notice_parse import chinese_number, parse_notice
from rectification.notice_write import compose_notice, docx_text, notice_docx, notice_text

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "tests" / "fixtures" / "seed_notice.txt").read_text(encoding="utf-8")
SAMPLE = check_path(ROOT / "data" / "sample_ledger.xlsx").findings  # the seed, transcribed by hand


def keys(flags):
    return [(f.key, f.row) for f in flags]


def test_the_seed_notice_reads_as_30_findings_in_5_categories():
    parsed = parse_notice(SEED, "seed.txt")
    findings = parsed.check.findings
    assert parsed.check.accepted
    assert findings.groupby("category", sort=False).size().to_dict() == {
        "政治建设": 11, "主责主业": 6, "营商环境": 7, "项目建设": 3, "作风建设": 3,
    }  # fmt: skip
    assert findings["problem"].tolist() == SAMPLE["problem"].tolist()
    assert findings["progress"].tolist() == SAMPLE["progress"].tolist()
    assert findings["status_inferred"].all()


def test_the_seed_notices_title_gives_the_unit_and_the_round():
    parsed = parse_notice(SEED)
    assert parsed.unit == "中共长春市二道经济开发区工作委员会"
    assert parsed.round == "六届区委“机动式”巡察"
    assert set(parsed.check.findings["unit"]) == {parsed.unit}


def test_the_seed_notices_closing_lines_are_reported_with_their_line_numbers():
    parsed = parse_notice(SEED)
    closing = [f for f in parsed.check.warnings if f.key == "notice.closing_line"]
    assert [f.row for f in closing] == [17, 18, 19]
    assert parsed.check.findings["row"].tolist()[:2] == [8, 8]  # both on the first section's line


@pytest.mark.parametrize("markdown", [False, True])
def test_a_written_notice_reads_back_as_the_same_findings(markdown):
    text = notice_text(compose_notice(SAMPLE, SAMPLE_AS_OF), markdown=markdown)
    back = parse_notice(text).check.findings
    columns = ["category", "problem", "measures", "progress"]
    assert back[columns].reset_index(drop=True).equals(SAMPLE[columns].reset_index(drop=True))


def test_a_written_word_notice_reads_back_as_the_same_findings():
    content = notice_docx(compose_notice(SAMPLE, SAMPLE_AS_OF))
    back = parse_notice(docx_text(content)).check.findings
    assert back["problem"].tolist() == SAMPLE["problem"].tolist()


def test_measures_are_written_and_read_back_with_their_own_marker():
    ledger = SAMPLE.head(2).assign(measures=["召开专题会议", ""])
    back = parse_notice(notice_text(compose_notice(ledger, SAMPLE_AS_OF))).check.findings
    assert back["measures"].tolist() == ["召开专题会议", ""]


SAMPLE_AS_OF = check_path(ROOT / "data" / "sample_ledger.xlsx").as_of

NUMBERED = """关于2024年度巡察整改进展情况的通报
一、关于党的建设方面的问题
1. 学习制度执行不严。整改情况：一是修订学习制度；二是每月检查学习记录。
2. 组织生活不规范
整改措施：规范三会一课。进展：已全部整改完成。
二、关于作风建设方面的问题
（1）公务接待超标准。进展：正在清退超标准费用。
"""


def test_numbered_findings_keep_their_own_first_second_points_in_the_progress():
    findings = parse_notice(NUMBERED).check.findings
    assert findings["category"].tolist() == ["党的建设", "党的建设", "作风建设"]
    assert findings["problem"].tolist() == ["学习制度执行不严", "组织生活不规范", "公务接待超标准"]
    assert findings["progress"].iloc[0] == "一是修订学习制度；二是每月检查学习记录。"
    assert findings["measures"].iloc[1] == "规范三会一课"
    assert findings["status"].tolist() == ["done", "done", "in_progress"]


HALF_WIDTH = """(一)关于财务管理方面问题的整改情况
一是报销审核不严.进展:已修订报销制度.二是票据管理混乱.进展:正在清理票据.
"""


def test_half_width_punctuation_reads_the_same():
    findings = parse_notice(HALF_WIDTH).check.findings
    assert findings["category"].tolist() == ["财务管理", "财务管理"]
    assert findings["problem"].tolist() == ["报销审核不严.", "票据管理混乱."] or findings[
        "problem"
    ].tolist() == [
        "报销审核不严",
        "票据管理混乱",
    ]
    assert findings["status"].tolist() == ["done", "in_progress"]


def summary_notice(total: int, done: int, rate: str) -> str:
    return f"""关于巡察整改进展情况的通报
截至2024年5月10日，{total}个问题已完成整改{done}个，完成率{rate}%。
（一）关于党建方面问题的整改情况
一是问题甲。进展：已完成整改。二是问题乙。进展：正在推进。
"""


def test_a_summary_that_matches_the_findings_raises_no_warning():
    check = parse_notice(summary_notice(2, 1, "50")).check
    assert not [f for f in check.warnings if f.key.startswith("notice.disagrees")]


def test_a_summary_that_contradicts_the_findings_is_warned_about():
    check = parse_notice(summary_notice(3, 2, "66.67")).check
    assert {f.key for f in check.warnings if f.key.startswith("notice.disagrees")} == {
        "notice.disagrees.total", "notice.disagrees.done", "notice.disagrees.rate",
    }  # fmt: skip
    message = next(f for f in check.warnings if f.key == "notice.disagrees.total").message()
    assert "3" in message and "2" in message


def test_lines_that_are_not_findings_are_reported_with_their_line():
    text = "（一）关于党建方面问题的整改情况\n一是问题甲。进展：已完成。\n这一行不知道是什么\n"
    check = parse_notice(text).check
    assert keys(check.warnings)[:1] == [("notice.unparsed_line", 3)]


def test_text_without_category_headings_is_refused():
    check = parse_notice("这不是一份通报。\n只是几行字。").check
    assert not check.accepted and [f.key for f in check.errors] == ["notice.no_sections"]


def test_bookmarks_and_blank_lines_from_word_do_not_matter():
    plain = "（一）关于党建方面问题的整改情况\n一是问题甲。进展：已完成。"
    noisy = (
        "[bookmark: _Hlk1]\n\n（一）关于党建方面问题的整改情况\n\n"
        "[bookmark: _GoBack]一是问题甲。进展：已完成。\n\n"
    )
    a, b = parse_notice(plain).check.findings, parse_notice(noisy).check.findings
    assert a[["category", "problem", "progress"]].equals(b[["category", "problem", "progress"]])


@pytest.mark.parametrize(
    ("heading", "category"),
    [
        ("（一）关于政治建设方面问题的整改情况", "政治建设"),
        ("(二)关于主责主业方面问题的整改情况", "主责主业"),
        ("三、关于营商环境方面的问题", "营商环境"),
        ("（十一）关于选人用人问题的整改情况", "选人用人"),
    ],
)
def test_section_headings_in_their_usual_forms_give_the_category(heading, category):
    text = f"{heading}\n一是某问题。进展：已完成。"
    assert parse_notice(text).check.findings["category"].tolist() == [category]


@pytest.mark.parametrize(
    ("numeral", "value"), [("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十三", 23)]
)
def test_chinese_numerals_count_the_findings(numeral, value):
    assert chinese_number(numeral) == value


def test_an_ordinal_inside_a_progress_text_does_not_start_a_new_finding():
    text = (
        "（一）关于党建方面问题的整改情况\n"
        "一是问题甲。进展：一是召开会议。二是制定制度。二是问题乙。进展：已完成。"
    )
    findings = parse_notice(text).check.findings
    assert findings["problem"].tolist() == ["问题甲", "问题乙"]
    assert findings["progress"].tolist() == ["一是召开会议。二是制定制度。", "已完成。"]
