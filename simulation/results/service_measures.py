"""Service measures a commune can trust over a horizon: honest on-time and the backlog's drift.

Vietnamese reporting counts, among dossiers *resolved* in the period, the share
resolved on time (`online_on_time_resolved` in `kpis`). Over a short horizon
that flatters a starved back office: the dossiers it never reached are not
counted at all. The measures here judge every dossier that *fell due* within
the horizon:

- `online_on_time`: among online dossiers (portal and guided) received after
  the warm-up and due before the horizon ends, the share finished by their due
  time; a dossier still open past its due time counts as late;
- `open_past_due`: dossiers (any channel) still open at the end of the run whose
  due time has passed;
- `backlog_growth_week`: how fast the open backlog (every dossier received and
  not yet finished, outside agencies included) grows, in dossiers a week: the
  least-squares slope of the weekly means of the count at the end of each day
  after the warm-up.
  A stable back office drifts around zero; one that cannot keep up grows by
  roughly its daily shortfall every day. Its interval comes from the
  replications, like every KPI.
"""
from __future__ import annotations

import numpy as np

__all__ = ["service_measures", "open_backlog", "ONLINE_CHANNELS", "MINUTES_PER_DAY"]

ONLINE_CHANNELS = ("portal", "guided")
MINUTES_PER_DAY = 1440


def _online(channel: np.ndarray) -> np.ndarray:
    return (channel == "portal") | (channel == "guided")


def open_backlog(received: np.ndarray, finished: np.ndarray, times: np.ndarray) -> np.ndarray:
    """How many dossiers are open (received, not finished) at each of `times` (minutes)."""
    received = np.sort(np.asarray(received, dtype=float))
    done = np.sort(np.asarray(finished, dtype=float)[~np.isnan(finished)])
    times = np.asarray(times, dtype=float)
    return (np.searchsorted(received, times, side="right") - np.searchsorted(done, times, side="right")).astype(float)


def _growth_per_week(received: np.ndarray, finished: np.ndarray, warmup: float, horizon: float) -> float:
    """Slope of the open backlog after the warm-up, in dossiers a week.

    With two whole weeks or more, the slope of the weekly means of the count at each day's end
    (portal dossiers pile up over the weekend and are worked off on Monday: a window ending on a
    Sunday would otherwise read as growth); with less, the slope of the daily counts.
    """
    first = max(int(np.ceil(warmup / MINUTES_PER_DAY)), 1)
    last = int(horizon // MINUTES_PER_DAY)
    days = np.arange(first, last + 1, dtype=float)
    if days.size < 2:
        return float("nan")
    counts = open_backlog(received, finished, days * MINUTES_PER_DAY)
    weeks = days.size // 7
    if weeks >= 2:
        means = counts[days.size - 7 * weeks:].reshape(weeks, 7).mean(axis=1)
        return float(np.polyfit(np.arange(weeks, dtype=float), means, 1)[0])
    return float(np.polyfit(days, counts, 1)[0] * 7)


def service_measures(d, warmup: float, horizon: float) -> dict[str, float]:
    """The measures above from the dossier records of a whole run (warm-up included: the backlog
    left by the warm-up is part of what the back office faces). `d`: a DataFrame or dict of arrays
    with channel, received_min, due_min and finished_min (NaN when not finished by the horizon)."""
    channel = np.asarray(d["channel"])
    received = np.asarray(d["received_min"], dtype=float)
    due = np.asarray(d["due_min"], dtype=float)
    finished = np.asarray(d["finished_min"], dtype=float)
    finished = np.where(finished <= horizon, finished, np.nan)
    fell_due = (received >= warmup) & (due <= horizon)
    judged = fell_due & _online(channel)
    on_time = ~np.isnan(finished) & (finished <= due)
    n = int(judged.sum())
    return {
        "online_due": float(n),
        "online_on_time": float(on_time[judged].sum()) / n if n else float("nan"),
        "open_past_due": float((np.isnan(finished) & (due <= horizon)).sum()),
        "backlog_growth_week": _growth_per_week(received, finished, warmup, horizon),
    }
