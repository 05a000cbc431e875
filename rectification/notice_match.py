"""A published notice matched to the ledger it reports on.

A notice carries each finding's category, problem text, measures and progress, but no id,
department, deadline or completion date. Read on its own it would replace every item with a
look-alike missing those fields and with a new id, cutting each item's history. So each notice
finding that is an item of the current version takes that item's id and the fields the notice
does not carry; only what the notice says (progress, measures, and a status read from a changed
progress) is taken from it. Findings the ledger does not have stay as read: new items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

# What a notice says about a finding; everything else comes from the ledger's item.
_FROM_NOTICE = ("measures", "progress")
_NOISE = re.compile(r"[\s\W_]+")  # spaces and punctuation, which retyping and Word change freely


@dataclass(frozen=True)
class NoticeMatch:
    findings: pd.DataFrame
    matched: int  # notice findings that are items of the ledger


def comparable(text: str) -> str:
    """Text compared without spaces or punctuation: "“三会一课”制度" and "三会一课 制度" match."""
    return _NOISE.sub("", text)


def _category(text: str) -> str:
    return comparable(text).removesuffix("方面")


def match_to_ledger(notice: pd.DataFrame, ledger: pd.DataFrame | None) -> NoticeMatch:
    """`notice` (parse_notice's findings) with each finding the ledger has taking its item's id
    and fields. Matched on category and problem text, or on the problem text alone when it names
    one item of the ledger; an item is matched at most once."""
    if ledger is None or ledger.empty or notice.empty:
        return NoticeMatch(notice, 0)
    by_both: dict[tuple[str, str], list[int]] = {}
    by_problem: dict[str, list[int]] = {}
    for position, (category, problem) in enumerate(zip(ledger["category"], ledger["problem"], strict=True)):
        by_both.setdefault((_category(category), comparable(problem)), []).append(position)
        by_problem.setdefault(comparable(problem), []).append(position)
    taken: set[int] = set()
    rows = []
    for _, finding in notice.iterrows():
        problem = comparable(finding["problem"])
        same = [p for p in by_both.get((_category(finding["category"]), problem), []) if p not in taken]
        if not same:  # filed under another category: only when the text names one item left
            same = [p for p in by_problem.get(problem, []) if p not in taken]
            same = same if len(same) == 1 else []
        if not same:
            rows.append(finding)
            continue
        taken.add(same[0])
        rows.append(_updated(ledger.iloc[same[0]], finding))
    findings = pd.DataFrame(rows, columns=notice.columns).reset_index(drop=True)
    return NoticeMatch(findings.astype(notice.dtypes.to_dict()), len(taken))


def _updated(item: pd.Series, finding: pd.Series) -> pd.Series:
    """The ledger's item with what the notice reports about it."""
    updated = item.copy()
    updated["row"] = finding["row"]  # a notice line, for messages about this finding
    for name in _FROM_NOTICE:
        if finding[name]:
            updated[name] = finding[name]
    for name in ("unit", "round"):  # the ledger's own words win; the notice fills blanks
        updated[name] = item[name] or finding[name]
    if comparable(finding["progress"]) != comparable(item["progress"]):
        # New progress: its status is what the notice's words say, marked as inferred.
        updated["status"], updated["status_inferred"] = finding["status"], finding["status_inferred"]
    return updated
