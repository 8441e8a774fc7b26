"""Staffing for demand that changes through the day: SIPP and the modified offered load (MOL).

Green, Kolesar & Whitt (2007, POM 16(1)) give two ways; units are those of `simulation.queueing.erlang`:

* SIPP (``sipp_staffing``): staff each period as a stationary Erlang C system
  with that period's average arrival rate.  It fails when service is long
  relative to the period (multi-hour back-office work, 30-minute periods): the
  people in service lag the arrivals, so SIPP overstaffs just after a rise and
  understaffs just after a fall, e.g. right after the lunch break when the
  morning's work is still in progress, or at the end of the day when arrivals
  stop but the offices are still full.  It also assumes every period starts in
  steady state, which the opening of the office (empty at 07:30) is not.
  Rule of thumb for exponential service: a period of length L still misses a
  fraction ``exp(-L / E[S])`` of any jump in demand by its end, 61 % for
  60-minute cases in 30-minute periods, 2 % for 15-minute cases in hourly
  periods.  Multi-day back-office work is beyond both: model it by simulation.
* MOL (``mol_staffing``): staff against the modified offered load
  ``m(t) = E[lambda(t - S_e)] E[S]``, the mean number of busy servers in the
  infinite-server system.  Assumptions here: exponential service (so
  ``m'(t) = lambda(t) - mu m(t)``, integrated exactly for piecewise-constant
  rates), ``m(0)`` equal to the first period's stationary load unless
  ``initial_load`` is given (use 0 for an office that opens empty), and each
  period staffed for the largest ``m(t)`` inside it (``m`` is monotone within a
  period, so that is one of its two endpoints).  MOL, too, is an approximation;
  a simulation is the reference where both disagree.
"""
from __future__ import annotations

import math
from typing import Sequence

from .arguments import check_rates, check_real
from .erlang import min_servers_erlang_c

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
    rates = check_rates(arrival_rates)
    mu = check_real(service_rate, "service_rate", positive=True)
    length = check_real(period_length, "period_length", positive=True)
    if method == "sipp":
        return [lam / mu for lam in rates]
    if method != "mol":
        raise ValueError(f"method = {method!r}: must be 'mol' or 'sipp'")
    start = None if initial_load is None else check_real(initial_load, "initial_load")
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
