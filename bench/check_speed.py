"""How fast, and how lean, `rectification.intake.check_path` reads a large ledger.

Generates (deterministically, from a seed) a 整改台账 .xlsx of `--rows` findings (default 100,000)
in 16 columns, laid out as offices keep it: a title row, a 填报单位/填报时间 row, the header on
row 3 (the 15 ledger fields' Chinese labels plus 联系电话, a column the ledger does not know), then
one finding per row with Chinese text of realistic length, real Excel dates and deadline words.
The file is cached in bench/.cache/ (git-ignored) keyed by rows, seed and generator version.

Then measures, best of `--repeat` runs with time.perf_counter:

  check      check_path(file): the full read, validation and findings DataFrame
  calamine   CalamineWorkbook.from_path(file).get_sheet_by_name(sheet).to_python(), the floor
  openpyxl   pandas.read_excel(file, engine="openpyxl", header=2), one run (it is slow)
  memory     peak RSS of one check_path call in a fresh interpreter, minus the RSS after imports

And whole processes, as a person runs them (subprocesses of sys.executable, stdout to /dev/null,
best of `--repeat`, interleaved):

  process check      python -m rectification check FILE --json: start-up, imports, the check,
                     the summary, the JSON and the interpreter's exit
  process calamine   python -c "import python_calamine; …from_path(f)…to_python()", the floor
  --help             python -m rectification --help, best of 5
  modules            which of sqlalchemy, docx, plotly, streamlit, openpyxl, xlsxwriter are in
                     sys.modules after main(["check", FILE, "--json"]) in a fresh interpreter

Targets (reported as PASS/MISS, never asserted):

  check / calamine   <= 1.5     the checking costs at most half again the bare read
  process ratio      <= 1.5     the same for whole processes: imports and exit included
  heavy modules      none       `check` loads none of the six above
  openpyxl / check   >= 5       at least five times faster than the naive pandas read
  check peak memory  <= 1024 MB

Exits 1 when check_path does not accept the file with exactly `--rows` findings (or the `check`
process does not exit 0), else 0.

Usage: python bench/check_speed.py [--rows 100000] [--repeat 3] [--seed N] [--no-cache]
       [--skip-openpyxl] [--skip-process]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rectification.ledger import LedgerCheck

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CACHE_DIR = Path(__file__).resolve().parent / ".cache"
# Bump when the generated content changes, so stale cached files are not reused.
GENERATOR_VERSION = 1
SHEET_NAME = "整改台账"
AS_OF = date(2024, 5, 10)

TARGET_CHECK_OVER_CALAMINE = 1.5
TARGET_OPENPYXL_OVER_CHECK = 5.0
TARGET_PEAK_MB = 1024.0
TARGET_PROCESS_RATIO = 1.5
HELP_REPEAT = 5
# Modules `check` has no use for: the store, the notice writer, the charts, the pages, and the
# two xlsx writers (template and export).
HEAVY_MODULES: tuple[str, ...] = ("sqlalchemy", "docx", "plotly", "streamlit", "openpyxl", "xlsxwriter")

# The 15 ledger fields' labels (rectification/schema.py FIELDS[*].zh) with 联系电话, which no
# field claims, slotted in after 责任人 as offices tend to do: 16 columns.
HEADERS: tuple[str, ...] = (
    "编号", "巡察轮次", "被巡察单位", "问题类别", "问题描述", "整改措施", "责任领导", "责任部门",
    "责任人", "联系电话", "整改时限", "整改进展", "整改状态", "完成时间", "佐证材料", "备注",
)  # fmt: skip
COLUMN_WIDTHS: tuple[int, ...] = (10, 18, 16, 12, 46, 40, 10, 14, 8, 13, 14, 46, 10, 14, 20, 12)

ROUNDS: tuple[str, ...] = (
    "十四届区委第一轮巡察", "十四届区委第二轮巡察", "十四届区委第三轮巡察",
    "十四届区委第四轮巡察", "十四届区委第五轮巡察", "十四届区委第六轮巡察",
)  # fmt: skip
UNITS: tuple[str, ...] = (
    "区发展和改革局", "区财政局", "区教育局", "区卫生健康局", "区住房和城乡建设局", "区交通运输局",
    "区农业农村局", "区市场监督管理局", "区民政局", "区人力资源和社会保障局", "区生态环境分局",
    "区自然资源分局", "区文化旅游体育局", "区应急管理局", "区审计局", "区统计局", "区医疗保障局",
    "区退役军人事务局", "区水利局", "区商务局", "城东街道党工委", "城西街道党工委",
    "经济开发区党工委", "区城市管理局",
)  # fmt: skip
CATEGORIES: tuple[str, ...] = (
    "政治建设", "思想建设", "组织建设", "作风建设", "纪律建设", "党风廉政建设",
    "意识形态工作", "主责主业",
)  # fmt: skip
DEPARTMENTS: tuple[str, ...] = (
    "党政办公室", "组织人事科", "纪检监察室", "财务审计科", "机关党委", "办公室", "人事科",
    "财务科", "规划发展科", "法规科", "政策研究室", "综合科", "项目管理科", "安全监管科",
    "行政审批科", "信息中心", "后勤服务中心", "宣传科", "督查室", "社会事务科", "资产管理科",
    "招商服务科", "基建科", "档案室", "工会", "团委", "妇联", "统战科", "考核办", "执法大队",
)  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志红文斌海波宁亮春晖"
LEADER_TITLES: tuple[str, ...] = ("局长", "副局长", "书记", "副书记", "主任", "副主任")

PROBLEM_PHRASES: tuple[str, ...] = (
    "学习贯彻习近平新时代中国特色社会主义思想不够深入",
    "落实上级党委决策部署存在打折扣现象",
    "第一议题制度执行不到位",
    "党组会议研究重大事项记录不完整",
    "“三重一大”事项集体决策程序不规范",
    "意识形态工作责任制落实不到位",
    "理论学习中心组学习流于形式",
    "基层党组织“三会一课”制度落实不严格",
    "党员发展程序不规范",
    "干部选拔任用工作存在程序瑕疵",
    "干部人事档案管理不规范",
    "落实中央八项规定精神不严格",
    "公务接待审批手续不全",
    "公车使用管理不规范",
    "违规发放津贴补贴问题仍有发生",
    "财务报销审核把关不严",
    "政府采购程序执行不到位",
    "专项资金使用效益不高",
    "固定资产管理混乱，账实不符",
    "工程项目招投标管理存在漏洞",
    "上轮巡察反馈问题整改不彻底",
    "廉政风险防控机制不健全",
    "监督执纪问责力度偏弱",
    "形式主义官僚主义问题依然存在",
    "为民服务意识不强，群众反映问题办理不及时",
    "内部控制制度不完善",
    "重点领域廉政风险排查不深入",
    "合同管理不规范，部分合同未经法律审核",
)
MEASURE_PHRASES: tuple[str, ...] = (
    "召开专题党组会议研究部署整改工作",
    "制定整改方案，明确责任领导、责任部门和完成时限",
    "组织开展专题学习研讨",
    "修订完善“三重一大”集体决策制度",
    "建立问题清单、任务清单、责任清单",
    "对相关责任人进行约谈提醒",
    "开展全面自查自纠",
    "规范会议记录和档案管理",
    "健全财务报销审核制度",
    "加强对重点领域和关键环节的监督",
    "严格执行公务接待和公车管理规定",
    "清理规范津贴补贴发放",
    "完善政府采购内控流程",
    "建立整改工作台账，实行销号管理",
    "将整改情况纳入年度考核",
    "定期开展督导检查",
    "举一反三，建立长效机制",
    "组织干部职工开展警示教育",
    "对固定资产进行全面清查盘点",
    "规范党员发展各环节程序",
    "落实“第一议题”制度，及时传达学习",
)
PROGRESS_OPENERS: dict[str, tuple[str, ...]] = {
    "已完成": ("已完成整改", "已召开专题会议", "已修订相关制度", "已全部清退", "已建立工作台账"),
    "推进中": ("正在推进", "整改中", "已完成阶段性任务", "正在组织自查", "部分完成"),
    "长期坚持": ("长期坚持", "持续推进", "常态化开展", "建立长效机制"),
    "未完成": ("尚未完成", "暂未启动", "未完成整改", "正在协调相关部门"),
}
PROGRESS_PHRASES: tuple[str, ...] = (
    "召开党组会议专题研究整改工作",
    "印发整改工作方案",
    "组织全体干部职工集中学习",
    "对相关制度进行了修订完善",
    "对照问题清单逐项整改",
    "整改材料已报区委巡察办备案",
    "对责任人进行了批评教育",
    "追回违规发放资金",
    "完成固定资产清查并调整账目",
    "下一步将持续跟踪整改成效",
    "将于年底前完成全部整改任务",
    "已纳入年度重点工作督查",
    "开展警示教育大会一次",
    "建立健全长效工作机制",
    "形成自查报告并上报",
    "完善会议记录和档案资料",
    "对存在问题的合同逐一补充法律审核",
)
EVIDENCE: tuple[str, ...] = (
    "会议记录", "整改方案", "制度文件", "学习记录", "约谈记录", "自查报告", "资金退还凭证",
    "照片资料", "培训签到表", "账目调整凭证",
)  # fmt: skip
NOTES: tuple[str, ...] = (
    "上轮巡察反馈问题",
    "需上级部门协调",
    "涉及跨部门事项",
    "已报区纪委监委",
    "群众来信反映",
)
STATUS_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("已完成", 55), ("推进中", 25), ("长期坚持", 12), ("未完成", 8),
)  # fmt: skip


# --------------------------------------------------------------------------- generating the file


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _text(rng: random.Random, opener: str, phrases: tuple[str, ...], lo: int, hi: int) -> str:
    """Distinct phrases joined with "，" up to a random length in [lo, hi], ending with "。"."""
    target = rng.randint(lo, hi)
    text = opener
    while len(text) + 1 < target:
        phrase = rng.choice(phrases)
        if phrase not in text:  # the pools hold far more than `hi` characters of phrases
            text += ("，" if text else "") + phrase
    if len(text) + 1 > hi:
        text = text[: hi - 1].rstrip("，")
    return text + "。"


def _finding(rng: random.Random, number: int) -> list[Any]:
    """One ledger row in HEADERS order; dates are date objects, blanks are None."""
    status = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
    unit = rng.choice(UNITS)
    problem = _text(rng, rng.choice(("", unit)), PROBLEM_PHRASES, 30, 80)
    measures = _text(rng, "", MEASURE_PHRASES, 40, 120)
    progress = _text(rng, rng.choice(PROGRESS_OPENERS[status]), PROGRESS_PHRASES, 40, 120)

    roll = rng.random()
    deadline: date | str
    if (status == "长期坚持" and roll < 0.6) or roll < 0.06:
        deadline = "长期坚持"
    elif roll < 0.14:
        deadline = "立行立改"
    else:
        deadline = date(2023, 3, 1) + timedelta(days=rng.randrange(700))
    completed: date | None = None
    if status == "已完成":
        base = deadline if isinstance(deadline, date) else date(2023, 6, 1)
        completed = min(base + timedelta(days=rng.randint(-60, 20)), AS_OF)

    return [
        f"XC-{number:06d}",
        rng.choice(ROUNDS),
        unit,
        rng.choice(CATEGORIES),
        problem,
        measures,
        _name(rng) + "（" + rng.choice(LEADER_TITLES) + "）",
        rng.choice(DEPARTMENTS),
        _name(rng),
        f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
        deadline,
        progress,
        status,
        completed,
        "、".join(rng.sample(EVIDENCE, rng.randint(1, 3))) if status != "未完成" else None,
        rng.choice(NOTES) if rng.random() < 0.15 else None,
    ]


# The problem's own columns (编号, 轮次, 单位, 类别, 问题描述, 责任领导): merged down over its measure
# rows when a problem has several, as offices keep them.
PROBLEM_COLUMNS: tuple[int, ...] = (0, 1, 2, 3, 4, 6)


def write_ledger(path: Path, rows: int, seed: int, per_problem: int = 1) -> None:
    """Write the ledger with xlsxwriter; shared strings, as Excel and WPS save them. With
    `per_problem` > 1, `rows` are measures, `per_problem` to a problem whose cells are merged."""
    import xlsxwriter

    rng = random.Random(seed)
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"title": "XX巡察整改台账", "created": AS_OF})
    sheet = book.add_worksheet(SHEET_NAME)
    title = book.add_format({"bold": True, "font_size": 16, "align": "center", "font_name": "宋体"})
    head = book.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True,
         "bg_color": "#D9E1F2", "font_name": "宋体"}
    )  # fmt: skip
    body = book.add_format({"border": 1, "valign": "vcenter", "text_wrap": True, "font_size": 10})
    day = book.add_format(
        {"border": 1, "valign": "vcenter", "font_size": 10, "num_format": 'yyyy"年"m"月"d"日"'}
    )
    last = len(HEADERS) - 1
    sheet.merge_range(0, 0, 0, last, "XX巡察整改台账", title)
    sheet.write(1, 0, "填报单位：XX区委巡察整改工作领导小组办公室")
    sheet.write(1, last - 3, f"填报时间：{AS_OF.year}年{AS_OF.month}月{AS_OF.day}日")
    for col, (text, width) in enumerate(zip(HEADERS, COLUMN_WIDTHS, strict=True)):
        sheet.write_string(2, col, text, head)
        sheet.set_column(col, col, width)
    sheet.freeze_panes(3, 0)
    problem: list[Any] = []
    for number in range(1, rows + 1):
        row = 2 + number
        values = _finding(rng, number)
        first = (number - 1) % per_problem == 0
        if first:
            problem = values
        for col, value in enumerate(values):
            if per_problem > 1 and col in PROBLEM_COLUMNS:
                if first:
                    last_row = min(row + per_problem - 1, 2 + rows)
                    sheet.merge_range(row, col, last_row, col, problem[col], body)
            elif isinstance(value, date):
                sheet.write_datetime(row, col, value, day)
            elif value is not None:
                sheet.write_string(row, col, value, body)
            else:
                sheet.write_blank(row, col, None, body)
    sheet.autofilter(2, 0, 2 + rows, last)
    book.close()


def ledger_file(rows: int, seed: int, use_cache: bool, scratch: Path, per_problem: int = 1) -> Path:
    """The generated ledger: from the cache when there, else written (and cached if asked)."""
    shape = f"-m{per_problem}" if per_problem > 1 else ""
    name = f"ledger-{rows}x{len(HEADERS)}{shape}-seed{seed}-v{GENERATOR_VERSION}.xlsx"
    path = (CACHE_DIR if use_cache else scratch) / name
    if path.exists():
        print(f"Using cached {_shown_path(path)}")
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    if use_cache:
        (CACHE_DIR / ".gitignore").write_text("*\n", encoding="utf-8")
    print(f"Generating {rows:,} rows into {_shown_path(path)} …", flush=True)
    started = time.perf_counter()
    partial = path.with_suffix(".partial.xlsx")
    write_ledger(partial, rows, seed, per_problem)
    partial.replace(path)
    print(f"  written in {time.perf_counter() - started:.1f} s")
    return path


def _shown_path(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------------------- measuring


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    """One run of `run` after a garbage collection: its seconds and its result."""
    gc.collect()
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def read_calamine(path: Path) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(SHEET_NAME).to_python()


def read_openpyxl(path: Path) -> Any:
    import pandas as pd

    return pd.read_excel(path, engine="openpyxl", header=2)


# ru_maxrss alone is unreliable here: on Linux a child started by vfork/exec inherits the parent's
# high-water mark (after the openpyxl read, ~0.9 GB) as its own ru_maxrss. VmHWM in
# /proc/self/status belongs to the new process image only, so it is preferred where it exists.
_MEMORY_PROBE = """
import json, resource, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from rectification.intake import check_path

