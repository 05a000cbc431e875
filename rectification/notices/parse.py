"""Reading a published progress notice (整改进展情况的通报) into a ledger.

"（一）关于…方面问题的整改情况" headings give the categories; "一是…。进展：…" (or "1." / "（1）"
numbering) gives one finding each, split into problem, measures and progress at the markers.
The notice's own summary ("N个问题…已完成M个…完成率P%", and "分解整改任务T项，已完成K项" where it
counts tasks) is read and checked against the items.
Pure: text in, a LedgerCheck out, with every unparsed line reported by its line number.

Measures (整改任务) are read in one layout only: a numbered problem heading ("1.关于“…”的问题")
whose 整改情况 lists "一是…；二是…": each point is one of that problem's measures, with a status
inferred from its words, and the problem's status derived from them. An "一是…" under a category
heading is a problem of its own, and points inside its progress stay part of that progress: the
notice does not say they are tasks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..dates import as_of_in_text
from ..inference import infer_status
from ..ledger import Flag, LedgerCheck, ledger_from_fields
from ..measures import measure_table, problem_statuses, problem_tasks
from .claims import CLAIM_NAMES, Claim, disagrees, notice_claims, shown_figure
from .numerals import CHINESE_DIGITS as _CN_DIGITS
from .numerals import chinese_number

NOTICE_SHEET = "通报"
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_SECTION = re.compile(rf"^\s*(?:[（(]\s*([{_CN_DIGITS}]+)\s*[）)]|([{_CN_DIGITS}]+)\s*[、.．])\s*(.+)$")
_CATEGORY = re.compile(r"关于(.+?)方面")
_CATEGORY_LOOSE = re.compile(r"关于(.+?)(?:问题)?的?(?:整改|问题)")
# "一是" at the start or after a full stop; "1." / "1、" / "（1）" at the start of a line.
_ORDINAL = re.compile(rf"(?:^|(?<=[。.!！?？]))\s*([{_CN_DIGITS}]{{1,3}})是")
_NUMBERED = re.compile(r"^\s*(?:[（(]\s*(\d{1,3})\s*[）)]|(\d{1,3})\s*[.．、](?!\d))\s*")
_PROGRESS = re.compile(r"(?:整改进展|进展情况|整改情况|进展)\s*[:：]")
_MEASURES = re.compile(r"整改措施\s*[:：]")
_TITLE = re.compile(r"^(?P<unit>.*?)关于(?P<round>.+?)整改(?:工作)?进展(?:情况)?的?通报")
# A numbered heading that names its problem in quotation marks: 1.关于“学习不深入”的问题.
_HEADED_PROBLEM = re.compile(
    r"^关于\s*[“\"「](?P<problem>.+)[”\"」]\s*的?问题(?:的?整改(?:情况|进展)?)?[:：]?$"
)
# One point of a problem's 整改情况: "一是…", at the start or after a stop or a semicolon.
_POINT = re.compile(rf"(?:^|(?<=[。；;！？!?\s]))([{_CN_DIGITS}]{{1,3}})是")
_POINT_LINE = re.compile(rf"^\s*[{_CN_DIGITS}]{{1,3}}是")
_ATTACHMENT = re.compile(r"^附件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?$")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_CLOSING = re.compile(r"欢迎|监督|联系电话|邮政信箱|电子邮箱|举报|特此通报|^附件")
_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")  # the sign-off's date
# Lines that end a notice, whatever follows: its contacts and closing words.
_CLOSED_BY = re.compile(
    r"^(?:联系电话|联系方式|邮政信箱|通信地址|电子邮箱|举报电话|特此通报)|^欢迎.{0,40}监督"
)
# Page furniture of government sites, above or below a notice copied from one.
_FURNITURE = re.compile(
    r"^(?:信息索引号|索引号|发布机构|发文机关|发布单位|成文日期|发布日期|发布时间|生效日期|主题分类|"
    r"公文种类|文号|来源|浏览量|浏览次数|阅读量|阅读次数|点击量|点击数|字号|分享到|分享|朗读|打印|关闭|"
    r"扫一扫|当前位置|您当前的位置|首页\s*[>›»/]|【)"
)
# A part of the notice (一、…): its introduction, the problems' part, its next steps.
_PART = re.compile(rf"^\s*([{_CN_DIGITS}]+)\s*[、.．]\s*(.+)$")
_INTRODUCTION = re.compile(r"基本情况|组织领导|主要做法|工作开展|总体情况|工作举措|主要措施|整改工作情况$")
_PROBLEMS_PART = re.compile(r"问题.{0,8}整改|整改.{0,6}(?:落实|进展|完成)情况|整改情况")
_NEXT_STEPS = re.compile(r"下一步|下步工作|工作打算|今后工作")
# A detail of a numbered problem, on its own line under it: "1.问题" then "（1）…".
_DETAIL = re.compile(r"^\s*[（(]\s*\d{1,3}\s*[）)]")


@dataclass
class Section:
    category: str
    line: int
    items: list[dict[str, object]] = field(default_factory=list)


@dataclass
class ParsedNotice:
    check: LedgerCheck
    title: str
    unit: str
    round: str
    claimed: dict[str, float] = field(default_factory=dict)  # the notice's own figures (counts, rate)
    matched: int = 0  # findings that are items of the current ledger (notices.match)
    claims: dict[str, Claim] = field(default_factory=dict)  # the same with as_of, and where each is said

    @property
    def claimed_counts(self) -> dict[str, int] | None:
        """The notice's own total and done, when it states both (to show beside what was read)."""
        if "total" not in self.claimed or "done" not in self.claimed:
            return None
        return {"total": int(self.claimed["total"]), "done": int(self.claimed["done"])}

    @property
    def categories(self) -> int:
        """How many categories (方面) the notice's findings fall in."""
        findings = self.check.findings
        return 0 if findings is None else int(findings["category"].nunique())


