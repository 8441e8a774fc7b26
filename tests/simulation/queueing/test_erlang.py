"""Analytic staffing baselines against published values and independent closed forms."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, optimize, stats

import simulation.queueing.erlang as analytics
from simulation.queueing.erlang import (
    erlang_a,
    erlang_b,
    erlang_c,
    erlang_c_mean_wait,
    erlang_c_service_level,
    erlang_c_wait_quantile,
    min_servers_erlang_a,
    min_servers_erlang_c,
    square_root_staffing,
)
from simulation.queueing.time_varying import mol_staffing, offered_load_profile, sipp_staffing


# --------------------------------------------------------------------------- oracles
def erlang_b_factorial(c, a):
    return (a**c / math.factorial(c)) / sum(a**k / math.factorial(k) for k in range(c + 1))


def erlang_c_factorial(c, a):
    """DOMAIN.md closed form, with factorials (fine for small c)."""
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (sum(a**k / math.factorial(k) for k in range(c)) + top)


def erlang_a_pi(c, lam, mu, theta, n_max):
    """Birth-death stationary distribution by the product formula (small cases)."""
    terms = [1.0]
    for n in range(1, n_max + 1):
        terms.append(terms[-1] * lam / (min(n, c) * mu + max(n - c, 0) * theta))
    p = np.array(terms)
    return p / p.sum()


# --------------------------------------------------------------------------- Erlang B
def test_erlang_b_published_table_value():
    assert erlang_b(10, 5.0) == pytest.approx(0.018385, abs=5e-7)


@pytest.mark.parametrize("a", [0.1, 1.0, 2.5, 40.0])
def test_erlang_b_one_server_is_a_over_one_plus_a(a):
    assert erlang_b(1, a) == pytest.approx(a / (1 + a), rel=1e-14)


@pytest.mark.parametrize("c,a", [(1, 0.5), (3, 2.0), (7, 9.5), (15, 12.0), (20, 3.0)])
def test_erlang_b_matches_factorial_formula(c, a):
    assert erlang_b(c, a) == pytest.approx(erlang_b_factorial(c, a), rel=1e-12)


@pytest.mark.parametrize("c,a", [(500, 480.0), (1000, 1100.0), (600, 2.0)])
def test_erlang_b_large_c_matches_log_space_poisson(c, a):
    # B = P(Poisson(a) = c) / P(Poisson(a) <= c), computed independently by scipy.
    log_b = stats.poisson.logpmf(c, a) - stats.poisson.logcdf(c, a)
    assert erlang_b(c, a) == pytest.approx(math.exp(log_b), rel=1e-9)


def test_erlang_b_zero_load_blocks_nobody():
    assert erlang_b(3, 0.0) == 0.0


# --------------------------------------------------------------------------- Erlang C
@pytest.mark.parametrize("c,expected", [(11, 0.6821), (12, 0.4494), (13, 0.2853), (14, 0.1741)])
def test_erlang_c_classic_call_centre(c, expected):
    assert erlang_c(c, 10.0) == pytest.approx(expected, abs=5e-5)


@pytest.mark.parametrize("c,a", [(2, 1.0), (2, 1.9), (4, 3.2), (9, 5.0), (12, 11.5)])
def test_erlang_c_matches_domain_closed_form(c, a):
    assert erlang_c(c, a) == pytest.approx(erlang_c_factorial(c, a), rel=1e-11)


def test_erlang_c_two_servers_closed_form():
    lam, mu = 1.0, 0.8                       # per minute
    rho = lam / (2 * mu)
    p_wait = 2 * rho**2 / (1 + rho)
    assert erlang_c(2, lam / mu) == pytest.approx(p_wait, rel=1e-12)
    assert erlang_c_mean_wait(2, lam, mu) == pytest.approx(p_wait / (2 * mu - lam), rel=1e-12)


@pytest.mark.parametrize("lam,mu", [(0.3, 1.0), (2.0, 2.5), (0.99, 1.0)])
def test_mm1_closed_forms(lam, mu):
    rho = lam / mu
    assert erlang_c(1, rho) == pytest.approx(rho, rel=1e-12)
    assert erlang_c_mean_wait(1, lam, mu) == pytest.approx(rho / (mu - lam), rel=1e-10)
    t = 1.7
    assert erlang_c_service_level(1, lam, mu, t) == pytest.approx(
        1 - rho * math.exp(-(mu - lam) * t), rel=1e-12)


def test_service_level_formula_against_factorial_oracle():
    c, lam, mu, t = 3, 2.0, 1.0, 0.25        # AHT 1 time unit, so (c - A) t / AHT = (c mu - lam) t
    expected = 1 - erlang_c_factorial(c, lam / mu) * math.exp(-(c - lam / mu) * t * mu)
    assert erlang_c_service_level(c, lam, mu, t) == pytest.approx(expected, rel=1e-12)
    assert erlang_c_service_level(c, lam, mu, 0.0) == pytest.approx(1 - erlang_c(c, 2.0))


def test_unstable_erlang_c():
    assert erlang_c(3, 3.0) == 1.0
    assert erlang_c(3, 7.0) == 1.0
    assert erlang_c_mean_wait(3, 3.0, 1.0) == math.inf
    assert erlang_c_service_level(3, 4.0, 1.0, 100.0) == 0.0
    assert erlang_c_wait_quantile(3, 4.0, 1.0, 0.9) == math.inf


@pytest.mark.parametrize("q", [0.5, 0.8, 0.9, 0.99])
def test_wait_quantile_inverts_service_level(q):
    c, lam, mu = 12, 10.0, 1.0
    t = erlang_c_wait_quantile(c, lam, mu, q)
    if erlang_c(c, lam / mu) <= 1 - q:
        assert t == 0.0
    else:
        assert t > 0
        assert erlang_c_service_level(c, lam, mu, t) == pytest.approx(q, rel=1e-12)


def test_wait_quantile_is_zero_when_few_wait():
    assert erlang_c(14, 10.0) < 0.2
    assert erlang_c_wait_quantile(14, 10.0, 1.0, 0.8) == 0.0
    assert erlang_c_wait_quantile(14, 10.0, 1.0, 0.9) > 0.0


def test_zero_arrivals_wait_nothing():
    assert erlang_c_mean_wait(2, 0.0, 1.0) == 0.0
    assert erlang_c_service_level(2, 0.0, 1.0, 0.0) == 1.0


# --------------------------------------------------------------------------- Erlang A
@pytest.mark.parametrize("c,lam,mu", [(1, 0.5, 1.0), (3, 2.0, 1.0), (12, 10.0, 1.0), (4, 3.9, 1.0)])
def test_erlang_a_tiny_patience_is_erlang_c(c, lam, mu):
    r = erlang_a(c, lam, mu, 1e-9 * mu, target_wait=0.3)
    assert r.p_wait == pytest.approx(erlang_c(c, lam / mu), rel=1e-6)
    assert r.mean_wait == pytest.approx(erlang_c_mean_wait(c, lam, mu), rel=1e-6)
    assert r.service_level == pytest.approx(erlang_c_service_level(c, lam, mu, 0.3), rel=1e-6)
    assert r.p_abandon < 1e-6


def test_erlang_a_zero_patience_rate_is_erlang_c_exactly():
    r = erlang_a(3, 2.0, 1.0, 0.0, target_wait=1.0)
    assert r.p_wait == erlang_c(3, 2.0)
    assert r.mean_wait == erlang_c_mean_wait(3, 2.0, 1.0)
    assert r.service_level == erlang_c_service_level(3, 2.0, 1.0, 1.0)
    assert r.p_abandon == 0.0
    assert erlang_a(3, 4.0, 1.0, 0.0).mean_wait == math.inf


@pytest.mark.parametrize("c,a", [(1, 0.5), (3, 2.0), (5, 8.0), (20, 18.0)])
def test_erlang_a_patience_equal_service_rate_is_poisson(c, a):
    # theta = mu: death rate n mu in every state, so N ~ Poisson(A) (M/M/inf).
    mu = 0.5
    r = erlang_a(c, a * mu, mu, mu)
    n = np.arange(0, int(a + 40 * math.sqrt(a) + 60))
    pmf = stats.poisson.pmf(n, a)
    excess = float(np.dot(np.maximum(n - c, 0), pmf))
    assert r.p_wait == pytest.approx(stats.poisson.sf(c - 1, a), rel=1e-9)
    assert r.p_abandon == pytest.approx(excess / a, rel=1e-9)
    assert r.mean_queue == pytest.approx(excess, rel=1e-9)


def test_erlang_a_matches_product_formula():
    c, lam, mu, theta = 2, 3.0, 1.0, 0.7
    p = erlang_a_pi(c, lam, mu, theta, 200)
    n = np.arange(p.size)
    queue = float(np.dot(np.maximum(n - c, 0), p))
    r = erlang_a(c, lam, mu, theta)
    assert r.p_wait == pytest.approx(p[c:].sum(), rel=1e-10)
    assert r.mean_queue == pytest.approx(queue, rel=1e-10)
    assert r.p_abandon == pytest.approx(theta * queue / lam, rel=1e-10)
    assert r.mean_wait == pytest.approx(queue / lam, rel=1e-10)


@pytest.mark.parametrize("c,lam,mu,theta", [(5, 10.0, 1.0, 0.2), (500, 600.0, 1.0, 0.05), (1, 50.0, 1.0, 2.0)])
def test_erlang_a_overloaded_is_finite_and_balances_flow(c, lam, mu, theta):
    r = erlang_a(c, lam, mu, theta)
    assert all(math.isfinite(x) for x in (r.p_wait, r.p_abandon, r.mean_wait, r.mean_queue))
    assert 0 < r.p_abandon < 1 and r.utilisation <= 1.0
    # served flow = busy servers x mu
    assert lam * (1 - r.p_abandon) == pytest.approx(r.utilisation * c * mu, rel=1e-9)
    # at heavy overload the abandonment must absorb at least the excess load
    assert r.p_abandon >= 1 - c * mu / lam - 1e-9


def test_erlang_a_service_level_against_monte_carlo_of_tagged_citizen():
    # Independent oracle: state at arrival from the product formula, then simulate
    # the tagged citizen's climb to the head of the queue (those ahead leave at
    # c mu + k theta) against her own exponential patience.
    c, lam, mu, theta, t = 2, 2.4, 1.0, 0.5, 0.8
    p = erlang_a_pi(c, lam, mu, theta, 150)
    rng = np.random.default_rng(20261127)
    size = 200_000
    state = rng.choice(p.size, size=size, p=p)
    ahead = np.maximum(state - c + 1, 0)          # moves needed: k ahead + the last one
    wait = np.zeros(size)
    for j in range(1, ahead.max() + 1):
        rate = c * mu + (ahead - j) * theta      # k = ahead - j customers still ahead
        step = rng.exponential(1.0, size) / np.maximum(rate, 1e-300)
        wait += np.where(ahead >= j, step, 0.0)
    patience = rng.exponential(1 / theta, size)
    estimate = np.mean((wait <= t) & (patience > wait))
    exact = erlang_a(c, lam, mu, theta, target_wait=t).service_level
    assert abs(estimate - exact) < 4.5 * math.sqrt(exact * (1 - exact) / size)


@settings(max_examples=40, deadline=None)
@given(c=st.integers(1, 30), load=st.floats(0.1, 2.0), theta=st.floats(0.01, 3.0))
def test_erlang_a_improves_with_more_servers(c, load, theta):
    lam, mu, t = load * c, 1.0, 0.5
    r1 = erlang_a(c, lam, mu, theta, target_wait=t)
    r2 = erlang_a(c + 1, lam, mu, theta, target_wait=t)
    assert r2.p_wait <= r1.p_wait + 1e-12
    assert r2.p_abandon <= r1.p_abandon + 1e-12
    assert r2.mean_wait <= r1.mean_wait + 1e-12
    assert r2.service_level >= r1.service_level - 1e-9


# --------------------------------------------------------------------------- staffing
TARGETS = [
    {"max_p_wait": 0.2},
    {"max_mean_wait": 0.05},
    {"target_wait": 20 / 180, "service_level": 0.8},
    {"wait_quantile": (0.9, 0.1)},
    {"max_p_wait": 0.5, "max_mean_wait": 0.02},
]


def meets_c(c, lam, mu, targets):
    if lam >= c * mu:
        return False
    ok = True
    if "max_p_wait" in targets:
        ok &= erlang_c(c, lam / mu) <= targets["max_p_wait"]
    if "max_mean_wait" in targets:
        ok &= erlang_c_mean_wait(c, lam, mu) <= targets["max_mean_wait"]
    if "target_wait" in targets:
        ok &= erlang_c_service_level(c, lam, mu, targets["target_wait"]) >= targets["service_level"]
    if "wait_quantile" in targets:
        q, t = targets["wait_quantile"]
        ok &= erlang_c_wait_quantile(c, lam, mu, q) <= t
    return ok


@settings(max_examples=60, deadline=None)
@given(lam=st.floats(0.05, 300.0), mu=st.floats(0.2, 5.0), which=st.integers(0, len(TARGETS) - 1))
def test_min_servers_erlang_c_is_smallest(lam, mu, which):
    targets = TARGETS[which]
    c = min_servers_erlang_c(lam, mu, **targets)
    assert meets_c(c, lam, mu, targets)
    assert c == 1 or not meets_c(c - 1, lam, mu, targets)


def test_min_servers_erlang_c_classic_example():
    # A = 10 Erlang, P(wait) <= 0.2: the published table says c = 14 (0.1741; c = 13 gives 0.2853).
    assert min_servers_erlang_c(10.0, 1.0, max_p_wait=0.2) == 14


def test_min_servers_without_targets_is_smallest_stable():
    assert min_servers_erlang_c(4.0, 1.0) == 5
    assert min_servers_erlang_c(3.5, 1.0) == 4
    assert min_servers_erlang_c(0.0, 1.0, max_p_wait=0.1) == 0


@settings(max_examples=25, deadline=None)
@given(lam=st.floats(0.1, 30.0), theta=st.floats(0.05, 2.0),
       which=st.sampled_from(["max_abandon", "max_mean_wait", "max_p_wait", "sl"]))
def test_min_servers_erlang_a_is_smallest(lam, theta, which):
    mu = 1.0
    targets = {"max_abandon": {"max_abandon": 0.03}, "max_mean_wait": {"max_mean_wait": 0.1},
               "max_p_wait": {"max_p_wait": 0.3},
               "sl": {"target_wait": 0.2, "service_level": 0.85}}[which]

    def meets(c):
        r = erlang_a(c, lam, mu, theta, target_wait=targets.get("target_wait"))
        return {"max_abandon": r.p_abandon <= 0.03, "max_mean_wait": r.mean_wait <= 0.1,
                "max_p_wait": r.p_wait <= 0.3, "sl": (r.service_level or 0) >= 0.85}[which]

    c = min_servers_erlang_a(lam, mu, theta, **targets)
    assert meets(c)
    assert c == 1 or not meets(c - 1)


def test_min_servers_erlang_a_with_tiny_patience_is_erlang_c():
    for lam in (0.7, 4.0, 23.0):
        assert min_servers_erlang_a(lam, 1.0, 1e-9, max_p_wait=0.2, max_mean_wait=0.1) == \
            min_servers_erlang_c(lam, 1.0, max_p_wait=0.2, max_mean_wait=0.1)


def test_erlang_a_needs_fewer_servers_than_erlang_c():
    # Abandonment relieves the queue, so the same wait target needs no more officers.
    assert min_servers_erlang_a(10.0, 1.0, 1.0, max_mean_wait=0.05) <= \
        min_servers_erlang_c(10.0, 1.0, max_mean_wait=0.05)
    assert min_servers_erlang_a(10.0, 1.0, 0.0) == 11          # theta = 0: must be stable


def test_square_root_staffing_formula():
    assert square_root_staffing(100.0, 1.0) == 110
    assert square_root_staffing(4.0, 0.5) == 5
    assert 26.01 + 4.9 * math.sqrt(26.01) > 51                # float drift above an exact 51 ...
    assert square_root_staffing(26.01, 4.9) == 51              # ... must not add an officer
    assert square_root_staffing(0.16, 4.6) == 2
    assert square_root_staffing(2.0, 1.0) == math.ceil(2 + math.sqrt(2))
    assert square_root_staffing(0.0, 2.0) == 0


@pytest.mark.parametrize("alpha", [0.5, 0.2, 0.05])
def test_square_root_staffing_close_to_exact_at_large_load(alpha):
    # Halfin-Whitt: P(wait) -> [1 + beta Phi(beta) / phi(beta)]^-1.
    beta = optimize.brentq(
        lambda b: 1 / (1 + b * stats.norm.cdf(b) / stats.norm.pdf(b)) - alpha, 1e-6, 10)
    a = 400.0
    exact = min_servers_erlang_c(a, 1.0, max_p_wait=alpha)
    assert abs(square_root_staffing(a, beta) - exact) <= 1


# --------------------------------------------------------------------------- time-varying demand
def test_sipp_with_constant_rates_is_stationary():
    rates, mu = [0.2] * 6, 1 / 12
    expected = min_servers_erlang_c(0.2, mu, target_wait=10.0, service_level=0.8)
    assert sipp_staffing(rates, mu, period_length=30.0, target_wait=10.0, service_level=0.8) == \
        [expected] * 6


def test_mol_with_constant_rates_equals_sipp():
    rates, mu = [0.25] * 8, 1 / 45
    kwargs = dict(period_length=30.0, max_mean_wait=5.0)
    assert mol_staffing(rates, mu, **kwargs) == sipp_staffing(rates, mu, **kwargs)
    assert offered_load_profile(rates, mu, 30.0) == pytest.approx([0.25 * 45] * 8, rel=1e-12)


def test_mol_load_matches_numerical_ode():
    rates, mu, length = [0.1, 0.3, 0.05, 0.4], 1 / 40, 30.0
    profile = offered_load_profile(rates, mu, length, initial_load=0.0)

    def rhs(t, m):
        return [rates[min(int(t // length), len(rates) - 1)] - mu * m[0]]

    for i in range(len(rates)):
        ends = []
        for t_end in (i * length, (i + 1) * length):
            sol = integrate.solve_ivp(rhs, (0, t_end), [0.0], rtol=1e-10, atol=1e-12, max_step=1.0) \
                if t_end > 0 else None
            ends.append(0.0 if sol is None else sol.y[0, -1])
        assert profile[i] == pytest.approx(max(ends), rel=1e-6, abs=1e-9)


def test_mol_lags_sipp_after_step_up_and_down():
    # Long services (mean 60 min) in 30-minute periods: 3 -> 12 -> 3 Erlang.
    rates, mu = [0.05] * 4 + [0.2] * 4 + [0.05] * 4, 1 / 60
    kwargs = dict(period_length=30.0, max_p_wait=0.2)
    sipp, mol = sipp_staffing(rates, mu, **kwargs), mol_staffing(rates, mu, **kwargs)
    assert mol[4] < sipp[4]                       # demand just rose: MOL still low
    assert mol[8] > sipp[8]                       # demand just fell: offices still full
    assert mol[:4] == sipp[:4]
    assert all(m <= s for m, s in zip(mol[4:8], sipp[4:8]))


def test_mol_with_short_service_tracks_sipp():
    rates, mu = [0.05] * 3 + [0.2] * 3, 1 / 2    # 2-minute services, 60-minute periods
    kwargs = dict(period_length=60.0, max_p_wait=0.2)
    sipp, mol = sipp_staffing(rates, mu, **kwargs), mol_staffing(rates, mu, **kwargs)
    # only the step period may differ (it still holds the tail of the low period)
    assert [m for i, m in enumerate(mol) if i != 3] == [s for i, s in enumerate(sipp) if i != 3]
    assert mol[3] == sipp[3]                      # m(t) reaches the new level within the period


def test_mol_empty_office_at_opening():
    rates, mu = [0.2, 0.2], 1 / 60
    opened_empty = offered_load_profile(rates, mu, 30.0, initial_load=0.0)
    assert opened_empty[0] == pytest.approx(12 * (1 - math.exp(-0.5)), rel=1e-12)
    assert opened_empty[0] < opened_empty[1] < 12


# --------------------------------------------------------------------------- bad inputs
BAD = [
    (erlang_b, (0, 1.0), {}, "servers"),
    (erlang_b, (2.5, 1.0), {}, "servers"),
    (erlang_b, (True, 1.0), {}, "servers"),
    (erlang_b, (2, -1.0), {}, "offered_load"),
    (erlang_c, (2, math.nan), {}, "offered_load"),
    (erlang_c_mean_wait, (2, -0.1, 1.0), {}, "arrival_rate"),
    (erlang_c_mean_wait, (2, 1.0, 0.0), {}, "service_rate"),
    (erlang_c_service_level, (2, 1.0, 1.0, -1.0), {}, "target_wait"),
    (erlang_c_wait_quantile, (2, 1.0, 1.0, 1.0), {}, "q"),
    (erlang_a, (2, 1.0, 1.0, -0.5), {}, "patience_rate"),
    (erlang_a, (-1, 1.0, 1.0, 0.5), {}, "servers"),
    (square_root_staffing, (-4.0, 1.0), {}, "offered_load"),
    (square_root_staffing, (4.0, math.inf), {}, "beta"),
    (min_servers_erlang_c, (1.0, 1.0), {"max_p_wait": 0.0}, "max_p_wait"),
    (min_servers_erlang_c, (1.0, 1.0), {"target_wait": 1.0}, "target_wait"),
    (min_servers_erlang_c, (1.0, 1.0), {"target_wait": 1.0, "service_level": 1.0}, "service_level"),
    (min_servers_erlang_c, (1.0, 1.0), {"wait_quantile": (1.0, 3.0)}, r"wait_quantile\[0\]"),
    (min_servers_erlang_c, (1.0, 1.0), {"wait_quantile": 0.9}, "wait_quantile"),
    (min_servers_erlang_c, (1.0, 1.0), {"max_mean_wait": 0.0}, "max_mean_wait"),
    (min_servers_erlang_a, (1.0, 1.0, 0.1), {"max_abandon": 1.5}, "max_abandon"),
    (sipp_staffing, ([0.1, -0.2], 1.0), {"period_length": 30.0}, r"arrival_rates\[1\]"),
    (sipp_staffing, ([], 1.0), {"period_length": 30.0}, "arrival_rates"),
    (mol_staffing, ([0.1], 1.0), {"period_length": 0.0}, "period_length"),
    (mol_staffing, ([0.1], 1.0), {"period_length": 1.0, "initial_load": -1.0}, "initial_load"),
    (offered_load_profile, ([0.1], 1.0, 1.0, "fluid"), {}, "method"),
]


@pytest.mark.parametrize("func,args,kwargs,name", BAD, ids=[f"{b[0].__name__}-{b[3]}" for b in BAD])
def test_bad_inputs_name_the_argument(func, args, kwargs, name):
    with pytest.raises(ValueError, match=name):
        func(*args, **kwargs)


def test_unknown_target_is_refused():
    with pytest.raises(TypeError, match="max_wiat"):
        sipp_staffing([0.1], 1.0, period_length=1.0, max_wiat=3.0)


@pytest.mark.parametrize("module", ["erlang", "time_varying", "arguments"])
def test_public_surface(module):
    import importlib
    formulas = importlib.import_module(f"simulation.queueing.{module}")
    defined_here = [name for name, value in vars(formulas).items() if not name.startswith("_")
                    and getattr(value, "__module__", None) == formulas.__name__]
    assert sorted(formulas.__all__) == sorted(defined_here)


def test_rates_accept_numpy_and_pandas():
    import pandas as pd
    rates = [0.1, 0.3, 0.2]
    expected = mol_staffing(rates, 1 / 30, period_length=30.0, max_p_wait=0.3)
    assert mol_staffing(np.array(rates), 1 / 30, period_length=30.0, max_p_wait=0.3) == expected
    assert mol_staffing(pd.Series(rates), 1 / 30, period_length=30.0, max_p_wait=0.3) == expected
    with pytest.raises(ValueError, match="arrival_rates"):
        sipp_staffing("0.1", 1.0, period_length=1.0)
