"""One check per experiment option, shared by the library and the command line."""
from __future__ import annotations

import numpy as np
import pytest

from simulation.errors import OptionError, PlanError, SweepError
from simulation.experiments.options import check_confidence, check_reps, check_seed, check_workers


@pytest.mark.parametrize("reps", [1, 0, -2, 2.0, "30", True, None])
def test_reps_must_be_a_whole_number_of_at_least_two(reps):
    with pytest.raises(OptionError, match=r"^reps = .*: need at least 2 replications for a confidence interval$"):
        check_reps(reps)


def test_reps_accepts_numpy_integers_and_a_sweep_may_ask_for_one():
    assert check_reps(np.int64(3)) == 3 and type(check_reps(np.int64(3))) is int
    assert check_reps(1, least=1, error=SweepError) == 1
    with pytest.raises(SweepError, match=r"^reps = 0: must be a whole number of at least 1$"):
        check_reps(0, least=1, error=SweepError)


def test_an_option_is_shown_as_typed():
    with pytest.raises(PlanError, match=r"^--reps 1: need at least 2"):
        check_reps(1, name="--reps", error=PlanError)
    with pytest.raises(OptionError, match=r"^--confidence 95.0: must be strictly between 0 and 1"):
        check_confidence(95.0, name="--confidence")
    with pytest.raises(OptionError, match=r"^--seed -3: must be a whole number of at least 0$"):
        check_seed(-3, name="--seed")
    with pytest.raises(OptionError, match=r"^workers = 0: must be at least 1$"):
        check_workers(0)


@pytest.mark.parametrize("level", [0, 1, 1.5, -0.1, "0.95", True, float("nan")])
def test_confidence_must_be_strictly_between_zero_and_one(level):
    with pytest.raises(OptionError, match="strictly between 0 and 1"):
        check_confidence(level)


def test_good_options_pass_through():
    assert (check_reps(30), check_seed(0), check_confidence(0.9), check_workers(2)) == (30, 0, 0.9, 2)


def test_the_library_uses_the_same_checks():
    from simulation import load_scenario, replicate
    from simulation.experiments.planner import Planner
    from simulation.experiments.replications import confidence_interval
    from simulation.experiments.targets import parse_target

    scenario = load_scenario("mmc")
    with pytest.raises(OptionError, match=r"^reps = 1: need at least 2"):
        replicate(scenario, 1)
    with pytest.raises(PlanError, match=r"^reps = 1: need at least 2"):
        Planner(scenario, [parse_target("wait_mean <= 5")], reps=1)
    with pytest.raises(OptionError, match=r"^confidence = 2: must be strictly between"):
        confidence_interval([1.0, 2.0], confidence=2)
