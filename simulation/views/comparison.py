"""Side by side: two dashboard settings compared on common random numbers.

A trainer keeps the current sliders as setting A, moves them, keeps them as
setting B and presses Compare. Both settings are run over the same days, from
the same seed, for the same replications (`simulation.views.like_with_like`; a
warning names what differed between the kept settings) on common random numbers
(`simulation.experiments.replications.compare`: replication ``r`` of either side
meets the same citizens), and the table shows each headline KPI for A and B
with the paired 95% confidence interval of B − A and the CLI's verdict: a
difference reads as real only when its interval excludes zero *and* it is at
least the practical threshold (`replications.practical_threshold`). Words and
numbers are in the panel's language (`lang`, Vietnamese by default: decimal comma).
"""
from __future__ import annotations

import html
import math
from contextlib import nullcontext
from typing import Any, Protocol

import ipywidgets as widgets
import pandas as pd

from .controls import path_label
from .panels import KPI_CARDS
from ..experiments.replications import PRACTICAL, VERDICTS, compare
from ..formats import format_number, format_percent
from ..i18n import N_, _, choose_language, ngettext, use_language
from ..results.kpi_catalogue import label
from ..scenario.model import Scenario
from .like_with_like import Kept, LikeWithLike, like_with_like

__all__ = ["ComparisonPanel", "SettingsSource", "compare_settings", "comparison_html"]

KEEP_A = N_("Keep as setting A")
KEEP_B = N_("Keep as setting B")
REPLICATIONS = N_("Replications")
COMPARE = N_("Compare A and B")
HEADING = N_("Compare two settings")
START = N_("Keep two settings, then compare them.")
KEEP_BOTH_FIRST = N_("Keep a setting A and a setting B first.")
RUNNING = N_("Running…")
NOT_KEPT = N_("not kept yet")
AS_SHIPPED = N_("the scenario as shipped")
# What the CLI's verdicts read as (`replications.verdict`), one per key of VERDICTS.
VERDICT_WORDS = {"real": N_("real difference"), "negligible": N_("negligible"), "unclear": N_("unclear"),
                 "none": N_("no difference")}
# TRANSLATORS: the comparison table's last column: is the difference real, negligible or unclear?
VERDICT = N_("Verdict")


class SettingsSource(Protocol):
    """What the panel reads from the controls it sits under (the staffing dashboard)."""

    base: Scenario

    @property
    def seed(self) -> int: ...

    def values(self) -> dict[str, Any]: ...


def compare_settings(base: Scenario, setting_a: dict[str, Any], setting_b: dict[str, Any], *,
                     reps: int = 5, seed: int = 1) -> pd.DataFrame:
    """Paired differences B − A (one row per KPI) of two sets of dotted-path values applied to `base`, over
    one horizon (`like_with_like`)."""
    runs = like_with_like(base, Kept(setting_a, seed), Kept(setting_b, seed), seed)
    return compare(runs.a, runs.b, reps, seed)


def _cell(value: float, unit: str, signed: bool = False) -> str:
    """A value in the current language's number format: minutes, percent (a difference: percentage points)."""
    if value != value:
        return "–"
    sign = "+" if signed and not value < 0 else ""
    if unit == "pct":
        # TRANSLATORS: a difference of two percentages, in percentage points ("+2.5 pt").
        return (sign + _("{value} pt").format(value=format_number(100 * value, 1)) if signed
                else format_percent(value, 1))
    if unit == "min":
        # TRANSLATORS: a time in minutes in a table cell ("12.5 min").
        return sign + _("{value} min").format(value=format_number(value, 1))
    return sign + format_number(value, 1)


def comparison_html(table: pd.DataFrame, confidence: float = 0.95, lang: str | None = None) -> str:
    """The headline KPIs of a `compare` table: A, B and B − A with its interval, in `lang` (None: current)."""
    with use_language(lang) if lang else nullcontext():
        return _comparison_html(table, confidence)


def _verdict(row: pd.Series) -> str:
    """The CLI's verdict key of a row (`replications.verdict`); a table without one: significance only."""
    if "verdict" in row.index and isinstance(row["verdict"], str):
        return next((key for key, word in VERDICTS.items() if word == row["verdict"]), "unclear")
    return "real" if row["significant"] else "unclear"


