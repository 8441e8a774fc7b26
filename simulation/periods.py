"""Waiting KPIs per period of arrival (clock hour or weekday).

A planner staffing the counters hour by hour wants the citizens who arrive in
each hour to wait no longer than the target, not just the month's average: a
busy Monday morning must not hide behind quiet Thursday afternoons. The keys
are flat (``wait_p90@hour=8``, ``wait_mean@weekday=mon``) so a replication
stays one flat row.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .scenario import WEEKDAYS

if TYPE_CHECKING:
    from .results import Results

__all__ = ["PERIOD_KINDS", "PERIOD_KPIS", "period_kpis", "period_key", "split_key"]

PERIOD_KINDS = ("hour", "weekday")
PERIOD_KPIS = ("wait_mean", "wait_p90", "share_wait_over_target")


def period_key(kpi: str, kind: str, period) -> str:
    return f"{kpi}@{kind}={period}"


def split_key(key: str) -> tuple[str, str, str] | None:
    """'wait_p90@hour=8' -> ('wait_p90', 'hour', '8'); None for a plain KPI."""
    if "@" not in key:
        return None
    kpi, rest = key.split("@", 1)
    kind, period = rest.split("=", 1)
    return kpi, kind, period


def period_kpis(results: "Results", kind: str) -> dict[str, float]:
    """Waiting KPIs of served citizens grouped by their hour or weekday of arrival (after warm-up)."""
    if kind not in PERIOD_KINDS:
        raise ValueError(f"periods = {kind!r}: must be one of {', '.join(PERIOD_KINDS)}")
    v = results.visitors
    v = v[(v["arrival_min"] >= results.warmup) & (v["outcome"] == "served")]
    if kind == "hour":
        groups = v.groupby(v["hour"])
    else:
        groups = v.groupby(v["arrival"].dt.day_of_week.map(lambda d: WEEKDAYS[d]))
    target = results.scenario.satisfaction.wait_target_min
    out: dict[str, float] = {}
    for period, group in groups:
        wait = group["wait_min"].to_numpy(dtype=float)
        if wait.size == 0:
            continue
        out[period_key("wait_mean", kind, period)] = float(wait.mean())
        out[period_key("wait_p90", kind, period)] = float(np.quantile(wait, 0.9))
        out[period_key("share_wait_over_target", kind, period)] = float((wait > target).mean())
    return out
