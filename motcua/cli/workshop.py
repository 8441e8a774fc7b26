"""``motcua workshop ...``: parse, call the grading library, print.

Every sub-command returns an exit code: 0 done, 1 some officials could not be
graded, 2 bad input (the message names the file, line or value; no traceback).
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime

from grading.errors import WorkshopError

__all__ = ["add_parser"]


def _course(args):
    from grading.classroom import open_course

    return open_course(args.course)


def _fail(message: str) -> int:
    print(f"motcua workshop: error: {message}", file=sys.stderr)
    return 2


def _guard(func):
    def run(args) -> int:
        try:
            return int(func(args) or 0)
        except WorkshopError as exc:
            return _fail(str(exc))
        except KeyboardInterrupt:
            print("\ninterrupted: finished officials are saved; run the same command again to "
                  "grade the rest", file=sys.stderr)
            return 130
    run.__name__ = func.__name__
    return run


def cmd_init(args) -> int:
    from grading.classroom import init_course

    course = init_course(args.dir, args.roster, course_id=args.course_id, db_url=args.db_url,
                         source=args.source, cell_timeout=args.cell_timeout)
    officials = course.officials()
    print(f"Course {course.course_id!r} ready in {course.root}")
    print(f"  {len(officials)} officials; assignments: {', '.join(course.assignments()) or '(none)'}")
    print(f"  gradebook: {course.db_url}")
    return 0


def _due(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise WorkshopError(f"--due {text!r}: expected an ISO date-time like 2026-11-27T17:00") from None


def cmd_release(args) -> int:
    from grading.distribution import release_assignment

    rel = release_assignment(_course(args), args.assignment, offline=args.offline, due=_due(args.due),
                             mode=args.mode)
    print(f"Released {rel.assignment} to the exchange ({rel.release_dir}), {rel.mode} mode")
    if rel.mode == "practice":
        print("  practice: the answer boxes say right or wrong at once; these scores are not evidence of skill")
    for path in rel.offline:
        print(f"  offline copy: {path}")
    return 0


def cmd_collect(args) -> int:
    from grading.collection import collect_assignment

    col = collect_assignment(_course(args), args.assignment, from_zip=args.from_zip)
    print(f"Collected {len(col.collected)} submissions of {col.assignment}")
    if col.missing:
        print(f"  missing: {', '.join(col.missing)}")
    if col.unknown:
        print(f"  ignored (not on the roster): {', '.join(col.unknown)}")
    return 0


def print_status_table(run) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Autograde {run.assignment}")
    for col in ("official", "status", "score", "note"):
        table.add_column(col)
    for r in run.results:
        score = "" if r.score is None else f"{r.score:g} / {r.max_score:g}"
        note = ("already graded; " if r.resumed else "") + r.message
        table.add_row(r.official, r.status, score, note)
    Console().print(table)


def cmd_autograde(args) -> int:
    from rich.progress import Progress

    from grading.autograder import autograde
    from grading.sandbox import detect_isolation

    if args.jobs is not None and args.jobs < 1:
        raise WorkshopError(f"--jobs {args.jobs}: must be at least 1")
    course = _course(args)
    level = detect_isolation() if args.isolation == "auto" else args.isolation
    if level == "bwrap" and detect_isolation() != "bwrap":
        raise WorkshopError("--isolation bwrap: bubblewrap is not usable here "
                            "(install the Debian package 'bubblewrap' or use --isolation rlimits)")
    if level != "bwrap":
        print("WARNING: isolation is CPU/memory limits only: submitted code can read files and reach"
              " the network (install the Debian package 'bubblewrap' for a sandbox)", file=sys.stderr)
    with Progress(transient=False) as progress:
        task = progress.add_task(f"autograde {args.assignment}", total=None)

        def on_result(result, done, total):
            progress.update(task, completed=done, total=total,
                            description=f"autograde {args.assignment}: {result.official}")

        run = autograde(course, args.assignment, jobs=args.jobs, force=args.force,
                        cpu_seconds=args.cpu_seconds, memory_mb=args.memory_mb,
                        isolation=level, on_result=on_result)
    print(f"Isolation: {run.policy}; {run.jobs} parallel jobs")
    if run.backup:
        print(f"Gradebook backup: {run.backup}")
    print_status_table(run)
    from grading.autograder import REGRADE

    bad = [r for r in run.results if r.status in REGRADE]  # not graded: a rerun grades them again
    return 1 if bad else 0


def cmd_feedback(args) -> int:
    from grading.feedback import generate_feedback

    fb = generate_feedback(_course(args), args.assignment)
    print(f"Feedback written for {len(fb.files)} notebooks (hidden tests removed)")
    if fb.backup:
        print(f"Gradebook backup: {fb.backup}")
    return 0


def cmd_report(args) -> int:
    from grading.report import build_report

    course = _course(args)
    assignments = [args.assignment] if args.assignment else course.assignments()
    for a in assignments:
        rep = build_report(course, a)
        need = rep.summary[rep.summary["needs_help"]]
        print(f"{a}: report {rep.html}; {len(need)} officials need help")
    print(f"Grades CSV: {course.root / 'reports' / 'grades.csv'}")
    return 0


def cmd_lab(args) -> int:
    from grading.lab import lab_command, lab_environment, write_lab_config

    course = _course(args)
    write_lab_config(course)
    try:
        cmd = lab_command(course, port=args.port, no_browser=args.no_browser, root=args.root)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    print("Starting JupyterLab with formgrader (Nbgrader menu -> Formgrader) in", course.root)
    if args.dry_run:
        print(" ".join(cmd))
        return 0
    # become JupyterLab rather than wait for it: a signal to stop this command (kill, a service manager)
    # then reaches the server itself, instead of leaving it running behind an exited parent
    sys.stdout.flush()
    sys.stderr.flush()
    os.chdir(course.root)
    os.execve(cmd[0], cmd, lab_environment(course))


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``workshop`` and its sub-commands on the top-level ``motcua`` parser."""
    parser = subparsers.add_parser("workshop", help="run a graded nbgrader workshop",
                                   description="Run a graded nbgrader workshop: init, release, collect, "
                                               "autograde (parallel, sandboxed), feedback, report, lab.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name, func, help_text, *, course=True):
        p = sub.add_parser(name, help=help_text, description=help_text)
        if course:
            p.add_argument("--course", default=os.curdir, metavar="DIR",
                           help="course folder (default: current folder)")
        p.set_defaults(func=_guard(func))
        return p

    p = command("init", cmd_init, "create a course folder for a roster of officials", course=False)
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--roster", required=True, metavar="CSV", help="officials.csv (name[,id][,email])")
    p.add_argument("--course-id", default=None, metavar="ID")
    p.add_argument("--db-url", default=None, metavar="URL", help="gradebook URL (default: sqlite in DIR)")
    p.add_argument("--source", default=None, metavar="DIR",
                   help="exercise source folder (default: the repository's exercises/source)")
    p.add_argument("--cell-timeout", type=int, default=None, metavar="SECONDS",
                   help="wall-clock limit per notebook cell while autograding "
                        "(default: the exercises' config, else nbgrader's 30)")

    p = command("release", cmd_release, "generate and release an assignment")
    p.add_argument("assignment")
    p.add_argument("--offline", action="store_true", help="also write one zip per official")
    p.add_argument("--due", default=None, metavar="ISO", help="due date-time (late submissions)")
    p.add_argument("--mode", choices=("assessed", "practice"), default="assessed",
                   help="assessed (default): answers judged only at autograde; practice: officials see right "
                        "or wrong at once (the key is handed out with the notebook)")

    p = command("collect", cmd_collect, "collect submissions from the exchange or zip files")
    p.add_argument("assignment")
    p.add_argument("--from-zip", nargs="+", default=None, metavar="ZIP")

    p = command("autograde", cmd_autograde, "grade submissions in parallel, sandboxed")
    p.add_argument("assignment")
    p.add_argument("--jobs", type=int, default=None, help="parallel workers (default: CPU cores)")
    p.add_argument("--force", action="store_true", help="re-grade officials already graded")
    p.add_argument("--cpu-seconds", type=int, default=120, help="CPU-time limit per kernel")
    p.add_argument("--memory-mb", type=int, default=2048, help="memory limit per kernel")
    p.add_argument("--isolation", choices=("auto", "bwrap", "rlimits"), default="auto",
                   help="auto: the strongest available (bubblewrap, else CPU/memory limits only)")

    p = command("feedback", cmd_feedback, "HTML feedback per official (no hidden tests)")
    p.add_argument("assignment")

    p = command("report", cmd_report, "grades CSV and HTML class report")
    p.add_argument("assignment", nargs="?", default=None)

    p = command("lab", cmd_lab, "JupyterLab with the course and formgrader")
    p.add_argument("--port", type=int, default=None)
    p.add_argument("--no-browser", action="store_true")
    p.add_argument("--root", default=None, metavar="DIR",
                   help="folder shown in JupyterLab's file browser (default: the course; must contain it)")
    p.add_argument("--dry-run", action="store_true", help="print the command instead of starting")
    return parser
