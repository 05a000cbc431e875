"""Build ``data/sample_ledger.xlsx``, a sample 整改台账 (rectification ledger) for the dashboard.

问题描述 and 整改进展 are transcribed verbatim from the published notice
《中共长春市二道经济开发区工作委员会关于六届区委“机动式”巡察整改进展情况的通报》.
整改状态 is judged from the progress text. 责任部门, 整改时限 and 完成时间 are illustrative
(示例数据，非通报原文): the notice names no departments or deadlines.

The output is deterministic (fixed document properties and zip timestamps, no use of today's
date), so re-running gives a byte-identical file.

Usage: python data/make_sample.py
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from rectification.template import write_ledger_sheet, write_text_sheet

OUT_PATH = Path(__file__).resolve().parent / "sample_ledger.xlsx"

AS_OF = date(2023, 6, 30)
FIXED_TIMESTAMP = datetime(2023, 6, 30, 17, 0, 0)
ZIP_DATE_TIME = (2023, 6, 30, 17, 0, 0)

TITLE = "中共长春市二道经济开发区工作委员会六届区委“机动式”巡察整改台账"
NOTICE_NAME = "中共长春市二道经济开发区工作委员会关于六届区委“机动式”巡察整改进展情况的通报"
REPORTING_UNIT = "填报单位：二道经济开发区党政办公室"
REPORTING_DATE = "填报时间：2023年6月30日"

LEDGER_SHEET = "整改台账"
NOTES_SHEET = "说明"

# 整改状态 values.
DONE = "已完成"
ONGOING = "推进中"
STANDING = "长期坚持"
NOT_DONE = "未完成"
STATUSES: tuple[str, ...] = (DONE, ONGOING, STANDING, NOT_DONE)

# Text values used in 整改时限 besides real dates.
IMMEDIATE = "立行立改"
LONG_TERM = "长期坚持"

# 责任部门 (illustrative).
OFFICE = "党政办公室"
ORG = "组织人事部"
DISCIPLINE = "纪工委"
ECONOMY = "经济发展部(招商)"
PLANNING = "规划建设部"
LAND = "土地收购储备中心"
FINANCE = "财政审计部"
SERVICE = "企业服务中心"

# Transcribed verbatim from the notice: (category, code prefix, ((problem, progress), ...)).
NOTICE: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "政治建设",
        "ZZ",
        (
            (
                "学习方式相对单一，氛围不够浓厚",
                (
                    "召开党工委会议传达党的二十大相关内容、开展思想主题教育知识答题、系列培训、"
                    "互动实践学习，书记讲党课、学习贯彻党的二十大精神。"
                ),
            ),
            (
                "“第一议题”制度落实不彻底",
                ("召开党工委会议，集体学习、集体研讨，认真领会习近平总书记重要讲话精神作为“第一议题”传达。"),
            ),
            (
                "“三重一大”集体决策制度执行不严",
                "相关工作报会审议，持续加强落实集体决策制度。",
            ),
            (
                "对党的建设工作谋划不深、研究不多",
                (
                    "制定党建工作要点，成立党建工作领导小组，召开支部书记抓基层党建工作述职评议、"
                    "述责述廉评议会议。"
                ),
            ),
            (
                "对土地收购储备中心党支部“三会一课”情况极少指导监督",
                "严格落实“三会一课”制度，定期对执行情况进行检查监督。",
            ),
            (
                "落实全面从严治党主体责任不到位",
                ("专题研究党风廉政工作计划和领导小组、观看警示教育片撰写心得体会20余篇、开展廉政谈话。"),
            ),
            (
                "落实“一岗双责”不到位",
                (
                    "党工委专题研究党风廉政建设工作，班子成员上交廉政风险隐患统计表及其履职尽责情"
                    "况，召开“机动式”巡察民主生活会。"
                ),
            ),
            (
                "内部日常监督不到位",
                (
                    "完善《开发区工作人员考勤及请销假制度》，每周不定期抽查工作纪律，"
                    "党工委会议涉及到“三重一大”事项，机关纪委全程列席。"
                ),
            ),
            (
                "意识形态工作责任制落得不实",
                "成立意识形态工作领导小组，严格把关政务公开信息，发布“三审三校”制度。",
            ),
            (
                "对人才工作重视不够",
                "召开会议研究，传达相关文件，学习相关政策。",
            ),
            (
                "未能结合开发区实际，制定完善专业人才引进配套制度及措施办法，建强干部队伍",
                (
                    "已制定人才引进配套制度，进一步加强干部队伍建设，"
                    "在周例会的形式上提升干部能力，提升经济工作能力。"
                ),
            ),
        ),
    ),
    (
        "主责主业",
        "ZY",
        (
            (
                "贯彻落实区委、区政府重大决策部署还有不足",
                "已制定《开发区推进“六城联动”实施方案》，66kv变电站前期手续已办理完成，正在施工。",
            ),
            (
                "创新意识不强，惠企政策宣传方式传统单一",
                (
                    "充分利用接待洽谈与业务相关部门洽谈10余次，并通过展会、"
                    "推介会等多种形式发放招商手册、产业园宣传册。"
                ),
            ),
            (
                "谋划电力设施建设用力不够",
                (
                    "委托规划院编制《开发区电力配套专项规划研究》，并细化方案，"
                    "加紧英俊变电站项目前期手续已办理完成，正在施工，解决区域用电需求。"
                ),
            ),
            (
                "未按要求制定土地储备计划",
                "有序推动年度储备计划制定工作，结合实际，提出土地收储建议，并纳入计划。",
            ),
            (
                "对已征收地块的日常监管不到位",
                "已于 2023 年2月17日将24块地块未供地部分按照区政府会议纪要移交英俊镇管理。",
            ),
            (
                "项目建设进展缓慢，破解难题不力",
                ("主动督促、实时跟踪项目方案设计进展，部分企业经过督促已完成契税缴纳，取得土地使用证。"),
            ),
        ),
    ),
    (
        "营商环境",
        "YS",
        (
            (
                "相关政策文件应学未学",
                (
                    "已召开2次党工委会议传达国务院《优化营商环境条例》"
                    "和《吉林省优化营商环境条例》，会上充分讨论，实践充分运用。"
                ),
            ),
            (
                "办事指南内容不准确",
                (
                    "根据办事指南最新标准及时调整，重新梳理项目单位办理手续所需材料，"
                    "更新《项目服务手册》提供材料清单。"
                ),
            ),
            (
                "工作人员业务能力有待提高",
                "已开展相关业务知识学习培训6次。",
            ),
            (
                "对“企业至上”的服务理念树得不牢",
                "遵循科研规律，深化“放管服”改革，适时授权、精准授权、追踪授权。",
            ),
            (
                "跟踪企业项目服务保障意识还需提升",
                (
                    "已制定《长春二道经济开发区城市围挡设置管理制度》，全面排查梳理，"
                    "整改修复围墙及广告布1500平方米，对破损围挡督促整改并持续强化相关工作的日常监"
                    "督、管理。"
                ),
            ),
            (
                "针对个别重点项目推进力度不够",
                (
                    "针对重点项目进行协助与督促，协助项目单位完成相关工作，解决困难、"
                    "取得实质性进展。例如：金褀项目手续办理已完成，三栋楼主体完成。"
                ),
            ),
            (
                "针对沟通引导、对接协调企业不力",
                (
                    "加强与企业的沟通协作，协助项目取得相关许可证、"
                    "帮助企业沟通其他部门调取相关材料，多部门合作为相关企业提供有效支持。"
                    "目前凯洛德项目已完成项目备案、规划黄证、绿证、施工图审查、施工许可证。"
                ),
            ),
        ),
    ),
    (
        "项目建设",
        "XM",
        (
            (
                "个别项目招投标方式与要求不符",
                (
                    "严格执行内控制度，对于重大项目，重大资金支出，严格执行请示汇报制度，"
                    "按照公司内控制度选取供应商单位，严格履行招标采购流程。"
                ),
            ),
            (
                "专项债资金拨付进度缓慢",
                "已将专项债券资金全部使用完毕并常抓不懈。",
            ),
            (
                "施工合同签订不规范",
                "根据《建设工程质量保证金管理办法》及时调整合同签订内容。",
            ),
        ),
    ),
    (
        "作风建设",
        "ZF",
        (
            (
                "工作衔接不畅",
                "加强学习，及时掌握工作内容，每月开展集中学习4次，制定工作交接制度并严格执行。",
            ),
            (
                "公车管理制度不规范",
                "加强管理制度，制定公车监管措施与责任追究，严格履行内控公车管理流程。",
            ),
            (
                "巡察反馈问题整改不彻底",
                (
                    "通过制作招商手册、招商宣传片、报纸报道、制作短视频、"
                    "发放宣传册累计近万余册等方式对开发区区位优势、优惠政策开展了有效宣传。"
                    "提高项目落位门槛，对企业固定资产投资额度、"
                    "单位面积产值和纳税额度等方面提出了具体标准，截至目前对接洽谈项目97个，"
                    "已签约项目6个。"
                ),
            ),
        ),
    ),
)

Deadline = date | str

# Illustrative assignments per item: code -> (责任部门, 整改时限, 整改状态, 完成时间).
# 整改状态 is judged from the progress text; the other three are example data.
ASSIGNED: dict[str, tuple[str, Deadline, str, date | None]] = {
    "ZZ-01": (OFFICE, date(2023, 4, 30), DONE, date(2023, 4, 20)),
    "ZZ-02": (OFFICE, IMMEDIATE, DONE, date(2023, 3, 15)),
    "ZZ-03": (OFFICE, LONG_TERM, STANDING, None),
    "ZZ-04": (ORG, date(2023, 5, 31), DONE, date(2023, 5, 26)),
    "ZZ-05": (ORG, LONG_TERM, STANDING, None),
    "ZZ-06": (DISCIPLINE, date(2023, 5, 31), DONE, date(2023, 5, 19)),
    "ZZ-07": (DISCIPLINE, date(2023, 4, 30), DONE, date(2023, 4, 27)),
    "ZZ-08": (DISCIPLINE, date(2023, 3, 31), DONE, date(2023, 3, 28)),
    "ZZ-09": (OFFICE, date(2023, 4, 30), DONE, date(2023, 4, 14)),
    "ZZ-10": (ORG, IMMEDIATE, DONE, date(2023, 3, 10)),
    "ZZ-11": (ORG, date(2023, 6, 30), DONE, date(2023, 6, 21)),
    "ZY-01": (ECONOMY, date(2023, 12, 31), ONGOING, None),
    "ZY-02": (ECONOMY, date(2023, 6, 30), DONE, date(2023, 6, 16)),
    "ZY-03": (PLANNING, date(2023, 7, 14), ONGOING, None),
    "ZY-04": (LAND, date(2023, 5, 31), ONGOING, None),
    "ZY-05": (LAND, date(2023, 3, 31), DONE, date(2023, 2, 17)),
    "ZY-06": (LAND, date(2023, 6, 15), ONGOING, None),
    "YS-01": (SERVICE, IMMEDIATE, DONE, date(2023, 3, 7)),
    "YS-02": (SERVICE, date(2023, 4, 30), DONE, date(2023, 4, 25)),
    "YS-03": (ORG, date(2023, 6, 30), DONE, date(2023, 6, 9)),
    "YS-04": (SERVICE, LONG_TERM, STANDING, None),
    "YS-05": (PLANNING, date(2023, 5, 31), DONE, date(2023, 5, 30)),
    "YS-06": (SERVICE, date(2023, 7, 10), ONGOING, None),
    "YS-07": (SERVICE, date(2023, 6, 30), DONE, date(2023, 6, 28)),
    "XM-01": (FINANCE, LONG_TERM, STANDING, None),
    "XM-02": (FINANCE, date(2023, 6, 30), DONE, date(2023, 6, 20)),
    "XM-03": (PLANNING, date(2023, 4, 30), DONE, date(2023, 4, 18)),
    "ZF-01": (OFFICE, date(2023, 3, 31), DONE, date(2023, 3, 24)),
    "ZF-02": (FINANCE, date(2023, 5, 31), DONE, date(2023, 5, 12)),
    "ZF-03": (ECONOMY, date(2023, 6, 30), DONE, date(2023, 6, 26)),
}

NOTES: tuple[str, ...] = (
    "说明",
    (
        f"1. 本台账“问题描述”“整改进展”两列逐字摘录自公开发布的《{NOTICE_NAME}》，"
        "共5个方面30个问题，按通报顺序排列。"
    ),
    "2. “整改状态”由编制人根据“整改进展”文字判断：已完成、推进中、长期坚持、未完成。",
    (
        "3. “责任部门”“整改时限”“完成时间”三列为示例数据，非通报原文。"
        "通报未列明责任部门和整改时限，上述内容仅为使看板的分部门、逾期、临期等下钻功能"
        "有数据可展示而虚拟填写，不代表实际情况。"
    ),
    "4. “整改措施”“责任领导”“责任人”“佐证材料”“备注”五列通报未载明，留空。",
    f"5. 逾期、临期以填报时间{AS_OF.year}年{AS_OF.month}月{AS_OF.day}日为基准判断。",
)


@dataclass(frozen=True)
class LedgerItem:
    """One row of the ledger."""

    code: str
    category: str
    problem: str
    progress: str
    department: str
    deadline: Deadline
    status: str
    done_on: date | None


def build_items() -> list[LedgerItem]:
    """Combine the transcribed notice with the illustrative assignments and check them."""
    items: list[LedgerItem] = []
    for category, prefix, entries in NOTICE:
        for number, (problem, progress) in enumerate(entries, start=1):
            code = f"{prefix}-{number:02d}"
            department, deadline, status, done_on = ASSIGNED[code]
            items.append(LedgerItem(code, category, problem, progress, department, deadline, status, done_on))
    if {item.code for item in items} != set(ASSIGNED):
        raise ValueError("ASSIGNED codes do not match the notice items")
    for item in items:
        if item.status not in STATUSES:
            raise ValueError(f"{item.code}: unknown status {item.status!r}")
        if (item.status == DONE) != (item.done_on is not None):
            raise ValueError(f"{item.code}: 完成时间 must be set exactly for 已完成 items")
        if item.done_on is not None and item.done_on > AS_OF:
            raise ValueError(f"{item.code}: 完成时间 after the reporting date")
        if isinstance(item.deadline, str) and item.deadline not in (IMMEDIATE, LONG_TERM):
            raise ValueError(f"{item.code}: unknown deadline text {item.deadline!r}")
    return items


def build_workbook(items: list[LedgerItem]) -> Workbook:
    """The two-sheet workbook, laid out like the template staff fill in."""
    book = Workbook()
    ledger = book.active
    ledger.title = LEDGER_SHEET
    findings = [
        {
            "id": item.code,
            "category": item.category,
            "problem": item.problem,
            "department": item.department,
            "deadline": item.deadline,
            "progress": item.progress,
            "status": item.status,
            "completed_on": item.done_on,
        }
        for item in items
    ]
    write_ledger_sheet(ledger, findings, title=TITLE, unit_line=REPORTING_UNIT, date_line=REPORTING_DATE)
    write_text_sheet(book.create_sheet(NOTES_SHEET), NOTES)
    book.properties.title = TITLE
    book.properties.creator = "二道经济开发区党政办公室"
    book.properties.lastModifiedBy = "二道经济开发区党政办公室"
    book.properties.created = FIXED_TIMESTAMP
    book.properties.modified = FIXED_TIMESTAMP
    return book


def save_deterministic(wb: Workbook, path: Path) -> None:
    """Save ``wb`` with a fixed modification time and fixed zip entry timestamps."""
    buffer = io.BytesIO()
    wb.save(buffer)  # openpyxl stamps dcterms:modified with the current time here
    stamp = FIXED_TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text, count = re.subn(
                    r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rf"\g<1>{stamp}\g<2>",
                    data.decode("utf-8"),
                )
                if count != 1:
                    raise RuntimeError("could not pin dcterms:modified in docProps/core.xml")
                data = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)


def main() -> None:
    items = build_items()
    counts = Counter(item.category for item in items)
    expected = {"政治建设": 11, "主责主业": 6, "营商环境": 7, "项目建设": 3, "作风建设": 3}
    if dict(counts) != expected:
        raise ValueError(f"unexpected category counts: {dict(counts)}")
    save_deterministic(build_workbook(items), OUT_PATH)
    print(f"wrote {OUT_PATH}; check it with: python -m rectification check {OUT_PATH}")


if __name__ == "__main__":
    main()
