"""A plan a commune can take to its meeting: CSV tables, an XLSX workbook and a printable HTML report.

`write_plan_pack(plan, scenario, out)` writes, in folder `out`:

- ``headcount.csv`` (officials on duty by weekday and hour: the headline), ``targets.csv`` (every
  target with its interval), ``cells.csv`` (waits in every weekday-hour cell), ``hours.csv`` and
  ``cost.csv`` (official-hours and their cost, today and planned), ``curve.csv``;
- ``plan.xlsx`` with the sheets plan, targets, hours, cost and curve;
- ``report.html`` (UTF-8, charts inline as SVG): waits by hour, a weekday x hour heat map of the
  90th-percentile wait, the open backlog over time and staff by hour, and the plan's scenario;
- ``scenario-plan.yaml``: the scenario with the recommended staffing, ready for ``motcua sim run``.

`write_compare_pack(table, a, b, out)` writes the comparison the same way, and `write_run_pack(results,
out)` one run (the staffing dashboard's export). Every string a reader
sees is in `TEXT`, to be translated.
"""
from __future__ import annotations

import html
import io
from pathlib import Path
from typing import Sequence

import pandas as pd
import yaml

from ..i18n import N_, _, current_language
from ..scenario.model import Scenario
from ..results.kpi_catalogue import label
from .official_hours import cost, headcount_grid, hours_difference, official_hours, on_horizon_of
from .table_words import again, index_word, readable, role_word

__all__ = ["write_plan_pack", "write_compare_pack", "write_run_pack", "TEXT", "SHEETS", "RUN_SHEETS"]

SHEETS = ("plan", "targets", "hours", "cost", "curve")
# The sheets' names as a reader sees them (Excel allows 31 characters, no []:*?/\).
SHEET_WORDS = {"plan": N_("plan"), "targets": N_("targets"), "hours": N_("hours"), "cost": N_("cost"),
               "curve": N_("curve"), "differences": N_("differences"), "headcount_a": N_("officials on duty A"),
               "headcount_b": N_("officials on duty B"), "kpis": N_("measures"), "utilisation": N_("utilisation"),
               "headcount": N_("officials on duty")}
TEXT = {
    "title": N_("Staffing plan: {name}"),
    "compare_title": N_("Comparison: {a} and {b}"),
    "headline": N_("Officials on duty by weekday and hour (all roles, average over the hour)"),
    "staffing": N_("Recommended staffing"),
    "who": N_("Who"),
    "targets": N_("Targets and how sure"),
    "cells": N_("Weekday-hour cells"),
    "cells_failing": N_("Cells that miss a target: {cells}"),
    "cells_ok": N_("Every weekday-hour cell with enough citizens meets the waiting targets."),
    "hours": N_("Official-hours (per open day and per month) and the change from today"),
    "cost": N_("Cost a month (VND)"),
    "no_wages": N_("No wage table given (--wages FILE): cost not computed."),
    "curve": N_("Staffing against service"),
    "charts": N_("Charts"),
    "waits_by_hour": N_("90th-percentile wait by hour of arrival (minutes, mean over replications)"),
    "heat_map": N_("90th-percentile wait by weekday and hour (minutes)"),
    "backlog": N_("Open dossiers at the end of each day (one replication of the plan)"),
    "staff_by_hour": N_("Officials on duty by hour, by role (weekday average)"),
    "notes": N_("Notes"),
    "scenario": N_("Scenario of the plan (motcua sim run scenario-plan.yaml)"),
    "day": N_("day"), "minutes": N_("minutes"), "hour": N_("hour"), "officials": N_("officials"), "dossiers": N_("dossiers"),
    "target_line": N_("target {value:g} min"),
    "today": N_("today"), "planned": N_("planned"), "change": N_("change"),
    "differences": N_("Differences B - A (paired, common random numbers)"),
}


def _table_html(frame: pd.DataFrame, index: bool = False) -> str:
    """A table for the report: columns, roles and numbers in the reader's language (`readable`)."""
    table = readable(frame, index=index).to_html(index=index, border=0, classes="t", na_rep="", escape=True)
    return f'<div class="wide">{table}</div>'  # wide tables scroll on screen, shrink on paper


def _svg(figure) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def _figure(width: float = 7, height: float = 3):
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(width, height))


