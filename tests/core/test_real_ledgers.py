"""Ledgers laid out the ways offices really keep them (issue 11), each made here by the test, with
the counts a careful clerk gets by hand written out beside it: problems and tasks, by status, by
category, by lead department, and overdue at the as-of date of the ledger's title row.

Every ledger says "（截至2024年6月30日）" (or "as of 2024-06-30"), so overdue means: not done, with
a dated deadline before 2024-06-30. A deadline on 2024-06-30 itself is due today, not overdue.
The counts below are the clerk's, never computed from the code under test.

Sheets are written as text tables: one row a line, cells between "|"; a line with no "|" is a
title row (one cell); "~" is a blank row; a line starting with "+" carries on the row above;
an empty cell is an empty cell; "#0.6" is the number 0.6; "\\n" and "\\u3000" in a cell are a
line break and a full-width space."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date

import pytest

from rectification.check_report import check_report
from rectification.intake import check_file
from rectification.ledger import LedgerCheck
from rectification.metrics import DEFAULT_WARNING_DAYS
from tests.workbooks import csv_bytes, xlsx

AS_OF = date(2024, 6, 30)
NO_DEPARTMENT = "未指定部门"  # how the check names problems whose sheet names no department
UNCATEGORISED = "未分类"


def grid(text: str) -> list[list[object]]:
    """A sheet's rows from a text table (see the module's docstring)."""
    rows: list[list[object]] = []
    for raw in text.strip("\n").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line == "~":
            rows.append([])
        elif line.startswith("+"):
            rows[-1].extend(_cell(c) for c in line[1:].split("|"))
        else:
            rows.append([_cell(c) for c in line.split("|")])
    return rows


def _cell(text: str) -> object:
    text = text.strip().replace("\\n", "\n").replace("\\u3000", "\u3000")
    if not text:
        return None
    if text.startswith("#"):
        number = float(text[1:])
        return int(number) if number.is_integer() else number
    return text


def texts(rows: list[list[object]]) -> list[list[str]]:
    """Rows as a text export writes them: every row as wide as the widest, blanks as ""."""
    width = max(len(r) for r in rows)
    return [["" if c is None else str(c) for c in row] + [""] * (width - len(row)) for row in rows]


# Files as OA and government systems write them (shape 7).


def html_xls(
    rows: list[list[object]], encoding: str, charset: str, rowspans: dict[tuple[int, int], int] | None = None
) -> bytes:
    """An ".xls" that is really an HTML table, as web systems export it: a title cell spanning the
    table, the header in <th> cells, one <tr> a row, in `encoding` as its <meta> says. `rowspans`
    gives cells (0-based row, column) merged down over that many rows; the cells they cover are
    left out of their rows, as HTML writes them."""
    table = texts(rows)
    width = len(table[0])
    header = next(i for i, row in enumerate(table) if len([c for c in row if c]) > 2)
    spans = rowspans or {}
    covered = {(r + k, c) for (r, c), n in spans.items() for k in range(1, n)}
    lines = []
    for i, row in enumerate(table):
        if len([c for c in row if c]) == 1 and row[0]:
            cells = f'<td colspan="{width}" align="center"><b>{html.escape(row[0])}</b></td>'
        else:
            tag = "th" if i == header else "td"
            cells = "".join(
                f"<{tag}{_rowspan(spans.get((i, j)))}>{html.escape(c)}</{tag}>"
                for j, c in enumerate(row)
                if (i, j) not in covered
            )
        lines.append(f"<tr>{cells}</tr>")
    page = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
        f'<head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head>\n'
        '<body><table border="1" cellspacing="0">\n' + "\n".join(lines) + "\n</table></body></html>"
    )
    return page.encode(encoding)


def _rowspan(rows: int | None) -> str:
    return f' rowspan="{rows}"' if rows else ""


def unicode_text(rows: list[list[object]]) -> bytes:
    """Excel's "Unicode text" (*.txt): UTF-16 little-endian with a BOM, tab-separated, CRLF."""
    return b"\xff\xfe" + "".join("\t".join(row) + "\r\n" for row in texts(rows)).encode("utf-16-le")


# The clerk's hand count of one ledger, and the ledger.


@dataclass(frozen=True)
class Case:
    id: str
    file: str
    content: bytes
    problems: int = 0
    status: dict[str, int] = field(default_factory=dict)  # problems by status
    categories: dict[str, int] = field(default_factory=dict)
    departments: dict[str, int] = field(default_factory=dict)  # problems by lead department
    overdue: int = 0  # problems with a measure overdue (red)
    # Measures, where problems have several; None: one task a problem, the problems' figures.
    tasks: int | None = None
    task_status: dict[str, int] | None = None
    task_departments: dict[str, int] | None = None
    task_overdue: int | None = None
    refused: list[tuple[str, int | None, str | None]] | None = None  # (error key, row, column)
    # Warnings that must be given: a key's start ("rows.total"), with "@row" for its first row.
    said: tuple[str, ...] = ()
    # Texts some warning must show; "a|b" is either.
    said_text: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()  # headers that must be listed as ignored
    kept: tuple[str, ...] = ()  # headers that must not be: they are read


def statuses(done: int = 0, in_progress: int = 0, long_term: int = 0, pending: int = 0) -> dict[str, int]:
    return {"done": done, "in_progress": in_progress, "long_term": long_term, "pending": pending}


def clerk_count(case: Case) -> dict[str, object]:
    """The case's hand count in the shape of `checked`."""
    expected: dict[str, object] = {"as_of": AS_OF}
    if case.refused is not None:
        return expected | {"accepted": False, "errors": case.refused}
    expected |= {
        "accepted": True,
        "errors": [],
        "problems": case.problems,
        "by_status": case.status,
        "by_category": case.categories,
        "by_department": case.departments,
        "overdue": case.overdue,
        "tasks": case.problems if case.tasks is None else case.tasks,
        "tasks_by_status": case.status if case.task_status is None else case.task_status,
        "tasks_by_department": case.departments if case.task_departments is None else case.task_departments,
        "tasks_overdue": case.overdue if case.task_overdue is None else case.task_overdue,
    }
    return expected | said(case, None)


