"""A corpus of malformed and hostile files, written by the tests themselves (issue 12).

Each entry is a file a tester (or an attacker, or an unlucky clerk) could hand the product, with
the outcome decided for it: accepted (with how many problems, and what the reader must say) or
refused (and what the refusal must name). tests/store/test_hostile_corpus.py runs every file
through `check`, `import` on both databases and the upload page.

`python -m tests.hostile_corpus DIR` writes the corpus to DIR, to try it by hand.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

from tests.builders import HEADER, ROOT
from tests.workbooks import xlsx

# Three problems a clerk would accept, the base that most hostile files vary.
GOOD_ROWS: list[list[object]] = [
    ["A1", "党建", "学习不深入", "办公室", "2024-06-30", "已制定计划", "已完成"],
    ["A2", "党建", "制度不完善", "办公室", "2024-04-30", "正在修订", "推进中"],
    ["B1", "作风", "公车管理不规范", "财务科", "长期坚持", "持续加强", "长期坚持"],
]
# The largest a bomb inflates to: well above any limit, small on disk.
BOMB_BYTES = 1100 * 2**20


@dataclass(frozen=True)
class Hostile:
    """One file of the corpus and its decided outcome.

    `accepted` with `problems` read, or refused; `says` are words the check's messages (errors
    when refused, warnings when accepted) must hold between them; `bomb` marks the files whose
    point is memory, the ones whose peak the corpus table reports."""

    name: str
    make: Callable[[], bytes]
    accepted: bool
    problems: int | None = None
    says: tuple[str, ...] = ()
    bomb: bool = False
    why: str = ""
    tags: frozenset[str] = field(default_factory=frozenset)


def _ledger(rows: list[list[object]] | None = None, header: list[str] = HEADER, name: str = "台账") -> bytes:
    return xlsx({name: [list(header), *(rows if rows is not None else GOOD_ROWS)]})


def _with_rows(*changes: tuple[int, int, object]) -> Callable[[], bytes]:
    """The good ledger with cells (row index, column index, value) replaced."""

    def make() -> bytes:
        rows = [list(r) for r in GOOD_ROWS]
        for r, c, value in changes:
            rows[r][c] = value
        return _ledger(rows)

    return make


def _csv(text: str, encoding: str = "utf-8") -> Callable[[], bytes]:
    return lambda: text.encode(encoding)


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


def _good_csv(newline: str = "\r\n") -> str:
    return newline.join(",".join(str(c) for c in row) for row in [HEADER, *GOOD_ROWS])


# Enough of the traditional forms for the good ledger: what a Big5 file from Taiwan or Hong Kong holds.
_TRADITIONAL = str.maketrans(
    "编号问题类别责门时进态状习划订财务规范续长坚强计车风",
    "編號問題類別責門時進態狀習劃訂財務規範續長堅強計車風",
)


def _traditional(text: str) -> str:
    return text.translate(_TRADITIONAL).replace("党", "黨").replace("办", "辦").replace("学", "學")


def _truncated() -> bytes:
    content = _ledger()
    return content[: len(content) // 2]


def _crc_corrupt() -> bytes:
    """A byte of the sheet's compressed data flipped: the zip's CRC no longer matches."""
    content = bytearray(_ledger())
    with zipfile.ZipFile(io.BytesIO(bytes(content))) as book:
        info = book.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    content[start + info.compress_size // 2] ^= 0xFF
    return bytes(content)


def _encrypted() -> bytes:
    """What Excel writes for a workbook with a password to open: a compound file (not a zip)
    holding EncryptionInfo and EncryptedPackage streams."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    names = "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")
    return header + b"\x00" * (512 - len(header)) + names + bytes(range(256)) * 16


def _zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for name, body in parts.items():
            book.writestr(name, body)
    return buffer.getvalue()


def _parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        return {name: book.read(name) for name in book.namelist()}


def _docx_renamed() -> bytes:
    return _zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def _replaced_part(name: str, body: bytes, base: bytes | None = None) -> bytes:
    parts = _parts(base or _ledger())
    parts[name] = body
    return _zip_of(parts)


_SHEET_OPEN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
_SHEET_CLOSE = b"</sheetData></worksheet>"


