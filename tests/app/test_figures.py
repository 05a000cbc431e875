"""The pages' charts are built once per what their table was computed from and language
(web/figures.py), so a rerun draws the same figure without building it again."""

import pandas as pd
import pytest

from rectification import charts
from rectification.web import figures


@pytest.fixture
def built(monkeypatch):
    """The tables and languages the ageing chart was built for, in order."""
    calls = []
    real = charts.ageing_chart

    def ageing_chart(table, lang):
        calls.append((table["count"].tolist(), lang))
        return real(table, lang)

    ageing_chart.__name__ = "ageing_chart"
    monkeypatch.setattr(charts, "ageing_chart", ageing_chart)
    figures._figure.clear()
    yield calls
    figures._figure.clear()


AGEING = pd.DataFrame({"bucket": ["1_30", "31_90", "over_90"], "count": [2, 1, 0]})
OTHER = pd.DataFrame({"bucket": ["1_30", "31_90", "over_90"], "count": [5, 0, 0]})


def test_the_same_key_and_language_give_the_figure_built_before(built):
    first = figures.kept(charts.ageing_chart, AGEING, "zh", of=("digest-1", ()))
    again = figures.kept(charts.ageing_chart, AGEING, "zh", of=("digest-1", ()))
    assert again is first
    assert built == [([2, 1, 0], "zh")]


@pytest.mark.parametrize(
    ("table", "lang", "of"),
    [
        (AGEING, "en", ("digest-1", ())),
        (OTHER, "zh", ("digest-2", ())),
        (OTHER, "zh", ("digest-1", ("办公室",))),
    ],
    ids=["another language", "another version", "other filters"],
)
def test_another_language_version_or_filter_builds_its_own(built, table, lang, of):
    figures.kept(charts.ageing_chart, AGEING, "zh", of=("digest-1", ()))
    figure = figures.kept(charts.ageing_chart, table, lang, of=of)
    assert len(built) == 2
    assert list(figure.data[0].y) == table["count"].tolist()
