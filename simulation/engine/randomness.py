"""Random streams: one numpy Generator per source of randomness, all from one SeedSequence.

Each source (walk-in arrivals, service times, patience, ...) draws from its own
stream, so changing one part of a scenario (say, staffing) leaves every other
draw as it was: two scenarios run with the same seed see the same citizens
(common random numbers). There is no global seed anywhere.
"""
from __future__ import annotations

import numpy as np

__all__ = ["STREAMS", "Streams", "seed_sequence", "unit_durations"]

STREAMS = (
    "walk_in_times",
    "walk_in_kinds",
    "walk_in_procedures",
    "priority",
    "patience",
    "service",
    "incomplete",
    "online_times",
    "online_procedures",
    "back_office",
    "external",
    "complaints",
    "dossier_complaints",
    "walk_in_dossiers",  # appended last: adding a stream must not change the others
)


def seed_sequence(seed: int | np.random.SeedSequence, *replication: int) -> np.random.SeedSequence:
    """The SeedSequence for (seed, replication...): independent of who runs it."""
    if isinstance(seed, np.random.SeedSequence):
        base = seed
    else:
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise ValueError(f"seed = {seed!r}: must be a non-negative integer")
        base = np.random.SeedSequence(int(seed))
    if not replication:
        return base
    return np.random.SeedSequence(base.entropy, spawn_key=tuple(base.spawn_key) + tuple(int(r) for r in replication))


class Streams:
    """Named generators, spawned in a fixed order from one SeedSequence."""

    def __init__(self, seed: int | np.random.SeedSequence):
        sequence = seed_sequence(seed)
        # spawn from a fresh copy: spawn() advances the parent's counter, and a run must be repeatable
        children = np.random.SeedSequence(sequence.entropy, spawn_key=sequence.spawn_key).spawn(len(STREAMS))
        self._generators = {name: np.random.Generator(np.random.PCG64(child)) for name, child in zip(STREAMS, children)}

    def __getitem__(self, name: str) -> np.random.Generator:
        return self._generators[name]


def unit_durations(dist: str, cv: float, exp: np.ndarray, normal: np.ndarray, uniform: np.ndarray) -> np.ndarray:
    """Durations with mean 1 from pre-drawn standard variates (exponential, normal, uniform).

    Drawing the standard variates once per citizen and shaping them here keeps
    each citizen's work content the same across scenarios that differ only in
    staffing.
    """
    if dist == "exponential":
        return exp
    if dist == "constant" or cv == 0:
        return np.ones_like(exp)
    if dist == "lognormal":
        sigma2 = np.log1p(cv * cv)
        return np.exp(np.sqrt(sigma2) * normal - sigma2 / 2)
    if dist == "uniform":
        half_width = min(cv * np.sqrt(3.0), 1.0)
        return 1 - half_width + 2 * half_width * uniform
    raise ValueError(f"unknown distribution {dist!r}")