def checked(check: LedgerCheck, case: Case) -> dict[str, object]:
    """What `check_file` gave, in the same shape, judged at the clerk's as-of date (so a missed
    as-of shows as that alone, not as every overdue count besides)."""
    got: dict[str, object] = {
        "as_of": check.as_of,
        "accepted": check.accepted,
        "errors": [(e.key, e.row, e.column) for e in check.errors],
    }
    if not check.accepted:
        return got
    summary = check_report(check, AS_OF, "zh", DEFAULT_WARNING_DAYS)["summary"]
    tasks = summary["tasks"]
    got |= {
        "problems": summary["total"],
        "by_status": summary["by_status"],
        "by_category": summary["by_category"],
        "by_department": summary["by_department"],
        "overdue": summary["overdue"],
        "tasks": tasks["total"],
        "tasks_by_status": tasks["by_status"],
        "tasks_by_department": tasks["by_department"],
        "tasks_overdue": tasks["overdue"],
    }
    return got | said(case, check)


def said(case: Case, check: LedgerCheck | None) -> dict[str, object]:
    """Whether each warning, text and header the case asks for was said; with no check, the
    answer the clerk expects (all of them)."""
    warnings = check.warnings if check is not None else []
    messages = " ".join(w.message("zh") for w in warnings)
    ignored = {w.value for w in warnings if w.key.startswith("column.ignored")}

    def given(wanted: str) -> bool:
        key, _, row = wanted.partition("@")
        return any(w.key.startswith(key) and (not row or w.row == int(row)) for w in warnings)

    out: dict[str, object] = {}
    if case.said:
        out["said"] = {k: check is None or given(k) for k in case.said}
    if case.said_text:
        out["said_text"] = {
            t: check is None or any(part in messages for part in t.split("|")) for t in case.said_text
        }
    if case.ignored or case.kept:
        listed = {h: (check is None) or (h in ignored) for h in case.ignored}
        out["ignored"] = listed | {h: check is not None and h in ignored for h in case.kept}
    return out


# 1. Category not in a column: headings inside the table, a numbering hierarchy, one sheet each.

HEADINGS = Case(
    "categories-as-group-rows",
    "巡察整改台账.xlsx",
    xlsx(
        {
            "整改台账": grid("""
                中共某某区委第三巡察组反馈问题整改落实台账
                （截至2024年6月30日）
                序号 | 问题描述 | 整改措施 | 责任部门 | 整改时限 | 整改状态
                一、政治建设方面（3个）
                1 | 学习贯彻习近平新时代中国特色社会主义思想不够深入 | 制定党委理论学习中心组年度学习计划
                  + 党委办公室 | 2024-03-31 | 已完成
                2 | 落实意识形态工作责任制不到位 | 修订意识形态工作责任制实施细则 | 党委宣传部 | 2024-05-31
                  + 推进中
                3 | 执行民主集中制不严格，“三重一大”事项集体决策不规范 | 完善党委会议事规则 | 党委办公室
                  + 2024-09-30 | 推进中
                二、全面从严治党方面（2个）
                4 | 落实“两个责任”压力传导不够 | 逐级签订党风廉政建设责任书 | 纪委办公室 | 2024-04-30 | 已完成
                5 | 违规发放津贴补贴 | 清退违规发放的津贴补贴 | 财务处 | 2024-06-15 | 未启动
                三、作风建设方面（2个）
                6 | 会议文件过多，基层负担较重 | 精简会议文件 | 党委办公室 | 长期坚持 | 长期坚持
                7 | 公务用车管理不规范 | 开展公务用车专项清理 | 后勤处 | 2024-12-31 | 推进中
            """)
        },
        {"整改台账": ["A1:F1", "A2:F2", "A4:F4", "A8:F8", "A11:F11"]},
    ),
    problems=7,
    status=statuses(done=2, in_progress=3, long_term=1, pending=1),
    categories={"政治建设": 3, "全面从严治党": 2, "作风建设": 2},
    departments={"党委办公室": 3, "党委宣传部": 1, "纪委办公室": 1, "财务处": 1, "后勤处": 1},
    overdue=2,  # 2 (05-31, 推进中) and 5 (06-15, 未启动)
    said=("rows.heading@4", "category.from_headings"),
)

# 一 / （一） / 1: the top level is the category (方面); （一） are sub-groups inside it, and problem 3
# is one problem of two measures, its 序号 and 问题描述 merged down over both.
HIERARCHY = Case(
    "categories-in-a-numbering-hierarchy",
    "整改台账.xlsx",
    xlsx(
        {
            "整改台账": grid("""
                某某局党组巡察反馈问题整改落实台账
                （截至2024年6月30日）
                序号 | 问题描述 | 整改措施 | 责任部门 | 整改时限 | 整改状态
                一、关于政治建设方面
                （一）学习贯彻党的创新理论方面
                1 | “第一议题”制度落实不到位 | 建立“第一议题”学习台账 | 党委办公室 | 2024-04-30 | 已完成
                2 | 理论学习中心组学习流于形式 | 制定专题学习计划 | 党委宣传部 | 2024-06-30 | 推进中
                （二）贯彻落实上级决策部署方面
                3 | 落实安全生产责任不到位 | 开展安全生产大检查 | 安全保卫处 | 2024-05-31 | 已完成
                  |  | 建立隐患排查整治台账 | 安全保卫处 | 2024-06-20 | 推进中
                二、关于主责主业方面
                （一）履行监管职责方面
                4 | 对下属企业监管不力 | 修订下属企业监管办法 | 资产管理处 | 2024-08-31 | 未启动
                5 | 项目资金拨付不及时 | 建立资金拨付台账 | 财务处 | 2024-03-31 | 已完成
            """)
        },
        {"整改台账": ["A9:A10", "B9:B10"]},
    ),
    problems=5,
    # 3 has one measure done and one under way: under way. 2 is due today: not overdue.
    status=statuses(done=2, in_progress=2, pending=1),
    categories={"政治建设": 3, "主责主业": 2},
    departments={"党委办公室": 1, "党委宣传部": 1, "安全保卫处": 1, "资产管理处": 1, "财务处": 1},
    overdue=1,  # 3, by its second measure (06-20)
    tasks=6,
    task_status=statuses(done=3, in_progress=2, pending=1),
    task_departments={"党委办公室": 1, "党委宣传部": 1, "安全保卫处": 2, "资产管理处": 1, "财务处": 1},
    task_overdue=1,
    said=("rows.heading@4", "rows.subheading@5", "category.from_headings"),
)

