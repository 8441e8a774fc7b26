"""Working days, office hours and legal deadlines of a commune centre.

A Vietnamese commune centre opens Monday to Friday, typically 07:30-11:30 and
13:30-17:00, and closes on public holidays (New Year, the Tet week, Hung Kings'
day, 30 April, 1 May, National Day ...).  The government sometimes swaps a
weekday off against a Saturday worked (a *make-up day*), and a province may
declare an extra day off.  Some wards also open on Saturday morning for walk-in
citizens; such a Saturday is **not** a working day for counting deadlines.

Legal processing times count working days, so every deadline in the platform
is computed here: :meth:`WorkingCalendar.due` turns a receipt time and a
:class:`~simulation.scenario.catalogue.LegalTime` into a due datetime, and
:meth:`WorkingCalendar.outcome` classifies a finished dossier as early, on
time, late or still in the backlog.

Days off and make-up working days come, year by year, from the declared
legal calendar (``simulation/data/calendar_vn.yaml``: the law of a year the
course grades, with its source, independent of the installed package) or
else from the ``holidays`` package (its public holidays, substituted days off
and ``weekend_workdays``), loaded lazily per year.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from importlib import resources
from typing import TYPE_CHECKING, Literal

import holidays as holidays_package
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ..i18n import _
from .errors import format_pydantic_errors
from .legal_sources import Source, SourceModel

from .outcomes import dossier_outcome

if TYPE_CHECKING:
    from simulation.scenario.catalogue import LegalTime

__all__ = ["DeclaredDay", "WorkingCalendar", "declared_calendar"]

Outcome = Literal["early", "on_time", "late", "backlog"]
_SEARCH_LIMIT = 366 * 2  # days to search for a working day before giving up
DECLARED_RESOURCE = "data/calendar_vn.yaml"
DECLARED_DAY_OFF = "Declared day off"
PACKAGE_MAKE_UP = "Make-up working day"


class _Day(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    date: date
    name: str
    name_vi: str
    observed: bool = False
    source: SourceModel | None = None


class _Year(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    source: SourceModel
    days_off: list[_Day]
    make_up_days: list[_Day] = []


class _Declared(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    schema_version: Literal[1]
    country: str
    years: dict[int, _Year]


class DeclaredDay:
    """A day off or make-up day declared in the legal calendar, with its names and source."""

    __slots__ = ("date", "name", "name_vi", "observed", "source")

    def __init__(self, model: _Day, year_source: Source):
        self.date, self.name, self.name_vi, self.observed = model.date, model.name, model.name_vi, model.observed
        self.source: Source = model.source.build() if model.source else year_source

    def named(self, language: str) -> str:
        return self.name_vi if language == "vi" else self.name


@functools.lru_cache(maxsize=1)
def declared_calendar() -> dict[int, tuple[dict[date, DeclaredDay], dict[date, DeclaredDay]]]:
    """year -> (days off, make-up days) of the declared Vietnamese legal calendar."""
    where = "simulation/" + DECLARED_RESOURCE
    raw = yaml.safe_load(resources.files("simulation").joinpath(DECLARED_RESOURCE).read_text(encoding="utf-8"))
    try:
        document = _Declared.model_validate(raw)
    except ValidationError as exc:
        raise ValueError("\n".join(format_pydantic_errors(exc, where, _Declared))) from None
    out = {}
    for year, spec in document.years.items():
        source = spec.source.build()
        off = {d.date: DeclaredDay(d, source) for d in spec.days_off}
        make_up = {d.date: DeclaredDay(d, source) for d in spec.make_up_days}
        wrong = sorted(d for d in [*off, *make_up] if d.year != year)
        if wrong:
            raise ValueError(f"{where}: years.{year}: " + _("{day} is not in {year}").format(
                day=wrong[0].isoformat(), year=year))
        out[year] = (off, make_up)
    return out


class WorkingCalendar:
    """Working days and office hours of a commune centre (Vietnamese public holidays from the `holidays` package).

    A date is a working day when it is a declared make-up day, or when it is
    one of ``working_weekdays``, not a public holiday and not an extra day
    off.  ``observe_holidays`` is passed to the ``holidays`` package as
    ``observed``: when True the substitute days the package derives (e.g.
    "29 of Lunar New Year", a holiday falling on a Sunday moved to Monday) are
    days off too.  ``country=None`` means no public holidays at all.
    ``language`` chooses the holiday names (``"en_US"`` or ``"vi"`` for Vietnam).
    """

    def __init__(
        self,
        *,
        country: str | None = "VN",
        observe_holidays: bool = True,
        working_weekdays: Iterable[int] = (0, 1, 2, 3, 4),
        make_up_days: Iterable[date] = (),
        extra_days_off: Iterable[date] = (),
        sessions: Sequence[tuple[time, time]] = ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 0))),
        saturday_sessions: Sequence[tuple[time, time]] = (),
        language: str = "en_US",
    ) -> None:
        self.country = country
        self.language = language
        self.observe_holidays = bool(observe_holidays)
        self.working_weekdays = frozenset(working_weekdays)
        bad = sorted(d for d in self.working_weekdays if not (isinstance(d, int) and 0 <= d <= 6))
        if bad or not self.working_weekdays:
            raise ValueError(f"working_weekdays = {sorted(self.working_weekdays, key=str)}: "
                             + _("give at least one weekday number, 0 (Monday) to 6 (Sunday)"))
        self.make_up_days = frozenset(make_up_days)
        self.extra_days_off = frozenset(extra_days_off)
        both = sorted(self.make_up_days & self.extra_days_off)
        if both:
            raise ValueError(_("{day} is both a make-up day and an extra day off: a date can be only one of "
                               "them").format(day=both[0].isoformat()))
        self.sessions = _checked_sessions(sessions, "sessions")
        if not self.sessions:
            raise ValueError("sessions = []: " + _("a centre needs at least one weekday opening session"))
        self.saturday_sessions = _checked_sessions(saturday_sessions, "saturday_sessions")
        self._holidays_by_year: dict[int, dict[date, str]] = {}
        self._make_up_by_year: dict[int, dict[date, str]] = {}

    def __repr__(self) -> str:
        hours = ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in self.sessions)
        return f"WorkingCalendar(country={self.country!r}, sessions=[{hours}])"

    # -- days ------------------------------------------------------------------

    def _declared(self, year: int):
        """(days off, make-up days) declared for ``year``, or None when the package decides."""
        if self.country != "VN":
            return None
        return declared_calendar().get(year)

    def _holidays(self, year: int) -> dict[date, str]:
        table = self._holidays_by_year.get(year)
        if table is None:
            declared = self._declared(year)
            if self.country is None:
                table, make_up = {}, {}
            elif declared is not None:
                off, extra = declared
                table = {d: day.named(self.language) for d, day in off.items()
                         if self.observe_holidays or not day.observed}
                make_up = {d: day.named(self.language) for d, day in extra.items()}
            else:
                found = holidays_package.country_holidays(
                    self.country, years=year, observed=self.observe_holidays, language=self.language)
                table = dict(found.items())
                # weekend days worked instead of a substituted day off (2 May 2025 for 26 April)
                worked = getattr(found, "weekend_workdays", ()) or ()
                make_up = {d: PACKAGE_MAKE_UP for d in worked if d.year == year}
            self._holidays_by_year[year] = table
            self._make_up_by_year[year] = make_up
        return table

    def _make_up(self, year: int) -> dict[date, str]:
        self._holidays(year)
        return self._make_up_by_year[year]

    def is_holiday(self, d: date) -> bool:
        """True on a public holiday or substituted day off (declared legal calendar or the
        ``holidays`` package) or a day off the scenario declares."""
        return d in self.extra_days_off or d in self._holidays(d.year)

    def holiday_name(self, d: date) -> str | None:
        """The holiday's name, ``"Declared day off"`` for an extra day off, else None."""
        name = self._holidays(d.year).get(d)
        if name is None and d in self.extra_days_off:
            return DECLARED_DAY_OFF
        return name

    def is_make_up_day(self, d: date) -> bool:
        """A weekend day civil servants work instead of a weekday off (the law's or the scenario's)."""
        if d in self.make_up_days:
            return True
        return d.weekday() >= 5 and d not in self.extra_days_off and d in self._make_up(d.year)

    def make_up_name(self, d: date) -> str | None:
        """The make-up day's name, else None."""
        if d in self.make_up_days:
            return "Declared make-up working day"
        return self._make_up(d.year).get(d) if self.is_make_up_day(d) else None

    def day_source(self, d: date) -> Source | None:
        """The legal source of a declared day off or make-up day, else None."""
        declared = self._declared(d.year)
        if declared is None:
            return None
        off, make_up = declared
        day = off.get(d) or make_up.get(d)
        return day.source if day else None

    def is_working_day(self, d: date) -> bool:
        """Working days count towards legal deadlines (make-up Saturdays included)."""
        if self.is_make_up_day(d):
            return True
        return d.weekday() in self.working_weekdays and not self.is_holiday(d)

    def next_working_day(self, d: date, *, include_today: bool = False) -> date:
        """The first working day after ``d`` (or ``d`` itself if ``include_today`` and it is one)."""
        day = d if include_today else d + timedelta(days=1)
        for _day in range(_SEARCH_LIMIT):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise ValueError(_("no working day within {limit} days after {day}: check working_weekdays and "
                           "extra_days_off").format(limit=_SEARCH_LIMIT, day=d.isoformat()))

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d``; ``d`` itself need not be a working day.

        ``n == 0`` gives ``next_working_day(d, include_today=True)``.
        """
        if n < 0:
            raise ValueError(f"n = {n}: " + _("the number of working days must be 0 or more"))
        if n == 0:
            return self.next_working_day(d, include_today=True)
        day = d
        for _day in range(n):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, a: date, b: date) -> int:
        """The number of working days in the interval (a, b]; 0 when b <= a."""
        count = 0
        day = a + timedelta(days=1)
        while day <= b:
            count += self.is_working_day(day)
            day += timedelta(days=1)
        return count

    # -- hours -----------------------------------------------------------------

    def sessions_on(self, d: date) -> list[tuple[datetime, datetime]]:
        """Opening sessions on ``d``: weekday sessions on a working day, Saturday
        sessions on a Saturday that is neither a holiday nor a declared day off,
        none otherwise."""
        if self.is_working_day(d):
            chosen = self.sessions
        elif d.weekday() == 5 and not self.is_holiday(d):
            chosen = self.saturday_sessions
        else:
            chosen = ()
        return [(datetime.combine(d, a), datetime.combine(d, b)) for a, b in chosen]

    def is_open(self, dt: datetime) -> bool:
        """True while a session is running (start inclusive, end exclusive)."""
        naive = dt.replace(tzinfo=None)
        return any(start <= naive < end for start, end in self.sessions_on(dt.date()))

    def closing_time(self, d: date) -> datetime:
        """End of the last weekday session on ``d`` (whether or not ``d`` is a working day)."""
        return datetime.combine(d, self.sessions[-1][1])

    # -- deadlines -------------------------------------------------------------

    def due(self, received: datetime, legal: LegalTime) -> datetime:
        """The legal deadline of a dossier received at ``received``.

        Rules:

        1. The *effective receipt day* is ``received.date()`` when that is a
           working day and ``received`` is before its closing time; otherwise
           it is the next working day (a dossier received on a Saturday, a
           Sunday, a holiday or after closing counts from the next working
           day; one received before opening counts from the same day).
        2. If ``legal.cutoff`` is set and, on a working day, ``received``
           is *after* the cutoff (15:00 for certification and civil status:
           15:00:00 itself still counts today, 15:00:01 does not), the
           effective receipt day is the next working day.
        3. ``immediate`` and ``same_day``: due at closing time of the effective
           receipt day.  ``working_days`` with ``days = n``: due at closing
           time of ``add_working_days(effective_day, n)``.

        A timezone-aware ``received`` gives a due datetime in the same zone.
        """
        day = received.date()
        naive = received.replace(tzinfo=None)
        counts_today = self.is_working_day(day) and naive < self.closing_time(day)
        if counts_today and legal.cutoff is not None and naive.time() > legal.cutoff:
            counts_today = False
        effective = day if counts_today else self.next_working_day(day)
        if legal.kind == "working_days":
            effective = self.add_working_days(effective, legal.days)
        return self.closing_time(effective).replace(tzinfo=received.tzinfo)

    def outcome(self, finished: datetime | None, due: datetime) -> Outcome:
        """Classify a dossier against its deadline.

        ``None`` (not finished) -> ``"backlog"``; after ``due`` -> ``"late"``;
        finished on a working day whose date is strictly before ``due.date()``
        -> ``"early"``; otherwise (the due day itself, or a non-working day
        before it) -> ``"on_time"``.
        """
        if finished is None:
            return "backlog"
        midnight = datetime.combine(finished.date(), time(), tzinfo=finished.tzinfo)
        minutes = [(moment - midnight) / timedelta(minutes=1) for moment in (finished, due)]
        return dossier_outcome(*minutes, self.is_working_day(finished.date()))


def _checked_sessions(sessions: Sequence[tuple[time, time]], key: str) -> tuple[tuple[time, time], ...]:
    """Sessions must each start before they end and be in order without overlap."""
    checked: list[tuple[time, time]] = []
    for index, pair in enumerate(sessions):
        try:
            start, end = pair
        except (TypeError, ValueError):
            raise ValueError(f"{key}[{index}] = {pair!r}: " + _("must be a (start, end) pair of times")) from None
        if not (isinstance(start, time) and isinstance(end, time)):
            raise ValueError(f"{key}[{index}] = {pair!r}: " + _("start and end must be datetime.time values"))
        if start >= end:
            raise ValueError(f"{key}[{index}] = {start:%H:%M}-{end:%H:%M}: "
                             + _("a session must start before it ends"))
        if checked and start < checked[-1][1]:
            raise ValueError(_("{session} starts at {start}, before {previous} ends at {end}: sessions must be in "
                               "order and not overlap").format(session=f"{key}[{index}]", start=f"{start:%H:%M}",
                                                               previous=f"{key}[{index - 1}]",
                                                               end=f"{checked[-1][1]:%H:%M}"))
        checked.append((start, end))
    return tuple(checked)
