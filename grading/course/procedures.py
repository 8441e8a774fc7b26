"""Commune procedures and legal due dates: helpers and graded items of the ``procedures`` assignment.

Everything comes from the one procedure catalogue (``simulation.load_catalogue``)
and the one working calendar (``simulation.WorkingCalendar``): the notebook
shows tables made here, and the expected answers are computed here from the
same objects, never typed into the notebook.
"""
import datetime as dt
import functools

import pandas as pd

from grading.checks import Item, register

pd.set_option("display.max_colwidth", 200)  # whole document and procedure names in the notebook

__all__ = ["catalogue_table", "documents_of", "documents_where_applicable", "document_choices", "sample_dossiers",
           "due_date", "calendar_month"]

SAMPLE_COUNT = 6


@functools.lru_cache(maxsize=1)
def _catalogue():
    from simulation import load_catalogue

    return load_catalogue()


@functools.lru_cache(maxsize=1)
def _calendar():
    from simulation import WorkingCalendar

    return WorkingCalendar()


def catalogue_table():
    """The procedures of the commune centre: one row each (id, names, field, legal time, online level)."""
    rows = [{"id": p.id, "procedure": p.name, "thủ tục": p.name_vi, "field": p.field,
             "legal time": p.time_label(), "online": p.online_level, "documents": len(p.documents)}
            for p in _catalogue().values()]
    return pd.DataFrame(rows).set_index("id")


def documents_of(procedure_id):
    """The documents every complete dossier of one procedure needs, numbered from 1."""
    docs = _catalogue()[procedure_id].documents
    return pd.Series(docs, index=range(1, len(docs) + 1), name=f"documents for {procedure_id}")


def documents_where_applicable(procedure_id):
    """Papers of one procedure needed only in some cases, with the case: an official may not demand
    them otherwise (empty when there are none)."""
    pairs = _catalogue()[procedure_id].documents_where_applicable
    return pd.Series({d: when for d, when in pairs}, name=f"only where applicable, for {procedure_id}", dtype=object)


DISTRACTORS = 3


def _choices(procedure_id):
    """(letter, document, needed) for the procedure's documents mixed with documents of other procedures."""
    catalogue = _catalogue()
    needed = list(catalogue[procedure_id].documents)
    others = []
    for proc in catalogue.values():
        for doc in proc.documents:
            if doc not in needed and doc not in others:
                others.append(doc)
    pool = sorted(needed + others[:DISTRACTORS])
    return [(chr(ord("a") + i), doc, doc in needed) for i, doc in enumerate(pool)]


def document_choices(procedure_id):
    """Documents to choose from for one procedure: some are needed, some belong to other procedures."""
    return pd.Series({letter: doc for letter, doc, _ in _choices(procedure_id)}, name="document")


def _samples():
    """Sample dossiers: (dossier id, procedure, documents brought, number of the missing document or None)."""
    procedures = [p for p in _catalogue().values() if len(p.documents) >= 2][:SAMPLE_COUNT]
    samples = []
    for i, proc in enumerate(procedures):
        missing = None if i % 2 == 0 else (i % len(proc.documents))
        brought = [d for k, d in enumerate(proc.documents) if k != missing]
        samples.append((f"HS-{i + 1:02d}", proc.id, brought, None if missing is None else missing + 1))
    return samples


def sample_dossiers():
    """Dossiers received at the counter this morning, with the documents each citizen brought."""
    rows = [{"dossier": s[0], "procedure": s[1], "document brought": doc} for s in _samples() for doc in s[2]]
    return pd.DataFrame(rows).set_index(["dossier", "procedure"])


def _received(value):
    if isinstance(value, dt.datetime):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(f'received = {value!r}: write day first with the time, e.g. "29/08/2025 16:45"')


def due_date(procedure_id, received):
    """The legal due date of a dossier received at ``received`` ("29/08/2025 16:45"), as a date."""
    proc = _catalogue()[procedure_id]
    return _calendar().due(_received(received), proc.legal_time).date()


