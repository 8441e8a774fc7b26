"""Reading a day's ticket log: helpers and graded items of the ``queues`` assignment.

The day is a short-staffed Monday at a busy urban ward (``scenarios/urban-ward.yaml``,
one day, three counter officials, no flexible helper, citizens leaving when
more than a dozen wait). Officials read it with one-line helpers
(``average(log, "wait_min")``), never with pandas code.
"""
import functools

import pandas as pd

from grading.course.simulated import results

pd.set_option("display.max_colwidth", 200)  # whole document and procedure names in the notebook

__all__ = ["ticket_log", "average", "percentile", "count", "share_over", "arrivals_by_hour", "day_summary"]

DAY = ("urban-ward", (("days", 1), ("staff.counter", 3), ("staff.flexible", 0),
                      ("demand.walk_in.balk_at", 12)), 1)
TARGET_MIN = 20
COLUMNS = ["ticket", "kind", "procedure", "priority", "arrival", "called", "service_end", "wait_min",
           "service_min", "time_in_line_min", "official", "outcome"]


def _results():
    return results(*DAY)


@functools.lru_cache(maxsize=1)
def _log():
    v = _results().visitors.sort_values("arrival_min")
    log = v[COLUMNS].copy()
    log["ticket"] = log["ticket"].where(log["outcome"] != "balked").astype("Int64")  # balked: no ticket
    for column in ("arrival", "called", "service_end"):
        log[column] = log[column].dt.strftime("%H:%M")
    for column in ("wait_min", "service_min", "time_in_line_min"):
        log[column] = log[column].round(1)
    log.index = pd.RangeIndex(1, len(log) + 1, name="visitor")
    return log


def ticket_log():
    """The day's ticket log: one row per visitor in order of arrival (times HH:MM, minutes rounded).

    A visitor who balked took no ticket (the ticket is empty).
    """
    return _log().copy()


def _served(log, outcome):
    return log if outcome is None else log[log["outcome"] == outcome]


def average(log, column, outcome="served"):
    """Average of one column over the visitors with that outcome (``outcome=None``: everybody)."""
    return round(float(_served(log, outcome)[column].mean()), 2)


def percentile(log, column, q, outcome="served"):
    """The q-th percentile (e.g. 90) of a column: q% of the visitors are at or below it."""
    return round(float(_served(log, outcome)[column].quantile(q / 100)), 2)


def count(log, outcome=None):
    """How many tickets (with that outcome: "served", "balked", "reneged", "unserved")."""
    return int(len(_served(log, outcome)))


def share_over(log, column, limit, outcome="served"):
    """Percentage of the visitors whose value in ``column`` is above ``limit``."""
    rows = _served(log, outcome)
    return round(100.0 * float((rows[column] > limit).mean()), 2)


def arrivals_by_hour(log):
    """Tickets taken in each hour of the day (8 means 08:00-08:59)."""
    hours = log["arrival"].str.slice(0, 2).astype(int)
    return hours.value_counts().sort_index().rename_axis("hour").rename("tickets")


def day_summary():
    """The figures of the day the questions refer to."""
    r = _results()
    k = r.kpis()
    v = r.visitors[r.visitors["outcome"] != "balked"]
    joined = _log()[_log()["outcome"] != "balked"]
    window = float((v["arrival_min"] + v["time_in_line_min"]).max() - v["arrival_min"].min())
    return pd.Series({
        "counter officials": r.scenario.staff.counter,
        "minutes from the first ticket until the line emptied": round(window, 1),
        "visitors who joined the line": len(joined),
        "average time in line (minutes)": round(float(joined["time_in_line_min"].mean()), 2),
        "counter utilisation (%)": round(100 * float(k["utilisation_counter"]), 1),
    }, name="this Monday", dtype=object)
