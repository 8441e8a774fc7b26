"""What a scenario fixes before any randomness, worked out once and shared by its replications.

The timetable, who is on duty when, the duty changes over the run and the demand
rates depend on the scenario alone; thirty replications of a staffing option,
or a Dask worker running batch after batch of them, reuse one `RunSetup`
instead of rebuilding it for every run. (A planner's `Plan` is something else:
the staffing it recommends, in `experiments.planner`.)
"""
from __future__ import annotations

import numpy as np

from ..scenario.catalogue import load_catalogue
from ..scenario.checks import teams
from ..scenario.model import Scenario
from .citizens import portal_segments, walk_in_segments
from .duty import duty_intervals, merged
from ..scenario.vocabulary import BACK_OFFICE_ROLES
from .timetable import Timetable

__all__ = ["RunSetup", "shared_setup"]


class RunSetup:
    """What a scenario fixes before any randomness: the timetable, who is on duty when, the duty changes."""

    def __init__(self, scenario: Scenario):
        self.timetable = Timetable(scenario)
        self.open_intervals = merged(self.timetable.open_sessions())
        self.staff = []  # (the scenario's Official, role, duty stretches)
        for role, team in teams(scenario).items():
            for rank, official in enumerate(team):
                self.staff.append((official, role, duty_intervals(scenario, self.timetable, official, role, rank)))
        self.duties = [(official.name, role, s, e) for official, role, duty in self.staff for s, e in duty]
        # when anyone who processes dossiers is on duty (starts, ends): the portal hands dossiers in
        # live then, and in a batch at the next start otherwise
        back_office = merged([span for _, role, duty in self.staff if role in BACK_OFFICE_ROLES for span in duty])
        self.back_office_duty = (np.array([start for start, _ in back_office], dtype=float),
                                 np.array([end for _, end in back_office], dtype=float))
        self.walk_in_segments = walk_in_segments(scenario, self.timetable)
        self.portal_segments = portal_segments(scenario, self.timetable)
        # per procedure: (back-office minutes, field, deadline as a function of the receipt minute,
        # days with outside agencies, resolved at the counter on the spot: immediate and same-day ones)
        self.procedure_facts = {pid: (p.work_min, p.field, self.timetable.due_rule(p.legal_time), p.external_days,
                                      p.legal_time.kind != "working_days")
                                for pid, p in load_catalogue().items()}
        # (time, 1 going on duty / 0 going off, index into staff, end of that duty stretch), off before
        # on at the same instant
        self.duty_changes = sorted((time, on, index, until) for index, (_, _, duty) in enumerate(self.staff)
                                   for start, end in duty for time, on, until in ((start, 1, end), (end, 0, end)))


_BY_IDENTITY: dict[int, tuple[Scenario, RunSetup]] = {}
_BY_CONTENT: dict[str, RunSetup] = {}


def shared_setup(scenario: Scenario) -> RunSetup:
    """The scenario's setup, shared by its replications.

    Looked up by identity first (the scenario is frozen), then by content: a
    Dask worker receives a fresh copy of the same scenario with every task.
    """
    cached = _BY_IDENTITY.get(id(scenario))
    if cached is not None and cached[0] is scenario:
        return cached[1]
    key = scenario.model_dump_json()
    setup = _BY_CONTENT.get(key)
    if setup is None:
        if len(_BY_CONTENT) >= 16:
            _BY_CONTENT.clear()
        setup = _BY_CONTENT[key] = RunSetup(scenario)
    if len(_BY_IDENTITY) >= 16:
        _BY_IDENTITY.clear()
    _BY_IDENTITY[id(scenario)] = (scenario, setup)
    return setup
