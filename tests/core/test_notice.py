"""Progress notices both ways: the seed notice read into a ledger, variants of the format,
and a written notice read back into the same findings."""

import io
from datetime import date

import pytest

from rectification.intake import check_path
from rectification.notices.docx import docx_text, notice_docx, title_lines
from rectification.notices.numerals import chinese_date, chinese_number
from rectification.notices.parse import parse_notice
from rectification.notices.write import compose_notice, notice_text
from tests.builders import SAMPLE, SEED_NOTICE

SEED = SEED_NOTICE.read_text(encoding="utf-8")
SAMPLE_FINDINGS = check_path(SAMPLE).findings  # the seed, transcribed by hand


def keys(flags):
    return [(f.key, f.row) for f in flags]


def test_the_seed_notice_reads_as_30_findings_in_5_categories():
    parsed = parse_notice(SEED, "seed.txt")
    findings = parsed.check.findings
    assert parsed.check.accepted
    assert findings.groupby("category", sort=False).size().to_dict() == {
        "政治建设": 11, "主责主业": 6, "营商环境": 7, "项目建设": 3, "作风建设": 3,
    }  # fmt: skip
    assert findings["problem"].tolist() == SAMPLE_FINDINGS["problem"].tolist()
    assert findings["progress"].tolist() == SAMPLE_FINDINGS["progress"].tolist()
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
    text = notice_text(compose_notice(SAMPLE_FINDINGS, SAMPLE_AS_OF), markdown=markdown)
    back = parse_notice(text).check.findings
    columns = ["category", "problem", "measures", "progress"]
    assert back[columns].reset_index(drop=True).equals(SAMPLE_FINDINGS[columns].reset_index(drop=True))


def test_a_written_word_notice_reads_back_as_the_same_findings():
    content = notice_docx(compose_notice(SAMPLE_FINDINGS, SAMPLE_AS_OF))
    back = parse_notice(docx_text(content)).check.findings
    assert back["problem"].tolist() == SAMPLE_FINDINGS["problem"].tolist()


def test_a_notice_stating_its_date_is_read_as_of_that_date_and_one_without_has_none():
    assert (
        parse_notice(notice_text(compose_notice(SAMPLE_FINDINGS, SAMPLE_AS_OF))).check.as_of == SAMPLE_AS_OF
    )
    assert parse_notice(SEED).check.as_of is None


@pytest.mark.parametrize("form", ["text", "markdown", "word"])
def test_a_written_notices_closing_and_sign_off_read_back_as_closing_lines(form):
    notice = compose_notice(SAMPLE_FINDINGS, SAMPLE_AS_OF, unit="中共某区工作委员会", round_="六届区委巡察")
    text = (
        docx_text(notice_docx(notice)) if form == "word" else notice_text(notice, markdown=form == "markdown")
    )
    warnings = parse_notice(text).check.warnings
    assert [f.value for f in warnings if f.key == "notice.closing_line"] == [
        notice.closing[:80],
        "中共某区工作委员会",
        "2023年6月30日",
    ]
    assert [f for f in warnings if f.key == "notice.unparsed_line"] == []


def test_measures_are_written_and_read_back_with_their_own_marker():
    ledger = SAMPLE_FINDINGS.head(2).assign(measures=["召开专题会议", ""])
    back = parse_notice(notice_text(compose_notice(ledger, SAMPLE_AS_OF))).check.findings
    assert back["measures"].tolist() == ["召开专题会议", ""]


SAMPLE_AS_OF = check_path(SAMPLE).as_of

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
    # The first problem's two points are its measures (tests/core/test_notice_measures.py): one
    # reads done (修订), the other says nothing done, so the problem is in progress.
    assert findings["status"].tolist() == ["in_progress", "done", "in_progress"]
    assert [bool(t) for t in findings["tasks"]] == [True, False, False]


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


# The written notice as an official document (GB/T 9704-2012): parts, plain text, Word layout.

UNIT, ROUND = "中共长春市二道经济开发区工作委员会", "六届区委“机动式”巡察"
CLOSING = f"欢迎广大干部群众对{ROUND}整改落实情况进行监督。如有意见建议，请及时向我们反映。"


@pytest.fixture(scope="module")
def word():
    """The sample's notice signed by the seed's unit for its round, opened with python-docx."""
    from docx import Document

    return Document(
        io.BytesIO(notice_docx(compose_notice(SAMPLE_FINDINGS, SAMPLE_AS_OF, unit=UNIT, round_=ROUND)))
    )


def body_paragraphs(document):
    return [p for p in document.paragraphs if p.text]


