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
from simulation.i18n import N_, _, add_language_argument, choose_language, use_language

from .errors import guarded

__all__ = ["add_parser"]


def _course(args):
    from grading.classroom import open_course

    return open_course(args.course)


# WorkshopError and Ctrl-C become a message and an exit code in the one mapper every motcua command uses
_guard = guarded("motcua workshop", interrupted=": finished officials are saved; run the same command again "
                                                "to grade the rest")


LANGUAGE_NAMES = {"vi": N_("Vietnamese"), "en": N_("English")}


def _speaking(func):
    """Run `func` in the trainer's language: --lang, else $MOTCUA_LANG, else the locale.

    A block rather than the process language: a command run from Python (a test, a notebook) leaves the
    language of what runs after it alone.
    """
    def run(args):
        with use_language(choose_language(getattr(args, "lang", None), audience="trainers")):
            return func(args)
    return run


def cmd_init(args) -> int:
    from grading.classroom import init_course

    course = init_course(args.dir, args.roster, course_id=args.course_id, db_url=args.db_url,
                         source=args.source, cell_timeout=args.cell_timeout,
                         language=choose_language(args.lang, audience="officials"))
    officials = course.officials()
    print(_("Course {course!r} ready in {folder}").format(course=course.course_id, folder=course.root))
    print(_("  {n} officials; assignments: {names}").format(
        n=len(officials), names=", ".join(course.assignments()) or _("(none)")))
    print(_("  language of the notebooks, feedback and reports: {language}").format(
        language=_(LANGUAGE_NAMES[course.language])))
    for note in course.notes:
        print("  " + note, file=sys.stderr)
    print(_("  gradebook: {url}").format(url=course.db_url))
    return 0


