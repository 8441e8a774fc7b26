"""Running replications on Dask distributed.

`DaskRunner` hands the replications to Dask workers in batches, largest first
(one Dask task runs several replications, so the scheduler's cost per task and
the copy of the scenario it carries are shared; the last tasks are single
replications, so the workers finish together) and yields the rows as batches finish. By default it starts a local cluster of ``workers`` processes
(one thread each: a SimPy run holds the GIL); ``scheduler="tcp://host:8786"``
joins an existing cluster instead. Results never depend on the number of
workers or on which worker ran what: a replication's random numbers come from
(base seed, replication index) only, and rows are put back in task order by
the caller. A replication lost with a worker (the process died, the machine
went away) is run again elsewhere with the rest of its batch, up to ``retries``
times (Dask ``retries=``).

    with DaskRunner(workers=4) as runner:
        rows = replicate(scenario, 100, runner=runner)
"""
from __future__ import annotations

import contextlib
import logging
import math
from typing import Any, Callable, Iterator, Sequence

from ..errors import ClusterError, ReplicationError
from ..i18n import _
from .replications import Replication, SerialRunner, simulate

__all__ = ["DaskRunner", "make_runner", "ClusterError", "ReplicationError", "run_batch", "batch_sizes"]


NO_PROFILER = {"distributed.worker.profile.enabled": False}
# Diagnostics that wake every process often (event-loop tick, system monitor) take their CPU from the
# cores the workers compute on; a planner needs neither every few milliseconds.
QUIET = {"distributed.admin.tick.interval": "1s", "distributed.admin.system-monitor.interval": "2s",
         "distributed.worker.memory.monitor-interval": "1s"}


_NOISY = ("distributed", "tornado", "asyncio")


@contextlib.contextmanager
def _quiet_logs():
    """Silence Dask's shutdown chatter (a CommClosedError logged while the workers and the scheduler
    part is harmless: the results are in) in this process for the length of the block."""
    loggers = [logging.getLogger(name) for name in _NOISY]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def run_batch(tasks: Sequence[Replication], function: Callable[[Replication], dict] = simulate) -> list[dict]:
    """Run a batch of replications one after the other (on a worker) and return their rows in order."""
    return [function(task) for task in tasks]


def batch_sizes(tasks: int, workers: int, *, largest: int = 32) -> list[int]:
    """Replications per Dask task, largest first ("guided" self-scheduling, as in OpenMP).

    Each batch takes 1 / (2 x workers) of the replications still unassigned, at most `largest`:
    early batches are big, so the scheduler's and client's few milliseconds per task (CPU taken
    from the workers on a small machine) are shared by many replications; the last ones are single
    replications, so no worker sits idle while another finishes a long batch.
    """
    sizes, left, share = [], max(int(tasks), 0), 2 * max(workers, 1)
    while left > 0:
        size = max(1, min(largest, math.ceil(left / share)))
        sizes.append(size)
        left -= size
    return sizes


class DaskRunner:
    """Replications on a Dask cluster: a local one (``workers`` processes) or ``scheduler`` address."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None, *, retries: int = 3,
                 client: Any = None, function: Callable[[Replication], dict] = simulate,
                 connect_timeout: str = "10s", batch: int | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - distributed is a dependency
            raise ClusterError(_("the 'distributed' package is needed for Dask runs (pip install distributed)")) \
                from exc
        if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
            raise ClusterError(_("workers = {value!r}: must be a whole number of at least 1").format(value=workers))
        if batch is not None and (isinstance(batch, bool) or not isinstance(batch, int) or batch < 1):
            raise ClusterError(_("batch = {value!r}: must be a whole number of at least 1 (replications per "
                                 "task)").format(value=batch))
        self.retries = int(retries)
        self.function = function
        self.batch = batch
        self._cluster = None
        self._own_client = client is None
        if client is not None:
            self.client = client
        elif scheduler:
            try:
                self.client = Client(scheduler, timeout=connect_timeout)
            except (OSError, TimeoutError) as exc:
                raise ClusterError(_("scheduler = {address!r}: cannot reach a Dask scheduler there ({reason})").format(
                    address=scheduler, reason=exc)) from None
        else:
            # Dask's statistical profiler samples every worker thread, for a flame graph nobody reads
            # here. The nannies hand this to every worker process they start, restarts included.
            import dask

            with dask.config.set(QUIET):  # the scheduler lives in this process
                self._cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                             dashboard_address=":0", config={**NO_PROFILER, **QUIET},
                                             silence_logs=logging.CRITICAL)
                self.client = Client(self._cluster)

    def map(self, tasks: Sequence[Replication]) -> Iterator[tuple[int, dict[str, Any]]]:
        from distributed import as_completed

        if not tasks:
            return
        tasks = list(tasks)
        sizes = [self.batch] * math.ceil(len(tasks) / self.batch) if self.batch else \
            batch_sizes(len(tasks), self.workers())
        starts = [sum(sizes[:i]) for i in range(len(sizes))]
        futures = self.client.map(run_batch, [tasks[i:i + n] for i, n in zip(starts, sizes)],
                                  function=self.function, pure=False, retries=self.retries)
        first_of = {f.key: i for i, f in zip(starts, futures)}
        try:
            for future in as_completed(futures):
                first = first_of[future.key]
                try:
                    rows = future.result()
                except (KeyboardInterrupt, ClusterError):
                    raise
                except Exception as exc:  # the worker's error, named in one line
                    raise ReplicationError.of(exc, tasks[first]) from None
                future.release()
                for offset, row in enumerate(rows):
                    yield first + offset, row
        finally:
            for future in futures:  # an interrupted consumer must not leave work running
                if not future.done():
                    future.cancel()

    def workers(self) -> int:
        """How many workers the cluster has now (at least 1)."""
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def close(self) -> None:
        with _quiet_logs():
            if self._own_client:
                self.client.close()
            if self._cluster is not None:
                self._cluster.close()

    def __enter__(self) -> "DaskRunner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def make_runner(workers: int | None = None, scheduler: str | None = None, *, retries: int = 3):
    """The runner a CLI option set asks for: serial for one local worker, Dask otherwise."""
    if scheduler:
        return DaskRunner(scheduler=scheduler, retries=retries)
    if workers is None or workers <= 1:
        return SerialRunner()
    return DaskRunner(workers=workers, retries=retries)
