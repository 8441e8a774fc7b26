"""Answer key of the ``paperwork`` assignment: the counter's slips and rules, each resting on a rule of
``simulation/data/counter_rules.yaml`` that carries its source (``LEGAL_FACTS``). Trainer side only."""
from grading.key import Key
from simulation.i18n import N_

KEYS = (
    Key("PW1", "choice", "b",
        hint=N_("The citizen should have to come back only once: everything missing, in writing, at the same time.")),
    Key("PW2", "number", 1, hint=N_("How many times may the centre guide a citizen on the same dossier?")),
    Key("PW3", "choice", "c", hint=N_("A refusal is always in writing, and it says why.")),
    Key("PW4", "choice", "a",
        hint=N_("Before the due date, whatever the cause: an apology in writing and a new date.")),
    Key("PW5", "choice", "a",
        hint=N_("Since 1 July 2025 the commune centre receives dossiers from anywhere in the province.")),
    Key("PW6", "choice", "b", hint=N_("The citizen may choose the civil-status office.")),
    Key("PW7", "set", ["b", "d"],
        hint=N_("Which registrations need the parties themselves, in front of the official?")),
    Key("PW8", "choice", "c", hint=N_("No VNeID account is no reason to turn a citizen away.")),
    Key("PW9", "set", ["a", "b", "c"],
        hint=N_("Keep the papers the office can look up in a database, or that no longer exist.")),
    Key("PW10", "set", ["a", "b", "d"],
        hint=N_("The Law on Civil Status makes some registrations free; certification has a fee.")),
    Key("PW11", "choice", "a",
        hint=N_("Some families are exempt from civil-status fees whatever the registration.")),
)

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
