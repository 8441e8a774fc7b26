"""The dashboard cards and the planning charts take their KPI words and formats from the KPI catalogue."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from simulation.results.kpi_catalogue import KPIS, label
from simulation.views.panels import CARD_KPIS, KPI_CARDS, kpi_cards
from simulation.views.planning import sweep_png

VALUES = {"wait_mean": 12.34, "wait_p90": 25.0, "share_wait_over_target": 0.31, "served": 1052.0,
          "online_on_time": 0.9, "complaints": 2.0}


def _cards(html: str) -> dict[str, tuple[str, str]]:
    """KPI -> (title, value) of each card."""
    found = re.findall(r"<div style='font-size:11px;color:#495057'>([^<]*)</div>"
                       r"<div class='motcua-kpi-value' data-kpi='(\w+)'[^>]*>([^<]*)<", html)
    return {key: (title, value) for title, key, value in found}


def test_cards_show_the_catalogue_labels_and_formats():
    cards = _cards(kpi_cards(VALUES, lang="en"))
    assert list(cards) == list(CARD_KPIS) and set(CARD_KPIS) <= set(KPIS)
    assert cards["wait_mean"] == ("Wait, mean", "12.3 min")
    assert cards["share_wait_over_target"] == ("Share waiting over target", "31.0%")
    assert cards["served"] == ("Citizens served", "1052")
    assert cards["backlog_end"][1] == "–"


def test_cards_speak_vietnamese_when_asked():
    cards = _cards(kpi_cards(VALUES, lang="vi"))
    assert cards["wait_mean"] == ("Thời gian chờ trung bình", "12,3 phút")
    assert cards["online_on_time"][0] == label("online_on_time", "vi") and cards["online_on_time"][1] == "90,0%"


def test_a_card_beyond_the_service_standard_turns_red():
    html = kpi_cards(VALUES)
    red = re.findall(r"background:#fff5f5'><div[^>]*>[^<]*</div><div class='motcua-kpi-value' data-kpi='(\w+)'", html)
    assert sorted(red) == ["online_on_time", "share_wait_over_target"]   # 31% over target; 90% on time


def test_the_comparison_table_reads_the_same_words():
    from simulation.views.comparison import comparison_html

    assert [k for k, _unit in KPI_CARDS] == list(CARD_KPIS)
    table = pd.DataFrame({"kpi": list(CARD_KPIS), "mean_a": 1.0, "mean_b": 2.0, "difference": 1.0, "low": 0.5,
                          "high": 1.5, "significant": True, "n": 5})
    for lang in ("en", "vi"):
        shown = comparison_html(table, lang=lang)
        assert all(f"<td>{label(k, lang)}</td>" in shown for k in CARD_KPIS), lang
    units = dict(KPI_CARDS)
    assert units["wait_mean"] == "min" and units["online_on_time"] == "pct" and units["served"] == "count"


def test_sweep_chart_refuses_a_kpi_it_cannot_name():
    summary = pd.DataFrame({"kpi": ["wait_mean"] * 2, "staff.counter": [2, 3], "mean": [9.0, 4.0],
                            "low": [8.0, 3.0], "high": [10.0, 5.0]})
    assert sweep_png(summary, "staff.counter", kpis=("wait_mean",))[:4] == b"\x89PNG"
    assert sweep_png(summary, "staff.counter", kpis=("wait_mean",), lang="vi")[:4] == b"\x89PNG"
    with pytest.raises(KeyError, match="'wait_avg' is not a KPI"):
        sweep_png(summary, "staff.counter", kpis=("wait_avg",))
