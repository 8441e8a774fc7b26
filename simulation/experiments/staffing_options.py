"""Staffing options: a head count per role (and counters per period) applied to a scenario.

A scenario may name its officials (with skills and proficiency) or just count
them. A staffing option keeps the named officials it needs, in the order they
are listed, and adds anonymous ones with every skill and the scenario's default
proficiency when it asks for more than are named. Per-period counter plans
(``staff.counter_by_hour`` / ``staff.counter_by_weekday``) say how many of the
counter officials are on duty in each clock hour or weekday.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..scenario.model import WEEKDAYS, Scenario
from ..scenario.checks import teams
from ..scenario.vocabulary import ROLES

__all__ = ["ROLES", "Staffing", "apply_staffing", "current_staffing", "open_periods"]



@dataclass(frozen=True)
class Staffing:
    """Head counts by role, plus an optional counters-per-period plan ('hour' or 'weekday')."""

    counts: tuple[tuple[str, int], ...]
    by: str | None = None
    plan: tuple[tuple[Any, int], ...] = field(default=())

    @classmethod
    def of(cls, counts: dict[str, int], by: str | None = None, plan: dict | None = None) -> "Staffing":
        return cls(tuple(sorted(counts.items())), by, tuple(sorted((plan or {}).items(), key=lambda kv: _order(kv[0]))))

    @property
    def as_dict(self) -> dict[str, int]:
        return dict(self.counts)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def with_count(self, role: str, n: int) -> "Staffing":
        return Staffing.of({**self.as_dict, role: n}, self.by, dict(self.plan))

    def with_period(self, period: Any, n: int) -> "Staffing":
        return Staffing.of(self.as_dict, self.by, {**dict(self.plan), period: n})

    def label(self) -> str:
        text = ", ".join(f"{role}={n}" for role, n in sorted(self.counts, key=lambda kv: ROLES.index(kv[0])))
        if self.plan:
            text += f"; counters by {self.by}: " + " ".join(f"{p}:{n}" for p, n in self.plan)
        return text


def _order(period: Any) -> int:
    return WEEKDAYS.index(period) if isinstance(period, str) else int(period)


def current_staffing(scenario: Scenario) -> dict[str, int]:
    return {role: len(team) for role, team in teams(scenario).items()}


def _team_value(scenario: Scenario, role: str, n: int) -> Any:
    team = getattr(scenario.staff, role)
    if isinstance(team, int):
        return n
    named = [official.model_dump(mode="json") for official in team[:n]]
    label = role.replace("_", " ")
    extra = [{"name": f"extra {label} {i + 1}", "skills": ["all"], "proficiency": scenario.staff.proficiency}
             for i in range(n - len(named))]
    return named + extra


def apply_staffing(scenario: Scenario, staffing: Staffing) -> Scenario:
    """The scenario with this staffing (raises ScenarioError if the option is not a valid scenario)."""
    values: dict[str, Any] = {f"staff.{role}": _team_value(scenario, role, n) for role, n in staffing.counts}
    counters = staffing.as_dict.get("counter", len(teams(scenario)["counter"]))
    by_hour = {h: min(k, counters) for h, k in scenario.staff.counter_by_hour.items()}
    by_weekday = {d: min(k, counters) for d, k in scenario.staff.counter_by_weekday.items()}
    if staffing.by == "hour":
        by_hour = {int(h): int(k) for h, k in staffing.plan}
    elif staffing.by == "weekday":
        by_weekday = {str(d): int(k) for d, k in staffing.plan}
    values["staff.counter_by_hour"] = by_hour
    values["staff.counter_by_weekday"] = by_weekday
    return scenario.with_values(values)


def open_periods(scenario: Scenario, by: str) -> list[Any]:
    """The clock hours (0..23) or weekdays ('mon'..) in which the centre is open."""
    hours = scenario.hours
    if by == "weekday":
        days = [d for d in WEEKDAYS if d in scenario.calendar.working_weekdays]
        if hours.saturday and "sat" not in days:
            days.append("sat")
        return list(WEEKDAYS) if hours.always_open else days
    if by != "hour":
        raise ValueError(f"by = {by!r}: must be 'hour' or 'weekday'")
    if hours.always_open:
        return list(range(24))
    found = set()
    for session in [*hours.sessions, *hours.saturday]:
        found.update(range(session.start_min // 60, (session.end_min - 1) // 60 + 1))
    return sorted(found)
