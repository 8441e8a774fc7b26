"""SimPy model of a Vietnamese commune one-stop public administration service centre.

Front door::

    from simulation import load_scenario, run
    scenario = load_scenario("scenarios/kim-boi.yaml")
    results = run(scenario, seed=1)
    results.kpis()          # flat dict of KPIs
    results.visitors        # one row per citizen (DataFrame)
    results.dossiers        # one row per dossier (DataFrame)
"""
from .calendar import WorkingCalendar
from .centre import Centre, run
from .procedures import Catalogue, LegalTime, Procedure, load_catalogue
from .results import Results
from .scenario import Scenario, ScenarioError, load_scenario, parse_scenario

__all__ = [
    "Catalogue",
    "Centre",
    "LegalTime",
    "Procedure",
    "Results",
    "Scenario",
    "ScenarioError",
    "WorkingCalendar",
    "load_catalogue",
    "load_scenario",
    "parse_scenario",
    "run",
]
