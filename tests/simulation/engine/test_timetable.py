"""The centre's days in simulation minutes (simulation.engine.timetable)."""
from __future__ import annotations

import datetime as dt

import pytest

from simulation.scenario.catalogue import LegalTime
from simulation.scenario import parse_scenario
from simulation.engine.timetable import MINUTES_PER_DAY, Timetable

MORNING, AFTERNOON = (450, 690), (810, 1020)  # 07:30-11:30, 13:30-17:00 in minutes after midnight
IMMEDIATE = LegalTime("immediate")
CERT = LegalTime("same_day", cutoff=dt.time(15, 0))
LEGAL_TIMES = [IMMEDIATE, LegalTime("same_day"), CERT, LegalTime("working_days", days=1),
               LegalTime("working_days", days=3), LegalTime("working_days", days=10)]


def scenario(start="2025-04-28", days=7, hours=None, calendar=None):
    """28 Apr - 4 May 2025: Mon, Tue working; 30 Apr, 1 May, 2 May (substitute) public holidays; weekend."""
    data = {"schema_version": 1, "name": "t", "start_date": start, "days": days,
            "demand": {"walk_in": {"rate_per_hour": 0.0}}}
    if hours is not None:
        data["hours"] = hours
    if calendar is not None:
        data["calendar"] = calendar
    return parse_scenario(data)


def at(day: int, hh: int, mm: int = 0) -> float:
    return day * MINUTES_PER_DAY + hh * 60 + mm


@pytest.fixture(scope="module")
def holiday_week() -> Timetable:
    return Timetable(scenario())


@pytest.fixture(scope="module")
def clean_weeks() -> Timetable:
    """6-19 Jan 2025: two ordinary working weeks."""
    return Timetable(scenario(start="2025-01-06", days=14))


# -- days ----------------------------------------------------------------------

def test_day_table_follows_weekends_and_holidays(holiday_week):
    days = holiday_week.days
    assert [d.date for d in days] == [dt.date(2025, 4, 28) + dt.timedelta(days=i) for i in range(7)]
    assert [d.weekday for d in days] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert [d.working for d in days] == [True, True, False, False, False, False, False]
    for d in days:
        base = d.index * MINUTES_PER_DAY
        expected = ((base + MORNING[0], base + MORNING[1]), (base + AFTERNOON[0], base + AFTERNOON[1]))
        assert d.sessions == (expected if d.working else ())


def test_saturday_sessions_open_an_ordinary_saturday_that_is_not_a_working_day():
    tt = Timetable(scenario(hours={"saturday": [{"start": "07:30", "end": "11:30"}]}))
    saturday = tt.days[5]
    assert saturday.weekday == "sat" and not saturday.working
    assert saturday.sessions == ((at(5, 7, 30), at(5, 11, 30)),)
    assert tt.days[6].sessions == ()  # Sunday stays closed
    assert tt.days[2].sessions == ()  # so does a holiday


def test_saturday_sessions_do_not_open_a_holiday_saturday():
    # 26 Apr 2025 is an ordinary Saturday; declare it an extra day off
    tt = Timetable(scenario(start="2025-04-26", days=2, hours={"saturday": [{"start": "08:00", "end": "11:00"}]},
                            calendar={"extra_days_off": ["2025-04-26"]}))
    assert tt.days[0].sessions == ()


def test_make_up_saturday_is_a_working_day_with_weekday_sessions():
    tt = Timetable(scenario(calendar={"make_up_days": ["2025-05-03"]}))
    saturday = tt.days[5]
    assert saturday.working
    assert saturday.sessions == ((at(5, 7, 30), at(5, 11, 30)), (at(5, 13, 30), at(5, 17)))


def test_no_holidays_when_holidays_are_not_observed():
    tt = Timetable(scenario(calendar={"observe_holidays": False}))
    assert [d.working for d in tt.days] == [True] * 5 + [False] * 2


def test_open_sessions_lists_every_session_in_order(holiday_week):
    sessions = holiday_week.open_sessions()
    assert sessions == [(at(0, 7, 30), at(0, 11, 30)), (at(0, 13, 30), at(0, 17)),
                        (at(1, 7, 30), at(1, 11, 30)), (at(1, 13, 30), at(1, 17))]


