"""PNG charts of one run (simulation.results.charts)."""
from __future__ import annotations

import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import pytest

from simulation import load_scenario, run
from simulation.results.charts import queue_chart, wait_chart, write_charts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def results():
    scenario = load_scenario("kim-boi").with_values({"days": 3, "warmup_days": 0})
    return run(scenario, seed=2)


def test_write_charts_writes_four_valid_pngs_and_closes_its_figures(results, tmp_path):
    open_before = len(plt.get_fignums())
    paths = write_charts(results, tmp_path / "charts")
    assert [p.name for p in paths] == ["queue_by_hour.png", "wait_distribution.png", "utilisation.png",
                                       "online_outcomes.png"]
    for path in paths:
        assert path.parent == tmp_path / "charts"
        assert path.read_bytes()[:8] == PNG_SIGNATURE
        image = mpimg.imread(path)
        assert image.shape[:2] == (400, 700)  # 7 x 4 inches at 100 dpi
        assert image.std() > 0  # something was drawn
    assert len(plt.get_fignums()) == open_before


def test_queue_chart_draws_one_bar_per_listed_hour(results):
    fig, ax = plt.subplots()
    try:
        queue_chart(results, ax)
        assert len(ax.patches) == len(results.queue_by_hour())
    finally:
        plt.close(fig)


def test_wait_chart_marks_the_target(results):
    fig, ax = plt.subplots()
    try:
        wait_chart(results, ax)
        target = results.scenario.satisfaction.wait_target_min
        assert any(list(line.get_xdata()) == [target, target] for line in ax.get_lines())
    finally:
        plt.close(fig)


def test_write_charts_copes_with_a_quiet_day(tmp_path):
    """No citizen and no dossier: the charts are empty but still written."""
    quiet = load_scenario("kim-boi").with_values(
        {"days": 1, "warmup_days": 0, "demand.walk_in.rate_per_hour": 0.0, "demand.online.per_day": 0.0})
    results = run(quiet, seed=1)
    assert results.visitors.empty and results.dossiers.empty
    paths = write_charts(results, tmp_path)
    assert len(paths) == 4 and all(p.read_bytes()[:8] == PNG_SIGNATURE for p in paths)
