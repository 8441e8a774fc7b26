"""The staffing dashboard: move the sliders, press Run, read the KPIs.

A trainer or planner picks a scenario; the dashboard shows one control per
knob of `PLANNER_CONTROLS` (officials at the counter, in the back office, at
the help desk and flexible ones; walk-in and online volume; the share of
citizens needing VNeID help; hours of portal outage; the priority rule; the
days simulated) and, folded away, every other bounded field of the scenario
schema, plus one small box per opening hour for the counters open then
(`hour_counters`). Pressing Run simulates the changed scenario and refreshes the KPI
cards and the charts; the comparison panel underneath runs two kept settings
like with like (same days, seed and replications) on common random numbers, and
Export writes the meeting pack of the last run and comparison (`export`)::

    from simulation.views.dashboard import StaffingDashboard
    dashboard = StaffingDashboard.from_file()          # a busy week; or ("kim-boi", days=1)
    dashboard                      # in a notebook or Voila
    dashboard.set("staff.counter", 3); dashboard.run()   # the same, in code

The dashboard speaks Vietnamese to commune leaders unless told otherwise:
``StaffingDashboard(..., lang="en")``, or ``MOTCUA_LANG=en`` in the environment
of the kernel or of Voila (``make app LANG_UI=en``); see `simulation.i18n`.
Numbers are shown with a decimal comma in Vietnamese.
"""
from __future__ import annotations

import base64
import html
import time
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ..formats import format_number, short_date
from ..i18n import N_, _, choose_language, ngettext, use_language
from ..results.simulate import run as simulate
from .comparison import ComparisonPanel
from .export import ExportPanel
from .hour_counters import CounterHours
from .controls import (PLANNER_CONTROLS, Control, current_value, path_label, planner_controls, scenario_values,
                       schema_controls)
from .panels import kpi_cards, make_widget, results_png, with_readout
from ..results.run_results import Results
from ..scenario.model import Scenario, ScenarioError, load_scenario

__all__ = ["StaffingDashboard", "OPENING_SCENARIO", "OPENING_DAYS"]

# What the dashboard opens on: a week (five working days) of Kim Boi's VNeID-help surge. A line forms
# and some citizens wait past the target, so the first Run's charts show queues, waits and busy
# officials rather than a quiet day's zeros.
OPENING_SCENARIO = "kim-boi-vneid-surge"
OPENING_DAYS = 7

INTRO = N_("Move the sliders and press “Run”: the KPI cards and the charts show the centre with "
           "those officials and that demand. To compare two settings, press “Keep as setting A”, move the "
           "sliders, press “Keep as setting B”, then “Compare A and B” (paired runs on common random numbers, "
           "with confidence intervals).")
SEED = N_("Seed")
# TRANSLATORS: the button that simulates the current setting.
RUN = N_("Run")
# TRANSLATORS: shown before the first run; "Run" is the button's label.
PRESS_RUN = N_("Press Run to simulate.")
MORE_SETTINGS = N_("More scenario settings")
NOTHING_CHANGED = N_("nothing")
# TRANSLATORS: the status line after a run: the seed, the settings changed from the scenario, the time taken.
STATUS = N_("seed {seed}; changed: {changed}; KPIs in {seconds} s")