# A heading that states its count wrongly ("（3个）" over two problems): the problems are counted
# as read, and the difference is said at the heading's row, since one of the two is wrong.
HEADING_COUNT_DIFFERS = Case(
    "heading-count-differs-is-said",
    "整改台账.xlsx",
    xlsx(
        {
            "整改台账": grid("""
                某某委员会巡察反馈问题整改台账
                （截至2024年6月30日）
                序号 | 问题描述 | 整改措施 | 责任部门 | 整改时限 | 整改状态
                一、党的建设方面（3个）
                1 | 党内政治生活不严肃 | 规范民主生活会程序 | 机关党委 | 2024-03-31 | 已完成
                2 | 党员管理不严格 | 开展党员组织关系排查 | 机关党委 | 2024-07-31 | 推进中
                二、业务工作方面（2个）
                3 | 业务培训不足 | 制定年度培训计划 | 业务科 | 2024-05-31 | 推进中
                4 | 统计数据不准确 | 开展统计数据核查 | 统计科 | 2024-06-30 | 未启动
            """)
        }
    ),
    problems=4,
    status=statuses(done=1, in_progress=2, pending=1),
    categories={"党的建设": 2, "业务工作": 2},
    departments={"机关党委": 2, "业务科": 1, "统计科": 1},
    overdue=1,  # 3 (05-31); 4 is due today
    said=("heading.count_differs@4",),
)

# A sheet per category, named as the headings are written: the category is the name without
# "方面", as a heading row "一、政治建设方面" gives 政治建设 (the same ledger, the same categories).
SHEET_PER_CATEGORY = Case(
    "one-sheet-per-category",
    "分类整改台账.xlsx",
    xlsx(
        {
            "政治建设方面": grid("""
                政治建设方面问题整改台账（截至2024年6月30日）
                序号 | 问题描述 | 整改措施 | 责任部门 | 整改时限 | 整改状态
                1 | 理论学习教育不深入 | 制定年度学习计划 | 党委办公室 | 2024-03-31 | 已完成
                2 | 基层党组织建设薄弱 | 开展支部标准化规范化建设 | 组织人事处 | 2024-06-10 | 推进中
                3 | 意识形态阵地管理不严 | 清理规范宣传阵地 | 党委宣传部 | 2024-10-31 | 未启动
            """),
            "全面从严治党方面": grid("""
                全面从严治党方面问题整改台账（截至2024年6月30日）
                序号 | 问题描述 | 整改措施 | 责任部门 | 整改时限 | 整改状态
                1 | 廉政风险防控不到位 | 梳理排查廉政风险点 | 纪检监察室 | 2024-05-31 | 已完成
                2 | 落实中央八项规定精神不严 | 开展作风问题专项整治 | 党委办公室 | 长期坚持 | 长期坚持
            """),
        }
    ),
    problems=5,
    status=statuses(done=2, in_progress=1, long_term=1, pending=1),
    categories={"政治建设": 3, "全面从严治党": 2},
    departments={"党委办公室": 2, "组织人事处": 1, "党委宣传部": 1, "纪检监察室": 1},
    overdue=1,  # 政治建设-2 (06-10)
    said=("sheets.combined",),
)

# No 问题类别 at all: the audit office groups its problems by 审计项目 and reports by it. The
# grouping column is the category (the issue allows it, and it is what the office counts by),
# said in a warning; never a refusal.
AUDIT_BY_PROJECT = Case(
    "audit-ledger-grouped-by-audit-project",
    "审计整改台账.xlsx",
    xlsx(
        {
            "Sheet1": grid("""
                某某县审计查出问题整改台账
                （截至2024年6月30日）
                序号 | 审计项目 | 审计发现问题 | 整改措施 | 责任单位 | 整改期限 | 整改状态
                1 | 2023年度预算执行审计 | 预算编制不够细化，年初预算到位率低 | 细化预算编制 | 财务科
                  + 2024-03-31 | 已整改
                2 | 2023年度预算执行审计 | 政府采购程序不规范 | 修订政府采购内控制度 | 办公室 | 2024-05-31
                  + 整改中
                3 | 2023年度预算执行审计 | 固定资产账实不符 | 开展资产清查 | 财务科 | 2024-09-30 | 未整改
                4 | 乡村振兴专项资金审计 | 专项资金滞留未拨付 | 及时拨付专项资金 | 农业农村股 | 2024-04-30
                  + 已整改
                5 | 乡村振兴专项资金审计 | 项目绩效目标未达成 | 开展项目绩效评价 | 农业农村股 | 2024-12-31
                  + 整改中
            """)
        }
    ),
    problems=5,
    status=statuses(done=2, in_progress=2, pending=1),
    categories={"2023年度预算执行审计": 3, "乡村振兴专项资金审计": 2},
    departments={"财务科": 2, "办公室": 1, "农业农村股": 2},
    overdue=1,  # 2 (05-31)
    said=("category.",),
    kept=("审计项目",),
)

# 2. Rows that are not problems: never counted, each kind said with its first row.

TOTALS_AND_FOOTNOTES = Case(
    "totals-column-numbers-footnotes-signoff",
    "财政局整改台账.xlsx",
    xlsx(
        {
            "整改台账": grid("""
                县委第二巡察组反馈问题整改台账
                填报单位：县财政局（截至2024年6月30日）
                序号 | 问题类别 | 问题描述 | 整改措施 | 责任股室 | 整改时限 | 整改进展 | 整改状态
                #1 | #2 | #3 | #4 | #5 | #6 | #7 | #8
                1 | 政治建设 | 党组理论学习中心组学习制度执行不严 | 严格执行中心组学习制度 | 办公室
                  + 2024-03-31 | 已制定年度学习计划并按月开展 | 已完成
                2 | 政治建设 | 意识形态工作研判不及时 | 每季度开展意识形态形势研判 | 办公室 | 长期坚持
                  + 已开展研判2次 | 长期坚持
                小计 |  | 2个 |  |  |  |  | 已完成1个
                3 | 主责主业 | 非税收入征缴不及时 | 建立非税收入征缴台账 | 综合股 | 2024-05-31
                  + 正在清理欠缴款项 | 推进中
                4 | 主责主业 | 专项资金绩效评价流于形式 | 修订绩效评价办法 | 预算股 | 2024-08-31 | 已起草初稿
                  + 推进中
                5 | 主责主业 | 政府采购监管不到位 | 开展政府采购专项检查 | 采购股 | 2024-06-20 |  | 未启动
                小计 |  | 3个 |  |  |  |  | 已完成0个
                6 | 作风建设 | 违规发放津补贴 | 清退违规发放资金 | 办公室 | 2024-04-30 | 已全部清退 | 已完成
                合计 |  | 6个 |  |  |  |  | 已完成2个
                说明：1.整改状态填写“已完成”“推进中”“长期坚持”“未启动”。
                2.完成时限以巡察反馈意见为准。
                备注：已完成事项需附佐证材料。
                填报人：王芳 |  | 审核人：李强 |  | 联系电话：0791-88888888 |  | 填报日期：2024年7月2日
            """)
        }
    ),
    problems=6,
    status=statuses(done=2, in_progress=2, long_term=1, pending=1),
    categories={"政治建设": 2, "主责主业": 3, "作风建设": 1},
    departments={"办公室": 3, "综合股": 1, "预算股": 1, "采购股": 1},
    overdue=2,  # 3 (05-31) and 5 (06-20)
    said=("rows.column_numbers@4", "rows.total@7", "rows.footnote@14", "rows.signoff@17"),
)

