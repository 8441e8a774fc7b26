"""Running replications on Dask distributed.

`DaskRunner` hands each `Replication` to a Dask worker and yields the rows as
they finish. By default it starts a local cluster of ``workers`` processes
(one thread each: a SimPy run holds the GIL); ``scheduler="tcp://host:8786"``
joins an existing cluster instead. Results never depend on the number of
workers or on which worker ran what: a replication's random numbers come from
(base seed, replication index) only, and rows are put back in task order by
the caller. A replication lost with a worker (the process died, the machine
went away) is run again elsewhere, up to ``retries`` times (Dask ``retries=``).

    with DaskRunner(workers=4) as runner:
        rows = replicate(scenario, 100, runner=runner)
"""
from __future__ import annotations

from typing import Any, Callable, Iterator, Sequence

from .experiments import Replication, SerialRunner, simulate

__all__ = ["DaskRunner", "make_runner", "ClusterError"]


class ClusterError(RuntimeError):
    """The Dask cluster could not be started or reached."""


class DaskRunner:
    """Replications on a Dask cluster: a local one (``workers`` processes) or ``scheduler`` address."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None, *, retries: int = 3,
                 client: Any = None, function: Callable[[Replication], dict] = simulate,
                 connect_timeout: str = "10s"):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - distributed is a dependency
            raise ClusterError("the 'distributed' package is needed for Dask runs (pip install distributed)") from exc
        if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
            raise ClusterError(f"workers = {workers!r}: must be a whole number of at least 1")
        self.retries = int(retries)
        self.function = function
        self._cluster = None
        self._own_client = client is None
        if client is not None:
            self.client = client
        elif scheduler:
            try:
                self.client = Client(scheduler, timeout=connect_timeout)
            except (OSError, TimeoutError) as exc:
                raise ClusterError(f"scheduler = {scheduler!r}: cannot reach a Dask scheduler there ({exc})") from None
        else:
            self._cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                         dashboard_address=":0")
            self.client = Client(self._cluster)

    def map(self, tasks: Sequence[Replication]) -> Iterator[tuple[int, dict[str, Any]]]:
        from distributed import as_completed

        if not tasks:
            return
        futures = self.client.map(self.function, list(tasks), pure=False, retries=self.retries)
        index_of = {f.key: i for i, f in enumerate(futures)}
        try:
            for future in as_completed(futures):
                yield index_of[future.key], future.result()
                future.release()
        finally:
            for future in futures:  # an interrupted consumer must not leave work running
                if not future.done():
                    future.cancel()

    def close(self) -> None:
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
