"""Answer key of the ``staffing`` assignment: Erlang C and the simulated Mondays, computed at release."""
from grading.course import staffing as course
from grading.key import Key
from simulation.i18n import N_


def _table(key):
    return lambda: float(course.counter_demand()[key])


def _meets_with_flexible():
    return "a" if course.simulate_day(course.fewest_counters() - 1, 2)["p90 wait (minutes)"] <= course.TARGET_MIN \
        else "b"


def _erlang(rate_key):
    demand = course.counter_demand()
    return course.erlang_counters(demand[rate_key], demand["average service time (minutes)"])


KEYS = (
    Key("S1", "number", _table("average arrivals per hour"), tol=0.3,
        hint=N_("Read counter_demand(): visitors per day divided by the open hours.")),
    Key("S2", "number", _table("average service time (minutes)"), tol=0.2,
        hint=N_("Read the average service time in counter_demand().")),
    Key("S3", "number", lambda: float(course.counter_demand()["average arrivals per hour"])
        * float(course.counter_demand()["average service time (minutes)"]) / 60, tol=0.05, rel=0.03,
        hint=N_("Offered load = arrivals per hour × service minutes ÷ 60 (in erlangs: counters busy on average).")),
    Key("S4", "number", lambda: _erlang("average arrivals per hour"),
        hint=N_("erlang_counters(average arrivals per hour, average service time).")),
    Key("S5", "number", lambda: _erlang("arrivals in the busiest hour"),
        hint=N_("erlang_counters(arrivals in the busiest hour, average service time).")),
    Key("S6", "number", lambda: course.fewest_counters(), hint=N_("Run fewest_counters() and type its result.")),
    Key("S7", "choice", "a", hint=N_("Think of the morning: do citizens arrive evenly through the day?")),
    Key("S8", "choice", "b",
        hint=N_("How long does the busiest hour last, and what happens to the line afterwards?")),
    Key("S9", "number", lambda: float(course.simulate_day(course.fewest_counters() - 1)["p90 wait (minutes)"]),
        tol=0.2,
        hint=N_("Use simulate_day(...) with one counter fewer than fewest_counters() and read the p90 wait.")),
    Key("S10", "number", lambda: float(course.simulate_day(course.fewest_counters() - 1, 2)["p90 wait (minutes)"]),
        tol=0.2, hint=N_("Same number of counters as in question 9, with flexible=2.")),
    Key("S11", "choice", _meets_with_flexible,
        hint=N_("Compare your answer to question 10 with the 15-minute target.")),
    Key("S12", "number", lambda: float(course.simulate_day(course.fewest_counters())["counter utilisation (%)"]),
        tol=0.5, hint=N_("Read the counter utilisation of simulate_day(fewest_counters()).")),
)
