"""`motcua sim sweep | plan | compare`: the planners' commands, a thin layer over the library.

`add_commands(subparsers)` adds the three sub-commands to the ``motcua sim``
parser; each returns an exit code: 0 done, 2 bad input (unknown field path,
malformed range, unreadable or unreachable target, bad scenario), 130
interrupted. Errors are one line each on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import guarded

__all__ = ["add_commands", "build_parser", "main"]

RESUME_HINT = "; run again with --resume to continue"


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reps", type=int, default=30, help="replications per option (default 30)")
    parser.add_argument("--seed", type=int, default=1, help="base seed (default 1)")
    parser.add_argument("--days", type=int, default=None, help="override the scenario's horizon in days")
    parser.add_argument("--confidence", type=float, default=0.95, help="confidence level (default 0.95)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="local Dask worker processes (default: one per core; 1 runs in this process)")
    parser.add_argument("--scheduler", default=None, help="address of an existing Dask scheduler, tcp://HOST:PORT")
    parser.add_argument("--retries", type=int, default=3, help="reruns of a replication lost with a worker")


def add_commands(subparsers) -> None:
    """Add `sweep`, `plan` and `compare` to the `motcua sim` sub-command parsers."""
    sweep = subparsers.add_parser("sweep", help="run a scenario over a grid of field values",
                                  description="Run SCENARIO for every combination of --set values.")
    sweep.add_argument("scenario")
    sweep.add_argument("--set", dest="settings", action="append", default=[], metavar="PATH=VALUES",
                       help="dotted field path and values: 1..5, 0.5..2:0.5 or a,b,c (repeatable)")
    sweep.add_argument("--out", default=None, help="output folder (default sweep-<scenario>)")
    sweep.add_argument("--resume", action="store_true", help="keep the rows already in OUT/rows.csv")
    sweep.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
    sweep.add_argument("--quiet", action="store_true", help="no progress bar")
    _common(sweep)
    sweep.set_defaults(func=cmd_sweep)

    plan = subparsers.add_parser("plan", help="find the least staffing that meets service targets",
                                 description="Find the least staffing whose KPIs meet every --target.")
    plan.add_argument("scenario")
    plan.add_argument("--target", dest="targets", action="append", default=[], metavar="\"KPI <= VALUE\"",
                      help="e.g. \"wait_p90 <= 15min\" or \"online_on_time >= 0.95\" (repeatable)")
    plan.add_argument("--by", choices=("hour", "weekday"), default=None, help="also plan counters per period")
    plan.add_argument("--roles", default=None, help="roles to plan, e.g. counter,back_office (default: those staffed)")
    plan.add_argument("--min-staff", type=int, default=1, help="fewest officials per planned role (default 1)")
    plan.add_argument("--max-staff", type=int, default=10, help="most officials per planned role (default 10)")
    plan.add_argument("--quiet", action="store_true", help="no progress bar")
    _common(plan)
    plan.set_defaults(func=cmd_plan)

    compare = subparsers.add_parser("compare", help="paired differences of two scenarios (common random numbers)",
                                    description="Run A and B on common random numbers; print B - A per KPI.")
    compare.add_argument("a")
    compare.add_argument("b")
    compare.add_argument("--all", action="store_true", help="show every KPI, not just the main ones")
    _common(compare)
    compare.set_defaults(func=cmd_compare)


def _options(args: argparse.Namespace) -> None:
    from simulation.experiments.options import check_confidence, check_reps, check_seed, check_workers

    check_reps(args.reps, name="--reps")
    check_confidence(args.confidence, name="--confidence")
    check_seed(args.seed, name="--seed")
    check_workers(args.workers, name="--workers")


def _load(path: str, days: int | None):
    from simulation import load_scenario
    scenario = load_scenario(path)
    return scenario.with_values({"days": days}) if days is not None else scenario


def _runner(args: argparse.Namespace):
    from simulation.experiments.cluster import make_runner

    return make_runner(args.workers, args.scheduler, retries=args.retries)


@guarded("motcua sim sweep", interrupted=RESUME_HINT)
def cmd_sweep(args: argparse.Namespace) -> int:
    from simulation.experiments.sweeps import SweepError, parse_setting, sweep, sweep_summary
    from simulation.experiments.sweep_plots import plot_summary
    from simulation.results.kpi_catalogue import HEADLINE_KPIS

    _options(args)
    if not args.settings:
        raise SweepError("give at least one --set PATH=VALUES, e.g. --set staff.counter=1..5")
    settings = [parse_setting(text) for text in args.settings]
    scenario = _load(args.scenario, args.days)
    out = Path(args.out or f"sweep-{Path(args.scenario).stem}")
    runner = _runner(args)
    try:
        rows = sweep(scenario, settings, args.reps, args.seed, out=out / "rows.csv", resume=args.resume,
                     runner=runner, progress=not args.quiet)
    finally:
        runner.close()
    paths = [p for p, _ in settings]
    summary = sweep_summary(rows, paths, args.confidence)
    summary.to_csv(out / "summary.csv", index=False)
    plots = [] if args.no_plots else plot_summary(summary, paths, out / "plots")
    shown = summary[summary["kpi"].isin(HEADLINE_KPIS) & summary["n"].gt(0)]
    table = shown.pivot_table(index=paths, columns="kpi", values="mean", sort=False)
    print(table.to_string(float_format=lambda v: f"{v:.3g}"))
    print(f"\n{len(rows)} rows in {out / 'rows.csv'}; intervals in {out / 'summary.csv'}; {len(plots)} plots")
    return 0


@guarded("motcua sim plan")
def cmd_plan(args: argparse.Namespace) -> int:
    from simulation.experiments.baselines import analytic_baselines
    from simulation.experiments.plan_report import format_plan
    from simulation.experiments.planner import Planner
    from simulation.experiments.targets import parse_target

    _options(args)
    targets = [parse_target(text) for text in args.targets]
    scenario = _load(args.scenario, args.days)
    roles = [r.strip() for r in args.roles.split(",") if r.strip()] if args.roles else None
    planner = Planner(scenario, targets, reps=args.reps, seed=args.seed, confidence=args.confidence,
                      roles=roles, min_staff=args.min_staff, max_staff=args.max_staff, by=args.by,
                      progress=not args.quiet)
    runner = planner.runner = _runner(args)
    try:
        plan = planner.plan()
    finally:
        runner.close()
    print(format_plan(plan, scenario, analytic_baselines(scenario, targets)))
    return 0


@guarded("motcua sim compare")
def cmd_compare(args: argparse.Namespace) -> int:
    from simulation.experiments.replications import compare
    from simulation.results.kpi_catalogue import HEADLINE_KPIS

    _options(args)
    a, b = _load(args.a, args.days), _load(args.b, args.days)
    runner = _runner(args)
    try:
        table = compare(a, b, args.reps, args.seed, confidence=args.confidence, runner=runner)
    finally:
        runner.close()
    if not args.all:
        table = table[table["kpi"].isin(HEADLINE_KPIS) | table["kpi"].str.startswith("utilisation_")]
    table = table[table["n"] > 0]
    print(f"B - A, paired over {args.reps} replications on common random numbers "
          f"({args.confidence:.0%} intervals); A = {a.name}, B = {b.name}")
    import pandas as pd

    with pd.option_context("display.width", 160):
        print(table.to_string(index=False, float_format=lambda v: f"{v:.4g}"))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """A stand-alone parser (`python -m motcua.cli.plan ...`) with the same three commands."""
    parser = argparse.ArgumentParser(prog="motcua sim", description="Planners' commands.")
    add_commands(parser.add_subparsers(dest="command", required=True))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
