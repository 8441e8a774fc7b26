"""The ticket line (simulation.engine.ticket_line): order of calling, skills, leaving and closing time."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulation.scenario.catalogue import FIELDS
from simulation.engine.records import Visitor, need_of
from simulation.engine.ticket_line import TicketLine


class FakeOfficial:
    """Stands in for OfficialAtWork: serves the given kinds and (for paper) fields; records what it is handed."""

    def __init__(self, kinds=("paper", "pickup"), fields=None):
        self.serves = frozenset(need_of(kind, field) for kind in kinds for field in (fields or FIELDS))
        self.handed = []

    def assign(self, visitor):
        self.handed.append(visitor)


def citizen(i, kind="paper", field="land", priority=False):
    return Visitor(i, kind, "land_transfer_registration", field, priority, float(i), float("inf"), 10.0)


@pytest.fixture
def line():
    return TicketLine(priority_rule=False)


def ids(visitors):
    return [v.visitor_id for v in visitors]


def test_tickets_are_numbered_in_order_of_arrival(line):
    people = [citizen(i) for i in range(3)]
    for v in people:
        line.take_ticket(v)
    assert [v.ticket for v in people] == [1, 2, 3]
    assert line.tickets_issued == 3 and len(line) == 3
    assert all(v.waiting for v in people)


def test_first_come_first_served(line):
    for i in range(4):
        line.take_ticket(citizen(i))
    official = FakeOfficial()
    assert ids(line.call_next(official) for _ in range(4)) == [0, 1, 2, 3]
    assert line.call_next(official) is None


def test_called_citizen_is_no_longer_waiting(line):
    v = citizen(0)
    line.take_ticket(v)
    assert line.call_next(FakeOfficial()) is v
    assert not v.waiting and len(line) == 0


def test_priority_citizens_go_ahead_of_others_but_behind_earlier_priority_ones():
    line = TicketLine(priority_rule=True)
    for v in (citizen(0), citizen(1, priority=True), citizen(2), citizen(3, priority=True)):
        line.take_ticket(v)
    assert ids(line.waiting) == [1, 3, 0, 2]


def test_priority_is_ignored_when_the_rule_is_off(line):
    for v in (citizen(0), citizen(1, priority=True), citizen(2)):
        line.take_ticket(v)
    assert ids(line.waiting) == [0, 1, 2]


def test_an_official_calls_the_first_citizen_they_have_the_skill_for(line):
    for v in (citizen(0, field="land"), citizen(1, field="social"), citizen(2, kind="account_help"),
              citizen(3, field="social")):
        line.take_ticket(v)
    social = FakeOfficial(kinds=("paper",), fields={"social"})
    assert line.can_call(social) == 2
    assert line.call_next(social).visitor_id == 1
    guide = FakeOfficial(kinds=("account_help",))
    assert line.call_next(guide).visitor_id == 2
    assert ids(line.waiting) == [0, 3]
    assert line.call_next(FakeOfficial(kinds=("pickup",))) is None
    assert ids(line.waiting) == [0, 3]


def test_an_idle_official_gets_a_citizen_they_can_serve_directly(line):
    land, social = FakeOfficial(fields={"land"}), FakeOfficial(fields={"social"})
    line.idle.extend([land, social])
    v = citizen(0, field="social")
    line.take_ticket(v)
    assert social.handed == [v] and land.handed == []
    assert len(line) == 0 and not v.waiting and v.ticket == 1


def test_a_citizen_no_idle_official_can_serve_queues(line):
    line.idle.append(FakeOfficial(fields={"land"}))
    v = citizen(0, field="social")
    line.take_ticket(v)
    assert line.idle[0].handed == [] and line.waiting == [v] and v.waiting


def test_the_first_able_idle_official_is_chosen(line):
    first, second = FakeOfficial(), FakeOfficial()
    line.idle.extend([first, second])
    line.take_ticket(citizen(0))
    assert len(first.handed) == 1 and second.handed == []


def test_leave_removes_a_waiting_citizen_only(line):
    stays, goes = citizen(0), citizen(1)
    line.take_ticket(stays)
    line.take_ticket(goes)
    assert line.leave(goes) is True
    assert line.waiting == [stays] and not goes.waiting
    assert line.leave(goes) is False  # already gone
    called = line.call_next(FakeOfficial())
    assert line.leave(called) is False  # already called: leaving does nothing
    assert len(line) == 0


def test_a_citizen_handed_straight_to_an_official_cannot_leave(line):
    line.idle.append(FakeOfficial())
    v = citizen(0)
    line.take_ticket(v)
    assert line.leave(v) is False


def test_send_home_empties_the_line_and_returns_everyone(line):
    people = [citizen(i) for i in range(3)]
    for v in people:
        line.take_ticket(v)
    gone = line.send_home()
    assert gone == people and len(line) == 0
    assert not any(v.waiting for v in people)
    assert line.send_home() == []
    assert line.tickets_issued == 3  # numbering continues the next session
    later = citizen(9)
    line.take_ticket(later)
    assert later.ticket == 4


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["arrive", "arrive_priority", "call", "leave"]), st.integers(0, 30)),
                max_size=40))
def test_line_invariants_under_any_sequence_of_events(events):
    """Nobody is lost or duplicated; priority citizens stand ahead; each class keeps ticket order."""
    line = TicketLine(priority_rule=True)
    official = FakeOfficial()
    arrived, called, left = [], [], []
    for action, k in events:
        if action.startswith("arrive"):
            v = citizen(len(arrived), priority=action == "arrive_priority")
            arrived.append(v)
            line.take_ticket(v)
        elif action == "call":
            v = line.call_next(official)
            if v is not None:
                called.append(v)
        elif arrived:
            v = arrived[k % len(arrived)]
            if line.leave(v):
                left.append(v)
        waiting = line.waiting
        assert sorted(ids(waiting + called + left)) == ids(arrived)
        assert all(v.waiting for v in waiting) and not any(v.waiting for v in called + left)
        flags = [v.priority for v in waiting]
        assert flags == sorted(flags, reverse=True)
        for group in (True, False):
            tickets = [v.ticket for v in waiting if v.priority == group]
            assert tickets == sorted(tickets)
