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
    and fields. First every finding is matched on category and problem text; then the rest on
    the problem text alone, where it names one item not yet matched. An item is matched once,
    and a finding left unmatched never keeps an id that a matched one now carries."""
    if ledger is None or ledger.empty or notice.empty:
        return NoticeMatch(notice, 0)
    by_both: dict[tuple[str, str], list[int]] = {}
    by_problem: dict[str, list[int]] = {}
    for position, (category, problem) in enumerate(zip(ledger["category"], ledger["problem"], strict=True)):
        by_both.setdefault((_category(category), comparable(problem)), []).append(position)
        by_problem.setdefault(comparable(problem), []).append(position)
    problems = [comparable(p) for p in notice["problem"]]
    keys = [(_category(c), p) for c, p in zip(notice["category"], problems, strict=True)]
    chosen: dict[int, int] = {}  # notice row -> ledger position
    taken: set[int] = set()
    for row, key in enumerate(keys):
        if free := [p for p in by_both.get(key, []) if p not in taken]:
            chosen[row] = free[0]
            taken.add(free[0])
    for row, problem in enumerate(problems):  # filed under another category
        free = [p for p in by_problem.get(problem, []) if p not in taken]
        if row not in chosen and len(free) == 1:
            chosen[row] = free[0]
            taken.add(free[0])
    rows = [
        _updated(ledger.iloc[chosen[row]], finding) if row in chosen else finding
        for row, (_, finding) in enumerate(notice.iterrows())
    ]
    findings = pd.DataFrame(rows, columns=notice.columns).reset_index(drop=True)
    findings["id"] = _without_clashes(findings["id"], set(chosen))
    return NoticeMatch(findings.astype(notice.dtypes.to_dict()), len(chosen))


def _without_clashes(ids: pd.Series, matched: set[int]) -> pd.Series:
    """An unmatched finding's generated id may be the id of a ledger item that another finding
    matched (both derive from the same text): the unmatched one takes the next free suffix."""
    used, written = set(ids.iloc[sorted(matched)]), set(ids)
    out = ids.copy()
    for row in range(len(ids)):
        if row in matched or ids.iloc[row] not in used:
            used.add(ids.iloc[row])
            continue
        number = 2
        while f"{ids.iloc[row]}-{number}" in used | written:
            number += 1
        out.iloc[row] = f"{ids.iloc[row]}-{number}"
        used.add(out.iloc[row])
    return out


def _updated(item: pd.Series, finding: pd.Series) -> pd.Series:
    """The ledger's item with what the notice reports about it."""
    updated = item.copy()
    updated["row"] = finding["row"]  # a notice line, for messages about this finding
    for name in _FROM_NOTICE:
        if finding[name]:
            updated[name] = finding[name]
    for name in ("unit", "round"):  # the ledger's own words win; the notice fills blanks
        updated[name] = item[name] or finding[name]
    if finding["progress"] and comparable(finding["progress"]) != comparable(item["progress"]):
        # New progress: its status is what the notice's words say, marked as inferred.
        updated["status"], updated["status_inferred"] = finding["status"], finding["status_inferred"]
        if updated["status"] != "done":
            updated["completed_on"] = pd.NaT  # no longer completed
    return updated
