"""The back-office backlog (simulation.engine.backlog): earliest deadline first, per field, outages skipped."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulation.engine.backlog import Backlog
from simulation.scenario.catalogue import FIELDS
from simulation.engine.records import Dossier


class FakeOfficial:
    """Stands in for OfficialAtWork in the back office: works the given fields, records what it is handed."""

    def __init__(self, fields=FIELDS):
        self.back_office_fields = tuple(f for f in FIELDS if f in fields)
        self.handed = []

    def can_process(self, dossier):
        return dossier.field in self.back_office_fields

    def assign(self, dossier):
        self.handed.append(dossier)


_PROCEDURE = {"land": "land_transfer_registration", "social": "funeral_allowance",
              "civil_status": "marital_status_confirmation", "other": "business_household_registration",
              "certification": "certification_of_contracts"}


def dossier(i, due, field="land", procedure=None):
    return Dossier(i, procedure or _PROCEDURE[field], field, "portal", 0.0, float(due), 30.0, 0.0, False)


@pytest.fixture
def blocked():
    """Procedure ids currently blocked by a portal outage (edit the set inside a test)."""
    return set()


@pytest.fixture
def backlog(blocked):
    return Backlog(FIELDS, lambda procedure: procedure in blocked)


def drain(backlog, official):
    out = []
    while (d := backlog.next_for(official)) is not None:
        out.append(d.dossier_id)
    return out


def test_earliest_deadline_first(backlog):
    for i, due in enumerate([300, 100, 200, 50]):
        backlog.add(dossier(i, due))
    assert len(backlog) == 4
    assert drain(backlog, FakeOfficial()) == [3, 1, 2, 0]
    assert len(backlog) == 0


def test_equal_deadlines_are_worked_in_order_of_arrival(backlog):
    for i in (4, 2, 7):
        backlog.add(dossier(i, 100))
    assert drain(backlog, FakeOfficial()) == [2, 4, 7]


def test_earliest_deadline_across_an_officials_fields(backlog):
    backlog.add(dossier(0, 300, "land"))
    backlog.add(dossier(1, 100, "social"))
    backlog.add(dossier(2, 200, "civil_status"))
    backlog.add(dossier(3, 150, "land"))
    assert drain(backlog, FakeOfficial(fields={"land", "social", "civil_status"})) == [1, 3, 2, 0]


def test_an_official_sees_only_their_own_fields(backlog):
    backlog.add(dossier(0, 100, "social"))
    backlog.add(dossier(1, 300, "land"))
    land_only = FakeOfficial(fields={"land"})
    assert drain(backlog, land_only) == [1]
    assert len(backlog) == 1
    assert [d.dossier_id for d in backlog.remaining()] == [0]
    assert backlog.next_for(land_only) is None


def test_dossiers_are_kept_in_their_field_heap(backlog):
    backlog.add(dossier(0, 100, "social"))
    backlog.add(dossier(1, 100, "land"))
    assert [e[2].dossier_id for e in backlog.heaps["social"]] == [0]
    assert [e[2].dossier_id for e in backlog.heaps["land"]] == [1]


def test_a_backlog_holding_only_blocked_dossiers_offers_nothing_and_keeps_them(backlog, blocked):
    blocked.add("land_transfer_registration")
    backlog.add(dossier(0, 50, "land", "land_transfer_registration"))
    backlog.add(dossier(1, 80, "land", "land_transfer_registration"))
    official = FakeOfficial()
    assert backlog.next_for(official) is None
    assert len(backlog) == 2
    blocked.clear()  # the portal returns
    assert drain(backlog, official) == [0, 1]


def test_a_blocked_field_does_not_hide_other_fields(backlog, blocked):
    blocked.add("land_transfer_registration")
    backlog.add(dossier(0, 50, "land", "land_transfer_registration"))
    backlog.add(dossier(1, 100, "social"))
    official = FakeOfficial()
    assert backlog.next_for(official).dossier_id == 1
    assert [d.dossier_id for d in backlog.remaining()] == [0]
    blocked.clear()
    assert drain(backlog, official) == [0]


def test_blocked_dossiers_are_skipped_but_not_lost(backlog, blocked):
    blocked.add("land_transfer_registration")
    backlog.add(dossier(0, 50, "land", "land_transfer_registration"))
    backlog.add(dossier(1, 80, "land", "land_transfer_registration"))
    backlog.add(dossier(2, 100, "land", "land_certificate_renewal"))
    official = FakeOfficial()
    assert backlog.next_for(official).dossier_id == 2
    assert sorted(d.dossier_id for d in backlog.remaining()) == [0, 1]
    assert backlog.next_for(official) is None
    blocked.clear()  # the portal returns
    assert drain(backlog, official) == [0, 1]


def test_an_idle_official_gets_a_new_dossier_directly(backlog):
    land, social = FakeOfficial(fields={"land"}), FakeOfficial(fields={"social"})
    backlog.idle.extend([land, social])
    d = dossier(0, 100, "social")
    backlog.add(d)
    assert social.handed == [d] and land.handed == []
    assert len(backlog) == 0 and backlog.remaining() == []


def test_a_blocked_dossier_is_not_handed_to_an_idle_official(backlog, blocked):
    official = FakeOfficial()
    backlog.idle.append(official)
    blocked.add("funeral_allowance")
    backlog.add(dossier(0, 100, "social"))
    assert official.handed == [] and len(backlog) == 1


def test_a_dossier_no_idle_official_can_process_waits(backlog):
    backlog.idle.append(FakeOfficial(fields={"land"}))
    backlog.add(dossier(0, 100, "other"))
    assert backlog.idle[0].handed == [] and len(backlog) == 1


def test_an_empty_backlog_has_nothing(backlog):
    assert backlog.next_for(FakeOfficial()) is None
    assert len(backlog) == 0 and backlog.remaining() == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FIELDS), st.integers(0, 20)), max_size=30))
def test_an_all_fields_official_drains_the_backlog_in_deadline_order(entries):
    backlog = Backlog(FIELDS, lambda procedure: False)
    for i, (field, due) in enumerate(entries):
        backlog.add(dossier(i, due, field))
    order = drain(backlog, FakeOfficial())
    assert sorted(order) == list(range(len(entries)))
    assert order == sorted(order, key=lambda i: (entries[i][1], i))
