"""The rows of a ledger that are not problems, as a clerk tells them apart (issue 11).

Offices write more into the table than problems: category headings as group rows ("一、政治建设
方面（11个）"), 小计/合计 rows, a row of column numbers (栏次) under the header, the header and
title repeated where department blocks were stacked, 说明/注 footnotes, and 填报人/审核人 lines.
Each is told apart here from the row's own texts, so that it is never counted as a problem and
the reader can say which rows it set apart and why. Pure: lists of strings in, kinds out.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

from .notices.numerals import CHINESE_DIGITS

# What a row is. Only "problem" rows are counted.
PROBLEM, HEADING, SUBHEADING, TOTAL, COLUMN_NUMBERS, HEADER, TITLE, FOOTNOTE, SIGNOFF = (
    "problem",
    "heading",
    "subheading",
    "total",
    "column_numbers",
    "header",
    "title",
    "footnote",
    "signoff",
)
SET_APART: tuple[str, ...] = (HEADING, SUBHEADING, TOTAL, COLUMN_NUMBERS, HEADER, TITLE, FOOTNOTE, SIGNOFF)
# The category of problems in a ledger that names none (no column, no headings).
UNCATEGORISED = "未分类"

_TOTAL = re.compile(r"^(小计|合计|总计|共计|累计|汇总)")
_SIGNOFF = re.compile(
    r"^(填报人|填表人|制表人|审核人|审核|审批人|负责人|联系人|联系电话|电话|填报日期|填表日期|填报单位|签字|签发)"
)
_FOOTNOTE = re.compile(
    r"^(说明|注|备注|填报说明|填表说明)\s*[:：0-9１-９一二三四五、.．]|^(说明|注|备注|填报说明|填表说明)$"
)
_TITLE = re.compile(r"(台账|清单|一览表|情况表|统计表|汇总表|进度表|明细表)")
# A first cell that says what its row is, whatever else the row holds; the characters such a
# cell can start with, to look at few cells.
_SAYS_WHAT_IT_IS = (_TOTAL, _SIGNOFF, _FOOTNOTE)
SAYS_WHAT_IT_IS_FIRST = frozenset("小合总共累汇填制审负联电签说注备")


def says_what_it_is(text: str) -> bool:
    """Whether a row's first cell says the row is a total, a sign-off line or a footnote."""
    bare = plain(text)
    return any(pattern.match(bare) for pattern in _SAYS_WHAT_IT_IS)


# Numbering of a heading: 一、 / （一） / 第一部分 / 一是 is a measure, not a heading.
_NUMERALS = CHINESE_DIGITS + "百零〇"
_TOP = re.compile(rf"^(?:第[{_NUMERALS}\d]+(?:部分|类|项|方面)|[{_NUMERALS}]+\s*[、.．，,])\s*")
_SECOND = re.compile(rf"^[(（]\s*[{_NUMERALS}]+\s*[)）]\s*[、.．]?\s*")
_COUNT = re.compile(r"[(（]\s*(?:共\s*)?(\d+)\s*(?:个|项|条|类|件)?(?:问题)?\s*[)）]\s*$")
_ASPECT = re.compile(r"(?:方面(?:的)?(?:问题|存在的问题)?|存在的问题|的问题|问题|类)$")
_BARE_NUMBER = re.compile(rf"^(?:[{_NUMERALS}]+|[(（][{_NUMERALS}]+[)）])[、.．]?$")


@dataclass(frozen=True)
class Heading:
    """A category heading: its level (1 for 一、, 2 for （一）), the category it names, and the
    count it states ("（11个）"), if any."""

    level: int
    category: str
    stated: int | None


def plain(text: str) -> str:
    """The text without spaces (full-width ones too), as header cells are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def heading(texts: list[str]) -> Heading | None:
    """The heading a row's texts make, when they are one heading: "一、政治建设方面（11个）",
    "（二）关于主责主业方面", or a bare numeral in the 序号 cell beside "政治建设方面"."""
    if len(texts) == 2 and _BARE_NUMBER.match(plain(texts[0])):
        texts = [texts[0] + "、" + texts[1]]
    if len(set(texts)) != 1:
        return None
    text = unicodedata.normalize("NFKC", texts[0]).strip()
    if match := _TOP.match(text):
        level = 1
    elif match := _SECOND.match(text):
        level = 2
    else:
        return None
    rest = text[match.end() :].strip()
    stated = None
    if count := _COUNT.search(rest):
        stated, rest = int(count.group(1)), rest[: count.start()].strip()
    category = category_name(rest)
    # A long sentence after the numbering is a problem written as one ("一、项目审批不规范，……").
    if not category or len(category) > 30 or re.search(r"[，,；;。]", category):
        return None
    return Heading(level, category, stated)


def category_name(text: str) -> str:
    """A category as headings and sheet names write it, without 关于, 方面 or (N个): "关于“政治建设”
    方面" and a sheet named "政治建设方面" both name 政治建设."""
    rest = unicodedata.normalize("NFKC", text).strip()
    if count := _COUNT.search(rest):
        rest = rest[: count.start()].strip()
    rest = rest.rstrip("：:。.，, ")
    if rest.startswith("关于"):
        rest = rest[2:]
    category = _ASPECT.sub("", rest).strip() or rest
    if category.startswith("“") and category.endswith("”") and category.count("”") == 1:
        category = category[1:-1]  # 关于“政治建设”方面; but “三重一大”决策 keeps its quotes
    return category


def row_kind(texts: list[str], header_texts: frozenset[str]) -> str:
    """What a row is, from its non-empty texts in column order (`header_texts`: the header's
    cells as written, spaces removed)."""
    if not texts:
        return PROBLEM
    first = plain(texts[0])
    if _TOTAL.match(first):
        return TOTAL
    if _SIGNOFF.match(first):
        return SIGNOFF
    if _FOOTNOTE.match(first):
        return FOOTNOTE
    bare = [plain(t) for t in texts]
    if len(bare) >= 2 and all(p.isdigit() for p in bare) and _increasing([int(p) for p in bare]):
        return COLUMN_NUMBERS
    if len(bare) >= 2 and sum(p in header_texts for p in bare) >= 2:
        return HEADER
    if (
        len(set(texts)) == 1
        and _TITLE.search(first)
        and len(first) <= 60
        and not re.search(r"[，,；;。]", first)
    ):
        return TITLE
    found = heading(texts)
    if found is not None:
        return HEADING if found.level == 1 else SUBHEADING
    return PROBLEM


def _increasing(numbers: list[int]) -> bool:
    return numbers[0] <= 2 and all(b > a for a, b in itertools.pairwise(numbers))


def continues_footnote(texts: list[str]) -> bool:
    """A row under a footnote that carries on with it: one text, numbered "1." or "（1）"."""
    return len(set(texts)) == 1 and bool(re.match(r"^\s*(?:\d+|[(（]\d+[)）])\s*[、.．]", texts[0]))