def _waits_chart(cells: pd.DataFrame, threshold: float | None) -> str:
    fig, ax = _figure()
    p90 = cells[cells["kpi"] == "wait_p90"]
    by_hour = p90.groupby("hour")["mean"].mean()
    ax.bar([f"{h:02d}" for h in by_hour.index], by_hour.values, color="#4878a8")
    if threshold is not None:
        ax.axhline(threshold, color="#c0392b", linestyle="--", label=_(TEXT["target_line"]).format(value=threshold))
        ax.legend(loc="upper right")
    ax.set_xlabel(_(TEXT["hour"]))
    ax.set_ylabel(_(TEXT["minutes"]))
    return _svg(fig)


def _heat_map(cells: pd.DataFrame) -> str:
    fig, ax = _figure(7, 3.2)
    p90 = cells[cells["kpi"] == "wait_p90"]
    grid = p90.pivot_table(index="weekday", columns="hour", values="mean", sort=False)
    image = ax.imshow(grid.values, aspect="auto", cmap="YlOrRd")
    ax.set_xticks(range(grid.shape[1]), [f"{h:02d}" for h in grid.columns])
    ax.set_yticks(range(grid.shape[0]), [index_word(d) for d in grid.index])
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            value = grid.values[i, j]
            if value == value:
                ax.text(j, i, f"{value:.0f}", ha="center", va="center", fontsize=8)
    fig.colorbar(image, ax=ax, label=_(TEXT["minutes"]))
    return _svg(fig)


def _backlog_chart(series: pd.DataFrame) -> str:
    fig, ax = _figure()
    ax.plot(series["day"], series["open"], color="#2c7a4b")
    ax.set_xlabel(_(TEXT["day"]))
    ax.set_ylabel(_(TEXT["dossiers"]))
    return _svg(fig)


def _staff_chart(scenario: Scenario) -> str:
    fig, ax = _figure()
    bottom = None
    for role in ("counter", "guide", "flexible", "back_office"):
        grid = headcount_grid(scenario, role)
        if grid.empty:
            continue
        mean = grid.mean(axis=0)
        ax.bar(list(mean.index), mean.values, bottom=bottom, label=role_word(role))
        bottom = mean.values if bottom is None else bottom + mean.reindex(grid.columns).values
    ax.set_xlabel(_(TEXT["hour"]))
    ax.set_ylabel(_(TEXT["officials"]))
    ax.legend(loc="upper right", fontsize=8)
    return _svg(fig)


def backlog_series(scenario: Scenario, seed: int) -> pd.DataFrame:
    """Open dossiers at the end of each day in replication 0 of the scenario."""
    import numpy as np

    from ..results.simulate import run
    from ..results.service_measures import open_backlog

    results = run(scenario, seed, replication=0)
    d = results.dossiers
    days = np.arange(1, scenario.days + 1)
    finished = d["finished_min"].to_numpy(dtype=float)
    return pd.DataFrame({"day": days, "open": open_backlog(d["received_min"].to_numpy(dtype=float), finished,
                                                           days * 1440.0)})


def _side_by_side(today: pd.DataFrame, planned: pd.DataFrame) -> pd.DataFrame:
    """One row per role: each measure today, planned and the change, side by side."""
    change = hours_difference(today, planned).set_index("role")
    a, b = today.set_index("role"), planned.set_index("role")
    out = pd.DataFrame(index=a.index)
    for column in a.columns:
        out[f"{column} ({TEXT['today']})"] = a[column]
        out[f"{column} ({TEXT['planned']})"] = b[column]
        out[f"{column} ({TEXT['change']})"] = change[f"{column}_change"]
    return out.reset_index()


def _sheets(frames: dict[str, pd.DataFrame], path: Path) -> None:
    """The workbook a person opens: sheets, columns and roles named in the reader's language; the numbers
    stay numbers (Excel shows them with the reader's own separators)."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in frames.items():
            index = name in ("plan", "headcount_a", "headcount_b")
            shown = frame.copy()
            shown.columns = [_word(c) for c in shown.columns]
            for column in shown.columns:
                if shown[column].dtype == object:
                    shown[column] = [role_word(v) if isinstance(v, str) else v for v in shown[column]]
            if index:
                shown.index = [index_word(i) for i in frame.index]
                shown.index.name = _word(frame.index.name) if frame.index.name else None
            shown.to_excel(writer, sheet_name=_(SHEET_WORDS.get(name, name))[:31], index=index)


def _word(column: str) -> str:
    from .table_words import column_word

    return column_word(column)


def _page(title: str, sections: Sequence[tuple[str, str]]) -> str:
    body = "\n".join(f"<section><h2>{html.escape(h)}</h2>\n{content}</section>" for h, content in sections)
    return f"""<!DOCTYPE html>
