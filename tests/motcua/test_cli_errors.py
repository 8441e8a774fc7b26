"""One mapper from the errors a person can cause to what `motcua` prints and the exit code."""
from __future__ import annotations

import subprocess
import sys

import pytest

from grading.errors import RosterError, WorkshopError
from motcua.cli import main
from motcua.cli.errors import BAD_INPUT, INTERRUPTED, guarded
from simulation import errors
from simulation.i18n import use_language


@pytest.fixture(autouse=True)
def english():
    """The shape of the messages is tested in English; their Vietnamese in test_cli_vietnamese.py."""
    with use_language("en"):
        yield


def _raising(error: BaseException):
    @guarded("motcua test")
    def command(args) -> int:
        raise error
    return command


ONE_LINE = [
    errors.OptionError("--reps 1: need at least 2 replications for a confidence interval"),
    errors.SweepError("range '1..x': write a..b"),
    errors.TargetError("target 'x': write KPI <= VALUE"),
    errors.PlanError("role 'cook': must be one of counter, guide, flexible, back_office"),
    errors.ClusterError("cannot reach tcp://nowhere:8786"),
    errors.UnknownProcedureError("birth", ["birth_registration"]),
    errors.ScenarioError("a.yaml", ["a.yaml: days = 0: must be at least 1"]),
    WorkshopError("--jobs 0: must be at least 1"),
    FileNotFoundError(2, "No such file or directory", "/nowhere/out"),
]


@pytest.mark.parametrize("error", ONE_LINE, ids=lambda e: type(e).__name__)
def test_each_error_a_person_causes_is_one_line_and_exit_2(error, capsys):
    assert _raising(error)(None) == BAD_INPUT
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("motcua test: error: ")
    assert (error.filename if isinstance(error, OSError) else str(error)) in err


def test_several_problems_are_listed_one_per_line_under_a_count(capsys):
    problems = {"b.yaml: days = 0: must be at least 1": errors.ScenarioError,
                "officials.csv:3: duplicate id 'an'": RosterError,
                "c.yaml: procedures[0].id: required": errors.CatalogueError}
    for first, kind in problems.items():
        lines = [first, "second problem"]
        error = kind("b.yaml", lines) if kind is errors.ScenarioError else kind(lines)
        assert _raising(error)(None) == BAD_INPUT
        assert capsys.readouterr().err.splitlines() == ["motcua test: error: 2 problems:", f"  {first}",
                                                        "  second problem"]


def test_a_bug_keeps_its_traceback():
    with pytest.raises(ZeroDivisionError):
        _raising(ZeroDivisionError("a bug"))(None)
    with pytest.raises(OSError):                 # not about a file the person named
        _raising(OSError("socket closed"))(None)


def test_ctrl_c_says_what_is_kept_and_exits_130(capsys):
    @guarded("motcua sim sweep", interrupted="; run again with --resume to continue")
    def command(args):
        raise KeyboardInterrupt

    assert command(None) == INTERRUPTED
    assert capsys.readouterr().err.strip() == "motcua sim sweep: interrupted; run again with --resume to continue"


def test_a_command_that_finishes_returns_its_code():
    assert guarded("motcua test")(lambda args: None)(None) == 0
    assert guarded("motcua test")(lambda args: 1)(None) == 1


@pytest.mark.parametrize("argv, message", [
    (["sim", "compare", "mmc", "mmc", "--workers", "0"], "motcua sim compare: error: --workers 0: must be at least 1"),
    (["sim", "plan", "mmc", "--target", "wait_mean <= 5", "--confidence", "1"],
     "motcua sim plan: error: --confidence 1.0: must be strictly between 0 and 1"),
    (["sim", "run", "mmc", "--seed", "-1"], "motcua sim run: error: --seed -1: must be a whole number of at least 0"),
    (["sim", "check", "nowhere.yaml"], "motcua sim check: error: nowhere.yaml: no such scenario file"),
])
def test_sim_commands_share_the_mapper(argv, message, capsys):
    assert main(argv) == BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith(message) and "Traceback" not in err


def test_an_unwritable_output_folder_is_bad_input_not_a_traceback(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    done = subprocess.run([sys.executable, "-m", "motcua.cli", "sim", "run", "mmc", "--days", "3",
                           "--out", str(blocker / "out")], capture_output=True, text=True)
    assert done.returncode == BAD_INPUT and "Traceback" not in done.stderr
    assert f"motcua sim run: error: {blocker / 'out'}" in done.stderr
