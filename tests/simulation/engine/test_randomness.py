"""Random streams (simulation.engine.randomness): one Generator per source, all from one SeedSequence."""
from __future__ import annotations

import numpy as np
import pytest

from simulation.engine.randomness import STREAMS, Streams, seed_sequence, unit_durations

N = 200_000


def draws(streams: Streams, name: str, n: int = 5) -> np.ndarray:
    return streams[name].random(n)


# -- streams -------------------------------------------------------------------

def test_same_seed_gives_the_same_draws_in_every_stream():
    a, b = Streams(7), Streams(7)
    for name in STREAMS:
        assert np.array_equal(draws(a, name), draws(b, name))


def test_different_seeds_give_different_draws():
    assert not np.array_equal(draws(Streams(7), "service"), draws(Streams(8), "service"))


def test_streams_differ_from_each_other():
    streams = Streams(3)
    firsts = {name: draws(streams, name, 1)[0] for name in STREAMS}
    assert len(set(firsts.values())) == len(STREAMS)


def test_using_one_stream_more_does_not_change_another():
    """Common random numbers: heavy use of 'service' leaves 'walk_in_times' as it was."""
    plain = Streams(11)
    busy = Streams(11)
    busy["service"].standard_normal(10_000)
    busy["patience"].random(333)
    assert np.array_equal(draws(plain, "walk_in_times", 50), draws(busy, "walk_in_times", 50))


def test_streams_from_a_seed_sequence_match_streams_from_its_integer():
    assert np.array_equal(draws(Streams(5), "external"), draws(Streams(np.random.SeedSequence(5)), "external"))


def test_building_streams_twice_from_one_sequence_is_repeatable():
    """spawn() advances a SeedSequence; Streams must not depend on that counter."""
    sequence = seed_sequence(9, 2)
    first = draws(Streams(sequence), "complaints")
    again = draws(Streams(sequence), "complaints")
    assert np.array_equal(first, again)


def test_unknown_stream_name_is_a_key_error():
    with pytest.raises(KeyError, match="nonsense"):
        Streams(1)["nonsense"]


# -- seed_sequence -------------------------------------------------------------

def test_seed_sequence_is_a_pure_function_of_seed_and_replication():
    a, b = seed_sequence(42, 3), seed_sequence(42, 3)
    assert a.entropy == b.entropy and a.spawn_key == b.spawn_key
    assert np.array_equal(a.generate_state(4), b.generate_state(4))


def test_seed_sequence_differs_per_replication():
    states = {tuple(seed_sequence(42, rep).generate_state(4)) for rep in range(20)}
    assert len(states) == 20


def test_replication_streams_do_not_share_draws():
    rep0 = draws(Streams(seed_sequence(42, 0)), "walk_in_times", 20)
    rep1 = draws(Streams(seed_sequence(42, 1)), "walk_in_times", 20)
    assert not np.isin(rep0, rep1).any()


def test_no_stream_of_any_replication_repeats_a_stream_of_another():
    """The plain run and replications 0..4 of one seed: 72 streams, all different."""
    runs = [Streams(42)] + [Streams(seed_sequence(42, rep)) for rep in range(5)]
    firsts = {tuple(draws(streams, name, 3)) for streams in runs for name in STREAMS}
    assert len(firsts) == len(runs) * len(STREAMS)


def test_seed_sequence_without_replication_is_the_seed_itself():
    assert np.array_equal(seed_sequence(42).generate_state(4), np.random.SeedSequence(42).generate_state(4))


def test_seed_sequence_accepts_numpy_integers_and_sequences():
    assert seed_sequence(np.int64(4), 1).spawn_key == seed_sequence(4, 1).spawn_key
    base = np.random.SeedSequence(4)
    assert seed_sequence(base) is base
    assert seed_sequence(base, 2, 5).spawn_key == (2, 5)


@pytest.mark.parametrize("bad", [-1, "a", True, 1.5, None])
def test_bad_seeds_are_refused_naming_the_value(bad):
    with pytest.raises(ValueError, match=f"seed = {repr(bad).replace('.', '[.]')}: must be a non-negative integer"):
        seed_sequence(bad)
    with pytest.raises(ValueError, match="non-negative integer"):
        Streams(bad)


# -- unit_durations ------------------------------------------------------------

@pytest.fixture(scope="module")
def variates():
    rng = np.random.default_rng(2024)
    return rng.standard_exponential(N), rng.standard_normal(N), rng.random(N)


def _assert_mean_and_cv(x: np.ndarray, cv: float) -> None:
    """Mean 1 and variance cv^2 within five standard errors (CLT, delta method)."""
    n = x.size
    mean, var = x.mean(), x.var()
    se_mean = np.sqrt(var / n)
    se_var = np.sqrt((np.mean((x - mean) ** 4) - var**2) / n)
    assert abs(mean - 1.0) < 5 * se_mean + 1e-12
    assert abs(var - cv**2) < 5 * se_var + 1e-12


@pytest.mark.parametrize(
    "dist, cv, expected_cv",
    [
        ("exponential", 0.5, 1.0),  # the exponential family has cv 1 whatever is asked
        ("lognormal", 0.3, 0.3),
        ("lognormal", 0.5, 0.5),
        ("lognormal", 1.2, 1.2),
        ("uniform", 0.2, 0.2),
        ("uniform", 0.5, 0.5),
    ],
)
def test_unit_durations_have_mean_one_and_the_requested_cv(variates, dist, cv, expected_cv):
    x = unit_durations(dist, cv, *variates)
    assert (x > 0).all()
    _assert_mean_and_cv(x, expected_cv)


@pytest.mark.parametrize("dist, cv", [("constant", 0.7), ("lognormal", 0.0), ("uniform", 0.0)])
def test_constant_or_zero_cv_durations_are_all_one(variates, dist, cv):
    assert np.array_equal(unit_durations(dist, cv, *variates), np.ones(N))


def test_uniform_durations_never_go_negative_even_for_a_large_cv(variates):
    """A uniform with mean 1 cannot have a cv above 1/sqrt(3) without negative times: it is capped there."""
    x = unit_durations("uniform", 1.5, *variates)
    assert x.min() >= 0 and x.max() <= 2
    _assert_mean_and_cv(x, 1 / np.sqrt(3))


def test_unit_durations_keep_each_citizen_in_rank_order_across_cvs(variates):
    """Same standard normal, different cv: a citizen slower than another stays slower."""
    low = unit_durations("lognormal", 0.2, *variates)
    high = unit_durations("lognormal", 0.9, *variates)
    assert np.array_equal(np.argsort(low[:1000]), np.argsort(high[:1000]))


def test_unknown_distribution_is_refused_naming_it(variates):
    with pytest.raises(ValueError, match="unknown distribution 'gamma'"):
        unit_durations("gamma", 0.5, *variates)
