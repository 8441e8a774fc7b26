"""KPIs computed from a run's records (never accumulated inside the engine).

Waiting time is call time minus ticket time, as queue-management systems
define it; the service level is the share of served citizens who waited
longer than the target. Dossier rates follow Vietnamese reporting: among
dossiers resolved in the period, the share resolved early (trước hạn), on time
including early (đúng hạn, `online_on_time_resolved`) and late (quá hạn). The
honest `online_on_time` (open past-due dossiers count as late) and the backlog's
growth are in `service_measures`.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..formats import format_number, format_percent
from ..i18n import _
from ..scenario.outcomes import OUTCOMES, RESOLVED
from ..scenario.vocabulary import ROLES
from .service_measures import service_measures

if TYPE_CHECKING:
    from ..engine.run_record import RunRecord

__all__ = ["visitor_kpis", "dossier_kpis", "service_measures", "utilisation", "by_procedure", "queue_by_hour",
           "utilisation_by_hour", "capacity_warnings"]


def _rate(part: float, whole: float) -> float:
    return float(part) / whole if whole else float("nan")


def _col(table, name: str, dtype=None) -> np.ndarray:
    """A column of a DataFrame or of a dict of arrays, as a numpy array."""
    return np.asarray(table[name], dtype=dtype)


def _quantile(values: np.ndarray, q: float) -> float:
    """`np.quantile(values, q)` (linear interpolation), by partial sorting instead of a full sort:
    the same value, for a KPI computed after every replication."""
    position = q * (values.size - 1)
    below = int(position)
    above = min(below + 1, values.size - 1)
    part = np.partition(values, (below, above))
    return float(part[below] + (part[above] - part[below]) * (position - below))


def visitor_kpis(v, target: float, observed_min: float) -> dict[str, float]:
    """Citizen KPIs from a table (DataFrame or dict of arrays) of visitor records."""
    outcome = _col(v, "outcome")
    served = outcome == "served"
    wait = _col(v, "wait_min", float)[served]
    arrived = len(outcome)
    in_line = _col(v, "time_in_line_min", float)[outcome != "balked"]
    balked, reneged = int((outcome == "balked").sum()), int((outcome == "reneged").sum())
    has_wait = wait.size > 0
    return {
        "walk_in_arrived": float(arrived),
        "served": float(served.sum()),
        "balked": float(balked),
        "reneged": float(reneged),
        "unserved": float((outcome == "unserved").sum()),
        "still_waiting": float(((outcome == "waiting") | (outcome == "in_service")).sum()),
        "balk_rate": _rate(balked, arrived),
        "renege_rate": _rate(reneged, arrived),
        "wait_mean": float(wait.mean()) if has_wait else float("nan"),
        "wait_p90": _quantile(wait, 0.9) if has_wait else float("nan"),
        "wait_max": float(wait.max()) if has_wait else float("nan"),
        "share_wait_over_target": _rate((wait > target).sum(), wait.size),
        "service_mean": float(_col(v, "service_min", float)[served].mean()) if served.any() else float("nan"),
        "queue_mean": float(in_line.sum() / observed_min) if observed_min > 0 else float("nan"),
        "returns": float(_col(v, "returning", bool).sum()),
    }


def dossier_kpis(d) -> dict[str, float]:
    """Dossier KPIs from a table (DataFrame or dict of arrays) of dossier records."""
    channel, outcome = _col(d, "channel"), _col(d, "outcome")
    online = (channel == "portal") | (channel == "guided")
    resolved = online & (outcome != "backlog")
    n = int(resolved.sum())
    early = float((resolved & (outcome == "early")).sum())
    on_time = float((resolved & (outcome == "on_time")).sum())
    late = float((resolved & (outcome == "late")).sum())
    return {
        "dossiers_received": float(len(outcome)),
        "online_received": float(online.sum()),
        "in_person_received": float((channel == "counter").sum()),
        "online_resolved": float(n),
        "online_early": _rate(early, n),
        "online_on_time_resolved": _rate(early + on_time, n),
        "online_late": _rate(late, n),
        "backlog_end": float((outcome == "backlog").sum()),
        "dossiers_late": float((outcome == "late").sum()),
    }


def _clip_total(frame, lo: float, hi: float) -> dict[str, float]:
    role = _col(frame, "role")
    span = np.clip(_col(frame, "end_min", float), lo, hi) - np.clip(_col(frame, "start_min", float), lo, hi)
    return {r: float(span[role == r].sum()) for r in ROLES} if len(role) else {}


def utilisation(activities, duties, lo: float, hi: float) -> dict[str, float]:
    """Busy share of time on duty, per role, between minutes `lo` and `hi`."""
    busy = _clip_total(activities, lo, hi)
    on = _clip_total(duties, lo, hi)
    return {f"utilisation_{role}": _rate(busy.get(role, 0.0), on.get(role, 0.0)) for role in ROLES}


def by_procedure(visitors: pd.DataFrame, dossiers: pd.DataFrame, target: float) -> pd.DataFrame:
    served = visitors[visitors["outcome"] == "served"].copy()
    served["procedure"] = served["procedure"].where(served["procedure"] != "", "(account help)")
    walk = served.groupby("procedure")["wait_min"].agg(
        visitors="size", wait_mean="mean", wait_p90=lambda s: s.quantile(0.9), wait_max="max")
    walk["share_wait_over_target"] = served.groupby("procedure")["wait_min"].apply(lambda s: (s > target).mean())
    outcome = pd.crosstab(dossiers["procedure"], dossiers["outcome"])
    for column in OUTCOMES:
        if column not in outcome:
            outcome[column] = 0
    resolved = outcome[list(RESOLVED)].sum(axis=1).replace(0, np.nan)
    dossier = pd.DataFrame({
        "dossiers": outcome.sum(axis=1),
        "early_rate": outcome["early"] / resolved,
        "on_time_rate": (outcome["early"] + outcome["on_time"]) / resolved,
        "late_rate": outcome["late"] / resolved,
        "backlog": outcome["backlog"],
    })
    table = walk.join(dossier, how="outer")
    table.index.name = "procedure"
    return table.reset_index()


def _minute_profile(starts: np.ndarray, ends: np.ndarray, horizon: float) -> np.ndarray:
    """How many intervals cover each minute of the run (minute resolution)."""
    n = int(np.ceil(horizon))
    diff = np.zeros(n + 1)
    s = np.clip(np.floor(starts).astype(int), 0, n)
    e = np.clip(np.floor(ends).astype(int), 0, n)
    np.add.at(diff, s, 1)
    np.add.at(diff, e, -1)
    return np.cumsum(diff)[:n]


def _by_clock_hour(profile: np.ndarray) -> np.ndarray:
    days = len(profile) // 1440
    return profile[: days * 1440].reshape(days, 24, 60)


def queue_by_hour(visitors: pd.DataFrame, horizon: float) -> pd.DataFrame:
    """Mean number of citizens in the ticket line in each clock hour, over the hours that had any."""
    v = visitors[visitors["outcome"] != "balked"]
    left = v["arrival_min"] + v["time_in_line_min"]
    grid = _by_clock_hour(_minute_profile(v["arrival_min"].to_numpy(), left.to_numpy(), horizon))
    arrivals = np.bincount(v["hour"].to_numpy(dtype=int), minlength=24) if len(v) else np.zeros(24)
    open_days = np.zeros(grid.shape[0], dtype=bool)  # average over the days anyone came, not closed days
    open_days[np.unique((v["arrival_min"].to_numpy() // 1440).astype(int).clip(0, grid.shape[0] - 1))] = True
    mean = grid[open_days].mean(axis=2).mean(axis=0) if open_days.any() else np.zeros(24)
    peak = grid.max(axis=(0, 2)) if grid.size else np.zeros(24)
    frame = pd.DataFrame({"hour": range(24), "queue_mean": mean, "queue_max": peak, "arrivals": arrivals})
    return frame[(frame["arrivals"] > 0) | (frame["queue_mean"] > 0)].reset_index(drop=True)


def utilisation_by_hour(activities: pd.DataFrame, duties: pd.DataFrame, horizon: float,
                        planned: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per clock hour and role: the busy share of the *planned* duty in that hour, the officials planned on
    duty, and the overtime: official-minutes on duty beyond the plan (finishing the citizens already in line
    after closing), per day the role was on duty.

    `planned` holds the duty stretches the roster planned (the run's roster); `duties` the stretches on duty,
    overtime included. Overtime is shown apart rather than as busy duty: an official finishing the last
    citizen at 17:10 is on duty only while serving, and counting that as duty made 17:00 read 100% busy.
    An hour with overtime but no planned duty has no utilisation (NaN). Without `planned`, every duty
    stretch counts as planned (no overtime).
    """
    planned = duties if planned is None else planned
    rows = []
    for role in ROLES:
        on, plan = duties[duties["role"] == role], planned[planned["role"] == role]
        if on.empty and plan.empty:
            continue
        busy = activities[activities["role"] == role]
        duty = _by_clock_hour(_minute_profile(on["start_min"].to_numpy(), on["end_min"].to_numpy(), horizon))
        sched = _by_clock_hour(_minute_profile(plan["start_min"].to_numpy(), plan["end_min"].to_numpy(), horizon))
        work = _by_clock_hour(_minute_profile(busy["start_min"].to_numpy(), busy["end_min"].to_numpy(), horizon))
        over = np.clip(duty - sched, 0, None)
        sched_h, work_h = sched.sum(axis=(0, 2)), np.minimum(work, sched).sum(axis=(0, 2))
        over_h = over.sum(axis=(0, 2))
        days_on_duty = max(int((sched.sum(axis=(1, 2)) > 0).sum()), 1)
        for hour in range(24):
            if sched_h[hour] > 0 or over_h[hour] > 0:
                days_on = int((sched[:, hour, :].sum(axis=1) > 0).sum())  # days this hour was staffed
                rows.append({"hour": hour, "role": role,
                             "utilisation": work_h[hour] / sched_h[hour] if sched_h[hour] else float("nan"),
                             "officials_on_duty": sched_h[hour] / (60 * max(days_on, 1)),
                             "overtime_min": over_h[hour] / days_on_duty})
    return pd.DataFrame(rows, columns=["hour", "role", "utilisation", "officials_on_duty", "overtime_min"])


