"""The reusable wake-up (simulation.engine.simpy_adapter): fires like a SimPy timeout, one pending at a time."""
from __future__ import annotations

import pytest
import simpy

from simulation.engine.simpy_adapter import FIRST, Timer


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
    urgent = simpy.Event(env)
    urgent._ok, urgent._value = True, None
    urgent.callbacks.append(lambda e: order.append("urgent"))
    env.schedule(urgent, simpy.events.URGENT, 5)
    env.timeout(5).callbacks.append(lambda e: order.append("timeout"))
    Timer(env, FIRST).set(5, lambda e: order.append("first"))
    Timer(env).set(4.5, lambda e: order.append("earlier"))
    env.run(until=10)
    assert order == ["earlier", "first", "urgent", "timeout"]