# Department blocks copied one under another, each with its own title and header.
STACKED_BLOCKS = Case(
    "stacked-department-blocks",
    "各科室整改台账汇编.xlsx",
    xlsx(
        {
            "Sheet1": grid("""
                2024年巡察整改台账汇编（截至2024年6月30日）
                办公室整改问题清单
                编号 | 问题类别 | 问题描述 | 整改措施 | 责任部门 | 完成时限 | 完成情况
                BGS-01 | 党的建设 | 支部“三会一课”记录不规范 | 规范会议记录 | 办公室 | 2024-04-30 | 已完成
                BGS-02 | 作风建设 | 公文办理超时 | 建立公文督办机制 | 办公室 | 2024-05-31 | 推进中
                ~
                财务科整改问题清单
                编号 | 问题类别 | 问题描述 | 整改措施 | 责任部门 | 完成时限 | 完成情况
                CWK-01 | 党的建设 | 党费收缴不及时 | 建立党费收缴台账 | 财务科 | 2024-03-31 | 已完成
                CWK-02 | 主责主业 | 往来款长期挂账未清理 | 清理往来款项 | 财务科 | 2024-12-31 | 推进中
                CWK-03 | 主责主业 | 报销审核不严 | 修订报销管理办法 | 财务科 | 2024-06-15 | 未启动
                ~
                人事科整改问题清单
                编号 | 问题类别 | 问题描述 | 整改措施 | 责任部门 | 完成时限 | 完成情况
                RSK-01 | 党的建设 | 干部档案管理不规范 | 开展干部档案专项审核 | 人事科 | 2024-09-30 | 推进中
                RSK-02 | 作风建设 | 考勤制度执行不严 | 修订考勤管理制度 | 人事科 | 立行立改 | 已完成
            """)
        }
    ),
    problems=7,
    status=statuses(done=3, in_progress=3, pending=1),
    categories={"党的建设": 3, "作风建设": 2, "主责主业": 2},
    departments={"办公室": 2, "财务科": 3, "人事科": 2},
    overdue=2,  # BGS-02 (05-31), CWK-03 (06-15)
    said=("rows.header@8", "rows.title@7"),
)

# 3. Deadlines in words. A month, quarter or half-year means its last day, in the as-of year.

MONTH_WORDS = Case(
    "deadlines-in-words-months-quarters",
    "整改台账.xlsx",
    xlsx(
        {
            "整改台账": grid("""
                某某镇巡察反馈问题整改台账
                （截至2024年6月30日）
                序号 | 问题类别 | 问题描述 | 整改措施 | 责任部门 | 整改时限 | 整改状态
                1 | 政治建设 | 学习制度坚持不经常 | 修订学习制度 | 办公室 | 6月底 | 推进中
                2 | 政治建设 | 谈心谈话开展不经常 | 建立谈心谈话制度 | 机关党委 | 6月底前 | 推进中
                3 | 主责主业 | 项目前期工作滞后 | 加快项目前期工作 | 发展规划科 | 2024年6月底前 | 未启动
                4 | 主责主业 | 行政审批时限过长 | 压缩审批时限 | 行政审批科 | 年底前 | 推进中
                5 | 主责主业 | 政务公开不及时 | 完善政务公开目录 | 办公室 | 2024年上半年 | 已完成
                6 | 作风建设 | 督查检查过多过频 | 统筹督查检查事项 | 办公室 | 第一季度 | 推进中
                7 | 作风建设 | 基层报表负担重 | 清理精简报表 | 机关党委 | 一季度末 | 未启动
                8 | 作风建设 | 办文办会不规范 | 修订办文办会规程 | 办公室 | 2024年底 | 未启动
            """)
        }
    ),
    problems=8,
    status=statuses(done=1, in_progress=4, pending=3),
    categories={"政治建设": 2, "主责主业": 3, "作风建设": 3},
    departments={"办公室": 4, "机关党委": 2, "发展规划科": 1, "行政审批科": 1},
    # 6月底 / 6月底前 / 2024年6月底前 are 06-30, due today; 第一季度 and 一季度末 are 03-31: 6 and 7.
    overdue=2,
    # What was decided is shown: the cell as written beside the date read.
    said_text=("6月底|第一季度|一季度末|年底前|2024年底",),
)

TERM_WORDS = Case(
    "deadlines-in-words-terms-and-two-dates",
    "整改台账.xlsx",
    xlsx(
        {
            "整改台账": grid("""
                某某街道巡察反馈问题整改台账
                （截至2024年6月30日）
                序号 | 问题类别 | 问题描述 | 整改措施 | 责任部门 | 整改时限 | 整改状态
                1 | 党的建设 | 组织生活会质量不高 | 规范组织生活会程序 | 机关党委 | 2024.06 | 已完成
                2 | 党的建设 | 发展党员程序不规范 | 开展发展党员专项检查 | 机关党委 | 2024年10月底前完成
                  + 推进中
                3 | 党的建设 | 廉政警示教育不经常 | 常态化开展警示教育 | 纪检组 | 持续推进 | 长期坚持
                4 | 作风建设 | 文风会风不实 | 严格控制发文数量 | 办公室 | 长期 | 长期坚持
                5 | 作风建设 | 违规使用公务用车 | 收回违规使用车辆并建立长效机制 | 办公室 | 立行立改并长期坚持
                  + 长期坚持
                6 | 主责主业 | 重点项目推进缓慢 | 倒排工期加快推进 | 项目办
                  + 2024.3.31（阶段性）2024.12.31（全面） | 推进中
                7 | 主责主业 | 债务化解进度滞后 | 制定债务化解方案 | 财政所 | 2024.5.31 | 推进中
            """)
        }
    ),
    problems=7,
    status=statuses(done=1, in_progress=3, long_term=3),
    categories={"党的建设": 3, "作风建设": 2, "主责主业": 2},
    departments={"机关党委": 2, "纪检组": 1, "办公室": 2, "项目办": 1, "财政所": 1},
    # Only 7. Problem 6's deadline is the full one (12-31); its passed 03-31 stage is a milestone.
    overdue=1,
    said_text=("（阶段性）|2024年10月底前完成",),
)

