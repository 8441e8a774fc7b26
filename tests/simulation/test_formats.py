"""Numbers, dates, weekdays and holidays written the reader's way."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from simulation.formats import (format_number, format_percent, holiday_name, holiday_names, long_date, short_date,
                                weekday_name)
from simulation.i18n import use_language

SEP_5 = dt.date(2025, 9, 5)


@pytest.mark.parametrize("value, digits, vi, en", [
    (1052, None, "1.052", "1,052"),
    (1052.5, None, "1.052,5", "1,052.5"),
    (12.5, 1, "12,5", "12.5"),
    (12.0, 1, "12,0", "12.0"),
    (13188, 0, "13.188", "13,188"),
    (4_400_000, 0, "4.400.000", "4,400,000"),
    (-0.25, 2, "-0,25", "-0.25"),
])
def test_numbers(value, digits, vi, en):
    assert format_number(value, digits, "vi") == vi
    assert format_number(value, digits, "en") == en


@pytest.mark.parametrize("share, digits, vi, en", [
    (0.125, 1, "12,5%", "12.5%"),
    (0.992, 1, "99,2%", "99.2%"),
    (0.6, 0, "60%", "60%"),
    (0.747, 1, "74,7%", "74.7%"),
])
def test_percentages(share, digits, vi, en):
    assert format_percent(share, digits, "vi") == vi
    assert format_percent(share, digits, "en") == en


def test_the_current_language_is_used_when_none_is_given():
    with use_language("vi"):
        assert format_number(1052.5) == "1.052,5"
        assert long_date(SEP_5) == "ngày 5 tháng 9 năm 2025"
    with use_language("en"):
        assert format_number(1052.5) == "1,052.5"
        assert long_date(SEP_5) == "5 September 2025"


@pytest.mark.parametrize("day, short, vi, en", [
    (SEP_5, "05/09/2025", "ngày 5 tháng 9 năm 2025", "5 September 2025"),
    (dt.date(2025, 12, 31), "31/12/2025", "ngày 31 tháng 12 năm 2025", "31 December 2025"),
    (dt.datetime(2025, 1, 1, 8, 0), "01/01/2025", "ngày 1 tháng 1 năm 2025", "1 January 2025"),
    (pd.Timestamp("2025-07-01 15:01"), "01/07/2025", "ngày 1 tháng 7 năm 2025", "1 July 2025"),
])
def test_dates(day, short, vi, en):
    assert short_date(day) == short
    assert long_date(day, "vi") == vi
    assert long_date(day, "en") == en


def test_weekdays_from_monday_to_sunday():
    week = [dt.date(2025, 9, 1) + dt.timedelta(days=i) for i in range(7)]  # Monday 1 September 2025
    assert [weekday_name(d, "vi") for d in week] == [
        "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
    assert [weekday_name(i, "en") for i in range(7)] == [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    with pytest.raises(ValueError, match="weekday 7: must be 0 \\(Monday\\) to 6 \\(Sunday\\)"):
        weekday_name(7)


def test_holidays_carry_their_vietnamese_names():
    assert holiday_name(dt.date(2025, 9, 2), "vi") == "Quốc khánh"
    assert holiday_name(dt.date(2025, 9, 2), "en") == "National Day"
    assert holiday_name(dt.date(2025, 1, 29), "vi") == "Tết Nguyên Đán"
    assert holiday_name(SEP_5, "vi") is None
    names = holiday_names([2025], "vi")
    assert dt.date(2025, 4, 30) in names and dt.date(2025, 5, 1) in names
    assert list(names) == sorted(names)
    # every Vietnamese name differs from the English one: the package really has a Vietnamese calendar
    english = holiday_names([2025], "en")
    assert names.keys() == english.keys()
    assert all(names[d] != english[d] for d in names)


def test_a_bad_date_is_refused_with_its_type():
    with pytest.raises(TypeError, match="expected a date, got str '05/09/2025'"):
        short_date("05/09/2025")
