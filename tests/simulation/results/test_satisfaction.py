"""Who complains (simulation.results.satisfaction): chances drawn from what citizens lived through."""
from __future__ import annotations

from types import SimpleNamespace as NS

import numpy as np
import pandas as pd
import pytest

from simulation.results.satisfaction import dossier_complaints, visitor_complaints


def _columns(frame):
    return frame["time_in_line_min"], frame["outcome"]

N = 20_000  # citizens per situation
Z = 5.0
CONFIG = NS(wait_target_min=15.0, base=0.02, per_min_over_target=0.01, late_dossier=0.3)


def crowd(outcome: str, time_in_line: float, n: int = N) -> pd.DataFrame:
    return pd.DataFrame({"outcome": [outcome] * n, "time_in_line_min": [time_in_line] * n})


def rolls(n: int, seed: int) -> np.ndarray:
    """Complaint rolls as the engine draws them: uniform in [0, 1), one per record."""
    return np.random.default_rng(seed).random(n)


def complaint_rate(frame: pd.DataFrame, config=CONFIG, seed: int = 1) -> float:
    return float(visitor_complaints(*_columns(frame), config, rolls(len(frame), seed)).mean())


def assert_rate(rate: float, p: float, n: int = N) -> None:
    assert abs(rate - p) <= Z * np.sqrt(p * (1 - p) / n) + 1e-12, (rate, p)


def chance(effective_wait: float, config=CONFIG) -> float:
    return min(1.0, config.base + config.per_min_over_target * max(effective_wait - config.wait_target_min, 0.0))


@pytest.mark.parametrize("waited", [0.0, 15.0, 25.0, 60.0])
def test_served_citizens_complain_with_the_chance_of_their_wait(waited):
    assert_rate(complaint_rate(crowd("served", waited)), chance(waited))


def test_complaints_rise_with_waiting_time():
    rates = [complaint_rate(crowd("served", w), seed=3) for w in (10, 30, 50, 70, 90)]
    assert all(b > a for a, b in zip(rates, rates[1:]))


def test_citizens_who_gave_up_count_their_time_in_line_plus_the_target():
    for outcome in ("reneged", "unserved"):
        assert_rate(complaint_rate(crowd(outcome, 20.0)), chance(20.0 + 15.0))


def test_citizens_who_balked_count_as_twice_the_target():
    assert_rate(complaint_rate(crowd("balked", 0.0)), chance(2 * 15.0))


def test_giving_up_is_worse_than_being_served_after_the_same_wait():
    assert complaint_rate(crowd("reneged", 40.0), seed=2) > complaint_rate(crowd("served", 40.0), seed=2)


def test_missing_time_in_line_counts_as_no_wait():
    assert_rate(complaint_rate(crowd("served", float("nan"))), CONFIG.base)


def test_the_chance_is_capped_at_one_and_zero_without_complaints():
    certain = NS(wait_target_min=15.0, base=0.5, per_min_over_target=1.0, late_dossier=0.0)
    assert visitor_complaints(*_columns(crowd("served", 100.0, 100)), certain, rolls(100, 1)).all()
    never = NS(wait_target_min=15.0, base=0.0, per_min_over_target=0.0, late_dossier=0.0)
    assert not visitor_complaints(*_columns(crowd("reneged", 500.0, 100)), never, rolls(100, 1)).any()


def test_visitor_complaints_are_one_boolean_per_citizen_and_repeatable():
    frame = pd.concat([crowd("served", 30.0, 50), crowd("balked", 0.0, 50)], ignore_index=True)
    a = visitor_complaints(*_columns(frame), CONFIG, rolls(len(frame), 9))
    b = visitor_complaints(*_columns(frame), CONFIG, rolls(len(frame), 9))
    assert a.dtype == bool and a.shape == (100,) and np.array_equal(a, b)


def test_only_late_dossiers_bring_complaints_at_the_configured_rate():
    outcomes = ["late"] * N + ["on_time"] * N + ["early"] * N + ["backlog"] * N
    complaints = dossier_complaints(outcomes, CONFIG, rolls(len(outcomes), 4))
    assert complaints.shape == (4 * N,)
    assert not complaints[N:].any()
    assert_rate(complaints[:N].mean(), CONFIG.late_dossier)
