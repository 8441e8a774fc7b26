"""Answer key of the ``procedures`` assignment, computed from the catalogue and the working calendar.

The expected values come from the same objects the notebook's tables are made
of (``grading.course.procedures``); they are computed and frozen when the
assignment is released, so a later change of the calendar data does not move
a released key.
"""
import datetime as dt

from grading.course import procedures as course
from grading.key import Key


def _outcome_letter():
    due = dt.datetime(2025, 9, 5, 17, 0)
    outcome = course._calendar().outcome(dt.datetime(2025, 9, 4, 10, 0), due)
    return {"early": "a", "on_time": "b", "late": "c"}[outcome]


def _cutoff_letter():
    cutoff = course._catalogue()["certification_of_copies"].legal_time.cutoff
    return "b" if cutoff is not None and cutoff <= dt.time(15, 20) else "a"


def _working_days(year, month):
    table = course.calendar_month(year, month)
    return int((table["working day"] == "yes").sum())


CASES = {  # question -> (procedure, received) for the due-date questions
    "P8": ("marital_status_confirmation", "29/08/2025 10:00"),
    "P9": ("certification_of_copies", "29/08/2025 15:30"),
    "P10": ("land_transfer_registration", "24/04/2025 09:00"),
    "P11": ("funeral_allowance", "24/01/2025 09:00"),
    "P14": ("permanent_residence_registration", "29/08/2025 16:45"),
}


def _due(question):
    return lambda: course.due_date(*CASES[question])


KEYS = (
    Key("P1", "number", lambda: len(course._catalogue().fully_online()),
        hint="Count the rows whose 'online' column says full."),
    Key("P2", "set", lambda: [p.id for p in course._catalogue().by_field("certification")
                              if p.online_level == "none"], element="id",
        example="ids separated by commas, e.g. some_procedure, other_procedure",
        hint="Look at the certification rows only, and keep those whose 'online' column says none."),
    Key("P3", "choice", _cutoff_letter,
        hint="Read the legal time of certification of copies: what happens after the cutoff hour?"),
    Key("P4", "number", lambda: len(course._catalogue()["marriage_registration"].documents),
        hint='Run documents_of("marriage_registration") and count the lines.'),
    Key("P5", "set", lambda: [letter for letter, _, needed in course._choices("death_registration") if needed],
        hint="Keep only what a death registration needs; some lines belong to other procedures."),
    Key("P6", "set", lambda: [s[0] for s in course._samples() if s[3] is not None], element="id",
        example="dossier numbers separated by commas, e.g. HS-00, HS-99",
        hint="Compare each dossier with documents_of(...) for its procedure."),
    Key("P7", "number", lambda: dict((s[0], s[3]) for s in course._samples())["HS-04"],
        hint='Compare the documents of HS-04 with documents_of(...) for its procedure: which number is absent?'),
    Key("P8", "date", _due("P8"),
        hint="Count working days only: skip Saturday, Sunday and the National Day holidays (1 and 2 September)."),
    Key("P9", "date", _due("P9"),
        hint="After 15:00 the dossier counts from the next working day; check calendar_month(2025, 9)."),
    Key("P10", "date", _due("P10"),
        hint="Skip weekends and the holidays of 30 April, 1 and 2 May: use calendar_month(2025, 4) and (2025, 5)."),
    Key("P11", "date", _due("P11"),
        hint="The Tet holiday is long: check calendar_month(2025, 1) and calendar_month(2025, 2)."),
    Key("P12", "number", lambda: _working_days(2025, 9), hint='Count the "yes" rows of calendar_month(2025, 9).'),
    Key("P13", "choice", _outcome_letter,
        hint="Finished on a working day before the due date is early; on the due date itself is on time."),
    Key("P14", "date", _due("P14"),
        hint='Use the helper on one line: due_date("permanent_residence_registration", "29/08/2025 16:45").'),
)
