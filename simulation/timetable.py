"""The centre's days laid out in simulation minutes.

Simulation time is minutes since midnight of the scenario's first day. A
`Timetable` turns the scenario's calendar and opening hours into, for each
day, its opening sessions in those minutes, and converts back to datetimes
for deadlines and records.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .calendar import WorkingCalendar

if TYPE_CHECKING:
    from .scenario import Scenario

__all__ = ["Day", "Timetable", "MINUTES_PER_DAY"]

MINUTES_PER_DAY = 24 * 60
_WEEKDAY_INDEX = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def _time(minutes: int) -> dt.time:
    return dt.time(23, 59, 59) if minutes >= MINUTES_PER_DAY else dt.time(minutes // 60, minutes % 60)


@dataclass(frozen=True)
class Day:
    index: int
    date: dt.date
    working: bool
    sessions: tuple[tuple[float, float], ...]  # absolute simulation minutes

    @property
    def weekday(self) -> str:
        return ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[self.date.weekday()]


class Timetable:
    """Days, opening sessions and deadlines of one scenario, in simulation minutes."""

    def __init__(self, scenario: "Scenario"):
        hours, cal = scenario.hours, scenario.calendar
        self.start = dt.datetime.combine(scenario.start_date, dt.time())
        self.always_open = hours.always_open
        self.horizon = scenario.days * MINUTES_PER_DAY
        if hours.always_open:
            self.calendar = WorkingCalendar(
                country=None, working_weekdays=range(7), sessions=((dt.time(0), dt.time(23, 59, 59)),)
            )
        else:
            self.calendar = WorkingCalendar(
                country=cal.country if cal.observe_holidays else None,
                observe_holidays=cal.observe_holidays,
                working_weekdays=[_WEEKDAY_INDEX[d] for d in cal.working_weekdays],
                make_up_days=cal.make_up_days,
                extra_days_off=cal.extra_days_off,
                sessions=[(_time(s.start_min), _time(s.end_min)) for s in hours.sessions],
                saturday_sessions=[(_time(s.start_min), _time(s.end_min)) for s in hours.saturday],
            )
        self.days = [self._day(i, hours) for i in range(scenario.days)]

    def _day(self, index: int, hours) -> Day:
        date = self.start.date() + dt.timedelta(days=index)
        base = index * MINUTES_PER_DAY
        if self.always_open:
            return Day(index, date, True, ((base, base + MINUTES_PER_DAY),))
        working = self.calendar.is_working_day(date)
        if working:
            sessions = hours.sessions
        elif date.weekday() == 5 and not self.calendar.is_holiday(date):
            sessions = hours.saturday
        else:
            sessions = []
        return Day(index, date, working, tuple((base + s.start_min, base + s.end_min) for s in sessions))

    # -- conversions -----------------------------------------------------------
    def to_datetime(self, minutes: float) -> dt.datetime:
        return self.start + dt.timedelta(minutes=float(minutes))

    def to_minutes(self, when: dt.datetime) -> float:
        return (when - self.start).total_seconds() / 60.0

    def day_of(self, minutes: float) -> Day | None:
        index = int(minutes // MINUTES_PER_DAY)
        return self.days[index] if 0 <= index < len(self.days) else None

    def open_sessions(self) -> list[tuple[float, float]]:
        return [s for day in self.days for s in day.sessions]

    def due_minutes(self, received: float, legal_time) -> float:
        """Legal deadline, in simulation minutes, of a dossier received at `received`."""
        if self.always_open:
            return received + MINUTES_PER_DAY * max(legal_time.days, 1)
        return self.to_minutes(self.calendar.due(self.to_datetime(received), legal_time))

    def after_working_days(self, minutes: float, days: float) -> float:
        """`minutes` moved forward by a (fractional) number of working days."""
        if days <= 0:
            return minutes
        whole = int(days)
        fraction = days - whole
        when = self.to_datetime(minutes)
        if self.always_open:
            return minutes + days * MINUTES_PER_DAY
        target = self.calendar.add_working_days(when.date(), whole) if whole else when.date()
        shifted = dt.datetime.combine(target, when.time()) + dt.timedelta(hours=8 * fraction)
        closing = self.calendar.closing_time(target)
        if shifted > closing:  # spill the fraction into the next working day's morning
            nxt = self.calendar.next_working_day(target)
            opening = dt.datetime.combine(nxt, self.calendar.sessions[0][0])
            shifted = opening + (shifted - closing)
        return self.to_minutes(shifted)

    def outcome(self, finished: float | None, due: float) -> str:
        if finished is None:
            return "backlog"
        if self.always_open:
            return "late" if finished > due else ("early" if finished // MINUTES_PER_DAY < due // MINUTES_PER_DAY else "on_time")
        return self.calendar.outcome(self.to_datetime(finished), self.to_datetime(due))
