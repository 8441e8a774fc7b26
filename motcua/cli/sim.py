"""`motcua sim ...`: run a scenario, check a scenario file (and, from cli_plan, sweep/plan/compare).

Every sub-command takes ``--lang vi|en``; without it the language is ``$MOTCUA_LANG``, else the
terminal's locale (``vi_VN.UTF-8`` gives Vietnamese, anything else English), as `simulation.i18n`
decides for trainers. The words are in the gettext catalogue; the KPI labels in the KPI catalogue.
"""
from __future__ import annotations

import argparse
import functools
import sys
import warnings
from pathlib import Path

from simulation.i18n import N_, _, add_language_argument, choose_language, use_language

from .errors import guarded

__all__ = ["add_parser", "print_kpis", "kpi_table_rows", "RUN_TABLE"]

# The rows of `motcua sim run`'s table: (KPI, indented under the row above). Labels and formats are the
# KPI catalogue's.
RUN_TABLE: tuple[tuple[str, bool], ...] = (
    ("walk_in_arrived", False), ("served", True), ("balked", True), ("reneged", True), ("unserved", True),
    ("wait_mean", False), ("wait_p90", False), ("wait_max", False), ("share_wait_over_target", False),
    ("queue_mean", False),
    ("dossiers_received", False), ("online_received", True), ("in_person_received", True),
    ("online_early", False), ("online_on_time_resolved", False), ("online_on_time", False), ("online_late", False),
    ("backlog_end", False), ("backlog_growth_week", False),
    ("utilisation_counter", False), ("utilisation_guide", False), ("utilisation_flexible", False),
    ("utilisation_back_office", False),
    ("complaints", False),
)
# The commands' words: message ids, translated when printed (simulation/locale).
KPI_HEADER = N_("KPI")
VALUE_HEADER = N_("value")
# TRANSLATORS: the title of `motcua sim run`'s table: the scenario's name, then the run's length, first day and seed.
RUN_TITLE = N_("{name}\n{days} days from {start}, seed {seed}")
# TRANSLATORS: `motcua sim check` on a valid file: its path, the scenario's name, length and first day.
CHECK_OK = N_("{path}: OK — {name} ({days} days from {start})")
WARNING = N_("warning: {message}")
WROTE = N_("wrote {count} files to {folder}/: {names}")
# The KPI table for a spreadsheet, in the reader's language: its columns.
TABLE_COLUMNS = {"kpi": N_("KPI code"), "label": N_("KPI"), "value": N_("value"), "shown": N_("as shown")}
DAYS_NOT_WHOLE = N_("--days {value}: must be a whole number of days")
DAYS_RANGE = N_("--days {value}: must be between 1 and 3660")


def kpi_table_rows(kpis: dict) -> list[dict]:
    """The run table's rows for a spreadsheet, headed in the current language: code, label, number, as shown."""
    from simulation.results.kpi_catalogue import format_value, label

    columns = {key: _(text) for key, text in TABLE_COLUMNS.items()}
    rows = []
    for key, _indented in RUN_TABLE:
        value = kpis.get(key)
        if value is None or value != value:
            continue
        rows.append({columns["kpi"]: key, columns["label"]: label(key, unit=True), columns["value"]: value,
                     columns["shown"]: format_value(key, value, unit=True)})
    return rows


def print_kpis(kpis: dict, title: str, file=None, lang: str | None = None) -> None:
    """The KPI table of one run, in `lang` (None: the current language)."""
    from rich.console import Console
    from rich.table import Table

    from simulation.results.kpi_catalogue import format_value, label, language

    with use_language(language(lang)):
        table = Table(title=title, title_justify="left")
        table.add_column(_(KPI_HEADER))
        table.add_column(_(VALUE_HEADER), justify="right")
        for key, indented in RUN_TABLE:
            value = kpis.get(key)
            if value is None or value != value:  # missing or NaN: not applicable to this scenario
                continue
            table.add_row(("  " if indented else "") + label(key, unit=True), format_value(key, value))
    Console(file=file or sys.stdout, width=100).print(table)


@guarded("motcua sim check")
def cmd_check(args: argparse.Namespace) -> int:
    from simulation.formats import short_date
    from simulation.scenario.model import load_scenario

    scenario = load_scenario(args.scenario)
    print(_(CHECK_OK).format(path=args.scenario, name=scenario.title(), days=scenario.days,
                             start=short_date(scenario.start_date)))
    return 0


