"""The one SimPy adapter (simulation.engine.simpy_adapter): what it does, the SimPy internals it relies
on (these tests fail first if a SimPy release changes them), and that nothing else reaches into SimPy."""
from __future__ import annotations

import gc
import re
import weakref
from heapq import heappop

import pytest
import simpy
from simpy.events import NORMAL, URGENT

from simulation.engine.simpy_adapter import FIRST, Environment, Timer, fire_at, release


# -- what the adapter does ----------------------------------------------------

def test_the_environment_clock_reads_as_simpy_s_through_processes_timeouts_and_run_until():
    env, seen = Environment(initial_time=1.5), []
    assert env.now == 1.5

    def process(env):
        for delay in (2, 0.25, 4):
            yield env.timeout(delay)
            seen.append((env.now, env._now))

    env.process(process(env))
    env.run(until=7)
    assert seen == [(3.5, 3.5), (3.75, 3.75)]
    assert env.now == 7
    env.run()
    assert seen[-1] == (7.75, 7.75) and env.now == 7.75
    assert isinstance(env, simpy.Environment) and "now" not in env.__dict__


def test_a_timer_fires_at_its_time_and_can_be_set_again_from_its_own_callback():
    env = simpy.Environment()
    timer, seen = Timer(env), []

    def tick(_event):
        seen.append(env.now)
        if len(seen) < 4:
            timer.set(2.5, tick)

    timer.set(1.0, tick)
    env.run(until=100)
    assert seen == [1.0, 3.5, 6.0, 8.5]


def test_a_timer_keeps_simpy_order_among_timeouts_of_the_same_instant():
    env = simpy.Environment()
    timer, order = Timer(env), []
    env.timeout(5).callbacks.append(lambda e: order.append("timeout set first"))
    timer.set(5, lambda e: order.append("timer"))
    env.timeout(5).callbacks.append(lambda e: order.append("timeout set last"))
    env.run(until=10)
    assert order == ["timeout set first", "timer", "timeout set last"]


def test_a_pending_timer_refuses_a_second_wake_up():
    env = simpy.Environment()
    timer = Timer(env)
    timer.set(1.0, lambda e: None)
    with pytest.raises(RuntimeError, match="already waiting"):
        timer.set(2.0, lambda e: None)
    env.run(until=5)
    timer.set(1.0, lambda e: None)  # fired: free again


def test_a_first_timer_comes_before_everything_else_of_its_instant_even_when_set_last():
    env = simpy.Environment()
    order = []
    fire_at(env, 5, lambda e: order.append("urgent"))
    env.timeout(5).callbacks.append(lambda e: order.append("timeout"))
    Timer(env, FIRST).set(5, lambda e: order.append("first"))
    Timer(env).set(4.5, lambda e: order.append("earlier"))
    env.run(until=10)
    assert order == ["earlier", "first", "urgent", "timeout"]


def test_fire_at_calls_back_at_its_time_with_its_value_before_a_process_started_then():
    env = simpy.Environment()
    seen = []

    def process(env):
        seen.append(("process", env.now))
        yield env.timeout(0)

    env.timeout(3).callbacks.append(lambda e: env.process(process(env)))
    fire_at(env, 3, lambda e: seen.append((e.value, env.now)), value="fired")
    fire_at(env, 7, lambda e: seen.append((e.value, env.now)), value="normal", priority=NORMAL)
    env.timeout(7).callbacks.append(lambda e: seen.append(("timeout", env.now)))
    env.run(until=10)
    assert seen == [("fired", 3), ("process", 3), ("normal", 7), ("timeout", 7)]


def test_a_released_environment_holds_nothing_and_is_freed_by_reference_counting():
    class Owner:  # refers to the environment, which refers back through a pending callback
        def __init__(self):
            self.env = simpy.Environment()
            self.env.timeout(50).callbacks.append(self.wake)

        def wake(self, _event):
            pass

    gc.collect()
    gc.disable()
    try:
        owner = Owner()
        owner.env.run(until=10)
        ref = weakref.ref(owner.env)
        release(owner.env)
        del owner
        assert ref() is None
    finally:
        gc.enable()


# -- the SimPy internals the adapter relies on ---------------------------------

def test_simpy_is_a_version_the_adapter_is_tested_on():
    assert re.match(r"4\.1\.", simpy.__version__), simpy.__version__


def test_the_clock_is_env_now_behind_the_now_property_and_the_environment_has_no_slots():
    env = simpy.Environment(initial_time=2.5)
    assert env._now == env.now == 2.5
    env.run(until=4.0)
    assert env._now == 4.0
    assert isinstance(simpy.Environment.now, property)
    env._now = 6.0
    assert env.now == 6.0  # the property shows _now, nothing else
    assert all("__slots__" not in vars(cls) for cls in simpy.Environment.__mro__[:-1])  # _now can be a slot


def test_the_event_heap_holds_time_priority_id_event_and_ids_count_up():
    env = simpy.Environment()
    assert isinstance(env._queue, list) and env._queue == []
    first, second = next(env._eid), next(env._eid)
    assert second == first + 1
    timeout = env.timeout(3)
    when, priority, eid, event = env._queue[0]
    assert (when, priority, event) == (3, NORMAL, timeout) and eid > second
    assert URGENT < NORMAL and FIRST < URGENT
    heappop(env._queue)


def test_an_event_is_triggered_by_ok_and_value_and_processed_when_callbacks_is_none():
    env = simpy.Environment()
    event = simpy.Event(env)
    assert not event.triggered and event.callbacks == []
    event._ok, event._value = True, "v"
    assert event.triggered and event.ok and event.value == "v"
    env.schedule(event, NORMAL, 1)
    env.run(until=2)
    assert event.processed and event.callbacks is None


def test_the_environment_binds_its_helpers_in_its_own_dict():
    env = simpy.Environment()
    assert {"timeout", "process", "event"} <= set(env.__dict__)
    assert {"_now", "_queue", "_eid"} <= set(env.__dict__)


# -- nothing else reaches into SimPy ---------------------------------------------

PRIVATE = re.compile(r"env\._|\._now\b|\._queue\b|\._eid\b|\._ok\b|\._value\b")
ALLOWED = {"simulation/engine/simpy_adapter.py", "tests/simulation/engine/test_simpy_adapter.py"}
SKIPPED = {"__pycache__", "node_modules", "build", "dist"}


def our_files(root) -> list[str]:
    """Our Python files and notebooks (not the virtualenv, caches or other hidden folders)."""
    return sorted(path.relative_to(root).as_posix() for pattern in ("*.py", "*.ipynb") for path in root.rglob(pattern)
                  if not any(part.startswith(".") or part in SKIPPED for part in path.relative_to(root).parts))


def test_no_simpy_internals_outside_the_adapter(root):
    files = our_files(root)
    assert "simulation/engine/centre.py" in files and "tests/conftest.py" in files  # the listing works
    found = [f"{name}:{number}: {line.strip()}" for name in files if name not in ALLOWED
             for number, line in enumerate((root / name).read_text(encoding="utf-8").splitlines(), 1)
             if PRIVATE.search(line)]
    assert not found, "SimPy internals outside simulation/engine/simpy_adapter.py:\n" + "\n".join(found)


def test_the_grep_finds_what_it_looks_for():
    for line in ("now = self.env._now", "env._queue.clear()", "event._ok, event._value = True, None",
                 "next(self._eid)"):
        assert PRIVATE.search(line), line
    assert not PRIVATE.search("now = self.env.now")
