"""The ledger's one schema: fields, their labels, the headers real sheets use, and statuses.

Everything else (reading, validation, metrics, the template, the pages) refers to these
declarations instead of repeating column names or status words.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from .cell_text import key_text


@dataclass(frozen=True)
class Field:
    name: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    # Offices merge these cells down a group of rows; the value belongs to every row of the group.
    fill_down: bool = False
    kind: str = "text"  # text | date | deadline | status | id | amount | flag
    # Kept on the problem a version stores; False for what only names a measure while reading.
    stored: bool = True


FIELDS: tuple[Field, ...] = (
    Field(
        "id",
        "编号",
        "ID",
        (
            "编号",
            "序号",
            "问题编号",
            "问题序号",
            "id",
            "no",
            "no.",
            "number",
            "ref",
            "ref_id",
            "ref id",
            "reference",
            "finding id",
        ),
        kind="id",
    ),
    # A measure's own number (1.1, 1.2; 任务序号 in a 任务清单): read with the measure it names.
    Field(
        "measure_id",
        "任务序号",
        "Task no.",
        ("任务序号", "任务编号", "措施序号", "措施编号", "task no.", "task id", "measure no."),
        kind="id",
        stored=False,
    ),
    Field(
        "round",
        "巡察轮次",
        "Round",
        ("巡察轮次", "来源", "问题来源", "轮次", "巡视轮次", "round", "source", "inspection"),
    ),
    Field("unit", "被巡察单位", "Inspected unit", ("被巡察单位", "被巡视单位", "被审计单位", "unit")),
    Field(
        "category",
        "问题类别",
        "Category",
        ("问题类别", "问题类型", "类别", "方面", "问题方面", "问题分类", "category", "type", "area"),
        required=True,
        fill_down=True,
    ),
    Field(
        "problem",
        "问题描述",
        "Finding",
        (
            "问题描述",
            "巡察反馈问题",
            "巡视反馈问题",
            "反馈问题",
            "问题具体表现",
            "存在问题",
            "问题表现",
            "问题摘要",
            "问题内容",
            "具体问题",
            "审计发现问题",
            "问题",
            "finding",
            "problem",
            "issue",
            "description",
            "problem description",
            "finding name",
            "name",
            "title",
        ),
        required=True,
    ),
    Field(
        "measures",
        "整改措施",
        "Corrective action",
        (
            "整改措施",
            "整改举措",
            "整改任务",
            "corrective action",
            "corrective actions",
            "measures",
            "actions",
        ),
    ),
    Field(
        "leader",
        "责任领导",
        "Responsible leader",
        ("责任领导", "牵头领导", "分管领导", "责任校领导", "responsible leader", "leader"),
        fill_down=True,
    ),
    Field(
        "department",
        "责任部门",
        "Owner department",
        (
            "责任部门",
            "责任单位",
            "牵头部门",
            "责任股室",
            "责任处室",
            "牵头单位",
            "责任科室",
            "owner department",
            "department",
            "responsible department",
            "owner unit",
        ),
        fill_down=True,
    ),
    # Units written as 配合 in a 责任部门 cell, or in a column of their own (issue 10).
    Field(
        "supporting",
        "配合部门",
        "Supporting departments",
        (
            "配合部门",
            "配合单位",
            "协办部门",
            "协办单位",
            "协助部门",
            "参与部门",
            "配合责任部门",
            "supporting departments",
            "supporting",
        ),
    ),
    Field(
        "owner",
        "责任人",
        "Owner",
        ("责任人", "具体责任人", "经办人", "直接责任人", "owner", "responsible person", "person"),
    ),
    Field(
        "deadline",
        "整改时限",
        "Due date",
        (
            "整改时限",
            "完成时限",
            "整改期限",
            "时限",
            "完成期限",
            "时限要求",
            "due date",
            "due_date",
            "target date",
            "deadline",
            "due",
        ),
        kind="deadline",
    ),
    # A deadline written in words ("6月底前") as written, beside the date it was read as, and the
    # earlier dates of a cell that names several (阶段性时限), ISO and joined by 、 (issue 11).
    Field("deadline_written", "时限原文", "Deadline as written", ("时限原文", "deadline as written")),
    Field("milestones", "阶段性时限", "Milestones", ("阶段性时限", "阶段时限", "milestones")),
    Field(
        "progress",
        "整改进展",
        "Progress",
        (
            "整改进展",
            "整改进展情况",
            "进展",
            "整改情况",
            "进展情况",
            "整改落实情况",
            "目前进展",
            "工作进展",
            "整改成效",
            "整改结果",
            "progress",
            "progress update",
        ),
    ),
    Field(
        "status",
        "整改状态",
        "Status",
        (
            "整改状态",
            "完成情况",
            "状态",
            "整改完成情况",
            "是否完成",
            "是否完成整改",
            "是否整改到位",
            "是否销号",
            "完成进度",
            "整改完成率",
            "status",
            "state",
        ),
        kind="status",
    ),
    Field(
        "completed_on",
        "完成时间",
        "Completed on",
        (
            "完成时间",
            "完成日期",
            "实际完成时间",
            "completed on",
            "completion date",
            "completed",
            "date completed",
        ),
        kind="date",
    ),
    # Audit ledgers (审计整改) state the money a problem involves and how much of it was put right,
    # in 万元 (a column in 元 is converted, and the reader says so).
    Field(
        "amount",
        "涉及金额",
        "Amount involved",
        ("涉及金额", "问题金额", "涉及资金", "金额", "审计发现金额", "amount", "amount involved"),
        kind="amount",
    ),
    Field(
        "amount_rectified",
        "已整改金额",
        "Amount rectified",
        ("已整改金额", "整改金额", "已整改资金", "已追回金额", "已整改到位金额", "amount rectified"),
        kind="amount",
    ),
    Field("evidence", "佐证材料", "Evidence", ("佐证材料", "证明材料", "佐证资料", "evidence")),
    Field("note", "备注", "Note", ("备注", "说明", "note", "notes", "remarks", "comment")),
    # Written by our exports ("是" where the status was inferred) so a re-import keeps the mark.
    Field("status_inferred", "状态为推断", "Status inferred", ("状态为推断", "status inferred"), kind="flag"),
)

FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
REQUIRED_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.required)


@dataclass(frozen=True)
class Status:
    code: str
    zh: str
    en: str
    synonyms: tuple[str, ...]
    counts_as_done: bool = False


# Order matters: it is the order of every chart legend and count table.
STATUSES: tuple[Status, ...] = (
    Status(
        "done",
        "已完成",
        "Done",
        (
            "已完成",
            "完成",
            "完成整改",
            "已整改",
            "整改完成",
            "已销号",
            "销号",
            "已办结",
            "办结",
            "已整改完成",
            "closed",
            "completed",
            "complete",
            "done",
            "resolved",
        ),
        counts_as_done=True,
    ),
    Status(
        "in_progress",
        "推进中",
        "In progress",
        (
            "推进中",
            "正在整改",
            "整改中",
            "正在推进",
            "基本完成",
            "阶段性完成",
            "部分整改",
            "部分完成",
            "持续推进中",
            "正在进行",
            "进行中",
            "in progress",
            "in-progress",
            "ongoing work",
            "started",
            "partially done",
        ),
    ),
    Status(
        "long_term",
        "长期坚持",
        "Long-term",
        (
            "长期坚持",
            "持续整改",
            "常态化推进",
            "长期整改",
            "长期",
            "常态化",
            "持续推进",
            "ongoing",
            "long-term",
            "long term",
            "standing",
        ),
    ),
    Status(
        "pending",
        "未启动",
        "Not started",
        ("未启动", "未完成", "未整改", "未开始", "尚未整改", "not started", "open", "pending", "not done"),
    ),
)

STATUS_CODES: tuple[str, ...] = tuple(s.code for s in STATUSES)
STATUS_BY_CODE: dict[str, Status] = {s.code: s for s in STATUSES}
DONE_CODES: frozenset[str] = frozenset(s.code for s in STATUSES if s.counts_as_done)

# Deadline words that are a kind of deadline, not a date.
DEADLINE_TERMS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "immediate": ("立行立改", "Immediately", ("立行立改", "立即整改", "即知即改", "立即")),
    "standing": (
        "长期坚持",
        "Standing",
        ("长期坚持", "长期", "持续整改", "常态化", "长期整改", "持续推进", "常态化推进"),
    ),
}

_BRACKETED = re.compile(r"[(\[（【<《].*?[)\]）】>》]")
_NOISE = re.compile(r"[\s*＊:：、.。]+")


# Traditional forms of the characters our headers and status words are written with, for ledgers
# from Big5 systems (and 繁體 headers typed in Hong Kong and Taiwan offices): each maps one way,
# to the simplified form the alias table uses, and only characters without another reading.
_TO_SIMPLIFIED = str.maketrans(
    "與為舉體況別辦務動協單參發號啟處備頭實審導態開時堅斷來現類經結續編視計證說責資輪進銷長門問間階際領題額饋牽狀"
    "報匯總負級紀監項屬預劃達標準節點填簽織組織歸檔時態計劃轉領導",
    "与为举体况别办务动协单参发号启处备头实审导态开时坚断来现类经结续编视计证说责资轮进销长门问间阶际领题额馈牵状"
    "报汇总负级纪监项属预划达标准节点填签织组织归档时态计划转领导",
)


def normalise_header(text: object) -> str:
    """A header cell reduced to the form the alias table is written in: NFKC, lower case, the
    simplified forms of traditional characters, noise removed."""
    if text is None:
        return ""
    # Control and invisible characters (a NUL, a zero-width space pasted in, a BOM left by a text
    # export) name nothing: the header is read as the cells below it are (cell_text.key_text).
    folded = unicodedata.normalize("NFKC", key_text(str(text))).lower().translate(_TO_SIMPLIFIED)
    words = _NOISE.sub(" ", folded).split()
    return "".join(words) if _is_cjk(folded) else " ".join(words)


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


ALIASES: dict[str, str] = {normalise_header(a): f.name for f in FIELDS for a in (f.zh, f.en, *f.aliases)}


def field_for_header(text: object) -> str | None:
    """The field a header cell names, or None. "整改时限（年月日）" and "*问题描述" both match."""
    key = normalise_header(text)
    if not key:
        return None
    if key in ALIASES:
        return ALIASES[key]
    unbracketed = normalise_header(_BRACKETED.sub("", unicodedata.normalize("NFKC", str(text))))
    if unbracketed in ALIASES:
        return ALIASES[unbracketed]
    # 整改完成时限, 整改责任部门, 具体整改措施, 整改责任人: our names with a word offices put before.
    for prefix in _HEADER_PREFIXES:
        if unbracketed.startswith(prefix) and unbracketed[len(prefix) :] in ALIASES:
            return ALIASES[unbracketed[len(prefix) :]]
    return None


_HEADER_PREFIXES: tuple[str, ...] = ("具体", "主要", "整改", "问题")


def header_suggestion(text: object) -> str | None:
    """The field a header that names none may have meant ("整改时线" → deadline), for a "did you
    mean" beside the ignored column; None when nothing is close."""
    key = normalise_header(_BRACKETED.sub("", unicodedata.normalize("NFKC", str(text))))
    close = difflib.get_close_matches(key, list(ALIASES), n=1, cutoff=0.75 if _is_cjk(key) else 0.8)
    return ALIASES[close[0]] if close else None


