"""Which weekday-hour cells a plan is judged in, and how each fared.

A cell (``mon-08``: Mondays, 08:00-08:59) is judged when, on average over the
replications, at least `MIN_CELL_SERVED` citizens arriving in it were served: a
90th percentile of three waits says little. Cells with less are listed, not
hidden.
"""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from ..results.cells import CELL_KPIS
from ..results.periods import split_key
from .targets import Target

__all__ = ["MIN_CELL_SERVED", "judged_cells", "cell_table"]

MIN_CELL_SERVED = 10     # citizens a replication, on average, for a weekday-hour cell to be judged


def judged_cells(summary: pd.DataFrame, kpi: str) -> list[str]:
    """The `kpi@cell=...` keys of the cells with enough citizens to be judged."""
    out = []
    for key in summary.index:
        split = split_key(key)
        if split and split[0] == kpi and split[1] == "cell":
            served = f"served@cell={split[2]}"
            if served in summary.index and summary.loc[served, "mean"] >= MIN_CELL_SERVED:
                out.append(key)
    return out


def cell_table(summary: pd.DataFrame, targets: Sequence[Target]) -> pd.DataFrame:
    """Per cell and waiting KPI: citizens served a replication, mean, interval, its target, judged, met."""
    judged = {t.kpi: set(judged_cells(summary, t.kpi)) for t in targets}
    rows = []
    for key in summary.index:
        split = split_key(key)
        if not split or split[1] != "cell" or split[0] not in CELL_KPIS:
            continue
        target = next((t for t in targets if t.kpi == split[0]), None)
        s = summary.loc[key]
        day, hour = split[2].split("-")
        rows.append({"cell": split[2], "weekday": day, "hour": int(hour), "kpi": split[0],
                     "served_per_rep": summary.loc[f"served@cell={split[2]}", "mean"], "mean": s["mean"],
                     "low": s["low"], "high": s["high"], "target": target.text if target else "",
                     "judged": bool(target and key in judged[target.kpi]),
                     "met": bool(target and target.met(s["low"], s["high"]))})
    return pd.DataFrame(rows)
