"""The shared words (roles, visitor kinds), the one clock-time reader and the one dossier outcome rule."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from simulation.scenario.calendar import WorkingCalendar
from simulation.scenario.clock import format_hhmm, parse_hhmm
from simulation.scenario.model import Staff, WalkIn
from simulation.scenario.outcomes import OUTCOMES, RESOLVED, dossier_outcome, dossier_outcomes
from simulation.scenario.vocabulary import (BACK_OFFICE_ROLES, LINE_ROLES, ROLE_KINDS, ROLES, SERVICE_KINDS,
                                            VISITOR_KINDS)


# -- vocabulary ----------------------------------------------------------------------------------------
def test_the_roles_are_the_staff_fields_of_the_schema():
    assert set(ROLES) == {name for name in Staff.model_fields if not name.startswith(("proficiency", "counter_by"))}
    assert set(LINE_ROLES) | BACK_OFFICE_ROLES == set(ROLES) and set(ROLE_KINDS) == set(ROLES)
    assert not ROLE_KINDS["back_office"] and all(ROLE_KINDS[role] for role in LINE_ROLES)


def test_the_visitor_kinds_are_the_schema_mix_and_the_service_times():
    with pytest.raises(ValueError, match="account_help"):
        WalkIn(rate_per_hour=1, mix={"cook": 1.0})
    assert set(SERVICE_KINDS) < set(VISITOR_KINDS)
    assert all(kind in ROLE_KINDS["counter"] for kind in VISITOR_KINDS)


# -- clock times ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, minutes", [("00:00", 0), ("07:30", 450), ("7:30", 450), (" 17:05 ", 1025),
                                           ("24:00", 1440)])
def test_clock_times_read_as_minutes_after_midnight(text, minutes):
    assert parse_hhmm(text) == minutes
    assert format_hhmm(minutes) == text.strip().zfill(5)


@pytest.mark.parametrize("value, message", [
    ("25:00", "between 00:00 and 24:00"), ("24:01", "between 00:00 and 24:00"), ("12:60", "HH:MM"),
    ("noon", "HH:MM"), ("1230", "HH:MM"), (None, "HH:MM"), (True, "HH:MM"),
    (690, 'YAML reads an unquoted 11:30 as the number 690'), (17, 'in quotes, e.g. "11:30"$'),
])
def test_clock_times_refuse_what_is_not_hh_mm(value, message):
    with pytest.raises(ValueError, match=message):
        parse_hhmm(value)


def test_a_cutoff_may_stop_before_midnight():
    assert parse_hhmm("23:59", latest=23 * 60 + 59) == 1439
    with pytest.raises(ValueError, match="between 00:00 and 23:59"):
        parse_hhmm("24:00", latest=23 * 60 + 59)


# -- dossier outcomes ----------------------------------------------------------------------------------
DAY = 1440


@pytest.mark.parametrize("finished, due, working, outcome", [
    (None, 2 * DAY + 600, [True], "backlog"),
    (np.nan, 2 * DAY + 600, [True], "backlog"),
    (2 * DAY + 601, 2 * DAY + 600, [True], "late"),
    (2 * DAY + 600, 2 * DAY + 600, [True], "on_time"),       # at the due minute itself
    (2 * DAY + 60, 2 * DAY + 600, [True], "on_time"),        # on the due day
    (DAY + 1000, 2 * DAY + 600, [True], "early"),            # a working day before it
    (DAY + 1000, 2 * DAY + 600, [True, False, True], "on_time"),  # a day off before it is not "early"
    (5 * DAY, 2 * DAY + 600, [True], "late"),
])
def test_the_outcome_rule(finished, due, working, outcome):
    assert dossier_outcomes([np.nan if finished is None else finished], [due], working)[0] == outcome
    day = 0 if finished is None or finished != finished else int(finished // DAY)
    assert dossier_outcome(finished, due, bool(working[min(day, len(working) - 1)])) == outcome
    assert outcome in OUTCOMES and set(RESOLVED) < set(OUTCOMES)


def test_the_calendar_and_the_columns_give_the_same_outcome():
    """The calendar's rule on date-times and the column rule on minutes agree on every hour of two weeks."""
    calendar = WorkingCalendar()
    start = dt.datetime(2025, 8, 25)                       # Monday; 2 September is National Day
    working = [calendar.is_working_day((start + dt.timedelta(days=d)).date()) for d in range(14)]
    due = dt.datetime(2025, 9, 3, 17)
    finished = [start + dt.timedelta(hours=h) for h in range(14 * 24)]
    minutes = [(f - start) / dt.timedelta(minutes=1) for f in finished]
    columns = dossier_outcomes(minutes, [(due - start) / dt.timedelta(minutes=1)] * len(minutes), working)
    assert list(columns) == [calendar.outcome(f, due) for f in finished]
    assert {"early", "on_time", "late"} <= set(columns)