_STATUS_SYNONYMS: dict[str, str] = {
    normalise_header(word): s.code for s in STATUSES for word in (s.code, s.zh, s.en, *s.synonyms)
}


def status_for_word(word: object) -> str | None:
    """The status code a sheet's status cell means, or None when the word is not known."""
    key = normalise_header(word)
    return _STATUS_SYNONYMS.get(key) if key else None


# How a clerk reads a status written in other words than ours (issue 11), in this order: a
# mark, 是/否, a percentage, then the words a phrase holds, the negating ones first (未完成 holds
# 完成), long-term before under way (长期坚持、持续推进), and the partial ones before done (基本完成,
# 阶段性完成 are not done).
_MARKS: dict[str, str] = {
    **dict.fromkeys("√✓✔☑", "done"),
    **dict.fromkeys("×✗✘☒Xx", "pending"),
    **dict.fromkeys("○◯〇", "in_progress"),
    "是": "done",
    "否": "pending",
}
_PERCENT = re.compile(r"^(\d{1,3}(?:\.\d+)?)\s*[%％]$")
_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "pending",
        re.compile(
            r"未完成|未整改|尚未|未启动|未开始|未落实|未到位|没有完成|待整改|identified|confirmed|assigned|^new$"
        ),
    ),
    ("long_term", re.compile(r"长期|持续|常态")),
    ("in_progress", re.compile(r"正在|部分|基本|阶段|推进|整改中|进行|逐步|初步|in progress|remediat")),
    (
        "done",
        re.compile(
            r"已完成|完成整改|整改完成|已整改|整改到位|到位|已办结|办结|销号|已落实|mitigated|dismissed"
        ),
    ),
)


