"""Complaint rolls drawn up front per citizen and per dossier give complaints distributed as before.

Each citizen and dossier now carries its complaint roll, drawn with its other randomness, instead of
`Results` drawing complaints from a generator after the run (see
tests/simulation/fixtures/complaints_before.py). The counts of one seed changed; their distribution
over seeds must not. The same 100 seeds of the new engine are compared with the committed counts
of the old one: seed by seed (a paired t-test: the same citizens waited the same times, only the
complaint draws differ, so the differences must average zero), and as two samples for the mean
(Welch's t), the spread (Brown-Forsythe) and the whole distribution (Kolmogorov-Smirnov).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from simulation import load_scenario, run

BEFORE = pd.read_csv(Path(__file__).resolve().parents[1] / "fixtures" / "complaints_before.csv")
ALPHA = 0.01  # each test rejects a true "same distribution" once in a hundred scenario/measure pairs
SEEDS = range(1, 101)  # the committed ones


@pytest.fixture(scope="module")
def after(root) -> pd.DataFrame:
    rows = []
    for name in BEFORE["scenario"].unique():
        scenario = load_scenario(root / "scenarios" / name)
        for seed in SEEDS:
            results = run(scenario, seed=seed)
            rows.append({"scenario": name, "seed": seed, "complaints": results.kpis()["complaints"],
                         "visitor_complaints": int(results.visitor_columns["complaint"].sum())})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("measure", ["complaints", "visitor_complaints"])
@pytest.mark.parametrize("name", sorted(BEFORE["scenario"].unique()))
def test_complaints_keep_their_mean_spread_and_distribution(after, name, measure):
    old = BEFORE.loc[BEFORE["scenario"] == name, measure].to_numpy(dtype=float)
    new = after.loc[after["scenario"] == name, measure].to_numpy(dtype=float)
    assert len(old) == len(new) == 100
    assert old.mean() > 1 and new.mean() > 1  # enough complaints for the comparison to mean something
    paired = stats.ttest_rel(old, new)
    mean = stats.ttest_ind(old, new, equal_var=False)
    spread = stats.levene(old, new, center="median")
    shape = stats.ks_2samp(old, new)
    summary = f"{name} {measure}: before {old.mean():.2f} ± {old.std(ddof=1):.2f}, after {new.mean():.2f} ± " \
              f"{new.std(ddof=1):.2f}; p (paired t, Welch, Brown-Forsythe, KS) = {paired.pvalue:.3f}, {mean.pvalue:.3f}, " \
              f"{spread.pvalue:.3f}, {shape.pvalue:.3f}"
    assert min(paired.pvalue, mean.pvalue, spread.pvalue, shape.pvalue) > ALPHA, summary


def test_the_comparison_would_notice_a_doubled_complaint_chance(root):
    """The tests above can fail: complaints drawn with twice the chance are told apart."""
    name = "urban-ward.yaml"
    scenario = load_scenario(root / "scenarios" / name)
    doubled = scenario.with_values({"satisfaction.base": 2 * scenario.satisfaction.base,
                                    "satisfaction.per_min_over_target": 2 * scenario.satisfaction.per_min_over_target,
                                    "satisfaction.late_dossier": min(1.0, 2 * scenario.satisfaction.late_dossier)})
    old = BEFORE.loc[BEFORE["scenario"] == name, "complaints"].to_numpy(dtype=float)
    new = np.array([run(doubled, seed=seed).kpis()["complaints"] for seed in SEEDS[:30]])
    assert stats.ttest_rel(old[:30], new).pvalue < ALPHA
    assert stats.ttest_ind(old, new, equal_var=False).pvalue < ALPHA
