"""The options every experiment takes (replications, seed, confidence level, workers), checked once.

The library and the command line share these checks, so ``reps=1`` in a
notebook and ``--reps 1`` on the command line get the same sentence. A
command-line option is shown as typed (``--reps 1``), a keyword as code
(``reps = 1``).
"""
from __future__ import annotations

import numbers
from typing import Any

from ..errors import OptionError, SimulationError
from ..i18n import _

__all__ = ["check_reps", "check_seed", "check_confidence", "check_workers"]


def _whole(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _shown(name: str, value: Any) -> str:
    return f"{name} {value}" if name.startswith("--") else f"{name} = {value!r}"


def check_reps(reps: Any, *, least: int = 2, name: str = "reps",
               error: type[SimulationError] = OptionError) -> int:
    """`reps` as an int, or `error` when it is not a whole number of at least `least`.

    Two replications are the fewest that give a confidence interval; a sweep
    may ask for one (a quick look without intervals).
    """
    if not _whole(reps) or reps < least:
        why = _("need at least 2 replications for a confidence interval") if least == 2 else \
            _("must be a whole number of at least {least}").format(least=least)
        raise error(f"{_shown(name, reps)}: {why}")
    return int(reps)


def check_seed(seed: Any, *, name: str = "seed", error: type[SimulationError] = OptionError) -> int:
    if not _whole(seed) or seed < 0:
        raise error(_("{option}: must be a whole number of at least 0").format(option=_shown(name, seed)))
    return int(seed)


def check_confidence(level: Any, *, name: str = "confidence", error: type[SimulationError] = OptionError) -> float:
    if not isinstance(level, numbers.Real) or isinstance(level, bool) or not 0 < level < 1:
        raise error(_("{option}: must be strictly between 0 and 1 (e.g. 0.95)").format(option=_shown(name, level)))
    return float(level)


def check_workers(workers: Any, *, name: str = "workers", error: type[SimulationError] = OptionError) -> int:
    if not _whole(workers) or workers < 1:
        raise error(_("{option}: must be at least 1").format(option=_shown(name, workers)))
    return int(workers)