def test_horizon_and_day_of(holiday_week):
    assert holiday_week.horizon == 7 * MINUTES_PER_DAY
    assert holiday_week.day_of(at(3, 10)).date == dt.date(2025, 5, 1)
    assert holiday_week.day_of(0).index == 0
    assert holiday_week.day_of(7 * MINUTES_PER_DAY) is None
    assert holiday_week.day_of(-1) is None


# -- conversions ---------------------------------------------------------------

@pytest.mark.parametrize("minutes", [0.0, 450.0, 1019.5, at(4, 23, 59), 12345.25])
def test_minutes_and_datetimes_round_trip(holiday_week, minutes):
    when = holiday_week.to_datetime(minutes)
    assert holiday_week.to_minutes(when) == pytest.approx(minutes, abs=1e-6)


def test_minute_zero_is_midnight_of_the_first_day(holiday_week):
    assert holiday_week.to_datetime(0) == dt.datetime(2025, 4, 28)
    assert holiday_week.to_datetime(at(1, 7, 30)) == dt.datetime(2025, 4, 29, 7, 30)


# -- deadlines -----------------------------------------------------------------

def test_due_minutes_agree_with_the_calendar_at_every_receipt_time(holiday_week):
    """Every 13 minutes of the week, every legal time, compared with WorkingCalendar.due itself."""
    cal = holiday_week.calendar
    for legal in LEGAL_TIMES:
        for received in range(0, 7 * MINUTES_PER_DAY, 13):
            expected = holiday_week.to_minutes(cal.due(holiday_week.to_datetime(received), legal))
            assert holiday_week.due_minutes(float(received), legal) == expected, (received, legal)


@pytest.mark.parametrize("hours, calendar", [
    ({"saturday": [{"start": "07:30", "end": "11:30"}]}, None),
    (None, {"make_up_days": ["2025-05-03"], "extra_days_off": ["2025-04-28"]}),
    ({"sessions": [{"start": "06:00", "end": "12:00"}, {"start": "12:30", "end": "24:00"}]}, None),
    (None, {"working_weekdays": ["mon", "wed", "fri", "sat"], "observe_holidays": False}),
])
def test_due_minutes_agree_with_the_calendar_for_other_hours_and_calendars(hours, calendar):
    tt = Timetable(scenario(hours=hours, calendar=calendar))
    for legal in LEGAL_TIMES:
        for received in range(5, 7 * MINUTES_PER_DAY, 17):
            expected = tt.to_minutes(tt.calendar.due(tt.to_datetime(received), legal))
            assert tt.due_minutes(float(received), legal) == expected, (received, legal)


@pytest.mark.parametrize("hours, calendar", [
    (None, None),
    ({"saturday": [{"start": "07:30", "end": "11:30"}]}, {"make_up_days": ["2025-05-03"]}),
    ({"sessions": [{"start": "06:00", "end": "12:00"}, {"start": "12:30", "end": "24:00"}]}, None),
    ({"always_open": True}, None),
])
def test_a_due_rule_gives_the_calendar_deadline_for_every_receipt_minute_in_any_order(hours, calendar):
    """The engine's per-procedure rule (`due_rule`) keeps its own answers: asked backwards, then
    forwards, on every minute of the week including the cutoff and closing minutes themselves."""
    tt = Timetable(scenario(hours=hours, calendar=calendar))
    minutes = [float(m) for m in range(0, 7 * MINUTES_PER_DAY, 7)] + [at(1, 15), at(1, 17), at(0, 16, 59.5)]
    for legal in LEGAL_TIMES:
        rule = tt.due_rule(legal)
        for received in list(reversed(minutes)) + minutes:
            expected = tt.to_minutes(tt.calendar.due(tt.to_datetime(received), legal)) if not tt.always_open \
                else tt.due_minutes(received, legal)
            assert rule(received) == expected, (received, legal)