# An impossible date is sent back naming its row and column; the word deadlines around it are not.
IMPOSSIBLE_DATE = Case(
    "impossible-date-refused",
    "整改台账.xlsx",
    xlsx(
        {
            "整改台账": grid("""
                某某局巡察反馈问题整改台账
                （截至2024年6月30日）
                序号 | 问题类别 | 问题描述 | 整改措施 | 责任部门 | 整改时限 | 整改状态
                1 | 政治建设 | 学习制度坚持不经常 | 修订学习制度 | 办公室 | 6月底前 | 推进中
                2 | 政治建设 | 主体责任落实不到位 | 制定责任清单 | 办公室 | 年底前 | 推进中
                3 | 主责主业 | 合同管理不规范 | 开展合同清理 | 法规科 | 2024.02.30 | 已完成
                4 | 主责主业 | 档案管理混乱 | 开展档案整理 | 办公室 | 2024年上半年 | 未启动
                5 | 作风建设 | 考勤管理松散 | 修订考勤制度 | 办公室 | 2024-13-01 | 推进中
            """)
        }
    ),
    # Both impossible dates, each at its own row; 6月底前, 年底前 and 2024年上半年 are dates.
    refused=[("date.invalid", 6, "整改时限"), ("date.invalid", 8, "整改时限")],
)

# 4. Status not in our words. The status column wins; progress text only fills blanks.

# √ ✓ done. ○ in a 是否完成 column is "under way, not finished" (the office's ● would be done):
# in_progress. × is "not done" with nothing to say it started: pending, as 未完成 is.
MARKS = Case(
    "status-marks",
    "整改台账.xlsx",
    xlsx(
        {
            "整改台账": grid("""
                某某中心巡察整改台账
                （截至2024年6月30日）
                序号 | 问题类别 | 问题描述 | 整改措施 | 责任部门 | 整改时限 | 是否完成
                1 | 党的建设 | “三会一课”落实不经常 | 建立“三会一课”台账 | 党支部 | 2024-03-31 | √
                2 | 党的建设 | 党员教育管理不严 | 开展党员集中轮训 | 党支部 | 2024-04-30 | ✓
                3 | 业务管理 | 设备维护保养不到位 | 制定设备维保计划 | 设备科 | 2024-05-31 | ○
                4 | 业务管理 | 安全培训覆盖不全 | 开展全员安全培训 | 安全科 | 2024-09-30 | ○
                5 | 财务管理 | 差旅费报销超标准 | 追回超标准报销款 | 财务科 | 2024-05-15 | ×
                6 | 财务管理 | 固定资产未定期盘点 | 开展年度资产盘点 | 财务科 | 2024-12-31 | ×
            """)
        }
    ),
    problems=6,
    status=statuses(done=2, in_progress=2, pending=2),
    categories={"党的建设": 2, "业务管理": 2, "财务管理": 2},
    departments={"党支部": 2, "设备科": 1, "安全科": 1, "财务科": 2},
    overdue=2,  # 3 (05-31, ○) and 5 (05-15, ×)
    said=("status.read_as",),
)

YES_NO = Case(
    "status-yes-no",
    "整改台账.xlsx",
    xlsx(
        {
            "整改台账": grid("""
                某某学院巡察反馈问题整改台账
                （截至2024年6月30日）
                序号 | 问题类别 | 问题描述 | 整改措施 | 责任单位 | 整改时限 | 是否完成整改
                1 | 政治建设 | 二级党组织会议议事规则不健全 | 修订议事规则 | 党委组织部 | 2024-03-31 | 是
                2 | 政治建设 | 课堂教学意识形态管理不严 | 完善教材选用审核 | 教务处 | 2024-06-30 | 是
                3 | 主责主业 | 科研经费管理不规范 | 修订科研经费管理办法 | 科研处 | 2024-05-31 | 否
                4 | 主责主业 | 招生录取监督不到位 | 完善招生监督机制 | 招生办 | 2024-10-31 | 否
                5 | 作风建设 | 后勤服务投诉较多 | 整改食堂服务问题 | 后勤处 | 立行立改 | 是
            """)
        }
    ),
    problems=5,
    status=statuses(done=3, pending=2),
    categories={"政治建设": 2, "主责主业": 2, "作风建设": 1},
    departments={"党委组织部": 1, "教务处": 1, "科研处": 1, "招生办": 1, "后勤处": 1},
    overdue=1,  # 3 (05-31, 否)
    said=("status.read_as",),
)

# 完成进度: 100% is done, 0% not started, anything between under way. Typed as text ("60%") or
# as an Excel percentage (the number 0.6), both as offices do.
PERCENT = Case(
    "status-percentage",
    "整改台账.xlsx",
    xlsx(
        {
            "整改台账": grid("""
                某某公司巡察整改进度台账
                （截至2024年6月30日）
                序号 | 问题类别 | 问题描述 | 整改措施 | 责任部门 | 整改时限 | 完成进度
                1 | 党的建设 | 党建工作与生产经营结合不紧 | 制定党建融合工作方案 | 党群工作部 | 2024-03-31
                  + 100%
                2 | 党的建设 | 基层党支部书记培训不足 | 开展支部书记轮训 | 党群工作部 | 2024-05-31 | #0.6
                3 | 经营管理 | 应收账款清收不力 | 制定清收计划 | 财务部 | 2024-08-31 | 60%
                4 | 经营管理 | 招投标管理不规范 | 修订招投标管理办法 | 采购部 | 2024-04-30 | #1
                5 | 经营管理 | 合同履约监管缺位 | 建立合同履约台账 | 法务部 | 2024-06-15 | 0%
                6 | 安全生产 | 隐患整改闭环管理不到位 | 建立隐患整改销号制度 | 安全环保部 | 2024-12-31 | #0.3
            """)
        }
    ),
    problems=6,
    status=statuses(done=2, in_progress=3, pending=1),
    categories={"党的建设": 2, "经营管理": 3, "安全生产": 1},
    departments={"党群工作部": 2, "财务部": 1, "采购部": 1, "法务部": 1, "安全环保部": 1},
    overdue=2,  # 2 (05-31, 60%) and 5 (06-15, 0%)
    said=("status.read_as",),
)

