"""Exports hold exactly the given rows, open in Excel/WPS, and never turn text into formulas."""

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from rectification.export import export_frame, to_csv, to_xlsx

FINDINGS = pd.DataFrame(
    {
        "id": ["1", "2"],
        "round": ["", ""],
        "unit": ["", ""],
        "category": ["党建", "作风"],
        "problem": ['=HYPERLINK("http://x","点我")', "+1+2"],
        "measures": ["", ""],
        "leader": ["", ""],
        "department": ["办公室", "@SUM(A1)"],
        "owner": ["", ""],
        "deadline": pd.to_datetime(["2024-06-30", None]),
        "deadline_term": ["", "standing"],
        "progress": ["-5 items left", "已完成"],
        "status": ["in_progress", "done"],
        "completed_on": pd.to_datetime([None, "2024-05-01"]),
        "evidence": ["", ""],
        "note": ["", ""],
        "status_inferred": [False, True],
    }
)
LEVELS = pd.Series(["red", ""])


def test_export_frame_uses_labels_status_words_and_deadline_terms():
    frame = export_frame(FINDINGS, LEVELS)
    assert frame["整改状态"].tolist() == ["推进中", "已完成"]
    assert frame["整改时限"].tolist() == ["2024-06-30", "长期坚持"]
    assert frame["预警"].tolist() == ["红色·逾期", "—"]
    assert "巡察轮次" not in frame.columns  # empty optional columns are left out
    assert "Finding" in export_frame(FINDINGS, LEVELS, "en").columns


def test_xlsx_export_keeps_formula_like_text_as_text():
    content = to_xlsx(export_frame(FINDINGS, LEVELS), "问题清单")
    sheet = load_workbook(io.BytesIO(content))["问题清单"]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert sheet.max_row == 3
    assert '=HYPERLINK("http://x","点我")' in [c.value for c in cells]


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","点我")', "+1+2", "@SUM(A1)", "-5 items left"])
def test_csv_export_defuses_cells_that_spreadsheets_would_evaluate(text):
    content = to_csv(export_frame(FINDINGS, LEVELS))
    assert content.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig", dtype=str)
    values = set(frame.fillna("").to_numpy().ravel())
    assert "'" + text in values and text not in values
