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

from simulation.i18n import N_, _, choose_language, use_language

from .errors import guarded

__all__ = ["add_commands", "build_parser", "main"]

RESUME_HINT = N_("; run again with --resume to continue")


def _fail(command: str, message: str) -> int:
    """A person's error caught inside a command (a file's staff change, a wage table): one line each, exit 2."""
    from .errors import ERROR

    for line in str(message).splitlines() or [""]:
        print(_(ERROR).format(prog=f"motcua sim {command}", message=line), file=sys.stderr)
    return 2


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reps", type=int, default=30, help=_("replications per option (default 30)"))
    parser.add_argument("--seed", type=int, default=1, help=_("base seed (default 1)"))
    parser.add_argument("--days", type=int, default=None, help=_("override the scenario's horizon in days"))
    parser.add_argument("--confidence", type=float, default=0.95, help=_("confidence level (default 0.95)"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help=_("local Dask worker processes (default: one per core; 1 runs in this process)"))
    parser.add_argument("--scheduler", default=None, help=_("address of an existing Dask scheduler, tcp://HOST:PORT"))
    parser.add_argument("--retries", type=int, default=3, help=_("reruns of a replication lost with a worker"))


def _staff_options(parser: argparse.ArgumentParser, which: str = N_("the scenario")) -> None:
    parser.add_argument("--remove", action="append", default=[], metavar="NAME",
                        help=_("take this named official off {which} first (repeatable)").format(which=_(which)))
    parser.add_argument("--add", action="append", default=[], metavar="ROLE[:PROFICIENCY[:NAME]]",
                        help=_("add an official to {which} first, e.g. counter:1.0 (repeatable)").format(
                            which=_(which)))


def _pack_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default=None, help=_("folder for the meeting pack (CSV, XLSX, HTML report)"))
    parser.add_argument("--wages", default=None, help=_("wage table (YAML grade: VND an hour, or CSV) for the cost"))


def add_commands(subparsers) -> None:
    """Add `sweep`, `plan` and `compare` to the `motcua sim` sub-command parsers."""
    sweep = subparsers.add_parser("sweep", help=_("run a scenario over a grid of field values"),
                                  description=_("Run SCENARIO for every combination of --set values."))
    sweep.add_argument("scenario")
    sweep.add_argument("--set", dest="settings", action="append", default=[], metavar="PATH=VALUES",
                       help=_("dotted field path and values: 1..5, 0.5..2:0.5 or a,b,c (repeatable)"))
    sweep.add_argument("--out", default=None, help=_("output folder (default sweep-<scenario>)"))
    sweep.add_argument("--resume", action="store_true", help=_("keep the rows already in OUT/rows.csv"))
    sweep.add_argument("--no-plots", action="store_true", help=_("skip the PNG plots"))
    sweep.add_argument("--quiet", action="store_true", help=_("no progress bar"))
    _common(sweep)
    _staff_options(sweep)
    sweep.set_defaults(func=cmd_sweep)

    plan = subparsers.add_parser("plan", help=_("find the least staffing that meets service targets"),
                                 description=_("Find the least staffing whose KPIs meet every --target."))
    plan.add_argument("scenario")
    plan.add_argument("--target", dest="targets", action="append", default=[], metavar="\"KPI <= VALUE\"",
                      help=_("e.g. \"wait_p90 <= 15min\" or \"online_on_time >= 0.95\" (repeatable)"))
    plan.add_argument("--by", choices=("hour", "weekday"), default=None, help=_("also plan counters per period"))
    plan.add_argument("--roles", default=None, help=_("roles to plan, e.g. counter,back_office (default: those staffed)"))
    plan.add_argument("--min-staff", type=int, default=1, help=_("fewest officials per planned role (default 1)"))
    plan.add_argument("--max-staff", type=int, default=10, help=_("most officials per planned role (default 10)"))
    plan.add_argument("--quiet", action="store_true", help=_("no progress bar"))
    plan.add_argument("--no-stability", dest="stability", action="store_false",
                      help=_("do not require a back office that keeps up (nor the horizon it needs)"))
    plan.add_argument("--no-cells", dest="cells", action="store_false",
                      help=_("judge waiting targets pooled only, not in every weekday-hour cell"))
    _common(plan)
    _pack_options(plan)
    _staff_options(plan)
    plan.set_defaults(func=cmd_plan)

    compare = subparsers.add_parser("compare", help=_("paired differences of two scenarios (common random numbers)"),
                                    description=_("Run A and B on common random numbers; print B - A per KPI."))
    compare.add_argument("a")
    compare.add_argument("b")
    compare.add_argument("--all", action="store_true", help=_("show every KPI, not just the main ones"))
    _common(compare)
    _pack_options(compare)
    _staff_options(compare, "B")
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
        raise SweepError(_("give at least one --set PATH=VALUES, e.g. --set staff.counter=1..5"))
    settings = [parse_setting(text) for text in args.settings]
    try:
        scenario = _changed(_load(args.scenario, args.days), args)
    except ValueError as exc:
        return _fail("sweep", str(exc))
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
    table.columns.name = _(COMPARE_COLUMNS["kpi"])
    print(_(TEXT["sweep_head"]))
    print(table.to_string(float_format=_three_figures))
    print(_legend(table.columns))
    print(_(TEXT["sweep_files"]).format(rows=len(rows), path=out / "rows.csv", summary=out / "summary.csv",
                                        plots=len(plots)))
    for line in _sweep_who(scenario, settings):
        print(line)
    return 0


