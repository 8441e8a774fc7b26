"""What one run leaves behind, as plain data: the records, the opening hours and who was on duty.

The engine hands this back when a run ends; `results.Results`, the KPIs and
the capacity warnings are computed from it alone, never from the live model.
Every chance still to be decided after the run (who complains) was drawn up
front as a roll on its record, so the record holds no random generator.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .officials import BACK_OFFICE_ROLES
from .records import Dossier, Visitor
from .timetable import MINUTES_PER_DAY, Timetable

if TYPE_CHECKING:
    from ..scenario.model import Scenario

__all__ = ["RunRecord", "RosterEntry"]


@dataclass(frozen=True)
class RosterEntry:
    """One official as the run had them: role, proficiency, skills ("all" or procedure fields) and
    planned duty stretches."""

    name: str
    role: str
    proficiency: float
    skills: frozenset[str]
    duty: tuple[tuple[float, float], ...]

    @property
    def serves_line(self) -> bool:
        return self.role != "back_office"

    @property
    def does_back_office(self) -> bool:
        return self.role in BACK_OFFICE_ROLES


@dataclass(frozen=True)
class RunRecord:
    """One run of one scenario. Times are minutes since the start of the run.

    `visitors`, `dossiers`: the records (see `records`); `activities`: (official, role, activity,
    start_min, end_min) stretches of work; `duties`: (official, role, start_min, end_min)
    stretches on duty, overtime included; `open_intervals`: when the ticket machine was open;
    `roster`: who worked, as what.
    """

    scenario: "Scenario"
    seed: int | np.random.SeedSequence
    timetable: Timetable
    visitors: tuple[Visitor, ...]
    dossiers: tuple[Dossier, ...]
    activities: tuple[tuple, ...]
    duties: tuple[tuple, ...]
    open_intervals: tuple[tuple[float, float], ...]
    roster: tuple[RosterEntry, ...]

    @property
    def horizon(self) -> float:
        return self.timetable.horizon

    @property
    def warmup(self) -> float:
        """Minutes of warm-up at the start, left out of the KPIs."""
        return self.scenario.warmup_days * MINUTES_PER_DAY
