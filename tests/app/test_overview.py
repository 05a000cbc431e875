"""The dashboard opens on the shipped sample and shows its figures."""

from streamlit.testing.v1 import AppTest


def test_overview_shows_the_sample_totals():
    at = AppTest.from_file("../../dashboard.py", default_timeout=30).run()
    assert not at.exception
    figures = {m.label: m.value for m in at.metric}
    assert figures["问题总数"] == "30"
    assert figures["逾期"] == "2"
