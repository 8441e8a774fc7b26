"""Simulated days and months the course notebooks read, run once per kernel and cached.

Every number an exercise asks about comes from a run of the simulator
(``simulation.run``) on a scenario file under ``scenarios/``, with a fixed
seed; expected answers are computed from the same cached run.
"""
import functools
from pathlib import Path

__all__ = ["scenario", "results", "SCENARIO_DIR"]

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"


def scenario(name, values=()):
    """Load ``scenarios/<name>.yaml``; ``values`` is a tuple of (dotted key, value) pairs to change."""
    base = _base(name)
    return base.with_values(dict(values)) if values else base


@functools.lru_cache(maxsize=16)
def _base(name):
    """The validated scenario as written in its file (frozen, so one copy serves every run)."""
    from simulation import load_scenario

    path = SCENARIO_DIR / f"{name}.yaml"
    if not path.exists():
        raise FileNotFoundError(f"scenario file {path} not found: the course needs the scenarios/ folder "
                                f"of the motcua checkout (allowed names: "
                                f"{', '.join(sorted(p.stem for p in SCENARIO_DIR.glob('*.yaml')))})")
    return load_scenario(path)


@functools.lru_cache(maxsize=64)
def results(name, values=(), seed=1):
    """The cached results of one run (``values`` as in :func:`scenario`, hashable)."""
    import warnings

    from simulation import run

    with warnings.catch_warnings():  # a warning would print on stderr, which nbgrader counts as failure
        warnings.simplefilter("ignore")
        return run(scenario(name, values), seed=seed)
