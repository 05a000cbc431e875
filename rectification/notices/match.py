"""A published notice matched to the ledger it reports on.

A notice carries each finding's category, problem text, measures and progress, but no id,
department, deadline or completion date. Read on its own it would replace every item with a
look-alike missing those fields and with a new id, cutting each item's history. So each notice
finding that is an item of the current version takes that item's id and the fields the notice
does not carry; only what the notice says (progress, measures, and a status read from a changed
progress) is taken from it. Findings the ledger does not have stay as read: new items.

A problem's status follows its measures (measures.py), so where the item has measures of its own
a notice's progress for the whole problem leaves its status as it is: it cannot say which
measure moved. Measures the notice lists (parse.py's numbered layout) update the item's,
measure by measure where both list as many, or become its measures where it had none.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pandas as pd

from ..measures import measure_table, problem_statuses, problem_tasks, problems_from_measures
from .write import task_list

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
    ids = _without_clashes(findings["id"], set(chosen))
    findings["tasks"] = [
        _rebased(tasks, old, new) if old != new else tasks
        for tasks, old, new in zip(findings["tasks"], findings["id"], ids, strict=True)
    ]
    findings["id"] = ids
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
    several = bool(item["tasks"])
    progress = comparable(finding["progress"])
    new = bool(progress) and progress != comparable(item["progress"])
    # A notice written from this ledger lists the item's measures as its progress: nothing new.
    listed = new and several and progress == comparable(task_list(_measures(item)))
    new = new and not listed
    for name in _FROM_NOTICE:
        if finding[name] and not (name == "progress" and listed):
            updated[name] = finding[name]
    for name in ("unit", "round"):  # the ledger's own words win; the notice fills blanks
        updated[name] = item[name] or finding[name]
    if not new:
        return updated
    if finding["tasks"]:
        tasks = _merged_tasks(item, finding)
        if tasks is None:
            return updated
        updated["tasks"] = tasks[0]
        # Status, deadline and completion follow the measures, as when a sheet is read: a
        # measure done may leave the problem's earliest open deadline later, or none.
        folded = problems_from_measures(_measures(updated)).iloc[0]
        for name in ("status", "status_inferred", "deadline", "deadline_term", "completed_on"):
            updated[name] = folded[name]
        updated["status_inferred"] = bool(tasks[2])
    elif several:
        return updated  # progress of the whole problem: which of its measures moved is not said
    else:
        # New progress: its status is what the notice's words say, marked as inferred.
        updated["status"], updated["status_inferred"] = finding["status"], finding["status_inferred"]
    if updated["status"] != "done":
        updated["completed_on"] = pd.NaT  # no longer completed
    return updated


def _measures(row: pd.Series) -> pd.DataFrame:
    return measure_table(row.to_frame().T.infer_objects())


def _merged_tasks(item: pd.Series, finding: pd.Series) -> tuple[str, str, bool] | None:
    """The item's measures updated from the notice's: (tasks, the problem's status, inferred).
    Where the item has measures of its own, each takes the notice's measure at its place, and
    only when both list as many (None otherwise: which is which cannot be told). Where it has
    none, the notice's become its measures, each with the item's department and deadline."""
    read, own = _measures(finding), _measures(item)
    if item["tasks"] and len(own) != len(read):
        return None
    if not item["tasks"]:
        own = own.loc[own.index.repeat(len(read))].reset_index(drop=True)
        own["measure_id"] = [f"{item['id']}.{n}" for n in range(1, len(read) + 1)]
    for at, (_, task) in enumerate(read.iterrows()):
        if task["measures"]:
            own.loc[at, "measures"] = task["measures"]
        if task["progress"] and comparable(task["progress"]) != comparable(own.loc[at, "progress"]):
            own.loc[at, ["progress", "status", "status_inferred"]] = [
                task["progress"], task["status"], bool(task["status_inferred"])
            ]  # fmt: skip
            if task["status"] != "done":
                own.loc[at, "completed_on"] = pd.NaT
    status = problem_statuses(own["problem_id"], own["status"]).iloc[0]
    return problem_tasks(own)[item["id"]], status, bool(own["status_inferred"].any())


def _rebased(tasks: str, old: str, new: str) -> str:
    """A problem's measures under its new id: measure ids it gave (old.1, old.2) follow it."""
    if not tasks:
        return tasks
    rows = json.loads(tasks)
    for row in rows:
        if str(row.get("measure_id", "")).startswith(f"{old}."):
            row["measure_id"] = new + row["measure_id"][len(old) :]
    return json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def ledger_after(notice: pd.DataFrame, ledger: pd.DataFrame, mode: str) -> dict[str, float]:
    """The figures of the version an import of `notice` (matched: `match_to_ledger`) would save
    onto `ledger`: a replacement is the notice's items; a merge keeps the ledger's others."""
    statuses = notice.set_index("id")["status"]
    if mode == "merge":
        kept = ledger.loc[~ledger["id"].isin(statuses.index), ["id", "status"]].set_index("id")["status"]
        statuses = pd.concat([kept, statuses])
    total = len(statuses)
    done = int((statuses == "done").sum())
    figures: dict[str, float] = {"total": total, "done": done}
    if total:
        figures["rate"] = round(done / total, 4)
    return figures
