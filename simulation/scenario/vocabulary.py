"""The words every layer shares: officials' roles, the kinds of visit each serves, weekdays.

The schema names the roles (``staff.counter``, ``staff.back_office`` ...) and
the visitor kinds (``demand.walk_in.mix.pickup``); the engine routes citizens
by them; results and the planner report per role. They are written here once.
"""
from __future__ import annotations

__all__ = ["ROLES", "LINE_ROLES", "BACK_OFFICE_ROLES", "VISITOR_KINDS", "SERVICE_KINDS", "ROLE_KINDS", "WEEKDAYS"]

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # as scenario files write them

# In reporting order: the ticket line's roles first, then the back office.
ROLES: tuple[str, ...] = ("counter", "guide", "flexible", "back_office")
LINE_ROLES: tuple[str, ...] = ("counter", "guide", "flexible")          # call citizens from the ticket line
BACK_OFFICE_ROLES: frozenset[str] = frozenset({"back_office", "flexible"})  # process dossiers

VISITOR_KINDS: tuple[str, ...] = ("paper", "assisted_online", "pickup", "account_help")
# Kinds whose service time is set in `service.<kind>`; a paper dossier's comes from its procedure.
SERVICE_KINDS: tuple[str, ...] = ("assisted_online", "pickup", "account_help")

# Which visits each role can serve: guides only help citizens online, the back office serves nobody at the line.
ROLE_KINDS: dict[str, frozenset[str]] = {
    "counter": frozenset(VISITOR_KINDS),
    "guide": frozenset({"assisted_online", "account_help"}),
    "flexible": frozenset(VISITOR_KINDS),
    "back_office": frozenset(),
}
