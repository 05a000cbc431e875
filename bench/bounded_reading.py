"""What `python -m rectification check` costs on hostile and huge workbooks (issue 12).

Builds each file (into bench/.cache/bounded/, git-ignored; the bombs in seconds, from one
compressed megabyte repeated) and runs `python -m rectification check FILE --json` on it in a
fresh process, reporting the outcome, the first message, the wall time and the peak memory of
that process (VmHWM from /proc/self/status at exit: the process's own high-water mark).

  sheet-bomb.xlsx        a sheet whose XML inflates to 1.1 GB (3 MB on disk)
  strings-bomb.xlsx      shared strings inflating to 1.1 GB
  lying-header.xlsx      shared strings whose zip headers declare 10 KB and that inflate to 1.1 GB
  stray-1048576.xlsx     a 30-row ledger and one value in A1048576
  wide-20000.xlsx        a header of 20,000 columns (past Excel's XFD) over 30 rows
  wide-20000.ods         an OpenDocument sheet with a value repeated over 20,000 columns
  fifty-sheets.xlsx      50 department sheets of 200 measures each, one ledger of 10,000
  genuine-100k.xlsx      bench/check_speed.py's ledger: 100,000 problems, one measure each
  genuine-100k-m4.xlsx   the same generator: 100,000 measures, four to a problem

Targets (PASS/MISS, never asserted): every peak <= 1024 MB; the bombs refused within 5 s.

Usage: python bench/bounded_reading.py [--only NAME ...]
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.check_speed import CACHE_DIR, ledger_file  # noqa: E402

FOLDER = CACHE_DIR / "bounded"
MB = 2**20
BOMB_BYTES = 1100 * MB
TARGET_PEAK_MB = 1024
TARGET_BOMB_S = 5.0
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HEADER = ["编号", "问题类别", "问题描述", "整改措施", "责任部门", "整改时限", "整改进展", "整改状态"]


def _row(number: int) -> list[str]:
    return [
        f"XC-{number:03d}",
        "作风建设",
        f"问题{number}",
        f"措施{number}",
        "办公室",
        "2024-06-30",
        "正在推进",
        "推进中",
    ]


# -- a zip written part by part, with the sizes and CRCs it should declare --------------------------
def _zip(parts: list[tuple[str, bytes, int, int]]) -> bytes:
    """(name, deflate stream, declared size, CRC) for each part."""
    body, directory = bytearray(), bytearray()
    for name, packed, size, crc in parts:
        encoded, offset = name.encode(), len(body)
        body += (
            struct.pack(
                "<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, 8, 0, 0x21, crc, len(packed), size, len(encoded), 0
            )
            + encoded
            + packed
        )
        directory += (
            struct.pack(
                "<4s4B4HL2L5H2L",
                b"PK\x01\x02",
                20,
                0,
                20,
                0,
                0,
                8,
                0,
                0x21,
                crc,
                len(packed),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory), len(body), 0)
    return bytes(body + directory + end)


def _whole(name: str, data: bytes) -> tuple[str, bytes, int, int]:
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return name, packer.compress(data) + packer.flush(), len(data), zlib.crc32(data)


def _repeated(name: str, opening: bytes, unit: bytes, closing: bytes, declared: int | None = None):
    """A part of `opening`, `unit` repeated to BOMB_BYTES, `closing`: one compressed megabyte
    repeated (full flushes make the copies one valid stream), with its true size and CRC."""
    chunk = unit * (MB // len(unit))
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    head = packer.compress(opening) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    copies = BOMB_BYTES // len(chunk)
    tail = packer.compress(closing) + packer.flush()
    crc = zlib.crc32(opening)
    for _ in range(copies):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(closing, crc)
    size = len(opening) + copies * len(chunk) + len(closing)
    return name, head + block * copies + tail, size if declared is None else declared, crc


def _small_parts() -> list[tuple[str, bytes, int, int]]:
    """A one-sheet workbook's other parts (xlsxwriter's, sheet and strings left out)."""
    import io
    import zipfile

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("整改台账")
    for number, values in enumerate([HEADER, *(_row(n) for n in range(1, 31))]):
        sheet.write_row(number, 0, values)
    book.close()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as parts:
        return [_whole(name, parts.read(name)) for name in parts.namelist()]


def sheet_bomb() -> bytes:
    row = b'<row><c t="inlineStr"><is><t>' + b"x" * 40 + b"</t></is></c></row>"
    bomb = _repeated(
        "xl/worksheets/sheet1.xml", f"<worksheet {_NS}><sheetData>".encode(), row, b"</sheetData></worksheet>"
    )
    return _zip([p if p[0] != bomb[0] else bomb for p in _small_parts()])


def strings_bomb(declared: int | None = None) -> bytes:
    bomb = _repeated(
        "xl/sharedStrings.xml",
        f"<sst {_NS}>".encode(),
        b"<si><t>" + b"y" * 60 + b"</t></si>",
        b"</sst>",
        declared,
    )
    return _zip([p if p[0] != bomb[0] else bomb for p in _small_parts()])


def lying_header() -> bytes:
    return strings_bomb(declared=10_000)


def _xlsx(write: Callable) -> bytes:
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    write(book)
    book.close()
    return buffer.getvalue()


def stray_1048576() -> bytes:
    def write(book) -> None:
        sheet = book.add_worksheet("整改台账")
        for number, values in enumerate([HEADER, *(_row(n) for n in range(1, 31))]):
            sheet.write_row(number, 0, values)
        sheet.write(1_048_575, 0, "x")

    return _xlsx(write)


def wide_xlsx() -> bytes:
    """A header of 20,000 columns, past XFD (16,384): a crafted sheet, as calamine reads one."""
    from rectification.read_limits import cell_name

    header = [*HEADER, *(f"备用{i}" for i in range(20_000 - len(HEADER)))]
    rows = []
    for number, values in enumerate([header, *(_row(n) for n in range(1, 31))], start=1):
        cells = "".join(
            f'<c r="{cell_name(number, column)}" t="inlineStr"><is><t>{value}</t></is></c>'
            for column, value in enumerate(values, start=1)
        )
        rows.append(f'<row r="{number}">{cells}</row>')
    sheet = f"<worksheet {_NS}><sheetData>{''.join(rows)}</sheetData></worksheet>".encode()
    return _zip([p if p[0] != "xl/worksheets/sheet1.xml" else _whole(p[0], sheet) for p in _small_parts()])


def wide_ods() -> bytes:
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    rows = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>' for v in r
        )
        + "</table:table-row>"
        for r in [HEADER, *(_row(n) for n in range(1, 31))]
    )
    wide = (
        '<table:table-row><table:table-cell office:value-type="string" table:number-columns-repeated="20000">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    content = (
        f'<office:document-content xmlns:office="{office}" xmlns:table="{table}" xmlns:text="{text}">'
        f'<office:body><office:spreadsheet><table:table table:name="整改台账">{rows}{wide}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    ).encode()
    return _zip(
        [
            _whole("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            _whole("content.xml", content),
        ]
    )


def fifty_sheets() -> bytes:
    def write(book) -> None:
        for department in range(50):
            sheet = book.add_worksheet(f"第{department + 1:02d}科")
            sheet.write_row(0, 0, HEADER)
            for number in range(1, 201):
                values = _row(number)
                values[0] = f"D{department:02d}-{number:03d}"
                sheet.write_row(number, 0, values)

    return _xlsx(write)


FILES: dict[str, Callable[[], bytes] | None] = {
    "sheet-bomb.xlsx": sheet_bomb,
    "strings-bomb.xlsx": strings_bomb,
    "lying-header.xlsx": lying_header,
    "stray-1048576.xlsx": stray_1048576,
    "wide-20000.xlsx": wide_xlsx,
    "wide-20000.ods": wide_ods,
    "fifty-sheets.xlsx": fifty_sheets,
    "genuine-100k.xlsx": None,  # from check_speed's generator, cached there
    "genuine-100k-m4.xlsx": None,
}
BOMBS = frozenset(
    {
        "sheet-bomb.xlsx",
        "strings-bomb.xlsx",
        "lying-header.xlsx",
        "stray-1048576.xlsx",
        "wide-20000.xlsx",
        "wide-20000.ods",
    }
)

# `check` as a person runs it, then its own peak memory on stderr as it exits.
_MEASURED = (
    "import atexit, runpy, sys\n"
    "def peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'): sys.stderr.write(f\"\\n{line.split()[1]} KB peak\\n\")\n"
    "atexit.register(peak)\n"
    "sys.argv = ['rectification', *sys.argv[1:]]\n"
    "runpy.run_module('rectification', run_name='__main__', alter_sys=True)\n"
)


def path_of(name: str) -> Path:
    if name == "genuine-100k.xlsx":
        return ledger_file(100_000, 20240510, True, FOLDER)
    if name == "genuine-100k-m4.xlsx":
        return ledger_file(100_000, 20240510, True, FOLDER, per_problem=4)
    path = FOLDER / name
    if not path.exists():
        FOLDER.mkdir(parents=True, exist_ok=True)
        make = FILES[name]
        assert make is not None
        path.write_bytes(make())
    return path


def measure(path: Path) -> tuple[dict, float, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, "check", str(path), "--json"],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=600,
    )
    seconds = time.perf_counter() - started
    peak = int(done.stderr.decode().rstrip().rsplit("\n", 1)[-1].split()[0]) / 1024
    return json.loads(done.stdout), seconds, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", nargs="*", choices=list(FILES), help="measure only these files")
    args = parser.parse_args(argv)
    print("| file | on disk | outcome | first message | time | peak MB | target |")
    print("|---|---|---|---|---|---|---|")
    for name in args.only or FILES:
        path = path_of(name)
        report, seconds, peak = measure(path)
        flags = report["errors"] or report["warnings"]
        first = flags[0]["message"][:70] if flags else ""
        outcome = f"accepted, {report['rows']:,} problems" if report["accepted"] else "refused"
        ok = peak <= TARGET_PEAK_MB and (name not in BOMBS or seconds <= TARGET_BOMB_S)
        size = path.stat().st_size / MB
        print(
            f"| {name} | {size:.1f} MB | {outcome} | {first} | {seconds:.2f} s | {peak:.0f} | "
            f"{'PASS' if ok else 'MISS'} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
