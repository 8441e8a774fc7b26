"""The table of every graded legal fact and its source, written into ``exercises/README.md``.

Each graded item of the course names the legal facts its key rests on
(``LEGAL_FACTS`` in ``grading/course/procedures.py`` and ``paperwork.py``): a
fact of a procedure in ``simulation/data/procedures.yaml``, a declared day of
``simulation/data/calendar_vn.yaml`` or a counter rule of
``simulation/data/counter_rules.yaml``. This script resolves them to their
sources and rewrites the table between the README's markers; a test fails when
the README differs, or when a graded fact is not law with a complete source.

    python exercises/legal_table.py          # rewrite the table in exercises/README.md
    python exercises/legal_table.py --check  # exit 1 when the README is stale
"""
import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
BEGIN, END = "<!-- legal-facts:begin -->", "<!-- legal-facts:end -->"
MODULES = {"procedures": "grading.course.procedures", "online-services": "grading.course.online",
           "paperwork": "grading.course.paperwork"}
# graded legal facts of assignments whose course module does not list them itself
OTHER_FACTS = {
    "communication": {
        "C10": (("procedure", "marriage_registration", "legal_time"),
                ("procedure", "marriage_registration_verification", "legal_time")),
        "C11": (("procedure", "marriage_registration", "online_level"),),
    },
}
FACT_WORDS = {"legal_time": "legal time", "cutoff": "15:00 cut-off", "documents": "documents",
              "online_level": "online level"}


def resolve(ref):
    """(fact in words, Source) of one reference."""
    from simulation import WorkingCalendar
    from simulation.scenario.catalogue import load_catalogue, load_counter_rules

    kind = ref[0]
    if kind == "procedure":
        _, pid, fact = ref
        proc = load_catalogue()[pid]
        value = {"legal_time": proc.legal_time.describe(), "cutoff": f"after {proc.legal_time.cutoff:%H:%M}" if
                 proc.legal_time.cutoff else "", "documents": "; ".join(proc.documents),
                 "online_level": proc.online_level}[fact]
        return f"{pid}: {FACT_WORDS[fact]} = {value}", proc.source(fact)
    if kind == "calendar":
        day = dt.date.fromisoformat(ref[1])
        calendar = WorkingCalendar()
        what = calendar.holiday_name(day) or calendar.make_up_name(day) or "working day"
        return f"{day:%d/%m/%Y}: {what}", calendar.day_source(day)
    if kind == "rule":
        found = load_counter_rules()[ref[1]]
        return f"{found.id}: {found.text}", found.source
    raise ValueError(f"unknown legal fact reference {ref!r}: kinds are procedure, calendar, rule")


def graded_facts():
    """(assignment, item, fact in words, Source) for every legal fact a graded item rests on, in item order."""
    import importlib

    tables = {assignment: importlib.import_module(name).LEGAL_FACTS for assignment, name in MODULES.items()}
    tables.update(OTHER_FACTS)
    rows = []
    for assignment, facts in tables.items():
        for item_id, refs in facts.items():
            for ref in refs:
                fact, source = resolve(ref)
                rows.append((assignment, item_id, fact, source))
    return rows


def problems(rows=None):
    """One line per graded fact that is not law with a complete source (a test asserts there are none)."""
    found = []
    for assignment, item_id, fact, source in graded_facts() if rows is None else rows:
        if source is None:
            found.append(f"{assignment} {item_id}: {fact}: no source")
        elif not source.is_law:
            found.append(f"{assignment} {item_id}: {fact}: graded as law but is a planning assumption")
        elif not source.complete():
            found.append(f"{assignment} {item_id}: {fact}: the source lacks its document, article or date")
    return found


def render():
    lines = ["| assignment | item | graded fact | source | in force from |", "|---|---|---|---|---|"]
    for assignment, item_id, fact, source in graded_facts():
        cell = fact.replace("|", "/")
        if source is None:
            lines.append(f"| {assignment} | {item_id} | {cell} | **NO SOURCE** | |")
        elif not source.is_law:
            lines.append(f"| {assignment} | {item_id} | {cell} | **planning assumption**: {source.note} | |")
        else:
            lines.append(f"| {assignment} | {item_id} | {cell} | {source.document}, {source.article} "
                         f"| {source.effective:%d/%m/%Y} |")
    return "\n".join(lines)


def updated_readme(text):
    if BEGIN not in text or END not in text:
        raise ValueError(f"{README}: the markers {BEGIN} and {END} are missing")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{render()}\n{END}{tail}"


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    text = README.read_text(encoding="utf-8")
    new = updated_readme(text)
    if "--check" in argv:
        if new != text:
            print(f"{README.name}: the legal-fact table is stale; run python exercises/legal_table.py")
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    print(f"wrote the legal-fact table of {README.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