# Words as offices write them. 已完成（待验收） is reported done (its verification is the 销号
# figure, not the completion rate); 部分完成, 阶段性完成 and 基本完成 are not done. Progress texts
# that say otherwise (rows 7 and 11) never override the stated status.
WORDS = Case(
    "status-words",
    "整改台账.xlsx",
    xlsx(
        {
            "整改台账": grid("""
                某某区卫健委巡察整改台账
                （截至2024年6月30日）
                序号 | 问题类别 | 问题描述 | 整改措施 | 责任科室 | 整改时限 | 整改进展 | 整改状态
                1 | 政治建设 | 党组议事规则执行不严 | 修订党组议事规则 | 办公室 | 2024-03-31 | 已印发新规则
                  + 已完成整改并销号
                2 | 政治建设 | 党风廉政建设责任落实不到位 | 签订责任书 | 办公室 | 2024-04-30 | 已全部签订
                  + 已整改到位
                3 | 主责主业 | 医疗废物处置监管不严 | 开展专项检查 | 医政科 | 2024-05-31 | 已检查完毕 | 已办结
                4 | 主责主业 | 基层医疗机构药品管理不规范 | 开展药品管理专项整治 | 药政科 | 2024-05-31
                  + 已提交验收申请，正在等待验收 | 已完成（待验收）
                5 | 主责主业 | 家庭医生签约服务不实 | 开展签约服务核查 | 基层卫生科 | 2024-05-31 | 已核查60%
                  + 正在整改中
                6 | 作风建设 | 窗口服务效率不高 | 推行一站式服务 | 医政科 | 2024-06-29 | 已完成3个窗口
                  + 部分完成
                7 | 作风建设 | 会议培训过多 | 统筹精简会议培训 | 办公室 | 2024-12-31 | 第一阶段已完成
                  + 阶段性完成
                8 | 作风建设 | 公务接待超标准 | 修订公务接待管理办法 | 财务科 | 2024-06-30 | 已全部完成
                  + 基本完成
            """)
        }
    ),
    problems=8,
    status=statuses(done=4, in_progress=4),
    categories={"政治建设": 2, "主责主业": 3, "作风建设": 3},
    departments={"办公室": 3, "医政科": 2, "药政科": 1, "基层卫生科": 1, "财务科": 1},
    overdue=2,  # 5 (05-31) and 6 (06-29); 8 is due today
)

# 5. One sheet per department beside a 汇总 sheet: the summary is never more problems.

SHEET_PER_DEPARTMENT = Case(
    "one-sheet-per-department-with-summary",
    "各部门整改台账.xlsx",
    xlsx(
        {
            "汇总": grid("""
                巡察整改情况汇总表（截至2024年6月30日）
                序号 | 责任部门 | 问题总数 | 已完成 | 推进中 | 完成率
                1 | 办公室 | #3 | #2 | #1 | 66.7%
                2 | 财务科 | #2 | #1 | #1 | 50.0%
                3 | 人事科 | #2 | #0 | #0 | 0.0%
                合计 |  | #7 | #3 | #2 | 42.9%
            """),
            "办公室": grid("""
                办公室巡察整改台账（截至2024年6月30日）
                序号 | 问题类别 | 问题描述 | 整改措施 | 整改时限 | 整改状态
                1 | 政治建设 | 理论学习不深入 | 制定学习计划 | 2024-03-31 | 已完成
                2 | 作风建设 | 公文办理不及时 | 建立督办机制 | 2024-05-31 | 推进中
                3 | 作风建设 | 会议室管理混乱 | 制定会议室使用制度 | 2024-09-30 | 已完成
            """),
            "财务科": grid("""
                财务科巡察整改台账（截至2024年6月30日）
                序号 | 问题类别 | 问题描述 | 整改措施 | 整改时限 | 整改状态
                1 | 主责主业 | 预算执行率偏低 | 加快预算执行进度 | 2024-06-30 | 推进中
                2 | 主责主业 | 报销审核不严 | 修订报销管理办法 | 2024-04-30 | 已完成
            """),
            "人事科": grid("""
                人事科巡察整改台账（截至2024年6月30日）
                序号 | 问题类别 | 问题描述 | 整改措施 | 整改时限 | 整改状态
                1 | 政治建设 | 干部教育培训不足 | 制定年度培训计划 | 长期坚持 | 长期坚持
                2 | 主责主业 | 人事档案管理不规范 | 开展档案专项审核 | 2024-06-10 | 未启动
            """),
        }
    ),
    problems=7,
    status=statuses(done=3, in_progress=2, long_term=1, pending=1),
    categories={"政治建设": 2, "作风建设": 2, "主责主业": 3},
    departments={"办公室": 3, "财务科": 2, "人事科": 2},
    overdue=2,  # 办公室-2 (05-31), 人事科-2 (06-10)
    said=("sheets.combined",),
)

# 7. Files from OA and government systems: one ledger, five containers, the same counts.

OA_ROWS = grid("""
    市场监管局巡察反馈问题整改台账
    （截至2024年6月30日）
    序号 | 问题类别 | 问题描述 | 整改措施 | 责任部门 | 整改时限 | 整改进展 | 整改状态
    1 | 政治建设 | 党组会议研究意识形态工作不经常 | 每半年专题研究一次意识形态工作 | 办公室 | 2024-03-31
      + 已专题研究2次 | 已完成
    2 | 政治建设 | 基层党支部组织生活不规范 | 开展支部组织生活专项检查 | 机关党委 | 2024-05-31
      + 已检查3个支部 | 推进中
    3 | 主责主业 | 食品安全抽检覆盖面不足 | 扩大抽检覆盖面 | 食品安全科 | 2024-09-30 | 正在制定抽检计划
      + 推进中
    4 | 主责主业 | 行政处罚案卷不规范 | 开展案卷评查 | 法规科 | 2024-04-30 | 已完成评查 | 已完成
    5 | 作风建设 | 窗口服务态度生硬 | 开展文明窗口创建 | 登记注册科 | 长期坚持 | 持续开展 | 长期坚持
    6 | 作风建设 | 执法检查随意性大 | 推行“双随机、一公开”监管 | 法规科 | 2024-06-15 |  | 未启动
""")
OA_COUNTS = {
    "problems": 6,
    "status": statuses(done=2, in_progress=2, long_term=1, pending=1),
    "categories": {"政治建设": 2, "主责主业": 2, "作风建设": 2},
    "departments": {"办公室": 1, "机关党委": 1, "食品安全科": 1, "法规科": 2, "登记注册科": 1},
    "overdue": 2,  # 2 (05-31), 6 (06-15)
}
OA_FILES = [
    Case("oa-export-baseline-xlsx", "整改台账.xlsx", xlsx({"整改台账": OA_ROWS}), **OA_COUNTS),
    Case("oa-html-xls-utf8", "整改台账导出.xls", html_xls(OA_ROWS, "utf-8", "utf-8"), **OA_COUNTS),
    Case("oa-html-xls-gbk", "整改台账导出.xls", html_xls(OA_ROWS, "gbk", "gb2312"), **OA_COUNTS),
    Case("oa-unicode-text-utf16", "整改台账.txt", unicode_text(OA_ROWS), **OA_COUNTS),
    Case("oa-csv-gbk", "整改台账.csv", csv_bytes(texts(OA_ROWS), "gbk"), **OA_COUNTS),
]