class StaffingDashboard:
    """Widgets built from the scenario schema around one base scenario.

    `days` shortens the base scenario (a week by default; None keeps the scenario's own length);
    `charts=False` skips the PNG charts; `more_settings=False` leaves out the folded list of every
    other schema field; `lang` ("vi" or "en") is the language of every word and number shown (None:
    ``$MOTCUA_LANG``, else Vietnamese); `export_folder` is where Export writes the meeting pack (None:
    ``$MOTCUA_EXPORT_DIR``, else ``motcua-exports`` in the working folder).
    """

    def __init__(self, scenario: Scenario, *, seed: int = 1, days: int | None = OPENING_DAYS, reps: int = 5,
                 charts: bool = True, more_settings: bool = True, lang: str | None = None,
                 export_folder: str | Path | None = None):
        self.lang = choose_language(lang)
        self.base = scenario.with_values({"days": days}) if days and days != scenario.days else scenario
        with use_language(self.lang):
            self._build(seed, reps, charts, more_settings, export_folder)

    def _build(self, seed: int, reps: int, charts: bool, more_settings: bool,
               export_folder: str | Path | None) -> None:
        self.seed_box = widgets.BoundedIntText(value=seed, min=0, max=2**31 - 1, description=_(SEED),
                                               style={"description_width": "230px"}, layout={"width": "340px"})
        self.seed_box.add_class("motcua-seed")
        self.show_charts = charts
        self.controls: list[Control] = planner_controls() + (schema_controls() if more_settings else [])
        self.widgets: dict[str, widgets.Widget] = {
            c.path: make_widget(c, current_value(self.base, c)) for c in self.controls}
        self.counter_hours = CounterHours(self.base, self.widgets["staff.counter"])
        self.run_button = widgets.Button(description=_(RUN), button_style="primary", icon="play",
                                         layout={"width": "auto"})
        self.run_button.add_class("motcua-run")
        self.kpis = widgets.HTML(f"<i>{html.escape(_(PRESS_RUN))}</i>")
        self.kpis.add_class("motcua-kpis")
        self.status = widgets.HTML()
        self.status.add_class("motcua-status")
        self.charts = widgets.Output()
        self.charts.add_class("motcua-charts")
        self.comparison = ComparisonPanel(self, reps=reps, lang=self.lang)
        self.export = ExportPanel(self, folder=export_folder)
        self.last_results: Results | None = None
        self.last_status = ""
        self.last_seconds: float | None = None
        self.run_button.on_click(lambda _button: self.run())
        self.widget = self._layout()

    @classmethod
    def from_file(cls, path: str | Path = OPENING_SCENARIO, **options: Any) -> "StaffingDashboard":
        """A dashboard for a scenario file or a shipped scenario name (``kim-boi``)."""
        return cls(load_scenario(path), **options)

    def _layout(self) -> widgets.Widget:
        names = {path for path, *_rest in PLANNER_CONTROLS}
        main = [with_readout(self.widgets[c.path]) for c in self.controls if c.path in names]
        main.insert(1 + [c.path for c in self.controls].index("staff.counter"), self.counter_hours.widget)
        more = [with_readout(self.widgets[c.path]) for c in self.controls if c.path not in names]
        left = [widgets.HTML(f"<b>{html.escape(self.base.title())}</b>"), *main]
        heading = widgets.HTML(f"<div style='max-width:1100px;color:#343a40'>{html.escape(_(INTRO))}</div>")
        heading.add_class("motcua-intro")
        if more:
            accordion = widgets.Accordion([widgets.VBox(more)])
            accordion.set_title(0, _(MORE_SETTINGS))
            accordion.selected_index = None
            left.append(accordion)
        left += [self.seed_box, self.run_button, self.status]
        return widgets.VBox([
            heading,
            widgets.HBox([widgets.VBox(left, layout={"min_width": "480px"}),
                          widgets.VBox([self.kpis], layout={"margin": "0 0 0 16px", "flex": "1 1 auto"})]),
            self.charts,
            self.comparison.widget,
            self.export.widget,
        ])

    def _repr_mimebundle_(self, **kwargs: Any):
        return self.widget._repr_mimebundle_(**kwargs)

    # -- reading and setting the controls in code (tests, notebooks, benchmarks)
    def set(self, path: str, value: Any) -> None:
        """Move the control for `path` to `value`, as a user would."""
        if path not in self.widgets:
            raise KeyError(f"no dashboard control for {path!r} (controls: {', '.join(self.widgets)})")
        self.widgets[path].value = value

    @property
    def seed(self) -> int:
        """The base seed of the runs (the Seed box): another seed is another day with the same settings."""
        return int(self.seed_box.value)

    def settings(self) -> dict[Control, Any]:
        return {c: self.widgets[c.path].value for c in self.controls}

    def values(self) -> dict[str, Any]:
        """The dotted-path changes the controls (and the counters-by-hour boxes) make to the base scenario."""
        return {**scenario_values(self.base, self.settings()), **self.counter_hours.values()}

    def scenario(self) -> Scenario:
        """The base scenario with the controls' changes, validated again."""
        values = self.values()
        return self.base.with_values(values) if values else self.base

    def run(self) -> Results | None:
        """Simulate the current setting and refresh the KPI cards and charts (None if the setting is invalid)."""
        with use_language(self.lang):
            return self._run()

    def _run(self) -> Results | None:
        started = time.perf_counter()
        self.run_button.disabled = True
        try:
            values = self.values()
            try:
                scenario = self.base.with_values(values) if values else self.base
            except ScenarioError as exc:
                self.status.value = "<pre style='color:#c92a2a'>" + html.escape("\n".join(exc.messages)) + "</pre>"
                return None
            results = simulate(scenario, seed=self.seed)
            self.kpis.value = kpi_cards(results.kpis(), results.warnings, title=self._title(scenario),
                                        lang=self.lang)
            self.last_seconds = time.perf_counter() - started
            if self.show_charts:
                self.show_png(results_png(results, lang=self.lang))
            changed = ", ".join(path_label(path) for path in values) or _(NOTHING_CHANGED)
            status = _(STATUS).format(seed=self.seed, changed=changed, seconds=format_number(self.last_seconds, 2))
            self.status.value = f"<span style='color:#495057'>{html.escape(status)}</span>"
            self.last_status = status
            self.last_results = results
            return results
        finally:
            self.run_button.disabled = False

    def show_png(self, png: bytes) -> None:
        """Put a PNG into the charts Output widget (set directly: works with or without a kernel)."""
        data = {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": "<charts of the last run>"}
        self.charts.outputs = ({"output_type": "display_data", "data": data, "metadata": {}},)

    def _title(self, scenario: Scenario) -> str:
        # TRANSLATORS: the KPI cards' heading: the scenario's name, how many days were simulated, the first day.
        text = ngettext("{name}: {days} day from {start}", "{name}: {days} days from {start}", scenario.days)
        return text.format(name=scenario.title(), days=scenario.days, start=short_date(scenario.start_date))