def clean_lines(text: str) -> list[str]:
    """The notice's lines without Word's bookmark residue; blank lines kept so numbers match."""
    lines = [_BOOKMARK.sub("", line).strip().replace("\u3000", " ") for line in text.splitlines()]
    return [_MARKDOWN_HEADING.sub("", line) for line in lines]


def parse_notice(text: str, file: str = "notice.txt") -> ParsedNotice:
    """A notice's findings as a ledger, with warnings for lines that are not findings and for a
    summary that disagrees with the items found."""
    lines = clean_lines(text)
    warnings: list[Flag] = []
    sections: list[Section] = []
    title_lines: list[str] = []
    opening: list[str] = []  # the title, the summary and the introduction: where figures are stated
    introduction = closed = False
    for number, line in enumerate(lines, start=1):
        if not line or _FURNITURE.match(line):
            continue
        if closed or (sections and _CLOSED_BY.match(line)):
            # 联系电话, 邮政信箱, the sign-off: the notice is over, whatever follows.
            closed = True
            warnings.append(Flag("warning", "notice.closing_line", NOTICE_SHEET, number, None, line[:80]))
            continue
        if part := _PART.match(line):
            # 一、整改工作基本情况 / 二、巡察反馈问题整改落实情况 / 三、下一步工作打算: parts of the
            # notice, not categories, unless a part is itself a category (一、关于…方面的问题).
            words = part.group(2)
            if _NEXT_STEPS.search(words):
                closed = True
                warnings.append(Flag("warning", "notice.closing_line", NOTICE_SHEET, number, None, line[:80]))
                continue
            if _INTRODUCTION.search(words) and not _CATEGORY.search(words):
                introduction = True
                continue
            if _PROBLEMS_PART.search(words) and not _CATEGORY.search(words):
                introduction = False
                continue
        if introduction:
            opening.append(line)  # how the work was organised; its figures are the notice's own
            continue
        heading = _SECTION.match(line)
        if heading and _starts_section(heading, sections):
            sections.append(Section(_category(heading.group(3)), number))
            continue
        if not sections:
            if not _ATTACHMENT.match(line):  # "附件3" above a title is not part of it
                title_lines.append(line)
            continue
        last = sections[-1].items[-1] if sections[-1].items else None
        if last and last["numbered"] and last["reported"] and _POINT_LINE.match(line):
            last["progress"] = f"{last['progress']}{line}"  # "整改情况：" then one point a line
            continue
        if last and last.get("style") == "dot" and not last["reported"] and _DETAIL.match(line):
            last["problem"] = f"{last['problem']}{line}"  # "1.问题" then its details "（1）…（2）…"
            continue
        items = _items(line, len(sections[-1].items) + 1)
        if not items and _next_reports(lines, number) and not _PROGRESS.match(line):
            # A short problem line under a category written as a sentence, its 整改情况 next.
            items = [{**_split(line), "numbered": False}]
        if items:
            sections[-1].items.extend({**item, "line": number} for item in items)
        elif sections[-1].items and _continues(sections[-1].items[-1], line):
            _append(sections[-1].items[-1], line)
        else:
            key = "notice.closing_line" if _closing(line, title_lines) else "notice.unparsed_line"
            warnings.append(Flag("warning", key, NOTICE_SHEET, number, None, line[:80]))
    warnings.extend(_cut_off(sections))
    title = "".join(title_lines)
    unit, round_ = _title_parts(title)
    # The figures are stated above the first problem and in the introduction: a problem's
    # progress may well say "制定整改措施12条，已完成10条" of itself.
    claims = notice_claims("\n".join(title_lines + opening))
    claimed = {name: claim.value for name, claim in claims.items() if name in _FIGURES}
    if not sections:
        refused = LedgerCheck(
            file=file, sheet=NOTICE_SHEET, errors=[Flag("error", "notice.no_sections", NOTICE_SHEET)]
        )
        return ParsedNotice(refused, title, unit, round_, claimed, claims=claims)
    check = _as_ledger(sections, unit, round_, file)
    check.as_of = as_of_in_text(title)  # "截至2023年6月30日，…" in the summary above the first heading
    check.warnings = warnings + check.warnings
    if check.accepted:
        check.warnings.extend(_disagreements(claims, check))
    return ParsedNotice(check, title, unit, round_, claimed, claims=claims)