# A web export whose merged cells are HTML rowspans: 问题类别 over each category's rows, and
# problem 1's 序号 and 问题描述 over its two measures.
ROWSPAN_ROWS = grid("""
    区直机关巡察整改台账
    （截至2024年6月30日）
    序号 | 问题类别 | 问题描述 | 整改措施 | 责任部门 | 整改时限 | 整改状态
    1 | 政治建设 | 学习贯彻上级精神不深入 | 制定学习计划 | 办公室 | 2024-03-31 | 已完成
      |  |  | 开展专题研讨 | 机关党委 | 2024-05-31 | 推进中
    2 |  | 意识形态责任制落实不到位 | 修订责任制细则 | 办公室 | 2024-09-30 | 推进中
    3 | 作风建设 | 会议过多过长 | 精简会议 | 办公室 | 2024-04-30 | 已完成
    4 |  | 督查检查过频 | 统筹督查检查事项 | 督查室 | 2024-06-15 | 未启动
""")
OA_ROWSPANS = Case(
    "oa-html-xls-rowspans",
    "整改台账导出.xls",
    html_xls(ROWSPAN_ROWS, "utf-8", "utf-8", {(3, 0): 2, (3, 1): 3, (3, 2): 2, (6, 1): 2}),
    problems=4,
    # 1: one measure done, one under way (and overdue): under way, overdue.
    status=statuses(done=1, in_progress=2, pending=1),
    categories={"政治建设": 2, "作风建设": 2},
    departments={"办公室": 3, "督查室": 1},
    overdue=2,  # 1 (its second measure, 05-31) and 4 (06-15)
    tasks=5,
    task_status=statuses(done=2, in_progress=2, pending=1),
    task_departments={"办公室": 3, "机关党委": 1, "督查室": 1},
    task_overdue=2,
)

# 8. Headers as people write them.

HEADERS_PREFIXED = Case(
    "headers-prefixed-spaced-and-unknown",
    "整改台账.xlsx",
    xlsx(
        {
            "整改台账": grid(r"""
                某某局巡察整改台账
                （截至2024年6月30日）
                序号 | 问题类别 | 问题\u3000描述 | 具体整改措施 | 整改责任部门 | 整改完成时限
                  + 整改\u3000状态 | 督导意见
                1 | 政治建设 | 民主生活会批评与自我批评不够 | 召开专题民主生活会 | 办公室 | 2024-03-31
                  + 已完成 | 同意销号
                2 | 政治建设 | 党建责任制考核不严 | 修订党建考核办法 | 机关党委 | 2024-05-31 | 推进中
                  + 加快进度
                3 | 主责主业 | 项目审批把关不严 | 修订项目审批流程 | 审批科 | 2024-08-31 | 推进中 |
                4 | 主责主业 | 执法记录不完整 | 配备执法记录仪 | 执法大队 | 2024-06-20 | 未启动 | 督促启动
                5 | 作风建设 | 值班值守不严格 | 完善值班制度 | 办公室 | 长期坚持 | 长期坚持 |
            """)
        }
    ),
    problems=5,
    status=statuses(done=1, in_progress=2, long_term=1, pending=1),
    categories={"政治建设": 2, "主责主业": 2, "作风建设": 1},
    departments={"办公室": 2, "机关党委": 1, "审批科": 1, "执法大队": 1},
    overdue=2,  # 2 (05-31), 4 (06-20)
    ignored=("督导意见",),
    kept=("问题\u3000描述", "具体整改措施", "整改责任部门", "整改完成时限", "整改\u3000状态"),
)

# Headers in narrow columns, wrapped one character a line (Alt+Enter), and spaced-out labels.
HEADERS_VERTICAL = Case(
    "headers-vertical-and-multiline",
    "整改台账.xlsx",
    xlsx(
        {
            "整改台账": grid(r"""
                某某乡巡察反馈问题整改台账
                （截至2024年6月30日）
                序\n号 | 类\u3000\u3000别 | 存在问题 | 整改\n措施 | 责任\u3000单位 | 整\n改\n时\n限
                  + 完成\n情况
                1 | 政治建设 | 村级党组织换届后培训滞后 | 开展村干部集中培训 | 组织办 | 2024-04-30 | 已完成
                2 | 政治建设 | 党员发展质量不高 | 严格党员发展程序 | 组织办 | 2024-12-31 | 推进中
                3 | 主责主业 | 惠农补贴发放不及时 | 建立补贴发放台账 | 农业服务中心 | 2024-05-31 | 推进中
                4 | 主责主业 | 集体“三资”管理不规范 | 开展“三资”清查 | 经管站 | 2024-06-30 | 未启动
            """)
        }
    ),
    problems=4,
    status=statuses(done=1, in_progress=2, pending=1),
    categories={"政治建设": 2, "主责主业": 2},
    departments={"组织办": 2, "农业服务中心": 1, "经管站": 1},
    overdue=1,  # 3 (05-31); 4 is due today
    kept=("序\n号", "类\u3000\u3000别", "整改\n措施", "责任\u3000单位", "整\n改\n时\n限", "完成\n情况"),
)