def _sweep_who(scenario, settings) -> list[str]:
    """Who a swept head count means: the first N named officials, then new ones."""
    from simulation.experiments.staffing_options import ROLES, team_of
    from simulation.formats import format_number

    lines = []
    for path, values in settings:
        role = path[len("staff."):] if path.startswith("staff.") else None
        if role not in ROLES or isinstance(getattr(scenario.staff, role), int):
            continue
        for value in values:
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                names = ", ".join(f"{o['name']} ({format_number(o['proficiency'])})"
                                  for o in team_of(scenario, role, value))
                lines.append(TEXT["sweep_who"].format(path=path, value=value, names=names or "-"))
    return lines


@guarded("motcua sim plan")
def cmd_plan(args: argparse.Namespace) -> int:
    from simulation.experiments.baselines import analytic_baselines
    from simulation.experiments.plan_report import format_plan
    from simulation.experiments.planner import Planner
    from simulation.experiments.targets import parse_target

    _options(args)
    targets = [parse_target(text) for text in args.targets]
    try:
        today = _load(args.scenario, args.days)
        scenario = _changed(today, args)
        wages = _wages(args)
    except ValueError as exc:
        return _fail("plan", str(exc))
    roles = [r.strip() for r in args.roles.split(",") if r.strip()] if args.roles else None
    planner = Planner(scenario, targets, reps=args.reps, seed=args.seed, confidence=args.confidence,
                      roles=roles, min_staff=args.min_staff, max_staff=args.max_staff, by=args.by,
                      progress=not args.quiet, stability=args.stability, cells=args.cells,
                      fixed_horizon=args.days is not None)
    runner = planner.runner = _runner(args)
    try:
        plan = planner.plan()
    finally:
        runner.close()
    print(format_plan(plan, scenario, analytic_baselines(plan.scenario or scenario, targets), wages=wages,
                      today=today))
    if args.out:
        from simulation.experiments.meeting_pack import write_plan_pack

        with use_language(_pack_language(args)):
            files = write_plan_pack(plan, today, args.out, wages=wages, seed=args.seed)
        print(_(TEXT["wrote"]).format(n=len(files), out=args.out, names=", ".join(p.name for p in files)))
    return 0


