"""How many counter officials? Helpers and graded items of the ``staffing`` assignment.

The day is a Monday at the busy ward (``scenarios/urban-ward.yaml``, one day,
no flexible helper unless asked), simulated as ``REPLICATIONS`` different
Mondays (seeds 1..5): a staffing level "meets the target" when the average,
over those Mondays, of the 90th-percentile counter wait is at most the
target. The Erlang C answer comes from ``simulation.queueing.erlang``.
"""
import functools

import pandas as pd

from grading.course.simulated import results

pd.set_option("display.max_colwidth", 200)  # whole document and procedure names in the notebook

__all__ = ["counter_demand", "simulate_day", "fewest_counters", "erlang_counters"]

SCENARIO = "urban-ward"
REPLICATIONS = 5
TARGET_MIN = 15.0
OPEN_HOURS = 8.0  # 07:30-11:30 and 13:00-17:00 in urban-ward.yaml
MAX_COUNTERS = 15


def _runs(counters, flexible=0):
    values = (("days", 1), ("staff.counter", int(counters)), ("staff.flexible", int(flexible)))
    return [results(SCENARIO, values, seed) for seed in range(1, REPLICATIONS + 1)]


def _counter_visitors(r):
    v = r.visitors
    return v[v["role"] == "counter"]


@functools.lru_cache(maxsize=128)
def _summary(counters, flexible, percentile):
    rows = []
    for r in _runs(counters, flexible):
        cv = _counter_visitors(r)
        served = cv[cv["outcome"] == "served"]
        v = r.visitors
        rows.append({
            "p90": float(served["wait_min"].quantile(percentile / 100)) if len(served) else float("nan"),
            "mean": float(served["wait_min"].mean()) if len(served) else float("nan"),
            "left": int(v["outcome"].isin(["balked", "reneged", "unserved"]).sum()),
        })
    frame = pd.DataFrame(rows)
    return {key: float(frame[key].mean()) for key in frame}


@functools.lru_cache(maxsize=128)
def _utilisation(counters, flexible):
    return sum(float(r.kpis()["utilisation_counter"]) for r in _runs(counters, flexible)) / REPLICATIONS


def simulate_day(counters, flexible=0):
    """Simulate the Monday with that many counter (and flexible) officials; averages over 5 Mondays."""
    s = _summary(int(counters), int(flexible), 90)
    return pd.Series({
        "counter officials": int(counters),
        "flexible officials": int(flexible),
        "p90 wait (minutes)": round(s["p90"], 1),
        "average wait (minutes)": round(s["mean"], 1),
        "citizens who left unserved": round(s["left"], 1),
        "counter utilisation (%)": round(100 * _utilisation(int(counters), int(flexible)), 1),
    }, name=f"{counters} counters", dtype=object)


def fewest_counters(target_minutes=TARGET_MIN, percentile=90, flexible=0):
    """The fewest counter officials whose simulated p90 counter wait is at most ``target_minutes``."""
    for counters in range(1, MAX_COUNTERS + 1):
        if _summary(counters, int(flexible), percentile)["p90"] <= target_minutes:
            return counters
    raise ValueError(f"no staffing up to {MAX_COUNTERS} counters meets a {target_minutes}-minute target")


@functools.lru_cache(maxsize=1)
def _demand():
    per_day, peak, service = [], [], []
    for r in _runs(fewest_counters()):
        cv = _counter_visitors(r)
        per_day.append(len(cv))
        peak.append(int(cv.groupby("hour").size().max()))
        service.append(float(cv["service_min"].mean()))
    n = len(per_day)
    return {"per_day": sum(per_day) / n, "peak": sum(peak) / n, "service": sum(service) / n}


def counter_demand():
    """Counter visitors on the Monday (averages over the simulated Mondays)."""
    d = _demand()
    return pd.Series({
        "counter visitors per day": round(d["per_day"], 1),
        "open hours": OPEN_HOURS,
        "average arrivals per hour": round(d["per_day"] / OPEN_HOURS, 1),
        "arrivals in the busiest hour": round(d["peak"], 1),
        "average service time (minutes)": round(d["service"], 1),
    }, name="counter demand", dtype=object)


def erlang_counters(arrivals_per_hour, service_minutes, target_minutes=TARGET_MIN, percentile=90):
    """Erlang C (M/M/c): fewest counters so that the p-th percentile wait is at most the target."""
    from simulation.queueing.erlang import min_servers_erlang_c

    return int(min_servers_erlang_c(float(arrivals_per_hour), 60.0 / float(service_minutes),
                                    wait_quantile=(percentile / 100, float(target_minutes))))
