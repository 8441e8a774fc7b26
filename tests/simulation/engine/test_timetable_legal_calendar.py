"""The engine's deadlines follow the legal calendar: the 15:00 cut-off and make-up working days."""
from __future__ import annotations

import datetime as dt

import pytest

from simulation.engine.timetable import MINUTES_PER_DAY, Timetable
from simulation.scenario import parse_scenario
from simulation.scenario.catalogue import LegalTime

CERT = LegalTime("same_day", cutoff=dt.time(15, 0))


def timetable(start, days, calendar=None):
    data = {"schema_version": 1, "name": "t", "start_date": start, "days": days,
            "demand": {"walk_in": {"rate_per_hour": 0.0}}}
    if calendar is not None:
        data["calendar"] = calendar
    return Timetable(parse_scenario(data))


@pytest.mark.parametrize("minute, due_day", [(15 * 60, 0), (15 * 60 + 1, 1), (15 * 60 + 0.5, 1)])
def test_a_dossier_received_at_15_00_counts_today_and_after_it_tomorrow(minute, due_day):
    tt = timetable("2025-03-12", 5)  # a Wednesday
    expected = due_day * MINUTES_PER_DAY + 17 * 60
    assert tt.due_minutes(minute, CERT) == expected
    assert tt.due_rule(CERT)(minute) == expected


def test_saturday_26_april_2025_is_a_working_day_with_full_sessions():
    tt = timetable("2025-04-24", 20)
    saturday = tt.days[2]
    assert saturday.date == dt.date(2025, 4, 26) and saturday.working
    assert len(saturday.sessions) == 2
    ten_days = LegalTime("working_days", days=10)
    due = tt.to_datetime(tt.due_minutes(9 * 60, ten_days))
    assert due == dt.datetime(2025, 5, 12, 17, 0)
    # a scenario may still declare the day off
    off = timetable("2025-04-24", 20, {"extra_days_off": ["2025-04-26"]})
    assert not off.days[2].working
    assert off.to_datetime(off.due_minutes(9 * 60, ten_days)) == dt.datetime(2025, 5, 13, 17, 0)