@pytest.mark.parametrize(
    ("given", "title", "closing_round", "sign_off"),
    [
        ({}, "关于巡察整改进展情况的通报", "巡察", ("", "2023年6月30日")),
        ({"unit": UNIT}, f"{UNIT}关于巡察整改进展情况的通报", "巡察", (UNIT, "2023年6月30日")),
        (
            {"unit": f" {UNIT} ", "round_": ROUND},
            f"{UNIT}关于{ROUND}整改进展情况的通报",
            ROUND,
            (UNIT, "2023年6月30日"),
        ),
    ],
)
def test_the_unit_and_round_given_name_the_title_closing_and_sign_off(given, title, closing_round, sign_off):
    notice = compose_notice(SAMPLE_FINDINGS, SAMPLE_AS_OF, **given)
    assert notice.title == title
    assert notice.closing == CLOSING.replace(ROUND, closing_round)
    assert (notice.unit, notice.dated) == sign_off


def test_the_ledgers_own_unit_and_round_are_used_when_none_is_given():
    notice = compose_notice(SAMPLE_FINDINGS.assign(unit="某县委员会", round="第一轮巡察"), SAMPLE_AS_OF)
    assert (notice.title, notice.unit) == ("某县委员会关于第一轮巡察整改进展情况的通报", "某县委员会")


@pytest.mark.parametrize(
    ("day", "written"), [(date(2023, 6, 30), "2023年6月30日"), (date(2024, 1, 5), "2024年1月5日")]
)
def test_the_date_is_written_in_chinese_without_leading_zeros(day, written):
    assert chinese_date(day) == written


@pytest.mark.parametrize("markdown", [False, True])
def test_plain_text_and_markdown_end_with_the_closing_then_the_unit_then_the_date(markdown):
    text = notice_text(
        compose_notice(SAMPLE_FINDINGS, SAMPLE_AS_OF, unit=UNIT, round_=ROUND), markdown=markdown
    )
    lines = [line for line in text.splitlines() if line]
    assert lines[-3:] == [CLOSING, UNIT, "2023年6月30日"]
    assert ("\n\n" in text[text.rindex(UNIT) :]) is markdown  # Markdown would run the two together


def test_a_notice_without_a_unit_ends_with_the_date_alone():
    lines = notice_text(compose_notice(SAMPLE_FINDINGS, SAMPLE_AS_OF)).splitlines()
    assert lines[-3:] == [CLOSING.replace(ROUND, "巡察"), "", "2023年6月30日"]


def test_a_written_word_notice_reads_back_its_unit_and_round(word):
    buffer = io.BytesIO()
    word.save(buffer)
    parsed = parse_notice(docx_text(buffer.getvalue()))
    assert (parsed.unit, parsed.round, len(parsed.check.findings)) == (UNIT, ROUND, 30)


@pytest.mark.parametrize(
    ("dimension", "cm"),
    [
        ("page_width", 21),
        ("page_height", 29.7),
        ("top_margin", 3.7),
        ("bottom_margin", 3.5),
        ("left_margin", 2.8),
        ("right_margin", 2.6),
    ],
)
def test_the_word_notice_is_a4_with_the_official_margins(word, dimension, cm):
    assert getattr(word.sections[0], dimension).cm == pytest.approx(cm, abs=0.01)


def test_no_paragraph_uses_the_title_style_and_its_accent_line(word):
    assert "Title" not in {p.style.name for p in word.paragraphs}


def test_the_title_is_centred_in_xiaobiaosong_22_points_and_names_the_unit_and_round(word):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    title = word.paragraphs[0]
    assert title.text.replace("\n", "") == f"{UNIT}关于{ROUND}整改进展情况的通报"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.style.name == "Normal"
    fonts = {(fonts_of(run.element), run.font.size.pt) for run in title.runs}
    assert fonts == {(("方正小标宋简体",) * 3, 22)}


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("关于巡察整改进展情况的通报", ["关于巡察整改进展情况的通报"]),
        (
            f"{UNIT}关于{ROUND}整改进展情况的通报",
            [f"{UNIT}关于", f"{ROUND}整改进展情况的通报"],
        ),
        (
            "中共长春市二道经济开发区工作委员会关于巡察整改进展情况的通报",
            [UNIT, "关于巡察整改进展情况的通报"],
        ),
        (
            "中共某某县委员会关于2024年第一轮巡察整改进展情况的通报",
            ["中共某某县委员会关于2024年", "第一轮巡察整改进展情况的通报"],
        ),
        (
            "关于十四届县委第三轮巡察反馈意见整改进展情况的通报",
            ["关于十四届县委第三轮巡察反馈意见", "整改进展情况的通报"],
        ),
    ],
)
def test_a_long_title_breaks_into_even_lines_between_words(title, lines):
    assert title_lines(title) == lines


def test_title_lines_never_exceed_twenty_characters_nor_split_a_quotation():
    title = "中共吉林省长春市二道区经济开发区管理委员会党组关于二〇二四年第三轮“机动式”巡察整改进展情况的通报"
    lines = title_lines(title)
    assert "".join(lines) == title and len(lines) == 3
    assert all(len(line) <= 20 and line.count("“") == line.count("”") for line in lines)


