"""The `motcua` command: dispatches to `motcua sim ...` and `motcua workshop ...`."""
from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="motcua",
        description="Simulate a commune one-stop centre and run graded staff workshops.",
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
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
