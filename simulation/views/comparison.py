"""Side by side: two dashboard settings compared on common random numbers.

A trainer keeps the current sliders as setting A, moves them, keeps them as
setting B and presses Compare. Both settings are run for the same
replications (`simulation.experiments.replications.compare`: replication ``r`` of either
side meets the same citizens), and the table shows each headline KPI for A
and B with the paired 95% confidence interval of B − A.
"""
from __future__ import annotations

import html
import math
from typing import Any, Protocol

import ipywidgets as widgets
import pandas as pd

from .panels import KPI_CARDS
from ..experiments.replications import compare
from ..scenario.model import Scenario

__all__ = ["ComparisonPanel", "SettingsSource", "compare_settings", "comparison_html"]


class SettingsSource(Protocol):
    """What the panel reads from the controls it sits under (the staffing dashboard)."""

    base: Scenario

    @property
    def seed(self) -> int: ...

    def values(self) -> dict[str, Any]: ...


def compare_settings(base: Scenario, setting_a: dict[str, Any], setting_b: dict[str, Any], *,
                     reps: int = 5, seed: int = 1) -> pd.DataFrame:
    """Paired differences B − A (one row per KPI) of two sets of dotted-path values applied to `base`."""
    a = base.with_values(setting_a) if setting_a else base
    b = base.with_values(setting_b) if setting_b else base
    return compare(a, b, reps, seed)


def _cell(value: float, unit: str, signed: bool = False) -> str:
    if value != value:
        return "–"
    scale, suffix, digits = {"pct": (100, " pt" if signed else "%", 1), "min": (1, " min", 1)}.get(unit, (1, "", 1))
    text = f"{scale * value:+.{digits}f}" if signed else f"{scale * value:.{digits}f}"
    return text + suffix


def comparison_html(table: pd.DataFrame, confidence: float = 0.95) -> str:
    """The headline KPIs of a `compare` table: A, B and B − A with its interval."""
    rows = table.set_index("kpi")
    lines = []
    for key, label, unit in KPI_CARDS:
        if key not in rows.index:
            continue
        r = rows.loc[key]
        interval = "" if math.isnan(r["low"]) else f" [{_cell(r['low'], unit, True)}, {_cell(r['high'], unit, True)}]"
        mark = " ✱" if r["significant"] else ""
        lines.append(f"<tr><td>{html.escape(label)}</td><td>{_cell(r['mean_a'], unit)}</td>"
                     f"<td>{_cell(r['mean_b'], unit)}</td>"
                     f"<td class='motcua-diff' data-kpi='{key}'>{_cell(r['difference'], unit, True)}{interval}{mark}</td></tr>")
    n = int(rows["n"].max()) if len(rows) else 0
    head = ("<tr><th>KPI</th><th>A</th><th>B</th>"
            f"<th>B − A [{confidence:.0%} CI]</th></tr>")
    foot = (f"<div style='font-size:11px;color:#495057'>{n} paired replications on common random numbers; "
            "✱ = the interval excludes zero.</div>")
    style = ("<style>.motcua-comparison td, .motcua-comparison th {padding: 2px 12px; text-align: right}"
             ".motcua-comparison td:first-child, .motcua-comparison th:first-child {text-align: left}</style>")
    return f"{style}<table class='motcua-comparison'>{head}{''.join(lines)}</table>{foot}"


def _describe(values: dict[str, Any] | None) -> str:
    if values is None:
        return "not kept yet"
    if not values:
        return "the scenario as shipped"
    parts = []
    for path, value in values.items():
        shown = f"{len(value)} officials" if isinstance(value, list) and path.startswith("staff.") else value
        if isinstance(value, dict):
            shown = ", ".join(f"{k} {v:.2f}" for k, v in value.items())
        if isinstance(value, list) and path == "demand.outages":
            shown = f"{len(value)} outage(s)"
        parts.append(f"{path} = {shown}")
    return "; ".join(parts)


class ComparisonPanel:
    """Keep two settings of the controls above (a `StaffingDashboard`) and compare them with confidence
    intervals."""

    def __init__(self, dashboard: SettingsSource, reps: int = 5):
        self.dashboard = dashboard
        self.setting_a: dict[str, Any] | None = None
        self.setting_b: dict[str, Any] | None = None
        self.keep_a = widgets.Button(description="Keep as setting A", icon="bookmark")
        self.keep_b = widgets.Button(description="Keep as setting B", icon="bookmark")
        self.reps = widgets.IntSlider(value=reps, min=2, max=30, description="Replications",
                                      continuous_update=False)
        self.compare_button = widgets.Button(description="Compare A and B", button_style="info", icon="balance-scale")
        self.settings = widgets.HTML()
        self.table = widgets.HTML("<i>Keep two settings, then compare them.</i>")
        for widget, name in ((self.keep_a, "keep-a"), (self.keep_b, "keep-b"),
                             (self.compare_button, "compare"), (self.table, "comparison")):
            widget.add_class(f"motcua-{name}")
        self.keep_a.on_click(lambda _: self.keep("a"))
        self.keep_b.on_click(lambda _: self.keep("b"))
        self.compare_button.on_click(lambda _: self.compare())
        self.widget = widgets.VBox([
            widgets.HTML("<b>Compare two settings</b>"),
            widgets.HBox([self.keep_a, self.keep_b, self.reps, self.compare_button]),
            self.settings, self.table])
        self._show_settings()

    def keep(self, side: str) -> dict[str, Any]:
        """Remember the dashboard's current values as setting `side` ("a" or "b")."""
        values = self.dashboard.values()
        setattr(self, f"setting_{side}", values)
        self._show_settings()
        return values

    def _show_settings(self) -> None:
        self.settings.value = (f"<div>A: {html.escape(_describe(self.setting_a))}</div>"
                               f"<div>B: {html.escape(_describe(self.setting_b))}</div>")

    def compare(self) -> pd.DataFrame | None:
        """Run both settings and show the table; None (with a message) until both are kept."""
        if self.setting_a is None or self.setting_b is None:
            self.table.value = "<i>Keep a setting A and a setting B first.</i>"
            return None
        self.table.value = "<i>Running…</i>"
        try:
            table = compare_settings(self.dashboard.base, self.setting_a, self.setting_b,
                                     reps=self.reps.value, seed=self.dashboard.seed)
        except ValueError as exc:
            self.table.value = f"<pre style='color:#c92a2a'>{html.escape(str(exc))}</pre>"
            return None
        self.table.value = comparison_html(table)
        return table
