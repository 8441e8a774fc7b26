"""`motcua sim ...`: run a scenario, check a scenario file (and, from cli_plan, sweep/plan/compare)."""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from .errors import guarded

__all__ = ["add_parser", "print_kpis", "RUN_TABLE"]

# The rows of `motcua sim run`'s table: (KPI, indented under the row above). Labels and formats are the
# KPI catalogue's.
RUN_TABLE: tuple[tuple[str, bool], ...] = (
    ("walk_in_arrived", False), ("served", True), ("balked", True), ("reneged", True), ("unserved", True),
    ("wait_mean", False), ("wait_p90", False), ("wait_max", False), ("share_wait_over_target", False),
    ("queue_mean", False),
    ("dossiers_received", False), ("online_received", True), ("in_person_received", True),
    ("online_early", False), ("online_on_time", False), ("online_late", False), ("backlog_end", False),
    ("utilisation_counter", False), ("utilisation_guide", False), ("utilisation_flexible", False),
    ("utilisation_back_office", False),
    ("complaints", False),
)
TEXT = {
    "en": {"kpi": "KPI", "value": "value", "title": "{name}\n{days} days from {start}, seed {seed}",
           "ok": "{path}: OK — {name} ({days} days from {start})", "warning": "warning: {message}",
           "wrote": "wrote {count} files to {folder}/: {names}"},
    "vi": {"kpi": "Chỉ số", "value": "Giá trị", "title": "{name}\n{days} ngày từ {start}, hạt giống ngẫu nhiên {seed}",
           "ok": "{path}: hợp lệ — {name} ({days} ngày từ {start})", "warning": "cảnh báo: {message}",
           "wrote": "đã ghi {count} tệp vào {folder}/: {names}"},
}


def print_kpis(kpis: dict, title: str, file=None, lang: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    from simulation.results.kpi_catalogue import format_value, label, language

    text = TEXT[language(lang)]
    table = Table(title=title, title_justify="left")
    table.add_column(text["kpi"])
    table.add_column(text["value"], justify="right")
    for key, indented in RUN_TABLE:
        value = kpis.get(key)
        if value is None or value != value:  # missing or NaN: not applicable to this scenario
            continue
        table.add_row(("  " if indented else "") + label(key, lang, unit=True), format_value(key, value, lang))
    Console(file=file or sys.stdout, width=100).print(table)


def _text() -> dict[str, str]:
    """The commands' words, in the catalogue's default language."""
    from simulation.results.kpi_catalogue import language

    return TEXT[language()]


@guarded("motcua sim check")
def cmd_check(args: argparse.Namespace) -> int:
    from simulation.scenario.model import load_scenario

    scenario = load_scenario(args.scenario)
    print(_text()["ok"].format(path=args.scenario, name=scenario.name, days=scenario.days,
                                  start=scenario.start_date))
    return 0


@guarded("motcua sim run")
def cmd_run(args: argparse.Namespace) -> int:
    from simulation.experiments.options import check_seed
    from simulation.results.simulate import run
    from simulation.results.charts import write_charts
    from simulation.scenario.model import load_scenario

    text = _text()
    scenario = load_scenario(args.scenario)
    if args.days is not None:
        scenario = scenario.with_values({"days": args.days})
    check_seed(args.seed, name="--seed")
    results = run(scenario, seed=args.seed)
    print_kpis(results.kpis(), text["title"].format(name=scenario.name, days=scenario.days,
                                                    start=scenario.start_date, seed=args.seed))
    for message in results.warnings:
        print(text["warning"].format(message=message), file=sys.stderr)
    if args.out:
        out = Path(args.out)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            files = results.to_csv(out) + write_charts(results, out)
        print(text["wrote"].format(count=len(files), folder=out, names=", ".join(p.name for p in files)))
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
