"""Online dossiers against their deadlines: helpers and graded items of the ``online-services`` assignment.

The month is Kim Boi's July 2025 as the simulator replays it
(``scenarios/kim-boi.yaml``, seed 1). The published figures of the article
(705 dossiers, 692 online, 13 in person, over 60% resolved early) are facts
and are written here as such; every other expected answer is computed from
the simulated month.
"""
import functools

import pandas as pd

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