def _comparison_html(table: pd.DataFrame, confidence: float) -> str:
    rows = table.set_index("kpi")
    lines = []
    for key, unit in KPI_CARDS:
        if key not in rows.index:
            continue
        r = rows.loc[key]
        # TRANSLATORS: a confidence interval; Vietnamese separates the ends with ";" (its decimal mark is ",").
        interval = "" if math.isnan(r["low"]) else " " + _("[{low}, {high}]").format(
            low=_cell(r["low"], unit, True), high=_cell(r["high"], unit, True))
        verdict = _verdict(r)
        mark = " ✱" if verdict == "real" else ""
        faint = "" if verdict == "real" else " motcua-faint"  # only a real difference reads at full strength
        lines.append(f"<tr><td>{html.escape(label(key))}</td><td>{_cell(r['mean_a'], unit)}</td>"
                     f"<td>{_cell(r['mean_b'], unit)}</td>"
                     f"<td class='motcua-diff{faint}' data-kpi='{key}'>{_cell(r['difference'], unit, True)}{interval}"
                     f"{mark}</td><td class='motcua-verdict{faint}' data-verdict='{verdict}'>"
                     f"{html.escape(_(VERDICT_WORDS[verdict]))}</td></tr>")
    n = int(rows["n"].max()) if len(rows) else 0
    level = format_percent(confidence, 0)
    # TRANSLATORS: the last header of the comparison table: B − A with its confidence interval ("95%").
    difference = _("B − A [{level} confidence interval]").format(level=level)
    head = (f"<tr><th>{html.escape(_('KPI'))}</th><th>A</th><th>B</th><th>{html.escape(difference)}</th>"
            f"<th>{html.escape(_(VERDICT))}</th></tr>")
    note = ngettext("{n} paired replication on common random numbers.",
                    "{n} paired replications on common random numbers.", n).format(n=n)
    # TRANSLATORS: the thresholds are the CLI's (motcua sim compare): smaller differences are not worth a meeting.
    rule = _("✱ = a real difference: the interval excludes zero and the difference is at least {wait} of waiting, "
             "{rate} of a rate, or one citizen or dossier (a hundredth of A when larger); smaller ones are "
             "negligible.")
    rule = rule.format(wait=_cell(PRACTICAL["wait"], "min"), rate=_cell(PRACTICAL["rate"], "pct", True).lstrip("+"))
    foot = f"<div style='font-size:11px;color:#495057'>{html.escape(note + ' ' + rule)}</div>"
    style = ("<style>.motcua-comparison td, .motcua-comparison th {padding: 2px 12px; text-align: right}"
             ".motcua-comparison td:first-child, .motcua-comparison th:first-child {text-align: left}"
             ".motcua-comparison .motcua-faint {color: #868e96}</style>")
    return f"{style}<table class='motcua-comparison'>{head}{''.join(lines)}</table>{foot}"


def _shown(path: str, value: Any) -> str:
    """A kept value as a reader sees it: head counts, outage hours, shares and numbers in the current language."""
    from ..scenario.labels import choice_label

    if path == "staff.counter_by_hour":
        # TRANSLATORS: counters open by hour as kept: "16h: 1, 17h: 0"; every other hour has all counters.
        return ", ".join(f"{hour:02d}h: {n}" for hour, n in sorted(value.items())) or _("all counters every hour")
    if isinstance(value, list) and path.startswith("staff."):
        return ngettext("{n} official", "{n} officials", len(value)).format(n=len(value))
    if isinstance(value, list) and path == "demand.outages":
        hours = sum((pd.Timestamp(o["end"]) - pd.Timestamp(o["start"])).total_seconds() / 3600 for o in value)
        return _("{hours} h of outage").format(hours=format_number(hours, 1)) if value else _("no outage")
    if isinstance(value, dict):
        return ", ".join(f"{choice_label(k)} {format_percent(v, 0)}" for k, v in value.items())
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (int, float)):
        return format_number(value)
    return str(value)


