"""Replications, t-based intervals and paired comparisons on common random numbers."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from simulation import load_scenario
from simulation.experiments.replications import (Replication, compare, confidence_interval, paired_differences, replicate,
                                    simulate, summarise)


@pytest.fixture(scope="module")
def mmc():
    return load_scenario("mmc").with_values({"days": 5, "warmup_days": 1})


@pytest.fixture(scope="module")
def rows(mmc):
    return replicate(mmc, 6, seed=11)


def test_interval_is_the_t_interval():
    values = [3.1, 4.7, 2.2, 5.9, 4.0, 3.3]
    mean, low, high, n = confidence_interval(values, 0.9)
    expected = stats.t.interval(0.9, len(values) - 1, loc=np.mean(values), scale=stats.sem(values))
    assert n == 6 and mean == pytest.approx(np.mean(values))
    assert (low, high) == pytest.approx(expected)


def test_interval_leaves_out_nan_and_is_a_point_without_spread():
    assert confidence_interval([2.0, float("nan"), 2.0, 2.0]) == (2.0, 2.0, 2.0, 3)
    mean, low, high, n = confidence_interval([float("nan"), 5.0])
    assert (mean, n) == (5.0, 1) and math.isnan(low) and math.isnan(high)
    assert confidence_interval([])[3] == 0


@pytest.mark.parametrize("confidence", [0, 1, 1.5, -0.1])
def test_interval_refuses_a_confidence_outside_0_1(confidence):
    with pytest.raises(ValueError, match="confidence"):
        confidence_interval([1.0, 2.0], confidence)


def test_replications_are_rows_of_every_kpi(rows):
    assert list(rows["replication"]) == list(range(6))
    assert {"wait_mean", "wait_p90", "online_on_time", "utilisation_counter"} <= set(rows.columns)
    assert rows["walk_in_arrived"].nunique() > 1  # replications see different citizens


def test_a_replication_depends_only_on_seed_and_index(mmc, rows):
    alone = simulate(Replication(mmc, 11, 4))
    assert alone["wait_mean"] == rows.loc[4, "wait_mean"]
    assert alone["walk_in_arrived"] == rows.loc[4, "walk_in_arrived"]


def test_summary_has_one_interval_per_kpi_covering_the_mean(rows):
    summary = summarise(rows).set_index("kpi")
    assert "replication" not in summary.index
    wait = summary.loc["wait_mean"]
    assert wait["n"] == 6 and wait["low"] <= wait["mean"] <= wait["high"]
    assert wait["mean"] == pytest.approx(rows["wait_mean"].mean())


def test_identical_scenarios_differ_by_exactly_zero(mmc):
    table = compare(mmc, mmc, 4, seed=5).set_index("kpi")
    measured = table[table["n"] >= 2]
    assert len(measured) > 10
    assert (measured["difference"] == 0).all()
    assert (measured["low"] == 0).all() and (measured["high"] == 0).all()
    assert not measured["significant"].any()


def test_a_fourth_counter_cuts_the_wait_and_crn_narrows_the_interval(mmc):
    four = mmc.with_values({"staff.counter": 4})
    table = compare(mmc, four, 6, seed=3).set_index("kpi")
    wait = table.loc["wait_mean"]
    assert wait["difference"] < 0 and wait["high"] < 0 and wait["significant"]
    # same citizens on both sides: arrivals do not differ at all
    assert table.loc["walk_in_arrived", "difference"] == 0
    # the paired interval is narrower than the interval of two independent samples (Welch)
    a = replicate(mmc, 6, seed=3)["wait_mean"]
    b = replicate(four, 6, seed=99)["wait_mean"]
    se = math.sqrt(a.var(ddof=1) / 6 + b.var(ddof=1) / 6)
    assert (wait["high"] - wait["low"]) / 2 < stats.t.ppf(0.975, 5) * se


def test_paired_differences_need_matching_replications():
    a = pd.DataFrame({"replication": [0, 1], "x": [1.0, 2.0]})
    b = pd.DataFrame({"replication": [0, 2], "x": [1.0, 2.0]})
    with pytest.raises(ValueError, match="same replications"):
        paired_differences(a, b)


@pytest.mark.parametrize("reps", [0, 1, 2.5, True])
def test_replicate_needs_at_least_two_replications(mmc, reps):
    with pytest.raises(ValueError, match="reps"):
        replicate(mmc, reps)


def test_cli_compare_prints_paired_differences(capsys):
    from motcua.cli import main

    code = main(["sim", "compare", "mmc", "mmc", "--reps", "3", "--days", "4", "--workers", "1"])
    out = capsys.readouterr().out
    assert code == 0 and "paired over 3 replications" in out
    wait = next(line for line in out.splitlines() if line.split()[:1] == ["wait_mean"])
    # difference, interval: exactly zero on common random numbers, formatted, and called so
    assert wait.split()[3:6] == ["+0.0", "[+0.0,", "+0.0]"] and wait.endswith("no difference")
    assert "e-0" not in out


@pytest.mark.parametrize("arguments, message", [
    (["nowhere.yaml", "mmc"], "nowhere.yaml: no such scenario file"),
    (["mmc", "mmc", "--reps", "1"], "--reps 1"),
    (["mmc", "mmc", "--confidence", "95"], "--confidence 95.0"),
    (["mmc", "mmc", "--seed", "-3"], "--seed -3"),
    (["mmc", "mmc", "--days", "1"], "warmup_days = 2: must be less than days (1)"),
])
def test_cli_compare_bad_input_exit_2(arguments, message, capsys):
    from motcua.cli import main

    code = main(["sim", "compare", *arguments, "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err
