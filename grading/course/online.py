"""Online dossiers against their deadlines: helpers and graded items of the ``online-services`` assignment.

The month is Kim Boi's July 2025 as the simulator replays it
(``scenarios/kim-boi.yaml``, seed 1). The published figures of the article
(705 dossiers, 692 online, 13 in person, over 60% resolved early) are facts
and are written here as such; every other expected answer is computed from
the simulated month.
"""
import functools

import pandas as pd

from grading.checks import Item, register
from grading.course.simulated import results

pd.set_option("display.max_colwidth", 200)  # whole document and procedure names in the notebook

__all__ = ["july_report", "pending_dossiers", "finished_sample", "PUBLISHED"]

PUBLISHED = {"dossiers": 705, "online": 692, "in_person": 13, "early_share_over": 0.60}
MORNING = pd.Timestamp("2025-07-21 08:00")  # a Monday morning: what is waiting in the back office?
PENDING_COUNT = 8
SAMPLE_PER_OUTCOME = {"early": 4, "on_time": 3, "late": 3}
OUTCOME_LABELS = {"early": "early", "on_time": "on time", "late": "late"}


def _month():
    return results("kim-boi")


def _label(dossier_id):
    return f"HS-{int(dossier_id):04d}"


def july_report():
    """Kim Boi's simulated July next to the published one (rates in percent of resolved online dossiers)."""
    k = _month().kpis()
    simulated = {
        "dossiers received": int(k["dossiers_received"]),
        "online (portal or guided)": int(k["online_received"]),
        "in person (paper at the counter)": int(k["in_person_received"]),
        "online share (%)": round(100 * k["online_received"] / k["dossiers_received"], 1),
        "online resolved early (%)": round(100 * k["online_early"], 1),
        "online resolved on time or early (%)": round(100 * k["online_on_time_resolved"], 1),
        "online resolved late (%)": round(100 * k["online_late"], 1),
        "still in progress on 31 July": int(k["backlog_end"]),
    }
    return pd.Series(simulated, name="simulated July", dtype=object)


@functools.lru_cache(maxsize=1)
def _pending():
    d = _month().dossiers
    waiting = d[(d["received"] < MORNING) & (d["finished"].isna() | (d["finished"] > MORNING))
                & (d["channel"] != "counter")].copy()
    waiting["due_day"] = waiting["due"].dt.date
    firsts = waiting.sort_values("dossier_id").groupby("due_day").head(1)  # one per due day: no ties
    chosen = firsts.sort_values("due").head(PENDING_COUNT).sort_values("dossier_id")
    return chosen


def pending_dossiers():
    """Online dossiers waiting in the back office on Monday 21/07/2025 at 08:00 (not in deadline order)."""
    p = _pending()
    return pd.DataFrame({
        "dossier": [_label(i) for i in p["dossier_id"]],
        "procedure": p["procedure"].to_numpy(),
        "received": p["received"].dt.strftime("%d/%m/%Y %H:%M").to_numpy(),
        "due": p["due"].dt.strftime("%d/%m/%Y %H:%M").to_numpy(),
    }).set_index("dossier")


@functools.lru_cache(maxsize=1)
def _sample():
    d = _month().dossiers
    done = d[(d["channel"] != "counter") & d["outcome"].isin(list(SAMPLE_PER_OUTCOME))]
    parts = [done[done["outcome"] == k].sort_values("dossier_id").head(n) for k, n in SAMPLE_PER_OUTCOME.items()]
    return pd.concat(parts).sort_values("dossier_id")


def finished_sample():
    """Ten finished online dossiers: when they were due and when they were finished."""
    s = _sample()
    return pd.DataFrame({
        "dossier": [_label(i) for i in s["dossier_id"]],
        "procedure": s["procedure"].to_numpy(),
        "due": s["due"].dt.strftime("%d/%m/%Y %H:%M").to_numpy(),
        "finished": s["finished"].dt.strftime("%d/%m/%Y %H:%M").to_numpy(),
    }).set_index("dossier")


# ---------------------------------------------------------------- expected answers
def _calendar():
    from grading.course.procedures import _calendar as calendar

    return calendar()


def _deadline_order():
    return [_label(i) for i in _pending().sort_values("due")["dossier_id"]]


def _at_risk():
    """Due by the end of the next working day after the morning."""
    limit = _calendar().next_working_day(MORNING.date())
    p = _pending()
    return [_label(i) for i, due in zip(p["dossier_id"], p["due"]) if due.date() <= limit]


def _sample_count(outcome):
    return int((_sample()["outcome"] == outcome).sum())


def _reproduces():
    r = july_report()
    return "a" if (r["online resolved early (%)"] > 100 * PUBLISHED["early_share_over"]
                   and r["online share (%)"] > 95) else "b"


def _saturday_due():
    from grading.course.procedures import due_date

    return due_date("marital_status_confirmation", "26/07/2025 21:40")


ITEMS = tuple(register(item) for item in (
    Item("O1", "number", PUBLISHED["dossiers"], example="700", hint="Re-read the introduction: the July figures."),
    Item("O2", "number", 100 * PUBLISHED["online"] / PUBLISHED["dossiers"], tol=0.1, example="95.5",
         hint="Online dossiers ÷ all dossiers × 100, with the published figures."),
    Item("O3", "number", lambda: july_report()["dossiers received"], example="700",
         hint="Read july_report()."),
    Item("O4", "number", lambda: july_report()["online share (%)"], tol=0.1, example="97.5",
         hint="Read the online share in july_report()."),
    Item("O5", "number", lambda: july_report()["online resolved early (%)"], tol=0.1, example="65.0",
         hint="Read the share of online dossiers resolved early in july_report()."),
    Item("O6", "choice", _reproduces, example='"a"',
         hint="Compare the simulated online share and early share with the published ones."),
    Item("O7", "number", lambda: july_report()["still in progress on 31 July"], example="50",
         hint="Read july_report()."),
    Item("O8", "order", _deadline_order, element="id", example='["HS-0001", "HS-0002"]',
         hint="Sort by the 'due' column, earliest first: the dossier due first is handled first."),
    Item("O9", "set", _at_risk, element="id", example='["HS-0001"]',
         hint="Keep the dossiers already overdue, due today (21/07) or due by the end of the next working day (22/07)."),
    Item("O10", "date", _saturday_due, example='"31/07/2025"',
         hint="A dossier sent on Saturday counts from Monday; then count 3 working days."),
    Item("O11", "number", lambda: _sample_count("early"), example="5",
         hint="Early: finished on a working day before the due date. On the due date itself is on time."),
    Item("O12", "number", lambda: 100 * _sample_count("late") / len(_sample()), tol=0.5, example="20",
         hint="Late dossiers ÷ dossiers in the table × 100. Late: finished after the due time."),
))