def capacity_warnings(record: "RunRecord") -> list[str]:
    """Warn when demand exceeds what the staff can serve: the queue then grows without bound."""
    scenario = record.scenario
    warnings = []
    open_min = sum(e - s for s, e in record.open_intervals)
    walk = scenario.demand.walk_in
    line_staff = [o for o in record.roster if o.serves_line]
    duty_min = sum(o.proficiency * (e - s) for o in line_staff for s, e in o.duty)  # in standard-official minutes
    if open_min > 0 and duty_min > 0 and walk.patience is None and walk.balk_at is None:
        load = sum(v.service_unit for v in record.visitors) / duty_min
        if load >= 1.0:
            warnings.append(_("walk-in demand needs {load} of the counter time on duty: the ticket line grows "
                              "without bound; results cover only the {days}-day horizon").format(
                load=format_percent(load, 0), days=scenario.days))
    elif open_min > 0 and duty_min == 0 and walk.rate_per_hour > 0:
        warnings.append(_("no counter official is ever on duty: every walk-in citizen waits until the horizon"))
    back = [o for o in record.roster if o.does_back_office]
    back_min = sum(e - s for o in back for s, e in o.duty)
    pending = [d for d in record.dossiers if math.isnan(d.work_done_min)]
    skills = set().union(*(o.skills for o in back))  # the fields someone in the back office processes
    uncovered = sorted({d.field for d in pending} - skills) if back and "all" not in skills else []
    if uncovered:
        warnings.append(_("no back-office or flexible official has the skills for {fields}: those dossiers are "
                          "never processed").format(fields=", ".join(uncovered)))
    left = sum(d.work_left for d in pending)
    if pending and back_min == 0:
        warnings.append(_("dossiers arrive but no back-office or flexible official is ever on duty"))
    elif back_min and left > 2 * back_min / scenario.days:
        warnings.append(_("the back-office work still waiting at the end ({hours} h) exceeds two days of "
                          "back-office time: dossiers arrive faster than they are processed and the backlog "
                          "grows").format(hours=format_number(left / 60, 0)))
    return warnings