_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def _share(percent: float) -> str:
    return "done" if percent >= 100 else "pending" if percent == 0 else "in_progress"


def status_from_words(word: object) -> str | None:
    """The status a cell means when it is not one of our words: a mark (√ ○ ×), 是/否, a
    percentage (100% done, 0% not started, else under way), or a phrase (已完成整改并销号 done,
    正在整改中 under way). None when nothing in it says."""
    text = unicodedata.normalize("NFKC", str(word)).strip().lower()
    if not text:
        return None
    if text in _MARKS:
        return _MARKS[text]
    if match := _PERCENT.match(text):
        return _share(float(match.group(1)))
    if _NUMBER.match(text):
        # A 完成进度 cell typed as a percentage reaches us as its fraction (0.6); 60 is 60%.
        number = float(text)
        return _share(number * 100 if number <= 1 else number) if number <= 100 else None
    return next((code for code, pattern in _PHRASES if pattern.search(text)), None)


_TERM_SYNONYMS: dict[str, str] = {
    normalise_header(word): code
    for code, (zh, en, words) in DEADLINE_TERMS.items()
    for word in (zh, en, *words)
}


def deadline_term_for_word(word: object) -> str | None:
    key = normalise_header(word)
    return _TERM_SYNONYMS.get(key) if key else None
