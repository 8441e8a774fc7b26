"""Checks that look across fields of a parsed scenario (procedure ids, who can serve whom).

The functions take a `simulation.scenario.model.Scenario`, which runs `cross_check` while it is parsed;
this module therefore does not import the model.
"""
from __future__ import annotations

import difflib
from typing import Any

from ..i18n import _
from .catalogue import load_catalogue
from .vocabulary import VISITOR_KINDS

__all__ = ["cross_check", "teams"]

UNIFORM_MAX_CV = 3 ** -0.5


def teams(scenario: Any) -> dict[str, list]:
    """Each role's officials as a list (head counts become anonymous officials): `Staff.teams`."""
    return scenario.staff.teams()


def _after_start(start: str) -> str:
    """`start` as the file shows it: '07:30' (quoted)."""
    return _("must be after start {start}").format(start=start)


def _counter_range(most: int) -> str:
    return _("must be 0..{most} (counter officials)").format(most=most)


def _unknown_id(proc: str, allowed: set[str]) -> str:
    close = difflib.get_close_matches(proc, sorted(allowed), n=1)
    if close:
        return _("unknown procedure id (did you mean {suggestion!r}? allowed: {allowed})").format(
            suggestion=close[0], allowed=", ".join(sorted(allowed)))
    return _("unknown procedure id (allowed: {allowed})").format(allowed=", ".join(sorted(allowed)))


def _mix_problems(path: str, mix: dict[str, float], allowed: set[str] | None, needed: bool) -> list[str]:
    problems = []
    for key, weight in mix.items():
        if allowed is not None and key not in allowed:
            problems.append(f"{path}.{key} = {weight!r}: {_unknown_id(key, allowed)}")
        if weight < 0:
            problems.append(f"{path}.{key} = {weight!r}: " + _("a weight must be zero or more"))
    if needed and sum(w for w in mix.values() if w > 0) <= 0:
        problems.append(f"{path} = {mix!r}: " + _("give at least one positive weight"))
    return problems


def _profile_problems(path: str, profile: dict, hours: bool) -> list[str]:
    problems = []
    for key, value in profile.items():
        if hours and not 0 <= key <= 23:
            problems.append(f"{path}.{key} = {value!r}: " + _("hour must be 0..23"))
        if value < 0:
            problems.append(f"{path}.{key} = {value!r}: " + _("a multiplier must be zero or more"))
    return problems


def _session_problems(path: str, sessions) -> list[str]:
    problems = []
    previous_end = -1
    for i, session in enumerate(sessions):
        if session.end_min <= session.start_min:
            problems.append(f"{path}[{i}].end = {session.end!r}: " + _after_start(repr(session.start)))
        if session.start_min < previous_end:
            problems.append(f"{path}[{i}].start = {session.start!r}: " + _(
                "sessions must be in order and not overlap (session {previous} ends {end!r})").format(
                previous=i - 1, end=sessions[i - 1].end))
        previous_end = max(previous_end, session.end_min)
    return problems


def cross_check(scenario: Any) -> list[str]:
    """Every cross-field problem, as `key.path = value: what is allowed` lines."""
    ids = set(load_catalogue())
    demand = scenario.demand
    walk, online = demand.walk_in, demand.online
    problems: list[str] = []
    problems += _mix_problems("demand.walk_in.mix", dict(walk.mix), None, walk.rate_per_hour > 0)
    problems += _mix_problems("demand.walk_in.procedure_mix", dict(walk.procedure_mix), ids, walk.rate_per_hour > 0)
    problems += _mix_problems("demand.online.procedure_mix", dict(online.procedure_mix), ids, online.per_day > 0)
    problems += _profile_problems("demand.walk_in.hourly_profile", walk.hourly_profile, True)
    problems += _profile_problems("demand.walk_in.weekday_profile", walk.weekday_profile, False)
    problems += _profile_problems("demand.online.hourly_profile", online.hourly_profile, True)
    problems += _profile_problems("demand.online.weekday_profile", online.weekday_profile, False)
    problems += _session_problems("hours.sessions", scenario.hours.sessions)
    problems += _session_problems("hours.saturday", scenario.hours.saturday)
    if not scenario.hours.always_open and not scenario.hours.sessions:
        problems.append("hours.sessions = []: " + _("give at least one opening session or set "
                                                    "hours.always_open: true"))
    if not scenario.hours.always_open and not scenario.calendar.working_weekdays:
        problems.append("calendar.working_weekdays = []: " + _(
            "give at least one working weekday, e.g. [mon, tue, wed, thu, fri] (or set hours.always_open: true)"))
    if scenario.warmup_days >= scenario.days:
        problems.append(f"warmup_days = {scenario.warmup_days}: " + _("must be less than days ({days})").format(
            days=scenario.days))
    # the engine's WorkingCalendar refuses such a date; say so here, with the key, before any run
    for i, day in enumerate(scenario.calendar.make_up_days):
        if day in scenario.calendar.extra_days_off:
            problems.append(f"calendar.make_up_days[{i}] = '{day.isoformat()}': " + _(
                "also in calendar.extra_days_off: a date can be only one of them"))
    for i, outage in enumerate(demand.outages):
        if outage.end <= outage.start:
            problems.append(f"demand.outages[{i}].end = '{outage.end}': " + _after_start(f"'{outage.start}'"))
        if outage.procedures != "all":
            for j, proc in enumerate(outage.procedures):
                if proc not in ids:
                    problems.append(f"demand.outages[{i}].procedures[{j}] = {proc!r}: {_unknown_id(proc, ids)}")
    problems += _staff_problems(scenario, ids)
    problems += _duration_problems(scenario)
    problems += _scanner_outage_problems(scenario)
    return problems