def _closing(line: str, title_lines: list[str]) -> bool:
    """The closing words, or the sign-off: the date alone, or the issuing unit named in the title."""
    if _CLOSING.search(line) or _DATE_LINE.match(line):
        return True
    unit, _ = _title_parts("".join(title_lines))
    return bool(unit) and line == unit


def _starts_section(heading: re.Match[str], sections: list[Section]) -> bool:
    """A numbered heading opens a category: the first one, one that reads like a heading, or a
    short sentence numbered （二） right after （一） (a category written as a sentence)."""
    text = heading.group(3)
    if not sections or _looks_like_heading(text):
        return True
    numbered_next = heading.group(1) is not None and chinese_number(heading.group(1)) == len(sections) + 1
    return numbered_next and len(text) <= 60


def _next_reports(lines: list[str], number: int) -> bool:
    """Whether the next line that says anything opens a progress (整改情况：…)."""
    following = next((line for line in lines[number:] if line and not _FURNITURE.match(line)), "")
    return bool(_PROGRESS.match(following))


def _cut_off(sections: list[Section]) -> list[Flag]:
    """A copy that stops inside its last item: the others carry progress, the last has none."""
    items = [item for section in sections for item in section.items]
    if not items or items[-1]["reported"] or not any(item["reported"] for item in items[:-1]):
        return []
    last = items[-1]
    said = str(last["problem"])[:40]
    return [Flag("warning", "notice.cut_off", NOTICE_SHEET, int(last["line"]), None, said)]


def _looks_like_heading(text: str) -> bool:
    return bool(re.search(r"关于|方面|整改情况|问题", text)) and len(text) <= 60


def _category(heading: str) -> str:
    for pattern in (_CATEGORY, _CATEGORY_LOOSE):
        if match := pattern.search(heading):
            return match.group(1).strip().strip('“”"「」').strip()
    return heading.strip().rstrip("：:。").strip('“”"「」')


def _items(line: str, expected: int) -> list[dict[str, object]]:
    """The findings on one line: several "一是…二是…" in a paragraph, or one "1." item.
    An "X是" starts a finding only when X is the next number in the section and, where findings
    carry "进展：", when its own text does too, so a progress that lists its own points
    ("进展：一是…。二是…") stays whole."""
    if numbered := _NUMBERED.match(line):
        style = "paren" if numbered.group(1) else "dot"  # （1） or 1. / 1、
        return [{**_split(line[numbered.end() :]), "numbered": True, "style": style}]
    candidates = list(_ORDINAL.finditer(line))
    reported = bool(_PROGRESS.search(line))
    starts = []
    for i, match in enumerate(candidates):
        if chinese_number(match.group(1)) != expected + len(starts):
            continue
        # Where findings carry "进展：", each one does: a candidate whose own text has none is a
        # point inside the previous finding's progress ("进展：一是…。二是…。").
        own = line[match.end() : candidates[i + 1].start() if i + 1 < len(candidates) else len(line)]
        if reported and not _PROGRESS.search(own):
            continue
        starts.append(match)
    if not starts or line[: starts[0].start()].strip():
        return []
    bounds = [m.start() for m in starts[1:]] + [len(line)]
    return [_split(line[start.end() : end]) for start, end in zip(starts, bounds, strict=True)]


def _split(text: str) -> dict[str, object]:
    measures = ""
    progress_at = _PROGRESS.search(text)
    problem = text[: progress_at.start()] if progress_at else text
    progress = text[progress_at.end() :] if progress_at else ""
    if measures_at := _MEASURES.search(problem):
        problem, measures = problem[: measures_at.start()], problem[measures_at.end() :]
    return {
        "problem": problem.strip().rstrip("。；;，,").strip(),
        "measures": measures.strip().rstrip("。；;").strip(),
        "progress": progress.strip(),
        "numbered": False,
        "reported": progress_at is not None,  # its progress marker is written, even if nothing follows yet
    }


