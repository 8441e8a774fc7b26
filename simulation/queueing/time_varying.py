"""Staffing for demand that changes through the day: SIPP and the modified offered load (MOL).

Green, Kolesar & Whitt (2007): period-by-period stationary staffing (SIPP)
treats each period as its own M/M/c system; MOL replaces the period's offered
load by m(t) = E[lambda(t - S_e)] E[S], which lags demand by about one
service time. See `simulation.queueing.erlang` for when each fails.
"""
from __future__ import annotations

import math
from typing import Sequence

from .erlang import _rates, _real, min_servers_erlang_c

__all__ = ["offered_load_profile", "sipp_staffing", "mol_staffing"]


def _mol_endpoints(rates: list[float], mu: float, period_length: float,
                   initial_load: float | None) -> list[float]:
    """m(t) at period boundaries 0, L, 2L, ...: exact for piecewise-constant lambda."""
    decay = math.exp(-mu * period_length)
    m = [rates[0] / mu if initial_load is None else initial_load]
    for lam in rates:
        m.append(lam / mu + (m[-1] - lam / mu) * decay)
    return m


def offered_load_profile(arrival_rates: Sequence[float], service_rate: float,
                         period_length: float, method: str = "mol", *,
                         initial_load: float | None = None) -> list[float]:
    """Offered load (Erlang) each period is staffed against.

    ``"sipp"``: the period's ``lambda / mu``.  ``"mol"``: the largest modified
    offered load ``m(t)`` inside the period (``m(0)`` as documented above).
    """
    rates = _rates(arrival_rates)
    mu = _real(service_rate, "service_rate", positive=True)
    length = _real(period_length, "period_length", positive=True)
    if method == "sipp":
        return [lam / mu for lam in rates]
    if method != "mol":
        raise ValueError(f"method = {method!r}: must be 'mol' or 'sipp'")
    start = None if initial_load is None else _real(initial_load, "initial_load")
    m = _mol_endpoints(rates, mu, length, start)
    return [max(m[i], m[i + 1]) for i in range(len(rates))]


def sipp_staffing(arrival_rates: Sequence[float], service_rate: float, *,
                  period_length: float, **targets) -> list[int]:
    """Stationary independent period-by-period staffing (Erlang C per period).

    ``targets`` are those of ``min_servers_erlang_c``; ``period_length`` is
    checked but does not change SIPP (it ignores what happened before).
    """
    loads = offered_load_profile(arrival_rates, service_rate, period_length, "sipp")
    return [min_servers_erlang_c(a * service_rate, service_rate, **targets) for a in loads]


def mol_staffing(arrival_rates: Sequence[float], service_rate: float, *,
                 period_length: float, initial_load: float | None = None,
                 **targets) -> list[int]:
    """Modified-offered-load staffing: Erlang C with arrival rate ``m(t) mu``.

    Each period gets the largest requirement over its time span; ``targets`` are
    those of ``min_servers_erlang_c``.
    """
    loads = offered_load_profile(arrival_rates, service_rate, period_length, "mol",
                                 initial_load=initial_load)
    return [min_servers_erlang_c(a * service_rate, service_rate, **targets) for a in loads]
