"""Sweeps: value syntax, grid, tidy CSV, summary, plots, resume and the `sweep` command."""
from __future__ import annotations

import pytest

from motcua.cli import main as motcua_main
from simulation import load_scenario
from simulation.experiments.replications import SerialRunner
from simulation.experiments.sweeps import SweepError, grid, parse_setting, parse_values, read_rows, sweep, sweep_summary
from simulation.experiments.sweep_plots import plot_summary


def main(argv: list[str]) -> int:
    """`motcua sim ...` in-process, as a user would type it (one worker: no Dask cluster to start; no progress bar)."""
    return motcua_main(["sim", *argv, "--workers", "1", "--quiet"])


@pytest.fixture(scope="module")
def small():
    return load_scenario("mmc").with_values({"days": 2, "warmup_days": 0})


@pytest.mark.parametrize("text, values", [
    ("1..5", [1, 2, 3, 4, 5]),
    ("2..2", [2]),
    ("0.5..1.5:0.5", [0.5, 1.0, 1.5]),
    ("1..7:3", [1, 4, 7]),
    ("0.5,1,2", [0.5, 1, 2]),
    ("true,false", [True, False]),
    ("lognormal,exponential", ["lognormal", "exponential"]),
])
def test_values(text, values):
    assert parse_values(text) == values


@pytest.mark.parametrize("text, message", [
    ("staff.counter=1..", "range '1..'"),
    ("staff.counter=1...3", "range '1...3'"),
    ("staff.counter=5..1", "below the start"),
    ("staff.counter=1.5..3", "whole numbers"),
    ("staff.counter=1..3:0", "step must be positive"),
    ("staff.counter=1,,2", "no empty items"),
    ("staff.counter=", "no empty items"),
    ("staff.counter", "write PATH=VALUES"),
    ("staff.countr=1..3", "unknown field path 'staff.countr'"),
    ("demand.walk_in.rate=1,2", "unknown field path 'demand.walk_in.rate'"),
])
def test_bad_settings_name_the_value(text, message):
    with pytest.raises(SweepError, match=message.replace(".", r"\.").replace("(", r"\(")):
        parse_setting(text)


def test_grid_is_every_combination_last_fastest():
    points = grid([("staff.counter", [3, 4]), ("demand.walk_in_scale", [0.5, 1])])
    assert points == [{"staff.counter": 3, "demand.walk_in_scale": 0.5}, {"staff.counter": 3, "demand.walk_in_scale": 1},
                      {"staff.counter": 4, "demand.walk_in_scale": 0.5}, {"staff.counter": 4, "demand.walk_in_scale": 1}]
    with pytest.raises(SweepError, match="swept once"):
        grid([("staff.counter", [1]), ("staff.counter", [2])])


def test_an_invalid_point_is_refused_before_running(small):
    with pytest.raises(SweepError, match="staff.counter"):
        sweep(small, [("staff.counter", [3, 500])], 2)


SETTINGS = [("staff.counter", [3, 4]), ("demand.walk_in_scale", [0.5, 1.0])]


def test_tidy_rows_summary_and_plots(small, tmp_path):
    rows = sweep(small, SETTINGS, 3, seed=2, out=tmp_path / "rows.csv")
    assert len(rows) == 4 * 3
    assert list(rows.columns[:4]) == ["point", "staff.counter", "demand.walk_in_scale", "replication"]
    assert rows.equals(read_rows(tmp_path / "rows.csv"))
    # common random numbers: at equal demand, arrivals do not depend on the counters
    by = rows.set_index(["demand.walk_in_scale", "replication", "staff.counter"])["walk_in_arrived"].unstack()
    assert (by[3] == by[4]).all()
    summary = sweep_summary(rows, [p for p, _ in SETTINGS])
    wait = summary[summary["kpi"] == "wait_mean"]
    assert len(wait) == 4 and (wait["low"] <= wait["mean"]).all() and (wait["mean"] <= wait["high"]).all()
    plots = plot_summary(summary, [p for p, _ in SETTINGS], tmp_path / "plots", kpis=["wait_mean", "online_on_time"])
    assert [p.name for p in plots] == ["wait_mean.png"]  # no online dossiers in M/M/c: nothing to plot
    assert plots[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


class Interrupted(SerialRunner):
    """Stops (as Ctrl-C would) after `after` replications; records how many it was asked to run."""

    def __init__(self, after: int):
        self.after, self.asked = after, 0

    def map(self, tasks):
        self.asked = len(tasks)
        for done, item in enumerate(super().map(tasks)):
            if done == self.after:
                raise KeyboardInterrupt
            yield item


def test_resume_after_an_interruption_gives_the_same_csv(small, tmp_path):
    whole = tmp_path / "whole.csv"
    sweep(small, SETTINGS, 3, seed=4, out=whole)
    cut = tmp_path / "cut.csv"
    first = Interrupted(after=5)
    with pytest.raises(KeyboardInterrupt):
        sweep(small, SETTINGS, 3, seed=4, out=cut, runner=first)
    assert first.asked == 12
    assert len(cut.read_text().splitlines()) == 1 + 5
    with cut.open("a") as handle:  # a crash in the middle of writing a row
        handle.write("2,4,0.5,1,17.0,1")
    second = Interrupted(after=10 ** 6)
    sweep(small, SETTINGS, 3, seed=4, out=cut, runner=second, resume=True)
    assert second.asked == 12 - 5
    assert cut.read_bytes() == whole.read_bytes()


def test_resume_refuses_a_csv_from_another_sweep(small, tmp_path):
    out = tmp_path / "rows.csv"
    sweep(small, [("staff.counter", [3])], 2, out=out)
    with pytest.raises(SweepError, match="different sweep"):
        sweep(small, [("demand.walk_in_scale", [1.0])], 2, out=out, resume=True)
    with pytest.raises(SweepError, match="does not match"):
        sweep(small, [("staff.counter", [4])], 2, out=out, resume=True)


@pytest.mark.parametrize("setting, message", [
    ("staff.countr=1..3", "unknown field path 'staff.countr'"),
    ("staff.counter=1..x", "range '1..x'"),
    ("staff.counter=3..1", "below the start"),
])
def test_cli_bad_input_is_one_line_and_exit_2(setting, message, tmp_path, capsys):
    code = main(["sweep", "mmc", "--set", setting, "--reps", "2", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("motcua sim sweep: error:")


def test_cli_sweep_writes_rows_summary_and_plots(tmp_path, capsys):
    code = main(["sweep", "mmc", "--set", "staff.counter=3..4", "--reps", "2", "--days", "3",
                 "--out", str(tmp_path), "--quiet"])
    assert code == 0
    assert len(read_rows(tmp_path / "rows.csv")) == 4
    assert (tmp_path / "summary.csv").exists() and (tmp_path / "plots" / "wait_mean.png").exists()
    assert "wait_mean" in capsys.readouterr().out