def _continues(item: dict[str, object], line: str) -> bool:
    """A line carries on the last finding when it brings that finding's measures or progress
    ("2. 问题" then "整改措施：…进展：…" on the next line), or the finding has no progress yet."""
    if _CLOSING.search(line) or _SECTION.match(line):
        return False
    return bool(_PROGRESS.match(line) or _MEASURES.match(line)) or not item["progress"]


def _append(item: dict[str, object], line: str) -> None:
    if not (_PROGRESS.search(line) or _MEASURES.match(line)):
        item["problem"] = f"{item['problem']}{line}"  # the problem's text went on a new line
        return
    more = _split(line)
    for name in ("problem", "measures", "progress"):
        item[name] = f"{item[name]}{more[name]}"
    item["reported"] = item["reported"] or more["reported"]


def _title_parts(title: str) -> tuple[str, str]:
    if match := _TITLE.search(title):
        return match.group("unit").strip(), match.group("round").strip()
    return "", ""


def _as_ledger(sections: list[Section], unit: str, round_: str, file: str) -> LedgerCheck:
    items = [(section.category, item) for section in sections for item in section.items]
    for _, item in items:
        if item["numbered"] and (headed := _HEADED_PROBLEM.match(str(item["problem"]))):
            item["problem"] = headed.group("problem").strip()
    columns: dict[str, list[object]] = {
        "category": [category for category, _ in items],
        "problem": [item["problem"] for _, item in items],
        "measures": [item["measures"] for _, item in items],
        "progress": [item["progress"] for _, item in items],
        "unit": [unit] * len(items),
        "round": [round_] * len(items),
    }
    check = ledger_from_fields(columns, file, NOTICE_SHEET)
    # The i-th finding is "row" i + 2 of the check: name the notice's lines instead. A finding
    # without a problem text is skipped (and warned about), so rows, not positions, tell which.
    lines = [item["line"] for _, item in items]
    if check.findings is not None:
        read = [items[row - 2][1] for row in check.findings["row"]]
        check.findings["row"] = [lines[row - 2] for row in check.findings["row"]]
        _with_tasks(check.findings, read)
    for flag in (*check.errors, *check.warnings):
        if flag.row is not None and 2 <= flag.row <= len(lines) + 1:
            flag.row = int(lines[flag.row - 2])
        if "row_numbers" in flag.params:  # a flag over several items (ledger._texts) lists lines too
            flag.params["rows"] = "、".join(str(lines[row - 2]) for row in flag.params["row_numbers"])
    check.header_row = None
    return check


def _with_tasks(findings: pd.DataFrame, items: list[dict[str, object]]) -> None:
    """Numbered problems whose 整改情况 lists "一是…二是…" get those points as their measures
    (`tasks`), each with the status its words imply, as the reader infers one; the problem's
    status is then derived from them by the counting rules. The problem keeps its progress as
    the notice wrote it."""
    rows = []
    # From the progress as read (ledger._texts: without control characters), not as written, so
    # that a measure holds the same text as its problem and every store takes it.
    for problem_id, progress_read, item in zip(findings["id"], findings["progress"], items, strict=True):
        points = _points(str(progress_read)) if item["numbered"] else []
        for number, (measure, progress) in enumerate(points, start=1):
            status = infer_status(progress) or ("in_progress" if progress else "pending")
            rows.append((problem_id, f"{problem_id}.{number}", measure, progress, status))
    if not rows:
        return
    measures = pd.DataFrame(rows, columns=["problem_id", "measure_id", "measures", "progress", "status"])
    measures["status_inferred"] = True
    tasks = problem_tasks(measures)
    derived = problem_statuses(measures["problem_id"], measures["status"])
    has_tasks = findings["id"].isin(tasks).to_numpy()
    findings["tasks"] = findings["id"].map(tasks).fillna("").astype(object)
    findings.loc[has_tasks, "status"] = findings.loc[has_tasks, "id"].map(derived).to_numpy()
    findings.loc[has_tasks, "status_inferred"] = True


