"""Judging a finding's status from its progress text, for sheets that keep no status column.

The rules are checked in order, so "基本完成" is in progress and "未完成" is pending before the
word "完成" could count as done. A text that none of them decides gives None. Measured on the
seed notice against a person's reading: see tests/core/test_inference.py.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

STATUS_RULES: tuple[tuple[str, str], ...] = (
    ("pending", r"未启动|尚未|未开展|未完成|未整改|暂未|还未|没有开展"),
    (
        "in_progress",
        r"正在|推进中|整改中|基本完成|阶段性|部分完成|部分整改|加紧|逐步|有序推动|下一步|拟于|计划于|将于"
        r"|待完成",
    ),
    (
        "done",
        r"已完成|完成整改|已整改|整改完成|已销号|已办结|已制定|已召开|已开展|已将|已于|已全部|完毕"
        r"|已建立|已出台|已印发|已修订|已落实|已组织|已上交|已签订|已补充|已追回|已清退|已移交"
        r"|已调整|已完善|已收回|已退还|已纠正",
    ),
    ("long_term", r"长期坚持|持续|常态化|常抓不懈|长效|进一步加强|不断|深化|严格落实|严格执行|定期"),
    # Notices report finished work as plain deeds ("召开会议…制定制度"): weaker than the words
    # above, so "持续开展" stays long-term and "正在制定" in progress.
    (
        "done",
        r"召开|制定|成立|完善|修订|印发|出台|建立|发布|调整|更新|梳理|移交|上交|开展了|研究|传达|发放"
        r"|制作|签订|组织|撰写",
    ),
)

_COMPILED = tuple((code, re.compile(pattern)) for code, pattern in STATUS_RULES)


def infer_status(progress: str) -> str | None:
    """The status a progress text implies, or None when its wording decides nothing."""
    for code, pattern in _COMPILED:
        if pattern.search(progress or ""):
            return code
    return None


def infer_statuses(progress: pd.Series) -> pd.Series:
    """`infer_status` over a column, in one pass per rule; undecided rows are None."""
    text = progress.fillna("").astype(str)
    masks = [text.str.contains(pattern, regex=True).to_numpy(bool) for _, pattern in STATUS_RULES]
    codes = np.select(masks, [code for code, _ in STATUS_RULES], default="")
    return pd.Series(codes, index=progress.index, dtype=object).replace("", None)
