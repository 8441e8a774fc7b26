"""The simulation package's front door: `__all__` lists exactly what it offers, loaded on first use."""
import subprocess
import sys
import types

import simulation


def test_all_names_exist_and_nothing_public_is_missing():
    for name in simulation.__all__:
        assert hasattr(simulation, name), name
    public = {n for n in dir(simulation) if not n.startswith("_")
              and not isinstance(getattr(simulation, n), types.ModuleType)}
    assert public == set(simulation.__all__)


def test_the_sweep_function_is_the_export_and_no_module_shadows_it():
    import simulation.experiments.sweeps  # noqa: F401
    from simulation.experiments.sweeps import sweep

    assert simulation.sweep is sweep and callable(simulation.sweep)


def test_importing_the_package_and_the_command_line_does_not_load_pandas_or_scipy():
    code = ("import sys, simulation, motcua.cli; motcua.cli.build_parser(); "
            "print(sorted(m for m in ('pandas', 'scipy', 'scipy.stats') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_front_door_runs_a_scenario():
    scenario = simulation.load_scenario("mmc").with_values({"days": 3})
    assert simulation.run(scenario, seed=1).kpis()["served"] > 0