def _describe(values: dict[str, Any] | None) -> str:
    if values is None:
        return _(NOT_KEPT)
    if not values:
        return _(AS_SHIPPED)
    return "; ".join(f"{path_label(path)} = {_shown(path, value)}" for path, value in values.items())


class ComparisonPanel:
    """Keep two settings of the controls above (a `StaffingDashboard`) and compare them with confidence
    intervals."""

    def __init__(self, dashboard: SettingsSource, reps: int = 5, lang: str | None = None):
        self.dashboard = dashboard
        self.lang = choose_language(lang)
        self.setting_a: dict[str, Any] | None = None
        self.setting_b: dict[str, Any] | None = None
        self.seeds: dict[str, int] = {}          # the Seed box when each side was kept
        self.last: LikeWithLike | None = None    # the last comparison as run, and its table (for the export)
        self.last_table: pd.DataFrame | None = None
        with use_language(self.lang):
            self._build(reps)

    def _build(self, reps: int) -> None:
        self.keep_a = widgets.Button(description=_(KEEP_A), icon="bookmark", layout={"width": "auto"})
        self.keep_b = widgets.Button(description=_(KEEP_B), icon="bookmark", layout={"width": "auto"})
        self.reps = widgets.IntSlider(value=reps, min=2, max=30, description=_(REPLICATIONS),
                                      continuous_update=False, style={"description_width": "initial"})
        self.compare_button = widgets.Button(description=_(COMPARE), button_style="info", icon="balance-scale",
                                             layout={"width": "auto"})
        self.settings = widgets.HTML()
        self.warnings = widgets.HTML()
        self.table = widgets.HTML(f"<i>{html.escape(_(START))}</i>")
        for widget, name in ((self.keep_a, "keep-a"), (self.keep_b, "keep-b"), (self.compare_button, "compare"),
                             (self.warnings, "unlike"), (self.table, "comparison")):
            widget.add_class(f"motcua-{name}")
        self.keep_a.on_click(lambda _button: self.keep("a"))
        self.keep_b.on_click(lambda _button: self.keep("b"))
        self.compare_button.on_click(lambda _button: self.compare())
        self.widget = widgets.VBox([
            widgets.HTML(f"<b>{html.escape(_(HEADING))}</b>"),
            widgets.HBox([self.keep_a, self.keep_b, self.reps, self.compare_button]),
            self.settings, self.warnings, self.table])
        self._show_settings()

    def keep(self, side: str) -> dict[str, Any]:
        """Remember the dashboard's current values (and seed) as setting `side` ("a" or "b")."""
        values = self.dashboard.values()
        setattr(self, f"setting_{side}", values)
        self.seeds[side] = self.dashboard.seed
        self._show_settings()
        return values

    def _show_settings(self) -> None:
        with use_language(self.lang):
            self.settings.value = (f"<div>A: {html.escape(_describe(self.setting_a))}</div>"
                                   f"<div>B: {html.escape(_describe(self.setting_b))}</div>")

    def compare(self) -> pd.DataFrame | None:
        """Run both settings like with like and show the table; None (with a message) until both are kept."""
        with use_language(self.lang):
            self.warnings.value = ""
            if self.setting_a is None or self.setting_b is None:
                self.table.value = f"<i>{html.escape(_(KEEP_BOTH_FIRST))}</i>"
                return None
            self.table.value = f"<i>{html.escape(_(RUNNING))}</i>"
            seed = self.dashboard.seed
            try:
                runs = like_with_like(self.dashboard.base, Kept(self.setting_a, self.seeds.get("a", seed)),
                                      Kept(self.setting_b, self.seeds.get("b", seed)), seed)
                table = compare(runs.a, runs.b, self.reps.value, seed)
            except ValueError as exc:
                self.table.value = f"<pre style='color:#c92a2a'>{html.escape(str(exc))}</pre>"
                return None
            self.warnings.value = "".join(f"<div style='color:#c92a2a;max-width:1100px'>⚠ {html.escape(w)}</div>"
                                          for w in runs.warnings)
            self.table.value = comparison_html(table)
            self.last, self.last_table = runs, table
            return table
