"""The Kim Boi case study: the article's July figures, and what its difficulties do.

The provincial news article reports for July 2025: 705 dossiers received, 692
online and 13 in person, over 60% resolved ahead of their legal deadline and
the rest on schedule. `july_table` puts those figures beside the simulated
month (mean of replications with a 95% interval). `difficulties` then runs
the article's named difficulties against the calibrated month on common
random numbers (a portal fault, a VNeID-help surge, one official absent for a
week) and reports the paired difference of the headline KPIs.
"""
from __future__ import annotations

import datetime as dt
import io
from typing import Callable

import pandas as pd
from matplotlib.figure import Figure

from .replications import compare, replicate, summarise
from ..results.kpi_catalogue import label, language
from ..errors import ScenarioError
from ..i18n import N_, _
from ..rendering import headed
from ..scenario.model import Scenario, load_scenario

__all__ = ["ARTICLE_JULY", "july_table", "absent_official", "difficulty_scenarios", "difficulties",
           "difficulty_png", "DIFFICULTY_KPIS", "for_reader", "HEADINGS"]

# (KPI, what the article says, the article's figure)
ARTICLE_JULY: tuple[tuple[str, str, float], ...] = (
    ("dossiers_received", N_("dossiers received"), 705),
    ("online_received", N_("received online"), 692),
    ("in_person_received", N_("received in person (paper)"), 13),
    ("online_early", N_("share resolved ahead of deadline (over 60%)"), 0.60),
    ("online_on_time_resolved", N_("share resolved on time or early (all)"), 1.0),
    ("complaints", N_("complaints"), 0),
)
# What a reader sees above each column of the case study's tables (`for_reader`).
HEADINGS = {"figure": N_("figure"), "article": N_("article"), "simulated": N_("simulated"), "low": N_("low"),
            "high": N_("high"), "difficulty": N_("difficulty"), "label": N_("measure"),
            "calibrated": N_("calibrated month"), "with difficulty": N_("with the difficulty"),
            "difference": N_("difference"), "significant": N_("significant")}

# The headline KPIs each difficulty is judged on (their words come from the KPI catalogue).
DIFFICULTY_KPIS: tuple[str, ...] = ("wait_mean", "wait_p90", "share_wait_over_target", "online_early",
                                    "online_on_time_resolved", "backlog_end", "complaints")
CHANGE_AXIS = {"en": "change (95% CI)", "vi": "thay đổi (khoảng tin cậy 95%)"}


def july_table(scenario: Scenario, reps: int = 5, seed: int = 1) -> pd.DataFrame:
    """The article's July figures beside the simulated month (mean and 95% interval over `reps`).

    Column ``kpi`` holds the KPI's name, ``figure`` what the article calls it in the current language."""
    summary = summarise(replicate(scenario, reps, seed)).set_index("kpi")
    rows = []
    for kpi, label, figure in ARTICLE_JULY:
        s = summary.loc[kpi]
        rows.append({"kpi": kpi, "figure": _(label), "article": figure, "simulated": s["mean"], "low": s["low"],
                     "high": s["high"]})
    return pd.DataFrame(rows)


def absent_official(scenario: Scenario, role: str = "counter", index: int = 0,
                    first: dt.date | None = None, working_days: int = 5) -> Scenario:
    """`scenario` with one named official absent for `working_days` weekdays from `first`."""
    team = getattr(scenario.staff, role)
    if isinstance(team, int) or index >= len(team):
        raise ScenarioError(scenario.source, [f"{scenario.source}: staff.{role}[{index}]: the scenario must name "
                                              "this official to mark an absence"])
    day = first or scenario.start_date + dt.timedelta(days=13)
    dates = []
    while len(dates) < working_days:
        if day.weekday() < 5:
            dates.append(day.isoformat())
        day += dt.timedelta(days=1)
    already = [d.isoformat() for d in team[index].absent]
    return scenario.with_values({f"staff.{role}.{index}.absent": sorted(set(already + dates))})


def difficulty_scenarios(base: Scenario) -> dict[str, Scenario]:
    """The article's difficulties as scenarios: the shipped outage and surge files, and an absence."""
    outage = load_scenario("kim-boi-outage")
    surge = load_scenario("kim-boi-vneid-surge")
    absent = absent_official(base)
    name = absent.staff.counter[0].name
    return {_("portal fault (kim-boi-outage)"): outage,
            _("VNeID-help surge (kim-boi-vneid-surge)"): surge,
            _("{name} absent for a week").format(name=name): absent}


def difficulties(base: Scenario, reps: int = 5, seed: int = 1,
                 scenarios: dict[str, Scenario] | None = None,
                 progress: Callable[[str], None] | None = None, lang: str | None = None) -> pd.DataFrame:
    """Per difficulty and headline KPI: the calibrated month, the month with the difficulty, B − A and its CI.

    Column ``kpi`` holds the KPI's name, ``label`` what a reader sees.
    """
    scenarios = scenarios if scenarios is not None else difficulty_scenarios(base)
    frames = []
    for name, variant in scenarios.items():
        if progress is not None:
            progress(name)
        table = compare(base, variant, reps, seed)
        table = table[table["kpi"].isin(DIFFICULTY_KPIS)].copy()
        table.insert(0, "difficulty", name)
        table.insert(2, "label", [label(k, lang, unit=True) for k in table["kpi"]])
        frames.append(table.rename(columns={"mean_a": "calibrated", "mean_b": "with difficulty"}))
    return pd.concat(frames, ignore_index=True)


def for_reader(table: pd.DataFrame) -> pd.DataFrame:
    """A `july_table` or `difficulties` table as a reader sees it: the KPI names left out, columns headed in
    the current language."""
    return headed(table, HEADINGS, only=True)


def difficulty_png(table: pd.DataFrame, kpis: tuple[str, ...] = ("wait_mean", "online_early", "backlog_end"),
                   dpi: int = 80, lang: str | None = None) -> bytes:
    """Bar charts of the paired differences (a `difficulties` table) with their 95% intervals, one panel per KPI."""
    figure = Figure(figsize=(4.2 * len(kpis), 3.2))
    axes = figure.subplots(1, len(kpis), squeeze=False, sharey=True)[0]
    for ax, kpi in zip(axes, kpis):
        rows = table[table["kpi"] == kpi]
        err = [(rows["difference"] - rows["low"]).fillna(0), (rows["high"] - rows["difference"]).fillna(0)]
        ax.barh(range(len(rows)), rows["difference"], xerr=err, color="#e8590c", capsize=4)
        ax.set_yticks(range(len(rows)), [d.split(" (")[0] for d in rows["difficulty"]])
        ax.axvline(0, color="#495057", linewidth=0.8)
        ax.set(title=label(kpi, lang, unit=True), xlabel=CHANGE_AXIS[language(lang)])
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()
