"""Finding the header in a sheet: below title rows, over one or two rows, with merged parents."""

from __future__ import annotations

from dataclasses import dataclass, field

from .schema import REQUIRED_FIELDS, field_for_header

# Title, 填报单位 and blank lines rarely take more than a handful of rows; 30 leaves room.
HEADER_SCAN_ROWS = 30
# A row naming fewer fields than this is a title or a data row, not a header.
MIN_HEADER_FIELDS = 2


@dataclass
class Header:
    first_row: int  # 0-based index of the header's top row
    last_row: int  # 0-based index of its bottom row; data starts below
    columns: dict[int, str]  # column index -> field name
    written: dict[int, str]  # column index -> the header text as written in the file
    ignored: list[tuple[int, str]] = field(default_factory=list)  # columns mapping to no field
    repeated: list[tuple[int, str, str]] = field(default_factory=list)  # (column, text, field)

    def column_of(self, field_name: str) -> int | None:
        return next((c for c, f in self.columns.items() if f == field_name), None)


def _cell_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _row_fields(row: list[object]) -> dict[int, str]:
    found: dict[int, str] = {}
    for col, value in enumerate(row):
        name = field_for_header(value) if isinstance(value, str) else None
        if name:
            found[col] = name
    return found


def header_score(rows: list[list[object]]) -> tuple[int, int]:
    """How much the top of a sheet looks like a ledger header: (fields named, required named)."""
    best = (0, 0)
    for row in rows[:HEADER_SCAN_ROWS]:
        names = set(_row_fields(row).values())
        best = max(best, (len(names), len(names & set(REQUIRED_FIELDS))))
    return best


def find_header(rows: list[list[object]]) -> Header | None:
    """The header of a sheet, or None when no row in the first rows names enough fields."""
    candidates = [(i, _row_fields(r)) for i, r in enumerate(rows[:HEADER_SCAN_ROWS])]
    best_index, best_fields = max(candidates, key=lambda c: (len(set(c[1].values())), -c[0]), default=(0, {}))
    if len(set(best_fields.values())) < MIN_HEADER_FIELDS:
        return None
    first, last = best_index, best_index
    combined = dict(best_fields)
    for neighbour in (best_index - 1, best_index + 1):
        if 0 <= neighbour < len(rows) and _is_header_part(rows[neighbour], combined):
            combined = _combine(combined, _row_fields(rows[neighbour]))
            first, last = min(first, neighbour), max(last, neighbour)
    return _resolve(rows, first, last, combined)


def _is_header_part(row: list[object], known: dict[int, str]) -> bool:
    """A neighbouring row belongs to a two-row header when it names fields the header lacks and
    holds little else: group labels such as "责任落实" over 责任领导/责任部门/责任人."""
    fields = _row_fields(row)
    adds = [c for c, f in fields.items() if c not in known and f not in known.values()]
    others = sum(1 for c, v in enumerate(row) if c not in fields and _cell_text(v))
    return bool(adds) and len(fields) >= others


def _combine(upper: dict[int, str], lower: dict[int, str]) -> dict[int, str]:
    combined = dict(upper)
    for col, name in lower.items():
        if name not in combined.values() or combined.get(col) == name:
            combined[col] = name
    return combined


def _resolve(rows: list[list[object]], first: int, last: int, fields: dict[int, str]) -> Header:
    header = Header(first, last, {}, {})
    width = max(len(r) for r in rows[first : last + 1])
    for col in range(width):
        text = next(
            (
                _cell_text(rows[r][col])
                for r in range(last, first - 1, -1)
                if col < len(rows[r]) and field_for_header(rows[r][col])
            ),
            "",
        ) or " / ".join(
            _cell_text(rows[r][col])
            for r in range(first, last + 1)
            if col < len(rows[r]) and _cell_text(rows[r][col])
        )
        name = fields.get(col)
        if name is None:
            if text:
                header.ignored.append((col, text))
        elif name in header.columns.values():
            header.repeated.append((col, text, name))
        else:
            header.columns[col] = name
            header.written[col] = text
    return header