def test_the_sign_off_is_the_unit_then_the_date_in_chinese_right_aligned_below_the_closing(word):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    closing, unit, dated = body_paragraphs(word)[-3:]
    assert (closing.text, unit.text, dated.text) == (CLOSING, UNIT, "2023年6月30日")
    assert closing.style.name == "Normal" and closing.alignment is None
    assert {unit.alignment, dated.alignment} == {WD_ALIGN_PARAGRAPH.RIGHT}
    assert unit.paragraph_format.right_indent.pt == 32  # 右空二字
    assert unit.paragraph_format.space_before.pt == 28  # 正文下空一行
    assert closing.paragraph_format.keep_with_next and unit.paragraph_format.keep_with_next  # together


def test_the_footer_numbers_pages_as_dash_page_field_dash_centred(word):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    footer = word.sections[0].footer.paragraphs[0]
    instructions = [i.text.strip() for i in footer._p.iter(qn("w:instrText"))]
    kinds = [c.get(qn("w:fldCharType")) for c in footer._p.iter(qn("w:fldChar"))]
    assert (instructions, kinds) == (["PAGE"], ["begin", "separate", "end"])
    assert footer.text == "— 1 —" and footer.alignment == WD_ALIGN_PARAGRAPH.CENTER


THEME_ATTRIBUTES = ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme")


def fonts_of(element) -> tuple[str | None, ...]:
    """(ascii, hAnsi, eastAsia) of an element's rFonts; a theme attribute present fails the test."""
    from docx.oxml.ns import qn

    fonts = element.find(f".//{qn('w:rFonts')}")
    assert not [a for a in THEME_ATTRIBUTES if fonts.get(qn(f"w:{a}")) is not None]
    return tuple(fonts.get(qn(f"w:{name}")) for name in ("ascii", "hAnsi", "eastAsia"))


@pytest.mark.parametrize(("style", "font"), [("Normal", "仿宋"), ("Heading 1", "楷体")])
def test_the_styles_used_name_their_fonts_without_theme_references(word, style, font):
    assert fonts_of(word.styles[style].element) == (font,) * 3
    assert word.styles[style].font.size.pt == 16


def test_the_document_defaults_name_fangsong_and_tag_east_asian_text_chinese(word):
    from docx.oxml.ns import qn

    defaults = word.styles.element.find(qn("w:docDefaults"))
    assert fonts_of(defaults) == ("仿宋",) * 3
    languages = {lang.get(qn("w:eastAsia")) for lang in word.styles.element.iter(qn("w:lang"))}
    assert languages == {"zh-CN"}
    assert word.settings.element.find(qn("w:themeFontLang")).get(qn("w:eastAsia")) == "zh-CN"


def test_no_style_keeps_a_theme_font_reference(word):
    from docx.oxml.ns import qn

    for fonts in word.styles.element.iter(qn("w:rFonts")):
        assert not [a for a in THEME_ATTRIBUTES if fonts.get(qn(f"w:{a}")) is not None]


def test_body_lines_are_exactly_28_points_with_a_two_character_first_line_indent(word):
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn

    normal = word.styles["Normal"].paragraph_format
    assert (normal.line_spacing_rule, normal.line_spacing.pt) == (WD_LINE_SPACING.EXACTLY, 28)
    assert (normal.space_before.pt, normal.space_after.pt) == (0, 0)
    body = [p for p in body_paragraphs(word)[1:-2] if p.style.name == "Normal"]
    assert len(body) == 1 + 5 + 1  # the summary, a paragraph a category, the closing
    for paragraph in body:
        indent = paragraph._p.pPr.find(qn("w:ind"))
        assert (indent.get(qn("w:firstLineChars")), indent.get(qn("w:firstLine"))) == ("200", "640")


def test_headings_are_black_regular_kaiti_with_no_extra_space_and_kept_with_their_text(word):
    heading = word.styles["Heading 1"]
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "（一）关于政治建设方面问题的整改情况" and len(headings) == 5
    assert str(heading.font.color.rgb) == "000000" and heading.font.color.theme_color is None
    assert not heading.font.bold
    layout = heading.paragraph_format
    assert (layout.space_before.pt, layout.space_after.pt, layout.line_spacing.pt) == (0, 0, 28)
    assert layout.keep_with_next


@pytest.mark.parametrize("days", [3, 15, 30])
def test_the_written_notice_counts_due_soon_with_the_warning_days_of_the_dashboard(days):
    notice = compose_notice(SAMPLE_FINDINGS, date(2023, 6, 30), warning_days=days)
    assert f"{days}日内到期" in notice.summary


@pytest.mark.parametrize(
    ("value", "numeral"),
    [(1, "一"), (10, "十"), (11, "十一"), (23, "二十三"), (100, "一百"), (105, "一百零五"), (120, "一百二十"),
     (1010, "一千零一十")],
)  # fmt: skip
def test_a_notice_numbers_findings_past_ninety_nine_in_words(value, numeral):
    from rectification.notices.numerals import chinese_numeral

    assert chinese_numeral(value) == numeral