def test_due_minutes_give_the_same_answers_on_repeat_and_from_a_second_timetable():
    first = Timetable(scenario())
    asked = [(float(r), legal) for legal in LEGAL_TIMES for r in range(0, 7 * MINUTES_PER_DAY, 97)]
    answers = [first.due_minutes(r, legal) for r, legal in asked]
    assert [first.due_minutes(r, legal) for r, legal in asked] == answers
    second = Timetable(scenario())  # shares the cache
    assert [second.due_minutes(r, legal) for r, legal in reversed(asked)] == answers[::-1]


def test_due_minutes_examples(holiday_week):
    # Monday 10:00 + three working days: Tue 29 Apr, Mon 5 May (after the holidays), Tue 6 May 17:00
    assert holiday_week.to_datetime(holiday_week.due_minutes(at(0, 10), LegalTime("working_days", days=3))) \
        == dt.datetime(2025, 5, 6, 17, 0)
    # certification at 15:10 on Tuesday counts from the next working day, Monday 5 May
    assert holiday_week.to_datetime(holiday_week.due_minutes(at(1, 15, 10), CERT)) == dt.datetime(2025, 5, 5, 17, 0)
    assert holiday_week.due_minutes(at(1, 14, 50), CERT) == at(1, 17)


def test_due_minutes_when_always_open_are_whole_days_after_receipt():
    tt = Timetable(scenario(hours={"always_open": True}))
    assert tt.due_minutes(100.0, IMMEDIATE) == 100.0 + MINUTES_PER_DAY
    assert tt.due_minutes(100.0, LegalTime("working_days", days=3)) == 100.0 + 3 * MINUTES_PER_DAY


# -- after_working_days --------------------------------------------------------

def test_whole_working_days_skip_the_weekend(clean_weeks):
    friday = 4
    assert clean_weeks.after_working_days(at(friday, 10), 1) == at(7, 10)  # Monday 13 Jan
    assert clean_weeks.after_working_days(at(friday, 10), 3) == at(9, 10)  # Wednesday


def test_whole_working_days_skip_holidays(holiday_week):
    # Tuesday 29 Apr + 1 working day -> Monday 5 May (beyond the horizon, still computed)
    assert holiday_week.after_working_days(at(1, 9), 1) == at(7, 9)


def test_zero_or_negative_days_leave_the_time_unchanged(clean_weeks):
    assert clean_weeks.after_working_days(at(2, 9, 17), 0) == at(2, 9, 17)
    assert clean_weeks.after_working_days(at(2, 9, 17), -1) == at(2, 9, 17)


def test_a_fraction_of_a_day_is_that_share_of_the_office_day(clean_weeks):
    # the office day is 07:30-11:30 + 13:30-17:00 = 450 minutes; a quarter is 112.5 minutes
    assert clean_weeks.after_working_days(at(1, 8), 0.25) == pytest.approx(at(1, 9, 52.5))
    assert clean_weeks.after_working_days(at(1, 8), 1.25) == pytest.approx(at(2, 9, 52.5))


def test_a_fraction_past_closing_spills_into_the_next_working_morning(clean_weeks):
    # Friday 16:00 + half an office day (225 min): 60 until 17:00 closing, 165 more from Monday 07:30
    assert clean_weeks.after_working_days(at(4, 16), 0.5) == at(7, 10, 15)
    # Wednesday 15:00 + 225 min: 120 on Wednesday, 105 on Thursday morning
    assert clean_weeks.after_working_days(at(2, 15), 0.5) == at(3, 9, 15)


def test_after_working_days_is_monotone_in_days(clean_weeks):
    start = at(3, 14, 20)
    moved = [clean_weeks.after_working_days(start, k / 8) for k in range(0, 40)]
    assert all(b >= a for a, b in zip(moved, moved[1:]))


def test_after_working_days_cache_gives_the_same_answers_on_repeat(clean_weeks):
    asked = [(at(d, h), x) for d in range(10) for h in (8, 12, 16) for x in (0.3, 1, 2.6)]
    first = [clean_weeks.after_working_days(m, x) for m, x in asked]
    assert [clean_weeks.after_working_days(m, x) for m, x in asked] == first


