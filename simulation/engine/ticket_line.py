"""The ticket line: citizens holding numbered tickets, waiting to be called.

There is one line for the whole centre. When a counter falls free, its
official calls the first ticket they are able to serve (their skills cover the
citizen's procedure field); with the legal-priority rule on, elderly, disabled
and pregnant citizens are called before everyone else. A citizen may refuse
to take a ticket when the line is long (balk) or leave it when their patience
runs out (renege); leaving removes them from the line at once, so no counter
is ever held for someone who has gone.

SimPy's `Resource` cannot express "the next free counter whose official has
the skill", so the line keeps its own list of waiting citizens and of idle
officials and hands a citizen straight to an idle official's wake-up event.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .records import Visitor

__all__ = ["TicketLine", "Caller"]


class Caller(Protocol):
    """What the line needs of an official who calls tickets (`officials.OfficialAtWork` is one)."""

    serves: frozenset[str]  # the citizens' needs (records.need_of) they can serve

    def assign(self, task: "Visitor") -> None: ...


class TicketLine:
    def __init__(self, priority_rule: bool):
        self.priority_rule = priority_rule
        self.waiting: list["Visitor"] = []
        self.idle: list["Caller"] = []
        self.tickets_issued = 0
        self.closing = float("inf")         # when the current session's ticket machine closes
        self.overtime_until = float("inf")  # and until when counters still call tickets after it

    def __len__(self) -> int:
        return len(self.waiting)

    def take_ticket(self, visitor: "Visitor") -> None:
        """Issue the next number and hand the citizen to an idle official, or queue them."""
        self.tickets_issued += 1
        visitor.ticket = self.tickets_issued
        need = visitor.need
        for official in self.idle:
            if need in official.serves:  # official.can_serve(visitor), inlined: once per arrival
                official.assign(visitor)
                return
        visitor.waiting = True
        if self.priority_rule and visitor.priority:
            position = 0
            while position < len(self.waiting) and self.waiting[position].priority:
                position += 1
            self.waiting.insert(position, visitor)
        else:
            self.waiting.append(visitor)

    def call_next(self, official: "Caller") -> "Visitor | None":
        """The first waiting citizen this official can serve, removed from the line."""
        serves = official.serves
        for position, visitor in enumerate(self.waiting):
            if visitor.need in serves:
                del self.waiting[position]
                visitor.waiting = False
                return visitor
        return None

    def can_call(self, official: "Caller") -> int:
        """How many waiting citizens this official could serve."""
        serves = official.serves
        return sum(1 for visitor in self.waiting if visitor.need in serves)

    def leave(self, visitor: "Visitor") -> bool:
        """Remove a citizen who gives up; False if they were already called."""
        if not visitor.waiting:
            return False
        self.waiting.remove(visitor)
        visitor.waiting = False
        return True

    def send_home(self) -> list["Visitor"]:
        """Closing time: everyone still waiting goes home unserved."""
        gone, self.waiting = self.waiting, []
        for visitor in gone:
            visitor.waiting = False
        return gone
