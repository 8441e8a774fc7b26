"""The counter's paperwork: the graded items of the ``paperwork`` assignment.

The slips of the one-stop mechanism (one-time written guidance, refusal slip,
apology and new appointment slip), where a dossier may be received, who may
act for whom, the paper route without VNeID, papers an official may not
demand, and fee exemptions. Each answer rests on a rule of
``simulation/data/counter_rules.yaml`` (``LEGAL_FACTS`` below), which carries
its source; ``rule(...)`` shows an official the rule and where it comes from.
"""
from grading.checks import Item, register

__all__ = ["rule"]


def rule(rule_id):
    """The text of one counter rule and its source (e.g. ``rule("one_time_guidance")``)."""
    from simulation.scenario.catalogue import load_counter_rules

    found = load_counter_rules()[rule_id]
    return f"{found.text}\nSource: {found.source.cite()}"


ITEMS = tuple(register(item) for item in (
    Item("PW1", "choice", "b", example='"b"',
         hint="The citizen should have to come back only once: everything missing, in writing, at the same time."),
    Item("PW2", "number", 1, example="2", hint="How many times may the centre guide a citizen on the same dossier?"),
    Item("PW3", "choice", "c", example='"c"', hint="A refusal is always in writing, and it says why."),
    Item("PW4", "choice", "a", example='"a"',
         hint="Before the due date, whatever the cause: an apology in writing and a new date."),
    Item("PW5", "choice", "a", example='"a"',
         hint="Since 1 July 2025 the commune centre receives dossiers from anywhere in the province."),
    Item("PW6", "choice", "b", example='"b"', hint="The citizen may choose the civil-status office."),
    Item("PW7", "set", ["b", "d"], example='["a"]',
         hint="Which registrations need the parties themselves, in front of the official?"),
    Item("PW8", "choice", "c", example='"c"', hint="No VNeID account is no reason to turn a citizen away."),
    Item("PW9", "set", ["a", "b", "c"], example='["d"]',
         hint="Keep the papers the office can look up in a database, or that no longer exist."),
    Item("PW10", "set", ["a", "b", "d"], example='["c"]',
         hint="The Law on Civil Status makes some registrations free; certification has a fee."),
    Item("PW11", "choice", "a", example='"a"',
         hint="Some families are exempt from civil-status fees whatever the registration."),
))

# item -> the counter rules its key rests on (exercises/legal_table.py; a test checks each is law with a source)
LEGAL_FACTS = {
    "PW1": (("rule", "one_time_guidance"),),
    "PW2": (("rule", "one_time_guidance"),),
    "PW3": (("rule", "refusal_reason"),),
    "PW4": (("rule", "apology_slip"),),
    "PW5": (("rule", "province_wide"),),
    "PW6": (("rule", "choose_civil_status_office"),),
    "PW7": (("rule", "authorisation"),),
    "PW8": (("rule", "paper_route"),),
    "PW9": (("rule", "no_marital_status_paper"), ("rule", "no_parents_marriage_certificate"),
            ("rule", "no_household_book")),
    "PW10": (("rule", "fee_exemptions"),),
    "PW11": (("rule", "fee_exemptions"),),
}
NOT_LEGAL = {}
