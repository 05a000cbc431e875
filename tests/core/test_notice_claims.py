"""The figures a notice states of itself, in the phrasings published notices use (issue 15)."""

import pytest

from rectification.notices.claims import notice_claims
from rectification.notices.parse import parse_notice


def figures(text: str) -> dict[str, object]:
    return {name: claim.value for name, claim in notice_claims(text).items()}


@pytest.mark.parametrize(
    ("said", "read"),
    [
        (
            "反馈问题25个，已完成整改19个、正在整改6个，整改完成率76%",
            {"total": 25, "done": 19, "in_progress": 6, "rate": 0.76},
        ),
        (
            "巡察问题8个，已完成整改7个，阶段性完成1个，未完成0个",
            {"total": 8, "done": 7, "partial": 1, "pending": 0},
        ),
        ("7方面20个问题，已完成整改19个", {"aspects": 7, "total": 20, "done": 19}),
        ("梳理分解整改任务106个，已完成整改98个", {"tasks_total": 106, "tasks_done": 98}),
        (
            "反馈问题4个大方面26个大项，梳理分解整改任务106个，已完成整改98个",
            {"aspects": 4, "total": 26, "tasks_total": 106, "tasks_done": 98},
        ),
        (
            "七个方面的问题共32个问题，已完成整改30个，正在整改2个",
            {"aspects": 7, "total": 32, "done": 30, "in_progress": 2},
        ),
        (
            "截至2024年5月10日，问题45个，已完成40个；分解整改任务156项，已完成150项，完成率96.2%",
            {"total": 45, "done": 40, "tasks_total": 156, "tasks_done": 150, "as_of": "2024-05-10"},
        ),
        (
            "共30个问题，已完成21个，推进中5个，长期坚持4个，未启动0个",
            {"total": 30, "done": 21, "in_progress": 5, "long_term": 4, "pending": 0},
        ),
    ],
)
def test_each_phrasing_gives_the_figures_it_states(said, read):
    assert figures(said) == read


def test_the_tasks_done_are_never_taken_for_the_problems_done():
    # After the task figure the sentence is the tasks'; the problems' done is before it.
    read = figures("问题45个；分解整改任务156项，已完成150项")
    assert read == {"total": 45, "tasks_total": 156, "tasks_done": 150}


def test_a_stage_done_or_not_done_count_is_not_the_done_count():
    assert figures("问题8个，阶段性完成1个，已完成7个")["done"] == 7
    assert figures("问题8个，未完成3个，已完成5个")["done"] == 5


def test_each_figure_keeps_the_sentence_it_is_stated_in():
    claims = notice_claims("一、基本情况\n巡察反馈问题8个，已完成整改7个。整改任务20项，已完成18项。")
    assert claims["total"].sentence == "巡察反馈问题8个，已完成整改7个"
    assert claims["tasks_done"].sentence == "整改任务20项，已完成18项"


NOTICE = """关于巡察整改进展情况的通报
截至2024年5月10日，2个方面反馈问题3个，已完成整改2个，正在整改1个，未完成0个，整改完成率66.7%。
（一）关于党建方面问题的整改情况
一是问题甲。进展：已完成整改。二是问题乙。进展：正在推进。
（二）关于作风方面问题的整改情况
一是问题丙。进展：暂未启动。
"""


def test_figures_the_items_do_not_give_are_warned_about_quoting_the_sentence():
    check = parse_notice(NOTICE).check
    flags = {f.key: f.message() for f in check.warnings if f.key.startswith("notice.disagrees")}
    # Read: 2 aspects and 3 problems as stated, but 1 done, 1 under way and 1 not started.
    assert set(flags) == {
        "notice.disagrees.done", "notice.disagrees.pending", "notice.disagrees.rate",
    }  # fmt: skip
    assert flags["notice.disagrees.done"] == (
        "通报写明已完成2个，但按进展判断已完成1个（“截至2024年5月10日，2个方面反馈问题3个，已完成整改2个，"
        "正在整改1个，未完成0个，整改完成率66.7%”）"
    )


def test_notice_parse_json_lists_every_stated_figure(tmp_path, capsys):
    import json

    from rectification.__main__ import main

    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    main(["notice", "parse", str(path), "--json"])
    assert json.loads(capsys.readouterr().out)["claims"] == {
        "aspects": 2, "total": 3, "done": 2, "in_progress": 1, "pending": 0, "rate": 0.667,
        "as_of": "2024-05-10",
    }  # fmt: skip


def test_a_written_notice_states_only_figures_the_ledger_gives(monkeypatch):
    from rectification.errors import NoticeFigures
    from rectification.intake import check_path
    from rectification.notices import write
    from tests.builders import SAMPLE

    sample = check_path(SAMPLE)
    summary = write.compose_notice(sample.findings, sample.as_of).summary
    assert "30个问题已完成整改21个" in summary  # and it passed its own check
    # A summary that misstated a figure is refused, naming the sentence.
    monkeypatch.setattr(write, "summary_paragraph", lambda *a, **k: summary.replace("整改21个", "整改22个"))
    with pytest.raises(NoticeFigures) as refused:
        write.compose_notice(sample.findings, sample.as_of)
    assert "已完成整改22个" in refused.value.message()
