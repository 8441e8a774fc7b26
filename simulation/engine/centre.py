"""The commune centre as a SimPy model: one run of one scenario.

`Centre` wires the parts together: the ticket line and the back-office
backlog, the officials on their shifts, the walk-in citizens and portal
dossiers drawn in advance, portal outages, and the opening hours (the ticket
machine closes at the end of each session; counters keep serving the tickets
already issued for up to `hours.overtime_min`, then the rest go home).
`simulate()` runs it to the horizon and hands back a `RunRecord`: plain
records, which `simulation.results` turns into tables and KPIs.
"""
from __future__ import annotations

import math

import numpy as np

from ..scenario.catalogue import FIELDS, load_catalogue
from ..scenario.model import Scenario
from . import gc_pause
from .backlog import Backlog
from .citizens import portal_dossiers, walk_ins
from .equipment import ScannerPool
from .officials import OfficialAtWork
from ..scenario.vocabulary import SERVICE_KINDS
from .randomness import Streams
from .records import Dossier, Visitor, WorkLog
from .run_record import RosterEntry, RunRecord
from .run_setup import shared_setup
from .simpy_adapter import FIRST, Environment, Timer, fire_at, release
from .ticket_line import TicketLine

__all__ = ["Centre"]


class Centre:
    """One run of one scenario: build it, `simulate()` once, take the record, `release()`."""

    def __init__(self, scenario: Scenario, seed: int | np.random.SeedSequence = 1):
        """`seed`: an integer, or the SeedSequence of one replication (`randomness.seed_sequence`)."""
        self.scenario = scenario
        self.seed = seed
        self.env = Environment()
        self.catalogue = load_catalogue()
        setup = shared_setup(scenario)
        self.timetable = setup.timetable
        streams = Streams(seed)
        self.line = TicketLine(scenario.policy.priority)
        self.blocked_all = 0
        self.blocked: dict[str, int] = {}
        self.backlog = Backlog(FIELDS, self.is_blocked if scenario.demand.outages else None)
        eq = scenario.equipment
        outages = tuple(  # broken scanners, in simulation minutes
            (self.timetable.to_minutes(o.start), self.timetable.to_minutes(o.end), o.scanners or eq.scanners)
            for o in eq.scanner_outages)
        self.scanners = scanners = (ScannerPool(eq.scanners, eq.scan_min, outages)
                                    if eq.scanners and eq.scan_min > 0 else None)
        self._incomplete_share = scenario.demand.walk_in.incomplete_share
        self._rework_share = scenario.service.rework_share
        self._outages = bool(scenario.demand.outages)
        self._procedure_facts = setup.procedure_facts
        self._held: list[tuple[str, str, tuple]] = []  # (procedure, channel, draws) waiting for the portal
        self.visitors: list[Visitor] = []
        self.dossiers: list[Dossier] = []
        self.work_log = WorkLog(setup.duties)
        self._returns = streams["incomplete"]  # when a citizen comes back (after the per-visitor draws)
        self.open_intervals = setup.open_intervals
        self._back_office_duty = setup.back_office_duty
        self.officials = [
            OfficialAtWork(self.env, official, role, duty, line=self.line, backlog=self.backlog, scanners=scanners,
                           work_log=self.work_log, after_service=self.after_service,
                           flexible_threshold=scenario.policy.flexible_threshold)
            for official, role, duty in setup.staff]
        self._roster = tuple(RosterEntry(official.name, role, official.proficiency, frozenset(official.skills),
                                         tuple(duty)) for official, role, duty in setup.staff)
        self._duty_changes = setup.duty_changes
        # one wake-up pending at a time for each stream of moments: reusable timers
        self._walk_timer, self._portal_timer = Timer(self.env), Timer(self.env)
        self._duty_timer, self._closing_timer = Timer(self.env), Timer(self.env)
        # the night's portal dossiers reach the back office as it opens, before anyone starts work
        # then (and before outages and duty changes at that instant): one pending batch at a time
        self._batch_timer = Timer(self.env, FIRST)
        self._schedule_walk_ins(walk_ins(scenario, self.timetable, streams, setup.walk_in_segments))
        self._schedule_portal(portal_dossiers(scenario, self.timetable, streams, setup.portal_segments))
        self._duty_next = 0
        fire_at(self.env, 0.0, self._duty_step)
        fire_at(self.env, 0.0, lambda _event: self._opening_hours())
        for outage in scenario.demand.outages:
            self._schedule_outage(outage)

    # -- arrivals --------------------------------------------------------------
    def _schedule_walk_ins(self, stream) -> None:
        """Citizens arrive one after another: each arrival schedules the next (a small event heap)."""
        catalogue, service = self.catalogue, self.scenario.service
        kinds = stream.kinds
        is_help = kinds == "account_help"
        base = np.zeros(kinds.size)  # each citizen's service minutes at proficiency 1
        for kind in SERVICE_KINDS:
            mask = is_help if kind == "account_help" else kinds == kind
            base[mask] = getattr(service, kind).mean * stream.service_unit[kind][mask]
        paper = kinds == "paper"
        if paper.any():
            paper_mean = service.paper.mean if service.paper else None
            means = [paper_mean or catalogue[proc].counter_min for proc in stream.procedures[paper].tolist()]
            base[paper] = np.array(means, dtype=float) * stream.service_unit["paper"][paper]
        procs = np.where(is_help, "", stream.procedures).tolist()  # account help leaves no dossier
        fields = {p: catalogue[p].field for p in set(procs) if p}
        fields[""] = ""
        # every citizen is known in advance; the arrival event only sets the clock time they came
        self._walkers = [Visitor(i, kind, proc, fields[proc], priority, time, patience, unit, incomplete, back,
                                 False, dossier, complaint, return_complaint)
                         for i, (kind, proc, priority, time, patience, unit, incomplete, back, dossier, complaint,
                                 return_complaint) in enumerate(zip(
                             kinds.tolist(), procs, stream.priority.tolist(), stream.times.tolist(),
                             stream.patience.tolist(), base.tolist(), stream.incomplete_roll.tolist(),
                             stream.return_day_roll.tolist(), stream.dossiers.rows(), stream.complaint_roll.tolist(),
                             stream.return_complaint_roll.tolist()))]
        self._walk_times = stream.times.tolist()
        self._walk_next = 0
        self._next_visitor_id = len(kinds)
        walk = self.scenario.demand.walk_in
        self._balk_at = walk.balk_at if walk.balk_at is not None else math.inf
        if self._walk_times:
            self._walk_timer.set(self._walk_times[0], self._walk_in)

    def _walk_in(self, event) -> None:
        i = self._walk_next
        self._walk_next = i + 1
        visitor = self._walkers[i]
        now = visitor.arrival_min = self.env.now  # the exact event time
        if i + 1 < len(self._walk_times):  # the next citizen's arrival
            self._walk_timer.set(self._walk_times[i + 1] - now, self._walk_in)
        self._arrive_now(visitor)

    def _arrive(self, event) -> None:
        visitor = event.value
        visitor.arrival_min = self.env.now  # exact event time (no float drift from scheduled delays)
        self._arrive_now(visitor)

    def _arrive_now(self, visitor: Visitor) -> None:
        self.visitors.append(visitor)
        if self._balk_at <= len(self.line.waiting):
            visitor.outcome = "balked"
            visitor.end_min = visitor.arrival_min
            return
        self.line.take_ticket(visitor)
        if visitor.waiting and visitor.patience_min < math.inf:
            self.env.timeout(visitor.patience_min, visitor).callbacks.append(self._patience_out)

    def _patience_out(self, event) -> None:
        visitor = event.value
        if self.line.leave(visitor):
            visitor.outcome = "reneged"
            visitor.end_min = self.env.now

    def _schedule_portal(self, stream) -> None:
        """Portal dossiers: those arriving while a back-office official is on duty (or during an
        outage) arrive one after another in real time; those arriving at night or on a closed day
        are handed in together, with their own receipt times, when the back office next opens
        (before anyone starts work at that instant, so the earliest deadline still goes first)."""
        times = stream.times
        starts, ends = self._back_office_duty
        after = np.searchsorted(starts, times, side="right")  # duty stretches begun by then
        live_mask = after == len(starts)  # after the last stretch (or none at all): nobody to hand them to
        if len(starts):
            live_mask |= (after > 0) & (times < ends[np.maximum(after - 1, 0)])  # someone is on duty
        for outage in self.scenario.demand.outages:  # during an outage, dossiers are held as they come
            a, b = self.timetable.to_minutes(outage.start), self.timetable.to_minutes(outage.end)
            live_mask |= (a <= times) & (times < b)
        rows = list(zip(times.tolist(), stream.procedures.tolist(), stream.dossiers.rows()))
        live = [row for row, keep in zip(rows, live_mask.tolist()) if keep]
        if not live_mask.all():
            batches: dict[float, list] = {}
            openings = starts.tolist()
            for row, index in zip(rows, np.where(live_mask, -1, after).tolist()):
                if index >= 0:
                    batches.setdefault(openings[index], []).append(row)
            self._batches = sorted(batches.items())
            self._batch_next = 0
            self._batch_timer.set(self._batches[0][0] - self.env.now, self._portal_batch)
        self._portal_live, self._portal_next = live, 0
        self._await_next_portal()

    def _await_next_portal(self) -> None:
        if self._portal_next < len(self._portal_live):
            time = self._portal_live[self._portal_next][0]
            self._portal_timer.set(time - self.env.now, self._portal_submit)

    def _portal_submit(self, event) -> None:
        _, proc, draws = self._portal_live[self._portal_next]
        self._portal_next += 1
        self._await_next_portal()
        self.submit(proc, "portal", draws)

    def _portal_batch(self, event) -> None:
        _, dossiers = self._batches[self._batch_next]
        self._batch_next += 1
        if self._batch_next < len(self._batches):
            self._batch_timer.set(self._batches[self._batch_next][0] - self.env.now, self._portal_batch)
        for received, proc, draws in dossiers:
            self.submit(proc, "portal", draws, received=received)

    # -- dossiers --------------------------------------------------------------
    def submit(self, procedure_id: str, channel: str, draws: tuple[float, float, float],
               received: float | None = None) -> None:
        """A dossier reaches the back office; during an outage it waits for the portal to return.

        `draws` is the dossier's own randomness (see `citizens.DossierDraws`): work unit, rework roll,
        outside-agency unit and complaint roll.
        """
        if received is None:
            if self._outages and channel != "counter" and self.is_blocked(procedure_id):
                self._held.append((procedure_id, channel, draws))
                return
            received = self.env.now
        work_min, field, due, external_days, _ = self._procedure_facts[procedure_id]
        work_unit, rework_roll, external_unit, complaint_roll = draws
        work = work_min * work_unit
        rework = rework_roll < self._rework_share
        if rework:
            work *= 1.5
        external = external_days * external_unit
        dossier = Dossier(len(self.dossiers), procedure_id, field, channel, received, due(received), work, external,
                          rework, complaint_roll)
        self.dossiers.append(dossier)
        self.backlog.add(dossier)

    def after_service(self, visitor: Visitor) -> None:
        """A paper or assisted-online visit was served: its dossier goes to the back office, is
        resolved on the spot, or the citizen must come back with the missing papers."""
        if visitor.kind == "paper":
            if visitor.incomplete_roll < self._incomplete_share:
                visitor.incomplete = True
                self._schedule_return(visitor)
                return
            _, field, due, _, on_the_spot = self._procedure_facts[visitor.procedure]
            if on_the_spot:  # immediate and same-day procedures are resolved at the counter
                self._resolved_at_counter(visitor, field, due)
            else:
                self.submit(visitor.procedure, "counter", visitor.dossier)
        elif visitor.kind == "assisted_online":
            self.submit(visitor.procedure, "guided", visitor.dossier)

    def _resolved_at_counter(self, visitor: Visitor, field: str, due) -> None:
        now = self.env.now
        dossier = Dossier(len(self.dossiers), visitor.procedure, field, "counter", visitor.called_min,
                          due(visitor.called_min), 0.0, 0.0, False, visitor.dossier[3])
        dossier.started_min = dossier.work_done_min = dossier.finished_min = now
        dossier.official = visitor.official
        self.dossiers.append(dossier)

    def _schedule_return(self, visitor: Visitor) -> None:
        """The citizen comes back with the missing papers on one of the next working days."""
        today = self.timetable.day_of(self.env.now)
        later = [d for d in self.timetable.days[today.index + 1:] if d.working and d.sessions]
        within = later[: self.scenario.demand.walk_in.return_within_days]
        if not within:
            return
        day = within[min(int(visitor.return_day_roll * len(within)), len(within) - 1)]
        start, end = day.sessions[0][0], day.sessions[-1][1]
        arrival = start + float(self._returns.random()) * (end - start)
        for s, e in day.sessions:  # land inside a session, not in the lunch break
            if arrival < e:
                arrival = max(arrival, s)
                break
        back = Visitor(self._next_visitor_id, "paper", visitor.procedure, visitor.field, visitor.priority, arrival,
                       visitor.patience_min, visitor.service_unit, 1.0, 0.0, returning=True, dossier=visitor.dossier,
                       complaint_roll=visitor.return_complaint_roll)
        self._next_visitor_id += 1
        self.env.timeout(arrival - self.env.now, back).callbacks.append(self._arrive)

    # -- opening hours and outages --------------------------------------------
    def _duty_step(self, _event) -> None:
        """Put officials on and off duty at the start and end of each of their duty stretches
        (off (0) before on (1) at the same instant), then wait for the next change."""
        now, changes, i = self.env.now, self._duty_changes, self._duty_next
        while i < len(changes) and changes[i][0] <= now:
            _, on, index, until = changes[i]
            i += 1
            self.officials[index].set_duty(bool(on), until)
        self._duty_next = i
        if i < len(changes):
            self._duty_timer.set(changes[i][0] - now, self._duty_step)

    def _opening_hours(self) -> None:
        """At the end of each opening session the ticket machine closes; counters keep serving the
        tickets already issued for up to `hours.overtime_min`, then the citizens still waiting go home."""
        self._session_next = 0
        self._await_closing()

    def _await_closing(self) -> None:
        """Tell the line when the next session closes and its overtime ends, and send home whoever is
        still waiting then (the closing itself needs no event: no ticket is issued after it)."""
        index = self._session_next
        if index >= len(self.open_intervals):
            return
        end = self.open_intervals[index][1]
        if end >= self.timetable.horizon:
            return
        line = self.line
        line.closing, line.overtime_until = end, end + self.scenario.hours.overtime_min
        next_start = self.open_intervals[index + 1][0] if index + 1 < len(self.open_intervals) else math.inf
        self._closing_timer.set(min(line.overtime_until, next_start) - self.env.now, self._overtime_over)

    def _overtime_over(self, _event) -> None:
        index = self._session_next
        next_start = self.open_intervals[index + 1][0] if index + 1 < len(self.open_intervals) else math.inf
        if self.env.now < next_start:
            for visitor in self.line.send_home():
                visitor.outcome = "unserved"
                visitor.end_min = self.env.now
        self._session_next = index + 1
        self._await_closing()

    def is_blocked(self, procedure_id: str) -> bool:
        return self.blocked_all > 0 or self.blocked.get(procedure_id, 0) > 0

    def _schedule_outage(self, outage) -> None:
        start = max(self.timetable.to_minutes(outage.start), 0.0)
        end = self.timetable.to_minutes(outage.end)
        if end <= 0:
            return
        names = None if outage.procedures == "all" else tuple(outage.procedures)
        self.env.timeout(start, names).callbacks.append(self._outage_begins)
        self.env.timeout(end, names).callbacks.append(self._outage_ends)

    def _outage_begins(self, event) -> None:
        names = event.value
        if names is None:
            self.blocked_all += 1
        else:
            for name in names:
                self.blocked[name] = self.blocked.get(name, 0) + 1

    def _outage_ends(self, event) -> None:
        """The portal is back: the dossiers held meanwhile reach the back office, idle officials look again."""
        names = event.value
        if names is None:
            self.blocked_all -= 1
        else:
            for name in names:
                self.blocked[name] -= 1
        held = [h for h in self._held if not self.is_blocked(h[0])]
        self._held = [h for h in self._held if self.is_blocked(h[0])]
        for procedure_id, channel, draws in held:
            self.submit(procedure_id, channel, draws)
        for official in list(self.backlog.idle):
            official.poke()

    # -- run -------------------------------------------------------------------
    def simulate(self) -> RunRecord:
        """Run to the horizon and hand back the run's record (once: see `release`)."""
        horizon = self.timetable.horizon
        with gc_pause.paused():  # the records live until the run ends: see gc_pause
            self.env.run(until=horizon)
        activities = self.work_log.activities
        for official in self.officials:
            activities.extend(official.unfinished(horizon))
        return RunRecord(self.scenario, self.seed, self.timetable, tuple(self.visitors), tuple(self.dossiers),
                         tuple(activities), tuple(self.work_log.duties), tuple(self.open_intervals), self._roster)

    def release(self) -> None:
        """Let go of the run's machinery once its record is taken (the centre is unusable after).

        The centre, its officials and the events still pending beyond the horizon refer to each
        other; untangled, the whole run is freed as soon as the last reference to it goes, instead of
        waiting for (and lengthening) a pass of Python's cyclic garbage collector.
        """
        release(self.env)
        for official in self.officials:
            official.__dict__.clear()
        self.__dict__.clear()
