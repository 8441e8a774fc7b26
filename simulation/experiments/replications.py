"""Experiments: many replications of a scenario, and fair comparisons of two.

One run of a commune month is one sample of a noisy month. A planner needs the
average over many such months and how far it may be off: `replicate` runs a
scenario ``reps`` times and `summarise` gives every KPI a t-based confidence
interval. `compare` runs two scenarios on *common random numbers*: replication
``r`` of either scenario meets the very same citizens and dossiers (the seed of
a replication is derived from (base seed, r) only, never from the worker that
ran it), so the paired differences isolate the effect of the change and their
interval is much narrower than that of two independent runs. Two identical
scenarios give a difference of exactly zero with a zero-width interval.

Work is handed to a *runner* (`SerialRunner` here, `simulation.experiments.cluster.DaskRunner`
for a Dask cluster): anything with ``map(tasks)`` yielding ``(index, row)`` pairs.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Protocol, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from ..engine import gc_pause as collector
from ..results.periods import period_kpis
from ..results.simulate import run
from ..scenario.model import Scenario
from .options import check_confidence, check_reps

__all__ = [
    "Replication",
    "Runner",
    "SerialRunner",
    "simulate",
    "run_all",
    "replicate",
    "summarise",
    "confidence_interval",
    "compare",
    "paired_differences",
    "practical_threshold",
    "verdict",
]

# The smallest difference worth a meeting's time, by kind of KPI: half a minute of waiting, one
# percentage point of a rate or utilisation, one citizen or dossier (or 1% of A's count if more).
PRACTICAL = {"wait": 0.5, "rate": 0.01}
_RATE_WORDS = ("rate", "share", "utilisation", "on_time", "online_early", "online_late")
VERDICTS = {"real": "real", "negligible": "negligible", "unclear": "unclear", "none": "no difference"}


@dataclass(frozen=True)
class Replication:
    """One unit of work: run `scenario` as replication `replication` of base `seed`.

    `labels` travel with the result (e.g. the sweep point); `periods` asks for
    per-period waiting KPIs ("hour", "weekday", or "cell" for weekday x hour; one kind or a
    tuple of kinds) as extra ``kpi@period`` keys.
    """

    scenario: Scenario
    seed: int
    replication: int
    labels: dict[str, Any] = field(default_factory=dict)
    periods: str | tuple[str, ...] | None = None


def simulate(task: Replication) -> dict[str, Any]:
    """Run one replication and return its labels and KPIs as one flat row (pure: same task, same row)."""
    from ..results.cells import cell_kpis

    with collector.paused():
        results = run(task.scenario, task.seed, replication=task.replication)
        row: dict[str, Any] = dict(task.labels)
        row["replication"] = task.replication
        row.update({k: float(v) for k, v in results.kpis().items()})
        for kind in (task.periods,) if isinstance(task.periods, str) else task.periods or ():
            row.update(cell_kpis(results) if kind == "cell" else period_kpis(results, kind))
        del results  # freed here by reference counting, before the collector wakes up (see collector)
    return row


class Runner(Protocol):
    def map(self, tasks: Sequence[Replication]) -> Iterator[tuple[int, dict[str, Any]]]:
        """Yield (index into tasks, row) as replications finish, in any order."""


class SerialRunner:
    """Runs replications one after the other in this process."""

    def map(self, tasks: Sequence[Replication]) -> Iterator[tuple[int, dict[str, Any]]]:
        from ..errors import ReplicationError

        for index, task in enumerate(tasks):
            try:
                row = simulate(task)
            except (ValueError, ArithmeticError, LookupError, TypeError) as exc:  # a bug or bad input: one line
                raise ReplicationError.of(exc, task) from None
            yield index, row

    def close(self) -> None:
        pass


def run_all(tasks: Sequence[Replication], runner: Runner | None = None,
            on_result: Callable[[int, dict], None] | None = None) -> list[dict[str, Any]]:
    """Rows of every task, in task order whatever order the runner finished them in."""
    runner = runner or SerialRunner()
    rows: list[dict[str, Any] | None] = [None] * len(tasks)
    for index, row in runner.map(tasks):
        rows[index] = row
        if on_result is not None:
            on_result(index, row)
    return rows  # type: ignore[return-value]


def replicate(scenario: Scenario, reps: int, seed: int = 1, *, runner: Runner | None = None,
              periods: str | None = None) -> pd.DataFrame:
    """One row per replication (column ``replication``) with every KPI of that run."""
    reps = check_reps(reps)
    tasks = [Replication(scenario, seed, r, periods=periods) for r in range(reps)]
    return pd.DataFrame(run_all(tasks, runner))


def confidence_interval(values: Iterable[float], confidence: float = 0.95) -> tuple[float, float, float, int]:
    """(mean, low, high, n) of the t-based interval for the mean; NaN values are left out.

    With fewer than two values the bounds are NaN; with no spread at all the
    interval is the single point (a zero-width interval, as for identical runs).
    """
    check_confidence(confidence)
    x = np.asarray([v for v in values if v == v], dtype=float)
    n = int(x.size)
    if n == 0:
        return math.nan, math.nan, math.nan, 0
    mean = float(x.mean())
    if n < 2:
        return mean, math.nan, math.nan, n
    sd = float(x.std(ddof=1))
    if not math.isfinite(sd):
        return mean, math.nan, math.nan, n
    half = float(stats.t.ppf(0.5 + confidence / 2, n - 1)) * sd / math.sqrt(n) if sd > 0 else 0.0
    return mean, mean - half, mean + half, n


def summarise(rows: pd.DataFrame, confidence: float = 0.95, *, by: Sequence[str] = (),
              kpis: Sequence[str] | None = None) -> pd.DataFrame:
    """Mean, t-interval and count of every KPI (one row per KPI, per group of `by`)."""
    skip = set(by) | {"replication", "point", "seed"}
    names = list(kpis) if kpis is not None else [c for c in rows.columns
                                                  if c not in skip and pd.api.types.is_numeric_dtype(rows[c])]
    groups = rows.groupby(list(by), sort=False, dropna=False) if by else [((), rows)]
    out = []
    for key, group in groups:
        key = key if isinstance(key, tuple) else (key,)
        for name in names:
            mean, low, high, n = confidence_interval(group[name], confidence)
            out.append({**dict(zip(by, key)), "kpi": name, "mean": mean, "low": low, "high": high,
                        "half_width": (high - low) / 2, "n": n})
    return pd.DataFrame(out, columns=[*by, "kpi", "mean", "low", "high", "half_width", "n"])


def practical_threshold(kpi: str, mean_a: float) -> float:
    """The smallest difference in `kpi` reported as real (see PRACTICAL)."""
    base = kpi.split("@", 1)[0]
    if base.startswith("wait") or base == "service_mean":
        return PRACTICAL["wait"]
    if any(word in base for word in _RATE_WORDS):
        return PRACTICAL["rate"]
    return max(1.0, 0.01 * abs(mean_a)) if mean_a == mean_a else 1.0


def verdict(low: float, high: float, difference: float, threshold: float) -> str:
    """'real' when the interval excludes zero and the difference is at least the threshold,
    'negligible' when the whole interval lies within the threshold, 'unclear' otherwise."""
    if difference == 0 and low == high == 0:
        return VERDICTS["none"]
    if low != low or high != high:
        return VERDICTS["unclear"]
    if (low > 0 or high < 0) and abs(difference) >= threshold:
        return VERDICTS["real"]
    if -threshold < low and high < threshold:
        return VERDICTS["negligible"]
    return VERDICTS["unclear"]


def paired_differences(a: pd.DataFrame, b: pd.DataFrame, confidence: float = 0.95) -> pd.DataFrame:
    """Per KPI: mean of A, mean of B and the paired interval for B - A (rows matched by replication)."""
    a = a.set_index("replication").sort_index()
    b = b.set_index("replication").sort_index()
    if list(a.index) != list(b.index):
        raise ValueError("paired comparison needs the same replications on both sides")
    out = []
    for name in [c for c in a.columns if c in b.columns and pd.api.types.is_numeric_dtype(a[c])]:
        both = a[name].notna() & b[name].notna()
        diff = (b[name] - a[name])[both]
        mean, low, high, n = confidence_interval(diff, confidence)
        mean_a = float(a[name].mean())
        threshold = practical_threshold(name, mean_a)
        out.append({"kpi": name, "mean_a": mean_a, "mean_b": float(b[name].mean()),
                    "difference": mean, "low": low, "high": high, "n": n,
                    "significant": bool(n >= 2 and (low > 0 or high < 0)), "threshold": threshold,
                    "verdict": verdict(low, high, mean, threshold) if n >= 2 else VERDICTS["unclear"]})
    return pd.DataFrame(out, columns=["kpi", "mean_a", "mean_b", "difference", "low", "high", "n", "significant",
                                      "threshold", "verdict"])


def compare(a: Scenario, b: Scenario, reps: int, seed: int = 1, *, confidence: float = 0.95,
            runner: Runner | None = None) -> pd.DataFrame:
    """Run A and B on common random numbers and return `paired_differences` (B - A)."""
    reps = check_reps(reps)
    tasks = [Replication(s, seed, r, labels={"side": side}) for side, s in (("a", a), ("b", b)) for r in range(reps)]
    rows = pd.DataFrame(run_all(tasks, runner))
    left = rows[rows["side"] == "a"].drop(columns="side")
    right = rows[rows["side"] == "b"].drop(columns="side")
    return paired_differences(left, right, confidence)
