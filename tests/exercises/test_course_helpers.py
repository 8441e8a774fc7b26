"""grading.course: the helpers officials call agree with the rules the notebooks state."""
import datetime as dt
import math

import pytest



def expected_value(item_id):
    """The right answer of an item, computed by the trainer-side key from the same helpers."""
    from grading.key import MODULES, keys_of

    for assignment in MODULES:
        keys = keys_of(assignment)
        if item_id in keys:
            return keys[item_id].value()
    raise KeyError(item_id)


# ---------------------------------------------------------------- procedures
def test_due_date_refuses_an_unreadable_time_and_names_it():
    from grading.course.procedures import due_date

    with pytest.raises(ValueError, match="received = '31-31-2025'"):
        due_date("funeral_allowance", "31-31-2025")


def test_due_date_applies_the_15_00_rule_through_the_calendar():
    from simulation import WorkingCalendar

    from grading.course.procedures import due_date

    calendar = WorkingCalendar()
    friday = dt.date(2025, 8, 29)
    assert due_date("certification_of_copies", "29/08/2025 14:59") == friday
    assert due_date("certification_of_copies", "29/08/2025 15:30") == calendar.next_working_day(friday)


def test_incomplete_sample_dossiers_miss_exactly_the_expected_document():
    from grading.course.procedures import _samples, documents_of, sample_dossiers

    table = sample_dossiers().reset_index()
    incomplete = set(expected_value("P6"))
    for dossier, procedure, brought, missing in _samples():
        needed = list(documents_of(procedure))
        shown = list(table[table["dossier"] == dossier]["document brought"])
        assert shown == brought and set(shown) <= set(needed)
        assert (len(shown) < len(needed)) == (dossier in incomplete)
        if missing is not None:
            assert needed[missing - 1] not in shown and len(needed) - len(shown) == 1


def test_document_choices_hold_every_needed_document_and_some_others():
    from grading.course.procedures import document_choices, documents_of

    choices = document_choices("death_registration")
    needed = set(documents_of("death_registration"))
    assert needed <= set(choices) and len(choices) > len(needed)
    assert sorted(expected_value("P5")) == sorted(choices.index[choices.isin(needed)])


# ---------------------------------------------------------------- queues
def test_ticket_log_helpers_are_consistent():
    from grading.course.queues import arrivals_by_hour, count, day_summary, ticket_log

    log = ticket_log()
    outcomes = ("served", "balked", "reneged", "unserved")
    assert sum(count(log, o) for o in outcomes) == count(log) == int(arrivals_by_hour(log).sum())
    assert log.loc[log["outcome"] == "balked", "ticket"].isna().all()
    summary = day_summary()
    assert summary["visitors who joined the line"] == count(log) - count(log, "balked")
    assert expected_value("Q10") == pytest.approx(
        summary["visitors who joined the line"] / summary["minutes from the first ticket until the line emptied"]
        * summary["average time in line (minutes)"])


def test_the_queue_day_has_citizens_who_left():
    """The lesson on balking and reneging needs both to happen on the day shown."""
    assert expected_value("Q5") > 0 and expected_value("Q6") > 0


# ---------------------------------------------------------------- staffing
def test_erlang_counters_is_the_fewest_meeting_the_quantile_target():
    from simulation.queueing.erlang import erlang_c

    from grading.course.staffing import erlang_counters

    lam, minutes, target = 30.0, 8.0, 15.0  # per hour, minutes, minutes
    c = erlang_counters(lam, minutes, target_minutes=target)
    load = lam * minutes / 60

    def p_wait_over(servers):
        if servers <= load:
            return 1.0
        return erlang_c(servers, load) * math.exp(-(servers - load) * target / minutes)

    assert p_wait_over(c) <= 0.1 < p_wait_over(c - 1)


@pytest.mark.slow
def test_fewest_counters_meets_the_target_and_one_fewer_does_not():
    from grading.course.staffing import TARGET_MIN, _summary, fewest_counters

    c = fewest_counters()
    assert _summary(c, 0, 90)["p90"] <= TARGET_MIN < _summary(c - 1, 0, 90)["p90"]


# ---------------------------------------------------------------- online services
def test_pending_dossiers_have_distinct_deadlines_and_the_risk_list_is_a_prefix():
    from grading.course.online import pending_dossiers

    pending = pending_dossiers()
    due = [dt.datetime.strptime(d, "%d/%m/%Y %H:%M") for d in pending["due"]]
    assert len(set(due)) == len(due)
    order = expected_value("O8")
    assert sorted(order) == sorted(pending.index)
    assert [due[list(pending.index).index(d)] for d in order] == sorted(due)
    at_risk = expected_value("O9")
    assert order[: len(at_risk)] == sorted(at_risk, key=order.index)


def test_finished_sample_outcomes_follow_the_rule_stated_in_the_notebook():
    """Early = finished on a working day before the due date; on time = due date; late = after due time."""
    from simulation import WorkingCalendar

    from grading.course.online import _sample

    calendar = WorkingCalendar()
    sample = _sample()
    for due, finished, outcome in zip(sample["due"], sample["finished"], sample["outcome"]):
        if finished > due:
            rule = "late"
        elif finished.date() < due.date() and calendar.is_working_day(finished.date()):
            rule = "early"
        else:
            rule = "on_time"
        assert rule == outcome
    assert expected_value("O11") == (sample["outcome"] == "early").sum()
