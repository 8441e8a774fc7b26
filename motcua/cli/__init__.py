"""The `motcua` command: dispatches to `motcua sim ...` and `motcua workshop ...`."""
from __future__ import annotations

import argparse
import sys

from simulation.i18n import _, use_language

from .language import argparse_speaks, language_of


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, its help in the current language (`main` chooses it before building)."""
    parser = argparse.ArgumentParser(
        prog="motcua",
        description=_("Simulate a commune one-stop centre and run graded staff workshops."),
    )
    groups = parser.add_subparsers(dest="group", metavar="{sim,workshop}", required=True)
    from . import sim as sim_cli

    sim_cli.add_parser(groups)
    try:
        from . import workshop as grading_cli
    except ImportError:  # grading toolkit not installed in this checkout
        grading_cli = None
    if grading_cli is not None and hasattr(grading_cli, "add_parser"):
        grading_cli.add_parser(groups)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse in the trainer's language (--lang, else $MOTCUA_LANG, else the locale), then run the command.

    The language is chosen before the parser is built, so the help and argparse's own messages speak it;
    a block rather than the process language, so ``main([...])`` from a test leaves the caller's alone.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    language = language_of(argv)
    with use_language(language), argparse_speaks(language):
        args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
