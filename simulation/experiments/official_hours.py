"""Official-hours and their cost: what a roster asks of the people on it.

A head count alone misleads ("counter=2" may mean two officials at 08:00 and
one the rest of the day). The hours here are counted from the duty stretches
the engine itself uses (opening sessions cut by shifts, absences and counter
plans), without running a simulation: per role, per open day and per month
(30.4 days at the horizon's rate), and the officials on duty in each weekday x
clock-hour cell. With a wage table (VND an hour by grade) they are priced.

A wage table is a CSV or YAML mapping ``grade -> VND an hour``. An official's
grade is looked up by their name first, then their role (``counter``,
``guide``, ``flexible``, ``back_office``), then ``default``.
"""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from ..errors import WageError
from ..i18n import N_, _
from ..engine.run_setup import RunSetup
from ..engine.timetable import MINUTES_PER_DAY
from ..scenario.model import WEEKDAYS, Scenario

__all__ = ["official_hours", "hours_difference", "on_horizon_of", "headcount_grid", "load_wages", "cost", "WageError",
           "DAYS_PER_MONTH", "TEXT"]

DAYS_PER_MONTH = 30.4
ROLES = ("counter", "guide", "flexible", "back_office")
TEXT = {
    "wage_read": N_("{path}: cannot read the wage table ({error})"),
    "wage_shape": N_("{path}: a wage table maps grade to VND an hour, e.g. 'counter: 45000' (YAML) or a CSV with "
                     "columns grade,vnd_per_hour"),
    "wage_value": N_("{path}: {grade} = {value!r}: VND an hour must be a number of at least 0"),
    "wage_missing": N_("{path}: no wage for {who} (role {role}); add a line for the name, the role or 'default'"),
}


def _stretches(scenario: Scenario) -> list[tuple[str, str, list[tuple[float, float]]]]:
    return [(official.name, role, duty) for official, role, duty in RunSetup(scenario).staff]


def _open_days(scenario: Scenario) -> int:
    plan = RunSetup(scenario)
    return sum(1 for day in plan.timetable.days if day.sessions) or 1


def official_hours(scenario: Scenario, wages: dict[str, float] | None = None) -> pd.DataFrame:
    """Per role (and a total row): officials, hours per open day, hours per month, and the cost a month
    in VND when `wages` is given."""
    days, open_days = scenario.days, _open_days(scenario)
    rows = []
    for role in ROLES:
        people = [(name, duty) for name, r, duty in _stretches(scenario) if r == role]
        minutes = sum(e - s for _, duty in people for s, e in duty)
        row = {"role": role, "officials": len(people), "hours_per_day": minutes / 60 / open_days,
               "hours_per_month": minutes / 60 * DAYS_PER_MONTH / days}
        if wages is not None:
            row["cost_per_month_vnd"] = sum(sum(e - s for s, e in duty) / 60 * _wage(wages, name, role)
                                            for name, duty in people) * DAYS_PER_MONTH / days
        rows.append(row)
    table = pd.DataFrame(rows)
    total = table.drop(columns="role").sum().to_dict()
    return pd.concat([table, pd.DataFrame([{"role": "total", **total}])], ignore_index=True)


def on_horizon_of(scenario: Scenario, like: Scenario | None) -> Scenario:
    """`scenario`'s roster over `like`'s days: hours a month depend on the working days in the horizon,
    so a roster is compared with another over the same days."""
    if like is None or (scenario.start_date, scenario.days) == (like.start_date, like.days):
        return scenario
    return scenario.with_values({"start_date": like.start_date.isoformat(), "days": like.days,
                                 "warmup_days": min(scenario.warmup_days, like.days - 1)})


def hours_difference(today: pd.DataFrame, plan: pd.DataFrame) -> pd.DataFrame:
    """Plan minus today per role: officials, hours per day and month (and cost when both have it)."""
    a, b = today.set_index("role"), plan.set_index("role")
    columns = [c for c in b.columns if c in a.columns]
    out = b[columns].sub(a[columns], fill_value=0)
    return out.add_suffix("_change").reset_index()


def headcount_grid(scenario: Scenario, role: str | None = None) -> pd.DataFrame:
    """Officials on duty by weekday (rows) and clock hour (columns), averaged over that weekday's open
    days in the horizon (0.5 means on duty every other such day or half the hour); `role` limits it."""
    plan = RunSetup(scenario)
    first = plan.timetable.start.weekday()
    minutes = np.zeros((7, 24))
    for _name, r, duty in [(o.name, r, d) for o, r, d in plan.staff]:
        if role is not None and r != role:
            continue
        for start, end in duty:
            t = start
            while t < end:
                hour_end = min(end, (t // 60 + 1) * 60)
                day = int(t // MINUTES_PER_DAY)
                minutes[(day + first) % 7, int(t % MINUTES_PER_DAY // 60)] += hour_end - t
                t = hour_end
    open_days = np.zeros(7)
    for day in plan.timetable.days:
        if day.sessions:
            open_days[(day.index + first) % 7] += 1
    grid = minutes / 60 / np.maximum(open_days, 1)[:, None]
    hours = [h for h in range(24) if grid[:, h].any()]
    days = [WEEKDAYS[d] for d in range(7) if open_days[d] and grid[d].any()]
    table = pd.DataFrame(grid[[WEEKDAYS.index(d) for d in days]][:, hours], index=days,
                         columns=[f"{h:02d}" for h in hours])
    table.index.name = "weekday"
    return table.round(2)


def _wage(wages: dict[str, float], name: str, role: str) -> float:
    for key in (name, role, "default"):
        if key in wages:
            return wages[key]
    raise WageError(_(TEXT["wage_missing"]).format(path=wages.get("__path__", "wages"), who=name, role=role))


def load_wages(path: str | Path) -> dict[str, float]:
    """Read a wage table: YAML mapping grade -> VND an hour, or CSV with columns grade,vnd_per_hour."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".csv":
            rows = list(csv.DictReader(text.splitlines()))
            if not rows or not {"grade", "vnd_per_hour"} <= set(rows[0]):
                raise WageError(_(TEXT["wage_shape"]).format(path=path.name))
            data = {r["grade"].strip(): r["vnd_per_hour"] for r in rows}
        else:
            data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise WageError(_(TEXT["wage_read"]).format(path=path.name, error=exc)) from None
    if not isinstance(data, dict) or not data:
        raise WageError(_(TEXT["wage_shape"]).format(path=path.name))
    wages = {}
    for grade, value in data.items():
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = -1.0
        if not number >= 0:
            raise WageError(_(TEXT["wage_value"]).format(path=path.name, grade=grade, value=value))
        wages[str(grade)] = number
    return {**wages, "__path__": path.name}  # type: ignore[dict-item]


def cost(scenario: Scenario, wages: dict[str, float]) -> pd.DataFrame:
    """Per official: role, hours a month and VND a month at their grade's wage."""
    days = scenario.days
    rows = []
    for name, role, duty in _stretches(scenario):
        hours = sum(e - s for s, e in duty) / 60 * DAYS_PER_MONTH / days
        wage = _wage(wages, name, role)
        rows.append({"official": name, "role": role, "vnd_per_hour": wage, "hours_per_month": hours,
                     "cost_per_month_vnd": hours * wage})
    return pd.DataFrame(rows)