def _bomb(part: str, opening: bytes, unit: bytes, closing: bytes) -> bytes:
    """A valid workbook whose `part` inflates to BOMB_BYTES: `unit` repeated, written in chunks
    so the bomb never sits whole in this process either."""
    parts = _parts(_ledger())
    buffer = io.BytesIO()
    chunk = unit * max(1, (1 << 20) // len(unit))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for name, body in parts.items():
            if name != part:
                book.writestr(name, body)
        with book.open(part, "w", force_zip64=True) as out:
            out.write(opening)
            written = 0
            while written < BOMB_BYTES:
                out.write(chunk)
                written += len(chunk)
            out.write(closing)
    return buffer.getvalue()


def _sheet_bomb() -> bytes:
    row = b'<row><c t="inlineStr"><is><t>' + b"x" * 40 + b"</t></is></c></row>"
    return _bomb("xl/worksheets/sheet1.xml", _SHEET_OPEN, row, _SHEET_CLOSE)


def _strings_bomb() -> bytes:
    opening = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    return _bomb("xl/sharedStrings.xml", opening, b"<si><t>" + b"y" * 60 + b"</t></si>", b"</sst>")


def _sheet_xml(rows: list[str]) -> bytes:
    return _SHEET_OPEN + "".join(rows).encode() + _SHEET_CLOSE


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _far_cell() -> bytes:
    """The good ledger and one stray value on Excel's last row (1,048,576)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "台账"
    for row in [HEADER, *GOOD_ROWS]:
        sheet.append(row)
    sheet["A1048576"] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _wide_header(columns: int) -> list[str]:
    return [*HEADER, *(f"备用{i}" for i in range(columns - len(HEADER)))]


def _wide_xlsx() -> bytes:
    """A header row as wide as Excel allows (16,384 columns, A to XFD) over the good rows."""
    return _ledger(header=_wide_header(16_384))


def _wide_csv() -> bytes:
    """A CSV of 20,000 columns: wider than any sheet."""
    rows = [_wide_header(20_000), *[[*map(str, r), *[""] * (20_000 - len(r))] for r in GOOD_ROWS]]
    return "\r\n".join(",".join(row) for row in rows).encode()


def _fifty_sheets() -> bytes:
    """One sheet per department, fifty of them, two problems each: one ledger of 100."""
    sheets = {
        f"部门{d:02d}": [HEADER, *[[f"D{d:02d}-{i}", "党建", f"问题{d}-{i}", f"部门{d:02d}", "2024-06-30",
                                    "已制定计划", "推进中"] for i in (1, 2)]]
        for d in range(50)
    }  # fmt: skip
    return xlsx(sheets)


def _merge_bomb() -> bytes:
    """The good ledger with one merge over the whole sheet (A1:XFD1048576)."""
    base = _ledger()
    sheet = _parts(base)["xl/worksheets/sheet1.xml"]
    whole = b'<mergeCells count="1"><mergeCell ref="A5:XFD1048576"/></mergeCells>'
    merged = sheet.replace(b"</sheetData>", b"</sheetData>" + whole)
    return _replaced_part("xl/worksheets/sheet1.xml", merged, base)


def _xxe_xlsx() -> bytes:
    body = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        + _SHEET_OPEN
        + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>'
        + _SHEET_CLOSE
    )
    return _replaced_part("xl/worksheets/sheet1.xml", body)


def _laughs_xlsx() -> bytes:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    body = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY l0 "lol">{entities}]>'.encode()
        + _SHEET_OPEN
        + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row>'
        + _SHEET_CLOSE
    )
    return _replaced_part("xl/worksheets/sheet1.xml", body)


def _spreadsheet_ml(doctype: str, cell: str) -> bytes:
    return (
        f'<?xml version="1.0"?>{doctype}<?mso-application progid="Excel.Sheet"?>'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="台账"><Table>'
        f'<Row><Cell><Data ss:Type="String">{cell}</Data></Cell></Row></Table></Worksheet></Workbook>'
    ).encode()


def _xxe_xml() -> bytes:
    return _spreadsheet_ml('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;")


def _laughs_xml() -> bytes:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return _spreadsheet_ml(f'<!DOCTYPE x [<!ENTITY l0 "lol">{entities}]>', "&l9;")


def _formulas_without_values() -> bytes:
    """What a script writes with openpyxl: formulas and no cached values."""
    book = Workbook()
    sheet = book.active
    sheet.title = "台账"
    sheet.append(HEADER)
    for i, row in enumerate(GOOD_ROWS, start=2):
        sheet.append(row)
        sheet[f"C{i}"] = f'="问题"&"{i}"'
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _html_table() -> bytes:
    cells = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in [HEADER, *GOOD_ROWS])
    return f'<html><meta charset="utf-8"><body><table>{cells}</table></body></html>'.encode()


def _many_rows(count: int, deadline: object) -> Callable[[], bytes]:
    def make() -> bytes:
        rows = [[f"R{i}", "党建", f"问题{i}", "办公室", deadline, "计划", "推进中"] for i in range(count)]
        return _ledger(rows)

    return make


def _big_csv() -> bytes:
    """A CSV over the 50 MB upload limit: 61 MB of genuine rows."""
    line = ",".join(["R{}", "党建", "问题" + "很" * 300, "办公室", "2024-06-30", "进展", "推进中"]) + "\r\n"
    rows = "".join(line.format(i) for i in range(61 * 2**20 // len(line.encode())))
    return (",".join(HEADER) + "\r\n" + rows).encode()


_HOSTILE_TEXT = [
    "[点此重新登录](http://evil.example/login)",
    "http://evil.example/login www.evil.example a@evil.example",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**粗体** # 标题 :red[红色] $x^2$ ![图](http://evil.example/x.png)",
]
_FORMULA_TEXT = ['=HYPERLINK("http://evil.example","点击")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]


def _formula_csv() -> str:
    """Cells that Excel would take for formulas when the CSV is opened."""
    text = _good_csv().replace("已制定计划", _quoted(_FORMULA_TEXT[0]))
    return text.replace("持续加强", _FORMULA_TEXT[1])


def _mixed_endings() -> str:
    """LF after the header, CRLF after the first row, CR after the others."""
    rows = [",".join(str(c) for c in row) for row in GOOD_ROWS]
    return ",".join(HEADER) + "\n" + rows[0] + "\r\n" + "\r".join(rows[1:])


def corpus() -> list[Hostile]:
    """Every file of the corpus, in the order of the issue's list."""
    good_csv = _good_csv()
    files = [
        # -- not a ledger at all: refused as what it is --------------------------------------
        Hostile("empty.xlsx", lambda: b"", False, says=("空",)),
        Hostile("blank.csv", _csv("\r\n   \r\n\r\n"), False),
        Hostile("truncated.xlsx", _truncated, False, says=("无法读取",)),
        Hostile("crc-corrupt.xlsx", _crc_corrupt, False, says=("无法读取",)),
        Hostile("encrypted.xlsx", _encrypted, False, says=("密码",)),
        Hostile("garbage.xlsx", lambda: bytes(range(256)) * 64, False),
        Hostile("picture.xlsx", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 2048, False),
        Hostile("document-renamed.xlsx", _docx_renamed, False, says=("无法读取",)),
        Hostile("pdf-renamed.csv", lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8, False),
        Hostile("empty-zip.xlsx", lambda: _zip_of({}), False, says=("无法读取",)),
        Hostile("picture.png", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, False),
        # -- hostile XML: nothing fetched, nothing expanded --------------------------------------
        Hostile("xxe.xlsx", _xxe_xlsx, False, why="an external entity is never fetched"),
        Hostile("billion-laughs.xlsx", _laughs_xlsx, False, why="entities never expand"),
        Hostile("xxe-spreadsheet.xls", _xxe_xml, False),
        Hostile("billion-laughs-spreadsheet.xls", _laughs_xml, False),
        # -- bombs: refused by inspection, never inflated -----------------------------------------
        Hostile("sheet-bomb.xlsx", _sheet_bomb, False, says=("解压",), bomb=True),
        Hostile("strings-bomb.xlsx", _strings_bomb, False, says=("解压",), bomb=True),
        Hostile("far-cell.xlsx", _far_cell, False, says=("1048576",), bomb=True),
        Hostile("wide.xlsx", _wide_xlsx, False, says=("列",), bomb=True),
        Hostile("wide.csv", _wide_csv, False, says=("列",), bomb=True),
        Hostile("merge-bomb.xlsx", _merge_bomb, True, problems=3, bomb=True),
        Hostile(
            "too-big.csv", _big_csv, False, says=("50",), bomb=True, tags=frozenset({"over_upload_limit"})
        ),
        # -- a clerk's mistakes: refused naming row and column ------------------------------------
        Hostile("no-header.xlsx", lambda: xlsx({"Sheet1": [[1, 2, 3], [4, 5, 6]]}), False, says=("表头",)),
        Hostile("header-only.xlsx", lambda: _ledger([]), False),
        Hostile("duplicate-ids.xlsx", _with_rows((1, 0, "A1")), False, says=("A1",)),
        Hostile("impossible-date.xlsx", _with_rows((0, 4, "2024.02.30")), False, says=("2024.02.30",)),
        Hostile("impossible-month.xlsx", _with_rows((1, 4, "2024-13-01")), False, says=("2024-13-01",)),
        Hostile("formulas-without-values.xlsx", _formulas_without_values, False, says=("公式",)),
        Hostile("thousands-of-bad-dates.xlsx", _many_rows(3000, "2024.02.30"), False, says=("共3000行",)),
        Hostile(
            "unclosed-quote.csv", _csv(good_csv.replace("学习不深入", '"学习不深入')), False, says=("引号",)
        ),
        Hostile("undecodable.csv", lambda: b"\x81\xff\xfe\x80\x00" * 200, False),
        # -- untrusted text: accepted, kept as text, never markup or a formula --------------------
        Hostile(
            "html-in-cells.xlsx", _with_rows((0, 2, _HOSTILE_TEXT[2]), (1, 5, _HOSTILE_TEXT[3])), True, 3
        ),
        Hostile(
            "markdown-in-cells.xlsx", _with_rows((0, 2, _HOSTILE_TEXT[0]), (1, 5, _HOSTILE_TEXT[4])), True, 3
        ),
        Hostile(
            "urls-in-cells.xlsx", _with_rows((0, 5, _HOSTILE_TEXT[1]), (2, 3, "www.evil.example")), True, 3
        ),
        Hostile("formula-text.csv", _csv(_formula_csv()), True, 3),
        Hostile("formula-text.xlsx", _with_rows((0, 5, _FORMULA_TEXT[2]), (1, 5, _FORMULA_TEXT[3])), True, 3),
        Hostile("megabyte-cell.xlsx", _with_rows((0, 5, "很" * 1_000_000)), True, 3),
        Hostile("emoji.xlsx", _with_rows((0, 2, "学习不深入😀👍🏽"), (2, 3, "财务科🏦")), True, 3),
        Hostile("zero-width-keys.xlsx", _with_rows((1, 1, "党\u200b建")), True, 3, says=("党建",)),
        # A problem of invisible characters only is a blank problem cell, read as the reader reads
        # one (issue 12, part 4): this one sits under a problem and holds a measure, so it is that
        # problem's measure; the reader names its row and says it was read as blank.
        Hostile(
            "invisible-problem.xlsx",
            _with_rows((2, 2, "\u200b\u200c\u2060")),
            True,
            2,
            says=("第4行的“问题描述”",),
        ),
        Hostile(
            "control-characters.csv", _csv(good_csv.replace("已制定计划", "已制定\x07计划\x1b[31m")), True, 3
        ),
        Hostile("nul-byte.csv", _csv(good_csv.replace("正在修订", "正在\x00修订")), True, 3),
        Hostile("fifty-sheets.xlsx", _fifty_sheets, True, 100),
        Hostile("many-deadlines-in-words.xlsx", _many_rows(3000, "6月底"), True, 3000, says=("共3000行",)),
        # -- text files as real systems write them ------------------------------------------------
        Hostile("mixed-line-endings.csv", _csv(_mixed_endings()), True, 3),
        Hostile("old-mac-line-endings.csv", _csv(_good_csv("\r")), True, 3),
        Hostile("unicode-text.txt", lambda: _good_csv().replace(",", "\t").encode("utf-16"), True, 3),
        Hostile(
            "unicode-text-no-bom.txt", lambda: _good_csv().replace(",", "\t").encode("utf-16-le"), True, 3
        ),
        Hostile("gbk.csv", _csv(good_csv, "gbk"), True, 3),
        Hostile("big5.csv", _csv(_traditional(good_csv), "big5"), True, 3),
        Hostile("html-table.xls", _html_table, True, 3),
        # -- evil file names: the name is only a label ----------------------------------------------
        Hostile("[点此重新登录](http%3A%2F%2Fevil.example).xlsx", _ledger, True, 3),
        Hostile("<img src=x onerror=alert(1)>.xlsx", _ledger, True, 3),
        Hostile("$(touch pwned)`id`;.xlsx", _ledger, True, 3),
        Hostile("\u202egpj.xlsx", _ledger, True, 3),
        Hostile("很" * 80 + ".xlsx", _ledger, True, 3),
    ]
    return files


def write_corpus(folder: Path) -> list[tuple[Hostile, Path]]:
    """Write every file of the corpus into `folder`, each in its own subfolder (the evil names
    stay names), and return them with their paths."""
    written = []
    for number, hostile in enumerate(corpus()):
        path = folder / f"{number:02d}" / hostile.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(hostile.make())
        written.append((hostile, path))
    return written


# The command line, with its own peak memory written to stderr as it exits (atexit runs on
# SystemExit too); a process killed for its memory writes nothing, and the test fails. The peak
# is VmHWM, its own address space's: getrusage's ru_maxrss keeps the parent's across exec.
_MEASURED = (
    "import atexit, re, runpy, sys\n"
    "def peak():\n"
    "    status = open('/proc/self/status').read()\n"
    "    sys.stderr.write('\\n' + re.search(r'VmHWM:\\s*(\\d+)', status).group(1) + ' KB peak\\n')\n"
    "atexit.register(peak)\n"
    "sys.argv = ['rectification', *sys.argv[1:]]\n"
    "runpy.run_module('rectification', run_name='__main__', alter_sys=True)\n"
)


def run_check(path: str) -> tuple[int, str, str, float]:
    """`python -m rectification check FILE --json` in its own process: its exit status, output,
    error output and peak memory in MB."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, "check", path, "--json"],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    err, _, peak = done.stderr.decode().rstrip().rpartition("\n")
    assert peak.endswith(" KB peak"), f"no peak reported: {done.stderr.decode()[-500:]}"
    return done.returncode, done.stdout.decode(), err, int(peak.split()[0]) / 1024


def corpus_table(folder: Path) -> str:
    """The corpus through `check`, as the Markdown table the issue's note reports: each file's
    decided and actual outcome, its size, the time and the peak memory of its process."""
    lines = [
        "| File | Decided | Outcome | Size | Time | Peak MB | First message |",
        "|---|---|---|---|---|---|---|",
    ]
    for hostile, path in write_corpus(folder):
        started = time.perf_counter()
        _, out, _, peak = run_check(str(path))
        seconds = time.perf_counter() - started
        report = json.loads(out)
        flags = report["errors"] or report["warnings"]
        first = flags[0]["message"][:60].replace("|", "/") if flags else ""
        outcome = "accepted" if report["accepted"] else "refused"
        decided = "accepted" if hostile.accepted else "refused"
        size = (
            f"{path.stat().st_size / 2**20:.1f} MB"
            if path.stat().st_size > 2**20
            else f"{path.stat().st_size} B"
        )
        name = hostile.name.replace("|", "/")[:40]
        lines.append(f"| {name} | {decided} | {outcome} | {size} | {seconds:.1f} s | {peak:.0f} | {first} |")
    return "\n".join(lines)


if __name__ == "__main__":
    # python -m tests.hostile_corpus DIR [--table]: write the corpus; with --table, run each file
    # through `check` and print the outcomes and peak memory.
    out = Path(next((a for a in sys.argv[1:] if not a.startswith("--")), "hostile-corpus"))
    if "--table" in sys.argv:
        print(corpus_table(out))
    else:
        for hostile, path in write_corpus(out):
            print(f"{'accept' if hostile.accepted else 'refuse'}\t{path.stat().st_size:>10}\t{path}")
