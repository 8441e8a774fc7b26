"""Counters by hour: how many of the counter officials are at the counter in each opening hour.

A planner who sees the line peak at 08:00 and empty at 16:00 wants two counters in the morning
and one late in the day, not a head count for the whole day. The scenario says it with
``staff.counter_by_hour`` (hour -> counters open; an hour not listed has every counter official);
this control is one small number box per opening hour, each from 0 to the counter head count.

Head count means what it means everywhere (`simulation.experiments.staffing_options`): the first
N counter officials as listed are on duty, so "1 at 16:00" keeps the first-listed official at
the counter and sends the second to other work. When the head count slider moves, boxes that
showed the whole team follow it and none shows more than the team.
"""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from ..experiments.staffing_options import open_periods
from ..i18n import N_, _
from ..scenario.model import Scenario
from .controls import path_label

__all__ = ["CounterHours", "PATH"]

PATH = "staff.counter_by_hour"
# TRANSLATORS: under the per-hour counter boxes: how to read them.
HELP = N_("at most the counter officials above")


def effective_plan(scenario: Scenario, hours: list[int]) -> dict[int, int]:
    """Counters open in each of `hours` as the engine reads the scenario (an hour not listed: all)."""
    team = scenario.staff.counter
    n = team if isinstance(team, int) else len(team)
    return {h: min(scenario.staff.counter_by_hour.get(h, n), n) for h in hours}


class CounterHours:
    """One number box per opening hour of `scenario`, bounded by the counter head count widget `team`."""

    def __init__(self, scenario: Scenario, team: widgets.ValueWidget):
        self.base = scenario
        self.team = team
        self.hours = open_periods(scenario, "hour")
        start = effective_plan(scenario, self.hours)
        self.boxes: dict[int, widgets.BoundedIntText] = {}
        cells = []
        for hour in self.hours:
            box = widgets.BoundedIntText(value=start[hour], min=0, max=max(int(team.value), start[hour]),
                                         layout={"width": "44px"})
            box.add_class(f"motcua-counter-hour-{hour:02d}")
            self.boxes[hour] = box
            head = widgets.HTML(f"<div style='font-size:11px;text-align:center'>{hour:02d}h</div>")
            cells.append(widgets.VBox([head, box], layout={"margin": "0 1px 0 0"}))
        title = widgets.HTML(f"<div style='font-size:13px'>{html.escape(path_label(PATH))}: "
                             f"<span style='color:#495057;font-size:11px'>{html.escape(_(HELP))}</span></div>")
        self.widget = widgets.VBox([title, widgets.HBox(cells, layout={"flex_flow": "row wrap"})],
                                   layout={"margin": "2px 0 6px 0"})
        self.widget.add_class("motcua-counter-by-hour")
        team.observe(self._team_moved, names="value")

    def _team_moved(self, change: dict) -> None:
        old, new = int(change["old"]), int(change["new"])
        for box in self.boxes.values():
            full = box.value >= old
            if new > box.max:
                box.max = new
            box.value = new if full else min(box.value, new)
            box.max = new

    def set(self, hour: int, counters: int) -> None:
        """Put `counters` in the box of `hour`, as a user would."""
        if hour not in self.boxes:
            raise KeyError(f"{PATH}: no box for hour {hour} (opening hours: {', '.join(map(str, self.hours))})")
        self.boxes[hour].value = counters

    def plan(self) -> dict[int, int]:
        """Counters open in each opening hour, as the boxes show them (never above the head count)."""
        n = int(self.team.value)
        return {h: min(int(box.value), n) for h, box in self.boxes.items()}

    def values(self) -> dict[str, Any]:
        """``{"staff.counter_by_hour": {...}}`` when the boxes differ from the scenario, else nothing.

        Only hours below the head count are written: an hour not listed has every counter official,
        so a plan that keeps everyone at the counter all day writes an empty mapping.
        """
        n = int(self.team.value)
        plan = self.plan()
        kept = {h: k for h, k in self.base.staff.counter_by_hour.items() if h not in plan and k < n}
        mapping = {**kept, **{h: k for h, k in plan.items() if k < n}}
        before = {h: k for h, k in self.base.staff.counter_by_hour.items() if k < n}  # the same plan, written short
        return {} if mapping == before else {PATH: mapping}
