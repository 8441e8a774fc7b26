"""Old flat module paths keep working for one release, with a deprecation warning naming the new home."""
import importlib
import sys

import pytest

from simulation.moved import MOVED


@pytest.mark.parametrize("old", ["analytics", "centre", "dashboard_widgets", "workshop_view", "cli_plan"])
def test_an_old_path_gives_the_new_module_and_warns(old):
    sys.modules.pop(f"simulation.{old}", None)
    with pytest.warns(DeprecationWarning, match=MOVED[old].replace(".", r"\.")):
        module = importlib.import_module(f"simulation.{old}")
    assert module is importlib.import_module(MOVED[old])


def test_every_new_home_exists():
    for old, new in MOVED.items():
        assert importlib.util.find_spec(new) is not None, (old, new)


def test_the_moved_names_are_not_modules_of_the_package_any_more(root):
    for old in MOVED:
        assert not (root / "simulation" / f"{old}.py").exists(), old


def test_the_old_analytics_module_still_offers_every_formula():
    sys.modules.pop("simulation.analytics", None)
    with pytest.warns(DeprecationWarning):
        from simulation.analytics import erlang_c, mol_staffing, sipp_staffing  # noqa: F401
