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
from .calendar import WorkingCalendar
from .centre import Centre, run
from .experiments import compare, replicate, summarise
from .planner import Plan, Planner, PlanError
from .procedures import Catalogue, LegalTime, Procedure, load_catalogue
from .results import Results
from .scenario import Scenario, ScenarioError, load_scenario, parse_scenario
from .sweep import sweep
from .targets import parse_target

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
