"""Working days, office hours and legal deadlines (simulation.scenario.calendar).

Expected dates come from the Vietnamese calendar as published (and as the
`holidays` package lists it), worked out by hand for each row.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import simulation.scenario.calendar as calendar_module
from simulation.scenario.calendar import WorkingCalendar
from simulation.scenario.catalogue import LegalTime

IMMEDIATE = LegalTime("immediate")
SAME_DAY = LegalTime("same_day")
CERT = LegalTime("same_day", cutoff=time(15, 0))  # certification, Decree 23/2015


def wd(n: int) -> LegalTime:
    return LegalTime("working_days", days=n)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar()


# --------------------------------------------------------------------- holidays

@pytest.mark.parametrize(
    "day, holiday",
    [
        # Tet 2025: the package lists 28 Jan (eve) to 1 Feb, plus 27 Jan as an observed day.
        (date(2025, 1, 27), True),
        (date(2025, 1, 28), True),
        (date(2025, 1, 29), True),
        (date(2025, 1, 31), True),
        (date(2025, 2, 1), True),
        (date(2025, 2, 3), False),
        # Tet 2026: 16-20 Feb.
        (date(2026, 2, 13), False),
        (date(2026, 2, 16), True),
        (date(2026, 2, 20), True),
        (date(2026, 2, 23), False),
        # 30 April / 1 May, and 2 May 2025 swapped against Saturday 26 April.
        (date(2025, 4, 30), True),
        (date(2025, 5, 1), True),
        (date(2025, 5, 2), True),
        (date(2026, 4, 30), True),
        (date(2026, 5, 1), True),
        # National Day: 2 Sep plus an adjacent day (1 Sep in 2025).
        (date(2025, 9, 1), True),
        (date(2025, 9, 2), True),
        (date(2025, 9, 3), False),
        (date(2024, 9, 2), True),
        (date(2024, 9, 3), True),
        (date(2025, 3, 12), False),
    ],
)
def test_public_holidays_come_from_the_holidays_package(cal, day, holiday):
    assert cal.is_holiday(day) is holiday
    assert cal.is_working_day(day) is (not holiday and day.weekday() < 5)


def test_observe_holidays_false_drops_the_observed_tet_day():
    plain = WorkingCalendar(observe_holidays=False)
    assert not plain.is_holiday(date(2025, 1, 27))
    assert all(plain.is_holiday(date(2025, 1, d)) for d in (28, 29, 30, 31))
    assert plain.is_holiday(date(2025, 2, 1))


def test_country_none_has_no_public_holidays():
    bare = WorkingCalendar(country=None)
    assert not bare.is_holiday(date(2025, 9, 2))
    assert bare.is_working_day(date(2025, 9, 2))


@pytest.mark.parametrize(
    "day, fragment",
    [(date(2025, 9, 2), "National Day"), (date(2025, 1, 29), "Lunar New Year"),
     (date(2025, 4, 30), "Liberation"), (date(2025, 3, 12), None)],
)
def test_holiday_name(cal, day, fragment):
    name = cal.holiday_name(day)
    if fragment is None:
        assert name is None
    else:
        assert fragment in name


def test_holiday_names_in_vietnamese():
    assert WorkingCalendar(language="vi").holiday_name(date(2025, 9, 2)) == "Quốc khánh"
    assert WorkingCalendar(extra_days_off=[date(2025, 3, 17)]).holiday_name(date(2025, 3, 17)) == "Declared day off"


def test_holidays_are_loaded_lazily_once_per_year(monkeypatch):
    calls: list[object] = []
    real = calendar_module.holidays_package.country_holidays

    def counting(*args, **kwargs):
        calls.append(kwargs.get("years"))
        return real(*args, **kwargs)

    monkeypatch.setattr(calendar_module.holidays_package, "country_holidays", counting)
    fresh = WorkingCalendar()
    assert calls == []
    for _ in range(3):
        fresh.is_holiday(date(2031, 9, 2))
    fresh.is_working_day(date(2032, 1, 1))
    assert calls == [2031, 2032]


# -------------------------------------------------------------------- deadlines

@pytest.mark.parametrize(
    "received, legal, expected",
    [
        # ordinary week; weekends skipped
        (datetime(2025, 3, 12, 10, 0), IMMEDIATE, datetime(2025, 3, 12, 17, 0)),
        (datetime(2025, 3, 12, 6, 0), IMMEDIATE, datetime(2025, 3, 12, 17, 0)),   # before opening
        (datetime(2025, 3, 12, 16, 59), SAME_DAY, datetime(2025, 3, 12, 17, 0)),
        (datetime(2025, 3, 12, 17, 0), SAME_DAY, datetime(2025, 3, 13, 17, 0)),   # at closing
        (datetime(2025, 3, 12, 21, 30), IMMEDIATE, datetime(2025, 3, 13, 17, 0)),  # online, evening
        (datetime(2025, 3, 14, 10, 0), wd(3), datetime(2025, 3, 19, 17, 0)),      # Fri -> Wed
        (datetime(2025, 3, 14, 17, 30), wd(1), datetime(2025, 3, 18, 17, 0)),     # Fri after closing
        (datetime(2025, 3, 15, 9, 0), IMMEDIATE, datetime(2025, 3, 17, 17, 0)),   # Saturday
        (datetime(2025, 3, 16, 9, 0), wd(1), datetime(2025, 3, 18, 17, 0)),       # Sunday
        # the 15:00 rule: received AFTER 15:00 counts from the next working day; 15:00 itself is today
        (datetime(2025, 3, 12, 14, 59), CERT, datetime(2025, 3, 12, 17, 0)),
        (datetime(2025, 3, 12, 15, 0), CERT, datetime(2025, 3, 12, 17, 0)),
        (datetime(2025, 3, 12, 15, 0, 1), CERT, datetime(2025, 3, 13, 17, 0)),
        (datetime(2025, 3, 12, 15, 1), CERT, datetime(2025, 3, 13, 17, 0)),
        (datetime(2025, 3, 12, 16, 59), CERT, datetime(2025, 3, 13, 17, 0)),
        (datetime(2025, 3, 14, 15, 1), CERT, datetime(2025, 3, 17, 17, 0)),       # Friday -> Monday
        (datetime(2025, 3, 15, 16, 0), CERT, datetime(2025, 3, 17, 17, 0)),       # Saturday: Monday, not Tuesday
        (datetime(2025, 3, 14, 15, 1), LegalTime("working_days", 2, time(15, 0)),
         datetime(2025, 3, 19, 17, 0)),
        # Tet 2025 (27 Jan - 1 Feb off)
        (datetime(2025, 1, 24, 10, 0), wd(3), datetime(2025, 2, 5, 17, 0)),
        (datetime(2025, 1, 24, 16, 0), CERT, datetime(2025, 2, 3, 17, 0)),
        (datetime(2025, 1, 29, 9, 0), IMMEDIATE, datetime(2025, 2, 3, 17, 0)),    # received on a holiday
        # Tet 2026 (16-20 Feb off)
        (datetime(2026, 2, 13, 10, 0), wd(2), datetime(2026, 2, 24, 17, 0)),
        (datetime(2026, 2, 13, 15, 1), CERT, datetime(2026, 2, 23, 17, 0)),
        (datetime(2026, 2, 18, 8, 0), wd(5), datetime(2026, 3, 2, 17, 0)),
        # National Day 2025 (1-2 Sep) and 2026 (31 Aug - 2 Sep)
        (datetime(2025, 8, 29, 16, 0), CERT, datetime(2025, 9, 3, 17, 0)),
        (datetime(2025, 8, 29, 10, 0), wd(1), datetime(2025, 9, 3, 17, 0)),
        (datetime(2025, 9, 2, 10, 0), CERT, datetime(2025, 9, 3, 17, 0)),
        (datetime(2026, 8, 28, 10, 0), wd(1), datetime(2026, 9, 3, 17, 0)),
        # 30 April / 1 May (2025 also 2 May)
        (datetime(2025, 4, 29, 10, 0), wd(2), datetime(2025, 5, 6, 17, 0)),
        (datetime(2025, 4, 29, 15, 30), CERT, datetime(2025, 5, 5, 17, 0)),
        (datetime(2026, 4, 29, 10, 0), wd(1), datetime(2026, 5, 4, 17, 0)),
    ],
)
def test_due(cal, received, legal, expected):
    assert cal.due(received, legal) == expected


def test_tet_2025_without_the_observed_day():
    plain = WorkingCalendar(observe_holidays=False)
    # 27 Jan is then a working day: 27 Jan, 3 Feb, 4 Feb.
    assert plain.due(datetime(2025, 1, 24, 10, 0), wd(3)) == datetime(2025, 2, 4, 17, 0)


@pytest.mark.parametrize(
    "kwargs, received, legal, expected",
    [
        # Saturday 26 April 2025 declared a make-up working day
        ({"make_up_days": [date(2025, 4, 26)]}, datetime(2025, 4, 25, 10, 0), wd(1),
         datetime(2025, 4, 26, 17, 0)),
        # ... which the law already makes one (Notice 6150/TB-BLĐTBXH); a scenario can still declare it off
        ({}, datetime(2025, 4, 25, 10, 0), wd(1), datetime(2025, 4, 26, 17, 0)),
        ({"extra_days_off": [date(2025, 4, 26)]}, datetime(2025, 4, 25, 10, 0), wd(1),
         datetime(2025, 4, 28, 17, 0)),
        ({"make_up_days": [date(2025, 4, 26)]}, datetime(2025, 4, 26, 9, 0), IMMEDIATE,
         datetime(2025, 4, 26, 17, 0)),
        # Monday 17 March 2025 declared a day off
        ({"extra_days_off": [date(2025, 3, 17)]}, datetime(2025, 3, 14, 10, 0), wd(1),
         datetime(2025, 3, 18, 17, 0)),
        ({"extra_days_off": [date(2025, 3, 17)]}, datetime(2025, 3, 17, 10, 0), CERT,
         datetime(2025, 3, 18, 17, 0)),
        # Saturday morning opening does not make Saturday a working day
        ({"saturday_sessions": [(time(7, 30), time(11, 30))]}, datetime(2025, 3, 15, 9, 0),
         IMMEDIATE, datetime(2025, 3, 17, 17, 0)),
        ({"saturday_sessions": [(time(7, 30), time(11, 30))]}, datetime(2025, 3, 14, 10, 0),
         wd(1), datetime(2025, 3, 17, 17, 0)),
        # a different closing time
        ({"sessions": [(time(8, 0), time(12, 0)), (time(13, 0), time(16, 30))]},
         datetime(2025, 3, 12, 16, 45), SAME_DAY, datetime(2025, 3, 13, 16, 30)),
    ],
)
def test_due_with_declared_days_and_hours(kwargs, received, legal, expected):
    assert WorkingCalendar(**kwargs).due(received, legal) == expected


def test_due_keeps_the_timezone_of_receipt(cal):
    ict = timezone(timedelta(hours=7))
    due = cal.due(datetime(2025, 3, 12, 15, 30, tzinfo=ict), CERT)
    assert due == datetime(2025, 3, 13, 17, 0, tzinfo=ict)
    assert due.tzinfo is ict


# ----------------------------------------------------------------- working days

@pytest.mark.parametrize(
    "start, n, expected",
    [
        (date(2025, 3, 12), 0, date(2025, 3, 12)),
        (date(2025, 3, 15), 0, date(2025, 3, 17)),   # Saturday -> Monday
        (date(2025, 3, 15), 1, date(2025, 3, 17)),
        (date(2025, 3, 14), 1, date(2025, 3, 17)),
        (date(2025, 3, 14), 5, date(2025, 3, 21)),
        (date(2025, 1, 24), 1, date(2025, 2, 3)),    # over Tet 2025
        (date(2025, 12, 31), 1, date(2026, 1, 2)),   # over New Year, across years
    ],
)
def test_add_working_days(cal, start, n, expected):
    assert cal.add_working_days(start, n) == expected


def test_add_working_days_refuses_negative(cal):
    with pytest.raises(ValueError, match=r"n = -1: .* 0 or more"):
        cal.add_working_days(date(2025, 3, 12), -1)


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (date(2025, 3, 12), date(2025, 3, 12), 0),
        (date(2025, 3, 14), date(2025, 3, 17), 1),   # (Fri, Mon]
        (date(2025, 3, 15), date(2025, 3, 21), 5),
        (date(2025, 1, 24), date(2025, 2, 7), 5),    # Tet week contributes nothing
        (date(2025, 3, 21), date(2025, 3, 14), 0),   # reversed interval is empty
    ],
)
def test_working_days_between(cal, a, b, expected):
    assert cal.working_days_between(a, b) == expected


@settings(max_examples=60, deadline=None)
@given(start=st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 20)),
       n=st.integers(min_value=1, max_value=25))
def test_add_and_count_are_inverse(start, n):
    cal = WorkingCalendar()
    end = cal.add_working_days(start, n)
    assert cal.is_working_day(end)
    assert cal.working_days_between(start, end) == n
    assert cal.working_days_between(start, end - timedelta(days=1)) == n - 1


def test_next_working_day(cal):
    assert cal.next_working_day(date(2025, 3, 12)) == date(2025, 3, 13)
    assert cal.next_working_day(date(2025, 3, 12), include_today=True) == date(2025, 3, 12)
    assert cal.next_working_day(date(2025, 8, 29)) == date(2025, 9, 3)


# ------------------------------------------------------------------------ hours

SAT = [(time(7, 30), time(11, 30))]


@pytest.mark.parametrize(
    "day, kwargs, expected",
    [
        (date(2025, 3, 12), {}, [("07:30", "11:30"), ("13:30", "17:00")]),
        (date(2025, 3, 15), {}, []),                                   # Saturday, no opening
        (date(2025, 3, 15), {"saturday_sessions": SAT}, [("07:30", "11:30")]),
        (date(2025, 2, 1), {"saturday_sessions": SAT}, []),            # Tet Saturday
        (date(2025, 3, 16), {"saturday_sessions": SAT}, []),           # Sunday
        (date(2025, 9, 2), {}, []),                                    # holiday
        (date(2025, 4, 26), {"make_up_days": [date(2025, 4, 26)], "saturday_sessions": SAT},
         [("07:30", "11:30"), ("13:30", "17:00")]),                    # make-up Saturday: full day
        (date(2025, 3, 15), {"saturday_sessions": SAT, "extra_days_off": [date(2025, 3, 15)]}, []),
    ],
)
def test_sessions_on(day, kwargs, expected):
    sessions = WorkingCalendar(**kwargs).sessions_on(day)
    assert [(a.strftime("%H:%M"), b.strftime("%H:%M")) for a, b in sessions] == expected
    assert all(a.date() == day == b.date() for a, b in sessions)


@pytest.mark.parametrize(
    "moment, expected",
    [
        (datetime(2025, 3, 12, 7, 29), False),
        (datetime(2025, 3, 12, 7, 30), True),
        (datetime(2025, 3, 12, 11, 30), False),   # lunch break, end exclusive
        (datetime(2025, 3, 12, 13, 30), True),
        (datetime(2025, 3, 12, 16, 59), True),
        (datetime(2025, 3, 12, 17, 0), False),
        (datetime(2025, 3, 15, 9, 0), True),      # Saturday morning opening
        (datetime(2025, 3, 15, 14, 0), False),
        (datetime(2025, 9, 2, 9, 0), False),      # National Day
    ],
)
def test_is_open(moment, expected):
    assert WorkingCalendar(saturday_sessions=SAT).is_open(moment) is expected


def test_saturday_opening_is_not_a_working_day():
    cal = WorkingCalendar(saturday_sessions=SAT)
    assert cal.is_open(datetime(2025, 3, 15, 9, 0))
    assert not cal.is_working_day(date(2025, 3, 15))
    assert cal.working_days_between(date(2025, 3, 14), date(2025, 3, 17)) == 1


def test_closing_time(cal):
    assert cal.closing_time(date(2025, 3, 12)) == datetime(2025, 3, 12, 17, 0)


# ---------------------------------------------------------------------- outcome

DUE = datetime(2025, 3, 19, 17, 0)  # a Wednesday


@pytest.mark.parametrize(
    "finished, due, expected",
    [
        (None, DUE, "backlog"),
        (datetime(2025, 3, 19, 17, 1), DUE, "late"),
        (datetime(2025, 3, 20, 8, 0), DUE, "late"),
        (datetime(2025, 3, 19, 17, 0), DUE, "on_time"),
        (datetime(2025, 3, 19, 8, 0), DUE, "on_time"),        # the due day itself
        (datetime(2025, 3, 18, 16, 0), DUE, "early"),
        (datetime(2025, 3, 14, 9, 0), DUE, "early"),
        (datetime(2025, 3, 15, 10, 0), DUE, "on_time"),       # a Saturday is not an early working day
        (datetime(2025, 9, 2, 10, 0), datetime(2025, 9, 3, 17, 0), "on_time"),  # holiday
        (datetime(2025, 8, 29, 10, 0), datetime(2025, 9, 3, 17, 0), "early"),
    ],
)
def test_outcome(cal, finished, due, expected):
    assert cal.outcome(finished, due) == expected


# ------------------------------------------------------------------- bad inputs

@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"working_weekdays": (0, 7)}, r"working_weekdays = \[0, 7\]: .*0 \(Monday\) to 6 \(Sunday\)"),
        ({"working_weekdays": ()}, r"working_weekdays = \[\]"),
        ({"sessions": []}, r"sessions = \[\]: a centre needs at least one"),
        ({"sessions": [(time(12, 0), time(8, 0))]}, r"sessions\[0\] = 12:00-08:00: a session must start before"),
        ({"sessions": [(time(7, 30), time(12, 0)), (time(11, 0), time(17, 0))]},
         r"sessions\[1\] starts at 11:00, before sessions\[0\] ends at 12:00"),
        ({"saturday_sessions": [("07:30", "11:30")]}, r"saturday_sessions\[0\] = .*datetime.time"),
        ({"make_up_days": [date(2025, 4, 26)], "extra_days_off": [date(2025, 4, 26)]},
         r"2025-04-26 is both a make-up day and an extra day off"),
    ],
)
def test_bad_calendar_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        WorkingCalendar(**kwargs)


def test_calendar_survives_pickling_for_dask_workers():
    import pickle

    cal = WorkingCalendar(make_up_days=[date(2025, 4, 26)], saturday_sessions=SAT)
    cal.is_holiday(date(2025, 1, 1))  # fill the holiday cache first
    clone = pickle.loads(pickle.dumps(cal))
    received = datetime(2025, 4, 25, 10, 0)
    assert clone.due(received, wd(1)) == cal.due(received, wd(1)) == datetime(2025, 4, 26, 17, 0)


# ------------------------------------------- make-up days and the declared legal calendar

def test_saturday_26_april_2025_is_a_make_up_working_day(cal):
    """Civil servants worked Saturday 26 April 2025 and were off Friday 2 May (Notice 6150/TB-BLĐTBXH)."""
    assert cal.is_make_up_day(date(2025, 4, 26)) and cal.is_working_day(date(2025, 4, 26))
    assert not cal.is_working_day(date(2025, 5, 2))
    assert "26/04/2025" in cal.holiday_name(date(2025, 5, 2))
    assert "02/05/2025" in cal.make_up_name(date(2025, 4, 26))
    assert not cal.is_make_up_day(date(2025, 4, 19))
    # a land transfer (10 working days) received Thursday 24/04/2025: the key of procedures P10
    assert cal.due(datetime(2025, 4, 24, 9, 0), wd(10)) == datetime(2025, 5, 12, 17, 0)


def test_the_make_up_day_opens_the_centre_for_a_full_day(cal):
    assert [(a.time(), b.time()) for a, b in cal.sessions_on(date(2025, 4, 26))] == [
        (time(7, 30), time(11, 30)), (time(13, 30), time(17, 0))]


@pytest.mark.parametrize("received, expected", [
    (datetime(2025, 3, 12, 15, 0), datetime(2025, 3, 12, 17, 0)),   # exactly 15:00: still today
    (datetime(2025, 3, 12, 15, 1), datetime(2025, 3, 13, 17, 0)),   # 15:01: after 15:00
])
def test_the_cutoff_is_after_15_00_not_at_it(cal, received, expected):
    assert cal.due(received, CERT) == expected
    assert cal.due(received, LegalTime("immediate", cutoff=time(15, 0))) == expected  # birth, death, marriage


class _Package2024:
    """A `holidays` result that knows nothing of 2025's decisions (as holidays 0.50 did)."""

    weekend_workdays: set = set()

    def __init__(self, days):
        self._days = days

    def items(self):
        return self._days.items()


