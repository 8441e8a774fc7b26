"""Answer key of the ``online-services`` assignment: published facts, and values computed from the simulated July."""
from grading.course import online as course
from grading.key import Key
from simulation.i18n import N_


def _calendar():
    from grading.course.procedures import _calendar as calendar

    return calendar()


def _deadline_order():
    return [course._label(i) for i in course._pending().sort_values("due")["dossier_id"]]


def _at_risk():
    """Due by the end of the next working day after the morning."""
    limit = _calendar().next_working_day(course.MORNING.date())
    p = course._pending()
    return [course._label(i) for i, due in zip(p["dossier_id"], p["due"]) if due.date() <= limit]


def _sample_count(outcome):
    return int((course._sample()["outcome"] == outcome).sum())


def _reproduces():
    r = course.july_report()
    return "a" if (r["online resolved early (%)"] > 100 * course.PUBLISHED["early_share_over"]
                   and r["online share (%)"] > 95) else "b"


def _saturday_due():
    from grading.course.procedures import due_date

    return due_date("marital_status_confirmation", "26/07/2025 21:40")


PUBLISHED = course.PUBLISHED
IDS = "dossier numbers separated by commas, e.g. HS-0000, HS-9999"

KEYS = (
    Key("O1", "number", PUBLISHED["dossiers"], hint=N_("Re-read the introduction: the July figures.")),
    Key("O2", "number", 100 * PUBLISHED["online"] / PUBLISHED["dossiers"], tol=0.1,
        hint=N_("Online dossiers ÷ all dossiers × 100, with the published figures.")),
    Key("O3", "number", lambda: course.july_report()["dossiers received"], hint=N_("Read july_report().")),
    Key("O4", "number", lambda: course.july_report()["online share (%)"], tol=0.1,
        hint=N_("Read the online share in july_report().")),
    Key("O5", "number", lambda: course.july_report()["online resolved early (%)"], tol=0.1,
        hint=N_("Read the share of online dossiers resolved early in july_report().")),
    Key("O6", "choice", _reproduces,
        hint=N_("Compare the simulated online share and early share with the published ones.")),
    Key("O7", "number", lambda: course.july_report()["still in progress on 31 July"], hint=N_("Read july_report().")),
    Key("O8", "order", _deadline_order, element="id", example=IDS.replace("separated", "in order, separated"),
        hint=N_("Sort by the 'due' column, earliest first: the dossier due first is handled first.")),
    Key("O9", "set", _at_risk, element="id", example=IDS,
        hint=N_("Keep the dossiers already overdue, due today (21/07) or due by the end of the next working day "
                "(22/07).")),
    Key("O10", "date", _saturday_due,
        hint=N_("A dossier sent on Saturday counts from Monday; then count 3 working days.")),
    Key("O11", "number", lambda: _sample_count("early"),
        hint=N_("Early: finished on a working day before the due date. On the due date itself is on time.")),
    Key("O12", "number", lambda: 100 * _sample_count("late") / len(course._sample()), tol=0.5,
        hint=N_("Late dossiers ÷ dossiers in the table × 100. Late: finished after the due time.")),
)

# item -> the legal facts its key rests on (exercises/legal_table.py); the other items grade published
# figures or the simulated month, not law.
LEGAL_FACTS = {"O10": (("procedure", "marital_status_confirmation", "legal_time"),)}
NOT_LEGAL = {key.item_id: "published figures of the seed article or the simulated month"
             for key in KEYS if key.item_id not in LEGAL_FACTS}
