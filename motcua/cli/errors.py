"""From an error a person caused to what they read: one line per problem on stderr, and an exit code.

Every ``motcua`` command runs through `guarded`. The errors a person can fix
(`simulation.SimulationError` and `grading.errors.WorkshopError`, each a tree
of its own) and a file that cannot be read or written print their message and
exit with `BAD_INPUT`, never a traceback; Ctrl-C exits with `INTERRUPTED`
after saying what is kept. Anything else is a bug and keeps its traceback.

::

    motcua sim plan: error: target 'wait_p9 <= 15min': 'wait_p9' is not a KPI the planner can staff for ...
    motcua sim check: error: 2 problems:
      bad.yaml: demand.walk_in.rate_per_hour = -1: must be at least 0
      bad.yaml: staff.cook = 1: unknown key
"""
from __future__ import annotations

import functools
import sys
from typing import Callable

from simulation.i18n import N_, _, ngettext

__all__ = ["OK", "FAILED", "BAD_INPUT", "INTERRUPTED", "bad_input_errors", "messages", "report", "guarded"]

OK = 0
FAILED = 1        # the command ran but some of its work failed (e.g. officials who could not be graded)
BAD_INPUT = 2     # the person can fix it: a file, a key, an option
INTERRUPTED = 130  # Ctrl-C, as shells report it

# The words are message ids, translated when printed: the prefix reads "lỗi:" for a Vietnamese trainer.
# TRANSLATORS: {prog} is the command as typed (motcua sim plan), {message} the problem, already translated.
ERROR = N_("{prog}: error: {message}")
PROBLEMS = "{prog}: error: {count} problems:"  # the English plural; `_problems` says it in the reader's language
INTERRUPTED_TEXT = N_("\n{prog}: interrupted{hint}")  # after a progress bar's line
UNREADABLE = "{path}: {reason}"

Command = Callable[[object], "int | None"]


def bad_input_errors() -> tuple[type[BaseException], ...]:
    """The error trees whose messages are written for the person at the keyboard."""
    from simulation.errors import SimulationError

    trees: list[type[BaseException]] = [SimulationError]
    try:
        from grading.errors import WorkshopError
    except ImportError:  # the grading toolkit is not installed in this checkout
        pass
    else:
        trees.append(WorkshopError)
    return tuple(trees)


def messages(error: BaseException) -> list[str]:
    """One line per problem: the error's `messages` when it lists them, else its text split into lines."""
    if isinstance(error, OSError) and error.filename is not None:
        return [UNREADABLE.format(path=error.filename, reason=error.strerror or error)]
    listed = getattr(error, "messages", None) or getattr(error, "problems", None)
    if listed:
        return [str(m) for m in listed]
    return str(error).splitlines() or [type(error).__name__]


def report(prog: str, error: BaseException, file=None) -> int:
    """Print `error` for a person (prefixed with the command's name) and return `BAD_INPUT`."""
    file = file or sys.stderr
    lines = messages(error)
    if len(lines) == 1:
        print(_(ERROR).format(prog=prog, message=lines[0]), file=file)
    else:
        print(ngettext("{prog}: error: {count} problem:", "{prog}: error: {count} problems:", len(lines)).format(prog=prog, count=len(lines)),
              file=file)
        for line in lines:
            print(f"  {line}", file=file)
    return BAD_INPUT


def guarded(prog: str, *, interrupted: str = "") -> Callable[[Command], Callable[[object], int]]:
    """Wrap a command ``function(args) -> exit code`` so a person's error never shows a traceback.

    `prog` names the command in each message (``"motcua sim plan"``); `interrupted` is what
    Ctrl-C prints after "interrupted" (e.g. how to resume).
    """
    def wrap(function: Command) -> Callable[[object], int]:
        @functools.wraps(function)
        def run(args) -> int:
            try:
                return int(function(args) or OK)
            except bad_input_errors() as error:
                return report(prog, error)
            except OSError as error:
                if error.filename is None:  # not about a file the person named: a bug, keep the traceback
                    raise
                return report(prog, error)
            except KeyboardInterrupt:
                print(_(INTERRUPTED_TEXT).format(prog=prog, hint=_(interrupted) if interrupted else ""), file=sys.stderr)
                return INTERRUPTED
        return run
    return wrap
