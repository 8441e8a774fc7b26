"""Waits in every weekday x clock-hour cell: Monday 08:00 must meet the target, not just the month.

Keys are flat, one per cell (``wait_p90@cell=mon-08``, ``served@cell=mon-08``), so a replication
stays one flat row and the cells of many replications summarise like any KPI. A cell's count of
served citizens travels with it: a planner judges only the cells with enough data.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..engine.timetable import MINUTES_PER_DAY
from ..scenario.model import WEEKDAYS

if TYPE_CHECKING:
    from .run_results import Results

__all__ = ["CELL_KPIS", "cell_kpis", "cell_label", "parse_cell"]

CELL_KPIS = ("wait_mean", "wait_p90", "share_wait_over_target")


def cell_label(weekday: str, hour: int) -> str:
    return f"{weekday}-{hour:02d}"


def parse_cell(label: str) -> tuple[str, int]:
    """'mon-08' -> ('mon', 8)."""
    day, hour = label.split("-")
    return day, int(hour)


def cell_kpis(results: "Results") -> dict[str, float]:
    """Waiting KPIs of served citizens by weekday and clock hour of arrival (after warm-up)."""
    v = results.visitor_columns
    arrival = v["arrival_min"]
    keep = (arrival >= results.warmup) & (v["outcome"] == "served")
    arrival, wait = arrival[keep], v["wait_min"][keep]
    first = results.timetable.start.weekday()
    day = ((arrival // MINUTES_PER_DAY).astype(np.int64) + first) % 7
    hour = (arrival % MINUTES_PER_DAY // 60).astype(np.int64)
    code = day * 24 + hour
    target = results.scenario.satisfaction.wait_target_min
    out: dict[str, float] = {}
    for c in np.unique(code):
        group = wait[code == c]
        label = cell_label(WEEKDAYS[c // 24], int(c % 24))
        out[f"served@cell={label}"] = float(group.size)
        out[f"wait_mean@cell={label}"] = float(group.mean())
        out[f"wait_p90@cell={label}"] = float(np.quantile(group, 0.9))
        out[f"share_wait_over_target@cell={label}"] = float((group > target).mean())
    return out