<html lang="{current_language()}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 2em; color: #222; }}
h1 {{ font-size: 1.5em; }} h2 {{ font-size: 1.15em; border-bottom: 1px solid #ccc; }}
table.t {{ border-collapse: collapse; font-size: 0.85em; }}
table.t td, table.t th {{ border: 1px solid #ddd; padding: 2px 6px; text-align: right; }}
pre {{ background: #f6f6f6; padding: 0.5em; font-size: 0.8em; white-space: pre-wrap; }}
svg {{ max-width: 100%; height: auto; }}
.wide {{ overflow-x: auto; }}
section {{ page-break-inside: avoid; }}
@media print {{ body {{ margin: 0.5cm; }} table.t {{ font-size: 0.65em; }} .wide {{ overflow: visible; }} }}
</style></head><body>
<h1>{html.escape(title)}</h1>
{body}
</body></html>
"""


def _pre(lines: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"


def write_plan_pack(plan, today: Scenario, out: str | Path, *, wages: dict[str, float] | None = None,
                    seed: int = 1) -> list[Path]:
    """Write the meeting pack of `plan` (a `Planner.plan()` result); `today` is the scenario as the commune
    runs it now (its roster is what the plan's hours and who are compared with)."""
    from .staffing_options import roster_changes

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    planned = plan.planned or today
    now = on_horizon_of(today, planned)
    headline = headcount_grid(planned)
    hours_today, hours_plan = official_hours(now, wages), official_hours(planned, wages)
    hours = _side_by_side(hours_today, hours_plan)
    costs = cost(planned, wages) if wages is not None else pd.DataFrame({"note": [_(TEXT["no_wages"])]})
    targets = plan.certainty
    cells = plan.cells if plan.cells is not None else pd.DataFrame()
    curve = plan.curve
    staffing = pd.DataFrame([plan.recommended.as_dict | {"total": plan.recommended.total}], index=["officials"])
    who = roster_changes(now, planned)
    frames = {"plan": headline, "targets": targets, "hours": hours, "cost": costs, "curve": curve}
    paths = []
    for name, frame in (("headcount", headline), ("targets", targets), ("cells", cells), ("hours", hours),
                        ("cost", costs), ("curve", curve)):
        path = out / f"{name}.csv"
        frame.to_csv(path, index=name == "headcount")
        paths.append(path)
    xlsx = out / "plan.xlsx"
    _sheets(frames, xlsx)
    paths.append(xlsx)
    scenario_yaml = yaml.safe_dump(planned.model_dump(mode="json"), allow_unicode=True, sort_keys=False)
    (out / "scenario-plan.yaml").write_text(scenario_yaml, encoding="utf-8")
    paths.append(out / "scenario-plan.yaml")

    failing = cells[(cells.get("judged", False) == True) & (cells.get("met", True) == False)] if not cells.empty \
        else cells  # noqa: E712 - pandas masks
    wait_target = next((t.threshold for t in plan.targets if t.kpi == "wait_p90"), None)
    sections = [(_(TEXT["headline"]), _table_html(headline, index=True)),
                (_(TEXT["staffing"]), _table_html(staffing, index=True) + _pre([plan.recommended.label()])),
                (_(TEXT["who"]), _pre(who)),
                (_(TEXT["targets"]), _table_html(targets)),
                (_(TEXT["cells"]), "<p>" + html.escape(_(TEXT["cells_failing"]).format(
                    cells=", ".join(failing["cell"].unique())) if len(failing) else _(TEXT["cells_ok"])) + "</p>"),
                (_(TEXT["hours"]), _table_html(hours))]
    sections.append((_(TEXT["cost"]), _table_html(costs)))
    charts = []
    if not cells.empty:
        charts += [f"<h3>{html.escape(_(TEXT['waits_by_hour']))}</h3>{_waits_chart(cells, wait_target)}",
                   f"<h3>{html.escape(_(TEXT['heat_map']))}</h3>{_heat_map(cells)}"]
    charts.append(f"<h3>{html.escape(_(TEXT['backlog']))}</h3>{_backlog_chart(backlog_series(planned, seed))}")
    charts.append(f"<h3>{html.escape(_(TEXT['staff_by_hour']))}</h3>{_staff_chart(planned)}")
    sections += [(_(TEXT["charts"]), "\n".join(charts)), (_(TEXT["curve"]), _table_html(curve)),
                 (_(TEXT["notes"]), _pre([again(note) for note in plan.notes])),
                 (_(TEXT["scenario"]), f"<pre>{html.escape(scenario_yaml)}</pre>")]
    report = out / "report.html"
    report.write_text(_page(_(TEXT["title"]).format(name=today.title()), sections), encoding="utf-8")
    paths.append(report)
    return paths


def write_compare_pack(table: pd.DataFrame, a: Scenario, b: Scenario, out: str | Path, *,
                       wages: dict[str, float] | None = None, notes: Sequence[str] = ()) -> list[Path]:
    """The comparison's differences, official-hours of A and B and who differs, as CSV, XLSX and HTML."""
    from .staffing_options import roster_changes

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    hours_a, hours_b = official_hours(a, wages), official_hours(b, wages)
    hours = pd.concat([hours_a.assign(scenario="A"), hours_b.assign(scenario="B"),
                       hours_difference(hours_a, hours_b).assign(scenario="B - A")], ignore_index=True)
    paths = []
    for name, frame in (("differences", table), ("hours", hours)):
        path = out / f"{name}.csv"
        frame.to_csv(path, index=False)
        paths.append(path)
    _sheets({"differences": table, "hours": hours, "headcount_a": headcount_grid(a),
             "headcount_b": headcount_grid(b)}, out / "compare.xlsx")
    paths.append(out / "compare.xlsx")
    sections = [(_(TEXT["differences"]), _table_html(table)), (_(TEXT["who"]), _pre(roster_changes(a, b))),
                (_(TEXT["hours"]), _table_html(hours)), (_(TEXT["notes"]), _pre(list(notes)))]
    report = out / "report.html"
    report.write_text(_page(_(TEXT["compare_title"]).format(a=a.title(), b=b.title()), sections), encoding="utf-8")
    paths.append(report)
    return paths


RUN_SHEETS = ("kpis", "utilisation", "hours", "headcount")
RUN_TEXT = {
    "title": N_("One run: {name}, seed {seed}"),
    "kpis": N_("KPIs of the run"),
    "utilisation": N_("Utilisation by hour (busy share of planned duty) and overtime beyond planned duty (minutes "
                      "a day)"),
    "hours": N_("Official-hours (per open day and per month)"),
}


def write_run_pack(results, out: str | Path, *, wages: dict[str, float] | None = None,
                   notes: Sequence[str] = ()) -> list[Path]:
    """One run (a `Results`, as the dashboard shows it): its KPIs, utilisation by hour with the overtime,
    official-hours and the officials on duty by weekday and hour, as CSV, ``run.xlsx`` and ``report.html``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    scenario = results.scenario
    kpis = pd.DataFrame({"kpi": list(results.kpis()), "value": list(results.kpis().values())})
    frames = {"kpis": kpis, "utilisation": results.utilisation_by_hour(), "hours": official_hours(scenario, wages),
              "headcount": headcount_grid(scenario)}
    paths = []
    for name, frame in frames.items():
        path = out / f"{name}.csv"
        frame.to_csv(path, index=name == "headcount")
        paths.append(path)
    _sheets({name: frame.reset_index() if name == "headcount" else frame for name, frame in frames.items()},
            out / "run.xlsx")
    paths.append(out / "run.xlsx")
    scenario_yaml = yaml.safe_dump(scenario.model_dump(mode="json"), allow_unicode=True, sort_keys=False)
    shown_kpis = kpis.assign(label=[label(k, unit=True) for k in kpis["kpi"]])[["label", "value"]]
    sections = [(_(TEXT["notes"]), _pre(list(notes) + list(results.warnings))),
                (_(RUN_TEXT["kpis"]), _table_html(shown_kpis)),
                (_(RUN_TEXT["utilisation"]), _table_html(frames["utilisation"])),
                (_(RUN_TEXT["hours"]), _table_html(frames["hours"])),
                (_(TEXT["headline"]), _table_html(frames["headcount"], index=True)),
                (_(TEXT["staff_by_hour"]), _staff_chart(scenario)),
                (_(TEXT["scenario"]), f"<pre>{html.escape(scenario_yaml)}</pre>")]
    seed = getattr(results.seed, "entropy", results.seed)
    report = out / "report.html"
    report.write_text(_page(_(RUN_TEXT["title"]).format(name=scenario.title(), seed=seed), sections),
                      encoding="utf-8")
    paths.append(report)
    return paths