@guarded("motcua sim run")
def cmd_run(args: argparse.Namespace) -> int:
    from simulation.experiments.options import check_seed
    from simulation.results.simulate import run
    from simulation.results.charts import write_charts
    from simulation.scenario.model import load_scenario

    from simulation.formats import short_date

    scenario = load_scenario(args.scenario)
    if args.days is not None:
        scenario = scenario.with_values({"days": _days(args.days)})
    check_seed(args.seed, name="--seed")
    results = run(scenario, seed=args.seed)
    print_kpis(results.kpis(), _(RUN_TITLE).format(name=scenario.title(), days=scenario.days,
                                                   start=short_date(scenario.start_date), seed=args.seed))
    for message in results.warnings:
        print(_(WARNING).format(message=message), file=sys.stderr)
    if args.out:
        out = Path(args.out)
        from simulation.rendering import write_csv

        # The records stay plain UTF-8 (read by programs, compared byte for byte by the snapshot tests); the
        # labelled KPI table is for a spreadsheet: UTF-8 with a byte-order mark, which Excel needs for Vietnamese.
        table = write_csv(out / "kpi_table.csv", kpi_table_rows(results.kpis()))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            files = results.to_csv(out) + [table] + write_charts(results, out)
        print(_(WROTE).format(count=len(files), folder=out, names=", ".join(p.name for p in files)))
    return 0


def _days(text: str) -> int:
    """--days as typed -> a number of days; checked after parsing, so the message speaks the chosen language."""
    from simulation.errors import OptionError

    try:
        value = int(text)
    except ValueError:
        raise OptionError(_(DAYS_NOT_WHOLE).format(value=repr(text))) from None
    if not 1 <= value <= 3660:
        raise OptionError(_(DAYS_RANGE).format(value=value))
    return value


def _in_language(command):
    """`command` run in the language of its ``--lang`` (else $MOTCUA_LANG, else the locale).

    A block language rather than `set_language`: ``main([...])`` called in a test or a notebook leaves the
    caller's language as it was.
    """
    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        with use_language(choose_language(getattr(args, "lang", None), audience="trainers")):
            return command(args)
    return run


def _speak(commands) -> None:
    """Give every `motcua sim` sub-command (this module's and cli_plan's) ``--lang`` and run it in that language."""
    for parser in commands.choices.values():
        if not any("--lang" in action.option_strings for action in parser._actions):
            add_language_argument(parser, audience="trainers")
        command = parser.get_default("func")
        if command is not None and not getattr(command, "speaks", False):
            command = _in_language(command)
            command.speaks = True
            parser.set_defaults(func=command)


def add_parser(groups) -> argparse.ArgumentParser:
    """`motcua sim` and its sub-commands, their help in the current language (`motcua.cli.main` chose it)."""
    sim = groups.add_parser("sim", help=_("simulate a commune centre"), description=_("Simulate a commune centre."))
    commands = sim.add_subparsers(dest="command", metavar=_("COMMAND"), required=True)
    run_p = commands.add_parser("run", help=_("run a scenario and print its KPIs"),
                                description=_("Run a scenario once; print the KPI table; write CSV and PNG."))
    run_p.add_argument("scenario", help=_("scenario YAML file, or the name of a shipped one (kim-boi)"))
    run_p.add_argument("--days", help=_("override the scenario's number of days (1 to 3660)"))
    run_p.add_argument("--seed", type=int, default=1, help=_("random seed (default 1)"))
    run_p.add_argument("--out", help=_("folder for CSV records and PNG charts"))
    run_p.set_defaults(func=cmd_run)
    check_p = commands.add_parser("check", help=_("validate a scenario file and list every problem"))
    check_p.add_argument("scenario", help=_("scenario YAML file, or the name of a shipped one (kim-boi)"))
    check_p.set_defaults(func=cmd_check)
    try:
        from . import plan as cli_plan
    except ImportError:
        cli_plan = None
    if cli_plan is not None and hasattr(cli_plan, "add_commands"):
        cli_plan.add_commands(commands)
    _speak(commands)
    return sim
