"""The figures a progress notice states of itself (issue 15): "反馈问题25个，已完成整改19个、正在
整改6个，整改完成率76%", "巡察问题8个，已完成整改7个，阶段性完成1个，未完成0个", "7方面20个问题",
"梳理分解整改任务106个，已完成整改98个".

Read sentence by sentence (a sentence ends at 。；; or a line break), each figure with the
sentence it came from, so a disagreement with what was read can quote it. A sentence that counts
tasks gives the task figures, and the problems' figures only before its task figure: "问题45个，
已完成40个；分解整改任务156项，已完成150项" must not take 150 as the problems done.
Pure: text in, figures out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import as_of_in_text
from .numerals import chinese_number

# The names `notice parse --json` gives them (DESIGN.md §5), in the order shown.
CLAIM_NAMES: tuple[str, ...] = (
    "aspects", "total", "done", "in_progress", "partial", "long_term", "pending", "rate", "tasks_total",
    "tasks_done", "as_of",
)  # fmt: skip

_N = r"(\d+|[一二三四五六七八九十两]{1,4})"
_UNIT = r"\s*(?:个|项|条|件)"
_SENTENCE = re.compile(r"[^。；;\n]+")
_TASKS = re.compile(rf"(?:整改任务|整改措施|具体措施|任务|措施)\s*(?:共)?\s*{_N}{_UNIT}")
_AFTER_TASKS_DONE = re.compile(rf"^.{{0,20}}?(?<![未尚])(?:已)?完成(?:整改)?\s*{_N}{_UNIT}")
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("aspects", re.compile(rf"{_N}\s*(?:个)?(?:大)?方面")),
    # "反馈问题4个大方面26个大项": the 4 is of aspects, the 26 the problems.
    (
        "total",
        re.compile(
            rf"问题\s*(?:共)?\s*{_N}{_UNIT}(?!\s*(?:大)?方面)|{_N}{_UNIT}(?:大项)?(?:具体)?问题|{_N}\s*个大项"
        ),
    ),
    # Not "未完成", "阶段性完成", "基本完成": those are other figures.
    ("done", re.compile(rf"(?<![未尚性本分])(?:已)?(?:完成整改|整改完成|完成|整改到位)\s*{_N}{_UNIT}")),
    ("in_progress", re.compile(rf"(?:正在整改|正在推进|持续整改|整改中|推进中|持续推进)\s*{_N}{_UNIT}")),
    ("partial", re.compile(rf"(?:阶段性完成|基本完成|部分完成)\s*{_N}{_UNIT}")),
    ("long_term", re.compile(rf"(?:长期坚持|长期整改)\s*{_N}{_UNIT}")),
    # "逾期未完成2个" counts the overdue, not those not started.
    ("pending", re.compile(rf"(?<!逾期)(?:尚未完成|未完成|未启动|尚未整改|未整改)\s*{_N}{_UNIT}")),
    ("rate", re.compile(r"完成率\s*(?:为|达到?|达)?\s*(\d+(?:\.\d+)?)\s*[%％]")),
)


@dataclass(frozen=True)
class Claim:
    name: str
    value: float | int | str  # a count, a rate (0–1), or the as-of date as YYYY-MM-DD
    sentence: str  # where the notice says it, to quote


def notice_claims(text: str) -> dict[str, Claim]:
    """The figures `text` (the notice above its first problem) states, each the first time it
    is stated, with its sentence."""
    found: dict[str, Claim] = {}
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0).strip()
        if not re.search(r"\d|[一二三四五六七八九十]", sentence):
            continue
        problems_part = sentence
        if tasks := _TASKS.search(sentence):
            _keep(found, "tasks_total", _count(tasks.group(1)), sentence)
            if done := _AFTER_TASKS_DONE.search(sentence[tasks.end() :]):
                _keep(found, "tasks_done", _count(done.group(1)), sentence)
            problems_part = sentence[: tasks.start()]  # what comes after is the tasks'
        for name, pattern in _PATTERNS:
            if hit := pattern.search(problems_part):
                value = next(group for group in hit.groups() if group is not None)
                figure = round(float(value) / 100, 6) if name == "rate" else _count(value)
                if figure is not None:
                    _keep(found, name, figure, sentence)
    if (as_of := as_of_in_text(text)) is not None:
        found["as_of"] = Claim("as_of", f"{as_of:%Y-%m-%d}", "")
    return {name: found[name] for name in CLAIM_NAMES if name in found}


def disagrees(name: str, stated: float, found: float) -> bool:
    """Whether a stated figure is not the one found: counts exactly; a rate beyond the rounding
    of a per cent written to one decimal (76.3% for 0.7632)."""
    return abs(float(stated) - found) > (0.0005 if name == "rate" else 0)


def shown_figure(name: str, value: float) -> str:
    """A figure as a warning quotes it: a rate as a per cent, a count as a whole number."""
    return f"{value:.2%}" if name == "rate" else str(int(value))


def _count(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    number = chinese_number(text.replace("两", "二"))
    return number or None  # "零" and what is not a numeral say nothing


def _keep(found: dict[str, Claim], name: str, value: float | int | None, sentence: str) -> None:
    if value is not None and name not in found:
        found[name] = Claim(name, value, sentence)
