"""Citizens' satisfaction: who complains, drawn from what they lived through.

The centre's motto is "citizens' satisfaction is the measure". A citizen's
chance of complaining rises with the time they spent in the ticket line beyond
the centre's target; one who gave up or was sent home unserved complains as if
they had waited their whole time in line plus the target again; one who
turned away at a long line counts as having waited twice the target. A
dossier resolved late gives its owner `late_dossier` chance of a complaint.
All of this is computed from the records after the run, each compared with the
complaint roll the citizen or dossier drew before it (a uniform number in [0, 1)).
"""
from __future__ import annotations

import numpy as np

__all__ = ["visitor_complaints", "dossier_complaints"]


def visitor_complaints(time_in_line, outcome, config, rolls) -> np.ndarray:
    """Whether each citizen complains: their roll below their chance of complaining."""
    target = config.wait_target_min
    waited = np.asarray(time_in_line, dtype=float)
    waited = np.where(np.isnan(waited), 0.0, waited)
    outcome = np.asarray(outcome)
    effective = np.where((outcome == "reneged") | (outcome == "unserved"), waited + target, waited)
    effective = np.where(outcome == "balked", 2 * target, effective)
    p = np.clip(config.base + config.per_min_over_target * np.maximum(effective - target, 0.0), 0.0, 1.0)
    return np.asarray(rolls, dtype=float) < p


def dossier_complaints(outcome, config, rolls) -> np.ndarray:
    """Whether each dossier's owner complains: only late dossiers, when their roll is below `late_dossier`."""
    late = np.asarray(outcome) == "late"
    return (np.asarray(rolls, dtype=float) < config.late_dossier) & late
