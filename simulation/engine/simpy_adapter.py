"""The one module that reaches past SimPy's public API, pinned to the SimPy it is tested on (4.1).

The engine reads the clock at every step of every citizen and schedules a great
many wake-ups, each for one owner that never waits for two things at once (an
official's piece of work in hand, the next arrival of a stream, the next duty
change). `Environment` is SimPy's environment with `now` read as an attribute
rather than through a property, so the engine reads the clock the public way at
the cost of an attribute. `Timer` reschedules the very event that just fired
instead of building a `Timeout` per wake-up; `fire_at` puts a callback on
SimPy's heap at a given priority without a process; `release` untangles a
finished environment so reference counting frees it. Each keeps SimPy's
ordering exactly: its heap of (time, priority, event id, event), NORMAL
priority, first scheduled first served.

The SimPy internals relied on, checked by tests/simulation/engine/test_simpy_adapter.py:
`env._now` (the clock behind `env.now`, set by SimPy as each event is processed, in an
environment without slots of its own), `env._queue` (the heap), `env._eid` (the counter of
scheduled events), `event._ok` / `event._value` (an event counts as triggered once set) and
`event.callbacks` (None once processed), and that the environment's bound helpers
(`env.timeout`, `env.process`, ...) live in its `__dict__`.
"""
from __future__ import annotations

from heapq import heappush
from typing import Any, Callable

import simpy
from simpy.events import NORMAL, URGENT

__all__ = ["Environment", "Timer", "FIRST", "NORMAL", "URGENT", "fire_at", "release"]

FIRST = -1  # before SimPy's URGENT events of the same instant (SimPy itself reschedules with -1)

Callback = Callable[[simpy.Event], None]


class Environment(simpy.Environment):
    """SimPy's environment whose `now` reads the clock as an attribute, not through a property.

    SimPy keeps the clock in `_now` and shows it through the read-only property `now`, a
    Python call at every read. Here `_now` is a slot and `now` is the very same slot under its
    public name: SimPy's own code still sets `_now` as each event is processed, and `env.now`
    reads it at the cost of an attribute.
    """

    __slots__ = ("_now",)


Environment.now = Environment.__dict__["_now"]  # `now` and `_now`: one slot, two names


class Timer:
    """A reusable wake-up: at most one call pending at a time, in SimPy's order."""

    __slots__ = ("_event", "_env", "_queue", "_eid", "_priority")

    def __init__(self, env: simpy.Environment, priority: int = NORMAL):
        """`priority`: NORMAL (what a Timeout has), or FIRST for a wake-up that must come before
        everything else scheduled for the same instant."""
        event = simpy.Event(env)
        event._ok, event._value, event.callbacks = True, None, None  # triggered, nothing pending
        self._event = event
        self._env, self._queue, self._eid = env, env._queue, env._eid
        self._priority = priority

    def set(self, delay: float, callback: Callback) -> None:
        """Call `callback(event)` `delay` minutes from now (at most one call pending at a time)."""
        event = self._event
        if event.callbacks is not None:
            raise RuntimeError("this timer is already waiting: an owner has only one wake-up pending")
        event.callbacks = [callback]
        # env.schedule(event, priority, delay) without the method call: the same heap entry
        heappush(self._queue, (self._env._now + delay, self._priority, next(self._eid), event))


def fire_at(env: simpy.Environment, time: float, callback: Callback, value: Any = None,
            priority: int = URGENT) -> None:
    """Call `callback(event)` at `time` with `event.value == value`; by default before the ordinary
    events of that instant (URGENT, as a process starting then would be), without a process."""
    event = simpy.Event(env)
    event._ok, event._value = True, value  # triggered by hand: SimPy's succeed() would schedule it now
    event.callbacks.append(callback)
    env.schedule(event, priority, time - env._now)


def release(env: simpy.Environment) -> None:
    """Drop a finished environment's pending events and bound helpers (it is unusable after).

    The pending events, their callbacks (bound methods of the model) and the environment's
    own bound methods refer to one another; untangled, the run is freed by reference counting
    as soon as its last reference goes, instead of by (and lengthening) a pass of the cyclic
    garbage collector."""
    env._queue.clear()
    env.__dict__.clear()  # SimPy binds env.timeout, env.process, ... to the environment itself