def _points(progress: str) -> list[tuple[str, str]]:
    """The measures a problem's 整改情况 lists ("一是A；二是B。"), as (measure, progress): a point
    with a "进展：" of its own splits there; else its text is both (what was done names the
    measure). Fewer than two points, or text before the first, is no list: []."""
    text = progress.strip()
    starts: list[re.Match[str]] = []
    for match in _POINT.finditer(text):
        if chinese_number(match.group(1)) == len(starts) + 1:
            starts.append(match)
    if len(starts) < 2 or starts[0].start() != 0:
        return []
    bounds = [m.start() for m in starts[1:]] + [len(text)]
    points = []
    for start, end in zip(starts, bounds, strict=True):
        point = text[start.end() : end].strip().rstrip("。；;，,").strip()
        if marker := _PROGRESS.search(point):
            measure, said = point[: marker.start()].strip().rstrip("。；;，,"), point[marker.end() :].strip()
            points.append((measure, said.rstrip("。；;，,").strip()))
        else:
            points.append((point, point))
    return points


# The figures a notice states (all but its as-of date), and those compared with the items read.
_FIGURES = tuple(name for name in CLAIM_NAMES if name != "as_of")


def _disagreements(claims: dict[str, Claim], check: LedgerCheck) -> list[Flag]:
    """Each figure the notice states that the items read do not give, quoting its sentence.
    正在整改 (with 阶段性完成, where stated) is compared with the items under way: in progress,
    and long-term too unless the notice counts 长期坚持 apart (as ours do)."""
    findings = check.findings
    status = findings["status"]
    under_way = ("in_progress",) if "long_term" in claims else ("in_progress", "long_term")
    found: dict[str, float] = {
        "aspects": int(findings["category"].nunique()),
        "total": len(findings),
        "done": int((status == "done").sum()),
        "in_progress": int(status.isin(under_way).sum()),
        "long_term": int((status == "long_term").sum()),
        "pending": int((status == "pending").sum()),
    }
    if found["total"]:
        found["rate"] = round(found["done"] / found["total"], 4)
    stated = {name: claim.value for name, claim in claims.items()}
    if "partial" in stated:  # 阶段性完成 is under way, as far as the items can tell
        stated["in_progress"] = stated.get("in_progress", 0) + stated["partial"]
        claims = {**claims, "in_progress": claims.get("in_progress", claims["partial"])}
    flags = []
    for key in COMPARED_CLAIMS:
        if key not in stated or key not in found:
            continue
        if not disagrees(key, float(stated[key]), found[key]):
            continue
        params = {
            "claimed": shown_figure(key, float(stated[key])),
            "found": shown_figure(key, found[key]),
            "sentence": claims[key].sentence,
        }
        flags.append(Flag("warning", f"notice.disagrees.{key}", NOTICE_SHEET, params=params))
    return flags + _task_disagreements(claims, findings)


COMPARED_CLAIMS = ("aspects", "total", "done", "in_progress", "long_term", "pending", "rate")


# Written out in full (not built from the figure's name) so the label table can see them used.
_TASK_FIGURES = (("tasks_total", "notice.tasks_disagree.total"), ("tasks_done", "notice.tasks_disagree.done"))


def _task_disagreements(claims: dict[str, Claim], findings: pd.DataFrame) -> list[Flag]:
    """The notice's task figures against the tasks read, where it lists tasks at all: a notice
    that states "分解整改任务156项" but lists only its problems cannot be checked task by task."""
    if not (findings["tasks"] != "").any():
        return []
    measures = measure_table(findings)
    found = {"tasks_total": len(measures), "tasks_done": int((measures["status"] == "done").sum())}
    return [
        Flag("warning", key, NOTICE_SHEET, params={
            "claimed": int(claims[name].value), "found": found[name], "sentence": claims[name].sentence,
        })
        for name, key in _TASK_FIGURES
        if name in claims and claims[name].value != found[name]
    ]  # fmt: skip


# Written out in full (not built from the figure's name) so the label table can see them used.
_LEDGER_FIGURES = (
    ("total", "notice.ledger_disagrees.total"),
    ("done", "notice.ledger_disagrees.done"),
    ("rate", "notice.ledger_disagrees.rate"),
)


def ledger_disagreements(claims: dict[str, Claim], after: dict[str, float]) -> list[Flag]:
    """The notice's figures against the version its import would save (`notices.match.ledger_after`):
    a notice of 25 problems merged into a ledger of 30 says so, quoting where it states 25."""
    flags = []
    for name, key in _LEDGER_FIGURES:
        if name not in claims or name not in after:
            continue
        claimed, found = float(claims[name].value), after[name]
        if not disagrees(name, claimed, found):
            continue
        params = {
            "claimed": shown_figure(name, claimed),
            "found": shown_figure(name, found),
            "sentence": claims[name].sentence,
        }
        flags.append(Flag("warning", key, NOTICE_SHEET, params=params))
    return flags