# Required columns starred, a bracketed note in a header, the unit written 责任单位（部门）.
HEADERS_STARRED = Case(
    "headers-starred-and-bracketed",
    "整改台账.xlsx",
    xlsx(
        {
            "整改台账": grid("""
                某某医院巡察整改台账
                （截至2024年6月30日）
                序号 | 问题类别* | *问题描述 | 整改措施 | 责任单位（部门） | 完成时限*
                  + 整改状态（已完成/推进中/未启动） | 备注
                1 | 党的建设 | 党委领导下的院长负责制落实不到位 | 修订党委会议事规则 | 党委办公室 | 2024-03-31
                  + 已完成 |
                2 | 党的建设 | 支部书记“双带头人”比例偏低 | 选优配强支部书记 | 组织部 | 2024-12-31 | 推进中 |
                3 | 行风建设 | 收受回扣问题易发多发 | 开展医药购销领域专项整治 | 纪检监察室 | 2024-05-31
                  + 推进中 | 已立案2起
                4 | 行风建设 | 大处方检查不到位 | 建立处方点评制度 | 医务部 | 2024-06-15 | 未启动 |
            """)
        }
    ),
    problems=4,
    status=statuses(done=1, in_progress=2, pending=1),
    categories={"党的建设": 2, "行风建设": 2},
    departments={"党委办公室": 1, "组织部": 1, "纪检监察室": 1, "医务部": 1},
    overdue=2,  # 3 (05-31), 4 (06-15)
    kept=("问题类别*", "*问题描述", "责任单位（部门）", "完成时限*", "整改状态（已完成/推进中/未启动）"),
)

# 9. An audit ledger: amounts kept as fields. It names no category: 整改类型 (立行立改 / 分阶段 /
# 持续整改) says how a problem is fixed, not what it is about, so it is no category: 未分类.
AUDIT_AMOUNTS = Case(
    "audit-ledger-amounts",
    "审计整改台账.xlsx",
    xlsx(
        {
            "审计整改": grid("""
                2023年度经济责任审计发现问题整改台账
                （截至2024年6月30日）
                序号 | 问题摘要 | 具体描述 | 涉及金额（万元） | 已整改金额（万元） | 整改类型 | 整改措施
                  + 责任单位 | 整改期限 | 整改状态
                1 | 预算编制不完整 | 部分非税收入未纳入年初预算 | #125.6 | #125.6 | 立行立改
                  + 将非税收入全部纳入预算 | 财务科 | 2024-03-31 | 已整改
                2 | 超预算列支会议费 | 会议费超预算支出18.3万元 | #18.3 | #10 | 分阶段整改 | 严格预算执行
                  + 财务科 | 2024-06-30 | 整改中
                3 | 固定资产未入账 | 3台公务车辆未登记入账 | #86 | #0 | 限期整改 | 补登固定资产账
                  + 资产管理科 | 2024-05-31 | 未整改
                4 | 专项资金闲置 | 乡村振兴衔接资金闲置超过一年 | #300 | #300 | 立行立改 | 统筹盘活闲置资金
                  + 农业农村局 | 2024-04-30 | 已整改
                5 | 项目未按期完工 | 2个衔接资金项目延期未完工 | #45.2 | #0 | 持续整改 | 加快项目建设进度
                  + 项目办 | 长期坚持 | 持续整改
            """)
        }
    ),
    problems=5,
    status=statuses(done=2, in_progress=1, long_term=1, pending=1),
    categories={UNCATEGORISED: 5},
    departments={"财务科": 2, "资产管理科": 1, "农业农村局": 1, "项目办": 1},
    overdue=1,  # 3 (05-31)
    said=("category.none",),
    kept=("涉及金额（万元）", "已整改金额（万元）"),
)

# 10. An English findings export of a GRC tool. Identified / Confirmed / Assigned: not started.
# Mitigated and Resolved: done. Dismissed: closed as needing no action, so no longer open and
# never overdue: done (the clerk counts it closed, as the tool does). `owner` is a person, not a
# department: no lead department. `severity` is no category: 未分类.
GRC = Case(
    "grc-findings-export",
    "findings_export.csv",
    csv_bytes(
        texts(
            grid("""
                Findings register export as of 2024-06-30
                ref_id | name | description | status | due_date | owner | severity
                F-001 | Privileged accounts not reviewed quarterly | Admin access reviews missed in Q4
                  + Identified | 2024-09-30 | alice.chen | High
                F-002 | Backup restore never tested | No restore test on record for core systems
                  + Confirmed | 2024-05-31 | bob.li | Medium
                F-003 | Vendor contracts lack security clauses | Three vendor contracts reviewed
                  + Assigned | 2024-07-31 | carol.wu | Low
                F-004 | Firewall rules not documented | Rule base has no owner or purpose notes
                  + In Progress | 2024-06-15 | dan.zhou | High
                F-005 | MFA not enforced for VPN | Legacy VPN profile allows password only
                  + Mitigated | 2024-04-30 | alice.chen | Critical
                F-006 | Patch SLA missed on servers | Twelve servers over 60 days behind
                  + Resolved | 2024-03-31 | bob.li | High
                F-007 | Firewall rules undocumented (duplicate) | Duplicate of F-004
                  + Dismissed | 2024-05-15 | dan.zhou | Low
            """)
        ),
        "utf-8",
    ),
    problems=7,
    status=statuses(done=3, in_progress=1, pending=3),
    categories={UNCATEGORISED: 7},
    departments={NO_DEPARTMENT: 7},
    overdue=2,  # F-002 (05-31), F-004 (06-15); F-007 is dismissed, so closed
    ignored=("severity",),
)

CASES = [
    HEADINGS,
    HIERARCHY,
    HEADING_COUNT_DIFFERS,
    SHEET_PER_CATEGORY,
    AUDIT_BY_PROJECT,
    TOTALS_AND_FOOTNOTES,
    STACKED_BLOCKS,
    MONTH_WORDS,
    TERM_WORDS,
    IMPOSSIBLE_DATE,
    MARKS,
    YES_NO,
    PERCENT,
    WORDS,
    SHEET_PER_DEPARTMENT,
    *OA_FILES,
    OA_ROWSPANS,
    HEADERS_PREFIXED,
    HEADERS_VERTICAL,
    HEADERS_STARRED,
    AUDIT_AMOUNTS,
    GRC,
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_ledger_as_an_office_keeps_it_is_counted_as_a_clerk_counts_it_by_hand(case):
    check = check_file(case.content, case.file)
    assert checked(check, case) == clerk_count(case)


def test_each_hand_count_adds_up_to_its_number_of_problems():
    for case in CASES:
        if case.refused is None:
            assert 3 <= case.problems <= 8, case.id
            for counts in (case.status, case.categories, case.departments):
                assert sum(counts.values()) == case.problems, case.id
    assert len({c.id for c in CASES}) == len(CASES)