TEXT = {
    "wrote": N_("\nwrote {n} files to {out}/: {names}"),
    "sweep_who": "{path}={value}: {names}",
    "sweep_head": N_("Mean of each main KPI at each point of the sweep:"),
    "sweep_files": N_("\n{rows} rows in {path}; intervals in {summary}; {plots} plots"),
    # TRANSLATORS: {level} is a confidence level already written as a percentage (95%).
    "compare_head": N_("B - A, paired over {reps} replications on common random numbers ({level} intervals); "
                       "A = {a}, B = {b}. A difference is 'real' when its interval excludes zero and it is at least "
                       "the threshold (half a minute of waiting, one percentage point of a rate, one per cent of a count)."),
    "unlike": N_("warning: A and B differ in {what}: their totals are not like for like; give both the same "
                 "--days or align the files"),
    "unlike_item": N_("{name} ({a} vs {b})"),
    "who": N_("Who differs (B compared with A):"),
    "hours_head": N_("Official-hours a month, A -> B:"),
    "cost_row": N_("  cost a month: {a} -> {b} VND ({d})"),
    "legend": N_("KPI codes (as in --target and --set):"),
    # TRANSLATORS: percentage points: the unit of a difference between two percentages.
    "pp": N_("pp"),
}
# TRANSLATORS: an interval; Vietnamese writes decimal commas, so its two ends are parted by a semicolon.
INTERVAL = N_("[{low}, {high}]")
# The compare table's columns: message ids, translated when printed.
COMPARE_COLUMNS = {"kpi": N_("KPI"), "A": "A", "B": "B", "B - A": "B - A", "interval": N_("interval"),
                   "threshold": N_("threshold"), "verdict": N_("verdict")}


def _pack_language(args: argparse.Namespace) -> str:
    """The meeting pack is for the commune's meeting: --lang, else $MOTCUA_LANG, else Vietnamese (not the
    trainer's terminal locale, which decides only what the terminal shows)."""
    return choose_language(getattr(args, "lang", None), audience="officials")


def _three_figures(value: float) -> str:
    from simulation.formats import format_number

    return _("n/a") if value != value else format_number(float(f"{value:.3g}"))


def _legend(kpis) -> str:
    """One line per KPI code shown: its label in the reader's language."""
    from simulation.results.kpi_catalogue import label

    return "\n".join([_(TEXT["legend"])] + [f"  {k}: {label(k, unit=True)}" for k in kpis])


def _changed(scenario, args: argparse.Namespace):
    """The scenario with --remove / --add applied to its named officials."""
    from simulation.experiments.staffing_options import change_officials

    if getattr(args, "remove", None) or getattr(args, "add", None):
        return change_officials(scenario, args.remove, args.add)
    return scenario


def _wages(args: argparse.Namespace):
    from simulation.experiments.official_hours import load_wages

    return load_wages(args.wages) if getattr(args, "wages", None) else None


_FORMATS = (("utilisation", "%"), ("rate", "%"), ("share", "%"), ("on_time", "%"), ("online_early", "%"),
            ("online_late", "%"), ("wait", 1), ("service_mean", 1))


def _format(kpi: str, value: float, signed: bool = False) -> str:
    """A KPI's value (or a change of it, `signed`) the reader's way: 12,5% / +1,5 pp / 3,2 / 1.052."""
    from simulation.formats import format_number, format_percent

    if value != value:
        return _("n/a")
    kind = next((f for word, f in _FORMATS if word in kpi), 1 if abs(value) < 100 else 0)
    if kind == "%":
        if not signed:
            return format_percent(value, 1)
        text, unit = format_number(value * 100, 1), " " + _(TEXT["pp"])
    else:
        text, unit = format_number(value, kind), ""
    if signed and not text.startswith("-"):
        text = "+" + text
    return text + unit


def _unlike(a, b) -> list[str]:
    what = [_(TEXT["unlike_item"]).format(name=name, a=getattr(a, name), b=getattr(b, name))
            for name in ("days", "warmup_days", "start_date") if getattr(a, name) != getattr(b, name)]
    return [_(TEXT["unlike"]).format(what=", ".join(what))] if what else []


