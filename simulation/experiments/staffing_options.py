"""Staffing options: a head count per role (and counters per period) applied to a scenario.

A scenario may name its officials (with skills and proficiency) or just count
them. A staffing option keeps the named officials it needs, in the order they
are listed, and adds anonymous ones with every skill and the scenario's default
proficiency when it asks for more than are named. Per-period counter plans
(``staff.counter_by_hour`` / ``staff.counter_by_weekday``) say how many of the
counter officials are on duty in each clock hour or weekday.

A head count means the same in `run`, `sweep`, `compare` and `plan`: the first
N officials of the role as listed, plus new officials of the scenario's default
proficiency when N is more than are named (`team_of`). Changes a planner
writes are to named officials: ``remove "Dinh Thi Mai"``, ``add "counter:1.0"``
(one counter official of proficiency 1.0), and `roster_changes` says who.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import StaffChangeError
from ..i18n import N_, _
from ..scenario.model import WEEKDAYS, Scenario
from ..scenario.checks import teams
from ..scenario.vocabulary import ROLES
from ..formats import format_number
from .table_words import role_word

__all__ = ["ROLES", "Staffing", "apply_staffing", "current_staffing", "open_periods", "team_of", "roster",
           "roster_changes", "change_officials", "StaffChangeError", "TEXT"]

TEXT = {
    "new": N_("new {role} official {i}"),
    "unknown": N_("remove {name!r}: no official of that name (on the staff: {names})"),
    "add_syntax": N_("add {text!r}: write ROLE[:PROFICIENCY[:NAME]], e.g. counter:1.0 or \"back_office:0.9:Le Van An\" "
                     "(roles: {roles})"),
    "removed": N_("{role}: without {names}"),
    "added": N_("{role}: with {names}"),
    "person": N_("{name} (proficiency {proficiency})"),
    "same": N_("the same officials"),
}


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
            by = _("hour") if self.by == "hour" else _("weekday")
            text += _("; counters by {by}: ").format(by=by) + " ".join(f"{p}:{n}" for p, n in self.plan)
        return text


def _order(period: Any) -> int:
    return WEEKDAYS.index(period) if isinstance(period, str) else int(period)


def current_staffing(scenario: Scenario) -> dict[str, int]:
    return {role: len(team) for role, team in teams(scenario).items()}


def team_of(scenario: Scenario, role: str, n: int) -> Any:
    """The value of ``staff.<role>`` for a head count of `n`: the first n officials as listed, then new
    ones with every skill and the scenario's default proficiency (a bare count stays a count)."""
    team = getattr(scenario.staff, role)
    if isinstance(team, int):
        return n
    named = [official.model_dump(mode="json") for official in team[:n]]
    label = role_word(role)
    taken = {o.name for o in team}
    extra, i = [], 0
    while len(named) + len(extra) < n:
        i += 1
        name = _(TEXT["new"]).format(role=label, i=i)
        if name not in taken:
            extra.append({"name": name, "skills": ["all"], "proficiency": scenario.staff.proficiency})
    return named + extra


def roster(scenario: Scenario) -> list[tuple[str, str, float]]:
    """(role, name, proficiency) of every official, in role order."""
    crew = teams(scenario)
    return [(role, o.name, o.proficiency) for role in ROLES for o in crew[role]]


def roster_changes(before: Scenario, after: Scenario) -> list[str]:
    """Who leaves and who joins, role by role (named officials; new ones by their names)."""
    a, b = teams(before), teams(after)
    lines = []
    for role in ROLES:
        old = {o.name: o for o in a[role]}
        new = {o.name: o for o in b[role]}
        gone = [_(TEXT["person"]).format(name=n, proficiency=format_number(o.proficiency)) for n, o in old.items() if n not in new]
        came = [_(TEXT["person"]).format(name=n, proficiency=format_number(o.proficiency)) for n, o in new.items() if n not in old]
        label = role_word(role)
        if gone:
            lines.append(_(TEXT["removed"]).format(role=label, names=", ".join(gone)))
        if came:
            lines.append(_(TEXT["added"]).format(role=label, names=", ".join(came)))
    return lines or [_(TEXT["same"])]


def change_officials(scenario: Scenario, remove: list[str] = (), add: list[str] = ()) -> Scenario:
    """The scenario without the named officials and with new ones (``ROLE[:PROFICIENCY[:NAME]]``)."""
    crew = {role: [o.model_dump(mode="json") for o in team] for role, team in teams(scenario).items()}
    names = [o["name"] for team in crew.values() for o in team]
    for name in remove:
        if name not in names:
            raise StaffChangeError(_(TEXT["unknown"]).format(name=name, names=", ".join(names)))
        for role in crew:
            crew[role] = [o for o in crew[role] if o["name"] != name]
    for text in add:
        parts = [p.strip() for p in text.split(":")]
        role = parts[0]
        try:
            proficiency = float(parts[1]) if len(parts) > 1 and parts[1] else scenario.staff.proficiency
        except ValueError:
            proficiency = -1.0
        if role not in ROLES or len(parts) > 3 or proficiency <= 0:
            raise StaffChangeError(_(TEXT["add_syntax"]).format(text=text, roles=", ".join(ROLES)))
        taken = {o["name"] for team in crew.values() for o in team}
        name = parts[2] if len(parts) > 2 and parts[2] else None
        i = 0
        while name is None:
            i += 1
            candidate = _(TEXT["new"]).format(role=role_word(role), i=i)
            name = None if candidate in taken else candidate
        crew[role].append({"name": name, "skills": ["all"], "proficiency": proficiency})
    return scenario.with_values({f"staff.{role}": team for role, team in crew.items()})


def apply_staffing(scenario: Scenario, staffing: Staffing) -> Scenario:
    """The scenario with this staffing (raises ScenarioError if the option is not a valid scenario)."""
    values: dict[str, Any] = {f"staff.{role}": team_of(scenario, role, n) for role, n in staffing.counts}
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
