"""Reading what an official typed: dates, numbers and words written the Vietnamese way.

An official answers in a notebook cell. They write dates day first
(``5/9/2025``, ``05/09/2025``, ``ngày 5 tháng 9 năm 2025``), decimals with a
comma (``"12,5"``), thousands with a dot (``"1.052"``), and words with or
without diacritics (``Đăng ký`` or ``dang ky``). Three functions turn such an
answer into a plain value::

    parse_date("ngày 5 tháng 9 năm 2025")   # dt.date(2025, 9, 5)
    parse_number("12,5")                     # 12.5
    plain_text("  Đăng ký  KHAI SINH ")      # 'dang ky khai sinh'

When the answer cannot be read, they raise ``ValueError`` whose message is a
hint in the reader's language (`simulation.i18n`, Vietnamese by default) saying
what to type instead. The classic trap: ``12,5`` typed on an answer line
without quotes is the Python tuple ``(12, 5)``, and ``5/9/2025`` is a division;
both get a hint that shows the answer written the way Python reads it.

A comma is always the decimal mark (``"1,052"`` is 1.052), as in Vietnamese.
Ambiguity is refused rather than guessed: ``"1.052"`` is one thousand and
fifty-two to a Vietnamese reader and 1.052 to Python, so it gets a hint.
"""
from __future__ import annotations

import datetime as dt
import math
import numbers
import re
import unicodedata

from .i18n import _

__all__ = ["parse_date", "parse_number", "plain_text"]

_SPACES = re.compile(r"\s+")
_INTEGER = re.compile(r"^\d+$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")  # 12,5 (Vietnamese decimal)
_DECIMAL_DOT = re.compile(r"^\d+\.\d+$")  # 12.5 (Python), or 1.052 (Vietnamese thousands)
_VI_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.052.000 / 1.052,5
_EN_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")  # 1,052,000 / 1,052.5
_LEADING_NUMBER = re.compile(r"^[-+]?\d[\d.,]*")

_WEEKDAY_PREFIX = re.compile(r"^(thu\s*(hai|ba|tu|nam|sau|bay|[2-7])|chu\s*nhat|t[2-7]|cn)\s*[,:-]?\s*")
_WEEKDAY_INDEX = {"hai": 0, "ba": 1, "tu": 2, "nam": 3, "sau": 4, "bay": 5,
                  "2": 0, "3": 1, "4": 2, "5": 3, "6": 4, "7": 5}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{2}|\d{4})$")
_NO_YEAR = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*(?:[/.-]|thang)\s*(\d{1,2})$")
_LONG = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*,?\s*(?:nam\s*)?(\d{4})$")

DATE_EXAMPLE = "05/09/2025"


def plain_text(value: object) -> str:
    """Lower case, no diacritics (đ -> d), single spaces: 'Đăng ký  KHAI SINH' -> 'dang ky khai sinh'."""
    if value is None or value is Ellipsis:
        raise ValueError(_("You have not typed an answer yet."))
    if not isinstance(value, str):
        raise ValueError(_('Write the answer between quotes, for example "{example}".').format(
            example=_("birth registration")))
    text = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SPACES.sub(" ", text).strip().lower()
    if not text:
        raise ValueError(_("You have not typed an answer yet."))
    return text


def _number_hint() -> str:
    return _("Type one number, for example 12.5 (or \"12,5\" between quotes).")


def _from_tuple(value: tuple) -> float:
    """(12, 5) is what Python makes of 12,5 typed without quotes."""
    if len(value) == 2 and all(isinstance(v, int) and not isinstance(v, bool) for v in value) and value[1] >= 0:
        typed = f"{value[0]},{value[1]}"
        raise ValueError(_("You typed {typed}: Python reads the comma as a separator between two numbers. "
                           "Use a dot for the decimals: {suggestion}").format(
            typed=typed, suggestion=f"{value[0]}.{value[1]}"))
    raise ValueError(_("Python read several numbers separated by commas. {hint}").format(hint=_number_hint()))


