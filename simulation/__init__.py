"""SimPy model of a Vietnamese commune one-stop public administration service centre.

Front door::

    from simulation import load_scenario, run
    scenario = load_scenario("scenarios/kim-boi.yaml")
    results = run(scenario, seed=1)
    results.kpis()          # flat dict of KPIs
    results.visitors        # one row per citizen (DataFrame)
    results.dossiers        # one row per dossier (DataFrame)

Planners' toolkit::

    from simulation import replicate, compare, sweep, Planner, parse_target
    replicate(scenario, reps=30, seed=1)              # one row per replication
    compare(scenario_a, scenario_b, reps=30)          # paired differences (common random numbers)
    Planner(scenario, [parse_target("wait_p90 <= 15min")]).plan()

Analytic baselines (Erlang B/C/A, square-root staffing, SIPP, MOL) are in
`simulation.analytics`; the Dask runner in `simulation.cluster`; the staffing
dashboard in `simulation.dashboard`.
"""
import importlib as _importlib
import sys as _sys
import types as _types

# The front door's names, loaded on first use: `motcua workshop ...` and `motcua sim check` need
# none of pandas and scipy, which the simulation modules import (about 1.5 s on a small machine).
_EXPORTS = {
    "Catalogue": ".procedures", "Centre": ".centre", "LegalTime": ".procedures", "Plan": ".planner",
    "PlanError": ".planner", "Planner": ".planner", "Procedure": ".procedures", "Results": ".results",
    "Scenario": ".scenario", "ScenarioError": ".scenario", "WorkingCalendar": ".calendar",
    "compare": ".experiments", "load_catalogue": ".procedures", "load_scenario": ".scenario",
    "parse_scenario": ".scenario", "parse_target": ".targets", "replicate": ".experiments", "run": ".centre",
    "summarise": ".experiments",
}


class _FrontDoor(_types.ModuleType):
    def __getattr__(self, name):
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(_importlib.import_module(module, __name__), name)
        setattr(self, name, value)
        return value

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(_EXPORTS) | {"sweep"})

    @property
    def sweep(self):
        """The sweep function (the submodule of the same name stays reachable as `simulation.sweep` in imports)."""
        from .sweep import sweep as function

        return function

    @sweep.setter
    def sweep(self, value) -> None:  # the import system records the submodule here; the function stays the export
        pass


_sys.modules[__name__].__class__ = _FrontDoor

__all__ = [
    "Catalogue",
    "Centre",
    "LegalTime",
    "Plan",
    "PlanError",
    "Planner",
    "Procedure",
    "Results",
    "Scenario",
    "ScenarioError",
    "WorkingCalendar",
    "compare",
    "load_catalogue",
    "load_scenario",
    "parse_scenario",
    "parse_target",
    "replicate",
    "run",
    "summarise",
    "sweep",
]
