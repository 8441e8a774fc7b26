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

The layers, lowest first (each imports only from those before it)::

    scenario/     what was asked: schema, loading, checks, dotted paths, catalogue, calendar
    queueing/     pure formulas: Erlang B/C/A, square-root staffing, SIPP, MOL
    engine/       what moves during a run: centre, officials, line, backlog, citizens
    results/      run record -> KPIs, periods, satisfaction, charts
    experiments/  replications, comparisons, sweeps, Dask runner, targets, planner
    views/        ipywidgets: the staffing dashboard, planning and comparison panels
"""
from importlib import import_module as _import_module

# The front door's names, loaded on first use: `motcua workshop ...` and `motcua sim check` need
# none of pandas and scipy, which the simulation modules import.
_HOME = {
    "Catalogue": ".scenario.catalogue", "LegalTime": ".scenario.catalogue", "Procedure": ".scenario.catalogue",
    "load_catalogue": ".scenario.catalogue", "WorkingCalendar": ".scenario.calendar",
    "Scenario": ".scenario.model", "load_scenario": ".scenario.model", "parse_scenario": ".scenario.model",
    "ScenarioError": ".scenario.errors",
    "Centre": ".results.simulate", "run": ".results.simulate",
    "Results": ".results.run_results",
    "compare": ".experiments.replications", "replicate": ".experiments.replications",
    "summarise": ".experiments.replications", "sweep": ".experiments.sweeps",
    "Plan": ".experiments.planner", "PlanError": ".experiments.planner", "Planner": ".experiments.planner",
    "parse_target": ".experiments.targets",
}

__all__ = sorted(_HOME)


def __getattr__(name: str):
    if name in _HOME:
        value = getattr(_import_module(_HOME[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
