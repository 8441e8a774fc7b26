"""What was asked: the frozen scenario, its loading (with `extends`), checks, dotted paths and errors,
the procedure catalogue and the working calendar. Imports nothing else of ours."""
from .model import (SCHEMA_VERSION, VISITOR_KINDS, WEEKDAYS, Distribution, Official, Scenario, ScenarioError,
                    load_scenario, parse_scenario)

__all__ = ["SCHEMA_VERSION", "VISITOR_KINDS", "WEEKDAYS", "Distribution", "Official", "Scenario", "ScenarioError",
           "load_scenario", "parse_scenario"]