@guarded("motcua sim compare")
def cmd_compare(args: argparse.Namespace) -> int:
    import pandas as pd

    from simulation.experiments.official_hours import hours_difference, official_hours
    from simulation.experiments.replications import compare
    from simulation.results.kpi_catalogue import HEADLINE_KPIS
    from simulation.experiments.staffing_options import roster_changes

    _options(args)
    try:
        a, b = _load(args.a, args.days), _changed(_load(args.b, args.days), args)
        wages = _wages(args)
    except ValueError as exc:
        return _fail("compare", str(exc))
    warnings = _unlike(a, b)
    for line in warnings:
        print(line, file=sys.stderr)
    runner = _runner(args)
    try:
        table = compare(a, b, args.reps, args.seed, confidence=args.confidence, runner=runner)
    finally:
        runner.close()
    if not args.all:
        table = table[table["kpi"].isin(HEADLINE_KPIS) | table["kpi"].str.startswith("utilisation_")]
    table = table[table["n"] > 0]
    from simulation.experiments.replications import VERDICTS
    from simulation.experiments.table_words import role_word
    from simulation.formats import format_percent

    print(_(TEXT["compare_head"]).format(reps=args.reps, level=format_percent(args.confidence, 0), a=a.title(),
                                         b=b.title()))
    words = {v: k for k, v in VERDICTS.items()}  # the verdict as the table holds it -> its key
    shown = pd.DataFrame({
        "kpi": table["kpi"],
        "A": [_format(k, v) for k, v in zip(table["kpi"], table["mean_a"])],
        "B": [_format(k, v) for k, v in zip(table["kpi"], table["mean_b"])],
        "B - A": [_format(k, v, True) for k, v in zip(table["kpi"], table["difference"])],
        "interval": [_(INTERVAL).format(low=_format(k, lo, True), high=_format(k, hi, True))
                     for k, lo, hi in zip(table["kpi"], table["low"], table["high"])],
        "threshold": [_format(k, t) for k, t in zip(table["kpi"], table["threshold"])],
        "verdict": [_(VERDICT_WORDS.get(words.get(v, ""), v)) for v in table["verdict"]],
    })
    shown.columns = [_(COMPARE_COLUMNS[c]) for c in shown.columns]
    with pd.option_context("display.width", 160):
        print(shown.to_string(index=False))
    print(_legend(table["kpi"]))
    print("\n" + _(TEXT["who"]))
    for line in roster_changes(a, b):
        print(f"  {line}")
    hours_a, hours_b = official_hours(a, wages), official_hours(b, wages)
    change = hours_difference(hours_a, hours_b)
    print(_(TEXT["hours_head"]))
    width = max(len(role_word(r)) for r in hours_a["role"])
    for (_i, x), (_j, y), (_k, z) in zip(hours_a.iterrows(), hours_b.iterrows(), change.iterrows()):
        print(f"  {role_word(x['role']):<{width}} {_format('', x['hours_per_month']):>7} -> "
              f"{_format('', y['hours_per_month']):>7} ({_format('', z['hours_per_month_change'], True)})")
    if wages is not None:
        print(_(TEXT["cost_row"]).format(a=_format("", hours_a["cost_per_month_vnd"].iloc[-1]),
                                         b=_format("", hours_b["cost_per_month_vnd"].iloc[-1]),
                                         d=_format("", change["cost_per_month_vnd_change"].iloc[-1], True)))
    if args.out:
        from simulation.experiments.meeting_pack import write_compare_pack

        with use_language(_pack_language(args)):
            files = write_compare_pack(table, a, b, args.out, wages=wages, notes=warnings)
        print(_(TEXT["wrote"]).format(n=len(files), out=args.out, names=", ".join(p.name for p in files)))
    return 0


# What the verdicts of `replications.compare` are called (keys of its VERDICTS).
VERDICT_WORDS = {"real": N_("real"), "negligible": N_("negligible"), "unclear": N_("unclear"),
                 "none": N_("no difference")}


def build_parser() -> argparse.ArgumentParser:
    """A stand-alone parser (`python -m motcua.cli.plan ...`) with the same three commands."""
    parser = argparse.ArgumentParser(prog="motcua sim", description=_("Planners' commands."))
    add_commands(parser.add_subparsers(dest="command", required=True))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
