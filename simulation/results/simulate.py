"""One run of one scenario, from scenario to `Results`: the front door's `run` and `Centre`.

The engine (`engine.centre.Centre`) hands back a plain `RunRecord`; this is the
one place that joins it to `Results`, so the engine never imports the layer
above it.
"""
from __future__ import annotations

from ..engine import centre as _engine
from ..engine import gc_pause
from ..engine.randomness import seed_sequence
from ..scenario.model import Scenario
from .run_results import Results

__all__ = ["run", "Centre"]


class Centre(_engine.Centre):
    """The engine's centre, with `run()` handing back `Results` (its `simulate()` gives the bare record)."""

    def run(self) -> Results:
        return Results(self.simulate())


def run(scenario: Scenario, seed: int = 1, *, replication: int | None = None, days: int | None = None) -> Results:
    """Simulate one scenario once. Same scenario and seed, same output, always."""
    if days is not None and days != scenario.days:
        scenario = scenario.with_values({"days": days})
    sequence = seed_sequence(seed) if replication is None else seed_sequence(seed, replication)
    with gc_pause.paused():
        centre = _engine.Centre(scenario, sequence)
        record = centre.simulate()
        centre.release()
        return Results(record)