def _from_text(raw: str) -> float:
    text = unicodedata.normalize("NFKC", raw).replace("\u2212", "-")
    text = _SPACES.sub("", text)
    if not text:
        raise ValueError(_("You have not typed an answer yet."))
    sign = -1.0 if text[0] == "-" else 1.0
    body = text[1:] if text[0] in "+-" else text
    if _INTEGER.match(body):
        return sign * float(body)
    if _DECIMAL_COMMA.match(body):
        return sign * float(body.replace(",", "."))
    if _DECIMAL_DOT.match(body):
        whole, decimals = body.split(".")
        if len(decimals) == 3 and whole != "0" and len(whole) <= 3:
            raise ValueError(_("{typed} can be read two ways. For {thousands} write it without the dot; "
                               "for a decimal number write {decimal}.").format(
                typed=text, thousands=f"{sign * float(whole + decimals):.0f}",
                decimal=f"{'-' if sign < 0 else ''}{whole},{decimals}"))
        return sign * float(body)
    if _VI_GROUPED.match(body):
        return sign * float(body.replace(".", "").replace(",", "."))
    if _EN_GROUPED.match(body) and "." in body:
        return sign * float(body.replace(",", ""))
    if body.endswith("%") and _LEADING_NUMBER.match(body[:-1]):
        raise ValueError(_("Type the number without the percent sign, as the question asks "
                           "(for example 0.125 for a share of 12.5 percent)."))
    leading = _LEADING_NUMBER.match(raw.strip())
    if leading and leading.group(0) != raw.strip():
        raise ValueError(_("Type only the number, without units or words: {number}").format(
            number=leading.group(0).rstrip(".,")))
    raise ValueError(_number_hint())


def parse_number(value: object) -> float:
    """'12,5' -> 12.5; '1.052,5' -> 1052.5; 7 -> 7.0. ValueError with a hint in the reader's language otherwise."""
    if value is None or value is Ellipsis:
        raise ValueError(_("You have not typed an answer yet."))
    if isinstance(value, bool):
        raise ValueError(_number_hint())
    if isinstance(value, numbers.Real):
        number = float(value)
    elif isinstance(value, tuple):
        return _from_tuple(value)
    elif isinstance(value, str):
        number = _from_text(value)
    else:
        raise ValueError(_number_hint())
    if not math.isfinite(number):
        raise ValueError(_number_hint())
    return number


def _build(day: int, month: int, year: int, weekday: int | None) -> dt.date:
    from .formats import short_date, weekday_name

    try:
        result = dt.date(year, month, day)
    except ValueError:
        if 1 <= month <= 12 and 1 <= year <= 9999:
            raise ValueError(_("Month {month} of {year} has no day {day}.").format(
                month=month, year=year, day=day)) from None
        if 1 <= day <= 12 and 1 <= month <= 31:
            swapped = f"{month:02d}/{day:02d}/{year}"
            raise ValueError(_("Write the day first, then the month: {suggestion}").format(
                suggestion=swapped)) from None
        raise ValueError(_("Write the date as day/month/year, for example {example}.").format(
            example=DATE_EXAMPLE)) from None
    if weekday is not None and result.weekday() != weekday:
        raise ValueError(_("{date} is a {actual}, not a {typed}.").format(
            date=short_date(result), actual=weekday_name(result), typed=weekday_name(weekday)))
    return result


def parse_date(value: object) -> dt.date:
    """'5/9/2025', '05/09/2025', '2025-09-05', 'ngày 5 tháng 9 năm 2025' -> dt.date(2025, 9, 5).

    ValueError with a hint in the reader's language when the answer is not a whole, real date.
    """
    if value is None or value is Ellipsis:
        raise ValueError(_("You have not typed an answer yet."))
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        return value.to_pydatetime().date()
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        # 5/9/2025 typed without quotes is a division
        raise ValueError(_('Put the date between quotes, for example "{example}".').format(example=DATE_EXAMPLE))
    if not isinstance(value, str):
        raise ValueError(_("Write the date as day/month/year, for example {example}.").format(example=DATE_EXAMPLE))
    text = plain_text(value).rstrip(".")
    weekday = None
    prefix = _WEEKDAY_PREFIX.match(text)
    if prefix:
        word = prefix.group(2) or prefix.group(0).strip(" ,:-").removeprefix("t")
        weekday = 6 if prefix.group(0).startswith(("chu", "cn")) else _WEEKDAY_INDEX[word]
        text = text[prefix.end():]
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
        return _build(day, month, year, weekday)
    if match := _DAY_FIRST.match(text):
        day, _sep, month, year_text = match.groups()
        if len(year_text) == 2:
            raise ValueError(_("Write the year in full: {suggestion}").format(
                suggestion=f"{int(day):02d}/{int(month):02d}/20{year_text}"))
        return _build(int(day), int(month), int(year_text), weekday)
    if match := _LONG.match(text):
        day, month, year = (int(g) for g in match.groups())
        return _build(day, month, year, weekday)
    if _NO_YEAR.match(text):
        raise ValueError(_("Write the day, the month and the year, for example {example}.").format(
            example=DATE_EXAMPLE))
    raise ValueError(_("Write the date as day/month/year, for example {example}.").format(example=DATE_EXAMPLE))
