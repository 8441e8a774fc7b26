"""The centre's days laid out in simulation minutes.

Simulation time is minutes since midnight of the scenario's first day. A
`Timetable` turns the scenario's calendar and opening hours into, for each
day, its opening sessions in those minutes, and converts back to datetimes
for deadlines and records.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

import numpy as np

from ..scenario.calendar import WorkingCalendar
from ..scenario.outcomes import dossier_outcome

if TYPE_CHECKING:
    from ..scenario.model import Scenario

__all__ = ["Day", "Timetable", "MINUTES_PER_DAY"]

MINUTES_PER_DAY = 24 * 60
_CACHES: dict = {}  # deadline look-ups shared by every run of the same calendar and hours
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
        # day index -> working day?, with one day past the horizon counted as working
        self.working_mask = np.array([day.working for day in self.days] + [True], dtype=bool)
        first, last = self.calendar.sessions[0][0], self.calendar.sessions[-1][1]
        self._opening_minute = first.hour * 60 + first.minute
        self._session_minutes = [(a.hour * 60 + a.minute, b.hour * 60 + b.minute + (1 if b.second else 0))
                                 for a, b in self.calendar.sessions]
        self._office_minutes = sum(b - a for a, b in self._session_minutes)
        self._closing_minute = last.hour * 60 + last.minute + (1 if last.second else 0)
        self._working_index: list[int] = []  # day indices of the working days, from day 0 (see _working_days)
        self._working_array = np.zeros(0, dtype=np.int64)
        key = (scenario.start_date, scenario.days, cal.model_dump_json(), hours.model_dump_json())
        self._due_cache, self._shift_cache, self._next_cache = _CACHES.setdefault(key, ({}, {}, {}))
        if len(_CACHES) > 64:  # many calendars in one process (sweeps over hours): keep memory bounded
            _CACHES.clear()
            _CACHES[key] = (self._due_cache, self._shift_cache, self._next_cache)

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
        """Legal deadline, in simulation minutes, of a dossier received at `received`.

        Deadlines depend only on the receipt day, whether the receipt came
        after the cutoff or after closing, and the legal time, so they are
        computed once per such key through the calendar and then reused.
        """
        if self.always_open:
            return received + MINUTES_PER_DAY * max(legal_time.days, 1)
        day, minute = divmod(received, MINUTES_PER_DAY)
        cutoff = legal_time.cutoff
        key = (int(day), minute >= self._closing_minute,  # plain values: cheaper to hash than the dataclass
               cutoff is not None and minute > cutoff.hour * 60 + cutoff.minute,  # after it, not at it
               legal_time.kind, legal_time.days, cutoff)
        due = self._due_cache.get(key)
        if due is None:
            due = self._due_cache[key] = self.to_minutes(self.calendar.due(self.to_datetime(received), legal_time))
        return due

    def due_rule(self, legal_time) -> Callable[[float], float]:
        """`due_minutes` for one legal time, as a function of the receipt minute alone.

        The engine asks for a deadline with every dossier; a rule knows its legal time's cutoff
        and keeps the deadlines it has worked out by (receipt day, after closing?, after cutoff?),
        the only things a deadline depends on.
        """
        if self.always_open:
            span = MINUTES_PER_DAY * max(legal_time.days, 1)
            return lambda received: received + span
        closing = self._closing_minute
        cutoff = legal_time.cutoff
        cutoff_minute = math.inf if cutoff is None else cutoff.hour * 60 + cutoff.minute
        known: dict[float, float] = {}

        def due(received: float) -> float:
            day, minute = divmod(received, MINUTES_PER_DAY)
            key = day * 4 + (minute >= closing) * 2 + (minute > cutoff_minute)  # after the cutoff, not at it
            value = known.get(key)
            if value is None:
                value = known[key] = self.due_minutes(received, legal_time)
            return value

        return due

    def after_working_days(self, minutes: float, days: float) -> float:
        """`minutes` moved forward by a (fractional) number of working days.

        Whole days move to the same clock time that many working days later;
        the fraction is office time (a share of the weekday sessions), spent
        only inside sessions: it skips the lunch break, closing time and
        non-working days. Work that starts on a non-working day (a Saturday
        session) starts counting from the next working day's opening.
        """
        if days <= 0:
            return minutes
        if self.always_open:
            return minutes + days * MINUTES_PER_DAY
        whole = int(days)
        day, minute = divmod(minutes, MINUTES_PER_DAY)
        target = self._shifted(int(day), whole)
        index, started_off = target
        if started_off:
            minute = 0.0
        remaining = (days - whole) * self._office_minutes
        while True:
            base = index * MINUTES_PER_DAY
            for start, end in self._session_minutes:
                if minute < end:
                    begin = minute if minute > start else start
                    if remaining <= end - begin:
                        return base + begin + remaining
                    remaining -= end - begin
                    minute = end
            index = self._next_working_index(index)
            minute = 0.0

    def _shifted(self, day: int, whole: int) -> tuple[int, bool]:
        """(index of the day `whole` working days after day `day`, whether `day` was not a working day)."""
        key = (day, whole)
        target = self._shift_cache.get(key)
        if target is None:
            date = self.start.date() + dt.timedelta(days=day)
            started_off = not self.calendar.is_working_day(date)
            if started_off:
                date = self.calendar.next_working_day(date)
            moved = self.calendar.add_working_days(date, whole) if whole else date
            target = self._shift_cache[key] = ((moved - self.start.date()).days, started_off)
        return target

    def after_working_days_many(self, minutes, days) -> np.ndarray:
        """`after_working_days` element by element, for arrays (a run asks once, after it ends, for
        every dossier that went on to outside agencies).

        The fraction of a working day is laid on an "office clock" that runs only inside the weekday
        sessions: the finish is where that clock has advanced by the fraction's office minutes.
        """
        minutes, days = np.asarray(minutes, dtype=float), np.asarray(days, dtype=float)
        out = minutes.copy()
        move = days > 0
        if not move.any():
            return out
        m, d = minutes[move], days[move]
        if self.always_open:
            out[move] = m + d * MINUTES_PER_DAY
            return out
        whole = d.astype(np.int64)
        day = np.floor_divide(m, MINUTES_PER_DAY)
        minute = m - day * MINUTES_PER_DAY
        day = day.astype(np.int64)
        working = self._working_days(int(day.max()))
        first = np.searchsorted(working, day, side="left")  # ordinal of the first working day from then
        started_off = working[np.minimum(first, len(working) - 1)] != day
        minute = np.where(started_off, 0.0, minute)
        sessions = np.array(self._session_minutes, dtype=float)
        lengths = sessions[:, 1] - sessions[:, 0]
        office = float(lengths.sum())
        # office minutes already gone on the day it starts, plus the fraction's office minutes
        target = np.clip(minute[:, None] - sessions[:, 0], 0.0, lengths).sum(axis=1) + (d - whole) * office
        extra = np.maximum(np.ceil(target / office) - 1, 0).astype(np.int64)  # whole office days it spills
        rest = target - extra * office  # in (0, office]: office minutes into the finishing day
        cumulative = np.concatenate([[0.0], np.cumsum(lengths)])
        k = np.minimum(np.searchsorted(cumulative[1:], rest, side="left"), len(lengths) - 1)
        ordinal = first + whole + extra  # the finishing day, counted in working days
        working = self._working_days(0, count=int(ordinal.max()) + 1)
        result = working[ordinal] * MINUTES_PER_DAY + sessions[k, 0] + (rest - cumulative[k])
        exact = (d - whole) == 0  # whole days only: the scalar rule (first office minute from then)
        for i in np.flatnonzero(exact).tolist():
            result[i] = self.after_working_days(float(m[i]), float(d[i]))
        out[move] = result
        return out

    def _working_days(self, through: int, count: int = 0) -> np.ndarray:
        """Indices of the working days from day 0, at least through day `through` and at least
        `count` of them (grown on demand and kept: the calendar goes on past the horizon)."""
        known = self._working_index
        day = known[-1] + 1 if known else 0
        while not known or known[-1] < through or len(known) < count:
            if self.calendar.is_working_day(self.start.date() + dt.timedelta(days=day)):
                known.append(day)
            day += 1
        if len(self._working_array) != len(known):
            self._working_array = np.array(known, dtype=np.int64)
        return self._working_array

    def _next_working_index(self, index: int) -> int:
        """Index of the first working day after day `index` (cached: asked once per finished dossier)."""
        following = self._next_cache.get(index)
        if following is None:
            date = self.start.date() + dt.timedelta(days=index)
            following = self._next_cache[index] = (self.calendar.next_working_day(date) - self.start.date()).days
        return following

    def outcome(self, finished: float | None, due: float) -> str:
        if finished is None:
            return "backlog"
        if self.always_open:
            return dossier_outcome(finished, due)  # every day is a working day
        return self.calendar.outcome(self.to_datetime(finished), self.to_datetime(due))
