"""The garbage-collector pause used around runs: always restored, nested blocks keep the outer state."""
from __future__ import annotations

import gc

import pytest

from simulation import load_scenario, run
from simulation.engine import gc_pause as collector


@pytest.fixture(autouse=True)
def _collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_switches_the_collector_off_and_back_on():
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not switch it on under the outer one
    assert gc.isenabled()


def test_paused_restores_the_collector_after_an_error():
    with pytest.raises(ZeroDivisionError):
        with collector.paused():
            1 / 0
    assert gc.isenabled()


def test_paused_leaves_a_collector_that_was_off_switched_off():
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_a_run_leaves_the_collector_on_and_same_results_either_way():
    scenario = load_scenario("mmc").with_values({"days": 2, "warmup_days": 0})
    first = run(scenario, 5).kpis()
    assert gc.isenabled()
    gc.disable()
    second = run(scenario, 5).kpis()
    assert not gc.isenabled()
    gc.enable()
    assert first.keys() == second.keys()
    assert all(first[k] == second[k] or (first[k] != first[k] and second[k] != second[k]) for k in first)  # NaN = NaN


def ours_in_garbage() -> list[str]:
    """Types from simulation or SimPy among the objects the collector finds unreachable now (other
    threads, such as a Dask client's event loop left by an earlier test, may make garbage of their own)."""
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        found = sorted({type(o).__module__ + "." + type(o).__name__ for o in gc.garbage
                        if type(o).__module__.split(".")[0] in ("simulation", "simpy")})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    return found


@pytest.mark.parametrize("name", ["kim-boi.yaml", "kim-boi-outage.yaml", "urban-ward.yaml"])
def test_a_replication_leaves_no_cycles_for_the_collector(name):
    """Everything a replication allocates is freed by reference counting when its row is returned,
    so the collector has nothing to walk afterwards (it used to walk the whole run once per
    replication, about 5% of its time)."""
    from simulation.experiments.replications import Replication, simulate

    scenario = load_scenario(name).with_values({"days": 6})
    simulate(Replication(scenario, 1, 0))  # warm the caches (plan, deadlines, catalogue)
    gc.collect()
    gc.disable()
    row = simulate(Replication(scenario, 1, 1))
    assert not ours_in_garbage()
    assert row["walk_in_arrived"] > 0


def test_a_released_centre_is_freed_without_the_collector():
    import weakref

    from simulation import Centre

    scenario = load_scenario("kim-boi").with_values({"days": 3})
    gc.collect()
    gc.disable()
    centre = Centre(scenario, 2)
    results = centre.run()
    ref = weakref.ref(centre)
    centre.release()
    del centre
    assert ref() is None  # reference counting alone freed it
    assert results.kpis()["walk_in_arrived"] > 0  # the results outlive the centre
