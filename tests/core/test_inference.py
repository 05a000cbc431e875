"""Judging status from progress wording when a sheet keeps no status column."""

import pandas as pd
import pytest

from rectification.inference import infer_status, infer_statuses

CASES = [
    ("已制定人才引进配套制度，进一步加强干部队伍建设", "done"),
    ("已将专项债券资金全部使用完毕并常抓不懈", "done"),
    ("66kv变电站前期手续已办理完成，正在施工", "in_progress"),
    ("有序推动年度储备计划制定工作", "in_progress"),
    ("该项工作基本完成", "in_progress"),
    ("相关工作报会审议，持续加强落实集体决策制度", "long_term"),
    ("尚未启动", "pending"),
    ("未完成", "pending"),
    ("召开会议研究，传达相关文件", "done"),  # a notice reports finished work as plain deeds
    ("正在制定实施方案", "in_progress"),
    ("持续开展专题学习", "long_term"),
    ("部分企业已完成缴纳", "done"),  # "部分" alone is not "partly done"
    ("会议讨论了相关情况", None),
    ("", None),
]


@pytest.mark.parametrize(("progress", "status"), CASES)
def test_status_is_inferred_from_progress_wording(progress, status):
    assert infer_status(progress) == status


def test_column_inference_agrees_with_one_by_one_inference():
    progress = pd.Series([text for text, _ in CASES])
    assert infer_statuses(progress).tolist() == [status for _, status in CASES]


def test_inference_agrees_with_a_person_on_most_of_the_seed_notice():
    """The sample ledger's statuses were judged by a person from the seed notice's progress
    texts; the rules must agree on at least 25 of the 30 (measured: 26)."""
    from rectification.intake import check_path
    from tests.builders import SAMPLE

    sample = check_path(SAMPLE).findings
    agree = (infer_statuses(sample["progress"]) == sample["status"]).sum()
    assert agree >= 25
