"""Shared equipment: the centre's scanners.

The article names "not enough equipment" among Kim Boi's difficulties. Every
paper dossier and every assisted online submission is scanned at the start of
its service; when all scanners are taken, the official and the citizen wait
for the first one to come free. Scanners are handed out first come, first
served, so instead of a SimPy resource (two extra events per scan) the pool
books each scanner by the time it next falls free: the same queue discipline,
computed in one step.
"""
from __future__ import annotations

__all__ = ["ScannerPool"]


class ScannerPool:
    """``outages`` are (start, end, count) in simulation minutes: ``count`` scanners are broken from
    start to end (the first ``count`` of the pool). A scan never starts on a broken scanner nor runs
    into its breakdown: it waits for a working one, or for the repair."""

    def __init__(self, scanners: int, scan_min: float = 0.0, outages: tuple[tuple[float, float, int], ...] = ()):
        """`scan_min`: how long one visit's scanning takes an official of proficiency 1."""
        if scanners < 1:
            raise ValueError(f"scanners = {scanners}: a pool needs at least one scanner")
        self.scan_min = scan_min
        self.free_at = [0.0] * scanners
        self.waits: list[float] = []
        self._down: list[list[tuple[float, float]]] = [[] for _ in range(scanners)]
        for start, end, count in outages:
            if not (end > start and 1 <= count <= scanners):
                raise ValueError(f"scanner outage ({start}, {end}, {count}): end must follow start and "
                                 f"1 <= count <= {scanners}")
            for index in range(count):
                self._down[index].append((start, end))
        for spans in self._down:
            spans.sort()

    def _start_on(self, index: int, earliest: float, minutes: float) -> float:
        """The first moment from `earliest` when scanner `index` works for `minutes` in a row."""
        start = earliest
        for down_from, down_to in self._down[index]:
            if start < down_to and down_from < start + minutes:
                start = down_to
        return start

    def book(self, now: float, minutes: float) -> float:
        """Book the first scanner to fall free for `minutes` of scanning; return the wait before it starts."""
        free_at = self.free_at
        if not any(self._down):
            index = free_at.index(min(free_at))  # the first of the earliest-free scanners
            start = max(now, free_at[index])
        else:
            starts = [self._start_on(i, max(now, f), minutes) for i, f in enumerate(free_at)]
            start = min(starts)
            index = starts.index(start)
        self.free_at[index] = start + minutes
        wait = start - now
        self.waits.append(wait)
        return wait
