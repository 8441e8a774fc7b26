"""Officials at work: counter, guidance desk, back office and flexible staff.

The scenario's `Official` is a line of the staff list (name, skills, shift,
proficiency: what was asked); an `OfficialAtWork` is that person during one
run. On duty, an official looks for work, does it, and looks again; with
nothing to do they wait to be handed a citizen or a dossier. Each piece of
work is one wake-up of the official's reusable `Timer` whose callback finishes
it and looks for the next: an official is a small state machine driven by
events rather than a SimPy process, which halves the events per citizen.

A counter official calls tickets whose procedure field they have the skill
for; a guide helps with online submissions and VNeID accounts; a back-office
official works dossiers earliest deadline first; a flexible official serves
the ticket line when at least `policy.flexible_threshold` citizens they can
serve are waiting and works on dossiers otherwise. Proficiency divides every
service and processing time (a trained official at 1.25 is 25% faster).

An official knows only what they work with: the ticket line, the backlog, the
scanners, the work log they write their stretches of work into, and whom to
hand a served citizen to (`after_service`: a dossier for the back office, or
a later visit with the missing papers).
"""
from __future__ import annotations

import math
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from ..scenario.catalogue import FIELDS
from ..scenario.vocabulary import BACK_OFFICE_ROLES, ROLE_KINDS
from .records import Dossier, Visitor, WorkLog, need_of
from .simpy_adapter import Timer

if TYPE_CHECKING:
    import simpy

    from ..scenario.model import Official
    from .backlog import Backlog
    from .equipment import ScannerPool
    from .ticket_line import TicketLine

__all__ = ["OfficialAtWork", "ROLE_KINDS", "BACK_OFFICE_ROLES"]

SCANNED_KINDS = frozenset({"paper", "assisted_online"})
DOSSIER_KINDS = frozenset({"paper", "assisted_online"})  # visits that can leave a dossier behind


@lru_cache(maxsize=None)
def _needs_served(role: str, skills: frozenset[str]) -> frozenset[str]:
    """The citizens' needs (records.need_of) an official of this role and these skills can serve."""
    return frozenset(need_of(kind, field) for kind in ROLE_KINDS[role]
                     for field in (FIELDS if kind == "paper" else ("",))
                     if kind != "paper" or "all" in skills or field in skills)


