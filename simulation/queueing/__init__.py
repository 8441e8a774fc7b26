"""Pure queueing formulas (Erlang B/C/A, square-root staffing, SIPP, MOL): numbers in, numbers out.
Imports nothing else of ours.

Every formula is reachable from here (``from simulation.queueing import erlang_c, sipp_staffing``);
``erlang`` holds the stationary ones, ``time_varying`` those for demand that changes by the hour.
"""
from .erlang import *  # noqa: F401,F403
from .erlang import __all__ as _stationary
from .time_varying import *  # noqa: F401,F403
from .time_varying import __all__ as _time_varying

__all__ = [*_stationary, *_time_varying]
