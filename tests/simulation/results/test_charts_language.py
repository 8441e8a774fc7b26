"""The run charts speak the reader's language and draw every Vietnamese letter."""
from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import pytest

from exercises.untranslated import english_leftovers
from simulation import load_scenario, run
from simulation.i18n import use_language
from simulation.rendering import chart_style
from simulation.results.charts import outcome_chart, queue_chart, utilisation_chart, wait_chart, write_charts

DRAW = (queue_chart, wait_chart, utilisation_chart, outcome_chart)


@pytest.fixture(scope="module")
def results():
    return run(load_scenario("kim-boi").with_values({"days": 3, "demand.walk_in_scale": 2.0}), seed=2)


def _texts(results, lang: str) -> list[str]:
    """Every title, axis label, legend entry and category tick label of the four charts drawn in `lang`."""
    texts = []
    with use_language(lang), plt.rc_context(chart_style()):
        for draw in DRAW:
            fig, ax = plt.subplots()
            try:
                draw(results, ax)
                fig.canvas.draw()
                texts += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
                legend = ax.get_legend()
                texts += [t.get_text() for t in legend.get_texts()] if legend else []
                if draw is outcome_chart:
                    texts += [t.get_text() for t in ax.get_xticklabels()]
            finally:
                plt.close(fig)
    return [t for t in texts if t]


def test_vietnamese_charts_have_no_english_words(results):
    vi = _texts(results, "vi")
    assert {"Hàng chờ theo giờ", "Mức độ bận của công chức", "Hồ sơ so với thời hạn giải quyết theo quy định"} <= set(vi)
    assert "trước hạn" in vi and "mục tiêu 15 phút" in vi
    assert not [t for t in vi if english_leftovers(t)], vi


def test_english_charts_keep_their_words(results):
    en = _texts(results, "en")
    assert {"Ticket line by hour", "Staff utilisation", "Dossiers against their legal deadline", "early",
            "target 15 min", "counter"} <= set(en)


def test_vietnamese_charts_are_written_without_a_missing_glyph(results, tmp_path):
    with use_language("vi"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        paths = write_charts(results, tmp_path)
    assert len(paths) == 4 and all(p.read_bytes()[:4] == b"\x89PNG" for p in paths)
    missing = [str(w.message) for w in caught if "Glyph" in str(w.message) and "missing" in str(w.message)]
    assert not missing, missing
