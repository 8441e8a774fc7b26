"""Old module paths of the flat `simulation` package, kept for one release with a deprecation warning.

Until December 2026 every module sat directly in `simulation/` (`simulation.analytics`,
`simulation.centre`, ...). Notebooks and scripts written against those paths keep working:
importing one gives the module at its new home and warns once where it moved. `simulation.sweep`
is not among them: it names the sweep function of the front door.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import warnings

MOVED = {
    "scenario_checks": "simulation.scenario.checks", "scenario_errors": "simulation.scenario.errors",
    "scenario_paths": "simulation.scenario.paths", "procedures": "simulation.scenario.catalogue",
    "calendar": "simulation.scenario.calendar",
    "centre": "simulation.engine.centre", "officials": "simulation.engine.officials",
    "ticket_line": "simulation.engine.ticket_line", "backlog": "simulation.engine.backlog",
    "equipment": "simulation.engine.equipment", "citizens": "simulation.engine.citizens",
    "timetable": "simulation.engine.timetable", "duty": "simulation.engine.duty",
    "randomness": "simulation.engine.randomness", "timer": "simulation.engine.simpy_adapter",
    "run_plan": "simulation.engine.run_setup", "records": "simulation.engine.records",
    "collector": "simulation.engine.gc_pause",
    "kpis": "simulation.results.kpis", "periods": "simulation.results.periods",
    "satisfaction": "simulation.results.satisfaction", "charts": "simulation.results.charts",
    "analytics": "simulation.queueing", "time_varying": "simulation.queueing.time_varying",
    "sweep_plots": "simulation.experiments.sweep_plots",
    "cluster": "simulation.experiments.cluster", "targets": "simulation.experiments.targets",
    "planner": "simulation.experiments.planner", "plan_report": "simulation.experiments.plan_report",
    "baselines": "simulation.experiments.baselines", "staffing": "simulation.experiments.staffing_options",
    "case_study": "simulation.experiments.case_study",
    "dashboard": "simulation.views.dashboard", "dashboard_compare": "simulation.views.comparison",
    "dashboard_controls": "simulation.views.controls", "dashboard_widgets": "simulation.views.panels",
    "planning_view": "simulation.views.planning", "workshop_view": "grading.class_report_view",
    "cli": "motcua.cli.sim", "cli_plan": "motcua.cli.plan",
}


class _Alias(importlib.abc.Loader):
    def __init__(self, new: str):
        self.new = new

    def create_module(self, spec):
        return importlib.import_module(self.new)

    def exec_module(self, module) -> None:
        pass


class MovedModules(importlib.abc.MetaPathFinder):
    """Finds `simulation.<old name>` and hands back the module at its new home."""

    def find_spec(self, fullname, path=None, target=None):
        package, _, name = fullname.rpartition(".")
        if package != "simulation" or name not in MOVED:
            return None
        warnings.warn(f"{fullname} moved to {MOVED[name]}; the old path goes away in the next release",
                      DeprecationWarning, stacklevel=2)
        return importlib.util.spec_from_loader(fullname, _Alias(MOVED[name]))


def install() -> None:
    if not any(isinstance(finder, MovedModules) for finder in sys.meta_path):
        sys.meta_path.append(MovedModules())
