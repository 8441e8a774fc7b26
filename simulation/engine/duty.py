"""When each official is on duty: opening sessions cut by their shift, absences and head-count plans."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..scenario.clock import parse_hhmm
from .timetable import MINUTES_PER_DAY, Timetable

if TYPE_CHECKING:
    from ..scenario.model import Official, Scenario

__all__ = ["duty_intervals", "merged"]


def merged(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sorted intervals with touching or overlapping ones joined."""
    out: list[tuple[float, float]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def duty_intervals(scenario: "Scenario", timetable: Timetable, official: "Official", role: str, rank: int
                   ) -> list[tuple[float, float]]:
    """The official's on-duty stretches in simulation minutes.

    A counter official of rank r (0 = first listed) is on duty in clock hour h
    only while r < staff.counter_by_hour[h] and r < staff.counter_by_weekday[day]
    when those plans are given.
    """
    staff = scenario.staff
    shift = official.shift
    shift_start, shift_end = parse_hhmm(shift.start), parse_hhmm(shift.end)
    absent = set(official.absent)
    by_hour = staff.counter_by_hour if role == "counter" else {}
    by_weekday = staff.counter_by_weekday if role == "counter" else {}
    pieces: list[tuple[float, float]] = []
    for day in timetable.days:
        if day.date in absent or (not timetable.always_open and day.weekday not in shift.days):
            continue
        if by_weekday and rank >= by_weekday.get(day.weekday, rank + 1):
            continue
        base = day.index * MINUTES_PER_DAY
        for start, end in day.sessions:
            start, end = max(start, base + shift_start), min(end, base + shift_end)
            if end <= start:
                continue
            if not by_hour:
                pieces.append((start, end))
                continue
            t = start
            while t < end:
                hour_end = min(end, (t // 60 + 1) * 60)
                if rank < by_hour.get(int((t - base) // 60), rank + 1):
                    pieces.append((t, hour_end))
                t = hour_end
    return merged(pieces)
