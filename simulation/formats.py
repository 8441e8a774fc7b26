"""Numbers, dates, weekdays and holidays written the way the reader writes them.

A Vietnamese report writes ``12,5 phút`` and ``1.052 hồ sơ`` (decimal comma,
dot for thousands), dates ``05/09/2025`` and, in a sentence, ``ngày 5 tháng 9
năm 2025``; weekdays are ``Thứ Hai`` ... ``Chủ nhật`` and holidays carry their
Vietnamese names from the ``holidays`` package. English keeps the same
day-first short date (the one a Vietnamese office uses) and ``5 September 2025``.

Numbers and date patterns come from Babel's CLDR data; the words (weekday names,
the long-date pattern) come from the message catalogue, so a new language needs
only its ``.po``. Every function takes ``language=None`` for the current one
(`simulation.i18n.current_language`).
"""
from __future__ import annotations

import datetime as dt
import functools
from typing import Iterable

from .i18n import N_, _, current_language, normalise_language, use_language

__all__ = ["format_number", "format_percent", "short_date", "long_date", "weekday_name", "WEEKDAY_NAMES",
           "holiday_name", "holiday_names"]

# Babel locale and `holidays` language for each of our languages.
_BABEL_LOCALE = {"vi": "vi_VN", "en": "en_GB"}
_HOLIDAY_LANGUAGE = {"vi": "vi", "en": "en_US"}
WEEKDAY_NAMES = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
                 N_("Sunday"))
# TRANSLATORS: the long date in a sentence, in CLDR pattern syntax: d day, M month number, MMMM month
# name, y year; text between single quotes is written as it is (Vietnamese: 'ngày' d 'tháng' M 'năm' y).
_LONG_DATE = N_("d MMMM y")
_SHORT_DATE = "dd/MM/yyyy"  # the same in both languages: Vietnamese offices write day first


def _language(language: str | None) -> str:
    return normalise_language(language) if language else current_language()


def format_number(value: float, digits: int | None = None, language: str | None = None) -> str:
    """1052.5 -> '1.052,5' (Vietnamese) or '1,052.5' (English); `digits` fixes the decimals shown."""
    from babel.numbers import format_decimal

    pattern = None if digits is None else "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=_BABEL_LOCALE[_language(language)])


def format_percent(share: float, digits: int = 1, language: str | None = None) -> str:
    """0.125 -> '12,5%' (Vietnamese) or '12.5%' (English)."""
    from babel.numbers import format_percent as babel_percent

    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "%"
    return babel_percent(share, format=pattern, locale=_BABEL_LOCALE[_language(language)])


def _as_date(day: dt.date) -> dt.date:
    if isinstance(day, dt.datetime):
        return day.date()
    if isinstance(day, dt.date):
        return day
    if hasattr(day, "to_pydatetime"):  # a pandas Timestamp
        return day.to_pydatetime().date()
    raise TypeError(f"expected a date, got {type(day).__name__} {day!r}")


def short_date(day: dt.date) -> str:
    """dt.date(2025, 9, 5) -> '05/09/2025' (both languages)."""
    from babel.dates import format_date

    return format_date(_as_date(day), _SHORT_DATE, locale="vi_VN")


def long_date(day: dt.date, language: str | None = None) -> str:
    """dt.date(2025, 9, 5) -> 'ngày 5 tháng 9 năm 2025' (Vietnamese) or '5 September 2025' (English)."""
    from babel.dates import format_date

    language = _language(language)
    with use_language(language):
        pattern = _(_LONG_DATE)
    return format_date(_as_date(day), pattern, locale=_BABEL_LOCALE[language])


def weekday_name(day: dt.date | int, language: str | None = None) -> str:
    """A date or a weekday index (Monday 0) -> 'Thứ Hai' ... 'Chủ nhật' (Vietnamese), 'Monday' ... (English)."""
    index = day if isinstance(day, int) and not isinstance(day, bool) else _as_date(day).weekday()
    if not 0 <= index <= 6:
        raise ValueError(f"weekday {index}: must be 0 (Monday) to 6 (Sunday)")
    with use_language(_language(language)):
        return _(WEEKDAY_NAMES[index])


@functools.lru_cache(maxsize=32)
def _holidays(years: tuple[int, ...], holiday_language: str, country: str):
    import holidays

    return holidays.country_holidays(country, years=years, language=holiday_language)


def holiday_names(years: Iterable[int], language: str | None = None, country: str = "VN") -> dict[dt.date, str]:
    """Every public holiday (and declared day off) of `years`, named in `language`."""
    calendar = _holidays(tuple(sorted(set(years))), _HOLIDAY_LANGUAGE[_language(language)], country)
    return dict(sorted(calendar.items()))


def holiday_name(day: dt.date, language: str | None = None, country: str = "VN") -> str | None:
    """The holiday's name on `day` ('Quốc khánh'), or None on an ordinary day."""
    day = _as_date(day)
    return holiday_names([day.year], language, country).get(day)
