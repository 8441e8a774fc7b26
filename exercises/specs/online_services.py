"""Spec of the ``online-services`` assignment (build with ``python exercises/make_notebooks.py online-services``)."""
from make_notebooks import POINTS, Notebook


def build():
    nb = Notebook("online-services")
    nb.setup("from grading.course.online import july_report, pending_dossiers, finished_sample\n"
             "from grading.course.procedures import due_date, calendar_month")
    nb.md(f"""
# Online dossiers and their deadlines

In July 2025, its first month, the Kim Boi centre received **705 dossiers: 692 online and 13 in person**.
**Over 60%** were resolved ahead of their legal deadline (trước hạn), the rest on schedule, and there were no
complaints. Online dossiers arrive day and night through the national portal, or are submitted at the centre
with a guide's help; the back office works through them against their deadlines.

In this assignment you order waiting dossiers by deadline, spot those at risk of being late, count early,
on-time and late dossiers, and check that the centre's simulator reproduces Kim Boi's July.

{POINTS}

**How to type answers**: a number (or the helper call that gives it); a list of dossier numbers in square
brackets like `["HS-0012", "HS-0007"]`; a date day first between quotes like `"31/07/2025"`; a letter like `"a"`.
""", "intro")

    nb.md("## 1. The published July", "part-1")
    nb.question(1, "O1", 1, "How many dossiers did Kim Boi receive in July 2025?", "None", "705", expected="705")
    nb.question(2, "O2", 1, "What percentage of them were online? (you may type the calculation)", "None",
                "692 / 705 * 100", expected="692 / 705 * 100")

    nb.md("## 2. The simulated July\n\nThe simulator replays the month with Kim Boi's staff and demand:",
          "part-2")
    nb._cell("code", "july_report()", "show-report")
    nb.question(3, "O3", 1, "How many dossiers did the simulated centre receive in July?", "None",
                'july_report()["dossiers received"]')
    nb.question(4, "O4", 1, "What is the simulated **online share**, in percent?", "None",
                'july_report()["online share (%)"]')
    nb.question(5, "O5", 1, "What percentage of the resolved online dossiers were resolved **early**?", "None",
                'july_report()["online resolved early (%)"]')
    nb.question(6, "O6", 1, """Does the simulated July reproduce the published one (online share about 98%,
over 60% early)?

- a) yes
- b) no
""", '""', '"a"')
    nb.question(7, "O7", 1, "How many dossiers were still in progress at the end of the simulated July?",
                "None", 'july_report()["still in progress on 31 July"]')

    nb.md("""
## 3. Monday morning in the back office

On Monday 21/07/2025 at 08:00 these online dossiers are waiting (`pending_dossiers()`):
""", "part-3")
    nb._cell("code", "pending_dossiers()", "show-pending")
    nb.question(8, "O8", 2, """Put the dossiers **in the order they should be handled**: the earliest deadline
first. Type the list of all their numbers.""", "[]",
                'list(pending_dossiers().sort_values("due", key=lambda s: s.str.slice(6, 10) + s.str.slice(3, 5)'
                ' + s.str.slice(0, 2)).index)')
    nb.question(9, "O9", 2, """Which of them are **at risk**: already overdue, due today, or due by the end of
the next working day (22/07/2025)? Order does not matter.""", "[]",
                '[d for d, due in pending_dossiers()["due"].items() if due[6:10] + due[3:5] + due[0:2] <= "20250722"]')
    nb.question(10, "O10", 1, """A citizen sends a **marital status confirmation** (3 working days) through the
portal on **Saturday 26/07/2025 at 21:40**. What is its due date? (`calendar_month(2025, 7)` and
`calendar_month(2025, 8)` may help; `due_date(...)` from the procedures assignment works too.)""", '""',
                'due_date("marital_status_confirmation", "26/07/2025 21:40")')

    nb.md("""
## 4. Early, on time or late?

A dossier is **early** when it is finished on a working day *before* its due date, **on time** when it is
finished on the due date itself (before the due time), **late** when it is finished after the due time.
""", "part-4")
    nb._cell("code", "finished_sample()", "show-sample")
    nb.question(11, "O11", 1, "How many of these ten dossiers were resolved **early**?", "None",
                'sum(f[6:10] + f[3:5] + f[0:2] < d[6:10] + d[3:5] + d[0:2] '
                'for d, f in zip(finished_sample()["due"], finished_sample()["finished"]))')
    nb.question(12, "O12", 2, "What **percentage** of these ten dossiers were **late**?", "None",
                '100 * sum(f[6:10] + f[3:5] + f[0:2] + f[11:] > d[6:10] + d[3:5] + d[0:2] + d[11:] '
                'for d, f in zip(finished_sample()["due"], finished_sample()["finished"])) / 10')

    nb.md("## 5. Reporting to the commune", "part-5")
    nb.written(13, 4, """Write a short paragraph (4 to 6 sentences) for the commune's monthly report: how the
centre handled online dossiers in July (use the published figures and what the simulation adds), and which
dossiers need attention first next week and why.""", """
In July the centre received 705 dossiers, 692 of them online (98%) and 13 in person. Over 60% were resolved
before their legal deadline and the rest on time, with no complaints. Our simulation of the month gives the
same picture (about 98% online, over 70% early), and shows that the early share comes from the civil-status
and certification dossiers, which are settled the same day, while land dossiers take most of their 10 working
days. On Monday 21 July the dossiers already overdue come first (every dossier in the back office's list whose
due date is before 21 July: we will apologise to those citizens in writing and give them a new date), then
those due on 21 and 22 July, in order of deadline; we will call the citizens concerned if a signature from
another office is still missing.
""", """
| criterion | points |
|---|---|
| states the published figures correctly (705 / 692 / 13, over 60% early) | 1 |
| compares with the simulation and says what it adds (which procedures are early or slow, backlog) | 1 |
| names the dossiers at risk as the data show them (every overdue one, then those due next) and the order of work (earliest deadline first) | 1 |
| clear, factual, suitable for an official report | 1 |
""")
    return nb