def _scanner_outage_problems(scenario: "Scenario") -> list[str]:
    eq = scenario.equipment
    problems = []
    for i, outage in enumerate(eq.scanner_outages):
        path = f"equipment.scanner_outages[{i}]"
        if not eq.scanners:
            problems.append(f"{path}: equipment.scanners = {eq.scanners!r}: " + _(
                "a scanner outage needs scanners (set equipment.scanners to the number the centre has)"))
        elif outage.scanners is not None and outage.scanners > eq.scanners:
            problems.append(f"{path}.scanners = {outage.scanners}: " + _(
                "at most the centre's {scanners} scanners").format(scanners=eq.scanners))
        if outage.end <= outage.start:
            problems.append(f"{path}.end = '{outage.end}': " + _after_start(f"'{outage.start}'"))
    return problems


def _duration_problems(scenario: Any) -> list[str]:
    """A uniform duration with mean m and cv c spans m(1 ± c·√3): c above 1/√3 would need negative times."""
    durations = {f"service.{kind}": getattr(scenario.service, kind)
                 for kind in VISITOR_KINDS}
    durations["demand.walk_in.patience"] = scenario.demand.walk_in.patience
    problems = []
    for path, d in durations.items():
        if d is not None and d.dist == "uniform" and d.cv > UNIFORM_MAX_CV:
            problems.append(f"{path}.cv = {d.cv!r}: " + _(
                "a uniform duration needs cv at most {limit} (1/sqrt(3)) so that no duration is negative; use "
                "lognormal for more spread").format(limit=f"{UNIFORM_MAX_CV:.3f}"))
    return problems


def _staff_problems(scenario: Any, ids: set[str]) -> list[str]:
    staff = scenario.staff
    crew = teams(scenario)
    problems = []
    names = [o.name for team in crew.values() for o in team]
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append("staff: " + _("official name {name!r} is used twice; names must be unique").format(name=name))
    for role, team in crew.items():
        for i, official in enumerate(team):
            if official.shift.end <= official.shift.start:  # zero-padded HH:MM compares as text
                problems.append(f"staff.{role}[{i}].shift.end = {official.shift.end!r}: "
                                + _after_start(repr(official.shift.start)))
            if not official.skills:
                problems.append(f"staff.{role}[{i}].skills = []: " + _("give at least one field, or 'all'"))
            if "all" in official.skills and len(official.skills) > 1:
                problems.append(f"staff.{role}[{i}].skills = {list(official.skills)!r}: " + _(
                    "'all' cannot be combined"))
    n_counter = len(crew["counter"])
    for key, value in staff.counter_by_hour.items():
        if not 0 <= key <= 23:
            problems.append(f"staff.counter_by_hour.{key} = {value!r}: " + _("hour must be 0..23"))
        if not 0 <= value <= n_counter:
            problems.append(f"staff.counter_by_hour.{key} = {value!r}: " + _counter_range(n_counter))
    for key, value in staff.counter_by_weekday.items():
        if not 0 <= value <= n_counter:
            problems.append(f"staff.counter_by_weekday.{key} = {value!r}: " + _counter_range(n_counter))
    walk = scenario.demand.walk_in
    if walk.rate_per_hour > 0 and walk.mix.get("paper", 0) > 0:
        catalogue = load_catalogue()
        servers = crew["counter"] + crew["flexible"]
        for proc, weight in walk.procedure_mix.items():
            if weight <= 0 or proc not in ids:
                continue
            field = catalogue[proc].field
            if not any("all" in o.skills or field in o.skills for o in servers):
                problems.append(f"demand.walk_in.procedure_mix.{proc}: " + _(
                    "no counter or flexible official has the skill {skill!r} (add it to someone's skills or "
                    "remove the procedure)").format(skill=field))
    if walk.rate_per_hour > 0 and not (crew["counter"] or crew["flexible"] or crew["guide"]):
        problems.append("staff: " + _("walk-in citizens arrive but no counter, guide or flexible official is on "
                                      "the staff"))
    only_guides = not (crew["counter"] or crew["flexible"])
    if walk.rate_per_hour > 0 and only_guides and any(walk.mix.get(k, 0) > 0 for k in ("paper", "pickup")):
        problems.append("staff: " + _("paper dossiers and pick-ups need a counter or flexible official; guides "
                                      "only help online"))
    return problems
