"""The simulation package's front door: `__all__` lists exactly what it offers."""
import simulation


def test_all_names_exist_and_nothing_public_is_missing():
    for name in simulation.__all__:
        assert hasattr(simulation, name), name
    public = {n for n in vars(simulation) if not n.startswith("_") and not isinstance(getattr(simulation, n),
                                                                                        type(simulation))}
    assert public == set(simulation.__all__)


def test_front_door_runs_a_scenario():
    scenario = simulation.load_scenario("scenarios/mmc.yaml").with_values({"days": 3})
    assert simulation.run(scenario, seed=1).kpis()["served"] > 0
