"""The counter's paperwork: the graded items of the ``paperwork`` assignment.

The slips of the one-stop mechanism (one-time written guidance, refusal slip,
apology and new appointment slip), where a dossier may be received, who may
act for whom, the paper route without VNeID, papers an official may not
demand, and fee exemptions. Each answer rests on a rule of
``simulation/data/counter_rules.yaml`` (``LEGAL_FACTS`` of the key), which carries
its source; ``rule(...)`` shows an official the rule and where it comes from. The key is trainer-side
(``grading.key.paperwork``).
"""

__all__ = ["rule"]


def rule(rule_id):
    """The text of one counter rule and its source (e.g. ``rule("one_time_guidance")``)."""
    from simulation.scenario.catalogue import load_counter_rules

    found = load_counter_rules()[rule_id]
    return f"{found.text}\nSource: {found.source.cite()}"
