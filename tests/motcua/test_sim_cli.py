"""`motcua sim run` and `motcua sim check` as a user types them."""
from __future__ import annotations

import subprocess
import sys

from motcua.cli import main


def test_run_prints_kpis_and_writes_records_and_charts(tmp_path, capsys):
    code = main(["sim", "run", "kim-boi", "--days", "5", "--seed", "3", "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Wait, 90th percentile" in out and "Online resolved early" in out
    for name in ("visitors.csv", "dossiers.csv", "kpis.csv", "queue_by_hour.png", "wait_distribution.png",
                 "utilisation.png", "online_outcomes.png"):
        assert (tmp_path / name).stat().st_size > 100, name
    assert (tmp_path / "queue_by_hour.png").read_bytes()[:4] == b"\x89PNG"


def test_run_accepts_a_shipped_scenario_by_name(capsys):
    assert main(["sim", "run", "mmc", "--days", "3"]) == 0
    assert "M/M/3" in capsys.readouterr().out


def test_same_seed_prints_the_same_table(capsys):
    main(["sim", "run", "kim-boi", "--days", "3", "--seed", "7"])
    first = capsys.readouterr().out
    main(["sim", "run", "kim-boi", "--days", "3", "--seed", "7"])
    assert capsys.readouterr().out == first


def test_check_reports_every_problem_without_traceback(tmp_path, scenarios_dir):
    bad = tmp_path / "bad.yaml"
    text = (scenarios_dir / "mmc.yaml").read_text()
    bad.write_text(text.replace("rate_per_hour: 7.5", "rate_per_hour: -1").replace("counter: 3", "counter: 3\n  cook: 1"))
    done = subprocess.run([sys.executable, "-m", "motcua.cli", "sim", "check", str(bad)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    assert "bad.yaml: demand.walk_in.rate_per_hour = -1" in done.stderr
    assert "bad.yaml: staff.cook = 1: unknown key" in done.stderr


def test_check_accepts_a_good_file(capsys):
    assert main(["sim", "check", "kim-boi"]) == 0
    assert "OK" in capsys.readouterr().out


def test_overloaded_run_warns_that_the_queue_grows(tmp_path, capsys, scenarios_dir):
    over = tmp_path / "over.yaml"
    over.write_text((scenarios_dir / "mmc.yaml").read_text().replace("rate_per_hour: 7.5", "rate_per_hour: 12"))
    assert main(["sim", "run", str(over), "--days", "3"]) == 0
    assert "grows without bound" in capsys.readouterr().err
