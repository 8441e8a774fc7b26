"""Officials at work: counter, guidance desk, back office and flexible staff.

Each official is one SimPy process. On duty, they look for work, do it, and
look again; with nothing to do they wait to be handed a citizen or a dossier.
A counter official calls tickets whose procedure field they have the skill
for; a guide helps with online submissions and VNeID accounts; a back-office
official works dossiers earliest deadline first; a flexible official serves
the ticket line when at least `policy.flexible_threshold` citizens they can
serve are waiting and works on dossiers otherwise. Proficiency divides every
service and processing time (a trained official at 1.25 is 25% faster) and
the rework rate.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .procedures import FIELDS
from .records import Dossier, Visitor

if TYPE_CHECKING:
    from .centre import Centre
    from .scenario import Official

__all__ = ["OfficialAtWork", "ROLE_KINDS"]

ROLE_KINDS = {
    "counter": frozenset({"paper", "pickup", "assisted_online", "account_help"}),
    "guide": frozenset({"assisted_online", "account_help"}),
    "flexible": frozenset({"paper", "pickup", "assisted_online", "account_help"}),
    "back_office": frozenset(),
}
SCANNED_KINDS = frozenset({"paper", "assisted_online"})


class OfficialAtWork:
    def __init__(self, centre: "Centre", official: "Official", role: str, duty: list[tuple[float, float]]):
        self.centre = centre
        self.env = centre.env
        self.name = official.name
        self.role = role
        self.proficiency = official.proficiency
        self.kinds = ROLE_KINDS[role]
        self.all_fields = "all" in official.skills
        self.fields = frozenset(official.skills)
        self.serves_line = role != "back_office"
        self.does_back_office = role in ("back_office", "flexible")
        self.back_office_fields = FIELDS if self.all_fields else tuple(f for f in FIELDS if f in self.fields)
        self.duty = duty
        self.on_duty = False
        self.duty_end = 0.0
        self._duty_start = self._off_since = 0.0
        self.wake = None
        self.duty_event = None
        self.env.process(self._work())

    # -- matching --------------------------------------------------------------
    def can_serve(self, visitor: Visitor) -> bool:
        return visitor.kind in self.kinds and (
            visitor.kind != "paper" or self.all_fields or visitor.field in self.fields
        )

    def can_process(self, dossier: Dossier) -> bool:
        return self.does_back_office and (self.all_fields or dossier.field in self.fields)

    def assign(self, task) -> None:
        """Hand work to this idle official (called by the ticket line or the backlog)."""
        self._unregister()
        wake, self.wake = self.wake, None
        wake.succeed(task)

    def poke(self) -> None:
        """Ask an idle official to look for work again (an outage ended)."""
        if self.wake is not None:
            self.assign(None)

    # -- duty ------------------------------------------------------------------
    def set_duty(self, on: bool, until: float) -> None:
        """Go on or off duty (called by the centre's roster)."""
        if on:
            self._duty_start = self.env.now
        else:
            self._off_since = self.env.now
        self.on_duty = on
        self.duty_end = until
        if on and self.duty_event is not None:
            event, self.duty_event = self.duty_event, None
            event.succeed()
        elif not on and self.wake is not None:
            self.assign(None)

    def _register(self) -> None:
        if self.serves_line:
            self.centre.line.idle.append(self)
        if self.does_back_office:
            self.centre.backlog.idle.append(self)

    def _unregister(self) -> None:
        if self.serves_line and self in self.centre.line.idle:
            self.centre.line.idle.remove(self)
        if self.does_back_office and self in self.centre.backlog.idle:
            self.centre.backlog.idle.remove(self)

    # -- work ------------------------------------------------------------------
    def _find_work(self):
        line, backlog = self.centre.line, self.centre.backlog
        if self.role == "flexible":
            if line.waiting and line.can_call(self) >= self.centre.flexible_threshold:
                return line.call_next(self)
            dossier = backlog.next_for(self) if backlog.size else None
            if dossier is not None:
                return dossier
            return line.call_next(self) if line.waiting else None
        if self.serves_line:
            return line.call_next(self) if line.waiting else None
        return backlog.next_for(self) if backlog.size else None

    def _overtime_work(self):
        line = self.centre.line
        if self.serves_line and line.waiting and self.env.now < line.overtime_until:
            return line.call_next(self)
        return None

    def _work(self):
        env = self.env
        while True:
            if self.on_duty:
                task = self._find_work()
                if task is None:
                    self.wake = env.event()
                    self._register()
                    task = yield self.wake
            else:
                task = self._overtime_work()
                if task is None:
                    self.duty_event = env.event()
                    yield self.duty_event
                    continue
            if task is None:
                continue
            if task.__class__ is Visitor:
                yield from self._serve(task)
            else:
                yield from self._process(task)

    def _serve(self, visitor: Visitor):
        env, centre = self.env, self.centre
        start = env.now
        visitor.called_min = start
        visitor.official = self.name
        visitor.role = self.role
        visitor.outcome = "in_service"
        duration = visitor.service_unit / self.proficiency
        scanners = centre.scanners
        if scanners is not None and visitor.kind in SCANNED_KINDS and centre.scan_min > 0:
            # documents are scanned first: wait for a free scanner, then scan, then the rest of the service
            duration = max(duration, centre.scan_min / self.proficiency)
            duration += scanners.book(env.now, centre.scan_min / self.proficiency)
        yield env.timeout(duration)
        visitor.end_min = env.now
        visitor.outcome = "served"
        centre.activities.append((self.name, self.role, visitor.kind, start, env.now))
        if not self.on_duty:  # finished after closing: the overtime counts as time on duty
            centre.duties.append((self.name, self.role, max(start, self._off_since), env.now))
        elif start < self._duty_start:  # began in overtime; the next session started meanwhile
            centre.duties.append((self.name, self.role, start, self._duty_start))
        centre.after_service(visitor, self)

    def _process(self, dossier: Dossier):
        env, centre = self.env, self.centre
        if dossier.started_min is None:
            dossier.started_min = env.now
        dossier.official = self.name
        work = dossier.work_left / self.proficiency  # official-time still needed
        while work > 1e-9:
            chunk = min(work, self.duty_end - env.now) if self.on_duty else 0.0
            if chunk <= 1e-9:
                self.duty_event = env.event()
                yield self.duty_event
                continue
            start = env.now
            yield env.timeout(chunk)
            work -= env.now - start
            centre.activities.append((self.name, self.role, "dossier", start, env.now))
        dossier.work_left = 0.0
        centre.dossier_worked(dossier)
