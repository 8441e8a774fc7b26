"""Analytic staffing baselines: how many officers would queueing theory put at the desk?

A commune one-stop centre is, to a first approximation, a row of ``c`` officers
serving one queue of citizens.  When arrivals are Poisson (rate ``arrival_rate``,
lambda) and handling times exponential (rate ``service_rate``, mu) the classic
formulas answer "how long do people wait with c officers?" exactly:

* Erlang B (``erlang_b``): the loss system, no waiting room.
* Erlang C (``erlang_c`` and friends, M/M/c): everybody waits as long as needed.
  Only meaningful when the offered load ``A = lambda / mu`` is below ``c``.
* Erlang A (``erlang_a``, M/M/c+M): citizens give up after an exponential
  patience with rate ``patience_rate`` (theta); finite at any load.

Units: ``arrival_rate``, ``service_rate`` and ``patience_rate`` must use the same
time unit (per minute or per hour); every time returned (mean wait, quantiles)
and every ``target_wait`` / ``period_length`` is in that unit.  Offered load
``A = arrival_rate / service_rate`` is in Erlang.  All numerics use the Erlang B
recursion or log-space sums, never factorials, so c in the thousands is fine.

Demand that changes through the day (SIPP, MOL) is in `simulation.queueing.time_varying`.

Square-root staffing (``square_root_staffing``) is noticeably off at commune
scale (A around 1-5); use ``min_servers_erlang_c`` / ``min_servers_erlang_a``.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import expm_multiply

from .arguments import check_probability, check_real, check_servers

__all__ = [
    "ErlangA",
    "erlang_a",
    "erlang_b",
    "erlang_c",
    "erlang_c_mean_wait",
    "erlang_c_service_level",
    "erlang_c_wait_quantile",
    "min_servers_erlang_a",
    "min_servers_erlang_c",
    "square_root_staffing",
]

_TAIL = 1e-12            # truncation of the Erlang A chain (relative tail mass)
_MAX_STATES = 2_000_000  # refuse chains longer than this
_MAX_SERVERS = 10_000_000


# --------------------------------------------------------------------------- Erlang B / C
def _erlang_b(c: int, a: float) -> float:
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    return b


def _c_from_b(c: int, a: float, b: float) -> float:
    if a >= c:
        return 1.0
    return c * b / (c - a * (1.0 - b))


def erlang_b(servers: int, offered_load: float) -> float:
    """Blocking probability of M/M/c/c with offered load ``A`` Erlang."""
    return _erlang_b(check_servers(servers), check_real(offered_load, "offered_load"))


def erlang_c(servers: int, offered_load: float) -> float:
    """P(wait) in M/M/c: probability an arrival finds all servers busy.

    Returns 1.0 when ``offered_load >= servers`` (the queue is unstable).
    """
    c, a = check_servers(servers), check_real(offered_load, "offered_load")
    return _c_from_b(c, a, _erlang_b(c, a))


def _mmc(servers, arrival_rate, service_rate) -> tuple[int, float, float]:
    return (check_servers(servers), check_real(arrival_rate, "arrival_rate"),
            check_real(service_rate, "service_rate", positive=True))


def erlang_c_mean_wait(servers: int, arrival_rate: float, service_rate: float) -> float:
    """Mean wait in queue Wq of M/M/c (all arrivals); ``math.inf`` if unstable."""
    c, lam, mu = _mmc(servers, arrival_rate, service_rate)
    if lam == 0:
        return 0.0
    if lam >= c * mu:
        return math.inf
    return erlang_c(c, lam / mu) / (c * mu - lam)


def erlang_c_service_level(servers: int, arrival_rate: float, service_rate: float,
                           target_wait: float) -> float:
    """P(W <= target_wait) = 1 - C exp(-(c mu - lambda) t); 0.0 if unstable."""
    c, lam, mu = _mmc(servers, arrival_rate, service_rate)
    t = check_real(target_wait, "target_wait")
    if lam >= c * mu:
        return 0.0
    return 1.0 - erlang_c(c, lam / mu) * math.exp(-(c * mu - lam) * t)


def erlang_c_wait_quantile(servers: int, arrival_rate: float, service_rate: float,
                           q: float) -> float:
    """The q-quantile of the wait in M/M/c (0 when P(wait) <= 1 - q; inf if unstable)."""
    c, lam, mu = _mmc(servers, arrival_rate, service_rate)
    q = check_real(q, "q", upper=1.0, upper_open=True)
    if lam >= c * mu:
        return math.inf
    p_wait = erlang_c(c, lam / mu)
    if p_wait <= 1.0 - q:
        return 0.0
    return math.log(p_wait / (1.0 - q)) / (c * mu - lam)


# --------------------------------------------------------------------------- Erlang A
@dataclass(frozen=True)
class ErlangA:
    """Steady state of M/M/c+M.  Waits are for all arrivals (abandoners included).

    ``service_level`` is the share of all arrivals whose service starts within
    ``target_wait`` (abandoners count as missed); ``None`` when no target given.
    """

    servers: int
    offered_load: float
    p_wait: float        # arrival finds all servers busy
    p_abandon: float     # theta E[Lq] / lambda
    mean_wait: float     # E[Lq] / lambda (Little), time until service or abandonment
    mean_queue: float    # E[Lq]
    utilisation: float   # E[busy servers] / c = lambda (1 - p_abandon) / (c mu)
    target_wait: float | None = None
    service_level: float | None = None


def _erlang_a_distribution(c: int, lam: float, mu: float, theta: float) -> np.ndarray:
    """Stationary distribution of the birth-death chain, truncated at tail mass < 1e-12."""
    pieces, start, size, last, log_max = [np.zeros(1)], 1, max(2 * c, 1024), 0.0, 0.0
    while True:
        n = np.arange(start, start + size, dtype=float)
        death = np.minimum(n, c) * mu + np.maximum(n - c, 0.0) * theta
        log_terms = last + np.cumsum(math.log(lam) - np.log(death))
        pieces.append(log_terms)
        last, log_max = log_terms[-1], max(log_max, log_terms.max())
        start += size
        ratio = lam / (min(start, c) * mu + max(start - c, 0) * theta)
        # Death rates never decrease, so later terms shrink at least geometrically by `ratio`.
        if ratio < 1 and last + math.log(ratio) - math.log1p(-ratio) < log_max + math.log(_TAIL):
            break
        if start > _MAX_STATES:
            raise ValueError(f"patience_rate = {theta!r}: too small for arrival_rate = {lam!r} "
                             f"with {c} servers (queue exceeds {_MAX_STATES} states)")
        size *= 2
    p = np.exp(np.concatenate(pieces) - log_max)
    p /= p.sum()
    tail_after = np.append(np.cumsum(p[::-1])[::-1][1:], 0.0)
    return p[: max(int(np.argmax(tail_after < _TAIL)), c) + 1]


def _served_within(c: int, mu: float, theta: float, queue_p: np.ndarray, t: float) -> float:
    """Probability mass in ``queue_p`` (k customers ahead) that starts service by t.

    The tagged citizen moves up at rate c mu + k theta and gives up at rate theta.
    """
    k = np.arange(queue_p.size, dtype=float)
    move = c * mu + k * theta
    size = queue_p.size + 1                  # last state: "in service"
    rows = np.concatenate([np.arange(size - 1), np.arange(1, size - 1), [0]])
    cols = np.concatenate([np.arange(size - 1), np.arange(size - 2), [size - 1]])
    vals = np.concatenate([-(move + theta), move[1:], [move[0]]])   # stay, k -> k-1, 0 -> served
    gen = sparse.csr_matrix((vals, (rows, cols)), shape=(size, size))
    start = np.append(queue_p, 0.0)
    # expm_multiply(A, v) gives exp(A) v; we need v^T exp(Q t), i.e. exp(Q^T t) v.
    end = expm_multiply((gen.T * t).tocsr(), start)
    return float(min(max(end[-1], 0.0), 1.0))


def erlang_a(servers: int, arrival_rate: float, service_rate: float, patience_rate: float,
             *, target_wait: float | None = None) -> ErlangA:
    """Exact M/M/c+M (Erlang A) by summing the birth-death chain.

    Death rate in state n is ``min(n, c) mu + max(n - c, 0) theta``.  With
    ``patience_rate = 0`` this is Erlang C (infinite waits when unstable).
    """
    c, lam, mu = _mmc(servers, arrival_rate, service_rate)
    theta = check_real(patience_rate, "patience_rate")
    t = None if target_wait is None else check_real(target_wait, "target_wait")
    a = lam / mu
    if lam == 0:
        return ErlangA(c, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, t, None if t is None else 1.0)
    if theta == 0:
        if a >= c:
            return ErlangA(c, a, 1.0, 0.0, math.inf, math.inf, 1.0, t, None if t is None else 0.0)
        p_wait, wq = erlang_c(c, a), erlang_c_mean_wait(c, lam, mu)
        sl = None if t is None else erlang_c_service_level(c, lam, mu, t)
        return ErlangA(c, a, p_wait, 0.0, wq, lam * wq, a / c, t, sl)
    p = _erlang_a_distribution(c, lam, mu, theta)
    queue_p = p[c:]
    mean_queue = float(np.dot(np.arange(queue_p.size), queue_p))
    p_abandon = theta * mean_queue / lam
    busy = float(np.dot(np.minimum(np.arange(p.size), c), p))
    sl = None if t is None else float(p[:c].sum()) + _served_within(c, mu, theta, queue_p, t)
    return ErlangA(servers=c, offered_load=a, p_wait=float(queue_p.sum()),
                   p_abandon=p_abandon, mean_wait=mean_queue / lam, mean_queue=mean_queue,
                   utilisation=busy / c, target_wait=t, service_level=sl)


# --------------------------------------------------------------------------- staffing
def square_root_staffing(offered_load: float, beta: float) -> int:
    """Halfin-Whitt rule ``ceil(A + beta sqrt(A))`` (never negative)."""
    a = check_real(offered_load, "offered_load")
    if isinstance(beta, bool) or not isinstance(beta, numbers.Real) or not math.isfinite(beta):
        raise ValueError(f"beta = {beta!r}: must be a finite number")
    x = a + beta * math.sqrt(a)
    return max(math.ceil(x - 1e-9 * max(1.0, abs(x))), 0)


def _wait_target(target_wait, service_level):
    if (target_wait is None) != (service_level is None):
        raise ValueError(f"target_wait = {target_wait!r}, service_level = {service_level!r}: "
                         "give both or neither")
    if target_wait is None:
        return None
    return (check_real(target_wait, "target_wait"),
            check_real(service_level, "service_level", upper=1.0, upper_open=True))


def _quantile_target(wait_quantile):
    if wait_quantile is None:
        return None
    if not isinstance(wait_quantile, Sequence) or len(wait_quantile) != 2:
        raise ValueError(f"wait_quantile = {wait_quantile!r}: must be a pair (q, max_wait)")
    q = check_real(wait_quantile[0], "wait_quantile[0]", positive=True, upper=1.0, upper_open=True)
    return q, check_real(wait_quantile[1], "wait_quantile[1]")


def min_servers_erlang_c(arrival_rate: float, service_rate: float, *,
                         max_mean_wait: float | None = None,
                         target_wait: float | None = None,
                         service_level: float | None = None,
                         max_p_wait: float | None = None,
                         wait_quantile: tuple[float, float] | None = None) -> int:
    """Smallest stable c (c > A) meeting every given target in M/M/c.

    ``target_wait`` and ``service_level`` go together: P(W <= target_wait) >=
    service_level.  ``wait_quantile=(0.9, 15.0)`` means p90 of the wait <= 15.
    Returns 0 when ``arrival_rate`` is 0 (no demand, nobody needed).
    """
    lam = check_real(arrival_rate, "arrival_rate")
    mu = check_real(service_rate, "service_rate", positive=True)
    mean_cap = None if max_mean_wait is None else check_real(max_mean_wait, "max_mean_wait", positive=True)
    p_cap = None if max_p_wait is None else check_probability(max_p_wait, "max_p_wait")
    sl_target, quantile = _wait_target(target_wait, service_level), _quantile_target(wait_quantile)
    if lam == 0:
        return 0
    a = lam / mu
    c = math.floor(a) + 1
    b = _erlang_b(c, a)
    while c <= _MAX_SERVERS:
        p_wait, gap = _c_from_b(c, a, b), c * mu - lam
        ok = ((mean_cap is None or p_wait / gap <= mean_cap)
              and (p_cap is None or p_wait <= p_cap)
              and (sl_target is None or 1.0 - p_wait * math.exp(-gap * sl_target[0]) >= sl_target[1])
              and (quantile is None or p_wait * math.exp(-gap * quantile[1]) <= 1.0 - quantile[0]))
        if ok:
            return c
        c += 1
        b = a * b / (c + a * b)
    raise ValueError(f"arrival_rate = {lam!r}: no staffing up to {_MAX_SERVERS} servers meets the targets")


def min_servers_erlang_a(arrival_rate: float, service_rate: float, patience_rate: float, *,
                         max_abandon: float | None = None,
                         max_mean_wait: float | None = None,
                         max_p_wait: float | None = None,
                         target_wait: float | None = None,
                         service_level: float | None = None) -> int:
    """Smallest c meeting every given target in M/M/c+M (Erlang A).

    ``service_level`` here is the share of all arrivals served within
    ``target_wait``.  With no target at all the answer is 1 (Erlang A is stable
    at any load) or, for ``patience_rate = 0``, the smallest stable c.  Returns 0 when ``arrival_rate`` is 0.  Uses bisection, relying
    on every measure improving as c grows.
    """
    lam = check_real(arrival_rate, "arrival_rate")
    mu = check_real(service_rate, "service_rate", positive=True)
    theta = check_real(patience_rate, "patience_rate")
    ab_cap = None if max_abandon is None else check_probability(max_abandon, "max_abandon")
    mean_cap = None if max_mean_wait is None else check_real(max_mean_wait, "max_mean_wait", positive=True)
    p_cap = None if max_p_wait is None else check_probability(max_p_wait, "max_p_wait")
    sl_target = _wait_target(target_wait, service_level)
    if lam == 0:
        return 0

    def ok(c: int) -> bool:
        if theta == 0 and lam >= c * mu:      # no abandonment: Erlang C must be stable
            return False
        r = erlang_a(c, lam, mu, theta, target_wait=None if sl_target is None else sl_target[0])
        return ((ab_cap is None or r.p_abandon <= ab_cap)
                and (mean_cap is None or r.mean_wait <= mean_cap)
                and (p_cap is None or r.p_wait <= p_cap)
                and (sl_target is None or r.service_level >= sl_target[1]))

    lo, hi = 0, max(1, math.ceil(lam / mu))        # ok(lo) is False by convention
    while not ok(hi):
        lo, hi = hi, 2 * hi
        if hi > _MAX_SERVERS:
            raise ValueError(f"arrival_rate = {lam!r}: no staffing up to {_MAX_SERVERS} "
                             "servers meets the targets")
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if ok(mid) else (mid, hi)
    return hi
