"""An audit ledger (审计整改) through the pages: its amounts are summed on the overview and per
department, beside the counts (issue 11)."""

import pytest

from tests.app.conftest import app_on_sample
from tests.core.test_export import AUDIT_ROWS
from tests.workbooks import xlsx


@pytest.fixture
def audit_app(tmp_path, monkeypatch):
    return app_on_sample(tmp_path, monkeypatch, xlsx({"台账": AUDIT_ROWS}), "audit.xlsx")


def test_the_overview_sums_the_amounts_an_audit_ledger_states(audit_app):
    at = audit_app.run()
    assert not at.exception, at.exception
    said = [m.value for m in at.markdown if "涉及金额" in m.value]
    assert said == ["涉及金额1,242.50万元，已整改312.50万元，占25.2%。"]


def test_the_departments_table_sums_each_departments_amounts(audit_app):
    at = audit_app.run()
    at.switch_page("pages/departments.py").run()
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if "涉及金额（万元）" in d.value.columns).set_index("责任部门")
    assert table.loc["财务科", ["涉及金额（万元）", "已整改金额（万元）"]].tolist() == [1242.5, 312.5]
    assert table.loc["办公室", ["涉及金额（万元）", "已整改金额（万元）"]].tolist() == [0.0, 0.0]


def test_an_items_detail_shows_its_deadline_as_written_beside_the_date_read(audit_app):
    at = audit_app
    at.query_params["item"] = "2"
    at.run()
    at.switch_page("pages/items.py").run()
    assert not at.exception, at.exception
    facts = [m.value for m in at.markdown if "时限" in m.value or "金额" in m.value]
    assert any("2024\\-12\\-31" in f and "整改时限" in f for f in facts), facts
    assert any("时限原文" in f and "2024\\.3\\.31（阶段性）2024\\.12\\.31（全面）" in f for f in facts), facts
    assert any("阶段性时限" in f and "2024\\-03\\-31" in f for f in facts), facts
    assert any("涉及金额" in f and "1230" in f for f in facts), facts
