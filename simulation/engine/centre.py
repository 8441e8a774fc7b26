"""The commune centre as a SimPy model: one run of one scenario.

`Centre` wires the parts together: the ticket line and the back-office
backlog, the officials on their shifts, the walk-in citizens and portal
dossiers drawn in advance, portal outages, and the opening hours (the ticket
machine closes at the end of each session; counters keep serving the tickets
already issued for up to `hours.overtime_min`, then the rest go home).
`run()` returns `Results`: flat records and KPIs computed from them.
"""
from __future__ import annotations

import math

import numpy as np
import simpy

from . import gc_pause as collector
from .citizens import portal_dossiers, walk_ins
from .equipment import ScannerPool
from .officials import OfficialAtWork
from ..scenario.catalogue import FIELDS, load_catalogue
from .randomness import Streams, seed_sequence
from .records import Dossier, Visitor
from ..results.run_results import Results
from .run_plan import run_plan
from ..scenario.model import Scenario
from .simpy_adapter import FIRST, Timer

__all__ = ["Centre", "run"]


class Centre:
    def __init__(self, scenario: Scenario, seed: int | np.random.SeedSequence = 1):
        self.scenario = scenario
        self.seed = seed
        self.env = simpy.Environment()
        self.catalogue = load_catalogue()
        plan = run_plan(scenario)
        self.timetable = plan.timetable
        streams = Streams(seed)
        self.streams = streams
        from .backlog import Backlog
        from .ticket_line import TicketLine

        self.line = TicketLine(scenario.policy.priority)
        self.blocked_all = 0
        self.blocked: dict[str, int] = {}
        self.backlog = Backlog(FIELDS, self.is_blocked if scenario.demand.outages else None)
        eq = scenario.equipment
        self.scanners = ScannerPool(eq.scanners, tuple(  # broken scanners, in simulation minutes
            (self.timetable.to_minutes(o.start), self.timetable.to_minutes(o.end), o.scanners or eq.scanners)
            for o in eq.scanner_outages)) if eq.scanners else None
        self.scan_min = eq.scan_min
        self.flexible_threshold = scenario.policy.flexible_threshold
        self._incomplete_share = scenario.demand.walk_in.incomplete_share
        self._rework_share = scenario.service.rework_share
        self._outages = bool(scenario.demand.outages)
        self._procedure_facts = plan.procedure_facts
        self._held: list[tuple[str, str, tuple]] = []  # (procedure, channel, draws) waiting for the portal
        self.visitors: list[Visitor] = []
        self.dossiers: list[Dossier] = []
        self.activities: list[tuple] = []
        self.duties: list[tuple] = []
        self._returns = streams["incomplete"]  # when a citizen comes back (after the per-visitor draws)
        self.open_intervals = plan.open_intervals
        self._back_office_duty = plan.back_office_duty
        self.officials = [OfficialAtWork(self, official, role, duty) for official, role, duty in plan.staff]
        self.duties.extend(plan.duties)
        self._roster_changes = plan.roster
        # one wake-up pending at a time for each stream of moments: reusable timers (see timer.py)
        self._walk_timer, self._portal_timer = Timer(self.env), Timer(self.env)
        self._roster_timer, self._closing_timer = Timer(self.env), Timer(self.env)
        # the night's portal dossiers reach the back office as it opens, before anyone starts work
        # then (and before outages and the roster at that instant): one pending batch at a time
        self._batch_timer = Timer(self.env, FIRST)
        self._schedule_walk_ins(walk_ins(scenario, self.timetable, streams, plan.walk_in_segments))
        self._schedule_portal(portal_dossiers(scenario, self.timetable, streams, plan.portal_segments))
        self._roster_next = 0
        self._at(0.0, self._roster_step)
        self._at(0.0, lambda _event: self._opening_hours())
        for outage in scenario.demand.outages:
            self._schedule_outage(outage)

    def _at(self, time: float, callback, value=None) -> None:
        """Call `callback` at `time`, before the ordinary events of that instant (SimPy's URGENT
        priority, as a process starting at that time would be)."""
        event = simpy.Event(self.env)
        event._ok, event._value = True, value
        event.callbacks.append(callback)
        self.env.schedule(event, simpy.events.URGENT, time - self.env._now)

    # -- arrivals --------------------------------------------------------------
    def _schedule_walk_ins(self, stream) -> None:
        """Citizens arrive one after another: each arrival schedules the next (a small event heap)."""
        catalogue, service = self.catalogue, self.scenario.service
        kinds = stream.kinds
        is_help = kinds == "account_help"
        base = np.zeros(kinds.size)  # each citizen's service minutes at proficiency 1
        for kind in ("assisted_online", "pickup", "account_help"):
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
                                 False, dossier)
                         for i, (kind, proc, priority, time, patience, unit, incomplete, back, dossier) in enumerate(zip(
                             kinds.tolist(), procs, stream.priority.tolist(), stream.times.tolist(),
                             stream.patience.tolist(), base.tolist(), stream.incomplete_u.tolist(),
                             stream.return_u.tolist(), stream.dossiers.rows()))]
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
        now = visitor.arrival_min = self.env._now  # the exact event time
        if i + 1 < len(self._walk_times):  # the next citizen's arrival
            self._walk_timer.set(self._walk_times[i + 1] - now, self._walk_in)
        self._arrive_now(visitor)

    def _arrive(self, event) -> None:
        visitor = event.value
        visitor.arrival_min = self.env._now  # exact event time (no float drift from scheduled delays)
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
            visitor.end_min = self.env._now

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
            self._batch_timer.set(self._batches[0][0] - self.env._now, self._portal_batch)
        self._portal_live, self._portal_next = live, 0
        self._await_next_portal()

    def _await_next_portal(self) -> None:
        if self._portal_next < len(self._portal_live):
            time = self._portal_live[self._portal_next][0]
            self._portal_timer.set(time - self.env._now, self._portal_submit)

    def _portal_submit(self, event) -> None:
        _, proc, draws = self._portal_live[self._portal_next]
        self._portal_next += 1
        self._await_next_portal()
        self.submit(proc, "portal", draws)

    def _portal_batch(self, event) -> None:
        _, dossiers = self._batches[self._batch_next]
        self._batch_next += 1
        if self._batch_next < len(self._batches):
            self._batch_timer.set(self._batches[self._batch_next][0] - self.env._now, self._portal_batch)
        for received, proc, draws in dossiers:
            self.submit(proc, "portal", draws, received=received)

    # -- dossiers --------------------------------------------------------------
    def submit(self, procedure_id: str, channel: str, draws: tuple[float, float, float],
               received: float | None = None) -> None:
        """A dossier reaches the back office; during an outage it waits for the portal to return.

        `draws` is the dossier's own randomness (see `citizens.DossierDraws`): work unit, rework draw
        and outside-agency unit.
        """
        if received is None:
            if self._outages and channel != "counter" and self.is_blocked(procedure_id):
                self._held.append((procedure_id, channel, draws))
                return
            received = self.env._now
        work_min, field, due, external_days = self._procedure_facts[procedure_id]
        work_unit, rework_u, external_unit = draws
        work = work_min * work_unit
        rework = rework_u < self._rework_share
        if rework:
            work *= 1.5
        external = external_days * external_unit
        dossier = Dossier(len(self.dossiers), procedure_id, field, channel, received, due(received), work, external,
                          rework)
        self.dossiers.append(dossier)
        self.backlog.add(dossier)

    def dossier_worked(self, dossier: Dossier, now: float) -> None:
        """The back office finished its part at `now`; outside agencies may still take working days."""
        dossier.work_done_min = now
        if dossier.external_days <= 0:
            dossier.finished_min = now
        # else the outside agencies' working days are added after the run, for all such dossiers at
        # once (Results; Timetable.after_working_days_many)

    def after_service(self, visitor: Visitor, official: OfficialAtWork) -> None:
        if visitor.kind == "paper":
            proc = self.catalogue[visitor.procedure]
            if visitor.incomplete_u < self._incomplete_share:
                visitor.incomplete = True
                self._schedule_return(visitor)
            elif proc.legal_time.kind == "working_days":
                self.submit(visitor.procedure, "counter", visitor.dossier)
            else:  # immediate and same-day procedures are resolved at the counter, on the spot
                self._resolved_at_counter(visitor, proc)
        elif visitor.kind == "assisted_online":
            self.submit(visitor.procedure, "guided", visitor.dossier)

    def _resolved_at_counter(self, visitor: Visitor, proc) -> None:
        now = self.env._now
        dossier = Dossier(len(self.dossiers), visitor.procedure, proc.field, "counter", visitor.called_min,
                          self.timetable.due_minutes(visitor.called_min, proc.legal_time), 0.0, 0.0, False)
        dossier.started_min = dossier.work_done_min = dossier.finished_min = now
        dossier.official = visitor.official
        self.dossiers.append(dossier)

    def _schedule_return(self, visitor: Visitor) -> None:
        """The citizen comes back with the missing papers on one of the next working days."""
        today = self.timetable.day_of(self.env._now)
        later = [d for d in self.timetable.days[today.index + 1:] if d.working and d.sessions]
        within = later[: self.scenario.demand.walk_in.return_within_days]
        if not within:
            return
        day = within[min(int(visitor.return_u * len(within)), len(within) - 1)]
        start, end = day.sessions[0][0], day.sessions[-1][1]
        arrival = start + float(self._returns.random()) * (end - start)
        for s, e in day.sessions:  # land inside a session, not in the lunch break
            if arrival < e:
                arrival = max(arrival, s)
                break
        back = Visitor(self._next_visitor_id, "paper", visitor.procedure, visitor.field, visitor.priority, arrival,
                       visitor.patience_min, visitor.service_unit, 1.0, 0.0, returning=True, dossier=visitor.dossier)
        self._next_visitor_id += 1
        self.env.timeout(arrival - self.env._now, back).callbacks.append(self._arrive)

    # -- opening hours and outages --------------------------------------------
    def _roster_step(self, _event) -> None:
        """Put officials on and off duty at the start and end of each of their duty stretches
        (off (0) before on (1) at the same instant), then wait for the next change."""
        env, changes, i = self.env, self._roster_changes, self._roster_next
        while i < len(changes) and changes[i][0] <= env._now:
            _, on, index, until = changes[i]
            i += 1
            self.officials[index].set_duty(bool(on), until)
        self._roster_next = i
        if i < len(changes):
            self._roster_timer.set(changes[i][0] - env._now, self._roster_step)

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
        self._closing_timer.set(min(line.overtime_until, next_start) - self.env._now, self._overtime_over)

    def _overtime_over(self, _event) -> None:
        index = self._session_next
        next_start = self.open_intervals[index + 1][0] if index + 1 < len(self.open_intervals) else math.inf
        if self.env._now < next_start:
            for visitor in self.line.send_home():
                visitor.outcome = "unserved"
                visitor.end_min = self.env._now
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
    def run(self) -> Results:
        horizon = self.timetable.horizon
        with collector.paused():  # see simulation.engine.gc_pause: the records live until the run ends
            self.env.run(until=horizon)
        for official in self.officials:
            self.activities.extend(official.unfinished(horizon))
        return Results(self)


    def release(self) -> None:
        """Let go of the run's machinery once its `Results` are built (the centre is unusable after).

        The centre, its officials and the events still pending beyond the horizon refer to each
        other; untangled, the whole run is freed as soon as the last reference to it goes, instead of
        waiting for (and lengthening) a pass of Python's cyclic garbage collector.
        """
        self.env._queue.clear()
        self.env.__dict__.clear()  # SimPy binds env.timeout, env.process, ... to the environment itself
        for official in self.officials:
            official.__dict__.clear()
        self.__dict__.clear()


def run(scenario: Scenario, seed: int = 1, *, replication: int | None = None, days: int | None = None) -> Results:
    """Simulate one scenario once. Same scenario and seed, same output, always."""
    if days is not None and days != scenario.days:
        scenario = scenario.with_values({"days": days})
    sequence = seed_sequence(seed) if replication is None else seed_sequence(seed, replication)
    with collector.paused():
        centre = Centre(scenario, sequence)
        results = centre.run()
        centre.release()
        return results
