"""Spec of the ``staffing`` assignment (build with ``python exercises/make_notebooks.py staffing``)."""
from make_notebooks import HOW_TO_ANSWER, POINTS, Notebook


def build():
    nb = Notebook("staffing")
    nb.setup("from grading.course.staffing import counter_demand, simulate_day, fewest_counters, erlang_counters")
    nb.md(f"""
# How many counter officials do we need?

On Mondays the busy ward receives a few hundred citizens at its counters, many of them early in the morning.
The ward's target: **nine citizens in ten are called within 15 minutes** (the 90th percentile of the wait is
at most 15 minutes).

Two ways to find the number of counter officials:

- the **Erlang C** formula used by call centres and queue-management vendors: quick, but it assumes citizens
  arrive at a constant rate all day and never give up;
- the centre's **simulator**, which replays the day minute by minute with its morning peak, lunch break and
  citizens who leave. Here each answer averages five simulated Mondays.

You call both through one-line helpers. Then you decide on a **flexible-staff** policy: back-office officials
who open an extra counter when three or more citizens are waiting.

{POINTS}

{HOW_TO_ANSWER}
""", "intro")
    nb._cell("code", "counter_demand()", "show-demand")
    nb.md("## 1. What Erlang C says", "part-1")
    nb.question(1, "S1", 1, "On average, how many citizens arrive at the counters **per hour**?", "None",
                'counter_demand()["average arrivals per hour"]', form="code")
    nb.question(2, "S2", 1, "What is the average **service time** at a counter, in minutes?", "None",
                'counter_demand()["average service time (minutes)"]', form="code")
    nb.question(3, "S3", 2, """The **offered load** is the number of counters that would be busy on average:
arrivals per hour × service minutes ÷ 60. Compute it from your answers 1 and 2 (you may type the
calculation, e.g. `30 * 8 / 60`).""", "None",
                '(counter_demand()["average arrivals per hour"]\n'
                '            * counter_demand()["average service time (minutes)"] / 60)', form="code")
    nb.question(4, "S4", 1, """How many counters does Erlang C recommend for the **average** rate?
Use `erlang_counters(arrivals_per_hour, service_minutes)` with your answers 1 and 2, for example
`erlang_counters(30, 8)`.""", "None",
                'erlang_counters(counter_demand()["average arrivals per hour"],\n'
                '                           counter_demand()["average service time (minutes)"])', form="code")
    nb.question(5, "S5", 1, """And for the rate of the **busiest hour** (`counter_demand()` shows it)?""",
                "None", 'erlang_counters(counter_demand()["arrivals in the busiest hour"],\n'
                '                           counter_demand()["average service time (minutes)"])', form="code")

    nb.md("## 2. What the simulation says", "part-2")
    nb.question(6, "S6", 2, """Run `fewest_counters()`: the fewest counter officials for which the simulated
90th-percentile wait is at most 15 minutes. Type the result (or the call).""", "None", "fewest_counters()", form="code")
    nb.question(7, "S7", 1, """Why does Erlang C with the **average** rate recommend too few counters?

- a) citizens do not arrive evenly: in the morning peak more arrive than the average, and a line builds up
- b) Erlang C forgets the lunch break
- c) Erlang C counts the flexible officials
- d) the simulation is wrong
""", '""', '"a"')
    nb.question(8, "S8", 1, """Why does Erlang C with the **busiest hour's** rate recommend too many?

- a) the busiest hour has fewer citizens than the average
- b) the peak lasts only about an hour: the line it builds is cleared soon after, so the whole day meets the
  target with fewer counters than a permanent peak would need
- c) Erlang C assumes officials work faster in the peak
- d) Erlang C counts citizens twice
""", '""', '"b"')

    nb.md("""
## 3. A flexible-staff policy

`simulate_day(counters, flexible)` simulates the Monday with `counters` counter officials and `flexible`
back-office officials who open a counter whenever three or more citizens wait, and go back to their files
when the line is short.
""", "part-3")
    nb._cell("code", "simulate_day(4)", "show-simulate")
    nb.question(9, "S9", 1, """With **one counter fewer** than your answer to question 6 and no flexible official,
what is the simulated 90th-percentile wait, in minutes?""", "None",
                'simulate_day(fewest_counters() - 1)["p90 wait (minutes)"]', form="code")
    nb.question(10, "S10", 1, """Same number of counters as in question 9, now with **two flexible officials**
(`flexible=2`): what is the 90th-percentile wait?""", "None",
                'simulate_day(fewest_counters() - 1, flexible=2)["p90 wait (minutes)"]', form="code")
    nb.question(11, "S11", 1, """Does that arrangement (question 10) meet the 15-minute target?

- a) yes
- b) no
""", '""', '"a"')
    nb.question(12, "S12", 1, """With the number of counters from question 6 and no flexible official, what
is the counters' **utilisation**, in percent?""", "None",
                'simulate_day(fewest_counters())["counter utilisation (%)"]', form="code")

    nb.md("## 4. Your recommendation", "part-4")
    nb.written(13, 5, """Write a recommendation (5 to 8 sentences) to the chair of the ward People's Committee:
how many counter officials on Mondays, and whether to use flexible back-office officials. Justify it with the
numbers above (Erlang C and the simulation), and say what the back office gains or loses.""", """
On Mondays about 30 citizens an hour come to the counters, each needing about 8 minutes. Erlang C with the
average rate says 4 counters, but that ignores the morning peak; with the peak rate it says 6, which keeps
an official idle most of the afternoon. The simulation of five Mondays shows that 5 counters meet our target
(nine citizens in ten called within 15 minutes). With 4 counters alone the 90th-percentile wait rises above
20 minutes, but 4 counters plus two flexible back-office officials who open a counter when three citizens wait
bring it well under 15 minutes. I recommend 4 fixed counters and the flexible policy: it frees one official
for back-office files most of the day, at the cost of interruptions in the morning peak, which we should
watch through the back-office backlog every week.
""", """
| criterion | points |
|---|---|
| a clear recommendation: number of counters on Mondays and yes/no to flexible officials | 1 |
| uses the Erlang C results correctly, including why the average rate understaffs and the peak rate overstaffs | 1 |
| uses the simulation results (fewest counters, waits with and without flexible officials) | 1 |
| names the trade-off for the back office (interruptions, backlog, deadlines) and how to monitor it | 1 |
| plain, short and addressed to a decision maker | 1 |
""")
    return nb