def test_declared_years_do_not_depend_on_the_holidays_package(monkeypatch):
    """2025 comes from simulation/data/calendar_vn.yaml: a package that lacks 1 Sep, 27 Jan and 2 May
    (as holidays 0.50 did) or has no make-up days changes no 2025 deadline."""
    calls = []

    def old_package(country, years, **kwargs):
        calls.append(years)
        return _Package2024({date(years, 1, 1): "New Year"})

    monkeypatch.setattr(calendar_module.holidays_package, "country_holidays", old_package)
    fresh = WorkingCalendar()
    assert fresh.due(datetime(2025, 8, 29, 10, 0), wd(3)) == datetime(2025, 9, 5, 17, 0)     # P8
    assert fresh.due(datetime(2025, 4, 24, 9, 0), wd(10)) == datetime(2025, 5, 12, 17, 0)    # P10
    assert fresh.due(datetime(2025, 1, 24, 9, 0), wd(3)) == datetime(2025, 2, 5, 17, 0)      # P11
    assert sum(fresh.is_working_day(date(2025, 9, d)) for d in range(1, 31)) == 20           # P12
    assert calls == []  # the package was never asked about 2025
    fresh.is_working_day(date(2027, 1, 1))
    assert calls == [2027]


def test_undeclared_years_take_make_up_days_from_the_package(monkeypatch):
    saturday, friday = date(2031, 4, 26), date(2031, 5, 2)

    class Swapped(_Package2024):
        weekend_workdays = {saturday, date(2030, 12, 28)}

    monkeypatch.setattr(calendar_module.holidays_package, "country_holidays",
                        lambda country, years, **kw: Swapped({friday: "Day off (substituted from 04/26/2031)"}))
    fresh = WorkingCalendar()
    assert fresh.is_working_day(saturday) and not fresh.is_working_day(friday)
    assert fresh.make_up_name(saturday) == "Make-up working day"
    assert not fresh.is_working_day(date(2031, 4, 19))
    assert not WorkingCalendar(extra_days_off=[saturday]).is_working_day(saturday)


def test_declared_days_carry_their_legal_source(cal):
    swap = cal.day_source(date(2025, 4, 26))
    assert swap.is_law and "6150/TB-BLĐTBXH" in swap.document and swap.complete()
    assert cal.day_source(date(2025, 9, 1)).document.startswith("Labour Code 45/2019")
    assert cal.day_source(date(2025, 3, 12)) is None
    assert cal.day_source(date(2031, 9, 2)) is None  # not declared: the package's


def test_declared_names_follow_the_language():
    assert WorkingCalendar(language="vi").holiday_name(date(2025, 5, 2)) == "Ngày nghỉ (thay cho ngày 26/04/2025)"
    assert WorkingCalendar(language="vi").make_up_name(date(2025, 4, 26)).startswith("Ngày làm bù")


def test_observe_holidays_false_keeps_the_swap_but_drops_the_observed_day():
    plain = WorkingCalendar(observe_holidays=False)
    assert plain.is_working_day(date(2025, 1, 27))
    assert plain.is_working_day(date(2025, 4, 26)) and not plain.is_working_day(date(2025, 5, 2))
