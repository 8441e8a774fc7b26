"""`motcua sim ...`: run a scenario, check a scenario file (and, from cli_plan, sweep/plan/compare)."""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

__all__ = ["add_parser", "print_kpis"]

KPI_LABELS = [
    ("walk_in_arrived", "Walk-in citizens", "{:.0f}"),
    ("served", "  served", "{:.0f}"),
    ("balked", "  left on seeing the line (balked)", "{:.0f}"),
    ("reneged", "  gave up waiting (reneged)", "{:.0f}"),
    ("unserved", "  sent home at closing", "{:.0f}"),
    ("wait_mean", "Wait, mean (min)", "{:.1f}"),
    ("wait_p90", "Wait, 90th percentile (min)", "{:.1f}"),
    ("wait_max", "Wait, longest (min)", "{:.1f}"),
    ("share_wait_over_target", "Share waiting over target", "{:.1%}"),
    ("queue_mean", "Citizens in line, time average", "{:.2f}"),
    ("dossiers_received", "Dossiers received", "{:.0f}"),
    ("online_received", "  online (portal + guided)", "{:.0f}"),
    ("in_person_received", "  in person (paper)", "{:.0f}"),
    ("online_early", "Online resolved early", "{:.1%}"),
    ("online_on_time_resolved", "Online resolved on time (incl. early)", "{:.1%}"),
    ("online_on_time", "Online due in the period, on time (open past-due = late)", "{:.1%}"),
    ("online_late", "Online resolved late", "{:.1%}"),
    ("backlog_end", "Backlog at the end", "{:.0f}"),
    ("backlog_growth_week", "Backlog growth a week", "{:+.1f}"),
    ("utilisation_counter", "Utilisation, counter", "{:.1%}"),
    ("utilisation_guide", "Utilisation, guidance desk", "{:.1%}"),
    ("utilisation_flexible", "Utilisation, flexible", "{:.1%}"),
    ("utilisation_back_office", "Utilisation, back office", "{:.1%}"),
    ("complaints", "Complaints", "{:.0f}"),
]


def print_kpis(kpis: dict, title: str, file=None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    table.add_column("KPI")
    table.add_column("value", justify="right")
    for key, label, fmt in KPI_LABELS:
        value = kpis.get(key)
        if value is None or value != value:  # missing or NaN: not applicable to this scenario
            continue
        table.add_row(label, fmt.format(value))
    Console(file=file or sys.stdout, width=100).print(table)


def _fail(messages: list[str], code: int = 2) -> int:
    for message in messages:
        print(message, file=sys.stderr)
    return code


def cmd_check(args: argparse.Namespace) -> int:
    from simulation.scenario.model import ScenarioError, load_scenario

    try:
        scenario = load_scenario(args.scenario)
    except ScenarioError as exc:
        return _fail([f"{len(exc.messages)} problem(s):", *exc.messages])
    print(f"{args.scenario}: OK — {scenario.name} ({scenario.days} days from {scenario.start_date})")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from simulation.engine.centre import run
    from simulation.results.charts import write_charts
    from simulation.scenario.model import ScenarioError, load_scenario

    try:
        scenario = load_scenario(args.scenario)
        if args.days is not None:
            scenario = scenario.with_values({"days": args.days})
    except ScenarioError as exc:
        return _fail([f"{len(exc.messages)} problem(s):", *exc.messages])
    if args.seed < 0:
        return _fail([f"--seed {args.seed}: must be a non-negative integer"])
    results = run(scenario, seed=args.seed)
    print_kpis(results.kpis(), f"{scenario.name}\n{scenario.days} days from {scenario.start_date}, seed {args.seed}")
    for message in results.warnings:
        print(f"warning: {message}", file=sys.stderr)
    if args.out:
        out = Path(args.out)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            files = results.to_csv(out) + write_charts(results, out)
        print(f"wrote {len(files)} files to {out}/: " + ", ".join(p.name for p in files))
    return 0


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--days {text!r}: must be a whole number of days") from None
    if not 1 <= value <= 3660:
        raise argparse.ArgumentTypeError(f"--days {value}: must be between 1 and 3660")
    return value


def add_parser(groups) -> argparse.ArgumentParser:
    sim = groups.add_parser("sim", help="simulate a commune centre", description="Simulate a commune centre.")
    commands = sim.add_subparsers(dest="command", metavar="COMMAND", required=True)
    run_p = commands.add_parser("run", help="run a scenario and print its KPIs",
                                description="Run a scenario once; print the KPI table; write CSV and PNG.")
    run_p.add_argument("scenario", help="scenario YAML file, or the name of a shipped one (kim-boi)")
    run_p.add_argument("--days", type=_days, help="override the scenario's number of days")
    run_p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    run_p.add_argument("--out", help="folder for CSV records and PNG charts")
    run_p.set_defaults(func=cmd_run)
    check_p = commands.add_parser("check", help="validate a scenario file and list every problem")
    check_p.add_argument("scenario")
    check_p.set_defaults(func=cmd_check)
    try:
        from . import plan as cli_plan
    except ImportError:
        cli_plan = None
    if cli_plan is not None and hasattr(cli_plan, "add_commands"):
        cli_plan.add_commands(commands)
    return sim
