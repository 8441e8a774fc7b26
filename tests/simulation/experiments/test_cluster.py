"""Replications on a real Dask LocalCluster: same rows whatever the workers, lost work is rerun."""
from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path

import cloudpickle
import pandas as pd
import pytest

from simulation import load_scenario
from simulation.experiments.cluster import ClusterError, DaskRunner, batch_sizes, make_runner
from simulation.experiments.replications import SerialRunner, replicate, simulate
from simulation.experiments.sweeps import sweep

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import this test module

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def small():
    return load_scenario("mmc").with_values({"days": 3, "warmup_days": 1})


@pytest.fixture(scope="module")
def serial(small):
    return replicate(small, 6, seed=21)


@pytest.fixture(scope="module")
def two():
    with DaskRunner(workers=2) as runner:
        yield runner


def test_same_rows_with_one_or_two_worker_processes(small, serial, two):
    with DaskRunner(workers=1) as one:
        assert len(one.client.scheduler_info()["workers"]) == 1
        rows_one = replicate(small, 6, seed=21, runner=one)
    assert len(two.client.scheduler_info()["workers"]) == 2
    rows_two = replicate(small, 6, seed=21, runner=two)
    pd.testing.assert_frame_equal(rows_one, serial)
    pd.testing.assert_frame_equal(rows_two, serial)


def _dies_once(task, marker: str):
    """Kill the worker process the first time replication 2 starts, as a crashed machine would."""
    if task.replication == 2 and not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()))
        os._exit(1)
    return simulate(task)


@pytest.mark.slow
@pytest.mark.parametrize("batch", [None, 4])
def test_a_replication_lost_with_its_worker_is_run_again(small, serial, two, tmp_path, batch):
    marker = tmp_path / "died"
    runner = DaskRunner(client=two.client, function=partial(_dies_once, marker=str(marker)), batch=batch)
    rows = replicate(small, 6, seed=21, runner=runner)
    assert marker.exists()  # a worker really died
    pd.testing.assert_frame_equal(rows, serial)


def test_a_sweep_on_two_workers_writes_the_serial_csv(small, two, tmp_path):
    settings = [("staff.counter", [3, 4])]
    sweep(small, settings, 3, seed=8, out=tmp_path / "serial.csv")
    sweep(small, settings, 3, seed=8, out=tmp_path / "dask.csv", runner=two)
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "serial.csv").read_bytes()


def test_batches_of_replications_give_the_serial_rows_in_task_order(small, serial, two):
    rows = replicate(small, 6, seed=21, runner=DaskRunner(client=two.client, batch=4))  # batches of 4 and 2
    pd.testing.assert_frame_equal(rows, serial)


@pytest.mark.parametrize("tasks, workers", [(1000, 2), (200, 2), (30, 2), (30, 64), (7, 3), (1, 1), (0, 2)])
def test_batches_are_largest_first_and_end_with_single_replications(tasks, workers):
    sizes = batch_sizes(tasks, workers)
    assert sum(sizes) == tasks and all(1 <= n <= 32 for n in sizes)
    assert sizes == sorted(sizes, reverse=True)
    if tasks >= workers:
        assert sizes[-workers:] == [1] * workers  # the workers finish together
    if tasks >= 200:
        assert sizes[0] == 32 and len(sizes) < tasks / 8  # a long run: few tasks for the scheduler
    if workers >= tasks:
        assert sizes == [1] * tasks  # a big cluster: one replication per task


def test_a_batch_size_below_one_is_refused():
    with pytest.raises(ClusterError, match="batch = 0"):
        DaskRunner(batch=0)


def test_runner_choice_and_bad_addresses():
    assert isinstance(make_runner(1), SerialRunner)
    with pytest.raises(ClusterError, match="workers = 0"):
        DaskRunner(workers=0)
    with pytest.raises(ClusterError, match="tcp://127.0.0.1:9"):
        DaskRunner(scheduler="tcp://127.0.0.1:9", connect_timeout="1s")


def test_cli_sweep_on_an_existing_scheduler_matches_one_process(two, tmp_path):
    from motcua.cli import main

    address = two.client.scheduler.address
    common = ["sim", "sweep", "mmc", "--set", "staff.counter=3..4", "--reps", "2", "--days", "3", "--quiet",
              "--no-plots"]
    assert main([*common, "--workers", "1", "--out", str(tmp_path / "one")]) == 0
    assert main([*common, "--scheduler", address, "--out", str(tmp_path / "dask")]) == 0
    assert (tmp_path / "dask" / "rows.csv").read_bytes() == (tmp_path / "one" / "rows.csv").read_bytes()
    assert two.client.status == "running"  # joining a cluster must not shut it down


def test_local_workers_run_without_the_dask_profiler(two):
    import dask

    enabled = two.client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
    assert list(enabled.values()) == [False, False]


def test_local_cluster_diagnostics_wake_seldom_and_the_callers_config_is_left_alone(two):
    import dask

    ticks = two.client.run(lambda: dask.config.get("distributed.admin.tick.interval"))
    assert list(ticks.values()) == ["1s", "1s"]  # in each worker process
    scheduler_tick = two.client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.periodic_callbacks["tick"].callback_time)
    assert scheduler_tick == 1000  # milliseconds, in this process's scheduler
    assert dask.config.get("distributed.admin.tick.interval") == "20ms"  # this process's own setting unchanged
