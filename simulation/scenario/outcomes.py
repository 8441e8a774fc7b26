"""Whether a dossier was resolved early, on time or late: the one rule.

A dossier not finished is in the backlog (tồn); finished after its due time it
is late (quá hạn); finished on a working day whose date is before the due
date it is early (trước hạn); otherwise (the due day itself, or a day off
before it) it is on time (đúng hạn), as the centres' reports count them. The calendar applies it to date-times,
the run's results to whole columns of minutes: both call `dossier_outcomes`.
"""
from __future__ import annotations

import numpy as np

__all__ = ["OUTCOMES", "RESOLVED", "dossier_outcomes", "dossier_outcome"]

OUTCOMES: tuple[str, ...] = ("early", "on_time", "late", "backlog")
RESOLVED: tuple[str, ...] = ("early", "on_time", "late")

_MINUTES_PER_DAY = 24 * 60
_BY_CODE = np.array(["on_time", "early", "late", "backlog"], dtype=object)


def dossier_outcomes(finished, due, working_by_day) -> np.ndarray:
    """The outcome of each dossier, from minutes since midnight of day 0 (NaN: not finished).

    ``working_by_day[d]`` tells whether day ``d`` is a working day; a day past
    its end counts as its last entry.
    """
    finished, due = np.asarray(finished, dtype=float), np.asarray(due, dtype=float)
    working = np.asarray(working_by_day, dtype=bool)
    missing = np.isnan(finished)
    finished_day = np.where(missing, 0.0, finished) // _MINUTES_PER_DAY
    code = (finished_day < np.floor(due / _MINUTES_PER_DAY)).view(np.int8)  # 1: early, if a working day
    code &= working[np.minimum(finished_day.astype(np.int64), len(working) - 1)]
    code[finished > due] = 2
    code[missing] = 3
    return _BY_CODE[code]


def dossier_outcome(finished: float | None, due: float, working: bool = True) -> str:
    """One dossier's outcome; `working` tells whether the day it was finished on is a working day."""
    if finished is None:
        return "backlog"
    return dossier_outcomes([finished], [due], [working])[0]
