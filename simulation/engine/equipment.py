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
    def __init__(self, scanners: int, scan_min: float = 0.0):
        """`scan_min`: how long one visit's scanning takes an official of proficiency 1."""
        if scanners < 1:
            raise ValueError(f"scanners = {scanners}: a pool needs at least one scanner")
        self.scan_min = scan_min
        self.free_at = [0.0] * scanners
        self.waits: list[float] = []

    def book(self, now: float, minutes: float) -> float:
        """Book the first scanner to fall free for `minutes` of scanning; return the wait before it starts."""
        free_at = self.free_at
        index = free_at.index(min(free_at))  # the first of the earliest-free scanners
        start = max(now, free_at[index])
        self.free_at[index] = start + minutes
        wait = start - now
        self.waits.append(wait)
        return wait