class OfficialAtWork:
    def __init__(self, env: "simpy.Environment", official: "Official", role: str, duty: list[tuple[float, float]],
                 *, line: "TicketLine", backlog: "Backlog", scanners: "ScannerPool | None", work_log: WorkLog,
                 after_service: Callable[[Visitor], None], flexible_threshold: int = 1):
        """`scanners`: None when visits are not scanned; `after_service(visitor)` is called when a
        paper or assisted-online visit has been served."""
        self.env = env
        self.line, self.backlog, self.scanners, self.work_log = line, backlog, scanners, work_log
        self.after_service = after_service
        self.flexible_threshold = flexible_threshold
        self._timer = Timer(env)  # one piece of work in hand at a time: one wake-up pending
        self.name = official.name
        self.role = role
        self.proficiency = official.proficiency
        self.kinds = ROLE_KINDS[role]
        self.all_fields = "all" in official.skills
        self.fields = frozenset(official.skills)
        self.serves_line = role != "back_office"
        self.does_back_office = role in BACK_OFFICE_ROLES
        self.back_office_fields = FIELDS if self.all_fields else tuple(f for f in FIELDS if f in self.fields)
        # the citizens' needs (records.need_of) this official can serve: one set look-up per match
        self.serves = _needs_served(role, self.fields)
        self.duty = duty
        self._duty_starts = [start for start, _ in duty]
        self.on_duty = False
        self.duty_end = 0.0
        self._duty_start = self._off_since = 0.0
        self.idle = False          # registered with the line/backlog, waiting to be handed work
        self.current = None        # the citizen or dossier in hand
        self._pieces: list[tuple[float, float]] = []  # the dossier in hand's stretches of work
        self._started = 0.0

    # -- matching --------------------------------------------------------------
    def can_serve(self, visitor: Visitor) -> bool:
        return visitor.need in self.serves

    def can_process(self, dossier: Dossier) -> bool:
        return self.does_back_office and (self.all_fields or dossier.field in self.fields)

    def assign(self, task) -> None:
        """Hand work to this idle official (called by the ticket line or the backlog)."""
        self._unregister()
        self.current = task
        if task.__class__ is Visitor:
            self._serve(task)
        else:
            self._process(task)

    def poke(self) -> None:
        """Ask an idle official to look for work again (an outage ended)."""
        if self.idle:
            self._unregister()
            self._next()

    # -- duty ------------------------------------------------------------------
    def set_duty(self, on: bool, until: float) -> None:
        """Go on or off duty (called by the centre's roster)."""
        if on:
            self._duty_start = self.env.now
        else:
            self._off_since = self.env.now
        self.on_duty = on
        self.duty_end = until
        if not on:
            if self.idle:
                self._unregister()
        elif self.current is None and not self.idle:  # a dossier in hand goes on by itself (see _process)
            self._next()

    def _register(self) -> None:
        self.idle = True
        if self.serves_line:
            self.line.idle.append(self)
        if self.does_back_office:
            self.backlog.idle.append(self)

    def _unregister(self) -> None:
        self.idle = False
        if self.serves_line:
            try:
                self.line.idle.remove(self)
            except ValueError:
                pass
        if self.does_back_office:
            try:
                self.backlog.idle.remove(self)
            except ValueError:
                pass

    # -- finding work ----------------------------------------------------------
    def _find_work(self):
        line, backlog = self.line, self.backlog
        if self.role == "flexible":
            if line.waiting and line.can_call(self) >= self.flexible_threshold:
                return line.call_next(self)
            dossier = backlog.next_for(self) if backlog.size else None
            if dossier is not None:
                return dossier
            return line.call_next(self) if line.waiting else None
        if self.serves_line:
            return line.call_next(self) if line.waiting else None
        return backlog.next_for(self) if backlog.size else None

    def _overtime_work(self):
        line = self.line
        if self.serves_line and line.waiting and line.closing <= self.env.now < line.overtime_until:
            return line.call_next(self)
        return None

    def _next(self) -> None:
        """Start the next piece of work, or wait: idle while on duty, off duty otherwise."""
        task = self._find_work() if self.on_duty else self._overtime_work()
        if task is None:
            if self.on_duty:
                self._register()
            return
        self.current = task
        if task.__class__ is Visitor:
            self._serve(task)
        else:
            self._process(task)

    # -- serving a citizen -----------------------------------------------------
    def _serve(self, visitor: Visitor) -> None:
        now = self.env.now
        self._started = now
        visitor.called_min = now
        visitor.official = self.name
        visitor.role = self.role
        visitor.outcome = "in_service"
        duration = visitor.service_unit / self.proficiency
        scanners = self.scanners
        if scanners is not None and visitor.kind in SCANNED_KINDS:
            # documents are scanned first: wait for a free scanner, then scan, then the rest of the service
            scan = scanners.scan_min / self.proficiency
            if duration < scan:
                duration = scan
            duration += scanners.book(now, scan)
        self._timer.set(duration, self._served)

    def _served(self, _event) -> None:
        visitor, start = self.current, self._started
        now = self.env.now
        visitor.end_min = now
        visitor.outcome = "served"
        log = self.work_log
        log.activities.append((self.name, self.role, visitor.kind, start, now))
        if not self.on_duty:  # finished after closing: the overtime counts as time on duty
            log.duties.append((self.name, self.role, max(start, self._off_since), now))
        elif start < self._duty_start:  # began in overtime; the next session started meanwhile
            log.duties.append((self.name, self.role, start, self._duty_start))
        self.current = None
        if visitor.kind in DOSSIER_KINDS:
            self.after_service(visitor)
        self._next()

    # -- processing a dossier --------------------------------------------------
    def _process(self, dossier: Dossier) -> None:
        """Work on the dossier in the official's duty stretches, from now until it is done.

        The duty stretches are known in advance, so the moment the work is done is computed at
        once (one event per dossier, however many breaks and nights it spans); each stretch of
        work is recorded as an activity when the dossier is done (`unfinished` records those of a
        dossier still in hand when the run ends).
        """
        now = self.env.now
        if math.isnan(dossier.started_min):
            dossier.started_min = now
        dossier.official = self.name
        work = dossier.work_left / self.proficiency
        if self.on_duty and work < self.duty_end - now:  # done within this duty stretch: the usual case
            self._pieces = [(now, now + work)]
            self._timer.set(work, self._dossier_done)
            return
        pieces = self._pieces = []
        duty, t = self.duty, now
        for i in range(max(bisect_right(self._duty_starts, now) - 1, 0), len(duty)):
            start, end = duty[i]
            if end <= t:
                continue
            begin = t if t > start else start
            if work <= end - begin:
                pieces.append((begin, begin + work))
                self._timer.set(begin + work - now, self._dossier_done)
                return
            pieces.append((begin, end))
            work -= end - begin
        # not finished within the official's last duty stretch: still in hand when the run ends

    def _dossier_done(self, _event) -> None:
        now = self.env.now
        activities, name, role = self.work_log.activities, self.name, self.role
        for start, end in self._pieces:
            activities.append((name, role, "dossier", start, end))
        dossier, self.current = self.current, None
        dossier.work_left = 0.0
        dossier.work_done_min = now
        if dossier.external_days <= 0:
            dossier.finished_min = now
        # else outside agencies still take working days: Results adds them for all such dossiers at
        # once (Timetable.after_working_days_many)
        self._next()

    def unfinished(self, until: float) -> list[tuple]:
        """Activity records of the stretches of work done by `until` on a dossier still in hand."""
        if self.current is None or self.current.__class__ is Visitor:
            return []
        return [(self.name, self.role, "dossier", start, end) for start, end in self._pieces if end <= until]