def test_a_fraction_started_on_a_saturday_ends_on_a_working_day():
    """A back-office official on duty in a Saturday session finishes work needing half a day of an outside agency."""
    tt = Timetable(scenario(start="2025-01-06", days=14, hours={"saturday": [{"start": "07:30", "end": "11:30"}]}))
    saturday = 5
    assert tt.days[saturday].sessions and not tt.days[saturday].working
    moved = tt.after_working_days(at(saturday, 10), 0.5)
    assert tt.day_of(moved).working
    assert moved == at(7, 7, 30) + 225  # counting starts at Monday's opening: 225 office minutes later


def test_a_fraction_of_a_day_never_ends_in_the_lunch_break(clean_weeks):
    moved = clean_weeks.after_working_days(at(1, 11), 0.125)  # 56.25 office minutes from 11:00
    minute = moved % MINUTES_PER_DAY
    assert not (MORNING[1] < minute < AFTERNOON[0])
    assert moved == pytest.approx(at(1, 13, 30) + 26.25)  # 30 minutes before lunch, the rest after


def test_always_open_shifts_by_calendar_days():
    tt = Timetable(scenario(hours={"always_open": True}))
    assert tt.after_working_days(100.0, 2.5) == 100.0 + 2.5 * MINUTES_PER_DAY


# -- always open ---------------------------------------------------------------

def test_always_open_makes_every_day_one_long_session():
    tt = Timetable(scenario(hours={"always_open": True}))
    assert all(d.working for d in tt.days)
    assert [d.sessions for d in tt.days] == [((i * MINUTES_PER_DAY, (i + 1) * MINUTES_PER_DAY),) for i in range(7)]


# -- outcome -------------------------------------------------------------------

def test_outcome_classifies_against_the_deadline(clean_weeks):
    due = at(2, 17)
    assert clean_weeks.outcome(None, due) == "backlog"
    assert clean_weeks.outcome(at(2, 17, 1), due) == "late"
    assert clean_weeks.outcome(at(2, 9), due) == "on_time"
    assert clean_weeks.outcome(at(1, 9), due) == "early"


def test_outcome_when_always_open():
    tt = Timetable(scenario(hours={"always_open": True}))
    due = at(2, 12)
    assert tt.outcome(None, due) == "backlog"
    assert tt.outcome(at(2, 12, 1), due) == "late"
    assert tt.outcome(at(2, 1), due) == "on_time"
    assert tt.outcome(at(1, 23), due) == "early"


@pytest.mark.parametrize("which", ["holiday_week", "clean_weeks", "saturday_mornings", "always_open"])
def test_after_working_days_many_agrees_with_the_scalar_rule(which, request):
    """The vectorised form used after a run gives, element by element, what the scalar rule gives:
    random times of day (sessions, lunch, nights, weekends, holidays) and random day counts."""
    import numpy as np

    if which == "saturday_mornings":
        timetable = Timetable(scenario(days=30, hours={"sessions": [{"start": "07:30", "end": "11:30"},
                                                                    {"start": "13:30", "end": "17:00"}],
                                                       "saturday": [{"start": "07:30", "end": "11:30"}]}))
    elif which == "always_open":
        timetable = Timetable(scenario(days=10, hours={"always_open": True}))
    else:
        timetable = request.getfixturevalue(which)
    rng = np.random.default_rng(7)
    n = 400
    minutes = rng.uniform(0, timetable.horizon, n)
    minutes[:40] = np.round(minutes[:40] / 30) * 30  # on the half hour: session edges included
    days = rng.exponential(1.5, n)
    days[40:60] = np.round(days[40:60])  # whole days, zero included
    days[60:70] = -1.0
    days[70:90] = rng.uniform(5, 25, 20)  # far past the horizon, over weekends and holidays
    many = timetable.after_working_days_many(minutes, days)
    one = np.array([timetable.after_working_days(float(m), float(d)) for m, d in zip(minutes, days)])
    np.testing.assert_allclose(many, one, rtol=0, atol=1e-6)
