"""Each layout progress notices are published in, written here in their style (issue 15): the
category, problem, measures and progress of every item, the introduction and the page furniture
of government sites left out, and a copy cut off mid-item read as far as it goes."""

import random

import pytest

from rectification.notices.parse import parse_notice


def items(text: str) -> list[tuple[str, str]]:
    findings = parse_notice(text).check.findings
    return list(zip(findings["category"], findings["problem"], strict=True))


QUOTED_HEADINGS = """中共某县委巡察办关于县水利局巡察整改进展情况的通报
（一）关于“政治建设”方面
1.关于“学习贯彻党的创新理论不深入”问题的整改
整改情况：一是修订党组理论学习中心组学习制度；二是每月通报学习情况。
2.关于“意识形态工作责任制落实不到位”的问题
整改情况：已召开专题会议研究部署，整改完成。
（二）关于“作风建设”方面
1、公务用车管理不规范。
整改进展：已完成公务用车清查。
"""


def test_quoted_category_and_problem_headings_name_them_without_the_quotes():
    assert items(QUOTED_HEADINGS) == [
        ("政治建设", "学习贯彻党的创新理论不深入"),
        ("政治建设", "意识形态工作责任制落实不到位"),
        ("作风建设", "公务用车管理不规范"),
    ]
    findings = parse_notice(QUOTED_HEADINGS).check.findings
    # The first problem's 一是/二是 are its measures; the others have none.
    assert [bool(t) for t in findings["tasks"]] == [True, False, False]
    assert findings["progress"].iloc[2] == "已完成公务用车清查。"


SUB_POINTS = """关于巡察整改进展情况的通报
（一）关于党的建设方面
1.基层党组织建设薄弱
（1）部分支部换届不及时。
（2）发展党员程序不规范。
整改进展：已督促3个支部完成换届，规范发展党员程序。
2.党费收缴不规范
整改进展：正在核查补缴。
"""


def test_numbered_details_under_a_problem_stay_part_of_that_problem():
    assert items(SUB_POINTS) == [
        ("党的建设", "基层党组织建设薄弱（1）部分支部换届不及时。（2）发展党员程序不规范。"),
        ("党的建设", "党费收缴不规范"),
    ]


SENTENCE_CATEGORIES = """关于巡察整改情况的通报
（一）落实全面从严治党主体责任不到位。
党组研究党风廉政建设不经常。
整改情况：已将党风廉政建设纳入党组会议每季度议题。
（二）贯彻中央八项规定精神不严格。
超标准接待。
整改情况：已退缴超标准接待费用。
"""


def test_a_category_written_as_a_sentence_takes_the_short_problem_lines_under_it():
    assert items(SENTENCE_CATEGORIES) == [
        ("落实全面从严治党主体责任不到位", "党组研究党风廉政建设不经常"),
        ("贯彻中央八项规定精神不严格", "超标准接待"),
    ]


WITH_INTRODUCTION = """中共某区委第三巡察组关于区教育局巡察整改进展情况的通报
根据区委巡察工作统一部署，区委第三巡察组对区教育局党组进行了巡察。现将整改进展情况予以公布。
一、整改工作基本情况
（一）提高政治站位，加强组织领导。局党组成立整改工作领导小组。
（二）坚持问题导向，细化整改措施。共梳理问题2个。
二、巡察反馈问题整改落实情况
（一）关于政治建设方面问题的整改情况
一是理论学习不够深入。进展：已完成。
（二）关于作风建设方面问题的整改情况
一是督查检查过多。进展：正在整改。
三、下一步工作打算
（一）持续巩固整改成果。
欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0431-1234567
"""


def test_the_introduction_and_the_next_steps_are_not_problems_and_their_headings_not_categories():
    parsed = parse_notice(WITH_INTRODUCTION)
    assert items(WITH_INTRODUCTION) == [("政治建设", "理论学习不够深入"), ("作风建设", "督查检查过多")]
    assert (parsed.unit, parsed.round) == ("中共某区委第三巡察组", "区教育局巡察")


FURNITURE = """首页 > 信息公开 > 巡察工作
信息索引号：11220100-2023-00012
发布机构：区委巡察办
成文日期：2023-07-10
中共某区委关于六届区委第二轮巡察整改进展情况的通报
分享到：
字号：大 中 小
朗读
浏览量：1024
截至2023年6月30日，反馈问题2个，已完成整改1个。
（一）关于政治建设方面问题的整改情况
一是学习不深入。进展：已完成整改。二是制度不健全。进展：正在修订。
联系电话：0431-1234567
邮政信箱：长春市某区某路1号
【打印】【关闭】
"""


def test_page_furniture_of_a_government_site_is_skipped_and_the_title_gives_unit_and_round():
    parsed = parse_notice(FURNITURE)
    assert (parsed.unit, parsed.round) == ("中共某区委", "六届区委第二轮巡察")
    assert items(FURNITURE) == [("政治建设", "学习不深入"), ("政治建设", "制度不健全")]
    unparsed = [f for f in parsed.check.warnings if f.key == "notice.unparsed_line"]
    assert unparsed == []
    assert parsed.claimed == {"total": 2, "done": 1}


CUT_OFF = """关于巡察整改进展情况的通报
（一）关于政治建设方面问题的整改情况
一是学习不深入。进展：已完成整改。二是制度不健全。进展：正在修订。
（二）关于作风建设方面问题的整改情况
一是公务接待超标
"""


def test_a_copy_cut_off_mid_item_reads_what_is_there_and_says_where_it_stopped():
    parsed = parse_notice(CUT_OFF)
    assert items(CUT_OFF)[:2] == [("政治建设", "学习不深入"), ("政治建设", "制度不健全")]
    cut = [f for f in parsed.check.warnings if f.key == "notice.cut_off"]
    assert [f.row for f in cut] == [5]
    assert "第5行" in cut[0].message()


FRAGMENTS = [
    "（一）关于政治建设方面问题的整改情况", "（二）", "一、整改工作基本情况", "二、", "1.", "（1）", "一是",
    "二是问题。进展：", "进展：", "整改情况：", "整改进展：一是；二是", "关于“”的问题", "关于“方面",
    "问题25个，已完成整改19个", "任务106个，已完成98个", "完成率%", "截至2024年13月40日", "联系电话：",
    "首页 > ", "信息索引号：", "附件", "特此通报", "2024年5月10日", "……", "“", "”", "：", "。", "；", "\t",
    "\u3000", "#", "[bookmark: x]", "十一是", "九十九是", "（十）", "一百是", "x" * 300, "",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(60))
def test_no_text_makes_reading_a_notice_fail(seed):
    rng = random.Random(seed)
    count = rng.randint(0, 30)
    lines = ["".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 4))) for _ in range(count)]
    text = "\n".join(lines)
    for cut in (text, text[: rng.randint(0, max(len(text), 1))]):
        parsed = parse_notice(cut)
        assert parsed.check.accepted or parsed.check.errors  # refused says why; never raises


@pytest.mark.parametrize("seed", range(8))
def test_notice_parse_on_the_command_line_answers_every_text_without_an_internal_error(
    tmp_path, capsys, seed
):
    from rectification.__main__ import main

    rng = random.Random(1000 + seed)
    count = rng.randint(0, 30)
    lines = ["".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 4))) for _ in range(count)]
    path = tmp_path / "通报.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    for json_flag in ([], ["--json"]):
        assert main(["notice", "parse", str(path), *json_flag]) in (0, 1)
        said = capsys.readouterr()
        shown = said.out + said.err
        assert "Traceback" not in shown and "internal error" not in shown.lower()
