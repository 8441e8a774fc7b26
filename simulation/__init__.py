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

Errors (`simulation.errors`): everything a person can fix is one tree, so
``except SimulationError`` catches all of it and the CLI maps it to exit code 2::

    SimulationError               anything the person can fix by changing what they asked for
    ├── ScenarioError             a scenario file or value: every problem at once, one line each (ValueError)
    ├── CatalogueError            the procedure catalogue file: every problem at once (ValueError)
    ├── UnknownProcedureError     a procedure id the catalogue does not hold (KeyError)
    ├── OptionError               a run option out of range: reps, seed, confidence, workers (ValueError)
    │   ├── StaffChangeError      --remove / --add of named officials that cannot be made
    │   └── WageError             a wage table that cannot be used
    ├── SweepError                a sweep's --set grid, or a rows file that belongs to another sweep (ValueError)
    ├── TargetError               a service target that cannot be read or planned for (ValueError)
    ├── PlanError                 the planner's roles or limits, or no staffing within them meets the targets
    │   │                         (ValueError)
    │   └── HorizonError          a fixed horizon too short for the longest legal time in the mix
    └── ClusterError              the Dask cluster could not be started or reached (RuntimeError)
        └── ReplicationError      a replication failed (on a worker or here), named in one line
"""
from importlib import import_module as _import_module

from . import moved as _moved

_moved.install()  # old flat module paths (simulation.analytics, ...) still import, with a warning

# The front door's names, loaded on first use: `motcua workshop ...` and `motcua sim check` need
# none of pandas and scipy, which the simulation modules import.
_HOME = {
    "Catalogue": ".scenario.catalogue", "LegalTime": ".scenario.catalogue", "Procedure": ".scenario.catalogue",
    "load_catalogue": ".scenario.catalogue", "WorkingCalendar": ".scenario.calendar",
    "Scenario": ".scenario.model", "load_scenario": ".scenario.model", "parse_scenario": ".scenario.model",
    "SimulationError": ".errors", "ScenarioError": ".errors", "CatalogueError": ".errors",
    "UnknownProcedureError": ".errors", "OptionError": ".errors", "SweepError": ".errors", "TargetError": ".errors",
    "PlanError": ".errors", "ClusterError": ".errors", "StaffChangeError": ".errors", "WageError": ".errors",
    "HorizonError": ".errors", "ReplicationError": ".errors",
    "Centre": ".results.simulate", "run": ".results.simulate",
    "Results": ".results.run_results",
    "compare": ".experiments.replications", "replicate": ".experiments.replications",
    "summarise": ".experiments.replications", "sweep": ".experiments.sweeps",
    "Plan": ".experiments.planner", "Planner": ".experiments.planner",
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
