"""What can go wrong when a person asks the simulator for something, as one small tree.

::

    SimulationError               anything the person can fix by changing what they asked for
    ├── ScenarioError             a scenario file or value: every problem at once, one line each (ValueError)
    ├── CatalogueError            the procedure catalogue file: every problem at once (ValueError)
    ├── UnknownProcedureError     a procedure id the catalogue does not hold (KeyError)
    ├── OptionError               a run option out of range: reps, seed, confidence, workers (ValueError)
    │   ├── StaffChangeError      --remove / --add of named officials that cannot be made
    │   └── WageError             a wage table that cannot be used
    ├── SweepError                a sweep's --set grid, or a rows file that belongs to another sweep (ValueError)
    ├── TargetError               a service target that cannot be read or planned for (ValueError)
    ├── PlanError                 the planner's roles or limits, or no staffing within them meets the targets
    │   │                         (ValueError)
    │   └── HorizonError          a fixed horizon too short for the longest legal time in the mix
    └── ClusterError              the Dask cluster could not be started or reached (RuntimeError)
        └── ReplicationError      a replication failed (on a worker or here), named in one line

Every message names the file, key or option, the value, and what is allowed.
`motcua.cli.errors` turns any of them into those lines on stderr and exit code 2.
Each class also keeps the built-in base it had before the tree existed, so
``except ValueError`` in a notebook still catches a bad scenario.

Messages are written in the current language when the error is raised (`simulation.i18n`).
This module imports nothing else of ours but `simulation.i18n`: every layer may raise from here.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable

from .i18n import _, ngettext

__all__ = ["SimulationError", "ScenarioError", "CatalogueError", "UnknownProcedureError", "OptionError",
           "StaffChangeError", "WageError", "SweepError", "TargetError", "PlanError", "HorizonError", "ClusterError",
           "ReplicationError"]


class SimulationError(Exception):
    """Base class: something a person asked for that the simulator cannot do as asked."""

    @property
    def messages(self) -> list[str]:
        """One line per problem (most errors have one)."""
        return str(self).splitlines() or [""]


class ScenarioError(SimulationError, ValueError):
    """One or more problems in a scenario; `messages` lists them all, one line each."""

    def __init__(self, source: str, messages: list[str]):
        self.source = source
        self._messages = list(messages)
        super().__init__("\n".join(self._messages))

    @property
    def messages(self) -> list[str]:
        return self._messages

    def __reduce__(self):  # rebuilt from its own arguments when it crosses to or from a Dask worker
        return type(self), (self.source, self._messages)


class CatalogueError(SimulationError, ValueError):
    """A procedure catalogue file is unreadable or invalid.

    ``messages`` holds one line per problem, each naming the file, the key
    path, the bad value and what is allowed.
    """

    def __init__(self, messages: Iterable[str]):
        self._messages: tuple[str, ...] = tuple(messages)
        count = len(self._messages)
        header = ngettext("{count} problem in procedure catalogue:", "{count} problems in procedure catalogue:",
                          count).format(count=count)
        super().__init__("\n".join([header, *(f"  {m}" for m in self._messages)]))

    @property
    def messages(self) -> tuple[str, ...]:
        return self._messages

    def __reduce__(self):
        return type(self), (self._messages,)


class UnknownProcedureError(SimulationError, KeyError):
    """A procedure id that the catalogue does not contain."""

    def __init__(self, procedure_id: object, allowed: Iterable[str]):
        self.procedure_id = procedure_id
        self.allowed: tuple[str, ...] = tuple(allowed)
        close = difflib.get_close_matches(str(procedure_id), self.allowed, n=1)
        allowed = ", ".join(self.allowed)
        if close:
            self.message = _("unknown procedure id {id!r} (did you mean {suggestion!r}?); allowed ids: "
                             "{allowed}").format(id=procedure_id, suggestion=close[0], allowed=allowed)
        else:
            self.message = _("unknown procedure id {id!r}; allowed ids: {allowed}").format(id=procedure_id,
                                                                                          allowed=allowed)
        super().__init__(self.message)

    def __str__(self) -> str:  # KeyError would otherwise quote the whole message
        return self.message

    def __reduce__(self):
        return type(self), (self.procedure_id, self.allowed)


class OptionError(SimulationError, ValueError):
    """A run option (replications, seed, confidence level, workers) outside what is allowed."""


class SweepError(SimulationError, ValueError):
    """A sweep setting or resume file that cannot be used; the message names it and says what is allowed."""


class TargetError(SimulationError, ValueError):
    """A target that cannot be read or used; the message names it and says what is allowed."""


class PlanError(SimulationError, ValueError):
    """No staffing within the limits meets the targets, or the planner's input is unusable."""


class ClusterError(SimulationError, RuntimeError):
    """The Dask cluster could not be started or reached."""


class ReplicationError(ClusterError):
    """A replication raised an error (on a worker or here): one line naming it, never a worker traceback."""

    @classmethod
    def of(cls, exc: BaseException, task=None) -> "ReplicationError":
        if task is None:
            return cls(_("a replication failed: {error}: {message}").format(error=type(exc).__name__, message=exc))
        return cls(_("replication {n} of {source} failed: {error}: {message}").format(
            n=task.replication, source=task.scenario.source, error=type(exc).__name__, message=exc))


class HorizonError(PlanError):
    """The horizon the user fixed is too short for the dossiers in the mix."""


class StaffChangeError(OptionError):
    """A change to named officials that cannot be made; the message names it."""


class WageError(OptionError):
    """A wage table that cannot be used; the message names the file and the line."""
