"""Who comes to the centre, and when.

Citizens walk in during opening sessions at a rate that varies by hour of day
and weekday; dossiers reach the back office through the national portal around
the clock. Both are non-homogeneous Poisson streams with a rate that is
constant within each clock hour, drawn exactly (a Poisson count per hour,
uniform times inside it). Every attribute a citizen brings with them (their
kind of visit, procedure, priority, patience and the raw randomness of their
service time) is drawn here, once, from its own stream, so that two scenarios
that differ only in staffing meet the very same citizens.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from ..scenario.vocabulary import SERVICE_KINDS
from .randomness import Streams, unit_durations
from .timetable import MINUTES_PER_DAY, Timetable

if TYPE_CHECKING:
    from ..scenario.model import Scenario

__all__ = ["WalkInStream", "PortalStream", "DossierDraws", "dossier_draws", "Segments", "walk_ins",
           "portal_dossiers", "walk_in_segments", "portal_segments", "piecewise_poisson"]


class Segments(NamedTuple):
    """A piecewise-constant arrival rate as arrays: segment starts, lengths (minutes) and rates (per minute)."""

    starts: np.ndarray
    lengths: np.ndarray
    rates: np.ndarray

    @classmethod
    def of(cls, segments: list[tuple[float, float, float]]) -> "Segments":
        return cls(np.array([s[0] for s in segments], dtype=float),
                   np.array([s[1] - s[0] for s in segments], dtype=float),
                   np.array([s[2] for s in segments], dtype=float))


def piecewise_poisson(rng: np.random.Generator, segments: "list[tuple[float, float, float]] | Segments") -> np.ndarray:
    """Arrival times of a Poisson process whose rate (per minute) is constant on each (start, end, rate)."""
    if not isinstance(segments, Segments):
        segments = Segments.of(segments)
    starts, lengths, rates = segments
    if starts.size == 0:
        return np.empty(0)
    counts = rng.poisson(rates * lengths)
    owners = np.repeat(np.arange(starts.size), counts)
    times = starts[owners] + rng.random(owners.size) * lengths[owners]
    return np.sort(times)


def _hour_segments(start: float, end: float, rate_of_hour) -> list[tuple[float, float, float]]:
    out = []
    t = start
    while t < end - 1e-9:
        hour_end = min(end, (t // 60 + 1) * 60)
        rate = rate_of_hour(int((t % MINUTES_PER_DAY) // 60))
        if rate > 0:
            out.append((t, hour_end, rate))
        t = hour_end
    return out


def _choice(rng: np.random.Generator, weights: dict[str, float], size: int) -> np.ndarray:
    keys = [k for k, w in weights.items() if w > 0]
    probs = np.array([weights[k] for k in keys], dtype=float)
    index = rng.choice(len(keys), size=size, p=probs / probs.sum())
    return np.array(keys, dtype=object)[index]


@dataclass(frozen=True)
class DossierDraws:
    """The randomness of the dossier each portal submission or visit may become, drawn up front.

    `work_unit` multiplies the procedure's back-office minutes (lognormal, mean 1), `rework_roll` is
    compared with the rework share, `external_unit` multiplies the procedure's days with outside
    agencies (exponential, mean 1), `complaint_roll` is compared with the chance that its owner
    complains if it is late. Tying them to the submission, not to the order in which the back
    office happens to receive dossiers, gives two staffing options the very same dossiers.
    """

    work_unit: np.ndarray
    rework_roll: np.ndarray
    external_unit: np.ndarray
    complaint_roll: np.ndarray

    def rows(self) -> list[tuple[float, float, float, float]]:
        return list(zip(self.work_unit.tolist(), self.rework_roll.tolist(), self.external_unit.tolist(),
                        self.complaint_roll.tolist()))


def dossier_draws(scenario: "Scenario", work_rng: np.random.Generator, external_rng: np.random.Generator,
                  complaint_rng: np.random.Generator, n: int) -> DossierDraws:
    normal, rework_roll = work_rng.standard_normal(n), work_rng.random(n)
    external_unit = external_rng.standard_exponential(n)
    work_unit = unit_durations("lognormal", scenario.service.back_office_cv, external_unit, normal, rework_roll)
    return DossierDraws(work_unit, rework_roll, external_unit, complaint_rng.random(n))


@dataclass(frozen=True)
class WalkInStream:
    times: np.ndarray
    kinds: np.ndarray
    procedures: np.ndarray
    priority: np.ndarray
    patience: np.ndarray  # minutes; inf when citizens never give up
    service_unit: dict[str, np.ndarray]  # mean-1 service multipliers per visitor kind
    incomplete_roll: np.ndarray        # a paper dossier lacks a document when below incomplete_share
    return_day_roll: np.ndarray        # picks the working day such a citizen comes back on
    complaint_roll: np.ndarray         # the citizen complains when below their chance of complaining
    return_complaint_roll: np.ndarray  # the same, for the visit they come back on
    dossiers: DossierDraws  # for the dossier a paper or assisted-online visit leaves behind


@dataclass(frozen=True)
class PortalStream:
    times: np.ndarray
    procedures: np.ndarray
    dossiers: DossierDraws


def walk_in_segments(scenario: "Scenario", timetable: Timetable) -> Segments:
    """The walk-in rate over the run: by clock hour and weekday, inside opening sessions only."""
    walk = scenario.demand.walk_in
    base = walk.rate_per_hour * scenario.demand.walk_in_scale / 60.0
    segments: list[tuple[float, float, float]] = []
    if base > 0:
        for day in timetable.days:
            day_factor = walk.weekday_profile.get(day.weekday, 1.0)
            for start, end in day.sessions:
                segments += _hour_segments(start, end, lambda h: base * day_factor * walk.hourly_profile.get(h, 1.0))
    return Segments.of(segments)


def walk_ins(scenario: "Scenario", timetable: Timetable, streams: Streams,
             segments: Segments | None = None) -> WalkInStream:
    """The citizens who walk in (`segments`: the scenario's `walk_in_segments`, when already known)."""
    walk = scenario.demand.walk_in
    if segments is None:
        segments = walk_in_segments(scenario, timetable)
    times = piecewise_poisson(streams["walk_in_times"], segments)
    n = times.size
    kinds = _choice(streams["walk_in_kinds"], dict(walk.mix), n) if n else np.empty(0, dtype=object)
    procedures = (
        _choice(streams["walk_in_procedures"], dict(walk.procedure_mix), n) if n else np.empty(0, dtype=object)
    )
    priority = streams["priority"].random(n) < walk.priority_share
    patience_rng = streams["patience"]
    if walk.patience is None:
        patience = np.full(n, np.inf)
    else:
        p = walk.patience
        patience = p.mean * unit_durations(
            p.dist, p.cv, patience_rng.standard_exponential(n), patience_rng.standard_normal(n), patience_rng.random(n)
        )
    service_rng = streams["service"]
    exp, normal, uniform = service_rng.standard_exponential(n), service_rng.standard_normal(n), service_rng.random(n)
    service = scenario.service
    units = {}
    for kind in SERVICE_KINDS:
        d = getattr(service, kind)
        units[kind] = unit_durations(d.dist, d.cv, exp, normal, uniform)
    paper = service.paper
    units["paper"] = unit_durations(paper.dist if paper else "lognormal", paper.cv if paper else service.paper_cv,
                                    exp, normal, uniform)
    incomplete_rng = streams["incomplete"]
    incomplete_roll, return_day_roll = incomplete_rng.random(n), incomplete_rng.random(n)
    complaints_rng = streams["complaints"]
    complaint_roll, return_complaint_roll = complaints_rng.random(n), complaints_rng.random(n)
    dossiers_rng = streams["walk_in_dossiers"]  # drawn in this order: a draw added last changes no other
    return WalkInStream(times, kinds, procedures, priority, patience, units, incomplete_roll, return_day_roll,
                        complaint_roll, return_complaint_roll,
                        dossier_draws(scenario, dossiers_rng, dossiers_rng, dossiers_rng, n))


def portal_segments(scenario: "Scenario", timetable: Timetable) -> Segments:
    """The portal's submission rate over the run: by clock hour and weekday, around the clock."""
    online = scenario.demand.online
    per_day = online.per_day * scenario.demand.online_scale
    segments: list[tuple[float, float, float]] = []
    if per_day > 0:
        weights = np.array([online.hourly_profile.get(h, 1.0) for h in range(24)], dtype=float)
        hourly = per_day * weights / weights.sum() / 60.0  # per minute in each clock hour
        for day in timetable.days:
            factor = online.weekday_profile.get(day.weekday, 1.0)
            base = day.index * MINUTES_PER_DAY
            segments += [(base + h * 60, base + (h + 1) * 60, hourly[h] * factor) for h in range(24) if hourly[h] > 0]
    return Segments.of(segments)


def portal_dossiers(scenario: "Scenario", timetable: Timetable, streams: Streams,
                    segments: Segments | None = None) -> PortalStream:
    """The dossiers submitted through the portal (`segments`: the scenario's `portal_segments`)."""
    online = scenario.demand.online
    if segments is None:
        segments = portal_segments(scenario, timetable)
    times = piecewise_poisson(streams["online_times"], segments)
    procedures = (
        _choice(streams["online_procedures"], dict(online.procedure_mix), times.size)
        if times.size else np.empty(0, dtype=object)
    )
    return PortalStream(times, procedures,
                        dossier_draws(scenario, streams["back_office"], streams["external"],
                                      streams["dossier_complaints"], times.size))
