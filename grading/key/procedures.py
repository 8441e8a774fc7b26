"""Answer key of the ``procedures`` assignment, computed from the catalogue and the working calendar.

The expected values come from the same objects the notebook's tables are made
of (``grading.course.procedures``); they are computed and frozen when the
assignment is released, so a later change of the calendar data does not move
a released key.
"""
import datetime as dt

from grading.course import procedures as course
from grading.key import Key
from simulation.i18n import N_


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
    "P11": ("civil_status_correction", "24/01/2025 09:00"),
    "P14": ("permanent_residence_registration", "29/08/2025 16:45"),
}


def _due(question):
    return lambda: course.due_date(*CASES[question])


KEYS = (
    Key("P1", "number", lambda: len(course._catalogue().fully_online()),
        hint=N_("Count the rows whose 'online' column says full.")),
    Key("P2", "set", lambda: [p.id for p in course._catalogue().by_field("certification")
                              if p.online_level == "none"], element="id",
        example="ids separated by commas, e.g. some_procedure, other_procedure",
        hint=N_("Look at the certification rows only, and keep those whose 'online' column says none.")),
    Key("P3", "choice", _cutoff_letter,
        hint=N_("Read the legal time of certification of copies: what happens after the cutoff hour?")),
    Key("P4", "number", lambda: len(course._catalogue()["marriage_registration"].documents),
        hint=N_('Run documents_of("marriage_registration") and count the lines.')),
    Key("P5", "set", lambda: [letter for letter, _, needed in course._choices("death_registration") if needed],
        hint=N_("Keep only what a death registration needs; some lines belong to other procedures.")),
    Key("P6", "set", lambda: [s[0] for s in course._samples() if s[3] is not None], element="id",
        example="dossier numbers separated by commas, e.g. HS-00, HS-99",
        hint=N_("Compare each dossier with documents_of(...) for its procedure.")),
    Key("P7", "number", lambda: dict((s[0], s[3]) for s in course._samples())["HS-04"],
        hint=N_('Compare the documents of HS-04 with documents_of(...) for its procedure: which number is absent?')),
    Key("P8", "date", _due("P8"),
        hint=N_("Count working days only: skip Saturday, Sunday and the National Day holidays (1 and 2 September).")),
    Key("P9", "date", _due("P9"),
        hint=N_("After 15:00 the dossier counts from the next working day; check calendar_month(2025, 9).")),
    Key("P10", "date", _due("P10"),
        hint=N_("Skip weekends and the holidays of 30 April, 1 and 2 May, but count Saturday 26 April: civil "
                "servants worked it instead of 2 May. Use calendar_month(2025, 4) and (2025, 5).")),
    Key("P11", "date", _due("P11"),
        hint=N_("The Tet holiday is long: check calendar_month(2025, 1) and calendar_month(2025, 2).")),
    Key("P12", "number", lambda: _working_days(2025, 9), hint=N_('Count the "yes" rows of calendar_month(2025, 9).')),
    Key("P13", "choice", _outcome_letter,
        hint=N_("Finished on a working day before the due date is early; on the due date itself is on time.")),
    Key("P14", "date", _due("P14"),
        hint=N_('Use the helper on one line: due_date("permanent_residence_registration", "29/08/2025 16:45").')),
)


# ---------------------------------------------------------------- where each graded fact comes from
# item -> the legal facts its key rests on: ("procedure", id, fact) or ("calendar", "YYYY-MM-DD").
# exercises/legal_table.py turns these into the table of exercises/README.md; a test checks every one is law
# with a complete source. Items that grade no legal fact say what they grade instead (NOT_LEGAL).
_SAMPLE_IDS = ("birth_registration", "birth_residence_health_insurance", "death_registration",
               "marriage_registration", "marriage_registration_verification", "marital_status_confirmation")
_NATIONAL_DAY_2025 = (("calendar", "2025-09-01"), ("calendar", "2025-09-02"))
LEGAL_FACTS = {
    "P2": tuple(("procedure", pid, "online_level") for pid in
                ("certification_of_copies", "certification_of_signatures", "certification_of_contracts")),
    "P3": (("procedure", "certification_of_copies", "legal_time"), ("procedure", "certification_of_copies", "cutoff")),
    "P4": (("procedure", "marriage_registration", "documents"),),
    "P5": (("procedure", "death_registration", "documents"),),
    "P6": tuple(("procedure", pid, "documents") for pid in _SAMPLE_IDS),
    "P7": (("procedure", "marriage_registration", "documents"),),
    "P8": (("procedure", "marital_status_confirmation", "legal_time"), *_NATIONAL_DAY_2025),
    "P9": (("procedure", "certification_of_copies", "cutoff"), *_NATIONAL_DAY_2025),
    "P10": (("procedure", "land_transfer_registration", "legal_time"), ("calendar", "2025-04-26"),
            ("calendar", "2025-04-30"), ("calendar", "2025-05-01"), ("calendar", "2025-05-02")),
    "P11": (("procedure", "civil_status_correction", "legal_time"),
            *(("calendar", f"2025-01-{d}") for d in (27, 28, 29, 30, 31))),
    "P12": _NATIONAL_DAY_2025,
    "P14": (("procedure", "permanent_residence_registration", "legal_time"), *_NATIONAL_DAY_2025),
}
NOT_LEGAL = {
    "P1": "reading the catalogue's online column (the province's list of online services: a planning assumption)",
    "P13": "the course's definition of early / on time / late (DOMAIN notes), not a legal text",
}