def calendar_month(year, month):
    """Each day of one month: weekday, working day or not, holiday name."""
    cal = _calendar()
    day = dt.date(year, month, 1)
    rows = []
    while day.month == month:
        rows.append({"date": day.strftime("%d/%m/%Y"), "weekday": day.strftime("%A"),
                     "working day": "yes" if cal.is_working_day(day) else "no",
                     "holiday": cal.holiday_name(day) or cal.make_up_name(day) or ""})
        day += dt.timedelta(days=1)
    return pd.DataFrame(rows).set_index("date")


# ---------------------------------------------------------------- expected answers
def _outcome_letter():
    due = dt.datetime(2025, 9, 5, 17, 0)
    outcome = _calendar().outcome(dt.datetime(2025, 9, 4, 10, 0), due)
    return {"early": "a", "on_time": "b", "late": "c"}[outcome]


def _cutoff_letter():
    cutoff = _catalogue()["certification_of_copies"].legal_time.cutoff
    return "b" if cutoff is not None and cutoff <= dt.time(15, 20) else "a"


def _working_days(year, month):
    table = calendar_month(year, month)
    return int((table["working day"] == "yes").sum())


CASES = {  # question -> (procedure, received) for the due-date questions
    "P8": ("marital_status_confirmation", "29/08/2025 10:00"),
    "P9": ("certification_of_copies", "29/08/2025 15:30"),
    "P10": ("land_transfer_registration", "24/04/2025 09:00"),
    "P11": ("civil_status_correction", "24/01/2025 09:00"),
    "P14": ("permanent_residence_registration", "29/08/2025 16:45"),
}


def _due(question):
    return lambda: due_date(*CASES[question])


ITEMS = tuple(register(item) for item in (
    Item("P1", "number", lambda: len(_catalogue().fully_online()), example="8",
         hint="Count the rows whose 'online' column says full."),
    Item("P2", "set", lambda: [p.id for p in _catalogue().by_field("certification") if p.online_level == "none"],
         element="id", example='["certification_of_signatures"]',
         hint="Look at the certification rows only, and keep those whose 'online' column says none."),
    Item("P3", "choice", _cutoff_letter, example='"b"',
         hint="Read the legal time of certification of copies: what happens after the cutoff hour?"),
    Item("P4", "number", lambda: len(_catalogue()["marriage_registration"].documents), example="3",
         hint='Run documents_of("marriage_registration") and count the lines.'),
    Item("P5", "set", lambda: [letter for letter, _, needed in _choices("death_registration") if needed],
         example='["a", "c"]', hint="Keep only what a death registration needs; some lines belong to other "
                                    "procedures."),
    Item("P6", "set", lambda: [s[0] for s in _samples() if s[3] is not None], element="id",
         example='["HS-01"]', hint="Compare each dossier with documents_of(...) for its procedure."),
    Item("P7", "number", lambda: dict((s[0], s[3]) for s in _samples())["HS-04"], example="2",
         hint='Compare the documents of HS-04 with documents_of(...) for its procedure: which number is absent?'),
    Item("P8", "date", _due("P8"), example='"05/09/2025"',
         hint="Count working days only: skip Saturday, Sunday and the National Day holidays (1 and 2 September)."),
    Item("P9", "date", _due("P9"), example='"05/09/2025"',
         hint="After 15:00 the dossier counts from the next working day; check calendar_month(2025, 9)."),
    Item("P10", "date", _due("P10"), example='"05/05/2025"',
         hint="Skip weekends and the holidays of 30 April, 1 and 2 May, but count Saturday 26 April: civil servants "
              "worked it instead of 2 May. Use calendar_month(2025, 4) and (2025, 5)."),
    Item("P11", "date", _due("P11"), example='"10/02/2025"',
         hint="The Tet holiday is long: check calendar_month(2025, 1) and calendar_month(2025, 2)."),
    Item("P12", "number", lambda: _working_days(2025, 9), example="20",
         hint='Count the "yes" rows of calendar_month(2025, 9).'),
    Item("P13", "choice", _outcome_letter, example='"a"',
         hint="Finished on a working day before the due date is early; on the due date itself is on time."),
    Item("P14", "date", _due("P14"), example='"10/09/2025"',
         hint='Use the helper on one line: due_date("permanent_residence_registration", "29/08/2025 16:45").'),
))


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