def _due(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise WorkshopError(_("--due {value!r}: expected an ISO date-time like 2026-11-27T17:00").format(
            value=text)) from None


def cmd_release(args) -> int:
    from grading.distribution import release_assignment

    course = _course(args)
    rel = release_assignment(course, args.assignment, offline=args.offline, due=_due(args.due), mode=args.mode)
    print(_("Released {assignment} ({mode} mode): the officials' version is in {folder}").format(
        assignment=rel.assignment, mode=_(rel.mode), folder=rel.release_dir))
    if rel.mode == "practice":
        print(_("  practice: the answer boxes say right or wrong at once; these scores are not evidence of skill"))
    if rel.exchange:
        print(_("  in the exchange for fetching: {folder}").format(
            folder=course.root / "exchange" / course.course_id / "outbound" / rel.assignment))
    if rel.offline:
        print(_("  one folder and zip per official (USB, e-mail): {folder}/ ({n} zips)").format(
            folder=rel.offline[0].parent, n=len(rel.offline)))
    return 0


UNKNOWN_IDS = N_("  submissions under ids not on the roster (not graded): {ids}\n"
               "  They were handed in from a computer whose seat does not name the official (nbgrader then uses "
               "the login name). Fix: on that computer run `motcua workshop seat OFFICIAL_ID` and submit again "
               "from the seat; or rename the folder submitted/<id> to the official's id and collect again.")


def cmd_collect(args) -> int:
    from grading.collection import collect_assignment

    col = collect_assignment(_course(args), args.assignment, from_zip=args.from_zip)
    if args.from_zip:
        print(_("Collected {n} submissions of {assignment} from {zips} zip files").format(
            n=len(col.collected), assignment=col.assignment, zips=len(args.from_zip)))
    else:
        print(_("Collected {n} submissions of {assignment} from the exchange").format(
            n=len(col.collected), assignment=col.assignment))
    if col.missing:
        print(_("  missing: {ids}").format(ids=", ".join(col.missing)))
    if col.unknown:
        print(_(UNKNOWN_IDS).format(ids=", ".join(col.unknown)))
    return 0


def cmd_seat(args) -> int:
    from grading.seat import prepare_seat

    if not args.hub and not args.official:
        raise WorkshopError(_("seat: give the official's id (from officials.csv), or --hub on a JupyterHub"))
    seat = prepare_seat(_course(args), None if args.hub else args.official, args.folder)
    who = _("the JupyterHub login") if seat.official is None else seat.official
    print(_("Seat for {who}: {folder}").format(who=who, folder=seat.folder))
    print(_("  start JupyterLab: {launcher}   (then Nbgrader menu -> Assignments: Fetch, Validate, "
            "Submit)").format(launcher=seat.launcher))
    print(_("  or in a terminal: cd {folder} && nbgrader fetch_assignment ASSIGNMENT; "
            "... nbgrader submit ASSIGNMENT").format(folder=seat.folder))
    return 0


def print_status_table(run) -> None:
    from rich.console import Console
    from rich.table import Table

    from simulation.formats import format_number

    table = Table(title=_("Autograde {assignment}").format(assignment=run.assignment))
    for col in (_("official"), _("status"), _("score"), _("note")):
        table.add_column(col)
    for r in run.results:
        score = "" if r.score is None else f"{format_number(r.score)} / {format_number(r.max_score)}"
        note = (_("already graded; ") if r.resumed else "") + r.message
        status = r.status if r.protection == "sandboxed" else f"{r.status} ({r.protection})"
        table.add_row(r.official, status, score, note)
    Console().print(table)


UNPROTECTED_WARNING = N_("WARNING: grading WITHOUT a sandbox (--isolation none): submitted code can read the "
                       "hidden tests and the trainer's files and reach the network; these grades are marked "
                       "\"unprotected\". Officials are graded one at a time and the course folder is checked "
                       "after each one.")
MEANWHILE_WARNING = N_("note: these course files changed while grading ran (not by the graded code, which "
                     "cannot see them; another command such as collect?): {}. Run autograde again to grade "
                     "new submissions.")
TAMPER_WARNING = N_("WARNING: submitted code changed these course files during grading (they were put back): {}")


def cmd_autograde(args) -> int:
    from rich.progress import Progress

    from grading.autograder import REGRADE, TAMPERED, autograde, choose_isolation

    if args.jobs is not None and args.jobs < 1:
        raise WorkshopError(_("--jobs {value}: must be at least 1").format(value=args.jobs))
    course = _course(args)
    level = choose_isolation(args.isolation)  # refuses when no sandbox is usable and none was not asked
    if level == "none":
        print(_(UNPROTECTED_WARNING), file=sys.stderr)
    with Progress(transient=False) as progress:
        task = progress.add_task(f"autograde {args.assignment}", total=None)

        def on_result(result, done, total):
            progress.update(task, completed=done, total=total,
                            description=f"autograde {args.assignment}: {result.official}")

        run = autograde(course, args.assignment, jobs=args.jobs, force=args.force,
                        cpu_seconds=args.cpu_seconds, memory_mb=args.memory_mb,
                        isolation=level, on_result=on_result)
    print(_("Isolation: {policy}; {jobs} parallel jobs").format(policy=run.policy, jobs=run.jobs))
    if run.backup:
        print(_("Gradebook backup: {file}").format(file=run.backup))
    print_status_table(run)
    if run.tampered:
        print(_(TAMPER_WARNING).format(", ".join(run.tampered)), file=sys.stderr)
    if run.changed_meanwhile:
        print(_(MEANWHILE_WARNING).format(", ".join(run.changed_meanwhile)), file=sys.stderr)
    bad = [r for r in run.results if r.status in REGRADE or r.status == TAMPERED]  # not graded
    return 1 if bad or run.tampered else 0


def cmd_feedback(args) -> int:
    from grading.feedback import generate_feedback

    fb = generate_feedback(_course(args), args.assignment, answers=args.answers)
    course_root = _course(args).root
    if args.answers:
        print(_("Feedback for {n} officials of {assignment} (with the right answers)").format(
            n=len(fb.zips), assignment=fb.assignment))
    else:
        print(_("Feedback for {n} officials of {assignment}").format(n=len(fb.zips), assignment=fb.assignment))
    print(_("  pages: {folder}/<official>/{assignment}/").format(folder=course_root / "feedback",
                                                                 assignment=fb.assignment))
    if fb.zips:
        print(_("  one zip per official (USB, e-mail): {folder}/").format(folder=fb.zips[0].parent))
    if fb.released:
        print(_("  released to the exchange for {n} officials (they fetch it in the Assignments tab): "
                "{ids}").format(n=len(fb.released), ids=", ".join(fb.released)))
    if fb.backup:
        print(_("Gradebook backup: {file}").format(file=fb.backup))
    return 0


def cmd_report(args) -> int:
    from grading.report import build_reports

    course = _course(args)
    rep = build_reports(course, [args.assignment] if args.assignment else None)
    for r in rep.reports:
        need = r.summary[r.summary["needs_help"]]
        print(_("{assignment}: {page}; {n} officials need help; questions: {exports}").format(
            assignment=r.assignment, page=r.html, n=len(need), exports=", ".join(str(p) for p in r.exports)))
    if rep.not_released:
        print(_("Not released yet (no report): {names}").format(names=", ".join(rep.not_released)))
    print(_("Overview: {page}").format(page=rep.overview))
    print(_("Grades CSV: {file}").format(file=rep.grades_csv))
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
    print(_("Starting JupyterLab with formgrader (Nbgrader menu -> Formgrader) in {folder}").format(
        folder=course.root))
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
    parser = subparsers.add_parser("workshop", help=_("run a graded nbgrader workshop"),
                                   description=_("Run a graded nbgrader workshop: init, release, collect, "
                                                 "autograde (parallel, sandboxed), feedback, report, lab."))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name, func, help_text, *, course=True):
        p = sub.add_parser(name, help=help_text, description=help_text)
        if course:
            p.add_argument("--course", default=os.curdir, metavar="DIR",
                           help=_("course folder (default: current folder)"))
        if course:
            add_language_argument(p, audience="trainers")
        p.set_defaults(func=_guard(_speaking(func)))
        return p

    p = command("init", cmd_init, _("create a course folder for a roster of officials"), course=False)
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--roster", required=True, metavar="CSV", help=_("officials.csv (name[,id][,email])"))
    p.add_argument("--course-id", default=None, metavar="ID")
    p.add_argument("--db-url", default=None, metavar="URL", help=_("gradebook URL (default: sqlite in DIR)"))
    p.add_argument("--source", default=None, metavar="DIR",
                   help=_("exercise source folder (default: the repository's exercises/source)"))
    add_language_argument(p, audience="officials",
                          what=N_("released notebooks, feedback and reports (default vi) and of this output"))
    p.add_argument("--cell-timeout", type=int, default=None, metavar="SECONDS",
                   help=_("wall-clock limit per notebook cell while autograding "
                          "(default: the exercises' config, else nbgrader's 30)"))

    p = command("release", cmd_release, _("generate and release an assignment"))
    p.add_argument("assignment")
    p.add_argument("--offline", action="store_true", help=_("also write one zip per official"))
    p.add_argument("--due", default=None, metavar="ISO", help=_("due date-time (late submissions)"))
    p.add_argument("--mode", choices=("assessed", "practice"), default="assessed",
                   help=_("assessed (default): answers judged only at autograde; practice: officials see right "
                          "or wrong at once (the key is handed out with the notebook)"))

    p = command("collect", cmd_collect, _("collect submissions from the exchange or zip files"))
    p.add_argument("assignment")
    p.add_argument("--from-zip", nargs="+", default=None, metavar="ZIP")

    p = command("seat", cmd_seat, _("prepare one official's seat: fetch and submit under their id"))
    p.add_argument("official", metavar="OFFICIAL_ID", nargs="?", default=None)
    p.add_argument("--folder", default=None, metavar="DIR", help=_("the seat's folder (default: seats/OFFICIAL_ID)"))
    p.add_argument("--hub", action="store_true", help=_("a JupyterHub seat: the login names the official"))

    p = command("autograde", cmd_autograde, _("grade submissions in parallel, sandboxed"))
    p.add_argument("assignment")
    p.add_argument("--jobs", type=int, default=None, help=_("parallel workers (default: CPU cores)"))
    p.add_argument("--force", action="store_true", help=_("re-grade officials already graded"))
    p.add_argument("--cpu-seconds", type=int, default=120, help=_("CPU-time limit per kernel"))
    p.add_argument("--memory-mb", type=int, default=2048, help=_("memory limit per kernel"))
    p.add_argument("--isolation", choices=("auto", "bwrap", "none"), default="auto",
                   help=_("auto: the sandbox (bubblewrap); refuses if none is usable. none: grade WITHOUT a "
                          "sandbox (CPU/memory limits only; grades marked unprotected)"))

    p = command("feedback", cmd_feedback, _("feedback page per official: their answers, right or wrong"))
    p.add_argument("assignment")
    p.add_argument("--answers", action="store_true",
                   help=_("also show the right answer with a one-line reason where theirs was not right"))

    p = command("report", cmd_report, _("grades CSV and HTML class report"))
    p.add_argument("assignment", nargs="?", default=None)

    p = command("lab", cmd_lab, _("JupyterLab with the course and formgrader"))
    p.add_argument("--port", type=int, default=None)
    p.add_argument("--no-browser", action="store_true")
    p.add_argument("--root", default=None, metavar="DIR",
                   help=_("folder shown in JupyterLab's file browser (default: the course; must contain it)"))
    p.add_argument("--dry-run", action="store_true", help=_("print the command instead of starting"))
    return parser
