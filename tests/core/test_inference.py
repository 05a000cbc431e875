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
    ("召开会议研究，传达相关文件", None),
    ("", None),
]


@pytest.mark.parametrize(("progress", "status"), CASES)
def test_status_is_inferred_from_progress_wording(progress, status):
    assert infer_status(progress) == status


def test_column_inference_agrees_with_one_by_one_inference():
    progress = pd.Series([text for text, _ in CASES])
    assert infer_statuses(progress).tolist() == [status for _, status in CASES]
