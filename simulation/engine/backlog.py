"""The back office's backlog of dossiers, worked earliest deadline first.

Dossiers are kept in one heap per procedure field, ordered by due time, so an
official who handles only land dossiers looks only at land. During a portal
outage the affected procedures cannot be processed and are skipped, not lost.
"""
from __future__ import annotations

import heapq
from typing import TYPE_CHECKING, Callable, Protocol

if TYPE_CHECKING:
    from .records import Dossier

__all__ = ["Backlog", "Processor"]


class Processor(Protocol):
    """What the backlog needs of an official who processes dossiers (`officials.OfficialAtWork` is one)."""

    back_office_fields: tuple[str, ...]

    def can_process(self, dossier: "Dossier") -> bool: ...

    def assign(self, task: "Dossier") -> None: ...


class Backlog:
    def __init__(self, fields: tuple[str, ...], blocked: Callable[[str], bool] | None):
        """`blocked(procedure)` says whether an outage stops a procedure; None when nothing ever does."""
        self.heaps: dict[str, list] = {field: [] for field in fields}
        self.idle: list["Processor"] = []
        self.blocked = blocked
        self.size = 0

    def __len__(self) -> int:
        return self.size

    def add(self, dossier: "Dossier") -> None:
        if self.blocked is None or not self.blocked(dossier.procedure):
            for official in self.idle:
                if official.can_process(dossier):
                    official.assign(dossier)
                    return
        heapq.heappush(self.heaps[dossier.field], (dossier.due_min, dossier.seq, dossier))
        self.size += 1

    def next_for(self, official: "Processor") -> "Dossier | None":
        """The unblocked dossier with the earliest deadline among the official's fields."""
        if self.blocked is None:
            return self._earliest(official)
        best_heap, best_entry, set_aside = None, None, []
        for field in official.back_office_fields:
            heap = self.heaps[field]
            skipped = []
            while heap and self.blocked(heap[0][2].procedure):
                skipped.append(heapq.heappop(heap))
            if heap and (best_entry is None or heap[0] < best_entry):
                best_heap, best_entry = heap, heap[0]
            set_aside.append((heap, skipped))
        if best_entry is not None:
            heapq.heappop(best_heap)  # take the chosen one out before the skipped ones go back
            self.size -= 1
        for heap, skipped in set_aside:
            for entry in skipped:
                heapq.heappush(heap, entry)
        return None if best_entry is None else best_entry[2]

    def _earliest(self, official: "Processor") -> "Dossier | None":
        """`next_for` when no procedure is ever blocked: the earliest head among the official's heaps."""
        heaps = self.heaps
        best_heap, best_entry = None, None
        for field in official.back_office_fields:
            heap = heaps[field]
            if heap and (best_entry is None or heap[0] < best_entry):
                best_heap, best_entry = heap, heap[0]
        if best_entry is None:
            return None
        heapq.heappop(best_heap)
        self.size -= 1
        return best_entry[2]

    def remaining(self) -> list["Dossier"]:
        return [entry[2] for heap in self.heaps.values() for entry in heap]
