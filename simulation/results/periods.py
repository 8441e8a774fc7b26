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

from ..scenario.vocabulary import WEEKDAYS
from .kpi_catalogue import PERIOD_KINDS, period_key, split_key
from ..engine.timetable import MINUTES_PER_DAY

if TYPE_CHECKING:
    from .run_results import Results

__all__ = ["PERIOD_KINDS", "PERIOD_KPIS", "period_kpis", "period_key", "split_key"]

PERIOD_KPIS = ("wait_mean", "wait_p90", "share_wait_over_target")


def period_kpis(results: "Results", kind: str) -> dict[str, float]:
    """Waiting KPIs of served citizens grouped by their hour or weekday of arrival (after warm-up).

    Computed on the run's numpy columns (a planner asks for them in every
    replication): the clock hour and weekday follow from the minutes since
    midnight of the first day.
    """
    if kind not in PERIOD_KINDS:
        raise ValueError(f"periods = {kind!r}: must be one of {', '.join(PERIOD_KINDS)}")
    v = results.visitor_columns
    arrival = v["arrival_min"]
    keep = (arrival >= results.warmup) & (v["outcome"] == "served")
    arrival, wait = arrival[keep], v["wait_min"][keep]
    if kind == "hour":
        labels = (arrival % MINUTES_PER_DAY // 60).astype(np.int64)
        periods = [int(h) for h in np.unique(labels)]
    else:
        first = results.timetable.start.weekday()
        labels = ((arrival // MINUTES_PER_DAY).astype(np.int64) + first) % 7
        periods = sorted({WEEKDAYS[d] for d in np.unique(labels)})  # in label order, as pandas groups them
        labels = np.array(WEEKDAYS, dtype=object)[labels]
    target = results.scenario.satisfaction.wait_target_min
    out: dict[str, float] = {}
    for period in periods:
        group = wait[labels == period]
        out[period_key("wait_mean", kind, period)] = float(group.mean())
        out[period_key("wait_p90", kind, period)] = float(np.quantile(group, 0.9))
        out[period_key("share_wait_over_target", kind, period)] = float((group > target).mean())
    return out
