"""One error tree: every error a person can cause is a `simulation.SimulationError`, drawn in one docstring."""
from __future__ import annotations

import pickle
import re

import pytest

import simulation
from simulation import errors
from simulation.i18n import use_language

TREE = {"ScenarioError": ValueError, "CatalogueError": ValueError, "UnknownProcedureError": KeyError,
        "OptionError": ValueError, "SweepError": ValueError, "TargetError": ValueError, "PlanError": ValueError,
        "ClusterError": RuntimeError, "StaffChangeError": ValueError, "WageError": ValueError,
        "HorizonError": ValueError, "ReplicationError": RuntimeError}


@pytest.mark.parametrize("name, builtin", TREE.items())
def test_each_error_is_a_simulation_error_and_keeps_its_builtin_base(name, builtin):
    cls = getattr(simulation, name)
    assert cls is getattr(errors, name)
    assert issubclass(cls, simulation.SimulationError) and issubclass(cls, builtin)


def test_the_tree_in_the_docstrings_names_every_error_class():
    drawn = set(re.findall(r"[├└]── (\w+Error)", simulation.__doc__))
    classes = {n for n, c in vars(errors).items() if isinstance(c, type) and issubclass(c, errors.SimulationError)}
    assert drawn == set(TREE) == classes - {"SimulationError"}
    assert drawn == set(re.findall(r"[├└]── (\w+Error)", errors.__doc__))


def test_every_error_class_in_the_package_is_in_the_tree(root):
    """A new `class XError(ValueError)` somewhere in simulation/ would escape the CLI's mapper."""
    defined = {}
    for path in (root / "simulation").rglob("*.py"):
        for name in re.findall(r"^class (\w+(?:Error|Exception))\b", path.read_text(encoding="utf-8"), re.M):
            defined[name] = path.relative_to(root).as_posix()
    assert set(defined) <= set(TREE) | {"SimulationError"}, defined
    assert set(defined.values()) == {"simulation/errors.py"}


def test_the_old_homes_still_offer_their_errors():
    from simulation.experiments import cluster, planner, sweeps, targets
    from simulation.scenario import catalogue, model

    assert (model.ScenarioError, catalogue.CatalogueError, catalogue.UnknownProcedureError, sweeps.SweepError,
            targets.TargetError, planner.PlanError, cluster.ClusterError) == tuple(
        getattr(errors, n) for n in ("ScenarioError", "CatalogueError", "UnknownProcedureError", "SweepError",
                                     "TargetError", "PlanError", "ClusterError"))


@pytest.mark.parametrize("error", [
    errors.ScenarioError("a.yaml", ["a.yaml: days = 0: must be at least 1", "a.yaml: colour: unknown key"]),
    errors.CatalogueError(["c.yaml: procedures[0].id = 'X': must be snake_case"]),
    errors.UnknownProcedureError("birth", ["birth_registration"]),
    errors.PlanError("no staffing within the limits"),
], ids=lambda e: type(e).__name__)
def test_errors_survive_the_trip_to_a_worker_and_back(error):
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and str(again) == str(error) and again.messages == error.messages


def test_messages_are_one_line_per_problem():
    assert errors.ScenarioError("a.yaml", ["one", "two"]).messages == ["one", "two"]
    assert errors.TargetError("target 'x': bad").messages == ["target 'x': bad"]
    with use_language("en"):
        assert "did you mean 'birth_registration'" in str(errors.UnknownProcedureError("birth_registratio",
                                                                                       ["birth_registration"]))
    with use_language("vi"):  # said in the language current when it is raised
        assert "có phải là 'birth_registration'?" in str(errors.UnknownProcedureError("birth_registratio",
                                                                                      ["birth_registration"]))
