"""Commune procedures and legal due dates: helpers and graded items of the ``procedures`` assignment.

Everything comes from the one procedure catalogue (``simulation.load_catalogue``)
and the one working calendar (``simulation.WorkingCalendar``): the notebook
shows tables made here, and the expected answers are computed here from the
same objects, never typed into the notebook.
"""
import datetime as dt
import functools

import pandas as pd

from simulation.i18n import _


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
    raise ValueError(_('received = {value!r}: write the day first, then the time, for example '
                       '"29/08/2025 16:45".').format(value=value))


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