def peak_rss():
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024, "VmHWM"
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale, "ru_maxrss"

before, source = peak_rss()
check = check_path(Path(sys.argv[1]))
after, _ = peak_rss()
table = check.measures if check.measures is not None else check.findings
rows = len(table) if table is not None else None  # measures: the rows of the sheet
print(json.dumps({"before": before, "after": after, "source": source,
                  "accepted": check.accepted, "rows": rows}))
"""


def peak_memory(path: Path) -> dict[str, Any]:
    """Peak RSS of one check_path call in a fresh interpreter, and the RSS after its imports."""
    done = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, str(path), str(ROOT)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


# The bare read a whole `check` process is held against: a fresh interpreter, the one import.
_CALAMINE_PROCESS = """
import sys
from python_calamine import CalamineWorkbook
CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name(sys.argv[2]).to_python()
"""

# `check` as the command line runs it, then the names of the loaded modules on stderr (stdout
# carries the JSON report).
_MODULES_PROBE = """
import json, sys
sys.path.insert(0, sys.argv[2])
from rectification.__main__ import main
code = main(["check", sys.argv[1], "--json"])
print(json.dumps({"exit": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def run_process(command: list[str]) -> tuple[float, int]:
    """Wall seconds of one subprocess, stdout to /dev/null, and its exit code."""
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    seconds = time.perf_counter() - started
    if done.returncode != 0 and done.stderr:
        print(done.stderr.decode(errors="replace").rstrip()[-2000:])
    return seconds, done.returncode


def whole_processes(path: Path, repeat: int) -> dict[str, Any]:
    """Best of `repeat` whole `check` processes against best of as many bare calamine reads,
    interleaved; the best `--help`; the modules a `check` process loads."""
    check_cmd = [sys.executable, "-m", "rectification", "check", str(path), "--json"]
    calamine_cmd = [sys.executable, "-c", _CALAMINE_PROCESS, str(path), SHEET_NAME]
    check_runs: list[float] = []
    calamine_runs: list[float] = []
    exit_code = 0
    for _ in range(repeat):
        seconds, code = run_process(check_cmd)
        check_runs.append(seconds)
        exit_code = exit_code or code
        seconds, code = run_process(calamine_cmd)
        calamine_runs.append(seconds)
        if code != 0:
            raise RuntimeError("the bare calamine read failed")
    help_s = min(
        run_process([sys.executable, "-m", "rectification", "--help"])[0] for _ in range(HELP_REPEAT)
    )
    probe = subprocess.run(
        [sys.executable, "-c", _MODULES_PROBE, str(path), str(ROOT)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    loaded = json.loads(probe.stderr.strip().splitlines()[-1])
    top_level = {name.partition(".")[0] for name in loaded["modules"]}
    return {
        "check": check_runs,
        "calamine": calamine_runs,
        "exit": exit_code or loaded["exit"],
        "help": help_s,
        "heavy": [name for name in HEAVY_MODULES if name in top_level],
        "modules": len(loaded["modules"]),
        "has": {name: name in top_level for name in ("pandas", "numpy", "pyarrow")},
    }


# ----------------------------------------------------------------------------------- reporting


@dataclass
class Row:
    what: str
    value: str
    target: str = ""
    result: str = ""


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def print_table(rows: list[Row]) -> None:
    header = Row("measurement", "value", "target", "result")
    widths = [max(len(getattr(r, f)) for r in [header, *rows]) for f in ("what", "value", "target")]
    for r in [header, *rows]:
        line = f"  {r.what:<{widths[0]}}  {r.value:>{widths[1]}}  {r.target:<{widths[2]}}  {r.result}"
        print(line.rstrip())


def check_or_exit(check: LedgerCheck | None, rows: int, per_problem: int = 1) -> LedgerCheck:
    """Exit 1 unless check_path accepted the file with exactly the problems and measures made."""
    assert check is not None  # main runs check_path at least once
    found = len(check.findings) if check.findings is not None else 0
    problems = -(-rows // per_problem)
    measures = len(check.measures) if check.measures is not None else found
    if check.accepted and found == problems and measures == rows:
        return check
    print(
        f"ERROR: check_path accepted={check.accepted}, problems={found:,} (expected {problems:,}), "
        f"measures={measures:,} (expected {rows:,})"
    )
    for flag in check.errors[:10]:
        print(f"  error: {flag.key} row={flag.row} {flag.message()}")
    sys.exit(1)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=100_000, help="findings in the ledger")
    parser.add_argument("--repeat", type=int, default=3, help="runs of check and calamine")
    parser.add_argument("--seed", type=int, default=20240510, help="seed of the generated text")
    parser.add_argument("--no-cache", action="store_true", help="generate into a temp dir, not bench/.cache/")
    parser.add_argument("--skip-openpyxl", action="store_true", help="skip the slow pandas/openpyxl read")
    parser.add_argument("--skip-process", action="store_true", help="skip the whole-process measurements")
    parser.add_argument(
        "--measures-per-problem", type=int, default=1, metavar="N",
        help="rows are measures, N to a problem whose cells are merged (issue 10: 4)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.rows < 1 or args.repeat < 1:
        parser.error("--rows and --repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from rectification.intake import check_path

    with tempfile.TemporaryDirectory(prefix="check-speed-") as scratch:
        path = ledger_file(args.rows, args.seed, not args.no_cache, Path(scratch), args.measures_per_problem)
        size_mb = path.stat().st_size / 2**20
        print(f"Ledger: {args.rows:,} rows x {len(HEADERS)} columns, {size_mb:.1f} MB on disk")
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs\n", flush=True)

        # Best of N, interleaved so that neither gains from the other warming the page cache.
        check_s, calamine_s = float("inf"), float("inf")
        check = None
        for _ in range(args.repeat):
            check = None  # let the previous result go before the next run
            seconds, check = timed(lambda: check_path(path))
            check_s = min(check_s, seconds)
            seconds, grid = timed(lambda: read_calamine(path))
            calamine_s = min(calamine_s, seconds)
            del grid  # after the timing: freeing it is not part of the read
        accepted = check_or_exit(check, args.rows, args.measures_per_problem)
        print(
            f"check_path accepted {len(accepted.findings):,} problems, {args.rows:,} measures "
            f"({len(accepted.warnings)} warnings)"
        )
        del check, accepted
        gc.collect()

        openpyxl_s: float | None = None
        if not args.skip_openpyxl:
            print("Reading with pandas/openpyxl (one run) …", flush=True)
            openpyxl_s, frame = timed(lambda: read_openpyxl(path))
            if len(frame) != args.rows:
                print(f"  note: pandas/openpyxl read {len(frame):,} rows, not {args.rows:,}")
            del frame

        print("Measuring check_path peak memory in a fresh interpreter …", flush=True)
        memory = peak_memory(path)
        if not memory["accepted"] or memory["rows"] != args.rows:
            print(f"ERROR: in the memory probe check_path gave {memory}")
            return 1
        peak_mb = (memory["after"] - memory["before"]) / 2**20

        process: dict[str, Any] | None = None
        if not args.skip_process:
            print(f"Timing whole processes (best of {args.repeat} each) …", flush=True)
            process = whole_processes(path, args.repeat)
            if process["exit"] != 0:
                print(f"ERROR: `python -m rectification check` exited {process['exit']}")
                return 1

    check_ratio = check_s / calamine_s
    table = [
        Row(f"check_path (best of {args.repeat})", f"{check_s:.3f} s"),
        Row(f"calamine to_python (best of {args.repeat})", f"{calamine_s:.3f} s"),
        Row(
            "pandas read_excel openpyxl (1 run)",
            f"{openpyxl_s:.3f} s" if openpyxl_s is not None else "skipped",
        ),
        Row(
            "check / calamine",
            f"{check_ratio:.3f}x",
            f"<= {TARGET_CHECK_OVER_CALAMINE}",
            verdict(check_ratio <= TARGET_CHECK_OVER_CALAMINE),
        ),
    ]
    if openpyxl_s is not None:
        speedup = openpyxl_s / check_s
        table.append(
            Row(
                "openpyxl / check",
                f"{speedup:.2f}x",
                f">= {TARGET_OPENPYXL_OVER_CHECK:g}",
                verdict(speedup >= TARGET_OPENPYXL_OVER_CHECK),
            )
        )
    table += [
        Row(
            "check peak memory (above imports)",
            f"{peak_mb:.0f} MB",
            f"<= {TARGET_PEAK_MB:g} MB",
            verdict(peak_mb <= TARGET_PEAK_MB),
        ),
        Row(
            f"  peak RSS after imports / after check ({memory['source']})",
            _mb_pair(memory["before"], memory["after"]),
        ),
    ]
    if process is not None:
        table += process_rows(process, args.repeat)
    print()
    print_table(table)
    return 0


def process_rows(process: dict[str, Any], repeat: int) -> list[Row]:
    check_s, calamine_s = min(process["check"]), min(process["calamine"])
    ratio = check_s / calamine_s
    loaded = ", ".join(name for name, there in process["has"].items() if there) or "none"
    return [
        Row(f"process: check --json (best of {repeat})", f"{check_s:.3f} s"),
        Row("  all runs", _runs(process["check"])),
        Row(f"process: bare calamine read (best of {repeat})", f"{calamine_s:.3f} s"),
        Row("  all runs", _runs(process["calamine"])),
        Row(
            "process check / calamine",
            f"{ratio:.3f}x",
            f"<= {TARGET_PROCESS_RATIO}",
            verdict(ratio <= TARGET_PROCESS_RATIO),
        ),
        Row(f"process: --help (best of {HELP_REPEAT})", f"{process['help']:.3f} s"),
        Row(
            "heavy modules after check",
            ", ".join(process["heavy"]) or "none",
            "none",
            verdict(not process["heavy"]),
        ),
        Row(f"  modules loaded by check: {process['modules']}, of them", loaded),
    ]


def _runs(seconds: list[float]) -> str:
    return " ".join(f"{s:.2f}" for s in seconds) + " s"


def _mb_pair(before: int, after: int) -> str:
    return f"{before / 2**20:.0f} / {after / 2**20:.0f} MB"


if __name__ == "__main__":
    sys.exit(main())
