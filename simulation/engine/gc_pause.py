"""Python's cyclic garbage collector, paused while a run builds its records.

A run allocates tens of thousands of small objects (citizens, dossiers,
events, records) that all stay alive until it ends. The cyclic collector
cannot free any of them, yet it walks them again and again, and in a big
process (a Dask worker, a notebook kernel) its full passes walk everything
else too (docs/benchmarks.md gives what that cost). `paused()` switches it off
for the length of a run and restores it afterwards, as the standard library's
`timeit` does while it times. Memory is still freed by reference counting.

What the collector finds when it wakes up matters as much: a run left
behind as a tangle of cycles (centre <-> officials, SimPy's environment <->
its bound methods and pending events) would be walked whole at the end of
every replication, and its survivors would fill the old generation and bring
on full passes. `Centre.release()` untangles a finished run and
`experiments.simulate` drops its results before the pause ends, so a
replication leaves nothing for the collector (tested with `gc.collect() == 0`).
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

__all__ = ["paused"]


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block (nested blocks are fine)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
