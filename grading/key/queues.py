"""Answer key of the ``queues`` assignment, computed from the same simulated Monday the notebook shows."""
from grading.course import queues as course
from grading.key import Key
from simulation.i18n import N_


def _log():
    return course._log()


def _peak_hours():
    """The busiest hour; every hour tied for the most tickets is right."""
    table = course.arrivals_by_hour(_log())
    return [int(hour) for hour in table.index[table == table.max()]]


def _little():
    s = course.day_summary()
    return (s["visitors who joined the line"] / s["minutes from the first ticket until the line emptied"]
            * s["average time in line (minutes)"])


TARGET = course.TARGET_MIN

KEYS = (
    Key("Q1", "number", lambda: course.count(_log()), hint=N_("Count all the tickets: count(log).")),
    Key("Q2", "number", lambda: course.average(_log(), "wait_min"), tol=0.1,
        hint=N_('The average wait of the citizens who were served: average(log, "wait_min").')),
    Key("Q3", "number", lambda: course.percentile(_log(), "wait_min", 90), tol=0.5, rel=0.03,
        hint=N_('Nine in ten citizens waited at most this long: percentile(log, "wait_min", 90).')),
    Key("Q4", "number", _peak_hours, hint=N_("Look for the hour with the most tickets in arrivals_by_hour(log).")),
    Key("Q5", "number", lambda: course.count(_log(), "balked"),
        hint=N_('Count the visitors whose outcome is "balked".')),
    Key("Q6", "number", lambda: course.count(_log(), "reneged"),
        hint=N_('Count the visitors whose outcome is "reneged".')),
    Key("Q7", "choice", "b", hint=N_("Balking happens at the door, before the citizen joins the line.")),
    Key("Q8", "choice", "a", hint=N_("Reneging happens while waiting in line.")),
    Key("Q9", "number", lambda: course.share_over(_log(), "wait_min", TARGET), tol=0.5,
        hint=N_('The percentage of served citizens who waited more than {target} minutes: '
                   'share_over(log, "wait_min", {target}).'), hint_values=(("target", TARGET),)),
    Key("Q10", "number", _little, tol=0.05, rel=0.03,
        hint=N_("Little's law: L = λ × W, with λ = visitors who joined / observed minutes and W = average "
                "time in line.")),
    Key("Q11", "choice", "a", hint=N_("Utilisation compares busy time with time on duty.")),
    Key("Q12", "number", lambda: float(course.day_summary()["counter utilisation (%)"]), tol=0.5,
        hint=N_("Read the counter utilisation in day_summary().")),
)
