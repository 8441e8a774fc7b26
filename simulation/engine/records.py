"""What moves through the centre during a run, and the flat records it leaves.

A `Visitor` holds a numbered ticket; a `Dossier` waits in the back office. Each
is a plain object with slots that the engine fills in as things happen; after
the run, `Results` turns the lists of them into pandas DataFrames in one call.
A time that has not happened is NaN (`NEVER`), as it is in the DataFrames, so
time columns go straight into float arrays.

Every chance a citizen or dossier meets is decided by a *roll* drawn before the
run: a uniform number in [0, 1) that is compared with the scenario's share (an
incomplete dossier when `incomplete_roll < incomplete_share`) or picks one of n
options. Tying the rolls to the citizen, not to the order things happen in,
lets two staffing options meet the very same citizens and dossiers.
"""
from __future__ import annotations

__all__ = ["Visitor", "Dossier", "WorkLog", "VISITOR_COLUMNS", "DOSSIER_COLUMNS", "ACTIVITY_COLUMNS",
           "DUTY_COLUMNS", "NEVER", "need_of"]

NEVER = float("nan")  # the time of something that has not happened (yet): NaN, as in the DataFrames

VISITOR_COLUMNS = (
    "visitor_id", "kind", "procedure", "field", "priority", "returning", "ticket",
    "arrival_min", "called_min", "end_min", "official", "role", "outcome", "incomplete", "patience_min",
)
DOSSIER_COLUMNS = (
    "dossier_id", "procedure", "field", "channel", "received_min", "due_min", "started_min",
    "work_done_min", "finished_min", "official", "rework", "outcome",
)
ACTIVITY_COLUMNS = ("official", "role", "activity", "start_min", "end_min")
DUTY_COLUMNS = ("official", "role", "start_min", "end_min")


def need_of(kind: str, field: str) -> str:
    """What it takes to serve a citizen: the visit kind, and for paper dossiers the procedure's field
    too (an official serves the citizen when their role covers the kind and, for paper, their skills
    cover the field; see `OfficialAtWork.serves`)."""
    return f"paper:{field}" if kind == "paper" else kind


class Visitor:
    """A citizen with a ticket. Outcome: served, balked, reneged, unserved (sent home at closing),
    waiting or in_service (still there when the run ended).

    `dossier` holds the rolls of the dossier a paper or assisted-online visit leaves behind
    (see `citizens.DossierDraws`); `return_complaint_roll` becomes the `complaint_roll` of the
    citizen's second visit if they must come back with missing papers.
    """

    __slots__ = VISITOR_COLUMNS + ("need", "service_unit", "incomplete_roll", "return_day_roll", "complaint_roll",
                                   "return_complaint_roll", "waiting", "dossier")

    def __init__(self, visitor_id, kind, procedure, field, priority, arrival, patience, service_unit,
                 incomplete_roll=1.0, return_day_roll=0.0, returning=False, dossier=(1.0, 1.0, 1.0, 1.0),
                 complaint_roll=1.0, return_complaint_roll=1.0):
        self.visitor_id = visitor_id
        self.kind = kind
        self.procedure = procedure
        self.field = field
        self.need = "paper:" + field if kind == "paper" else kind  # need_of(kind, field), inlined
        self.priority = priority
        self.returning = returning
        self.ticket = 0
        self.arrival_min = arrival
        self.called_min = NEVER
        self.end_min = NEVER
        self.official = ""
        self.role = ""
        self.outcome = "waiting"
        self.incomplete = False
        self.patience_min = patience
        self.service_unit = service_unit
        self.incomplete_roll = incomplete_roll
        self.return_day_roll = return_day_roll
        self.complaint_roll = complaint_roll
        self.return_complaint_roll = return_complaint_roll
        self.waiting = False
        self.dossier = dossier  # (work unit, rework roll, outside-agency unit, complaint roll)


class Dossier:
    """A dossier against a legal deadline. Channel: portal, guided (at the desk) or counter (paper)."""

    __slots__ = DOSSIER_COLUMNS + ("work_left", "external_days", "seq", "complaint_roll")

    def __init__(self, dossier_id, procedure, field, channel, received, due, work, external_days, rework,
                 complaint_roll=1.0):
        self.dossier_id = dossier_id
        self.procedure = procedure
        self.field = field
        self.channel = channel
        self.received_min = received
        self.due_min = due
        self.started_min = NEVER
        self.work_done_min = NEVER
        self.finished_min = NEVER
        self.official = ""
        self.rework = rework
        self.outcome = "backlog"
        self.work_left = work
        self.external_days = external_days
        self.seq = dossier_id
        self.complaint_roll = complaint_roll


class WorkLog:
    """Officials' stretches of work (`activities`: ACTIVITY_COLUMNS tuples) and of time on duty
    (`duties`: DUTY_COLUMNS tuples), appended as they happen."""

    __slots__ = ("activities", "duties")

    def __init__(self, duties: list[tuple] | None = None):
        self.activities: list[tuple] = []
        self.duties: list[tuple] = list(duties or ())
