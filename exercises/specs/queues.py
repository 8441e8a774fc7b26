"""Spec of the ``queues`` assignment (build with ``python exercises/make_notebooks.py queues``)."""
from make_notebooks import HOW_TO_ANSWER, POINTS, Notebook


def build():
    nb = Notebook("queues")
    nb.setup("from grading.course.queues import (ticket_log, average, percentile, count, share_over,\n"
             "                                   arrivals_by_hour, day_summary)\n"
             "log = ticket_log()")
    nb.md(f"""
# Reading a day's ticket log

Every citizen who comes to the centre takes a number from the ticket machine; the system records when the
ticket was taken (`arrival`), when the number was called (`called`) and when the service ended
(`service_end`). Queue-management systems turn this log into a few figures: the **wait** (call time minus
ticket time), how many citizens were served, how many left, the busiest hour, how busy the officials were.

This log comes from the centre's simulator: a Monday at a busy ward when two counter officials were off sick.
The setup cell loaded it as `log`. You answer with one-line helpers, for example
`average(log, "wait_min")`, or by typing the number you read.

{POINTS}

{HOW_TO_ANSWER}
""", "intro")
    nb._cell("code", "log", "show-log")
    nb.md("""
Columns: `ticket` (empty when the citizen left without taking one), `kind` of visit, `procedure`,
`priority` (elderly, disabled, pregnant), the three times, `wait_min` (minutes between ticket and call),
`service_min`, `time_in_line_min` (minutes spent in line, also for citizens who gave up), `official`,
`outcome`: **served**, **balked** (saw the line and left at once), **reneged** (joined the line, then gave up
before being called), **unserved** (still waiting at closing time).

## 1. Counting and waiting
""", "part-1")
    nb.question(1, "Q1", 1, "How many citizens came to the centre this Monday (every row of the log)?", "None",
                "count(log)", form="code")
    nb.question(2, "Q2", 1, "What was the **average wait** of the citizens who were served, in minutes?", "None",
                'average(log, "wait_min")', form="code")
    nb.question(3, "Q3", 2, """What is the **90th percentile** of the wait (nine served citizens in ten waited
this long or less)?""", "None", 'percentile(log, "wait_min", 90)', form="code")
    nb.question(4, "Q4", 1, """Which hour had the most arrivals? Type the hour as a number (8 means 08:00-08:59).
Use `arrivals_by_hour(log)`.""", "None", "int(arrivals_by_hour(log).idxmax())", form="code")
    nb._cell("code", "arrivals_by_hour(log)", "show-hours")

    nb.md("## 2. Citizens who left", "part-2")
    nb.question(5, "Q5", 1, 'How many citizens **balked**? (`count(log, "balked")`)', "None", 'count(log, "balked")',
                form="code")
    nb.question(6, "Q6", 1, "How many citizens **reneged**?", "None", 'count(log, "reneged")', form="code")
    nb.question(7, "Q7", 1, """A citizen **balked**. What happened?

- a) she waited a long time, then left before her number was called
- b) she saw how long the line was and left at once, without joining it
- c) she was served but was unhappy
- d) she came back another day with missing papers
""", '""', '"b"')
    nb.question(8, "Q8", 1, """A citizen **reneged**. What happened?

- a) he joined the line, waited, and gave up before his number was called
- b) he refused to take a ticket
- c) he was sent to another office
- d) he was served by a flexible official
""", '""', '"a"')

    nb.md(f"""
## 3. Service level, Little's law, utilisation

The ward's target is that nobody waits more than 20 minutes. `day_summary()` shows the other figures you need.
""", "part-3")
    nb._cell("code", "day_summary()", "show-summary")
    nb.question(9, "Q9", 2, """What **percentage** of the served citizens waited **more than 20 minutes**?
(`share_over(log, "wait_min", 20)`)""", "None", 'share_over(log, "wait_min", 20)', form="code")
    nb.question(10, "Q10", 2, """**Little's law**: the average number of people in line L equals the arrival
rate λ times the average time in line W: L = λ × W. Take λ = visitors who joined the line divided by the
minutes from the first ticket until the line emptied, and W = the average time in line (both in
`day_summary()`). How many people were in line on average? You may type the calculation, e.g. `250 / 560 * 10`.""",
                "None",
                '(day_summary()["visitors who joined the line"]\n'
                '             / day_summary()["minutes from the first ticket until the line emptied"]\n'
                '             * day_summary()["average time in line (minutes)"])', form="code")
    nb.question(11, "Q11", 1, """`day_summary()` shows the counters' utilisation. What would a utilisation of,
say, 90% mean?

- a) the counter officials spent 90% of their time on duty serving citizens
- b) 90% of the citizens were served
- c) 90% of the counters were open
- d) the citizens were 90% satisfied
""", '""', '"a"')
    nb.question(12, "Q12", 1, "What was the counters' utilisation this Monday, in percent?", "None",
                'day_summary()["counter utilisation (%)"]', form="code")

    nb.md("## 4. What would you change?", "part-4")
    nb.written(13, 4, """Using the figures above (the busiest hour, the waits, the citizens who left, the
utilisation), write a short note (4 to 6 sentences) to the head of the centre: what went wrong this Monday and
one concrete change you propose for the next Monday like it.""", """
This Monday three counter officials served about 250 citizens. The counters were busy 90% of the time, so the
line grew in the morning peak (most tickets between 08:00 and 09:00): one served citizen in four waited more
than our 20-minute target, and over 40 citizens left, 32 of them without even taking a ticket. Citizens who
leave come back another day, so the work is not avoided, only delayed. I propose that on Mondays one
back-office official opens a fourth counter from 07:30 to 10:30 when two counter officials are absent, and
that we tell citizens the quieter afternoon hours on the notice board.
""", """
| criterion | points |
|---|---|
| uses at least two figures from the log correctly (wait, percentile or share over target, peak hour, citizens who left, utilisation) | 1 |
| explains the cause: demand above capacity in the peak, high utilisation makes waits grow fast | 1 |
| proposes one concrete, feasible change (who, when, how long) linked to the cause | 1 |
| clear and short: a note a busy head of centre can act on | 1 |
""")
    return nb
